from foo import Foo
foo = Foo(1)
print(foo.val())
foo.set_field(11)
print(foo.val())
