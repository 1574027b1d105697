"""A tour of the kvstore module: the C library in kvstore.c, bound by glue.in.

Run it with the built module on the path:
    PYTHONPATH=build/examples/kvstore python3 examples/kvstore/demo.py
Its output is fixed (expected_output.txt), so ctest compares the two.
"""
import errno
import os
import tempfile

import kvstore
from kvstore import KvError, KvFlags, KvMode, KvStatus, KvStore, OpenError

print("kvstore", kvstore.version(), "- keys up to", kvstore.MAX_KEY, "bytes,",
      kvstore.MAX_ENTRIES, "per store")

# Open a store (constructor -> Result<KvStore *, OpenError>) and put values: &[u8] takes
# any bytes-like object.
store = KvStore("demo")
store.put("greeting", "hello, world".encode())
store.put("answer", b"42")
store.put("blob", bytearray(b"\x00\x01\x02\xff"))
print(store.name(), "holds", store.count(), "keys, sizes", store.sizes())

# Reading: Option<String> gives None for a missing key, Vec<u8> gives bytes.
print("greeting:", store.get_text("greeting"))
print("missing:", store.get_text("missing"))
print("blob:", store.get("blob"))
buf = bytearray(8)
n = store.read_into("answer", buf)  # &mut [u8]: C writes into the bytearray
print("read_into:", n, bytes(buf[:n]))

# A status code other than 0 raises KvError, with the code in .code.
try:
    store.size("missing")
except KvError as e:
    print("KvError:", e, "| code", KvStatus(e.code).name)
try:
    store.put("k" * (kvstore.MAX_KEY + 1), b"")
except KvError as e:
    print("KvError:", e, "| code", KvStatus(e.code).name)

# A NULL from kv_open raises OpenError with kv_last_error()'s message.
try:
    KvStore("Bad Name")
except OpenError as e:
    print("OpenError:", e)
print("both are kvstore.Error:", issubclass(KvError, kvstore.Error)
      and issubclass(OpenError, kvstore.Error))

# Enums and flags.
store.set_mode(KvMode.READ_ONLY)
try:
    store.put("answer", b"43")
except KvError as e:
    print("mode", store.mode().name, "->", KvStatus(e.code).name, "-", e)
store.set_mode(kvstore.DEFAULT_MODE)
store.set_flags(KvFlags.NO_OVERWRITE | KvFlags.EXPORT_HEX)
flags = store.flags()
print("flags:", int(flags), "no-overwrite:", KvFlags.NO_OVERWRITE in flags,
      "hex:", KvFlags.EXPORT_HEX in flags)
try:
    store.put("answer", b"43")
except KvError as e:
    print("overwrite refused:", KvStatus(e.code).name)
store.set_flags(0)
store.put("answer", b"43")
print("answer is now", store.get_text("answer"))

# Borrowed entries (Option<&KvEntry>): pointers into the store, so each keeps its store
# alive. The walk is safe even where only an entry still refers to the store.
def keys(entry):
    while entry is not None:
        yield "%s(%d)" % (entry.key(), entry.size())
        entry = entry.next()

def scratch_entry():
    scratch = KvStore("scratch")
    scratch.put("only", b"kept alive")
    return scratch.first()  # `scratch` goes out of scope here; the entry holds it

print("entries:", ", ".join(keys(store.first())))
print("scratch:", ", ".join(keys(scratch_entry())))
print("find('an'):", store.find("an").key(), "| find(None):", store.find(None).key())
print("empty store's first():", KvStore("empty").first())

# A value class returned by value: a snapshot.
stats = store.stats()
print("stats: puts", stats.puts(), "gets", stats.gets(), "bytes", stats.bytes())

# errno convention: export() writes a file; a bad path raises ExportError, an OSError.
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "demo.txt")
    for flags in (KvFlags(0), KvFlags.EXPORT_HEX):
        store.set_flags(flags)
        store.export(path)
        with open(path) as f:
            print("exported:", " | ".join(f.read().splitlines()))
    try:
        store.export(os.path.join(tmp, "no-such-dir", "demo.txt"))
    except kvstore.ExportError as e:
        print("ExportError:", errno.errorcode[e.errno], "| an OSError:",
              isinstance(e, OSError))

# Moves: merge() takes the other store over; the Python object is then empty.
other = KvStore("other")
other.put("extra", b"from other")
other.put("answer", b"44")
entry = other.first()
try:
    store.merge(other)  # refused: `entry` still points into `other`
except ValueError as e:
    print("ValueError:", e)
del entry
store.merge(other)
print("merged:", store.count(), "keys, answer", store.get_text("answer"),
      "extra", store.get_text("extra"))
try:
    other.count()
except ValueError as e:
    print("ValueError:", e)

# A consuming method: close() hands the store back to C now.
store.close()
try:
    store.get("answer")
except ValueError as e:
    print("ValueError:", e)
