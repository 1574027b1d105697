/*
 * cbpy_special.h: adapters between Python's type slots and the ordinary wrappers that
 * generated modules already have. A special method (`alias __len__;` in the glue) is
 * generated as a normal wrapper returning a Python object; the slot function calls it and
 * turns the object into what the slot must return: a hash, a length, a truth value, the
 * end of an iteration, or NotImplemented when the other operand is not ours.
 */
#ifndef CBPY_SPECIAL_H
#define CBPY_SPECIAL_H

/*
 * Invariants:
 *
 *  - Every adapter takes the wrapper's new reference (or NULL with an exception set) and
 *    releases it; none leaves a reference or an exception behind on success.
 *
 *  - A TypeError from converting the other operand of a binary operation or comparison
 *    means "not a type we handle": it becomes NotImplemented, so that Python tries the
 *    reflected operation and raises its own TypeError, as for built-in types.
 */

/* tp_hash: the wrapper's integer result as a hash (never -1 unless an error is set). */
CBPY_INTERNAL Py_hash_t cbpy_hash_result(PyObject *r);
/* mp_length: the wrapper's integer result; negative or too large -> ValueError/Overflow. */
CBPY_INTERNAL Py_ssize_t cbpy_len_result(PyObject *r);
/* Whether o is an object of the class whose type slot `slot` (Py_nb_add, ...) is fn: of
 * that class in any instance of its module (whose state then says which), since a class
 * has slot functions of its own and cannot be subclassed. A binary slot is called for
 * either operand's class, so it asks this of its left operand. */
CBPY_INTERNAL int cbpy_has_slot(PyObject *o, int slot, cbpy_fn fn);
/* nb_* and comparisons: r, or NotImplemented in place of a TypeError. */
CBPY_INTERNAL PyObject *cbpy_binary_result(PyObject *r);
/* The nb_* slot `slot` of one operator of a class, called as (a, b) for `a op b` when
 * either operand has it; fn is that slot function, which tells the class's objects (of
 * any instance of the module: cbpy_has_slot). As CPython does for a Python class with
 * both methods: op(a, b) when a is ours (and op is mapped); when that is NotImplemented and
 * only b is ours, rop(b, a) (`__radd__`). Two operands of the class never reach rop, so
 * nothing runs twice. op and rop (either may be NULL) are the special methods' wrappers;
 * an operand of the class from another module instance is another type to them, and
 * gives NotImplemented. */
CBPY_INTERNAL PyObject *cbpy_binary_slot(PyObject *a, PyObject *b, int slot, cbpy_fn fn,
                                         PyObject *(*op)(PyObject *, PyObject *),
                                         PyObject *(*rop)(PyObject *, PyObject *));
/* nb_inplace_*: a new reference to self after the in-place wrapper's result r (None),
 * NotImplemented in place of a TypeError (then `a op b` is tried), or NULL. */
CBPY_INTERNAL PyObject *cbpy_inplace_result(PyObject *self, PyObject *r);
/* A special method called as a method answers as CPython's slot wrappers do: a hash or
 * length slot's result as an int (NULL when it failed)... */
CBPY_INTERNAL PyObject *cbpy_ssize_method(Py_ssize_t n);
/* ... a truth slot's as a bool ... */
CBPY_INTERNAL PyObject *cbpy_bool_method(int truth);
/* ... and the end of an iteration (NULL with no exception set) as StopIteration. */
CBPY_INTERNAL PyObject *cbpy_next_method(PyObject *r);
/* `!=` from a class that binds only `__eq__`: the negated result (NotImplemented and
 * errors pass through), as Python derives __ne__ from __eq__. */
CBPY_INTERNAL PyObject *cbpy_negate_result(PyObject *r);
/* sq_contains: 1/0 from a bool result; an item of the wrong type is not contained (0). */
CBPY_INTERNAL int cbpy_contains_result(PyObject *r);
/* tp_iternext: None ends the iteration (NULL with no exception set). */
CBPY_INTERNAL PyObject *cbpy_next_result(PyObject *r);
/* mp_subscript with an Option result: None becomes IndexError (int key) or KeyError. */
CBPY_INTERNAL PyObject *cbpy_getitem_result(PyObject *r, PyObject *key);
/* A sequence index made absolute: an int or integer-like key (__index__) that is negative
 * counts from len_fn(self), taken after the key's conversion; outside [0, len) is
 * IndexError. Other keys pass through unchanged (their conversion reports them). Returns
 * a new reference, or NULL. A self that can no longer be used fails naming func (the
 * __getitem__ the user called), not the length. */
CBPY_INTERNAL PyObject *cbpy_seq_index(PyObject *key, PyObject *self,
                                       Py_ssize_t (*len_fn)(PyObject *), const char *func);
/* __enter__, and __iter__ of an iterator: a new reference to self, or NULL with the error
 * of any other use of it (moved into C, stale, broken) naming func. */
CBPY_INTERNAL PyObject *cbpy_usable_self(PyObject *self, const char *func);
/* A property setter's value NULL means `del obj.attr`: AttributeError "<func> cannot be
 * deleted", -1; else 0. */
CBPY_INTERNAL int cbpy_check_not_deleted(const char *func, PyObject *value);
/* A property setter: the setter wrapper's result (None) as the slot's 0, or -1. */
CBPY_INTERNAL int cbpy_setter_result(PyObject *r);
/* __exit__: runs after the close wrapper; False (exceptions are never swallowed). */
CBPY_INTERNAL PyObject *cbpy_exit_result(PyObject *r);

#endif /* CBPY_SPECIAL_H */
