/* strbuf.h: a growable byte buffer for building text (generated C, messages).
 *
 * Invariants (as in git's strbuf):
 * - buf is always NUL-terminated, even when len == 0, so it can be passed as a C string.
 * - len is the number of bytes before that NUL; the buffer may hold NULs of its own.
 * - A zero-initialised gen_strbuf ({0}) is an empty, valid buffer.
 * - Memory is the C heap, from gen_xrealloc() (arena.h), released by gen_strbuf_release();
 *   running out exits with status 3 through gen_out_of_memory().
 */
#ifndef CBPY_GEN_STRBUF_H
#define CBPY_GEN_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct gen_strbuf {
    char *buf;
    size_t len, cap;
} gen_strbuf;

void gen_strbuf_add(gen_strbuf *sb, const char *s, size_t len);
void gen_strbuf_puts(gen_strbuf *sb, const char *s);
void gen_strbuf_putc(gen_strbuf *sb, char c);
void gen_strbuf_printf(gen_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* As gen_strbuf_printf; ap is used up, as by vprintf. */
void gen_strbuf_vprintf(gen_strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The buffer's text; never NULL. */
const char *gen_strbuf_str(const gen_strbuf *sb);
void gen_strbuf_release(gen_strbuf *sb);

#endif
