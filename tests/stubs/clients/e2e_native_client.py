"""Uses e2e_native as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_native
from e2e_native import Color, Vec2

v = Vec2(3.0, y=4.0)
v.x = 1.5
v.color = Color.RED
v.pos = e2e_native.Point(1.0, 2.0)
length: float = abs(v) + v.dist() + v.dist(Vec2.polar(0.5))
w: Vec2 = -(v + Vec2()) * 2.0 / 4
bigger: bool = v < w and v != w
deck = e2e_native.Deck(name="cards")
deck.push("ace")
with deck as d:
    cards: list[str] = [card for card in d]
    top: str = d[0]
hits: int = deck.visit(lambda i, card: card.startswith("a"))
bus = e2e_native.Bus()
bus.subscribe(lambda topic, value: None)
delivered: int = bus.emit(1)
words: list[str] = list(e2e_native.Countdown(2))
text: str = e2e_native.describe(c=Color.BLUE, s="x")
v.y = 2.0  # wrong: misc
