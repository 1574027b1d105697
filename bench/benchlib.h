/* benchlib.h: the tiny C library every binding in the benchmark calls, so that only the
 * binding's own overhead differs: a value type with a getter and setter, a static
 * function of three arguments, and a sum over an array (a buffer argument). */
#ifndef BENCHLIB_H
#define BENCHLIB_H

#include <stdint.h>

typedef struct Point {
    int32_t x;
} Point;

Point Point_new(int32_t x);
int32_t Point_get(const Point *p);
void Point_set(Point *p, int32_t x);
int64_t Point_add3(int64_t a, int64_t b, int64_t c);
#include <stddef.h>
int64_t bench_sum_i32(const int32_t *v, size_t n);

#endif
