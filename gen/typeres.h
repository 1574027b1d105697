/* typeres.h: type resolution, the part of sema that reads a glue type (ast_type) and says
 * what it means (gen_type): a primitive, a class and how it crosses, text, a buffer, an
 * array, an enum, and for returns the error domain of a Result.
 *
 * Invariants:
 * - A resolved type satisfies model.h's invariants for the use it was resolved for: a
 *   parameter is never (), Vec or Result; a constant is a primitive, &str or an enum;
 *   Option<T> is only accepted on pointer-like T.
 * - Every rejection is reported to the scope's diag with the type's own location.
 */
#ifndef CBPY_GEN_TYPERES_H
#define CBPY_GEN_TYPERES_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "model.h"

/* What sema's passes share: where to allocate, where to report, what is declared so far. */
typedef struct gen_scope {
    gen_arena *arena;
    gen_diag *diag;
    gen_module *mod;
} gen_scope;

typedef enum gen_type_use {
    GEN_USE_PARAM,
    GEN_USE_RETURN,
    GEN_USE_CONST,
    GEN_USE_FIELD,  /* a member of a foreign_typemap! struct: a number, bool, enum or a
                       tuple typemap's struct */
} gen_type_use;

/* Resolves t for the given use; self is the class being checked (for `Self`), or NULL.
 * For a return, *error receives E of a Result<T, E> (else NULL); error may be NULL for
 * other uses. Returns 0, or -1 after reporting. */
int gen_resolve_type(gen_scope *s, const ast_type *t, const gen_class *self, gen_type_use use,
                     gen_type *out, gen_error **error);

/* The glue spelling of a type, normalised, for messages. */
const char *gen_type_spelling(gen_scope *s, const ast_type *t);

/* How a type mentions a class's own C type: by value (GEN_STORE_VALUE), through a mutable
 * pointer (GEN_STORE_PTR), or not at all (GEN_STORE_NONE). */
gen_storage gen_self_shape(const ast_type *t, const char *c_type);

/* What an overload's dispatcher tests a positional argument of type t with
 * (runtime/cbpy_args.h): one letter per kind of glue type, upper case when None is taken
 * too. The one classification both the dispatcher and sema's reachability check use. */
char gen_overload_kind(const gen_type *t);
/* Whether every argument a parameter of type later takes, one of type earlier takes too
 * (so that an earlier overload would always be picked first). */
int gen_overload_takes(const gen_type *earlier, const gen_type *later);

/* Whether t is an Option<T> result C returns as a bool, filling a trailing `T *` when it
 * has a value: T a number, bool, typemap or value class (as a parameter, such an Option
 * is a pointer, NULL for None). */
int gen_type_flagged(const gen_type *t);

/* Whether C can pass t to a callback (a `Fn(...)` argument or a foreign_callback! method's
 * parameter): what the trampoline can turn into a Python value, C's pointer or array lent
 * for the call. */
int gen_callback_arg_fits(const gen_type *t);

/* Whether a typemap is a tuple of numbers and enums only (not a dict, no union): one C
 * struct with nothing allocated, which a callback can take and give. */
int gen_typemap_plain(const gen_typemap *m);

/* For flapigen's `Box<T>`, `Arc<T>`, `Rc<T>`, `Arc<Mutex<T>>`, `Rc<RefCell<T>>`: the type T
 * they point to (a name), with *locked set for the Mutex/RefCell/RwLock forms; else NULL. */
const ast_type *gen_smart_pointee(const ast_type *t, int *locked);

#endif
