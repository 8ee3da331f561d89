"""Reading and writing backup archives (.zip, .tar.gz) with every member hashed on the way."""

from __future__ import annotations

import hashlib
import tarfile
import zipfile
from pathlib import Path
from typing import IO, Any

from docgen.errors import DocgenError
from web.cadangan.format import BLOK, GALAT_ARSIP, CadanganTidakSah
from web.inti import waktu

# -- archives --------------------------------------------------------------------------------------------------------


def bentuk_arsip(path: Path) -> str:
    """"zip" or "tar" from the archive's name."""
    nama = path.name.lower()
    if nama.endswith(".zip"):
        return "zip"
    if nama.endswith((".tar.gz", ".tgz")):
        return "tar"
    raise DocgenError(f"Nama berkas cadangan harus berakhiran .zip, .tar.gz atau .tgz: {path.name}", status=400)


class _Hash:
    """A reader that hashes and counts what passes through it."""

    def __init__(self, f: IO[bytes]):
        self.f, self.h, self.n = f, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        b = self.f.read(n)
        self.h.update(b)
        self.n += len(b)
        return b


class Penulis:
    """Writes members into a .zip or .tar.gz on an open file."""

    def __init__(self, f: IO[bytes], bentuk: str):
        self.bentuk = bentuk
        self.waktu = waktu.sekarang().astimezone()  # ZIP entries keep the server's local time
        if bentuk == "zip":
            self.zip = zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        else:
            # Kept open while members are added; closed in tutup().
            self.tar = tarfile.open(fileobj=f, mode="w:gz", compresslevel=6,  # noqa: SIM115
                                    format=tarfile.PAX_FORMAT)

    def tulis(self, nama: str, sumber: IO[bytes], ukuran: int) -> tuple[str, int]:
        """Add one member read from `sumber`; return its SHA-256 and size."""
        h = _Hash(sumber)
        if self.bentuk == "zip":
            info = zipfile.ZipInfo(nama, date_time=self.waktu.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            with self.zip.open(info, "w", force_zip64=True) as keluar:
                while b := h.read(BLOK):
                    keluar.write(b)
        else:
            info_tar = tarfile.TarInfo(nama)
            info_tar.size, info_tar.mtime, info_tar.mode = ukuran, int(self.waktu.timestamp()), 0o644
            self.tar.addfile(info_tar, h)  # reads exactly `ukuran` bytes; a shorter file raises OSError
        return h.h.hexdigest(), h.n

    def tulis_bytes(self, nama: str, isi: bytes) -> tuple[str, int]:
        import io

        return self.tulis(nama, io.BytesIO(isi), len(isi))

    def tutup(self) -> None:
        (self.zip if self.bentuk == "zip" else self.tar).close()


class Pembaca:
    """Reads the members of a backup archive (.zip or .tar.gz, told apart by their first bytes)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            with self.path.open("rb") as f:
                awal = f.read(4)
        except OSError as exc:
            raise CadanganTidakSah(f"Berkas cadangan tidak dapat dibaca: {path} ({exc.strerror or exc})") from None
        self.zip: zipfile.ZipFile | None = None
        self.tar: tarfile.TarFile | None = None
        try:
            if awal.startswith(b"PK\x03\x04"):
                self.zip = zipfile.ZipFile(self.path)
                daftar = [i.filename for i in self.zip.infolist() if not i.is_dir()]
                self.anggota: dict[str, Any] = {n: n for n in daftar}
            elif awal.startswith(b"\x1f\x8b"):
                self.tar = tarfile.open(self.path, "r:gz")  # noqa: SIM115 (read member by member; closed in tutup())
                daftar = []
                self.anggota = {}
                for m in self.tar.getmembers():
                    if m.isdir():
                        continue
                    if not m.isfile():
                        raise CadanganTidakSah(f"Arsip cadangan berisi entri yang bukan berkas biasa: {m.name}")
                    daftar.append(m.name)
                    self.anggota[m.name] = m
            else:
                raise CadanganTidakSah(f"{path.name} bukan arsip cadangan docgen (bukan ZIP atau tar.gz)")
            if len(daftar) != len(set(daftar)):
                raise CadanganTidakSah("Arsip cadangan rusak: ada nama entri yang ganda")
        except BaseException as exc:
            self.tutup()
            if isinstance(exc, GALAT_ARSIP):
                raise CadanganTidakSah(f"Arsip cadangan rusak dan tidak dapat dibuka: {path.name} ({exc})") from None
            raise

    def buka(self, nama: str) -> IO[bytes]:
        if self.zip is not None:
            return self.zip.open(self.anggota[nama])
        assert self.tar is not None
        f = self.tar.extractfile(self.anggota[nama])
        assert f is not None
        return f

    def baca(self, nama: str) -> bytes:
        try:
            with self.buka(nama) as f:
                return f.read()
        except GALAT_ARSIP as exc:
            raise CadanganTidakSah(f"Arsip cadangan rusak: {nama} tidak dapat dibaca ({exc})") from None

    def hash(self, nama: str) -> tuple[str, int]:
        """SHA-256 and size of a member, read in blocks."""
        try:
            with self.buka(nama) as f:
                h = _Hash(f)
                while h.read(BLOK):
                    pass
            return h.h.hexdigest(), h.n
        except GALAT_ARSIP as exc:
            raise CadanganTidakSah(f"Arsip cadangan rusak: {nama} tidak dapat dibaca ({exc})") from None

    def tutup(self) -> None:
        for arsip in (self.zip, self.tar):
            if arsip is not None:
                arsip.close()

    def __enter__(self) -> Pembaca:
        return self

    def __exit__(self, *_: object) -> None:
        self.tutup()
