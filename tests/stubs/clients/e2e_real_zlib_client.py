"""Uses e2e_real_zlib as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_real_zlib

packed: bytes = e2e_real_zlib.compress(b"data" * 100, level=6)
unpacked: bytes = e2e_real_zlib.decompress(packed)
d = e2e_real_zlib.Deflater(level=1, wbits=15)
status, chunk = d.deflate(bytearray(b"more"), flush=4)
check: int = e2e_real_zlib.crc32(0, memoryview(b"abc")) + d.adler
inflater = e2e_real_zlib.Inflater()
inflater.total_in = 0  # wrong: misc
