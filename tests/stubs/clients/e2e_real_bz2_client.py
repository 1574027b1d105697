"""Uses e2e_real_bz2 as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_real_bz2

packed: bytes = e2e_real_bz2.compress(b"data" * 100, level=9)
unpacked: bytes = e2e_real_bz2.decompress(packed)
c = e2e_real_bz2.Compressor(level=1)
status, chunk = c.compress(memoryview(b"more data"), max_length=-1)
left: int = c.avail_in
version: str = e2e_real_bz2.version()
e2e_real_bz2.compress("text, not bytes")  # wrong: arg-type
