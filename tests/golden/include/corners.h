/* corners.h: the declarations pass/flapigen_corners.in binds. */
#include <stddef.h>
#include <stdint.h>
typedef struct Cell Cell;
Cell *Cell_new(void);
void Cell_delete(Cell *c);
int32_t Cell_method(const Cell *c);
void Cell_bump(Cell *c, int32_t n);
void Cell_reset(Cell *c);
uint8_t *Cell_bytes(Cell *c, size_t *count);
typedef struct Opaque Opaque;
void Opaque_delete(Opaque *o);
int32_t Opaque_id(const Opaque *o);
Opaque *Maker_make(int32_t n);
