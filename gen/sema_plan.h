/* sema_plan.h: the call-plan half of sema (sema_plan.c): reads a glue parameter list into
 * a function's Python parameters, its C arguments with their roles, and its outputs.
 *
 * Invariants (on success):
 * - fn->args lists every C parameter once, in C order; GEN_ARG_PARAM and GEN_ARG_LEN index
 *   fn->params or fn->outs within bounds; a LEN's buffer has len_given (or len_arg) set.
 * - fn->params are the Python-visible parameters in glue order, pos 1-based; npos_only and
 *   nrequired describe them as before.
 */
#ifndef CBPY_GEN_SEMA_PLAN_H
#define CBPY_GEN_SEMA_PLAN_H

#include "ast.h"
#include "sema_int.h"

/* Fills fn->self, params, args and outs from m's parameter list; 0, or -1 after reporting. */
int gen_sema_plan(gen_sema_ctx *s, const ast_member *m, gen_class *cls, gen_fn *fn);
/* A parameter's default value as C and Python write it; -1 after reporting. */
int gen_sema_resolve_default(gen_sema_ctx *s, const ast_value *v, gen_param *p);
/* A value used as a C expression (fixed arguments, sizes, statuses); NULL after reporting
 * a form that is not one; `what` names the use in the message. */
const char *gen_sema_c_expr(gen_sema_ctx *s, const ast_value *v, const char *what);

/* Every value of a list as a C expression, in a new array *out; the count, or (size_t)-1
 * after reporting a value that is not one. */
size_t gen_sema_c_exprs(gen_sema_ctx *s, const ast_value *values, const char *what,
                        const char ***out);

#endif
