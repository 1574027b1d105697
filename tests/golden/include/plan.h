/* plan.h: declarations (no definitions: only compiled, never linked) for the golden case
 * call_plan.in, shaped like the real APIs each call-plan role is for: SQLite-style handles,
 * statuses and messages, bz2-style one-shot buffers, lzma-style streams and filter arrays. */
#ifndef PLAN_H
#define PLAN_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
typedef uint64_t plan_size;
typedef struct plan_db plan_db;
typedef struct plan_cursor plan_cursor;
enum { PLAN_OK, PLAN_MORE, PLAN_END, PLAN_NOMEM, PLAN_BADARG, PLAN_BUSY, PLAN_FULL };
enum { PLAN_KIND_END, PLAN_KIND_A, PLAN_KIND_B };
typedef struct { uint32_t level; bool fast; } plan_opts;
typedef struct { uint32_t kind; void *opts; } plan_item;
typedef struct { const uint8_t *next_in; size_t avail_in; uint8_t *next_out; size_t avail_out; } plan_stream;
const char *plan_errmsg(plan_db *);
plan_db *plan_cursor_db(plan_cursor *);
int plan_open(const char *, plan_db **, int, const char *);
int plan_close(plan_db *);
int plan_exec(plan_db *, const char *, int, void (*)(void), void *);
int plan_prepare(plan_db *, const char *, plan_cursor **, const char **);
int plan_put(plan_db *, const void *, unsigned, const plan_item *);
int plan_cursor_free(plan_cursor *);
int plan_step(plan_cursor *);
const void *plan_blob(plan_cursor *, int);
int plan_blob_len(plan_cursor *, int);
const unsigned char *plan_text(plan_cursor *, int, unsigned *);
void plan_stream_end(plan_stream *);
int plan_stream_init(plan_stream *, unsigned);
int plan_stream_code(plan_stream *);
int plan_pack(char *, unsigned *, const char *, unsigned);
int plan_unpack(char *, unsigned *, const char *, unsigned);
int plan_encode(const uint8_t *, plan_size, uint8_t *, size_t *, size_t);
int plan_describe(plan_item *);
int plan_find(plan_cursor *, const unsigned char *, int64_t *);
#define PLAN_CODE_CORRUPT ((size_t)-20)
unsigned plan_is_error(size_t);
const char *plan_error_name(size_t);
size_t plan_count(const void *, size_t);
size_t plan_zpack(void *, size_t, const void *, size_t);
size_t plan_unzpack(void *, size_t, const void *, size_t);
int plan_error_code(size_t);
#define PLAN_CODE_SMALL 22
int plan_run(const char *, char **, const char **);
typedef struct plan_zstream plan_zstream;
typedef struct { void *dst; size_t size; size_t pos; } plan_outbuf;
typedef struct { const void *src; size_t size; size_t pos; } plan_inbuf;
plan_zstream *plan_zstream_new(void);
size_t plan_zstream_free(plan_zstream *);
size_t plan_zstream_code(plan_zstream *, plan_outbuf *, plan_inbuf *, int);

#endif
