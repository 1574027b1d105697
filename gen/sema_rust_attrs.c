/*
 * sema_rust_attrs.c: the Rust attributes flapigen glue writes before items and members
 * (`#[derive(Copy, Clone)]`, `#[allow(...)]`; `#[doc = "..."]` became doc text in the
 * parser), and flapigen's Python names. A derive that has a Python meaning becomes the
 * member the glue could have written by hand: `#[derive(PartialEq)]` is the class's
 * `fn eq(&self, other: &T) -> bool` again under `alias __eq__;`, so that it is checked and
 * generated like any special method. None of the attributes is an error: glue written for
 * flapigen must be accepted as written. One without effect is reported once, as a warning
 * (-Wignored-attribute) that says why, so that nobody relies on it silently.
 */
#include "sema_int.h"

#include <string.h>

/* The derives flapigen's own glue uses, whose Python meaning (copy, ==, hash, repr, a
 * default constructor) cbindgen-py will give them. */
static const char *const known_derives[] = {
    "Clone", "Copy", "Debug", "Default", "Eq", "Hash", "Ord", "PartialEq", "PartialOrd",
};

/* The derives (and flapigen's Python naming rule) that give special methods: through which
 * method of the class, and as which special methods. */
static const struct {
    const char *derive; /* NULL: by name alone, as flapigen's Python backend does */
    const char *method, *specials[2], *shape;
} meanings[] = {
    {NULL, "to_string", {"__str__", "__repr__"}, "fn to_string(&self) -> String"},
    {"Clone", "clone", {"__copy__", NULL}, "fn clone(&self) -> T"},
    {"Copy", "clone", {"__copy__", NULL}, "fn clone(&self) -> T"},
    {"PartialEq", "eq", {"__eq__", NULL}, "fn eq(&self, other: &T) -> bool"},
    {"Eq", "eq", {"__eq__", NULL}, "fn eq(&self, other: &T) -> bool"},
    {"Hash", "hash", {"__hash__", NULL}, "fn hash(&self) -> u64"},
};

static int is_known_derive(const char *name)
{
    for (size_t i = 0; i < sizeof known_derives / sizeof *known_derives; i++)
        if (strcmp(known_derives[i], name) == 0)
            return 1;
    return 0;
}

static void check_attrs(gen_sema_ctx *s, const ast_attr *attrs, int on_class)
{
    for (const ast_attr *a = attrs; a; a = a->next) {
        if (strcmp(a->name, "derive") != 0 || !on_class) {
            gen_diag_warning(s->diag, a->loc, GEN_WARN_IGNORED_ATTRIBUTE,
                             "attribute '#[%s]' has no meaning %s; ignored", a->name,
                             strcmp(a->name, "derive") == 0 ? "outside a class"
                                                            : "for cbindgen-py");
            continue;
        }
        for (const ast_value *v = a->values; v; v = v->next) {
            int has_meaning = 0;
            for (size_t i = 0; i < sizeof meanings / sizeof *meanings; i++)
                has_meaning |= meanings[i].derive && strcmp(meanings[i].derive, v->text) == 0;
            if (has_meaning)
                continue; /* reported by gen_sema_derived, which knows the class */
            if (is_known_derive(v->text))
                gen_diag_warning(s->diag, v->loc, GEN_WARN_IGNORED_ATTRIBUTE,
                                 "'#[derive(%s)]' is not supported yet; ignored", v->text);
            else
                gen_diag_warning(s->diag, v->loc, GEN_WARN_IGNORED_ATTRIBUTE,
                                 "unknown derive '%s'; ignored", v->text);
        }
    }
}

void gen_sema_rust_attrs(gen_sema_ctx *s, const ast_file *file)
{
    for (const ast_item *it = file->items; it; it = it->next) {
        check_attrs(s, it->rust_attrs, it->kind == AST_ITEM_CLASS);
        if (it->kind == AST_ITEM_CLASS)
            for (const ast_member *m = it->cls->members; m; m = m->next)
                check_attrs(s, m->rust_attrs, 0);
        if (it->kind == AST_ITEM_FN)
            check_attrs(s, it->fn->rust_attrs, 0);
        if (it->kind == AST_ITEM_ENUM)
            for (const ast_enum_item *e = it->enumeration->items; e; e = e->next)
                check_attrs(s, e->rust_attrs, 0);
    }
}

/* The member of class ac that Python knows as name (by alias, or by its own name), if any. */
static const ast_member *named(const ast_class *ac, const char *name, int by_alias)
{
    for (const ast_member *m = ac->members; m; m = m->next)
        if ((m->kind == AST_FN || m->kind == AST_CONSTRUCTOR) &&
            strcmp(by_alias && m->alias ? m->alias : m->path.name, name) == 0)
            return m;
    return NULL;
}

static const ast_value *derive_of(const ast_attr *attrs, const char *derive)
{
    for (const ast_attr *a = attrs; a; a = a->next)
        for (const ast_value *v = strcmp(a->name, "derive") == 0 ? a->values : NULL; v;
             v = v->next)
            if (strcmp(v->text, derive) == 0)
                return v;
    return NULL;
}

const ast_member *gen_sema_derived(gen_sema_ctx *s, const ast_class *ac, const ast_attr *attrs)
{
    ast_member *list = NULL;
    for (size_t i = 0; i < sizeof meanings / sizeof *meanings; i++) {
        const ast_value *v = meanings[i].derive ? derive_of(attrs, meanings[i].derive) : NULL;
        if (meanings[i].derive && !v)
            continue;
        /* (A private method still serves: the glue may use what Python does not see.) */
        const ast_member *m = named(ac, meanings[i].method, 0);
        /* By name alone, only a method of the special method's own shape counts. */
        if (m && !v && (!m->params || m->params->kind != AST_PARAM_SELF || m->params->next ||
                        !m->type))
            continue;
        if (!m || m->kind != AST_FN || m->dropped) {
            if (v)
                gen_diag_warning(s->diag, v->loc, GEN_WARN_IGNORED_ATTRIBUTE,
                                 "'#[derive(%s)]' gives Python %s through '%s', which class "
                                 "'%s' does not declare; ignored",
                                 v->text, meanings[i].specials[0], meanings[i].shape, ac->name);
            continue;
        }
        for (size_t k = 0; k < 2 && meanings[i].specials[k]; k++) {
            const char *special = meanings[i].specials[k];
            int taken = named(ac, special, 1) != NULL;
            for (const ast_member *d = list; d && !taken; d = d->next)
                taken = strcmp(d->alias, special) == 0;
            if (taken)
                continue;
            ast_member *d = gen_arena_alloc(s->arena, sizeof *d);
            *d = *m;
            d->alias = special;
            d->deep_copy = strcmp(special, "__copy__") == 0;
            d->alias_loc = v ? v->loc : m->path.loc;
            d->visibility = AST_PUBLIC;
            d->doc = NULL;
            d->next = list;
            list = d;
        }
    }
    return list;
}
