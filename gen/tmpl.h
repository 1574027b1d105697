/* tmpl.h: a logic-less template engine, mustache-like, for everything the generator emits.
 * Templates are the files of templates/, embedded into the binary at build time
 * (gen_templates[]); values are a small tree of strings, lists and maps built by gen/lower.
 *
 * Template syntax:
 *   {{name}}        the string `name`, looked up from the innermost section outwards
 *   {{#name}}..{{/name}}  a list: once per item, the item's map innermost; a map: once,
 *                   with it innermost; a string: once if it is non-empty; missing: never
 *   {{^name}}..{{/name}}  once when `name` is missing, empty, or an empty list
 *   {{>name}}       the embedded template `name`, rendered in the current context
 *   {{! text}}      a comment
 * A line holding only a section, partial or comment tag (and blanks) vanishes whole, so
 * templates can be laid out readably without leaving blank lines in the output.
 *
 * Invariants:
 * - Rendering is deterministic: the same values and templates give the same bytes.
 * - A reference to a missing variable or template, or an unbalanced section, is a bug in
 *   the generator, not in the user's input: gen_tmpl_render returns -1 and says why in err.
 */
#ifndef CBPY_GEN_TMPL_H
#define CBPY_GEN_TMPL_H

#include <stddef.h>

#include "arena.h"
#include "strbuf.h"

typedef struct gen_template {
    const char *name;
    const char *text;
    size_t len;
} gen_template;

/* Defined by the file cmake/embed_templates.cmake writes; ends with a {0} entry. */
extern const gen_template gen_templates[];

typedef enum gen_tv_kind { GEN_TV_STR, GEN_TV_LIST, GEN_TV_MAP } gen_tv_kind;

typedef struct gen_tv gen_tv;
struct gen_tv {
    gen_tv_kind kind;
    const char *str;     /* STR */
    gen_tv **items;      /* LIST items, MAP values */
    const char **keys;   /* MAP keys */
    size_t n, cap;
};

gen_tv *gen_tv_str(gen_arena *a, const char *s);
gen_tv *gen_tv_list(gen_arena *a);
gen_tv *gen_tv_map(gen_arena *a);
void gen_tv_push(gen_arena *a, gen_tv *list, gen_tv *item);
void gen_tv_set(gen_arena *a, gen_tv *map, const char *key, gen_tv *value);
void gen_tv_set_str(gen_arena *a, gen_tv *map, const char *key, const char *s);
/* The string stored under key in map, or NULL. */
const char *gen_tv_lookup_str(const gen_tv *map, const char *key);
/* A flag for {{#key}}: set to "1" when on, left missing when off. */
void gen_tv_set_flag(gen_arena *a, gen_tv *map, const char *key, int on);

/* Renders template `name` with `ctx` as the outermost map, appending to out.
 * Returns 0, or -1 with a message in err. */
int gen_tmpl_render(const char *name, gen_tv *ctx, gen_strbuf *out, gen_strbuf *err);
/* Renders template text that is not embedded (for tests). */
int gen_tmpl_render_text(const char *text, size_t len, gen_tv *ctx, gen_strbuf *out,
                         gen_strbuf *err);

#endif
