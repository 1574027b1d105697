"""Uses flapigen_test_python as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import flapigen_test_python
from flapigen_test_python import TestClass, TestEnum, TestStaticClass

greeting: str = TestStaticClass.hello()
added: float = TestStaticClass.add(1, 2.5)
obj = TestClass()
obj.increment()
obj.add(3)
maybe: int | None = obj.maybe_add(None)
flipped: TestEnum = TestStaticClass.reverse_enum(TestEnum.A)
bigger: list[float] = TestStaticClass.increment_vec([1.0, 2.0])
pair: tuple[int, str] = TestStaticClass.get_tuple()
count: int = TestStaticClass.count_slice_of_objects([obj, obj.clone()])
arc: str = flapigen_test_python.TestArc.to_string_arc(flapigen_test_python.TestArc())
TestStaticClass.format_number("7")  # wrong: arg-type
