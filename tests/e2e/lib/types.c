/* types.c: the e2e_types test library (see types.h), all but its classes (types_classes.c):
 * counters, owned results, text, buffers, enums and the error conventions. Owned results
 * come from types_alloc, whose header carries a magic word that types_free clears: a double
 * free or a free of a foreign pointer is counted in TYPES_BAD_FREES instead of corrupting
 * the heap. */
#include "types.h"
#include "types_impl.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALLOC_MAGIC 0xA110C8EDu

int64_t types_stats[TYPES_STAT_COUNT];
char types_last_error_text[128];

int64_t types_stat(types_stat_id which)
{
    return which >= 0 && which < TYPES_STAT_COUNT ? types_stats[which] : -1;
}

typedef union header {
    max_align_t align;
    struct {
        uint32_t magic;
    } h;
} header;

void *types_alloc(size_t size)
{
    header *block = malloc(sizeof(header) + size);
    if (block == NULL)
        return NULL;
    block->h.magic = ALLOC_MAGIC;
    types_stats[TYPES_ALLOCS]++;
    return block + 1;
}

void types_free(void *p)
{
    header *block = (header *)p - 1;
    if (p == NULL || block->h.magic != ALLOC_MAGIC) {
        types_stats[TYPES_BAD_FREES]++;
        return;
    }
    block->h.magic = 0;
    types_stats[TYPES_FREES]++;
    free(block);
}

char *types_dup_text(const char *s)
{
    char *copy = types_alloc(strlen(s) + 1);
    return copy ? strcpy(copy, s) : NULL;
}

void types_set_error(const char *text)
{
    snprintf(types_last_error_text, sizeof types_last_error_text, "%s", text);
}

/* Text. */

size_t types_strlen(const char *s) { return strlen(s); }
const char *types_echo(const char *s) { return s; }
const char *types_version(void) { return "types 1.0 \xc3\xa9t\xc3\xa9 \xf0\x9f\x90\x8d"; }
const char *types_null_str(void) { return NULL; }
char *types_null_string(void) { return NULL; }
char *types_bad_utf8(void) { return types_dup_text("ok \xff\xfe bad"); }
const char *types_bad_utf8_borrowed(void) { return "\xc3("; }

char *types_concat(const char *a, const char *b)
{
    char *out = types_alloc(strlen(a) + strlen(b) + 1);
    if (out != NULL)
        strcat(strcpy(out, a), b);
    return out;
}

char *types_upper(const char *s)
{
    char *out = types_dup_text(s);
    for (char *c = out; c != NULL && *c; c++)
        *c = (char)toupper((unsigned char)*c);
    return out;
}

const char *types_lookup(const char *key)
{
    if (key == NULL)
        return "<none>";
    if (strcmp(key, "red") == 0)
        return "#ff0000";
    return NULL;
}

char *types_maybe_dup(const char *s) { return s ? types_dup_text(s) : NULL; }

/* Buffers. */

#define SUM(name, T, R)                                                                    \
    R name(const T *v, size_t n)                                                           \
    {                                                                                      \
        R total = 0;                                                                       \
        for (size_t i = 0; i < n; i++)                                                     \
            total += (R)v[i];                                                              \
        return total;                                                                      \
    }
SUM(types_sum_i8, int8_t, int64_t)
SUM(types_sum_u8, uint8_t, uint64_t)
SUM(types_sum_u16, uint16_t, uint64_t)
SUM(types_sum_i32, int32_t, int64_t)
SUM(types_sum_i64, int64_t, int64_t)
SUM(types_sum_u64, uint64_t, uint64_t)
SUM(types_sum_f32, float, double)
SUM(types_sum_f64, double, double)

size_t types_addr(const uint8_t *v, size_t n)
{
    (void)n;
    return (size_t)(uintptr_t)v;
}

void types_fill(uint8_t *v, size_t n, uint8_t value) { memset(v, value, n); }

void types_scale(double *v, size_t n, double k)
{
    for (size_t i = 0; i < n; i++)
        v[i] *= k;
}

void types_negate(int32_t *v, size_t n)
{
    /* Two's complement, as C's unsigned arithmetic wraps: -INT32_MIN stays INT32_MIN. */
    for (size_t i = 0; i < n; i++)
        v[i] = (int32_t)(0u - (uint32_t)v[i]);
}

/* A Vec result of n items (NULL for none), item i set by the statement `fill`. */
#define VEC(name, T, params, fill)                                                         \
    T *name params                                                                         \
    {                                                                                      \
        /* More items than a size_t of bytes can count: NULL with the length, an error. */ \
        T *v = n && n <= SIZE_MAX / sizeof *v ? types_alloc(n * sizeof *v) : NULL;         \
        *out_len = v || n > SIZE_MAX / sizeof *v ? n : 0;                                  \
        for (size_t i = 0; v != NULL && i < n; i++)                                        \
            fill;                                                                          \
        return v;                                                                          \
    }
VEC(types_iota_bytes, uint8_t, (size_t n, size_t *out_len), v[i] = (uint8_t)i)
VEC(types_range, int32_t, (int32_t start, size_t n, size_t *out_len),
    v[i] = (int32_t)((uint32_t)start + (uint32_t)i))
VEC(types_halves, double, (size_t n, size_t *out_len), v[i] = (double)i / 2)
VEC(types_powers, uint64_t, (size_t n, size_t *out_len), v[i] = (uint64_t)1 << (i % 64))

int32_t *types_broken_vec(size_t *out_len)
{
    *out_len = 3;
    return NULL;
}

/* Enums. */

types_color types_next_color(types_color c)
{
    return c == TYPES_RED ? TYPES_GREEN : c == TYPES_GREEN ? TYPES_BLUE : TYPES_RED;
}

int32_t types_color_value(types_color c) { return (int32_t)c; }
types_perm types_perm_union(types_perm a, types_perm b) { return (types_perm)(a | b); }
uint32_t types_perm_bits(types_perm p) { return (uint32_t)p; }
types_color types_bad_color(void) { return (types_color)5; }

/* Error conventions. */

const char *types_strerror(int status)
{
    static const char *const texts[] = {"no error", "empty input", "not a number",
                                        "out of range", "negative value"};
    return status >= 0 && status < 5 ? texts[status] : NULL;
}

const char *types_last_error(void) { return types_last_error_text; }

int types_parse_int(const char *s, int32_t *out)
{
    char *end;
    long long v;
    if (*s == '\0')
        return 1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (*end != '\0')
        return 2;
    if (errno == ERANGE || v < INT32_MIN || v > INT32_MAX)
        return 3;
    *out = (int32_t)v;
    return 0;
}

int types_check(int32_t code) { return code; }

int types_raw(int32_t code, uint8_t *out)
{
    *out = 7;
    return code;
}

int types_format(int32_t v, char **out)
{
    char text[32];
    if (v < 0)
        return 4;
    snprintf(text, sizeof text, "<%d>", (int)v);
    *out = types_dup_text(text);
    return 0;
}

int types_bag_parse(const char *spec, Bag **out)
{
    char name[32];
    unsigned cap;
    if (sscanf(spec, "%31[^:]:%u", name, &cap) != 2)
        return 2;
    if (cap == 0 || cap > TYPES_MAX_CAP)
        return 3;
    *out = bag_new(name, cap);
    return 0;
}

int types_status_name(int32_t code, const char **out)
{
    static const char *const names[] = {"zero", "one", "many"};
    if (code < 0)
        return 3;
    *out = names[code < 2 ? code : 2];
    return 0;
}

int types_point_parse(const char *text, Point *out)
{
    double x, y;
    char end;
    if (sscanf(text, "%lf,%lf%c", &x, &y, &end) != 2)
        return 2;
    *out = point_new(x, y);
    return 0;
}

const char *types_find(const char *key)
{
    if (strcmp(key, "answer") == 0)
        return "42";
    snprintf(types_last_error_text, sizeof types_last_error_text, "no key '%s'", key);
    return NULL;
}

char *types_dup_checked(const char *s)
{
    if (*s == '\0') {
        types_set_error("empty string");
        return NULL;
    }
    return types_dup_text(s);
}

const char *types_missing(bool fail) { return fail ? NULL : "present"; }
char *types_missing_owned(bool fail) { return fail ? NULL : types_dup_text("present"); }

int32_t types_sys_check(int32_t err)
{
    if (err == 0)
        return 42;
    errno = err;
    return -1;
}

int types_sys_touch(int32_t err) { return types_sys_check(err) == -1 ? -1 : 0; }

char *types_sys_name(int32_t err)
{
    if (err != 0) {
        errno = err;
        return NULL;
    }
    return types_dup_text("sys");
}

int32_t types_sys_quiet(void) { return -1; }

uint32_t types_sys_count(int32_t err) { return types_sys_check(err) == -1 ? UINT32_MAX : 7; }

Bag *types_sys_bag(int32_t err) { return types_sys_check(err) == -1 ? NULL : bag_new("sys", 1); }
