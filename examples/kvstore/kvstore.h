/* kvstore.h: a small in-memory key-value store, the C library behind the `kvstore` example.
 *
 * A store is an opaque KvStore handle holding up to KV_MAX_ENTRIES byte-string values under
 * text keys, in insertion order. It reports errors the three ways C libraries usually do,
 * so that glue.in can show each of cbindgen-py's error conventions on real code:
 *
 *  - kv_open() returns NULL and leaves a message for kv_last_error() (like dlopen/dlerror);
 *  - most operations return a KvStatus (0 = KV_OK) that kv_strerror() describes, with any
 *    result coming back through a trailing out-parameter;
 *  - kv_export() touches the file system and returns -1 with errno set, like POSIX calls.
 *
 * Memory that a function returns to the caller (kv_get_text, kv_get, kv_sizes) must be
 * released with kv_free(). Everything else is borrowed from the store and valid until the
 * store changes or is closed. The library is not thread-safe: one store, one thread.
 */
#ifndef KVSTORE_H
#define KVSTORE_H

#include <stddef.h>
#include <stdint.h>

#define KV_VERSION "1.0.0"
/* Longest key and store name, in bytes, not counting the terminating NUL. */
#define KV_MAX_KEY 32
#define KV_MAX_NAME 32
/* A store's capacity. Small and fixed: entries never move, so pointers to them stay valid
 * for the life of the store (kv_first() and kv_entry_next() rely on it). */
#define KV_MAX_ENTRIES 16

/* Status codes: every int-returning function except kv_export() returns one of these. */
typedef enum KvStatus {
    KV_OK = 0,
    KV_EKEY = 1,      /* the key is empty or longer than KV_MAX_KEY */
    KV_EFULL = 2,     /* the store already holds KV_MAX_ENTRIES keys */
    KV_ENOTFOUND = 3, /* no such key */
    KV_EREADONLY = 4, /* the store is in KV_READ_ONLY mode */
    KV_EEXIST = 5,    /* the key exists and KV_NO_OVERWRITE is set */
    KV_ESPACE = 6,    /* the caller's buffer is too small for the value */
    KV_ENOMEM = 7     /* out of memory */
} KvStatus;

/* What a store allows. A new store is KV_READ_WRITE. */
typedef enum KvMode {
    KV_READ_ONLY = 0,
    KV_READ_WRITE = 1
} KvMode;

/* Behaviour switches, OR-ed together into the `unsigned` that kv_set_flags() takes. */
enum {
    KV_NO_OVERWRITE = 1, /* kv_put() refuses to replace an existing key (KV_EEXIST) */
    KV_EXPORT_HEX = 2    /* kv_export() writes values as hex rather than escaped text */
};

/* The store: opaque, since callers only ever hold a pointer to one. */
typedef struct KvStore KvStore;

/* One key and its value. The layout is public so that callers (and binding layers) can
 * hold and size it, but it belongs to the store: read it through the accessors below and
 * never write to it. `value` is replaced by kv_put() on the same key. */
typedef struct KvEntry {
    char key[KV_MAX_KEY + 1];
    uint8_t *value;
    size_t len;
    const struct KvEntry *next; /* the next entry in insertion order, or NULL */
} KvEntry;

/* Counters, returned by value so that a snapshot does not change under the caller. */
typedef struct KvStats {
    uint64_t puts;  /* successful kv_put() calls */
    uint64_t gets;  /* reads that found their key */
    uint64_t bytes; /* bytes of values held now */
} KvStats;

/* Opening and closing. */

/* A new, empty store. Names are 1..KV_MAX_NAME characters from a-z, 0-9, '_' and '-', so
 * that they can appear in file names and export headers unquoted. NULL on a bad name or
 * out of memory; kv_last_error() then says why. */
KvStore *kv_open(const char *name);
/* The reason the last failed kv_open() on this thread failed ("" if none did). */
const char *kv_last_error(void);
/* Free the store and every value in it. kv_close(NULL) does nothing. */
void kv_close(KvStore *kv);
/* The name the store was opened with. */
const char *kv_name(const KvStore *kv);

/* Writing. */

/* Store a copy of value[0..len) under key, replacing any value the key had. */
int kv_put(KvStore *kv, const char *key, const uint8_t *value, size_t len);
/* Move every entry of src into dst, replacing values of keys both have, and free src:
 * kv_merge takes ownership of src, whose handle must not be used afterwards. Entries
 * that do not fit into dst are dropped. Merging is the owner's operation and cannot
 * fail, so it ignores dst's mode and KV_NO_OVERWRITE. */
void kv_merge(KvStore *dst, KvStore *src);

/* Reading. */

/* The number of keys. */
size_t kv_len(const KvStore *kv);
/* A NUL-terminated copy of key's value (release with kv_free), or NULL if there is no such
 * key or memory ran out. A value with an embedded NUL ends there. */
char *kv_get_text(const KvStore *kv, const char *key);
/* A copy of key's value (release with kv_free), its length in *out_len. NULL and 0 if there
 * is no such key; an empty value may also come back as NULL and 0. */
uint8_t *kv_get(const KvStore *kv, const char *key, size_t *out_len);
/* The length of key's value in *out. */
int kv_size(const KvStore *kv, const char *key, size_t *out);
/* Copy key's value into buf[0..cap) and its length into *out, without allocating:
 * KV_ESPACE (and nothing copied) if cap is too small. */
int kv_read_into(const KvStore *kv, const char *key, uint8_t *buf, size_t cap, size_t *out);
/* The length of every value, in insertion order (release with kv_free), their number in
 * *out_len. NULL and 0 for an empty store. */
uint32_t *kv_sizes(const KvStore *kv, size_t *out_len);
/* A snapshot of the counters. */
KvStats kv_stats(const KvStore *kv);

/* Walking the entries: borrowed pointers into the store, valid until it is closed. */

/* The first entry in insertion order, or NULL for an empty store. */
const KvEntry *kv_first(const KvStore *kv);
/* The first entry whose key starts with prefix; a NULL prefix matches any key. */
const KvEntry *kv_find(const KvStore *kv, const char *prefix);
/* The entry after e, or NULL after the last one. */
const KvEntry *kv_entry_next(const KvEntry *e);
/* e's key. */
const char *kv_entry_key(const KvEntry *e);
/* The length of e's value. */
size_t kv_entry_len(const KvEntry *e);

/* Reading a KvStats snapshot (accessors, so that bindings need not know the layout). */
uint64_t kv_stats_puts(const KvStats *s);
uint64_t kv_stats_gets(const KvStats *s);
uint64_t kv_stats_bytes(const KvStats *s);

/* Settings. */

KvMode kv_mode(const KvStore *kv);
void kv_set_mode(KvStore *kv, KvMode mode);
/* The KV_NO_OVERWRITE / KV_EXPORT_HEX bits in effect. */
unsigned kv_flags(const KvStore *kv);
void kv_set_flags(KvStore *kv, unsigned flags);

/* Files. */

/* Write the store to path as text: a header line, then `key=value` lines in insertion
 * order. 0 on success; -1 with errno set if the file cannot be opened or written. */
int kv_export(const KvStore *kv, const char *path);

/* Everything else. */

/* A short description of a KvStatus; never NULL. */
const char *kv_strerror(int status);
/* The library's version, KV_VERSION, for checking what was linked at run time. */
const char *kv_version(void);
/* Release memory returned by kv_get_text, kv_get and kv_sizes. Use it rather than free():
 * the library and its caller may use different allocators (a DLL on Windows, a debug
 * malloc), and only the library knows which one its memory came from. */
void kv_free(void *p);

#endif /* KVSTORE_H */
