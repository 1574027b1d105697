"""Uses e2e_real_dirent as its stub types it; the `# wrong:` line is the call mypy must refuse."""
import e2e_real_dirent

names: list[str] = [entry.d_name for entry in e2e_real_dirent.Dir(".")]
d = e2e_real_dirent.Dir("/")
first: e2e_real_dirent.Entry = next(d)
kind: int = first.d_type
d.rewind()
try:
    e2e_real_dirent.Dir("/nonexistent")
except e2e_real_dirent.DirError as error:
    errno: int = error.errno
e2e_real_dirent.Dir(path=0)  # wrong: arg-type
