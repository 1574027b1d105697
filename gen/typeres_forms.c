/*
 * typeres_forms.c: the composite glue types, which take the others as parts: callbacks
 * (`Fn(A...) -> R`, and the methods of a foreign_callback!, with what C can pass them and
 * take back), flapigen's smart pointers (`Box<T>`, `Arc<T>`, `Rc<RefCell<T>>`, and what
 * an `Rc<RefCell<T>>` lends), trait objects (`&dyn Trait`, `Box<dyn Trait>`) and tuple
 * parameters. typeres.c dispatches to them (see typeres_int.h).
 */
#include <string.h>

#include "typeres_int.h"

int gen_typemap_plain(const gen_typemap *m)
{
    for (size_t i = 0; i < m->nfields; i++)
        if (m->fields[i].arms)
            return 0;
    return !m->is_dict;
}

int gen_callback_arg_fits(const gen_type *t)
{
    switch (t->kind) {
    case GEN_T_PRIM:
        return t->prim->kind != GEN_PRIM_UNIT;
    case GEN_T_STR:
    case GEN_T_STRING:
    case GEN_T_ENUM:
        return 1;
    case GEN_T_CLASS:
        /* A value class is copied (or, by value, given); a pointer class only given, as
         * Python could keep what C merely lends past the call. */
        return t->cls->storage == GEN_STORE_VALUE ||
               (t->cls->storage == GEN_STORE_PTR && t->pass == GEN_PASS_OWNED);
    case GEN_T_MAP:
        return gen_typemap_plain(t->map);
    case GEN_T_SLICE:
        return !t->is_mut;
    case GEN_T_VEC:
        return !t->text && (!t->cls || t->cls->storage == GEN_STORE_VALUE);
    default:
        return 0;
    }
}

/* Fn(A...) -> R, or Box<Fn(A...) -> R> when stored: arguments go from C to Python, the
 * result from Python to C. */
int gen_typeres_callback(gen_scope *s, const ast_type *t, int stored, gen_type_use use,
                            gen_type *out)
{
    if (strcmp(t->name, "Fn") != 0 && strcmp(t->name, "FnMut") != 0 &&
        strcmp(t->name, "FnOnce") != 0) {
        gen_diag_error(s->diag, t->loc, "a callback type is written 'Fn(A, B) -> R', not '%s'",
                       out->spelling);
        return -1;
    }
    if (use != GEN_USE_PARAM) {
        gen_diag_error(s->diag, t->loc, "a callback can only be a parameter");
        return -1;
    }
    gen_callback *cb = gen_arena_alloc(s->arena, sizeof *cb);
    size_t n = 0;
    for (const ast_type *a = t->args; a; a = a->next)
        n++;
    cb->args = gen_arena_alloc(s->arena, (n ? n : 1) * sizeof *cb->args);
    cb->ret = gen_arena_alloc(s->arena, sizeof *cb->ret);
    cb->stored = stored;
    int bad = 0;
    for (const ast_type *a = t->args; a; a = a->next) {
        gen_type *at = &cb->args[cb->nargs++];
        if (gen_typeres_inner(s, a, NULL, GEN_USE_RETURN, at) < 0) {
            bad = 1;
        } else if (!gen_callback_arg_fits(at)) {
            gen_diag_error(s->diag, a->loc,
                           "a callback argument must be a number, bool, enum, text, an object "
                           "of a class or an array of numbers or of a value class, not '%s'",
                           at->spelling);
            bad = 1;
        } else if (at->cls && at->cls->storage == GEN_STORE_VALUE && at->cls->dtor &&
                   (at->pass != GEN_PASS_OWNED || at->kind == GEN_T_VEC)) {
            /* Python gets copies of what C lends, which a destructor would free twice. */
            gen_diag_error(s->diag, a->loc,
                           "class '%s' has a destructor, so a callback cannot copy the '%s' C "
                           "lends; pass it by value, which gives Python ownership",
                           at->cls->name, at->spelling);
            bad = 1;
        }
    }
    /* `-> Result<T, E>`: T goes back as a result would, a failure as its text. */
    const ast_type *ret = t->inner;
    if (ret && ret->kind == AST_TYPE_GENERIC && strcmp(ret->name, "Result") == 0 && ret->args &&
        ret->args->next && !ret->args->next->next) {
        cb->ret_error = 1;
        ret = ret->args->kind == AST_TYPE_UNIT ? NULL : ret->args;
    }
    if (!ret) {
        cb->ret->kind = GEN_T_PRIM;
        cb->ret->prim = gen_prim_unit();
        cb->ret->spelling = "()";
    } else if (gen_typeres_inner(s, ret, NULL, GEN_USE_RETURN, cb->ret) < 0) {
        bad = 1;
    } else if (!((cb->ret->kind == GEN_T_PRIM && !cb->ret->by_ref) ||
                 (cb->ret->kind == GEN_T_STRING && !cb->ret->optional) ||
                 cb->ret->kind == GEN_T_ENUM ||
                 (cb->ret->kind == GEN_T_MAP && cb->ret->pass == GEN_PASS_OWNED &&
                  gen_typemap_plain(cb->ret->map)) ||
                 (cb->ret->kind == GEN_T_CLASS && cb->ret->pass == GEN_PASS_OWNED &&
                  cb->ret->cls->storage == GEN_STORE_VALUE && !cb->ret->cls->dtor)) ||
               (cb->ret->optional && cb->ret->kind == GEN_T_PRIM &&
                cb->ret->prim->kind == GEN_PRIM_UNIT)) {
        gen_diag_error(s->diag, t->inner->loc,
                       "a callback must return a number, bool, enum, String, a tuple typemap, a "
                       "value class without destructor, an Option of those but String, or (), "
                       "not '%s'",
                       cb->ret->spelling);
        bad = 1;
    }
    out->kind = GEN_T_CALLBACK;
    out->callback = cb;
    return bad ? -1 : 0;
}

/* flapigen's smart pointers, `Box<T>`, `Arc<T>`, `Rc<T>` (and `Arc<Mutex<T>>`,
 * `Rc<RefCell<T>>`), written by reference or not. C has one thing they can mean: a `T *` of
 * a pointer class. Which ownership crosses follows Rust's: a result is a new object owning
 * the pointer; a `Box<T>` argument is moved into C, as Rust moves it; an `Arc<T>`/`Rc<T>`
 * argument stays the caller's (flapigen clones the Arc), lent const, or mutable behind a
 * lock. Returns 0 if t is none of these; else 1, with out->kind GEN_T_CLASS on success. */
int gen_typeres_smart(gen_scope *s, const ast_type *t, const gen_class *self,
                         gen_type_use use, gen_type *out)
{
    const ast_type *smart = t->kind == AST_TYPE_REF ? t->inner : t;
    int locked = 0;
    const ast_type *pointee = gen_smart_pointee(smart, &locked);
    /* `&RefCell<Foo>`, `&Mutex<Foo>`: what an `Rc<RefCell<Foo>>` lends, a mutable Foo. */
    if (!pointee && t->kind == AST_TYPE_REF && smart->kind == AST_TYPE_GENERIC && smart->args &&
        !smart->args->next && smart->args->kind == AST_TYPE_NAME &&
        (strcmp(smart->name, "RefCell") == 0 || strcmp(smart->name, "Mutex") == 0 ||
         strcmp(smart->name, "RwLock") == 0)) {
        pointee = smart->args;
        locked = 1;
    }
    if (!pointee)
        return 0;
    int moved = smart == t && strcmp(smart->name, "Box") == 0;
    ast_type ptr = {0};
    ptr.kind = AST_TYPE_PTR;
    ptr.inner = (ast_type *)pointee;
    ptr.loc = t->loc;
    ptr.is_const = !locked && !moved;
    gen_class *cls = gen_typeres_class_type(s, &ptr, self, use, &out->pass);
    if (!cls) {
        gen_diag_error(s->diag, t->loc, "'%s' points to '%s', which is not the self_type of a "
                       "class of the module", out->spelling, pointee->name);
        return 1;
    }
    if (cls->storage == GEN_STORE_VALUE) {
        gen_diag_error(s->diag, t->loc, "'%s' is a pointer, but class '%s' is stored by value "
                       "(its constructor returns '%s')", out->spelling, cls->name, cls->c_type);
        return 1;
    }
    if (use == GEN_USE_RETURN && smart == t)
        out->pass = GEN_PASS_OWNED;
    else if (use != GEN_USE_RETURN)
        out->pass = moved ? GEN_PASS_OWNED : locked ? GEN_PASS_MUT : GEN_PASS_REF;
    if (gen_typeres_class(s, t, cls, use, out) < 0)
        out->kind = GEN_T_PRIM;
    return 1;
}

/* `&dyn Trait`, `&mut dyn Trait` (for the call) or `Box<dyn Trait>` (kept by C): a Python
 * object implementing a foreign_callback!, passed as its struct. Returns 0 if t is none. */
int gen_typeres_dyn(gen_scope *s, const ast_type *t, gen_type_use use, gen_type *out)
{
    int stored = t->kind == AST_TYPE_GENERIC && strcmp(t->name, "Box") == 0 && t->args &&
                 !t->args->next;
    const ast_type *named = stored || t->kind == AST_TYPE_REF ? (stored ? t->args : t->inner) : t;
    if (named->kind != AST_TYPE_NAME || !named->is_dyn)
        return 0;
    const gen_iface *f = NULL;
    for (size_t i = 0; i < s->mod->nifaces && !f; i++)
        if (strcmp(s->mod->ifaces[i]->trait, named->name) == 0 ||
            strcmp(s->mod->ifaces[i]->name, named->name) == 0)
            f = s->mod->ifaces[i];
    if (!f) {
        /* A class may wrap a trait object (`self_type dyn Trait`): then it is that class. */
        for (size_t i = 0; i < s->mod->nclasses; i++)
            if (s->mod->classes[i]->c_type && strcmp(s->mod->classes[i]->c_type, named->name) == 0)
                return 0;
        gen_diag_error(s->diag, named->loc, "'dyn %s' names no foreign_callback! of the module",
                       named->name);
        return -1;
    }
    if (use != GEN_USE_PARAM || (!stored && t->kind != AST_TYPE_REF)) {
        gen_diag_error(s->diag, t->loc, "a callback object is a parameter, '&dyn %s' for the "
                       "call or 'Box<dyn %s>' for C to keep", named->name, named->name);
        return -1;
    }
    gen_callback *cb = gen_arena_alloc(s->arena, sizeof *cb);
    cb->iface = f;
    cb->stored = stored;
    out->kind = GEN_T_CALLBACK;
    out->callback = cb;
    return 1;
}

/* A tuple parameter `(A, B)`: Python gives a sequence of that length, C its members, each
 * an argument of its own: numbers, bool or `&str`. */
int gen_typeres_tuple(gen_scope *s, const ast_type *t, const gen_class *self, gen_type *out)
{
    size_t n = 0;
    for (const ast_type *a = t->args; a; a = a->next)
        n++;
    out->kind = GEN_T_TUPLE;
    out->members = gen_arena_alloc(s->arena, n * sizeof *out->members);
    for (const ast_type *a = t->args; a; a = a->next) {
        gen_type *m = &out->members[out->nmembers++];
        if (gen_typeres_inner(s, a, self, GEN_USE_PARAM, m) < 0)
            return -1;
        /* An object is lent (`&Foo`), or copied (a value class that owns nothing): a
         * member cannot be moved into C, as nothing could say which objects then die. */
        if (!((m->kind == GEN_T_PRIM && m->prim->kind != GEN_PRIM_UNIT && !m->by_ref) ||
              m->kind == GEN_T_STR || m->kind == GEN_T_ENUM ||
              (m->kind == GEN_T_CLASS &&
               (m->pass != GEN_PASS_OWNED ||
                (m->cls->storage == GEN_STORE_VALUE && !m->cls->dtor && !m->optional))))) {
            gen_diag_error(s->diag, a->loc, "a tuple parameter's members are numbers, bool, "
                           "'&str', enums, '&Foo', a value class without destructor or an "
                           "Option of those, not '%s'", m->spelling);
            return -1;
        }
    }
    return 0;
}
