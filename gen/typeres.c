/* typeres.c: resolves glue types into model types (see typeres.h). Each spelling family
 * has one function: primitives, classes, text, buffers and arrays, enums, and the two
 * wrappers Option<T> and Result<T, E>; gen_resolve_type dispatches and checks that the
 * result fits where the type was written. */
#include "typeres_int.h"

#include <string.h>

#include "strbuf.h"
#include "suggest.h"

static void spell(gen_strbuf *sb, const ast_type *t)
{
    switch (t->kind) {
    case AST_TYPE_NAME:
        gen_strbuf_printf(sb, "%s%s%s", t->is_const ? "const " : "", t->is_dyn ? "dyn " : "",
                          t->name);
        break;
    case AST_TYPE_UNIT:
        gen_strbuf_puts(sb, "()");
        break;
    case AST_TYPE_PTR:
        if (t->is_mut || t->is_const) {
            gen_strbuf_puts(sb, t->is_mut ? "*mut " : "*const ");
            spell(sb, t->inner);
        } else {
            spell(sb, t->inner);
            gen_strbuf_puts(sb, " *");
        }
        break;
    case AST_TYPE_REF:
        gen_strbuf_puts(sb, t->is_mut ? "&mut " : "&");
        spell(sb, t->inner);
        break;
    case AST_TYPE_SLICE:
        gen_strbuf_puts(sb, "[");
        spell(sb, t->inner);
        gen_strbuf_puts(sb, "]");
        break;
    case AST_TYPE_FN:
        gen_strbuf_printf(sb, "%s(", t->name);
        for (const ast_type *a = t->args; a; a = a->next) {
            spell(sb, a);
            if (a->next)
                gen_strbuf_puts(sb, ", ");
        }
        gen_strbuf_puts(sb, ")");
        if (t->inner) {
            gen_strbuf_puts(sb, " -> ");
            spell(sb, t->inner);
        }
        break;
    case AST_TYPE_OUT:
        gen_strbuf_puts(sb, "out ");
        spell(sb, t->inner);
        break;
    case AST_TYPE_ARRAY:
        gen_strbuf_puts(sb, "[");
        spell(sb, t->inner);
        gen_strbuf_puts(sb, t->size ? "; " : "; ...");
        if (t->size)
            gen_strbuf_printf(sb, t->size->is_cexpr ? "`%s`" : "%s", t->size->text);
        gen_strbuf_puts(sb, "]");
        break;
    case AST_TYPE_TUPLE:
    case AST_TYPE_GENERIC:
        gen_strbuf_printf(sb, "%s%s", t->kind == AST_TYPE_TUPLE ? "" : t->name,
                          t->kind == AST_TYPE_TUPLE ? "(" : "<");
        for (const ast_type *a = t->args; a; a = a->next) {
            spell(sb, a);
            if (a->next)
                gen_strbuf_puts(sb, ", ");
        }
        gen_strbuf_puts(sb, t->kind == AST_TYPE_TUPLE ? (t->args->next ? ")" : ",)") : ">");
        break;
    }
}

const char *gen_type_spelling(gen_scope *s, const ast_type *t)
{
    gen_strbuf sb = {0};
    spell(&sb, t);
    const char *r = gen_arena_strdup(s->arena, gen_strbuf_str(&sb));
    gen_strbuf_release(&sb);
    return r;
}

int gen_typeres_is_name(const ast_type *t, const char *name)
{
    return t->kind == AST_TYPE_NAME && strcmp(t->name, name) == 0;
}

int gen_type_flagged(const gen_type *t)
{
    return t->optional && !t->by_ref &&
           (t->kind == GEN_T_PRIM || t->kind == GEN_T_ENUM ||
            (t->kind == GEN_T_MAP && t->pass == GEN_PASS_OWNED) ||
            (t->kind == GEN_T_CLASS && t->pass == GEN_PASS_OWNED &&
             t->cls->storage == GEN_STORE_VALUE));
}

const ast_type *gen_smart_pointee(const ast_type *t, int *locked)
{
    if (!t || t->kind != AST_TYPE_GENERIC || !t->args || t->args->next ||
        (strcmp(t->name, "Box") != 0 && strcmp(t->name, "Arc") != 0 &&
         strcmp(t->name, "Rc") != 0))
        return NULL;
    const ast_type *in = t->args;
    if (locked)
        *locked = 0;
    /* `Box<Box<dyn Trait>>`, flapigen's trait object of a class `self_type dyn Trait`. */
    if (in->kind == AST_TYPE_GENERIC && strcmp(in->name, "Box") == 0 && in->args &&
        !in->args->next)
        in = in->args;
    if (in->kind == AST_TYPE_GENERIC && in->args && !in->args->next &&
        (strcmp(in->name, "Mutex") == 0 || strcmp(in->name, "RefCell") == 0 ||
         strcmp(in->name, "RwLock") == 0)) {
        in = in->args;
        if (locked)
            *locked = 1;
    }
    return in->kind == AST_TYPE_NAME && !in->is_const ? in : NULL;
}

gen_storage gen_self_shape(const ast_type *t, const char *c_type)
{
    if (!t || !c_type)
        return GEN_STORE_NONE;
    const ast_type *pointee = gen_smart_pointee(t, NULL);
    if (pointee && (gen_typeres_is_name(pointee, c_type) || gen_typeres_is_name(pointee, "Self")))
        return GEN_STORE_PTR;
    if (t->kind == AST_TYPE_NAME && !t->is_const &&
        (gen_typeres_is_name(t, c_type) || gen_typeres_is_name(t, "Self")))
        return GEN_STORE_VALUE;
    if (t->kind == AST_TYPE_PTR && !t->is_const && !t->inner->is_const &&
        (gen_typeres_is_name(t->inner, c_type) || gen_typeres_is_name(t->inner, "Self")))
        return GEN_STORE_PTR;
    return GEN_STORE_NONE;
}

static gen_class *class_by_c_type(gen_scope *s, const char *name, const gen_class *self)
{
    if (strcmp(name, "Self") == 0)
        return self && self->c_type ? (gen_class *)self : NULL;
    /* Classes may share a C type (libarchive's readers and writers are both `struct
     * archive`): in its own class, the type is that class. */
    if (self && self->c_type && strcmp(self->c_type, name) == 0)
        return (gen_class *)self;
    for (size_t i = 0; i < s->mod->nclasses; i++)
        if (s->mod->classes[i]->c_type && strcmp(s->mod->classes[i]->c_type, name) == 0)
            return s->mod->classes[i];
    /* A class without self_type is found by its name, so the error can say what is wrong. */
    for (size_t i = 0; i < s->mod->nclasses; i++)
        if (!s->mod->classes[i]->c_type && strcmp(s->mod->classes[i]->name, name) == 0)
            return s->mod->classes[i];
    return NULL;
}

static gen_enum *enum_by_name(gen_scope *s, const char *name)
{
    for (size_t i = 0; i < s->mod->nenums; i++)
        if (strcmp(s->mod->enums[i]->name, name) == 0)
            return s->mod->enums[i];
    return NULL;
}

static gen_typemap *typemap_by_name(gen_scope *s, const char *name)
{
    for (size_t i = 0; i < s->mod->ntypemaps; i++)
        if (strcmp(s->mod->typemaps[i]->name, name) == 0)
            return s->mod->typemaps[i];
    return NULL;
}

static gen_error *error_by_name(gen_scope *s, const char *name)
{
    for (size_t i = 0; i < s->mod->nerrors; i++)
        if (strcmp(s->mod->errors[i]->name, name) == 0)
            return s->mod->errors[i];
    return NULL;
}

/* Whether t is (or refers to, or is generic over) a type a foreign_typemap! written in Rust
 * named: that typemap was reported, so its uses are not. */
static int rust_only(const gen_scope *s, const ast_type *t)
{
    while ((t->kind == AST_TYPE_REF || t->kind == AST_TYPE_PTR) && t->inner)
        t = t->inner;
    for (size_t i = 0; t->name && i < s->mod->nrust_types; i++)
        if (strcmp(s->mod->rust_types[i], t->name) == 0)
            return 1;
    return 0;
}

static void unknown_type(gen_scope *s, const ast_type *t)
{
    if (rust_only(s, t))
        return;
    static const char *const builtin[] = {"String", "str", "Vec", "Option", "Result", "Self"};
    gen_suggest sg;
    gen_suggest_init(&sg, t->name);
    size_t n;
    const gen_prim *prims = gen_prim_all(&n);
    for (size_t i = 0; i < n; i++) {
        gen_suggest_offer(&sg, prims[i].glue);
        if (prims[i].c_alias)
            gen_suggest_offer(&sg, prims[i].c_alias);
    }
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
        gen_suggest_offer(&sg, builtin[i]);
    for (size_t i = 0; i < s->mod->nclasses; i++)
        if (s->mod->classes[i]->c_type)
            gen_suggest_offer(&sg, s->mod->classes[i]->c_type);
    for (size_t i = 0; i < s->mod->nenums; i++)
        gen_suggest_offer(&sg, s->mod->enums[i]->name);
    for (size_t i = 0; i < s->mod->ntypemaps; i++)
        gen_suggest_offer(&sg, s->mod->typemaps[i]->name);
    const char *best = gen_suggest_best(&sg);
    if (best)
        gen_diag_error(s->diag, t->loc, "unknown type '%s'; did you mean '%s'?", t->name, best);
    else
        gen_diag_error(s->diag, t->loc, "unknown type '%s'", t->name);
}

/* The class a type names, with how it crosses: `Foo`/`Self` owned, `&Foo`/`const Foo *`
 * borrowed const, `&mut Foo`/`Foo *`/`*mut Foo` borrowed mutable, except that a pointer
 * class returns `Foo *` owned (the handle its constructor gives). NULL if not a class. */
gen_class *gen_typeres_class_type(gen_scope *s, const ast_type *t, const gen_class *self,
                             gen_type_use use, gen_pass *pass)
{
    const ast_type *named = t;
    *pass = GEN_PASS_OWNED;
    if (t->kind == AST_TYPE_REF) {
        named = t->inner;
        *pass = t->is_mut ? GEN_PASS_MUT : GEN_PASS_REF;
    } else if (t->kind == AST_TYPE_PTR) {
        named = t->inner;
        *pass = t->is_const || t->inner->is_const ? GEN_PASS_REF : GEN_PASS_MUT;
    }
    if (named->kind != AST_TYPE_NAME || (named->is_const && t->kind != AST_TYPE_PTR))
        return NULL;
    gen_class *cls = class_by_c_type(s, named->name, self);
    if (cls && use == GEN_USE_RETURN && t->kind == AST_TYPE_PTR && *pass == GEN_PASS_MUT &&
        cls->storage == GEN_STORE_PTR)
        *pass = GEN_PASS_OWNED;
    return cls;
}

/* The class of an array's items: `Foo`, `&Foo`, `*mut Foo`, or flapigen's `Arc<Foo>` (any smart
 * pointer), a handle of the pointer class Foo as a lone `Arc<Foo>` is. */
static gen_class *item_class(gen_scope *s, const ast_type *e, const gen_class *self,
                             gen_type_use use, gen_pass *pass)
{
    const ast_type *pointee = gen_smart_pointee(e, NULL);
    if (pointee) {
        gen_class *c = pointee->kind == AST_TYPE_NAME
                           ? gen_typeres_class_type(s, pointee, self, use, pass)
                           : NULL;
        *pass = GEN_PASS_OWNED;
        return c && c->storage == GEN_STORE_PTR ? c : NULL;
    }
    return e->kind == AST_TYPE_NAME || e->kind == AST_TYPE_PTR || e->kind == AST_TYPE_REF
               ? gen_typeres_class_type(s, e, self, use, pass)
               : NULL;
}

int gen_typeres_class(gen_scope *s, const ast_type *t, gen_class *cls, gen_type_use use,
                         gen_type *out)
{
    if (cls->storage == GEN_STORE_NONE) {
        gen_diag_error(s->diag, t->loc,
                       "class '%s' has no self_type, so no value of it can cross to C",
                       cls->name);
        return -1;
    }
    if (use == GEN_USE_RETURN && cls->storage == GEN_STORE_VALUE && t->kind == AST_TYPE_PTR &&
        out->pass == GEN_PASS_MUT) {
        gen_diag_error(s->diag, t->loc,
                       "class '%s' is stored by value; return '%s' for a new object, or "
                       "'&mut %s' for one borrowed from its owner",
                       cls->name, cls->c_type, cls->c_type);
        return -1;
    }
    out->kind = GEN_T_CLASS;
    out->cls = cls;
    return 0;
}

/* &str, const char *, String, and char * (a returned string the caller releases); Rust's
 * paths, `&Path` and `PathBuf`, are text in C too. */
static int text_type(const ast_type *t, gen_type_kind *kind)
{
    if ((t->kind == AST_TYPE_REF && !t->is_mut && gen_typeres_is_name(t->inner, "Path")) ||
        (gen_typeres_is_name(t, "PathBuf") && !t->is_const)) {
        *kind = t->kind == AST_TYPE_REF ? GEN_T_STR : GEN_T_STRING;
        return 1;
    }
    if (t->kind == AST_TYPE_REF && !t->is_mut && gen_typeres_is_name(t->inner, "str")) {
        *kind = GEN_T_STR;
        return 1;
    }
    if (gen_typeres_is_name(t, "String") && !t->is_const) {
        *kind = GEN_T_STRING;
        return 1;
    }
    if (t->kind == AST_TYPE_PTR && !t->is_mut && gen_typeres_is_name(t->inner, "char")) {
        *kind = t->is_const || t->inner->is_const ? GEN_T_STR : GEN_T_STRING;
        return 1;
    }
    return 0;
}

/* The element of a buffer or array: a numeric primitive. */
static const gen_prim *element(gen_scope *s, const ast_type *t, const char *what)
{
    const gen_prim *p = t->kind == AST_TYPE_NAME && !t->is_const ? gen_prim_find(t->name) : NULL;
    if (p && (p->kind == GEN_PRIM_INT || p->kind == GEN_PRIM_FLOAT))
        return p;
    if (!rust_only(s, t))
        gen_diag_error(s->diag, t->loc, "%s elements must be integers or floats, not '%s'", what,
                       gen_type_spelling(s, t));
    return NULL;
}


static int is_pointer_like(const gen_type *t)
{
    return t->kind == GEN_T_STR || t->kind == GEN_T_STRING ||
           (t->kind == GEN_T_MAP && t->pass == GEN_PASS_REF) ||
           (t->kind == GEN_T_CLASS &&
            (t->pass != GEN_PASS_OWNED || t->cls->storage == GEN_STORE_PTR));
}

static int resolve_option(gen_scope *s, const ast_type *t, const gen_class *self,
                          gen_type_use use, gen_type *out)
{
    const char *spelled = out->spelling;
    if (!t->args || t->args->next) {
        gen_diag_error(s->diag, t->loc, "Option takes one type argument, as in 'Option<&str>'");
        return -1;
    }
    if (gen_typeres_inner(s, t->args, self, use, out) < 0)
        return -1;
    out->spelling = spelled;
    /* A value (a number, bool, a value class's struct, a typemap) is given through a
     * pointer, lent as `&T` is, or returned with a bool that says whether C had one. */
    int valued = !out->optional &&
                 ((out->kind == GEN_T_PRIM && out->prim->kind != GEN_PRIM_UNIT) ||
                  out->kind == GEN_T_ENUM ||
                  (out->kind == GEN_T_MAP && out->pass == GEN_PASS_OWNED) ||
                  (out->kind == GEN_T_CLASS && out->pass == GEN_PASS_OWNED &&
                   out->cls->storage == GEN_STORE_VALUE));
    if ((out->kind == GEN_T_MAP || out->kind == GEN_T_CLASS) && valued && use == GEN_USE_PARAM)
        out->pass = GEN_PASS_REF;
    if (!valued && (!is_pointer_like(out) || out->optional)) {
        gen_diag_error(s->diag, t->loc,
                       "Option<T> needs a number, bool, enum, value or pointer-like T (&str, "
                       "String, a class, a typemap), so that None can cross; '%s' is not",
                       gen_type_spelling(s, t->args));
        return -1;
    }
    out->optional = 1;
    return 0;
}

/* An array's item `Option<T>`: T, with out->items_optional set; any other item as is. */
static const ast_type *optional_item(const ast_type *e, gen_type *out)
{
    if (e->kind != AST_TYPE_GENERIC || strcmp(e->name, "Option") != 0 || !e->args ||
        e->args->next)
        return e;
    out->items_optional = 1;
    return e->args;
}

/* Whether an array of optional items (out) can hold None: as NULL, so of pointers (texts,
 * handles of a pointer class), not of numbers or structs. Reports the mistake at e. */
static int check_optional_items(gen_scope *s, const ast_type *e, const gen_type *out)
{
    if (!out->items_optional || out->text ||
        (out->cls && out->cls->storage == GEN_STORE_PTR))
        return 0;
    gen_diag_error(s->diag, e->loc, "an array's items can be None only when C has NULL for it: "
                   "'Option<&str>', 'Option<String>' or a pointer class's handles, not '%s'",
                   gen_type_spelling(s, e));
    return -1;
}

/* An array parameter, `&[T]` or `Vec<T>` (t), of element `elem`: numbers from a buffer or,
 * but for bytes, any sequence; objects of a class from a sequence. */
static int resolve_array(gen_scope *s, const ast_type *t, const ast_type *item,
                         const gen_class *self, gen_type *out)
{
    const char *spelled = out->spelling;
    const ast_type *elem = optional_item(item, out);
    gen_pass pass;
    if (text_type(elem, &out->text)) {
        out->kind = GEN_T_OBJS; /* an array of texts */
        return 0;
    }
    gen_class *cls = item_class(s, elem, self, GEN_USE_PARAM, &pass);
    if (cls && out->items_optional && cls->storage != GEN_STORE_PTR)
        cls = NULL;
    if (cls) {
        const ast_type *pointee = gen_smart_pointee(elem, NULL);
        if (gen_typeres_class(s, pointee ? pointee : elem, cls, GEN_USE_PARAM, out) < 0)
            return -1;
        out->kind = GEN_T_OBJS;
        out->pass = GEN_PASS_REF;
        out->spelling = spelled;
        return 0;
    }
    if (check_optional_items(s, item, out) < 0)
        return -1;
    out->kind = GEN_T_SLICE;
    out->prim = element(s, elem, t->kind == AST_TYPE_GENERIC ? "Vec" : "buffer");
    out->seq = t->kind == AST_TYPE_GENERIC ||
               (out->prim && s->mod->flapigen_python) ||
               (out->prim && strcmp(out->prim->glue, "u8") != 0 &&
                strcmp(out->prim->glue, "i8") != 0);
    return out->prim ? 0 : -1;
}

static int resolve_generic(gen_scope *s, const ast_type *t, const gen_class *self,
                           gen_type_use use, gen_type *out)
{
    if (strcmp(t->name, "Option") == 0)
        return resolve_option(s, t, self, use, out);
    if (strcmp(t->name, "Vec") == 0 && t->args && !t->args->next) {
        /* A Vec parameter is C's (pointer, length) for the call, as `&[T]` is; Python may
         * pass any sequence. */
        if (use == GEN_USE_PARAM)
            return resolve_array(s, t, t->args, self, out);
        if (use != GEN_USE_RETURN) {
            gen_diag_error(s->diag, t->loc, "Vec<T> is a parameter or return type");
            return -1;
        }
        out->kind = GEN_T_VEC;
        /* Texts and objects too, as a result: the items become str or new objects. */
        gen_pass pass;
        const ast_type *e = optional_item(t->args, out);
        gen_class *cls = item_class(s, e, self, GEN_USE_RETURN, &pass);
        if (text_type(e, &out->text))
            return 0;
        if (cls && pass == GEN_PASS_OWNED && cls->storage != GEN_STORE_NONE)
            out->cls = cls;
        if (check_optional_items(s, t->args, out) < 0)
            return -1;
        if (out->cls)
            return 0;
        out->text = GEN_T_PRIM;
        out->prim = element(s, t->args, "Vec");
        return out->prim ? 0 : -1;
    }
    if (strcmp(t->name, "Result") == 0) {
        gen_diag_error(s->diag, t->loc, "Result<T, E> can only be what a function returns");
        return -1;
    }
    if (!rust_only(s, t))
        gen_diag_error(s->diag, t->loc, "unknown generic type '%s'", out->spelling);
    return -1;
}

int gen_typeres_inner(gen_scope *s, const ast_type *t, const gen_class *self,
                         gen_type_use use, gen_type *out)
{
    memset(out, 0, sizeof *out);
    out->spelling = gen_type_spelling(s, t);
    int dyn = gen_typeres_dyn(s, t, use, out);
    if (dyn)
        return dyn < 0 ? -1 : 0;
    if (t->kind == AST_TYPE_FN)
        return gen_typeres_callback(s, t, 0, use, out);
    if (t->kind == AST_TYPE_GENERIC && strcmp(t->name, "Box") == 0 && t->args &&
        !t->args->next && t->args->kind == AST_TYPE_FN) {
        const char *spelled = out->spelling;
        int rc = gen_typeres_callback(s, t->args, 1, use, out);
        out->spelling = spelled;
        return rc;
    }
    if (t->kind == AST_TYPE_TUPLE && use == GEN_USE_PARAM)
        return gen_typeres_tuple(s, t, self, out);
    if (t->kind == AST_TYPE_GENERIC ||
        (t->kind == AST_TYPE_REF && t->inner->kind == AST_TYPE_GENERIC)) {
        if (gen_typeres_smart(s, t, self, use, out))
            return out->kind == GEN_T_CLASS ? 0 : -1;
        if (t->kind == AST_TYPE_GENERIC)
            return resolve_generic(s, t, self, use, out);
    }
    if (t->kind == AST_TYPE_UNIT || (t->kind == AST_TYPE_NAME && !t->is_const)) {
        const gen_prim *p = t->kind == AST_TYPE_UNIT ? gen_prim_unit() : gen_prim_find(t->name);
        /* A library typedef declared with `type NAME = T;` crosses as T. */
        for (size_t i = 0; !p && i < s->mod->ntypedefs; i++)
            if (strcmp(s->mod->typedefs[i].name, t->name) == 0) {
                p = s->mod->typedefs[i].prim;
                out->c_name = t->name;
            }
        if (p) {
            out->kind = GEN_T_PRIM;
            out->prim = p;
            return 0;
        }
    }
    if (text_type(t, &out->kind))
        return 0;
    /* `&i32`: a pointer to one value, which C reads (or, as a result, gives to read). */
    if (t->kind == AST_TYPE_REF && !t->is_mut && t->inner->kind == AST_TYPE_NAME &&
        !t->inner->is_const) {
        const gen_prim *p = gen_prim_find(t->inner->name);
        if (p && p->kind != GEN_PRIM_UNIT) {
            out->kind = GEN_T_PRIM;
            out->prim = p;
            out->by_ref = 1;
            return 0;
        }
    }
    if (t->kind == AST_TYPE_REF && !t->is_mut && t->inner->kind == AST_TYPE_SLICE &&
        t->inner->inner->kind == AST_TYPE_NAME &&
        (out->map = typemap_by_name(s, t->inner->inner->name))) {
        out->kind = GEN_T_MAPS;
        if (use != GEN_USE_PARAM) {
            gen_diag_error(s->diag, t->loc, "an array of typemaps '%s' can only be a parameter",
                           out->spelling);
            return -1;
        }
        return 0;
    }
    if (t->kind == AST_TYPE_REF && t->inner->kind == AST_TYPE_SLICE) {
        if (!t->is_mut && use == GEN_USE_PARAM)
            return resolve_array(s, t, t->inner->inner, self, out);
        /* `&mut [Foo]` of a value class: copies C may change, written back to the objects. */
        gen_pass item_pass;
        gen_class *mc = t->is_mut && use == GEN_USE_PARAM
                            ? item_class(s, t->inner->inner, self, use, &item_pass)
                            : NULL;
        if (mc && mc->storage == GEN_STORE_VALUE && item_pass == GEN_PASS_OWNED) {
            if (resolve_array(s, t, t->inner->inner, self, out) < 0)
                return -1;
            out->is_mut = 1;
            return 0;
        }
        /* A borrowed array of texts or objects, returned with C's count as a Vec is. */
        const ast_type *e = optional_item(t->inner->inner, out);
        gen_pass pass;
        gen_class *ec = item_class(s, e, self, use, &pass);
        if (use == GEN_USE_RETURN && !t->is_mut &&
            (text_type(e, &out->text) || (ec && ec->storage != GEN_STORE_NONE))) {
            out->kind = GEN_T_VEC;
            out->cls = out->text ? NULL : ec;
            out->borrowed = 1;
            return check_optional_items(s, t->inner->inner, out);
        }
        if (check_optional_items(s, t->inner->inner, out) < 0)
            return -1;
        out->kind = GEN_T_SLICE;
        /* A `&mut [T]` result is copied out as `&[T]` is: Python's list is its own. */
        out->is_mut = t->is_mut && use != GEN_USE_RETURN;
        out->prim = element(s, t->inner->inner, "buffer");
        return out->prim ? 0 : -1;
    }
    if (t->kind == AST_TYPE_NAME && !t->is_const && (out->enumeration = enum_by_name(s, t->name))) {
        out->kind = GEN_T_ENUM;
        return 0;
    }
    /* A typemap by value, or lent as `&T` / `const T *` (C reads a copy Python made), or
     * `&mut T` (C may change the copy, which Python then gets back). */
    const ast_type *named = t->kind == AST_TYPE_REF ? t->inner
                            : t->kind == AST_TYPE_PTR && (t->is_const || t->inner->is_const)
                                ? t->inner
                                : t;
    if (named->kind == AST_TYPE_NAME && (out->map = typemap_by_name(s, named->name))) {
        out->kind = GEN_T_MAP;
        out->pass = named == t                                 ? GEN_PASS_OWNED
                    : t->kind == AST_TYPE_REF && t->is_mut ? GEN_PASS_MUT
                                                           : GEN_PASS_REF;
        if (out->pass == GEN_PASS_REF && use != GEN_USE_PARAM) {
            gen_diag_error(s->diag, t->loc, "a typemap is returned by value: write '%s'",
                           named->name);
            return -1;
        }
        return 0;
    }
    gen_class *cls = gen_typeres_class_type(s, t, self, use, &out->pass);
    if (cls)
        return gen_typeres_class(s, t, cls, use, out);
    if (t->kind == AST_TYPE_NAME && strstr(t->name, "::")) {
        gen_diag_error(s->diag, t->loc, "'%s' is a Rust path, which names no C type; write the "
                       "C type it stands for, with a fixed width ('i32' for c_int, 'u32' for "
                       "c_uint)", t->name);
        return -1;
    }
    if (t->kind == AST_TYPE_NAME && !t->is_const) {
        unknown_type(s, t);
        return -1;
    }
    if (!rust_only(s, t))
        gen_diag_error(s->diag, t->loc, "type '%s' is not supported", out->spelling);
    return -1;
}

/* Which types each convention can report failure through. */
static int fits_convention(const gen_error *e, const gen_type *t)
{
    /* `Option<i32>` already takes C's result (the bool); only a text error fits beside. */
    if (gen_type_flagged(t) && e->conv != GEN_ERR_TEXT)
        return 0;
    switch (e->conv) {
    case GEN_ERR_STATUS:
        /* (A typemap out-parameter is a plain struct pointer, so it fits; an optional
         * pointer-like value is None when C leaves the out-parameter NULL.) */
        return t->kind != GEN_T_VEC && t->kind != GEN_T_ENUM;
    case GEN_ERR_NULL:
        return is_pointer_like(t) && !t->optional;
    case GEN_ERR_ERRNO:
        return (t->kind == GEN_T_PRIM &&
                (t->prim->kind == GEN_PRIM_UNIT || t->prim->kind == GEN_PRIM_INT)) ||
               (is_pointer_like(t) && !t->optional);
    case GEN_ERR_PREDICATE:
        return t->kind == GEN_T_PRIM && t->prim->kind == GEN_PRIM_INT;
    case GEN_ERR_TEXT:
        return 1;
    }
    return 0;
}

static int resolve_result(gen_scope *s, const ast_type *t, const gen_class *self, gen_type *out,
                          gen_error **error)
{
    const ast_type *ok = t->args, *err = ok ? ok->next : NULL;
    if (!ok || !err || err->next) {
        gen_diag_error(s->diag, t->loc,
                       "Result takes two type arguments, as in 'Result<i32, MyError>'");
        return -1;
    }
    gen_error *e = err->kind == AST_TYPE_NAME ? error_by_name(s, err->name) : NULL;
    if (!e) {
        /* flapigen's errors are any type, shown by their text: C gives that text. */
        gen_type_kind text;
        int borrowed = text_type(err, &text) && text == GEN_T_STR;
        gen_error **slot = &s->mod->text_errors[borrowed];
        if (!*slot) {
            *slot = gen_arena_alloc(s->arena, sizeof **slot);
            (*slot)->name = "Error";
            (*slot)->conv = GEN_ERR_TEXT;
            (*slot)->text_borrowed = borrowed;
        }
        e = *slot;
    }
    const char *spelled = gen_type_spelling(s, t);
    /* `status` (the status itself) and `status(S)` (whether it was S) read the result of
     * a status function, which then returns it rather than filling an out-parameter. */
    int count = ok->kind == AST_TYPE_NAME && strcmp(ok->name, "count") == 0;
    if ((ok->kind == AST_TYPE_NAME && strcmp(ok->name, "status") == 0) || count ||
        (ok->kind == AST_TYPE_FN && strcmp(ok->name, "status") == 0 && !ok->arms)) {
        if (e->conv != GEN_ERR_STATUS || (ok->kind == AST_TYPE_FN &&
                                          (!ok->args || ok->args->next ||
                                           ok->args->kind != AST_TYPE_NAME || ok->inner))) {
            if (e->conv != GEN_ERR_STATUS)
                gen_diag_error(s->diag, ok->loc,
                               "'%s' reads a status: error domain '%s' must use 'status'",
                               gen_type_spelling(s, ok), e->name);
            else
                gen_diag_error(s->diag, ok->loc,
                               "expected 'status(NAME)' naming one status, not '%s'",
                               gen_type_spelling(s, ok));
            return -1;
        }
        memset(out, 0, sizeof *out);
        out->kind = GEN_T_PRIM;
        out->prim = gen_prim_find(ok->kind == AST_TYPE_FN ? "bool" : count ? "i64" : "i32");
        out->spelling = spelled;
        *error = e;
        return 0;
    }
    if (gen_typeres_inner(s, ok, self, GEN_USE_RETURN, out) < 0)
        return -1;
    if (!fits_convention(e, out)) {
        static const char *const why[] = {
            "a status-code function returns its result through an out-parameter, which "
            "cannot be an array or an enum",
            "a NULL-on-failure function must return a pointer (&str, String or a class)",
            "an errno function must return an integer, () or a pointer",
            "a predicate function returns an integer: the value, or an error code",
        };
        gen_diag_error(s->diag, ok->loc, "'%s' cannot be returned under error domain '%s': %s",
                       out->spelling, e->name, why[e->conv]);
        return -1;
    }
    out->spelling = spelled;
    *error = e;
    return 0;
}

int gen_resolve_type(gen_scope *s, const ast_type *t, const gen_class *self, gen_type_use use,
                     gen_type *out, gen_error **error)
{
    if (error)
        *error = NULL;
    if (t->kind == AST_TYPE_GENERIC && strcmp(t->name, "Result") == 0 && use == GEN_USE_RETURN &&
        error)
        return resolve_result(s, t, self, out, error);
    if (gen_typeres_inner(s, t, self, use, out) < 0)
        return -1;
    static const char *const where[] = {"a parameter", "a return", "a constant",
                                        "a typemap field"};
    int ok;
    switch (use) {
    case GEN_USE_PARAM:
        ok = !(out->kind == GEN_T_PRIM && out->prim->kind == GEN_PRIM_UNIT) &&
             !(t->kind == AST_TYPE_PTR && out->kind == GEN_T_STRING);
        break;
    case GEN_USE_RETURN:
        /* A borrowed array is copied out (its length from `len EXPR;`, or C's count). */
        ok = 1;
        break;
    default:
        ok = (out->kind == GEN_T_PRIM && out->prim->kind != GEN_PRIM_UNIT && !out->by_ref &&
              !out->optional) ||
             (use == GEN_USE_CONST && out->kind == GEN_T_STR && !out->optional) ||
             (out->kind == GEN_T_ENUM && !out->optional) ||
             /* A struct inside a struct: its typemap's tuple (not a dict's). */
             (use == GEN_USE_FIELD && out->kind == GEN_T_MAP && out->pass == GEN_PASS_OWNED &&
              !out->optional && gen_typemap_plain(out->map));
        break;
    }
    if (!ok) {
        if (out->kind == GEN_T_STRING && use == GEN_USE_PARAM)
            gen_diag_error(s->diag, t->loc,
                           "a parameter cannot be 'char *': write '&str' (or 'const char *') "
                           "for text, '&mut [u8]' for a buffer C fills");
        else if (out->kind == GEN_T_SLICE)
            gen_diag_error(s->diag, t->loc,
                           "a buffer '%s' can only be a parameter; return 'Vec<T>' instead",
                           out->spelling);
        else
            gen_diag_error(s->diag, t->loc, "%s cannot have type '%s'", where[use], out->spelling);
        return -1;
    }
    return 0;
}

char gen_overload_kind(const gen_type *t)
{
    char k;
    switch (t->kind) {
    case GEN_T_PRIM:
        k = t->prim->kind == GEN_PRIM_BOOL ? 'b' : t->prim->kind == GEN_PRIM_FLOAT ? 'f' : 'i';
        break;
    case GEN_T_STR:
    case GEN_T_STRING:
        k = 's';
        break;
    case GEN_T_CLASS:
        k = 'o';
        break;
    case GEN_T_ENUM:
        k = 'i';
        break;
    case GEN_T_SLICE:
    case GEN_T_MAPS:
    case GEN_T_OBJS:
        k = 'q';
        break;
    case GEN_T_CALLBACK:
        k = t->callback->iface ? 'a' : 'c';
        break;
    default:
        k = 'a';
        break;
    }
    return t->optional ? (char)(k - 'a' + 'A') : k;
}

int gen_overload_takes(const gen_type *earlier, const gen_type *later)
{
    char e = gen_overload_kind(earlier), l = gen_overload_kind(later);
    int e_none = e >= 'A' && e <= 'Z', l_none = l >= 'A' && l <= 'Z';
    e = (char)(e | 0x20);
    l = (char)(l | 0x20);
    if (l_none && !e_none)
        return 0;
    /* bool is an int, and an int is a number: the tests nest as the values do. */
    return e == 'a' || (e == l && (e != 'o' || earlier->cls == later->cls)) ||
           (e == 'f' && (l == 'i' || l == 'b')) || (e == 'i' && l == 'b');
}
