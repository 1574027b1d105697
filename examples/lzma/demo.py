"""demo.py: CPython's lzma module running on _cbpy_lzma, the liblzma binding generated from
glue.in with no C of its own (cbpy_lzma.py gives it _lzma's interface)."""
import sys

import cbpy_lzma

sys.modules["_lzma"] = cbpy_lzma
sys.modules.pop("lzma", None)
import lzma  # noqa: E402  (imported on top of cbpy_lzma)
import _cbpy_lzma  # noqa: E402

data = b"Hello from a glue file. " * 1000
xz = lzma.compress(data)
print("xz:", len(data), "->", len(xz), "bytes, round trip", lzma.decompress(xz) == data)
alone = lzma.compress(data, format=lzma.FORMAT_ALONE, preset=1)
print("alone:", len(alone), "bytes, round trip", lzma.decompress(alone) == data)
chain = [{"id": lzma.FILTER_DELTA, "dist": 4}, {"id": lzma.FILTER_LZMA2, "preset": 9}]
raw = lzma.compress(data, format=lzma.FORMAT_RAW, filters=chain)
print("raw delta+lzma2:", lzma.decompress(raw, format=lzma.FORMAT_RAW, filters=chain) == data)
d = lzma.LZMADecompressor()
first = d.decompress(xz, max_length=100)
print("first 100 bytes:", first[:24], "needs_input:", d.needs_input, "check:", d.check)
print("crc32:", hex(_cbpy_lzma.crc32(b"123456789")), "crc64:", hex(_cbpy_lzma.crc64(b"123456789")))
props = lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1, "preset": 6})
print("LZMA1 properties:", props.hex(), lzma._decode_filter_properties(lzma.FILTER_LZMA1, props))
try:
    lzma.decompress(b"not xz data")
except lzma.LZMAError as e:
    print("LZMAError:", e)
print(lzma.LZMAError is _cbpy_lzma.LZMAError)
