"""Cycles in the browser: the dashboard, starting a cycle, the cycle page with its steps, and the actions on the
running step (finish, approve or return with a note, cancel). The rules live in web.siklus_layanan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import login_required
from sqlalchemy import select

from docgen import documents, locale_id
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.masukan import arg_id
from web.inti.models import Pengguna, Siklus
from web.inti.peran import Aksi
from web.layanan import berkas, isian, langkah, sop
from web.layanan import siklus as sl
from web.views.akses import pengguna, perlu

bp = Blueprint("siklus", __name__, url_prefix="/siklus")


def _siklus(siklus_id: int) -> Siklus:
    """A cycle of the user's agency; abort 404 for any other id."""
    try:
        return sl.siklus_instansi(pengguna(), siklus_id)
    except TidakDitemukan:
        abort(404)


def _int(nama: str) -> int | None:
    try:
        return int(str(request.form.get(nama, "")).strip())
    except ValueError:
        return None


def _kembali(s: Siklus, no: int | None = None):
    return redirect(url_for("siklus.lihat", siklus_id=s.id) + (f"#langkah-{no}" if no else ""))


# -- dashboard and start ---------------------------------------------------------------------------------------


@bp.route("")
@login_required
def daftar():
    p = pengguna()
    status = request.args.get("status", "")
    if status not in ("", "berjalan", "selesai", "dibatalkan"):
        status = ""
    tahun = arg_id("tahun")
    isi = sl.daftar_siklus(p, sekarang=waktu.sekarang(), status=status, tahun=tahun)
    tahun_ada = sorted(set(sesi().scalars(select(Siklus.tahun).where(Siklus.instansi_id == p.instansi_id))),
                       reverse=True)
    return render_template("siklus_daftar.html", isi=isi, status=status, tahun=tahun, tahun_ada=tahun_ada,
                           LABEL_STATUS=sl.LABEL_STATUS, label_periode=sl.label_periode, teks_lama=sl.teks_lama,
                           boleh_mulai=peran.boleh(p.peran, Aksi.MULAI_SIKLUS))


def _tampilkan_baru(nilai: dict[str, Any], galat: dict[str, str] | None = None, *, pesan_galat: str = "",
                    status: int = 200):
    p = pengguna()
    sops = [t for t in sop.daftar(p.instansi_id) if t.definisi is not None]
    return render_template("siklus_baru.html", sops=sops, nilai=nilai, galat=galat or {}, pesan_galat=pesan_galat,
                           LABEL_PERIODE=sl.LABEL_PERIODE, nama_bulan=locale_id.nama_bulan,
                           romawi=locale_id.romawi), status


@bp.route("/baru", methods=["GET", "POST"])
@perlu(Aksi.MULAI_SIKLUS)
def baru():
    p = pengguna()
    kini = waktu.setempat(waktu.sekarang(), p.instansi)
    if request.method == "GET":
        kode = request.args.get("sop", "")
        jenis = "triwulan"
        try:
            d = sop.dapatkan(p.instansi_id, kode).definisi if kode else None
        except TidakDitemukan:
            d = None
        if d is not None and jenis not in d.periode:
            jenis = d.periode[0]
        return _tampilkan_baru({"sop": kode, "periode_jenis": jenis, "bulan": str(kini.month),
                                "triwulan": str((kini.month - 1) // 3 + 1), "tahun": str(kini.year)})
    nilai = {k: request.form.get(k, "") for k in ("sop", "periode_jenis", "bulan", "triwulan", "tahun")}
    jenis = nilai["periode_jenis"]
    ke = _int("bulan") if jenis == "bulan" else _int("triwulan") if jenis == "triwulan" else None
    peringatan: list[str] = []
    try:
        s = langkah.mulai_siklus(p, kode=nilai["sop"], periode_jenis=jenis, periode_ke=ke, tahun=_int("tahun"),
                                 sekarang=waktu.sekarang(), peringatan=peringatan)
    except InputTidakValid as e:
        sesi().rollback()
        galat = dict(e.fields)
        if "periode_ke" in galat:
            galat[jenis if jenis in ("bulan", "triwulan") else "periode_jenis"] = galat.pop("periode_ke")
        return _tampilkan_baru(nilai, galat, pesan_galat=e.pesan, status=422)
    flash(f"Siklus '{s.judul}' dimulai. Langkah 1 sedang berjalan.", "sukses")
    for w in peringatan:
        flash(w, "peringatan")
    return _kembali(s)


# -- the cycle page --------------------------------------------------------------------------------------------


def _tampilkan(s: Siklus, *, galat: dict[str, str] | None = None, nilai: dict[str, str] | None = None,
               konfirmasi: list[str] | None = None, pesan_galat: str = "", status: int = 200):
    p = pengguna()
    d = sl.definisi(s)
    zona = waktu.zona(p.instansi)
    kini = waktu.sekarang()
    dokumen = sl.dokumen_siklus(s)
    langkah = sl.keadaan(s, d, sekarang=kini, zona=zona, kalender=waktu.kalender(p.instansi), dokumen=dokumen)
    berjalan = next((k for k in langkah if k.status == "berjalan"), None) if s.status == "berjalan" else None
    riwayat = sl.riwayat(s)
    orang = sl.orang_instansi(s.instansi_id)
    tujuan = sl.tujuan_berjalan(d, berjalan) if berjalan is not None else {}
    selesai = sum(k.status in ("selesai", "dilewati") for k in langkah)
    kembali = sl.pengembalian([s]).get(s.id) if berjalan is not None else None
    return render_template(
        "siklus_lihat.html", s=s, d=d, langkah=langkah, berjalan=berjalan, riwayat=riwayat, orang=orang,
        tujuan=tujuan, selesai=selesai, kembali=kembali, galat=galat or {}, nilai=nilai or {},
        konfirmasi=konfirmasi or [], pesan_galat=pesan_galat, judul_jenis={j.slug: j.judul for j in documents.semua()},
        boleh_buat=set(peran.jenis_boleh(p.peran)), tanpa_rencana=isian.tanpa_rencana(s),
        boleh_rencana=peran.boleh(p.peran, Aksi.KELOLA_RENCANA),
        boleh_tindak=berjalan is not None and sl.boleh_bertindak(p, d, berjalan.no),
        boleh_batal=s.status == "berjalan" and peran.boleh_batalkan_siklus(p, s.dibuat_oleh),
        berkas_arsip=berkas.daftar_berkas(s), boleh_berkas=berkas.boleh_memberkas(p),
        waktu=lambda t: waktu.teks_waktu(t, p.instansi) if t else "–", teks_lama=sl.teks_lama,
        LABEL_STATUS=sl.LABEL_STATUS, LABEL_AKSI=sl.LABEL_AKSI, LABEL_PERIODE=sl.LABEL_PERIODE,
    ), status


@bp.route("/<int:siklus_id>")
@login_required
def lihat(siklus_id: int):
    return _tampilkan(_siklus(siklus_id))


def _bentrok(s: Siklus, e: DocgenError):
    """Show the cycle as it is now with the message of an action that came too late (409)."""
    sesi().rollback()
    sesi().expire_all()
    return _tampilkan(s, pesan_galat=e.pesan, status=e.status)


def _tindak(s: Siklus, catatan: str, aksi: Callable[[Pengguna], langkah.HasilAksi]) -> tuple[Any, Any]:
    """Run an action on the running step for the user; return (its result, None), or (None, the page to answer
    instead: the cycle as it is now with the message of a late action (409) or the bad field (422))."""
    try:
        return aksi(pengguna()), None
    except langkah.SiklusBentrok as e:
        return None, _bentrok(s, e)
    except InputTidakValid as e:
        sesi().rollback()
        return None, _tampilkan(s, galat=e.fields, nilai={"catatan": catatan}, pesan_galat=e.pesan, status=422)
    except TidakDitemukan:
        abort(404)


@bp.route("/<int:siklus_id>/langkah/<int:no>/selesai", methods=["POST"])
@login_required
def selesai(siklus_id: int, no: int):
    s = _siklus(siklus_id)
    catatan = request.form.get("catatan", "")
    hasil, tolak = _tindak(s, catatan, lambda p: langkah.selesaikan_langkah(
        p, s, no, catatan=catatan, putaran=_int("putaran"), konfirmasi=request.form.get("konfirmasi") == "1",
        sekarang=waktu.sekarang()))
    if tolak is not None:
        return tolak
    if not hasil.tercatat:
        return _tampilkan(s, nilai={"catatan": catatan}, konfirmasi=hasil.kurang)
    flash(f"Langkah {no} selesai." + (" Siklus selesai." if s.status == "selesai" else ""), "sukses")
    for w in hasil.peringatan:
        flash(w, "peringatan")
    return _kembali(s, no)


@bp.route("/<int:siklus_id>/langkah/<int:no>/keputusan", methods=["POST"])
@login_required
def keputusan(siklus_id: int, no: int):
    s = _siklus(siklus_id)
    catatan = request.form.get("catatan", "")
    pilihan = request.form.get("keputusan", "")
    hasil, tolak = _tindak(s, catatan, lambda p: langkah.putuskan(
        p, s, no, pilihan, catatan, putaran=_int("putaran"), sekarang=waktu.sekarang()))
    if tolak is not None:
        return tolak
    kata = "disetujui" if pilihan == "ya" else "dikembalikan"
    teks = f"Langkah {no} {kata}."
    if hasil.dokumen is not None:
        teks += f" Lembar disposisi #{hasil.dokumen.id} dibuat."
    flash(teks, "sukses")
    for w in hasil.peringatan:
        flash(w, "peringatan")
    return _kembali(s, no)


@bp.route("/<int:siklus_id>/batal", methods=["POST"])
@login_required
def batal(siklus_id: int):
    s = _siklus(siklus_id)
    alasan = request.form.get("alasan", "")
    try:
        langkah.batalkan_siklus(pengguna(), s, alasan, sekarang=waktu.sekarang())
    except langkah.SiklusBentrok as e:
        return _bentrok(s, e)
    except InputTidakValid as e:
        sesi().rollback()
        galat = {"alasan": e.fields.get("catatan", e.pesan)}
        return _tampilkan(s, galat=galat, nilai={"alasan": alasan}, pesan_galat=e.pesan, status=422)
    flash(f"Siklus '{s.judul}' dibatalkan.", "info")
    return _kembali(s)
