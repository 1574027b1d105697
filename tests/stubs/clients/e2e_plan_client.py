"""Uses e2e_plan as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_plan

z = e2e_plan.ZStream()
status, out, consumed = z.code(64, b"data to pack")
packed: bytes = e2e_plan.zpack(bytearray(b"abc")) + e2e_plan.encode(memoryview(b"xy"), 8)
found: int | None = e2e_plan.find("key")
with_text: str | None = e2e_plan.lookup("key")
total: int = e2e_plan.sum([{"kind": e2e_plan.KIND_A, "value": 3}])
try:
    e2e_plan.Db("/nonexistent/dir/db").fail(e2e_plan.BUSY)
except e2e_plan.BusyError as busy:
    caught: e2e_plan.PlanError = busy
e2e_plan.count("text, not bytes")  # wrong: arg-type
