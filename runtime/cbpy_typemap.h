/*
 * cbpy_typemap.h: the Python side of `foreign_typemap!` types: a C struct passed by value
 * that Python sees as a tuple or a named tuple. Generated code converts each field with
 * the ordinary conversions; these functions split a Python sequence into its fields, build
 * the tuple back, create the named-tuple class, and word errors about one field.
 */
#ifndef CBPY_TYPEMAP_H
#define CBPY_TYPEMAP_H

/*
 * Invariants:
 *
 *  - A field's cbpy_param has func NULL and name the field, so its messages read
 *    "field 'x' must be float, not str"; cbpy_field_error then prefixes the argument:
 *    "move() argument 'p' field 'x' must be float, not str".
 *
 *  - cbpy_arg_fields returns a new tuple holding the fields; items[] borrow from it and are
 *    valid until the caller releases it.
 */

/* o as a tuple of exactly n fields (any sequence but str, bytes or bytearray), filling
 * items; else TypeError naming p and the typemap (`what`, e.g. "Point (x, y)"). */
CBPY_INTERNAL PyObject *cbpy_arg_fields(PyObject *o, const cbpy_param *p, Py_ssize_t n,
                                        const char *what, PyObject **items);
/* Prefixes the pending exception's message with p's label, keeping its type; -1. */
CBPY_INTERNAL int cbpy_field_error(const cbpy_param *p);
/* A new tuple, or instance of the named-tuple class `cls` (NULL: a plain tuple), from n
 * new references in items, which it takes over (even on failure, or if one is NULL). */
CBPY_INTERNAL PyObject *cbpy_make_fields(PyObject *cls, PyObject **items, Py_ssize_t n);
/* collections.namedtuple(name, fields) with the module's name and doc, added to module;
 * a new strong reference in *out. 0 / -1. */
CBPY_INTERNAL int cbpy_make_namedtuple(PyObject *module, const char *name, const char *doc,
                                       const char *const *fields, size_t n, PyObject **out);

#endif /* CBPY_TYPEMAP_H */
