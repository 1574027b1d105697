/* special.h: the special methods a glue file can map a C function to with `alias`, and
 * how each becomes part of a Python type: its type slot, the shape its glue signature must
 * have, and the adapter that fits the slot's C signature around the ordinary wrapper.
 *
 * Invariants:
 * - Names are unique; every entry's adapter has a template section in special_slot.tmpl
 *   (binary and reflected operators: the class's `binops` in class_impl.tmpl).
 * - Every special method is also a method of the type under its special name (with the
 *   glue's docstring and parameter names, keywords as for any method), which shadows the
 *   slot wrapper CPython would make (METH_COEXIST); the operator syntax keeps going
 *   through the slot. The method answers as CPython's slot wrapper would: a hash or a
 *   length as an int, StopIteration at the end, NotImplemented for a foreign operand.
 * - A forward and a reflected operator share their slot (`slot` is the same string): one
 *   slot function serves `a + b` for either operand's type.
 */
#ifndef CBPY_GEN_SPECIAL_H
#define CBPY_GEN_SPECIAL_H

typedef enum gen_special_adapter {
    GEN_ADAPT_UNARY,    /* PyObject *(PyObject *self) */
    GEN_ADAPT_HASH,     /* Py_hash_t (PyObject *self) */
    GEN_ADAPT_LEN,      /* Py_ssize_t (PyObject *self) */
    GEN_ADAPT_BINARY,   /* a + b with a ours: one side of the slot shared with REFLECTED */
    GEN_ADAPT_REFLECTED, /* a + b with b ours (__radd__): called as (b, a) */
    GEN_ADAPT_INPLACE,  /* a += b (__iadd__): C changes a; the slot returns a itself */
    GEN_ADAPT_COMPARE,  /* one of the six comparisons, gathered into tp_richcompare */
    GEN_ADAPT_GETITEM,  /* PyObject *(PyObject *self, PyObject *key); None -> KeyError */
    GEN_ADAPT_CONTAINS, /* int (PyObject *self, PyObject *x) */
    GEN_ADAPT_ITER,     /* tp_iter */
    GEN_ADAPT_NEXT,     /* tp_iternext; None ends the iteration */
    GEN_ADAPT_EXIT,     /* __exit__ (and an automatic __enter__) as methods */
    GEN_ADAPT_METHOD,   /* an ordinary method under a protocol's name (__copy__) */
} gen_special_adapter;

typedef enum gen_special_result {
    GEN_RESULT_ANY,
    GEN_RESULT_TEXT,    /* &str or String */
    GEN_RESULT_BOOL,
    GEN_RESULT_INT,     /* an integer primitive */
    GEN_RESULT_OPTION,  /* Option<T>: None means "no more" */
    GEN_RESULT_NONE,    /* nothing: '()', or a status or error form ('Result<(), E>') */
} gen_special_result;

typedef struct gen_special {
    const char *name;       /* "__repr__" */
    gen_special_adapter adapter;
    int nparams;            /* Python-visible parameters besides self */
    gen_special_result result;
    const char *slot;       /* "Py_tp_repr"; NULL for methods and comparisons */
    const char *compare_op; /* GEN_ADAPT_COMPARE: "Py_EQ"... */
} gen_special;

/* The entry named name, or NULL if name is not a special method cbindgen-py supports. */
const gen_special *gen_special_find(const char *name);
/* Whether sp's slot takes pow()'s modulus as a third argument (nb_power and
 * nb_inplace_power are ternaryfunc): the glue's method takes none, so a modulus other than
 * None gives NotImplemented. */
int gen_special_ternary(const gen_special *sp);
/* Whether name looks like a special method (`__x__`), supported or not. */
int gen_special_like(const char *name);

#endif
