"""The register page (/nomor): the agency's outgoing-letter book by year and series, numbers taken by hand for
letters made outside docgen, voiding with a reason, the .xlsx export, and the series themselves (admin)."""

from __future__ import annotations

import io
import re

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from sqlalchemy import select

from docgen.errors import DocgenError, InputTidakValid
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, NomorSurat, Pengguna
from web.inti.peran import Aksi
from web.layanan import audit, nomor
from web.views.akses import pengguna, perlu

bp = Blueprint("agenda", __name__, url_prefix="/nomor")

LABEL_CARA = {
    "otomatis": "Otomatis: nomor sisipan (mis. 13a) bila tanggalnya lebih awal dari nomor terakhir",
    "biasa": "Nomor urut berikutnya",
    "sisip": "Nomor sisipan setelah nomor terakhir pada tanggal itu atau sebelumnya",
}


def _tahun_dipilih(tahun_ada: list[int]) -> int:
    t = request.args.get("tahun", type=int)
    if t is not None and 1900 <= t <= 9999:
        return t
    return tahun_ada[0] if tahun_ada else waktu.hari_ini(pengguna().instansi).year


def _tampilkan(status: int = 200, *, isian: dict[str, str] | None = None, galat_ambil: dict[str, str] | None = None,
               galat_batal: dict[int, str] | None = None, isian_seri: dict[str, str] | None = None,
               galat_seri: dict[str, str] | None = None, tahun: int | None = None, seri_kode: str | None = None,
               pesan_galat: str = ""):
    p = pengguna()
    db = sesi()
    tahun_ada = nomor.tahun_ada(db, p.instansi_id)
    tahun = tahun or _tahun_dipilih(tahun_ada)
    if tahun not in tahun_ada:
        tahun_ada = sorted({*tahun_ada, tahun, waktu.hari_ini(p.instansi).year}, reverse=True)
    semua_seri = nomor.daftar_seri(db, p.instansi_id)
    kode = request.args.get("seri", "") if seri_kode is None else seri_kode
    if kode and kode not in {s.kode for s in semua_seri}:
        kode = ""
    status_saring = request.args.get("status", "")
    if status_saring not in ("", "dipakai", "batal"):
        status_saring = ""
    baris = nomor.daftar(db, p.instansi_id, tahun, kode or None, status_saring or None)
    nama = {u.id: (u.nama or u.username) for u in db.scalars(select(Pengguna).where(
        Pengguna.instansi_id == p.instansi_id))}
    dok_ids = [b.dokumen_id for b in baris if b.dokumen_id]
    dok = {d.id: d for d in db.scalars(select(Dokumen).where(Dokumen.id.in_(dok_ids)))} if dok_ids else {}
    seri_id = {s.id: s for s in semua_seri}
    isi = [{"b": b, "seri": seri_id.get(b.seri_id), "pembuat": nama.get(b.dibuat_oleh or 0, ""),
            "dok": dok.get(b.dokumen_id or 0), "tanggal": nomor.teks_tanggal(b.tanggal),
            "keterangan": nomor.keterangan(b)} for b in baris]
    bawaan = {"seri": kode or (semua_seri[0].kode if semua_seri else ""),
              "tanggal": waktu.hari_ini(p.instansi).isoformat(), "hal": "", "tujuan": "", "cara": "otomatis"}
    return render_template(
        "agenda.html", isi=isi, tahun=tahun, tahun_ada=tahun_ada, semua_seri=semua_seri, seri_kode=kode,
        status_saring=status_saring, isian={**bawaan, **(isian or {})}, galat_ambil=galat_ambil or {},
        galat_batal=galat_batal or {}, label_cara=LABEL_CARA, boleh_batal=peran.boleh(p.peran, Aksi.BATALKAN_NOMOR),
        boleh_seri=peran.boleh(p.peran, Aksi.KELOLA_SERI), isian_seri=isian_seri or {}, galat_seri=galat_seri or {},
        lihat_dokumen=peran.boleh(p.peran, Aksi.LIHAT_SEMUA_DOKUMEN),
        jumlah_batal=sum(1 for b in baris if b.status == "batal"), pesan_galat=pesan_galat,
    ), status


@bp.get("")
@perlu(Aksi.LIHAT_REGISTER)
def daftar():
    return _tampilkan()


@bp.post("/ambil")
@perlu(Aksi.LIHAT_REGISTER)
def ambil():
    """Take a number by hand for a letter made outside docgen."""
    p = pengguna()
    isian = {k: request.form.get(k, "").strip() for k in ("seri", "tanggal", "hal", "tujuan", "cara")}
    if isian["cara"] not in LABEL_CARA:
        isian["cara"] = "otomatis"
    try:
        tanggal = nomor.periksa_ambil(seri_kode=isian["seri"], tanggal=isian["tanggal"], hal=isian["hal"],
                                      cara=isian["cara"])
        baris, ket = nomor.berikan(sesi(), instansi_id=p.instansi_id, seri_kode=isian["seri"], tanggal=tanggal,
                                   cara=isian["cara"], hal=isian["hal"], tujuan=isian["tujuan"], pengguna_id=p.id)
    except nomor.IsianAmbilSalah as exc:
        return _tampilkan(422, isian=isian, galat_ambil=exc.fields)
    except DocgenError as exc:
        sesi().rollback()
        return _tampilkan(exc.status, isian=isian, galat_ambil={**exc.fields, "": exc.pesan})
    audit.catat("nomor.ambil", "nomor_surat", baris.id, {"nomor": baris.nomor, "seri": isian["seri"],
                                                        "hal": isian["hal"]})
    flash(f"Nomor {baris.nomor} diberikan untuk surat bertanggal {nomor.teks_tanggal(baris.tanggal)}. {ket}".strip(),
          "sukses")
    return redirect(url_for("agenda.daftar", tahun=baris.tahun, seri=isian["seri"]))


@bp.post("/<int:nomor_id>/batal")
@perlu(Aksi.BATALKAN_NOMOR)
def batal(nomor_id: int):
    """Void a number with its reason; it stays in the book and is never given again."""
    p = pengguna()
    try:
        baris = nomor.batalkan(sesi(), nomor_id, request.form.get("alasan", ""), p.id, instansi_id=p.instansi_id)
    except DocgenError as exc:
        sesi().rollback()
        if exc.status == 404:
            abort(404)
        ada = sesi().get(NomorSurat, nomor_id)
        if not exc.fields:  # e.g. already void: no form to show it beside
            return _tampilkan(exc.status, pesan_galat=exc.pesan, tahun=ada.tahun if ada else None)
        pesan = "; ".join(f"{'Alasan pembatalan' if k == 'alasan' else k} {v}" for k, v in exc.fields.items())
        return _tampilkan(exc.status, galat_batal={nomor_id: pesan}, tahun=ada.tahun if ada else None)
    audit.catat("nomor.batal", "nomor_surat", baris.id, {"nomor": baris.nomor, "alasan": baris.alasan_batal})
    flash(f"Nomor {baris.nomor} dibatalkan. Nomor ini tetap tercatat sebagai terpakai dan tidak akan diberikan "
          f"lagi.", "sukses")
    return redirect(url_for("agenda.daftar", tahun=baris.tahun))


@bp.get("/ekspor")
@perlu(Aksi.LIHAT_REGISTER)
def ekspor():
    """The outgoing-letter book of a year as .xlsx."""
    p = pengguna()
    tahun = _tahun_dipilih(nomor.tahun_ada(sesi(), p.instansi_id))
    kode = request.args.get("seri", "") or None
    try:
        isi = nomor.buku_agenda_xlsx(sesi(), p.instansi_id, tahun, kode)
    except DocgenError as exc:
        if exc.status == 404 or "seri" in exc.fields:
            abort(404)
        raise
    nama = f"buku-agenda-surat-keluar-{tahun}{'-' + _aman(kode) if kode else ''}.xlsx"
    return send_file(io.BytesIO(isi), as_attachment=True, download_name=nama,
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _aman(teks: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", teks).strip("-") or "seri"


@bp.post("/seri")
@perlu(Aksi.KELOLA_SERI)
def tambah_seri():
    """Add a number series (admin): a code, a pattern with {urut}, classification and unit codes."""
    p = pengguna()
    isian = {k: request.form.get(k, "").strip() for k in ("kode", "pola", "kode_klasifikasi", "kode_unit")}
    try:
        baru = nomor.tambah_seri(sesi(), p.instansi_id, isian)
    except InputTidakValid as exc:
        return _tampilkan(422, isian_seri=isian, galat_seri=exc.fields)
    audit.catat("seri.tambah", "seri_nomor", baru.kode, isian)
    flash(f"Seri nomor {baru.kode} ditambahkan.", "sukses")
    return redirect(url_for("agenda.daftar", seri=baru.kode))
