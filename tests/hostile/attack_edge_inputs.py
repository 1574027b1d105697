"""attack_edge_inputs.py: the e2e test libraries at the edges of what their bindings
accept (a zero divisor, INT_MIN / -1, sums and negations that overflow, more items than a
size_t of bytes can count). The libraries define each case, so that nothing a binding
accepts reaches undefined behaviour (UBSan aborts on it in the sanitized run)."""
import array

import e2e_counter as c
import e2e_outs as o
import e2e_types as t

INT32_MIN, INT64_MAX, INT64_MIN = -2**31, 2**63 - 1, -2**63


def attack_division_edges():
    assert o.divmod(1, 0) == (0, 0)
    assert o.divmod(INT32_MIN, -1) == (INT32_MIN, 0)
    assert o.divmod(-7, 2) == (-3, -1)


def attack_counter_overflow_saturates():
    k = c.Counter(INT64_MAX)
    k.add(1)
    assert k.get() == INT64_MAX
    k = c.Counter(INT64_MIN)
    k.add(-1)
    assert k.get() == INT64_MIN
    assert c.Counter.from_sum(INT64_MAX, 1).get() == INT64_MAX
    assert c.Counter.from_sum(INT64_MIN, -1).get() == INT64_MIN


def attack_doubling_wraps():
    assert c.Counter.twice(2**30) == INT32_MIN
    assert c.Counter.twice(-3) == -6


def attack_negating_int_min():
    v = array.array("i", [INT32_MIN, -5, 7])
    t.negate(v)
    assert list(v) == [INT32_MIN, 5, -7]


def attack_range_edges():
    assert t.range(2**31 - 2, 3) == [2**31 - 2, 2**31 - 1, INT32_MIN]
    try:
        t.range(0, 2**62)
    except RuntimeError as e:
        assert "returned NULL" in str(e), str(e)
    else:
        raise AssertionError("a range of 2**62 items did not fail")
