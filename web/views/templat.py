"""Agency templates (admin, under the profile): upload the agency's own .docx for a document type, remove it,
download the built-in one as a starting point. The checks are web.layanan.templat."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for

from docgen import documents
from docgen.errors import DocgenError, TidakDitemukan
from web.inti import unggahan, waktu
from web.inti.peran import Aksi
from web.layanan import akun, templat
from web.views.akses import pengguna, perlu

bp = Blueprint("templat", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _jenis(slug: str) -> documents.JenisDokumen:
    try:
        return documents.dapatkan(slug)
    except TidakDitemukan:
        abort(404)


def _tampilkan(status: int = 200, *, galat: dict[str, list[str]] | None = None):
    inst = pengguna().instansi
    orang = {u.id: u for u in akun.daftar_pengguna(inst)}
    return render_template("templat.html", jenis=documents.semua(), milik=templat.milik(inst), orang=orang,
                           galat=galat or {}, maks=unggahan.teks_ukuran(templat.MAKS_TEMPLAT),
                           waktu=lambda t: waktu.teks_waktu(t, inst)), status


@bp.get("/profil/templat")
@perlu(Aksi.KELOLA_PROFIL)
def daftar():
    return _tampilkan()


@bp.post("/profil/templat/<slug>")
@perlu(Aksi.KELOLA_PROFIL)
def unggah(slug: str):
    jenis = _jenis(slug)
    berkas = request.files.get("berkas")
    nama_berkas = (berkas.filename or "templat.docx") if berkas is not None else "templat.docx"
    try:
        isi = unggahan.baca(berkas, templat.MAKS_TEMPLAT, apa="berkas templat")
        templat.pasang(pengguna(), slug, isi, nama_berkas)
    except templat.TemplatDitolak as exc:
        return _tampilkan(422, galat={slug: [templat.teks_temuan(t) for t in exc.temuan]})
    except DocgenError as exc:
        return _tampilkan(exc.status, galat={slug: [f"{exc.pesan}: {v}" for v in exc.fields.values()] or [exc.pesan]})
    flash(f"Templat instansi untuk {jenis.judul} dipasang; dokumen baru jenis ini memakai templat tersebut.", "sukses")
    return redirect(url_for("templat.daftar") + f"#templat-{slug}")


@bp.post("/profil/templat/<slug>/hapus")
@perlu(Aksi.KELOLA_PROFIL)
def hapus(slug: str):
    jenis = _jenis(slug)
    try:
        templat.hapus(pengguna(), slug)
    except TidakDitemukan:
        abort(404)
    flash(f"Templat instansi untuk {jenis.judul} dihapus; templat bawaan dipakai lagi.", "sukses")
    return redirect(url_for("templat.daftar") + f"#templat-{slug}")


@bp.get("/profil/templat/<slug>/bawaan")
@perlu(Aksi.KELOLA_PROFIL)
def bawaan(slug: str):
    jenis = _jenis(slug)
    try:
        isi = templat.bawaan(jenis.slug)
    except TidakDitemukan:
        abort(404)
    return send_file(io.BytesIO(isi), mimetype=DOCX, as_attachment=True, download_name=f"{jenis.slug}-bawaan.docx",
                     max_age=0)


@bp.get("/profil/templat/<slug>/unduh")
@perlu(Aksi.KELOLA_PROFIL)
def unduh(slug: str):
    jenis = _jenis(slug)
    isi = templat.untuk(pengguna().instansi_id, jenis.slug)
    if isi is None:
        abort(404)
    return send_file(io.BytesIO(isi), mimetype=DOCX, as_attachment=True, download_name=f"{jenis.slug}-instansi.docx",
                     max_age=0)
