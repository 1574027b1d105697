/* relations.h: declarations (no definitions) that golden/pass/object_relation_forms.in's
 * output compiles against: a reader that lends records and keeps its input, and a writer
 * of another C type under the same error domain, with its own errno reading. */
#ifndef GOLDEN_RELATIONS_H
#define GOLDEN_RELATIONS_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum { RD_OK = 0, RD_END = 1, RD_WARN = -20, RD_FATAL = -30 };

struct rd_rec {
    char name[64];
    const char *note;
    unsigned kind;
    struct { struct { const unsigned char *text; size_t len; } scalar; } data;
};
struct rd_rec *rec_new(void);
void rec_free(struct rd_rec *r);
struct rd_rec *rec_clone(struct rd_rec *r);
int64_t rec_size(struct rd_rec *r);
void rec_set_size(struct rd_rec *r, int64_t size);
void rec_set_time(struct rd_rec *r, int64_t sec, long nsec);
int64_t rec_time(struct rd_rec *r);

struct rd;
struct rd *rd_new(void);
int rd_free(struct rd *r);
int rd_open(struct rd *r, const void *buf, size_t n);
int rd_next(struct rd *r, struct rd_rec **out);
ssize_t rd_read(struct rd *r, void *buf, size_t n);
void rd_rewind(struct rd *r);
const char *rd_errmsg(struct rd *r);
int rd_errno(struct rd *r);

struct wr;
struct wr *wr_new(void);
void wr_free(struct wr *w);
ssize_t wr_write(struct wr *w, const void *buf, size_t n);
const char *wr_errmsg(struct wr *w);
int wr_errno(struct wr *w);

#endif
