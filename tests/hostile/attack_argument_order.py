"""attack_argument_order.py: Python code that runs while a call converts its arguments
(__index__, __float__) and frees, closes or moves an object the call uses. The generated
code reads the objects' C values only after every argument converted, and pins them
until the call returns, so each attack gets a clean exception and C never sees freed
memory (e2e_types counts double drops, and ASan sees the rest)."""
import e2e_types as t


def expect(exc, fn, text):
    try:
        fn()
    except exc as e:
        assert text in str(e), "%s: %r does not say %r" % (exc.__name__, str(e), text)
        return
    raise AssertionError("%s not raised" % exc.__name__)


class Index:
    """An int-like whose __index__ first runs the given action."""

    def __init__(self, action, value=0):
        self.action, self.value = action, value

    def __index__(self):
        self.action()
        return self.value


def attack_index_consumes_self():
    # bag.at(i): i.__index__ consumes the bag, which self held
    b = t.Bag("b", 4)
    b.push(t.Point(1, 2))
    expect(ValueError, lambda: b.at(Index(b.into_count)), "moved into C")


def attack_index_consumes_self_of_a_borrowing_method():
    b = t.Bag("b", 4)
    b.push(t.Point(1, 2))
    expect(ValueError, lambda: b.get(Index(b.into_count)), "moved into C")
    b2 = t.Bag("b2", 4)
    b2.put(t.Token(3))
    expect(ValueError, lambda: b2.token(Index(b2.into_count)), "moved into C")


def attack_argument_moved_twice():
    # b1.put_checked(tok, evil): evil's __index__ gives tok to b2 first
    b1, b2 = t.Bag("b1", 4), t.Bag("b2", 4)
    tok = t.Token(5)
    before = t.Stats.get(t.Stat.DOUBLE_DROPS)
    expect(ValueError, lambda: b1.put_checked(tok, Index(lambda: b2.put(tok))),
           "moved into C")
    del b1, b2
    assert t.Stats.get(t.Stat.DOUBLE_DROPS) == before, "a token was dropped twice"


def attack_index_drops_the_last_reference():
    # the only other reference to the bag goes away during the conversion: the call's
    # own reference keeps it alive
    holder = [t.Bag("b", 4)]
    holder[0].push(t.Point(1, 2))
    p = holder[0].at(Index(holder.clear))
    assert (p.x(), p.y()) == (1, 2)
