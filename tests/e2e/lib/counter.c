/* counter.c: the opaque-handle test library (see counter.h). Every handle carries a magic
 * word that Counter_free clears, so a wrapper that passes a freed or foreign pointer is
 * counted in Counter_bad_handles() (best effort: the memory is really freed). */
#include "counter.h"

#include <stdlib.h>

#define COUNTER_MAGIC 0xC0FFEE01u

struct Counter {
    uint32_t magic;
    int64_t value;
};

static int64_t counter_news;
static int64_t counter_frees;
static int32_t counter_bad;

static int counter_ok(const Counter *self)
{
    if (self != NULL && self->magic == COUNTER_MAGIC)
        return 1;
    counter_bad++;
    return 0;
}

Counter *Counter_new(int64_t start)
{
    Counter *self = malloc(sizeof *self);
    if (self == NULL)
        return NULL;
    self->magic = COUNTER_MAGIC;
    self->value = start;
    counter_news++;
    return self;
}

Counter *Counter_from_sum(int64_t a, int64_t b)
{
    int64_t sum;
    /* The sum saturates rather than overflow. */
    if (__builtin_add_overflow(a, b, &sum))
        sum = a > 0 ? INT64_MAX : INT64_MIN;
    return Counter_new(sum);
}

void Counter_free(Counter *self)
{
    if (!counter_ok(self))
        return;
    self->magic = 0;
    counter_frees++;
    free(self);
}

void Counter_add(Counter *self, int64_t n)
{
    /* The value saturates rather than overflow. */
    if (counter_ok(self) && __builtin_add_overflow(self->value, n, &self->value))
        self->value = n > 0 ? INT64_MAX : INT64_MIN;
}

int64_t Counter_get(const Counter *self)
{
    return counter_ok(self) ? self->value : INT64_MIN;
}

int32_t Counter_live(void)
{
    return (int32_t)(counter_news - counter_frees);
}

int64_t Counter_frees(void)
{
    return counter_frees;
}

int32_t Counter_bad_handles(void)
{
    return counter_bad;
}

int32_t counter_twice(int32_t x)
{
    /* Wraps as two's complement instead of overflowing. */
    return (int32_t)(2u * (uint32_t)x);
}
