/* sema_int.h: what the two halves of sema share: sema.c (classes, functions, the pass
 * order) and sema_items.c (the module-level items: enums, error domains, typemaps,
 * constants). Internal to sema; nothing else includes it.
 *
 * Invariants:
 * - The module namespace in gen_sema_ctx lists every Python name the module defines so
 *   far, with where it was defined (line 0: names the generator itself reserves).
 */
#ifndef CBPY_GEN_SEMA_INT_H
#define CBPY_GEN_SEMA_INT_H

#include "sema.h"
#include "typeres.h"

typedef struct gen_sema_ctx {
    gen_scope scope;
    gen_arena *arena;
    gen_diag *diag;
    gen_module *mod;
    /* The module namespace: every Python name the module defines, for duplicates. */
    const char **names;
    gen_loc *name_locs;
    size_t nnames, cap;
} gen_sema_ctx;

/* An arena array of n items of size bytes (at least one item, so never NULL). */
void *gen_sema_alloc(gen_sema_ctx *s, size_t n, size_t size);
/* Reports a Python name that cannot be used for `what` ("a method", "a class"...). */
void gen_sema_check_name(gen_sema_ctx *s, const char *name, gen_loc loc, const char *what);
/* Claims a name in the module namespace; -1 after reporting a clash. */
int gen_sema_claim(gen_sema_ctx *s, const char *name, gen_loc loc, const char *what);

/* The primitive a glue type name means: a built-in, or a `type NAME = T;` typedef; NULL. */
const gen_prim *gen_sema_prim(gen_sema_ctx *s, const char *name);
/* Whether t is an integer literal (decimal or hex, maybe negative). */
int gen_sema_is_int_text(const char *t);

/* Reports the Rust attributes of flapigen glue (`#[derive(...)]`...), which have no
 * effect yet, as warnings (sema_rust_attrs.c). */
void gen_sema_rust_attrs(gen_sema_ctx *s, const ast_file *file);
/* A foreign_callback! as the model's interface (sema_iface.c). */
/* A callback interface is declared (its name and trait) before the classes, whose
 * functions take it, and defined (its methods) after them, whose methods take classes. */
gen_iface *gen_sema_declare_iface(gen_sema_ctx *s, const ast_class *ac);
void gen_sema_define_iface(gen_sema_ctx *s, const ast_class *ac, gen_iface *f);
/* The special methods a class gets from its derives (attrs) and flapigen's names
 * (`to_string` is also __str__ and __repr__), as a list of members: copies of the methods
 * that implement them, aliased to the special names the class does not have yet. */
const ast_member *gen_sema_derived(gen_sema_ctx *s, const ast_class *ac, const ast_attr *attrs);
/* Reads fn's attributes (sema_attrs.c) and, unless bad (an error was reported for fn
 * already, so its result may be half resolved), checks them against its result; -1 after
 * reporting or when bad. */
int gen_sema_fn_attrs(gen_sema_ctx *s, const ast_member *m, gen_fn *fn, int bad);
/* A function of the model with its "none" indexes set (the arena zeroes the rest). */
gen_fn *gen_sema_new_fn(gen_sema_ctx *s);
/* A property or field of cls (sema_props.c): 0, or -1 after reporting. */
int gen_sema_define_property(gen_sema_ctx *s, const ast_member *m, gen_class *cls,
                             gen_property *p);

gen_enum *gen_sema_declare_enum(gen_sema_ctx *s, const ast_enum *ae);
gen_error *gen_sema_declare_error(gen_sema_ctx *s, const ast_error *ae);
gen_typemap *gen_sema_declare_typemap(gen_sema_ctx *s, const ast_typemap *at);
void gen_sema_declare_typedef(gen_sema_ctx *s, const ast_item *it);
/* A `const` item (in_module: a module attribute, its name claimed) or member; -1 after an
 * error. */
int gen_sema_define_const(gen_sema_ctx *s, const ast_const *ac, gen_const *k, int in_module);
/* Whether method fn, named by a special method, fits that protocol; sets fn->special, or
 * reports the mistake at loc (the name) and returns -1 (sema_special.c). */
int gen_sema_check_special(gen_sema_ctx *s, gen_fn *fn, gen_loc loc);

#endif
