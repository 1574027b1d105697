/* layout.h: declarations the golden case flapigen_layout.in binds. */
typedef enum { SHADE_DARK = 0, SHADE_LIGHT = 1, Shade_DIM = 2 } Shade;
typedef struct Lamp Lamp;
Lamp *lamp_new(void);
void lamp_free(Lamp *l);
Shade lamp_shade(const Lamp *l);
int lamp_glow(int level);
const char *lamp_name(Lamp *l, const Lamp *other);
