/* benchlib.c: the benchmark's C library (see benchlib.h). Kept out of line and trivial so
 * that the measured time is the binding's call overhead. */
#include "benchlib.h"

Point Point_new(int32_t x)
{
    Point p = {x};
    return p;
}

int32_t Point_get(const Point *p)
{
    return p->x;
}

void Point_set(Point *p, int32_t x)
{
    p->x = x;
}

int64_t Point_add3(int64_t a, int64_t b, int64_t c)
{
    return a + b + c;
}

int64_t bench_sum_i32(const int32_t *v, size_t n)
{
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    return sum;
}
