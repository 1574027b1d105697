"""test_plan.py: the call-plan forms of tests/golden/pass/call_plan.in, run for real against
lib/plan.c (module e2e_plan): predicate error domains (zstd's size_t codes), a success
status that means "no value", borrowed results sized by an out-value, positions, buffer
structs passed by address (with output growth and max_length), count results that cut an
output buffer, text out-values given away and lent, dict arrays with a union and a
terminator, and an out-handle constructor whose failure reads the handle's message and
releases the handle. The library counts what crosses to the wrapper (messages, handles,
streams), so the tests prove each one is released on every path."""
import gc
import inspect
import unittest

import e2e_plan as m
from e2e_support import assert_no_leaks, raising

PLAN_NOMEM, PLAN_BADARG = 3, 4


class Predicate(unittest.TestCase):
    def test_count_is_the_value(self):
        self.assertEqual(m.count(b"abc"), 3)
        self.assertEqual(m.count(b""), 0)
        self.assertEqual(m.count(bytearray(b"z" * 1000)), 1000)
        self.assertEqual(str(inspect.signature(m.count)), "(data)")

    def test_error_code_with_its_subclass(self):
        with self.assertRaises(m.CorruptError) as cm:
            m.count(b"Xabc")
        self.assertEqual(cm.exception.code, -20)  # (size_t)-20, as long long
        self.assertEqual(str(cm.exception), "corrupt data")
        self.assertTrue(issubclass(m.CorruptError, m.CodeError))

    def test_error_code_of_the_domain(self):
        with self.assertRaises(m.CodeError) as cm:
            m.count(b"Yabc")
        self.assertIs(type(cm.exception), m.CodeError)
        self.assertEqual(cm.exception.code, -21)
        self.assertEqual(str(cm.exception), "unknown data")


class NoValueStatus(unittest.TestCase):
    def test_optional_result_of_a_status_function(self):
        """Result<Option<&str>, E>: a NULL out-value is None, an error still raises."""
        self.assertEqual(m.lookup("a"), "one")
        self.assertIsNone(m.lookup("none"))
        with self.assertRaises(ValueError) as caught:
            m.lookup("")
        self.assertEqual(caught.exception.code, PLAN_BADARG)
        self.assertIn("-> str | None", m.lookup.__doc__)

    def test_value_none_and_error(self):
        self.assertEqual(m.find("a"), 1)
        self.assertEqual(m.find("b"), -(1 << 40))
        self.assertIsNone(m.find("missing"))  # PLAN_END: a success with no value
        with self.assertRaises(ValueError) as cm:  # raise PLAN_BADARG ValueError
            m.find("")
        self.assertEqual(cm.exception.code, PLAN_BADARG)
        self.assertEqual(str(inspect.signature(m.find)), "(key)")


class BorrowedResult(unittest.TestCase):
    def test_length_from_the_out_value(self):
        self.assertEqual(m.text(0), "alpha")
        self.assertEqual(m.text(1), "a\x00b")  # the length, not a NUL, ends it
        self.assertEqual(m.text(2), "")
        self.assertEqual(m.text(3), "h\u00e9llo")
        self.assertIsNone(m.text(4))  # NULL
        self.assertIsNone(m.text(-1))
        self.assertEqual(str(inspect.signature(m.text)), "(i)")  # n is not returned


class Position(unittest.TestCase):
    def test_position_is_the_produced_length(self):
        self.assertEqual(m.encode(b"abc", 10), b"cba")
        self.assertEqual(m.encode(b"", 4), b"")
        self.assertEqual(m.encode(b"xy", 2), b"yx")
        data = bytes(range(256)) * 40
        self.assertEqual(m.encode(data, 20000), data[::-1])
        self.assertEqual(str(inspect.signature(m.encode)), "(src, cap)")

    def test_does_not_fit(self):
        with self.assertRaises(m.PlanError) as cm:
            m.encode(b"abc", 2)
        self.assertIs(type(cm.exception), m.PlanError)
        self.assertEqual(cm.exception.code, m.FULL)
        self.assertEqual(str(cm.exception), "plan error 6")  # plan_errmsg(NULL) is NULL


class BufferStructs(unittest.TestCase):
    def test_small_call(self):
        z = m.ZStream()
        self.assertEqual(z.code(-1, b"hello"), (0, b"HELLO", 5))
        self.assertEqual(z.code(-1, b""), (0, b"", 0))
        self.assertEqual(str(inspect.signature(z.code)), "(max_length, data, mode=0)")

    def test_output_grows_past_16_kib(self):
        z = m.ZStream()
        data = b"abcdefgh" * 40000  # 320,000 bytes
        remaining, out, read = z.code(-1, data)
        self.assertEqual((remaining, read), (0, len(data)))
        self.assertEqual(out, data.upper())

    def test_max_length_limits_and_returns_what_is_unread(self):
        z = m.ZStream()
        data = b"hello world, and more"
        self.assertEqual(z.code(10, data), (len(data) - 10, b"HELLO WORL", 10))
        big = b"q" * 100000
        remaining, out, read = z.code(20000, big)  # beyond the first 16 KiB, not past 20000
        self.assertEqual((remaining, len(out), read), (80000, 20000, 20000))
        self.assertEqual(z.code(0, big), (100000, b"", 0))
        remaining, rest, read = z.code(-1, big[20000:])
        self.assertEqual((remaining, out + rest), (0, big.upper()))

    def test_error_code(self):
        z = m.ZStream()
        with self.assertRaises(m.CodeError) as cm:
            z.code(-1, b"abc", mode=-1)
        self.assertEqual((cm.exception.code, str(cm.exception)), (-23, "bad mode"))
        self.assertEqual(z.code(-1, b"ok"), (0, b"OK", 2))  # still usable

    def test_streams_are_released(self):
        gc.collect()
        before = m.live_zstreams()
        streams = [m.ZStream() for _ in range(10)]
        self.assertEqual(m.live_zstreams(), before + 10)
        del streams
        gc.collect()
        self.assertEqual(m.live_zstreams(), before)


class CountResult(unittest.TestCase):
    def test_retry_under_a_predicate_domain(self):
        """`retry `COND`;` under a predicate domain: one byte of room at first, doubled
        while the code says the destination is too small, until the data fits."""
        for data in (b"", b"a", bytes(range(256)) * 400):
            with self.subTest(size=len(data)):
                self.assertEqual(m.zpack_grown(data), data[::-1])

    def test_result_cuts_the_output(self):
        self.assertEqual(m.zpack(b"abc"), b"cba")  # room len+64, cut to 3
        self.assertEqual(m.zpack(b""), b"")
        data = bytes(range(200))
        self.assertEqual(m.zpack(data), data[::-1])
        self.assertEqual(m.zpack_into(10, b"abc"), b"cba")
        self.assertEqual(m.zpack_into(3, b"abc"), b"cba")

    def test_error_code_instead_of_a_count(self):
        with self.assertRaises(m.SmallError) as cm:
            m.zpack_into(2, b"abc")
        self.assertEqual((cm.exception.code, str(cm.exception)), (-22, "destination too small"))
        self.assertIsInstance(cm.exception, m.CodeError)


class TextOutValues(unittest.TestCase):
    def test_given_and_lent(self):
        self.assertEqual(m.run("select 1"), (0, None, None))
        self.assertEqual(m.run("one;two;three"), (0, None, "two;three"))
        self.assertEqual(m.run("bad"), (1, "cannot run: bad", None))
        self.assertEqual(m.run("bad; next"), (1, "cannot run: bad", " next"))
        self.assertEqual(str(inspect.signature(m.run)), "(sql)")

    def test_every_message_is_freed(self):
        start = m.live_messages()
        for k in range(5000):
            self.assertEqual(m.run("bad;%d" % k), (1, "cannot run: bad", str(k)))
        self.assertEqual(m.live_messages(), start)
        self.assertEqual(start, 0)


class DictArrays(unittest.TestCase):
    def test_union_and_terminator(self):
        self.assertEqual(m.sum([]), 0)  # the terminator alone
        self.assertEqual(m.sum([{"kind": m.KIND_A}]), 1)  # no Opts key: opts is NULL
        self.assertEqual(m.sum([{"kind": m.KIND_A, "level": 3}, {"kind": m.KIND_B}]), 4)
        # one Opts key given: the other takes its default (level 6)
        self.assertEqual(m.sum([{"kind": m.KIND_B, "fast": True}]), 1006)
        items = [{"kind": m.KIND_A, "level": k} for k in range(100)]
        self.assertEqual(m.sum(items), sum(range(100)))
        self.assertEqual(m.sum(tuple(items)), sum(range(100)))

    def test_refused(self):
        with self.assertRaises(ValueError) as cm:
            m.sum([{"kind": m.KIND_A, "levels": 3}])
        self.assertIn("'levels'", str(cm.exception))
        with self.assertRaises(ValueError) as cm:
            m.sum([{"kind": 99}])
        self.assertIn("99", str(cm.exception))
        with self.assertRaises(ValueError):
            m.sum([{"level": 3}])  # no 'kind'
        with self.assertRaises(OverflowError):
            m.sum([{"kind": m.KIND_A, "level": -1}])
        with self.assertRaises(TypeError):
            m.sum({"kind": m.KIND_A})
        with self.assertRaises(TypeError):
            m.sum([5])


class OutHandle(unittest.TestCase):
    def test_open(self):
        gc.collect()
        start = m.live_dbs()
        db = m.Db("file.db")
        self.assertEqual(db.path(), "file.db")
        self.assertEqual(m.live_dbs(), start + 1)
        db2 = m.Db.open("other")
        self.assertIsInstance(db2, m.Db)
        self.assertEqual(db2.path(), "other")
        del db, db2
        gc.collect()
        self.assertEqual(m.live_dbs(), start)

    def test_failed_open_reads_the_handle_then_releases_it(self):
        gc.collect()
        start = m.live_dbs()
        for ctor in (m.Db, m.Db.open):
            for _ in range(1000):
                with self.assertRaises(m.BusyError) as cm:
                    ctor("")
                self.assertEqual(cm.exception.code, m.BUSY)
                self.assertEqual(str(cm.exception), "cannot open an empty path")
                self.assertIsInstance(cm.exception, m.PlanError)
        del cm
        gc.collect()
        self.assertEqual(m.live_dbs(), start)

    def test_method_messages(self):
        db = m.Db("x")
        self.assertIsNone(db.fail(m.OK))
        with self.assertRaises(m.BusyError) as cm:
            db.fail(m.BUSY)
        self.assertEqual(str(cm.exception), "failed on purpose")
        with self.assertRaises(m.PlanError) as cm:
            db.fail(7)
        self.assertIs(type(cm.exception), m.PlanError)
        self.assertEqual((cm.exception.code, str(cm.exception)), (7, "failed on purpose"))
        with self.assertRaises(m.PlanError) as cm:  # message PLAN_NOMEM "out of memory"
            db.fail(PLAN_NOMEM)
        self.assertIs(type(cm.exception), m.PlanError)
        self.assertEqual((cm.exception.code, str(cm.exception)), (PLAN_NOMEM, "out of memory"))


class NoLeaks(unittest.TestCase):
    def test_success_paths(self):
        z = m.ZStream()
        data = b"abc" * 10000
        items = [{"kind": m.KIND_A, "level": 3}, {"kind": m.KIND_B}]

        def work():
            m.count(b"abc"), m.find("a"), m.find("zz"), m.text(3), m.text(9)
            m.encode(b"abcd", 8), z.code(-1, data), z.code(5, data)
            m.zpack(b"abc"), m.zpack_into(4, b"abc"), m.run("one;two"), m.run("bad;x")
            m.sum(items), m.Db("x").path()
        assert_no_leaks(self, work, [m, z, data, items, m.Db, m.ZStream], calls=20000)
        self.assertEqual(m.live_messages(), 0)

    def test_error_paths(self):
        z = m.ZStream()
        calls = [raising(m.CorruptError, m.count, b"X"), raising(ValueError, m.find, ""),
                 raising(m.PlanError, m.encode, b"abc", 1),
                 raising(m.CodeError, z.code, -1, b"abc", -1),
                 raising(m.SmallError, m.zpack_into, 1, b"abc"),
                 raising(ValueError, m.sum, [{"kind": 99}]),
                 raising(ValueError, m.sum, [{"kind": m.KIND_A, "nope": 1}]),
                 raising(m.BusyError, m.Db, ""), raising(m.BusyError, m.Db.open, "")]

        def work():
            for call in calls:
                call()
        gc.collect()
        start = m.live_dbs()
        assert_no_leaks(self, work, [m, z, m.Db, m.PlanError, m.CodeError], calls=20000)
        gc.collect()
        self.assertEqual(m.live_dbs(), start)


if __name__ == "__main__":
    unittest.main()
