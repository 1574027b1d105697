/* unit.h: what the generator's cmocka tests share: the cmocka includes in the order cmocka
 * needs, and a diagnostics sink that captures messages in memory so tests can assert on
 * the exact text a user would see.
 *
 * Invariant: a unit_sink's text is valid after unit_sink_text() until unit_sink_close().
 */
#ifndef CBPY_TESTS_UNIT_H
#define CBPY_TESTS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "diag.h"

typedef struct unit_sink {
    FILE *f;
    char *buf;
    size_t len;
    gen_diag *d;
} unit_sink;

static inline void unit_sink_open(unit_sink *s, gen_diag *d, const char *text)
{
    s->buf = NULL;
    s->len = 0;
    s->f = open_memstream(&s->buf, &s->len);
    assert_non_null(s->f);
    gen_diag_init(d, "t.in", text, strlen(text), s->f);
    s->d = d;
}

static inline const char *unit_sink_text(unit_sink *s)
{
    gen_diag_flush(s->d);
    fflush(s->f);
    return s->buf ? s->buf : "";
}

static inline void unit_sink_close(unit_sink *s)
{
    gen_diag_summary(s->d);
    fclose(s->f);
    free(s->buf);
}

/* Fails the test, showing both texts, unless needle occurs in hay. */
#define assert_contains(hay, needle)                                                     \
    do {                                                                                 \
        const char *hay_ = (hay), *needle_ = (needle);                                   \
        if (!strstr(hay_, needle_))                                                      \
            fail_msg("expected to find\n%s\nin\n%s", needle_, hay_);                     \
    } while (0)

#endif
