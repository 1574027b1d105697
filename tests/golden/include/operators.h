/* operators.h: the C side of tests/golden/pass/operators.in. */
#include <stdint.h>

typedef struct money { int64_t cents; } Money;
Money money_new(int64_t cents);
Money money_add(const Money *a, const Money *b);
Money money_times(const Money *m, int32_t k);       /* m * k and k * m */
Money money_rsub(const Money *m, int64_t cents);    /* cents - m */
void money_add_assign(Money *m, const Money *other);
int money_split_assign(Money *m, int32_t ways);     /* 0, or a status */
const char *money_strerror(int status);
Money money_pow(const Money *m, uint32_t n);
Money money_rpow(const Money *m, int64_t base);
void money_pow_assign(Money *m, uint32_t n);
int64_t money_dot(const Money *a, const Money *b);
void money_dot_assign(Money *a, const Money *b);
