"""Temporary folders of docgen carry the PID of the process that made them, so the leftovers of a killed one can go.

A process killed with -9 never runs its cleanup: its LibreOffice profile (`docgen-lo-<pid>-…`), its bundle staging
folder (`docgen-berkas-<pid>-…`) and the UNO pipe socket of its LibreOffice (`OSL_PIPE_<uid>_docgen_<pid>_<hex>` in
/tmp) stay behind. `bersihkan_yatim()` removes exactly those whose PID no longer runs: only names of this pattern,
only entries owned by this user, never a symlink, never anything of a running process.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

JENIS = ("lo", "berkas")
_FOLDER = re.compile(rf"^docgen-(?:{'|'.join(JENIS)})-(\d+)-[a-z0-9_]+$")
# LibreOffice (sal's osl pipes) puts the socket of `--accept=pipe,name=N` at /tmp/OSL_PIPE_<uid>_N.
_PIPA = re.compile(r"^OSL_PIPE_(\d+)_docgen_(\d+)_[0-9a-f]{32}$")
FOLDER_PIPA = Path("/tmp")


def awalan(jenis: str) -> str:
    """Return the tempfile prefix of a docgen folder of this kind ("lo", "berkas") made by this process."""
    if jenis not in JENIS:
        raise ValueError(f"jenis folder sementara tidak dikenal: {jenis!r}")
    return f"docgen-{jenis}-{os.getpid()}-"


def pid_hidup(pid: int) -> bool:
    """Tell whether process `pid` still runs (a zombie does not; another user's process does)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        keadaan = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc here: kill(0) answered, so it runs
    return keadaan not in ("Z", "X")


def _milik_yatim(path: Path, pid: int) -> os.stat_result | None:
    """The lstat of `path` when it belongs to this user and its PID is gone, else None."""
    if pid == os.getpid() or pid_hidup(pid):
        return None
    try:
        st = path.lstat()
    except OSError:
        return None
    return st if st.st_uid == os.getuid() else None


def bersihkan_yatim(folder: Path | None = None) -> list[Path]:
    """Remove the docgen temporary folders in `folder` (default: the temp dir) and docgen's LibreOffice pipe sockets
    in /tmp whose process is gone; return what was removed."""
    hapus: list[Path] = []
    akar = Path(folder or tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for path in akar.iterdir():
            m = _FOLDER.match(path.name)
            st = _milik_yatim(path, int(m.group(1))) if m else None
            if st is not None and stat.S_ISDIR(st.st_mode):
                shutil.rmtree(path, ignore_errors=True)
                hapus.append(path)
    with contextlib.suppress(OSError):
        for path in FOLDER_PIPA.iterdir():
            m = _PIPA.match(path.name)
            if not m or int(m.group(1)) != os.getuid():
                continue
            st = _milik_yatim(path, int(m.group(2)))
            if st is not None and stat.S_ISSOCK(st.st_mode):
                with contextlib.suppress(OSError):
                    path.unlink()
                    hapus.append(path)
    return hapus
