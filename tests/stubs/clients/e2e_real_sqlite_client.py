"""Uses e2e_real_sqlite as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_real_sqlite

db = e2e_real_sqlite.Db(":memory:")
db.exec("CREATE TABLE t (a INTEGER, b TEXT)")
stmt = db.prepare("INSERT INTO t VALUES (?, ?)")
if stmt is not None:
    stmt.bind_int64(1, 42)
    stmt.bind_text(2, "answer")
    more: bool = stmt.step()
rowid: int = db.last_insert_rowid()
current, highwater = e2e_real_sqlite.status64(0, reset=False)
try:
    db.exec("not sql")
except e2e_real_sqlite.SqliteError as error:
    base: e2e_real_sqlite.Error = error
db.exec(b"SELECT 1")  # wrong: arg-type
