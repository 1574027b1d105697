/* outs.h: the e2e_outs test library: functions that return through out-parameters. */
#include <stdbool.h>
#include <stdint.h>
typedef struct Counter Counter;
/* a / b and a % b; b == 0 gives 0 and 0, INT32_MIN / -1 gives INT32_MIN and 0. */
void divmod_c(int32_t a, int32_t b, int32_t *q, int32_t *r);
bool parse_num(const char *text, double *value);
uint32_t count_words(const char *text, uint32_t *longest);
Counter *counter_new(uint32_t n);
void counter_free(Counter *c);
bool counter_next(Counter *c, uint32_t *out);
