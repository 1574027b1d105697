/* native.h: the C library behind the e2e_native test module (tests/e2e/native.in), which
 * exercises what makes a binding feel native: keyword arguments and defaults, several
 * constructors, properties and struct fields, special methods, typemapped structs,
 * synchronous and stored callbacks (called from other threads too), and calls that
 * release the GIL. What the tests must see from the C side (objects made and freed,
 * close calls, callback invocations) is counted, read through native_stat(). */
#ifndef E2E_NATIVE_H
#define E2E_NATIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum native_color { NATIVE_RED = 0, NATIVE_GREEN = 1, NATIVE_BLUE = 2 } native_color;

/* Counters read by native_stat. */
typedef enum native_stat_id {
    NATIVE_DECKS_NEW = 0,
    NATIVE_DECKS_FREED = 1,
    NATIVE_ITERS_NEW = 2,
    NATIVE_ITERS_FREED = 3,
    NATIVE_CLOSES = 4,      /* deck_close calls */
    NATIVE_SESSIONS_NEW = 5,
    NATIVE_SESSIONS_ENDED = 6,
    NATIVE_VISITS = 7,      /* calls C made through a synchronous callback pointer */
    NATIVE_BUSES_NEW = 8,
    NATIVE_BUSES_FREED = 9,
    NATIVE_DELIVERIES = 10, /* calls C made through stored callback pointers */
    NATIVE_OPERATOR_CALLS = 11, /* calls of the reflected and in-place operators below */
    NATIVE_STAT_COUNT
} native_stat_id;
int64_t native_stat(native_stat_id which);

/* Keyword arguments and defaults. native_describe formats every argument (malloc). */
char *native_describe(int32_t i, uint32_t h, double f, double g, bool b, const char *s,
                      const char *o, native_color c);
int64_t native_mix(int64_t a, int64_t b, int64_t c); /* a*100 + b*10 + c */
int64_t native_pair(int64_t a, int64_t b);          /* a*10 + b */
int32_t native_neg(int32_t a);
int native_check(int32_t code, int32_t *out);       /* 0 and out = 2*code, or status code */
const char *native_strerror(int status);

/* Busy-waits for `seconds` without touching Python; returns the loop count. */
uint64_t native_spin(double seconds);
/* A process-wide flag: lowered, raised, and waited for (true once raised, false when
 * seconds passed first). */
void native_flag_lower(void);
void native_flag_raise(void);
bool native_flag_wait(double seconds);

/* Typemapped structs, passed by value. */
struct point {
    double x, y;
};
typedef struct size2 {
    uint32_t w, h;
    bool visible;
    native_color shade;
} size2_t;
struct point geom_mid(struct point a, const struct point *b);
uint64_t geom_area(size2_t s);           /* w*h if visible, else 0 */
double geom_dist(const struct point *p); /* |p|, or -1 for NULL */
size2_t geom_grow(const size2_t *s, uint32_t by);

/* Vec2: a value class with fields. */
typedef struct vec2 {
    double x, y;
    bool flag;
    native_color color;
    uint32_t id;
} Vec2;
Vec2 vec2_new(double x, double y);
Vec2 vec2_polar(double angle, double length);
char *vec2_describe(const Vec2 *v); /* every field, formatted by C (malloc) */
double vec2_length(const Vec2 *v);
void vec2_set_length(Vec2 *v, double length);
struct point vec2_pos(const Vec2 *v);
void vec2_set_pos(Vec2 *v, struct point p);
native_color vec2_color_of(const Vec2 *v);
char *vec2_repr(const Vec2 *v);
char *vec2_str(const Vec2 *v);
bool vec2_eq(const Vec2 *a, const Vec2 *b);
bool vec2_ne(const Vec2 *a, const Vec2 *b);
bool vec2_lt(const Vec2 *a, const Vec2 *b);
bool vec2_le(const Vec2 *a, const Vec2 *b);
bool vec2_gt(const Vec2 *a, const Vec2 *b);
bool vec2_ge(const Vec2 *a, const Vec2 *b);
Vec2 vec2_add(const Vec2 *a, const Vec2 *b);
Vec2 vec2_sub(const Vec2 *a, const Vec2 *b);
Vec2 vec2_mul(const Vec2 *a, double k);
Vec2 vec2_div(const Vec2 *a, double k);
Vec2 vec2_neg(const Vec2 *a);
Vec2 vec2_pos_op(const Vec2 *a);
double vec2_abs(const Vec2 *a);
Vec2 vec2_scaled(const Vec2 *v, double k, native_color color);
/* Reflected and in-place operators. */
Vec2 vec2_rscale(const Vec2 *v, double k);        /* k * v */
double vec2_dot(const Vec2 *a, const Vec2 *b);     /* a @ b */
void vec2_add_assign(Vec2 *v, const Vec2 *other); /* v += other */
void vec2_scale_assign(Vec2 *v, double k);        /* v *= k */
int vec2_div_assign(Vec2 *v, double k);           /* v /= k: 0, or status 1 for k == 0 */

/* Scale: a factor applied to vectors from either side (operators across two classes). */
typedef struct scale {
    double k;
} Scale;
Scale scale_new(double k);
char *scale_repr(const Scale *s);
Vec2 scale_apply(const Scale *s, const Vec2 *v); /* s * v, and v * s */
Scale scale_rsub(const Scale *s, double x);      /* x - s: a reflected operator alone */
Scale scale_pow(const Scale *s, int32_t n);      /* s ** n */
double scale_rpow(const Scale *s, double x);     /* x ** s */
void scale_pow_assign(Scale *s, int32_t n);      /* s **= n */
double vec2_dist(const Vec2 *v, const Vec2 *other); /* NULL other: from the origin */

/* Bits: a hashable value class with integer operators. */
typedef struct bits {
    uint32_t v;
} Bits;
Bits bits_new(uint32_t v);
char *bits_repr(const Bits *b);
bool bits_eq(const Bits *a, const Bits *b);
uint32_t bits_hash(const Bits *b);
uint32_t bits_count(const Bits *b); /* set bits */
bool bits_has(const Bits *b, uint32_t bit);
Bits bits_and(const Bits *a, const Bits *b);
Bits bits_or(const Bits *a, const Bits *b);
Bits bits_xor(const Bits *a, const Bits *b);
Bits bits_shl(const Bits *a, uint32_t n);
Bits bits_shr(const Bits *a, uint32_t n);
Bits bits_floordiv(const Bits *a, uint32_t d);
uint32_t bits_mod(const Bits *a, uint32_t d);
Bits bits_invert(const Bits *a);

/* Deck: a heap sequence of cards (NULL cards are holes), an iterator over it, and a
 * context manager counting its closes. Iterators keep their deck alive in C. */
typedef struct deck Deck;
typedef struct deck_iter DeckIter;
Deck *deck_new(const char *name);
void deck_free(Deck *d);
void deck_push(Deck *d, const char *card);
size_t deck_len(const Deck *d);
const char *deck_get(const Deck *d, size_t i);
bool deck_has(const Deck *d, const char *card);
DeckIter *deck_iter(const Deck *d);
const char *deck_iter_next(DeckIter *it); /* skips holes; NULL at the end, and after */
void deck_iter_free(DeckIter *it);
void deck_close(Deck *d);
uint32_t deck_closes(const Deck *d);
char *deck_name(const Deck *d);
void deck_rename(Deck *d, const char *name);
const char *deck_label(const Deck *d);
size_t deck_visit(const Deck *d, bool (*visit)(uint64_t i, const char *card, void *user),
                  void *user);

/* Table: a small string map stored by value. */
typedef struct table {
    size_t n;
    char keys[8][16];
    char values[8][16];
} Table;
Table table_new(void);
bool table_set(Table *t, const char *key, const char *value);
const char *table_get(const Table *t, const char *key);
bool table_has(const Table *t, const char *key);

/* Countdown: its own iterator, "three", "two", "one" from 3. */
typedef struct countdown {
    uint32_t n;
} Countdown;
Countdown countdown_new(uint32_t n);
const char *countdown_next(Countdown *c);

/* Session: a context manager whose exit consumes (frees) the handle. */
typedef struct session Session;
Session *session_open(const char *name);
void session_free(Session *s);
const char *session_name(const Session *s);
void session_end(Session *s);

/* Synchronous callbacks. */
int32_t native_each(int32_t n, bool (*visit)(int32_t i, const char *label, void *user),
                    void *user);
double native_fold(const int32_t *values, size_t n, double init,
                   double (*f)(double acc, int32_t v, void *user), void *user);
uint32_t native_repeat(uint8_t times, void (*f)(uint8_t i, bool last, void *user), void *user);

/* Stored callbacks: a module hook, and a Bus keeping handlers it calls later, also from
 * another thread. */
typedef void (*native_hook)(int32_t code, void *user);
void native_set_hook(native_hook hook, void *user);
bool native_fire_hook(int32_t code);

typedef struct bus Bus;
typedef void (*bus_handler)(uint32_t topic, double value, void *user);
Bus *bus_new(void);
void bus_free(Bus *b);
void bus_subscribe(Bus *b, bus_handler handler, void *user);
size_t bus_emit(Bus *b, uint32_t topic, double value);
size_t bus_emit_threaded(Bus *b, uint32_t topic, double value); /* joins its thread */
size_t bus_handlers(const Bus *b);
void bus_clear(Bus *b);
/* Wait (at most seconds) for the process-wide flag, then report the handlers counted:
 * calls that stay inside C, the GIL released, until Python code raises the flag, so a
 * test can use the objects from another thread while the call is surely in flight. */
size_t bus_hold(const Bus *b, double seconds);
size_t bus_hold_mut(Bus *b, double seconds);
size_t bus_hold_pair(const Bus *b, Bus *other, double seconds);

#endif /* E2E_NATIVE_H */
