/* sema_items.c: checks the module-level items of a glue file: foreign_enum!,
 * foreign_error! (with its convention), foreign_typemap! and const, each claiming its
 * Python name in the module namespace. The pass order is sema.c's. */
#include <string.h>

#include "sema_int.h"

gen_enum *gen_sema_declare_enum(gen_sema_ctx *s, const ast_enum *ae)
{
    gen_enum *e = gen_arena_alloc(s->arena, sizeof *e);
    e->name = ae->name;
    e->doc = ae->doc;
    e->loc = ae->loc;
    e->is_flags = strcmp(ae->kind, "flags") == 0;
    if (!e->is_flags && strcmp(ae->kind, "enum") != 0)
        gen_diag_error(s->diag, ae->kind_loc,
                       "expected 'enum' or 'flags' after 'foreign_enum!(', not '%s'", ae->kind);
    gen_sema_claim(s, ae->name, ae->loc, "an enum");
    size_t n = 0;
    for (const ast_enum_item *it = ae->items; it; it = it->next)
        n++;
    if (n == 0)
        gen_diag_error(s->diag, ae->loc, "enum '%s' has no members", ae->name);
    e->items = gen_sema_alloc(s, n, sizeof *e->items);
    const ast_enum_item **seen = gen_sema_alloc(s, n, sizeof *seen);
    for (const ast_enum_item *it = ae->items; it; it = it->next) {
        gen_sema_check_name(s, it->name, it->loc, "an enum member");
        int dup = 0;
        for (size_t i = 0; i < e->nitems && !dup; i++) {
            if (strcmp(e->items[i].name, it->name) == 0) {
                gen_diag_error(s->diag, it->loc, "enum '%s' already has a member '%s'", ae->name,
                               it->name);
                gen_diag_note(s->diag, seen[i]->loc, "previous definition is here");
                dup = 1;
            }
        }
        if (it->value.text[0] == '"' || strchr(it->value.text, '.') ||
            strstr(it->value.text, "::")) {
            gen_diag_error(s->diag, it->value.loc,
                           "an enum member's value must be an integer or a C enumerator");
            dup = 1;
        }
        if (dup)
            continue;
        seen[e->nitems] = it;
        e->items[e->nitems].name = it->name;
        e->items[e->nitems].doc = it->doc;
        e->items[e->nitems++].value = it->value.text;
    }
    return e;
}

gen_error *gen_sema_declare_error(gen_sema_ctx *s, const ast_error *ae)
{
    static const char *const conventions[] = {"status", "null", "errno"};
    gen_error *e = gen_arena_alloc(s->arena, sizeof *e);
    e->name = ae->name;
    e->doc = ae->doc;
    e->loc = ae->loc;
    if (strcmp(ae->kind, "error") != 0)
        gen_diag_error(s->diag, ae->kind_loc,
                       "expected 'error' after 'foreign_error!(', not '%s'", ae->kind);
    gen_sema_claim(s, ae->name, ae->loc, "an exception");
    const ast_setting *conv = NULL;
    for (const ast_setting *st = ae->settings; st; st = st->next) {
        size_t k = 0;
        while (k < 3 && strcmp(st->key, conventions[k]) != 0)
            k++;
        if (k == 3) {
            gen_diag_error(s->diag, st->key_loc,
                           "unknown error convention '%s'; expected 'status', 'null' or "
                           "'errno'",
                           st->key);
            continue;
        }
        if (conv) {
            gen_diag_error(s->diag, st->key_loc, "error '%s' already has a convention",
                           ae->name);
            gen_diag_note(s->diag, conv->key_loc, "previous convention is here");
            continue;
        }
        conv = st;
        e->conv = (gen_err_conv)k;
        e->message_fn = st->value;
        if (k == GEN_ERR_ERRNO && st->value)
            gen_diag_error(s->diag, st->value_loc,
                           "'errno' takes no message function: the message is strerror(errno)");
    }
    if (!conv && !ae->settings)
        gen_diag_error(s->diag, ae->loc,
                       "error '%s' needs a convention: 'status MESSAGE_FN;', 'null "
                       "LAST_ERROR_FN;' or 'errno;'",
                       ae->name);
    return e;
}

gen_typemap *gen_sema_declare_typemap(gen_sema_ctx *s, const ast_typemap *at)
{
    gen_typemap *t = gen_arena_alloc(s->arena, sizeof *t);
    t->name = at->name;
    t->doc = at->doc;
    t->c_type = at->c_type;
    t->loc = at->loc;
    t->named = strcmp(at->kind, "namedtuple") == 0;
    if (!t->named && strcmp(at->kind, "tuple") != 0)
        gen_diag_error(s->diag, at->kind_loc,
                       "expected 'tuple' or 'namedtuple' after 'foreign_typemap!(', not '%s'",
                       at->kind);
    gen_sema_claim(s, at->name, at->loc, "a typemap");
    size_t n = 0;
    for (const ast_param *f = at->fields; f; f = f->next)
        n++;
    if (n == 0)
        gen_diag_error(s->diag, at->loc, "typemap '%s' has no fields", at->name);
    t->fields = gen_sema_alloc(s, n, sizeof *t->fields);
    for (const ast_param *f = at->fields; f; f = f->next) {
        if (f->kind != AST_PARAM_NAMED || !f->name || f->has_default) {
            gen_diag_error(s->diag, f->loc, "a typemap field is written 'name: type'");
            continue;
        }
        gen_typemap_field *tf = &t->fields[t->nfields];
        tf->name = f->name;
        gen_sema_check_name(s, f->name, f->loc, "a field");
        if (gen_resolve_type(&s->scope, f->type, NULL, GEN_USE_FIELD, &tf->type, NULL) < 0)
            continue;
        for (size_t i = 0; i < t->nfields; i++)
            if (strcmp(t->fields[i].name, f->name) == 0)
                gen_diag_error(s->diag, f->loc, "typemap '%s' already has a field '%s'",
                               at->name, f->name);
        t->nfields++;
    }
    return t;
}

void gen_sema_define_const(gen_sema_ctx *s, const ast_const *ac, gen_const *k)
{
    k->name = ac->name;
    k->doc = ac->doc;
    k->value = ac->value.text;
    k->loc = ac->loc;
    gen_sema_claim(s, ac->name, ac->loc, "a constant");

    if (gen_resolve_type(&s->scope, ac->type, NULL, GEN_USE_CONST, &k->type, NULL) < 0)
        return;
    /* `Enum::MEMBER` names a member: the constant is its C value. */
    const char *sep = strstr(ac->value.text, "::");
    if (sep && k->type.kind == GEN_T_ENUM) {
        const gen_enum *e = k->type.enumeration;
        for (size_t i = 0; i < e->nitems; i++)
            if (strcmp(e->items[i].name, sep + 2) == 0 &&
                strncmp(ac->value.text, e->name, (size_t)(sep - ac->value.text)) == 0 &&
                strlen(e->name) == (size_t)(sep - ac->value.text))
                k->value = e->items[i].value;
    }
    if (sep && k->value == ac->value.text) {
        gen_diag_error(s->diag, ac->value.loc, "'%s' is not a member of the constant's type '%s'",
                       ac->value.text, k->type.spelling);
        return;
    }
    if (k->type.kind == GEN_T_PRIM && k->type.prim->kind == GEN_PRIM_INT &&
        (ac->value.text[0] == '-' || (ac->value.text[0] >= '0' && ac->value.text[0] <= '9')) &&
        !gen_prim_int_fits(k->type.prim, ac->value.text)) {
        gen_diag_error(s->diag, ac->value.loc, "%s is out of range for '%s'", ac->value.text,
                       k->type.spelling);
        return;
    }
    int is_string = ac->value.text[0] == '"';
    int is_number = ac->value.text[0] == '-' || (ac->value.text[0] >= '0' && ac->value.text[0] <= '9');
    if (is_string && k->type.kind != GEN_T_STR)
        gen_diag_error(s->diag, ac->value.loc, "a string literal needs the type '&str'");
    else if (is_number && k->type.kind == GEN_T_STR)
        gen_diag_error(s->diag, ac->value.loc,
                       "a '&str' constant needs a string literal or a C name");
}
