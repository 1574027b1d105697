/* lower_conv.h: what lower.c and lower_conv.c share: the lowering context, the calling
 * shapes of wrappers, and the per-type conversions of parameters and results. Internal to
 * the lowering pass; nothing outside gen/lower*.c includes it.
 *
 * Invariants:
 * - Every C fragment produced is one expression or one declaration (no statements): the
 *   statements around them live in templates/.
 * - Names of generated C variables follow one scheme, which the templates rely on:
 *   arg<N> (converted parameter N), view<N>/len<N> (its buffer), cself (the method's C
 *   self), result/result_len/status (what C returned).
 */
#ifndef CBPY_GEN_LOWER_CONV_H
#define CBPY_GEN_LOWER_CONV_H

#include "lower.h"
#include "strbuf.h"

typedef struct lower {
    gen_arena *a;
    const gen_module *m;
    const char *glue_path_c;
    int any_callbacks;      /* some function takes a callback: Python may run during calls */
    unsigned stub_hidden;   /* the stub's imports the module's own names hide (lower_stub.c) */
} lower;

/* How Python calls a wrapper: tp_new, or a method with none, one, or several arguments. */
typedef enum call_shape {
    SHAPE_NEW,       /* tp_new(type, args, kwargs) */
    SHAPE_NOARGS,    /* METH_NOARGS */
    SHAPE_O,         /* METH_O */
    SHAPE_FASTCALL,  /* METH_FASTCALL, positional-only */
    SHAPE_KEYWORDS,  /* METH_FASTCALL | METH_KEYWORDS, parsed into argv[] */
} call_shape;

/* Pushes a one-key map {key: text} on list: the fragments templates iterate over
 * (declarations under "decl", statements under "stmt", conditions under "cond"). */
void gen_lower_add_item(lower *l, gen_tv *list, const char *key, const char *text);
/* The same for a declaration. */
void gen_lower_add_decl(lower *l, gen_tv *list, const char *decl);
/* One function's wrapper (lower.c). */
gen_tv *gen_lower_fn(lower *l, const gen_fn *fn);
/* The C expression a wrapper of fn takes its module state (`cbpy_st`) from. */
const char *gen_lower_state_expr(const gen_fn *fn);
/* The overloads of first (each wrapper pushed on overloads) and their dispatcher; and the
 * dispatcher's docstring, raw (lower_overload.c). */
const char *gen_lower_overloads_doc(lower *l, const gen_fn *first);
gen_tv *gen_lower_dispatch(lower *l, const gen_fn *first, gen_tv *overloads);
/* A parameter's Python name: its glue name, or argN for `_` (lower_doc.c). */
const char *gen_lower_param_name(lower *l, const gen_param *p);
/* A callable's __doc__ as the runtime shows it (raw: the typed signature and the doc;
 * CPython takes the Argument Clinic signature off); the docstring as a C string, with that
 * signature; and its typed signature line alone (raw). */
const char *gen_lower_runtime_doc(lower *l, const gen_fn *fn, const char *name, const char *doc);
/* The same after the Argument Clinic signature and its `--` line: the text CPython reads. */
const char *gen_lower_clinic_doc(lower *l, const gen_fn *fn, const char *name, const char *doc);
const char *gen_lower_docstring(lower *l, const gen_fn *fn, const char *name, const char *doc);
const char *gen_lower_signature_line(lower *l, const gen_fn *fn, const char *name);
/* The function of class c that implements special method name, or NULL (lower_special.c). */
const gen_fn *gen_lower_special_of(const gen_class *c, const char *name);
/* A special method's slot adapter, slot and method front, into its wrapper's values w;
 * keywords: whether its method front parses keywords. */
void gen_lower_special(lower *l, const gen_fn *fn, gen_tv *w, int keywords);
/* The binary operator slots of class c, each serving a forward and a reflected form. */
gen_tv *gen_lower_binops(lower *l, const gen_class *c);
/* The __doc__ of class c (raw), with the Argument Clinic signature of its constructor
 * when clinic is set (its tp_doc); and the module's (lower.c). */
const char *gen_lower_class_doc(lower *l, const gen_class *c, int clinic);
const char *gen_lower_module_doc(lower *l);
/* The doc of a method the runtime adds beside special method fn: `__enter__` and
 * `__exit__` of a context manager, `__deepcopy__` of a deep `__copy__` (raw; lower_doc.c). */
const char *gen_lower_added_doc(lower *l, const gen_fn *fn, const char *method);
/* Whether fn's parameters need keyword parsing: named, or with defaults. */
int gen_lower_takes_keywords(const gen_fn *fn);

/* The Python-visible name of a callable, as used in error messages: "Foo", "Foo.bar", "f". */
const char *gen_lower_func_name(lower *l, const gen_fn *fn);

/* The Python argument object of parameter p inside a wrapper of the given shape. */
const char *gen_lower_arg_expr(lower *l, const gen_param *p, call_shape shape);
/* The object that keeps a borrowed return alive: self for methods, else the first
 * borrowed class argument's expression; "NULL": the C memory lives for the whole program. */
const char *gen_lower_borrow_owner(lower *l, const gen_fn *fn, call_shape shape);
/* Calls visit on every callable of the module (constructors, methods, property accessors,
 * module-level functions); stops at the first non-zero result, and returns it. */
int gen_lower_each_fn(const gen_module *m, int (*visit)(const gen_fn *, const void *),
                      const void *ctx);

/* What the module uses (lower_uses.c): whether some call or callback makes objects of
 * class c (its wrap function is needed), whether C lends a callback an array of c's
 * structs, whether typemap t is converted to Python (to) or from it, whether any function
 * takes a callback, whether fn stores one. */
int gen_lower_class_wrapped(const gen_module *m, const gen_class *c);
int gen_lower_class_in_arrays(const gen_module *m, const gen_class *c);
int gen_lower_map_used(const gen_module *m, const gen_typemap *t, int to);
int gen_lower_takes_callbacks(const gen_module *m);
int gen_lower_stores_callbacks(const gen_fn *fn);
/* A C expression for optional text: the escaped literal, or NULL. */
const char *gen_lower_c_string_or_null(gen_arena *a, const char *s);

/* What C receives for a class-typed value held in `var` (a `Foo *`). */
const char *gen_lower_class_arg(lower *l, const gen_class *c, gen_pass pass, const char *var);

/* Whether passing t moves a value into C (rather than copying plain data or lending). */
int gen_lower_moves(const gen_type *t);
/* How a call uses an object argument of type t: the CBPY_USE_* constant's name. */
const char *gen_lower_object_use(const gen_type *t);

/* The template values of parameter p; *passed receives what C gets for it. */
gen_tv *gen_lower_param(lower *l, const gen_fn *fn, const gen_param *p, const char *wrapper,
                        call_shape shape, const char **passed);

/* Sets the result values of wrapper w (declarations, the call's assignment and extra
 * arguments, the error check, the conversion, the release), appending to call. */
void gen_lower_result(lower *l, const gen_fn *fn, call_shape shape, gen_tv *w,
                      gen_strbuf *call, const char *const *out_convs);

/* The Python type a value of t is on the Python side, as docstrings name it. */
const char *gen_lower_py_type(lower *l, const gen_type *t);
/* A name the stub imports (enum, Callable, Sequence, Any, ClassVar, NamedTuple, Protocol,
 * final, overload, ReadableBuffer, WriteableBuffer), as the stub spells it: itself, or
 * `_name` where the module defines a name of its own that would hide the import. */
const char *gen_lower_typing(const lower *l, const char *name);
/* The same as a typing annotation of the .pyi stub: of a parameter (what it accepts) when
 * param is set, else of a result. */
const char *gen_lower_stub_type(lower *l, const gen_type *t, int param);
/* fn's stub signature "name(self, a: int, /) -> R" (without `def`), and its result's
 * type alone (lower_doc.c). */
const char *gen_lower_stub_signature(lower *l, const gen_fn *fn, const char *name);
const char *gen_lower_result_stub_type(lower *l, const gen_fn *fn);
/* Whether an array of t's items crosses as bytes: u8 items, unless #![flapigen_python]
 * asks for flapigen's lists of int. */
int gen_lower_as_bytes(lower *l, const gen_type *t);
/* A trampoline's C signature (cb_params, cb_ret_c), the conversions of C's arguments
 * (cb_args, cb_nargs; cb_drops releases what C gave when the callable is not called) and
 * of the Python result (cb_decls, cb_ret_conv, cb_ret_value, cb_ret_glue), into v; func
 * names the callable in messages (lower_callback.c). */
void gen_lower_callback_sig(lower *l, const gen_callback *cb, const char *func, gen_tv *v);

/* The runtime's item kind for a numeric element: 'i' signed, 'u' unsigned, 'f' floating. */
const char *gen_lower_item_kind(const gen_prim *p);

/* The conversion of a constant's C value to a new Python object. */
const char *gen_lower_const_value(lower *l, const gen_const *k);

#endif
