/* hidden.h: declarations the golden case unreachable_class.in binds. */
#include <stdint.h>
typedef struct Hidden Hidden;
void hidden_free(Hidden *h);
uint32_t hidden_peek(const Hidden *h);
void hidden_poke(Hidden *h, uint32_t v);
