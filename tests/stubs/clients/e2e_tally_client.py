"""Uses e2e_tally as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_tally

t = e2e_tally.Tally(7)
ident: int = t.id()
drops: int = e2e_tally.Tally.drops() + e2e_tally.Tally.double_drops()
missing: str = e2e_tally.Tally.last_dropped()  # wrong: assignment
