/*
 * parse_rust.c: the one foreign_typemap! written in Rust that has a C meaning: flapigen's
 * `define_c_type!` of a plain `#[repr(C)]` struct, whose other rules only name it
 * (`(r_type) Vec2; (f_type) "Vec2";`). Such a typemap declares a C struct passed by
 * value, which is a namedtuple typemap here. The parser hands over the Rust text whole
 * (lexer.l's RUST state), and this reads just that form: anything else (conversion code,
 * generic rules, functions) is refused by returning NULL, and the parser reports the
 * typemap once as Rust.
 */
#include <ctype.h>
#include <string.h>

#include "parse.h"

typedef struct cursor {
    const char *p;
} cursor;

static void skip_space(cursor *c)
{
    for (;;) {
        while (isspace((unsigned char)*c->p))
            c->p++;
        if (c->p[0] == '/' && c->p[1] == '/') {
            c->p += strcspn(c->p, "\n");
            continue;
        }
        /* An attribute (`#[repr(C)]`) changes nothing for C. */
        if (c->p[0] == '#' && c->p[1] == '[') {
            const char *end = strchr(c->p, ']');
            if (!end)
                return;
            c->p = end + 1;
            continue;
        }
        return;
    }
}

/* The word at the cursor, if it is one, else NULL. */
static const char *word(gen_arena *a, cursor *c)
{
    skip_space(c);
    size_t n = 0;
    while (isalnum((unsigned char)c->p[n]) || c->p[n] == '_')
        n++;
    if (n == 0 || isdigit((unsigned char)c->p[0]))
        return NULL;
    const char *w = gen_arena_strndup(a, c->p, n);
    c->p += n;
    return w;
}

static int expect(cursor *c, const char *text)
{
    skip_space(c);
    size_t n = strlen(text);
    if (strncmp(c->p, text, n) != 0)
        return 0;
    c->p += n;
    return 1;
}

/* `"text"`, without escapes. */
static const char *string(gen_arena *a, cursor *c)
{
    skip_space(c);
    if (*c->p != '"')
        return NULL;
    const char *end = strchr(c->p + 1, '"');
    if (!end)
        return NULL;
    const char *s = gen_arena_strndup(a, c->p + 1, (size_t)(end - c->p - 1));
    c->p = end + 1;
    return s;
}

/* FIELD: TYPE, ... } with one-word types (f32, i32, u8, ...): the typemap's fields. */
static ast_param *fields(gen_arena *a, cursor *c, gen_loc loc)
{
    ast_param *head = NULL, **tail = &head;
    while (!expect(c, "}")) {
        const char *name = word(a, c);
        if (name && strcmp(name, "pub") == 0)
            name = word(a, c);
        const char *type = name && expect(c, ":") ? word(a, c) : NULL;
        if (!type)
            return NULL;
        ast_param *p = gen_arena_alloc(a, sizeof *p);
        p->kind = AST_PARAM_NAMED;
        p->name = name;
        p->loc = loc;
        p->type = gen_arena_alloc(a, sizeof *p->type);
        p->type->kind = AST_TYPE_NAME;
        p->type->name = type;
        p->type->loc = loc;
        *tail = p;
        tail = &p->next;
        if (!expect(c, ","))
            return expect(c, "}") ? head : NULL;
    }
    return head;
}

ast_typemap *gen_parse_define_c_type(gen_arena *a, const char *macro, const char *text,
                                     gen_loc loc)
{
    cursor c = {text};
    if (strcmp(macro, "define_c_type") != 0 || !expect(&c, "!") || !expect(&c, "("))
        return NULL;
    const char *key = word(a, &c);
    if (!key || strcmp(key, "module") != 0 || !expect(&c, "=") || !string(a, &c) ||
        !expect(&c, ";"))
        return NULL;
    const char *kw = word(a, &c);
    if (kw && strcmp(kw, "pub") == 0)
        kw = word(a, &c);
    const char *name = kw && strcmp(kw, "struct") == 0 ? word(a, &c) : NULL;
    if (!name || !expect(&c, "{"))
        return NULL;
    ast_typemap *t = gen_arena_alloc(a, sizeof *t);
    t->kind = "namedtuple";
    t->kind_loc = t->c_type_loc = t->loc = loc;
    t->name = name;
    t->c_type = gen_arena_printf(a, "struct %s", name);
    if (!(t->fields = fields(a, &c, loc)) || !expect(&c, ")") || !expect(&c, ";"))
        return NULL;
    /* Only rules that name the type may follow: `(r_type) NAME;`, `(f_type) "C_NAME";`. */
    while (!expect(&c, ")")) {
        const char *rule = expect(&c, "(") ? word(a, &c) : NULL;
        if (!rule || !expect(&c, ")"))
            return NULL;
        if (strcmp(rule, "r_type") == 0) {
            const char *r = word(a, &c);
            if (!r || strcmp(r, name) != 0)
                return NULL;
        } else if (strcmp(rule, "f_type") == 0) {
            const char *f = string(a, &c);
            if (!f)
                return NULL;
            t->c_type = f;
        } else {
            return NULL;
        }
        if (!expect(&c, ";"))
            return NULL;
    }
    skip_space(&c);
    return *c.p == '\0' ? t : NULL;
}

/* The identifier at p (up to a generic's '<'), or NULL. */
static const char *word_at(gen_arena *a, const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_')
        n++;
    return n && !isdigit((unsigned char)p[0]) ? gen_arena_strndup(a, p, n) : NULL;
}

ast_item *gen_parse_rust_types(gen_arena *a, const char *text, gen_loc loc, ast_item *next)
{
    static const char *const marks[] = {"r_type)", "struct "};
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
        for (const char *p = strstr(text, marks[m]); p; p = strstr(p + 1, marks[m])) {
            const char *q = p + strlen(marks[m]);
            while (isspace((unsigned char)*q))
                q++;
            const char *name = word_at(a, q);
            if (!name)
                continue;
            ast_item *it = gen_arena_alloc(a, sizeof *it);
            it->kind = AST_ITEM_RUST_TYPE;
            it->include = name;
            it->loc = loc;
            it->next = next;
            next = it;
        }
    }
    return next;
}
