/* kvstore.c: the implementation of kvstore.h, a fixed-capacity in-memory key-value store.
 *
 * Entries live in an array inside the store, appended in insertion order and never moved
 * or removed, so a KvEntry pointer stays valid until the store is closed. Lookups are
 * linear: with KV_MAX_ENTRIES at 16 that is as fast as anything cleverer. */
#include "kvstore.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct KvStore {
    char name[KV_MAX_NAME + 1];
    KvMode mode;
    unsigned flags;
    /* Behind a pointer so that the read functions, which take a const KvStore *, can still
     * count themselves: the counters are bookkeeping, not part of the store's contents. */
    KvStats *stats;
    size_t count;
    KvEntry entries[KV_MAX_ENTRIES];
};

/* KV_STRINGIFY(KV_MAX_KEY) is "32": the limit spelled into a message at compile time. */
#define KV_STRINGIFY_(x) #x
#define KV_STRINGIFY(x) KV_STRINGIFY_(x)

/* Per thread, like errno, so that one thread's failure does not overwrite another's. */
static _Thread_local char last_error[128];

/* The entry holding key, or NULL. */
static KvEntry *find_entry(const KvStore *kv, const char *key)
{
    for (size_t i = 0; i < kv->count; i++) {
        if (strcmp(kv->entries[i].key, key) == 0)
            return (KvEntry *)&kv->entries[i];
    }
    return NULL;
}

/* Whether key fits in KvEntry.key: strnlen would do, but it is POSIX, not C11. */
static int valid_key(const char *key)
{
    size_t n = 0;
    while (n <= KV_MAX_KEY && key[n] != '\0')
        n++;
    return n >= 1 && n <= KV_MAX_KEY;
}

/* Append a new entry taking over value (which may be NULL when len is 0). The caller has
 * checked that the key is valid, absent, and that there is room. */
static void append_entry(KvStore *kv, const char *key, uint8_t *value, size_t len)
{
    KvEntry *e = &kv->entries[kv->count];
    strcpy(e->key, key);
    e->value = value;
    e->len = len;
    e->next = NULL;
    if (kv->count > 0)
        kv->entries[kv->count - 1].next = e;
    kv->count++;
    kv->stats->bytes += len;
}

/* Give entry e a new value, releasing the old one. */
static void replace_value(KvStore *kv, KvEntry *e, uint8_t *value, size_t len)
{
    kv->stats->bytes -= e->len;
    free(e->value);
    e->value = value;
    e->len = len;
    kv->stats->bytes += len;
}

KvStore *kv_open(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > KV_MAX_NAME) {
        snprintf(last_error, sizeof last_error, "store names are 1 to %d characters long",
                 KV_MAX_NAME);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
            snprintf(last_error, sizeof last_error,
                     "bad store name '%s': use only a-z, 0-9, '_' and '-'", name);
            return NULL;
        }
    }
    KvStore *kv = calloc(1, sizeof *kv);
    KvStats *stats = calloc(1, sizeof *stats);
    if (kv == NULL || stats == NULL) {
        free(kv);
        free(stats);
        snprintf(last_error, sizeof last_error, "out of memory");
        return NULL;
    }
    memcpy(kv->name, name, n + 1);
    kv->mode = KV_READ_WRITE;
    kv->stats = stats;
    return kv;
}

const char *kv_last_error(void)
{
    return last_error;
}

void kv_close(KvStore *kv)
{
    if (kv == NULL)
        return;
    for (size_t i = 0; i < kv->count; i++)
        free(kv->entries[i].value);
    free(kv->stats);
    free(kv);
}

const char *kv_name(const KvStore *kv)
{
    return kv->name;
}

int kv_put(KvStore *kv, const char *key, const uint8_t *value, size_t len)
{
    if (kv->mode == KV_READ_ONLY)
        return KV_EREADONLY;
    if (!valid_key(key))
        return KV_EKEY;
    KvEntry *e = find_entry(kv, key);
    if (e != NULL && (kv->flags & KV_NO_OVERWRITE))
        return KV_EEXIST;
    if (e == NULL && kv->count == KV_MAX_ENTRIES)
        return KV_EFULL;
    /* Copy first, so that a failed allocation leaves the store as it was. An empty value
     * is stored as NULL: malloc(0) may return NULL, which must not read as a failure. */
    uint8_t *copy = NULL;
    if (len > 0) {
        copy = malloc(len);
        if (copy == NULL)
            return KV_ENOMEM;
        memcpy(copy, value, len);
    }
    if (e != NULL)
        replace_value(kv, e, copy, len);
    else
        append_entry(kv, key, copy, len);
    kv->stats->puts++;
    return KV_OK;
}

void kv_merge(KvStore *dst, KvStore *src)
{
    /* The values' buffers move from src to dst as they are; nothing is copied. */
    for (size_t i = 0; i < src->count; i++) {
        KvEntry *from = &src->entries[i];
        KvEntry *to = find_entry(dst, from->key);
        if (to != NULL)
            replace_value(dst, to, from->value, from->len);
        else if (dst->count < KV_MAX_ENTRIES)
            append_entry(dst, from->key, from->value, from->len);
        else
            free(from->value);
        from->value = NULL;
    }
    src->count = 0;
    kv_close(src);
}

size_t kv_len(const KvStore *kv)
{
    return kv->count;
}

char *kv_get_text(const KvStore *kv, const char *key)
{
    const KvEntry *e = find_entry(kv, key);
    if (e == NULL)
        return NULL;
    char *text = malloc(e->len + 1);
    if (text == NULL)
        return NULL;
    if (e->len > 0)
        memcpy(text, e->value, e->len);
    text[e->len] = '\0';
    kv->stats->gets++;
    return text;
}

uint8_t *kv_get(const KvStore *kv, const char *key, size_t *out_len)
{
    *out_len = 0;
    const KvEntry *e = find_entry(kv, key);
    if (e == NULL)
        return NULL;
    kv->stats->gets++;
    if (e->len == 0)
        return NULL; /* nothing to copy, and malloc(0) need not return a unique pointer */
    uint8_t *copy = malloc(e->len);
    if (copy == NULL)
        return NULL;
    memcpy(copy, e->value, e->len);
    *out_len = e->len;
    return copy;
}

int kv_size(const KvStore *kv, const char *key, size_t *out)
{
    const KvEntry *e = find_entry(kv, key);
    if (e == NULL)
        return KV_ENOTFOUND;
    *out = e->len;
    return KV_OK;
}

int kv_read_into(const KvStore *kv, const char *key, uint8_t *buf, size_t cap, size_t *out)
{
    const KvEntry *e = find_entry(kv, key);
    if (e == NULL)
        return KV_ENOTFOUND;
    if (e->len > cap)
        return KV_ESPACE;
    if (e->len > 0)
        memcpy(buf, e->value, e->len);
    *out = e->len;
    kv->stats->gets++;
    return KV_OK;
}

uint32_t *kv_sizes(const KvStore *kv, size_t *out_len)
{
    *out_len = 0;
    if (kv->count == 0)
        return NULL;
    uint32_t *sizes = malloc(kv->count * sizeof *sizes);
    if (sizes == NULL)
        return NULL;
    for (size_t i = 0; i < kv->count; i++) {
        /* A value over 4 GiB is reported as UINT32_MAX rather than wrapped around. */
        size_t len = kv->entries[i].len;
        sizes[i] = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
    }
    *out_len = kv->count;
    return sizes;
}

KvStats kv_stats(const KvStore *kv)
{
    return *kv->stats;
}

const KvEntry *kv_first(const KvStore *kv)
{
    return kv->count > 0 ? &kv->entries[0] : NULL;
}

const KvEntry *kv_find(const KvStore *kv, const char *prefix)
{
    if (prefix == NULL)
        return kv_first(kv);
    size_t n = strlen(prefix);
    for (size_t i = 0; i < kv->count; i++) {
        if (strncmp(kv->entries[i].key, prefix, n) == 0)
            return &kv->entries[i];
    }
    return NULL;
}

const KvEntry *kv_entry_next(const KvEntry *e)
{
    return e->next;
}

const char *kv_entry_key(const KvEntry *e)
{
    return e->key;
}

size_t kv_entry_len(const KvEntry *e)
{
    return e->len;
}

uint64_t kv_stats_puts(const KvStats *s)
{
    return s->puts;
}

uint64_t kv_stats_gets(const KvStats *s)
{
    return s->gets;
}

uint64_t kv_stats_bytes(const KvStats *s)
{
    return s->bytes;
}

KvMode kv_mode(const KvStore *kv)
{
    return kv->mode;
}

void kv_set_mode(KvStore *kv, KvMode mode)
{
    kv->mode = mode;
}

unsigned kv_flags(const KvStore *kv)
{
    return kv->flags;
}

void kv_set_flags(KvStore *kv, unsigned flags)
{
    /* Unknown bits are dropped, so that kv_flags() reports only what is in effect. */
    kv->flags = flags & (KV_NO_OVERWRITE | KV_EXPORT_HEX);
}

/* Write one value: hex digits, or text with anything unprintable (and the backslash that
 * introduces escapes) written as \xNN, so that every value stays on one line. */
static void write_value(FILE *f, const KvEntry *e, int hex)
{
    for (size_t i = 0; i < e->len; i++) {
        unsigned char c = e->value[i];
        if (hex)
            fprintf(f, "%02x", c);
        else if (c >= 0x20 && c < 0x7f && c != '\\')
            fputc(c, f);
        else
            fprintf(f, "\\x%02x", c);
    }
}

int kv_export(const KvStore *kv, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1; /* fopen set errno */
    /* A successful fopen may leave errno set (glibc probes the file with isatty, say);
     * clear it so that the check below sees only what writing the file set. */
    errno = 0;
    fprintf(f, "# kvstore %s: %zu entries%s\n", kv->name, kv->count,
            (kv->flags & KV_EXPORT_HEX) ? ", hex values" : "");
    for (const KvEntry *e = kv_first(kv); e != NULL; e = e->next) {
        fprintf(f, "%s=", e->key);
        write_value(f, e, (kv->flags & KV_EXPORT_HEX) != 0);
        fputc('\n', f);
    }
    /* Check once at the end: stdio errors are sticky. Keep the first errno, and make sure
     * one is set, since C (unlike POSIX) does not promise that stdio sets it. */
    int failed = ferror(f);
    int saved = errno;
    if (fclose(f) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        errno = saved != 0 ? saved : EIO;
        return -1;
    }
    return 0;
}

const char *kv_strerror(int status)
{
    switch (status) {
    case KV_OK: return "success";
    case KV_EKEY: return "keys are 1 to " KV_STRINGIFY(KV_MAX_KEY) " bytes long";
    case KV_EFULL: return "the store is full";
    case KV_ENOTFOUND: return "no such key";
    case KV_EREADONLY: return "the store is read-only";
    case KV_EEXIST: return "the key exists and overwriting is off";
    case KV_ESPACE: return "the buffer is too small for the value";
    case KV_ENOMEM: return "out of memory";
    default: return "unknown kvstore status";
    }
}

const char *kv_version(void)
{
    return KV_VERSION;
}

void kv_free(void *p)
{
    free(p);
}
