"""test_real_zlib.py: the system's zlib bound from glue alone (real_zlib.in, no C of our
own) as e2e_real_zlib, checked against CPython's zlib module, which links the same library.
compress2 writes into compressBound(len(data)) bytes and reports what it produced through
its uLongf in/out length (a '&mut u64': unsigned long on x86-64 Linux); uncompress starts
with twice the input's size and is retried with twice the room while zlib says
Z_BUF_ERROR; crc32/adler32 take uLong values and uInt lengths. Deflater and Inflater share
the self_type z_stream, made by deflateInit2_/inflateInit2_ (the functions behind zlib's
init macros, with ZLIB_VERSION and sizeof(z_stream) as hidden arguments) and released by
deflateEnd/inflateEnd; their calls bind buffers to next_in/avail_in and
next_out/avail_out, and failures carry the stream's own msg, as CPython's messages do."""
import array
import gc
import gzip
import inspect
import os
import random
import subprocess
import sys
import textwrap
import unittest
import zlib

import e2e_real_zlib as m
from e2e_support import (COPIES, SANITIZED, assert_no_leaks, error_message, huge_view,
                         random_bytes, raising, round_trips_in_threads, unless_copied, vm_bytes)

LOOPS = 5 if SANITIZED else 1

RNG = random.Random(31337)
MB = 1 << 20
SAMPLES = {
    "empty": b"",
    "small": b"hello, zlib",
    "compressible": b"Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * (MB // 57),
    "zeros": bytes(MB),
    "random": random_bytes(RNG, MB),
}


def deflate_all(d, data, chunk, max_length=-1):
    """Z_NO_FLUSH in chunks (feeding again what a bounded call left in avail_in), then
    Z_FINISH until Z_STREAM_END."""
    out = []
    for i in range(0, len(data), chunk):
        pending = data[i:i + chunk]
        while pending:
            status, piece = d.deflate(pending, max_length)
            out.append(piece)
            pending = pending[len(pending) - d.avail_in:]
    while True:
        status, piece = d.deflate(b"", max_length, flush=m.Z_FINISH)
        out.append(piece)
        if status == m.Z_STREAM_END:
            return b"".join(out)


def cpython_error_text(func, *args):
    """The zlib library's part of CPython's message: 'Error -3 while ...: TEXT' -> TEXT."""
    try:
        func(*args)
    except zlib.error as e:
        return str(e).split(": ", 1)[1]
    raise AssertionError("no zlib.error")


class OneShot(unittest.TestCase):
    def test_signatures(self):
        self.assertEqual(str(inspect.signature(m.compress)), "(data, level=-1)")
        self.assertEqual(str(inspect.signature(m.decompress)), "(data)")
        self.assertEqual(str(inspect.signature(m.decompress_into_size)), "(size, data)")
        self.assertEqual(str(inspect.signature(m.crc32)), "(crc, data)")
        self.assertEqual(str(inspect.signature(m.adler32)), "(value, data)")
        self.assertEqual(str(inspect.signature(m.Deflater.deflate)),
                         "(self, /, data, max_length=-1, flush=0)")
        self.assertIn("Deflater(level: int = -1, wbits: int = 15, memLevel: int = 8, "
                      "strategy: int = 0) -> Deflater", m.Deflater.__doc__)
        self.assertIn("Inflater(wbits: int = 15) -> Inflater", m.Inflater.__doc__)
        self.assertEqual(m.version(), zlib.ZLIB_RUNTIME_VERSION)
        self.assertEqual(m.ZLIB_VERSION, zlib.ZLIB_VERSION)

    def test_same_bytes_as_cpython_both_ways(self):
        for name, data in SAMPLES.items():
            with self.subTest(sample=name):
                ours = m.compress(data)
                self.assertEqual(ours, zlib.compress(data))
                self.assertEqual(zlib.decompress(ours), data)
                self.assertEqual(m.decompress(zlib.compress(data, 9)), data)
                self.assertLessEqual(len(ours), m.compress_bound(len(data)))

    def test_levels(self):
        data = SAMPLES["compressible"][:200000] + SAMPLES["random"][:100000]
        for level in range(-1, 10):
            with self.subTest(level=level):
                if level != 0:  # stored blocks follow the output room, which differs
                    self.assertEqual(m.compress(data, level), zlib.compress(data, level))
                self.assertEqual(zlib.decompress(m.compress(data, level)), data)
                self.assertEqual(m.decompress(m.compress(data, level)), data)
        for level in (-2, 10, 100):
            with self.subTest(level=level):
                message = error_message(self, m.ZlibError, m.compress, data, level)
                self.assertEqual(message, "stream error")  # zError(Z_STREAM_ERROR)
                with self.assertRaises(m.ZlibError) as caught:
                    m.compress(data, level)
                self.assertEqual(caught.exception.code, m.Z_STREAM_ERROR)
                with self.assertRaises(zlib.error):
                    zlib.compress(data, level)

    def test_decompression_is_retried_with_more_room(self):
        for name in ("zeros", "compressible"):
            data = SAMPLES[name]
            packed = zlib.compress(data, 9)
            self.assertLess(len(packed) * 2 * 8, len(data))
            with self.subTest(sample=name):
                with self.assertRaises(m.ZlibError) as caught:
                    m.decompress_into_size(len(packed) * 2, packed)
                self.assertEqual(caught.exception.code, m.Z_BUF_ERROR)
                self.assertEqual(str(caught.exception), "buffer error")
                self.assertEqual(m.decompress(packed), data)
                self.assertEqual(m.decompress_into_size(len(data), packed), data)

    def test_corrupt_data(self):
        good = zlib.compress(SAMPLES["compressible"][:100000])
        for data in (b"not zlib data", good[:-8], good[:len(good) // 2], b"", b"x\x9c"):
            with self.subTest(data=data[:10]):
                message = error_message(self, m.ZlibError, m.decompress, data)
                self.assertEqual(message, "data error")
                with self.assertRaises(m.ZlibError) as caught:
                    m.decompress(data)
                self.assertEqual(caught.exception.code, m.Z_DATA_ERROR)
                with self.assertRaises(zlib.error):
                    zlib.decompress(data)
        self.assertTrue(issubclass(m.ZlibError, m.Error))

    def test_checksums_like_cpython(self):
        for name, data in SAMPLES.items():
            with self.subTest(sample=name):
                self.assertEqual(m.crc32(0, data), zlib.crc32(data))
                self.assertEqual(m.adler32(1, data), zlib.adler32(data))
                half = len(data) // 3
                self.assertEqual(m.crc32(m.crc32(0, data[:half]), data[half:]), zlib.crc32(data))
                self.assertEqual(m.adler32(m.adler32(1, data[:half]), data[half:]),
                                 zlib.adler32(data))
        self.assertEqual(m.crc32(0, b"123456789"), 0xCBF43926)
        self.assertEqual(m.crc32(0xFFFFFFFF, b"abc"), zlib.crc32(b"abc", 0xFFFFFFFF))
        # zlib ignores the bits of a uLong above 32, as CPython's masking does.
        self.assertEqual(m.crc32((1 << 40) + 5, b"abc"), zlib.crc32(b"abc", 5))
        for func in (m.crc32, m.adler32):
            with self.subTest(func=func.__name__):
                with self.assertRaises(OverflowError) as caught:
                    func(-1, b"")
                self.assertIn("is out of range for uLong", str(caught.exception))
                with self.assertRaises(OverflowError):
                    func(1 << 64, b"")
                with self.assertRaises(TypeError):
                    func(b"data")
        self.assertIs(type(m.crc32(0, b"")), int)
        self.assertEqual(m.crc32(0, b""), zlib.crc32(b"", 0))

    def test_buffer_kinds(self):
        data = SAMPLES["compressible"][:5000]
        packed = zlib.compress(data)
        for buf in (bytearray(data), memoryview(data), memoryview(b"--" + data)[2:],
                    array.array("B", data)):
            with self.subTest(buffer=type(buf).__name__):
                self.assertEqual(m.compress(buf), packed)
                self.assertEqual(m.crc32(0, buf), zlib.crc32(data))
        self.assertEqual(m.decompress(bytearray(packed)), data)
        self.assertEqual(m.decompress(memoryview(packed)), data)
        with self.assertRaises(TypeError) as caught:
            m.compress("text")
        self.assertIn("argument 'data' must be a buffer of u8 items, not str",
                      str(caught.exception))
        with self.assertRaises(ValueError):
            m.crc32(0, memoryview(data)[::3])

    def test_threads(self):
        """compress and decompress release the GIL (release_gil;): eight threads at once,
        each with its own data, all get CPython's bytes."""
        inputs = [random_bytes(RNG, 50000) + bytes([i]) * 200000 for i in range(8)]
        expected = [zlib.compress(data) for data in inputs]
        round_trips_in_threads(self, m.compress, m.decompress, inputs, expected)

    @unless_copied(m, COPIES)
    def test_input_longer_than_a_u32(self):
        """crc32's uInt length: a 4 GiB buffer (an untouched anonymous mapping) does not fit."""
        view = huge_view(self, (1 << 32) + 16)
        for func in (m.crc32, m.adler32):
            with self.subTest(func=func.__name__):
                message = error_message(self, OverflowError, func, 0, view)
                self.assertEqual(message, "%s() argument 'data' is too long: 4294967312 bytes "
                                          "do not fit its length type 'uInt'" % func.__name__)
        with self.assertRaises(OverflowError) as caught:
            m.Inflater().inflate(view)
        self.assertIn("Inflater.inflate() argument 'data' is too long", str(caught.exception))

    def test_no_leaks(self):
        data = b"abc" * 300
        packed = zlib.compress(data)
        assert_no_leaks(self, lambda: (m.compress(data), m.decompress(packed), m.crc32(0, data),
                                       m.adler32(1, data)), [data, packed], calls=20000 // LOOPS)
        bad = b"not zlib"
        assert_no_leaks(self, raising(m.ZlibError, m.decompress, bad), [bad], calls=20000 // LOOPS)
        zeros = zlib.compress(bytes(300000))
        assert_no_leaks(self, lambda: m.decompress(zeros), [zeros], calls=300 // LOOPS)


class Streaming(unittest.TestCase):
    def test_deflate_in_chunks_like_cpython(self):
        data = SAMPLES["random"][:300000] + SAMPLES["compressible"][:700000]
        d = m.Deflater()
        out = deflate_all(d, data, 65536)
        co = zlib.compressobj()
        theirs = b"".join(co.compress(data[i:i + 65536]) for i in range(0, len(data), 65536))
        self.assertEqual(out, theirs + co.flush())
        self.assertEqual(out, zlib.compress(data))
        self.assertEqual((d.total_in, d.total_out, d.avail_in), (len(data), len(out), 0))
        self.assertEqual(d.adler, zlib.adler32(data))
        # After Z_FINISH zlib refuses more input; the message is the stream's msg.
        with self.assertRaises(m.ZlibError) as caught:
            d.deflate(b"more")
        self.assertEqual((caught.exception.code, str(caught.exception)),
                         (m.Z_STREAM_ERROR, "stream error"))

    def test_window_bits_levels_and_strategies(self):
        data = SAMPLES["compressible"][:100000] + SAMPLES["random"][:20000]
        for kwargs in ({"wbits": -15}, {"wbits": 31}, {"wbits": 9}, {"level": 1, "memLevel": 1},
                       {"level": 9, "memLevel": 9, "strategy": zlib.Z_FILTERED},
                       {"strategy": zlib.Z_HUFFMAN_ONLY}, {"strategy": zlib.Z_RLE}):
            with self.subTest(**kwargs):
                out = deflate_all(m.Deflater(**kwargs), data, 40000)
                theirs = zlib.compressobj(kwargs.get("level", -1), zlib.DEFLATED,
                                          kwargs.get("wbits", 15), kwargs.get("memLevel", 8),
                                          kwargs.get("strategy", 0))
                expected = b"".join(theirs.compress(data[i:i + 40000])
                                    for i in range(0, len(data), 40000)) + theirs.flush()
                self.assertEqual(out, expected)
                wbits = kwargs.get("wbits", 15)
                self.assertEqual(zlib.decompress(out, wbits), data)
                i = m.Inflater(wbits)
                self.assertEqual(i.inflate(out), (m.Z_STREAM_END, data))
        self.assertEqual(gzip.decompress(deflate_all(m.Deflater(wbits=31), data, len(data))), data)
        # 32 + 15: the inflater detects zlib or gzip by the header.
        self.assertEqual(m.Inflater(47).inflate(gzip.compress(data))[1], data)

    def test_sync_flush(self):
        d = m.Deflater()
        status, first = d.deflate(b"part one", flush=m.Z_SYNC_FLUSH)
        self.assertEqual(status, m.Z_OK)
        self.assertTrue(first.endswith(b"\x00\x00\xff\xff"))
        i = m.Inflater()
        self.assertEqual(i.inflate(first), (m.Z_OK, b"part one"))
        status, second = d.deflate(b" and two", flush=m.Z_FINISH)
        self.assertEqual(status, m.Z_STREAM_END)
        self.assertEqual(i.inflate(second), (m.Z_STREAM_END, b" and two"))
        # Nothing left to do: zlib reports Z_BUF_ERROR, a success for these calls.
        self.assertEqual(m.Inflater().inflate(b""), (m.Z_BUF_ERROR, b""))
        d = m.Deflater()
        self.assertEqual(d.deflate(b""), (m.Z_OK, b"x\x9c"))  # the header
        self.assertEqual(d.deflate(b""), (m.Z_BUF_ERROR, b""))

    def test_output_grows_within_one_call(self):
        """A full output with Z_OK (the first status of the success set) makes the call
        repeat with more room: 1 MB comes out of one call."""
        i = m.Inflater()
        status, out = i.inflate(zlib.compress(SAMPLES["zeros"]))
        self.assertEqual((status, len(out)), (m.Z_STREAM_END, MB))
        self.assertEqual(out, SAMPLES["zeros"])
        self.assertEqual(i.total_out, MB)
        d = m.Deflater(level=0)  # stored blocks: output a bit larger than the input
        status, out = d.deflate(SAMPLES["random"], flush=m.Z_FINISH)
        self.assertEqual(status, m.Z_STREAM_END)
        self.assertGreater(len(out), MB)
        self.assertEqual(zlib.decompress(out), SAMPLES["random"])

    def test_max_length_and_unused_input(self):
        data = SAMPLES["compressible"][:200000]
        packed = zlib.compress(data)
        i = m.Inflater()
        pending, got, calls = packed + b"after the end", [], 0
        while True:
            status, piece = i.inflate(pending, max_length=4096)
            calls += 1
            self.assertLessEqual(len(piece), 4096)
            got.append(piece)
            pending = pending[len(pending) - i.avail_in:]
            if status == m.Z_STREAM_END:
                break
            self.assertEqual(status, m.Z_OK)
        self.assertEqual(b"".join(got), data)
        self.assertGreaterEqual(calls, len(data) // 4096)
        self.assertEqual(pending, b"after the end")
        theirs = zlib.decompressobj()
        self.assertEqual(theirs.decompress(packed + b"after the end"), data)
        self.assertEqual(theirs.unused_data, pending)
        # Bounded deflate calls too.
        self.assertEqual(zlib.decompress(deflate_all(m.Deflater(), data, 50000, max_length=300)),
                         data)

    def test_stream_messages_like_cpython(self):
        good = zlib.compress(SAMPLES["compressible"][:50000])
        broken = bytearray(good)
        broken[40] ^= 0xFF
        for data in (b"not zlib data", b"\x78\x9c\xff\xff\xff", bytes(broken),
                     b"\x78\x9f", b"\x78\x9c\x06"):
            with self.subTest(data=data[:8]):
                with self.assertRaises(m.ZlibError) as caught:
                    m.Inflater().inflate(data)
                self.assertEqual(caught.exception.code, m.Z_DATA_ERROR)
                self.assertEqual(str(caught.exception),
                                 cpython_error_text(zlib.decompressobj().decompress, data))
        self.assertEqual(str(caught.exception), cpython_error_text(zlib.decompress, data))

    def test_preset_dictionary(self):
        zdict = b"the words we expect: alpha beta gamma delta"
        text = b"gamma alpha delta beta " * 20
        co = zlib.compressobj(zdict=zdict)
        packed = co.compress(text) + co.flush()
        i = m.Inflater()
        with self.assertRaises(m.ZlibError) as caught:
            i.inflate(packed)
        self.assertEqual(caught.exception.code, m.Z_NEED_DICT)
        self.assertEqual(i.adler, zlib.adler32(zdict))  # the dictionary id it wants
        rest = packed[len(packed) - i.avail_in:]
        self.assertEqual(len(rest), len(packed) - 6)  # the header and dictionary id read
        with self.assertRaises(m.ZlibError) as caught:
            m.Inflater().set_dictionary(zdict)  # not asked for yet
        self.assertEqual(caught.exception.code, m.Z_STREAM_ERROR)
        i.set_dictionary(zdict)
        self.assertEqual(i.inflate(rest), (m.Z_STREAM_END, text))
        d = m.Deflater()
        d.set_dictionary(zdict)
        ours = deflate_all(d, text, len(text))
        self.assertEqual(ours, packed)
        self.assertEqual(zlib.decompressobj(zdict=zdict).decompress(ours), text)

    def test_dictionaries_and_pending_bits(self):
        """get_dictionary: a 32k output buffer in a stream class, trimmed to the length
        zlib reports through the in/out uInt; pending: two out-values."""
        data = random_bytes(RNG, 20000) + SAMPLES["compressible"][:40000]
        d = m.Deflater()
        self.assertEqual(d.get_dictionary(), b"")
        self.assertEqual(d.pending(), (0, 0))
        d.deflate(data[:100])
        self.assertEqual(d.get_dictionary(), data[:100])
        status, _ = d.deflate(data[100:], flush=5)  # Z_BLOCK: a partial byte may wait
        self.assertEqual(status, m.Z_OK)
        pending, bits = d.pending()
        self.assertEqual(pending, 0)
        self.assertIn(bits, range(8))
        self.assertEqual(d.get_dictionary(), data[-32768:])
        i = m.Inflater()
        self.assertEqual(i.get_dictionary(), b"")
        self.assertEqual(i.inflate(zlib.compress(data), max_length=50000), (m.Z_OK, data[:50000]))
        self.assertEqual(i.get_dictionary(), data[50000 - 32768:50000])
        # (Once a zlib stream's check value is read, zlib leaves that call's output out of
        # its window; a raw stream has no check value.)
        co = zlib.compressobj(wbits=-15)
        i = m.Inflater(-15)
        self.assertEqual(i.inflate(co.compress(data) + co.flush()), (m.Z_STREAM_END, data))
        self.assertEqual(i.get_dictionary(), data[-32768:])
        self.assertIn("get_dictionary() -> bytes", m.Inflater.get_dictionary.__doc__)
        self.assertIn("pending() -> tuple[int, int]", m.Deflater.pending.__doc__)
        self.assertEqual(m.Deflater().bound(1000), m.compress_bound(1000))
        self.assertGreater(m.Deflater(wbits=31).bound(1000), m.compress_bound(1000))

    def test_library_typedefs_are_checked(self):
        """type uLong = u64; type uInt = u32: errors name zlib's types."""
        message = error_message(self, OverflowError, m.crc32, -1, b"")
        self.assertEqual(message, "crc32() argument 'crc' is out of range for uLong: -1 not in "
                                  "[0, 18446744073709551615]")
        message = error_message(self, OverflowError, m.decompress_into_size, -1, b"")
        self.assertIn("argument 'size' is out of range for u64", message)

    def test_init_failures(self):
        for kwargs in ({"level": 42}, {"wbits": 7}, {"memLevel": 0}, {"memLevel": 10},
                       {"strategy": 9}):
            with self.subTest(**kwargs):
                with self.assertRaises(m.ZlibError) as caught:
                    m.Deflater(**kwargs)
                self.assertEqual(caught.exception.code, m.Z_STREAM_ERROR)
                # deflateInit2_ sets no msg: the status's own text (zError) then.
                self.assertEqual(str(caught.exception), "stream error")
                with self.assertRaises(ValueError):
                    zlib.compressobj(**kwargs)
        for wbits in (3, 100, -16):
            with self.subTest(wbits=wbits):
                with self.assertRaises(m.ZlibError) as caught:
                    m.Inflater(wbits)
                self.assertEqual(caught.exception.code, m.Z_STREAM_ERROR)
        self.assertIsNot(m.Deflater, m.Inflater)
        self.assertFalse(hasattr(m.Deflater(), "inflate"))
        self.assertFalse(hasattr(m.Inflater(), "deflate"))

    def test_fields_are_read_only(self):
        d = m.Deflater()
        for name in ("avail_in", "avail_out", "total_in", "total_out", "adler"):
            with self.subTest(field=name):
                with self.assertRaises(AttributeError):
                    setattr(d, name, 0)
        self.assertEqual(d.adler, 1)

    @unittest.skipIf(SANITIZED, "memory footprint under AddressSanitizer")
    def test_streams_are_released(self):
        """A deflate stream holds ~268 kB of zlib's allocations: 200 live ones take 40 MB
        more address space, while 2000 dropped ones (and failed inits) give it back."""
        for _ in range(5):
            deflate_all(m.Deflater(), b"warm up", 100)
        gc.collect()
        before = vm_bytes()
        alive = [m.Deflater(9) for _ in range(200)]
        self.assertGreater(vm_bytes() - before, 200 * 200 * 1024)
        del alive
        gc.collect()
        before = vm_bytes()
        for _ in range(2000):
            d = m.Deflater(9)
            d.deflate(b"x" * 100)
            i = m.Inflater()
            i.inflate(zlib.compress(b"y" * 100)[:5])
            self.assertRaises(m.ZlibError, m.Deflater, 42)
        del d, i
        gc.collect()
        self.assertLess(vm_bytes() - before, 32 * MB)

    @unittest.skipIf(SANITIZED, "memory footprint under AddressSanitizer")
    def test_memory_error(self):
        """Z_MEM_ERROR raises MemoryError (raise Z_MEM_ERROR MemoryError;), with .code."""
        script = textwrap.dedent("""
            import resource, e2e_real_zlib as m
            with open("/proc/self/statm") as f:
                size = int(f.read().split()[0]) * resource.getpagesize()
            resource.setrlimit(resource.RLIMIT_AS, (size + 64 * 1024, size + 64 * 1024))
            try:
                m.Deflater(9, memLevel=9, wbits=15)
            except MemoryError as e:
                print(type(e).__name__, e.code, e)
        """)
        done = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        # deflateInit2_ set the stream's msg before failing: the message is read from it.
        self.assertEqual(done.stdout.strip(), "MemoryError -4 insufficient memory")

    def test_no_leaks(self):
        chunk = b"0123456789" * 100
        d = m.Deflater(1)
        assert_no_leaks(self, lambda: d.deflate(chunk), [d, chunk], calls=20000 // LOOPS)
        packed = zlib.compress(chunk * 10)

        def roundtrip():
            i = m.Inflater()
            i.inflate(packed)

        assert_no_leaks(self, roundtrip, [packed], calls=5000 // LOOPS)
        bad = b"not zlib"
        assert_no_leaks(self, raising(m.ZlibError, m.Inflater().inflate, bad), [bad],
                        calls=20000 // LOOPS)
        assert_no_leaks(self, raising(m.ZlibError, m.Deflater, 42), [], calls=20000 // LOOPS)


if __name__ == "__main__":
    unittest.main()
