/* lower_errors.h: the error domains' part of lowering (lower_errors.c).
 *
 * Invariants: called once per module, after sema; the list it returns has one map per
 * domain, in the model's order, as templates/module.c.tmpl reads it ("errors"). */
#ifndef CBPY_GEN_LOWER_ERRORS_H
#define CBPY_GEN_LOWER_ERRORS_H

#include "lower_conv.h"

/* The template values of every error domain of l's module. */
gen_tv *gen_lower_errors(lower *l);

#endif
