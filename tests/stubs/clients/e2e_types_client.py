"""Uses e2e_types as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_types
from e2e_types import Bag, Color, Perm, Point

bag = Bag("stuff", capacity=4)
bag.push(Point(1.0, 2.0))
first: Point | None = bag.first()
points: int = bag.points()
norm: float = Point.norm2(None) + Point.norm2(Point.add(Point(1, 1), Point(2, 2)))
perm: Perm = e2e_types.perm_union(Perm.READ, Perm.WRITE)
color: Color = e2e_types.next_color(e2e_types.DEFAULT_COLOR)
buf = bytearray(4)
e2e_types.fill(buf, 7)
total: int = e2e_types.sum_i32([1, 2, 3]) + e2e_types.sum_u8(b"\x01\x02")
looked: str | None = e2e_types.lookup(None)
try:
    e2e_types.parse_int("x")
except e2e_types.ParseError as parse_error:
    base: e2e_types.Error = parse_error
e2e_types.sum_i32([1, "2"])  # wrong: list-item
