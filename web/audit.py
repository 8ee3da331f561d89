"""The audit log: who generated or changed what, when and from which address; the admin's page and its export.

`catat(...)` is called right after an action's commit (it commits the row on the same session). The page and the
exports show only the admin's own agency.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import math
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, Flask, Response, has_request_context, render_template, request, send_file
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from web.auth import peran_diperlukan
from web.db import sesi
from web.models import Audit, Pengguna

bp = Blueprint("audit", __name__)
log = logging.getLogger(__name__)

LIHAT_AUDIT = {"admin"}
PER_HALAMAN = 50
MAKS_EKSPOR = 100_000
ZONA = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

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
    "pejabat.tambah": "Pejabat ditambahkan",
    "pejabat.hapus": "Pejabat dihapus",
    "unit.tambah": "Unit kerja ditambahkan",
    "unit.hapus": "Unit kerja dihapus",
    "seri.tambah": "Seri nomor ditambahkan",
    "nomor.ambil": "Nomor surat diambil",
    "nomor.batal": "Nomor surat dibatalkan",
    "pengguna.buat": "Pengguna dibuat",
    "token.buat": "Token API dibuat",
    "rencana.unggah": "Data kinerja diunggah",
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
}
KOLOM = ("Waktu", "Pengguna", "Peran", "Aksi", "Objek", "ID objek", "Rincian", "Alamat IP")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


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
    """Record that `pengguna` (default: the signed-in user) did `aksi` on `objek` #`objek_id`.

    The agency is the user's unless `instansi_id` is given; the address is the request's. Commits the request's
    session, so call it after the action's own commit. A failure to write is logged, never raised: the action
    itself already happened.
    """
    if pengguna is None and has_request_context() and current_user and current_user.is_authenticated:
        pengguna = current_user._get_current_object()  # type: ignore[attr-defined]
    alamat = (request.remote_addr or "") if has_request_context() else ""
    if instansi_id is None and pengguna is not None:
        instansi_id = pengguna.instansi_id
    db = sesi()
    try:
        db.add(Audit(instansi_id=instansi_id,
                     pengguna_id=pengguna.id if pengguna is not None else None, waktu=dt.datetime.now(dt.UTC),
                     aksi=aksi[:60], objek=str(objek)[:60], objek_id=str(objek_id if objek_id is not None else "")[:60],
                     rincian=_jsonable(rincian or {}), alamat_ip=alamat[:64]))
        db.commit()
    except SQLAlchemyError:
        db.rollback()
        log.exception("catatan audit %s gagal ditulis", aksi)


# -- the page ----------------------------------------------------------------------------------------------------


def _zona() -> ZoneInfo:
    z = (current_user.instansi.profil or {}).get("zona_waktu", "WIB")
    return ZoneInfo(ZONA.get(z, "Asia/Jakarta"))


def _tanggal(nama: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.args.get(nama, ""))
    except ValueError:
        return None


def _saringan() -> tuple[list[Any], dict[str, Any]]:
    """SQL conditions from the query string (always the user's agency) and the values to show in the form."""
    zona = _zona()
    syarat: list[Any] = [Audit.instansi_id == current_user.instansi_id]
    nilai: dict[str, Any] = {"pengguna": request.args.get("pengguna", type=int), "aksi": request.args.get("aksi", ""),
                             "dari": _tanggal("dari"), "sampai": _tanggal("sampai")}
    if nilai["pengguna"] is not None:
        syarat.append(Audit.pengguna_id == nilai["pengguna"])
    if nilai["aksi"]:
        syarat.append(Audit.aksi == nilai["aksi"])
    if nilai["dari"] is not None:
        awal = dt.datetime.combine(nilai["dari"], dt.time(), zona).astimezone(dt.UTC)
        syarat.append(Audit.waktu >= awal)
    if nilai["sampai"] is not None:
        akhir = dt.datetime.combine(nilai["sampai"] + dt.timedelta(days=1), dt.time(), zona).astimezone(dt.UTC)
        syarat.append(Audit.waktu < akhir)
    return syarat, nilai


def _waktu(t: dt.datetime, zona: ZoneInfo) -> str:
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(zona).strftime("%Y-%m-%d %H:%M:%S")


def _orang() -> dict[int, Pengguna]:
    return {u.id: u for u in sesi().scalars(select(Pengguna).where(Pengguna.instansi_id == current_user.instansi_id)
                                            .order_by(Pengguna.username))}


def _teks_rincian(r: dict[str, Any]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in (r or {}).items())


@bp.get("/audit")
@peran_diperlukan(*LIHAT_AUDIT)
def daftar():
    syarat, nilai = _saringan()
    db = sesi()
    jumlah = db.scalar(select(func.count()).select_from(Audit).where(*syarat)) or 0
    halaman_akhir = max(1, math.ceil(jumlah / PER_HALAMAN))
    halaman = min(max(1, request.args.get("halaman", 1, type=int)), halaman_akhir)
    baris = db.scalars(select(Audit).where(*syarat).order_by(Audit.waktu.desc(), Audit.id.desc())
                       .offset((halaman - 1) * PER_HALAMAN).limit(PER_HALAMAN)).all()
    aksi_ada = sorted(set(db.scalars(select(Audit.aksi).where(Audit.instansi_id == current_user.instansi_id)
                                     .distinct())) | set(LABEL_AKSI))
    zona = _zona()
    saring = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in nilai.items() if v not in (None, "")}
    return render_template("audit.html", baris=baris, orang=_orang(), nilai=nilai, saring=saring, jumlah=jumlah,
                           halaman=halaman, halaman_akhir=halaman_akhir, aksi_ada=aksi_ada, LABEL_AKSI=LABEL_AKSI,
                           waktu=lambda t: _waktu(t, zona), teks_rincian=_teks_rincian)


def _aman(teks: Any) -> Any:
    """A cell value Excel will not run as a formula (=, +, -, @ at the start get a leading apostrophe)."""
    if isinstance(teks, str) and teks[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + teks
    return teks


def _baris_ekspor() -> list[list[Any]]:
    syarat, _ = _saringan()
    zona = _zona()
    orang = _orang()
    hasil = []
    for a in sesi().scalars(select(Audit).where(*syarat).order_by(Audit.waktu.desc(), Audit.id.desc())
                            .limit(MAKS_EKSPOR)):
        u = orang.get(a.pengguna_id or 0)
        hasil.append([_waktu(a.waktu, zona), u.username if u else "", u.peran if u else "",
                      a.aksi, a.objek, a.objek_id, _teks_rincian(a.rincian), a.alamat_ip])
    return [[_aman(v) for v in b] for b in hasil]


@bp.get("/audit/ekspor.csv")
@peran_diperlukan(*LIHAT_AUDIT)
def ekspor_csv():
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(KOLOM)
    w.writerows(_baris_ekspor())
    nama = f"audit-{dt.date.today().isoformat()}.csv"
    return Response("\ufeff" + buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{nama}"', "Cache-Control": "no-store"})


@bp.get("/audit/ekspor.xlsx")
@peran_diperlukan(*LIHAT_AUDIT)
def ekspor_xlsx():
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Audit"
    ws.append(list(KOLOM))
    for c in ws[1]:
        c.font = Font(bold=True)
    for b in _baris_ekspor():
        ws.append(b)
    ws.freeze_panes = "A2"
    for kolom, lebar in zip("ABCDEFGH", (20, 18, 12, 22, 14, 10, 60, 16), strict=True):
        ws.column_dimensions[kolom].width = lebar
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    r = send_file(buf, as_attachment=True, download_name=f"audit-{dt.date.today().isoformat()}.xlsx",
                  mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", max_age=0)
    r.headers["Cache-Control"] = "no-store"
    return r
