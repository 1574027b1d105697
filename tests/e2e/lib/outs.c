/* outs.c: the e2e_outs test library (see outs.h). */
#include "outs.h"
#include <stdlib.h>
#include <string.h>
/* Defined for every input the binding accepts: b == 0 gives 0 and 0; INT32_MIN / -1,
 * which overflows, wraps to INT32_MIN with remainder 0. */
void divmod_c(int32_t a, int32_t b, int32_t *q, int32_t *r)
{
    if (b == 0 || (a == INT32_MIN && b == -1)) {
        *q = b == 0 ? 0 : INT32_MIN;
        *r = 0;
        return;
    }
    *q = a / b;
    *r = a % b;
}
bool parse_num(const char *t, double *v) { char *e; *v = strtod(t, &e); return e != t && !*e; }
uint32_t count_words(const char *t, uint32_t *longest) { uint32_t n = 0, cur = 0; *longest = 0; for (;; t++) { if (*t && *t != ' ') cur++; else { if (cur) { n++; if (cur > *longest) *longest = cur; } cur = 0; if (!*t) break; } } return n; }
struct Counter { uint32_t i, n; };
Counter *counter_new(uint32_t n) { Counter *c = calloc(1, sizeof *c); c->n = n; return c; }
void counter_free(Counter *c) { free(c); }
bool counter_next(Counter *c, uint32_t *out) { if (c->i >= c->n) return false; *out = c->i++; return true; }
