/* numbers.h: identity functions over every scalar type of the glue language, for the
 * end-to-end round-trip and range tests: echo_<glue type>(v) returns v. */
#ifndef E2E_NUMBERS_H
#define E2E_NUMBERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* X(glue type, C type) for every scalar type. */
#define NUMBERS_TYPES(X) \
    X(bool, bool)        \
    X(i8, int8_t)        \
    X(i16, int16_t)      \
    X(i32, int32_t)      \
    X(i64, int64_t)      \
    X(u8, uint8_t)       \
    X(u16, uint16_t)     \
    X(u32, uint32_t)     \
    X(u64, uint64_t)     \
    X(isize, ptrdiff_t)  \
    X(usize, size_t)     \
    X(f32, float)        \
    X(f64, double)

#define NUMBERS_DECLARE_ECHO(name, ctype) ctype echo_##name(ctype v);
NUMBERS_TYPES(NUMBERS_DECLARE_ECHO)
#undef NUMBERS_DECLARE_ECHO

/* a + b + c: errors in the second argument must name argument 2. */
int64_t sum3(int8_t a, uint16_t b, int64_t c);

#endif /* E2E_NUMBERS_H */
