/* diag.h: diagnostics in the form editors parse. Every message is
 * `file:line:col: error: text`, followed by the source line quoted and a caret line
 * (`^~~~` under the span, tabs kept so it lines up); `note:` lines point at related places.
 *
 * Invariants:
 * - A gen_loc is 1-based: lines and columns (columns count bytes, a tab is one column).
 *   first_* is the first byte of the span, last_* the byte after it (bison's convention).
 * - A loc with first_line == 0 means "no place": the message prints as `file: error: ...`.
 * - Messages are collected, not printed at once: gen_diag_flush() (and gen_diag_summary())
 *   prints them sorted by source position, each error followed by its notes, so that the
 *   output reads in file order whichever pass found each problem.
 * - Errors are counted; only the first GEN_DIAG_MAX_ERRORS (in file order) are printed.
 * - gen_diag_* never exits: the caller decides when to stop, so one run reports every error.
 * - Warnings belong to a named category (GEN_WARN_*), printed as `[-Wname]`; a disabled
 *   category prints nothing, and with werror every warning prints as, and counts as, an
 *   error (`[-Werror=name]`).
 */
#ifndef CBPY_GEN_DIAG_H
#define CBPY_GEN_DIAG_H

#include <stdio.h>
#include <stddef.h>

typedef struct gen_loc {
    int first_line, first_column;
    int last_line, last_column;
} gen_loc;

enum { GEN_DIAG_MAX_ERRORS = 50 };

typedef struct gen_diag_entry gen_diag_entry;

typedef enum gen_warning {
    GEN_WARN_UNUSED_DOC,     /* a `///` that ends up nowhere Python shows it */
    GEN_WARN_UNREACHABLE,    /* a class no Python code can ever get an object of */
    GEN_WARN_IGNORED_ATTRIBUTE, /* a Rust attribute (`#[...]`) that changes nothing */
    GEN_WARN_COUNT,
} gen_warning;

/* The category's name as -W options spell it ("unused-doc"), or NULL. */
const char *gen_warning_name(gen_warning w);
/* The category called name, or -1. */
int gen_warning_find(const char *name);

typedef struct gen_diag {
    const char *file;  /* name printed in messages */
    const char *text;  /* the whole source, for quoting lines */
    size_t len;
    FILE *out;
    int errors;
    int warnings;
    int promoted;                        /* errors that are warnings under werror */
    int werror;                          /* warnings are errors */
    unsigned char disabled[GEN_WARN_COUNT];
    gen_diag_entry *entries;  /* pending messages, in the order reported */
    size_t nentries, cap;
} gen_diag;

void gen_diag_init(gen_diag *d, const char *file, const char *text, size_t len, FILE *out);
void gen_diag_error(gen_diag *d, gen_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void gen_diag_note(gen_diag *d, gen_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void gen_diag_warning(gen_diag *d, gen_loc loc, gen_warning w, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Prints the pending messages in file order and forgets them. */
void gen_diag_flush(gen_diag *d);
/* Flushes, then prints "N warning(s) and M error(s) generated." (the parts that are not
 * zero), and releases the diag's memory; returns the error count. */
int gen_diag_summary(gen_diag *d);

#endif
