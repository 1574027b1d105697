/*
 * sema_rust_attrs.c: the Rust attributes flapigen glue writes before items and members
 * (`#[derive(Copy, Clone)]`, `#[allow(...)]`; `#[doc = "..."]` became doc text in the
 * parser). None of them changes the generated module yet, and none of them is an error:
 * glue written for flapigen must be accepted as written. Each is reported once, as a
 * warning (-Wignored-attribute) that says why it has no effect, so that nobody relies on
 * a derive silently.
 */
#include "sema_int.h"

#include <string.h>

/* The derives flapigen's own glue uses, whose Python meaning (copy, ==, hash, repr, a
 * default constructor) cbindgen-py will give them. */
static const char *const known_derives[] = {
    "Clone", "Copy", "Debug", "Default", "Eq", "Hash", "Ord", "PartialEq", "PartialOrd",
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
