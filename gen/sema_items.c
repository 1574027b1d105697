/* sema_items.c: checks the module-level items of a glue file: foreign_enum!,
 * foreign_error! (with its convention), foreign_typemap! and const, each claiming its
 * Python name in the module namespace. The pass order is sema.c's. */
#include <string.h>

#include "sema_int.h"
#include "sema_plan.h"

gen_enum *gen_sema_declare_enum(gen_sema_ctx *s, const ast_enum *ae)
{
    gen_enum *e = gen_arena_alloc(s->arena, sizeof *e);
    e->name = ae->name;
    e->c_type = ae->c_type ? ae->c_type : ae->name;
    e->doc = ae->doc;
    e->loc = ae->loc;
    e->is_flags = strcmp(ae->kind, "flags") == 0;
    if (!e->is_flags && strcmp(ae->kind, "enum") != 0)
        gen_diag_error(s->diag, ae->kind_loc,
                       "expected 'enum' or 'flags' after 'foreign_enum!(', not '%s'", ae->kind);
    gen_sema_claim(s, ae->name, ae->loc, "an enum");
    size_t n = 0;
    for (const ast_enum_item *it = ae->items; it; it = it->next)
        n++;
    if (n == 0)
        gen_diag_error(s->diag, ae->loc, "enum '%s' has no members", ae->name);
    e->items = gen_sema_alloc(s, n, sizeof *e->items);
    const ast_enum_item **seen = gen_sema_alloc(s, n, sizeof *seen);
    for (const ast_enum_item *it = ae->items; it; it = it->next) {
        gen_sema_check_name(s, it->name, it->loc, "an enum member");
        int dup = 0;
        for (size_t i = 0; i < e->nitems && !dup; i++) {
            if (strcmp(e->items[i].name, it->name) == 0) {
                gen_diag_error(s->diag, it->loc, "enum '%s' already has a member '%s'", ae->name,
                               it->name);
                gen_diag_note(s->diag, seen[i]->loc, "previous definition is here");
                dup = 1;
            }
        }
        if (it->value.text[0] == '"' || strchr(it->value.text, '.') || it->value.is_cexpr ||
            it->value.call) {
            gen_diag_error(s->diag, it->value.loc,
                           "an enum member's value must be an integer or a C enumerator");
            dup = 1;
        }
        if (dup)
            continue;
        /* flapigen's `A = TestEnum::A` names the C enumerator TestEnum_A, as `Type::fn`
         * names the C function Type_fn. */
        const char *sep = strstr(it->value.text, "::");
        seen[e->nitems] = it;
        e->items[e->nitems].name = it->name;
        e->items[e->nitems].doc = it->doc;
        e->items[e->nitems++].value =
            sep ? gen_arena_printf(s->arena, "%.*s_%s", (int)(sep - it->value.text),
                                   it->value.text, sep + 2)
                : it->value.text;
    }
    return e;
}

/* The built-in exceptions `raise STATUS NAME;` may name. */
static int is_builtin_exception(const char *name)
{
    static const char *const known[] = {
        "MemoryError", "ValueError", "TypeError", "OverflowError", "OSError",
        "RuntimeError", "KeyError", "IndexError", "EOFError", "NotImplementedError",
        "PermissionError", "FileNotFoundError", "FileExistsError", "TimeoutError",
        "InterruptedError", "BlockingIOError", "ConnectionError", "BufferError",
        "ZeroDivisionError", "UnicodeError", "LookupError", "ArithmeticError",
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i]) == 0)
            return 1;
    return 0;
}

/* `message STATUS "text";`, `message "fallback %d";`, `message FN(self);`, `raise STATUS
 * Builtin;`, `class STATUS Subclass;`: what one status (or every other) raises. */
static void error_case(gen_sema_ctx *s, gen_error *e, const ast_setting *st, gen_err_case *c)
{
    const ast_value *v = st->values, *w = v ? v->next : NULL;
    int is_message = strcmp(st->key, "message") == 0;
    memset(c, 0, sizeof *c);
    c->loc = st->key_loc;
    if (is_message && v && !w && ((v->call && strcmp(v->text, "self") == 0) || v->is_cexpr)) {
        e->message_of = v->is_cexpr ? v->text : gen_arena_printf(s->arena, "%s(self)", v->call);
        return;
    }
    /* `message CLASS `EXPR`;`: where the methods of one class read the message. */
    if (is_message && v && w && !w->next && !v->call && !v->is_cexpr &&
        ((w->call && strcmp(w->text, "self") == 0) || w->is_cexpr)) {
        e->class_message[e->nclass_messages] = v->text;
        e->class_message_of[e->nclass_messages++] =
            w->is_cexpr ? w->text : gen_arena_printf(s->arena, "%s(self)", w->call);
        return;
    }
    if (is_message && v && !w && v->text[0] == '"') {
        e->default_message = v->text;
        return;
    }
    /* raise and class may give their text third: `raise S EOFError "text";` */
    const ast_value *text = !is_message && w && w->next && w->next->text[0] == '"' &&
                                    !w->next->next
                                ? w->next
                                : NULL;
    if (!v || !w || (w->next && !text) || (is_message && w->text[0] != '"') ||
        (!is_message && (w->call || w->is_cexpr || w->text[0] == '"' || strstr(w->text, "::")))) {
        if (is_message)
            gen_diag_error(s->diag, st->key_loc,
                           "expected 'message STATUS \"text\";', 'message \"text %%d\";', "
                           "'message FUNCTION(self);', 'message `EXPR`;' or 'message CLASS "
                           "`EXPR`;'");
        else
            gen_diag_error(s->diag, st->key_loc, "expected '%s STATUS NAME [\"text\"];'",
                           st->key);
        return;
    }
    c->status = gen_sema_c_expr(s, v, "a status");
    for (size_t i = 0; c->status && i < e->ncases; i++) {
        if (strcmp(e->cases[i].status, c->status) == 0) {
            gen_diag_error(s->diag, v->loc,
                           "status %s already has its exception or message; write both on one "
                           "line, as in 'raise %s MemoryError \"text\";'",
                           c->status, c->status);
            gen_diag_note(s->diag, e->cases[i].loc, "previous line for %s is here", c->status);
            c->status = NULL;
            return;
        }
    }
    c->message = text ? text->text : NULL;
    if (is_message) {
        c->message = w->text;
    } else if (strcmp(st->key, "raise") == 0) {
        if (!is_builtin_exception(w->text))
            gen_diag_error(s->diag, w->loc,
                           "'%s' is not a built-in exception 'raise' can name; use 'class "
                           "STATUS NAME;' for an exception of the module",
                           w->text);
        c->py_exc = w->text;
    } else if (gen_sema_claim(s, w->text, w->loc, "an exception") == 0) {
        c->subclass = w->text;
    }
    e->ncases += c->status != NULL;
}

/* The built-in warning categories `warn STATUS NAME;` may name. */
static int is_builtin_warning(const char *name)
{
    static const char *const known[] = {
        "Warning", "UserWarning", "RuntimeWarning", "DeprecationWarning",
        "PendingDeprecationWarning", "SyntaxWarning", "FutureWarning", "ImportWarning",
        "UnicodeWarning", "BytesWarning", "ResourceWarning",
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i]) == 0)
            return 1;
    return 0;
}

/* `warn STATUS Category;`: the status succeeds, with a warning of a built-in category or
 * of a Warning subclass the module adds. */
static void error_warn(gen_sema_ctx *s, gen_error *e, const ast_setting *st)
{
    const ast_value *v = st->values, *w = v ? v->next : NULL;
    if (!v || !w || w->next || w->call || w->is_cexpr || w->text[0] == '"' ||
        strstr(w->text, "::")) {
        gen_diag_error(s->diag, st->key_loc,
                       "expected 'warn STATUS CATEGORY;', as in 'warn ARCHIVE_WARN "
                       "ArchiveWarning;'");
        return;
    }
    gen_err_warn *x = &e->warns[e->nwarns];
    x->loc = st->key_loc;
    if (!(x->status = gen_sema_c_expr(s, v, "a status")))
        return;
    if (is_builtin_warning(w->text))
        x->builtin = w->text;
    else if (gen_sema_claim(s, w->text, w->loc, "a warning category") == 0)
        x->subclass = w->text;
    else
        return;
    e->nwarns++;
}

/* `errno CODE Name;`: the class raised for one errno value; or `errno CLASS FN(self);`,
 * `errno CLASS `EXPR`;`: where the methods of one class read the errno. */
static void errno_case(gen_sema_ctx *s, gen_error *e, const ast_setting *st)
{
    const ast_value *v = st->values, *w = v->next;
    if (!w->next && !v->call && !v->is_cexpr &&
        ((w->call && strcmp(w->text, "self") == 0) || w->is_cexpr)) {
        e->class_errno[e->nclass_errnos] = v->text;
        e->class_errno_of[e->nclass_errnos++] =
            w->is_cexpr ? w->text : gen_arena_printf(s->arena, "%s(self)", w->call);
        return;
    }
    if (w->next || w->call || w->is_cexpr || w->text[0] == '"' || strstr(w->text, "::")) {
        gen_diag_error(s->diag, st->key_loc,
                       "expected 'errno FUNCTION(self);', 'errno `EXPR`;', 'errno CLASS "
                       "FUNCTION(self);' or 'errno CODE NAME;', as in 'errno ENOENT "
                       "NotFoundError;'");
        return;
    }
    gen_err_case *c = &e->errno_cases[e->nerrno_cases];
    c->loc = st->key_loc;
    if ((c->status = gen_sema_c_expr(s, v, "an errno value")) != NULL &&
        gen_sema_claim(s, w->text, w->loc, "an exception") == 0) {
        c->subclass = w->text;
        e->nerrno_cases++;
    }
}

/* `errno FN(self);` or `errno `EXPR`;` in a status domain: where the errno is read. */
static int errno_reading(const ast_setting *st)
{
    const ast_value *v = st->values;
    return v && !v->next && ((v->call && strcmp(v->text, "self") == 0) || v->is_cexpr);
}

gen_error *gen_sema_declare_error(gen_sema_ctx *s, const ast_error *ae)
{
    static const char *const conventions[] = {"status", "null", "errno", "predicate"};
    gen_error *e = gen_arena_alloc(s->arena, sizeof *e);
    e->name = ae->name;
    e->doc = ae->doc;
    e->loc = ae->loc;
    if (strcmp(ae->kind, "error") != 0)
        gen_diag_error(s->diag, ae->kind_loc,
                       "expected 'error' after 'foreign_error!(', not '%s'", ae->kind);
    gen_sema_claim(s, ae->name, ae->loc, "an exception");
    const ast_setting *conv = NULL, *success = NULL;
    size_t n = 0;
    int unknown = 0;
    for (const ast_setting *st = ae->settings; st; st = st->next)
        n++;
    e->cases = gen_sema_alloc(s, n, sizeof *e->cases);
    e->class_message = gen_sema_alloc(s, n, sizeof *e->class_message);
    e->class_message_of = gen_sema_alloc(s, n, sizeof *e->class_message_of);
    e->warns = gen_sema_alloc(s, n, sizeof *e->warns);
    e->errno_cases = gen_sema_alloc(s, n, sizeof *e->errno_cases);
    e->class_errno = gen_sema_alloc(s, n, sizeof *e->class_errno);
    e->class_errno_of = gen_sema_alloc(s, n, sizeof *e->class_errno_of);
    const ast_setting *state = NULL; /* the first of warn, fatal and errno readings */
    for (const ast_setting *st = ae->settings; st; st = st->next) {
        if (strcmp(st->key, "errno") == 0 && st->values && st->values->next) {
            state = state ? state : st;
            errno_case(s, e, st);
            continue;
        }
        if (strcmp(st->key, "warn") == 0 || strcmp(st->key, "fatal") == 0 ||
            (strcmp(st->key, "errno") == 0 && errno_reading(st))) {
            state = state ? state : st;
            if (st->key[0] == 'w') {
                error_warn(s, e, st);
            } else if (st->key[0] == 'e') {
                e->errno_of = st->values->is_cexpr
                                  ? st->values->text
                                  : gen_arena_printf(s->arena, "%s(self)", st->values->call);
            } else if (!st->values) {
                gen_diag_error(s->diag, st->key_loc, "expected 'fatal STATUS, ...;'");
            } else {
                e->nfatal = gen_sema_c_exprs(s, st->values, "a status", &e->fatal);
                if (e->nfatal == (size_t)-1)
                    e->nfatal = 0;
            }
            continue;
        }
        if (strcmp(st->key, "success") == 0) {
            e->nsuccess = gen_sema_c_exprs(s, st->values, "a status", &e->success);
            if (e->nsuccess == (size_t)-1)
                e->nsuccess = 0;
            if (!st->values)
                gen_diag_error(s->diag, st->key_loc, "expected 'success STATUS, ...;'");
            success = st;
            continue;
        }
        if (strcmp(st->key, "message") == 0 || strcmp(st->key, "raise") == 0 ||
            strcmp(st->key, "class") == 0) {
            if (st->values && st->values->next && e->ncases < n)
                error_case(s, e, st, &e->cases[e->ncases]);
            else
                error_case(s, e, st, &(gen_err_case){0});
            continue;
        }
        size_t k = 0;
        while (k < 4 && strcmp(st->key, conventions[k]) != 0)
            k++;
        if (k == 4) {
            gen_diag_error(s->diag, st->key_loc,
                           "unknown setting '%s'; expected 'status', 'null', 'errno' or "
                           "'predicate', or 'success', 'message', 'raise', 'class', 'warn', "
                           "'fatal' or 'errno FUNCTION(self)'",
                           st->key);
            unknown = 1;
            continue;
        }
        if (conv) {
            gen_diag_error(s->diag, st->key_loc, "error '%s' already has a convention",
                           ae->name);
            gen_diag_note(s->diag, conv->key_loc, "previous convention is here");
            continue;
        }
        conv = st;
        e->conv = (gen_err_conv)k;
        e->message_fn = st->value;
        if (st->values && st->values->next)
            gen_diag_error(s->diag, st->values->next->loc,
                           "'%s' takes at most one message function", st->key);
        if (k == GEN_ERR_ERRNO && st->value)
            gen_diag_error(s->diag, st->value_loc,
                           "'errno' takes no message function: the message is strerror(errno)");
        if (k == GEN_ERR_PREDICATE) {
            /* `predicate `EXPR`;`: an expression of the call's `result`. */
            e->message_fn = NULL;
            if (!st->values || st->values->next || !st->values->is_cexpr)
                gen_diag_error(s->diag, st->key_loc,
                               "expected 'predicate `EXPR`;', a C expression of 'result' that "
                               "is true on failure, as in 'predicate `ZSTD_isError(result)`;'");
            else
                e->predicate = st->values->text;
        }
    }
    if (!conv && !unknown)
        gen_diag_error(s->diag, ae->loc,
                       "error '%s' needs a convention: 'status MESSAGE_FN;', 'null "
                       "LAST_ERROR_FN;', 'errno;' or 'predicate `EXPR`;'",
                       ae->name);
    else if (success && e->conv != GEN_ERR_STATUS)
        gen_diag_error(s->diag, success->key_loc,
                       "a success set belongs to a 'status' domain");
    else if (e->ncases && e->conv != GEN_ERR_STATUS && e->conv != GEN_ERR_PREDICATE)
        gen_diag_error(s->diag, e->cases[0].loc,
                       "per-status messages belong to a 'status' or 'predicate' domain");
    else if (state && e->conv != GEN_ERR_STATUS)
        gen_diag_error(s->diag, state->key_loc,
                       "'%s' belongs to a 'status' domain, whose functions return statuses",
                       state->key);
    if ((e->nerrno_cases || e->nclass_errnos) && !e->errno_of)
        gen_diag_error(s->diag, state->key_loc,
                       "'errno CODE NAME;' and 'errno CLASS FUNCTION(self);' need the domain's "
                       "errno reading: add 'errno FUNCTION(self);' or 'errno `EXPR`;'");
    for (size_t i = 0; i < e->nwarns; i++)
        for (size_t j = 0; j < e->ncases; j++)
            if (strcmp(e->warns[i].status, e->cases[j].status) == 0) {
                gen_diag_error(s->diag, e->warns[i].loc,
                               "status %s is a warning, so it cannot also raise",
                               e->warns[i].status);
                gen_diag_note(s->diag, e->cases[j].loc, "its exception is given here");
            }
    return e;
}

/* A dict typemap's `name: union(DISC: A | B => Map, ...)`: a pointer to the struct the
 * discriminant field selects. The arms' typemaps are dicts declared before. */
static int union_field(gen_sema_ctx *s, gen_typemap *t, const ast_param *f, gen_typemap_field *tf)
{
    const ast_type *u = f->type;
    if (!t->is_dict || strcmp(u->name, "union") != 0) {
        if (t->is_dict)
            gen_diag_error(s->diag, u->loc, "expected 'union(FIELD: VALUE | ... => TYPEMAP, ...)'");
        else
            gen_diag_error(s->diag, u->loc, "a union field needs a 'dict' typemap");
        return -1;
    }
    tf->disc = -1;
    for (size_t i = 0; i < t->nfields; i++)
        if (!t->fields[i].arms && strcmp(t->fields[i].name, u->args->name) == 0)
            tf->disc = (int)i;
    if (tf->disc < 0) {
        gen_diag_error(s->diag, u->args->loc,
                       "'%s' is not a field declared before this union in typemap '%s'",
                       u->args->name, t->name);
        return -1;
    }
    size_t n = 0;
    for (const ast_union_arm *a = u->arms; a; a = a->next)
        n++;
    tf->arms = gen_sema_alloc(s, n, sizeof *tf->arms);
    int bad = 0;
    for (const ast_union_arm *a = u->arms; a; a = a->next) {
        gen_union_arm *arm = &tf->arms[tf->narms++];
        const ast_type *at = a->type;
        for (size_t i = 0; at->kind == AST_TYPE_NAME && !arm->map && i < s->mod->ntypemaps; i++)
            if (strcmp(s->mod->typemaps[i]->name, at->name) == 0 && s->mod->typemaps[i]->is_dict)
                arm->map = s->mod->typemaps[i];
        if (!arm->map) {
            gen_diag_error(s->diag, at->loc,
                           "'%s' is not a dict typemap declared before typemap '%s'",
                           gen_type_spelling(&s->scope, at), t->name);
            bad = 1;
        }
        arm->nvalues = gen_sema_c_exprs(s, a->values, "a union's discriminant value",
                                        &arm->values);
        if (arm->nvalues == (size_t)-1) {
            arm->nvalues = 0;
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

gen_typemap *gen_sema_declare_typemap(gen_sema_ctx *s, const ast_typemap *at)
{
    gen_typemap *t = gen_arena_alloc(s->arena, sizeof *t);
    t->name = at->name;
    t->doc = at->doc;
    t->c_type = at->c_type;
    t->loc = at->loc;
    t->named = strcmp(at->kind, "namedtuple") == 0;
    t->is_dict = strcmp(at->kind, "dict") == 0;
    if (!t->named && !t->is_dict && strcmp(at->kind, "tuple") != 0)
        gen_diag_error(s->diag, at->kind_loc,
                       "expected 'tuple', 'namedtuple' or 'dict' after 'foreign_typemap!(', not "
                       "'%s'",
                       at->kind);
    gen_sema_claim(s, at->name, at->loc, "a typemap");
    size_t n = 0;
    for (const ast_param *f = at->fields; f; f = f->next)
        n++;
    if (n == 0)
        gen_diag_error(s->diag, at->loc, "typemap '%s' has no fields", at->name);
    t->fields = gen_sema_alloc(s, n, sizeof *t->fields);
    int first_union = -1;
    for (const ast_param *f = at->fields; f; f = f->next) {
        if (t->is_dict && f->kind == AST_PARAM_FIXED && f->name &&
            strcmp(f->name, "terminator") == 0) {
            t->terminator = gen_sema_c_expr(s, &f->def, "a terminator");
            continue;
        }
        if (f->kind != AST_PARAM_NAMED || !f->name || (f->has_default && !t->is_dict)) {
            if (t->is_dict)
                gen_diag_error(s->diag, f->loc,
                               "a dict typemap field is written 'name: type', 'name: type = "
                               "DEFAULT' or 'terminator = VALUE'");
            else
                gen_diag_error(s->diag, f->loc, "a typemap field is written 'name: type'");
            continue;
        }
        gen_typemap_field *tf = &t->fields[t->nfields];
        memset(tf, 0, sizeof *tf);
        tf->name = f->name;
        gen_sema_check_name(s, f->name, f->loc, "a field");
        if (f->type->kind == AST_TYPE_FN && f->type->arms) {
            if (union_field(s, t, f, tf) < 0)
                continue;
            if (first_union < 0)
                first_union = (int)t->nfields;
        } else if (gen_resolve_type(&s->scope, f->type, NULL, GEN_USE_FIELD, &tf->type, NULL) < 0) {
            continue;
        } else if (t->is_dict && tf->type.kind == GEN_T_MAP) {
            gen_diag_error(s->diag, f->type->loc, "a dict typemap's field cannot be the struct "
                           "'%s': a dict holds numbers, bool and enums (and unions)",
                           tf->type.spelling);
            continue;
        }
        if (f->has_default && !(tf->def_c = gen_sema_c_expr(s, &f->def, "a field's default")))
            continue;
        for (size_t i = 0; i < t->nfields; i++)
            if (strcmp(t->fields[i].name, f->name) == 0)
                gen_diag_error(s->diag, f->loc, "typemap '%s' already has a field '%s'",
                               at->name, f->name);
        t->nfields++;
    }
    /* The terminator marks the discriminant of the first union, else the first field. */
    if (t->terminator)
        t->term_field = first_union >= 0 ? t->fields[first_union].disc : 0;
    return t;
}

int gen_sema_define_const(gen_sema_ctx *s, const ast_const *ac, gen_const *k, int in_module)
{
    k->name = ac->name;
    k->doc = ac->doc;
    k->value = ac->value.text;
    k->loc = ac->loc;
    if (in_module)
        gen_sema_claim(s, ac->name, ac->loc, "a constant");

    if (gen_resolve_type(&s->scope, ac->type, NULL, GEN_USE_CONST, &k->type, NULL) < 0)
        return -1;
    /* `Enum::MEMBER` names a member: the constant is its C value. */
    const char *sep = strstr(ac->value.text, "::");
    if (sep && k->type.kind == GEN_T_ENUM) {
        const gen_enum *e = k->type.enumeration;
        for (size_t i = 0; i < e->nitems; i++)
            if (strcmp(e->items[i].name, sep + 2) == 0 &&
                strncmp(ac->value.text, e->name, (size_t)(sep - ac->value.text)) == 0 &&
                strlen(e->name) == (size_t)(sep - ac->value.text))
                k->value = e->items[i].value;
    }
    if (sep && k->value == ac->value.text) {
        gen_diag_error(s->diag, ac->value.loc, "'%s' is not a member of the constant's type '%s'",
                       ac->value.text, k->type.spelling);
        return -1;
    }
    if (k->type.kind == GEN_T_PRIM && k->type.prim->kind == GEN_PRIM_INT &&
        (ac->value.text[0] == '-' || (ac->value.text[0] >= '0' && ac->value.text[0] <= '9')) &&
        !gen_prim_int_fits(k->type.prim, ac->value.text)) {
        gen_diag_error(s->diag, ac->value.loc, "%s is out of range for '%s'", ac->value.text,
                       k->type.spelling);
        return -1;
    }
    int is_string = ac->value.text[0] == '"';
    int is_number =
        ac->value.text[0] == '-' || (ac->value.text[0] >= '0' && ac->value.text[0] <= '9');
    if (is_string && k->type.kind != GEN_T_STR) {
        gen_diag_error(s->diag, ac->value.loc, "a string literal needs the type '&str'");
        return -1;
    }
    if (is_number && k->type.kind == GEN_T_STR) {
        gen_diag_error(s->diag, ac->value.loc,
                       "a '&str' constant needs a string literal or a C name");
        return -1;
    }
    return 0;
}

/* `type NAME = T;`: NAME may stand for primitive T from here on; the C compiler checks that
 * the library's NAME really is T's size and signedness. */
void gen_sema_declare_typedef(gen_sema_ctx *s, const ast_item *it)
{
    const ast_type *t = it->aliased;
    const gen_prim *p = t->kind == AST_TYPE_NAME && !t->is_const ? gen_prim_find(t->name) : NULL;
    if (!p || p->kind == GEN_PRIM_UNIT) {
        gen_diag_error(s->diag, t->loc,
                       "a library type is declared as a number or bool ('type %s = u32;'), not "
                       "'%s'",
                       it->alias, gen_type_spelling(&s->scope, t));
        return;
    }
    for (size_t i = 0; i < s->mod->ntypedefs; i++) {
        if (strcmp(s->mod->typedefs[i].name, it->alias) == 0) {
            gen_diag_error(s->diag, it->loc, "type '%s' is declared twice", it->alias);
            gen_diag_note(s->diag, s->mod->typedefs[i].loc, "previous declaration is here");
            return;
        }
    }
    if (gen_prim_find(it->alias)) {
        gen_diag_error(s->diag, it->loc, "'%s' is a built-in type already", it->alias);
        return;
    }
    gen_typedef *d = &s->mod->typedefs[s->mod->ntypedefs++];
    d->name = it->alias;
    d->prim = p;
    d->loc = it->loc;
}

const gen_prim *gen_sema_prim(gen_sema_ctx *s, const char *name)
{
    const gen_prim *p = gen_prim_find(name);
    for (size_t i = 0; !p && i < s->mod->ntypedefs; i++)
        if (strcmp(s->mod->typedefs[i].name, name) == 0)
            p = s->mod->typedefs[i].prim;
    return p;
}
