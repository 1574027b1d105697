/* foo.h: declarations the golden case seed.in binds, so its expected output can be
 * compiled with every warning as an error. */
#include <stdint.h>
typedef struct Foo { int32_t val; } Foo;
Foo Foo_new(int32_t val);
void Foo_set_field(Foo *self, int32_t val);
int32_t Foo_val(const Foo *self);
