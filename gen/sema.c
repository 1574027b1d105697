/* sema.c: checks a parsed glue file and resolves its names and types into the module
 * model (model.h). It runs in two passes: the first registers every class and decides how
 * it stores its C value, so that the second can resolve signatures that mention any class
 * of the module. Every problem is reported, with notes pointing at earlier definitions and
 * suggestions for near-miss type names. */
#include "sema.h"

#include <string.h>

#include "strbuf.h"
#include "suggest.h"

typedef struct sema {
    gen_arena *arena;
    gen_diag *diag;
    gen_module *mod;
    const ast_class **ast;  /* parallel to mod->classes */
} sema;

/* The glue spelling of a type, normalised, for messages. */
static void spell(gen_strbuf *sb, const ast_type *t)
{
    switch (t->kind) {
    case AST_TYPE_NAME:
        gen_strbuf_printf(sb, "%s%s", t->is_const ? "const " : "", t->name);
        break;
    case AST_TYPE_UNIT:
        gen_strbuf_puts(sb, "()");
        break;
    case AST_TYPE_PTR:
        if (t->is_mut || t->is_const) {
            gen_strbuf_puts(sb, t->is_mut ? "*mut " : "*const ");
            spell(sb, t->inner);
        } else {
            spell(sb, t->inner);
            gen_strbuf_puts(sb, " *");
        }
        break;
    case AST_TYPE_REF:
        gen_strbuf_puts(sb, t->is_mut ? "&mut " : "&");
        spell(sb, t->inner);
        break;
    case AST_TYPE_SLICE:
        gen_strbuf_puts(sb, "[");
        spell(sb, t->inner);
        gen_strbuf_puts(sb, "]");
        break;
    case AST_TYPE_GENERIC:
        gen_strbuf_printf(sb, "%s<", t->name);
        for (const ast_type *a = t->args; a; a = a->next) {
            spell(sb, a);
            if (a->next)
                gen_strbuf_puts(sb, ", ");
        }
        gen_strbuf_puts(sb, ">");
        break;
    }
}

static const char *spelling(sema *s, const ast_type *t)
{
    gen_strbuf sb = {0};
    spell(&sb, t);
    const char *r = gen_arena_strdup(s->arena, gen_strbuf_str(&sb));
    gen_strbuf_release(&sb);
    return r;
}

static gen_class *class_by_c_type(sema *s, const char *name, const gen_class *self)
{
    if (strcmp(name, "Self") == 0)
        return self && self->c_type ? (gen_class *)self : NULL;
    for (size_t i = 0; i < s->mod->nclasses; i++)
        if (s->mod->classes[i]->c_type && strcmp(s->mod->classes[i]->c_type, name) == 0)
            return s->mod->classes[i];
    return NULL;
}

/* How a type mentions a class's own C type: by value, through a pointer, or not at all. */
static gen_storage self_shape(const ast_type *t, const char *c_type)
{
    if (!t || !c_type)
        return GEN_STORE_NONE;
    if (t->kind == AST_TYPE_NAME && !t->is_const &&
        (strcmp(t->name, c_type) == 0 || strcmp(t->name, "Self") == 0))
        return GEN_STORE_VALUE;
    if (t->kind == AST_TYPE_PTR && !t->is_const && t->inner->kind == AST_TYPE_NAME &&
        !t->inner->is_const &&
        (strcmp(t->inner->name, c_type) == 0 || strcmp(t->inner->name, "Self") == 0))
        return GEN_STORE_PTR;
    return GEN_STORE_NONE;
}

static void unknown_type(sema *s, const ast_type *t)
{
    gen_suggest sg;
    gen_suggest_init(&sg, t->name);
    size_t n;
    const gen_prim *prims = gen_prim_all(&n);
    for (size_t i = 0; i < n; i++) {
        gen_suggest_offer(&sg, prims[i].glue);
        if (prims[i].c_alias)
            gen_suggest_offer(&sg, prims[i].c_alias);
    }
    for (size_t i = 0; i < s->mod->nclasses; i++)
        if (s->mod->classes[i]->c_type)
            gen_suggest_offer(&sg, s->mod->classes[i]->c_type);
    const char *best = gen_suggest_best(&sg);
    if (best)
        gen_diag_error(s->diag, t->loc, "unknown type '%s'; did you mean '%s'?", t->name, best);
    else
        gen_diag_error(s->diag, t->loc, "unknown type '%s'", t->name);
}

/* The class a type names, with how it crosses: `Foo`/`Self` owned, `&Foo`/`const Foo *`
 * borrowed const, `&mut Foo`/`Foo *`/`*mut Foo` borrowed mutable, except that a pointer
 * class returns `Foo *` owned (the handle its constructor gives). NULL if not a class. */
static gen_class *class_type(sema *s, const ast_type *t, const gen_class *self, int is_return,
                             gen_pass *pass)
{
    const ast_type *named = t;
    *pass = GEN_PASS_OWNED;
    if (t->kind == AST_TYPE_REF) {
        named = t->inner;
        *pass = t->is_mut ? GEN_PASS_MUT : GEN_PASS_REF;
    } else if (t->kind == AST_TYPE_PTR) {
        named = t->inner;
        *pass = t->is_const || t->inner->is_const ? GEN_PASS_REF : GEN_PASS_MUT;
    }
    if (named->kind != AST_TYPE_NAME || (named->is_const && t->kind != AST_TYPE_PTR))
        return NULL;
    gen_class *cls = class_by_c_type(s, named->name, self);
    if (cls && is_return && t->kind == AST_TYPE_PTR && *pass == GEN_PASS_MUT &&
        cls->storage == GEN_STORE_PTR)
        *pass = GEN_PASS_OWNED;
    return cls;
}

/* Resolves a parameter type (is_return 0) or a return type (is_return 1). */
static int resolve(sema *s, const ast_type *t, const gen_class *self, int is_return,
                   gen_type *out)
{
    memset(out, 0, sizeof *out);
    out->spelling = spelling(s, t);
    if (t->kind == AST_TYPE_GENERIC && strcmp(t->name, "Option") == 0) {
        if (!t->args || t->args->next) {
            gen_diag_error(s->diag, t->loc, "Option takes one type argument, as in 'Option<&%s>'",
                           self && self->c_type ? self->c_type : "Foo");
            return -1;
        }
        const char *spelled = out->spelling;
        if (resolve(s, t->args, self, is_return, out) < 0)
            return -1;
        out->spelling = spelled;
        if (out->kind != GEN_T_CLASS ||
            (out->pass == GEN_PASS_OWNED && out->cls->storage != GEN_STORE_PTR)) {
            gen_diag_error(s->diag, t->loc,
                           "Option<T> needs a pointer-like T (a borrowed class or a pointer "
                           "class), so that None can cross as NULL; '%s' is not",
                           spelling(s, t->args));
            return -1;
        }
        out->optional = 1;
        return 0;
    }
    if (t->kind == AST_TYPE_UNIT || (t->kind == AST_TYPE_NAME && !t->is_const)) {
        const gen_prim *p = t->kind == AST_TYPE_UNIT ? gen_prim_unit() : gen_prim_find(t->name);
        if (p) {
            if (p->kind == GEN_PRIM_UNIT && !is_return) {
                gen_diag_error(s->diag, t->loc, "a parameter cannot have type '%s'",
                               out->spelling);
                return -1;
            }
            out->kind = GEN_T_PRIM;
            out->prim = p;
            return 0;
        }
    }
    gen_class *cls = class_type(s, t, self, is_return, &out->pass);
    if (cls) {
        if (cls->storage == GEN_STORE_NONE) {
            gen_diag_error(s->diag, t->loc,
                           "class '%s' has no self_type, so no value of it can cross to C",
                           cls->name);
            return -1;
        }
        if (is_return && cls->storage == GEN_STORE_VALUE && t->kind == AST_TYPE_PTR &&
            out->pass == GEN_PASS_MUT) {
            gen_diag_error(s->diag, t->loc,
                           "class '%s' is stored by value; return '%s' for a new object, or "
                           "'&mut %s' for one borrowed from its owner",
                           cls->name, cls->c_type, cls->c_type);
            return -1;
        }
        out->kind = GEN_T_CLASS;
        out->cls = cls;
        return 0;
    }
    if (t->kind == AST_TYPE_NAME && !t->is_const) {
        unknown_type(s, t);
        return -1;
    }
    gen_diag_error(s->diag, t->loc, "type '%s' is not supported yet", out->spelling);
    return -1;
}

/* Python names a glue file may not use: keywords could never be called, and special
 * methods need the behaviour of their protocol, not a plain method. */
static void check_py_name(sema *s, const char *name, gen_loc loc, const char *what)
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
            gen_diag_error(s->diag, loc, "'%s' is a Python keyword and cannot name a %s%s",
                           name, what,
                           strcmp(what, "method") == 0 ? "; rename it with 'alias NAME;'" : "");
            return;
        }
    }
    size_t n = strlen(name);
    if (n > 4 && strncmp(name, "__", 2) == 0 && strcmp(name + n - 2, "__") == 0)
        gen_diag_error(s->diag, loc, "special method names like '%s' are not supported yet",
                       name);
}

static const char *c_name(sema *s, const ast_path *p)
{
    return p->class_part ? gen_arena_printf(s->arena, "%s_%s", p->class_part, p->name)
                         : p->name;
}

/* Checks a member's parameter list and fills fn->self and fn->params. */
static int resolve_params(sema *s, const ast_member *m, gen_class *cls, gen_fn *fn)
{
    int bad = 0;
    size_t n = 0;
    for (const ast_param *p = m->params; p; p = p->next)
        n++;
    fn->params = gen_arena_alloc(s->arena, (n ? n : 1) * sizeof *fn->params);
    for (const ast_param *p = m->params; p; p = p->next) {
        if (p->kind != AST_PARAM_NAMED) {
            if (p != m->params) {
                gen_diag_error(s->diag, p->loc, "'self' must be the first parameter");
                bad = 1;
            } else if (m->kind == AST_CONSTRUCTOR) {
                gen_diag_error(s->diag, p->loc, "a constructor cannot take 'self'");
                bad = 1;
            } else if (!cls->c_type) {
                gen_diag_error(s->diag, p->loc,
                               "a method taking 'self' needs a 'self_type' in class '%s'",
                               cls->name);
                bad = 1;
            } else {
                fn->self = p->kind == AST_PARAM_SELF_MUT    ? GEN_SELF_MUT
                           : p->kind == AST_PARAM_SELF_MOVE ? GEN_SELF_MOVE
                                                            : GEN_SELF_CONST;
            }
            continue;
        }
        gen_param *gp = &fn->params[fn->nparams];
        gp->name = p->name;
        gp->loc = p->loc;
        gp->pos = (int)fn->nparams + 1;
        for (size_t i = 0; p->name && i < fn->nparams; i++) {
            if (fn->params[i].name && strcmp(fn->params[i].name, p->name) == 0) {
                gen_diag_error(s->diag, p->loc, "duplicate parameter '%s'", p->name);
                gen_diag_note(s->diag, fn->params[i].loc, "previous parameter '%s' is here",
                              p->name);
                bad = 1;
            }
        }
        if (resolve(s, p->type, cls, 0, &gp->type) < 0)
            bad = 1;
        fn->nparams++;
    }
    return bad ? -1 : 0;
}

static gen_fn *resolve_fn(sema *s, const ast_member *m, gen_class *cls)
{
    gen_fn *fn = gen_arena_alloc(s->arena, sizeof *fn);
    fn->cls = cls;
    fn->loc = m->loc;
    fn->doc = m->doc;
    fn->c_name = c_name(s, &m->path);
    fn->py_name = m->alias ? m->alias : m->path.name;
    if (m->kind == AST_FN)
        check_py_name(s, fn->py_name, m->alias ? m->alias_loc : m->path.loc, "method");
    int bad = resolve_params(s, m, cls, fn) < 0;
    if (m->kind == AST_CONSTRUCTOR) {
        fn->kind = GEN_FN_CONSTRUCTOR;
        if (!m->type) {
            gen_diag_error(s->diag, m->path.loc, "constructor '%s' needs a return type: '-> %s'",
                           fn->c_name, cls->c_type ? cls->c_type : cls->name);
            return NULL;
        }
        if (self_shape(m->type, cls->c_type) == GEN_STORE_NONE) {
            gen_diag_error(s->diag, m->type->loc,
                           "a constructor of class '%s' must return '%s' or '%s *', not '%s'",
                           cls->name, cls->c_type, cls->c_type, spelling(s, m->type));
            return NULL;
        }
    } else {
        fn->kind = fn->self == GEN_SELF_NONE ? GEN_FN_STATIC : GEN_FN_METHOD;
    }
    if (m->type) {
        if (resolve(s, m->type, cls, 1, &fn->ret) < 0)
            bad = 1;
    } else {
        fn->ret.kind = GEN_T_PRIM;
        fn->ret.prim = gen_prim_unit();
        fn->ret.spelling = "()";
    }
    return bad ? NULL : fn;
}

/* How a class stores its value: as its constructor returns it (`Foo` inline, `Foo *` a
 * handle); without a constructor, a handle if any function returns `Foo *`, inline if any
 * returns `Foo`, else a handle when there is a destructor. (A value class whose functions
 * return `Foo *` would give one value two owners: resolve() reports that.) */
static const ast_member *decide_storage(const ast_class *ac, gen_class *cls)
{
    const ast_member *ctor = NULL, *ptr_ret = NULL, *value_ret = NULL;
    for (const ast_member *m = ac->members; m; m = m->next) {
        if (m->kind == AST_CONSTRUCTOR && !ctor)
            ctor = m;
        if (m->kind != AST_FN)
            continue;
        gen_storage shape = self_shape(m->type, cls->c_type);
        if (shape == GEN_STORE_PTR && !ptr_ret)
            ptr_ret = m;
        if (shape == GEN_STORE_VALUE && !value_ret)
            value_ret = m;
    }
    gen_storage by_ctor = ctor ? self_shape(ctor->type, cls->c_type) : GEN_STORE_NONE;
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
static void declare_class(sema *s, const ast_class *ac, gen_class *cls)
{
    const ast_member *self_type = NULL, *dtor = NULL;
    cls->name = ac->name;
    cls->doc = ac->doc;
    cls->loc = ac->loc;
    check_py_name(s, ac->name, ac->loc, "class");
    for (const ast_member *m = ac->members; m; m = m->next) {
        const ast_member **seen = m->kind == AST_SELF_TYPE ? &self_type
                                  : m->kind == AST_DESTRUCTOR ? &dtor
                                                              : NULL;
        if (!seen)
            continue;
        const char *what = m->kind == AST_SELF_TYPE ? "self_type" : "destructor";
        if (m->doc)
            gen_diag_error(s->diag, m->loc,
                           "a doc comment before '%s' documents nothing; document the class "
                           "before 'foreign_class!'",
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
    }
    if (dtor) {
        if (!self_type)
            gen_diag_error(s->diag, dtor->loc, "a destructor needs a 'self_type' in class '%s'",
                           ac->name);
        cls->dtor = c_name(s, &dtor->path);
    }
    if (!cls->c_type)
        return;
    const ast_member *decider = decide_storage(ac, cls);
    if (cls->storage == GEN_STORE_PTR && !cls->dtor) {
        gen_diag_error(s->diag, ac->loc,
                       "class '%s' holds a '%s *' but names no destructor; add "
                       "'destructor NAME;'",
                       ac->name, cls->c_type);
        if (decider)
            gen_diag_note(s->diag, decider->type->loc, "the pointer is returned here");
    }
}

/* Pass 2: constructors and functions, with unique Python names. */
static void define_class(sema *s, const ast_class *ac, gen_class *cls)
{
    size_t n = 0;
    const ast_member *ctor = NULL;
    for (const ast_member *m = ac->members; m; m = m->next)
        n += m->kind == AST_FN;
    cls->fns = gen_arena_alloc(s->arena, (n ? n : 1) * sizeof *cls->fns);
    const ast_member **fn_ast = gen_arena_alloc(s->arena, (n ? n : 1) * sizeof *fn_ast);
    for (const ast_member *m = ac->members; m; m = m->next) {
        if (m->kind == AST_CONSTRUCTOR) {
            if (ctor) {
                gen_diag_error(s->diag, m->loc,
                               "class '%s' has more than one constructor; name the others "
                               "as static methods ('fn') returning '%s'",
                               ac->name, cls->c_type ? cls->c_type : ac->name);
                gen_diag_note(s->diag, ctor->loc, "previous constructor is here");
                continue;
            }
            ctor = m;
            if (!cls->c_type) {
                gen_diag_error(s->diag, m->loc, "a constructor needs a 'self_type' in class '%s'",
                               ac->name);
                continue;
            }
            cls->ctor = resolve_fn(s, m, cls);
            continue;
        }
        if (m->kind != AST_FN)
            continue;
        gen_fn *fn = resolve_fn(s, m, cls);
        if (!fn)
            continue;
        for (size_t i = 0; i < cls->nfns; i++) {
            if (strcmp(cls->fns[i]->py_name, fn->py_name) == 0) {
                gen_loc here = m->alias ? m->alias_loc : m->path.loc;
                gen_diag_error(s->diag, here, "class '%s' already has a method '%s'", ac->name,
                               fn->py_name);
                gen_diag_note(s->diag, fn_ast[i]->alias ? fn_ast[i]->alias_loc
                                                        : fn_ast[i]->path.loc,
                              "previous definition is here");
                fn = NULL;
                break;
            }
        }
        if (fn) {
            fn_ast[cls->nfns] = m;
            cls->fns[cls->nfns++] = fn;
        }
    }
}

int gen_sema(gen_arena *arena, gen_diag *diag, const ast_file *file, gen_module *out)
{
    int before = diag->errors;
    sema s = {arena, diag, out, NULL};
    size_t nclasses = 0, nincludes = 0;
    for (const ast_item *it = file->items; it; it = it->next) {
        nclasses += it->kind == AST_ITEM_CLASS;
        nincludes += it->kind == AST_ITEM_INCLUDE;
    }
    out->classes = gen_arena_alloc(arena, (nclasses ? nclasses : 1) * sizeof *out->classes);
    out->includes = gen_arena_alloc(arena, (nincludes ? nincludes : 1) * sizeof *out->includes);
    s.ast = gen_arena_alloc(arena, (nclasses ? nclasses : 1) * sizeof *s.ast);
    out->nclasses = out->nincludes = 0;
    for (const ast_item *it = file->items; it; it = it->next) {
        if (it->kind == AST_ITEM_INCLUDE) {
            out->includes[out->nincludes].text = it->include;
            out->includes[out->nincludes++].line = it->loc.first_line;
            continue;
        }
        const ast_class *ac = it->cls;
        int dup = 0;
        for (size_t i = 0; i < out->nclasses; i++) {
            if (strcmp(out->classes[i]->name, ac->name) == 0) {
                gen_diag_error(diag, ac->loc, "class '%s' is defined twice", ac->name);
                gen_diag_note(diag, out->classes[i]->loc, "previous definition is here");
                dup = 1;
            }
        }
        if (dup)
            continue;
        gen_class *cls = gen_arena_alloc(arena, sizeof *cls);
        declare_class(&s, ac, cls);
        s.ast[out->nclasses] = ac;
        out->classes[out->nclasses++] = cls;
    }
    for (size_t i = 0; i < out->nclasses; i++)
        define_class(&s, s.ast[i], out->classes[i]);
    return diag->errors - before;
}
