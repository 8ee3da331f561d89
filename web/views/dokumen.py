"""Making documents in the browser: the list of types, the schema-generated form, drafts, the document page,
downloads, the history and the progress of long jobs."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import login_required

from docgen import documents
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.locale_id import romawi
from docgen.validation import validasi
from web.inti import peran, waktu
from web.inti.alamat import url_dasar
from web.inti.db import sesi
from web.inti.masukan import arg_id
from web.inti.models import Dokumen, Draf, Pengguna
from web.inti.penyimpanan import kunci_berkas, penyimpanan
from web.layanan import audit, finalisasi, isian, riwayat_dokumen
from web.layanan import dokumen as layanan
from web.layanan.instansi import pilihan_formulir
from web.layanan.nomor import pilihan_seri
from web.layanan.siklus import tautan_langkah
from web.views.akses import pengguna
from web.views.formulir_skema import Medan, id_html, label_path, pohon, susun, urai

bp = Blueprint("dokumen", __name__, url_prefix="/dokumen")


# How the list of types is grouped; a type not named here appears under "Lainnya".
KELOMPOK = [
    ("Naskah dinas dan persuratan", ["nota-dinas", "surat-permintaan-data", "undangan-rapat", "notulen-rapat",
                                     "lembar-disposisi", "surat-pengantar", "keputusan-sop"]),
    ("Perencanaan dan pemeriksaan", ["rencana-kegiatan", "checklist-dokumen"]),
    ("Pengukuran kinerja", ["formulir-capaian", "kertas-kerja-pengukuran", "rekapitulasi-capaian",
                            "laporan-hasil-pengukuran"]),
    ("Pelaporan", ["lkjip"]),
]


# -- helpers ---------------------------------------------------------------------------------------------------


def _jenis_boleh(slug: str) -> documents.JenisDokumen:
    """Return the type for `slug`; abort 404 when unknown, 403 when the user's role may not make it."""
    try:
        return layanan.jenis_boleh(pengguna(), slug)
    except TidakDitemukan:
        abort(404)
    except DocgenError:
        abort(403)


def _dokumen_boleh(dokumen_id: int) -> Dokumen:
    """A document the user may see; 404 otherwise (nobody learns which ids exist)."""
    try:
        return layanan.dokumen_boleh(pengguna(), dokumen_id)
    except TidakDitemukan:
        abort(404)


def _waktu(t) -> str:
    return waktu.teks_waktu(t, pengguna().instansi)


def _pohon(jenis: documents.JenisDokumen) -> Medan:
    return pohon(jenis.schema(), lewati=layanan.DARI_INSTANSI)


def _isian_awal(jenis: documents.JenisDokumen, akar: Medan, p: Pengguna, siklus: dict[str, Any] | None
                ) -> dict[str, Any]:
    """Prefill a new form from the agency and the cycle step (web.layanan.isian.isian_awal)."""
    medan = {m.nama: m.jenis for m in akar.anak}
    medan.update({k: "objek" for k in layanan.DARI_INSTANSI if k in jenis.schema().get("properties", {})})
    return layanan.isian_awal(p, jenis.slug, medan, siklus_id=siklus["siklus_id"] if siklus else None,
                              langkah_no=siklus["langkah_no"] if siklus else None)


def _pilihan_kinerja(jenis: documents.JenisDokumen, nilai: dict[str, Any]) -> dict[str, Any] | None:
    """The plan-year and quarter choice shown on a SAKIP paper's form (None for other types)."""
    if "kinerja" not in jenis.schema().get("properties", {}):
        return None
    ada = isian.tahun_tersimpan(pengguna().instansi)
    tahun = str(nilai.get(isian.TAHUN_KINERJA) or "")
    return {"tahun": sorted({*ada, *([int(tahun)] if tahun.isdecimal() and len(tahun) == 4 else [])}, reverse=True),
            "ada": set(ada), "dipilih": tahun, "triwulan": str(nilai.get(isian.TRIWULAN_KINERJA) or ""),
            "dengan_triwulan": jenis.slug != "lkjip" and "triwulan" not in jenis.schema().get("properties", {})}


def _dengan_pilihan(data: dict[str, Any], mentah: dict[str, Any]) -> None:
    """Add the plan-year and quarter choice of the posted form to the input and to the raw values (drafts)."""
    for k in isian.MEDAN_KONTEKS:
        if k in request.form:
            data[k] = mentah[k] = request.form.get(k, "").strip()


def _langkah_siklus() -> dict[str, Any] | None:
    """The cycle step named by ?siklus=<id>&langkah=<no> (the document will be linked to it); abort 404 when it is
    not a step of a cycle of the user's agency."""
    if request.args.get("siklus") is None and request.args.get("langkah") is None:
        return None
    sid, no = arg_id("siklus"), arg_id("langkah")
    try:
        s, lk = tautan_langkah(pengguna(), sid, no)
    except DocgenError:
        abort(404)
    return {"siklus_id": s.id, "langkah_no": no, "judul": s.judul, "kegiatan": lk.kegiatan}


def _tampilkan_formulir(jenis: documents.JenisDokumen, akar: Medan, nilai: dict[str, Any],
                        galat: dict[str, str] | None = None, *, pesan_galat: str = "", status: int = 200,
                        draf: Draf | None = None, sumber: str = "", siklus: dict[str, Any] | None = None):
    p = pengguna()
    galat = dict(galat or {})
    tampil, sisa = susun(akar, nilai, galat)
    return render_template(
        "dokumen_formulir.html", jenis=jenis, tampil=tampil, galat=galat, galat_lain=sisa, pesan_galat=pesan_galat,
        label={**label_path(tampil), isian.TAHUN_KINERJA: "Tahun rencana kinerja",
               isian.TRIWULAN_KINERJA: "Sampai triwulan"}, id_html=id_html,
        pejabat=[pj.data for pj in p.instansi.pejabat], draf=draf, sumber=sumber,
        pilihan_instansi=pilihan_formulir(p.instansi), seri_nomor=pilihan_seri(sesi(), p.instansi),
        latar=jenis.slug in layanan.LATAR, waktu_draf=_waktu(draf.diubah) if draf else "",
        dari_instansi=[m for m in layanan.DARI_INSTANSI if m in jenis.schema().get("properties", {})],
        siklus=siklus if siklus is not None else _langkah_siklus(), pilihan_kinerja=_pilihan_kinerja(jenis, nilai),
        romawi=romawi,
    ), status


# -- views -----------------------------------------------------------------------------------------------------


@bp.route("")
@login_required
def daftar():
    p = pengguna()
    boleh = peran.jenis_boleh(p.peran)
    semua = {j.slug: j for j in documents.semua()}
    draf = layanan.daftar_draf(p)
    kelompok = []
    dikenal: set[str] = set()
    for judul, slugs in KELOMPOK:
        dikenal.update(slugs)
        isi = [semua[s] for s in slugs if s in boleh and s in semua]
        if isi:
            kelompok.append((judul, isi))
    lain = [semua[s] for s in boleh if s not in dikenal]
    if lain:
        kelompok.append(("Lainnya", lain))
    return render_template("dokumen_daftar.html", kelompok=kelompok, draf=draf)


@bp.route("/<slug>/baru", methods=["GET", "POST"])
@login_required
def formulir(slug: str):
    jenis = _jenis_boleh(slug)
    akar = _pohon(jenis)
    p = pengguna()
    draf = layanan.draf(p, slug)
    siklus = _langkah_siklus()
    tautan = {k: siklus[k] for k in ("siklus_id", "langkah_no")} if siklus else {}
    if request.method == "GET":
        dari = arg_id("dari")
        if dari is not None:
            dok = _dokumen_boleh(dari)
            if dok.slug != slug:
                abort(404)
            return _tampilkan_formulir(jenis, akar, finalisasi.data_salinan(dok), sumber=f"dokumen #{dok.id}")
        if draf is not None and request.args.get("baru") is None:
            return _tampilkan_formulir(jenis, akar, draf.data, draf=draf, sumber="draf")
        return _tampilkan_formulir(jenis, akar, _isian_awal(jenis, akar, p, siklus), draf=draf)

    aksi = request.form.get("aksi", "buat")
    if aksi == "buang_draf":
        layanan.hapus_draf(p, slug)
        flash("Draf dibuang. Formulir diisi ulang dari data instansi.", "info")
        return redirect(url_for("dokumen.formulir", slug=slug, siklus=tautan.get("siklus_id"),
                                langkah=tautan.get("langkah_no")))

    hasil = urai(akar, request.form)
    _dengan_pilihan(hasil.data, hasil.mentah)
    sid = tautan.get("siklus_id")
    if aksi == "draf":
        layanan.simpan_draf(p, slug, hasil.mentah)
        flash("Draf disimpan. Anda dapat melanjutkannya kapan saja dari halaman ini.", "sukses")
        return redirect(url_for("dokumen.formulir", slug=slug, siklus=tautan.get("siklus_id"),
                                langkah=tautan.get("langkah_no")))

    if hasil.galat:  # numbers that cannot be read: report them with every other problem at once
        galat = dict(hasil.galat)
        try:
            validasi(jenis.model, layanan.lengkapi(slug, hasil.data, p, siklus_id=sid))
        except InputTidakValid as e:
            galat = {**e.fields, **galat}
        return _tampilkan_formulir(jenis, akar, hasil.mentah, galat, draf=draf, status=422,
                                   pesan_galat=f"Data masukan tidak sah: {len(galat)} isian perlu diperbaiki")
    latar = slug in layanan.LATAR or request.args.get("latar") == "1" or request.form.get("latar") == "1"
    try:
        if latar:
            # Check the input now (fast), so errors land beside the fields; only the slow part runs in the thread.
            validasi(jenis.model, layanan.lengkapi(slug, hasil.data, p, siklus_id=sid))
            layanan.simpan_draf(p, slug, hasil.mentah)  # kept until the job succeeds, so a failure loses nothing
            t = layanan.mulai_latar(p, slug, hasil.data, tautan)
            return render_template("dokumen_tugas.html", jenis=jenis, tugas=t), 202
        dok = layanan.buat_dokumen(p, slug, hasil.data, pdf=True, **tautan)
    except InputTidakValid as e:
        sesi().rollback()
        return _tampilkan_formulir(jenis, akar, hasil.mentah, e.fields, draf=draf, status=422,
                                   pesan_galat=e.pesan.replace("kolom", "isian"))
    except DocgenError as e:
        sesi().rollback()
        return _tampilkan_formulir(jenis, akar, hasil.mentah, e.fields, draf=draf, status=e.status,
                                   pesan_galat=e.pesan)
    layanan.hapus_draf(p, slug)
    flash("Dokumen selesai disusun.", "sukses")
    return redirect(url_for("dokumen.lihat", dokumen_id=dok.id))


@bp.route("/tugas/<tugas_id>")
@login_required
def status_tugas(tugas_id: str):
    try:
        t = layanan.tugas_milik(pengguna(), tugas_id)
    except TidakDitemukan as e:
        return {"error": e.pesan, "fields": {}}, 404
    hasil = t.ringkas()
    hasil["url"] = url_for("dokumen.lihat", dokumen_id=t.dokumen_id) if t.dokumen_id else None
    return hasil


@bp.route("/<int:dokumen_id>")
@login_required
def lihat(dokumen_id: int):
    dok = _dokumen_boleh(dokumen_id)
    p = pengguna()
    try:
        jenis = documents.dapatkan(dok.slug)
    except TidakDitemukan:
        jenis = None
    return _halaman_dokumen(dok, p, jenis)


def _halaman_dokumen(dok: Dokumen, p: Pengguna, jenis: documents.JenisDokumen | None, *, galat_final: str = "",
                     status: int = 200):
    return render_template(
        "dokumen_lihat.html", dok=dok, jenis=jenis, perihal=layanan.perihal_pendek(dok),
        waktu=_waktu(dok.dibuat), boleh_ulang=peran.boleh_membuat(p.peran, dok.slug),
        final=finalisasi.info_halaman(dok, p, url_dasar()), galat_final=galat_final,
        waktu_final=_waktu(dok.difinalkan) if dok.difinalkan else "",
    ), status


def _konfirmasi_final(dokumen_id: int):
    """Ask before finalising, showing the number the document will take (nothing is taken yet)."""
    dok = _dokumen_boleh(dokumen_id)
    p = pengguna()
    seri, cara = request.args.get("seri"), request.args.get("cara", "otomatis")
    jenis = documents.dapatkan(dok.slug) if dok.slug in {j.slug for j in documents.semua()} else None
    try:
        finalisasi.pastikan_konsep(dok)
        if not peran.boleh_finalkan(p.peran, dok.slug):
            raise DocgenError("Peran Anda tidak berwenang memfinalkan dokumen ini.", status=403)
        if not url_dasar():  # say so before asking, not after "Ya, finalkan"
            raise DocgenError(finalisasi.PESAN_TANPA_URL, status=409)
        akan = finalisasi.pratinjau(p, dok, seri_kode=seri, cara=cara)
    except DocgenError as e:
        sesi().rollback()
        dok = _dokumen_boleh(dokumen_id)
        pesan = e.pesan + "".join(f" {k}: {v}." if k else f" {v}." for k, v in e.fields.items())
        return _halaman_dokumen(dok, p, jenis, galat_final=pesan, status=e.status)
    dok = _dokumen_boleh(dokumen_id)
    return render_template("dokumen_final.html", dok=dok, jenis=jenis, akan=akan, seri=seri or "", cara=cara)


@bp.route("/<int:dokumen_id>/final", methods=["GET", "POST"])
@login_required
def final(dokumen_id: int):
    """GET: the confirmation with the number it will take. POST: finalise (the number from the register, the QR
    code, PDF and hashes); the files never change again. One route, so an id out of range is a 404 either way."""
    if request.method == "GET":
        return _konfirmasi_final(dokumen_id)
    dok = _dokumen_boleh(dokumen_id)
    p = pengguna()
    try:
        dok, catatan = finalisasi.finalkan(p, dok, url_dasar=url_dasar(), seri_kode=request.form.get("seri", ""),
                                cara=request.form.get("cara", "otomatis"))
    except DocgenError as e:
        sesi().rollback()
        dok = _dokumen_boleh(dokumen_id)
        pesan = e.pesan + "".join(f" {k}: {v}." if k else f" {v}." for k, v in e.fields.items())
        try:
            jenis = documents.dapatkan(dok.slug)
        except TidakDitemukan:
            jenis = None
        return _halaman_dokumen(dok, p, jenis, galat_final=pesan, status=e.status)
    if dok.nomor_surat and catatan.startswith(f"Nomor {dok.nomor_surat} "):
        catatan = "Nomornya" + catatan.removeprefix(f"Nomor {dok.nomor_surat}")  # say the number once
    flash(f"Dokumen difinalkan{f' dengan nomor {dok.nomor_surat}' if dok.nomor_surat else ''}. {catatan}".strip(),
          "sukses")
    return redirect(url_for("dokumen.lihat", dokumen_id=dok.id))


def _berkas(nilai: str | None) -> str:
    """The store key of a document's file (its key, or a legacy path inside the store); abort 404 when the file
    is missing or the value would lead outside the store."""
    kunci = kunci_berkas(nilai)
    if kunci is None:
        abort(404)
    return kunci


@bp.route("/<int:dokumen_id>/pdf")
@login_required
def pdf(dokumen_id: int):
    dok = _dokumen_boleh(dokumen_id)
    r = send_file(penyimpanan().path_lokal(_berkas(dok.berkas_pdf)), mimetype="application/pdf", as_attachment=False,
                  download_name=f"{dok.slug}-{dok.id}.pdf")
    r.headers["X-Content-Type-Options"] = "nosniff"
    return r


@bp.route("/<int:dokumen_id>/unduh/<format_>")
@login_required
def unduh(dokumen_id: int, format_: str):
    dok = _dokumen_boleh(dokumen_id)
    path: str | None
    if format_ == "docx":
        path, mime = dok.berkas_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif format_ == "pdf":
        path, mime = dok.berkas_pdf, "application/pdf"
    else:
        abort(404)
    kunci = _berkas(path)
    audit.catat("dokumen.unduh", "dokumen", dok.id, {"format": format_, "jenis": dok.slug})
    return send_file(penyimpanan().path_lokal(kunci), mimetype=mime, as_attachment=True,
                     download_name=f"{dok.slug}-{dok.id}.{format_}")


@bp.route("/riwayat")
@login_required
def riwayat():
    p = pengguna()
    baca = riwayat_dokumen.baca(request.args, p)
    baris, jumlah, halaman, halaman_akhir = riwayat_dokumen.cari(p, baca.saringan,
                                                                 request.args.get("halaman", 1, type=int))
    isi = [{"dok": d, "perihal": layanan.perihal_pendek(d), "waktu": _waktu(d.dibuat)} for d in baris]
    semua = riwayat_dokumen.melihat_semua(p)
    draf = [{"draf": d, "judul": _judul_jenis(d.slug), "waktu": _waktu(d.diubah)}
            for d in riwayat_dokumen.draf_pengguna(p)]
    return render_template("dokumen_riwayat.html", isi=isi, halaman=halaman, halaman_akhir=halaman_akhir,
                           jumlah=jumlah, semua=semua, saring=baca.saringan.sebagai_teks(), nilai=baca.mentah,
                           galat=baca.galat, disaring=baca.saringan.aktif or bool(baca.galat),
                           jenis_ada=documents.semua(), pembuat_ada=riwayat_dokumen.pembuat_ada(p) if semua else [],
                           draf=draf), 422 if baca.galat else 200


def _judul_jenis(slug: str) -> str:
    try:
        return documents.dapatkan(slug).judul
    except TidakDitemukan:
        return slug
