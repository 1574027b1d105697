/* lower.h: lowering, from the checked module model (model.h) to the template values
 * (tmpl.h) that the templates/ directory expand. Everything computed about the output (C names,
 * calling conventions, docstrings, conversions) is decided here, so templates stay
 * logic-less and the model stays free of C text.
 *
 * Invariant: the returned value tree lives in the arena and depends only on the model and
 * the names passed in, so identical input lowers to identical values.
 */
#ifndef CBPY_GEN_LOWER_H
#define CBPY_GEN_LOWER_H

#include "arena.h"
#include "model.h"
#include "tmpl.h"

/* out_path and fragment_path: the outputs, named in their header comments; source_ref: how
 * the build fragment refers to the generated C file. */
gen_tv *gen_lower(gen_arena *a, const gen_module *m, const char *out_path,
                  const char *fragment_path, const char *source_ref);

/* The values of templates/stub.pyi.tmpl: the module's .pyi stub (lower_stub.c). */
gen_tv *gen_lower_stub(gen_arena *a, const gen_module *m);

/* s as the body of a C string literal: quotes, backslashes, control bytes and trigraph
 * openers escaped. */
const char *gen_lower_c_string(gen_arena *a, const char *s);

#endif
