/* types_impl.h: what the two halves of the e2e_types test library (types.c and
 * types_classes.c) share and the module does not see: the counters, the last error's
 * text, and a copy of a string into memory types_free releases. */
#ifndef E2E_TYPES_IMPL_H
#define E2E_TYPES_IMPL_H

#include "types.h"

extern int64_t types_stats[TYPES_STAT_COUNT];
extern char types_last_error_text[128];

void types_set_error(const char *text);
char *types_dup_text(const char *s);

#endif /* E2E_TYPES_IMPL_H */
