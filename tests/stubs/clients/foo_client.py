"""Uses foo as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import foo

f = foo.Foo(5)
f.set_field(10)
value: int = f.val() + 1
foo.Foo(5).set_field(x=10)  # wrong: call-arg
