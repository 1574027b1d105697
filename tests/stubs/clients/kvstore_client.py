"""Uses kvstore as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import kvstore
from kvstore import KvFlags, KvMode, KvStore

store = KvStore("demo")
store.put("greeting", b"hello")
store.set_flags(KvFlags.NO_OVERWRITE | KvFlags.EXPORT_HEX)
store.set_mode(kvstore.DEFAULT_MODE)
text: str | None = store.get_text("greeting")
buf = bytearray(16)
copied: int = store.read_into("greeting", buf)
entry = store.first()
while entry is not None:
    key: str = entry.key()
    entry = entry.next()
puts: int = store.stats().puts()
try:
    store.get("missing")
except kvstore.KvError as error:
    message: str = str(error)
store.close()
store.set_mode(1)  # wrong: arg-type
