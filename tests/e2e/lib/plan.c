/* plan.c: the e2e_plan test library (see plan.h). */
#include "plan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

unsigned plan_is_error(size_t code) { return code > (size_t)-100; }

const char *plan_error_name(size_t code) {
    if (code == PLAN_CODE_CORRUPT) return "corrupt data";
    if (code == PLAN_CODE_UNKNOWN) return "unknown data";
    if (code == PLAN_CODE_SMALL) return "destination too small";
    if (code == PLAN_CODE_MODE) return "bad mode";
    return plan_is_error(code) ? "unspecified error" : "no error";
}

size_t plan_count(const void *data, size_t n) {
    const unsigned char *p = data;
    if (n > 0 && p[0] == 'X') return PLAN_CODE_CORRUPT;
    if (n > 0 && p[0] == 'Y') return PLAN_CODE_UNKNOWN;
    return n;
}

int plan_lookup(const char *key, const char **value) {
    if (key[0] == '\0') return PLAN_BADARG;
    *value = strcmp(key, "a") == 0 ? "one" : NULL;
    return PLAN_OK;
}

int plan_find(const char *key, int64_t *value) {
    if (key[0] == '\0') return PLAN_BADARG;
    if (strcmp(key, "a") == 0) {
        *value = 1;
        return PLAN_OK;
    }
    if (strcmp(key, "b") == 0) {
        *value = -(INT64_C(1) << 40);
        return PLAN_OK;
    }
    *value = 99; /* must not be seen: PLAN_END means "no value" */
    return PLAN_END;
}

static const char plan_texts[][8] = {"alpha", "a\0b", "", "h\xc3\xa9llo"};
static const unsigned plan_text_lens[] = {5, 3, 0, 6};

const unsigned char *plan_text(int i, unsigned *n) {
    if (i < 0 || i >= (int)(sizeof plan_text_lens / sizeof plan_text_lens[0])) {
        *n = 0;
        return NULL;
    }
    *n = plan_text_lens[i];
    return (const unsigned char *)plan_texts[i];
}

int plan_encode(const uint8_t *src, plan_size in_size, uint8_t *out, size_t *pos, size_t size) {
    if (*pos > size || in_size > size - *pos) return PLAN_FULL;
    for (plan_size k = 0; k < in_size; k++) out[*pos + k] = src[in_size - 1 - k];
    *pos += (size_t)in_size;
    return PLAN_OK;
}

struct plan_zstream { size_t total; };
static int live_zstreams;

plan_zstream *plan_zstream_new(void) {
    plan_zstream *zs = calloc(1, sizeof *zs);
    if (zs) live_zstreams++;
    return zs;
}

size_t plan_zstream_free(plan_zstream *zs) {
    if (zs) {
        live_zstreams--;
        free(zs);
    }
    return 0;
}

int plan_live_zstreams(void) { return live_zstreams; }

size_t plan_zstream_code(plan_zstream *zs, plan_outbuf *out, plan_inbuf *in, int mode) {
    if (mode < 0) return PLAN_CODE_MODE;
    size_t n = in->size - in->pos, room = out->size - out->pos;
    if (n > room) n = room;
    const unsigned char *s = (const unsigned char *)in->src + in->pos;
    unsigned char *d = (unsigned char *)out->dst + out->pos;
    for (size_t k = 0; k < n; k++) d[k] = (unsigned char)toupper(s[k]);
    in->pos += n;
    out->pos += n;
    zs->total += n;
    return in->size - in->pos;
}

size_t plan_zpack(void *dst, size_t cap, const void *src, size_t n) {
    if (cap < n) return PLAN_CODE_SMALL;
    const unsigned char *s = src;
    unsigned char *d = dst;
    for (size_t k = 0; k < n; k++) d[k] = s[n - 1 - k];
    return n;
}

static int live_messages;

void plan_free(void *p) {
    if (p) {
        live_messages--;
        free(p);
    }
}

int plan_live_messages(void) { return live_messages; }

int plan_run(const char *sql, char **errmsg, const char **tail) {
    const char *semi = strchr(sql, ';');
    *tail = semi ? semi + 1 : NULL;
    if (strncmp(sql, "bad", 3) == 0) {
        static const char text[] = "cannot run: bad";
        char *msg = malloc(sizeof text);
        if (msg) {
            memcpy(msg, text, sizeof text);
            live_messages++;
        }
        *errmsg = msg;
        return 1;
    }
    return 0;
}

int plan_sum(const plan_item *items) {
    int sum = 0;
    for (; items->kind != PLAN_KIND_END; items++) {
        const plan_opts *o = items->opts;
        sum += o ? (int)o->level + (o->fast ? 1000 : 0) : 1;
    }
    return sum;
}

struct plan_db {
    char *path;
    const char *msg;
};
static int live_dbs;

int plan_open(const char *path, plan_db **db) {
    plan_db *h = calloc(1, sizeof *h);
    *db = h;
    if (!h) return PLAN_NOMEM;
    live_dbs++;
    size_t n = strlen(path) + 1;
    h->path = malloc(n);
    if (!h->path) return PLAN_NOMEM;
    memcpy(h->path, path, n);
    if (path[0] == '\0') {
        h->msg = "cannot open an empty path";
        return PLAN_BUSY;
    }
    return PLAN_OK;
}

const char *plan_errmsg(plan_db *db) { return db ? db->msg : NULL; }

int plan_close(plan_db *db) {
    if (db) {
        live_dbs--;
        free(db->path);
        free(db);
    }
    return PLAN_OK;
}

const char *plan_db_path(const plan_db *db) { return db->path; }

int plan_db_fail(plan_db *db, int status) {
    db->msg = "failed on purpose";
    return status;
}

int plan_live_dbs(void) { return live_dbs; }
