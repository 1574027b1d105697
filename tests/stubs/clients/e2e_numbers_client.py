"""Uses e2e_numbers as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_numbers

Num = e2e_numbers.Num
flag: bool = Num.echo_bool(True)
small: int = Num.echo_i8(-5) + Num.echo_u64(2**40)
ratio: float = Num.echo_f64(0.25) + Num.echo_f32(3)
total: int = Num.sum3(1, 2, 3)
Num.sum3(1, 2, arg3=3)  # wrong: call-arg
