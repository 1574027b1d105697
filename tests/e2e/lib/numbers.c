/* numbers.c: the identity functions declared in numbers.h. */
#include "numbers.h"

#define NUMBERS_DEFINE_ECHO(name, ctype) \
    ctype echo_##name(ctype v) { return v; }
NUMBERS_TYPES(NUMBERS_DEFINE_ECHO)
#undef NUMBERS_DEFINE_ECHO

int64_t sum3(int8_t a, uint16_t b, int64_t c)
{
    return (int64_t)a + (int64_t)b + c;
}
