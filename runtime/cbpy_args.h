/*
 * cbpy_args.h: keyword-aware argument parsing for generated wrappers whose glue names its
 * parameters or gives them defaults. Positional arguments and keywords are matched to the
 * parameters of a signature, with CPython's own error messages, into one array the
 * wrapper converts from. Wrappers whose parameters are all positional-only (`_`) never get
 * here: they take METH_NOARGS, METH_O or plain METH_FASTCALL.
 */
#ifndef CBPY_ARGS_H
#define CBPY_ARGS_H

/*
 * Invariants:
 *
 *  - A signature's parameters are ordered as in the glue: the first npos_only are
 *    positional-only (names[i] is the "argN" display name), the rest may also be given by
 *    keyword; the first nrequired must be given, the rest have defaults.
 *
 *  - On success out[i] is a borrowed reference to the argument for parameter i, or NULL
 *    when it was omitted (its default applies); the references stay valid for the call,
 *    since the caller's arguments hold them.
 *
 *  - On failure no out[i] may be used, and a TypeError is set.
 */

typedef struct cbpy_sig {
    const char *func;           /* "Foo.bar" */
    const char *const *names;   /* Python names of the parameters */
    int nparams;
    int npos_only;
    int nrequired;
} cbpy_sig;

/*
 * One overload of a Python name (flapigen's several constructors, or one alias twice): what
 * each of its Python parameters takes, one letter per parameter: 'b' bool, 'i' an int (or
 * __index__), 'f' a number, 's' str, 'o' an object of types[i], 'q' a sequence or buffer,
 * 'c' a callable, 'a' anything; upper case takes None too.
 */
typedef struct cbpy_overload {
    const char *kinds;
    PyTypeObject *const *types;
    int nmin, nmax;             /* the arguments it takes, positional and keyword together */
    const char *sig;            /* its typed signature, for the error */
} cbpy_overload;

/* The index of the first of n overloads whose arity fits nargs positional and nkw keyword
 * arguments and whose kinds take args; else -1 with TypeError "f(): no overload takes
 * (int, str); the overloads are: f(a: int), f(s: str)". */
CBPY_INTERNAL int cbpy_pick_overload(const cbpy_overload *c, int n, PyObject *const *args,
                                     Py_ssize_t nargs, Py_ssize_t nkw, const char *func);

/* The same for tp_new's tuple of positional arguments and dict of keywords (or NULL). */
#ifdef Py_LIMITED_API
CBPY_INTERNAL int cbpy_pick_overload_tuple(const cbpy_overload *c, int n, PyObject *args,
                                           PyObject *kwargs, const char *func);
#else
static inline int cbpy_pick_overload_tuple(const cbpy_overload *c, int n, PyObject *args,
                                           PyObject *kwargs, const char *func)
{
    return cbpy_pick_overload(c, n, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args),
                              kwargs != NULL ? PyDict_GET_SIZE(kwargs) : 0, func);
}
#endif

CBPY_INTERNAL int cbpy_parse_slow(const cbpy_sig *sig, PyObject *const *args,
                                  Py_ssize_t nargs, PyObject *kwnames, PyObject *kwdict,
                                  PyObject **out);

/* METH_FASTCALL | METH_KEYWORDS: args[0..nargs) positional, then one value per kwnames. */
static inline int cbpy_parse_fastcall(const cbpy_sig *sig, PyObject *const *args,
                                      Py_ssize_t nargs, PyObject *kwnames, PyObject **out)
{
    if (kwnames == NULL && nargs == sig->nparams) {
        for (Py_ssize_t i = 0; i < nargs; i++)
            out[i] = args[i];
        return 0;
    }
    return cbpy_parse_slow(sig, args, nargs, kwnames, NULL, out);
}

/* tp_new: a tuple of positional arguments and a dict of keywords (or NULL). */
CBPY_INTERNAL int cbpy_parse_tuple(const cbpy_sig *sig, PyObject *args, PyObject *kwargs,
                                   PyObject **out);

#endif /* CBPY_ARGS_H */
