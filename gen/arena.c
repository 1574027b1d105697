/* arena.c: a bump allocator over a list of blocks, so that the generator's passes can
 * allocate freely and the whole run is released with one call, and the one gate to the C
 * heap that every allocation of the generator passes, where the out-of-memory test hook
 * counts and fails them (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gen_arena_block {
    gen_arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

enum { GEN_ARENA_BLOCK = 64 * 1024 };

/* The testing hooks (gen_alloc_init()). `on` is set only when a hook variable is, so that an
 * ordinary run neither counts nor compares. */
static struct {
    int on;
    unsigned long count, fail_at;
} hook;

static void report_count(void)
{
    fprintf(stderr, "cbindgen-py: allocations: %lu\n", hook.count);
}

void gen_alloc_init(void)
{
    const char *fail = getenv("CBINDGEN_PY_FAIL_ALLOC");
    const char *count = getenv("CBINDGEN_PY_COUNT_ALLOC");
    if (fail && *fail >= '1' && *fail <= '9') {
        char *end;
        unsigned long n = strtoul(fail, &end, 10);
        if (*end == '\0')
            hook.fail_at = n;
    }
    /* atexit, so that every way out (success, errors, running out of memory) reports. */
    if (count && strcmp(count, "1") == 0 && atexit(report_count) == 0)
        hook.on = 1;
    hook.on |= hook.fail_at != 0;
}

/* realloc() with the hook in front: the failed call returns NULL exactly as an exhausted
 * heap would, so a test takes the same path as a real failure. */
static void *heap(void *p, size_t size)
{
    if (hook.on && ++hook.count == hook.fail_at)
        return NULL;
    return realloc(p, size ? size : 1);
}

void *gen_xmalloc(size_t size)
{
    return gen_xrealloc(NULL, size);
}

void *gen_xrealloc(void *p, size_t size)
{
    void *q = heap(p, size);
    if (!q)
        gen_out_of_memory();
    return q;
}

void *gen_arena_alloc(gen_arena *a, size_t size)
{
    size_t align = sizeof(max_align_t);
    /* A size that cannot even be rounded up and given a header cannot be had either. */
    if (size > SIZE_MAX - align - sizeof(gen_arena_block))
        gen_out_of_memory();
    size = (size + align - 1) / align * align;
    gen_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > GEN_ARENA_BLOCK ? size : GEN_ARENA_BLOCK;
        b = gen_xmalloc(sizeof *b + cap);
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *gen_arena_strndup(gen_arena *a, const char *s, size_t len)
{
    char *p = gen_arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *gen_arena_strdup(gen_arena *a, const char *s)
{
    return gen_arena_strndup(a, s, strlen(s));
}

char *gen_arena_printf(gen_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = gen_arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    if (n > 0)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void gen_out_of_memory(void)
{
    fputs("cbindgen-py: error: out of memory\n", stderr);
    exit(3);
}

void gen_arena_free(gen_arena *a)
{
    gen_arena_block *b = a->head;
    while (b) {
        gen_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
