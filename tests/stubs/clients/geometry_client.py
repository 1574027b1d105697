"""Uses geometry as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import geometry
from geometry import Polygon, Vec2

v = Vec2(3.0, 4.0)
v.x = 6.0
length: float = abs(v) + v.dot(Vec2.polar(0.5, length=2.0))
w: Vec2 = -(v + Vec2(y=1.0)) * 2
square = Polygon.regular(4, radius=2.0)
with Polygon.from_bbox((0.0, 0.0, 1.0, 1.0)) as poly:
    poly.push(Vec2(0.5, 0.5))
    corners: list[Vec2] = [p for p in poly]
    count: int = len(poly) + (Vec2() in poly)
box: geometry.BBox = square.bbox()
width: float = box.max_x - box.min_x
seen: int = square.for_each(lambda x, y: x > y)
square.on_change(lambda n: None)
distance: float = geometry.distance(v, w)
version: str = geometry.VERSION
square.push((1.0, 2.0))  # wrong: arg-type
