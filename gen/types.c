/* types.c: the table behind types.h. Adding a primitive type is one row here plus its
 * cbpy_arg_/cbpy_ret_ pair in the runtime; docs/glue-language.md mirrors this table. */
#include "types.h"

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

const gen_prim *gen_prim_unit(void)
{
    return &prims[0];
}

const gen_prim *gen_prim_all(size_t *n)
{
    *n = sizeof prims / sizeof prims[0];
    return prims;
}
