/* scale.c: the consumer_scale library (see scale.h). */
#include "scale.h"

int64_t scale_mul(int32_t a, int32_t b)
{
    return (int64_t)a * b;
}
