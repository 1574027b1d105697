/* arena.c: a bump allocator over a list of blocks, so that the generator's passes can
 * allocate freely and the whole run is released with one call (see arena.h). */
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

void *gen_arena_alloc(gen_arena *a, size_t size)
{
    size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    gen_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > GEN_ARENA_BLOCK ? size : GEN_ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            gen_out_of_memory();
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
    fputs("cbindgen-py: internal error: out of memory\n", stderr);
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
