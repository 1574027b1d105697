"""Uses archive as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import archive
from archive import Entry, Format, Reader, Writer

w = Writer()
w.set_format(Format.TAR_PAX)
w.open_filename("/tmp/cbpy-stub-client.tar")
e = Entry()
e.pathname = "hello.txt"
e.size = 5
w.write_header(e)
written: int = w.write_data(b"hello")
w.close()
r = Reader()
r.open_filename("/tmp/cbpy-stub-client.tar")
header: Entry | None = r.next_header()
data: bytes = r.read(size=1024)
name: str | None = r.format_name()
version: str = archive.version_string()
w.set_format("tar")  # wrong: arg-type
