"""test_real_sqlite.py: the system's SQLite bound from glue alone (real_sqlite.in, no C of
our own) as e2e_real_sqlite, checked against CPython's own sqlite3 module, which links the
same libsqlite3. A Db is made through sqlite3_open_v2's out-handle and released (after its
message was read) when the open fails; statements come back through prepare_v2's
out-handle, None for empty SQL; hidden arguments (callbacks, tails, SQLITE_TRANSIENT) never
show in Python; lengths are range-checked C ints; column text and blobs are borrowed and
sized by sqlite3_column_bytes; failures carry SQLite's message for the connection, the
result code as .code, and ConstraintError/BusyError subclasses, with the texts CPython's
sqlite3 reports for the same failures. SQLite's own allocation counter
(sqlite3_memory_used) shows that failed opens, finalized statements and closed connections
give back every byte."""
import gc
import inspect
import os
import shutil
import sqlite3
import tempfile
import unittest

import e2e_real_sqlite as m
from e2e_support import (COPIES, SANITIZED, assert_no_leaks, error_message, huge_view, raising,
                          unless_copied)

LOOPS = 5 if SANITIZED else 1

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


def rows(stmt):
    """Every row of stmt, each a tuple of Python values read by column type."""
    out = []
    while stmt.step():
        row = []
        for i in range(stmt.column_count()):
            kind = stmt.column_type(i)
            if kind == m.INTEGER:
                row.append(stmt.column_int64(i))
            elif kind == m.FLOAT:
                row.append(stmt.column_double(i))
            elif kind == m.TEXT:
                row.append(stmt.column_text(i))
            elif kind == m.BLOB:
                row.append(stmt.column_blob(i))
            else:
                row.append(None)
        out.append(tuple(row))
    return out


def query(db, sql, *params):
    """Runs sql with params bound by their Python type, returns its rows."""
    stmt = db.prepare(sql)
    for i, value in enumerate(params, 1):
        if value is None:
            stmt.bind_null(i)
        elif isinstance(value, int):
            stmt.bind_int64(i, value)
        elif isinstance(value, float):
            stmt.bind_double(i, value)
        elif isinstance(value, str):
            stmt.bind_text(i, value)
        else:
            stmt.bind_blob(i, value)
    return rows(stmt)


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class TempDir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="cbpy_sqlite_")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.path = os.path.join(self.dir, "test.db")


class Connection(TempDir):
    def test_hidden_arguments_are_not_python_parameters(self):
        self.assertEqual(str(inspect.signature(m.Db)), "(filename, flags=6)")
        self.assertEqual(str(inspect.signature(m.Db.exec)), "(self, /, sql)")
        self.assertEqual(str(inspect.signature(m.Db.prepare)), "(self, /, sql)")
        self.assertEqual(str(inspect.signature(m.Stmt.bind_text)), "(self, /, i, text)")
        self.assertEqual(str(inspect.signature(m.Stmt.bind_blob)), "(self, /, i, data)")
        self.assertIn("prepare(sql: str) -> Stmt | None", m.Db.prepare.__doc__)
        self.assertIn("step() -> bool", m.Stmt.step.__doc__)
        self.assertIn("column_text(i: int) -> str | None", m.Stmt.column_text.__doc__)
        self.assertIn("column_blob(i: int) -> bytes", m.Stmt.column_blob.__doc__)
        with self.assertRaises(TypeError):
            m.Db(":memory:", 6, None)
        with self.assertRaises(TypeError):
            m.Db(":memory:").exec("select 1", None)
        self.assertEqual(m.libversion(), sqlite3.sqlite_version)

    def test_exec_changes_and_rowid_like_cpython(self):
        script = ["create table t(a integer primary key, b)",
                  "insert into t(b) values (1), (2), (3)",
                  "update t set b = b * 10 where a >= 2",
                  "insert into t(a, b) values (41, 'x')",
                  "delete from t where a = 1"]
        db = m.Db(":memory:")
        con = sqlite3.connect(":memory:")
        self.addCleanup(con.close)
        for sql in script:
            self.assertIsNone(db.exec(sql))
            cur = con.execute(sql)
            if cur.rowcount >= 0:
                self.assertEqual(db.changes(), cur.rowcount, sql)
        self.assertEqual(db.changes(), 1)
        self.assertEqual(db.last_insert_rowid(), 41)
        self.assertEqual(db.last_insert_rowid(),
                         con.execute("select last_insert_rowid()").fetchone()[0])
        self.assertEqual(query(db, "select a, b from t order by a"),
                         con.execute("select a, b from t order by a").fetchall())
        # exec runs every statement of a script (its callback, argument and error-message
        # pointer are the hidden NULLs).
        db.exec("insert into t(b) values (7); insert into t(b) values (8); "
                "delete from t where b = 7")
        self.assertEqual(query(db, "select b from t where a > 41"), [(8,)])

    def test_file_written_by_us_is_read_by_cpython_and_back(self):
        db = m.Db(self.path)
        db.exec("create table t(i integer, r real, s text, b blob, n)")
        values = (INT64_MIN, -1.5e300, "gr\u00fc\u00dfe \u65e5\u672c \U0001F600",
                  b"\x00\xff\x00zero", None)
        stmt = db.prepare("insert into t values (?, ?, ?, ?, ?)")
        stmt.bind_int64(1, values[0])
        stmt.bind_double(2, values[1])
        stmt.bind_text(3, values[2])
        stmt.bind_blob(4, values[3])
        stmt.bind_null(5)
        self.assertFalse(stmt.step())
        del stmt
        con = sqlite3.connect(self.path)
        self.addCleanup(con.close)
        self.assertEqual(con.execute("select * from t").fetchall(), [values])
        types = con.execute("select typeof(i), typeof(r), typeof(s), typeof(b), typeof(n) "
                            "from t").fetchone()
        self.assertEqual(types, ("integer", "real", "text", "blob", "null"))
        with con:
            con.execute("insert into t values (?, ?, ?, ?, ?)",
                        (INT64_MAX, 0.1, "\u00e9t\u00e9", bytes(range(256)), None))
        self.assertEqual(query(db, "select * from t order by i"),
                         [values, (INT64_MAX, 0.1, "\u00e9t\u00e9", bytes(range(256)), None)])

    def test_open_flags(self):
        missing = os.path.join(self.dir, "missing.db")
        message = error_message(self, m.SqliteError, m.Db, missing, m.OPEN_READONLY)
        self.assertEqual(message, "unable to open database file")
        self.assertFalse(os.path.exists(missing))
        m.Db(self.path).exec("create table t(a)")
        ro = m.Db(self.path, flags=m.OPEN_READONLY)
        self.assertEqual(query(ro, "select count(*) from t"), [(0,)])
        with self.assertRaises(m.SqliteError) as caught:
            ro.exec("insert into t values (1)")
        con = sqlite3.connect("file:%s?mode=ro" % self.path, uri=True)
        self.addCleanup(con.close)
        with self.assertRaises(sqlite3.OperationalError) as expected:
            con.execute("insert into t values (1)")
        self.assertEqual(str(caught.exception), str(expected.exception))
        self.assertEqual(str(caught.exception), "attempt to write a readonly database")
        self.assertEqual(caught.exception.code, 8)  # SQLITE_READONLY

    def test_unopenable_path_raises_with_sqlites_message(self):
        bad = os.path.join(self.dir, "no", "such", "dir", "x.db")
        message = error_message(self, m.SqliteError, m.Db, bad)
        with self.assertRaises(sqlite3.OperationalError) as expected:
            sqlite3.connect(bad)
        self.assertEqual(message, str(expected.exception))
        self.assertEqual(message, "unable to open database file")
        with self.assertRaises(m.SqliteError) as caught:
            m.Db(self.dir)  # a directory
        self.assertEqual(caught.exception.code, m.CANTOPEN)
        self.assertEqual(str(caught.exception), "unable to open database file")
        # Wrong argument types fail before C runs.
        with self.assertRaises(TypeError):
            m.Db(b"x.db")
        with self.assertRaises(OverflowError):
            m.Db(":memory:", 2 ** 31)

    def test_failed_open_releases_the_handle(self):
        """sqlite3_open_v2 allocates the connection even when it cannot open the file; the
        generated code reads the message from it and closes it. SQLite's own counter and the
        process's RSS stay flat over thousands of failed opens."""
        bad = os.path.join(self.dir, "no", "such.db")
        gc.collect()
        for _ in range(20):
            self.assertRaises(m.SqliteError, m.Db, bad)
        used_before, rss_before = m.memory_used(), rss_bytes()
        for _ in range(5000):
            with self.assertRaises(m.SqliteError) as caught:
                m.Db(bad)
            self.assertEqual(caught.exception.code, m.CANTOPEN)
        self.assertEqual(m.memory_used(), used_before)
        if not SANITIZED:
            self.assertLess(rss_bytes() - rss_before, 8 * 1024 * 1024)
        # The counter does see connections: ten open ones hold memory, given back on close.
        dbs = [m.Db(":memory:") for _ in range(10)]
        self.assertGreater(m.memory_used() - used_before, 10 * 1024)
        del dbs
        gc.collect()
        self.assertEqual(m.memory_used(), used_before)

    def test_out_values_before_an_input(self):
        """sqlite3_db_status(db, op, int *current, int *highwater, reset): the out-values
        come back as a tuple; the input after them stays a Python argument."""
        db = m.Db(":memory:")
        self.assertEqual(str(inspect.signature(db.db_status)), "(op, reset=False)")
        self.assertIn("db_status(op: int, reset: bool = False) -> tuple[int, int]",
                      m.Db.db_status.__doc__)
        empty = db.db_status(m.DBSTATUS_SCHEMA_USED)
        db.exec("create table t(a, b, c); create index ti on t(a, b); "
                "create view v as select a from t")
        current, highwater = db.db_status(m.DBSTATUS_SCHEMA_USED)
        self.assertGreater(current, empty[0] + 500)
        self.assertEqual(highwater, 0)  # SQLite keeps no highwater for the schema
        for op in (m.DBSTATUS_CACHE_USED, m.DBSTATUS_LOOKASIDE_USED, m.DBSTATUS_CACHE_WRITE):
            result = db.db_status(op, reset=True)
            self.assertIsInstance(result, tuple)
            self.assertEqual(len(result), 2)
            self.assertTrue(all(type(v) is int and v >= 0 for v in result), result)
        # What SQLite documents of these: the cache counters keep no highwater, the cache
        # holds the schema just read, and the reset above zeroed the count of cache writes.
        used, highwater = db.db_status(m.DBSTATUS_CACHE_USED)
        self.assertGreater(used, 0)
        self.assertEqual(highwater, 0)
        self.assertEqual(db.db_status(m.DBSTATUS_CACHE_WRITE), (0, 0))
        # An unknown op is SQLITE_ERROR with no message on the connection: the message read
        # from the handle is SQLite's text for "no error".
        with self.assertRaises(m.SqliteError) as caught:
            db.db_status(12345)
        self.assertEqual((caught.exception.code, str(caught.exception)), (m.ERROR, "not an error"))

    def test_library_typedef_is_checked(self):
        """type sqlite3_int64 = i64: values convert as i64 and errors name the C type."""
        stmt = m.Db(":memory:").prepare("select ?")
        message = error_message(self, OverflowError, stmt.bind_int64, 1, 1 << 63)
        self.assertEqual(message, "Stmt.bind_int64() argument 'value' is out of range for "
                                  "sqlite3_int64: 9223372036854775808 not in "
                                  "[-9223372036854775808, 9223372036854775807]")
        stmt.bind_int64(1, INT64_MIN)
        self.assertTrue(stmt.step())
        self.assertEqual(stmt.column_int64(0), INT64_MIN)
        current, highwater = m.status64(0)  # SQLITE_STATUS_MEMORY_USED
        self.assertEqual(current, m.memory_used())
        self.assertGreaterEqual(highwater, current)
        self.assertIs(type(m.memory_used()), int)

    def test_statement_outlives_its_connection(self):
        gc.collect()
        used_before = m.memory_used()
        db = m.Db(":memory:")
        db.exec("create table t(a); insert into t values (1), (2)")
        stmt = db.prepare("select a from t order by a")
        del db
        gc.collect()
        # sqlite3_close_v2 keeps the connection until its last statement is finalized.
        self.assertEqual(rows(stmt), [(1,), (2,)])
        self.assertGreater(m.memory_used(), used_before)
        del stmt
        gc.collect()
        self.assertEqual(m.memory_used(), used_before)


class Statements(unittest.TestCase):
    def setUp(self):
        self.db = m.Db(":memory:")
        self.db.exec("create table t(a integer primary key, b text not null, c blob, d real, "
                     "check (d is null or d >= 0))")

    def test_empty_sql_prepares_to_none(self):
        for sql in ("", "   ", "-- only a comment", "/* block */"):
            with self.subTest(sql=sql):
                self.assertIsNone(self.db.prepare(sql))
        stmt = self.db.prepare("select 1; select 2")  # the tail is ignored (tail = NULL)
        self.assertIsInstance(stmt, m.Stmt)
        self.assertEqual(rows(stmt), [(1,)])
        with self.assertRaises(TypeError):
            m.Stmt()

    def test_step_is_a_bool_of_sqlite_row(self):
        self.db.exec("insert into t(b) values ('x'), ('y')")
        stmt = self.db.prepare("select b from t order by a")
        self.assertIs(stmt.step(), True)
        self.assertEqual(stmt.column_text(0), "x")
        self.assertIs(stmt.step(), True)
        self.assertEqual(stmt.column_text(0), "y")
        self.assertIs(stmt.step(), False)
        # After SQLITE_DONE, SQLite resets the statement by itself on the next step.
        self.assertIs(stmt.step(), True)
        self.assertEqual(stmt.column_text(0), "x")
        self.assertIsNone(stmt.reset())
        self.assertEqual(rows(stmt), [("x",), ("y",)])
        insert = self.db.prepare("insert into t(b) values ('z')")
        self.assertIs(insert.step(), False)
        self.assertEqual(self.db.changes(), 1)

    def test_columns_like_cpython(self):
        sql = "select a, b as label, c, d, null as nil, 1 + 1 from t"
        con = sqlite3.connect(":memory:")
        self.addCleanup(con.close)
        con.execute("create table t(a integer primary key, b text, c blob, d real)")
        stmt = self.db.prepare(sql)
        names = [stmt.column_name(i) for i in range(stmt.column_count())]
        self.assertEqual(names, [d[0] for d in con.execute(sql).description])
        self.assertEqual(names, ["a", "label", "c", "d", "nil", "1 + 1"])

    def test_every_type_round_trips(self):
        texts = ["", "plain", "caf\u00e9", "\u65e5\u672c\u8a9e", "\U0001F600\U0001F680",
                 "\u00e9" * 1000]
        blobs = [b"", b"\x00", b"a\x00b\x00\x00", bytes(range(256)) * 4]
        for text in texts:
            with self.subTest(text=text[:10]):
                self.assertEqual(query(self.db, "select ?", text), [(text,)])
        for blob in blobs:
            with self.subTest(blob=blob[:10]):
                got = query(self.db, "select ?, length(?1), typeof(?1)", blob)
                # An empty blob reads back as b'' (column_blob's NULL with length 0).
                self.assertEqual(got, [(blob, len(blob), "blob")])
        for value in (0, 1, -1, INT64_MIN, INT64_MAX):
            self.assertEqual(query(self.db, "select ?", value), [(value,)])
        for value in (0.0, -0.5, 1e308, float("inf")):
            self.assertEqual(query(self.db, "select ?", value), [(value,)])
        self.assertEqual(query(self.db, "select ?", None), [(None,)])

    def test_buffers_of_every_kind_bind_as_blobs(self):
        data = b"\x01\x00\x02"
        for buf in (data, bytearray(data), memoryview(data), memoryview(b"xx" + data)[2:]):
            with self.subTest(buffer=type(buf).__name__):
                stmt = self.db.prepare("select ?")
                stmt.bind_blob(1, buf)
                self.assertTrue(stmt.step())
                self.assertEqual(stmt.column_blob(0), data)
        stmt = self.db.prepare("select ?")
        with self.assertRaises(TypeError):
            stmt.bind_blob(1, "text")
        with self.assertRaises(TypeError):
            stmt.bind_text(1, b"bytes")

    def test_text_and_blob_lengths_come_from_column_bytes(self):
        # Text holding a NUL: the length is sqlite3_column_bytes, not strlen.
        stmt = self.db.prepare("select cast(x'61006200' as text), x'610062', ''")
        self.assertTrue(stmt.step())
        self.assertEqual(stmt.column_text(0), "a\x00b\x00")
        self.assertEqual(stmt.column_blob(1), b"a\x00b")
        self.assertEqual(stmt.column_text(2), "")
        self.assertEqual(stmt.column_blob(2), b"")
        con = sqlite3.connect(":memory:")
        self.addCleanup(con.close)
        self.assertEqual(con.execute("select cast(x'61006200' as text)").fetchone()[0],
                         "a\x00b\x00")
        # NULL: None as text, b'' as a blob; numbers read as their text.
        stmt = self.db.prepare("select null, 42, 2.5")
        self.assertTrue(stmt.step())
        self.assertIsNone(stmt.column_text(0))
        self.assertEqual(stmt.column_blob(0), b"")
        self.assertEqual(stmt.column_text(1), "42")
        self.assertEqual(stmt.column_blob(1), b"42")
        self.assertEqual(stmt.column_double(1), 42.0)
        self.assertEqual(stmt.column_text(2), "2.5")
        self.assertEqual(stmt.column_int64(2), 2)

    def test_invalid_utf8_text_is_a_decode_error(self):
        stmt = self.db.prepare("select cast(x'ff61' as text)")
        self.assertTrue(stmt.step())
        with self.assertRaises(UnicodeDecodeError):
            stmt.column_text(0)
        self.assertEqual(stmt.column_blob(0), b"\xffa")

    def test_text_arguments_are_checked(self):
        stmt = self.db.prepare("select ?")
        with self.assertRaises(ValueError) as caught:
            stmt.bind_text(1, "a\x00b")
        self.assertIn("must not contain NUL characters", str(caught.exception))
        with self.assertRaises(UnicodeEncodeError):
            stmt.bind_text(1, "\udc80")
        with self.assertRaises(TypeError):
            self.db.prepare(None)

    def test_length_that_does_not_fit_its_type(self):
        """bind_text_i8 passes len(text) (UTF-8 bytes) as an i8: 127 fits, 128 does not."""
        stmt = self.db.prepare("select ?")
        stmt.bind_text_i8(1, "x" * 127)
        self.assertTrue(stmt.step())
        self.assertEqual(stmt.column_text(0), "x" * 127)
        stmt.reset()
        for text, size in (("x" * 128, 128), ("\u00e9" * 64, 128), ("x" * 100000, 100000)):
            with self.subTest(size=size):
                message = error_message(self, OverflowError, stmt.bind_text_i8, 1, text)
                self.assertEqual(message, "Stmt.bind_text_i8() argument 'text' is too long: %d "
                                          "bytes do not fit its length type 'i8'" % size)
        stmt.bind_text_i8(1, "\u00e9" * 63)  # 126 bytes
        self.assertTrue(stmt.step())
        self.assertEqual(stmt.column_text(0), "\u00e9" * 63)

    @unless_copied(m, COPIES)
    def test_blob_longer_than_an_i32(self):
        """The i32 lengths: a 2 GiB blob does not fit (an untouched anonymous mapping)."""
        stmt = self.db.prepare("select ?")
        view = huge_view(self, 1 << 31)
        message = error_message(self, OverflowError, stmt.bind_blob, 1, view)
        self.assertEqual(message, "Stmt.bind_blob() argument 'data' is too long: 2147483648 "
                                  "bytes do not fit its length type 'i32'")

    def test_bind_errors_read_the_connections_message(self):
        stmt = self.db.prepare("select ?")
        for bind in (lambda: stmt.bind_int64(2, 1), lambda: stmt.bind_null(0),
                     lambda: stmt.bind_text(5, "x"), lambda: stmt.bind_blob(-1, b"")):
            with self.assertRaises(m.SqliteError) as caught:
                bind()
            self.assertIs(type(caught.exception), m.SqliteError)
            self.assertEqual(caught.exception.code, m.RANGE)
            self.assertEqual(str(caught.exception), "column index out of range")
        self.assertEqual(stmt.bind_parameter_count(), 1)


# (setup script, failing SQL, our exception class, CPython's exception class, message)
FAILURES = (
    ("", "select * from nope", m.SqliteError, sqlite3.OperationalError, "no such table: nope"),
    ("", "SELEC 1", m.SqliteError, sqlite3.OperationalError, 'near "SELEC": syntax error'),
    ("create table t(a)", "select nosuch from t", m.SqliteError, sqlite3.OperationalError,
     "no such column: nosuch"),
    ("create table t(a unique); insert into t values (1)", "insert into t values (1)",
     m.ConstraintError, sqlite3.IntegrityError, "UNIQUE constraint failed: t.a"),
    ("create table t(a, b not null)", "insert into t(a) values (1)",
     m.ConstraintError, sqlite3.IntegrityError, "NOT NULL constraint failed: t.b"),
    ("create table t(a check (a > 0))", "insert into t values (-1)",
     m.ConstraintError, sqlite3.IntegrityError, "CHECK constraint failed: a > 0"),
    ("create table t(a integer primary key)", "insert into t values ('text')",
     m.SqliteError, sqlite3.IntegrityError, "datatype mismatch"),
    ("", "select abs(-9223372036854775807 - 1)", m.SqliteError, sqlite3.OperationalError,
     "integer overflow"),
)


class Errors(TempDir):
    def run_ours(self, setup, sql):
        db = m.Db(":memory:")
        if setup:
            db.exec(setup)
        stmt = db.prepare(sql)
        while stmt.step():
            pass

    def run_cpythons(self, setup, sql):
        con = sqlite3.connect(":memory:")
        try:
            if setup:
                con.executescript(setup)
            con.execute(sql).fetchall()
        finally:
            con.close()

    def test_messages_and_codes_match_cpython(self):
        for setup, sql, ours, theirs, text in FAILURES:
            with self.subTest(sql=sql):
                with self.assertRaises(m.SqliteError) as caught:
                    self.run_ours(setup, sql)
                with self.assertRaises(theirs) as expected:
                    self.run_cpythons(setup, sql)
                self.assertIs(type(caught.exception), ours)
                self.assertEqual(str(caught.exception), text)
                self.assertEqual(str(expected.exception), text)
                if hasattr(expected.exception, "sqlite_errorcode"):  # CPython 3.11+
                    self.assertEqual(caught.exception.code,
                                     expected.exception.sqlite_errorcode & 0xFF)
                # exec reports the same failure with the same text and code.
                db = m.Db(":memory:")
                if setup:
                    db.exec(setup)
                with self.assertRaises(ours) as again:
                    db.exec(sql)
                self.assertEqual(str(again.exception), text)
                self.assertEqual(again.exception.code, caught.exception.code)

    def test_exception_classes(self):
        self.assertTrue(issubclass(m.SqliteError, m.Error))
        self.assertTrue(issubclass(m.Error, Exception))
        self.assertTrue(issubclass(m.ConstraintError, m.SqliteError))
        self.assertTrue(issubclass(m.BusyError, m.SqliteError))
        self.assertFalse(issubclass(m.ConstraintError, m.BusyError))
        self.assertEqual(m.ConstraintError.__module__, "e2e_real_sqlite")
        self.assertIn("Raised when SQLite reports a failure", m.SqliteError.__doc__)
        db = m.Db(":memory:")
        db.exec("create table t(a primary key)")
        db.exec("insert into t values (1)")
        stmt = db.prepare("insert into t values (1)")
        with self.assertRaises(m.ConstraintError) as caught:
            stmt.step()
        self.assertEqual(caught.exception.code, m.CONSTRAINT)
        self.assertEqual(caught.exception.args, ("UNIQUE constraint failed: t.a",))
        # The connection's message stays readable after the failure, as the glue read it.
        self.assertEqual(db.errmsg(), "UNIQUE constraint failed: t.a")

    def test_class_is_chosen_by_the_exact_status(self):
        """With extended result codes the status is SQLITE_CONSTRAINT_UNIQUE (2067), which
        CPython reports as sqlite_errorcode; the class list names SQLITE_CONSTRAINT only."""
        db = m.Db(":memory:")
        db.extended_result_codes(True)
        db.exec("create table t(a unique); insert into t values (1)")
        with self.assertRaises(m.SqliteError) as caught:
            db.exec("insert into t values (1)")
        self.assertIs(type(caught.exception), m.SqliteError)
        self.assertEqual(caught.exception.code, 2067)
        self.assertEqual(str(caught.exception), "UNIQUE constraint failed: t.a")
        con = sqlite3.connect(":memory:")
        self.addCleanup(con.close)
        con.executescript("create table t(a unique); insert into t values (1)")
        with self.assertRaises(sqlite3.IntegrityError) as expected:
            con.execute("insert into t values (1)")
        if hasattr(expected.exception, "sqlite_errorcode"):
            self.assertEqual(expected.exception.sqlite_errorcode, 2067)

    def test_busy_between_two_connections(self):
        writer = m.Db(self.path)
        writer.exec("create table t(a); insert into t values (1)")
        reader = m.Db(self.path)
        reader.exec("PRAGMA busy_timeout = 0")
        stmt = reader.prepare("select a from t")  # before the lock: the schema is read
        writer.exec("BEGIN EXCLUSIVE")
        with self.assertRaises(m.BusyError) as caught:
            reader.exec("select * from t")
        self.assertEqual(caught.exception.code, m.BUSY)
        self.assertEqual(str(caught.exception), "database is locked")
        with self.assertRaises(m.BusyError) as from_step:
            stmt.step()
        self.assertEqual(str(from_step.exception), "database is locked")
        # CPython's connection is locked out by ours with the same message.
        con = sqlite3.connect(self.path, timeout=0)
        self.addCleanup(con.close)
        with self.assertRaises(sqlite3.OperationalError) as expected:
            con.execute("select * from t").fetchall()
        self.assertEqual(str(expected.exception), str(caught.exception))
        writer.exec("COMMIT")
        # sqlite3_reset reports the status of the step that failed, and resets all the same.
        with self.assertRaises(m.BusyError):
            stmt.reset()
        self.assertIsNone(stmt.reset())
        self.assertEqual(rows(stmt), [(1,)])
        # And ours by CPython's.
        con.isolation_level = None
        con.execute("BEGIN EXCLUSIVE")
        with self.assertRaises(m.BusyError):
            reader.exec("select * from t")
        con.execute("COMMIT")
        self.assertEqual(query(reader, "select a from t"), [(1,)])


class Leaks(unittest.TestCase):
    def setUp(self):
        self.db = m.Db(":memory:")
        self.db.exec("create table t(i, r, s, b)")
        stmt = self.db.prepare("insert into t values (?, ?, ?, ?)")
        stmt.bind_int64(1, 7)
        stmt.bind_double(2, 0.25)
        stmt.bind_text(3, "caf\u00e9")
        stmt.bind_blob(4, b"\x00\x01")
        stmt.step()

    def test_step_and_column_calls(self):
        stmt = self.db.prepare("select i, r, s, b from t")
        text = "caf\u00e9"

        def call():
            stmt.reset()
            stmt.step()
            stmt.column_int64(0)
            stmt.column_double(1)
            stmt.column_text(2)
            stmt.column_blob(3)
            stmt.column_name(2)
            stmt.step()

        gc.collect()
        used = m.memory_used()
        assert_no_leaks(self, call, [stmt, self.db, text])
        self.assertEqual(m.memory_used(), used)

    def test_bind_calls(self):
        stmt = self.db.prepare("select ?, ?, ?, ?")
        text, blob = "\u65e5\u672c", b"\x00" * 100

        def call():
            stmt.bind_int64(1, 1 << 40)
            stmt.bind_double(2, 1.5)
            stmt.bind_text(3, text)
            stmt.bind_blob(4, blob)
            stmt.bind_null(1)

        assert_no_leaks(self, call, [stmt, text, blob])

    def test_failures(self):
        self.db.exec("create table u(a unique); insert into u values (1)")
        dup = self.db.prepare("insert into u values (1)")
        stmt = self.db.prepare("select ?")
        assert_no_leaks(self, raising(m.SqliteError, self.db.prepare, "select * from nope"),
                        [self.db], calls=20000 // LOOPS)
        assert_no_leaks(self, raising(m.ConstraintError, dup.step), [dup], calls=20000 // LOOPS)
        assert_no_leaks(self, raising(OverflowError, stmt.bind_text_i8, 1, "x" * 200),
                        [stmt], calls=20000 // LOOPS)

    def test_statements_are_finalized(self):
        gc.collect()
        used = m.memory_used()
        sql = "select i, s from t"

        def call():
            stmt = self.db.prepare(sql)
            stmt.step()
            self.db.prepare("")

        assert_no_leaks(self, call, [self.db, sql], calls=20000 // LOOPS)
        self.assertEqual(m.memory_used(), used)


if __name__ == "__main__":
    unittest.main()
