/*
 * cbpy_dict.h: the Python side of `foreign_typemap!(dict ...)` types: C structs built from
 * dicts keyed by field name (with defaults, and union fields pointing at a second struct
 * whose keys sit in the same dict), arrays of them from sequences, and the memory such
 * conversions allocate for the length of one call.
 */
#ifndef CBPY_DICT_H
#define CBPY_DICT_H

/*
 * Invariants:
 *
 *  - cbpy_allocs owns every block cbpy_allocs_new returned until cbpy_allocs_release,
 *    which a wrapper's cleanup path always runs; a zeroed cbpy_allocs owns nothing.
 *  - A pointer field C changed during the call (one cbpy_allocs does not own) belongs to
 *    the library's allocator: the wrapper releases it with the module's free function
 *    after reading it (cbpy_allocs_owns tells which is which).
 */
typedef struct cbpy_allocs {
    void **ptrs;
    size_t n, cap;
} cbpy_allocs;

/* n zeroed bytes kept until cbpy_allocs_release; NULL with MemoryError. */
CBPY_INTERNAL void *cbpy_allocs_new(cbpy_allocs *a, size_t n);
/* Whether p is one of a's blocks. */
CBPY_INTERNAL int cbpy_allocs_owns(const cbpy_allocs *a, const void *p);
CBPY_INTERNAL void cbpy_allocs_release(cbpy_allocs *a);

/* `&[Foo]`: the C values of a sequence of type's objects, as an array kept in allocs: struct
 * copies of size bytes each for a value class, the pointers (size 0) for a pointer class.
 * `&mut [Foo]` (keep not NULL, a value class): the objects must be writable, and *keep gets
 * the sequence (a new reference) for cbpy_objects_write_back once C changed the copies.
 * `&[Option<&Foo>]` (allow_none, a pointer class): None items are NULL. */
CBPY_INTERNAL int cbpy_arg_objects(PyObject *o, const cbpy_param *p, PyTypeObject *type,
                                   size_t size, void **out, size_t *len, cbpy_allocs *allocs,
                                   PyObject **keep, int allow_none);
/* Copies each of the n structs of size bytes at array back into the object at the same
 * index of seq (what cbpy_arg_objects kept); objects moved into C meanwhile are skipped. */
CBPY_INTERNAL void cbpy_objects_write_back(PyObject *seq, const void *array, size_t size);

/* `Vec<String>`, `&[&str]`: the UTF-8 texts of a sequence of str, copied with their array
 * into allocs (ValueError for a NUL character, naming the item); `&[Option<&str>]`
 * (allow_none): None items are NULL. */
CBPY_INTERNAL int cbpy_arg_texts(PyObject *o, const cbpy_param *p, const char ***out,
                                 size_t *len, cbpy_allocs *allocs, int allow_none);

/* TypeError unless o is a mapping (and not a sequence); names p and the typemap. 0 / -1. */
CBPY_INTERNAL int cbpy_dict_mapping(PyObject *o, const cbpy_param *p, const char *what);
/* TypeError unless o is a mapping; ValueError naming the first key that is in neither
 * keys nor more (NULL-terminated; more may be NULL). what names the typemap. 0 / -1. */
CBPY_INTERNAL int cbpy_dict_check(PyObject *o, const cbpy_param *p, const char *what,
                                  const char *const *keys, const char *const *more);
/* o[key] as a new reference in *item: 1, or 0 when absent (a KeyError; required: ValueError
 * naming p and key), or -1 (any other failure of the lookup). *item is NULL unless 1. */
CBPY_INTERNAL int cbpy_dict_get(PyObject *o, const char *key, int required,
                                const cbpy_param *p, PyObject **item);
/* d[key] = v, taking over v (even when NULL or on failure). 0 / -1. */
CBPY_INTERNAL int cbpy_dict_put(PyObject *d, const char *key, PyObject *v);
/* ValueError: the discriminant of a union selects no arm. -1. */
CBPY_INTERNAL int cbpy_dict_bad_union(const cbpy_param *p, const char *field,
                                      unsigned long long value);
/* The items of sequence o (not str, bytes or a mapping) as a new list; TypeError naming p. */
CBPY_INTERNAL PyObject *cbpy_dict_items(PyObject *o, const cbpy_param *p, const char *what);

#endif /* CBPY_DICT_H */
