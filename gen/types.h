/* types.h: the type table, the one place that says how each glue type crosses into C and
 * back: its C spelling, the runtime conversion it uses, and the Python type users see.
 * sema resolves glue spellings (flapigen's `i32` and C's `int32_t` alike) through it; lower
 * reads the C spelling and runtime suffix from it.
 *
 * Invariants:
 * - Every entry with a non-NULL `suffix` has cbpy_arg_<suffix> and cbpy_ret_<suffix> in
 *   runtime/cbpy.h; the unit type `()` has only cbpy_ret_unit.
 * - Glue names and C aliases are unique across the table.
 */
#ifndef CBPY_GEN_TYPES_H
#define CBPY_GEN_TYPES_H

#include <stddef.h>

typedef enum gen_prim_kind {
    GEN_PRIM_UNIT,
    GEN_PRIM_BOOL,
    GEN_PRIM_INT,
    GEN_PRIM_FLOAT,
} gen_prim_kind;

typedef struct gen_prim {
    const char *glue;     /* flapigen spelling: "i32" */
    const char *c_alias;  /* C spelling also accepted in glue files: "int32_t", or NULL */
    const char *c_type;   /* what the generated C declares: "int32_t" */
    const char *suffix;   /* runtime conversion suffix: "i32" -> cbpy_arg_i32 */
    const char *py_type;  /* what Python users pass and get: "int" */
    gen_prim_kind kind;
} gen_prim;

/* The entry whose glue name or C alias is `name`, or NULL. */
const gen_prim *gen_prim_find(const char *name);
/* The unit type `()`. */
const gen_prim *gen_prim_unit(void);
/* Whether the integer literal text (decimal or 0x hex, maybe negative) is in the range of
 * integer type p; for other types, 1. */
int gen_prim_int_fits(const gen_prim *p, const char *text);
/* All entries, for suggestions and documentation; *n receives the count. */
const gen_prim *gen_prim_all(size_t *n);

#endif
