"""Uses e2e_outs as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_outs

q, r = e2e_outs.divmod(17, 5)
both: int = q + r
parsed: float | None = e2e_outs.parse("2.5")
words, chars = e2e_outs.count("a few words")
values: list[int] = [v * 2 for v in e2e_outs.Counter(3)]
first: int = next(e2e_outs.Counter(1))
e2e_outs.divmod(17, 5.0)  # wrong: arg-type
