/* lower_overload.c: the function a Python name with overloads calls (flapigen's several
 * constructors, or one alias for several functions): each overload keeps its own wrapper,
 * and a dispatcher picks the first whose arity and positional argument types fit, with
 * the tests runtime/cbpy_args.h describes. */
#include <string.h>

#include "lower_conv.h"
#include "typeres.h"

/* The function a Python name calls when it has overloads: it picks the first overload
 * whose arity and positional argument types fit, and calls its wrapper. */
gen_tv *gen_lower_dispatch(lower *l, const gen_fn *first, gen_tv *overloads)
{
    /* The dispatcher has the name and table entry the first would have alone: its wrapper
     * name without the `_o1`. */
    gen_tv *w = gen_tv_map(l->a);
    gen_tv *ow1 = gen_lower_fn(l, first);
    const char *w1 = gen_tv_lookup_str(ow1, "wrapper");
    int is_ctor = first->kind == GEN_FN_CONSTRUCTOR;
    gen_tv_set_str(l->a, w, "wrapper", gen_arena_printf(l->a, "%.*s", (int)(strlen(w1) - 3), w1));
    gen_tv_set_str(l->a, w, "py_name", first->py_name);
    gen_tv_set_str(l->a, w, "state", gen_lower_state_expr(first));
    gen_tv_set_str(l->a, w, "func", gen_lower_func_name(l, first));
    gen_tv_set_flag(l->a, w, "in_methods", !is_ctor);
    gen_tv_set_str(l->a, w, "meth_fn", gen_tv_lookup_str(w, "wrapper"));
    gen_tv_set_flag(l->a, w, "is_ctor", is_ctor);
    /* (A static method's self is NULL, passed along as the overloads ignore it.) */
    gen_tv_set_str(l->a, w, "signature",
                   is_ctor ? "PyTypeObject *type, PyObject *args, PyObject *kwargs"
                           : "PyObject *self, PyObject *const *args, Py_ssize_t nargs, "
                             "PyObject *kwnames");
    gen_tv_set_str(l->a, w, "meth_flags",
                   first->kind == GEN_FN_CLASSMETHOD ? "METH_FASTCALL | METH_KEYWORDS | METH_CLASS"
                                                  : "METH_FASTCALL | METH_KEYWORDS");
    gen_tv_set_flag(l->a, w, "static_method", first->kind == GEN_FN_STATIC);
    gen_tv *cands = gen_tv_list(l->a);
    for (const gen_fn *o = first; o; o = o->overloads) {
        gen_tv *ow = o == first ? ow1 : gen_lower_fn(l, o);
        gen_tv_push(l->a, overloads, ow);
        gen_tv *c = gen_tv_map(l->a);
        gen_strbuf kinds = {0}, types = {0};
        for (size_t i = 0; i < o->nparams; i++) {
            const gen_type *t = &o->params[i].type;
            gen_strbuf_printf(&kinds, "%c", gen_overload_kind(t));
            gen_strbuf_printf(&types, "%s, ", t->kind == GEN_T_CLASS
                                                  ? gen_arena_printf(l->a, "cbpy_st->w_%s",
                                                                     t->cls->name)
                                                  : "NULL");
        }
        gen_strbuf_puts(&types, "NULL");
        gen_tv_set_str(l->a, c, "call", gen_tv_lookup_str(ow, "wrapper"));
        gen_tv_set_str(l->a, c, "kinds", gen_arena_strdup(l->a, gen_strbuf_str(&kinds)));
        gen_tv_set_str(l->a, c, "types", gen_arena_strdup(l->a, gen_strbuf_str(&types)));
        gen_tv_set_str(l->a, c, "nmin", gen_arena_printf(l->a, "%d", o->nrequired));
        gen_tv_set_str(l->a, c, "nmax", gen_arena_printf(l->a, "%zu", o->nparams));
        gen_tv_set_str(l->a, c, "k", gen_arena_printf(l->a, "%d", o->overload - 1));
        const char *sig = gen_lower_signature_line(l, o, first->kind == GEN_FN_CONSTRUCTOR
                                                   ? first->cls->name : first->py_name);
        gen_tv_set_str(l->a, c, "sig", gen_lower_c_string(l->a, sig));
        gen_tv_push(l->a, cands, c);
        gen_strbuf_release(&kinds);
        gen_strbuf_release(&types);
    }
    gen_tv_set(l->a, w, "cands", cands);
    gen_tv_set_str(l->a, w, "ncands", gen_arena_printf(l->a, "%zu", cands->n));
    gen_tv_set_flag(l->a, w, "dispatch", 1);
    /* A constructor's signatures go to the class's docstring (gen_lower_class_doc). */
    if (!is_ctor)
        gen_tv_set_str(l->a, w, "doc", gen_lower_c_string(l->a, gen_lower_overloads_doc(l, first)));
    return w;
}

/* The typed signature of each overload, a line each, then how a call picks one and the
 * first's doc. */
const char *gen_lower_overloads_doc(lower *l, const gen_fn *first)
{
    gen_strbuf docs = {0};
    for (const gen_fn *o = first; o; o = o->overloads)
        gen_strbuf_printf(&docs, "%s%s", docs.len ? "\n" : "",
                          gen_lower_signature_line(l, o, first->kind == GEN_FN_CONSTRUCTOR
                                                         ? first->cls->name
                                                         : first->py_name));
    gen_strbuf_printf(&docs, "\n\nOverloads: the first whose parameters take the arguments "
                             "is called.%s%s", first->doc ? "\n\n" : "",
                      first->doc ? first->doc : "");
    const char *r = gen_arena_strdup(l->a, gen_strbuf_str(&docs));
    gen_strbuf_release(&docs);
    return r;
}
