"""Uses e2e_flapigen as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import copy
from typing import Any

import e2e_flapigen
from e2e_flapigen import Forms, Over, Point


class Observer:
    def onEvent(self, code: int, text: str) -> None:
        pass

    def onLabel(self, label: str) -> None:
        pass

    def isWanted(self, code: int) -> bool:
        return code > 0

    def describe(self, code: int) -> str:
        return str(code)


p = Point(1, 2)
same: bool = p == copy.deepcopy(p) and p.eq(p.clone())
o = Over("12")
o.add(1, 2)
made: Over = Over.make(1, None)
bus = e2e_flapigen.Bus()
bus.subscribe(Observer())
told: str = bus.describe(Observer(), 3)
half: int | None = Forms.half(3, exact=True)
joined: str = Forms.join(["a", "b"], "-")
shape: tuple[int, str, float] = Forms.describe(2)
code_defined: Any = p.norm1()
Forms.join("ab", 1)  # wrong: arg-type
