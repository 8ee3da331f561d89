"""Restoring a backup: check everything first, then migrate, write the files, insert every row in one go."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import MetaData, Table, func, select, text
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

import docgen
from docgen.errors import DocgenError
from web.cadangan.arsip import Pembaca
from web.cadangan.basis import (
    buka_engine,
    isi_basis_data,
    jalankan_alembic,
    koneksi,
    leluhur,
    revisi_basis_data,
    revisi_dikenal,
    revisi_terbaru,
    tabel_aplikasi,
)
from web.cadangan.format import (
    FORMAT,
    MANIFEST,
    PER_INSERT,
    VERSI_FORMAT,
    CadanganTidakSah,
    Lapor,
    Ringkasan,
    TujuanTidakKosong,
    akar_penyimpanan,
    dari_json,
    ganti_akar,
    ringkas_galat,
)
from web.inti.penyimpanan import Penyimpanan, kunci_aman, penyimpanan

# -- restore ---------------------------------------------------------------------------------------------------------


@dataclass
class _Tabel:
    nama: str
    kolom: list[tuple[str, str]]
    baris: list[list[Any]]


def _rusak(pesan: str) -> CadanganTidakSah:
    return CadanganTidakSah(f"Arsip cadangan rusak: {pesan}; tidak ada yang diubah.")


def _baca_manifest(arsip: Pembaca) -> dict[str, Any]:
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
        m.setdefault("peringatan", [])  # older backups have none
        assert isinstance(m["peringatan"], list) and all(isinstance(p, str) for p in m["peringatan"])
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


def _periksa_isi(arsip: Pembaca, m: dict[str, Any]) -> list[_Tabel]:
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
                baris.append([dari_json(v, j) for v, (_, j) in zip(r, kolom, strict=True)])
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
    with Pembaca(sumber) as arsip:
        m = _baca_manifest(arsip)
        _periksa_revisi(m)
        _periksa_isi(arsip, m)
        return m


def _periksa_revisi(m: dict[str, Any]) -> None:
    if not revisi_dikenal(m["revisi"]):
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
    with Pembaca(Path(sumber)) as arsip, buka_engine(url) as engine:
        m = _baca_manifest(arsip)
        _periksa_revisi(m)
        with koneksi(engine) as conn:
            revisi_tujuan = revisi_basis_data(conn)
            if revisi_tujuan is not None and not revisi_dikenal(revisi_tujuan):
                raise DocgenError(f"Basis data tujuan memakai skema yang lebih baru (revisi {revisi_tujuan}) daripada "
                                  f"yang dikenal program ini; tidak ada yang diubah.")
            isi_db = isi_basis_data(conn)
        ada_berkas = next(iter(store.daftar()), None) is not None
        if (isi_db or ada_berkas) and not timpa:
            isi = [f"{n} ({j} baris)" for n, j in isi_db.items()] + (["berkas di penyimpanan"] if ada_berkas else [])
            raise TujuanTidakKosong(
                f"Basis data atau penyimpanan tujuan tidak kosong: {', '.join(isi)}. Pulihkan ke basis data dan "
                f"penyimpanan kosong, atau pakai --timpa untuk menghapus isinya lebih dulu. Tidak ada yang diubah.")
        tabel = _periksa_isi(arsip, m)
        lapor(f"cadangan utuh: {len(tabel)} tabel, {len(m['berkas'])} berkas, revisi {m['revisi']}")
        for p in m["peringatan"]:
            lapor(f"PERINGATAN dari saat pencadangan: {p}")

        # From here on the target changes.
        revisi = m["revisi"]
        kosongkan = bool(isi_db)
        if revisi_tujuan != revisi:
            if kosongkan:
                _hapus_semua_baris(engine)
                kosongkan = False
            turun = revisi_tujuan is not None and revisi in leluhur(revisi_tujuan)
            lapor(f"migrasi basis data ke revisi {revisi}")
            jalankan_alembic(url, "downgrade" if turun else "upgrade", revisi)
        lama, baru = m.get("akar_penyimpanan"), akar_penyimpanan(app)
        if lama and lama != baru:
            for t in tabel:
                t.baris = [ganti_akar(r, lama, baru) for r in t.baris]
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
        jalankan_alembic(url, "upgrade", "head")
    return Ringkasan(Path(sumber), revisi, len(tabel), sum(len(t.baris) for t in tabel), len(m["berkas"]),
                     sum(b["ukuran"] for b in m["berkas"]), list(m["peringatan"]))


def _hapus_semua_baris(engine: Engine) -> None:
    """Delete every row of the app's tables, children first, in one transaction."""
    with engine.begin() as conn:
        meta = MetaData()
        meta.reflect(conn)
        for t in reversed(tabel_aplikasi(meta)):
            conn.execute(t.delete())


def _pulihkan_berkas(arsip: Pembaca, m: dict[str, Any], store: Penyimpanan) -> list[str]:
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
                for t in reversed(tabel_aplikasi(meta)):
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
                              and not getattr(tujuan.c[n].type, "timezone", False)}
                nama = [n for n, _ in t.kolom]
                for awal in range(0, len(t.baris), PER_INSERT):
                    conn.execute(tujuan.insert(), [
                        {n: (v.astimezone(dt.UTC).replace(tzinfo=None) if n in tanpa_zona and v is not None else v)
                         for n, v in zip(nama, r, strict=True)}
                        for r in t.baris[awal:awal + PER_INSERT]])
            if conn.dialect.name == "postgresql":
                _setel_urutan(conn, [meta.tables[t.nama] for t in tabel])
    except SQLAlchemyError as exc:
        status = 503 if isinstance(exc, OperationalError) else 422
        raise DocgenError(f"Cadangan tidak dapat dimasukkan ke basis data: {ringkas_galat(exc)}. Tidak ada baris yang "
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
