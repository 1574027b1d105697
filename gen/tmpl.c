/* tmpl.c: the template engine of tmpl.h. Rendering walks the template text directly: a
 * section is rendered by recursing over its body once per value, found by scanning to the
 * matching close tag. Templates are small and few, so no separate compile step is needed. */
#include "tmpl.h"

#include <string.h>

enum { MAX_DEPTH = 32 };

typedef struct render {
    gen_tv *stack[MAX_DEPTH];
    int depth;
    gen_strbuf *out;
    gen_strbuf *err;
    int partials;
    const char *base;  /* start of the template being rendered, for line starts */
} render;

gen_tv *gen_tv_str(gen_arena *a, const char *s)
{
    gen_tv *v = gen_arena_alloc(a, sizeof *v);
    v->kind = GEN_TV_STR;
    v->str = s;
    return v;
}

gen_tv *gen_tv_list(gen_arena *a)
{
    gen_tv *v = gen_arena_alloc(a, sizeof *v);
    v->kind = GEN_TV_LIST;
    return v;
}

gen_tv *gen_tv_map(gen_arena *a)
{
    gen_tv *v = gen_arena_alloc(a, sizeof *v);
    v->kind = GEN_TV_MAP;
    return v;
}

static void grow(gen_arena *a, gen_tv *v)
{
    if (v->n < v->cap)
        return;
    size_t cap = v->cap ? v->cap * 2 : 8;
    gen_tv **items = gen_arena_alloc(a, cap * sizeof *items);
    const char **keys = gen_arena_alloc(a, cap * sizeof *keys);
    if (v->n) {
        memcpy(items, v->items, v->n * sizeof *items);
        if (v->keys)
            memcpy(keys, v->keys, v->n * sizeof *keys);
    }
    v->items = items;
    v->keys = keys;
    v->cap = cap;
}

void gen_tv_push(gen_arena *a, gen_tv *list, gen_tv *item)
{
    grow(a, list);
    list->items[list->n++] = item;
}

void gen_tv_set(gen_arena *a, gen_tv *map, const char *key, gen_tv *value)
{
    for (size_t i = 0; i < map->n; i++) {
        if (strcmp(map->keys[i], key) == 0) {
            map->items[i] = value;
            return;
        }
    }
    grow(a, map);
    map->keys[map->n] = key;
    map->items[map->n++] = value;
}

void gen_tv_set_str(gen_arena *a, gen_tv *map, const char *key, const char *s)
{
    gen_tv_set(a, map, key, gen_tv_str(a, s));
}

const char *gen_tv_lookup_str(const gen_tv *map, const char *key)
{
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->keys[i], key) == 0 && map->items[i]->kind == GEN_TV_STR)
            return map->items[i]->str;
    return NULL;
}

void gen_tv_set_flag(gen_arena *a, gen_tv *map, const char *key, int on)
{
    if (on)
        gen_tv_set_str(a, map, key, "1");
}

static gen_tv *lookup(render *r, const char *key, size_t klen)
{
    for (int d = r->depth - 1; d >= 0; d--) {
        gen_tv *m = r->stack[d];
        if (m->kind != GEN_TV_MAP)
            continue;
        for (size_t i = 0; i < m->n; i++)
            if (strncmp(m->keys[i], key, klen) == 0 && m->keys[i][klen] == '\0')
                return m->items[i];
    }
    return NULL;
}

typedef struct tag {
    char sigil;               /* 0 for a variable, else one of # ^ / > ! */
    const char *name;
    size_t nlen;
    const char *start, *end;  /* the whole tag, or the whole line when standalone */
} tag;

/* Finds the next tag at or after p; returns 0 when there is none. */
static int next_tag(const char *p, const char *end, const char *base, tag *t)
{
    const char *open = NULL;
    for (const char *q = p; q + 1 < end; q++) {
        q = memchr(q, '{', (size_t)(end - q - 1));
        if (!q)
            break;
        if (q[1] == '{') {
            open = q;
            break;
        }
    }
    if (!open)
        return 0;
    const char *close = NULL;
    for (const char *q = open + 2; q + 1 < end; q++) {
        if (q[0] == '}' && q[1] == '}') {
            close = q;
            break;
        }
    }
    if (!close)
        return -1;
    const char *n = open + 2;
    t->sigil = strchr("#^/>!", *n) && *n ? *n : 0;
    if (t->sigil)
        n++;
    while (n < close && *n == ' ')
        n++;
    const char *ne = close;
    while (ne > n && ne[-1] == ' ')
        ne--;
    t->name = n;
    t->nlen = (size_t)(ne - n);
    t->start = open;
    t->end = close + 2;
    if (!t->sigil)
        return 1;
    /* Standalone: only blanks between the line's start and the tag, and after it. */
    const char *ls = open;
    while (ls > base && (ls[-1] == ' ' || ls[-1] == '\t'))
        ls--;
    if (ls != base && ls[-1] != '\n')
        return 1;
    const char *le = t->end;
    while (le < end && (*le == ' ' || *le == '\t'))
        le++;
    if (le < end && *le != '\n')
        return 1;
    t->start = ls;
    t->end = le < end ? le + 1 : le;
    return 1;
}

static int fail(render *r, const char *msg, const char *name, size_t nlen)
{
    gen_strbuf_printf(r->err, "template error: %s '%.*s'", msg, (int)nlen, name);
    return -1;
}

static int render_text(render *r, const char *p, const char *end);

/* Finds the close tag matching a section opened just before p; *body_end and *after are
 * set to the end of the body and the text following the close tag. */
static int find_close(const char *p, const char *end, const char *base, const tag *open,
                      const char **body_end, const char **after)
{
    int depth = 1;
    tag t;
    while (next_tag(p, end, base, &t) == 1) {
        if ((t.sigil == '#' || t.sigil == '^') && t.nlen == open->nlen &&
            memcmp(t.name, open->name, t.nlen) == 0)
            depth++;
        if (t.sigil == '/' && t.nlen == open->nlen && memcmp(t.name, open->name, t.nlen) == 0 &&
            --depth == 0) {
            *body_end = t.start;
            *after = t.end;
            return 0;
        }
        p = t.end;
    }
    return -1;
}

static int render_section(render *r, const tag *t, gen_tv *v, const char *body,
                          const char *body_end)
{
    int empty = !v || (v->kind == GEN_TV_STR && !*v->str) || (v->kind == GEN_TV_LIST && !v->n);
    if (t->sigil == '^')
        return empty ? render_text(r, body, body_end) : 0;
    if (empty)
        return 0;
    if (v->kind == GEN_TV_STR)
        return render_text(r, body, body_end);
    size_t n = v->kind == GEN_TV_LIST ? v->n : 1;
    for (size_t i = 0; i < n; i++) {
        if (r->depth == MAX_DEPTH)
            return fail(r, "sections nested too deeply at", t->name, t->nlen);
        r->stack[r->depth++] = v->kind == GEN_TV_LIST ? v->items[i] : v;
        int rc = render_text(r, body, body_end);
        r->depth--;
        if (rc < 0)
            return rc;
    }
    return 0;
}

static const gen_template *find_template(const char *name, size_t nlen)
{
    for (const gen_template *t = gen_templates; t->name; t++)
        if (strlen(t->name) == nlen && memcmp(t->name, name, nlen) == 0)
            return t;
    return NULL;
}

static int render_text(render *r, const char *p, const char *end)
{
    const char *base = r->base;
    tag t;
    int found;
    while ((found = next_tag(p, end, base, &t)) == 1) {
        gen_strbuf_add(r->out, p, (size_t)(t.start - p));
        p = t.end;
        switch (t.sigil) {
        case 0: {
            gen_tv *v = lookup(r, t.name, t.nlen);
            if (!v || v->kind != GEN_TV_STR)
                return fail(r, "no string value for", t.name, t.nlen);
            gen_strbuf_puts(r->out, v->str);
            break;
        }
        case '#':
        case '^': {
            const char *body_end, *after;
            if (find_close(p, end, base, &t, &body_end, &after) < 0)
                return fail(r, "unclosed section", t.name, t.nlen);
            if (render_section(r, &t, lookup(r, t.name, t.nlen), p, body_end) < 0)
                return -1;
            p = after;
            break;
        }
        case '>': {
            const gen_template *pt = find_template(t.name, t.nlen);
            if (!pt)
                return fail(r, "no template named", t.name, t.nlen);
            if (++r->partials > 64)
                return fail(r, "partials nested too deeply at", t.name, t.nlen);
            r->base = pt->text;
            int rc = render_text(r, pt->text, pt->text + pt->len);
            r->base = base;
            r->partials--;
            if (rc < 0)
                return rc;
            break;
        }
        case '/':
            return fail(r, "unopened section close", t.name, t.nlen);
        default: /* comment */
            break;
        }
    }
    if (found < 0) {
        gen_strbuf_puts(r->err, "template error: '{{' without '}}'");
        return -1;
    }
    gen_strbuf_add(r->out, p, (size_t)(end - p));
    return 0;
}

int gen_tmpl_render_text(const char *text, size_t len, gen_tv *ctx, gen_strbuf *out,
                         gen_strbuf *err)
{
    render r = {{ctx}, 1, out, err, 0, text};
    return render_text(&r, text, text + len);
}

int gen_tmpl_render(const char *name, gen_tv *ctx, gen_strbuf *out, gen_strbuf *err)
{
    const gen_template *t = find_template(name, strlen(name));
    if (!t) {
        gen_strbuf_printf(err, "template error: no template named '%s'", name);
        return -1;
    }
    return gen_tmpl_render_text(t->text, t->len, ctx, out, err);
}
