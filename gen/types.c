/* types.c: the table behind types.h. Adding a primitive type is one row here plus its
 * cbpy_arg_/cbpy_ret_ pair in the runtime; docs/glue-language.md mirrors this table. */
#include "types.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const gen_prim prims[] = {
    {"()", "void", "void", NULL, "None", GEN_PRIM_UNIT},
    {"bool", NULL, "bool", "bool", "bool", GEN_PRIM_BOOL},
    {"i8", "int8_t", "int8_t", "i8", "int", GEN_PRIM_INT},
    {"i16", "int16_t", "int16_t", "i16", "int", GEN_PRIM_INT},
    {"i32", "int32_t", "int32_t", "i32", "int", GEN_PRIM_INT},
    {"i64", "int64_t", "int64_t", "i64", "int", GEN_PRIM_INT},
    {"u8", "uint8_t", "uint8_t", "u8", "int", GEN_PRIM_INT},
    {"u16", "uint16_t", "uint16_t", "u16", "int", GEN_PRIM_INT},
    {"u32", "uint32_t", "uint32_t", "u32", "int", GEN_PRIM_INT},
    {"u64", "uint64_t", "uint64_t", "u64", "int", GEN_PRIM_INT},
    {"isize", "ptrdiff_t", "ptrdiff_t", "isize", "int", GEN_PRIM_INT},
    {"usize", "size_t", "size_t", "usize", "int", GEN_PRIM_INT},
    {"f32", "float", "float", "f32", "float", GEN_PRIM_FLOAT},
    {"f64", "double", "double", "f64", "float", GEN_PRIM_FLOAT},
};

const gen_prim *gen_prim_find(const char *name)
{
    for (size_t i = 0; i < sizeof prims / sizeof prims[0]; i++)
        if (strcmp(prims[i].glue, name) == 0 ||
            (prims[i].c_alias && strcmp(prims[i].c_alias, name) == 0))
            return &prims[i];
    return NULL;
}

int gen_prim_int_fits(const gen_prim *p, const char *text)
{
    static const struct {
        const char *suffix;
        long long min;
        unsigned long long max;
    } ranges[] = {
        {"i8", INT8_MIN, INT8_MAX},       {"i16", INT16_MIN, INT16_MAX},
        {"i32", INT32_MIN, INT32_MAX},    {"i64", INT64_MIN, INT64_MAX},
        {"isize", PTRDIFF_MIN, PTRDIFF_MAX}, {"u8", 0, UINT8_MAX},
        {"u16", 0, UINT16_MAX},           {"u32", 0, UINT32_MAX},
        {"u64", 0, UINT64_MAX},           {"usize", 0, SIZE_MAX},
    };
    if (p->kind != GEN_PRIM_INT)
        return 1;
    int negative = text[0] == '-';
    errno = 0;
    char *end;
    unsigned long long magnitude = strtoull(text + negative, &end, 0);
    if (errno || *end)
        return 0;
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        if (strcmp(ranges[i].suffix, p->suffix) != 0)
            continue;
        if (negative)
            return ranges[i].min < 0 &&
                   magnitude <= (unsigned long long)(-(ranges[i].min + 1)) + 1;
        return magnitude <= ranges[i].max;
    }
    return 0;
}

const gen_prim *gen_prim_unit(void)
{
    return &prims[0];
}

const gen_prim *gen_prim_all(size_t *n)
{
    *n = sizeof prims / sizeof prims[0];
    return prims;
}
