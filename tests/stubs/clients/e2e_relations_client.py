"""Uses e2e_relations as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import copy

import e2e_relations

item = e2e_relations.Item()
item.name = "a.txt"
item.size = 3
item.set_time(10, nsec=5)
twin: e2e_relations.Item = copy.copy(item)
with e2e_relations.Reader() as reader:
    reader.open_memory(b"a.txt\nb.txt\n")
    names: list[str | None] = [entry.name for entry in reader]
with e2e_relations.Writer(limit=8) as writer:
    written: int = writer.write(b"abc")
    writes: int = writer.stats().writes
try:
    e2e_relations.Reader().open_file("/missing")
except e2e_relations.RelNotFound as missing:
    as_os_error: OSError = missing
item.nsec = 3  # wrong: misc
