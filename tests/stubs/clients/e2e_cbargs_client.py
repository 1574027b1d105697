"""Uses e2e_cbargs as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_cbargs
from e2e_cbargs import Handle, Level, Mood, Point, Vec2


class Sink:
    """Implements every method of the interface: the runtime checks that all are there."""

    def onMood(self, mood: Mood, prev: Mood | None, level: Level) -> None:
        pass

    def onPoint(self, a: Point, b: Point, c: Point | None) -> None:
        pass

    def onHandle(self, h: Handle, maybe: Handle | None) -> None:
        pass

    def onArrays(self, ints: list[int], floats: list[float], raw: bytes,
                 points: list[Point]) -> None:
        pass

    def onNumbers(self, n: int | None, m: int, text: str | None) -> None:
        pass

    def onVec(self, v: Vec2, w: Vec2 | None) -> None:
        pass

    def pick(self, n: int) -> Mood:
        return Mood.Angry if n else Mood.Calm

    def maybePoint(self, n: int) -> Point | None:
        return Point(n, n) if n else None

    def maybeNum(self, n: int) -> int | None:
        return n or None

    def maybeMood(self, n: int) -> Mood | None:
        return None

    def scaled(self, v: Vec2) -> Vec2 | tuple[float, float]:
        return (v.x * 2, v.y * 2)

    def point(self, n: int) -> Point:
        return Point(n, -n)

    def parse(self, text: str) -> int:
        return len(text)


def remap(m: Mood, p: Point) -> Mood:
    return m if p.sum() else Mood.Sleepy


picked: int = e2e_cbargs.Driver.pick(Sink(), 1)
mapped: Mood = e2e_cbargs.Driver.map(remap, Mood.Calm)
area: float = e2e_cbargs.Driver.area(((0.0, 0.0), e2e_cbargs.Vec2(2.0, 3.0)))
rect: e2e_cbargs.Rect = e2e_cbargs.Driver.square(2.0)
low, high = e2e_cbargs.Driver.split(Mood.Angry)
limit: int = e2e_cbargs.Driver.LIMIT
words: list[str | None] = e2e_cbargs.Driver.maybe_words(3)
e2e_cbargs.Driver.map(remap, 2)  # wrong: arg-type
