/* diag.c: prints diagnostics with the offending line quoted and a caret under the span
 * (see diag.h for the format), counting errors so that a run can report them all. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

void gen_diag_init(gen_diag *d, const char *file, const char *text, size_t len, FILE *out)
{
    d->file = file;
    d->text = text;
    d->len = len;
    d->out = out;
    d->errors = 0;
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

static void quote(gen_diag *d, gen_loc loc)
{
    size_t len;
    const char *line = find_line(d, loc.first_line, &len);
    if (!line)
        return;
    fprintf(d->out, "%5d | %.*s\n      | ", loc.first_line, (int)len, line);
    size_t col = loc.first_column > 0 ? (size_t)loc.first_column - 1 : 0;
    for (size_t i = 0; i < col; i++)
        fputc(i < len && line[i] == '\t' ? '\t' : ' ', d->out);
    fputc('^', d->out);
    size_t stop = loc.last_line == loc.first_line && loc.last_column > loc.first_column
                      ? (size_t)loc.last_column - 1
                      : col + 1;
    if (stop > len)
        stop = len;
    for (size_t i = col + 1; i < stop; i++)
        fputc('~', d->out);
    fputc('\n', d->out);
}

static void report(gen_diag *d, gen_loc loc, const char *kind, const char *fmt, va_list ap)
{
    if (loc.first_line > 0)
        fprintf(d->out, "%s:%d:%d: %s: ", d->file, loc.first_line, loc.first_column, kind);
    else
        fprintf(d->out, "%s: %s: ", d->file, kind);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
    if (loc.first_line > 0)
        quote(d, loc);
}

void gen_diag_error(gen_diag *d, gen_loc loc, const char *fmt, ...)
{
    d->errors++;
    if (d->errors > GEN_DIAG_MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(d, loc, "error", fmt, ap);
    va_end(ap);
    if (d->errors == GEN_DIAG_MAX_ERRORS)
        fprintf(d->out, "%s: note: too many errors; further errors are counted, not shown\n",
                d->file);
}

void gen_diag_note(gen_diag *d, gen_loc loc, const char *fmt, ...)
{
    if (d->errors > GEN_DIAG_MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(d, loc, "note", fmt, ap);
    va_end(ap);
}

int gen_diag_summary(gen_diag *d)
{
    if (d->errors)
        fprintf(d->out, "%d error%s generated.\n", d->errors, d->errors == 1 ? "" : "s");
    return d->errors;
}
