/* shapes.c: the consumer project's C library (see shapes.h). */
#include "shapes.h"

#include "scale.h"

Square Square_new(int32_t side)
{
    Square square = {side};
    return square;
}

int64_t Square_area(const Square *self)
{
    return scale_mul(self->side, self->side);
}
