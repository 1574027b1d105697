/* arena.h: the generator's memory. Everything the generator builds (source text, tokens,
 * AST, model, template values) lives in one arena that is freed once, at exit; nothing is
 * freed piecemeal, so no pass owns or frees another pass's data. The few things that must
 * grow in place (strbuf text, the diagnostics list, the scanner's and parser's stacks) use
 * gen_xmalloc()/gen_xrealloc(), so every request the generator makes to the C heap passes
 * through this file, where the allocation test hook (gen_alloc_init()) can fail it.
 *
 * Invariants:
 * - Memory from an arena stays valid until gen_arena_free() on that arena.
 * - Allocation never returns NULL. Running out of memory, real or injected by the hook,
 *   prints one line, `cbindgen-py: error: out of memory`, and exits with status 3 at once
 *   through gen_out_of_memory(): no other message follows, nothing is freed, and no output
 *   file is touched (outputs are written atomically, last, and emit.c allocates nothing
 *   once its first temporary file exists).
 * - Arena memory is zeroed and aligned for any object type.
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

/* C-heap memory for buffers that grow in place (release with free()); like the arena's,
 * never NULL. */
void *gen_xmalloc(size_t size);
void *gen_xrealloc(void *p, size_t size);

/* Reads the testing hooks once, at start-up (main() calls it first; see docs/cli.md):
 * CBINDGEN_PY_FAIL_ALLOC=N makes the Nth heap allocation of the run fail as if the system
 * were out of memory, and CBINDGEN_PY_COUNT_ALLOC=1 prints the number of heap allocations
 * to stderr at exit. Unless one is set, allocation pays one never-taken branch. */
void gen_alloc_init(void);

/* Reports that memory ran out and exits with status 3; every allocator calls this. */
void gen_out_of_memory(void) __attribute__((noreturn));

#endif
