"""Uses _cbpy_lzma as its stub types it; the `# wrong:` line is the call mypy must refuse."""
from typing import Any

import _cbpy_lzma
from _cbpy_lzma import Stream

encoder = Stream.easy_encoder(6, 4)
status, out = encoder.code(b"data" * 10, max_length=-1, action=3)
filters: list[dict[str, Any]] = [{"id": 0x21, "preset": 6}]
raw = Stream.raw_decoder(filters)
check: int = _cbpy_lzma.crc32(memoryview(b"abc"), crc=0)
supported: bool = _cbpy_lzma.is_check_supported(4)
props: bytes = _cbpy_lzma.properties_encode(filters[0], 5)
try:
    Stream.auto_decoder(0, 0).code(b"not xz")
except _cbpy_lzma.LZMAError as error:
    base: _cbpy_lzma.Error = error
Stream.easy_encoder(6)  # wrong: call-arg
