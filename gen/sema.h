/* sema.h: checks and type resolution, from the AST (ast.h) to the module model (model.h).
 *
 * Invariant: gen_sema reports every problem it finds to the diag and returns their count;
 * the model is only fit for lowering when that count is 0.
 */
#ifndef CBPY_GEN_SEMA_H
#define CBPY_GEN_SEMA_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "model.h"

int gen_sema(gen_arena *arena, gen_diag *diag, const ast_file *file, gen_module *out);

#endif
