/* observer.h: declarations the golden case flapigen_callback.in binds: a foreign_callback!
 * in flapigen's C layout and a class that takes it lent and kept. */
#include <stdbool.h>
#include <stdint.h>
typedef struct SomeObserver {
    void *opaque;
    void (*release)(void *opaque);
    void (*onStateChanged1)(int32_t a0, bool a1, void *opaque);
    bool (*onStateChanged2)(bool a0, double a1, const char *a2, void *opaque);
} SomeObserver;
typedef struct Hub Hub;
Hub *Hub_new(void);
void Hub_delete(Hub *hub);
bool Hub_notify(const Hub *hub, const SomeObserver *cb, int32_t x);
void Hub_subscribe(Hub *hub, SomeObserver cb);
