/* sema_plan.c: builds a function's call plan (model.h: gen_arg, gen_out) from its glue
 * parameter list. Each entry of the list is one C parameter with a role: self, a Python
 * argument, a fixed C expression, the length of a buffer, an out-value or an output
 * buffer; or, bound to fields of self (`=> (ptr, len)`), no C parameter at all. The Python
 * signature is the visible entries in glue order; the C call is the entries with a C
 * parameter, in glue order. Lengths may name a buffer declared after them, so they are
 * resolved once the whole list is known. */
#include <string.h>

#include "sema_int.h"
#include "sema_plan.h"

enum { MAX_PARAMS = 32 };

typedef struct plan {
    gen_sema_ctx *s;
    gen_fn *fn;
    gen_class *cls;
    size_t cap;
    int bad;
    /* GEN_ARG_LEN entries wait for the whole list: which name each measures. */
    const char *len_of[MAX_PARAMS * 2];
    gen_loc len_loc[MAX_PARAMS * 2];
} plan;

static gen_arg *add_arg(plan *p, gen_arg_role role, gen_loc loc)
{
    gen_arg *a = &p->fn->args[p->fn->nargs++];
    memset(a, 0, sizeof *a);
    a->role = role;
    a->loc = loc;
    return a;
}

/* A value used as a C expression: backticked text verbatim, `A::B` as the C name A_B,
 * anything else as written; NULL (after reporting) for a call form. */
const char *gen_sema_c_expr(gen_sema_ctx *s, const ast_value *v, const char *what)
{
    if (v->call) {
        gen_diag_error(s->diag, v->loc,
                       "%s cannot be '%s(%s)'; write a C expression in backticks, as in "
                       "`%s(%s)`",
                       what, v->call, v->text, v->call, v->text);
        return NULL;
    }
    const char *sep = v->is_cexpr ? NULL : strstr(v->text, "::");
    if (sep)
        return gen_arena_printf(s->arena, "%.*s_%s", (int)(sep - v->text), v->text, sep + 2);
    return v->text;
}

size_t gen_sema_c_exprs(gen_sema_ctx *s, const ast_value *values, const char *what,
                        const char ***out)
{
    size_t k = 0, n = 0;
    for (const ast_value *v = values; v; v = v->next)
        k++;
    *out = gen_sema_alloc(s, k, sizeof **out);
    for (const ast_value *v = values; v; v = v->next) {
        const char *x = gen_sema_c_expr(s, v, what);
        if (x)
            (*out)[n++] = x;
    }
    return n == k ? n : (size_t)-1;
}

/* self, &self, &mut self: only first, only in methods of a class with a C type; an init
 * constructor (`constructor f(&mut self, ...)`) fills the object's inline struct. */
static void plan_self(plan *p, const ast_member *m, const ast_param *ap)
{
    gen_sema_ctx *s = p->s;
    gen_fn *fn = p->fn;
    int init = m->kind == AST_CONSTRUCTOR && ap->kind == AST_PARAM_SELF_MUT;
    if (ap != m->params) {
        gen_diag_error(s->diag, ap->loc, "'self' must be the first parameter");
    } else if (m->kind == AST_CONSTRUCTOR && !init) {
        gen_diag_error(s->diag, ap->loc,
                       "a constructor cannot take 'self'; an init function that fills the "
                       "object's struct takes '&mut self'");
    } else if (!p->cls) {
        gen_diag_error(s->diag, ap->loc,
                       "a module-level function cannot take 'self'; declare it in a "
                       "foreign_class!");
    } else if (!p->cls->c_type) {
        gen_diag_error(s->diag, ap->loc, "a method taking 'self' needs a 'self_type' in class '%s'",
                       p->cls->name);
    } else {
        fn->self = ap->kind == AST_PARAM_SELF_MUT    ? GEN_SELF_MUT
                   : ap->kind == AST_PARAM_SELF_MOVE ? GEN_SELF_MOVE
                                                     : GEN_SELF_CONST;
        fn->init_self = init;
        add_arg(p, GEN_ARG_SELF, ap->loc);
        return;
    }
    p->bad = 1;
}

/* A Python-visible parameter slot, checked for its name. */
static gen_param *new_param(plan *p, const char *name, gen_loc loc)
{
    gen_fn *fn = p->fn;
    gen_sema_ctx *s = p->s;
    if (name)
        gen_sema_check_name(s, name, loc, "a parameter");
    for (size_t i = 0; name && i < fn->nparams; i++) {
        if (fn->params[i].name && strcmp(fn->params[i].name, name) == 0) {
            gen_diag_error(s->diag, loc, "duplicate parameter '%s'", name);
            gen_diag_note(s->diag, fn->params[i].loc, "previous parameter '%s' is here", name);
            p->bad = 1;
        }
    }
    gen_param *gp = &fn->params[fn->nparams++];
    memset(gp, 0, sizeof *gp);
    gp->fn = fn;
    gp->name = name;
    gp->loc = loc;
    gp->pos = (int)fn->nparams;
    return gp;
}

/* Records a parameter's default (or its absence) and keeps defaults trailing. */
static void param_default(plan *p, gen_param *gp, const ast_param *ap)
{
    gen_fn *fn = p->fn;
    if (ap->has_default && gen_sema_resolve_default(p->s, &ap->def, gp) < 0)
        p->bad = 1;
    if (!ap->name && !gp->size_of)
        fn->npos_only = gp->pos;
    if (!ap->has_default && gp->pos > 1 && fn->params[gp->pos - 2].def_c) {
        gen_diag_error(p->s->diag, ap->loc,
                       "a parameter without a default cannot follow one with a default");
        p->bad = 1;
    }
    if (!ap->has_default)
        fn->nrequired = gp->pos;
}

/* `name: out [u8; SIZE]`: an output buffer of bytes. */
static void plan_out_buffer(plan *p, const ast_param *ap, const ast_type *arr, gen_out *o)
{
    gen_sema_ctx *s = p->s;
    const gen_prim *elem = arr->inner->kind == AST_TYPE_NAME ? gen_prim_find(arr->inner->name)
                                                             : NULL;
    o->is_buffer = 1;
    if (!elem || (strcmp(elem->glue, "u8") != 0 && strcmp(elem->glue, "i8") != 0)) {
        gen_diag_error(s->diag, arr->inner->loc,
                       "an output buffer holds bytes: write 'out [u8; SIZE]'");
        p->bad = 1;
        return;
    }
    o->type.kind = GEN_T_PRIM;
    o->type.prim = elem;
    o->type.spelling = "bytes";
    if (arr->size_param) {
        const ast_param *sp = arr->size_param;
        gen_param *gp = new_param(p, sp->name, sp->loc);
        gp->size_of = 1;
        if (gen_resolve_type(&s->scope, sp->type, p->cls, GEN_USE_PARAM, &gp->type, NULL) < 0) {
            p->bad = 1;
            return;
        }
        if (gp->type.kind != GEN_T_PRIM || gp->type.prim->kind != GEN_PRIM_INT) {
            gen_diag_error(s->diag, sp->type->loc, "the size of '%s' must be an integer, not '%s'",
                           ap->name ? ap->name : "_", gp->type.spelling);
            p->bad = 1;
            return;
        }
        param_default(p, gp, sp);
        o->size_param = (int)(gp - p->fn->params);
        return;
    }
    const ast_value *v = arr->size;
    if (!v->is_cexpr && !v->call && !gen_sema_is_int_text(v->text)) {
        gen_diag_error(s->diag, v->loc,
                       "the size of an output buffer is a number, a C expression in "
                       "backticks, or an inline parameter such as 'max_length: isize = -1'");
        p->bad = 1;
        return;
    }
    o->size_expr = gen_sema_c_expr(s, v, "the size of an output buffer");
    if (!o->size_expr)
        p->bad = 1;
}

/* `name: out T` (or the older `name: &mut T` of a primitive): C writes a T through a
 * pointer; an output buffer `out [u8; SIZE]`. */
static void plan_out(plan *p, const ast_param *ap, const ast_type *target)
{
    gen_sema_ctx *s = p->s;
    gen_fn *fn = p->fn;
    gen_out *o = &fn->outs[fn->nouts];
    memset(o, 0, sizeof *o);
    o->name = ap->name ? ap->name : "_";
    o->loc = ap->loc;
    o->len_arg = -1;
    o->size_param = -1;
    o->inout_param = -1;
    o->consumed_of = -1;
    if (ap->has_default) {
        gen_diag_error(s->diag, ap->def.loc,
                       "an out-parameter takes no default: C writes its value");
        p->bad = 1;
    }
    if (target->kind == AST_TYPE_ARRAY) {
        plan_out_buffer(p, ap, target, o);
    } else if (gen_resolve_type(&s->scope, target, p->cls, GEN_USE_RETURN, &o->type, NULL) < 0) {
        p->bad = 1;
    } else if (!((o->type.kind == GEN_T_PRIM && o->type.prim->kind != GEN_PRIM_UNIT &&
                  !o->type.by_ref) ||
                 o->type.kind == GEN_T_ENUM ||
                 o->type.kind == GEN_T_MAP || o->type.kind == GEN_T_STR ||
                 o->type.kind == GEN_T_STRING || o->type.kind == GEN_T_CLASS)) {
        gen_diag_error(s->diag, target->loc,
                       "an out-parameter must be a number, bool, enum, text, typemap or an "
                       "object of a class, not '%s'",
                       o->type.spelling);
        p->bad = 1;
    }
    if (ap->bind_ptr) {
        if (!o->is_buffer) {
            gen_diag_error(s->diag, ap->bind_loc,
                           "only a buffer can be bound to the fields of self");
            p->bad = 1;
        }
        o->bind_ptr = ap->bind_ptr;
        o->bind_len = ap->bind_len;
        o->bind_struct = ap->bind_struct;
        o->bind_pos = ap->bind_pos;
    }
    /* Bound to a struct passed by address, or a plain pointer: a C argument either way. */
    if (!ap->bind_ptr || ap->bind_struct)
        add_arg(p, GEN_ARG_OUT, ap->loc)->index = (int)fn->nouts;
    fn->nouts++;
}

/* `name: T = len(P)` (or `&mut T`): the length of P as integer type T. */
static void plan_len(plan *p, const ast_param *ap)
{
    gen_sema_ctx *s = p->s;
    const ast_type *t = ap->type;
    int by_pointer = t->kind == AST_TYPE_REF && t->is_mut;
    const ast_type *it = by_pointer ? t->inner : t;
    const gen_prim *prim = it->kind == AST_TYPE_NAME ? gen_sema_prim(s, it->name) : NULL;
    int is_pos = strcmp(ap->def.call, "pos") == 0;
    if (strcmp(ap->def.call, "len") != 0 && !is_pos) {
        gen_diag_error(s->diag, ap->def.loc,
                       "'%s(...)' is not a parameter role; a length is written "
                       "'n: u32 = len(data)', a position 'p: &mut usize = pos(data)'",
                       ap->def.call);
        p->bad = 1;
        return;
    }
    if (is_pos && !by_pointer) {
        gen_diag_error(s->diag, t->loc, "a position is moved by C: write '&mut %s'",
                       gen_type_spelling(&s->scope, t));
        p->bad = 1;
        return;
    }
    if (!prim || prim->kind != GEN_PRIM_INT) {
        gen_diag_error(s->diag, t->loc,
                       "a length must be an integer type (or '&mut' one for an in/out "
                       "length), not '%s'",
                       gen_type_spelling(&s->scope, t));
        p->bad = 1;
        return;
    }
    gen_arg *a = add_arg(p, GEN_ARG_LEN, ap->loc);
    a->prim = prim;
    a->c_type = gen_prim_find(it->name) ? prim->c_type : it->name;
    a->spelling = it->name;
    a->by_pointer = by_pointer;
    a->is_pos = is_pos;
    a->index = -1;
    p->len_of[p->fn->nargs - 1] = ap->def.text;
    p->len_loc[p->fn->nargs - 1] = ap->def.loc;
}

/* `name = VALUE`: a C argument Python never sees. */
static void plan_fixed(plan *p, const ast_param *ap)
{
    const char *e = gen_sema_c_expr(p->s, &ap->def, "a fixed argument");
    if (!e) {
        p->bad = 1;
        return;
    }
    add_arg(p, GEN_ARG_FIXED, ap->loc)->expr = e;
}

/* An ordinary Python argument, or one bound to self's fields. */
static void plan_param(plan *p, const ast_param *ap)
{
    gen_sema_ctx *s = p->s;
    gen_param *gp = new_param(p, ap->name, ap->loc);
    if (gen_resolve_type(&s->scope, ap->type, p->cls, GEN_USE_PARAM, &gp->type, NULL) < 0) {
        p->bad = 1;
        return;
    }
    param_default(p, gp, ap);
    gp->inout_out = -1;
    /* `&mut Map`: C may change the struct, and Python gets it back as an output. */
    if (gp->type.kind == GEN_T_MAP && gp->type.pass == GEN_PASS_MUT) {
        gen_out *o = &p->fn->outs[p->fn->nouts];
        memset(o, 0, sizeof *o);
        o->name = gp->name ? gp->name : "_";
        o->type = gp->type;
        o->loc = gp->loc;
        o->len_arg = o->size_param = o->consumed_of = -1;
        o->inout_param = (int)(gp - p->fn->params);
        gp->inout_out = (int)p->fn->nouts++;
    }
    if (ap->bind_ptr) {
        if (gp->type.kind != GEN_T_SLICE || gp->type.is_mut) {
            gen_diag_error(s->diag, ap->bind_loc,
                           "only an input buffer ('&[u8]') can be bound to the fields of self");
            p->bad = 1;
        } else if (ap->bind_struct) {
            /* zstd's ZSTD_inBuffer: passed by address; its pos says how much C read, which
             * Python gets back as an output. */
            gp->bind_ptr = ap->bind_ptr;
            gp->bind_len = ap->bind_len;
            gp->bind_struct = ap->bind_struct;
            gp->bind_pos = ap->bind_pos;
            add_arg(p, GEN_ARG_PARAM, ap->loc)->index = (int)(gp - p->fn->params);
            gen_out *o = &p->fn->outs[p->fn->nouts++];
            memset(o, 0, sizeof *o);
            o->name = gen_arena_printf(s->arena, "%s_read", gp->name ? gp->name : "_");
            o->type.kind = GEN_T_PRIM;
            o->type.prim = gen_prim_find("usize");
            o->type.spelling = "usize";
            o->loc = gp->loc;
            o->len_arg = o->size_param = o->inout_param = -1;
            o->consumed_of = (int)(gp - p->fn->params);
            return;
        } else if (p->fn->self != GEN_SELF_MUT) {
            gen_diag_error(s->diag, ap->bind_loc,
                           "fields of self are written during the call: the method must take "
                           "'&mut self'");
            p->bad = 1;
        }
        gp->bind_ptr = ap->bind_ptr;
        gp->bind_len = ap->bind_len;
        return;
    }
    add_arg(p, GEN_ARG_PARAM, ap->loc)->index = (int)(gp - p->fn->params);
}

/* Each `len(NAME)` measures a buffer or text parameter, or an output buffer. */
static void resolve_lengths(plan *p)
{
    gen_fn *fn = p->fn;
    for (size_t i = 0; i < fn->nargs; i++) {
        gen_arg *a = &fn->args[i];
        if (a->role != GEN_ARG_LEN)
            continue;
        const char *name = p->len_of[i];
        for (size_t k = 0; k < fn->nparams && a->index < 0; k++) {
            gen_param *gp = &fn->params[k];
            if (gp->name && strcmp(gp->name, name) == 0 &&
                (gp->type.kind == GEN_T_SLICE || gp->type.kind == GEN_T_STR ||
                 gp->type.kind == GEN_T_MAPS) &&
                !gp->bind_ptr && (a->is_pos || (!gp->len_given && !a->by_pointer))) {
                gp->len_given |= !a->is_pos;
                a->index = (int)k;
            }
        }
        for (size_t k = 0; k < fn->nouts && a->index < 0; k++) {
            gen_out *o = &fn->outs[k];
            if (strcmp(o->name, name) == 0 && o->is_buffer && !o->bind_ptr) {
                /* The length C reports back (in/out length or position) decides. */
                if (a->by_pointer || o->len_arg < 0)
                    o->len_arg = (int)i;
                a->index = (int)k;
                a->of_out = 1;
            }
        }
        if (a->index < 0) {
            gen_diag_error(p->s->diag, p->len_loc[i],
                           "'%s' is not a buffer or text parameter of '%s' (each one's length "
                           "is passed once%s)",
                           name, fn->c_name,
                           a->by_pointer ? "; an in/out '&mut' length belongs to an output "
                                           "buffer"
                                         : "");
            p->bad = 1;
        }
    }
}

int gen_sema_plan(gen_sema_ctx *s, const ast_member *m, gen_class *cls, gen_fn *fn)
{
    plan p = {s, fn, cls, 0, 0, {0}, {{0}}};
    size_t n = 0;
    for (const ast_param *ap = m->params; ap; ap = ap->next) {
        n += 1 + (ap->type && ap->type->kind == AST_TYPE_OUT &&
                  ap->type->inner->kind == AST_TYPE_ARRAY);
        if (n >= MAX_PARAMS) {
            gen_diag_error(s->diag, ap->loc, "a function can take at most %d parameters",
                           MAX_PARAMS - 1);
            return -1;
        }
    }
    /* A tuple result `-> (A, B)` is C's out-parameters, one per member, after the rest. */
    const ast_type *tuple = m->type && m->type->kind == AST_TYPE_TUPLE ? m->type : NULL;
    for (const ast_type *t = tuple ? tuple->args : NULL; t; t = t->next)
        if (++n >= MAX_PARAMS) {
            gen_diag_error(s->diag, t->loc, "a function can take at most %d parameters",
                           MAX_PARAMS - 1);
            return -1;
        }
    fn->params = gen_sema_alloc(s, n, sizeof *fn->params);
    fn->args = gen_sema_alloc(s, n + 1, sizeof *fn->args);
    fn->outs = gen_sema_alloc(s, n, sizeof *fn->outs);
    for (const ast_param *ap = m->params; ap; ap = ap->next) {
        const ast_type *t = ap->type;
        if (ap->kind != AST_PARAM_NAMED && ap->kind != AST_PARAM_FIXED)
            plan_self(&p, m, ap);
        else if (ap->kind == AST_PARAM_FIXED)
            plan_fixed(&p, ap);
        else if (t->kind == AST_TYPE_OUT)
            plan_out(&p, ap, t->inner);
        /* `name: &mut T` of a primitive: the older spelling of `out T`. */
        else if (t->kind == AST_TYPE_REF && t->is_mut && t->inner->kind == AST_TYPE_NAME &&
                 gen_prim_find(t->inner->name) &&
                 gen_prim_find(t->inner->name)->kind != GEN_PRIM_UNIT && !ap->def.call)
            plan_out(&p, ap, t->inner);
        else if (ap->has_default && ap->def.call)
            plan_len(&p, ap);
        else
            plan_param(&p, ap);
    }
    for (const ast_type *t = tuple ? tuple->args : NULL; t; t = t->next) {
        ast_param member = {0};
        member.kind = AST_PARAM_NAMED;
        member.type = (ast_type *)t;
        member.loc = t->loc;
        plan_out(&p, &member, t);
    }
    resolve_lengths(&p);
    return p.bad ? -1 : 0;
}
