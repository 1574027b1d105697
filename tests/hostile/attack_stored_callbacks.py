"""attack_stored_callbacks.py: a hook setter called again and again. C keeps one hook
(`replaces hook;` in the glue), so the module keeps only the callable C holds: 100,000
calls neither grow memory nor keep the replaced callables alive, and the hook C calls is
the last one given."""
import gc
import tracemalloc
import weakref

import e2e_native as m


class Hook:
    def __init__(self, seen):
        self.seen = seen

    def __call__(self, code):
        self.seen.append(code)


def attack_replaced_hooks_are_released():
    seen = []
    first = Hook(seen)
    gone = weakref.ref(first)
    m.set_hook(first)
    del first
    m.set_hook(Hook(seen))
    gc.collect()
    assert gone() is None, "the replaced hook is still alive"
    assert m.fire_hook(5)
    assert seen == [5], seen


def attack_a_hundred_thousand_hooks():
    seen = []
    for _ in range(1000):
        m.set_hook(Hook(seen))
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(100000):
        m.set_hook(Hook(seen))
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert grown < 64 * 1024, "set_hook kept %d bytes over 100,000 calls" % grown
    assert m.fire_hook(9) and seen == [9], seen
