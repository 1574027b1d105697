"""test_real_bz2.py: the system's libbz2 bound from glue alone (real_bz2.in, no C of our
own) as e2e_real_bz2, checked against CPython's bz2 module, which links the same library.
The one-shot compress() writes into a buffer sized by a C expression of the input length
and returns what libbz2 says it produced (the in/out u32 length); decompress() starts with
twice the input's size and is retried with twice the room while libbz2 reports
BZ_OUTBUFF_FULL. Compressor and Decompressor keep a bz_stream inline, made by the init
functions and released by the End functions; each call binds its input and output to the
stream's next_in/avail_in and next_out/avail_out, and the output grows within one call
while libbz2 returns the domain's first ("go on") status with a full buffer. Failures
raise BZ2Error (BZ2CompressError for the compressor's calls) with _bz2's texts and the
status as .code, or MemoryError for BZ_MEM_ERROR."""
import array
import bz2
import gc
import inspect
import os
import random
import subprocess
import sys
import textwrap
import unittest

import e2e_real_bz2 as m
from e2e_support import (COPIES, SANITIZED, assert_no_leaks, error_message, huge_view,
                         random_bytes, raising, round_trips_in_threads, unless_copied, vm_bytes)

LOOPS = 5 if SANITIZED else 1

RNG = random.Random(20240611)
MB = 1 << 20
SAMPLES = {
    "empty": b"",
    "small": b"hello, bzip2",
    "compressible": b"The quick brown fox jumps over the lazy dog. " * (MB // 45),
    "zeros": bytes(MB),
    "random": random_bytes(RNG, MB),
}


def compress_stream(c, data, chunk, max_length=-1):
    """RUN in chunks, then FINISH until BZ_STREAM_END; returns the output and the statuses.
    What a call leaves unread (avail_in, when max_length stops it) is fed again."""
    out, statuses = [], []
    for i in range(0, len(data), chunk):
        pending = data[i:i + chunk]
        while pending:
            status, piece = c.compress(pending, max_length)
            out.append(piece)
            statuses.append(status)
            pending = pending[len(pending) - c.avail_in:]
    while True:
        status, piece = c.compress(b"", max_length, action=m.FINISH)
        out.append(piece)
        statuses.append(status)
        if status == m.STREAM_END:
            return b"".join(out), statuses


class OneShot(unittest.TestCase):
    def test_signatures(self):
        self.assertEqual(str(inspect.signature(m.compress)), "(data, level=9, workFactor=0)")
        self.assertEqual(str(inspect.signature(m.decompress)), "(data, small=0)")
        self.assertEqual(str(inspect.signature(m.decompress_into_size)), "(size, data)")
        self.assertIn("compress(data: bytes, level: int = 9, workFactor: int = 0) -> bytes",
                      m.compress.__doc__)
        self.assertIn("Raises BZ2Error on failure.", m.decompress.__doc__)
        self.assertEqual(str(inspect.signature(m.Compressor.compress)),
                         "(self, /, data, max_length=-1, action=0)")
        self.assertIn("Compressor(level: int = 9, workFactor: int = 0) -> Compressor",
                      m.Compressor.__doc__)
        self.assertIn("Decompressor(small: int = 0) -> Decompressor", m.Decompressor.__doc__)
        self.assertTrue(m.version().startswith("1.0."), m.version())

    def test_init_constructor_signature(self):
        """The signature of a class whose constructor is an init function ('(&mut self,
        ...)') leaves out the self it fills."""
        self.assertEqual(str(inspect.signature(m.Compressor)), "(level=9, workFactor=0)")

    def test_same_bytes_as_cpython_both_ways(self):
        for name, data in SAMPLES.items():
            with self.subTest(sample=name):
                ours = m.compress(data)
                self.assertEqual(ours, bz2.compress(data))
                self.assertEqual(bz2.decompress(ours), data)
                self.assertEqual(m.decompress(bz2.compress(data)), data)
                self.assertEqual(m.decompress(ours, small=1), data)

    def test_levels_and_work_factor(self):
        data = SAMPLES["compressible"][:300000] + SAMPLES["random"][:300000]
        for level in range(1, 10):
            with self.subTest(level=level):
                ours = m.compress(data, level)
                self.assertEqual(ours, bz2.compress(data, level))
                self.assertEqual(ours[:4], b"BZh" + str(level).encode())
        self.assertEqual(m.decompress(m.compress(data, workFactor=250)), data)
        self.assertEqual(m.compress(data, level=1, workFactor=0), bz2.compress(data, 1))

    def test_decompression_is_retried_with_more_room(self):
        """1 MB of zeros compresses to a few dozen bytes: twice that is far too little, so
        the call is repeated with doubling room until libbz2 stops saying
        BZ_OUTBUFF_FULL."""
        for name in ("zeros", "compressible"):
            data = SAMPLES[name]
            packed = bz2.compress(data)
            self.assertLess(len(packed) * 2 * 8, len(data))
            with self.subTest(sample=name):
                # The first room alone is too small: the same call without retry fails.
                with self.assertRaises(m.BZ2Error) as caught:
                    m.decompress_into_size(len(packed) * 2, packed)
                self.assertEqual(caught.exception.code, m.OUTBUFF_FULL)
                self.assertEqual(str(caught.exception), "Output buffer full")
                self.assertEqual(m.decompress(packed), data)
        # Several streams one after the other: the one-shot call reads the first.
        two = bz2.compress(b"first") + bz2.compress(b"second")
        self.assertEqual(m.decompress(two), b"first")
        self.assertEqual(bz2.decompress(two), b"firstsecond")

    def test_exact_room(self):
        data = SAMPLES["compressible"][:100000]
        packed = m.compress(data)
        self.assertEqual(m.decompress_into_size(len(data), packed), data)
        self.assertEqual(m.decompress_into_size(len(data) + 1000, packed), data)
        with self.assertRaises(m.BZ2Error) as caught:
            m.decompress_into_size(len(data) - 1, packed)
        self.assertEqual(caught.exception.code, m.OUTBUFF_FULL)
        self.assertEqual(m.decompress_into_size(0, m.compress(b"")), b"")
        with self.assertRaises(OverflowError) as caught:
            m.decompress_into_size(-1, packed)
        self.assertIn("argument 'size'", str(caught.exception))

    def test_corrupt_data(self):
        good = bz2.compress(SAMPLES["compressible"][:50000])
        flipped = bytearray(good)
        flipped[len(good) // 2] ^= 0xFF
        # (input, status, our message, what CPython's bz2 raises)
        cases = (
            (b"this is not bzip2 data", m.DATA_ERROR_MAGIC, "Invalid data stream", OSError),
            (b"BZh9" + b"\x00" * 40, m.DATA_ERROR, "Invalid data stream", OSError),
            (bytes(flipped), m.DATA_ERROR, "Invalid data stream", OSError),
            (good[:-10], m.UNEXPECTED_EOF,
             "Compressed file ended before the logical end-of-stream was detected", ValueError),
        )
        for data, status, text, theirs in cases:
            with self.subTest(data=data[:12]):
                message = error_message(self, m.BZ2Error, m.decompress, data)
                self.assertEqual(message, text)
                with self.assertRaises(m.BZ2Error) as caught:
                    m.decompress(data)
                self.assertEqual(caught.exception.code, status)
                self.assertIsInstance(caught.exception, m.Error)
                with self.assertRaises(theirs) as expected:
                    bz2.decompress(data)
                if theirs is OSError:  # _bz2's own text for the same status
                    self.assertEqual(str(expected.exception), text)
        # An empty input is a truncated stream for libbz2 (CPython's bz2 returns b'').
        with self.assertRaises(m.BZ2Error) as caught:
            m.decompress(b"")
        self.assertEqual(caught.exception.code, m.UNEXPECTED_EOF)
        self.assertEqual(bz2.decompress(b""), b"")

    def test_bad_parameters(self):
        for kwargs in ({"level": 0}, {"level": 10}, {"level": -1}, {"workFactor": 251},
                       {"workFactor": -1}):
            with self.subTest(**kwargs):
                message = error_message(self, m.BZ2Error, m.compress, b"data", **kwargs)
                self.assertEqual(message, "Internal error - invalid parameters passed to libbzip2")
                with self.assertRaises(m.BZ2Error) as caught:
                    m.compress(b"data", **kwargs)
                self.assertEqual(caught.exception.code, m.PARAM_ERROR)
        with self.assertRaises(ValueError):
            bz2.compress(b"data", 10)
        with self.assertRaises(m.BZ2Error) as caught:
            m.decompress(m.compress(b"x"), small=2)
        self.assertEqual(caught.exception.code, m.PARAM_ERROR)
        with self.assertRaises(OverflowError) as caught:
            m.compress(b"x", 2 ** 31)
        self.assertIn("argument 'level' is out of range for i32", str(caught.exception))

    def test_buffer_kinds(self):
        data = SAMPLES["compressible"][:10000]
        packed = m.compress(data)
        for buf in (data, bytearray(data), memoryview(data), memoryview(b"xx" + data)[2:],
                    array.array("B", data)):
            with self.subTest(buffer=type(buf).__name__):
                self.assertEqual(m.compress(buf), packed)
                self.assertEqual(m.decompress(bytearray(packed)), data)
                self.assertEqual(m.decompress(memoryview(packed)), data)
                self.assertEqual(m.decompress(array.array("B", packed)), data)
        with self.assertRaises(TypeError) as caught:
            m.compress("text")
        self.assertIn("argument 'data' must be a buffer of u8 items, not str",
                      str(caught.exception))
        with self.assertRaises(TypeError):
            m.compress(array.array("i", [1, 2]))
        with self.assertRaises(ValueError) as caught:
            m.compress(memoryview(data)[::2])
        self.assertIn("C-contiguous", str(caught.exception))

    def test_threads(self):
        """compress and decompress release the GIL (release_gil;): eight threads at once,
        each with its own data, all get CPython's bytes."""
        inputs = [random_bytes(RNG, 50000) + bytes([i]) * 200000 for i in range(8)]
        expected = [bz2.compress(data) for data in inputs]
        round_trips_in_threads(self, m.compress, m.decompress, inputs, expected)

    @unless_copied(m, COPIES)
    def test_input_longer_than_a_u32(self):
        view = huge_view(self, (1 << 32) + 16)
        message = error_message(self, OverflowError, m.decompress_into_size, 10, view)
        self.assertEqual(message, "decompress_into_size() argument 'data' is too long: "
                                  "4294967312 bytes do not fit its length type 'u32'")
        with self.assertRaises(OverflowError) as caught:
            m.Compressor().compress(view)
        self.assertIn("Compressor.compress() argument 'data' is too long: 4294967312 bytes",
                      str(caught.exception))

    @unless_copied(m, COPIES)
    def test_input_longer_than_a_u32_names_the_input(self):
        """The input's length is checked before the output buffer sized from it is made:
        the error names 'data', and nothing big is allocated."""
        view = huge_view(self, (1 << 32) + 16)
        with self.assertRaises(OverflowError) as caught:
            m.compress(view)
        self.assertIn("compress() argument 'data' is too long", str(caught.exception))

    def test_no_leaks(self):
        data, packed = b"abc" * 100, m.compress(b"abc" * 100)
        bad = b"not bzip2 at all"
        assert_no_leaks(self, lambda: (m.compress(data, 1), m.decompress(packed)), [data, packed],
                        calls=5000 // LOOPS)
        assert_no_leaks(self, raising(m.BZ2Error, m.decompress, bad), [bad], calls=20000 // LOOPS)
        assert_no_leaks(self, raising(m.BZ2Error, m.compress, data, 10), [data],
                        calls=20000 // LOOPS)
        # The retried path: many rounds of doubling per call.
        zeros = m.compress(bytes(200000))
        assert_no_leaks(self, lambda: m.decompress(zeros), [zeros], calls=300 // LOOPS)


class Streaming(unittest.TestCase):
    def test_compress_in_chunks_then_finish(self):
        data = SAMPLES["random"][:300000] + SAMPLES["compressible"][:900000]
        c = m.Compressor()
        self.assertEqual((c.avail_in, c.avail_out, c.total_in_lo32), (0, 0, 0))
        out, statuses = compress_stream(c, data, 65536)
        self.assertEqual(bz2.decompress(out), data)
        # The same stream as CPython's one-shot compression at the same level.
        self.assertEqual(out, bz2.compress(data, 9))
        self.assertEqual(set(statuses[:-1]), {m.RUN_OK, m.FINISH_OK} & set(statuses[:-1]))
        self.assertEqual(statuses[-1], m.STREAM_END)
        self.assertEqual(c.avail_in, 0)
        self.assertEqual(c.total_in_lo32, len(data))
        self.assertEqual(c.total_out_lo32, len(out))
        # After the end, libbz2 refuses more work.
        with self.assertRaises(m.BZ2CompressError) as caught:
            c.compress(b"more")
        self.assertEqual(caught.exception.code, m.SEQUENCE_ERROR)
        self.assertEqual(str(caught.exception),
                         "Internal error - Invalid sequence of commands sent to libbzip2")

    def test_output_grows_within_one_call(self):
        """A full output with BZ_RUN_OK (the first status of BZ2CompressError's success
        set) makes the call repeat with more room: 1 MB of random data compresses in one
        call, its 900k block all out, the input all taken."""
        data = SAMPLES["random"]
        c = m.Compressor()
        status, first = c.compress(data)
        self.assertEqual(status, m.RUN_OK)
        self.assertEqual(c.avail_in, 0)
        self.assertGreater(len(first), 900000)
        rest, _ = compress_stream(c, b"", 1)
        self.assertEqual(bz2.decompress(first + rest), data)
        # A decompressor grows its output while libbz2 says BZ_OK: 1 MB from ~50 bytes.
        d = m.Decompressor()
        packed = bz2.compress(SAMPLES["zeros"])
        self.assertEqual(d.decompress(packed), (m.STREAM_END, SAMPLES["zeros"]))
        self.assertEqual(d.total_out_lo32, MB)

    def test_max_length_bounds_each_call(self):
        data = SAMPLES["random"][:250000]  # level 1: two 100k blocks in RUN, 50k at FINISH
        c = m.Compressor(level=1)
        out, statuses = compress_stream(c, data, 50000, max_length=1000)
        self.assertEqual(bz2.decompress(out), data)
        self.assertIn(m.FINISH_OK, statuses)
        self.assertGreater(len(statuses), len(out) // 1000)
        # Decompress 1000 bytes at a time: what the call left unread is avail_in.
        packed = bz2.compress(data)
        d = m.Decompressor()
        pending, got = packed, []
        while True:
            status, piece = d.decompress(pending, max_length=1000)
            self.assertLessEqual(len(piece), 1000)
            got.append(piece)
            pending = pending[len(pending) - d.avail_in:]
            if status == m.STREAM_END:
                break
            self.assertEqual(status, m.OK)
        self.assertEqual(b"".join(got), data)
        self.assertEqual(pending, b"")

    def test_decompress_in_chunks_with_data_after_the_end(self):
        data = SAMPLES["compressible"][:500000]
        packed = m.compress(data) + b"unused tail"
        d = m.Decompressor()
        got = []
        for i in range(0, len(packed), 997):
            status, piece = d.decompress(packed[i:i + 997])
            got.append(piece)
            if status == m.STREAM_END:
                break
            self.assertEqual(status, m.OK)
            self.assertEqual(d.avail_in, 0)
        self.assertEqual(status, m.STREAM_END)
        self.assertEqual(b"".join(got), data)
        # avail_in counts the bytes of the last chunk after the end of the stream.
        end = len(packed) - len(b"unused tail")
        last_start = (end // 997) * 997
        self.assertEqual(d.avail_in, min(len(packed), last_start + 997) - end)
        self.assertEqual(d.total_in_lo32, end)
        # CPython's decompressor sees the same unused data.
        theirs = bz2.BZ2Decompressor()
        self.assertEqual(theirs.decompress(packed), data)
        self.assertEqual(theirs.unused_data, b"unused tail")
        with self.assertRaises(m.BZ2Error) as caught:
            d.decompress(b"more")
        self.assertEqual(caught.exception.code, m.SEQUENCE_ERROR)

    def test_stream_errors(self):
        d = m.Decompressor()
        with self.assertRaises(m.BZ2Error) as caught:
            d.decompress(b"this is not bzip2 data")
        self.assertEqual((caught.exception.code, str(caught.exception)),
                         (m.DATA_ERROR_MAGIC, "Invalid data stream"))
        for kwargs in ({"level": 0}, {"level": 10}, {"workFactor": 300}):
            with self.subTest(**kwargs):
                with self.assertRaises(m.BZ2Error) as caught:
                    m.Compressor(**kwargs)
                self.assertEqual(caught.exception.code, m.PARAM_ERROR)
        with self.assertRaises(m.BZ2Error) as caught:
            m.Decompressor(small=5)
        self.assertEqual(caught.exception.code, m.PARAM_ERROR)
        # libbz2 calls a RUN that can make no progress a parameter error (CPython's
        # BZ2Compressor skips the call instead).
        with self.assertRaises(m.BZ2CompressError) as caught:
            m.Compressor().compress(b"")
        self.assertEqual(caught.exception.code, m.PARAM_ERROR)
        self.assertFalse(issubclass(m.BZ2CompressError, m.BZ2Error))
        self.assertTrue(issubclass(m.BZ2CompressError, m.Error))
        with self.assertRaises(TypeError):
            m.Compressor().compress(b"x", max_length=-1, action=m.RUN, extra=1)
        with self.assertRaises(TypeError):
            m.Compressor().compress(b"x", max_length=1.5)

    def test_fields_are_read_only(self):
        c = m.Compressor()
        c.compress(b"abc")
        self.assertEqual(c.total_in_lo32, 3)
        for name in ("avail_in", "avail_out", "total_in_lo32", "total_out_lo32"):
            with self.subTest(field=name):
                with self.assertRaises(AttributeError):
                    setattr(c, name, 1)

    @unittest.skipIf(SANITIZED, "memory footprint under AddressSanitizer")
    def test_streams_are_released(self):
        """Each level-9 compressor holds ~7.6 MB of libbz2's arrays (mapped, mostly
        untouched, so the address space shows them, not RSS): 50 live ones take 350 MB
        more, while 300 dropped ones (and failed inits) give everything back."""
        for _ in range(5):
            m.Compressor().compress(b"warm up")
        gc.collect()
        before = vm_bytes()
        alive = [m.Compressor(9) for _ in range(50)]
        self.assertGreater(vm_bytes() - before, 50 * 7 * MB)
        del alive
        gc.collect()
        before = vm_bytes()
        for i in range(300):
            c = m.Compressor(9)
            c.compress(b"x" * 1000)
            d = m.Decompressor()
            d.decompress(b"BZh9")
            self.assertRaises(m.BZ2Error, m.Compressor, 10)
        del c, d
        gc.collect()
        self.assertLess(vm_bytes() - before, 64 * MB)

    @unittest.skipIf(SANITIZED, "memory footprint under AddressSanitizer")
    def test_memory_error(self):
        """BZ_MEM_ERROR raises MemoryError (raise BZ_MEM_ERROR MemoryError;), with .code:
        a child process caps its address space below what a level-9 compressor needs."""
        script = textwrap.dedent("""
            import resource, e2e_real_bz2 as m
            with open("/proc/self/statm") as f:
                size = int(f.read().split()[0]) * resource.getpagesize()
            resource.setrlimit(resource.RLIMIT_AS, (size + 2 * 2**20, size + 2 * 2**20))
            for make in (lambda: m.Compressor(9), lambda: m.compress(b"x" * 100, 9)):
                try:
                    make()
                except MemoryError as e:
                    print(type(e).__name__, e.code, e)
        """)
        done = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(),
                         ["MemoryError -3 Compressor() failed with status -3",
                          "MemoryError -3 compress() failed with status -3"])

    def test_no_leaks(self):
        chunk = b"0123456789" * 100
        c = m.Compressor(1)
        assert_no_leaks(self, lambda: c.compress(chunk), [c, chunk], calls=20000 // LOOPS)
        packed = m.compress(chunk * 10)

        def roundtrip():
            d = m.Decompressor()
            d.decompress(packed)

        assert_no_leaks(self, roundtrip, [packed], calls=3000 // LOOPS)
        assert_no_leaks(self, raising(m.BZ2Error, m.Compressor, 10), [], calls=20000 // LOOPS)


if __name__ == "__main__":
    unittest.main()
