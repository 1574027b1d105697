/* lower_conv.c: per-type conversions for the lowering pass (see lower_conv.h): for each
 * kind of glue type, what a parameter declares, which runtime call converts it and what C
 * receives; and for each kind of result, what is declared, how C's failure is detected
 * under the function's error convention, and how the value becomes a Python object. */
#include "lower_conv.h"
#include "lower_plan.h"
#include "typeres.h"

#include <string.h>

const char *gen_lower_func_name(lower *l, const gen_fn *fn)
{
    if (!fn->cls)
        return fn->py_name;
    return fn->kind == GEN_FN_CONSTRUCTOR
               ? fn->cls->name
               : gen_arena_printf(l->a, "%s.%s", fn->cls->name, fn->py_name);
}

int gen_lower_moves(const gen_type *t)
{
    return t->kind == GEN_T_CLASS && t->pass == GEN_PASS_OWNED &&
           (t->cls->storage == GEN_STORE_PTR || t->cls->dtor);
}

const char *gen_lower_object_use(const gen_type *t)
{
    return gen_lower_moves(t)           ? "CBPY_USE_MOVE"
           : t->pass == GEN_PASS_MUT ? "CBPY_USE_WRITE"
                                     : "CBPY_USE_READ";
}

const char *gen_lower_class_arg(lower *l, const gen_class *c, gen_pass pass, const char *var)
{
    if (pass == GEN_PASS_REF)
        return gen_arena_printf(l->a, "(const %s *)%s", c->c_type, var);
    if (pass == GEN_PASS_OWNED && c->storage == GEN_STORE_VALUE)
        return gen_arena_printf(l->a, "*%s", var);
    return var;
}

int gen_lower_takes_keywords(const gen_fn *fn)
{
    return fn->npos_only < (int)fn->nparams || fn->nrequired < (int)fn->nparams;
}

const char *gen_lower_arg_expr(lower *l, const gen_param *p, call_shape shape)
{
    if (shape == SHAPE_KEYWORDS || (shape == SHAPE_NEW && gen_lower_takes_keywords(p->fn)))
        return gen_arena_printf(l->a, "argv[%d]", p->pos - 1);
    return shape == SHAPE_NEW  ? gen_arena_printf(l->a, "PyTuple_GET_ITEM(args, %d)", p->pos - 1)
           : shape == SHAPE_O ? "arg"
                              : gen_arena_printf(l->a, "args[%d]", p->pos - 1);
}

void gen_lower_add_item(lower *l, gen_tv *list, const char *key, const char *text)
{
    gen_tv *d = gen_tv_map(l->a);
    gen_tv_set_str(l->a, d, key, text);
    gen_tv_push(l->a, list, d);
}

void gen_lower_add_decl(lower *l, gen_tv *list, const char *decl)
{
    gen_lower_add_item(l, list, "decl", decl);
}

/* The runtime's buffer item kind for a numeric element: signed, unsigned, floating. */
const char *gen_lower_item_kind(const gen_prim *p)
{
    if (p->kind == GEN_PRIM_FLOAT)
        return "'f'";
    return p->glue[0] == 'u' ? "'u'" : "'i'";
}

/* A callback parameter: the trampoline's C signature and conversions, and how the wrapper
 * holds the callable (on its stack, or kept by self or the module). An object of a
 * foreign_callback! (`dyn Trait`) is held the same way; its trampolines are the module's. */
static void lower_callback(lower *l, const gen_fn *fn, const gen_param *p, const char *wrapper,
                           gen_tv *v, gen_tv *decls)
{
    const gen_callback *cb = p->type.callback;
    gen_tv_set_flag(l->a, v, cb->stored ? "k_stored" : "k_sync", 1);
    if (cb->iface) {
        gen_tv_set_str(l->a, v, "cb_kind", "interface");
        gen_tv_set_str(l->a, v, "cb_methods",
                       gen_arena_printf(l->a, "cbpyi_%s__methods", cb->iface->name));
    } else {
        gen_lower_callback_sig(l, cb, gen_lower_func_name(l, fn), v);
        gen_tv_set_str(l->a, v, "cb_kind", "callback");
        gen_tv_set_str(l->a, v, "tramp", gen_arena_printf(l->a, "%s_cb%d", wrapper, p->pos));
    }
    /* Who keeps a stored callable: the object called on, the object a constructor makes
     * (through `pending`, see cbpy_adopt_callbacks), or else the module. */
    gen_tv_set_str(l->a, v, "cb_keep",
                   fn->self != GEN_SELF_NONE ? "cbpy_object_keep(self)"
                   : fn->kind == GEN_FN_CONSTRUCTOR || fn->kind == GEN_FN_CLASSMETHOD
                       ? "&pending"
                       : "&cbpy_st->rt.keep");
    gen_tv_set_flag(l->a, v, "cb_replaces", p->replaces);
    gen_lower_add_decl(l, decls,
                       cb->stored ? gen_arena_printf(l->a, "cbpy_callback *cb%d = NULL", p->pos)
                                  : gen_arena_printf(l->a, "cbpy_callback cb%d = {.state = cbpy_st}", p->pos));
}

/* The C argument of an `Option` of a number, bool or enum whose converted value is in var:
 * NULL when none_if (a C condition on the Python argument) holds, else a pointer to the
 * value, in the enum's own C type for an enum (a copy, var_c, declared into decls). A
 * parameter and a tuple member pass it alike. */
static const char *optional_value_arg(lower *l, const gen_type *t, const char *none_if,
                                      const char *var, gen_tv *decls)
{
    if (t->kind != GEN_T_ENUM)
        return gen_arena_printf(l->a, "(%s ? NULL : &%s)", none_if, var);
    const char *c_type = t->enumeration->c_type;
    gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s %s_c", c_type, var));
    return gen_arena_printf(l->a, "(%s ? NULL : (%s_c = (%s)%s, &%s_c))", none_if, var, c_type,
                            var, var);
}

/* Member k of a tuple parameter, from item (a borrowed reference the held sequence keeps):
 * its variable mv (declared into decls), the conversion (an expression, negative on
 * failure; md its description) returned, and the C argument appended to args. */
static const char *tuple_member(lower *l, const gen_type *mt, const char *item, const char *md,
                                const char *mv, gen_tv *decls, gen_strbuf *args)
{
    const char *sep = args->len ? ", " : "";
    /* `Option<i32>`, `Option<Mood>`: a pointer to the value, NULL for None, as alone. */
    const char *none_if = gen_arena_printf(l->a, "%s == Py_None", item);
    const char *skip = mt->optional ? gen_arena_printf(l->a, "%s ? 0 : ", none_if) : "";
    switch (mt->kind) {
    case GEN_T_STR:
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "const char *%s", mv));
        gen_strbuf_printf(args, "%s(const void *)%s", sep, mv);
        return gen_arena_printf(l->a, "cbpy_arg_str(%s, &%s, %d, &%s)", item, md, mt->optional,
                                mv);
    case GEN_T_ENUM: {
        const gen_enum *e = mt->enumeration;
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "long long %s = 0", mv));
        gen_strbuf_printf(args, "%s%s", sep,
                          mt->optional ? optional_value_arg(l, mt, none_if, mv, decls) : mv);
        return gen_arena_printf(l->a, "(%scbpy_arg_enum(%s, &%s, cbpy_st->e_%s, cbpye_%s__values, "
                                      "%zu, %d, &%s))",
                                skip, item, md, e->name, e->name, e->nitems, e->is_flags, mv);
    }
    case GEN_T_CLASS:
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "void *%s = NULL", mv));
        gen_strbuf_printf(args, "%s%s", sep,
                          mt->pass == GEN_PASS_OWNED
                              ? gen_arena_printf(l->a, "*(const %s *)%s", mt->cls->c_type, mv)
                              : gen_arena_printf(l->a, "(%s%s *)%s",
                                                 mt->pass == GEN_PASS_REF ? "const " : "",
                                                 mt->cls->c_type, mv));
        return gen_arena_printf(l->a, "cbpy_arg_object(%s, &%s, cbpy_st->w_%s, %d, %s, &%s)",
                                item, md, mt->cls->name, mt->optional,
                                mt->pass == GEN_PASS_MUT ? "CBPY_USE_WRITE" : "CBPY_USE_READ", mv);
    default:
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s %s = 0", mt->prim->c_type, mv));
        gen_strbuf_printf(args, "%s%s", sep,
                          mt->optional ? optional_value_arg(l, mt, none_if, mv, decls) : mv);
        return gen_arena_printf(l->a, "(%scbpy_arg_%s(%s, &%s, &%s))", skip, mt->prim->suffix,
                                item, md, mv);
    }
}

/* The struct of a foreign_callback! that C gets for parameter p: the holder, a release
 * function, and the module's trampoline for each method; lent for the call (a pointer to
 * it) or, for `Box<dyn Trait>`, given by value for C to keep. */
static const char *iface_struct(lower *l, const gen_param *p)
{
    const gen_callback *cb = p->type.callback;
    gen_strbuf sb = {0};
    gen_strbuf_printf(&sb, "%s(%s){.opaque = %scb%d, .release = cbpy_iface_release",
                      cb->stored ? "" : "&", cb->iface->name, cb->stored ? "" : "&", p->pos);
    for (size_t i = 0; i < cb->iface->nmethods; i++)
        gen_strbuf_printf(&sb, ", .%s = cbpyi_%s_%s", cb->iface->methods[i].name,
                          cb->iface->name, cb->iface->methods[i].name);
    gen_strbuf_puts(&sb, "}");
    const char *r = gen_arena_strdup(l->a, gen_strbuf_str(&sb));
    gen_strbuf_release(&sb);
    return r;
}

gen_tv *gen_lower_param(lower *l, const gen_fn *fn, const gen_param *p, const char *wrapper,
                        call_shape shape, const char **passed_out)
{
    gen_tv *v = gen_tv_map(l->a);
    gen_tv *decls = gen_tv_list(l->a);
    const gen_type *t = &p->type;
    const char *var = gen_arena_printf(l->a, "arg%d", p->pos);
    const char *passed = var;
    gen_tv_set_str(l->a, v, "desc", gen_arena_printf(l->a, "%s_p%d", wrapper, p->pos));
    gen_tv_set_str(l->a, v, "func", gen_lower_func_name(l, fn));
    gen_tv_set_str(l->a, v, "name_c",
                   p->name ? gen_arena_printf(l->a, "\"%s\"", p->name) : "NULL");
    gen_tv_set_str(l->a, v, "pos", gen_arena_printf(l->a, "%d", p->pos));
    gen_tv_set_str(l->a, v, "pname", p->name ? p->name : gen_arena_printf(l->a, "arg%d", p->pos));
    gen_tv_set_str(l->a, v, "glue_type", gen_lower_c_string(l->a, t->spelling));
    gen_tv_set_str(l->a, v, "arg_expr", gen_lower_arg_expr(l, p, shape));
    gen_tv_set_str(l->a, v, "allow_none", t->optional ? "1" : "0");
    /* An omitted argument leaves its variable at the default the declaration gives. */
    const char *init = p->def_c ? gen_arena_printf(l->a, " = %s", p->def_c) : "";
    if (p->def_c)
        gen_tv_set_str(l->a, v, "def_c", p->def_c);
    /* An omitted optional argument (NULL in argv) is None too. */
    const char *none_if = gen_arena_printf(l->a, "%s == NULL || %s == Py_None",
                                           gen_lower_arg_expr(l, p, shape),
                                           gen_lower_arg_expr(l, p, shape));
    switch (t->kind) {
    case GEN_T_PRIM:
        gen_tv_set_flag(l->a, v, "k_prim", 1);
        gen_tv_set_flag(l->a, v, "skip_none", t->optional);
        gen_tv_set_str(l->a, v, "suffix", t->prim->suffix);
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s %s%s", t->prim->c_type, var, init));
        /* `&i32` and `Option<i32>`: C reads the value through a pointer, NULL for None. */
        if (t->optional)
            passed = optional_value_arg(l, t, none_if, var, decls);
        else if (t->by_ref)
            passed = gen_arena_printf(l->a, "&%s", var);
        break;
    case GEN_T_STR:
    case GEN_T_STRING:
        gen_tv_set_flag(l->a, v, "k_str", 1);
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "const char *%s%s", var, init));
        /* As const void *, text fits `const char *` and `const unsigned char *` (SQLite,
         * libxml2) alike, while C still refuses it for a non-const or non-pointer
         * parameter. */
        passed = gen_arena_printf(l->a, "(const void *)%s", var);
        break;
    case GEN_T_SLICE:
        gen_tv_set_flag(l->a, v, "k_slice", 1);
        gen_tv_set_str(l->a, v, "slice_fn", t->seq ? "cbpy_arg_items" : "cbpy_arg_buffer");
        gen_tv_set_str(l->a, v, "item_kind", gen_lower_item_kind(t->prim));
        gen_tv_set_str(l->a, v, "item_type", t->prim->c_type);
        gen_tv_set_str(l->a, v, "writable", t->is_mut ? "1" : "0");
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "cbpy_view view%d = {0}", p->pos));
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "size_t len%d", p->pos));
        /* With its length passed apart (any integer type, either order), the pointer goes
         * as void *, which C converts to whatever byte pointer the function takes. */
        passed = p->bind_struct ? gen_arena_printf(l->a, "&bs%d", p->pos)
                 : p->len_given ? gen_arena_printf(l->a, "view%d.buf", p->pos)
                              : gen_arena_printf(l->a, "(%s%s *)view%d.buf, len%d",
                                                 t->is_mut ? "" : "const ", t->prim->c_type, p->pos,
                                                 p->pos);
        break;
    case GEN_T_ENUM:
        gen_tv_set_flag(l->a, v, "k_enum", 1);
        gen_tv_set_str(l->a, v, "enum", t->enumeration->name);
        gen_tv_set_str(l->a, v, "nvalues", gen_arena_printf(l->a, "%zu", t->enumeration->nitems));
        gen_tv_set_str(l->a, v, "flags", t->enumeration->is_flags ? "1" : "0");
        gen_tv_set_flag(l->a, v, "skip_none", t->optional);
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "long long %s%s", var, init));
        if (t->optional)
            passed = optional_value_arg(l, t, none_if, var, decls);
        break;
    case GEN_T_CLASS:
        gen_tv_set_flag(l->a, v, "k_object", 1);
        gen_tv_set_flag(l->a, v, "k_move", gen_lower_moves(t));
        gen_tv_set_str(l->a, v, "cls", t->cls->name);
        gen_tv_set_str(l->a, v, "move", gen_lower_object_use(t));
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s *%s%s", t->cls->c_type, var, init));
        passed = gen_lower_class_arg(l, t->cls, t->pass, var);
        break;
    case GEN_T_MAP:
        gen_tv_set_flag(l->a, v, "k_map", 1);
        gen_tv_set_flag(l->a, v, "skip_none", t->optional);
        gen_tv_set_str(l->a, v, "map", t->map->name);
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s %s", t->map->c_type, var));
        if (t->pass == GEN_PASS_MUT)
            gen_tv_set_str(l->a, v, "zero_var", var);
        passed = t->pass == GEN_PASS_OWNED ? var
                 : t->pass == GEN_PASS_MUT ? gen_arena_printf(l->a, "&%s", var)
                 /* None, or an omitted `= None` argument (NULL in argv), lends nothing. */
                 : t->optional
                     ? gen_arena_printf(l->a, "(%s == NULL || %s == Py_None ? NULL : &%s)",
                                        gen_lower_arg_expr(l, p, shape),
                                        gen_lower_arg_expr(l, p, shape), var)
                     : gen_arena_printf(l->a, "&%s", var);
        break;
    case GEN_T_CALLBACK:
        lower_callback(l, fn, p, wrapper, v, decls);
        passed = t->callback->iface ? iface_struct(l, p)
                                    : gen_arena_printf(l->a, "%s_cb%d, %scb%d", wrapper, p->pos,
                                                       t->callback->stored ? "" : "&", p->pos);
        break;
    case GEN_T_MAPS:
        gen_tv_set_flag(l->a, v, "k_maps", 1);
        gen_tv_set_str(l->a, v, "map", t->map->name);
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "%s *%s = NULL", t->map->c_type, var));
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "size_t len%d = 0", p->pos));
        /* A terminated array needs no length. */
        passed = t->map->terminator || p->len_given
                     ? var
                     : gen_arena_printf(l->a, "%s, len%d", var, p->pos);
        break;
    case GEN_T_TUPLE: {
        /* The sequence is held (tupN) while C reads the members' text. */
        gen_tv *members = gen_tv_list(l->a);
        gen_strbuf args = {0}, what = {0};
        gen_tv_set_flag(l->a, v, "k_tuple", 1);
        gen_tv_set_str(l->a, v, "nmembers", gen_arena_printf(l->a, "%zu", t->nmembers));
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "PyObject *tup%d = NULL", p->pos));
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "PyObject *items%d[%zu]", p->pos,
                                                      t->nmembers));
        for (size_t k = 0; k < t->nmembers; k++) {
            const gen_type *mt = &t->members[k];
            const char *mv = gen_arena_printf(l->a, "%s_%zu", var, k);
            const char *md = gen_arena_printf(l->a, "%s_p%d_%zu",
                                              gen_tv_lookup_str(v, "desc"), p->pos, k);
            gen_tv *m = gen_tv_map(l->a);
            gen_tv_set_str(l->a, m, "mdesc", md);
            gen_tv_set_str(l->a, m, "mname", gen_arena_printf(l->a, "%s[%zu]",
                                                              gen_tv_lookup_str(v, "pname"), k));
            gen_tv_set_str(l->a, m, "mglue", gen_lower_c_string(l->a, mt->spelling));
            const char *item = gen_arena_printf(l->a, "items%d[%zu]", p->pos, k);
            gen_tv_set_str(l->a, m, "mconv", tuple_member(l, mt, item, md, mv, decls, &args));
            gen_tv_push(l->a, members, m);
            gen_strbuf_printf(&what, "%s%s", k ? ", " : "", mt->spelling);
        }
        gen_tv_set(l->a, v, "members", members);
        gen_tv_set_str(l->a, v, "tuple_what",
                       gen_lower_c_string(l->a, gen_arena_printf(l->a, "(%s)",
                                                                 gen_strbuf_str(&what))));
        passed = gen_arena_strdup(l->a, gen_strbuf_str(&args));
        gen_strbuf_release(&args);
        gen_strbuf_release(&what);
        break;
    }
    case GEN_T_OBJS:
        gen_tv_set_str(l->a, v, "items_none", t->items_optional ? "1" : "0");
        if (!t->cls) {
            gen_tv_set_flag(l->a, v, "k_texts", 1);
            gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "const char **%s = NULL", var));
            gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "size_t len%d = 0", p->pos));
            passed = gen_arena_printf(l->a, "(const char *const *)%s, len%d", var, p->pos);
            break;
        }
        gen_tv_set_flag(l->a, v, "k_objs", 1);
        gen_tv_set_str(l->a, v, "cls", t->cls->name);
        gen_tv_set_str(l->a, v, "obj_size", t->cls->storage == GEN_STORE_VALUE
                                                ? gen_arena_printf(l->a, "sizeof(%s)", t->cls->c_type)
                                                : "0");
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "void *%s = NULL", var));
        gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "size_t len%d = 0", p->pos));
        gen_tv_set_flag(l->a, v, "objs_mut", t->is_mut);
        gen_tv_set_str(l->a, v, "objs_keep",
                       t->is_mut ? gen_arena_printf(l->a, "&seq%d", p->pos) : "NULL");
        if (t->is_mut)
            gen_lower_add_decl(l, decls, gen_arena_printf(l->a, "PyObject *seq%d = NULL", p->pos));
        passed = t->cls->storage == GEN_STORE_VALUE
                     ? gen_arena_printf(l->a, "(%s%s *)%s, len%d", t->is_mut ? "" : "const ",
                                        t->cls->c_type, var, p->pos)
                     : gen_arena_printf(l->a, "(%s *const *)%s, len%d", t->cls->c_type, var,
                                        p->pos);
        break;
    case GEN_T_VEC:
        break; /* typeres makes Vec parameters slices */
    }
    gen_tv_set(l->a, v, "decls", decls);
    *passed_out = passed;
    return v;
}

/* The object that keeps a borrowed return alive: self for methods, else the first
 * borrowed class argument; NULL means the C memory lives for the whole program. */
const char *gen_lower_borrow_owner(lower *l, const gen_fn *fn, call_shape shape)
{
    if (fn->self != GEN_SELF_NONE)
        return "self";
    for (size_t i = 0; i < fn->nparams; i++)
        if (fn->params[i].type.kind == GEN_T_CLASS && fn->params[i].type.pass != GEN_PASS_OWNED)
            return gen_lower_arg_expr(l, &fn->params[i], shape);
    return "NULL";
}

/* The length of a borrowed result: `len EXPR;` (parameter names and `self` replaced), or
 * the out-value that `len NAME;` names. */
static const char *result_len(lower *l, const gen_fn *fn)
{
    if (fn->ret_len_out >= 0)
        return gen_arena_printf(l->a, "out%d", fn->ret_len_out + 1);
    return gen_lower_c_expr(l, fn, fn->ret_len);
}

int gen_lower_as_bytes(lower *l, const gen_type *t)
{
    return t->prim && strcmp(t->prim->glue, "u8") == 0 && !l->m->flapigen_python;
}

/* The C type of a Vec result's items. */
static const char *vec_item_c(lower *l, const gen_type *t)
{
    const char *c = t->borrowed ? "const " : "";
    if (t->text)
        return t->borrowed ? "const char *const" : t->text == GEN_T_STR ? "const char *" : "char *";
    if (t->cls)
        return t->cls->storage == GEN_STORE_PTR
                   ? gen_arena_printf(l->a, "%s *%s", t->cls->c_type, t->borrowed ? "const " : "")
                   : gen_arena_printf(l->a, "%s%s", c, t->cls->c_type);
    return t->prim->c_type;
}

/* A list item made from `result[i]` of a Vec or counted slice result, and what releases an
 * item no object took (a pointer class's handle after a failure). */
static void list_item(lower *l, const gen_fn *fn, call_shape shape, const gen_type *t,
                      gen_tv *w)
{
    const char *names = gen_arena_printf(l->a, "\"%s\", \"%s\"", gen_lower_func_name(l, fn),
                                         fn->c_name);
    const gen_class *c = t->kind == GEN_T_VEC ? t->cls : NULL;
    int none = t->items_optional; /* `Vec<Option<String>>`: a NULL item is None */
    gen_tv_set_str(l->a, w, "elem_conv",
                   t->kind == GEN_T_VEC && t->text
                       ? gen_arena_printf(l->a, "cbpy_ret_str(result[i], %d, %s)", none, names)
                   : c && c->storage == GEN_STORE_PTR && t->borrowed
                       ? gen_arena_printf(l->a, "cbpy_wrap_borrowed(cbpy_st->w_%s, (void *)result[i], "
                                          "%s, %d, %s)",
                                          c->name, gen_lower_borrow_owner(l, fn, shape), none,
                                          names)
                   : c && c->storage == GEN_STORE_PTR
                       ? gen_arena_printf(l->a, "cbpyw_%s__wrap(cbpy_st, cbpy_st->w_%s, result[i], %d, %s)",
                                          c->name, c->name, none, names)
                   : c ? gen_arena_printf(l->a, "cbpyw_%s__wrap(cbpy_st, cbpy_st->w_%s, result[i])",
                                          c->name, c->name)
                       : gen_arena_printf(l->a, "cbpy_ret_%s(result[i])", t->prim->suffix));
    if (c && c->storage == GEN_STORE_PTR && !t->borrowed)
        gen_tv_set_str(l->a, w, "elem_drop", c->dtor);
    if (t->kind == GEN_T_VEC && t->text == GEN_T_STRING && !t->borrowed)
        gen_tv_set_str(l->a, w, "elem_free", l->m->free_fn);
}

/* The C declaration of `result` for type t, and the conversion of it to Python. */
static void result_value(lower *l, const gen_fn *fn, call_shape shape, const gen_type *t,
                         const char **decl, const char **conv)
{
    const char *names = gen_arena_printf(l->a, "\"%s\", \"%s\"", gen_lower_func_name(l, fn),
                                         fn->c_name);
    switch (t->kind) {
    case GEN_T_PRIM:
        if (t->by_ref) {
            /* `&i32`: the value C points at, read at once; NULL is None or an error. */
            *decl = gen_arena_printf(l->a, "const %s *result = NULL", t->prim->c_type);
            *conv = gen_arena_printf(l->a, "result != NULL ? cbpy_ret_%s(*result) : %s",
                                     t->prim->suffix,
                                     t->optional ? "cbpy_ret_unit()"
                                                 : gen_arena_printf(l->a, "cbpy_err_null(%s)",
                                                                    names));
            return;
        }
        *decl = gen_arena_printf(l->a, "%s result", t->prim->c_type);
        *conv = gen_arena_printf(l->a, "cbpy_ret_%s(result)", t->prim->suffix);
        return;
    case GEN_T_STR:
    case GEN_T_STRING:
        *decl = t->kind == GEN_T_STR ? "const char *result = NULL" : "char *result = NULL";
        *conv = fn->ret_len || fn->ret_len_out >= 0
                    ? gen_arena_printf(l->a, "cbpy_ret_str_n(result, (size_t)(%s), %d, %s)",
                                       result_len(l, fn), t->optional, names)
                    : gen_arena_printf(l->a, "cbpy_ret_str(result, %d, %s)", t->optional, names);
        return;
    case GEN_T_VEC:
        *decl = gen_arena_printf(l->a, "%s *result = NULL", vec_item_c(l, t));
        *conv = gen_lower_as_bytes(l, t)
                    ? gen_arena_printf(l->a, "cbpy_ret_bytes(result, result_len, %s)", names)
                    : NULL; /* a list, built by the template */
        return;
    case GEN_T_ENUM:
        /* `Option<E>` is written by C through a pointer to the enum's C type. */
        *decl = gen_type_flagged(t) ? gen_arena_printf(l->a, "%s result", t->enumeration->c_type)
                                    : "long long result";
        *conv = gen_arena_printf(l->a, "cbpy_ret_enum(cbpy_st->e_%s, result)", t->enumeration->name);
        return;
    case GEN_T_CALLBACK:
        return; /* typeres rejects callback results */
    case GEN_T_MAP:
        *decl = gen_arena_printf(l->a, "%s result", t->map->c_type);
        *conv = gen_arena_printf(l->a, "cbpyt_%s__to(cbpy_st, &result)", t->map->name);
        return;
    case GEN_T_CLASS:
        break;
    case GEN_T_SLICE:
        if (!fn->ret_len && fn->ret_len_out < 0) {
            /* A borrowed array counted through a trailing `size_t *`, as a Vec is; copied
             * into bytes or a list (built by the template), never freed. */
            *decl = gen_arena_printf(l->a, "const %s *result = NULL", t->prim->c_type);
            *conv = gen_lower_as_bytes(l, t)
                        ? gen_arena_printf(l->a, "cbpy_ret_bytes(result, result_len, %s)", names)
                        : NULL;
            return;
        }
        /* Borrowed bytes, copied before anything else runs. */
        *decl = "const void *result = NULL";
        *conv = gen_arena_printf(l->a, "cbpy_ret_bytes(result, (size_t)(%s), %s)",
                                 result_len(l, fn), names);
        return;
    case GEN_T_MAPS:
    case GEN_T_OBJS:
    case GEN_T_TUPLE:
        return; /* typeres rejects these results */
    }
    const gen_class *c = t->cls;
    if (t->pass != GEN_PASS_OWNED) {
        *decl = gen_arena_printf(l->a, "%s%s *result = NULL",
                                 t->pass == GEN_PASS_REF ? "const " : "", c->c_type);
        /* `lends;`: valid until the owner lends again, as an `out &T`. */
        *conv = gen_arena_printf(l->a, "cbpy_wrap_%s(cbpy_st->w_%s, (void *)result, %s, %d, %s)",
                                 fn->lends ? "lent" : "borrowed", c->name,
                                 gen_lower_borrow_owner(l, fn, shape),
                                 t->optional | (t->pass == GEN_PASS_REF) << 1, names);
        return;
    }
    /* A constructor makes an object of the type it was called on (a classmethod: self). */
    const char *type = fn->kind == GEN_FN_CONSTRUCTOR && c == fn->cls ? "type"
                       : fn->kind == GEN_FN_CLASSMETHOD && c == fn->cls
                           ? "(PyTypeObject *)self"
                           : gen_arena_printf(l->a, "cbpy_st->w_%s", c->name);
    if (c->storage == GEN_STORE_PTR) {
        *decl = gen_arena_printf(l->a, "%s *result = NULL", c->c_type);
        *conv = gen_arena_printf(l->a, "cbpyw_%s__wrap(cbpy_st, %s, result, %d, %s)", c->name, type,
                                 t->optional, names);
        /* An iterator walks its container's memory: like Python's own iterators, it keeps
         * the container alive (and unmovable) while it lives. */
        if (fn->special && strcmp(fn->special, "__iter__") == 0)
            *conv = gen_arena_printf(l->a, "cbpy_keep_owner(%s, self)", *conv);
    } else {
        *decl = gen_arena_printf(l->a, "%s result", c->c_type);
        *conv = gen_arena_printf(l->a, "cbpyw_%s__wrap(cbpy_st, %s, result)", c->name, type);
    }
}

/* The statuses of a status domain that change state rather than raise: `fatal S;` breaks
 * the method's object, `warn S Category;` succeeds with a warning carrying msg. */
static void lower_status_states(lower *l, const gen_fn *fn, gen_tv *w, const char *msg)
{
    const gen_error *e = fn->error;
    gen_tv *fatal = gen_tv_list(l->a), *warns = gen_tv_list(l->a);
    for (size_t i = 0; fn->kind == GEN_FN_METHOD && fn->self != GEN_SELF_NONE && i < e->nfatal;
         i++) {
        gen_tv *m = gen_tv_map(l->a);
        gen_tv_set_str(l->a, m, "cond", gen_arena_printf(l->a, "status == (int)(%s)", e->fatal[i]));
        gen_tv_set_str(l->a, m, "exc", gen_arena_printf(l->a, "cbpy_st->x_%s", e->name));
        gen_tv_push(l->a, fatal, m);
    }
    for (size_t i = 0; i < e->nwarns; i++) {
        gen_tv *m = gen_tv_map(l->a);
        gen_tv_set_str(l->a, m, "cond",
                       gen_arena_printf(l->a, "status == (int)(%s)", e->warns[i].status));
        gen_tv_set_str(l->a, m, "category",
                       e->warns[i].subclass
                           ? gen_arena_printf(l->a, "cbpy_st->x_%s", e->warns[i].subclass)
                           : gen_arena_printf(l->a, "PyExc_%s", e->warns[i].builtin));
        gen_tv_set_str(l->a, m, "msg", msg);
        gen_tv_push(l->a, warns, m);
    }
    gen_tv_set(l->a, w, "err_fatal", fatal);
    gen_tv_set(l->a, w, "err_warns", warns);
}

/* Under an error convention: the check of C's answer and the exception it raises. */
static void error_check(lower *l, const gen_fn *fn, int is_unit, int is_pointer, gen_tv *w,
                        gen_tv *decls, const char **assign, const char *handle)
{
    const gen_error *e = fn->error;
    const char *func = gen_lower_func_name(l, fn);
    const char *cond, *raise;
    switch (e->conv) {
    case GEN_ERR_STATUS: {
        gen_lower_add_decl(l, decls, "int status = 0");
        /* Success is a set of statuses: the domain's (0 by default) and the function's;
         * a warning status succeeds too. A count is a status only when negative. */
        const char *first_ok = e->nsuccess ? e->success[0] : "0";
        gen_strbuf ok = {0};
        if (fn->ret_count)
            gen_strbuf_printf(&ok, "(status = result < 0 ? (int)result : (int)(%s)), ", first_ok);
        else
            *assign = "status = ";
        for (size_t i = 0; i < e->nsuccess; i++)
            gen_strbuf_printf(&ok, "%sstatus != (int)(%s)", i ? " && " : "", e->success[i]);
        if (!e->nsuccess)
            gen_strbuf_puts(&ok, "status != 0");
        for (size_t i = 0; i < fn->nsuccess; i++)
            gen_strbuf_printf(&ok, " && status != (int)(%s)", fn->success[i]);
        for (size_t i = 0; i < e->nwarns; i++)
            gen_strbuf_printf(&ok, " && status != (int)(%s)", e->warns[i].status);
        /* `none S;` is a success that gives no value. */
        int none_listed = 0;
        for (size_t i = 0; fn->none_status && i < e->nsuccess; i++)
            none_listed |= strcmp(e->success[i], fn->none_status) == 0;
        for (size_t i = 0; fn->none_status && i < fn->nsuccess; i++)
            none_listed |= strcmp(fn->success[i], fn->none_status) == 0;
        if (fn->none_status && !none_listed)
            gen_strbuf_printf(&ok, " && status != (int)(%s)", fn->none_status);
        cond = gen_arena_strdup(l->a, gen_strbuf_str(&ok));
        gen_strbuf_release(&ok);
        /* The message: read from the handle (before anything is released), or from the
         * status by the domain's function, or the domain's own per-status texts. */
        const char *of = e->message_of;
        for (size_t i = 0; fn->cls && i < e->nclass_messages; i++)
            if (strcmp(e->class_message[i], fn->cls->name) == 0 ||
                (fn->cls->c_type && strcmp(e->class_message[i], fn->cls->c_type) == 0))
                of = e->class_message_of[i];
        const char *errno_of = e->errno_of;
        for (size_t i = 0; fn->cls && i < e->nclass_errnos; i++)
            if (strcmp(e->class_errno[i], fn->cls->name) == 0 ||
                (fn->cls->c_type && strcmp(e->class_errno[i], fn->cls->c_type) == 0))
                errno_of = e->class_errno_of[i];
        /* A consuming call (close, free) took the handle: nothing can be read from it. */
        int gone = fn->self == GEN_SELF_MOVE;
        if (gone)
            of = NULL;
        (void)handle;
        /* The handle's message, and where it has none, the status's. */
        const char *by_status = e->message_fn ? gen_arena_printf(l->a, "%s(status)", e->message_fn)
                                              : NULL;
        const char *msg = of && by_status
                              ? gen_arena_printf(l->a, "cbpy_text_or(%s, %s)",
                                                 gen_lower_c_expr(l, fn, of), by_status)
                          : of      ? gen_lower_c_expr(l, fn, of)
                          : by_status ? by_status
                                      : "NULL";
        const char *err = !e->errno_of ? ""
                          : gone       ? " 0,"
                                       : gen_arena_printf(l->a, " %s,",
                                                          gen_lower_c_expr(l, fn, errno_of));
        raise = gen_arena_printf(l->a, "cbpyx_%s__raise(cbpy_st, status, %s,%s \"%s\")", e->name, msg, err,
                                 func);
        lower_status_states(l, fn, w, msg);
        break;
    }
    case GEN_ERR_NULL:
        cond = "result == NULL";
        raise = gen_arena_printf(l->a, "cbpy_raise_message(cbpy_st->x_%s, %s%s, \"%s\")", e->name,
                                 e->message_fn ? e->message_fn : "NULL",
                                 e->message_fn ? "()" : "", func);
        break;
    case GEN_ERR_PREDICATE: {
        /* The result is the value unless the predicate says it is an error code. */
        const char *msg = e->message_of ? gen_lower_c_expr(l, fn, e->message_of) : "NULL";
        cond = gen_arena_printf(l->a, "%s", gen_lower_c_expr(l, fn, e->predicate));
        raise = gen_arena_printf(l->a, "cbpyx_%s__raise(cbpy_st, (long long)result, %s, \"%s\")", e->name,
                                 msg, func);
        break;
    }
    case GEN_ERR_TEXT:
        /* The text is released once raised (unless C keeps it: `&str`). */
        gen_lower_add_decl(l, decls, e->text_borrowed ? "const char *error_text = NULL"
                                                      : "char *error_text = NULL");
        cond = "error_text != NULL";
        raise = e->text_borrowed
                    ? gen_arena_printf(l->a, "cbpy_raise_message(cbpy_st->x_Error, error_text, \"%s\")",
                                       func)
                    : gen_arena_printf(l->a, "cbpy_raise_message(cbpy_st->x_Error, error_text, \"%s\"), "
                                       "%s(error_text)", func, l->m->free_fn);
        break;
    default:
        if (is_unit) {
            gen_lower_add_decl(l, decls, "int status");
            *assign = "status = ";
        }
        gen_tv_set_flag(l->a, w, "errno_conv", 1);
        /* The cast keeps an unsigned result (size_t, uint32_t) comparable without a warning. */
        cond = is_unit      ? "status == -1"
               : is_pointer ? "result == NULL"
                            : gen_arena_printf(l->a, "result == (%s)-1", fn->ret.prim->c_type);
        raise = gen_arena_printf(l->a, "cbpy_raise_errno(cbpy_st->x_%s, errno, \"%s\")", e->name, func);
        break;
    }
    gen_tv_set_str(l->a, w, "err_cond", cond);
    gen_tv_set_str(l->a, w, "err_raise", raise);
}

/* Outputs (out-values and output buffers) are returned to Python after the C result:
 * alone (one output) or as a tuple, after the C result if it is a number; a bool C result
 * says whether they are valid (False gives None). */
static const char *out_results(lower *l, const gen_fn *fn, const char *const *out_convs,
                               const char *result_conv)
{
    gen_strbuf items = {0};
    const gen_type *r = &fn->ret;
    int prim = r->kind == GEN_T_PRIM;
    /* A result that counts an output buffer's bytes is in that buffer's length. */
    int unit = (prim && r->prim->kind == GEN_PRIM_UNIT) || fn->ret_counts_out >= 0,
        flag = prim && r->prim->kind == GEN_PRIM_BOOL && !fn->true_status && !fn->error;
    size_t n = 0;
    if (!unit && !flag) {
        gen_strbuf_puts(&items, result_conv);
        n++;
    }
    /* An out-value that gives a result's length is not returned itself. */
    for (size_t i = 0; i < fn->nouts; i++)
        if ((int)i != fn->ret_len_out)
            gen_strbuf_printf(&items, "%s%s", n++ ? ", " : "", out_convs[i]);
    const char *value = n == 1 ? gen_arena_strdup(l->a, gen_strbuf_str(&items))
                               : gen_arena_printf(l->a,
                                                  "cbpy_make_fields(NULL, (PyObject *[]){%s}, %zu)",
                                                  gen_strbuf_str(&items), n);
    gen_strbuf_release(&items);
    return flag ? gen_arena_printf(l->a, "result ? %s : cbpy_ret_unit()", value) : value;
}

void gen_lower_result(lower *l, const gen_fn *fn, call_shape shape, gen_tv *w, gen_strbuf *call,
                      const char *const *out_convs)
{
    const gen_type *t = &fn->ret;
    gen_tv *decls = gen_tv_list(l->a);
    /* A status reading makes the status itself the result. */
    int reads_status = fn->ret_status || fn->true_status;
    int is_unit = (t->kind == GEN_T_PRIM && t->prim->kind == GEN_PRIM_UNIT) || reads_status;
    const char *decl = NULL, *conv = "cbpy_ret_unit()", *assign = is_unit ? "" : "result = ";
    if (!is_unit)
        result_value(l, fn, shape, t, &decl, &conv);
    if (fn->ret_status)
        conv = "cbpy_ret_i32(status)";
    /* A negative count that is a success status (a warning) counts nothing. */
    if (fn->ret_count)
        conv = "cbpy_ret_i64(result < 0 ? 0 : (int64_t)result)";
    if (fn->true_status)
        conv = gen_arena_printf(l->a, "cbpy_ret_bool(status == (int)(%s))", fn->true_status);
    if (fn->init_self)
        conv = "cbpy_steal(&made)";
    /* `Option<i32>`, `Option<Point>`: C says whether it had a value, written to `result`. */
    int present = gen_type_flagged(t);
    if (present)
        conv = gen_arena_printf(l->a, "present ? %s : cbpy_ret_unit()", conv);
    if (decl)
        gen_lower_add_decl(l, decls, decl);
    if (present) {
        gen_lower_add_decl(l, decls, "bool present = false");
        assign = "present = ";
    }
    if (fn->nouts > (fn->ret_len_out >= 0))
        conv = out_results(l, fn, out_convs, conv);
    /* A length read from the library, or a copy it makes (`copy NAME;`), is a library call
     * of the glue line. */
    int copies = 0;
    for (size_t k = 0; k < fn->nouts; k++)
        copies |= fn->outs[k].copied;
    if (fn->ret_len || copies)
        gen_tv_set_flag(l->a, w, "conv_calls_library", 1);
    if (fn->none_status)
        conv = gen_arena_printf(l->a, "status == (int)(%s) ? cbpy_ret_unit() : %s", fn->none_status,
                                conv);
    /* Text the library declares `const unsigned char *` (SQLite) reads as char. */
    if (t->kind == GEN_T_STR || t->kind == GEN_T_STRING)
        assign = t->kind == GEN_T_STR ? "result = (const char *)" : "result = (char *)";
    if (t->kind == GEN_T_VEC || (t->kind == GEN_T_SLICE && !fn->ret_len && fn->ret_len_out < 0)) {
        gen_lower_add_decl(l, decls, "size_t result_len = 0");
        gen_strbuf_printf(call, "%s&result_len", call->len ? ", " : "");
        list_item(l, fn, shape, t, w);
        gen_tv_set_flag(l->a, w, "ret_list", conv == NULL);
    }
    if (t->kind == GEN_T_STRING || (t->kind == GEN_T_VEC && !t->borrowed))
        gen_tv_set_str(l->a, w, "ret_free", l->m->free_fn);
    if (present)
        gen_strbuf_printf(call, "%s&result", call->len ? ", " : "");
    if (fn->error) {
        int is_pointer = t->kind != GEN_T_PRIM && t->kind != GEN_T_ENUM;
        error_check(l, fn, is_unit, is_pointer, w, decls, &assign, gen_lower_handle(l, fn));
        /* A status function hands its result back through a trailing out-parameter. */
        if (fn->error->conv == GEN_ERR_STATUS && !is_unit && !fn->ret_count)
            gen_strbuf_printf(call, "%s&result", call->len ? ", " : "");
        /* A text error comes back through the last parameter of all. */
        if (fn->error->conv == GEN_ERR_TEXT)
            gen_strbuf_printf(call, "%s&error_text", call->len ? ", " : "");
    }
    gen_tv_set(l->a, w, "ret_decls", decls);
    gen_tv_set_str(l->a, w, "ret_assign", assign);
    if (conv)
        gen_tv_set_str(l->a, w, "ret_conv", conv);
}

const char *gen_lower_const_value(lower *l, const gen_const *k)
{
    switch (k->type.kind) {
    case GEN_T_STR:
        return gen_arena_printf(l->a, "cbpy_ret_str(%s, 0, \"%s\", \"%s\")", k->value, k->name,
                                gen_lower_c_string(l->a, k->value));
    case GEN_T_ENUM:
        return gen_arena_printf(l->a, "cbpy_ret_enum(cbpy_st->e_%s, %s)", k->type.enumeration->name,
                                k->value);
    default:
        return gen_arena_printf(l->a, "cbpy_ret_%s(%s)", k->type.prim->suffix, k->value);
    }
}
