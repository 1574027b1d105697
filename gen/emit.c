/* emit.c: resolves the generated file's own #line markers and writes outputs atomically,
 * only when their content changes (see emit.h). */
#include "emit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Whether path is missing or was written by cbindgen-py. */
static int ours_or_missing(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT;
    char head[1024];
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    return strstr(head, GEN_EMIT_MARKER) != NULL;
}

static char *temp_name(const char *path)
{
    gen_strbuf tmp = {0};
    gen_strbuf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    return tmp.buf;
}

static int write_temp(const char *tmp, const gen_output *o)
{
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return -1;
    int ok = fwrite(o->data, 1, o->len, f) == o->len;
    ok = (fflush(f) == 0) && ok;
    ok = (fclose(f) == 0) && ok;
    return ok ? 0 : -1;
}

int gen_emit_write_all(const gen_output *outs, size_t n, gen_strbuf *err)
{
    enum { MAX_OUTPUTS = 8 };
    char *tmp[MAX_OUTPUTS] = {0};
    if (n > MAX_OUTPUTS)
        n = MAX_OUTPUTS;
    for (size_t i = 0; i < n; i++) {
        if (!ours_or_missing(outs[i].path)) {
            gen_strbuf_printf(err,
                              "refusing to overwrite '%s': it exists and was not generated "
                              "by cbindgen-py",
                              outs[i].path);
            return -1;
        }
    }
    /* Running out of memory exits on the spot, so nothing may be allocated while a
     * temporary file exists: every name is made before the first file is created, and a
     * failure is described only after the temporary files are gone. */
    for (size_t i = 0; i < n; i++)
        if (!same_content(outs[i].path, outs[i].data, outs[i].len))
            tmp[i] = temp_name(outs[i].path);
    size_t failed = n;
    int failed_errno = 0;
    for (size_t i = 0; i < n && failed == n; i++) {
        if (tmp[i] && write_temp(tmp[i], &outs[i]) < 0) {
            failed = i;
            failed_errno = errno;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!tmp[i])
            continue;
        if (failed == n && rename(tmp[i], outs[i].path) != 0) {
            failed = i;
            failed_errno = errno;
        }
        remove(tmp[i]);
        free(tmp[i]);
    }
    if (failed == n)
        return 0;
    gen_strbuf_printf(err, "cannot write '%s': %s", outs[failed].path, strerror(failed_errno));
    return -1;
}
