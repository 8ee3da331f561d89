"""The audit log: who generated or changed what, when and from which address; its filtered list and exports.

`catat(...)` is called right after an action's commit (it commits the row on the same session). Lists and exports
only ever show one agency's rows, with times in that agency's zone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import SQLAlchemyError

from docgen.xlsx_cetak import aman_csv, atur_lebar, tambah_baris
from web.inti import konteks, waktu
from web.inti.db import sesi
from web.inti.models import Audit, Instansi, Pengguna

log = logging.getLogger(__name__)

PER_HALAMAN = 50
MAKS_EKSPOR = 100_000

# Every action recorded, with its label on the page (an unknown action is shown as it is).
LABEL_AKSI = {
    "masuk.berhasil": "Masuk",
    "masuk.gagal": "Gagal masuk",
    "masuk.ditahan": "Masuk ditahan (terlalu banyak percobaan)",
    "keluar": "Keluar",
    "dokumen.buat": "Dokumen dibuat",
    "dokumen.final": "Dokumen difinalkan",
    "dokumen.unduh": "Dokumen diunduh",
    "profil.kop": "Kop instansi diubah",
    "profil.logo": "Logo diganti",
    "profil.pengaturan": "Pengaturan diubah",
    "profil.libur_tambah": "Hari libur instansi ditambahkan",
    "profil.libur_hapus": "Hari libur instansi dihapus",
    "profil.instruksi": "Daftar instruksi disposisi diubah",
    "pejabat.tambah": "Pejabat ditambahkan",
    "pejabat.hapus": "Pejabat dihapus",
    "unit.tambah": "Unit kerja ditambahkan",
    "unit.hapus": "Unit kerja dihapus",
    "seri.tambah": "Seri nomor ditambahkan",
    "nomor.ambil": "Nomor surat diambil",
    "nomor.batal": "Nomor surat dibatalkan",
    "instansi.buat": "Instansi dibuat",
    "pengguna.buat": "Pengguna dibuat",
    "pengguna.aktif": "Akun diaktifkan kembali",
    "pengguna.nonaktif": "Akun dinonaktifkan",
    "pengguna.sandi": "Kata sandi diganti",
    "pengguna.surel": "Alamat surel pengguna diubah",
    "surel.kirim": "Surel pemberitahuan dikirim",
    "surel.gagal": "Surel pemberitahuan gagal dikirim",
    "token.buat": "Token API dibuat",
    "rencana.unggah": "Data kinerja diunggah",
    "rencana.salin": "Rencana tahun baru disalin dari tahun lain",
    "rencana.buat": "Rencana tahun baru disusun dari kerangka kosong",
    "rencana.ubah": "Rencana kinerja diubah",
    "target.ubah": "Target diubah",
    "realisasi.ubah": "Realisasi diisi",
    "realisasi.impor": "Realisasi diimpor dari Excel",
    "sop.simpan": "Definisi SOP disimpan",
    "sop.hapus": "Definisi SOP dihapus",
    "siklus.mulai": "Siklus dimulai",
    "siklus.langkah": "Langkah siklus diselesaikan",
    "siklus.keputusan": "Keputusan langkah siklus",
    "siklus.batal": "Siklus dibatalkan",
    "berkas.buat": "Berkas arsip dibuat",
    "berkas.unduh": "Berkas arsip diunduh",
    "templat.unggah": "Templat instansi diunggah",
    "templat.ditolak": "Templat instansi ditolak",
    "templat.hapus": "Templat instansi dihapus",
    "penyimpanan.sapu": "Berkas yatim disapu",
}
# What each kind of object is called on the page.
LABEL_OBJEK = {
    "berkas_arsip": "berkas arsip", "definisi_sop": "definisi SOP", "dokumen": "dokumen", "instansi": "instansi",
    "nomor_surat": "nomor surat", "pejabat": "pejabat", "pengguna": "pengguna", "penyimpanan": "penyimpanan",
    "rencana_kinerja": "rencana kinerja", "seri_nomor": "seri nomor", "siklus": "siklus", "templat": "templat",
    "unit_kerja": "unit kerja", "token": "token API", "realisasi": "realisasi", "target": "target",
}
KOLOM = ("Waktu", "Pengguna", "Peran", "Aksi", "Objek", "ID objek", "Rincian", "Alamat IP")


def _jsonable(nilai: Any, kedalaman: int = 0) -> Any:
    """A JSON-safe, bounded copy of `rincian` (long texts cut, odd values as text)."""
    if kedalaman > 4:
        return "…"
    if isinstance(nilai, dict):
        return {str(k)[:60]: _jsonable(v, kedalaman + 1) for k, v in list(nilai.items())[:50]}
    if isinstance(nilai, (list, tuple, set)):
        return [_jsonable(v, kedalaman + 1) for v in list(nilai)[:50]]
    if nilai is None or isinstance(nilai, (bool, int, float)):
        return nilai
    teks = str(nilai)
    return teks if len(teks) <= 500 else teks[:499] + "…"


def catat(aksi: str, objek: str = "", objek_id: Any = "", rincian: dict[str, Any] | None = None, *,
          pengguna: Pengguna | None = None, instansi_id: int | None = None) -> None:
    """Record that `pengguna` (default: the user acting in this request) did `aksi` on `objek` #`objek_id`.

    The agency is the user's unless `instansi_id` is given; the address is the request's. Commits the session, so
    call it after the action's own commit. A failure to write is logged, never raised: the action already happened.
    """
    pengguna = pengguna if pengguna is not None else konteks.pelaku()
    if instansi_id is None and pengguna is not None:
        instansi_id = pengguna.instansi_id
    db = sesi()
    try:
        db.add(Audit(instansi_id=instansi_id, pengguna_id=pengguna.id if pengguna is not None else None,
                     waktu=waktu.sekarang(), aksi=aksi[:60], objek=str(objek)[:60],
                     objek_id=str(objek_id if objek_id is not None else "")[:60],
                     rincian=_jsonable(rincian or {}), alamat_ip=konteks.alamat_klien()))
        db.commit()
    except SQLAlchemyError:
        db.rollback()
        log.exception("catatan audit %s gagal ditulis", aksi)


# -- reading the log ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saringan:
    """What to show: one user, one action, a date range (inclusive, in the agency's zone)."""

    pengguna: int | None = None
    aksi: str = ""
    dari: dt.date | None = None
    sampai: dt.date | None = None

    def syarat(self, inst: Instansi) -> list[ColumnElement[bool]]:
        """SQL conditions: always the agency's own rows."""
        hasil: list[ColumnElement[bool]] = [Audit.instansi_id == inst.id]
        if self.pengguna is not None:
            hasil.append(Audit.pengguna_id == self.pengguna)
        if self.aksi:
            hasil.append(Audit.aksi == self.aksi)
        if self.dari is not None:
            hasil.append(Audit.waktu >= waktu.awal_hari(self.dari, inst))
        if self.sampai is not None:
            hasil.append(Audit.waktu < waktu.awal_hari(self.sampai + dt.timedelta(days=1), inst))
        return hasil

    def sebagai_teks(self) -> dict[str, Any]:
        """The filled filters as query-string values (for the page links)."""
        nilai = {"pengguna": self.pengguna, "aksi": self.aksi, "dari": self.dari, "sampai": self.sampai}
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in nilai.items() if v not in (None, "")}


@dataclass
class HalamanAudit:
    """One page of the log."""

    baris: list[Audit]
    jumlah: int
    halaman: int
    halaman_akhir: int
    aksi_ada: list[str]
    orang: dict[int, Pengguna]


def orang(inst: Instansi) -> dict[int, Pengguna]:
    """The agency's users by id."""
    return {u.id: u for u in sesi().scalars(select(Pengguna).where(Pengguna.instansi_id == inst.id)
                                            .order_by(Pengguna.username))}


def halaman(inst: Instansi, saring: Saringan, nomor: int) -> HalamanAudit:
    """Page `nomor` (kept within 1..last) of the agency's log, newest first."""
    db = sesi()
    syarat = saring.syarat(inst)
    jumlah = db.scalar(select(func.count()).select_from(Audit).where(*syarat)) or 0
    akhir = max(1, math.ceil(jumlah / PER_HALAMAN))
    nomor = min(max(1, nomor), akhir)
    baris = db.scalars(select(Audit).where(*syarat).order_by(Audit.waktu.desc(), Audit.id.desc())
                       .offset((nomor - 1) * PER_HALAMAN).limit(PER_HALAMAN)).all()
    ada = set(db.scalars(select(Audit.aksi).where(Audit.instansi_id == inst.id).distinct()))
    return HalamanAudit(list(baris), jumlah, nomor, akhir, sorted(ada | set(LABEL_AKSI)), orang(inst))


# How the details' keys read on the page and in exports (a key not named here is shown as it is, "_" as space).
LABEL_RINCIAN = {
    "sha256": "kode pengaman berkas (SHA-256)", "kode_lama": "kode lama", "token_dicabut": "token dicabut",
    "ukuran": "ukuran (bita)", "username": "nama pengguna", "lewat": "melalui", "baru": "definisi baru",
}


def _teks_nilai(v: Any) -> str:
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, dict):
        return ", ".join(f"{k} {_teks_nilai(x)}" for k, x in v.items() if x not in (None, ""))
    if isinstance(v, list | tuple):
        return ", ".join(_teks_nilai(x) for x in v if x not in (None, ""))
    return str(v)


def teks_rincian(r: dict[str, Any] | None) -> str:
    """The details as one line: 'jenis: nota-dinas; nomor: 067/13a'; empty values (None, "") are left out."""
    return "; ".join(f"{LABEL_RINCIAN.get(k, k.replace('_', ' '))}: {_teks_nilai(v)}"
                     for k, v in (r or {}).items() if v not in (None, "", [], {}))


def label_aksi(aksi: str) -> str:
    """An action's label; an action unknown here reads as its words ('templat.pulih' -> 'Templat pulih')."""
    return LABEL_AKSI.get(aksi) or aksi.replace(".", " ").replace("_", " ").capitalize()


def baris_ekspor(inst: Instansi, saring: Saringan) -> list[list[Any]]:
    """Every matching row (at most MAKS_EKSPOR) as the export's cells, newest first, as recorded (the writers below
    keep every text from becoming a formula)."""
    kenal = orang(inst)
    hasil = []
    for a in sesi().scalars(select(Audit).where(*saring.syarat(inst)).order_by(Audit.waktu.desc(), Audit.id.desc())
                            .limit(MAKS_EKSPOR)):
        u = kenal.get(a.pengguna_id or 0)
        hasil.append([waktu.cap_waktu(a.waktu, inst), u.username if u else "", u.peran if u else "",
                      a.aksi, a.objek, a.objek_id, teks_rincian(a.rincian), a.alamat_ip])
    return hasil


def ekspor_csv(inst: Instansi, saring: Saringan) -> str:
    """The log as CSV for Excel: semicolons, CRLF, a byte-order mark; a text starting with =, +, -, @ gets a leading
    apostrophe (xlsx_cetak.aman_csv)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(KOLOM)
    w.writerows([aman_csv(v) for v in b] for b in baris_ekspor(inst, saring))
    return "\ufeff" + buf.getvalue()


def ekspor_xlsx(inst: Instansi, saring: Saringan) -> bytes:
    """The log as an .xlsx workbook with a bold, frozen header row; every text stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Audit"
    ws.append(list(KOLOM))
    for c in ws[1]:
        c.font = Font(bold=True)
    for b in baris_ekspor(inst, saring):
        tambah_baris(ws, b)  # text stays text: an object id "=1+1" is no formula
    ws.freeze_panes = "A2"
    atur_lebar(ws, [20, 18, 12, 22, 14, 10, 60, 16])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
