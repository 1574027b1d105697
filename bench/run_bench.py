#!/usr/bin/env python3
"""run_bench.py: call overhead of the generated binding (built for the full API and for the
stable ABI, abi3) against a hand-written METH_FASTCALL module and ctypes, all calling the same
C library (benchlib.c), and the generator's speed on a large glue file. Prints numbers;
passes or fails nothing.

    run_bench.py --modules DIR --benchlib PATH/libbenchlib.so --gen PATH/cbindgen-py
"""
import argparse
import array
import ctypes
import os
import subprocess
import sys
import tempfile
import time
import timeit


def per_call_ns(stmt, namespace, number=1000000, repeat=5):
    best = min(timeit.repeat(stmt, globals=namespace, number=number, repeat=repeat))
    return best / number * 1e9


def ctypes_namespace(path):
    lib = ctypes.CDLL(path)

    class CPoint(ctypes.Structure):
        _fields_ = [("x", ctypes.c_int32)]

    lib.Point_new.restype = CPoint
    lib.Point_new.argtypes = [ctypes.c_int32]
    lib.Point_get.restype = ctypes.c_int32
    lib.Point_get.argtypes = [ctypes.POINTER(CPoint)]
    lib.Point_set.restype = None
    lib.Point_set.argtypes = [ctypes.POINTER(CPoint), ctypes.c_int32]
    lib.Point_add3.restype = ctypes.c_int64
    lib.Point_add3.argtypes = [ctypes.c_int64] * 3
    p = lib.Point_new(1)
    ref = ctypes.byref(p)
    return {"lib": lib, "ref": ref}


def glue_speed(gen, classes):
    """Seconds the generator takes on a glue file of `classes` classes of 10 methods."""
    lines = []
    for c in range(classes):
        lines.append("foreign_class!(class C%d {\n    self_type C%d;\n" % (c, c))
        lines.append("    constructor c%d_new(a: i32, b: f64) -> C%d;\n" % (c, c))
        for m in range(10):
            lines.append("    /// Method %d.\n    fn c%d_m%d(&self, x: i64, y: u8) -> bool;\n"
                         % (m, c, m))
        lines.append("});\n")
    with tempfile.TemporaryDirectory() as tmp:
        glue = os.path.join(tmp, "big.in")
        with open(glue, "w") as f:
            f.write("".join(lines))
        start = time.perf_counter()
        subprocess.run([gen, glue, "-o", os.path.join(tmp, "big.c")], check=True)
        elapsed = time.perf_counter() - start
        size = os.path.getsize(glue), os.path.getsize(os.path.join(tmp, "big.c"))
    return elapsed, size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--modules", required=True)
    ap.add_argument("--benchlib", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--number", type=int, default=1000000)
    args = ap.parse_args()
    sys.path.insert(0, args.modules)
    import bench_gen
    import bench_gen_abi3
    import bench_hand

    print("Python %s" % sys.version.split()[0])
    print("%-28s %12s %12s %12s %12s" % ("call (ns per call, best of 5)", "generated",
                                          "abi3", "handwritten", "ctypes"))
    cases = [
        ("p.get()          NOARGS", "p.get()", "lib.Point_get(ref)"),
        ("p.set(5)         O", "p.set(5)", "lib.Point_set(ref, 5)"),
        ("Point.add3(1,2,3) FASTCALL", "P.add3(1, 2, 3)", "lib.Point_add3(1, 2, 3)"),
        ("Point(7)         new", "P(7)", "lib.Point_new(7)"),
    ]
    ct = ctypes_namespace(args.benchlib)
    for label, stmt, ctypes_stmt in cases:
        row = []
        for mod in (bench_gen, bench_gen_abi3, bench_hand):
            ns = {"P": mod.Point, "p": mod.Point(1)}
            row.append(per_call_ns(stmt, ns, args.number))
        row.append(per_call_ns(ctypes_stmt, ct, args.number))
        print("%-28s %12.1f %12.1f %12.1f %12.1f" % (label, *row))
    # &[i32]: abi3 on 3.10's Limited API copies a buffer other than bytes or bytearray (an
    # array here); a list is converted item by item in both.
    for label, data in (("sum_i32(array of 1000)", array.array("i", range(1000))),
                        ("sum_i32(list of 1000)", list(range(1000)))):
        row = [per_call_ns("m.sum_i32(d)", {"m": mod, "d": data}, args.number // 10)
               for mod in (bench_gen, bench_gen_abi3)]
        print("%-28s %12.1f %12.1f %12s %12s" % (label, *row, "-", "-"))
    for classes in (100, 1000):
        secs, (insize, outsize) = glue_speed(args.gen, classes)
        print("generator: %d classes x 10 methods (%d KiB glue -> %d KiB C) in %.3f s"
              % (classes, insize // 1024, outsize // 1024, secs))


if __name__ == "__main__":
    main()
