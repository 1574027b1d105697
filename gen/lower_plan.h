/* lower_plan.h: the call plan's part of lowering (lower_plan.c): the C arguments of a call
 * in C order, and the template values that prepare and finish them.
 *
 * Invariants:
 * - Generated variables follow lower_conv.h's scheme plus: n<I> (the length passed as C
 *   argument I, 1-based), out<K> (out-value K), ob<K> (output buffer K, a cbpy_outbuf).
 * - out_convs[k] is the Python conversion of out k, one expression each.
 */
#ifndef CBPY_GEN_LOWER_PLAN_H
#define CBPY_GEN_LOWER_PLAN_H

#include "lower_conv.h"

/* Appends fn's C arguments to call (self_arg for self, passed[i] for parameter i), sets
 * w's plan values (plan_decls, plan_checks, after_call, binds_in, outbufs, zero_outs and
 * the stream_* keys of a bound output), and fills out_convs[0..nouts). */
void gen_lower_plan(lower *l, const gen_fn *fn, gen_tv *w, call_shape shape, const char *self_arg,
                    const char *const *passed, gen_strbuf *call, const char **out_convs);
/* expr with the names of fn's parameters replaced by their C values and `len(name)` by
 * the length of buffer or text parameter name. */
const char *gen_lower_c_expr(lower *l, const gen_fn *fn, const char *expr);

/* The C handle a function's error message is read from: self's value, else the handle an
 * out-value hands back (even when the call failed), else "NULL". */
const char *gen_lower_handle(lower *l, const gen_fn *fn);

#endif
