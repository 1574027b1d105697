/* pair.c: the outside-project test's C library (see pair.h). */
#include "pair.h"

Pair Pair_new(int32_t a, int32_t b)
{
    Pair pair = {a, b};
    return pair;
}

int64_t Pair_sum(const Pair *self)
{
    return (int64_t)self->a + self->b;
}
