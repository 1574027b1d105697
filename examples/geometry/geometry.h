/* geometry.h: a small 2-D geometry library, the C library behind the `geometry` example.
 *
 * Two kinds of object, bound two different ways:
 *
 *  - Vec2, a plain struct of two doubles that callers hold and pass by value (a "value
 *    class" in the glue: the Python object stores the struct itself);
 *  - Polygon, an opaque handle to a growable list of vertices (a "pointer class": the
 *    Python object stores the pointer and frees it with poly_close()).
 *
 * Vertices never move once pushed: they live in fixed-size blocks, so the pointer that
 * poly_get() returns stays valid until the polygon is closed, however many points are
 * pushed afterwards. An iterator walks a snapshot taken by poly_iter(), so it stays valid
 * even after its polygon is closed.
 *
 * Memory a function hands to the caller (vec2_repr) is released with geo_free(). The
 * library is not thread-safe per object: one polygon, one thread at a time; different
 * polygons may be used from different threads at once.
 */
#ifndef GEOMETRY_H
#define GEOMETRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GEO_VERSION "1.0.0"
/* The most sides poly_regular() makes. */
#define GEO_MAX_SIDES 1000

/* A point or a displacement in the plane. */
typedef struct Vec2 {
    double x;
    double y;
} Vec2;

/* An axis-aligned bounding box, returned by value. */
struct bbox {
    double min_x, min_y, max_x, max_y;
};

/* A polygon: the vertices in order, the last joined back to the first. Opaque. */
typedef struct Polygon Polygon;
/* An iterator over a snapshot of a polygon's vertices. Opaque. */
typedef struct PolygonIter PolygonIter;

/* Vectors. */

Vec2 vec2_new(double x, double y);
/* The vector of the given length at angle radians from the x axis. */
Vec2 vec2_polar(double angle, double length);
/* The Euclidean length. */
double vec2_length(const Vec2 *v);
/* Scale v to the given length, keeping its direction (a zero vector points along x). A
 * negative length reverses the direction. */
void vec2_set_length(Vec2 *v, double length);
/* "Vec2(x=1.0, y=-2.5)": each number in the shortest form that reads back exactly, like
 * Python's repr of a float. Release with geo_free; NULL if memory ran out. */
char *vec2_repr(const Vec2 *v);
/* Exact equality of both coordinates (so 0.0 equals -0.0, and NaN equals nothing). */
bool vec2_eq(const Vec2 *a, const Vec2 *b);
/* A hash consistent with vec2_eq: equal vectors hash alike. */
uint64_t vec2_hash(const Vec2 *v);
Vec2 vec2_add(const Vec2 *a, const Vec2 *b);
Vec2 vec2_sub(const Vec2 *a, const Vec2 *b);
Vec2 vec2_scale(const Vec2 *v, double k);
Vec2 vec2_neg(const Vec2 *v);
double vec2_dot(const Vec2 *a, const Vec2 *b);
/* The distance between two points. */
double geo_distance(const Vec2 *a, const Vec2 *b);

/* Polygons. */

/* A new polygon without vertices; NULL if memory ran out. */
Polygon *poly_new(void);
/* A regular polygon with `sides` vertices on the circle of the given radius around the
 * origin, the first at (radius, 0), counter-clockwise. NULL if sides is not in
 * 3..GEO_MAX_SIDES, radius is not positive, or memory ran out; geo_last_error() says why. */
Polygon *poly_regular(uint32_t sides, double radius);
/* The rectangle that is the box, counter-clockwise from (min_x, min_y); NULL if memory ran
 * out. */
Polygon *poly_from_bbox(const struct bbox *box);
/* Free the polygon and its vertices. poly_close(NULL) does nothing. */
void poly_close(Polygon *p);
/* The reason the last failed constructor on this thread failed ("" if none did). */
const char *geo_last_error(void);

/* The number of vertices. */
size_t poly_len(const Polygon *p);
/* Vertex i, or NULL if i >= poly_len(p). The pointer is valid until p is closed. */
const Vec2 *poly_get(const Polygon *p, size_t i);
/* Append a vertex (nothing happens if memory runs out), then call the on_change handler,
 * if any, with the new number of vertices. */
void poly_push(Polygon *p, Vec2 pt);
/* Whether pt lies inside the polygon (even-odd rule; points on an edge may go either way). */
bool poly_contains(const Polygon *p, const Vec2 *pt);
/* The enclosed area (shoelace formula), whatever the orientation; 0 below 3 vertices. */
double poly_area(const Polygon *p);
/* The smallest box holding every vertex; all zeros for a polygon without vertices. */
struct bbox poly_bbox(const Polygon *p);
/* Call visit(x, y, user) for each vertex in order until it returns false. Returns the
 * number of calls made. */
size_t poly_for_each(const Polygon *p, bool (*visit)(double x, double y, void *user),
                     void *user);
/* Keep handler and user; poly_push() calls handler(new_len, user) after each push. A NULL
 * handler removes it. */
void poly_on_change(Polygon *p, void (*handler)(size_t len, void *user), void *user);
/* Remove the on_change handler (the same as poly_on_change(p, NULL, NULL)). */
void poly_clear_on_change(Polygon *p);
/* A Monte-Carlo estimate of the area: the fraction of `samples` pseudo-random points of
 * the bounding box that poly_contains(), times the box's area. The generator is seeded the
 * same way every time, so the estimate is reproducible. Slow for large sample counts. */
double poly_sample_area(const Polygon *p, uint64_t samples);

/* A new iterator over the vertices p has now (later pushes are not seen); NULL if memory
 * ran out. It does not refer to p afterwards. */
PolygonIter *poly_iter(const Polygon *p);
/* The next vertex, or NULL after the last one. Valid until the iterator is freed. */
const Vec2 *poly_iter_next(PolygonIter *it);
void poly_iter_free(PolygonIter *it);

/* Everything else. */

/* The library's version, GEO_VERSION. */
const char *geo_version(void);
/* Release memory returned by vec2_repr. */
void geo_free(void *p);

#endif /* GEOMETRY_H */
