/* ast.h: the syntax tree of a glue file, exactly as written, built by grammar/parser.y and
 * read by gen/sema. Nothing here is checked yet: names may be unknown, types unsupported;
 * sema decides. Every node keeps its source location for diagnostics.
 *
 * Invariants:
 * - All nodes and strings live in the parse's arena (gen/arena.h); lists are singly linked
 *   through `next` in source order.
 * - A `_` parameter has name == NULL.
 * - doc is NULL when no `///` comment preceded the node, else the comment lines joined by
 *   '\n' with the `///` and one following space removed.
 */
#ifndef CBPY_GEN_AST_H
#define CBPY_GEN_AST_H

#include "diag.h"

typedef enum ast_type_kind {
    AST_TYPE_NAME,    /* i32, Foo, int32_t */
    AST_TYPE_UNIT,    /* () */
    AST_TYPE_PTR,     /* Foo *, *mut Foo, *const Foo: `inner` is the pointee */
    AST_TYPE_REF,     /* &T, &mut T: `inner` is the referent */
    AST_TYPE_SLICE,   /* [T]: `inner` is the element */
    AST_TYPE_GENERIC, /* Name<A, B>: `args` are the arguments */
    AST_TYPE_FN,      /* Fn(A, B) -> R: `args` the parameters, `inner` R or NULL; also
                         union(FIELD) { ARMS }, with `arms` set */
    AST_TYPE_OUT,     /* out T: `inner` is what C writes through a pointer */
    AST_TYPE_TUPLE,   /* (A, B, ...): `args` are the members */
    AST_TYPE_ARRAY,   /* [T; SIZE]: `inner` the element, `size` or `size_param` the size */
} ast_type_kind;

struct ast_param;
struct ast_union_arm;

/* A constant's value as written: a C identifier, an integer, a number, a string literal
 * (with its quotes), an enum member `Enum::NAME`, a C expression in backticks (is_cexpr,
 * text without the backticks), or a call `f(x)` (call set to f, text to x: `len(data)`,
 * `sqlite3_errmsg(self)`); sema decides what is allowed where. */
typedef struct ast_value {
    const char *text;
    const char *call;
    int is_cexpr;
    gen_loc loc;
    struct ast_value *next;  /* in lists of values (settings, union arms) */
} ast_value;

typedef struct ast_type {
    ast_type_kind kind;
    const char *name;        /* NAME and GENERIC */
    int is_mut, is_const;    /* PTR and REF qualifiers */
    int is_dyn;              /* NAME written `dyn Trait` (its `+ Send` bounds dropped) */
    struct ast_type *inner;  /* PTR, REF, SLICE */
    struct ast_type *args;   /* GENERIC: first argument */
    struct ast_type *next;   /* next generic argument */
    ast_value *size;         /* ARRAY: the size as a value, or NULL */
    struct ast_param *size_param; /* ARRAY: the size as an inline parameter, or NULL */
    struct ast_union_arm *arms; /* FN read as union(FIELD) { ... } */
    gen_loc loc;
} ast_type;

/* One arm of union(FIELD) { A | B => &T, ... }: the discriminant values and the type. */
typedef struct ast_union_arm {
    ast_value *values;
    struct ast_type *type;
    gen_loc loc;
    struct ast_union_arm *next;
} ast_union_arm;

typedef enum ast_param_kind {
    AST_PARAM_SELF,      /* &self */
    AST_PARAM_SELF_MUT,  /* &mut self */
    AST_PARAM_SELF_MOVE, /* self, by value */
    AST_PARAM_NAMED,     /* name: T or _: T */
    AST_PARAM_FIXED,     /* name = VALUE or _ = VALUE: a C argument Python never sees */
} ast_param_kind;


typedef struct ast_param {
    ast_param_kind kind;
    const char *name;
    ast_type *type;
    int has_default;      /* `name: T = VALUE` (or FIXED's value) */
    ast_value def;
    const char *bind_ptr; /* `=> (ptr_field, len_field)`: bound to self's fields; or with */
    const char *bind_len; /* bind_struct, `=> T { ptr, len, pos }`: a T passed by address */
    const char *bind_struct;
    const char *bind_pos;
    gen_loc bind_loc;
    gen_loc loc;
    struct ast_param *next;
} ast_param;

/* Foo::new (class_part "Foo", name "new") or a bare name (class_part NULL). */
typedef struct ast_path {
    const char *class_part;
    const char *name;
    gen_loc loc;
} ast_path;

typedef enum ast_member_kind {
    AST_SELF_TYPE,   /* self_type T; */
    AST_CONSTRUCTOR, /* constructor path(params) -> T; [alias name;] */
    AST_DESTRUCTOR,  /* destructor path; */
    AST_FN,          /* fn path(params) [-> T]; [alias name;] [attribute;]... */
    AST_PROPERTY,    /* property NAME: T { get PATH; [set PATH;] } */
    AST_FIELD,       /* [readonly] field NAME: T; */
    AST_CODE,        /* foreign_code "PYTHON"; (`name` holds the source) */
    AST_CONST,       /* const NAME: T = VALUE; a class attribute (`constant`) */
} ast_member_kind;

/* One `KEY [VALUE];` line of a foreign_error! or property body, or a function attribute. */
typedef struct ast_setting {
    const char *key;
    const char *value;    /* the first value as a C name (`A::b` as `A_b`), or NULL when
                             only the key was written */
    ast_value *values;    /* every value, in order */
    gen_loc key_loc, value_loc;
    struct ast_setting *next;
} ast_setting;

/* A Rust attribute as flapigen glue writes it, before an item or member: `#[NAME]`,
 * `#[NAME(VALUES)]` or `#[NAME = VALUE]`. `#[doc = "..."]` becomes doc text in the parser;
 * the others are kept for sema, which gives `derive` its meaning and warns about the rest. */
typedef struct ast_attr {
    const char *name;
    ast_value *values;    /* the arguments in order, or NULL */
    int has_args;         /* written with parentheses */
    gen_loc loc;          /* the name */
    struct ast_attr *next;
} ast_attr;

/* What precedes an item or member: its doc comments and attributes, in source order. */
typedef struct ast_decor {
    const char *doc;
    ast_attr *attrs;
} ast_decor;

/* flapigen's visibility words before a member. A private member is checked like any
 * other but not given to Python; a protected one is given under `_name`, Python's own
 * mark of an internal name. */
typedef enum ast_visibility { AST_PUBLIC, AST_PRIVATE, AST_PROTECTED } ast_visibility;

typedef struct ast_member {
    ast_member_kind kind;
    const char *doc;
    ast_attr *rust_attrs; /* `#[...]` written before it */
    ast_path path;
    ast_type *type;       /* SELF_TYPE: the type; CONSTRUCTOR/FN: the return type or NULL */
    ast_param *params;
    const char *alias;    /* FN, CONSTRUCTOR: the `alias` name or NULL */
    gen_loc alias_loc;
    ast_setting *attrs;   /* FN: attributes such as `release_gil;`, newest first */
    int readonly;         /* FIELD: `readonly field` */
    const char *name;     /* PROPERTY, FIELD: the Python name */
    gen_loc name_loc;
    ast_setting *settings;/* PROPERTY: get/set lines */
    gen_loc loc;          /* the keyword */
    int dropped;          /* reported as having no C meaning (a Rust body): left out */
    int deep_copy;        /* __copy__ from #[derive(Clone)]: Rust's clone copies deeply, so
                             it answers copy.deepcopy too (sema_rust_attrs.c) */
    ast_visibility visibility; /* FN, CONSTRUCTOR: `private` or `protected` before it */
    struct ast_const *constant; /* CONST */
    struct ast_member *next;
} ast_member;

typedef struct ast_class {
    const char *name;
    const char *doc;
    ast_member *members;
    gen_loc loc;          /* the class name */
    int damaged;          /* a syntax error cost it a member (parser.y's recovery): sema
                             does not report what that member's absence seems to imply */
    struct ast_member *rust_members; /* members dropped (a Rust body, `constructor =
                             empty -> T`): not bound, but their signatures still say how the
                             class holds its value */
    const char *callback_kind; /* foreign_callback!(callback|interface NAME ...): the word;
                             members are its methods, each `fn` with its Python name in
                             `alias`; NULL for a class */
    gen_loc callback_kind_loc;
} ast_class;

/* NAME = VALUE inside foreign_enum!. */
typedef struct ast_enum_item {
    const char *name;
    const char *doc;
    ast_attr *rust_attrs;
    ast_value value;
    gen_loc loc;
    struct ast_enum_item *next;
} ast_enum_item;

/* foreign_enum!(enum NAME { ... }) or foreign_enum!(flags NAME { ... }). */
typedef struct ast_enum {
    const char *kind;     /* "enum" or "flags" as written (checked by sema) */
    gen_loc kind_loc;
    const char *name;
    const char *c_type;   /* `enum NAME: C_TYPE`, or NULL */
    gen_loc c_type_loc;
    const char *doc;
    ast_enum_item *items;
    gen_loc loc;          /* the name */
} ast_enum;

/* foreign_error!(error NAME { settings }). */
typedef struct ast_error {
    const char *kind;     /* "error" as written (checked by sema) */
    gen_loc kind_loc;
    const char *name;
    const char *doc;
    ast_setting *settings;
    gen_loc loc;          /* the name */
} ast_error;

/* foreign_typemap!(namedtuple NAME: C_TYPE { field: T, ... }): a C struct passed by value
 * that Python sees as a tuple or named tuple. */
typedef struct ast_typemap {
    const char *kind;     /* "tuple" or "namedtuple" as written (checked by sema) */
    gen_loc kind_loc;
    const char *name;
    const char *doc;
    const char *c_type;   /* "struct point", "point_t" */
    gen_loc c_type_loc;
    ast_param *fields;
    gen_loc loc;
} ast_typemap;

/* const NAME: T = VALUE; at module level. */
typedef struct ast_const {
    const char *name;
    const char *doc;
    ast_type *type;
    ast_value value;
    gen_loc loc;
} ast_const;

typedef enum ast_item_kind {
    AST_ITEM_INCLUDE,
    AST_ITEM_CLASS,
    AST_ITEM_FN,      /* a module-level function */
    AST_ITEM_CONST,
    AST_ITEM_ENUM,
    AST_ITEM_ERROR,
    AST_ITEM_FREE,    /* foreign_free!(NAME); */
    AST_ITEM_TYPEMAP,
    AST_ITEM_CALLBACK, /* foreign_callback! (or foreign_interface!): `cls` */
    AST_ITEM_CODE,    /* foreign_code "PYTHON"; at the top level: `include` holds it */
    AST_ITEM_SWITCH,  /* #![NAME] of the whole file (`#![flapigen_python]`): `include` */
    AST_ITEM_RUST_TYPE, /* a type a foreign_typemap! written in Rust names (`include`), whose
                         uses are not reported again: the typemap was */
    AST_ITEM_TYPEDEF, /* type NAME = T; (kept last: sema counts items by kind) */
} ast_item_kind;

typedef struct ast_item {
    ast_item_kind kind;
    const char *include;  /* INCLUDE: the directive as written, e.g. `#include "foo.h"` */
    ast_class *cls;       /* CLASS */
    ast_member *fn;       /* FN */
    ast_const *constant;  /* CONST */
    ast_enum *enumeration;/* ENUM */
    ast_error *error;     /* ERROR */
    const char *free_fn;  /* FREE */
    ast_typemap *typemap; /* TYPEMAP */
    const char *alias;    /* TYPEDEF: the library's type name */
    ast_type *aliased;    /* TYPEDEF: the glue type it must match */
    ast_attr *rust_attrs; /* `#[...]` written before it (a class's `#[derive(...)]`) */
    gen_loc loc;
    struct ast_item *next;
} ast_item;

typedef struct ast_file {
    ast_item *items;
} ast_file;

#endif
