"""attack_indexes.py: integer-like keys (objects with __index__) in the sequence protocol
of generated classes: a negative one counts from the end as an int does (a list does the
same); one whose __index__ raises, or changes the container's length, gets a clean
exception or the item of the container as it is after the conversion."""
import e2e_native as m


class Idx:
    def __init__(self, value, action=None):
        self.value, self.action = value, action

    def __index__(self):
        if self.action:
            self.action()
        return self.value


def deck(*cards):
    d = m.Deck("d")
    for c in cards:
        d.push(c)
    return d


def attack_negative_index_through_index():
    d = deck("a", "b", "c")
    assert d[Idx(-1)] == d[-1] == "c"
    assert d[Idx(-3)] == "a"
    ref = ["a", "b", "c"]
    assert ref[Idx(-1)] == d[Idx(-1)]
    for bad in (Idx(3), Idx(-4)):
        try:
            d[bad]
        except IndexError as e:
            assert str(e) == "index out of range", str(e)
        else:
            raise AssertionError("IndexError not raised")


def attack_index_that_raises():
    d = deck("a")

    def boom():
        raise ZeroDivisionError("from __index__")
    try:
        d[Idx(0, boom)]
    except ZeroDivisionError as e:
        assert str(e) == "from __index__"
    else:
        raise AssertionError("the exception of __index__ was lost")


def attack_index_that_grows_the_container():
    # the length is taken after __index__ ran: -1 is the card pushed meanwhile
    d = deck("a", "b")
    assert d[Idx(-1, lambda: d.push("z"))] == "z"
