/* lower.c: turns the module model into template values (see lower.h): the module with its
 * includes, error domains, enums, constants and functions; each class with its storage and
 * methods; each wrapper with its calling shape, self, parameters and result. The per-type
 * conversions live in lower_conv.c. */
#include "lower.h"

#include <string.h>

#include "lower_conv.h"
#include "lower_plan.h"
#include "lower_errors.h"
#include "special.h"

#ifndef CBPY_VERSION
#define CBPY_VERSION "0.0.0"
#endif

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

/* A C expression for optional text: the escaped literal, or NULL. */
const char *gen_lower_c_string_or_null(gen_arena *a, const char *s)
{
    return s ? gen_arena_printf(a, "\"%s\"", gen_lower_c_string(a, s)) : "NULL";
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* When a call moves a value into C, the class-typed objects it involves (self and the
 * arguments) must all differ; this lists them for the runtime to check, when there are two
 * or more. */
static void distinct_objects(lower *l, const gen_fn *fn, call_shape shape, gen_tv *w)
{
    gen_strbuf sb = {0};
    int n = 0;
    if (fn->self != GEN_SELF_NONE) {
        gen_strbuf_puts(&sb, "self");
        n++;
    }
    for (size_t i = 0; i < fn->nparams; i++) {
        if (fn->params[i].type.kind != GEN_T_CLASS)
            continue;
        gen_strbuf_printf(&sb, "%s%s", n ? ", " : "", gen_lower_arg_expr(l, &fn->params[i], shape));
        n++;
    }
    if (n >= 2) {
        gen_tv_set_str(l->a, w, "move_objs", gen_arena_printf(l->a, "{%s}", gen_strbuf_str(&sb)));
        gen_tv_set_str(l->a, w, "n_move_objs", gen_arena_printf(l->a, "%d", n));
    }
    gen_strbuf_release(&sb);
}

/* Whether class c's `__next__` ends with a status and remembers it (special_slot.tmpl). */
static int remembers_end(const gen_class *c)
{
    const gen_fn *next = gen_lower_special_of(c, "__next__");
    return next && next->none_status;
}

/* The objects a call may change (a reset, a reopen: `&mut self`, `&mut Foo` arguments)
 * lift the end their status-ended `__next__` remembered; `__next__` itself does not. */
static gen_tv *ends_cleared(lower *l, const gen_fn *fn, call_shape shape)
{
    gen_tv *list = gen_tv_list(l->a);
    if (fn->self == GEN_SELF_MUT && remembers_end(fn->cls) &&
        !(fn->special && strcmp(fn->special, "__next__") == 0))
        gen_lower_add_item(l, list, "obj", "self");
    for (size_t i = 0; i < fn->nparams; i++) {
        const gen_type *t = &fn->params[i].type;
        if (t->kind == GEN_T_CLASS && t->pass == GEN_PASS_MUT && remembers_end(t->cls))
            gen_lower_add_item(l, list, "obj", gen_lower_arg_expr(l, &fn->params[i], shape));
    }
    return list;
}

/* Every object whose C value the call holds: self and the class arguments, borrowed or
 * moved. They are pinned once their values are read, after every argument converted, so
 * that Python code running later (a callback, another thread, a finalizer run by the
 * collector during an allocation) can neither move them into C nor change them under the
 * call; they are unpinned on the way out. Pinned, they are in use as read: code run
 * meanwhile may still read them (a handler may look at the object that notifies it). A
 * call without the GIL pins them with the use its signature says, since C may be
 * writing them while other threads run (see cbpy_pin). */
static void add_pin(lower *l, const gen_fn *fn, gen_tv *pins, const char *obj, const char *use)
{
    gen_tv *m = gen_tv_map(l->a);
    gen_tv_set_str(l->a, m, "obj", obj);
    gen_tv_set_str(l->a, m, "use", fn->release_gil ? use : "CBPY_USE_READ");
    gen_tv_push(l->a, pins, m);
}

static gen_tv *pinned_objects(lower *l, const gen_fn *fn, call_shape shape)
{
    gen_tv *pins = gen_tv_list(l->a);
    if (fn->self != GEN_SELF_NONE && !fn->init_self)
        add_pin(l, fn, pins, "self",
                fn->self == GEN_SELF_CONST ? "CBPY_USE_READ"
                : fn->self == GEN_SELF_MUT ? "CBPY_USE_WRITE"
                                           : "CBPY_USE_MOVE");
    for (size_t i = 0; i < fn->nparams; i++) {
        const gen_type *t = &fn->params[i].type;
        /* A tuple's lent objects, held by the tuple's sequence (see convert_arg). */
        for (size_t k = 0; t->kind == GEN_T_TUPLE && k < t->nmembers; k++)
            if (t->members[k].kind == GEN_T_CLASS && t->members[k].pass != GEN_PASS_OWNED)
                add_pin(l, fn, pins, gen_arena_printf(l->a, "items%d[%zu]", fn->params[i].pos, k),
                        gen_lower_object_use(&t->members[k]));
        if (t->kind != GEN_T_CLASS || (t->pass == GEN_PASS_OWNED && !gen_lower_moves(t)))
            continue;
        add_pin(l, fn, pins, gen_lower_arg_expr(l, &fn->params[i], shape),
                gen_lower_object_use(t));
    }
    return pins;
}

static int plan_jumps(const gen_fn *fn);

/* Whether Python code can run between reading the objects' C values and the end of the
 * call: a callback (of this call, or a stored one C may fire from any call), another
 * thread while the GIL is released, or a finalizer the collector runs during the plan's
 * allocations (buffers, typemap structs, kept arguments, moves). Only then do the objects
 * need pinning; a plain call of numbers and self does not pay for it. */
static int runs_code_meanwhile(const lower *l, const gen_fn *fn, int any_move)
{
    int maps = 0;
    for (size_t i = 0; i < fn->nparams; i++)
        maps |= fn->params[i].type.kind == GEN_T_MAP || fn->params[i].type.kind == GEN_T_MAPS;
    for (size_t k = 0; k < fn->nouts; k++)
        maps |= fn->outs[k].type.kind == GEN_T_MAP;
    return fn->release_gil || l->any_callbacks || any_move || fn->nkeeps || maps ||
           fn->release_callbacks || fn->init_self || plan_jumps(fn);
}

/* Whether the call plan's preparation can fail and jump to the exit label: making an
 * output buffer, checking a length, binding an input, making the object to init. */
static int plan_jumps(const gen_fn *fn)
{
    int jumps = fn->init_self;
    for (size_t i = 0; i < fn->nouts; i++)
        jumps |= fn->outs[i].is_buffer;
    for (size_t i = 0; i < fn->nargs; i++)
        jumps |= fn->args[i].role == GEN_ARG_LEN;
    return jumps;
}

/* Where a wrapper of fn finds its module's state (runtime/cbpy.h): a constructor or class
 * method from its class, a method from its object, a module function or static method
 * from the module it is bound to. */
const char *gen_lower_state_expr(const gen_fn *fn)
{
    switch (fn->kind) {
    case GEN_FN_CONSTRUCTOR:
        return "cbpy_type_state(type)";
    case GEN_FN_CLASSMETHOD:
        return "cbpy_type_state((PyTypeObject *)self)";
    case GEN_FN_STATIC:
        return "PyModule_GetState(self)";
    default:
        return fn->self != GEN_SELF_NONE ? "CBPY_OBJECT(self)->state" : "PyModule_GetState(self)";
    }
}

gen_tv *gen_lower_fn(lower *l, const gen_fn *fn)
{
    gen_tv *w = gen_tv_map(l->a);
    int is_ctor = fn->kind == GEN_FN_CONSTRUCTOR, is_static = fn->kind == GEN_FN_STATIC;
    /* Slots and property accessors are called positionally by CPython itself; overloads,
     * by their dispatcher, which passes what it got. A special method's keywords are
     * parsed by its method front (special_slot.tmpl), before this wrapper. */
    int special_keywords = fn->special && gen_lower_takes_keywords(fn);
    int keywords = (gen_lower_takes_keywords(fn) && !fn->special && !fn->accessor) ||
                   (fn->overload && !is_ctor);
    /* A static method is bound to its module (cbpy_add_static_methods), whose name CPython
     * would give in its own argument errors: it checks its arguments itself, naming the
     * class, as FASTCALL | KEYWORDS. */
    int static_method = is_static && fn->cls;
    call_shape shape = is_ctor                ? SHAPE_NEW
                       : keywords            ? SHAPE_KEYWORDS
                       : static_method       ? SHAPE_FASTCALL
                       : fn->nparams == 0    ? SHAPE_NOARGS
                       : fn->nparams == 1    ? SHAPE_O
                                             : SHAPE_FASTCALL;
    const char *wrapper = is_ctor   ? gen_arena_printf(l->a, "cbpyw_%s__new", fn->cls->name)
                          : fn->special
                              ? gen_arena_printf(l->a, "cbpyw_%s__s%s", fn->cls->name, fn->special)
                          : fn->accessor
                              ? gen_arena_printf(l->a, "cbpyw_%s__p_%s", fn->cls->name, fn->py_name)
                          : fn->cls ? gen_arena_printf(l->a, "cbpyw_%s__m_%s", fn->cls->name,
                                                       fn->py_name)
                                    : gen_arena_printf(l->a, "cbpym_f_%s", fn->py_name);
    if (fn->overload)
        wrapper = gen_arena_printf(l->a, "%s_o%d", wrapper, fn->overload);
    const char *self = "PyObject *self";
    static const char *const meth[] = {"", "METH_NOARGS", "METH_O", "METH_FASTCALL",
                                       "METH_FASTCALL | METH_KEYWORDS"};
    gen_tv_set_str(l->a, w, "wrapper", wrapper);
    gen_tv_set_str(l->a, w, "state", gen_lower_state_expr(fn));
    gen_tv_set_str(l->a, w, "py_name", fn->py_name);
    gen_tv_set_str(l->a, w, "func", gen_lower_func_name(l, fn));
    gen_tv_set_str(l->a, w, "c_name", fn->c_name);
    gen_tv_set_str(l->a, w, "line", gen_arena_printf(l->a, "%d", fn->loc.first_line));
    gen_tv_set_str(l->a, w, "nparams", gen_arena_printf(l->a, "%zu", fn->nparams));
    gen_tv_set_flag(l->a, w, "is_ctor", is_ctor);
    gen_tv_set_flag(l->a, w, "is_fastcall", shape == SHAPE_FASTCALL);
    gen_tv_set_flag(l->a, w, "has_preamble", !is_ctor || fn->nparams > 0);
    gen_tv_set_str(l->a, w, "meth_flags",
                   fn->kind == GEN_FN_CLASSMETHOD
                       ? gen_arena_printf(l->a, "%s | METH_CLASS", meth[shape])
                   : static_method ? meth[SHAPE_KEYWORDS]
                                   : meth[shape]);
    /* Bound to the module rather than METH_STATIC (cbpy_add_static_methods), so that the
     * wrapper finds the module's state through self. */
    gen_tv_set_flag(l->a, w, "static_method", static_method);
    gen_tv_set_flag(l->a, w, "is_keywords", shape == SHAPE_KEYWORDS);
    gen_tv_set_flag(l->a, w, "release_gil", fn->release_gil);
    gen_tv_set_flag(l->a, w, "release_callbacks", fn->release_callbacks);
    /* A protocol that is an ordinary method (__copy__) sits in the method table. */
    int plain = !fn->special || gen_special_find(fn->special)->adapter == GEN_ADAPT_METHOD;
    gen_tv_set_flag(l->a, w, "in_methods", plain && !fn->accessor && !is_ctor && !fn->overload);
    gen_tv_set_str(l->a, w, "meth_fn", wrapper);
    if (fn->special)
        gen_lower_special(l, fn, w, special_keywords);
    if (keywords || special_keywords) {
        gen_strbuf names = {0};
        for (size_t i = 0; i < fn->nparams; i++)
            gen_strbuf_printf(&names, "%s\"%s\"", i ? ", " : "{",
                              gen_lower_param_name(l, &fn->params[i]));
        gen_strbuf_puts(&names, "}");
        const char *kw_names = gen_arena_strdup(l->a, gen_strbuf_str(&names));
        gen_tv_set_str(l->a, w, "sig_names", kw_names);
        if (keywords)
            gen_tv_set_str(l->a, w, "kw_names", kw_names);
        gen_strbuf_release(&names);
        gen_tv_set_str(l->a, w, "npos_only", gen_arena_printf(l->a, "%d", fn->npos_only));
        gen_tv_set_str(l->a, w, "nrequired", gen_arena_printf(l->a, "%d", fn->nrequired));
    }
    gen_tv_set_str(l->a, w, "signature",
                   shape == SHAPE_NEW ? "PyTypeObject *type, PyObject *args, PyObject *kwargs"
                   : shape == SHAPE_NOARGS
                       ? gen_arena_printf(l->a, "%s, PyObject *Py_UNUSED(ignored)", self)
                   : shape == SHAPE_O ? gen_arena_printf(l->a, "%s, PyObject *arg", self)
                   : static_method
                       ? gen_arena_printf(l->a,
                                          "%s, PyObject *const *%s, Py_ssize_t nargs, "
                                          "PyObject *kwnames",
                                          self, fn->nparams ? "args" : "Py_UNUSED(args)")
                   : shape == SHAPE_FASTCALL
                       ? gen_arena_printf(l->a, "%s, PyObject *const *args, Py_ssize_t nargs", self)
                       : gen_arena_printf(l->a,
                                          "%s, PyObject *const *args, Py_ssize_t nargs, "
                                          "PyObject *kwnames",
                                          self));
    if (gen_tv_lookup_str(w, "in_methods") && !fn->overload)
        gen_tv_set_str(l->a, w, "doc", gen_lower_docstring(l, fn, fn->py_name, fn->doc));

    gen_tv *params = gen_tv_list(l->a);
    gen_strbuf call = {0};
    const char *self_arg = NULL;
    if (fn->self != GEN_SELF_NONE) {
        static const gen_pass self_pass[] = {GEN_PASS_OWNED, GEN_PASS_REF, GEN_PASS_MUT,
                                             GEN_PASS_OWNED};
        gen_tv_set_str(l->a, w, "self_c_type", fn->cls->c_type);
        /* A getter of a const-incorrect library (`get mut`) takes `T *` but only reads. */
        gen_tv_set_str(l->a, w, "self_get",
                       fn->self == GEN_SELF_MOVE                    ? "cbpy_self_move"
                       : fn->self == GEN_SELF_MUT && !fn->reads_only ? "cbpy_self_mut"
                                                                     : "cbpy_self");
        gen_tv_set_flag(l->a, w, "self_move", fn->self == GEN_SELF_MOVE);

        gen_tv_set_flag(l->a, w, fn->init_self ? "init_self" : "self_from_object", 1);
        self_arg = gen_lower_class_arg(l, fn->cls, self_pass[fn->self], "cself");
    }
    /* An init function fills the zeroed struct of an object made before the call. */
    if (fn->init_self) {
        gen_tv_set_str(l->a, w, "made_type", is_ctor ? "type" : "(PyTypeObject *)self");
        gen_tv_set_str(l->a, w, "cls", fn->cls->name);
    }
    int any_move = fn->self == GEN_SELF_MOVE;
    const char **passed = gen_arena_alloc(l->a, (fn->nparams + 1) * sizeof *passed);
    const char **out_convs = gen_arena_alloc(l->a, (fn->nouts + 1) * sizeof *out_convs);
    for (size_t i = 0; i < fn->nparams; i++) {
        gen_tv_push(l->a, params,
                    gen_lower_param(l, fn, &fn->params[i], wrapper, shape, &passed[i]));
        any_move |= gen_lower_moves(&fn->params[i].type);
    }
    gen_lower_plan(l, fn, w, shape, self_arg, passed, &call, out_convs);
    /* A getter that is an expression: `(EXPR)` where the call would be. */
    if (fn->call_expr) {
        call.len = 0;
        gen_strbuf_puts(&call, gen_lower_c_expr(l, fn, fn->call_expr));
        gen_tv_set_str(l->a, w, "c_name", "");
    }
    gen_tv_set(l->a, w, "clears_end", ends_cleared(l, fn, shape));
    gen_tv_set(l->a, w, "params", params);
    gen_tv_set_flag(l->a, w, "any_move", any_move);
    gen_tv_set_flag(l->a, w, "adopts_callbacks",
                    (is_ctor || fn->kind == GEN_FN_CLASSMETHOD) && gen_lower_stores_callbacks(fn));
    gen_tv *pins = pinned_objects(l, fn, shape);
    gen_tv_set(l->a, w, "pins", pins);
    gen_tv_set_flag(l->a, w, "has_pins", pins->n > 0 && runs_code_meanwhile(l, fn, any_move));
    if (any_move)
        distinct_objects(l, fn, shape, w);
    gen_lower_result(l, fn, shape, w, &call, out_convs);
    gen_tv_set_str(l->a, w, "call_args", gen_arena_strdup(l->a, gen_strbuf_str(&call)));
    gen_strbuf_release(&call);
    /* The exit label exists only where something jumps to it; the cleanup after it runs
     * on every path either way. */
    int list_result = (fn->ret.kind == GEN_T_VEC || fn->ret.kind == GEN_T_SLICE) &&
                      !gen_lower_as_bytes(l, &fn->ret);
    gen_tv_set_flag(l->a, w, "has_exit",
                    is_ctor || static_method || fn->nparams > 0 || fn->self != GEN_SELF_NONE ||
                        fn->error || list_result || plan_jumps(fn));
    return w;
}

/* A struct member converted in place (a value-class field or a typemap field): a number
 * or bool by its runtime suffix, an enum through a long long, or a nested struct by its
 * own typemap's conversions. */
static void lower_field_type(lower *l, const gen_type *t, gen_tv *m)
{
    gen_tv_set_str(l->a, m, "field_glue_type", gen_lower_c_string(l->a, t->spelling));
    if (t->kind == GEN_T_MAP) {
        gen_tv_set_str(l->a, m, "field_map", t->map->name);
    } else if (t->kind == GEN_T_ENUM) {
        gen_tv_set_str(l->a, m, "field_enum", t->enumeration->name);
        gen_tv_set_str(l->a, m, "field_nvalues",
                       gen_arena_printf(l->a, "%zu", t->enumeration->nitems));
        gen_tv_set_str(l->a, m, "field_flags", t->enumeration->is_flags ? "1" : "0");
        gen_tv_set_str(l->a, m, "field_c_type", "long long");
    } else {
        gen_tv_set_str(l->a, m, "field_suffix", t->prim->suffix);
        gen_tv_set_str(l->a, m, "field_c_type", t->prim->c_type);
    }
}

/* Properties: accessor wrappers for getter/setter functions, and direct access to the
 * struct fields of value classes; both end up in the type's PyGetSetDef table. */
static void lower_properties(lower *l, const gen_class *c, gen_tv *v)
{
    gen_tv *props = gen_tv_list(l->a), *accessors = gen_tv_list(l->a);
    for (size_t i = 0; i < c->nprops; i++) {
        const gen_property *p = &c->props[i];
        gen_tv *m = gen_tv_map(l->a);
        gen_tv_set_str(l->a, m, "prop", p->name);
        gen_tv_set_str(l->a, m, "prop_doc", gen_lower_c_string_or_null(l->a, p->doc));
        gen_tv_set_str(l->a, m, "prop_func", gen_arena_printf(l->a, "%s.%s", c->name, p->name));
        if (p->is_field) {
            gen_tv_set_flag(l->a, m, "is_field", 1);
            gen_tv_set_flag(l->a, m, "writable", !p->readonly);
            lower_field_type(l, &p->type, m);
        } else {
            gen_tv *get = gen_lower_fn(l, p->get_fn);
            gen_tv_push(l->a, accessors, get);
            gen_tv_set_str(l->a, m, "getter", gen_tv_lookup_str(get, "wrapper"));
            if (p->set_fn) {
                gen_tv *set = gen_lower_fn(l, p->set_fn);
                gen_tv_push(l->a, accessors, set);
                gen_tv_set_str(l->a, m, "setter", gen_tv_lookup_str(set, "wrapper"));
                gen_tv_set_flag(l->a, m, "writable", 1);
            }
        }
        gen_tv_push(l->a, props, m);
    }
    gen_tv_set(l->a, v, "props", props);
    gen_tv_set(l->a, v, "accessors", accessors);
    gen_tv_set_flag(l->a, v, "has_props", c->nprops > 0);
}

/* Whether fn gives objects of class cls a reference to another object: a borrowed or lent
 * result or out-value refers to its owner, an iterator to its container, and an object
 * of fn's own class to what `keep P;` keeps and to the stored callbacks its methods and
 * constructors take. */
static int refers_from(const gen_fn *fn, const void *cls)
{
    if (fn->cls == cls && gen_lower_stores_callbacks(fn) &&
        (fn->self != GEN_SELF_NONE || fn->kind == GEN_FN_CONSTRUCTOR ||
         fn->kind == GEN_FN_CLASSMETHOD))
        return 1;
    for (size_t i = 0; i < fn->nouts; i++)
        if (fn->outs[i].type.kind == GEN_T_CLASS && fn->outs[i].type.cls == cls &&
            fn->outs[i].type.pass != GEN_PASS_OWNED && !fn->outs[i].copied)
            return 1;
    if (fn->ret.kind == GEN_T_CLASS && fn->ret.cls == cls &&
        (fn->ret.pass != GEN_PASS_OWNED || (fn->special && strcmp(fn->special, "__iter__") == 0)))
        return 1;
    return fn->cls == cls && fn->nkeeps > 0;
}

/* foreign_code blocks as C strings, for cbpy_run_code into target (a C expression): each
 * dedented (flapigen indents them inside the class) and after as many empty lines as put
 * its first line at its glue line, so that a traceback names the glue file and line. */
static gen_tv *lower_codes(lower *l, const gen_code *codes, size_t n, const char *target)
{
    gen_tv *list = gen_tv_list(l->a);
    for (size_t i = 0; i < n; i++) {
        size_t indent = (size_t)-1;
        for (const char *line = codes[i].text; *line;) {
            size_t w = strspn(line, " \t"), len = strcspn(line, "\n");
            if (w < len && w < indent)
                indent = w;
            line += len + (line[len] == '\n');
        }
        gen_strbuf sb = {0};
        for (int k = 1; k < codes[i].line; k++)
            gen_strbuf_puts(&sb, "\n");
        for (const char *line = codes[i].text; *line;) {
            size_t w = strspn(line, " \t"), len = strcspn(line, "\n");
            size_t cut = w < indent ? w : indent;
            gen_strbuf_printf(&sb, "%.*s\n", (int)(len - (cut < len ? cut : len)),
                              line + (cut < len ? cut : len));
            line += len + (line[len] == '\n');
        }
        gen_tv *v = gen_tv_map(l->a);
        gen_tv_set_str(l->a, v, "code", gen_lower_c_string(l->a, gen_strbuf_str(&sb)));
        gen_tv_set_str(l->a, v, "target", target);
        gen_tv_push(l->a, list, v);
        gen_strbuf_release(&sb);
    }
    return list;
}

/* Constants, of the module or a class: each name, its value's conversion and glue line. */
static gen_tv *lower_consts(lower *l, const gen_const *consts, size_t n)
{
    gen_tv *list = gen_tv_list(l->a);
    for (size_t i = 0; i < n; i++) {
        gen_tv *k = gen_tv_map(l->a);
        gen_tv_set_str(l->a, k, "const_name", consts[i].name);
        gen_tv_set_str(l->a, k, "conv", gen_lower_const_value(l, &consts[i]));
        gen_tv_set_str(l->a, k, "line", gen_arena_printf(l->a, "%d", consts[i].loc.first_line));
        gen_tv_push(l->a, list, k);
    }
    return list;
}

static gen_tv *lower_class(lower *l, const gen_class *c)
{
    gen_tv *v = gen_tv_map(l->a);
    gen_tv_set_str(l->a, v, "name", c->name);
    gen_tv_set(l->a, v, "class_consts", lower_consts(l, c->consts, c->nconsts));
    gen_tv_set(l->a, v, "codes",
               lower_codes(l, c->codes, c->ncodes,
                           gen_arena_printf(l->a, "(PyObject *)cbpy_st->w_%s", c->name)));
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
    gen_tv_set_flag(l->a, v, "wrapped", gen_lower_class_wrapped(l->m, c));
    gen_tv_set_flag(l->a, v, "at_used", gen_lower_class_in_arrays(l->m, c));
    int init_made = c->ctor && c->ctor->init_self;
    for (size_t i = 0; i < c->nfns; i++)
        init_made |= c->fns[i]->init_self;
    gen_tv_set_flag(l->a, v, "init_made", init_made);
    gen_tv_set_flag(l->a, v, "has_value",
                    c->storage == GEN_STORE_VALUE &&
                        (init_made || gen_lower_class_wrapped(l->m, c)));
    /* What an object refers to (a stored callback, its owner, a kept buffer) may refer
     * back to it (through a closure, an attribute of a bytearray subclass): cycles the
     * collector must be able to see and break. */
    int gc = gen_lower_each_fn(l->m, refers_from, c);
    gen_tv_set_flag(l->a, v, "gc", gc);
    gen_tv_set_str(l->a, v, "type_flags",
                   gc ? "Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC" : "Py_TPFLAGS_DEFAULT");
    if (c->dtor) {
        gen_tv_set_str(l->a, v, "dtor", c->dtor);
        gen_tv_set_str(l->a, v, "dtor_line", gen_arena_printf(l->a, "%d", c->dtor_line));
    }
    if (c->ctor) {
        gen_tv *ctor_overloads = gen_tv_list(l->a);
        gen_tv *ctor = c->ctor->overloads ? gen_lower_dispatch(l, c->ctor, ctor_overloads)
                                          : gen_lower_fn(l, c->ctor);
        gen_tv_set(l->a, v, "ctor", ctor);
        gen_tv_set(l->a, v, "ctor_overloads", ctor_overloads);
    }
    gen_tv_set_str(l->a, v, "class_doc", gen_lower_c_string(l->a, gen_lower_class_doc(l, c, 1)));
    gen_tv *fns = gen_tv_list(l->a);
    for (size_t i = 0; i < c->nfns; i++)
        gen_tv_push(l->a, fns, c->fns[i]->overloads ? gen_lower_dispatch(l, c->fns[i], fns)
                                                    : gen_lower_fn(l, c->fns[i]));
    gen_tv_set(l->a, v, "fns", fns);
    int statics = 0;
    for (size_t i = 0; i < c->nfns; i++)
        statics |= c->fns[i]->kind == GEN_FN_STATIC;
    gen_tv_set_flag(l->a, v, "has_statics", statics);
    gen_tv_set(l->a, v, "binops", gen_lower_binops(l, c));
    lower_properties(l, c, v);
    int compares = 0;
    for (size_t i = 0; i < c->nfns; i++)
        compares |= c->fns[i]->special && gen_special_find(c->fns[i]->special)->compare_op;
    gen_tv_set_flag(l->a, v, "has_compare", compares);
    const gen_fn *eq = gen_lower_special_of(c, "__eq__");
    if (eq && !gen_lower_special_of(c, "__ne__"))
        gen_tv_set_str(l->a, v, "ne_from_eq",
                       gen_arena_printf(l->a, "cbpyw_%s__s__eq__", c->name));
    gen_tv_set_flag(l->a, v, "iter_self",
                    gen_lower_special_of(c, "__next__") && !gen_lower_special_of(c, "__iter__"));
    return v;
}

static gen_tv *lower_enum(lower *l, const gen_enum *e)
{
    gen_tv *v = gen_tv_map(l->a);
    gen_tv_set_str(l->a, v, "name", e->name);
    gen_tv_set_str(l->a, v, "doc_expr", gen_lower_c_string_or_null(l->a, e->doc));
    gen_tv_set_str(l->a, v, "flags", e->is_flags ? "1" : "0");
    gen_tv_set_str(l->a, v, "nitems", gen_arena_printf(l->a, "%zu", e->nitems));
    gen_tv *items = gen_tv_list(l->a);
    for (size_t i = 0; i < e->nitems; i++) {
        gen_tv *it = gen_tv_map(l->a);
        gen_tv_set_str(l->a, it, "item", e->items[i].name);
        gen_tv_set_str(l->a, it, "value", e->items[i].value);
        gen_tv_set_str(l->a, it, "item_doc", gen_lower_c_string_or_null(l->a, e->items[i].doc));
        gen_tv_push(l->a, items, it);
    }
    gen_tv_set(l->a, v, "items", items);
    return v;
}

/* A dict typemap's union field: for each arm, the test of the discriminant that selects
 * it (on the struct being filled, and on the struct being read) and the arm's struct. */
static gen_tv *lower_union(lower *l, const gen_typemap *t, const gen_typemap_field *f)
{
    const char *disc = t->fields[f->disc].name;
    gen_tv *u = gen_tv_map(l->a), *arms = gen_tv_list(l->a);
    gen_tv_set_str(l->a, u, "ufield", f->name);
    gen_tv_set_str(l->a, u, "disc", disc);
    for (size_t i = 0; i < f->narms; i++) {
        const gen_union_arm *a = &f->arms[i];
        gen_strbuf from = {0}, to = {0};
        for (size_t k = 0; k < a->nvalues; k++) {
            gen_strbuf_printf(&from, "%sout->%s == (%s)", k ? " || " : "", disc, a->values[k]);
            gen_strbuf_printf(&to, "%sv->%s == (%s)", k ? " || " : "", disc, a->values[k]);
        }
        gen_tv *m = gen_tv_map(l->a);
        gen_tv_set_str(l->a, m, "cond", gen_arena_strdup(l->a, gen_strbuf_str(&from)));
        gen_tv_set_str(l->a, m, "to_cond", gen_arena_strdup(l->a, gen_strbuf_str(&to)));
        gen_tv_set_str(l->a, m, "arm_map", a->map->name);
        gen_tv_set_str(l->a, m, "arm_c_type", a->map->c_type);
        gen_tv_set_str(l->a, m, "outer", t->name);
        gen_tv_set_str(l->a, m, "ufield", f->name);
        gen_tv_set_str(l->a, m, "what", gen_lower_c_string(l->a, t->name));
        gen_tv_push(l->a, arms, m);
        gen_strbuf_release(&from);
        gen_strbuf_release(&to);
    }
    gen_tv_set(l->a, u, "arms", arms);
    return u;
}

/* A typemap: the struct's fields, each converted like a parameter or result of its type. */
static gen_tv *lower_typemap(lower *l, const gen_typemap *t)
{
    gen_tv *v = gen_tv_map(l->a);
    gen_strbuf what = {0};
    gen_tv_set_str(l->a, v, "name", t->name);
    gen_tv_set_str(l->a, v, "c_type", t->c_type);
    gen_tv_set_str(l->a, v, "doc_expr", gen_lower_c_string_or_null(l->a, t->doc));
    gen_tv_set_str(l->a, v, "nfields", gen_arena_printf(l->a, "%zu", t->nfields));
    gen_tv_set_flag(l->a, v, "named", t->named);
    int used_to = gen_lower_map_used(l->m, t, 1);
    gen_tv_set_flag(l->a, v, "used_from", gen_lower_map_used(l->m, t, 0));
    gen_tv_set_flag(l->a, v, "used_to", used_to);
    gen_tv_set_flag(l->a, v, "class_var", !t->is_dict && (t->named || used_to));
    gen_tv *fields = gen_tv_list(l->a), *unions = gen_tv_list(l->a);
    gen_strbuf_printf(&what, "%s (", t->name);
    for (size_t i = 0; i < t->nfields; i++) {
        const gen_typemap_field *f = &t->fields[i];
        gen_strbuf_printf(&what, "%s%s", i ? ", " : "", f->name);
        if (f->arms) {
            gen_tv_push(l->a, unions, lower_union(l, t, f));
            continue;
        }
        gen_tv *m = gen_tv_map(l->a);
        gen_tv_set_str(l->a, m, "field", f->name);
        gen_tv_set_str(l->a, m, "index", gen_arena_printf(l->a, "%zu", i));
        gen_tv_set_str(l->a, m, "field_def", f->def_c ? f->def_c : "0");
        gen_tv_set_str(l->a, m, "required", f->def_c ? "0" : "1");
        lower_field_type(l, &f->type, m);
        gen_tv_push(l->a, fields, m);
    }
    gen_strbuf_puts(&what, ")");
    gen_tv_set_flag(l->a, v, "is_dict", t->is_dict);
    gen_tv_set(l->a, v, "unions", unions);
    gen_tv_set_flag(l->a, v, "has_union", unions->n > 0);
    gen_tv_set_str(l->a, v, "free_fn", l->m->free_fn);
    if (t->terminator) {
        gen_tv_set_str(l->a, v, "terminator", t->terminator);
        gen_tv_set_str(l->a, v, "term_field", t->fields[t->term_field].name);
    }
    gen_tv_set_str(l->a, v, "what", gen_lower_c_string(l->a, gen_strbuf_str(&what)));
    gen_strbuf_release(&what);
    gen_tv_set(l->a, v, "fields", fields);
    return v;
}

/* A foreign_callback!: one trampoline per method, each a callback's with the method name. */
static gen_tv *lower_iface(lower *l, const gen_iface *f)
{
    gen_tv *v = gen_tv_map(l->a), *methods = gen_tv_list(l->a);
    gen_tv_set_str(l->a, v, "name", f->name);
    for (size_t i = 0; i < f->nmethods; i++) {
        const gen_iface_method *im = &f->methods[i];
        gen_tv *t = gen_tv_map(l->a);
        const char *func = gen_arena_printf(l->a, "%s.%s", f->name, im->name);
        gen_lower_callback_sig(l, &im->sig, func, t);
        gen_tv_set_str(l->a, t, "tramp", gen_arena_printf(l->a, "cbpyi_%s_%s", f->name, im->name));
        gen_tv_set_str(l->a, t, "cb_method", im->name);
        gen_tv_set_str(l->a, t, "func", func);
        gen_tv_set_str(l->a, t, "pname", "method");
        gen_tv_set_str(l->a, t, "pos", "0");
        gen_tv_push(l->a, methods, t);
    }
    gen_tv_set(l->a, v, "methods", methods);
    return v;
}

static gen_tv *lower_module_items(lower *l, gen_tv *root)
{
    gen_arena *a = l->a;
    const gen_module *m = l->m;
    gen_tv_set(a, root, "errors", gen_lower_errors(l));
    /* Any module works in several interpreters (its state is per module object); only the
     * glue can say that its library may also run under several GILs at once. */
    gen_tv_set_str(a, root, "multi_interp",
                   m->per_interpreter_gil ? "Py_MOD_PER_INTERPRETER_GIL_SUPPORTED"
                                          : "Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED");
    gen_tv_set_flag(a, root, "has_errors", m->nerrors > 0 || m->text_errors[0] ||
                                               m->text_errors[1] || m->flapigen_python);
    gen_tv_set_str(a, root, "base_error_doc",
                   gen_lower_c_string(a, gen_arena_printf(a, "Base class of the errors %s "
                                                             "raises.",
                                                          m->name)));
    gen_tv *typemaps = gen_tv_list(a);
    for (size_t i = 0; i < m->ntypemaps; i++)
        gen_tv_push(a, typemaps, lower_typemap(l, m->typemaps[i]));
    gen_tv_set(a, root, "typemaps", typemaps);
    gen_tv_set(a, root, "codes", lower_codes(l, m->codes, m->ncodes, "NULL"));
    gen_tv *ifaces = gen_tv_list(a);
    for (size_t i = 0; i < m->nifaces; i++)
        gen_tv_push(a, ifaces, lower_iface(l, m->ifaces[i]));
    gen_tv_set(a, root, "ifaces", ifaces);
    gen_tv *enums = gen_tv_list(a);
    for (size_t i = 0; i < m->nenums; i++)
        gen_tv_push(a, enums, lower_enum(l, m->enums[i]));
    gen_tv_set(a, root, "enums", enums);
    gen_tv_set(a, root, "consts", lower_consts(l, m->consts, m->nconsts));
    gen_tv *fns = gen_tv_list(a);
    for (size_t i = 0; i < m->nfns; i++)
        gen_tv_push(a, fns, gen_lower_fn(l, m->fns[i]));
    gen_tv_set(a, root, "module_fns", fns);
    gen_tv_set_flag(a, root, "has_module_fns", m->nfns > 0);
    return root;
}

gen_tv *gen_lower(gen_arena *a, const gen_module *m, const char *out_path,
                  const char *fragment_path, const char *source_ref)
{
    lower l = {a, m, gen_lower_c_string(a, m->glue_path), gen_lower_takes_callbacks(m), 0};
    gen_tv *root = gen_tv_map(a);
    gen_tv_set_str(a, root, "module", m->name);
    gen_tv_set_str(a, root, "version", CBPY_VERSION);
    if (m->limited_api)
        gen_tv_set_str(a, root, "limited_api", m->limited_api);
    gen_tv_set_str(a, root, "out_name", base_name(out_path));
    gen_tv_set_str(a, root, "fragment_name", base_name(fragment_path));
    gen_tv_set_str(a, root, "source_ref", source_ref);
    gen_tv_set_str(a, root, "glue_name", base_name(m->glue_path));
    gen_tv_set_str(a, root, "glue_path_c", l.glue_path_c);
    gen_tv_set_str(a, root, "module_doc", gen_lower_c_string(a, gen_lower_module_doc(&l)));
    gen_tv *includes = gen_tv_list(a);
    for (size_t i = 0; i < m->nincludes; i++) {
        gen_tv *inc = gen_tv_map(a);
        gen_tv_set_str(a, inc, "line", gen_arena_printf(a, "%d", m->includes[i].line));
        gen_tv_set_str(a, inc, "text", m->includes[i].text);
        gen_tv_push(a, includes, inc);
    }
    gen_tv_set(a, root, "includes", includes);
    gen_tv *typedefs = gen_tv_list(a);
    for (size_t i = 0; i < m->ntypedefs; i++) {
        gen_tv *d = gen_tv_map(a);
        gen_tv_set_str(a, d, "line", gen_arena_printf(a, "%d", m->typedefs[i].loc.first_line));
        gen_tv_set_str(a, d, "name", m->typedefs[i].name);
        gen_tv_set_str(a, d, "c_type", m->typedefs[i].prim->c_type);
        gen_tv_set_str(a, d, "glue", m->typedefs[i].prim->glue);
        gen_tv_push(a, typedefs, d);
    }
    gen_tv_set(a, root, "typedefs", typedefs);
    gen_tv_set_flag(a, root, "has_includes", m->nincludes > 0 || m->ntypedefs > 0);
    gen_tv *classes = gen_tv_list(a);
    for (size_t i = 0; i < m->nclasses; i++)
        gen_tv_push(a, classes, lower_class(&l, m->classes[i]));
    gen_tv_set(a, root, "classes", classes);
    return lower_module_items(&l, root);
}
