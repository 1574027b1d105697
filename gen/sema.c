/* sema.c: checks a parsed glue file and resolves its names into the module model
 * (model.h); module-level items are checked in sema_items.c, call plans (parameter lists) in
 * sema_plan.c, function attributes in sema_attrs.c, properties in sema_props.c, special
 * methods' shapes in sema_special.c. Passes run in dependency order: enums and error
 * domains first (types that signatures mention), then classes are declared (name,
 * self_type, storage), then every signature is resolved (typeres.c), so any function may
 * mention any class. Every problem is reported, with notes pointing at earlier
 * definitions. */
#include "sema.h"

#include <string.h>

#include "sema_int.h"
#include "sema_plan.h"
#include "special.h"

void *gen_sema_alloc(gen_sema_ctx *s, size_t n, size_t size)
{
    return gen_arena_alloc(s->arena, (n ? n : 1) * size);
}

/* Python names a glue file may not use: keywords could never be called, and special
 * methods need the behaviour of their protocol, not a plain method. */
void gen_sema_check_name(gen_sema_ctx *s, const char *name, gen_loc loc, const char *what)
{
    static const char *const keywords[] = {
        "False", "None",   "True",    "and",      "as",     "assert", "async",
        "await", "break",  "class",   "continue", "def",    "del",    "elif",
        "else",  "except", "finally", "for",      "from",   "global", "if",
        "import", "in",    "is",      "lambda",   "nonlocal", "not",  "or",
        "pass",  "raise",  "return",  "try",      "while",  "with",   "yield",
    };
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        if (strcmp(name, keywords[i]) == 0) {
            gen_diag_error(s->diag, loc, "'%s' is a Python keyword and cannot name %s%s",
                           name, what,
                           strcmp(what, "a method") == 0 || strcmp(what, "a function") == 0 ||
                                   strcmp(what, "a classmethod") == 0
                               ? "; rename it with 'alias NAME;'"
                               : "");
            return;
        }
    }
    /* Module attributes such as __version__ are conventional; only methods get protocols. */
    if (!gen_special_like(name) || strcmp(what, "a constant") == 0)
        return;
    if (strcmp(what, "a method") != 0)
        gen_diag_error(s->diag, loc,
                       "'%s' cannot name %s: names like __x__ belong to Python's protocols",
                       name, what);
    else if (!gen_special_find(name))
        gen_diag_error(s->diag, loc,
                       "'%s' is not a special method cbindgen-py can map; see the list in "
                       "docs/glue-language.md",
                       name);
}

/* Claims a name in the module namespace; reports a clash with an earlier claim. */
int gen_sema_claim(gen_sema_ctx *s, const char *name, gen_loc loc, const char *what)
{
    gen_sema_check_name(s, name, loc, what);
    for (size_t i = 0; i < s->nnames; i++) {
        if (strcmp(s->names[i], name) == 0 && !s->name_locs[i].first_line) {
            gen_diag_error(s->diag, loc,
                           "'%s' is the base exception of the module's error domains; choose "
                           "another name",
                           name);
            return -1;
        }
        if (strcmp(s->names[i], name) == 0) {
            gen_diag_error(s->diag, loc, "module '%s' already defines '%s'", s->mod->name, name);
            if (s->name_locs[i].first_line)
                gen_diag_note(s->diag, s->name_locs[i], "previous definition is here");
            return -1;
        }
    }
    if (s->nnames == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        const char **names = gen_arena_alloc(s->arena, cap * sizeof *names);
        gen_loc *locs = gen_arena_alloc(s->arena, cap * sizeof *locs);
        if (s->nnames) {
            memcpy(names, s->names, s->nnames * sizeof *names);
            memcpy(locs, s->name_locs, s->nnames * sizeof *locs);
        }
        s->names = names;
        s->name_locs = locs;
        s->cap = cap;
    }
    s->names[s->nnames] = name;
    s->name_locs[s->nnames++] = loc;
    return 0;
}

static const char *c_name(gen_sema_ctx *s, const ast_path *p)
{
    if (p->class_part && strstr(p->class_part, "::")) {
        gen_diag_error(s->diag, p->loc, "'%s::%s' is a Rust path, which names no C function; "
                       "write the C function's name (with 'alias NAME;' for Python)",
                       p->class_part, p->name);
        return p->name;
    }
    return p->class_part ? gen_arena_printf(s->arena, "%s_%s", p->class_part, p->name)
                         : p->name;
}

int gen_sema_is_int_text(const char *t)
{
    if (*t == '-')
        t++;
    if (!*t)
        return 0;
    for (; *t; t++)
        if (!((*t >= '0' && *t <= '9') || (*t >= 'a' && *t <= 'f') || (*t >= 'A' && *t <= 'F') ||
              *t == 'x' || *t == 'X'))
            return 0;
    return 1;
}

static int is_float_text(const char *t)
{
    if (*t == '-')
        t++;
    return *t >= '0' && *t <= '9';
}

/* A parameter's default, as C and as Python write it; reports a value that cannot be the
 * default of its type. */
int gen_sema_resolve_default(gen_sema_ctx *s, const ast_value *v, gen_param *p)
{
    const gen_type *t = &p->type;
    const char *x = v->text;
    if (t->optional && strcmp(x, "None") == 0) {
        p->def_c = "NULL";
        p->def_py = "None";
        return 0;
    }
    if (t->kind == GEN_T_PRIM && t->prim->kind == GEN_PRIM_BOOL &&
        (strcmp(x, "true") == 0 || strcmp(x, "false") == 0)) {
        p->def_c = x;
        p->def_py = x[0] == 't' ? "True" : "False";
        return 0;
    }
    if (t->kind == GEN_T_PRIM && t->prim->kind == GEN_PRIM_INT && gen_sema_is_int_text(x) &&
        !gen_prim_int_fits(t->prim, x)) {
        gen_diag_error(s->diag, v->loc, "default %s is out of range for '%s'", x, t->spelling);
        return -1;
    }
    if ((t->kind == GEN_T_PRIM && t->prim->kind == GEN_PRIM_INT && gen_sema_is_int_text(x) &&
         !strchr(x, '.')) ||
        (t->kind == GEN_T_PRIM && t->prim->kind == GEN_PRIM_FLOAT && is_float_text(x))) {
        p->def_c = x;
        p->def_py = x;
        return 0;
    }
    if ((t->kind == GEN_T_STR || t->kind == GEN_T_STRING) && x[0] == '"') {
        p->def_c = x;
        p->def_py = x;
        return 0;
    }
    if (t->kind == GEN_T_ENUM) {
        const char *sep = strstr(x, "::");
        size_t n = sep ? (size_t)(sep - x) : 0;
        for (size_t i = 0; sep && strlen(t->enumeration->name) == n &&
                           strncmp(x, t->enumeration->name, n) == 0 && i < t->enumeration->nitems;
             i++) {
            if (strcmp(t->enumeration->items[i].name, sep + 2) == 0) {
                p->def_c = t->enumeration->items[i].value;
                p->def_py = gen_arena_printf(s->arena, "%.*s.%s", (int)n, x, sep + 2);
                return 0;
            }
        }
    }
    gen_diag_error(s->diag, v->loc, "'%s' cannot be the default of a '%s' parameter%s", x,
                   t->spelling,
                   t->kind == GEN_T_ENUM ? gen_arena_printf(s->arena, "; write '%s::MEMBER'",
                                                            t->enumeration->name)
                   : t->optional ? "; write None"
                                 : "");
    return -1;
}

/* `copy NAME;` copies a borrowed object with its class's `__copy__`, which must exist. */
static void check_copies_of(gen_sema_ctx *s, const gen_fn *fn)
{
    for (size_t k = 0; k < fn->nouts; k++) {
        const gen_class *c = fn->outs[k].type.cls;
        int found = 0;
        for (size_t i = 0; fn->outs[k].copied && i < c->nfns; i++)
            found |= c->fns[i]->special && strcmp(c->fns[i]->special, "__copy__") == 0;
        if (fn->outs[k].copied && !found)
            gen_diag_error(s->diag, fn->outs[k].loc,
                           "'copy %s' needs class '%s' to say how it is copied: 'fn "
                           "CLONE(&self) -> %s *; alias __copy__;'",
                           fn->outs[k].name, c->name, c->c_type);
    }
}

static void check_copies(gen_sema_ctx *s, const gen_module *m)
{
    for (size_t i = 0; i < m->nclasses; i++)
        for (size_t j = 0; j < m->classes[i]->nfns; j++)
            check_copies_of(s, m->classes[i]->fns[j]);
    for (size_t i = 0; i < m->nfns; i++)
        check_copies_of(s, m->fns[i]);
}

/* A function of the model with its "none" indexes set (the arena zeroes the rest). */
gen_fn *gen_sema_new_fn(gen_sema_ctx *s)
{
    gen_fn *fn = gen_arena_alloc(s->arena, sizeof *fn);
    fn->made_out = -1;
    fn->ret_len_out = -1;
    fn->ret_counts_out = -1;
    return fn;
}

/* The T of a constructor's `-> T` or `-> Result<T, E>`. */
static const ast_type *ctor_value_type(const ast_type *t)
{
    if (t && t->kind == AST_TYPE_GENERIC && strcmp(t->name, "Result") == 0 && t->args)
        return t->args;
    return t;
}

static gen_fn *resolve_fn(gen_sema_ctx *s, const ast_member *m, gen_class *cls)
{
    gen_fn *fn = gen_sema_new_fn(s);
    fn->cls = cls;
    fn->loc = m->loc;
    fn->doc = m->doc;
    fn->c_name = c_name(s, &m->path);
    fn->py_name = m->alias ? m->alias : m->path.name;
    fn->deep_copy = m->deep_copy;
    if (m->visibility == AST_PROTECTED)
        fn->py_name = gen_arena_printf(s->arena, "_%s", fn->py_name);
    gen_loc name_loc = m->alias ? m->alias_loc : m->path.loc;
    if ((m->kind == AST_FN || m->alias) && cls)
        gen_sema_check_name(s, fn->py_name, name_loc,
                            m->kind == AST_FN ? "a method" : "a classmethod");
    int bad = gen_sema_plan(s, m, cls, fn) < 0;
    for (size_t i = 0; m->kind == AST_CONSTRUCTOR && i < fn->nouts; i++)
        if (fn->outs[i].type.kind == GEN_T_CLASS && fn->outs[i].type.cls == cls &&
            fn->outs[i].type.pass == GEN_PASS_OWNED && fn->made_out < 0)
            fn->made_out = (int)i;
    if (m->kind == AST_CONSTRUCTOR) {
        fn->kind = GEN_FN_CONSTRUCTOR;
        if (fn->made_out >= 0 || fn->init_self) {
            /* An init function: it fills the object's struct and returns a status, or
             * nothing. */
            const ast_type *made = ctor_value_type(m->type);
            if (fn->made_out >= 0 && fn->nouts != 1) {
                gen_diag_error(s->diag, m->path.loc,
                               "a constructor that makes its object through '%s' can have no "
                               "other outputs",
                               fn->outs[fn->made_out].name);
                return NULL;
            }
            if (fn->init_self && cls->storage != GEN_STORE_VALUE) {
                gen_diag_error(s->diag, m->path.loc,
                               "an init function '(&mut self, ...)' fills a '%s' stored in the "
                               "object, but class '%s' holds a pointer",
                               cls->c_type, cls->name);
                return NULL;
            }
            if (made && made->kind != AST_TYPE_UNIT &&
                !(made->kind == AST_TYPE_NAME && strcmp(made->name, "status") == 0)) {
                gen_diag_error(s->diag, made->loc,
                               "a constructor that fills its object returns '()' or a status "
                               "('Result<(), E>'), not '%s'",
                               gen_type_spelling(&s->scope, made));
                return NULL;
            }
        } else if (!m->type) {
            gen_diag_error(s->diag, m->path.loc, "constructor '%s' needs a return type: '-> %s'",
                           fn->c_name, cls->c_type ? cls->c_type : cls->name);
            return NULL;
        }
        const ast_type *made = ctor_value_type(m->type);
        if (!fn->init_self && fn->made_out < 0 &&
            gen_self_shape(made, cls->c_type) == GEN_STORE_NONE) {
            gen_diag_error(s->diag, made->loc,
                           "a constructor of class '%s' must return '%s' or '%s *', not '%s'",
                           cls->name, cls->c_type, cls->c_type,
                           gen_type_spelling(&s->scope, made));
            return NULL;
        }
    } else {
        fn->kind = fn->self == GEN_SELF_NONE ? GEN_FN_STATIC : GEN_FN_METHOD;
    }
    if (m->type && m->type->kind == AST_TYPE_TUPLE) {
        /* Its members are out-values (sema_plan.c): C returns nothing else. */
        fn->ret.kind = GEN_T_PRIM;
        fn->ret.prim = gen_prim_unit();
        fn->ret.spelling = gen_type_spelling(&s->scope, m->type);
    } else if (m->type) {
        if (gen_resolve_type(&s->scope, m->type, cls, GEN_USE_RETURN, &fn->ret, &fn->error) < 0)
            bad = 1;
        const ast_type *ok = m->type->kind == AST_TYPE_GENERIC &&
                                     strcmp(m->type->name, "Result") == 0
                                 ? m->type->args
                                 : NULL;
        if (fn->error && ok && ok->kind == AST_TYPE_NAME && strcmp(ok->name, "count") == 0)
            fn->ret_count = 1;
        if (fn->error && ok && strcmp(ok->kind == AST_TYPE_NAME || ok->kind == AST_TYPE_FN
                                          ? ok->name
                                          : "",
                                      "status") == 0) {
            fn->ret_status = ok->kind == AST_TYPE_NAME;
            fn->true_status = ok->kind == AST_TYPE_FN ? ok->args->name : NULL;
        }
    } else {
        fn->ret.kind = GEN_T_PRIM;
        fn->ret.prim = gen_prim_unit();
        fn->ret.spelling = "()";
    }
    if (gen_sema_fn_attrs(s, m, fn, bad) < 0)
        bad = 1;
    if (!bad && cls && m->kind == AST_FN && gen_special_find(fn->py_name) &&
        gen_sema_check_special(s, fn, name_loc) < 0)
        bad = 1;
    return bad ? NULL : fn;
}

/* How a class stores its value: as its constructor returns it (`Foo` inline, `Foo *` a
 * handle); without a constructor, a handle if any function returns `Foo *`, inline if any
 * returns `Foo`, else a handle when there is a destructor. (A value class whose functions
 * return `Foo *` would give one value two owners: typeres reports that.) Returns the member
 * that decided, if any. */
/* The member after m in ac, those dropped for a Rust body last. */
static const ast_member *next_member(const ast_class *ac, const ast_member *m)
{
    return m->next ? m->next : m->dropped ? NULL : ac->rust_members;
}

static const ast_member *decide_storage(const ast_class *ac, gen_class *cls)
{
    const ast_member *ctor = NULL, *ptr_ret = NULL, *value_ret = NULL;
    for (const ast_member *m = ac->members ? ac->members : ac->rust_members; m;
         m = next_member(ac, m)) {
        if (m->kind == AST_CONSTRUCTOR && !ctor)
            ctor = m;
        /* An init function `(&mut self, ...)` fills a struct the object holds. */
        if (m->kind == AST_CONSTRUCTOR && ctor == m && m->params &&
            m->params->kind == AST_PARAM_SELF_MUT) {
            cls->storage = GEN_STORE_VALUE;
            return m;
        }
        /* `out T *` hands back a handle, `out T` fills a struct: either says how the class
         * holds its value, as a return would. */
        gen_storage out = GEN_STORE_NONE;
        for (const ast_param *p = m->params; p && out == GEN_STORE_NONE; p = p->next) {
            const ast_type *t = p->type && p->type->kind == AST_TYPE_OUT ? p->type->inner : NULL;
            if (t && t->kind == AST_TYPE_GENERIC && strcmp(t->name, "Option") == 0 && t->args)
                t = t->args;
            out = gen_self_shape(t, cls->c_type);
        }
        if (m->kind == AST_CONSTRUCTOR && ctor == m && out != GEN_STORE_NONE) {
            cls->storage = out;
            return m;
        }
        if (m->kind != AST_FN)
            continue;
        gen_storage shape = out != GEN_STORE_NONE ? out : gen_self_shape(m->type, cls->c_type);
        if (shape == GEN_STORE_PTR && !ptr_ret)
            ptr_ret = m;
        if (shape == GEN_STORE_VALUE && !value_ret)
            value_ret = m;
    }
    gen_storage by_ctor =
        ctor ? gen_self_shape(ctor_value_type(ctor->type), cls->c_type) : GEN_STORE_NONE;
    if (by_ctor != GEN_STORE_NONE) {
        cls->storage = by_ctor;
        return ctor;
    }
    cls->storage = ptr_ret ? GEN_STORE_PTR
                   : value_ret ? GEN_STORE_VALUE
                   : cls->dtor ? GEN_STORE_PTR
                               : GEN_STORE_VALUE;
    return ptr_ret ? ptr_ret : value_ret;
}

/* Pass 1: the class, its self_type, destructor, and storage. */
static void declare_class(gen_sema_ctx *s, const ast_class *ac, gen_class *cls)
{
    const ast_member *self_type = NULL, *dtor = NULL;
    cls->name = ac->name;
    cls->doc = ac->doc;
    cls->loc = ac->loc;
    gen_sema_claim(s, ac->name, ac->loc, "a class");
    for (const ast_member *m = ac->members; m; m = m->next) {
        const ast_member **seen = m->kind == AST_SELF_TYPE ? &self_type
                                  : m->kind == AST_DESTRUCTOR ? &dtor
                                                              : NULL;
        if (!seen)
            continue;
        const char *what = m->kind == AST_SELF_TYPE ? "self_type" : "destructor";
        if (m->doc)
            gen_diag_warning(s->diag, m->loc, GEN_WARN_UNUSED_DOC,
                             "a doc comment before '%s' documents nothing; document the "
                             "class before 'foreign_class!'",
                             what);
        if (*seen) {
            gen_diag_error(s->diag, m->loc, "class '%s' has more than one %s", ac->name, what);
            gen_diag_note(s->diag, (*seen)->loc, "previous %s is here", what);
            continue;
        }
        *seen = m;
    }
    if (self_type) {
        if (self_type->type->kind != AST_TYPE_NAME || self_type->type->is_const) {
            gen_diag_error(s->diag, self_type->type->loc,
                           "self_type must name a C type, as in 'self_type %s;'", ac->name);
        } else if (gen_prim_find(self_type->type->name)) {
            gen_diag_error(s->diag, self_type->type->loc,
                           "self_type must be a struct or typedef of the library, not '%s'",
                           self_type->type->name);
        } else {
            cls->c_type = self_type->type->name;
        }
    } else if (ac->damaged) {
        /* A syntax error may have cost it its self_type: read the class as flapigen's
         * usual `self_type NAME;` rather than report what having none implies. */
        cls->c_type = ac->name;
    }
    if (dtor) {
        if (!self_type && !ac->damaged)
            gen_diag_error(s->diag, dtor->loc, "a destructor needs a 'self_type' in class '%s'",
                           ac->name);
        cls->dtor = c_name(s, &dtor->path);
        cls->dtor_line = dtor->loc.first_line;
    }
    if (!cls->c_type)
        return;
    const ast_member *decider = decide_storage(ac, cls);
    /* Rust drops what a Box or Arc owns, so flapigen glue names no destructor: its C API
     * calls the function that releases a T `T_delete`, and so does a class made through
     * one. */
    if (cls->storage == GEN_STORE_PTR && !cls->dtor && decider && !strchr(cls->c_type, ' ') &&
        gen_smart_pointee(ctor_value_type(decider->type), NULL)) {
        cls->dtor = gen_arena_printf(s->arena, "%s_delete", cls->c_type);
        cls->dtor_line = decider->loc.first_line;
    }
    if (cls->storage == GEN_STORE_PTR && !cls->dtor && !ac->damaged) {
        gen_diag_error(s->diag, ac->loc,
                       "class '%s' holds a '%s *' but names no destructor; add "
                       "'destructor NAME;'",
                       ac->name, cls->c_type);
        if (decider)
            gen_diag_note(s->diag, ctor_value_type(decider->type)->loc,
                          "the pointer is returned here");
    }
}

/* Python names within a class: methods, properties and fields share one namespace. */
static int claim_class_name(gen_sema_ctx *s, const char **names, gen_loc *locs, size_t *n,
                            const char *cls, const char *name, gen_loc loc)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(names[i], name) == 0) {
            gen_diag_error(s->diag, loc, "class '%s' already has a member '%s'", cls, name);
            gen_diag_note(s->diag, locs[i], "previous definition is here");
            return -1;
        }
    }
    names[*n] = name;
    locs[(*n)++] = loc;
    return 0;
}

/* Whether overload a, before b, takes every call b takes: the dispatcher picks the first
 * that fits (runtime/cbpy_args.h), so b would never be reached. */
static int shadows(const gen_fn *a, const gen_fn *b)
{
    if (a->nrequired > b->nrequired || a->nparams < b->nparams)
        return 0;
    for (size_t i = 0; i < b->nparams; i++)
        if (!gen_overload_takes(&a->params[i].type, &b->params[i].type))
            return 0;
    return 1;
}

/* fn joins the overloads of first, last, unless an earlier one shadows it. */
static void add_overload(gen_sema_ctx *s, gen_fn *first, gen_fn *fn, gen_loc loc)
{
    gen_fn *last = first;
    for (gen_fn *o = first; o; o = o->overloads) {
        if (shadows(o, fn)) {
            gen_diag_error(s->diag, loc,
                           "'%s' overloads '%s', which takes every argument it takes, so no "
                           "call could reach it",
                           fn->c_name, o->c_name);
            gen_diag_note(s->diag, o->loc, "the overload that takes its calls first is here");
            return;
        }
        last = o;
    }
    first->overload = 1;
    last->overloads = fn;
    fn->overload = last->overload + 1;
}

static const ast_member *last_member(const ast_class *ac)
{
    const ast_member *m = ac->members;
    while (m && m->next)
        m = m->next;
    return m;
}

/* Pass 2: constructors, functions and properties, with unique Python names. The
 * constructor without an alias is __new__; the others become classmethods. */
static void define_class(gen_sema_ctx *s, const ast_class *ac, const ast_attr *attrs,
                         gen_class *cls)
{
    size_t n = 0, nprops = 0, nnames = 0;
    const ast_member *ctor = NULL;
    const ast_member *derived = gen_sema_derived(s, ac, attrs);
    for (const ast_member *m = ac->members; m; m = m->next) {
        n += m->kind == AST_FN || m->kind == AST_CONSTRUCTOR;
        nprops += m->kind == AST_PROPERTY || m->kind == AST_FIELD;
    }
    for (const ast_member *m = derived; m; m = m->next)
        n++;
    size_t ncodes = 0, nconsts = 0;
    for (const ast_member *m = ac->members; m; m = m->next) {
        ncodes += m->kind == AST_CODE;
        nconsts += m->kind == AST_CONST;
    }
    cls->codes = gen_sema_alloc(s, ncodes, sizeof *cls->codes);
    cls->consts = gen_sema_alloc(s, nconsts, sizeof *cls->consts);
    cls->fns = gen_sema_alloc(s, n, sizeof *cls->fns);
    cls->props = gen_sema_alloc(s, nprops, sizeof *cls->props);
    const char **names = gen_sema_alloc(s, n + nprops + nconsts, sizeof *names);
    gen_loc *locs = gen_sema_alloc(s, n + nprops + nconsts, sizeof *locs);
    for (const ast_member *m = ac->members; m; m = m->next ? m->next
                                                   : m == last_member(ac) ? derived
                                                                          : NULL) {
        if (m->kind == AST_PROPERTY || m->kind == AST_FIELD) {
            gen_property *p = &cls->props[cls->nprops];
            if (gen_sema_define_property(s, m, cls, p) == 0 &&
                claim_class_name(s, names, locs, &nnames, ac->name, p->name, p->loc) == 0)
                cls->nprops++;
            continue;
        }
        if (m->kind == AST_CODE) {
            cls->codes[cls->ncodes].text = m->name;
            cls->codes[cls->ncodes++].line = m->loc.first_line;
            continue;
        }
        if (m->kind == AST_CONST) {
            gen_const *k = &cls->consts[cls->nconsts];
            if (gen_sema_define_const(s, m->constant, k, 0) == 0 &&
                claim_class_name(s, names, locs, &nnames, ac->name, k->name, k->loc) == 0) {
                k->doc = m->doc; /* a member's doc comment: the class's docstring lists it */
                cls->nconsts++;
            }
            continue;
        }
        if (m->kind != AST_FN && m->kind != AST_CONSTRUCTOR)
            continue;
        if (m->kind == AST_CONSTRUCTOR && !cls->c_type) {
            gen_diag_error(s->diag, m->loc, "a constructor needs a 'self_type' in class '%s'",
                           ac->name);
            continue;
        }
        if (m->kind == AST_CONSTRUCTOR && !m->alias && m->visibility != AST_PRIVATE) {
            gen_fn *made = resolve_fn(s, m, cls);
            /* Several constructors are overloads of __new__. */
            if (ctor && cls->ctor && made)
                add_overload(s, cls->ctor, made, m->path.loc);
            else if (!ctor)
                cls->ctor = made;
            ctor = m;
            continue;
        }
        gen_fn *fn = resolve_fn(s, m, cls);
        /* A private member is checked, then kept from Python; so is `to_string` under
         * #![flapigen_python], which Python reaches as __repr__ and __str__ instead. */
        if (!fn || m->visibility == AST_PRIVATE ||
            (s->mod->flapigen_python && !m->alias && m->kind == AST_FN && fn->self &&
             strcmp(m->path.name, "to_string") == 0))
            continue;
        if (fn->kind == GEN_FN_CONSTRUCTOR)
            fn->kind = GEN_FN_CLASSMETHOD;
        /* A second function under a name is an overload, if it is called the same way. */
        gen_fn *first = NULL;
        for (size_t i = 0; i < cls->nfns && !first; i++)
            if (strcmp(cls->fns[i]->py_name, fn->py_name) == 0)
                first = cls->fns[i];
        if (first && first->kind == fn->kind && !first->special && !fn->special) {
            add_overload(s, first, fn, m->alias ? m->alias_loc : m->path.loc);
            continue;
        }
        if (claim_class_name(s, names, locs, &nnames, ac->name, fn->py_name,
                             m->alias ? m->alias_loc : m->path.loc) == 0)
            cls->fns[cls->nfns++] = fn;
    }
}

/* The counts of each item kind, to size the model's arrays once. */
static void count_items(const ast_file *file, size_t count[])
{
    for (const ast_item *it = file->items; it; it = it->next)
        count[it->kind]++;
}

static int fn_yields(const gen_fn *fn, const gen_class *c)
{
    if (fn && fn->init_self && fn->cls == c)
        return 1;
    for (size_t i = 0; fn && i < fn->nouts; i++)
        if (fn->outs[i].type.kind == GEN_T_CLASS && fn->outs[i].type.cls == c)
            return 1;
    return fn && fn->ret.kind == GEN_T_CLASS && fn->ret.cls == c;
}

/* A class with a self_type that no constructor makes and no function returns can never
 * reach Python code: most likely a glue line is missing. */
static void warn_unreachable(gen_sema_ctx *s, const gen_module *m)
{
    for (size_t i = 0; i < m->nclasses; i++) {
        const gen_class *c = m->classes[i];
        int reached = !c->c_type;
        for (size_t k = 0; k < m->nclasses && !reached; k++) {
            const gen_class *o = m->classes[k];
            reached = fn_yields(o->ctor, c);
            for (size_t j = 0; j < o->nfns && !reached; j++)
                reached = fn_yields(o->fns[j], c);
            for (size_t j = 0; j < o->nprops && !reached; j++)
                reached = fn_yields(o->props[j].get_fn, c);
        }
        for (size_t j = 0; j < m->nfns && !reached; j++)
            reached = fn_yields(m->fns[j], c);
        if (!reached)
            gen_diag_warning(s->diag, c->loc, GEN_WARN_UNREACHABLE,
                             "class '%s' can never reach Python: it has no constructor and "
                             "no function returns it",
                             c->name);
    }
}

int gen_sema(gen_arena *arena, gen_diag *diag, const ast_file *file, gen_module *out)
{
    int before = diag->errors;
    gen_sema_ctx s = {{arena, diag, out}, arena, diag, out, NULL, NULL, 0, 0};
    size_t count[AST_ITEM_TYPEDEF + 1] = {0};
    count_items(file, count);
    gen_sema_rust_attrs(&s, file);
    out->classes = gen_sema_alloc(&s, count[AST_ITEM_CLASS], sizeof *out->classes);
    out->includes = gen_sema_alloc(&s, count[AST_ITEM_INCLUDE], sizeof *out->includes);
    out->fns = gen_sema_alloc(&s, count[AST_ITEM_FN], sizeof *out->fns);
    out->consts = gen_sema_alloc(&s, count[AST_ITEM_CONST], sizeof *out->consts);
    out->enums = gen_sema_alloc(&s, count[AST_ITEM_ENUM], sizeof *out->enums);
    out->errors = gen_sema_alloc(&s, count[AST_ITEM_ERROR], sizeof *out->errors);
    out->typemaps = gen_sema_alloc(&s, count[AST_ITEM_TYPEMAP], sizeof *out->typemaps);
    out->ifaces = gen_sema_alloc(&s, count[AST_ITEM_CALLBACK], sizeof *out->ifaces);
    out->codes = gen_sema_alloc(&s, count[AST_ITEM_CODE], sizeof *out->codes);
    out->ncodes = 0;
    out->nifaces = 0;
    out->typedefs = gen_sema_alloc(&s, count[AST_ITEM_TYPEDEF], sizeof *out->typedefs);
    out->ntypedefs = 0;
    out->rust_types = gen_sema_alloc(&s, count[AST_ITEM_RUST_TYPE], sizeof *out->rust_types);
    out->nrust_types = 0;
    const ast_class **class_ast = gen_sema_alloc(&s, count[AST_ITEM_CLASS], sizeof *class_ast);
    const ast_attr **class_attrs = gen_sema_alloc(&s, count[AST_ITEM_CLASS], sizeof *class_attrs);
    out->nclasses = out->nincludes = out->nfns = out->nconsts = out->nenums = out->nerrors = 0;
    out->ntypemaps = 0;
    out->free_fn = "free";
    const ast_item *free_item = NULL;
    /* The module's own base exception, raised through every error domain. */
    if (count[AST_ITEM_ERROR])
        gen_sema_claim(&s, "Error", (gen_loc){0, 0, 0, 0}, "an exception");

    for (const ast_item *it = file->items; it; it = it->next) {
        switch (it->kind) {
        case AST_ITEM_INCLUDE:
            out->includes[out->nincludes].text = it->include;
            out->includes[out->nincludes++].line = it->loc.first_line;
            break;
        case AST_ITEM_ENUM: {
            /* Declared first, counted after: type resolution reads the array meanwhile. */
            gen_enum *e = gen_sema_declare_enum(&s, it->enumeration);
            out->enums[out->nenums++] = e;
            break;
        }
        case AST_ITEM_ERROR: {
            gen_error *e = gen_sema_declare_error(&s, it->error);
            out->errors[out->nerrors++] = e;
            break;
        }
        case AST_ITEM_TYPEDEF:
            gen_sema_declare_typedef(&s, it);
            break;
        case AST_ITEM_RUST_TYPE:
            out->rust_types[out->nrust_types++] = it->include;
            break;
        case AST_ITEM_FREE:
            if (free_item) {
                gen_diag_error(diag, it->loc, "the module already has a free function");
                gen_diag_note(diag, free_item->loc, "previous foreign_free! is here");
            }
            free_item = it;
            out->free_fn = it->free_fn;
            break;
        default:
            break;
        }
    }
    /* Typemap fields may be enums, so typemaps come after the first pass. */
    for (const ast_item *it = file->items; it; it = it->next) {
        if (it->kind == AST_ITEM_TYPEMAP) {
            gen_typemap *t = gen_sema_declare_typemap(&s, it->typemap);
            out->typemaps[out->ntypemaps++] = t;
        }
    }
    /* Switches first: they change how everything else reads. */
    for (const ast_item *it = file->items; it; it = it->next) {
        if (it->kind != AST_ITEM_SWITCH)
            continue;
        if (strcmp(it->include, "flapigen_python") == 0)
            out->flapigen_python = 1;
        else if (strcmp(it->include, "per_interpreter_gil") == 0)
            out->per_interpreter_gil = 1;
        else
            gen_diag_warning(diag, it->loc, GEN_WARN_IGNORED_ATTRIBUTE,
                             "unknown switch '#![%s]'; ignored (the known ones are "
                             "'#![flapigen_python]' and '#![per_interpreter_gil]')",
                             it->include);
    }
    /* Callbacks before classes, whose functions take them. */
    for (const ast_item *it = file->items; it; it = it->next) {
        if (it->kind == AST_ITEM_CALLBACK)
            out->ifaces[out->nifaces++] = gen_sema_declare_iface(&s, it->cls);
        if (it->kind == AST_ITEM_CODE) {
            out->codes[out->ncodes].text = it->include;
            out->codes[out->ncodes++].line = it->loc.first_line;
        }
    }
    for (const ast_item *it = file->items; it; it = it->next) {
        if (it->kind != AST_ITEM_CLASS)
            continue;
        gen_class *cls = gen_arena_alloc(arena, sizeof *cls);
        declare_class(&s, it->cls, cls);
        class_ast[out->nclasses] = it->cls;
        class_attrs[out->nclasses] = it->rust_attrs;
        out->classes[out->nclasses++] = cls;
    }
    size_t nifaces = 0;
    for (const ast_item *it = file->items; it; it = it->next)
        if (it->kind == AST_ITEM_CALLBACK)
            gen_sema_define_iface(&s, it->cls, out->ifaces[nifaces++]);
    for (size_t i = 0; i < out->nclasses; i++)
        define_class(&s, class_ast[i], class_attrs[i], out->classes[i]);
    for (const ast_item *it = file->items; it; it = it->next) {
        if (it->kind == AST_ITEM_CONST) {
            gen_sema_define_const(&s, it->constant, &out->consts[out->nconsts++], 1);
        } else if (it->kind == AST_ITEM_FN) {
            const ast_member *m = it->fn;
            gen_fn *fn = resolve_fn(&s, m, NULL);
            int clash = gen_sema_claim(&s, m->alias ? m->alias : m->path.name,
                                          m->alias ? m->alias_loc : m->path.loc, "a function");
            if (fn && !clash)
                out->fns[out->nfns++] = fn;
        }
    }
    check_copies(&s, out);
    /* After errors, a class may look unreachable only because its constructor failed. */
    if (diag->errors == diag->promoted)
        warn_unreachable(&s, out);
    return diag->errors - before;
}
