/* foo.c: the implementation of the seed walk-through's Foo (see foo.h). */
#include "foo.h"

Foo Foo_new(int32_t val)
{
    Foo foo = {val};
    return foo;
}

void Foo_set_field(Foo *self, int32_t new_val)
{
    self->val = new_val;
}

int32_t Foo_val(const Foo *self)
{
    return self->val;
}
