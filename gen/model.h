/* model.h: the checked module model that sema builds from the AST and lower turns into
 * template values. Where the AST says what was written, the model says what it means:
 * which C function each Python callable calls, with which C types, and how each class
 * stores its C value.
 *
 * Invariants (established by gen_sema; lower relies on them without re-checking):
 * - Every gen_type is resolved: a primitive from the type table, or a class of this module
 *   with how its value crosses (owned, or borrowed as const or mutable); `optional` is set
 *   only on pointer-like crossings (borrowed, or owned by a pointer class).
 * - A class with storage GEN_STORE_PTR names a destructor.
 * - A class's Python-visible names are unique, and so are class names in the module.
 * - Method params exclude self; pos is the 1-based Python-visible position.
 */
#ifndef CBPY_GEN_MODEL_H
#define CBPY_GEN_MODEL_H

#include <stddef.h>

#include "diag.h"
#include "types.h"

typedef struct gen_class gen_class;
typedef struct gen_enum gen_enum;
typedef struct gen_error gen_error;
typedef struct gen_typemap gen_typemap;

typedef enum gen_type_kind {
    GEN_T_PRIM,    /* bool, integers, floats, () */
    GEN_T_CLASS,   /* a class of this module */
    GEN_T_STR,     /* &str, const char *: borrowed UTF-8 text */
    GEN_T_STRING,  /* String, char * (returned): text the caller must release */
    GEN_T_SLICE,   /* &[T], &mut [T]: a buffer passed as pointer + length */
    GEN_T_MAPS,    /* &[M], M a typemap: an array of structs built from a Python sequence,
                      passed as pointer + length, or terminated (pointer alone) */
    GEN_T_VEC,     /* Vec<T>: an owned array returned with its length through an out-param;
                      of numbers (prim), texts (text: GEN_T_STR or GEN_T_STRING, whose
                      items are released too) or objects of a class (cls) */
    GEN_T_ENUM,    /* a foreign_enum! of this module */
    GEN_T_MAP,     /* a foreign_typemap! struct: by value, or `&T` (const pointer) */
    GEN_T_CALLBACK,/* Fn(A...) -> R: a function pointer and its `void *` user data */
    GEN_T_TUPLE,   /* (A, B) parameter: a sequence of that length, each member (a number,
                      bool or &str) passed to C as an argument of its own */
    GEN_T_OBJS,    /* &[Foo], Vec<Foo> parameters: an array of the C values (struct copies,
                      or pointers of a pointer class) of a sequence of objects + length;
                      with `text` set and no cls, an array of texts (Vec<String>, &[&str]) */
} gen_type_kind;

typedef struct gen_callback gen_callback;

/* How a class-typed value crosses between Python and C. */
typedef enum gen_pass {
    GEN_PASS_OWNED,  /* `Foo`: returned, a new object owns it; passed, C takes it (a value
                        class without destructor is copied instead, since nothing is owned) */
    GEN_PASS_REF,    /* `&Foo` / `const Foo *`: a const pointer C borrows or lends */
    GEN_PASS_MUT,    /* `&mut Foo` / `Foo *`: the same, mutable */
} gen_pass;

typedef struct gen_type {
    gen_type_kind kind;
    const gen_prim *prim;   /* PRIM; SLICE and VEC: the element type */
    gen_class *cls;         /* CLASS */
    gen_pass pass;          /* CLASS */
    gen_enum *enumeration;  /* ENUM */
    gen_typemap *map;       /* MAP (with pass OWNED: by value, REF: a const pointer, MUT: a
                               pointer to a struct C may change, returned to Python after);
                               MAPS: the element */
    gen_callback *callback; /* CALLBACK */
    int is_mut;             /* SLICE: &mut [T], a writable buffer */
    gen_type_kind text;     /* VEC of texts: the kind of its items (else 0, GEN_T_PRIM) */
    struct gen_type *members; /* TUPLE: the member types */
    size_t nmembers;
    int items_optional;     /* VEC, OBJS of texts or of a pointer class's handles: items are
                               `Option<T>`, NULL for None */
    int borrowed;           /* VEC written `&[T]` (texts or objects): the array and its items
                               are C's, copied (or, for a pointer class, lent) and not freed */
    int seq;                /* SLICE parameter (Vec<T>, and &[T] of other than bytes): any
                               sequence of numbers is taken too, copied into an array */
    int optional;           /* Option<T>: None crosses as NULL; for a number or bool (PRIM):
                               a parameter is a pointer to the value, NULL for None, and C
                               returns a bool, true when it filled a trailing `T *` */
    int by_ref;             /* PRIM `&i32`: C takes (or returns) a pointer to one value */
    const char *spelling;   /* as written in the glue, for messages and docs */
    const char *c_name;     /* PRIM named by a `type NAME = T;` typedef: NAME, the C type an
                               out-value is declared with; else NULL */
} gen_type;

/* A method's self: none (static), `&self`, `&mut self`, or `self` (consumed: moved into C). */
/* A callback's C signature: R (*)(A..., void *user). */
struct gen_callback {
    struct gen_type *args;  /* what C passes (gen_callback_arg_fits) */
    size_t nargs;
    struct gen_type *ret;   /* what the callable returns to C, or () */
    int ret_error;          /* `-> Result<T, E>`: an exception is C's, as a malloc'd text
                               through a trailing `char **error` */
    int stored;             /* Box<Fn(...)>: C keeps it past the call */
    const struct gen_iface *iface; /* `dyn Trait`: an object with these methods, given to C
                               as the interface's struct (then args and ret are unused) */
};

/* A foreign_callback!: methods a Python object implements, which C calls through a struct
 * of function pointers, flapigen's C layout:
 *   typedef struct NAME { void *opaque; void (*release)(void *opaque);
 *                         R (*METHOD)(A..., void *opaque); ... } NAME;
 * each METHOD named as Python calls it (the name before '=' in the glue). */
typedef struct gen_iface_method {
    const char *name;
    gen_callback sig;
    gen_loc loc;
} gen_iface_method;

typedef struct gen_iface {
    const char *name;       /* the callback's name: the C struct type */
    const char *trait;      /* its self_type, which `dyn Trait` names (as does its name) */
    const char *doc;
    gen_iface_method *methods;
    size_t nmethods;
    gen_loc loc;
} gen_iface;

typedef enum gen_self { GEN_SELF_NONE, GEN_SELF_CONST, GEN_SELF_MUT, GEN_SELF_MOVE } gen_self;
/* CONSTRUCTOR is the class's __new__; CLASSMETHOD is another constructor, reached as
 * Class.alias(...). */
typedef enum gen_fn_kind {
    GEN_FN_CONSTRUCTOR,
    GEN_FN_CLASSMETHOD,
    GEN_FN_METHOD,
    GEN_FN_STATIC,
} gen_fn_kind;

typedef struct gen_param {
    const char *name;       /* NULL for `_` */
    gen_type type;
    int pos;
    const char *def_c;      /* the default as a C expression, or NULL: required */
    const char *def_py;     /* the default as Python writes it, for signatures */
    const struct gen_fn *fn;/* the function it belongs to */
    int inout_out;          /* `&mut Map`: the index of the gen_out returning it, else -1 */
    int len_given;          /* a buffer or text whose length a GEN_ARG_LEN argument passes:
                               C gets the pointer alone */
    const char *bind_ptr;   /* bound to these fields of self for one call (a streaming */
    const char *bind_len;   /* struct's next_in/avail_in) instead of a C argument; or, */
    const char *bind_struct;/* with bind_struct, to the fields of a struct of that type */
    const char *bind_pos;   /* passed by address (zstd's ZSTD_inBuffer {src, size, pos}) */
    int size_of;            /* an output buffer's inline size parameter: no C argument */
    int replaces;           /* `replaces P;` of a stored callback: C keeps one per call site,
                               so a successful call drops the one given before */
    gen_loc loc;
} gen_param;

/* The call plan: what each C parameter of a call receives, in C order. */
typedef enum gen_arg_role {
    GEN_ARG_SELF,           /* self's C value */
    GEN_ARG_PARAM,          /* a Python parameter's converted value (a slice: pointer and,
                               unless len_given, its size_t length) */
    GEN_ARG_FIXED,          /* a C expression of the glue, Python never sees it */
    GEN_ARG_LEN,            /* the length of a parameter or output buffer, as `prim` */
    GEN_ARG_OUT,            /* the address of an out-value, returned to Python */
} gen_arg_role;

typedef struct gen_arg {
    gen_arg_role role;
    int index;              /* PARAM: into params; LEN: of the buffer (into params, or
                               into outs when of_out); OUT: into outs */
    int of_out;             /* LEN: the length of an output buffer */
    const gen_prim *prim;   /* LEN: the integer type */
    const char *c_type;     /* LEN: the C type its variable is declared with (a library
                               typedef's own name, else prim's) */
    const char *spelling;   /* LEN: as the glue wrote the type */
    int by_pointer;         /* LEN: passed by address (in: the capacity, out: the length
                               C produced) */
    int is_pos;             /* LEN written `pos(X)`: a position starting at 0 that C moves
                               (for an output buffer, to the end of what it wrote) */
    const char *expr;       /* FIXED: the C expression as written (parameter names in it
                               are replaced by their C values when lowered) */
    gen_loc loc;
} gen_arg;

/* What C writes and Python gets back: an out-value, or an output buffer. */
typedef struct gen_out {
    const char *name;
    gen_type type;          /* a primitive, an enum, a class made from a `T **`, or for a
                               buffer its element (GEN_T_PRIM u8) */
    int is_buffer;          /* out [u8; SIZE]: bytes */
    int inout_param;        /* a `&mut Map` parameter read back after the call (index into
                               params), else -1 */
    const char *size_expr;  /* buffer: the capacity as a C expression, or NULL when */
    int size_param;         /* ... it is the inline parameter params[size_param] */
    int len_arg;            /* buffer: the GEN_ARG_LEN passing its length, or -1 */
    const char *bind_ptr;   /* buffer: bound to self's fields (a streaming struct); the */
    const char *bind_len;   /* call repeats with more room while C fills it; with */
    const char *bind_struct;/* bind_struct, the fields of a struct passed by address */
    const char *bind_pos;   /* (zstd's ZSTD_outBuffer {dst, size, pos}) */
    int consumed_of;        /* the input bound to a struct whose pos tells how much C read:
                               its parameter index; else -1 */
    int copied;             /* `copy NAME;` of a borrowed object C hands back (`out &T`): the
                               new object owns a copy made by the class's `__copy__` */
    gen_loc loc;
} gen_out;

typedef struct gen_fn {
    gen_fn_kind kind;
    struct gen_fn *overloads; /* the next function under the same Python name (flapigen's
                               overloads: several constructors, or one alias twice), in glue
                               order; a call picks the first whose parameters take its
                               arguments */
    int deep_copy;          /* a __copy__ that is also __deepcopy__ (ast_member.deep_copy) */
    int overload;           /* 1-based place in such a set (the first has one only when
                               `overloads` is set), else 0 */
    const char *c_name;
    const char *call_expr;  /* a getter that is a C expression of self (`get `EXPR`;`, a text
                               field): evaluated instead of calling c_name, which then only
                               names it in messages */
    const char *py_name;
    const char *doc;        /* NULL when undocumented */
    gen_self self;
    gen_param *params;
    size_t nparams;
    gen_arg *args;          /* the call plan: every C parameter, in C order */
    size_t nargs;
    gen_out *outs;          /* out-values and output buffers, in glue order: C writes them,
                               Python gets them back after the C result */
    size_t nouts;
    int init_self;          /* a constructor `(&mut self, ...)`: an init function filling the
                               object's zeroed inline struct */
    int made_out;           /* a constructor making its object through an out-value of its
                               own class (`db: out sqlite3 *`): the index into outs, else -1 */
    int ret_status;         /* `Result<status, E>`: the status itself is the result */
    int ret_count;          /* `Result<count, E>`: a count, or when negative a status of E */
    int *keeps;             /* `keep P, ...;`: the parameters (indexes into params) the object
                               holds on to after the call, because C goes on using them */
    size_t nkeeps;
    int invalidates;        /* `invalidates;`: the objects self lent (`out &T`) go stale */
    int reads_only;         /* a `get mut` getter: `&mut self` for C's sake, a read for ours */
    int lends;              /* `lends;`: the borrowed object returned is lent, as `out &T`:
                               valid until its owner lends again */
    const char *true_status;/* `Result<status(S), E>`: the result is status == S */
    const char *ret_len;    /* `len EXPR;`: the length of a borrowed `&[u8]` or `&str` result,
                               a C expression evaluated right after the call, or NULL */
    int ret_len_out;        /* `len NAME;` naming an out-value: it gives the length (and is
                               not returned to Python), else -1 */
    int ret_counts_out;     /* `len BUF;` naming an output buffer: the (integer) result is how
                               many bytes C wrote into it, and not returned itself; else -1 */
    const char **success;   /* `success A, B;`: statuses added to the domain's success set */
    const char *none_status;/* `none S;`: status S (of the success set) gives None */
    const char **retry;     /* `retry A, B;`: statuses meaning "output buffer too small": the
                               call repeats with a buffer twice as big */
    size_t nretry;
    size_t nsuccess;
    int npos_only;          /* the leading params up to the last `_` take no keyword */
    int nrequired;          /* the leading params without a default */
    int release_gil;        /* other Python threads run while C does */
    int release_callbacks;  /* after the call, drop the stored callbacks self keeps */
    const char *special;    /* a special method (`__repr__`...) this fn implements, or NULL */
    int accessor;           /* a property's getter or setter, reached through the property */
    gen_type ret;           /* for Result<T, E>: T */
    gen_error *error;       /* for Result<T, E>: E, else NULL */
    gen_loc loc;
    gen_class *cls;         /* NULL for a module-level function */
} gen_fn;

/* flapigen's `foreign_code "..."`: Python source run at import, into the namespace of a
 * class or the module, as written at a glue line. */
typedef struct gen_code {
    const char *text;
    int line;
} gen_code;

typedef enum gen_storage {
    GEN_STORE_NONE,         /* no self_type: a namespace of static methods */
    GEN_STORE_VALUE,        /* the C struct lives inline in the Python object */
    GEN_STORE_PTR,          /* the object owns a pointer released by the destructor */
} gen_storage;

/* A Python property: a getter and optional setter function, or a struct field of a value
 * class read and written directly. */
typedef struct gen_property {
    const char *name;
    const char *doc;
    gen_type type;
    const char *getter;     /* C function, or NULL for a field */
    const char *setter;     /* C function, or NULL (read-only) */
    struct gen_fn *get_fn;  /* the getter and setter as methods (`&self) -> T` and */
    struct gen_fn *set_fn;  /* `(&mut self, value: T)`), so they convert like any call */
    int is_field;
    int readonly;
    gen_loc loc;
} gen_property;

struct gen_class {
    const char *name;       /* Python name */
    const char *doc;
    const char *c_type;     /* self_type, or NULL */
    gen_storage storage;
    const char *dtor;       /* C destructor, or NULL */
    int dtor_line;          /* the glue line naming it, for the #line of its calls */
    gen_fn *ctor;           /* __new__, or NULL */
    gen_fn **fns;           /* methods, static methods, other constructors, specials */
    size_t nfns;
    gen_property *props;
    size_t nprops;
    struct gen_code *codes; /* foreign_code: Python run into the class at import */
    size_t ncodes;
    struct gen_const *consts; /* `const` members: class attributes set at import */
    size_t nconsts;
    gen_loc loc;
};

typedef struct gen_include {
    const char *text;
    int line;
} gen_include;

typedef struct gen_enum_item {
    const char *name;
    const char *doc;
    const char *value;      /* C expression: an enumerator, macro or integer */
} gen_enum_item;

struct gen_enum {
    const char *name;
    const char *c_type;     /* the C type C declares: `enum NAME: C_TYPE`, else NAME (a
                               typedef, as flapigen's C++ output and most C libraries have).
                               Only pointers need it: values cross as integers. */
    const char *doc;
    int is_flags;           /* an IntFlag: values combine bitwise */
    gen_enum_item *items;
    size_t nitems;
    gen_loc loc;
};

/* How the C functions of an error domain report failure. */
typedef enum gen_err_conv {
    GEN_ERR_STATUS,         /* return an int, 0 for success; the result via a trailing
                               out-parameter; message_fn: const char *(int) */
    GEN_ERR_NULL,           /* return NULL; message_fn: const char *(void), the last error */
    GEN_ERR_ERRNO,          /* return -1 (or NULL) with errno set */
    GEN_ERR_PREDICATE,      /* the result is the value or an error code, told apart by a C
                               expression of `result` (ZSTD_isError(result), result < 0) */
    GEN_ERR_TEXT,           /* `Result<T, E>` with E no domain (flapigen's errors are any
                               type): a trailing `char **` (E `&str`: `const char **`) C
                               points at the error's text; raised as the module's Error */
} gen_err_conv;

/* What one status value of an error domain raises: its own message, a built-in Python
 * exception, or a subclass of the domain's exception. */
typedef struct gen_err_case {
    const char *status;     /* C expression */
    const char *message;    /* a C string literal, or NULL */
    const char *py_exc;     /* `raise S MemoryError;`: a builtin exception, or NULL */
    const char *subclass;   /* `class S BusyError;`: a subclass of the domain, or NULL */
    gen_loc loc;
} gen_err_case;

/* `warn STATUS Category;`: a status that succeeds but issues a Python warning with the
 * library's message. */
typedef struct gen_err_warn {
    const char *status;     /* C expression */
    const char *subclass;   /* a Warning subclass added to the module, or NULL */
    const char *builtin;    /* a built-in warning category (RuntimeWarning...), or NULL */
    gen_loc loc;
} gen_err_warn;

struct gen_error {
    const char *name;
    const char *doc;
    gen_err_conv conv;
    int text_borrowed;      /* TEXT: E is `&str`, text C keeps (not released) */
    const char *message_fn; /* or NULL */
    const char *predicate;  /* PREDICATE: the C expression of `result` that means failure */
    const char *message_of; /* `message FN(self);` or `message `EXPR`;`: a C expression reading
                               the message from the handle `self` */
    const char **class_message;  /* `message CLASS `EXPR`;`: the same for the methods of */
    const char **class_message_of; /* one class (named as Python or by its self_type) */
    size_t nclass_messages;
    const char *default_message; /* `message "fmt %d";`: for other statuses, or NULL */
    const char **success;   /* STATUS: the statuses that mean success (default: 0) */
    size_t nsuccess;
    const char *errno_of;   /* `errno FN(self);` / `errno `EXPR`;`: the errno read from the
                               handle; the domain is then an OSError raised as E(errno, text) */
    const char **class_errno;    /* `errno CLASS FN(self);`: the errno read for the methods */
    const char **class_errno_of; /* of one class, as for class_message */
    size_t nclass_errnos;
    gen_err_case *errno_cases; /* `errno CODE Name;`: with errno CODE, the module's class Name
                               (a subclass of the domain, and of the OSError subclass CPython
                               maps CODE to, e.g. FileNotFoundError) is raised */
    size_t nerrno_cases;
    const char **fatal;     /* `fatal S, ...;`: statuses after which the object is unusable: */
    size_t nfatal;          /* later calls on it raise instead of calling C */
    gen_err_warn *warns;    /* `warn S Category;`: statuses that succeed with a warning */
    size_t nwarns;
    gen_err_case *cases;
    size_t ncases;
    gen_loc loc;
};

/* One arm of a union field: the discriminant values that select it, and the typemap
 * (a dict typemap) of the struct the field then points to. */
typedef struct gen_union_arm {
    const char **values;    /* C expressions */
    size_t nvalues;
    gen_typemap *map;
} gen_union_arm;

typedef struct gen_typemap_field {
    const char *name;
    gen_type type;          /* a primitive or an enum (unused for a union field) */
    const char *def_c;      /* dict: the value when the key is absent (a C expression), or
                               NULL: the key is required */
    gen_union_arm *arms;    /* dict: a `void *` field pointing to the struct its
                               discriminant selects, whose keys sit in the same dict */
    size_t narms;
    int disc;               /* union: the index of the discriminant field */
} gen_typemap_field;

struct gen_typemap {
    const char *name;       /* the glue's and Python's name */
    const char *doc;
    const char *c_type;     /* "struct point" */
    int named;              /* a collections.namedtuple, else a plain tuple */
    int is_dict;            /* a dict keyed by field name */
    gen_typemap_field *fields;
    size_t nfields;
    const char *terminator; /* `terminator = V`: `&[T]` is an array ending with an element
                               whose discriminant (the first union's, else the first field)
                               is V, passed as a pointer alone */
    int term_field;
    gen_loc loc;
};

typedef struct gen_const {
    const char *name;
    const char *doc;
    gen_type type;
    const char *value;      /* C expression */
    gen_loc loc;
} gen_const;

/* `type NAME = T;`: a library typedef (or enum) the glue uses as primitive T; the
 * generated code asserts at compile time that both have the same size and signedness. */
typedef struct gen_typedef {
    const char *name;
    const gen_prim *prim;
    gen_loc loc;
} gen_typedef;

typedef struct gen_module {
    const char *name;
    const char *glue_path;
    gen_include *includes;
    size_t nincludes;
    gen_class **classes;
    size_t nclasses;
    gen_fn **fns;           /* module-level functions */
    size_t nfns;
    gen_const *consts;
    size_t nconsts;
    gen_enum **enums;
    size_t nenums;
    gen_error **errors;
    size_t nerrors;
    gen_typemap **typemaps;
    size_t ntypemaps;
    const char *free_fn;    /* releases String and Vec results: foreign_free!, or "free" */
    gen_iface **ifaces;
    size_t nifaces;
    gen_error *text_errors[2]; /* the GEN_ERR_TEXT domains, owned and borrowed text, made
                               when first used (they are not among `errors`: they raise the
                               base class Error itself) */
    int flapigen_python;    /* `#![flapigen_python]`: flapigen's Python conventions where
                               cbindgen-py's differ (byte arrays as lists of int, `to_string`
                               only as __repr__/__str__, an Error class in every module) */
    int per_interpreter_gil; /* `#![per_interpreter_gil]`: the library may be called from
                               interpreters that each have a GIL of their own (3.12+) */
    const char *limited_api; /* `--limited-api`: the Py_LIMITED_API value ("0x030a0000"), or
                               NULL for the full API */
    gen_code *codes;        /* module-level foreign_code, in glue order */
    size_t ncodes;
    gen_typedef *typedefs;
    size_t ntypedefs;
    const char **rust_types;  /* named by foreign_typemap!s written in Rust, which were
                                 reported: their uses are dropped without another error */
    size_t nrust_types;
} gen_module;

#endif
