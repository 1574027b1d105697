/* shapes.h: the C library the install test's consumer project binds: a square, by value,
 * whose area comes from the consumer_scale library. */
#ifndef CONSUMER_SHAPES_H
#define CONSUMER_SHAPES_H

#include <stdint.h>

typedef struct Square {
    int32_t side;
} Square;

Square Square_new(int32_t side);
int64_t Square_area(const Square *self);

#endif /* CONSUMER_SHAPES_H */
