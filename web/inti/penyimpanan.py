"""Where generated files live: one interface, a local folder by default.

Files are named by keys such as "dokumen/12/nota-dinas.pdf" (forward slashes, no "..", never absolute), which the
database stores. Writes are atomic (a temporary file in the same folder, flushed to disk, then renamed), so a
reader never sees a half-written file; a full disk becomes an Indonesian error and leaves the old file as it was.

A file the database refers to is never rewritten with other content: a replaced logo or template gets a new key
(with its SHA-256), the row switches to it in one transaction, and the old file is only released (`sentuh`) for
the sweep (web.layanan.sapu) to remove after a grace period, so a render or a backup that read the old row still
finds it. RUJUKAN_BERKAS names the columns that hold keys.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from flask import Flask, current_app

from docgen.errors import DocgenError

# The columns whose values are storage keys (or legacy absolute paths), by table: what the sweep keeps and a backup
# copies.
RUJUKAN_BERKAS: dict[str, tuple[str, ...]] = {
    "instansi": ("logo",),
    "templat_instansi": ("berkas",),
    "dokumen": ("berkas_docx", "berkas_pdf"),
    "berkas_arsip": ("berkas",),
}


class PenyimpananPenuh(DocgenError):
    """The storage has no room left (or the quota is used up); nothing was changed."""

    status = 507


class Penyimpanan(Protocol):
    """What the app needs from a file store."""

    def simpan(self, kunci: str, isi: bytes) -> str: ...
    def baca(self, kunci: str) -> bytes: ...
    def buka(self, kunci: str) -> BinaryIO: ...
    def ada(self, kunci: str) -> bool: ...
    def ukuran(self, kunci: str) -> int: ...
    def hapus(self, kunci: str) -> None: ...
    def daftar(self, awalan: str = "") -> Iterator[str]: ...
    def path_lokal(self, kunci: str) -> Path: ...
    def umur_detik(self, kunci: str) -> float: ...
    def sentuh(self, kunci: str) -> None: ...


def kunci_aman(kunci: str) -> str:
    """Normalise a key; raise DocgenError (400) for an empty, absolute or escaping key."""
    teks = str(kunci).replace("\\", "/")
    bagian = PurePosixPath(teks).parts
    if not teks or teks.startswith("/") or any(b in ("..", "") for b in bagian) or ":" in bagian[0]:
        raise DocgenError(f"Nama berkas penyimpanan tidak sah: {kunci!r}", status=400)
    return "/".join(b for b in bagian if b != ".")


class PenyimpananLokal:
    """Files under one folder on this machine (or a folder shared by several machines, e.g. NFS)."""

    def __init__(self, akar: Path):
        self.akar = Path(akar).resolve()
        self.akar.mkdir(parents=True, exist_ok=True)

    def path_lokal(self, kunci: str) -> Path:
        """The file's path on this machine (for LibreOffice, send_file and the like)."""
        path = (self.akar / kunci_aman(kunci)).resolve()
        if not path.is_relative_to(self.akar):
            raise DocgenError(f"Nama berkas penyimpanan tidak sah: {kunci!r}", status=400)
        return path

    def simpan(self, kunci: str, isi: bytes) -> str:
        """Write `isi` under `kunci` atomically and durably; return the normalised key.

        Raises PenyimpananPenuh when the disk is full (the previous file, if any, is untouched).
        """
        kunci = kunci_aman(kunci)
        path = self.path_lokal(kunci)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(isi)
                    f.flush()
                    os.fsync(f.fileno())
                Path(tmp).replace(path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise PenyimpananPenuh(
                    "Ruang penyimpanan server penuh: berkas tidak dapat disimpan. Data yang sudah tersimpan tetap "
                    "aman; hubungi admin server lalu coba lagi.") from None
            raise
        return kunci

    def baca(self, kunci: str) -> bytes:
        return self.path_lokal(kunci).read_bytes()

    def buka(self, kunci: str) -> BinaryIO:
        return self.path_lokal(kunci).open("rb")

    def ada(self, kunci: str) -> bool:
        try:
            return self.path_lokal(kunci).is_file()
        except DocgenError:
            return False

    def ukuran(self, kunci: str) -> int:
        return self.path_lokal(kunci).stat().st_size

    def hapus(self, kunci: str) -> None:
        self.path_lokal(kunci).unlink(missing_ok=True)

    def daftar(self, awalan: str = "") -> Iterator[str]:
        """Every stored key under `awalan` (sorted), leaving out unfinished temporary files."""
        dasar = self.path_lokal(awalan) if awalan else self.akar
        if not dasar.exists():
            return
        for path in sorted(dasar.rglob("*")):
            if path.is_file() and not (path.name.startswith(".") and path.name.endswith(".tmp")):
                yield path.relative_to(self.akar).as_posix()


    def sisa_sementara(self, umur_detik: float, *, hapus: bool = False) -> list[tuple[str, int]]:
        """Temporary files older than `umur_detik` left by writes killed before their rename, as (path in the
        store, bytes); deleted with `hapus`. They are never readable as keys."""
        hasil = []
        for path in sorted(self.akar.rglob(".*.tmp")):
            if path.is_file() and time.time() - path.stat().st_mtime >= umur_detik:
                hasil.append((path.relative_to(self.akar).as_posix(), path.stat().st_size))
                if hapus:
                    path.unlink(missing_ok=True)
        return hasil

    def umur_detik(self, kunci: str) -> float:
        """Seconds since the stored file was last written (or released, see `sentuh`)."""
        return time.time() - self.path_lokal(kunci).stat().st_mtime

    def sentuh(self, kunci: str) -> None:
        """Mark the file as released now: the sweep's grace period counts from this moment. A missing file is
        left missing."""
        with contextlib.suppress(FileNotFoundError):
            os.utime(self.path_lokal(kunci))


def init_app(app: Flask) -> None:
    """Attach the app's store: the local folder PENYIMPANAN."""
    app.extensions["docgen_penyimpanan"] = PenyimpananLokal(Path(app.config["PENYIMPANAN"]))


def penyimpanan(app: Flask | None = None) -> Penyimpanan:
    """The store of `app` (default: the current app)."""
    a = app or current_app
    return a.extensions["docgen_penyimpanan"]


def kunci_dari(nilai: str | None, app: Flask | None = None) -> str | None:
    """The key for a stored reference: a key as it is, or a legacy absolute path inside the store's folder."""
    if not nilai:
        return None
    p = Path(nilai)
    if p.is_absolute():
        akar = Path((app or current_app).config["PENYIMPANAN"]).resolve()
        try:
            return p.resolve().relative_to(akar).as_posix()
        except ValueError:
            return None
    return nilai


def kunci_berkas(nilai: str | None, app: Flask | None = None) -> str | None:
    """The key of an existing stored file named by a database value (key or legacy path); None when the file is
    missing, the key unsafe ("..", absolute) or the path outside the store."""
    kunci = kunci_dari(nilai, app)
    if kunci is None:
        return None
    try:
        kunci = kunci_aman(kunci)
    except DocgenError:
        kunci = ""
    if kunci and penyimpanan(app).ada(kunci):
        return kunci
    if nilai and not Path(nilai).is_absolute():  # a legacy path relative to the working folder (DOCGEN_STORAGE=x)
        kunci = kunci_dari(str(Path(nilai).resolve()), app)
        return kunci if kunci is not None and penyimpanan(app).ada(kunci) else None
    return None


def kunci_rujukan(nilai: str | None, app: Flask | None = None) -> str | None:
    """The key a database value names, whether or not the file is there (see `kunci_berkas`); None for an empty
    value, an unsafe key or a path outside the store."""
    kunci = kunci_berkas(nilai, app)
    if kunci is not None:
        return kunci
    kunci = kunci_dari(nilai, app)
    try:
        return kunci_aman(kunci) if kunci else None
    except DocgenError:
        return None


def kunci_isi(awalan: str, isi: bytes, ext: str) -> str:
    """A content-addressed key: `awalan`, the first 16 hex digits of the SHA-256 of `isi`, the extension."""
    return f"{awalan}-{hashlib.sha256(isi).hexdigest()[:16]}.{ext}"


def lepaskan(kunci: str | None, app: Flask | None = None) -> None:
    """Release a stored file the database stops referring to: it stays readable until the sweep removes it after
    the grace period (a missing file or an unsafe key is ignored)."""
    if kunci:
        with contextlib.suppress(OSError, DocgenError):
            penyimpanan(app).sentuh(kunci)


def tanpa_akar(teks: str, app: Flask | None = None) -> str:
    """`teks` with every absolute path inside the store written as its key: messages never show server paths."""
    a = app or current_app
    akar = {str(Path(a.config["PENYIMPANAN"]).resolve()), str(Path(a.config["PENYIMPANAN"]).absolute())}
    store = a.extensions.get("docgen_penyimpanan")
    if isinstance(store, PenyimpananLokal):
        akar.add(str(store.akar))
    for folder in sorted(akar, key=len, reverse=True):
        teks = re.sub(re.escape(folder) + r"(/|(?![\w.-]))", lambda m: "" if m.group(1) else "(penyimpanan)", teks)
    return teks


def samarkan_path(exc: DocgenError, app: Flask | None = None) -> DocgenError:
    """`exc` with its message and field messages passed through `tanpa_akar` (changed in place, also returned)."""
    exc.pesan = tanpa_akar(exc.pesan, app)
    exc.fields = {k: tanpa_akar(v, app) if isinstance(v, str) else v for k, v in exc.fields.items()}
    exc.args = (exc.pesan, *exc.args[1:])
    return exc


@contextlib.contextmanager
def tanpa_path(app: Flask | None = None) -> Iterator[None]:
    """Inside the block, a DocgenError leaves with stored files named by key, never by their path on the server."""
    try:
        yield
    except DocgenError as exc:
        samarkan_path(exc, app)
        raise


class BerkasBaru:
    """Files written for one database change, before its commit: removed again when the block raises.

    with BerkasBaru() as baru:
        dok.berkas_docx = baru.simpan(f"dokumen/{dok.id}/a.docx", isi)
        db.commit()

    A file that already existed under a key is never removed (another record may point at it).
    """

    def __init__(self, store: Penyimpanan | None = None):
        self.store = store if store is not None else penyimpanan()
        self.kunci: list[str] = []

    def simpan(self, kunci: str, isi: bytes) -> str:
        """Store `isi` under `kunci` (see Penyimpanan.simpan); return the normalised key."""
        baru = not self.store.ada(kunci)
        kunci = self.store.simpan(kunci, isi)
        if baru:
            self.kunci.append(kunci)
        return kunci

    def buang(self) -> None:
        """Remove the files written so far (the database never pointed at them)."""
        for kunci in reversed(self.kunci):
            with contextlib.suppress(OSError):
                self.store.hapus(kunci)
        self.kunci.clear()

    def __enter__(self) -> BerkasBaru:
        return self

    def __exit__(self, tipe: type[BaseException] | None, *_: object) -> None:
        if tipe is not None:
            self.buang()
