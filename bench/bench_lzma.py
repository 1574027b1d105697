#!/usr/bin/env python3
"""bench_lzma.py: throughput of cbpy_lzma (the generated _cbpy_lzma plus its thin
Python layer) against CPython's real _lzma on the same data, best of N runs.
Prints numbers; passes or fails nothing.

    CBPY_LZMA_DIR=build/examples/lzma bench_lzma.py [--size-mb 10] [--preset 6]
                                                    [--repeat 5] [--modules DIR]

Rows: one-shot compress (LZMACompressor.compress + flush), one-shot decompress
(LZMADecompressor.decompress), and decompress in 8 KiB pieces the way
LZMAFile reads (decompress(b"" or 64 KiB of input, max_length=8192)), where the
per-call cost of the Python layer shows.  Throughput is uncompressed MB/s
(1 MB = 10**6 bytes); ratio = ours / CPython's (higher is better for ours).
"""
import argparse
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LAYER_DIR = os.path.join(os.path.dirname(HERE), "examples", "lzma")


def mixed_data(size, seed=20240601):
    """Deterministic mixed data (compresses to about a third): runs of random
    words with incompressible blocks in between, no long-range repeats."""
    rnd = random.Random(seed)
    words = [bytes(rnd.choices(b"etaoinshrdlucmfwyp ,.\n", k=rnd.randint(2, 9)))
             for _ in range(4000)]
    text = b" ".join(rnd.choices(words, k=size // 6 + 1000))
    noise = rnd.randbytes(size // 4 + 8192)
    parts = []
    n = tpos = npos = 0
    while n < size:
        if rnd.random() < 0.15:
            k = rnd.randint(64, 4096)
            part = noise[npos:npos + k]
            npos = npos + k if npos + k < len(noise) - 4096 else 0
        else:
            k = rnd.randint(256, 65536)
            part = text[tpos:tpos + k]
            tpos = tpos + k if tpos + k < len(text) - 65536 else 0
        parts.append(part)
        n += len(part)
    return b"".join(parts)[:size]


def best_of(repeat, func):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def compress(module, data, preset):
    c = module.LZMACompressor(preset=preset)
    return c.compress(data) + c.flush()


def decompress(module, cdata):
    return module.LZMADecompressor().decompress(cdata)


def decompress_pieces(module, cdata, piece=8192, feed=65536):
    d = module.LZMADecompressor()
    out = []
    pos = 0
    while not d.eof:
        if d.needs_input:
            chunk = cdata[pos:pos + feed]
            pos += len(chunk)
            if not chunk:
                break
        else:
            chunk = b""
        out.append(d.decompress(chunk, piece))
    return b"".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=10.0)
    parser.add_argument("--preset", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--modules", default=os.environ.get("CBPY_LZMA_DIR"),
                        help="directory of the built _cbpy_lzma "
                             "(default: $CBPY_LZMA_DIR)")
    args = parser.parse_args()

    for path in (LAYER_DIR, args.modules):
        if path and path not in sys.path:
            sys.path.insert(0, path)
    import _lzma as real
    import cbpy_lzma as ours
    import _cbpy_lzma

    size = int(args.size_mb * (1 << 20))
    data = mixed_data(size)
    reference = compress(real, data, args.preset)
    print("bench_lzma: %d bytes of mixed data, preset %d, best of %d; "
          "compressed to %d bytes (%.1f%%)"
          % (size, args.preset, args.repeat, len(reference),
             100.0 * len(reference) / size))
    print("  ours: %s on liblzma %s" % (_cbpy_lzma.__file__, ours.version_string()))
    print()
    print("%-26s %12s %12s %8s" % ("", "ours MB/s", "_lzma MB/s", "ratio"))

    rows = [
        ("compress", lambda m: compress(m, data, args.preset)),
        ("decompress", lambda m: decompress(m, reference)),
        ("decompress 8 KiB pieces", lambda m: decompress_pieces(m, reference)),
    ]
    for name, func in rows:
        t_ours, out_ours = best_of(args.repeat, lambda: func(ours))
        t_real, out_real = best_of(args.repeat, lambda: func(real))
        note = "" if out_ours == out_real else "   (outputs differ!)"
        mb = size / 1e6
        print("%-26s %12.1f %12.1f %8.2f%s"
              % (name, mb / t_ours, mb / t_real, t_real / t_ours, note))


if __name__ == "__main__":
    main()
