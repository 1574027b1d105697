"""A tour of the geometry module: the C library in geometry.c, bound by glue.in.

Run it with the built module on the path:
    PYTHONPATH=build/examples/geometry python3 examples/geometry/demo.py
Its output is fixed (expected_output.txt), so ctest compares the two.
"""
import inspect
import math
import sys
from concurrent.futures import ThreadPoolExecutor

import geometry
from geometry import BBox, GeometryError, Polygon, Vec2


def attempt(what, action):
    """Run action() and print the exception it raises."""
    try:
        action()
    except Exception as e:
        print("  %s -> %s: %s" % (what, type(e).__name__, e))
    else:
        print("  %s -> no error" % what)


print("geometry", geometry.version(), "- regular polygons up to", geometry.MAX_SIDES, "sides")

# help() and inspect see keyword names, defaults and `/` like those of a hand-written
# extension; the docstring repeats the signature with Python types.
print("signatures:")
for name, func in [("Vec2", Vec2), ("Vec2.polar", Vec2.polar), ("Vec2.dot", Vec2.dot),
                   ("Polygon.regular", Polygon.regular),
                   ("Polygon.sample_area", Polygon.sample_area),
                   ("Polygon.for_each", Polygon.for_each), ("distance", geometry.distance)]:
    print("  %s%s" % (name, inspect.signature(func)))
    print("    %s" % func.__doc__.splitlines()[0])
print("help(Polygon.regular), after its signature line:")
for line in Polygon.regular.__doc__.splitlines():
    print(("  | " + line).rstrip())
print("docs of a property and a named tuple:")
print("  Vec2.length:", Vec2.length.__doc__)
print("  BBox:", BBox.__doc__)

# Vec2: a struct held by value. Keyword arguments and defaults, a second constructor as a
# classmethod, fields, a read-write property and the special methods.
print("Vec2:")
a = Vec2(3, 4)
print("  Vec2(), Vec2(y=-2.5), Vec2(3, 4):", Vec2(), Vec2(y=-2.5), a)
u = Vec2.polar(math.pi / 3, length=2)
print("  polar: (%.3f, %.3f), length %.1f" % (u.x, u.y, u.length))
a.x = 6
a.y = 8
print("  after a.x = 6, a.y = 8:", a, "length", a.length)
a.length = 5
print("  after a.length = 5:", a)
b = Vec2(-1, 1)
print("  a + b =", a + b, "| a - b =", a - b, "| b * 2.5 =", b * 2.5, "| -b =", -b)
print("  abs(a) =", abs(a), "| a.dot(b) =", a.dot(b),
      "| distance(a, b) =", geometry.distance(a, b))
print("  Vec2(1, 2) == Vec2(1.0, 2.0):", Vec2(1, 2) == Vec2(1.0, 2.0),
      "| Vec2() == 0:", Vec2() == 0)
points = {Vec2(1, 2), Vec2(1.0, 2.0), Vec2(0.0, 0.0), Vec2(-0.0, 0.0)}
print("  distinct in", "{Vec2(1, 2), Vec2(1.0, 2.0), Vec2(0.0, 0.0), Vec2(-0.0, 0.0)}:",
      len(points))
attempt("Vec2(1, 2, 3)", lambda: Vec2(1, 2, 3))
attempt("Vec2(z=1)", lambda: Vec2(z=1))
attempt("Vec2.polar(length=2)", lambda: Vec2.polar(length=2))
attempt("a.x = '6'", lambda: setattr(a, "x", "6"))
attempt("del a.length", lambda: delattr(a, "length"))
attempt("a + 1", lambda: a + 1)

# Polygon: an opaque C pointer, freed by its destructor. push() calls the stored
# on_change handler; len, indexing, `in` and iteration work as on a sequence.
print("Polygon:")
changes = []
house = Polygon()
house.on_change(changes.append)
for x, y in [(0, 0), (4, 0), (4, 3), (2, 5), (0, 3)]:
    house.push(Vec2(x, y))
print("  on_change saw lengths", changes)
print("  len", len(house), "| first", house[0], "| last", house[-1])
print("  area", house.area, "|", house.bbox())
box = house.bbox()
print("  bbox width", box.max_x - box.min_x, "| a tuple:", isinstance(box, tuple))
print("  Vec2(2, 4) in house:", Vec2(2, 4) in house, "| Vec2(5, 1) in house:",
      Vec2(5, 1) in house, "| 'roof' in house:", "roof" in house)
print("  vertices:", ", ".join("(%g, %g)" % (v.x, v.y) for v in house))
snapshot = iter(house)
house.push(Vec2(0, 1))  # not seen by the iterator made before
print("  iterator made before a push yields", len(list(snapshot)), "of", len(house), "vertices")
del snapshot  # an iterator keeps its polygon alive and borrowed until it goes
attempt("house[6]", lambda: house[6])
attempt("house.push((1, 1))", lambda: house.push((1, 1)))
attempt("house.area = 1", lambda: setattr(house, "area", 1))

# Synchronous callback: C calls it during for_each(); returning False stops the walk, and
# an exception raised inside comes out of for_each().
seen = []
calls = house.for_each(lambda x, y: seen.append((x, y)) or y < 3)
print("  for_each stopped after", calls, "calls:", seen)


def fussy(x, y):
    if x > 3:
        raise ValueError("x too large: %g" % x)
    return True


attempt("for_each(fussy)", lambda: house.for_each(fussy))
attempt("for_each(42)", lambda: house.for_each(42))

# A stored callback cannot raise into anyone's call: its exceptions go to
# sys.unraisablehook. clear_on_change() (release_callbacks) lets the handler go.
sys.unraisablehook = lambda u: print("  unraisable:", type(u.exc_value).__name__, u.exc_value)
house.on_change(lambda n: 1 / (n - 7))
house.push(Vec2(0, 2))
house.clear_on_change()
house.push(Vec2(0, 2.5))
print("  after clear_on_change: len", len(house), "| changes", changes)

# Other constructors: classmethods, one with a Result that raises GeometryError, one
# taking the BBox named tuple, which accepts any sequence of four numbers.
print("constructors:")
hexagon = Polygon.regular(6, radius=2)
print("  regular(6, radius=2): %d vertices, area %.4f, first %r" %
      (len(hexagon), hexagon.area, hexagon[0]))
print("  from_bbox([0, 0, 2, 1]):", list(Polygon.from_bbox([0, 0, 2, 1])))
print("  from_bbox(BBox(...)).area:", Polygon.from_bbox(BBox(-1, -1, 1, 1)).area)
attempt("Polygon.regular(2)", lambda: Polygon.regular(2))
attempt("Polygon.regular(5, radius=-1)", lambda: Polygon.regular(5, radius=-1))
attempt("Polygon.from_bbox((0, 0, 'a', 1))", lambda: Polygon.from_bbox((0, 0, "a", 1)))
print("  GeometryError is a geometry.Error:", issubclass(GeometryError, geometry.Error))


# Borrowed vertices: house[0] and the items of an iterator point into C memory, so each
# keeps its owner alive.
print("views:")
def corner_of_a_square():
    square = Polygon.regular(4)
    return square[1]  # `square` goes out of scope; the vertex holds it


c = corner_of_a_square()
print("  a vertex outliving its polygon's name: (%.1f, %.1f)" % (c.x, c.y))

# release_gil: sample_area() lets other threads run, so four estimates run in parallel.
print("threads:")
shapes = [Polygon.regular(n) for n in (3, 4, 6, 12)]
with ThreadPoolExecutor(max_workers=4) as pool:
    estimates = list(pool.map(lambda s: s.sample_area(samples=200000), shapes))
for shape, estimate in zip(shapes, estimates):
    print("  %2d sides: area %.4f, Monte-Carlo %.2f" % (len(shape), shape.area, estimate))

# __exit__: `with` gives the polygon itself and closes it at the end of the block.
print("with:")
with Polygon.from_bbox((0, 0, 3, 2)) as rect:
    print("  inside: area", rect.area)
attempt("len(rect) after the block", lambda: len(rect))
view = house[0]


def close_house():
    with house:
        pass


attempt("closing while a vertex is borrowed", close_house)
del view
close_house()
attempt("house.bbox() after closing", lambda: house.bbox())
