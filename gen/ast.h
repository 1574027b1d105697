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
} ast_type_kind;

typedef struct ast_type {
    ast_type_kind kind;
    const char *name;        /* NAME and GENERIC */
    int is_mut, is_const;    /* PTR and REF qualifiers */
    struct ast_type *inner;  /* PTR, REF, SLICE */
    struct ast_type *args;   /* GENERIC: first argument */
    struct ast_type *next;   /* next generic argument */
    gen_loc loc;
} ast_type;

typedef enum ast_param_kind {
    AST_PARAM_SELF,      /* &self */
    AST_PARAM_SELF_MUT,  /* &mut self */
    AST_PARAM_SELF_MOVE, /* self, by value */
    AST_PARAM_NAMED,     /* name: T or _: T */
} ast_param_kind;

typedef struct ast_param {
    ast_param_kind kind;
    const char *name;
    ast_type *type;
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
    AST_CONSTRUCTOR, /* constructor path(params) -> T; */
    AST_DESTRUCTOR,  /* destructor path; */
    AST_FN,          /* fn path(params) [-> T]; [alias name;] */
} ast_member_kind;

typedef struct ast_member {
    ast_member_kind kind;
    const char *doc;
    ast_path path;
    ast_type *type;       /* SELF_TYPE: the type; CONSTRUCTOR/FN: the return type or NULL */
    ast_param *params;
    const char *alias;    /* FN: the `alias` name or NULL */
    gen_loc alias_loc;
    gen_loc loc;          /* the keyword */
    struct ast_member *next;
} ast_member;

typedef struct ast_class {
    const char *name;
    const char *doc;
    ast_member *members;
    gen_loc loc;          /* the class name */
} ast_class;

typedef enum ast_item_kind { AST_ITEM_INCLUDE, AST_ITEM_CLASS } ast_item_kind;

typedef struct ast_item {
    ast_item_kind kind;
    const char *include;  /* INCLUDE: the directive as written, e.g. `#include "foo.h"` */
    ast_class *cls;       /* CLASS */
    gen_loc loc;
    struct ast_item *next;
} ast_item;

typedef struct ast_file {
    ast_item *items;
} ast_file;

#endif
