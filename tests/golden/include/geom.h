/* geom.h: declarations the golden case typemaps.in binds. */
#include <stdbool.h>
#include <stdint.h>
typedef enum Shade { SHADE_LIGHT, SHADE_DARK } Shade;
struct point { double x, y; };
typedef struct { uint32_t w, h; bool visible; Shade shade; } size2_t;
struct unused { int8_t a; };
struct point geom_mid(struct point a, const struct point *b);
uint64_t geom_area(size2_t s);
double geom_origin(const struct point *p);
size2_t geom_grow(const size2_t *s, uint32_t by);
