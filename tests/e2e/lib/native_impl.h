/* native_impl.h: what the two halves of the e2e_native test library (native.c and
 * native_handles.c) share and the module does not see: the counters, and formatting into
 * malloc'ed text (the module's String results are released with free()). */
#ifndef E2E_NATIVE_IMPL_H
#define E2E_NATIVE_IMPL_H

#include "native.h"

extern int64_t native_stats[NATIVE_STAT_COUNT];

#ifdef __GNUC__
__attribute__((format(printf, 1, 2)))
#endif
char *native_format(const char *fmt, ...);

#endif /* E2E_NATIVE_IMPL_H */
