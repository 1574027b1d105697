"""attack_shared_borrows.py: objects C lends read-only (`&T` results: `const T *`) used
where C would write through them: as `&mut self`, as a `&mut T` argument, through a
setter. Each is refused with TypeError before C runs; before, `t.origin().scale(2.0)`
wrote into read-only memory (a segfault) and `bag.first().scale(3)` changed the bag."""
import e2e_types as t

READ_ONLY = ("the e2e_types.Point object is borrowed read-only (C lent it as const) and "
             "cannot be changed")


def refused(fn, func):
    try:
        fn()
    except TypeError as e:
        assert str(e) == "%s(): %s" % (func, READ_ONLY), str(e)
        return
    raise AssertionError("TypeError not raised")


def attack_write_through_a_static_const_point():
    o = t.origin()
    refused(lambda: o.scale(2.0), "Point.scale")
    assert (o.x(), o.y()) == (t.origin().x(), t.origin().y())


def attack_const_point_as_a_mut_argument():
    refused(lambda: t.Point(1, 2).copy_into(t.origin()), "Point.copy_into")


def attack_write_through_an_optional_borrow():
    b = t.Bag("b", 4)
    b.push(t.Point(1, 2))
    refused(lambda: b.first().scale(3), "Point.scale")
    assert b.first().x() == 1
    # the same point borrowed mutably may be changed
    b.at(0).scale(3)
    assert b.first().x() == 3
