/* counter.h: an opaque-handle C library for the end-to-end tests. Counter objects live on
 * the heap; the library counts constructions and frees so the tests can check, from Python,
 * that the generated wrapper calls Counter_free exactly once per object and only when the
 * Python object dies. */
#ifndef E2E_COUNTER_H
#define E2E_COUNTER_H

#include <stdint.h>

typedef struct Counter Counter;

/* A new counter holding `start`; NULL only when out of memory. */
Counter *Counter_new(int64_t start);
/* A new counter holding a + b (a static factory of the class). */
Counter *Counter_from_sum(int64_t a, int64_t b);
/* Release a counter; each handle must be freed exactly once. */
void Counter_free(Counter *self);

void Counter_add(Counter *self, int64_t n);
int64_t Counter_get(const Counter *self);

/* Counters created and not yet freed. */
int32_t Counter_live(void);
/* Counter_free calls since the library was loaded. */
int64_t Counter_frees(void);
/* Calls that got a handle that was not live (freed, or never made): must stay 0. */
int32_t Counter_bad_handles(void);

/* A free function exposed under an alias (`twice`): returns 2 * x. */
int32_t counter_twice(int32_t x);

#endif /* E2E_COUNTER_H */
