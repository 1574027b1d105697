/* diag.c: collects diagnostics, then prints them in file order with the offending line
 * quoted and a caret under the span (see diag.h for the format), counting errors so that
 * a run can report them all. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "strbuf.h"

/* One error with its notes, already formatted; loc orders it. */
struct gen_diag_entry {
    gen_loc loc;
    size_t seq;
    gen_strbuf text;
};

static const char *const warning_names[GEN_WARN_COUNT] = {
    [GEN_WARN_UNUSED_DOC] = "unused-doc",
    [GEN_WARN_UNREACHABLE] = "unreachable-class",
    [GEN_WARN_IGNORED_ATTRIBUTE] = "ignored-attribute",
};

const char *gen_warning_name(gen_warning w)
{
    return (unsigned)w < GEN_WARN_COUNT ? warning_names[w] : NULL;
}

int gen_warning_find(const char *name)
{
    for (int i = 0; i < GEN_WARN_COUNT; i++)
        if (strcmp(warning_names[i], name) == 0)
            return i;
    return -1;
}

void gen_diag_init(gen_diag *d, const char *file, const char *text, size_t len, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->file = file;
    d->text = text;
    d->len = len;
    d->out = out;
}

/* The start of 1-based line `line` in the source and its length without the newline. */
static const char *find_line(const gen_diag *d, int line, size_t *len)
{
    const char *p = d->text, *end = d->text + d->len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *len = (size_t)((nl ? nl : end) - p);
    if (*len && p[*len - 1] == '\r')
        (*len)--;
    return p;
}

static void quote(const gen_diag *d, gen_strbuf *sb, gen_loc loc)
{
    size_t len;
    const char *line = find_line(d, loc.first_line, &len);
    if (!line)
        return;
    gen_strbuf_printf(sb, "%5d | %.*s\n      | ", loc.first_line, (int)len, line);
    size_t col = loc.first_column > 0 ? (size_t)loc.first_column - 1 : 0;
    for (size_t i = 0; i < col; i++)
        gen_strbuf_putc(sb, i < len && line[i] == '\t' ? '\t' : ' ');
    gen_strbuf_putc(sb, '^');
    size_t stop = loc.last_line == loc.first_line && loc.last_column > loc.first_column
                      ? (size_t)loc.last_column - 1
                      : col + 1;
    if (stop > len)
        stop = len;
    for (size_t i = col + 1; i < stop; i++)
        gen_strbuf_putc(sb, '~');
    gen_strbuf_putc(sb, '\n');
}

static void format_text(const gen_diag *d, gen_strbuf *sb, gen_loc loc, const char *kind,
                        const char *msg)
{
    if (loc.first_line > 0)
        gen_strbuf_printf(sb, "%s:%d:%d: %s: %s\n", d->file, loc.first_line, loc.first_column,
                          kind, msg);
    else
        gen_strbuf_printf(sb, "%s: %s: %s\n", d->file, kind, msg);
    if (loc.first_line > 0)
        quote(d, sb, loc);
}

static void format(const gen_diag *d, gen_strbuf *sb, gen_loc loc, const char *kind,
                   const char *fmt, va_list ap)
{
    if (loc.first_line > 0)
        gen_strbuf_printf(sb, "%s:%d:%d: %s: ", d->file, loc.first_line, loc.first_column,
                          kind);
    else
        gen_strbuf_printf(sb, "%s: %s: ", d->file, kind);
    gen_strbuf_vprintf(sb, fmt, ap);
    gen_strbuf_putc(sb, '\n');
    if (loc.first_line > 0)
        quote(d, sb, loc);
}

/* A new entry for an error or warning at loc; notes that follow attach to it. */
static gen_diag_entry *new_entry(gen_diag *d, gen_loc loc)
{
    if (d->nentries == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        d->entries = gen_xrealloc(d->entries, cap * sizeof *d->entries);
        d->cap = cap;
    }
    gen_diag_entry *e = &d->entries[d->nentries];
    e->loc = loc;
    e->seq = d->nentries++;
    memset(&e->text, 0, sizeof e->text);
    return e;
}

void gen_diag_error(gen_diag *d, gen_loc loc, const char *fmt, ...)
{
    d->errors++;
    gen_diag_entry *e = new_entry(d, loc);
    va_list ap;
    va_start(ap, fmt);
    format(d, &e->text, loc, "error", fmt, ap);
    va_end(ap);
}

void gen_diag_warning(gen_diag *d, gen_loc loc, gen_warning w, const char *fmt, ...)
{
    if (d->disabled[w])
        return;
    gen_strbuf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    gen_strbuf_vprintf(&msg, fmt, ap);
    va_end(ap);
    gen_strbuf_printf(&msg, " [-W%s%s]", d->werror ? "error=" : "", warning_names[w]);
    if (d->werror) {
        d->errors++;
        d->promoted++;
    } else
        d->warnings++;
    gen_diag_entry *e = new_entry(d, loc);
    format_text(d, &e->text, loc, d->werror ? "error" : "warning", gen_strbuf_str(&msg));
    gen_strbuf_release(&msg);
}

void gen_diag_note(gen_diag *d, gen_loc loc, const char *fmt, ...)
{
    if (!d->nentries)
        return;
    va_list ap;
    va_start(ap, fmt);
    format(d, &d->entries[d->nentries - 1].text, loc, "note", fmt, ap);
    va_end(ap);
}

/* File order; "no place" first; ties keep the order of reporting. */
static int by_position(const void *pa, const void *pb)
{
    const gen_diag_entry *a = pa, *b = pb;
    if (a->loc.first_line != b->loc.first_line)
        return a->loc.first_line < b->loc.first_line ? -1 : 1;
    if (a->loc.first_column != b->loc.first_column)
        return a->loc.first_column < b->loc.first_column ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void gen_diag_flush(gen_diag *d)
{
    if (d->nentries) /* qsort on a NULL array is undefined even for 0 items */
        qsort(d->entries, d->nentries, sizeof *d->entries, by_position);
    for (size_t i = 0; i < d->nentries; i++) {
        if (i < GEN_DIAG_MAX_ERRORS)
            fputs(gen_strbuf_str(&d->entries[i].text), d->out);
        gen_strbuf_release(&d->entries[i].text);
    }
    if (d->nentries > GEN_DIAG_MAX_ERRORS)
        fprintf(d->out, "%s: note: too many errors; only the first %d are shown\n", d->file,
                GEN_DIAG_MAX_ERRORS);
    d->nentries = 0;
}

int gen_diag_summary(gen_diag *d)
{
    gen_diag_flush(d);
    free(d->entries);
    d->entries = NULL;
    d->cap = 0;
    if (d->warnings && d->errors)
        fprintf(d->out, "%d warning%s and %d error%s generated.\n", d->warnings,
                d->warnings == 1 ? "" : "s", d->errors, d->errors == 1 ? "" : "s");
    else if (d->warnings)
        fprintf(d->out, "%d warning%s generated.\n", d->warnings, d->warnings == 1 ? "" : "s");
    else if (d->errors)
        fprintf(d->out, "%d error%s generated.\n", d->errors, d->errors == 1 ? "" : "s");
    return d->errors;
}
