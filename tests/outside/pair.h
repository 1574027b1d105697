/* pair.h: the C library of the outside-project test: a pair of integers, by value. */
#ifndef OUTSIDE_PAIR_H
#define OUTSIDE_PAIR_H

#include <stdint.h>

typedef struct Pair {
    int32_t a;
    int32_t b;
} Pair;

Pair Pair_new(int32_t a, int32_t b);
int64_t Pair_sum(const Pair *self);

#endif /* OUTSIDE_PAIR_H */
