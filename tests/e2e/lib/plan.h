/* plan.h: the e2e_plan test library: the call-plan conventions the real libraries of the
 * suite (SQLite, bz2, zlib) do not show: zstd-like error predicates, count results and
 * buffer structs, a "no value" success status, borrowed results sized by an out-value,
 * positions, text out-values, dict arrays with a union and a terminator, and an
 * out-handle constructor that hands back a handle even when it fails. Every allocation
 * that crosses to the wrapper is counted, so the tests can prove it is released. */
#ifndef E2E_PLAN_H
#define E2E_PLAN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t plan_size;
enum { PLAN_OK, PLAN_MORE, PLAN_END, PLAN_NOMEM, PLAN_BADARG, PLAN_BUSY, PLAN_FULL };
enum { PLAN_KIND_END, PLAN_KIND_A, PLAN_KIND_B };

/* Error codes of the predicate convention (zstd's: (size_t)-N). */
#define PLAN_CODE_CORRUPT ((size_t)-20)
#define PLAN_CODE_UNKNOWN ((size_t)-21)
#define PLAN_CODE_SMALL ((size_t)-22)
#define PLAN_CODE_MODE ((size_t)-23)
unsigned plan_is_error(size_t code);
const char *plan_error_name(size_t code);

/* (a) n, or PLAN_CODE_CORRUPT for data starting with 'X', PLAN_CODE_UNKNOWN with 'Y'. */
size_t plan_count(const void *data, size_t n);
/* (b) PLAN_OK and a value for "a"/"b", PLAN_END (no value) for others, PLAN_BADARG for "". */
int plan_find(const char *key, int64_t *value);
/* (b') PLAN_OK with *value "one" for key "a", PLAN_OK leaving *value NULL for "none",
 * PLAN_BADARG for an empty key: a status result whose value may be NULL. */
int plan_lookup(const char *key, const char **value);
/* (c) a borrowed text of *n bytes (may hold NULs), NULL (and *n = 0) past the last one. */
const unsigned char *plan_text(int i, unsigned *n);
/* (d) writes src reversed at out + *pos and advances *pos; PLAN_FULL if it does not fit. */
int plan_encode(const uint8_t *src, plan_size in_size, uint8_t *out, size_t *pos, size_t size);

/* (e) zstd-like streaming through buffer structs. */
typedef struct plan_zstream plan_zstream;
typedef struct { void *dst; size_t size; size_t pos; } plan_outbuf;
typedef struct { const void *src; size_t size; size_t pos; } plan_inbuf;
plan_zstream *plan_zstream_new(void);
size_t plan_zstream_free(plan_zstream *zs);
/* Copies input to output uppercased as far as the room allows, advancing both pos fields;
 * returns the input left (0 when everything was consumed), PLAN_CODE_MODE for mode < 0. */
size_t plan_zstream_code(plan_zstream *zs, plan_outbuf *out, plan_inbuf *in, int mode);
int plan_live_zstreams(void);

/* (f) writes src reversed into dst, returns n; PLAN_CODE_SMALL when cap < n. */
size_t plan_zpack(void *dst, size_t cap, const void *src, size_t n);

/* (g) *errmsg: a message from plan_message_alloc for sql starting with "bad" (returns 1);
 * *tail: the text after the first ';', or NULL. Messages are released with plan_free. */
int plan_run(const char *sql, char **errmsg, const char **tail);
void plan_free(void *p);
int plan_live_messages(void);

/* (h) dict arrays with a union and a terminator. */
typedef struct { uint32_t level; bool fast; } plan_opts;
typedef struct { uint32_t kind; void *opts; } plan_item;
/* Sum over items until kind == PLAN_KIND_END: opts->level (+1000 if fast), or 1 for NULL. */
int plan_sum(const plan_item *items);

/* (i) an out-handle constructor that always hands back a handle (sqlite3_open_v2's way):
 * path "" fails with PLAN_BUSY and a message in the handle. */
typedef struct plan_db plan_db;
int plan_open(const char *path, plan_db **db);
const char *plan_errmsg(plan_db *db); /* NULL for a NULL handle or no message */
int plan_close(plan_db *db);
const char *plan_db_path(const plan_db *db);
/* Sets the handle's message to "failed on purpose" and returns status. */
int plan_db_fail(plan_db *db, int status);
int plan_live_dbs(void);

#endif
