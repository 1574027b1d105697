/* lower.c: turns the module model into template values (see lower.h). One function per
 * output shape: the module, a class, a wrapper, a parameter. The C text fragments made
 * here are single expressions or declarations; the statements around them live in the
 * templates. */
#include "lower.h"

#include <string.h>

#include "strbuf.h"

#ifndef CBPY_VERSION
#define CBPY_VERSION "0.0.0"
#endif

typedef struct lower {
    gen_arena *a;
    const gen_module *m;
    const char *glue_path_c;
} lower;

const char *gen_lower_c_string(gen_arena *a, const char *s)
{
    gen_strbuf sb = {0};
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            gen_strbuf_puts(&sb, "\\\"");
            break;
        case '\\':
            gen_strbuf_puts(&sb, "\\\\");
            break;
        case '\n':
            gen_strbuf_puts(&sb, "\\n");
            break;
        case '\t':
            gen_strbuf_puts(&sb, "\\t");
            break;
        case '?':
            /* Any '?' beside another could start a trigraph (??= is '#' in C11). */
            gen_strbuf_puts(&sb, p[1] == '?' || (p > (const unsigned char *)s && p[-1] == '?')
                                     ? "\\?"
                                     : "?");
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                gen_strbuf_printf(&sb, "\\%03o", *p);
            else
                gen_strbuf_putc(&sb, (char)*p);
        }
    }
    const char *r = gen_arena_strdup(a, gen_strbuf_str(&sb));
    gen_strbuf_release(&sb);
    return r;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The Python-visible name of a callable, as used in error messages. */
static const char *func_name(lower *l, const gen_fn *fn)
{
    return fn->kind == GEN_FN_CONSTRUCTOR
               ? fn->cls->name
               : gen_arena_printf(l->a, "%s.%s", fn->cls->name, fn->py_name);
}

static const char *param_py_name(lower *l, const gen_param *p)
{
    return p->name ? p->name : gen_arena_printf(l->a, "arg%d", p->pos);
}

/* "name($self, a, b, /)\n--\n\n" + doc: the Argument Clinic form inspect.signature reads. */
static const char *docstring(lower *l, const gen_fn *fn, const char *name, const char *doc)
{
    gen_strbuf sb = {0};
    gen_strbuf_printf(&sb, "%s(", name);
    const char *sep = "";
    if (fn->self != GEN_SELF_NONE) {
        gen_strbuf_puts(&sb, "$self");
        sep = ", ";
    }
    for (size_t i = 0; i < fn->nparams; i++) {
        gen_strbuf_printf(&sb, "%s%s", sep, param_py_name(l, &fn->params[i]));
        sep = ", ";
    }
    if (*sep)
        gen_strbuf_puts(&sb, ", /");
    gen_strbuf_puts(&sb, ")\n--\n\n");
    if (doc)
        gen_strbuf_puts(&sb, doc);
    const char *r = gen_lower_c_string(l->a, gen_strbuf_str(&sb));
    gen_strbuf_release(&sb);
    return r;
}

typedef enum call_shape { SHAPE_NEW, SHAPE_NOARGS, SHAPE_O, SHAPE_FASTCALL } call_shape;

/* The Python argument object of parameter p inside a wrapper of the given shape. */
static const char *arg_expr(lower *l, const gen_param *p, call_shape shape)
{
    return shape == SHAPE_NEW  ? gen_arena_printf(l->a, "PyTuple_GET_ITEM(args, %d)", p->pos - 1)
           : shape == SHAPE_O ? "arg"
                              : gen_arena_printf(l->a, "args[%d]", p->pos - 1);
}

/* Whether passing a class by value moves it into C (rather than copying plain data). */
static int moves(const gen_type *t)
{
    return t->kind == GEN_T_CLASS && t->pass == GEN_PASS_OWNED &&
           (t->cls->storage == GEN_STORE_PTR || t->cls->dtor);
}

/* What C receives for a class-typed value held in `var` (a `Foo *`). */
static const char *class_call_expr(lower *l, const gen_class *c, gen_pass pass, const char *var)
{
    if (pass == GEN_PASS_REF)
        return gen_arena_printf(l->a, "(const %s *)%s", c->c_type, var);
    if (pass == GEN_PASS_OWNED && c->storage == GEN_STORE_VALUE)
        return gen_arena_printf(l->a, "*%s", var);
    return var;
}

/* The object that keeps a borrowed return alive: self for methods, else the first
 * borrowed class argument; NULL means the C memory lives for the whole program. */
static const char *borrow_owner(lower *l, const gen_fn *fn, call_shape shape)
{
    if (fn->self != GEN_SELF_NONE)
        return "self";
    for (size_t i = 0; i < fn->nparams; i++)
        if (fn->params[i].type.kind == GEN_T_CLASS && fn->params[i].type.pass != GEN_PASS_OWNED)
            return arg_expr(l, &fn->params[i], shape);
    return "NULL";
}

/* The C declaration of `result` and the conversion of it to a Python object. */
static void lower_return(lower *l, const gen_fn *fn, call_shape shape, gen_tv *w)
{
    const gen_type *t = &fn->ret;
    if (t->kind == GEN_T_PRIM && t->prim->kind == GEN_PRIM_UNIT) {
        gen_tv_set_str(l->a, w, "ret_assign", "");
        gen_tv_set_str(l->a, w, "ret_conv", "cbpy_ret_unit()");
        return;
    }
    gen_tv_set_str(l->a, w, "ret_assign", "result = ");
    if (t->kind == GEN_T_PRIM) {
        gen_tv_set_str(l->a, w, "ret_decl", gen_arena_printf(l->a, "%s result", t->prim->c_type));
        gen_tv_set_str(l->a, w, "ret_conv",
                       gen_arena_printf(l->a, "cbpy_ret_%s(result)", t->prim->suffix));
        return;
    }
    const gen_class *c = t->cls;
    const char *names = gen_arena_printf(l->a, "\"%s\", \"%s\"", func_name(l, fn), fn->c_name);
    if (t->pass != GEN_PASS_OWNED) {
        gen_tv_set_str(l->a, w, "ret_decl",
                       gen_arena_printf(l->a, "%s%s *result", t->pass == GEN_PASS_REF ? "const " : "",
                                        c->c_type));
        gen_tv_set_str(l->a, w, "ret_conv",
                       gen_arena_printf(l->a,
                                        "cbpy_wrap_borrowed(cbpyw_%s__type, (void *)result, %s, "
                                        "%d, %s)",
                                        c->name, borrow_owner(l, fn, shape), t->optional, names));
        return;
    }
    const char *type = fn->kind == GEN_FN_CONSTRUCTOR && c == fn->cls
                           ? "type"
                           : gen_arena_printf(l->a, "cbpyw_%s__type", c->name);
    if (c->storage == GEN_STORE_PTR) {
        gen_tv_set_str(l->a, w, "ret_decl", gen_arena_printf(l->a, "%s *result", c->c_type));
        gen_tv_set_str(l->a, w, "ret_conv",
                       gen_arena_printf(l->a, "cbpyw_%s__wrap(%s, result, %d, %s)", c->name,
                                        type, t->optional, names));
    } else {
        gen_tv_set_str(l->a, w, "ret_decl", gen_arena_printf(l->a, "%s result", c->c_type));
        gen_tv_set_str(l->a, w, "ret_conv",
                       gen_arena_printf(l->a, "cbpyw_%s__wrap(%s, result)", c->name, type));
    }
}

static gen_tv *lower_param(lower *l, const gen_fn *fn, const gen_param *p, const char *wrapper,
                           call_shape shape, gen_strbuf *call)
{
    gen_tv *v = gen_tv_map(l->a);
    const char *var = gen_arena_printf(l->a, "arg%d", p->pos);
    gen_tv_set_str(l->a, v, "desc", gen_arena_printf(l->a, "%s_p%d", wrapper, p->pos));
    gen_tv_set_str(l->a, v, "func", func_name(l, fn));
    gen_tv_set_str(l->a, v, "name_c",
                   p->name ? gen_arena_printf(l->a, "\"%s\"", p->name) : "NULL");
    gen_tv_set_str(l->a, v, "pos", gen_arena_printf(l->a, "%d", p->pos));
    gen_tv_set_str(l->a, v, "glue_type", gen_lower_c_string(l->a, p->type.spelling));
    gen_tv_set_str(l->a, v, "arg_expr", arg_expr(l, p, shape));
    const char *sep = call->len ? ", " : "";
    if (p->type.kind == GEN_T_PRIM) {
        gen_tv_set_flag(l->a, v, "k_prim", 1);
        gen_tv_set_str(l->a, v, "c_decl", gen_arena_printf(l->a, "%s %s", p->type.prim->c_type, var));
        gen_tv_set_str(l->a, v, "suffix", p->type.prim->suffix);
        gen_strbuf_printf(call, "%s%s", sep, var);
        return v;
    }
    const gen_class *c = p->type.cls;
    gen_tv_set_flag(l->a, v, "k_object", 1);
    gen_tv_set_flag(l->a, v, "k_move", moves(&p->type));
    gen_tv_set_str(l->a, v, "c_decl", gen_arena_printf(l->a, "%s *%s", c->c_type, var));
    gen_tv_set_str(l->a, v, "cls", c->name);
    gen_tv_set_str(l->a, v, "allow_none", p->type.optional ? "1" : "0");
    gen_tv_set_str(l->a, v, "move", moves(&p->type) ? "1" : "0");
    gen_strbuf_printf(call, "%s%s", sep, class_call_expr(l, c, p->type.pass, var));
    return v;
}

static gen_tv *lower_fn(lower *l, const gen_fn *fn)
{
    gen_tv *w = gen_tv_map(l->a);
    int is_ctor = fn->kind == GEN_FN_CONSTRUCTOR, is_static = fn->kind == GEN_FN_STATIC;
    call_shape shape = is_ctor ? SHAPE_NEW
                       : fn->nparams == 0 ? SHAPE_NOARGS
                       : fn->nparams == 1 ? SHAPE_O
                                          : SHAPE_FASTCALL;
    const char *wrapper = is_ctor ? gen_arena_printf(l->a, "cbpyw_%s__new", fn->cls->name)
                                  : gen_arena_printf(l->a, "cbpyw_%s__m_%s", fn->cls->name,
                                                     fn->py_name);
    const char *self = is_static ? "PyObject *Py_UNUSED(self)" : "PyObject *self";
    static const char *const meth[] = {"", "METH_NOARGS", "METH_O", "METH_FASTCALL"};
    gen_tv_set_str(l->a, w, "wrapper", wrapper);
    gen_tv_set_str(l->a, w, "py_name", fn->py_name);
    gen_tv_set_str(l->a, w, "func", func_name(l, fn));
    gen_tv_set_str(l->a, w, "c_name", fn->c_name);
    gen_tv_set_str(l->a, w, "line", gen_arena_printf(l->a, "%d", fn->loc.first_line));
    gen_tv_set_str(l->a, w, "nparams", gen_arena_printf(l->a, "%zu", fn->nparams));
    gen_tv_set_flag(l->a, w, "is_ctor", is_ctor);
    gen_tv_set_flag(l->a, w, "is_fastcall", shape == SHAPE_FASTCALL);
    gen_tv_set_flag(l->a, w, "has_exit", is_ctor || fn->nparams > 0 || fn->self != GEN_SELF_NONE);
    gen_tv_set_flag(l->a, w, "has_preamble", !is_ctor || fn->nparams > 0);
    gen_tv_set_str(l->a, w, "meth_flags",
                   is_static ? gen_arena_printf(l->a, "%s | METH_STATIC", meth[shape])
                             : meth[shape]);
    gen_tv_set_str(l->a, w, "signature",
                   shape == SHAPE_NEW ? "PyTypeObject *type, PyObject *args, PyObject *kwargs"
                   : shape == SHAPE_NOARGS
                       ? gen_arena_printf(l->a, "%s, PyObject *Py_UNUSED(ignored)", self)
                   : shape == SHAPE_O ? gen_arena_printf(l->a, "%s, PyObject *arg", self)
                                      : gen_arena_printf(l->a,
                                                         "%s, PyObject *const *args, "
                                                         "Py_ssize_t nargs",
                                                         self));
    if (!is_ctor)
        gen_tv_set_str(l->a, w, "doc", docstring(l, fn, fn->py_name, fn->doc));

    gen_tv *params = gen_tv_list(l->a);
    gen_strbuf call = {0};
    if (fn->self != GEN_SELF_NONE) {
        static const gen_pass self_pass[] = {GEN_PASS_OWNED, GEN_PASS_REF, GEN_PASS_MUT,
                                             GEN_PASS_OWNED};
        gen_tv_set_str(l->a, w, "self_c_type", fn->cls->c_type);
        gen_tv_set_str(l->a, w, "self_get", fn->self == GEN_SELF_MOVE ? "cbpy_self_move" : "cbpy_self");
        gen_tv_set_flag(l->a, w, "self_move", fn->self == GEN_SELF_MOVE);
        gen_strbuf_puts(&call, class_call_expr(l, fn->cls, self_pass[fn->self], "cself"));
    }
    int any_move = fn->self == GEN_SELF_MOVE;
    for (size_t i = 0; i < fn->nparams; i++) {
        gen_tv_push(l->a, params, lower_param(l, fn, &fn->params[i], wrapper, shape, &call));
        any_move |= moves(&fn->params[i].type);
    }
    gen_tv_set(l->a, w, "params", params);
    gen_tv_set_flag(l->a, w, "any_move", any_move);
    gen_tv_set_str(l->a, w, "call_args", gen_arena_strdup(l->a, gen_strbuf_str(&call)));
    gen_strbuf_release(&call);
    lower_return(l, fn, shape, w);
    return w;
}

/* Whether any callable of the module returns an object of class c, so that its wrap
 * function is needed (an unused static function would be a warning). */
static int is_returned(const gen_module *m, const gen_class *c)
{
    for (size_t i = 0; i < m->nclasses; i++) {
        const gen_class *k = m->classes[i];
        if (k->ctor && k->ctor->ret.cls == c)
            return 1;
        for (size_t j = 0; j < k->nfns; j++)
            if (k->fns[j]->ret.cls == c && k->fns[j]->ret.pass == GEN_PASS_OWNED)
                return 1;
    }
    return 0;
}

static gen_tv *lower_class(lower *l, const gen_class *c)
{
    gen_tv *v = gen_tv_map(l->a);
    gen_tv_set_str(l->a, v, "name", c->name);
    if (c->c_type) {
        gen_tv_set_str(l->a, v, "c_type", c->c_type);
        gen_tv_set_str(l->a, v, "storage_doc",
                       c->storage == GEN_STORE_PTR
                           ? gen_arena_printf(l->a, "owns a %s * released by %s()", c->c_type,
                                              c->dtor)
                           : gen_arena_printf(l->a, "holds a %s by value", c->c_type));
    }
    gen_tv_set_flag(l->a, v, "by_value", c->storage == GEN_STORE_VALUE);
    gen_tv_set_flag(l->a, v, "by_ptr", c->storage == GEN_STORE_PTR);
    gen_tv_set_flag(l->a, v, "wrapped", is_returned(l->m, c));
    if (c->dtor)
        gen_tv_set_str(l->a, v, "dtor", c->dtor);
    if (c->ctor) {
        gen_tv_set(l->a, v, "ctor", lower_fn(l, c->ctor));
        const char *doc = c->doc && c->ctor->doc
                              ? gen_arena_printf(l->a, "%s\n\n%s", c->doc, c->ctor->doc)
                              : c->doc ? c->doc : c->ctor->doc;
        gen_tv_set_str(l->a, v, "class_doc", docstring(l, c->ctor, c->name, doc));
    } else {
        gen_tv_set_str(l->a, v, "class_doc", gen_lower_c_string(l->a, c->doc ? c->doc : ""));
    }
    gen_tv *fns = gen_tv_list(l->a);
    for (size_t i = 0; i < c->nfns; i++)
        gen_tv_push(l->a, fns, lower_fn(l, c->fns[i]));
    gen_tv_set(l->a, v, "fns", fns);
    return v;
}

gen_tv *gen_lower(gen_arena *a, const gen_module *m, const char *out_path,
                  const char *fragment_path, const char *source_ref)
{
    lower l = {a, m, gen_lower_c_string(a, m->glue_path)};
    gen_tv *root = gen_tv_map(a);
    gen_tv_set_str(a, root, "module", m->name);
    gen_tv_set_str(a, root, "version", CBPY_VERSION);
    gen_tv_set_str(a, root, "out_name", base_name(out_path));
    gen_tv_set_str(a, root, "fragment_name", base_name(fragment_path));
    gen_tv_set_str(a, root, "source_ref", source_ref);
    gen_tv_set_str(a, root, "glue_name", base_name(m->glue_path));
    gen_tv_set_str(a, root, "glue_path_c", l.glue_path_c);
    gen_tv_set_str(a, root, "module_doc",
                   gen_lower_c_string(a, gen_arena_printf(a,
                                                          "Python bindings generated by "
                                                          "cbindgen-py from %s.",
                                                          base_name(m->glue_path))));
    gen_tv *includes = gen_tv_list(a);
    for (size_t i = 0; i < m->nincludes; i++) {
        gen_tv *inc = gen_tv_map(a);
        gen_tv_set_str(a, inc, "line", gen_arena_printf(a, "%d", m->includes[i].line));
        gen_tv_set_str(a, inc, "text", m->includes[i].text);
        gen_tv_push(a, includes, inc);
    }
    gen_tv_set(a, root, "includes", includes);
    gen_tv_set_flag(a, root, "has_includes", m->nincludes > 0);
    gen_tv *classes = gen_tv_list(a);
    for (size_t i = 0; i < m->nclasses; i++)
        gen_tv_push(a, classes, lower_class(&l, m->classes[i]));
    gen_tv_set(a, root, "classes", classes);
    gen_tv_set_flag(a, root, "has_classes", m->nclasses > 0);
    return root;
}
