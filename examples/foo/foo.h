/* foo.h: the seed walk-through's `Foo` (a Rust struct in flapigen's blog post) as a small
 * C library: a value type with a constructor, a setter and a getter. glue.in wraps it. */
#ifndef FOO_H
#define FOO_H

#include <stdint.h>

typedef struct Foo {
    int32_t val;
} Foo;

/* Foo::new: a Foo holding `val`, returned by value. */
Foo Foo_new(int32_t val);
/* Foo::set_field: replace the held value. */
void Foo_set_field(Foo *self, int32_t new_val);
/* Foo::val: the held value. */
int32_t Foo_val(const Foo *self);

#endif /* FOO_H */
