/* lower_uses.c: what the module uses, which decides what the generated C must contain:
 * a class's wrap function only if some call or callback makes its objects (an unused
 * static function is a warning under -Werror), a typemap's conversions only in the
 * directions something converts it (a function, a callback, or a typemap holding it),
 * callback machinery only if a function takes a callback. Each question walks every
 * callable of the module, and every callback signature, once. */
#include "lower_conv.h"

/* Calls visit on every callable of the module: constructors, methods, property accessors
 * and module-level functions; stops early when visit returns non-zero, and returns that. */
int gen_lower_each_fn(const gen_module *m, int (*visit)(const gen_fn *, const void *),
                   const void *ctx)
{
    int rc = 0;
    for (size_t i = 0; i < m->nclasses && !rc; i++) {
        const gen_class *c = m->classes[i];
        for (const gen_fn *o = c->ctor; o && !rc; o = o->overloads)
            rc = visit(o, ctx);
        for (size_t j = 0; j < c->nfns && !rc; j++)
            for (const gen_fn *o = c->fns[j]; o && !rc; o = o->overloads)
                rc = visit(o, ctx);
        for (size_t j = 0; j < c->nprops && !rc; j++) {
            if (c->props[j].get_fn)
                rc = visit(c->props[j].get_fn, ctx);
            if (c->props[j].set_fn && !rc)
                rc = visit(c->props[j].set_fn, ctx);
        }
    }
    for (size_t i = 0; i < m->nfns && !rc; i++)
        rc = visit(m->fns[i], ctx);
    return rc;
}

/* Visits every callback signature of the module (those of `Fn(...)` parameters, and the
 * methods of every foreign_callback!) until visit returns non-zero, which it returns. */
typedef struct {
    int (*visit)(const gen_callback *, const void *);
    const void *ctx;
} callback_visit;

static int visit_fn_callbacks(const gen_fn *fn, const void *cv)
{
    const callback_visit *v = cv;
    for (size_t i = 0; i < fn->nparams; i++)
        if (fn->params[i].type.kind == GEN_T_CALLBACK && !fn->params[i].type.callback->iface &&
            v->visit(fn->params[i].type.callback, v->ctx))
            return 1;
    return 0;
}

static int each_callback(const gen_module *m, int (*visit)(const gen_callback *, const void *),
                         const void *ctx)
{
    for (size_t i = 0; i < m->nifaces; i++)
        for (size_t j = 0; j < m->ifaces[i]->nmethods; j++)
            if (visit(&m->ifaces[i]->methods[j].sig, ctx))
                return 1;
    callback_visit v = {visit, ctx};
    return gen_lower_each_fn(m, visit_fn_callbacks, &v);
}

/* Whether C gives a callback objects of class cls (each made by the class's wrap). */
static int callback_gives(const gen_callback *cb, const void *cls)
{
    for (size_t i = 0; i < cb->nargs; i++)
        if (cb->args[i].cls == cls &&
            (cb->args[i].kind == GEN_T_CLASS || cb->args[i].kind == GEN_T_VEC))
            return 1;
    return 0;
}

/* Whether C lends a callback an array of cls structs (copied item by item: cbpyw_X__at). */
static int callback_gives_array(const gen_callback *cb, const void *cls)
{
    for (size_t i = 0; i < cb->nargs; i++)
        if (cb->args[i].cls == cls && cb->args[i].kind == GEN_T_VEC)
            return 1;
    return 0;
}

/* Whether C gives a callback a typemap (converted to Python), or takes one from it. */
static int callback_gives_map(const gen_callback *cb, const void *map)
{
    for (size_t i = 0; i < cb->nargs; i++)
        if (cb->args[i].kind == GEN_T_MAP && cb->args[i].map == map)
            return 1;
    return 0;
}

static int callback_takes_map(const gen_callback *cb, const void *map)
{
    return cb->ret->kind == GEN_T_MAP && cb->ret->map == map;
}

static int returns_owned(const gen_fn *fn, const void *cls)
{
    for (size_t i = 0; i < fn->nouts; i++)
        if (fn->outs[i].type.kind == GEN_T_CLASS && fn->outs[i].type.cls == cls &&
            (fn->outs[i].type.pass == GEN_PASS_OWNED || fn->outs[i].copied))
            return 1;
    return fn->ret.kind == GEN_T_CLASS && fn->ret.cls == cls && fn->ret.pass == GEN_PASS_OWNED;
}

static int takes_callback(const gen_fn *fn, const void *unused)
{
    (void)unused;
    for (size_t i = 0; i < fn->nparams; i++)
        if (fn->params[i].type.kind == GEN_T_CALLBACK)
            return 1;
    return 0;
}

static int stores_callbacks(const gen_fn *fn, const void *unused)
{
    (void)unused;
    for (size_t i = 0; i < fn->nparams; i++)
        if (fn->params[i].type.kind == GEN_T_CALLBACK && fn->params[i].type.callback->stored)
            return 1;
    return 0;
}

static int takes_map(const gen_fn *fn, const void *map)
{
    for (size_t i = 0; i < fn->nparams; i++)
        if (fn->params[i].type.kind == GEN_T_MAP && fn->params[i].type.map == map)
            return 1;
    return 0;
}

static int returns_map(const gen_fn *fn, const void *map)
{
    for (size_t i = 0; i < fn->nouts; i++)
        if (fn->outs[i].type.kind == GEN_T_MAP && fn->outs[i].type.map == map)
            return 1;
    return fn->ret.kind == GEN_T_MAP && fn->ret.map == map;
}

int gen_lower_class_wrapped(const gen_module *m, const gen_class *c)
{
    return gen_lower_each_fn(m, returns_owned, c) || each_callback(m, callback_gives, c);
}

/* Fields name earlier typemaps only: the recursion ends. */
int gen_lower_map_used(const gen_module *m, const gen_typemap *t, int to)
{
    if (to ? gen_lower_each_fn(m, returns_map, t) || each_callback(m, callback_gives_map, t)
           : gen_lower_each_fn(m, takes_map, t) || each_callback(m, callback_takes_map, t))
        return 1;
    for (size_t i = 0; i < m->ntypemaps; i++)
        for (size_t j = 0; j < m->typemaps[i]->nfields; j++)
            if (m->typemaps[i]->fields[j].type.kind == GEN_T_MAP &&
                m->typemaps[i]->fields[j].type.map == t &&
                gen_lower_map_used(m, m->typemaps[i], to))
                return 1;
    return 0;
}

int gen_lower_class_in_arrays(const gen_module *m, const gen_class *c)
{
    return each_callback(m, callback_gives_array, c);
}

int gen_lower_takes_callbacks(const gen_module *m)
{
    return gen_lower_each_fn(m, takes_callback, NULL);
}

int gen_lower_stores_callbacks(const gen_fn *fn)
{
    return stores_callbacks(fn, NULL);
}
