"""Making a backup: every table in one snapshot, then the stored files those rows refer to, then the manifest;
written atomically. A referenced file missing when it is copied is a warning (manifest, result, progress)."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import MetaData, Row, Table, select
from sqlalchemy.engine import Connection

import docgen
from docgen.errors import DocgenError
from web.cadangan.arsip import Penulis, bentuk_arsip
from web.cadangan.basis import buka_engine, koneksi, revisi_basis_data, tabel_aplikasi
from web.cadangan.format import FORMAT, MANIFEST, VERSI_FORMAT, Lapor, Ringkasan, akar_penyimpanan, jenis_kolom, ke_json
from web.inti import waktu
from web.inti.penyimpanan import RUJUKAN_BERKAS, Penyimpanan, kunci_rujukan, penyimpanan

# -- backup ----------------------------------------------------------------------------------------------------------


def buat_cadangan(app: Flask, tujuan: Path, *, lapor: Lapor | None = None) -> Ringkasan:
    """Write the backup of `app`'s database and store to `tujuan` (.zip, .tar.gz or .tgz), atomically.

    Raises DocgenError: 400 for a bad name or folder, 503 when the database cannot be reached, 422 for a database
    that was never migrated, 507 when the disk is full (no file is left behind)."""
    lapor = lapor or (lambda _pesan: None)
    tujuan = Path(tujuan)
    bentuk = bentuk_arsip(tujuan)
    if not tujuan.parent.is_dir():
        raise DocgenError(f"Folder tujuan cadangan tidak ada: {tujuan.parent}", status=400)
    store = penyimpanan(app)
    manifest: dict[str, Any] = {"format": FORMAT, "versi_format": VERSI_FORMAT, "docgen": docgen.__version__,
                                "revisi": None, "dibuat": waktu.sekarang().isoformat(timespec="seconds"),
                                "basis_data": None, "akar_penyimpanan": akar_penyimpanan(app), "tabel": [],
                                "berkas": [], "berkas_hilang": [], "peringatan": []}
    rujukan: dict[str, list[str]] = {}
    fd, tmp = tempfile.mkstemp(prefix=f".{tujuan.name}.", suffix=".tmp", dir=tujuan.parent)
    try:
        with os.fdopen(fd, "w+b") as f:
            penulis = Penulis(f, bentuk)
            try:
                with buka_engine(app.config["DATABASE_URL"]) as engine, koneksi(engine, potret=True) as conn:
                    manifest["basis_data"] = engine.dialect.name
                    _tulis_tabel(conn, penulis, manifest, lapor, _Rujukan(app, rujukan, manifest, lapor))
                _tulis_berkas(store, rujukan, penulis, manifest, lapor)
                penulis.tulis_bytes(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
            finally:
                penulis.tutup()  # on failure too (the temporary file is removed below)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(tujuan)
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
                     len(manifest["berkas"]), sum(b["ukuran"] for b in manifest["berkas"]),
                     list(manifest["peringatan"]))


class _Rujukan:
    """Collects the storage keys the snapshot's rows refer to (RUJUKAN_BERKAS), with the rows naming each."""

    def __init__(self, app: Flask, kunci: dict[str, list[str]], manifest: dict[str, Any], lapor: Lapor):
        self.app, self.kunci, self.manifest, self.lapor = app, kunci, manifest, lapor

    def baris(self, tabel: Table, r: Row[Any]) -> None:
        nama_kolom = RUJUKAN_BERKAS.get(tabel.name, ())
        if not nama_kolom:
            return
        pk = list(tabel.primary_key.columns)
        asal = f"{tabel.name} #{r._mapping[pk[0]]}" if len(pk) == 1 else tabel.name
        for kolom in nama_kolom:
            nilai = r._mapping.get(kolom) if kolom in tabel.c else None
            if not nilai:
                continue
            kunci = kunci_rujukan(str(nilai), self.app)
            if kunci is None:
                _peringatkan(self.manifest, self.lapor, f"{asal} ({kolom}) merujuk berkas di luar penyimpanan "
                                                        f"({nilai}); berkas itu tidak ikut dicadangkan")
                continue
            self.kunci.setdefault(kunci, []).append(f"{asal} ({kolom})")


def _peringatkan(manifest: dict[str, Any], lapor: Lapor, pesan: str) -> None:
    manifest["peringatan"].append(pesan)
    lapor(f"PERINGATAN: {pesan}")


def _tulis_tabel(conn: Connection, penulis: Penulis, manifest: dict[str, Any], lapor: Lapor,
                 rujukan: _Rujukan) -> None:
    revisi = revisi_basis_data(conn)
    if revisi is None:
        raise DocgenError("Basis data belum disiapkan (belum dimigrasi); jalankan `docgen web siapkan` dahulu.")
    manifest["revisi"] = revisi
    meta = MetaData()
    meta.reflect(conn)
    for no, t in enumerate(tabel_aplikasi(meta), 1):
        kolom = [(c.name, jenis_kolom(c.type)) for c in t.columns]
        urut = list(t.primary_key.columns) or list(t.columns)
        baris = []
        for r in conn.execute(select(t).order_by(*urut)):
            rujukan.baris(t, r)
            baris.append([ke_json(v, j) for v, (_, j) in zip(r, kolom, strict=True)])
        try:
            isi = json.dumps({"tabel": t.name, "kolom": [{"nama": n, "jenis": j} for n, j in kolom], "baris": baris},
                             ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError) as exc:
            raise DocgenError(f"Tabel {t.name} berisi nilai yang tidak dapat dicadangkan: {exc}", status=500) from None
        nama = f"basis-data/{no:02d}-{t.name}.json"
        sha, _ = penulis.tulis_bytes(nama, isi)
        manifest["tabel"].append({"nama": t.name, "berkas": nama, "baris": len(baris), "sha256": sha})
        lapor(f"tabel {t.name}: {len(baris)} baris")


def _tulis_berkas(store: Penyimpanan, rujukan: dict[str, list[str]], penulis: Penulis, manifest: dict[str, Any],
                  lapor: Lapor) -> None:
    """Copy exactly the files the snapshot refers to (they never change under their key); a missing one is a
    warning naming the rows that refer to it."""
    for kunci in sorted(rujukan):
        try:
            with store.buka(kunci) as sumber:
                sha, ukuran = penulis.tulis(f"berkas/{kunci}", sumber, os.fstat(sumber.fileno()).st_size)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            manifest["berkas_hilang"].append(kunci)
            _peringatkan(manifest, lapor, f"berkas {kunci} dirujuk {', '.join(rujukan[kunci])} tetapi tidak ada di "
                                          f"penyimpanan; berkas itu tidak ada dalam cadangan")
            continue
        manifest["berkas"].append({"kunci": kunci, "ukuran": ukuran, "sha256": sha})
    lapor(f"{len(manifest['berkas'])} berkas" + (f", {len(manifest['berkas_hilang'])} hilang"
                                                  if manifest["berkas_hilang"] else ""))


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
