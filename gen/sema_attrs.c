/* sema_attrs.c: the attributes written after a function's glue line (`release_gil;`,
 * `success S;`, `retry S;`, `none S;`, `len X;`...) and the checks that tie them to the
 * function's result, split from sema.c's resolution of the function itself. */
#include <string.h>

#include "sema_int.h"
#include "sema_plan.h"

/* A list of statuses (`success`, `retry`) read into *out; whether fn's error domain has a
 * convention the attribute works with (`status`, and `predicate` when allowed) is checked
 * too. 0, or -1 after reporting. */
static int statuses(gen_sema_ctx *s, const gen_fn *fn, const ast_setting *a, int predicate,
                    const char ***out, size_t *n)
{
    int bad = 0;
    *n = gen_sema_c_exprs(s, a->values, "a status", out);
    if (*n == (size_t)-1) {
        *n = 0;
        bad = 1;
    }
    if (!fn->error || (fn->error->conv != GEN_ERR_STATUS &&
                       !(predicate && fn->error->conv == GEN_ERR_PREDICATE))) {
        gen_diag_error(s->diag, a->key_loc,
                       "'%s' needs a result 'Result<..., E>' of a 'status'%s error domain",
                       a->key, predicate ? " or 'predicate'" : "");
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* The parameter an attribute's value names (a plain name), or NULL. */
static gen_param *param_named(gen_fn *fn, const ast_value *v)
{
    for (size_t i = 0; i < fn->nparams && !v->call && !v->is_cexpr; i++)
        if (fn->params[i].name && strcmp(fn->params[i].name, v->text) == 0)
            return &fn->params[i];
    return NULL;
}

/* `keep P, ...;`: parameters C goes on using after the call (a buffer, text or object),
 * which self then holds until it is freed or moved into C. */
static int keeps(gen_sema_ctx *s, gen_fn *fn, const ast_setting *a)
{
    size_t n = 0;
    for (const ast_value *v = a->values; v; v = v->next)
        n++;
    fn->keeps = gen_sema_alloc(s, n, sizeof *fn->keeps);
    if (fn->self == GEN_SELF_NONE || fn->self == GEN_SELF_MOVE || fn->kind != GEN_FN_METHOD) {
        gen_diag_error(s->diag, a->key_loc,
                       "'keep' needs a method taking '&self' or '&mut self': its object holds "
                       "what C keeps");
        return -1;
    }
    for (const ast_value *v = a->values; v; v = v->next) {
        const gen_param *p = param_named(fn, v);
        const gen_type *t = p ? &p->type : NULL;
        if (!t || !(t->kind == GEN_T_SLICE || t->kind == GEN_T_STR ||
                    (t->kind == GEN_T_CLASS && t->pass != GEN_PASS_OWNED))) {
            gen_diag_error(s->diag, v->loc,
                           "'keep' names a buffer, text or borrowed object parameter of "
                           "this function, not '%s'",
                           v->text);
            return -1;
        }
        fn->keeps[fn->nkeeps++] = (int)(p - fn->params);
    }
    return 0;
}

/* `replaces P, ...;`: stored callbacks that C keeps one at a time (a hook setter), so the
 * callable given before to this function for P is dropped once the call succeeded. */
static int replaces(gen_sema_ctx *s, gen_fn *fn, const ast_setting *a)
{
    for (const ast_value *v = a->values; v; v = v->next) {
        gen_param *p = param_named(fn, v);
        if (!p || p->type.kind != GEN_T_CALLBACK || !p->type.callback->stored ||
            fn->kind == GEN_FN_CONSTRUCTOR || fn->kind == GEN_FN_CLASSMETHOD) {
            gen_diag_error(s->diag, v->loc,
                           "'replaces' names a stored callback parameter ('Box<Fn(...)>') of "
                           "a method or function, not '%s'",
                           v->text);
            return -1;
        }
        p->replaces = 1;
    }
    return 0;
}

/* `copy NAME;`: the borrowed object C hands back through out-value NAME is copied (by its
 * class's __copy__, checked once every class is known) into one Python owns. */
static int copies(gen_sema_ctx *s, gen_fn *fn, const ast_setting *a)
{
    for (const ast_value *v = a->values; v; v = v->next) {
        int found = -1;
        for (size_t i = 0; i < fn->nouts && !v->call && !v->is_cexpr; i++)
            if (strcmp(fn->outs[i].name, v->text) == 0 && fn->outs[i].type.kind == GEN_T_CLASS &&
                fn->outs[i].type.pass != GEN_PASS_OWNED)
                found = (int)i;
        if (found < 0) {
            gen_diag_error(s->diag, v->loc,
                           "'copy' names a borrowed out-value of this function ('NAME: out "
                           "&T'), not '%s'",
                           v->text);
            return -1;
        }
        fn->outs[found].copied = 1;
    }
    return 0;
}

int gen_sema_fn_attrs(gen_sema_ctx *s, const ast_member *m, gen_fn *fn, int bad)
{
    for (const ast_setting *a = m->attrs; a; a = a->next) {
        if (strcmp(a->key, "keep") == 0 && a->values) {
            if (keeps(s, fn, a) < 0)
                bad = 1;
        } else if (strcmp(a->key, "replaces") == 0 && a->values) {
            if (replaces(s, fn, a) < 0)
                bad = 1;
        } else if (strcmp(a->key, "copy") == 0 && a->values) {
            if (copies(s, fn, a) < 0)
                bad = 1;
        } else if (strcmp(a->key, "invalidates") == 0 && !a->values &&
                   fn->self != GEN_SELF_NONE) {
            fn->invalidates = 1;
        } else if (strcmp(a->key, "lends") == 0 && !a->values) {
            fn->lends = 1;
            if (fn->ret.kind != GEN_T_CLASS || fn->ret.pass == GEN_PASS_OWNED) {
                gen_diag_error(s->diag, a->key_loc,
                               "'lends' needs a borrowed object result ('-> &T' or '-> "
                               "Option<&T>'), valid until its owner lends again");
                bad = 1;
            }
        } else if (strcmp(a->key, "release_gil") == 0) {
            fn->release_gil = 1;
        } else if (strcmp(a->key, "release_callbacks") == 0 && fn->self != GEN_SELF_NONE) {
            fn->release_callbacks = 1;
        } else if (strcmp(a->key, "len") == 0 && a->values && !a->values->next) {
            /* The length of a borrowed result: an out-value, or a C expression. */
            for (size_t i = 0; i < fn->nouts && !a->values->is_cexpr; i++) {
                if (strcmp(fn->outs[i].name, a->values->text) != 0)
                    continue;
                /* (A type that failed to resolve has no prim.) */
                if (!fn->outs[i].is_buffer && fn->outs[i].type.kind == GEN_T_PRIM &&
                    fn->outs[i].type.prim && fn->outs[i].type.prim->kind == GEN_PRIM_INT)
                    fn->ret_len_out = (int)i;
                /* `len BUF;`: the result counts the bytes C wrote into BUF. */
                if (fn->outs[i].is_buffer && !fn->outs[i].bind_ptr && fn->ret.kind == GEN_T_PRIM &&
                    fn->ret.prim && fn->ret.prim->kind == GEN_PRIM_INT && !fn->ret_status)
                    fn->ret_counts_out = (int)i;
            }
            if (fn->ret_len_out < 0 && fn->ret_counts_out < 0 &&
                !(fn->ret_len = gen_sema_c_expr(s, a->values, "a length")))
                bad = 1;
        } else if (strcmp(a->key, "none") == 0 && a->values && !a->values->next) {
            /* A success status that means "no value": Python gets None. */
            const char **none;
            size_t n;
            if (statuses(s, fn, a, 0, &none, &n) < 0)
                bad = 1;
            fn->none_status = n ? none[0] : NULL;
        } else if (strcmp(a->key, "retry") == 0 && a->values) {
            if (statuses(s, fn, a, 1, &fn->retry, &fn->nretry) < 0)
                bad = 1;
            int sized = 0;
            for (size_t i = 0; i < fn->nouts; i++)
                sized |= fn->outs[i].is_buffer && !fn->outs[i].bind_ptr;
            if (!sized) {
                gen_diag_error(s->diag, a->key_loc,
                               "'retry' needs an output buffer 'out [u8; SIZE]' to make bigger");
                bad = 1;
            }
        } else if (strcmp(a->key, "success") == 0 && a->values) {
            if (statuses(s, fn, a, 0, &fn->success, &fn->nsuccess) < 0)
                bad = 1;
        } else {
            if (strcmp(a->key, "release_callbacks") == 0)
                gen_diag_error(s->diag, a->key_loc,
                               "'%s' needs a method: it drops the callbacks its self keeps",
                               a->key);
            else if (strcmp(a->key, "invalidates") == 0)
                gen_diag_error(s->diag, a->key_loc,
                               "'invalidates' takes no value and needs a method: the objects "
                               "its self lent go stale");
            else
                gen_diag_error(s->diag, a->key_loc,
                               "unknown attribute '%s'; expected 'release_gil', "
                               "'release_callbacks', 'success STATUS, ...', 'len EXPR', "
                               "'retry STATUS, ...', 'none STATUS', 'keep PARAM, ...', 'copy "
                               "OUT', 'invalidates', 'lends' or 'replaces PARAM, ...'",
                               a->key);
            bad = 1;
        }
    }
    int has_len = fn->ret_len || fn->ret_len_out >= 0;
    /* (A slice result without `len` is counted by C, through a trailing `size_t *`.) */
    if (!bad && has_len && fn->ret.kind == GEN_T_SLICE &&
        strcmp(fn->ret.prim->glue, "u8") != 0 && strcmp(fn->ret.prim->glue, "i8") != 0) {
        gen_diag_error(s->diag, m->path.loc,
                       "'len' gives the length of a '&[u8]' or '&str' result, not of '%s'",
                       fn->ret.spelling);
        bad = 1;
    } else if (!bad && has_len && fn->ret.kind != GEN_T_SLICE && fn->ret.kind != GEN_T_STR &&
               fn->ret_counts_out < 0) {
        gen_diag_error(s->diag, m->path.loc,
                       "'len' gives the length of a '&[u8]' or '&str' result, not of '%s'",
                       fn->ret.spelling);
        bad = 1;
    }
    return bad ? -1 : 0;
}
