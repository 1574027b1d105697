/* emit.c: resolves the generated file's own #line markers and writes outputs atomically,
 * only when their content changes (see emit.h). */
#include "emit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char marker[] = "#line __CBPY_HERE__\n";

void gen_emit_resolve_lines(gen_strbuf *text, const char *out_path_c)
{
    gen_strbuf out = {0};
    const char *p = text->buf ? text->buf : "", *end = p + text->len;
    int line = 1;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *next = nl ? nl + 1 : end;
        if ((size_t)(next - p) == sizeof marker - 1 && memcmp(p, marker, sizeof marker - 1) == 0)
            gen_strbuf_printf(&out, "#line %d \"%s\"\n", line + 1, out_path_c);
        else
            gen_strbuf_add(&out, p, (size_t)(next - p));
        line++;
        p = next;
    }
    gen_strbuf_release(text);
    *text = out;
}

static int same_content(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int same = 1;
    char buf[8192];
    size_t off = 0, n;
    while (same && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (off + n > len || memcmp(buf, data + off, n) != 0)
            same = 0;
        off += n;
    }
    if (ferror(f))
        same = 0;
    fclose(f);
    return same && off == len;
}

int gen_emit_write(const char *path, const char *data, size_t len, gen_strbuf *err)
{
    if (same_content(path, data, len))
        return 0;
    gen_strbuf tmp = {0};
    gen_strbuf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    const char *tmp_path = gen_strbuf_str(&tmp);
    FILE *f = fopen(tmp_path, "wb");
    if (!f) {
        gen_strbuf_printf(err, "cannot write '%s': %s", path, strerror(errno));
        gen_strbuf_release(&tmp);
        return -1;
    }
    int ok = fwrite(data, 1, len, f) == len;
    ok = (fflush(f) == 0) && ok;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp_path, path) != 0) {
        gen_strbuf_printf(err, "cannot write '%s': %s", path, strerror(errno));
        remove(tmp_path);
        gen_strbuf_release(&tmp);
        return -1;
    }
    gen_strbuf_release(&tmp);
    return 0;
}
