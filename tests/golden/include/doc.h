/* doc.h: declarations the golden case docs_and_escapes.in binds. */
#include <stdint.h>
typedef struct Doc { uint8_t tab; } Doc;
Doc Doc_make(void);
uint8_t Doc_tab(const Doc *d);
void Doc_plain(const Doc *d);
