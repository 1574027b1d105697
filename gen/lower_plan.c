/* lower_plan.c: lowers a function's call plan (model.h: gen_arg, gen_out) into the C
 * arguments of the call and the template values around it: range-checked lengths, fixed
 * expressions with parameter names replaced by their C values, out-values and output
 * buffers with their declarations and conversions, and the fields of a streaming struct
 * bound for the call, with the loop that gives C more room while it fills the buffer. */
#include <ctype.h>
#include <string.h>

#include "lower_plan.h"
#include "typeres.h"


/* The lists a call plan fills, which the wrapper template walks. */
typedef struct plan_lists {
    gen_tv *decls, *checks, *after, *outbufs, *zero_outs, *disowns;
    gen_tv *out_checks;  /* lengths of output buffers: checked once the buffers exist */
    gen_tv *renews;      /* owners whose lent objects go stale before the call */
    call_shape shape;
} plan_lists;

/* The largest value of integer type p, as a C constant expression. */
static const char *int_max(const gen_prim *p)
{
    static const char *const names[][2] = {
        {"i8", "INT8_MAX"},   {"i16", "INT16_MAX"},  {"i32", "INT32_MAX"},
        {"i64", "INT64_MAX"}, {"u8", "UINT8_MAX"},   {"u16", "UINT16_MAX"},
        {"u32", "UINT32_MAX"}, {"u64", "UINT64_MAX"}, {"isize", "PTRDIFF_MAX"},
        {"usize", "SIZE_MAX"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(p->glue, names[i][0]) == 0)
            return names[i][1];
    return "0";
}

/* The C value of a parameter inside an expression of the glue: its converted variable,
 * a buffer's pointer, or with `len(...)` its length. */
static const char *param_value(lower *l, const gen_fn *fn, const char *name, size_t n,
                               int length)
{
    /* len(buf) of an output buffer: its room (buffers are made before the call). */
    for (size_t k = 0; length && k < fn->nouts; k++)
        if (fn->outs[k].is_buffer && strlen(fn->outs[k].name) == n &&
            strncmp(fn->outs[k].name, name, n) == 0)
            return gen_arena_printf(l->a, "ob%zu.cap", k + 1);
    for (size_t i = 0; i < fn->nparams; i++) {
        const gen_param *p = &fn->params[i];
        if (!p->name || strlen(p->name) != n || strncmp(p->name, name, n) != 0)
            continue;
        if (p->type.kind == GEN_T_SLICE)
            return gen_arena_printf(l->a, length ? "len%d" : "view%d.buf", p->pos);
        if (length && p->type.kind == GEN_T_MAPS)
            return gen_arena_printf(l->a, "len%d", p->pos);
        if (length && p->type.kind == GEN_T_STR)
            return gen_arena_printf(l->a, "strlen(arg%d)", p->pos);
        return length ? NULL : gen_arena_printf(l->a, "arg%d", p->pos);
    }
    return NULL;
}

const char *gen_lower_handle(lower *l, const gen_fn *fn)
{
    if (fn->self != GEN_SELF_NONE)
        return "cself";
    for (size_t k = 0; k < fn->nouts; k++)
        if (fn->outs[k].type.kind == GEN_T_CLASS && fn->outs[k].type.pass == GEN_PASS_OWNED &&
            fn->outs[k].type.cls->storage == GEN_STORE_PTR)
            return gen_arena_printf(l->a, "out%zu", k + 1);
    return "NULL";
}

const char *gen_lower_c_expr(lower *l, const gen_fn *fn, const char *expr)
{
    gen_strbuf sb = {0};
    const char *s = expr;
    while (*s) {
        if (!(isalpha((unsigned char)*s) || *s == '_')) {
            /* Strings and character constants pass through untouched. */
            if (*s == '"' || *s == '\'') {
                char q = *s;
                gen_strbuf_putc(&sb, *s++);
                while (*s && *s != q) {
                    if (*s == '\\' && s[1])
                        gen_strbuf_putc(&sb, *s++);
                    gen_strbuf_putc(&sb, *s++);
                }
                if (*s)
                    gen_strbuf_putc(&sb, *s++);
                continue;
            }
            gen_strbuf_putc(&sb, *s++);
            continue;
        }
        const char *start = s;
        while (isalnum((unsigned char)*s) || *s == '_')
            s++;
        size_t n = (size_t)(s - start);
        const char *v = NULL;
        /* len(NAME) */
        if (n == 3 && strncmp(start, "len", 3) == 0 && *s == '(') {
            const char *a = s + 1, *b = a;
            while (isalnum((unsigned char)*b) || *b == '_')
                b++;
            if (*b == ')' && (v = param_value(l, fn, a, (size_t)(b - a), 1)) != NULL)
                s = b + 1;
        }
        int member = start > expr && (start[-1] == '.' || (start[-1] == '>' && start > expr + 1 &&
                                                            start[-2] == '-'));
        if (!v && !member)
            v = param_value(l, fn, start, n, 0);
        if (!v && !member && n == 4 && strncmp(start, "self", 4) == 0)
            v = gen_lower_handle(l, fn);
        if (v)
            gen_strbuf_puts(&sb, v);
        else
            gen_strbuf_printf(&sb, "%.*s", (int)n, start);
    }
    const char *r = gen_arena_strdup(l->a, gen_strbuf_str(&sb));
    gen_strbuf_release(&sb);
    return r;
}

/* An output buffer bound for the call to self's fields (next_out/avail_out) or to the
 * fields of a struct passed by address (ZSTD_outBuffer {dst, size, pos}): where the
 * pointer and room go before each call, and how much C wrote after it. */
static void lower_stream_out(lower *l, const gen_fn *fn, gen_tv *w, const plan_lists *pl,
                             const gen_out *o, size_t k, const char **arg)
{
    const char *holder = o->bind_struct ? gen_arena_printf(l->a, "bso%zu.", k + 1) : "cself->";
    const char *len = gen_arena_printf(l->a, "%s%s", holder, o->bind_len);
    /* The call repeats while C fills the room and says "go on": the first status of the
     * success set, or success under a predicate. */
    const gen_error *e = fn->error;
    gen_tv_set_str(l->a, w, "stream_cond",
                   !e ? "1"
                   : e->conv == GEN_ERR_STATUS
                       ? gen_arena_printf(l->a, "status == (int)(%s)",
                                          e->nsuccess ? e->success[0] : "0")
                   : e->conv == GEN_ERR_PREDICATE ? gen_arena_printf(l->a, "!(%s)", e->predicate)
                                                  : "1");
    gen_tv_set_str(l->a, w, "stream_k", gen_arena_printf(l->a, "%zu", k + 1));
    gen_tv_set_str(l->a, w, "stream_ptr", gen_arena_printf(l->a, "%s%s", holder, o->bind_ptr));
    gen_tv_set_str(l->a, w, "stream_len", len);
    if (o->bind_struct) {
        gen_lower_add_decl(l, pl->decls,
                           gen_arena_printf(l->a, "%s bso%zu", o->bind_struct, k + 1));
        gen_lower_add_item(l, pl->zero_outs, "var", gen_arena_printf(l->a, "bso%zu", k + 1));
        gen_tv_set_str(l->a, w, "stream_pos", gen_arena_printf(l->a, "%s%s", holder, o->bind_pos));
        gen_tv_set_str(l->a, w, "stream_produced",
                       gen_arena_printf(l->a, "(size_t)%s%s", holder, o->bind_pos));
        *arg = gen_arena_printf(l->a, "&bso%zu", k + 1);
    } else {
        gen_tv_set_str(l->a, w, "stream_produced",
                       gen_arena_printf(l->a, "room - (size_t)%s", len));
    }
}

/* `out &T`: C hands back a pointer to an object its owner (self, or the first borrowed
 * class argument) keeps. Python gets it lent, valid until the owner lends again (the
 * owner's generation moves on before the call), or with `copy NAME;` a copy it owns. */
static void lower_lent_out(lower *l, const gen_fn *fn, const plan_lists *pl, size_t k,
                           const char **conv)
{
    const gen_type *t = &fn->outs[k].type;
    const char *owner = gen_lower_borrow_owner(l, fn, pl->shape);
    /* Copied or not, C reuses what it lent before: those objects go stale. */
    if (strcmp(owner, "NULL") != 0)
        gen_lower_add_item(l, pl->renews, "owner", owner);
    gen_lower_add_decl(l, pl->decls, gen_arena_printf(l->a, "%s%s *out%zu = NULL",
                                                      t->pass == GEN_PASS_REF ? "const " : "",
                                                      t->cls->c_type, k + 1));
    const gen_fn *copy = NULL;
    for (size_t i = 0; fn->outs[k].copied && i < t->cls->nfns; i++)
        if (t->cls->fns[i]->special && strcmp(t->cls->fns[i]->special, "__copy__") == 0)
            copy = t->cls->fns[i];
    if (copy) {
        /* The copy is made before anything else runs, from C's pointer as C gave it. */
        *conv = gen_arena_printf(
            l->a, "%scbpyw_%s__wrap(cbpy_st, cbpy_st->w_%s, out%zu == NULL ? NULL : %s((%s *)out%zu), 0, "
                  "\"%s\", \"%s\")",
            t->optional ? gen_arena_printf(l->a, "out%zu == NULL ? cbpy_ret_unit() : ", k + 1) : "",
            t->cls->name, t->cls->name, k + 1, copy->c_name, t->cls->c_type, k + 1,
            gen_lower_func_name(l, fn), copy->c_name);
        return;
    }
    *conv = gen_arena_printf(l->a, "cbpy_wrap_lent(cbpy_st->w_%s, (void *)out%zu, %s, %d, "
                                   "\"%s\", \"%s\")",
                             t->cls->name, k + 1, owner,
                             t->optional | (t->pass == GEN_PASS_REF) << 1,
                             gen_lower_func_name(l, fn), fn->c_name);
}

/* The declaration, C argument and Python conversion of out-value k. */
static void lower_out(lower *l, const gen_fn *fn, size_t k, gen_tv *w, const plan_lists *pl,
                      const char **arg, const char **conv)
{
    gen_tv *decls = pl->decls;
    const gen_out *o = &fn->outs[k];
    if (o->is_buffer) {
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "cbpy_outbuf ob%zu = {0}", k + 1));
        *arg = gen_arena_printf(l->a, "cbpy_outbuf_free(&ob%zu)", k + 1);
        *conv = gen_arena_printf(l->a, "cbpy_outbuf_finish(&ob%zu)", k + 1);
        gen_tv *m = gen_tv_map(l->a);
        gen_tv_set_str(l->a, m, "k", gen_arena_printf(l->a, "%zu", k + 1));
        gen_tv_set_str(l->a, m, "desc",
                       gen_arena_printf(l->a, "%s_o%zu", gen_tv_lookup_str(w, "wrapper"), k + 1));
        gen_tv_set_str(l->a, m, "func", gen_lower_func_name(l, fn));
        gen_tv_set_str(
            l->a, m, "name_c",
            gen_arena_printf(l->a, "\"%s\"",
                             o->size_param >= 0 ? fn->params[o->size_param].name : o->name));
        const char *size = o->size_param >= 0
                               ? gen_arena_printf(l->a, "(Py_ssize_t)arg%d",
                                                  fn->params[o->size_param].pos)
                               : gen_arena_printf(l->a, "(Py_ssize_t)(%s)",
                                                  gen_lower_c_expr(l, fn, o->size_expr));
        gen_tv_set_str(l->a, m, "make",
                       o->bind_ptr
                           ? gen_arena_printf(l->a, "cbpy_outbuf_growable(&ob%zu, %s)", k + 1, size)
                           : gen_arena_printf(l->a, "cbpy_outbuf_fixed(&ob%zu, %s, &%s_o%zu)",
                                              k + 1, size, gen_tv_lookup_str(w, "wrapper"), k + 1));
        gen_tv_set_flag(l->a, m, "fixed", !o->bind_ptr);
        gen_tv_push(l->a, pl->outbufs, m);
        if (o->bind_ptr)
            lower_stream_out(l, fn, w, pl, o, k, arg);
        return;
    }
    if (o->consumed_of >= 0) {
        /* How much of the input bound to a struct C read: that struct's pos. */
        *conv =
            gen_arena_printf(l->a, "cbpy_ret_usize((size_t)bs%d.%s)",
                             fn->params[o->consumed_of].pos, fn->params[o->consumed_of].bind_pos);
        *arg = NULL;
        return;
    }
    const gen_type *t = &o->type;
    if (o->inout_param >= 0) {
        /* `&mut Map`: the argument's struct, read back after the call. */
        const char *var = gen_arena_printf(l->a, "arg%d", fn->params[o->inout_param].pos);
        *conv = gen_arena_printf(l->a, "cbpyt_%s__to(cbpy_st, &%s)", t->map->name, var);
        if (t->map->is_dict)
            gen_lower_add_item(l, pl->disowns, "stmt",
                     gen_arena_printf(l->a, "cbpyt_%s__disown(&%s, &allocs)", t->map->name, var));
        *arg = NULL;
        return;
    }
    switch (t->kind) {
    case GEN_T_MAP:
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s out%zu", t->map->c_type, k + 1));
        gen_lower_add_item(l, pl->zero_outs, "var", gen_arena_printf(l->a, "out%zu", k + 1));
        *conv = gen_arena_printf(l->a, "cbpyt_%s__to(cbpy_st, &out%zu)", t->map->name, k + 1);
        if (t->map->is_dict)
            gen_lower_add_item(
                l, pl->disowns, "stmt",
                gen_arena_printf(l->a, "cbpyt_%s__disown(&out%zu, &allocs)", t->map->name, k + 1));
        break;
    case GEN_T_CLASS: {
        /* A constructor's own object is of the type it was called on (a subclass too). */
        const char *type = (int)k != fn->made_out
                               ? gen_arena_printf(l->a, "cbpy_st->w_%s", t->cls->name)
                           : fn->kind == GEN_FN_CONSTRUCTOR ? "type"
                                                            : "(PyTypeObject *)self";
        if (t->pass != GEN_PASS_OWNED) {
            lower_lent_out(l, fn, pl, k, conv);
            break;
        }
        if (t->cls->storage == GEN_STORE_VALUE) {
            /* C fills a struct the new object then holds. */
            gen_lower_add_decl(l, decls,
                               gen_arena_printf(l->a, "%s out%zu", t->cls->c_type, k + 1));
            gen_lower_add_item(l, pl->zero_outs, "var", gen_arena_printf(l->a, "out%zu", k + 1));
            *conv = gen_arena_printf(l->a, "cbpyw_%s__wrap(cbpy_st, %s, out%zu)", t->cls->name, type, k + 1);
            break;
        }
        /* C hands back a handle; the new object owns it. Until then (and on every failure,
         * after the message was read from it) the wrapper releases it. */
        gen_lower_add_decl(l, decls,
                           gen_arena_printf(l->a, "%s *out%zu = NULL", t->cls->c_type, k + 1));
        *conv = gen_arena_printf(
            l->a, "cbpyw_%s__wrap(cbpy_st, %s, cbpy_steal_ptr((void **)&out%zu), %d, \"%s\", \"%s\")",
            t->cls->name, type, k + 1, t->optional, gen_lower_func_name(l, fn), fn->c_name);
        gen_lower_add_item(l, pl->disowns, "stmt",
                 gen_arena_printf(l->a, "if (out%zu != NULL) %s(out%zu)", k + 1,
                                  t->cls->dtor, k + 1));
        break;
    }
    case GEN_T_STR:
    case GEN_T_STRING:
        /* Text C points at (`const char **`); `String` is C's to give away, released with
         * the module's free function on every path, once read. */
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s*out%zu = NULL",
                                            t->kind == GEN_T_STR ? "const char " : "char ", k + 1));
        *conv = gen_arena_printf(l->a, "cbpy_ret_str(out%zu, %d, \"%s\", \"%s\")", k + 1,
                                 t->optional, gen_lower_func_name(l, fn), fn->c_name);
        if (t->kind == GEN_T_STRING)
            gen_lower_add_item(l, pl->disowns, "stmt",
                     gen_arena_printf(l->a, "if (out%zu != NULL) %s(out%zu)", k + 1,
                                      l->m->free_fn, k + 1));
        break;
    case GEN_T_ENUM:
        /* C writes the enum's own C type (`enum NAME: C_TYPE`). */
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s out%zu = (%s)0",
                                                      t->enumeration->c_type, k + 1,
                                                      t->enumeration->c_type));
        *conv = gen_arena_printf(l->a, "cbpy_ret_enum(cbpy_st->e_%s, out%zu)", t->enumeration->name,
                                 k + 1);
        break;
    default:
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s out%zu = 0",
                                            t->c_name ? t->c_name : t->prim->c_type, k + 1));
        *conv = gen_arena_printf(l->a, "cbpy_ret_%s(out%zu)", t->prim->suffix, k + 1);
        break;
    }
    *arg = gen_arena_printf(l->a, "&out%zu", k + 1);
}

/* A GEN_ARG_LEN argument (number i of the call): its variable, declared with the library's
 * type when a typedef named it (so that its address has the type C wants), set to the
 * length once checked to fit (never a silent truncation), or a position starting at 0;
 * after the call, an in/out length or position tells how much C wrote. */
static const char *lower_len(lower *l, const gen_fn *fn, gen_tv *w, const plan_lists *pl,
                             size_t i)
{
    const gen_arg *a = &fn->args[i];
    const char *wrapper = gen_tv_lookup_str(w, "wrapper"), *len, *desc;
    if (a->of_out) {
        len = gen_arena_printf(l->a, "ob%d.cap", a->index + 1);
        desc = gen_arena_printf(l->a, "%s_o%d", wrapper, a->index + 1);
    } else {
        const gen_param *p = &fn->params[a->index];
        len = p->type.kind != GEN_T_STR ? gen_arena_printf(l->a, "len%d", p->pos)
                                        : gen_arena_printf(l->a, "strlen(arg%d)", p->pos);
        desc = gen_arena_printf(l->a, "%s_p%d", wrapper, p->pos);
    }
    gen_lower_add_decl(l, pl->decls, gen_arena_printf(l->a, "%s n%zu = 0", a->c_type, i + 1));
    if (!a->is_pos)
        gen_lower_add_item(l, a->of_out ? pl->out_checks : pl->checks, "cond",
                 gen_arena_printf(l->a,
                                  "cbpy_len_check(%s, %s, &%s, \"its length type '%s'\") < 0 || "
                                  "((n%zu = (%s)%s), 0)",
                                  len, int_max(a->prim), desc, a->spelling, i + 1, a->c_type, len));
    if (a->of_out && a->by_pointer)
        gen_lower_add_item(
            l, pl->after, "stmt",
            gen_arena_printf(l->a, "ob%d.len = (size_t)n%zu <= ob%d.cap ? (size_t)n%zu : ob%d.cap",
                             a->index + 1, i + 1, a->index + 1, i + 1, a->index + 1));
    return gen_arena_printf(l->a, "%sn%zu", a->by_pointer ? "&" : "", i + 1);
}

/* `retry S;`: while C reports that the first output buffer was too small, the call repeats
 * with twice the room (as far as every length type of the buffer can say). */
static void lower_retry(lower *l, const gen_fn *fn, gen_tv *w)
{
    size_t k = 0;
    while (!fn->outs[k].is_buffer || fn->outs[k].bind_ptr)
        k++;
    /* Statuses are compared; under a predicate domain each value is a condition on the
     * error code in `result` (zstd: `ZSTD_getErrorCode(result) == ZSTD_error_dstSize_tooSmall`). */
    int predicate = fn->error->conv == GEN_ERR_PREDICATE;
    gen_strbuf cond = {0};
    if (predicate)
        gen_strbuf_printf(&cond, "(%s) && (", gen_lower_c_expr(l, fn, fn->error->predicate));
    for (size_t i = 0; i < fn->nretry; i++)
        gen_strbuf_printf(&cond, predicate ? "%s(%s)" : "%sstatus == (int)(%s)", i ? " || " : "",
                          predicate ? gen_lower_c_expr(l, fn, fn->retry[i]) : fn->retry[i]);
    if (predicate)
        gen_strbuf_puts(&cond, ")");
    gen_tv *lens = gen_tv_list(l->a);
    const char *max = "PY_SSIZE_T_MAX";
    for (size_t i = 0; i < fn->nargs; i++) {
        const gen_arg *a = &fn->args[i];
        if (a->role != GEN_ARG_LEN || !a->of_out || a->index != (int)k)
            continue;
        if (a->is_pos) {
            gen_lower_add_item(l, lens, "stmt", gen_arena_printf(l->a, "n%zu = 0", i + 1));
            continue;
        }
        gen_lower_add_item(l, lens, "stmt", gen_arena_printf(l->a, "n%zu = (%s)ob%zu.cap", i + 1,
                                                   a->c_type, k + 1));
        max = gen_arena_printf(l->a, "(%s < (unsigned long long)%s ? %s : (unsigned long long)%s)",
                               max, int_max(a->prim), max, int_max(a->prim));
    }
    gen_tv_set_str(l->a, w, "retry_k", gen_arena_printf(l->a, "%zu", k + 1));
    gen_tv_set_str(l->a, w, "retry_cond", gen_arena_strdup(l->a, gen_strbuf_str(&cond)));
    gen_tv_set_str(l->a, w, "retry_max", max);
    gen_tv_set(l->a, w, "retry_lens", lens);
    gen_strbuf_release(&cond);
}

/* `keep P;`: self takes over the buffer export (or references the text or object) before
 * the call, so C may go on using it; a consuming call releases what self kept once C has
 * freed the value. */
static void lower_keeps(lower *l, const gen_fn *fn, plan_lists *pl)
{
    for (size_t i = 0; i < fn->nkeeps; i++) {
        const gen_param *p = &fn->params[fn->keeps[i]];
        const char *arg = gen_lower_arg_expr(l, p, pl->shape);
        gen_lower_add_item(
            l, pl->checks, "cond",
            p->type.kind == GEN_T_SLICE
                ? gen_arena_printf(l->a, "cbpy_keep_view(self, &view%d) < 0", p->pos)
                : gen_arena_printf(l->a, "cbpy_keep_ref(self, %s, %d, \"%s\") < 0", arg,
                                   p->type.kind == GEN_T_CLASS, gen_lower_func_name(l, fn)));
    }
    int class_keeps = 0;
    for (size_t i = 0; fn->self == GEN_SELF_MOVE && i < fn->cls->nfns; i++)
        class_keeps |= fn->cls->fns[i]->nkeeps > 0;
    if (class_keeps)
        gen_lower_add_item(l, pl->after, "stmt", "cbpy_drop_kept(self)");
    if (fn->invalidates)
        gen_lower_add_item(l, pl->renews, "owner", "self");
    const char *owner = gen_lower_borrow_owner(l, fn, pl->shape);
    if (fn->lends && strcmp(owner, "NULL") != 0)
        gen_lower_add_item(l, pl->renews, "owner", owner);
}

void gen_lower_plan(lower *l, const gen_fn *fn, gen_tv *w, call_shape shape, const char *self_arg,
                    const char *const *passed, gen_strbuf *call, const char **out_convs)
{
    plan_lists pl = {gen_tv_list(l->a), gen_tv_list(l->a), gen_tv_list(l->a), gen_tv_list(l->a),
                     gen_tv_list(l->a), gen_tv_list(l->a), gen_tv_list(l->a), gen_tv_list(l->a),
                     shape};
    lower_keeps(l, fn, &pl);
    for (size_t i = 0; i < fn->nparams; i++)
        if (fn->params[i].type.kind == GEN_T_MAP && fn->params[i].type.pass == GEN_PASS_MUT)
            gen_lower_add_item(l, pl.zero_outs, "var",
                               gen_arena_printf(l->a, "arg%d", fn->params[i].pos));
    gen_tv *decls = pl.decls, *checks = pl.checks, *after = pl.after;
    const char **out_args = gen_arena_alloc(l->a, (fn->nouts + 1) * sizeof *out_args);
    for (size_t k = 0; k < fn->nouts; k++) {
        lower_out(l, fn, k, w, &pl, &out_args[k], &out_convs[k]);
        /* `out Option<i32>` (a tuple result's `Option<i32>`): a `bool *` C sets when it
         * wrote the value, before the value's pointer. */
        if (gen_type_flagged(&fn->outs[k].type)) {
            gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "bool has%zu = false", k + 1));
            out_args[k] = gen_arena_printf(l->a, "&has%zu, %s", k + 1, out_args[k]);
            out_convs[k] = gen_arena_printf(l->a, "has%zu ? %s : cbpy_ret_unit()", k + 1,
                                            out_convs[k]);
        }
    }
    for (size_t i = 0; i < fn->nargs; i++) {
        const gen_arg *a = &fn->args[i];
        const char *x = "";
        switch (a->role) {
        case GEN_ARG_SELF:
            x = self_arg;
            break;
        case GEN_ARG_PARAM:
            x = passed[a->index];
            break;
        case GEN_ARG_FIXED:
            x = gen_lower_c_expr(l, fn, a->expr);
            break;
        case GEN_ARG_OUT:
            x = out_args[a->index];
            break;
        case GEN_ARG_LEN:
            x = lower_len(l, fn, w, &pl, i);
            break;
        }
        gen_strbuf_printf(call, "%s%s", call->len ? ", " : "", x);
    }
    /* A result that counts what C wrote into a buffer (`len BUF;`) sizes it, never past
     * its room (an error code is raised anyway). */
    if (fn->ret_counts_out >= 0)
        gen_lower_add_item(
            l, after, "stmt",
            gen_arena_printf(
                l->a, "ob%d.len = %s(size_t)result <= ob%d.cap ? (size_t)result : ob%d.cap",
                fn->ret_counts_out + 1, fn->ret_count ? "result < 0 ? 0 : " : "",
                fn->ret_counts_out + 1, fn->ret_counts_out + 1));
    /* A fixed-size buffer whose length C does not report is full. */
    for (size_t k = 0; k < fn->nouts; k++)
        if (fn->outs[k].is_buffer && !fn->outs[k].bind_ptr && (int)k != fn->ret_counts_out &&
            (fn->outs[k].len_arg < 0 || !fn->args[fn->outs[k].len_arg].by_pointer))
            gen_lower_add_item(l, after, "stmt",
                               gen_arena_printf(l->a, "ob%zu.len = ob%zu.cap", k + 1, k + 1));
    /* Inputs bound to self's fields for the call. */
    gen_tv *binds = gen_tv_list(l->a);
    for (size_t i = 0; i < fn->nparams; i++) {
        const gen_param *p = &fn->params[i];
        if (!p->bind_ptr)
            continue;
        const char *holder = p->bind_struct ? gen_arena_printf(l->a, "bs%d.", p->pos) : "cself->";
        gen_tv *m = gen_tv_map(l->a);
        gen_tv_set_str(l->a, m, "ptr", gen_arena_printf(l->a, "%s%s", holder, p->bind_ptr));
        gen_tv_set_str(l->a, m, "len", gen_arena_printf(l->a, "%s%s", holder, p->bind_len));
        gen_tv_set_str(l->a, m, "field", p->bind_len);
        gen_tv_set_str(l->a, m, "pos", gen_arena_printf(l->a, "%d", p->pos));
        if (p->bind_struct) {
            gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s bs%d", p->bind_struct, p->pos));
            gen_lower_add_item(l, pl.zero_outs, "var", gen_arena_printf(l->a, "bs%d", p->pos));
        }
        gen_tv_push(l->a, binds, m);
    }
    gen_tv_set(l->a, w, "plan_decls", decls);
    gen_tv_set(l->a, w, "plan_checks", checks);
    gen_tv_set(l->a, w, "out_checks", pl.out_checks);
    gen_tv_set(l->a, w, "after_call", after);
    gen_tv_set(l->a, w, "renews", pl.renews);
    gen_tv_set(l->a, w, "binds_in", binds);
    if (fn->nretry)
        lower_retry(l, fn, w);
    gen_tv_set(l->a, w, "outbufs", pl.outbufs);
    gen_tv_set(l->a, w, "zero_outs", pl.zero_outs);
    gen_tv_set(l->a, w, "disowns", pl.disowns);
    gen_tv_set_flag(l->a, w, "has_disowns", pl.disowns->n > 0);
    /* Typemap conversions may allocate for the length of the call. */
    int allocs = 0;
    for (size_t i = 0; i < fn->nparams; i++)
        allocs |= fn->params[i].type.kind == GEN_T_MAP || fn->params[i].type.kind == GEN_T_MAPS ||
                  fn->params[i].type.kind == GEN_T_OBJS;
    for (size_t k = 0; k < fn->nouts; k++)
        allocs |= fn->outs[k].type.kind == GEN_T_MAP;
    gen_tv_set_flag(l->a, w, "uses_allocs", allocs);
}
