/* lower_callback.c: the C side of callbacks for the lowering pass: the trampoline's C
 * signature for a `Fn(...)` parameter or a foreign_callback! method, how each argument C
 * passes becomes a Python value (copies of what C lends, objects owning what C gives), and
 * how the Python result goes back to C (an `Option` as a bool and an out-pointer).
 * templates/trampoline.tmpl holds the statements around these expressions. */
#include <string.h>

#include "lower_conv.h"

/* One argument C passes to a callback: its C parameters (appended to params) and the
 * expression that makes its Python value (to convs). What C points at is lent for the call,
 * so Python gets copies; an owned handle is given to Python, or released by the trampoline
 * when the callable is not called (a statement appended to drops). */
static void callback_arg(lower *l, const gen_type *a, size_t i, const char *func,
                         gen_strbuf *params, gen_strbuf *convs, gen_tv *drops)
{
    const char *names = gen_arena_printf(l->a, "\"%s\", \"callback\"", func);
    const char *none = gen_arena_printf(l->a, "a%zu == NULL ? cbpy_ret_unit() : ", i + 1);
    switch (a->kind) {
    case GEN_T_PRIM:
        if (a->optional || a->by_ref) {
            gen_strbuf_printf(params, "const %s *a%zu, ", a->prim->c_type, i + 1);
            gen_strbuf_printf(convs, "%scbpy_ret_%s(*a%zu), ", none, a->prim->suffix, i + 1);
        } else {
            gen_strbuf_printf(params, "%s a%zu, ", a->prim->c_type, i + 1);
            gen_strbuf_printf(convs, "cbpy_ret_%s(a%zu), ", a->prim->suffix, i + 1);
        }
        return;
    case GEN_T_STR:
    case GEN_T_STRING:
        /* Text C passes is lent for the call, whether the glue says `&str` or `String`. */
        gen_strbuf_printf(params, "const char *a%zu, ", i + 1);
        gen_strbuf_printf(convs, "cbpy_ret_str(a%zu, 1, %s), ", i + 1, names);
        return;
    case GEN_T_ENUM: {
        const gen_enum *e = a->enumeration;
        gen_strbuf_printf(params, "%s%s %sa%zu, ", a->optional ? "const " : "", e->c_type,
                          a->optional ? "*" : "", i + 1);
        gen_strbuf_printf(convs, "%scbpy_ret_enum(cbpy_st->e_%s, %sa%zu), ", a->optional ? none : "",
                          e->name, a->optional ? "*" : "", i + 1);
        return;
    }
    case GEN_T_CLASS: {
        const gen_class *c = a->cls;
        if (c->storage == GEN_STORE_PTR) {
            gen_strbuf_printf(params, "%s *a%zu, ", c->c_type, i + 1);
            gen_strbuf_printf(convs, "cbpyw_%s__wrap(cbpy_st, cbpy_st->w_%s, a%zu, %d, %s), ", c->name,
                              c->name, i + 1, a->optional, names);
            gen_tv *d = gen_tv_map(l->a);
            gen_tv_set_str(l->a, d, "stmt", gen_arena_printf(l->a, "if (a%zu != NULL) %s(a%zu)",
                                                             i + 1, c->dtor, i + 1));
            gen_tv_set_str(l->a, d, "drop_line", gen_arena_printf(l->a, "%d", c->dtor_line));
            gen_tv_push(l->a, drops, d);
        } else if (a->pass == GEN_PASS_OWNED && !a->optional) {
            gen_strbuf_printf(params, "%s a%zu, ", c->c_type, i + 1);
            gen_strbuf_printf(convs, "cbpyw_%s__wrap(cbpy_st, cbpy_st->w_%s, a%zu), ", c->name, c->name,
                              i + 1);
        } else {
            gen_strbuf_printf(params, "const %s *a%zu, ", c->c_type, i + 1);
            gen_strbuf_printf(convs, "%scbpyw_%s__wrap(cbpy_st, cbpy_st->w_%s, *a%zu), ", none, c->name,
                              c->name, i + 1);
        }
        return;
    }
    case GEN_T_MAP:
        if (a->pass == GEN_PASS_OWNED && !a->optional) {
            gen_strbuf_printf(params, "%s a%zu, ", a->map->c_type, i + 1);
            gen_strbuf_printf(convs, "cbpyt_%s__to(cbpy_st, &a%zu), ", a->map->name, i + 1);
        } else {
            gen_strbuf_printf(params, "const %s *a%zu, ", a->map->c_type, i + 1);
            gen_strbuf_printf(convs, "%scbpyt_%s__to(cbpy_st, a%zu), ", none, a->map->name, i + 1);
        }
        return;
    default: {
        /* An array (`&[T]`, `Vec<T>`) of numbers or of a value class: pointer and count. */
        const char *item = a->cls ? a->cls->c_type : a->prim->c_type;
        gen_strbuf_printf(params, "const %s *a%zu, size_t a%zu_len, ", item, i + 1, i + 1);
        if (a->cls)
            gen_strbuf_printf(convs,
                              "cbpy_ret_array(a%zu, a%zu_len, sizeof(%s), cbpy_st->w_%s, "
                              "cbpyw_%s__at), ",
                              i + 1, i + 1, item, a->cls->name, a->cls->name);
        else if (gen_lower_as_bytes(l, a))
            gen_strbuf_printf(convs, "cbpy_ret_bytes(a%zu, a%zu_len, %s), ", i + 1, i + 1, names);
        else
            gen_strbuf_printf(convs, "cbpy_ret_numbers(a%zu, a%zu_len, %s, sizeof(%s)), ", i + 1,
                              i + 1, gen_lower_item_kind(a->prim), item);
        return;
    }
    }
}

/* What a callback returns to C: the trampoline's C result type, its declarations, the
 * conversion from the Python result r (an expression, negative on failure) and the C
 * expression returned. `Option<T>` returns a bool and fills a trailing `T *out`. */
static void callback_result(lower *l, const gen_callback *cb, gen_strbuf *params, gen_tv *v)
{
    const gen_type *r = cb->ret;
    /* `-> Result<T, E>`: a trailing `char **error`, after the Option's out-pointer. */
    gen_tv_set_flag(l->a, v, "cb_error", cb->ret_error);
    gen_tv_set_flag(l->a, v, "cb_else", cb->ret_error);
    gen_tv_set_str(l->a, v, "cb_error_arg", cb->ret_error ? "error" : "NULL");
    gen_tv *decls = gen_tv_list(l->a);
    const char *c_type, *conv, *glue = r->spelling;
    switch (r->kind) {
    case GEN_T_STRING:
        /* A String result is a copy C owns and frees with free() (cbpy_arg_text_copy). */
        c_type = "char *";
        gen_lower_add_decl(l, decls, "char *value = cbpy_empty_text()");
        conv = "cbpy_arg_text_copy(r, &desc, &value)";
        break;
    case GEN_T_ENUM: {
        const gen_enum *e = r->enumeration;
        c_type = e->c_type;
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s value = (%s)0", c_type, c_type));
        gen_lower_add_decl(l, decls, "long long ev = 0");
        conv = gen_arena_printf(l->a, "(cbpy_arg_enum(r, &desc, cbpy_st->e_%s, cbpye_%s__values, %zu, "
                                      "%d, &ev) < 0 ? -1 : (value = (%s)ev, 0))",
                                e->name, e->name, e->nitems, e->is_flags, c_type);
        break;
    }
    case GEN_T_CLASS:
        c_type = r->cls->c_type;
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s value", c_type));
        gen_lower_add_decl(l, decls, "void *vp = NULL");
        gen_lower_add_decl(l, decls, "memset(&value, 0, sizeof value)");
        conv = gen_arena_printf(l->a, "(cbpy_arg_object(r, &desc, cbpy_st->w_%s, 0, "
                                      "CBPY_USE_READ, &vp) < 0 ? -1 : (value = *(%s *)vp, 0))",
                                r->cls->name, c_type);
        break;
    case GEN_T_MAP:
        c_type = r->map->c_type;
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s value", c_type));
        gen_lower_add_decl(l, decls, "memset(&value, 0, sizeof value)");
        conv = gen_arena_printf(l->a, "cbpyt_%s__from(cbpy_st, r, &desc, &value, NULL)", r->map->name);
        break;
    default:
        c_type = r->prim->c_type;
        if (r->prim->kind == GEN_PRIM_UNIT) {
            gen_tv_set_str(l->a, v, "cb_ret_c", c_type);
            if (cb->ret_error)
                gen_strbuf_puts(params, "char **error, ");
            return;
        }
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s value = 0", c_type));
        conv = gen_arena_printf(l->a, "cbpy_arg_%s(r, &desc, &value)", r->prim->suffix);
        break;
    }
    const char *ret = "value";
    if (r->optional) {
        gen_strbuf_printf(params, "%s *out, ", c_type);
        gen_lower_add_decl(l, decls, "bool present = false");
        conv = gen_arena_printf(l->a, "(r == Py_None ? 0 : %s < 0 ? -1 "
                                      ": (*out = value, present = true, 0))",
                                conv);
        c_type = "bool";
        ret = "present";
    }
    if (cb->ret_error)
        gen_strbuf_puts(params, "char **error, ");
    gen_tv_set_str(l->a, v, "cb_ret_c", c_type);
    gen_tv_set(l->a, v, "cb_decls", decls);
    gen_tv_set_str(l->a, v, "cb_ret_conv", conv);
    gen_tv_set_str(l->a, v, "cb_ret_value", ret);
    gen_tv_set_str(l->a, v, "cb_ret_glue", gen_lower_c_string(l->a, glue));
}

void gen_lower_callback_sig(lower *l, const gen_callback *cb, const char *func, gen_tv *v)
{
    gen_strbuf params = {0}, convs = {0};
    gen_tv *drops = gen_tv_list(l->a);
    for (size_t i = 0; i < cb->nargs; i++)
        callback_arg(l, &cb->args[i], i, func, &params, &convs, drops);
    callback_result(l, cb, &params, v);
    gen_strbuf_puts(&params, "void *user");
    gen_strbuf_puts(&convs, "NULL");
    gen_tv_set_flag(l->a, v, "k_callback", 1);
    gen_tv_set_str(l->a, v, "cb_params", gen_arena_strdup(l->a, gen_strbuf_str(&params)));
    gen_tv_set_str(l->a, v, "cb_args", gen_arena_printf(l->a, "{%s}", gen_strbuf_str(&convs)));
    gen_tv_set_str(l->a, v, "cb_nargs", gen_arena_printf(l->a, "%zu", cb->nargs));
    gen_tv_set(l->a, v, "cb_drops", drops);
    if (drops->n > 0)
        gen_tv_set_flag(l->a, v, "cb_else", 1);
    gen_strbuf_release(&params);
    gen_strbuf_release(&convs);
}
