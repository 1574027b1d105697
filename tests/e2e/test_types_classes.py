"""test_types_classes.py: class-typed parameters and results of the e2e_types module, with
the C library counting every Bag handle and Token value made, freed and misused:
- Point (value class, no destructor): copied by value, objects stay usable;
- Token (value class with destructor) and Bag (pointer class): moved into C by value
  parameters and consuming methods, after which the object raises ValueError; moving a
  borrowed object, one with live borrows, or one object twice in a call is a ValueError;
- borrowed results (&Point, &mut Point, Option<&Point>, Option<&Token>) keep their owner
  (self, or the first borrowed argument) alive after `del owner`, and see its memory;
- owned results (Bag *, Bag, Option<Bag>, Token) are destroyed exactly once;
- Option<&T> parameters, None where not allowed, wrong classes; Point and Bag, and Token
  and Bag, passing each other as arguments and results; Stats, a class with no self_type,
  cannot be instantiated; constructor and method arguments by keyword, and argument
  counts."""
import unittest

import e2e_types as m
from e2e_support import error_message
from types_support import StatsTestCase, assert_balanced, deltas

MOVED = "%s(): the e2e_types.%s object was moved into C and can no longer be used"


def bag_with(points=(), tokens=(), name="bag", capacity=8):
    bag = m.Bag(name, capacity)
    for x, y in points:
        bag.push(m.Point(x, y))
    for ident in tokens:
        bag.put(m.Token(ident))
    return bag


class ValueClasses(StatsTestCase, unittest.TestCase):
    def test_points_are_copied(self):
        a, b = m.Point(1.0, 2.0), m.Point(3.0, 4.5)
        c = m.Point.add(a, b)
        self.assertEqual((c.x(), c.y()), (4.0, 6.5))
        a.scale(10.0)
        self.assertEqual((a.x(), b.x(), c.x()), (10.0, 3.0, 4.0))
        bag = m.Bag("b", 2)
        self.assertTrue(bag.push(a))
        a.scale(0.0)
        self.assertEqual((bag.first().x(), a.x()), (10.0, 0.0))

    def test_mutable_borrowed_argument(self):
        source, target = m.Point(1.5, 2.5), m.Point(0, 0)
        self.assertIsNone(source.copy_into(target))
        self.assertEqual((target.x(), target.y()), (1.5, 2.5))
        bag = bag_with(points=[(0, 0)])
        source.copy_into(bag.at(0))  # through a borrowed object, into the bag's memory
        self.assertEqual(bag.first().y(), 2.5)
        self.assertEqual(error_message(self, TypeError, source.copy_into, None),
                         "Point.copy_into() argument 'out' must be Point, not None")

    def test_optional_and_required_point_arguments(self):
        self.assertEqual(m.Point.norm2(m.Point(3.0, 4.0)), 25.0)
        self.assertEqual(m.Point.norm2(None), -1.0)
        for call, msg in (
                (lambda: m.Point.norm2(1),
                 "Point.norm2() argument 'p' must be Point or None, not int"),
                (lambda: m.Point.add(None, m.Point(0, 0)),
                 "Point.add() argument 'a' must be Point, not None"),
                (lambda: m.Bag("b", 1).push(m.Token(1)),
                 "Bag.push() argument 'p' must be Point, not e2e_types.Token"),
                (lambda: m.bag_peek(m.Point(0, 0)),
                 "bag_peek() argument 'b' must be Bag, not e2e_types.Point")):
            with self.subTest(msg=msg):
                self.assertEqual(error_message(self, TypeError, call), msg)

    def test_token_moves_into_a_bag(self):
        changes = deltas()
        bag, token = m.Bag("b", 4), m.Token(5)
        self.assertTrue(bag.put(token))
        self.assertEqual(bag.tokens(), 1)
        for call, func in ((token.id, "Token.id"), (lambda: bag.put(token), "Bag.put"),
                           (token.into_id, "Token.into_id")):
            with self.subTest(func=func):
                self.assertEqual(error_message(self, ValueError, call), MOVED % (func, "Token"))
        del token
        self.assertEqual(changes().get("TOKENS_DROPPED", 0), 0, "the bag owns the token")
        self.assertEqual(bag.token(0).id(), 5)
        del bag
        self.assertEqual(changes(), {"TOKENS_NEW": 1, "TOKENS_DROPPED": 1, "BAGS_NEW": 1,
                                     "BAGS_FREED": 1})

    def test_consuming_value_method(self):
        changes = deltas()
        token = m.Token(9)
        self.assertEqual(token.into_id(), 9)
        self.assertEqual(changes(), {"TOKENS_NEW": 1, "TOKENS_DROPPED": 1})
        self.assertEqual(error_message(self, ValueError, token.id), MOVED % ("Token.id", "Token"))
        del token
        self.assertEqual(changes(), {"TOKENS_NEW": 1, "TOKENS_DROPPED": 1})

    def test_token_and_bag_pass_each_other(self):
        changes = deltas()
        bag = m.Token(4).wrap()
        self.assertIs(type(bag), m.Bag)
        self.assertEqual((bag.name(), bag.tokens()), ("wrapped", 1))
        token = bag.pop()
        self.assertIs(type(token), m.Token)
        self.assertEqual((token.id(), bag.tokens(), bag.pop().id()), (4, 0, -1))
        del bag, token
        assert_balanced(self, changes())


class PointerClasses(StatsTestCase, unittest.TestCase):
    def test_owned_handles_are_freed_once(self):
        makers = (lambda: m.Bag("b", 3), lambda: m.Bag("b", 3).clone(),
                  lambda: m.bag_maybe("maybe"), lambda: m.bag_parse("p:3"),
                  lambda: m.Token(1).wrap())
        for make in makers:
            changes = deltas()
            bag = make()
            self.assertIs(type(bag), m.Bag)
            made = changes()
            self.assertEqual(made["BAGS_NEW"] - made.get("BAGS_FREED", 0), 1, "one bag alive")
            del bag
            assert_balanced(self, changes())

    def test_clone_is_independent(self):
        bag = bag_with(points=[(1, 2)], tokens=[7], name="orig")
        copy = bag.clone()
        copy.push(m.Point(3, 4))
        self.assertEqual((bag.points(), copy.points(), copy.tokens(), copy.name()),
                         (1, 2, 1, "orig"))
        self.assertFalse(m.Bag.same(bag, copy))
        self.assertTrue(m.Bag.same(copy, copy))
        self.assertFalse(m.Bag.same(None, copy))

    def test_optional_bag(self):
        self.assertIsNone(m.bag_maybe(None))
        self.assertEqual(error_message(self, TypeError, m.Bag.same, bag_with(), None),
                         "Bag.same() argument 'b' must be Bag, not None")
        self.assertEqual(error_message(self, TypeError, m.Bag.same, 1, bag_with()),
                         "Bag.same() argument 'a' must be Bag or None, not int")

    def test_merge_moves_the_other_bag(self):
        changes = deltas()
        bag, other = bag_with(points=[(1, 1)]), bag_with(points=[(2, 2)], tokens=[3])
        self.assertIsNone(bag.merge(other))
        self.assertEqual(changes()["BAGS_FREED"], 1, "C freed the merged bag")
        self.assertEqual((bag.points(), bag.tokens(), bag.token(0).id()), (2, 1, 3))
        for call, func in ((other.name, "Bag.name"), (lambda: bag.merge(other), "Bag.merge"),
                           (other.into_count, "Bag.into_count"),
                           (lambda: m.Bag.same(other, bag), "Bag.same")):
            with self.subTest(func=func):
                self.assertEqual(error_message(self, ValueError, call), MOVED % (func, "Bag"))
        del other
        self.assertEqual(changes()["BAGS_FREED"], 1, "the moved object frees nothing")
        del bag
        assert_balanced(self, changes())

    def test_optional_bag_moved_into_c(self):
        changes = deltas()
        self.assertFalse(m.bag_drop(None))
        bag = bag_with()
        self.assertTrue(m.bag_drop(bag))
        self.assertEqual(changes(), {"BAGS_NEW": 1, "BAGS_FREED": 1})
        self.assertEqual(error_message(self, ValueError, m.bag_drop, bag),
                         MOVED % ("bag_drop", "Bag"))
        del bag
        self.assertEqual(changes(), {"BAGS_NEW": 1, "BAGS_FREED": 1})

    def test_move_happens_only_after_every_argument_converted(self):
        changes = deltas()
        bag, token = bag_with(), m.Token(5)
        with self.assertRaises(OverflowError):
            bag.put_checked(token, 2 ** 40)
        self.assertEqual((token.id(), bag.tokens()), (5, 0))
        self.assertFalse(bag.put_checked(token, 6))  # moved, and C dropped it
        self.assertEqual(error_message(self, ValueError, token.id), MOVED % ("Token.id", "Token"))
        self.assertEqual(changes().get("TOKENS_DROPPED"), 1)
        del bag, token
        assert_balanced(self, changes())

    def test_consuming_pointer_method(self):
        changes = deltas()
        bag = bag_with(points=[(1, 1), (2, 2)], tokens=[1])
        self.assertEqual(bag.into_count(), 3)
        self.assertEqual(changes()["BAGS_FREED"], 1)
        self.assertEqual(error_message(self, ValueError, bag.points),
                         MOVED % ("Bag.points", "Bag"))
        del bag
        assert_balanced(self, changes())

    def test_refused_moves_leave_the_object_usable(self):
        bag, other = bag_with(tokens=[1]), bag_with(points=[(5, 6)])
        borrowed_point, lent = other.at(0), m.bag_point(0, other)
        cases = (
            (lambda: bag.put(bag.token(0)), "Bag.put(): cannot move a borrowed e2e_types.Token"),
            (lambda: bag.merge(other), "Bag.merge(): cannot move e2e_types.Bag into C while 2 "
                                       "object(s) borrowed from it are alive"),
            (other.into_count, "Bag.into_count(): cannot move e2e_types.Bag into C while 2"),
            (lambda: m.bag_drop(other), "bag_drop(): cannot move e2e_types.Bag into C while 2"),
            (lambda: bag.merge(bag), "Bag.merge(): the same e2e_types.Bag object cannot be "
                                     "both moved into C and used again in one call"),
        )
        for call, start in cases:
            with self.subTest(start=start):
                self.assertTrue(error_message(self, ValueError, call).startswith(start))
        self.assertEqual((bag.tokens(), bag.token(0).id(), other.points()), (1, 1, 1))
        self.assertEqual(borrowed_point.x(), 5.0)
        del borrowed_point
        self.assertTrue(error_message(self, ValueError, other.into_count).endswith(
            "while 1 object(s) borrowed from it are alive"))
        del lent
        self.assertEqual(other.into_count(), 1)


class Borrowed(StatsTestCase, unittest.TestCase):
    # (name, borrow, writable): only `&mut Point` lends the point for writing; the others
    # are `&Point` (const Point *), borrowed read-only
    BORROWS = (
        ("at", lambda bag: bag.at(0), True),
        ("first", lambda bag: bag.first(), False),
        ("bag_peek", lambda bag: m.bag_peek(bag), False),
        ("bag_point", lambda bag: m.bag_point(0, bag), False),  # the owner is not the first argument
        ("get", lambda bag: bag.get(0), False),  # Result<&Point, BagError>
    )

    def test_borrow_keeps_its_owner_alive(self):
        for name, borrow, writable in self.BORROWS:
            with self.subTest(borrow=name):
                changes = deltas()
                bag = bag_with(points=[(1.5, -2.0)])
                point = borrow(bag)
                self.assertIs(type(point), m.Point)
                del bag
                self.assertEqual(changes().get("BAGS_FREED", 0), 0)
                self.assertEqual((point.x(), point.y()), (1.5, -2.0))
                if writable:
                    point.scale(2.0)
                    self.assertEqual(point.x(), 3.0)
                else:
                    with self.assertRaises(TypeError) as cm:
                        point.scale(2.0)
                    self.assertEqual(str(cm.exception),
                                     "Point.scale(): the e2e_types.Point object is borrowed "
                                     "read-only (C lent it as const) and cannot be changed")
                    self.assertEqual(point.x(), 1.5)
                del point
                self.assertEqual(changes(), {"BAGS_NEW": 1, "BAGS_FREED": 1})

    def test_borrowed_token_keeps_its_bag_alive(self):
        changes = deltas()
        token = bag_with(tokens=[42]).token(0)
        self.assertEqual(changes().get("BAGS_FREED", 0), 0)
        self.assertEqual(token.id(), 42)
        del token
        assert_balanced(self, changes())

    def test_writes_through_a_mutable_borrow(self):
        bag = bag_with(points=[(1.0, 1.0), (2.0, 2.0)])
        bag.at(1).scale(-3.0)
        self.assertEqual((bag.at(1).x(), bag.at(0).x()), (-6.0, 1.0))

    def test_null_borrows(self):
        empty = m.Bag("empty", 1)
        self.assertIsNone(empty.first())
        self.assertIsNone(m.bag_peek(empty))
        self.assertIsNone(empty.token(0))
        self.assertEqual(error_message(self, RuntimeError, empty.at, 0),
                         "Bag.at(): bag_at() returned NULL")

    def test_static_borrow_has_no_owner(self):
        origin = m.origin()
        self.assertEqual((origin.x(), origin.y()), (0.0, 0.0))
        # A Point by value is copied, not moved: passing a borrowed one is fine.
        self.assertTrue(m.Bag("b", 1).push(origin))
        self.assertEqual(m.Point.add(origin, m.Point(1, 1)).x(), 1.0)


class Calls(unittest.TestCase):
    def test_keywords(self):
        self.assertEqual(m.Bag(capacity=1, name="kw").name(), "kw")
        bag, token = m.Bag("b", 2), m.Token(3)
        self.assertTrue(bag.put_checked(min_id=0, t=token))
        self.assertEqual(bag.token(0).id(), 3)

    def test_argument_counts(self):
        cases = ((lambda: m.Bag("b"), "Bag() missing required argument 'capacity' (pos 2)"),
                 (lambda: m.Bag("b", 1, 2), "Bag() takes exactly 2 arguments (3 given)"),
                 (lambda: m.Token(), "Token() missing required argument 'id' (pos 1)"),
                 (lambda: m.Bag(nam="b", capacity=1),
                  "Bag() got an unexpected keyword argument 'nam'"))
        for call, msg in cases:
            with self.subTest(msg=msg):
                self.assertEqual(error_message(self, TypeError, call), msg)


class NoSelfType(unittest.TestCase):
    def test_static_only_class_cannot_be_instantiated(self):
        with self.assertRaises(TypeError):
            m.Stats()
        # ALLOCS counts the library's allocations: upper() makes exactly one, its result.
        allocs = m.Stats.get(m.Stat.ALLOCS)
        self.assertIs(type(allocs), int)
        self.assertEqual(m.upper("abc"), "ABC")
        self.assertEqual(m.Stats.get(m.Stat.ALLOCS), allocs + 1)
        self.assertEqual(m.Stats.__doc__, "The library's counters; static methods only, "
                                          "never instantiated.")


if __name__ == "__main__":
    unittest.main()
