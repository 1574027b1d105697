/* lower_errors.c: lowers the module's error domains into template values: the exception
 * classes (a domain, its `class` subclasses, its per-errno classes and warning categories)
 * and each status domain's raise function, which picks the exception and the text for a
 * status (and errno) the library returned. */
#include "lower_errors.h"

#include <string.h>

static int raises_status(const gen_fn *fn, const void *error)
{
    return fn->error == error &&
           (fn->error->conv == GEN_ERR_STATUS || fn->error->conv == GEN_ERR_PREDICATE);
}

/* A status domain's raise function: what each status listed raises, with which text. */
static void lower_error_cases(lower *l, const gen_error *e, gen_tv *v)
{
    gen_arena *a = l->a;
    gen_tv *cases = gen_tv_list(a), *subs = gen_tv_list(a);
    for (size_t i = 0; i < e->ncases; i++) {
        const gen_err_case *c = &e->cases[i];
        gen_tv *m = gen_tv_map(a);
        gen_tv_set_str(a, m, "status", c->status);
        gen_tv_set_str(a, m, "exc", c->subclass ? gen_arena_printf(a, "cbpy_st->x_%s", c->subclass)
                                    : c->py_exc ? gen_arena_printf(a, "PyExc_%s", c->py_exc)
                                                : gen_arena_printf(a, "cbpy_st->x_%s", e->name));
        gen_tv_set_str(a, m, "msg", c->message ? c->message : "msg");
        /* A domain that reads an errno raises OSErrors: itself and its subclasses. */
        gen_tv_set_flag(a, m, "os", e->errno_of && !c->py_exc);
        gen_tv_push(a, cases, m);
        if (c->subclass) {
            gen_tv *sub = gen_tv_map(a);
            gen_tv_set_str(a, sub, "sub", c->subclass);
            gen_tv_set_str(a, sub, "base", e->name);
            gen_tv_push(a, subs, sub);
        }
    }
    gen_tv *warnings = gen_tv_list(a);
    for (size_t i = 0; i < e->nwarns; i++) {
        if (!e->warns[i].subclass)
            continue;
        gen_tv *w = gen_tv_map(a);
        gen_tv_set_str(a, w, "sub", e->warns[i].subclass);
        gen_tv_push(a, warnings, w);
    }
    gen_tv_set(a, v, "warnings", warnings);
    gen_tv *errnos = gen_tv_list(a);
    for (size_t i = 0; i < e->nerrno_cases; i++) {
        gen_tv *m = gen_tv_map(a);
        gen_tv_set_str(a, m, "sub", e->errno_cases[i].subclass);
        gen_tv_set_str(a, m, "code", e->errno_cases[i].status);
        gen_tv_set_str(a, m, "name", e->name);
        gen_tv_push(a, errnos, m);
    }
    gen_tv_set(a, v, "errno_cases", errnos);
    gen_tv_set_flag(a, v, "errno", e->errno_of != NULL);
    gen_tv_set(a, v, "cases", cases);
    gen_tv_set(a, v, "subclasses", subs);
    if (e->default_message)
        gen_tv_set_str(a, v, strstr(e->default_message, "%d") ? "default_format" : "default_text",
                       e->default_message);
    gen_tv_set_flag(a, v, "raise_fn", gen_lower_each_fn(l->m, raises_status, e));
}

gen_tv *gen_lower_errors(lower *l)
{
    gen_arena *a = l->a;
    const gen_module *m = l->m;
    gen_tv *errors = gen_tv_list(a);
    for (size_t i = 0; i < m->nerrors; i++) {
        gen_tv *e = gen_tv_map(a);
        gen_tv_set_str(a, e, "name", m->errors[i]->name);
        gen_tv_set_str(a, e, "doc_expr", gen_lower_c_string_or_null(a, m->errors[i]->doc));
        /* errno domains, and status domains that read an errno, are OSErrors. */
        gen_tv_set_str(a, e, "os_error",
                       m->errors[i]->conv == GEN_ERR_ERRNO || m->errors[i]->errno_of ? "1"
                                                                                    : "0");
        lower_error_cases(l, m->errors[i], e);
        gen_tv_push(a, errors, e);
    }
    return errors;
}
