"""Backup and restore of a whole installation: every database row and every stored file in one archive.

The archive (.zip, or .tar.gz / .tgz) holds

- `basis-data/NN-<tabel>.json`, one per table in foreign-key order (parents first): `{"tabel", "kolom": [{"nama",
  "jenis"}], "baris": [[...], ...]}`, rows ordered by primary key. Values are plain JSON: `waktu` as ISO 8601 in UTC
  with its offset, `tanggal` as TTTT-BB-HH, `json` as the JSON itself, `biner` as base64, `desimal` as text. The
  same file restores into SQLite and PostgreSQL.
- `berkas/<kunci>`: every file of the store (web.penyimpanan), under its key.
- `manifest.json` (written last): format, docgen version, Alembic revision, time made, source dialect, the store's
  folder, per table its file, row count and SHA-256, per file its key, size and SHA-256.

A backup reads the database in one transaction (PostgreSQL: REPEATABLE READ, read only; SQLite: one BEGIN holding
its read lock), so the rows are one consistent snapshot; the files are read afterwards. The archive is written to a
temporary file beside the target and renamed when complete.

A restore checks everything before it writes anything: the manifest, that its revision is one this code knows, the
target (empty unless `timpa`), every table's and every file's SHA-256 and size, every key. Then it brings the database
to the backup's revision, writes the files (each atomically), inserts every row in one transaction (deleting the old
rows in that same transaction when `timpa`), sets PostgreSQL's id sequences to the largest id, removes stored files the
backup does not have (`timpa`) and migrates to the newest revision.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import errno
import hashlib
import json
import os
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from flask import Flask
from sqlalchemy import MetaData, Table, func, inspect, select, text
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

import docgen
from docgen.errors import DocgenError
from web.db import MIGRASI, buat_engine
from web.penyimpanan import Penyimpanan, kunci_aman, penyimpanan

FORMAT = "docgen-cadangan"
VERSI_FORMAT = 1
MANIFEST = "manifest.json"
_BLOK = 1024 * 1024
_PER_INSERT = 500
_GALAT_ARSIP = (zipfile.BadZipFile, tarfile.TarError, zlib.error, EOFError, OSError, KeyError, ValueError)

Lapor = Callable[[str], None]


class CadanganTidakSah(DocgenError):
    """The archive is not a docgen backup, is damaged, or comes from a newer schema; nothing was changed."""

    status = 422


class TujuanTidakKosong(DocgenError):
    """The target database or store already holds data and `timpa` was not given; nothing was changed."""

    status = 409


@dataclass
class Ringkasan:
    """What a backup holds or a restore wrote."""

    path: Path
    revisi: str
    tabel: int
    baris: int
    berkas: int
    ukuran_berkas: int


# -- values ----------------------------------------------------------------------------------------------------------


def _jenis(tipe: sqltypes.TypeEngine) -> str:
    """The portable kind of a column type: how its values are written in the archive."""
    urutan = ((sqltypes.JSON, "json"), (sqltypes.DateTime, "waktu"), (sqltypes.Date, "tanggal"),
              (sqltypes.Time, "jam"), (sqltypes.Boolean, "boolean"), (sqltypes.Integer, "bilangan"),
              (sqltypes.Float, "pecahan"), (sqltypes.Numeric, "desimal"), (sqltypes._Binary, "biner"),
              (sqltypes.String, "teks"))
    for kelas, jenis in urutan:
        if isinstance(tipe, kelas):
            return jenis
    return "lain"


def _ke_json(nilai: Any, jenis: str) -> Any:
    """A database value as plain JSON."""
    if nilai is None:
        return None
    if jenis == "waktu":
        # Aware values are given in UTC; naive ones (SQLite keeps no offset) are UTC already in this app.
        return (nilai.astimezone(dt.UTC) if nilai.tzinfo else nilai.replace(tzinfo=dt.UTC)).isoformat()
    if jenis in ("tanggal", "jam"):
        return nilai.isoformat()
    if jenis == "biner":
        return base64.b64encode(bytes(nilai)).decode("ascii")
    if jenis == "desimal":
        return str(nilai)
    if jenis == "boolean":
        return bool(nilai)
    return nilai


def _dari_json(nilai: Any, jenis: str) -> Any:
    """A value from the archive as Python; raises ValueError/TypeError for a value of the wrong shape."""
    if nilai is None:
        return None
    if jenis == "waktu":
        w = dt.datetime.fromisoformat(nilai)
        return w.astimezone(dt.UTC) if w.tzinfo else w.replace(tzinfo=dt.UTC)
    if jenis == "tanggal":
        return dt.date.fromisoformat(nilai)
    if jenis == "jam":
        return dt.time.fromisoformat(nilai)
    if jenis == "biner":
        return base64.b64decode(nilai, validate=True)
    if jenis == "desimal":
        return decimal.Decimal(nilai)
    if jenis == "bilangan" and (isinstance(nilai, bool) or not isinstance(nilai, int)):
        raise ValueError(f"bukan bilangan bulat: {nilai!r}")
    if jenis == "teks" and not isinstance(nilai, str):
        raise ValueError(f"bukan teks: {nilai!r}")
    return nilai


def _ganti_akar(nilai: Any, lama: str, baru: str) -> Any:
    """`nilai` with every string naming a file under the old store folder moved to the new one (absolute paths
    kept by older records; store keys are left as they are), inside JSON too."""
    if isinstance(nilai, str):
        return baru + nilai[len(lama):] if nilai.startswith(lama + "/") else nilai
    if isinstance(nilai, list):
        return [_ganti_akar(v, lama, baru) for v in nilai]
    if isinstance(nilai, dict):
        return {k: _ganti_akar(v, lama, baru) for k, v in nilai.items()}
    return nilai


def _akar(app: Flask) -> str:
    """The store's folder as an absolute path (what such legacy path values start with)."""
    return str(Path(app.config["PENYIMPANAN"]).resolve())


def _ringkas(exc: BaseException) -> str:
    """The first line of a database error's own message."""
    teks = str(getattr(exc, "orig", None) or exc).strip()
    return (teks.splitlines() or [type(exc).__name__])[0][:300]


# -- database and migrations -----------------------------------------------------------------------------------------


def _tabel_aplikasi(meta: MetaData) -> list[Table]:
    """The app's tables in foreign-key order (parents first), without Alembic's own."""
    return [t for t in meta.sorted_tables if t.name != "alembic_version"]


def _revisi(conn: Connection) -> str | None:
    """The database's Alembic revision; None when it was never migrated."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _skrip():
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRASI))


def revisi_terbaru() -> str:
    """The newest schema revision this code knows."""
    return _skrip().get_current_head()


def _revisi_dikenal(revisi: str) -> bool:
    from alembic.util import CommandError

    try:
        return _skrip().get_revision(revisi) is not None
    except (CommandError, KeyError, ValueError):
        return False


def _leluhur(revisi: str) -> set[str]:
    """`revisi` and every revision before it."""
    return {r.revision for r in _skrip().iterate_revisions(revisi, "base")}


def _alembic(url: str, perintah: str, revisi: str) -> None:
    """Run `alembic upgrade|downgrade <revisi>` on the database at `url`."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRASI))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    try:
        getattr(command, perintah)(cfg, revisi)
    except SQLAlchemyError as exc:
        raise DocgenError(f"Migrasi basis data ke revisi {revisi} gagal: {_ringkas(exc)}", status=500) from exc


@contextmanager
def _engine(url: str):
    try:
        engine = buat_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise DocgenError(f"Alamat basis data tidak dapat dipakai: {_ringkas(exc)}", status=503) from None
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def _koneksi(engine: Engine, *, potret: bool = False):
    """A connection; with `potret` its reads form one consistent snapshot until it is closed."""
    try:
        conn = engine.connect()
    except SQLAlchemyError as exc:
        raise DocgenError(f"Basis data tidak dapat dihubungi: {_ringkas(exc)}", status=503) from None
    try:
        if potret:
            if engine.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            elif engine.dialect.name == "sqlite":
                # pysqlite opens no transaction for SELECTs; an explicit one keeps the read lock for every table.
                conn.exec_driver_sql("BEGIN")
        yield conn
    finally:
        try:
            conn.rollback()
        finally:
            conn.close()


def _isi_basis_data(conn: Connection) -> dict[str, int]:
    """The app's tables that hold rows, with their counts."""
    meta = MetaData()
    meta.reflect(conn)
    jumlah = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in _tabel_aplikasi(meta)}
    return {k: v for k, v in jumlah.items() if v}


# -- archives --------------------------------------------------------------------------------------------------------


def _bentuk(path: Path) -> str:
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


class _Penulis:
    """Writes members into a .zip or .tar.gz on an open file."""

    def __init__(self, f: IO[bytes], bentuk: str):
        self.bentuk = bentuk
        self.waktu = dt.datetime.now()
        if bentuk == "zip":
            self.zip = zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        else:
            self.tar = tarfile.open(fileobj=f, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT)

    def tulis(self, nama: str, sumber: IO[bytes], ukuran: int) -> tuple[str, int]:
        """Add one member read from `sumber`; return its SHA-256 and size."""
        h = _Hash(sumber)
        if self.bentuk == "zip":
            info = zipfile.ZipInfo(nama, date_time=self.waktu.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            with self.zip.open(info, "w", force_zip64=True) as keluar:
                while b := h.read(_BLOK):
                    keluar.write(b)
        else:
            info = tarfile.TarInfo(nama)
            info.size, info.mtime, info.mode = ukuran, int(self.waktu.timestamp()), 0o644
            self.tar.addfile(info, h)  # reads exactly `ukuran` bytes; a shorter file raises OSError
        return h.h.hexdigest(), h.n

    def tulis_bytes(self, nama: str, isi: bytes) -> tuple[str, int]:
        import io

        return self.tulis(nama, io.BytesIO(isi), len(isi))

    def tutup(self) -> None:
        (self.zip if self.bentuk == "zip" else self.tar).close()


class _Pembaca:
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
                self.tar = tarfile.open(self.path, "r:gz")
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
            if isinstance(exc, _GALAT_ARSIP):
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
        except _GALAT_ARSIP as exc:
            raise CadanganTidakSah(f"Arsip cadangan rusak: {nama} tidak dapat dibaca ({exc})") from None

    def hash(self, nama: str) -> tuple[str, int]:
        """SHA-256 and size of a member, read in blocks."""
        try:
            with self.buka(nama) as f:
                h = _Hash(f)
                while h.read(_BLOK):
                    pass
            return h.h.hexdigest(), h.n
        except _GALAT_ARSIP as exc:
            raise CadanganTidakSah(f"Arsip cadangan rusak: {nama} tidak dapat dibaca ({exc})") from None

    def tutup(self) -> None:
        for arsip in (self.zip, self.tar):
            if arsip is not None:
                arsip.close()

    def __enter__(self) -> _Pembaca:
        return self

    def __exit__(self, *_: object) -> None:
        self.tutup()


# -- backup ----------------------------------------------------------------------------------------------------------


def buat_cadangan(app: Flask, tujuan: Path, *, lapor: Lapor | None = None) -> Ringkasan:
    """Write the backup of `app`'s database and store to `tujuan` (.zip, .tar.gz or .tgz), atomically.

    Raises DocgenError: 400 for a bad name or folder, 503 when the database cannot be reached, 422 for a database
    that was never migrated, 507 when the disk is full (no file is left behind)."""
    lapor = lapor or (lambda _pesan: None)
    tujuan = Path(tujuan)
    bentuk = _bentuk(tujuan)
    if not tujuan.parent.is_dir():
        raise DocgenError(f"Folder tujuan cadangan tidak ada: {tujuan.parent}", status=400)
    store = penyimpanan(app)
    manifest: dict[str, Any] = {"format": FORMAT, "versi_format": VERSI_FORMAT, "docgen": docgen.__version__,
                                "revisi": None, "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                                "basis_data": None, "akar_penyimpanan": _akar(app), "tabel": [], "berkas": []}
    fd, tmp = tempfile.mkstemp(prefix=f".{tujuan.name}.", suffix=".tmp", dir=tujuan.parent)
    try:
        with os.fdopen(fd, "w+b") as f:
            penulis = _Penulis(f, bentuk)
            try:
                with _engine(app.config["DATABASE_URL"]) as engine, _koneksi(engine, potret=True) as conn:
                    manifest["basis_data"] = engine.dialect.name
                    _tulis_tabel(conn, penulis, manifest, lapor)
                _tulis_berkas(store, penulis, manifest, lapor)
                penulis.tulis_bytes(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
            finally:
                penulis.tutup()  # on failure too (the temporary file is removed below)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, tujuan)
        _fsync_folder(tujuan.parent)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DocgenError("Ruang disk penuh: cadangan tidak dapat ditulis; tidak ada berkas yang tertinggal.",
                              status=507) from None
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Ringkasan(tujuan, manifest["revisi"], len(manifest["tabel"]), sum(t["baris"] for t in manifest["tabel"]),
                     len(manifest["berkas"]), sum(b["ukuran"] for b in manifest["berkas"]))


def _tulis_tabel(conn: Connection, penulis: _Penulis, manifest: dict[str, Any], lapor: Lapor) -> None:
    revisi = _revisi(conn)
    if revisi is None:
        raise DocgenError("Basis data belum disiapkan (belum dimigrasi); jalankan `docgen web siapkan` dahulu.")
    manifest["revisi"] = revisi
    meta = MetaData()
    meta.reflect(conn)
    for no, t in enumerate(_tabel_aplikasi(meta), 1):
        kolom = [(c.name, _jenis(c.type)) for c in t.columns]
        urut = list(t.primary_key.columns) or list(t.columns)
        baris = [[_ke_json(v, j) for v, (_, j) in zip(r, kolom, strict=True)]
                 for r in conn.execute(select(t).order_by(*urut))]
        try:
            isi = json.dumps({"tabel": t.name, "kolom": [{"nama": n, "jenis": j} for n, j in kolom], "baris": baris},
                             ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError) as exc:
            raise DocgenError(f"Tabel {t.name} berisi nilai yang tidak dapat dicadangkan: {exc}", status=500) from None
        nama = f"basis-data/{no:02d}-{t.name}.json"
        sha, _ = penulis.tulis_bytes(nama, isi)
        manifest["tabel"].append({"nama": t.name, "berkas": nama, "baris": len(baris), "sha256": sha})
        lapor(f"tabel {t.name}: {len(baris)} baris")


def _tulis_berkas(store: Penyimpanan, penulis: _Penulis, manifest: dict[str, Any], lapor: Lapor) -> None:
    for kunci in store.daftar():
        try:
            with store.buka(kunci) as sumber:
                sha, ukuran = penulis.tulis(f"berkas/{kunci}", sumber, store.ukuran(kunci))
        except FileNotFoundError:
            lapor(f"berkas {kunci} terhapus selama pencadangan; dilewati")
            continue
        manifest["berkas"].append({"kunci": kunci, "ukuran": ukuran, "sha256": sha})
    lapor(f"{len(manifest['berkas'])} berkas")


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- restore ---------------------------------------------------------------------------------------------------------


@dataclass
class _Tabel:
    nama: str
    kolom: list[tuple[str, str]]
    baris: list[list[Any]]


def _rusak(pesan: str) -> CadanganTidakSah:
    return CadanganTidakSah(f"Arsip cadangan rusak: {pesan}; tidak ada yang diubah.")


def _baca_manifest(arsip: _Pembaca) -> dict[str, Any]:
    """The manifest, checked for shape, format, version and a consistent list of members."""
    if MANIFEST not in arsip.anggota:
        raise CadanganTidakSah(f"{arsip.path.name} bukan cadangan docgen: tidak berisi {MANIFEST}")
    try:
        m = json.loads(arsip.baca(MANIFEST))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _rusak(f"{MANIFEST} bukan JSON yang sah ({exc})") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise CadanganTidakSah(f"{arsip.path.name} bukan cadangan docgen (format {MANIFEST} tidak dikenal)")
    if not isinstance(m.get("versi_format"), int) or m["versi_format"] > VERSI_FORMAT:
        raise CadanganTidakSah(f"Cadangan memakai format versi {m.get('versi_format')!r}, yang lebih baru daripada "
                               f"yang dikenal docgen {docgen.__version__}; perbarui docgen lalu pulihkan lagi.")
    try:
        assert isinstance(m["revisi"], str) and m["revisi"]
        assert isinstance(m["tabel"], list) and isinstance(m["berkas"], list)
        assert m.get("akar_penyimpanan") is None or isinstance(m["akar_penyimpanan"], str)
        for t in m["tabel"]:
            assert isinstance(t["nama"], str) and isinstance(t["berkas"], str) and t["berkas"].startswith("basis-data/")
            assert isinstance(t["baris"], int) and isinstance(t["sha256"], str)
        for b in m["berkas"]:
            assert isinstance(b["kunci"], str) and isinstance(b["ukuran"], int) and isinstance(b["sha256"], str)
    except (AssertionError, KeyError, TypeError):
        raise _rusak(f"{MANIFEST} tidak lengkap") from None
    for b in m["berkas"]:
        try:
            aman = kunci_aman(b["kunci"])
        except DocgenError:
            aman = None
        if aman != b["kunci"]:
            raise _rusak(f"nama berkas tidak sah di {MANIFEST}: {b['kunci']!r}")
    nama_tabel = [t["nama"] for t in m["tabel"]]
    if len(nama_tabel) != len(set(nama_tabel)):
        raise _rusak(f"tabel ganda di {MANIFEST}")
    harus = {MANIFEST} | {t["berkas"] for t in m["tabel"]} | {f"berkas/{b['kunci']}" for b in m["berkas"]}
    if len(harus) != 1 + len(m["tabel"]) + len(m["berkas"]):
        raise _rusak(f"entri ganda di {MANIFEST}")
    if hilang := sorted(harus - set(arsip.anggota)):
        raise _rusak(f"{len(hilang)} entri yang tercatat di {MANIFEST} tidak ada, mis. {hilang[0]}")
    if lebih := sorted(set(arsip.anggota) - harus):
        raise _rusak(f"{len(lebih)} entri tidak tercatat di {MANIFEST}, mis. {lebih[0]}")
    return m


def _periksa_isi(arsip: _Pembaca, m: dict[str, Any]) -> list[_Tabel]:
    """Every table and file checked against the manifest (SHA-256, size, shape); the tables, decoded."""
    tabel = []
    for t in m["tabel"]:
        isi = arsip.baca(t["berkas"])
        if hashlib.sha256(isi).hexdigest() != t["sha256"]:
            raise _rusak(f"{t['berkas']} tidak cocok dengan SHA-256 di {MANIFEST}")
        try:
            d = json.loads(isi)
            assert d["tabel"] == t["nama"]
            kolom = [(k["nama"], k["jenis"]) for k in d["kolom"]]
            assert all(isinstance(n, str) and isinstance(j, str) for n, j in kolom)
            baris = []
            for r in d["baris"]:
                assert isinstance(r, list) and len(r) == len(kolom)
                baris.append([_dari_json(v, j) for v, (_, j) in zip(r, kolom, strict=True)])
            assert len(baris) == t["baris"]
        except (AssertionError, KeyError, TypeError, ValueError, decimal.InvalidOperation) as exc:
            raise _rusak(f"isi {t['berkas']} tidak sah ({exc or 'bentuk salah'})") from None
        tabel.append(_Tabel(t["nama"], kolom, baris))
    for b in m["berkas"]:
        sha, ukuran = arsip.hash(f"berkas/{b['kunci']}")
        if (sha, ukuran) != (b["sha256"], b["ukuran"]):
            raise _rusak(f"berkas {b['kunci']} tidak cocok dengan SHA-256 di {MANIFEST}")
    return tabel


def periksa_cadangan(sumber: Path) -> dict[str, Any]:
    """Check a backup completely without changing anything; return its manifest (raises CadanganTidakSah)."""
    with _Pembaca(sumber) as arsip:
        m = _baca_manifest(arsip)
        _periksa_revisi(m)
        _periksa_isi(arsip, m)
        return m


def _periksa_revisi(m: dict[str, Any]) -> None:
    if not _revisi_dikenal(m["revisi"]):
        raise CadanganTidakSah(
            f"Cadangan dibuat dengan skema basis data yang lebih baru (revisi {m['revisi']}, docgen "
            f"{m.get('docgen', '?')}) daripada yang dikenal program ini (revisi {revisi_terbaru()}, docgen "
            f"{docgen.__version__}); perbarui docgen dahulu, lalu pulihkan lagi. Tidak ada yang diubah.")


def pulihkan(app: Flask, sumber: Path, *, timpa: bool = False, lapor: Lapor | None = None) -> Ringkasan:
    """Restore the backup `sumber` into `app`'s database and store.

    Raises CadanganTidakSah for a damaged, foreign or newer backup and TujuanTidakKosong for a target holding data
    without `timpa`, both before anything is written; DocgenError 503 when the database cannot be reached."""
    lapor = lapor or (lambda _pesan: None)
    url = app.config["DATABASE_URL"]
    store = penyimpanan(app)
    with _Pembaca(Path(sumber)) as arsip, _engine(url) as engine:
        m = _baca_manifest(arsip)
        _periksa_revisi(m)
        with _koneksi(engine) as conn:
            revisi_tujuan = _revisi(conn)
            if revisi_tujuan is not None and not _revisi_dikenal(revisi_tujuan):
                raise DocgenError(f"Basis data tujuan memakai skema yang lebih baru (revisi {revisi_tujuan}) daripada "
                                  f"yang dikenal program ini; tidak ada yang diubah.")
            isi_db = _isi_basis_data(conn)
        ada_berkas = next(iter(store.daftar()), None) is not None
        if (isi_db or ada_berkas) and not timpa:
            isi = [f"{n} ({j} baris)" for n, j in isi_db.items()] + (["berkas di penyimpanan"] if ada_berkas else [])
            raise TujuanTidakKosong(
                f"Basis data atau penyimpanan tujuan tidak kosong: {', '.join(isi)}. Pulihkan ke basis data dan "
                f"penyimpanan kosong, atau pakai --timpa untuk menghapus isinya lebih dulu. Tidak ada yang diubah.")
        tabel = _periksa_isi(arsip, m)
        lapor(f"cadangan utuh: {len(tabel)} tabel, {len(m['berkas'])} berkas, revisi {m['revisi']}")

        # From here on the target changes.
        revisi = m["revisi"]
        kosongkan = bool(isi_db)
        if revisi_tujuan != revisi:
            if kosongkan:
                _hapus_semua_baris(engine)
                kosongkan = False
            turun = revisi_tujuan is not None and revisi in _leluhur(revisi_tujuan)
            lapor(f"migrasi basis data ke revisi {revisi}")
            _alembic(url, "downgrade" if turun else "upgrade", revisi)
        lama, baru = m.get("akar_penyimpanan"), _akar(app)
        if lama and lama != baru:
            for t in tabel:
                t.baris = [_ganti_akar(r, lama, baru) for r in t.baris]
        ditulis = _pulihkan_berkas(arsip, m, store)
        try:
            _masukkan(engine, tabel, kosongkan)
        except BaseException:
            for kunci in ditulis:
                store.hapus(kunci)
            raise
        if timpa:
            simpan = {b["kunci"] for b in m["berkas"]}
            for kunci in [k for k in store.daftar() if k not in simpan]:
                store.hapus(kunci)
        lapor(f"{sum(len(t.baris) for t in tabel)} baris dan {len(m['berkas'])} berkas dipulihkan")
    if revisi != revisi_terbaru():
        lapor(f"migrasi basis data ke revisi terbaru {revisi_terbaru()}")
        _alembic(url, "upgrade", "head")
    return Ringkasan(Path(sumber), revisi, len(tabel), sum(len(t.baris) for t in tabel), len(m["berkas"]),
                     sum(b["ukuran"] for b in m["berkas"]))


def _hapus_semua_baris(engine: Engine) -> None:
    """Delete every row of the app's tables, children first, in one transaction."""
    with engine.begin() as conn:
        meta = MetaData()
        meta.reflect(conn)
        for t in reversed(_tabel_aplikasi(meta)):
            conn.execute(t.delete())


def _pulihkan_berkas(arsip: _Pembaca, m: dict[str, Any], store: Penyimpanan) -> list[str]:
    """Write every file of the backup into the store (each atomically); return the keys that did not exist."""
    baru: list[str] = []
    try:
        for b in m["berkas"]:
            isi = arsip.baca(f"berkas/{b['kunci']}")
            if hashlib.sha256(isi).hexdigest() != b["sha256"]:  # the archive changed since it was checked
                raise _rusak(f"berkas {b['kunci']} berubah selama pemulihan")
            ada = store.ada(b["kunci"])
            store.simpan(b["kunci"], isi)
            if not ada:
                baru.append(b["kunci"])
    except BaseException:
        for kunci in baru:
            store.hapus(kunci)
        raise
    return baru


def _masukkan(engine: Engine, tabel: list[_Tabel], kosongkan: bool) -> None:
    """Insert every row in one transaction (after deleting the old ones when `kosongkan`); PostgreSQL's id
    sequences continue after the largest id."""
    try:
        with engine.begin() as conn:
            meta = MetaData()
            meta.reflect(conn)
            if kosongkan:
                for t in reversed(_tabel_aplikasi(meta)):
                    conn.execute(t.delete())
            for t in tabel:
                tujuan = meta.tables.get(t.nama)
                if tujuan is None:
                    raise CadanganTidakSah(f"Tabel {t.nama} dari cadangan tidak ada di basis data tujuan; tidak ada "
                                           f"yang diubah.")
                if asing := [n for n, _ in t.kolom if n not in tujuan.c]:
                    raise CadanganTidakSah(f"Kolom {t.nama}.{asing[0]} dari cadangan tidak ada di basis data tujuan; "
                                           f"tidak ada yang diubah.")
                tanpa_zona = {n for n, j in t.kolom if j == "waktu" and isinstance(tujuan.c[n].type, sqltypes.DateTime)
                              and not tujuan.c[n].type.timezone}
                nama = [n for n, _ in t.kolom]
                for awal in range(0, len(t.baris), _PER_INSERT):
                    conn.execute(tujuan.insert(), [
                        {n: (v.astimezone(dt.UTC).replace(tzinfo=None) if n in tanpa_zona and v is not None else v)
                         for n, v in zip(nama, r, strict=True)}
                        for r in t.baris[awal:awal + _PER_INSERT]])
            if conn.dialect.name == "postgresql":
                _setel_urutan(conn, [meta.tables[t.nama] for t in tabel])
    except SQLAlchemyError as exc:
        status = 503 if isinstance(exc, OperationalError) else 422
        raise DocgenError(f"Cadangan tidak dapat dimasukkan ke basis data: {_ringkas(exc)}. Tidak ada baris yang "
                          f"dimasukkan dan berkas yang baru ditulis dihapus lagi.", status=status) from exc


def _setel_urutan(conn: Connection, daftar: list[Table]) -> None:
    """Set each serial/identity id sequence to the table's largest id (the next insert gets max + 1)."""
    siapkan = conn.dialect.identifier_preparer
    for t in daftar:
        pk = list(t.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, sqltypes.Integer):
            continue
        urutan = conn.execute(text("SELECT pg_get_serial_sequence(:t, :k)"),
                              {"t": siapkan.format_table(t), "k": pk[0].name}).scalar()
        if urutan is None:
            continue
        terbesar = conn.execute(select(func.max(pk[0]))).scalar()
        conn.execute(text("SELECT setval(CAST(:u AS regclass), :n, :dipakai)"),
                     {"u": urutan, "n": terbesar or 1, "dipakai": terbesar is not None})
