/* strbuf.c: the growable text buffer of strbuf.h, used wherever the generator builds text. */
#include "strbuf.h"

#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(gen_strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap * 2 : 256;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    sb->buf = gen_xrealloc(sb->buf, cap);
    sb->cap = cap;
}

void gen_strbuf_add(gen_strbuf *sb, const char *s, size_t len)
{
    grow(sb, len);
    if (len)
        memcpy(sb->buf + sb->len, s, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void gen_strbuf_puts(gen_strbuf *sb, const char *s)
{
    gen_strbuf_add(sb, s, strlen(s));
}

void gen_strbuf_putc(gen_strbuf *sb, char c)
{
    gen_strbuf_add(sb, &c, 1);
}

void gen_strbuf_vprintf(gen_strbuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n > 0) {
        grow(sb, (size_t)n);
        vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap2);
        sb->len += (size_t)n;
    }
    va_end(ap2);
}

void gen_strbuf_printf(gen_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gen_strbuf_vprintf(sb, fmt, ap);
    va_end(ap);
}

const char *gen_strbuf_str(const gen_strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

void gen_strbuf_release(gen_strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}
