/* relations.c: the rel test library of the e2e_relations module (see relations.h): a
 * reader of the tiny "REL1" in-memory format that keeps the buffer, name and template it is
 * given, lends one reused item, and reports statuses, messages and errnos the way
 * libarchive does; a writer whose count-or-status results end in warnings or errors; and
 * counters (calls, live objects, caught misuses) the Python tests read. */
#include "relations.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REL_ITEM_MAGIC 0x52454c31u /* "REL1" */
#define REL_ITEM_DEAD 0xdeadbeefu
#define REL_QUARANTINE 256

static unsigned long reader_calls;
static int live_items, live_readers, live_writers, misuses;

struct rel_item {
    unsigned magic;
    char *name;
    int64_t size, sec;
    long nsec;
};

struct rel_reader {
    const unsigned char *buf; /* the caller's bytes (or file), read at every step */
    size_t n, pos;            /* pos: the next header */
    unsigned char *file;      /* open_file's own copy of the data */
    int open, broken, count;
    const char *name;         /* kept, not copied */
    struct rel_item *tmpl;    /* kept, not copied */
    struct rel_item *item;    /* the one item lent by next */
    int has_entry;            /* item holds the current entry */
    const unsigned char *data; /* the current entry's unread data */
    size_t left;
    char mark;
    int warned;
    char msg[256];
    int err;
};

struct rel_writer {
    unsigned char *data;
    size_t len, limit;
    struct rel_stats stats;
    char msg[128];
};

/* Freed items are poisoned and held back for a while, so that a use of one (through a
 * stale pointer) is caught by its magic instead of reading memory reused by now. */
static struct rel_item *quarantine[REL_QUARANTINE];
static size_t quarantine_next;

static void bury(struct rel_item *item)
{
    item->magic = REL_ITEM_DEAD;
    free(item->name);
    item->name = NULL;
    free(quarantine[quarantine_next]);
    quarantine[quarantine_next] = item;
    quarantine_next = (quarantine_next + 1) % REL_QUARANTINE;
}

static int alive(const struct rel_item *item)
{
    if (item != NULL && item->magic == REL_ITEM_MAGIC)
        return 1;
    misuses++;
    return 0;
}

const char *rel_strerror(int status)
{
    switch (status) {
    case REL_OK: return "no error";
    case REL_END: return "end of archive";
    case REL_FAILED: return "operation failed";
    case REL_WARN: return "warning";
    case REL_NOTE: return "note";
    case REL_FATAL: return "fatal error";
    default: return NULL;
    }
}

/* ---- items ---- */

struct rel_item *rel_item_new(void)
{
    struct rel_item *item = calloc(1, sizeof *item);
    if (item != NULL) {
        item->magic = REL_ITEM_MAGIC;
        live_items++;
    }
    return item;
}

void rel_item_free(struct rel_item *item)
{
    if (item == NULL || !alive(item))
        return;
    live_items--;
    bury(item);
}

static int set_text(char **dst, const char *src, size_t n)
{
    char *copy = NULL;
    if (src != NULL) {
        if ((copy = malloc(n + 1)) == NULL)
            return -1;
        memcpy(copy, src, n);
        copy[n] = '\0';
    }
    free(*dst);
    *dst = copy;
    return 0;
}

struct rel_item *rel_item_clone(struct rel_item *item)
{
    if (!alive(item))
        return NULL;
    struct rel_item *copy = rel_item_new();
    if (copy == NULL)
        return NULL;
    copy->size = item->size;
    copy->sec = item->sec;
    copy->nsec = item->nsec;
    if (item->name != NULL && set_text(&copy->name, item->name, strlen(item->name)) < 0) {
        rel_item_free(copy);
        return NULL;
    }
    return copy;
}

const char *rel_item_name(struct rel_item *item) { return alive(item) ? item->name : NULL; }

void rel_item_set_name(struct rel_item *item, const char *name)
{
    if (alive(item))
        set_text(&item->name, name, name ? strlen(name) : 0);
}

int64_t rel_item_size(struct rel_item *item) { return alive(item) ? item->size : -1; }

void rel_item_set_size(struct rel_item *item, int64_t size)
{
    if (alive(item))
        item->size = size;
}

int64_t rel_item_time(struct rel_item *item) { return alive(item) ? item->sec : -1; }

long rel_item_nsec(struct rel_item *item) { return alive(item) ? item->nsec : -1; }

void rel_item_set_time(struct rel_item *item, int64_t sec, long nsec)
{
    if (alive(item)) {
        item->sec = sec;
        item->nsec = nsec;
    }
}

/* ---- readers ---- */

/* Records a failure: the errno and "NAME: " (when the reader has a name) + the text. */
static int fail(struct rel_reader *r, int status, int err, const char *fmt, ...)
{
    va_list ap;
    size_t k = 0;
    if (fmt != NULL && r->name != NULL)
        k = (size_t)snprintf(r->msg, sizeof r->msg, "%s: ", r->name);
    if (k >= sizeof r->msg)
        k = sizeof r->msg - 1;
    r->msg[k] = '\0';
    if (fmt != NULL) {
        va_start(ap, fmt);
        vsnprintf(r->msg + k, sizeof r->msg - k, fmt, ap);
        va_end(ap);
    }
    r->err = err;
    if (status == REL_FATAL)
        r->broken = 1;
    return status;
}

static void clear_error(struct rel_reader *r)
{
    r->msg[0] = '\0';
    r->err = 0;
}

/* A reader that can read: 0, or the status to return. */
static int usable(struct rel_reader *r)
{
    clear_error(r);
    if (r->broken)
        return fail(r, REL_FATAL, 0, "reader is broken");
    if (!r->open)
        return fail(r, REL_FAILED, EBADF, "reader is not open");
    return 0;
}

struct rel_reader *rel_reader_new(void)
{
    struct rel_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    if ((r->item = rel_item_new()) == NULL) {
        free(r);
        return NULL;
    }
    live_readers++;
    return r;
}

int rel_reader_free(struct rel_reader *r)
{
    reader_calls++;
    if (r == NULL)
        return REL_OK;
    rel_item_free(r->item);
    free(r->file);
    free(r);
    live_readers--;
    return REL_OK;
}

static int start(struct rel_reader *r, const unsigned char *buf, size_t n)
{
    if (n < 5 || memcmp(buf, "REL1\n", 5) != 0)
        return fail(r, REL_FATAL, EILSEQ, "not a rel archive");
    r->buf = buf;
    r->n = n;
    r->pos = 5;
    r->open = 1;
    r->count = 0;
    r->has_entry = 0;
    return REL_OK;
}

int rel_reader_open_memory(struct rel_reader *r, const void *buf, size_t n)
{
    reader_calls++;
    clear_error(r);
    if (r->broken)
        return fail(r, REL_FATAL, 0, "reader is broken");
    if (r->open)
        return fail(r, REL_FAILED, EBUSY, "reader is already open");
    return start(r, buf, n);
}

int rel_reader_open_file(struct rel_reader *r, const char *path)
{
    reader_calls++;
    clear_error(r);
    if (r->broken)
        return fail(r, REL_FATAL, 0, "reader is broken");
    if (r->open)
        return fail(r, REL_FAILED, EBUSY, "reader is already open");
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return fail(r, REL_FATAL, errno, "cannot open '%s'", path);
    size_t cap = 4096, n = 0, got;
    unsigned char *data = malloc(cap);
    errno = 0;
    while (data != NULL && (got = fread(data + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *more = realloc(data, cap *= 2);
            if (more == NULL)
                free(data);
            data = more;
        }
    }
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (data == NULL)
        return fail(r, REL_FATAL, ENOMEM, "out of memory");
    if (err != 0) {
        free(data);
        return fail(r, REL_FAILED, err, "cannot read '%s'", path);
    }
    int status = start(r, data, n);
    if (status != REL_OK)
        free(data);
    else
        r->file = data;
    return status;
}

void rel_reader_set_name(struct rel_reader *r, const char *name)
{
    reader_calls++;
    r->name = name;
}

const char *rel_reader_name(struct rel_reader *r)
{
    reader_calls++;
    return r->name;
}

int rel_reader_set_template(struct rel_reader *r, struct rel_item *tmpl)
{
    reader_calls++;
    clear_error(r);
    if (r->broken)
        return fail(r, REL_FATAL, 0, "reader is broken");
    if (!alive(tmpl))
        return fail(r, REL_FAILED, EINVAL, "not an item");
    r->tmpl = tmpl;
    return REL_OK;
}

/* Parses an unsigned decimal number at *p (before end); -1 when there is none. */
static int64_t number(const unsigned char **p, const unsigned char *end)
{
    int64_t v = 0;
    const unsigned char *s = *p;
    if (s == end || *s < '0' || *s > '9')
        return -1;
    for (; s < end && *s >= '0' && *s <= '9'; s++) {
        if (v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    *p = s;
    return v;
}

static int next(struct rel_reader *r, struct rel_item **out)
{
    int k = r->count + 1;
    r->has_entry = 0;
    if (r->tmpl != NULL && r->tmpl->magic != REL_ITEM_MAGIC) {
        misuses++;
        return fail(r, REL_FATAL, EFAULT, "the template item was freed");
    }
    if (r->pos == r->n)
        return REL_END;
    const unsigned char *line = r->buf + r->pos, *end = r->buf + r->n;
    const unsigned char *nl = memchr(line, '\n', (size_t)(end - line));
    if (nl == NULL)
        return fail(r, REL_FATAL, EILSEQ, "entry %d: truncated header", k);
    const unsigned char *p = line;
    char mark = strchr("!?#-~*$", *p) != NULL ? (char)*p++ : 0;
    const unsigned char *name = p;
    while (p < nl && *p != ' ')
        p++;
    size_t name_len = (size_t)(p - name);
    int64_t size = -1, sec = -1;
    if (p < nl) {
        p++;
        size = number(&p, nl);
        if (size >= 0 && p < nl && *p == ' ') {
            p++;
            if ((sec = number(&p, nl)) < 0)
                size = -1;
        }
    }
    if (name_len == 0 || size < 0 || p != nl)
        return fail(r, REL_FATAL, EILSEQ, "entry %d: malformed header", k);
    if ((uint64_t)size > (uint64_t)(end - (nl + 1)))
        return fail(r, REL_FATAL, EILSEQ, "entry %d: truncated data", k);
    if (mark == '#')
        return fail(r, REL_FATAL, EILSEQ, "entry %d: corrupt header", k);
    struct rel_item *item = r->item;
    if (set_text(&item->name, (const char *)name, name_len) < 0)
        return fail(r, REL_FATAL, ENOMEM, "out of memory");
    item->size = size;
    item->sec = sec >= 0 ? sec : r->tmpl ? r->tmpl->sec : 0;
    item->nsec = sec < 0 && r->tmpl ? r->tmpl->nsec : 0;
    r->data = nl + 1;
    r->left = (size_t)size;
    r->pos = (size_t)(nl + 1 - r->buf) + (size_t)size;
    r->mark = mark;
    r->warned = 0;
    r->has_entry = 1;
    r->count = k;
    *out = item;
    if (mark == '!')
        return fail(r, REL_WARN, 0, "entry '%s': unknown header field ignored", item->name);
    if (mark == '?')
        return fail(r, REL_NOTE, 0, "entry '%s': name was shortened", item->name);
    return REL_OK;
}

int rel_reader_next(struct rel_reader *r, struct rel_item **out)
{
    reader_calls++;
    int status = usable(r);
    return status != 0 ? status : next(r, out);
}

ssize_t rel_reader_read(struct rel_reader *r, void *buf, size_t n)
{
    reader_calls++;
    int status = usable(r);
    if (status != 0)
        return status;
    if (!r->has_entry)
        return fail(r, REL_FAILED, EINVAL, "no current entry");
    const char *name = r->item->name;
    switch (r->mark) {
    case '-': return fail(r, REL_FAILED, EACCES, "entry '%s': permission denied", name);
    case '~': return fail(r, REL_FAILED, ENOENT, "entry '%s': data file not found", name);
    case '$': return fail(r, REL_ODD, 0, NULL);
    case '*':
        if (!r->warned) {
            r->warned = 1;
            return fail(r, REL_WARN, 0, "entry '%s': checksum mismatch", name);
        }
        break;
    default: break;
    }
    if (n > r->left)
        n = r->left;
    if (n > 0)
        memcpy(buf, r->data, n);
    r->data += n;
    r->left -= n;
    return (ssize_t)n;
}

int rel_reader_rewind(struct rel_reader *r)
{
    reader_calls++;
    int status = usable(r);
    if (status != 0)
        return status;
    r->pos = 5;
    r->count = 0;
    r->has_entry = 0;
    return REL_OK;
}

int rel_reader_close(struct rel_reader *r)
{
    reader_calls++;
    int status = usable(r);
    if (status != 0)
        return status;
    r->open = 0;
    r->has_entry = 0;
    r->buf = NULL;
    r->n = r->pos = 0;
    free(r->file);
    r->file = NULL;
    return REL_OK;
}

int rel_reader_count(struct rel_reader *r)
{
    reader_calls++;
    return r->count;
}

const char *rel_reader_errmsg(struct rel_reader *r) { return r->msg[0] ? r->msg : NULL; }

int rel_reader_errno(struct rel_reader *r) { return r->err; }

int rel_first(struct rel_reader *r, struct rel_item **out)
{
    reader_calls++;
    int status = usable(r);
    if (status != 0)
        return status;
    r->pos = 5;
    r->count = 0;
    return next(r, out);
}

/* ---- writers ---- */

struct rel_writer *rel_writer_new(size_t limit)
{
    struct rel_writer *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    if ((w->data = malloc(limit ? limit : 1)) == NULL) {
        free(w);
        return NULL;
    }
    w->limit = limit;
    live_writers++;
    return w;
}

void rel_writer_free(struct rel_writer *w)
{
    if (w != NULL) {
        live_writers--;
        free(w->data);
        free(w);
    }
}

ssize_t rel_writer_write(struct rel_writer *w, const void *buf, size_t n)
{
    const unsigned char *nul = n > 0 ? memchr(buf, '\0', n) : NULL;
    w->msg[0] = '\0';
    if (nul != NULL) {
        snprintf(w->msg, sizeof w->msg, "NUL byte at offset %zu",
                 (size_t)(nul - (const unsigned char *)buf));
        return REL_FAILED;
    }
    size_t room = w->limit - w->len;
    if (n > 0 && room == 0) {
        snprintf(w->msg, sizeof w->msg, "writer is full: %zu bytes dropped", n);
        w->stats.dropped += (int64_t)n;
        return REL_WARN;
    }
    if (n > room) {
        w->stats.dropped += (int64_t)(n - room);
        n = room;
    }
    if (n > 0) {
        memcpy(w->data + w->len, buf, n);
        w->stats.writes++;
        w->stats.written += (int64_t)n;
    }
    w->len += n;
    return (ssize_t)n;
}

const unsigned char *rel_writer_data(struct rel_writer *w, size_t *n)
{
    *n = w->len;
    return w->data;
}

const char *rel_writer_errmsg(struct rel_writer *w) { return w->msg[0] ? w->msg : NULL; }

int rel_writer_stats(struct rel_writer *w, const struct rel_stats **out)
{
    *out = &w->stats;
    return REL_OK;
}

/* ---- counters ---- */

unsigned long rel_reader_calls(void) { return reader_calls; }
int rel_live_items(void) { return live_items; }
int rel_live_readers(void) { return live_readers; }
int rel_live_writers(void) { return live_writers; }
int rel_misuses(void) { return misuses; }
