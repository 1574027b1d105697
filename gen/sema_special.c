/* sema_special.c: checks that a method mapped to a special method (`alias __len__;`) has
 * the shape its protocol needs (special.h's table): its self, parameters, result, outputs
 * and error form, and records which special method it is. */
#include <string.h>

#include "sema_int.h"
#include "special.h"

/* Whether fn gives Python nothing back: C returns void, or a status the call checks. */
static int returns_nothing(const gen_fn *fn)
{
    const gen_type *r = &fn->ret;
    int unit = r->kind == GEN_T_PRIM && r->prim->kind == GEN_PRIM_UNIT;
    return (unit || fn->ret_status || fn->true_status) && !fn->nouts && !fn->ret_count;
}

/* A special method's glue signature must fit the protocol it implements. */
int gen_sema_check_special(gen_sema_ctx *s, gen_fn *fn, gen_loc loc)
{
    static const char *const wanted[] = {"any result", "'&str' or 'String'", "'bool'",
                                         "an integer", "an 'Option<T>'", "nothing"};
    const gen_special *sp = gen_special_find(fn->py_name);
    const gen_type *r = &fn->ret;
    /* An in-place operator changes the object C holds: the rest read it. */
    int self_ok = sp->adapter == GEN_ADAPT_INPLACE
                      ? fn->self == GEN_SELF_MUT
                      : fn->self != GEN_SELF_NONE &&
                            (fn->self != GEN_SELF_MOVE || sp->adapter == GEN_ADAPT_EXIT);
    int result_ok = sp->result == GEN_RESULT_ANY ||
                    (sp->result == GEN_RESULT_TEXT &&
                     (r->kind == GEN_T_STR || r->kind == GEN_T_STRING) && !r->optional) ||
                    (sp->result == GEN_RESULT_BOOL && r->kind == GEN_T_PRIM &&
                     r->prim->kind == GEN_PRIM_BOOL) ||
                    (sp->result == GEN_RESULT_INT && r->kind == GEN_T_PRIM &&
                     r->prim->kind == GEN_PRIM_INT) ||
                    (sp->result == GEN_RESULT_OPTION && r->optional) ||
                    /* bool next(it, T *out): false ends the iteration */
                    (sp->result == GEN_RESULT_OPTION && fn->nouts && r->kind == GEN_T_PRIM &&
                     r->prim->kind == GEN_PRIM_BOOL) ||
                    /* status next(it, T **out) with `none S;`: S ends the iteration */
                    (sp->result == GEN_RESULT_OPTION && fn->nouts && fn->none_status) ||
                    (sp->result == GEN_RESULT_NONE && returns_nothing(fn));
    if (sp->adapter == GEN_ADAPT_ITER || sp->adapter == GEN_ADAPT_METHOD)
        result_ok = r->kind == GEN_T_CLASS && !r->optional;
    if (sp->adapter == GEN_ADAPT_METHOD)
        result_ok = result_ok && r->cls == fn->cls && r->pass == GEN_PASS_OWNED;
    /* Only a bool `__next__` may hand its value back through an out-parameter. */
    int outs_ok = !fn->nouts || (sp->adapter == GEN_ADAPT_NEXT && fn->nouts == 1);
    /* The protocols that may fail: an exception from __next__, __exit__ or an in-place
     * operator propagates. */
    int error_ok = !fn->error || sp->adapter == GEN_ADAPT_NEXT ||
                   sp->adapter == GEN_ADAPT_EXIT || sp->adapter == GEN_ADAPT_INPLACE;
    const char *what = sp->adapter == GEN_ADAPT_ITER     ? "an object of a class"
                       : sp->adapter == GEN_ADAPT_METHOD ? "a new object of its class"
                                                         : wanted[sp->result];
    int ok = self_ok && (int)fn->nparams == sp->nparams && result_ok && error_ok && outs_ok &&
             !(fn->nparams && fn->params[0].def_c);
    if (!ok && sp->adapter == GEN_ADAPT_INPLACE) {
        /* `x += y` rebinds x to what the slot returns, which is x itself: C's own result
         * would have nowhere to go. */
        gen_diag_error(s->diag, loc,
                       "'%s' changes the object in place: it must be a method taking "
                       "'&mut self' and 1 more parameter, returning nothing ('()' or "
                       "'Result<(), E>')",
                       sp->name);
        return -1;
    }
    if (!ok) {
        gen_diag_error(s->diag, loc,
                       "'%s' must be a method taking '&self'%s and %d more parameter%s, "
                       "returning %s",
                       sp->name, sp->adapter == GEN_ADAPT_EXIT ? " (or 'self')" : "",
                       sp->nparams, sp->nparams == 1 ? "" : "s",
                       what);
        return -1;
    }
    fn->special = sp->name;
    return 0;
}
