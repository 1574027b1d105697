/* relations.h: "rel", the e2e_relations test library: a small archive-like reader (not
 * libarchive) whose API has the object relations real C libraries have and the glue
 * describes: a reader that keeps reading the bytes, the name and the template item it was
 * given after the call returned; one internal item it lends through an out-handle and
 * overwrites at each step; records with non-const getters, a clone and a setter taking an
 * extra argument; statuses that mean "the end", a warning or "broken from now on", with a
 * message and an errno read from the handle; data calls returning a count or a negative
 * status. Every reader call is counted (rel_reader_calls) so tests can prove a call did
 * not reach C, and items are quarantined when freed, so a use of a freed item is caught
 * (rel_misuses) instead of reading freed memory. */
#ifndef E2E_RELATIONS_H
#define E2E_RELATIONS_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h> /* ssize_t */

/* Statuses. REL_END: no more entries. Negative statuses are failures, except REL_WARN and
 * REL_NOTE (the call did its work, with something to say); after REL_FATAL the reader
 * only fails. */
#define REL_OK 0
#define REL_END 1
#define REL_FAILED (-10)
#define REL_WARN (-20)
#define REL_NOTE (-25)
#define REL_FATAL (-30)
/* What a '$' entry's data read returns: a status rel has no message for. */
#define REL_ODD (-42)

/* The in-memory format:
 *   "REL1\n", then entries: [MARK]NAME SIZE [SECONDS]\n followed by SIZE bytes of data.
 * An entry without SECONDS takes the time (and nanoseconds) of the reader's template item,
 * or 0. MARK (optional) makes the entry special:
 *   '!'  rel_reader_next returns REL_WARN ("... unknown header field ignored")
 *   '?'  rel_reader_next returns REL_NOTE ("... name was shortened")
 *   '#'  rel_reader_next returns REL_FATAL ("... corrupt header", errno EILSEQ)
 *   '-'  rel_reader_read returns REL_FAILED ("... permission denied", errno EACCES)
 *   '~'  rel_reader_read returns REL_FAILED ("... data file not found", errno ENOENT)
 *   '*'  the first rel_reader_read returns REL_WARN ("... checksum mismatch"), then data
 *   '$'  rel_reader_read returns REL_ODD, with no message and errno 0
 * A header that does not parse, or data past the end, is REL_FATAL (errno EILSEQ). */

struct rel_item;
struct rel_reader;
struct rel_writer;

/* A text for a status ("end of archive", "fatal error", ...). */
const char *rel_strerror(int status);

/* Records. rel_item_clone copies every field; getters take a non-const pointer, as some
 * libraries declare them. */
struct rel_item *rel_item_new(void);
void rel_item_free(struct rel_item *item);
struct rel_item *rel_item_clone(struct rel_item *item);
const char *rel_item_name(struct rel_item *item);           /* NULL when unset */
void rel_item_set_name(struct rel_item *item, const char *name); /* copied; NULL unsets */
int64_t rel_item_size(struct rel_item *item);
void rel_item_set_size(struct rel_item *item, int64_t size);
int64_t rel_item_time(struct rel_item *item);
long rel_item_nsec(struct rel_item *item);
void rel_item_set_time(struct rel_item *item, int64_t sec, long nsec);

/* Readers. */
struct rel_reader *rel_reader_new(void);
/* Frees the reader and its item (items it lent die with it). REL_OK. */
int rel_reader_free(struct rel_reader *r);
/* Reads from buf, which must stay valid and unchanged until the reader is closed or freed:
 * it is not copied. REL_FATAL (errno EILSEQ) when buf is not a rel archive, REL_FAILED
 * (errno EBUSY) when the reader is already open. */
int rel_reader_open_memory(struct rel_reader *r, const void *buf, size_t n);
/* Reads the file at path into memory of its own: REL_FATAL with fopen's errno when it
 * cannot be opened, REL_FAILED with fread's errno when it cannot be read (a directory). */
int rel_reader_open_file(struct rel_reader *r, const char *path);
/* The name used in messages, "NAME: entry K: ...". Not copied: name must stay valid. */
void rel_reader_set_name(struct rel_reader *r, const char *name);
const char *rel_reader_name(struct rel_reader *r);
/* Entries without a time take tmpl's. Not copied: tmpl must stay alive. */
int rel_reader_set_template(struct rel_reader *r, struct rel_item *tmpl);
/* Points *out at the reader's one item, overwritten with the next entry: REL_OK, REL_WARN
 * or REL_NOTE (*out set), REL_END (no more entries), REL_FAILED (not open), REL_FATAL. */
int rel_reader_next(struct rel_reader *r, struct rel_item **out);
/* Up to n bytes of the current entry's data into buf: the count (0 at the end of the
 * entry), or a negative status (see the marks above; REL_FAILED with errno EINVAL when
 * there is no current entry). */
ssize_t rel_reader_read(struct rel_reader *r, void *buf, size_t n);
/* Back to the first entry: the item is reused. */
int rel_reader_rewind(struct rel_reader *r);
/* Stops reading (the reader lives on, not open): REL_FAILED (errno EBADF) if not open. */
int rel_reader_close(struct rel_reader *r);
/* Entries read since open or rewind. */
int rel_reader_count(struct rel_reader *r);
/* The last failure's message (NULL if none) and errno (0 if none). */
const char *rel_reader_errmsg(struct rel_reader *r);
int rel_reader_errno(struct rel_reader *r);
/* Rewinds r and points *out at its item, filled with the first entry: as rel_reader_next. */
int rel_first(struct rel_reader *r, struct rel_item **out);

/* Writers: an in-memory sink of at most limit bytes, refusing NUL bytes. */
struct rel_stats {
    int64_t writes;  /* write calls that took bytes */
    int64_t written; /* bytes taken */
    int64_t dropped; /* bytes refused for want of room */
};
struct rel_writer *rel_writer_new(size_t limit);
void rel_writer_free(struct rel_writer *w);
/* The count taken (a short count when the room ends), REL_WARN when there was no room at
 * all (nothing written), REL_FAILED when data holds a NUL byte (nothing written). */
ssize_t rel_writer_write(struct rel_writer *w, const void *buf, size_t n);
const unsigned char *rel_writer_data(struct rel_writer *w, size_t *n);
const char *rel_writer_errmsg(struct rel_writer *w);
/* Points *out at the writer's statistics, which it updates at every write: REL_OK. */
int rel_writer_stats(struct rel_writer *w, const struct rel_stats **out);

/* Counters for the tests. */
unsigned long rel_reader_calls(void); /* rel_reader_* calls (but errmsg, errno) and rel_first */
int rel_live_items(void);
int rel_live_readers(void);
int rel_live_writers(void);
int rel_misuses(void); /* uses of a freed item caught by the quarantine */

#endif
