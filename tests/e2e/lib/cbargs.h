/* cbargs.h: the C library of tests/e2e/cbargs.in: a callback interface (Sink) whose
 * methods take enums, structs, handles, arrays and Options, and functions that drive it. */
#ifndef CBARGS_H
#define CBARGS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { MOOD_CALM = 0, MOOD_ANGRY = 1, MOOD_SLEEPY = 2 } mood_t;
typedef enum Level { Level_Low = 1, Level_High = 5 } Level;
typedef struct { float x, y; } Vec2;
typedef struct { Vec2 lt, rb; } Rect;
typedef struct { int32_t x, y; } Point;
typedef struct Handle Handle;

Point Point_make(int32_t x, int32_t y);
int32_t Point_sum(const Point *p);
Handle *Handle_new(int32_t id);
void Handle_delete(Handle *h);
int32_t Handle_id(const Handle *h);

typedef struct Sink {
    void *opaque;
    void (*release)(void *opaque);
    void (*onMood)(mood_t m, const mood_t *maybe, Level lv, void *opaque);
    void (*onPoint)(Point p, const Point *r, const Point *o, void *opaque);
    void (*onHandle)(Handle *h, Handle *maybe, void *opaque);
    void (*onArrays)(const int32_t *v, size_t v_len, const double *f, size_t f_len,
                     const uint8_t *b, size_t b_len, const Point *pts, size_t pts_len,
                     void *opaque);
    void (*onNumbers)(const int32_t *n, const int64_t *r, const char *s, void *opaque);
    void (*onVec)(Vec2 v, const Vec2 *o, void *opaque);
    mood_t (*pick)(int32_t n, void *opaque);
    bool (*maybePoint)(int32_t n, Point *out, void *opaque);
    bool (*maybeNum)(int32_t n, int32_t *out, void *opaque);
    bool (*maybeMood)(int32_t n, mood_t *out, void *opaque);
    Vec2 (*scaled)(Vec2 v, void *opaque);
    Point (*point)(int32_t n, void *opaque);
    int32_t (*parse)(const char *s, char **error, void *opaque); /* error: malloc'd text */
} Sink;

void Driver_moods(const Sink *s);
void Driver_points(const Sink *s);
void Driver_handles(const Sink *s, int32_t n);
void Driver_arrays(const Sink *s);
void Driver_numbers(const Sink *s);
void Driver_vecs(const Sink *s);
int32_t Driver_pick(const Sink *s, int32_t n);
int32_t Driver_maybe_point(const Sink *s, int32_t n);
int32_t Driver_maybe_num(const Sink *s, int32_t n);
int32_t Driver_maybe_mood(const Sink *s, int32_t n);
int32_t Driver_scaled(const Sink *s, float x, float y);
int32_t Driver_point(const Sink *s, int32_t n);
mood_t Driver_map(mood_t (*f)(mood_t, Point, void *), void *user, mood_t m);
bool Driver_next(const mood_t *m, mood_t *out);
mood_t Driver_split(mood_t m, mood_t *next);
Level Driver_level_or_high(const Level *l);
int32_t Driver_live_handles(void);
char *Driver_parse(const Sink *s, const char *text);
char *Driver_check(void (*f)(int32_t, char **, void *), void *user, int32_t n);
float Driver_area(Rect r);
Rect Driver_square(float s);
void Driver_shift(Point *pts, size_t n, int32_t dx);
int32_t Driver_id_sum(Handle *const *hs, size_t n);
int32_t Driver_tuple_sum(Point p, const Handle *h, mood_t m);
int32_t Driver_count_some(const int32_t *a, const char *b, const mood_t *c, const Handle *d);
void Driver_tuple_opt(int32_t n, bool *has0, int32_t *out0, char **out1);
char *Driver_join_some(const char *const *words, size_t n);
char **Driver_maybe_words(int32_t n, size_t *count);
Handle **Driver_maybe_handles(int32_t n, size_t *count);
int32_t Driver_ids(Handle *const *hs, size_t n);
#endif
