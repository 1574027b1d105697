/* sema_props.c: a class's properties and fields: `property NAME: T { get F; set G; }` with
 * C getter and setter functions (`get mut F;` for libraries whose getters take a non-const
 * pointer), or methods of the class used as accessors (their other parameters at their
 * defaults), and `field` / `readonly field` read straight from a value class's struct.
 * Each accessor becomes a method of the model, so it converts like any call. */
#include <string.h>

#include "sema_int.h"

/* A property's getter or setter as a method of the class (not in its method table). */
static gen_fn *accessor(gen_sema_ctx *s, gen_class *cls, const gen_property *p, const char *c_fn,
                        gen_self self, int is_get)
{
    gen_fn *fn = gen_sema_new_fn(s);
    fn->kind = GEN_FN_METHOD;
    fn->accessor = 1;
    fn->cls = cls;
    fn->c_name = c_fn;
    fn->py_name = gen_arena_printf(s->arena, "%s_%s", is_get ? "get" : "set", p->name);
    fn->self = self;
    fn->loc = p->loc;
    /* The call plan: self, and for a setter the value. */
    fn->args = gen_arena_alloc(s->arena, 2 * sizeof *fn->args);
    fn->nargs = is_get ? 1 : 2;
    fn->args[0].role = GEN_ARG_SELF;
    fn->args[1].role = GEN_ARG_PARAM;
    fn->ret.kind = GEN_T_PRIM;
    fn->ret.prim = gen_prim_unit();
    fn->ret.spelling = "()";
    return fn;
}

/* `get M;` / `set M;` naming a method M of the class declared before the property: the
 * accessor is that method with its other parameters at their defaults (libarchive's
 * `archive_entry_set_mtime(entry, time_t, long)` as the setter of `mtime`). NULL when
 * no method has that name; reports a method of the wrong shape. */
static gen_fn *method_accessor(gen_sema_ctx *s, gen_class *cls, const gen_property *p,
                               const ast_setting *st, int is_get)
{
    const gen_fn *m = NULL;
    for (size_t i = 0; i < cls->nfns && !m; i++)
        if (cls->fns[i]->kind == GEN_FN_METHOD && strcmp(cls->fns[i]->py_name, st->value) == 0)
            m = cls->fns[i];
    if (!m)
        return NULL;
    size_t keep = is_get ? 0 : 1;
    const gen_type *t = is_get ? &m->ret : m->nparams ? &m->params[0].type : NULL;
    if (m->nparams < keep || m->nrequired > (int)keep || m->nouts || !t ||
        strcmp(t->spelling, p->type.spelling) != 0) {
        if (is_get)
            gen_diag_error(s->diag, st->value_loc,
                           "method '%s' cannot get property '%s': it must take no argument "
                           "(or only defaulted ones) and return '%s'",
                           m->py_name, p->name, p->type.spelling);
        else
            gen_diag_error(s->diag, st->value_loc,
                           "method '%s' cannot set property '%s': its first parameter must "
                           "be '%s' and the others defaulted",
                           m->py_name, p->name, p->type.spelling);
        return NULL;
    }
    gen_fn *fn = gen_sema_new_fn(s);
    *fn = *m;
    fn->accessor = 1;
    fn->special = NULL;
    fn->doc = NULL;
    fn->py_name = gen_arena_printf(s->arena, "%s_%s", is_get ? "get" : "set", p->name);
    fn->nparams = keep;
    fn->nrequired = fn->npos_only = (int)keep;
    fn->args = gen_sema_alloc(s, m->nargs, sizeof *fn->args);
    for (size_t i = 0; i < m->nargs; i++) {
        fn->args[i] = m->args[i];
        if (m->args[i].role == GEN_ARG_PARAM && m->args[i].index >= (int)keep) {
            fn->args[i].role = GEN_ARG_FIXED;
            fn->args[i].expr = m->params[m->args[i].index].def_c;
        }
    }
    return fn;
}

/* A property `property NAME: T { get F; [set G;] }`, or a struct field of a value class. */
int gen_sema_define_property(gen_sema_ctx *s, const ast_member *m, gen_class *cls, gen_property *p)
{
    /* The slot may hold what a previous, rejected property left in it. */
    memset(p, 0, sizeof *p);
    p->name = m->name;
    p->doc = m->doc;
    p->loc = m->name_loc;
    p->is_field = m->kind == AST_FIELD;
    p->readonly = m->readonly;
    gen_sema_check_name(s, m->name, m->name_loc, p->is_field ? "a field" : "a property");
    if (!cls->c_type) {
        gen_diag_error(s->diag, m->loc, "a %s needs a 'self_type' in class '%s'",
                       p->is_field ? "field" : "property", cls->name);
        return -1;
    }
    if (gen_resolve_type(&s->scope, m->type, cls, GEN_USE_RETURN, &p->type, NULL) < 0)
        return -1;
    if (p->is_field && p->type.kind == GEN_T_STR) {
        /* Text in the struct (`char name[256]`, `const char *name`): C owns it, so Python
         * reads it only, through a getter that is the member itself. */
        if (!p->readonly) {
            gen_diag_error(s->diag, m->loc,
                           "a text field is read-only ('readonly field %s: ...'): the struct "
                           "owns its memory; set it with a property's setter function",
                           m->name);
            return -1;
        }
        p->is_field = 0;
        p->get_fn = accessor(s, cls, p, p->name, GEN_SELF_CONST, 1);
        p->get_fn->call_expr = gen_arena_printf(s->arena, "self->%s", p->name);
        p->get_fn->ret = p->type;
        return 0;
    }
    if (p->is_field) {
        /* The struct's member, through the object's pointer (its own storage or a
         * handle): the C compiler checks that the member exists. */
        if (p->type.kind != GEN_T_PRIM || p->type.prim->kind == GEN_PRIM_UNIT) {
            if (p->type.kind != GEN_T_ENUM) {
                gen_diag_error(s->diag, m->type->loc,
                               "a field must be a number, bool, enum or (read-only) text, "
                               "not '%s'; use a property with getter and setter functions",
                               p->type.spelling);
                return -1;
            }
        }
        return 0;
    }
    const ast_setting *get = NULL, *set = NULL;
    int get_mut = 0;
    for (const ast_setting *st = m->settings; st; st = st->next) {
        int is_get = strcmp(st->key, "get") == 0 || strcmp(st->key, "get mut") == 0;
        const char **slot = is_get                        ? &p->getter
                            : strcmp(st->key, "set") == 0 ? &p->setter
                                                          : NULL;
        if (!slot || !st->value) {
            gen_diag_error(s->diag, st->key_loc,
                           "expected 'get FUNCTION;', 'get mut FUNCTION;' or 'set FUNCTION;' "
                           "in a property");
            return -1;
        }
        *slot = st->value;
        *(is_get ? &get : &set) = st;
        get_mut |= strcmp(st->key, "get mut") == 0;
    }
    if (!p->getter) {
        gen_diag_error(s->diag, m->name_loc, "property '%s' needs 'get FUNCTION;'", m->name);
        return -1;
    }
    if (p->type.kind == GEN_T_VEC || (p->type.kind == GEN_T_PRIM && p->type.prim->kind ==
                                                                        GEN_PRIM_UNIT)) {
        gen_diag_error(s->diag, m->type->loc, "a property cannot have type '%s'",
                       p->type.spelling);
        return -1;
    }
    /* `get `EXPR`;`: a C expression of self, for structs without getter functions. */
    if (get->values->is_cexpr) {
        p->get_fn = accessor(s, cls, p, p->name, get_mut ? GEN_SELF_MUT : GEN_SELF_CONST, 1);
        p->get_fn->call_expr = get->values->text;
        p->get_fn->ret = p->type;
    }
    /* `get mut F;`: a getter of a library that is not const-correct takes `T *`. */
    if (!p->get_fn)
        p->get_fn = method_accessor(s, cls, p, get, 1);
    if (!p->get_fn) {
        p->get_fn = accessor(s, cls, p, p->getter, get_mut ? GEN_SELF_MUT : GEN_SELF_CONST, 1);
        p->get_fn->ret = p->type;
    }
    p->get_fn->reads_only = 1;
    if (p->setter && (p->set_fn = method_accessor(s, cls, p, set, 0)) == NULL) {
        p->set_fn = accessor(s, cls, p, p->setter, GEN_SELF_MUT, 0);
        p->set_fn->nparams = p->set_fn->nrequired = 1;
        p->set_fn->params = gen_arena_alloc(s->arena, sizeof *p->set_fn->params);
        gen_param *v = &p->set_fn->params[0];
        v->fn = p->set_fn;
        v->name = "value";
        v->pos = 1;
        v->loc = m->name_loc;
        if (gen_resolve_type(&s->scope, m->type, cls, GEN_USE_PARAM, &v->type, NULL) < 0)
            return -1;
    }
    return 0;
}

