/*
 * sema_iface.c: resolves a foreign_callback! (or foreign_interface!) into the model's
 * gen_iface: the methods a Python object implements for C, each checked as a callback
 * `Fn(A...) -> R` is (the same C types cross, with the same messages), and named by what
 * the glue writes before its '=', which is both its Python method name and the field of
 * the C struct of function pointers that C calls it through.
 */
#include <string.h>

#include "sema_int.h"

/* `Fn(A...) -> R` for a method's parameters after self, as a callback parameter would be
 * written, so that typeres checks it as one. */
static ast_type *as_fn_type(gen_sema_ctx *s, const ast_member *m, const ast_param *first)
{
    ast_type *fn = gen_arena_alloc(s->arena, sizeof *fn), **tail = &fn->args;
    fn->kind = AST_TYPE_FN;
    fn->name = "Fn";
    fn->inner = m->type;
    fn->loc = m->path.loc;
    for (const ast_param *p = first; p; p = p->next) {
        *tail = gen_arena_alloc(s->arena, sizeof **tail);
        **tail = *p->type;
        (*tail)->next = NULL;
        tail = &(*tail)->next;
    }
    return fn;
}

static void resolve_method(gen_sema_ctx *s, const ast_member *m, gen_iface *f)
{
    const ast_param *self = m->params;
    if (!self || (self->kind != AST_PARAM_SELF && self->kind != AST_PARAM_SELF_MUT)) {
        gen_diag_error(s->diag, m->path.loc,
                       "a callback method takes '&self' (or '&mut self') first, as in "
                       "'%s = %s(&self, ...)'", m->alias, m->path.name);
        return;
    }
    for (const ast_param *p = self->next; p; p = p->next)
        if (p->kind != AST_PARAM_NAMED || p->has_default) {
            gen_diag_error(s->diag, p->loc, "a callback method's parameters are 'NAME: T'");
            return;
        }
    gen_type t;
    if (gen_resolve_type(&s->scope, as_fn_type(s, m, self->next), NULL, GEN_USE_PARAM, &t,
                         NULL) < 0)
        return;
    for (size_t i = 0; i < f->nmethods; i++)
        if (strcmp(f->methods[i].name, m->alias) == 0) {
            gen_diag_error(s->diag, m->alias_loc, "callback '%s' already has a method '%s'",
                           f->name, m->alias);
            gen_diag_note(s->diag, f->methods[i].loc, "previous definition is here");
            return;
        }
    gen_iface_method *im = &f->methods[f->nmethods++];
    im->name = m->alias;
    im->sig = *t.callback;
    im->loc = m->alias_loc;
}

gen_iface *gen_sema_declare_iface(gen_sema_ctx *s, const ast_class *ac)
{
    gen_iface *f = gen_arena_alloc(s->arena, sizeof *f);
    size_t n = 0;
    f->name = ac->name;
    f->trait = ac->name;
    f->doc = ac->doc;
    f->loc = ac->loc;
    if (strcmp(ac->callback_kind, "callback") != 0 && strcmp(ac->callback_kind, "interface") != 0)
        gen_diag_error(s->diag, ac->callback_kind_loc,
                       "expected 'callback' or 'interface' after 'foreign_callback!(', not '%s'",
                       ac->callback_kind);
    for (const ast_member *m = ac->members; m; m = m->next) {
        n += m->kind == AST_FN;
        if (m->kind == AST_SELF_TYPE && m->type->kind == AST_TYPE_NAME)
            f->trait = m->type->name;
    }
    f->methods = gen_sema_alloc(s, n, sizeof *f->methods);
    return f;
}

void gen_sema_define_iface(gen_sema_ctx *s, const ast_class *ac, gen_iface *f)
{
    for (const ast_member *m = ac->members; m; m = m->next) {
        if (m->kind == AST_SELF_TYPE && m->type->kind == AST_TYPE_NAME)
            continue;
        if (m->kind == AST_FN && m->alias)
            resolve_method(s, m, f);
        else
            gen_diag_error(s->diag, m->loc,
                           "a callback holds 'self_type TRAIT;' and methods written "
                           "'NAME = Trait::method(&self, ...) -> R;'");
    }
}
