"""Uses e2e_counter as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_counter

c = e2e_counter.Counter(3)
c.add(4)
total: int = c.get() + e2e_counter.Counter.from_sum(1, 2).get()
live: int = e2e_counter.Counter.live()
doubled: int = e2e_counter.Counter.twice(21)
c.add("four")  # wrong: arg-type
