/* types.h: the C library behind the e2e_types test module (tests/e2e/types.in), one small
 * function per row of the glue language's type table: strings, buffers, Vec results,
 * classes passed by value, borrowed and moved, enums, and the three error conventions.
 * Everything the wrapper must release is counted (see types_stat), so the tests can check
 * that each allocation is freed exactly once and that no freed or foreign pointer comes
 * back. */
#ifndef E2E_TYPES_H
#define E2E_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TYPES_ANSWER 42
#define TYPES_BIG UINT64_MAX
#define TYPES_RATIO 0.5
#define TYPES_NAME "e2e types library"
#define TYPES_MAX_CAP 64

/* Counters read by types_stat; the tests compare them before and after each check. */
typedef enum types_stat_id {
    TYPES_ALLOCS = 0,     /* String/Vec results allocated by types_alloc */
    TYPES_FREES = 1,      /* ... and released through types_free */
    TYPES_BAD_FREES = 2,  /* types_free on a pointer types_alloc did not return (or twice) */
    TYPES_BAGS_NEW = 3,   /* Bag handles created */
    TYPES_BAGS_FREED = 4, /* Bag handles freed by bag_free or a consuming function */
    TYPES_BAD_BAGS = 5,   /* Bag functions given a freed or foreign handle */
    TYPES_TOKENS_NEW = 6, /* Token values created */
    TYPES_TOKENS_DROPPED = 7,
    TYPES_DOUBLE_DROPS = 8, /* token_drop on a value already dropped */
    TYPES_STAT_COUNT
} types_stat_id;
int64_t types_stat(types_stat_id which);

/* Owned results: types_free releases what types_alloc returned, and nothing else. */
void *types_alloc(size_t size);
void types_free(void *p);

/* Text. */
size_t types_strlen(const char *s);
const char *types_echo(const char *s);
const char *types_version(void);
char *types_concat(const char *a, const char *b);
char *types_upper(const char *s);
const char *types_lookup(const char *key);  /* NULL key: "<none>"; unknown key: NULL */
char *types_maybe_dup(const char *s);       /* NULL gives NULL */
const char *types_null_str(void);
char *types_null_string(void);
char *types_bad_utf8(void);                 /* owned, not valid UTF-8 */
const char *types_bad_utf8_borrowed(void);

/* Buffers: sums of every element type, writes through mutable slices, Vec results. */
int64_t types_sum_i8(const int8_t *v, size_t n);
uint64_t types_sum_u8(const uint8_t *v, size_t n);
uint64_t types_sum_u16(const uint16_t *v, size_t n);
int64_t types_sum_i32(const int32_t *v, size_t n);
int64_t types_sum_i64(const int64_t *v, size_t n);
uint64_t types_sum_u64(const uint64_t *v, size_t n);
double types_sum_f32(const float *v, size_t n);
double types_sum_f64(const double *v, size_t n);
size_t types_addr(const uint8_t *v, size_t n);
void types_fill(uint8_t *v, size_t n, uint8_t value);
void types_scale(double *v, size_t n, double k);
void types_negate(int32_t *v, size_t n);
uint8_t *types_iota_bytes(size_t n, size_t *out_len);
int32_t *types_range(int32_t start, size_t n, size_t *out_len);
double *types_halves(size_t n, size_t *out_len);
uint64_t *types_powers(size_t n, size_t *out_len);
int32_t *types_broken_vec(size_t *out_len); /* NULL with a length of 3 */

/* Enums. */
typedef enum types_color { TYPES_RED = 1, TYPES_GREEN = 2, TYPES_BLUE = 7 } types_color;
typedef enum types_perm {
    TYPES_READ = 1,
    TYPES_WRITE = 2,
    TYPES_EXEC = 4,
    TYPES_PERM_ALL = 7
} types_perm;
types_color types_next_color(types_color c);
int32_t types_color_value(types_color c);
types_perm types_perm_union(types_perm a, types_perm b);
uint32_t types_perm_bits(types_perm p);
types_color types_bad_color(void); /* 5: no such Color */

/* A plain-data value class (no destructor): copied wherever it goes by value. */
typedef struct Point {
    double x, y;
} Point;
Point point_new(double x, double y);
double point_x(const Point *p);
double point_y(const Point *p);
void point_scale(Point *p, double k);
void point_copy_into(const Point *p, Point *out);
Point point_add(Point a, Point b);
double point_norm2(const Point *p); /* NULL: -1 */
const Point *types_origin(void);    /* static memory */

/* A value class with a destructor: moved wherever it goes by value. */
typedef struct Token {
    int32_t id;
    uint32_t magic; /* cleared by token_drop, so a second drop is seen */
} Token;
Token token_new(int32_t id);
void token_drop(Token *t);
int32_t token_id(const Token *t);
int32_t token_into_id(Token t); /* consumes (drops) t */

/* An opaque handle class holding Points (in place: borrowed pointers stay valid) and
 * Tokens (which it owns and drops when freed). */
typedef struct Bag Bag;
Bag *bag_new(const char *name, size_t capacity); /* NULL + types_last_error on bad input */
void bag_free(Bag *b);
const char *bag_name(const Bag *b);
size_t bag_points(const Bag *b);
size_t bag_tokens(const Bag *b);
bool bag_push(Bag *b, Point p);
Point *bag_at(Bag *b, size_t i);       /* NULL when out of range */
const Point *bag_first(const Bag *b);  /* NULL when empty */
bool bag_put(Bag *b, Token t);         /* takes t; drops it when full */
bool bag_put_checked(Bag *b, Token t, int32_t min_id); /* takes t; drops it if id < min_id */
const Token *bag_token(const Bag *b, size_t i);
Token bag_pop(Bag *b);                 /* the last token, or a new token -1 */
void bag_merge(Bag *b, Bag *other);    /* takes other's contents and frees it */
size_t bag_into_count(Bag *b);         /* frees b */
bool bag_same(const Bag *a, const Bag *b);
Bag *bag_clone(const Bag *b);
char *bag_describe(const Bag *b);      /* owned */
Bag *token_wrap(Token t);              /* a new bag "wrapped" holding t */
/* bag_hold waits (at most seconds) for the gate to open, then counts the points: a call
 * that stays in C, the GIL released, until Python opens the gate. */
void types_gate(bool open);
size_t bag_hold(const Bag *b, double seconds);
const Point *types_bag_peek(const Bag *b);
Bag *types_bag_maybe(const char *name); /* NULL name: NULL */
const Point *types_bag_point(size_t i, const Bag *b); /* NULL when out of range */
bool types_bag_drop(Bag *b);            /* frees b; false for NULL */

/* Error conventions. */
const char *types_strerror(int status);  /* NULL for unknown codes */
const char *types_last_error(void);
int types_parse_int(const char *s, int32_t *out);      /* 1 empty, 2 not a number, 3 range */
int types_check(int32_t code);                          /* returns code */
int types_raw(int32_t code, uint8_t *out);              /* returns code; *out = 7 */
int types_format(int32_t v, char **out);                /* 4 for v < 0 */
int types_bag_parse(const char *spec, Bag **out);       /* "name:capacity" */
int types_status_name(int32_t code, const char **out);  /* 3 for code < 0 */
int types_point_parse(const char *text, Point *out);    /* "x,y"; 2 if not */
const Point *bag_get(const Bag *b, size_t i);           /* NULL + last error if out of range */
const char *types_find(const char *key);                /* NULL + last error if unknown */
char *types_dup_checked(const char *s);                 /* NULL + last error if empty */
const char *types_missing(bool fail);                   /* NULL when fail */
char *types_missing_owned(bool fail);                   /* NULL when fail */
int32_t types_sys_check(int32_t err);                   /* -1 and errno = err unless 0 */
int types_sys_touch(int32_t err);
char *types_sys_name(int32_t err);                      /* NULL and errno = err unless 0 */
int32_t types_sys_quiet(void);                          /* -1, errno untouched */
uint32_t types_sys_count(int32_t err);                  /* UINT32_MAX and errno = err unless 0 */
Bag *types_sys_bag(int32_t err);                        /* NULL and errno = err unless 0 */

#endif /* E2E_TYPES_H */
