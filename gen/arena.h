/* arena.h: the generator's one allocator. Everything the generator builds (source text,
 * tokens, AST, model, template values, output text) lives in one arena that is freed once,
 * at exit; nothing is freed piecemeal, so no pass owns or frees another pass's data.
 *
 * Invariants:
 * - Memory from an arena stays valid until gen_arena_free() on that arena.
 * - Allocation never returns NULL: on out-of-memory the process prints a message and exits
 *   with status 3 (internal error) through gen_out_of_memory(), before any output file is
 *   touched (outputs are written atomically, last).
 * - Returned memory is zeroed and aligned for any object type.
 */
#ifndef CBPY_GEN_ARENA_H
#define CBPY_GEN_ARENA_H

#include <stddef.h>

typedef struct gen_arena_block gen_arena_block;
typedef struct gen_arena {
    gen_arena_block *head;
} gen_arena;

void *gen_arena_alloc(gen_arena *a, size_t size);
/* A NUL-terminated copy of the len bytes at s. */
char *gen_arena_strndup(gen_arena *a, const char *s, size_t len);
char *gen_arena_strdup(gen_arena *a, const char *s);
/* printf into arena memory. */
char *gen_arena_printf(gen_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void gen_arena_free(gen_arena *a);
/* Reports that memory ran out and exits with status 3; every allocator calls this. */
void gen_out_of_memory(void) __attribute__((noreturn));

#endif
