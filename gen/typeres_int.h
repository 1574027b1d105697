/*
 * typeres_int.h: what typeres.c and typeres_forms.c share, inside type resolution only.
 *
 * Invariants:
 * - Every function here reports its own errors (one per mistake, at the type) and returns
 *   -1 (or NULL) after one; 0 (or the class) means out is filled.
 * - gen_typeres_inner is the one entry for a part of a composite type: the composite forms
 *   resolve their parts through it, so each part is checked as it would be alone.
 */
#ifndef CBPY_GEN_TYPERES_INT_H
#define CBPY_GEN_TYPERES_INT_H

#include "typeres.h"

/* t, resolved for use (in class self's methods: Self, its own C type). */
int gen_typeres_inner(gen_scope *s, const ast_type *t, const gen_class *self,
                      gen_type_use use, gen_type *out);
/* The class t names (by its C type: `Foo`, `&Foo`, `*mut Foo`), and how it is passed. */
gen_class *gen_typeres_class_type(gen_scope *s, const ast_type *t, const gen_class *self,
                                  gen_type_use use, gen_pass *pass);
/* out as an object of cls, checked for use. */
int gen_typeres_class(gen_scope *s, const ast_type *t, gen_class *cls, gen_type_use use,
                      gen_type *out);
/* Whether t is the plain name `name`. */
int gen_typeres_is_name(const ast_type *t, const char *name);

/* Composite forms (typeres_forms.c). Each returns what gen_typeres_inner would. */
int gen_typeres_callback(gen_scope *s, const ast_type *t, int stored, gen_type_use use,
                         gen_type *out);
/* 0 when t is no smart pointer; else 1, out->kind GEN_T_CLASS on success. */
int gen_typeres_smart(gen_scope *s, const ast_type *t, const gen_class *self,
                      gen_type_use use, gen_type *out);
/* 0 when t is no trait object; else 1 on success, -1 after an error. */
int gen_typeres_dyn(gen_scope *s, const ast_type *t, gen_type_use use, gen_type *out);
int gen_typeres_tuple(gen_scope *s, const ast_type *t, const gen_class *self, gen_type *out);

#endif
