"""The home page: the user's inbox of cycle steps, their saved drafts, for those who file the cycles ready to file
and the bundles made, and the documents they can make; the whole inbox on its own page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from docgen import documents
from docgen.errors import TidakDitemukan
from web.inti import peran, waktu
from web.layanan import berkas, kotak, riwayat_dokumen
from web.layanan import siklus as sl
from web.views.akses import pengguna

bp = Blueprint("pages", __name__)
DI_BERANDA = 8  # inbox rows on the home page; the rest on /kotak


@bp.route("/")
def akar():
    return redirect(url_for("pages.beranda") if current_user.is_authenticated else url_for("auth.masuk"))


def _judul_jenis(slug: str) -> str:
    try:
        return documents.dapatkan(slug).judul
    except TidakDitemukan:
        return slug


def _bantu():
    """What the inbox templates use to show times and spans in the agency's zone."""
    inst = pengguna().instansi
    return {"waktu": lambda t: waktu.teks_waktu(t, inst) if t else "–", "teks_lama": sl.teks_lama}


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on their own (a PDF tab, an old bookmark): the SVG icon, without login."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@bp.route("/beranda")
@login_required
def beranda():
    p = pengguna()
    jenis = [documents.dapatkan(s) for s in peran.jenis_boleh(p.peran)]
    masuk = kotak.kotak_masuk(p, sekarang=waktu.sekarang())
    arsip = peran.boleh(p.peran, peran.Aksi.PANTAU_ARSIP)
    draf = [{"draf": d, "judul": _judul_jenis(d.slug)} for d in riwayat_dokumen.draf_pengguna(p)]
    return render_template("beranda.html", jenis=jenis, kotak=masuk[:DI_BERANDA], jumlah_kotak=len(masuk),
                           terlambat=kotak.jumlah_terlambat(masuk), draf=draf, arsip=arsip,
                           siap=berkas.siap_diberkas(p) if arsip else [],
                           berkas_terbaru=berkas.berkas_terbaru(p) if arsip else [], **_bantu())


@bp.route("/kotak")
@login_required
def kotak_masuk():
    p = pengguna()
    masuk = kotak.kotak_masuk(p, sekarang=waktu.sekarang())
    return render_template("kotak.html", kotak=masuk, jumlah_kotak=len(masuk),
                           terlambat=kotak.jumlah_terlambat(masuk), **_bantu())
