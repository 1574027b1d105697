"""Uses e2e_flapigen_switch as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_flapigen_switch
from e2e_flapigen_switch import Forms, Shared

s = Shared(3)
text: str = repr(s) + str(s)
value: int = s.get()
digits: list[int] = Forms.magic()
total: int = Forms.sum_bytes([1, 2, 3]) + sum(Forms.squares(3))
base: type[Exception] = e2e_flapigen_switch.Error
Forms.sum_bytes([1, "2"])  # wrong: list-item
