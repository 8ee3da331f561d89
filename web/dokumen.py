"""Making documents in the browser: the list of types, the schema-generated form, drafts, the document page,
downloads, the history and the progress of long jobs."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from docgen import documents
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.validation import validasi
from web import peran, tugas
from web.db import sesi
from web.formulir_skema import Medan, id_html, label_path, pohon, susun, urai
from web.layanan import buat_dokumen, lengkapi
from web.models import Dokumen, Draf, Pengguna, SeriNomor
from web.penyimpanan import kunci_berkas, penyimpanan

bp = Blueprint("dokumen", __name__, url_prefix="/dokumen")

# Sections the agency profile and plan fill in (web.layanan.lengkapi); the form does not ask for them.
DARI_INSTANSI = frozenset({"instansi", "kinerja"})
# Document types made in the background by default, with the expected seconds (for the progress estimate).
LATAR = {"lkjip": 8.0}
PER_HALAMAN = 20

# How the list of types is grouped; a type not named here appears under "Lainnya".
KELOMPOK = [
    ("Naskah dinas dan persuratan", ["nota-dinas", "surat-permintaan-data", "undangan-rapat", "notulen-rapat",
                                     "lembar-disposisi", "surat-pengantar", "keputusan-sop"]),
    ("Perencanaan dan pemeriksaan", ["rencana-kegiatan", "checklist-dokumen"]),
    ("Pengukuran kinerja", ["formulir-capaian", "kertas-kerja-pengukuran", "rekapitulasi-capaian",
                            "laporan-hasil-pengukuran"]),
    ("Pelaporan", ["lkjip"]),
]
ZONA = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
# Input fields that name what a document is about, for the history list (first one present wins).
MEDAN_PERIHAL = ("hal", "tentang", "judul", "acara", "perihal", "nama_kegiatan")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


# -- helpers ---------------------------------------------------------------------------------------------------


def _pengguna() -> Pengguna:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _jenis_boleh(slug: str) -> documents.JenisDokumen:
    """Return the type for `slug`; abort 404 when unknown, 403 when the user's role may not make it."""
    try:
        jenis = documents.dapatkan(slug)
    except TidakDitemukan:
        abort(404)
    if slug not in peran.jenis_boleh(current_user.peran):
        abort(403)
    return jenis


def _dokumen_boleh(dokumen_id: int) -> Dokumen:
    """Return a document the user may see (its maker, a role that sees every document of the agency, or anyone of
    the agency for a document made in a cycle step).

    Aborts 404 otherwise, so nobody learns which ids exist."""
    dok = sesi().get(Dokumen, dokumen_id)
    p = _pengguna()
    if dok is None or dok.instansi_id != p.instansi_id:
        abort(404)
    if dok.dibuat_oleh != p.id and p.peran not in peran.LIHAT_SEMUA_DOKUMEN and dok.siklus_id is None:
        abort(404)  # a cycle's documents are shared with everyone in the agency who works on the cycle
    return dok


def _zona(p: Pengguna) -> str:
    z = (p.instansi.profil or {}).get("zona_waktu", "WIB")
    return z if z in ZONA else "WIB"


def waktu_indonesia(waktu: dt.datetime, zona: str = "WIB") -> str:
    """'20 Januari 2025 pukul 14.05 WIB' (stored times are UTC; SQLite returns them without a zone)."""
    if waktu.tzinfo is None:
        waktu = waktu.replace(tzinfo=dt.UTC)
    teks = format_datetime(waktu, "d MMMM y 'pukul' HH.mm", tzinfo=ZoneInfo(ZONA.get(zona, "Asia/Jakarta")),
                           locale="id")
    return f"{teks} {zona}"


def perihal(data: dict[str, Any]) -> str:
    """What a document is about, from its input (hal, tentang ...), shortened for a list."""
    for k in MEDAN_PERIHAL:
        v = data.get(k) if isinstance(data, dict) else None
        if isinstance(v, str) and v.strip():
            v = " ".join(v.split())
            return v if len(v) <= 90 else v[:87] + "…"
    return ""


def _pohon(jenis: documents.JenisDokumen) -> Medan:
    return pohon(jenis.schema(), lewati=DARI_INSTANSI)


def _isian_awal(slug: str, akar: Medan, p: Pengguna) -> dict[str, Any]:
    """Prefill a new form: the agency's first official signs, today's date, the agency's number series."""
    nama = {m.nama: m for m in akar.anak}
    awal: dict[str, Any] = {}
    pejabat = p.instansi.pejabat
    if "penandatangan" in nama and pejabat:
        awal["penandatangan"] = dict(pejabat[0].data)
    t = nama.get("tanggal")
    if t is not None and t.jenis == "tanggal":
        awal["tanggal"] = dt.date.today().isoformat()
    if "nomor" in nama and nama["nomor"].jenis == "objek":
        seri = sesi().scalar(select(SeriNomor).where(SeriNomor.instansi_id == p.instansi_id, SeriNomor.kode == slug))
        if seri is not None:
            awal["nomor"] = {"pola": seri.pola, "kode_klasifikasi": seri.kode_klasifikasi,
                             "kode_unit": seri.kode_unit}
    return awal


def _langkah_siklus() -> dict[str, Any] | None:
    """The cycle step named by ?siklus=<id>&langkah=<no> (the document will be linked to it); abort 404 when it is
    not a step of a cycle of the user's agency."""
    if request.args.get("siklus") is None and request.args.get("langkah") is None:
        return None
    from web.siklus_layanan import tautan_langkah

    sid, no = request.args.get("siklus", type=int), request.args.get("langkah", type=int)
    try:
        s, lk = tautan_langkah(_pengguna(), sid, no)
    except DocgenError:
        abort(404)
    return {"siklus_id": s.id, "langkah_no": no, "judul": s.judul, "kegiatan": lk.kegiatan}


def _draf(p: Pengguna, slug: str) -> Draf | None:
    return sesi().scalar(select(Draf).where(Draf.pengguna_id == p.id, Draf.slug == slug))


def _tampilkan_formulir(jenis: documents.JenisDokumen, akar: Medan, nilai: dict[str, Any],
                        galat: dict[str, str] | None = None, *, pesan_galat: str = "", status: int = 200,
                        draf: Draf | None = None, sumber: str = "", siklus: dict[str, Any] | None = None):
    p = _pengguna()
    galat = dict(galat or {})
    tampil, sisa = susun(akar, nilai, galat)
    return render_template(
        "dokumen_formulir.html", jenis=jenis, tampil=tampil, galat=galat, galat_lain=sisa, pesan_galat=pesan_galat,
        label=label_path(tampil), id_html=id_html,
        pejabat=[pj.data for pj in p.instansi.pejabat], draf=draf, sumber=sumber,
        latar=jenis.slug in LATAR, waktu_draf=waktu_indonesia(draf.diubah, _zona(p)) if draf else "",
        dari_instansi=[m for m in DARI_INSTANSI if m in jenis.schema().get("properties", {})],
        siklus=siklus if siklus is not None else _langkah_siklus(),
    ), status


# -- views -----------------------------------------------------------------------------------------------------


@bp.route("")
@login_required
def daftar():
    p = _pengguna()
    boleh = peran.jenis_boleh(p.peran)
    semua = {j.slug: j for j in documents.semua()}
    draf = set(sesi().scalars(select(Draf.slug).where(Draf.pengguna_id == p.id)))
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
    p = _pengguna()
    draf = _draf(p, slug)
    siklus = _langkah_siklus()
    tautan = {k: siklus[k] for k in ("siklus_id", "langkah_no")} if siklus else {}
    if request.method == "GET":
        dari = request.args.get("dari", type=int)
        if dari is not None:
            dok = _dokumen_boleh(dari)
            if dok.slug != slug:
                abort(404)
            from web.finalisasi import data_salinan

            return _tampilkan_formulir(jenis, akar, data_salinan(dok), sumber=f"dokumen #{dok.id}")
        if draf is not None and request.args.get("baru") is None:
            return _tampilkan_formulir(jenis, akar, draf.data, draf=draf, sumber="draf")
        return _tampilkan_formulir(jenis, akar, _isian_awal(slug, akar, p), draf=draf)

    aksi = request.form.get("aksi", "buat")
    if aksi == "buang_draf":
        if draf is not None:
            sesi().delete(draf)
            sesi().commit()
        flash("Draf dibuang. Formulir diisi ulang dari data instansi.", "info")
        return redirect(url_for("dokumen.formulir", slug=slug, siklus=tautan.get("siklus_id"),
                                langkah=tautan.get("langkah_no")))

    hasil = urai(akar, request.form)
    if aksi == "draf":
        _simpan_draf(p, slug, hasil.mentah, draf)
        flash("Draf disimpan. Anda dapat melanjutkannya kapan saja dari halaman ini.", "sukses")
        return redirect(url_for("dokumen.formulir", slug=slug, siklus=tautan.get("siklus_id"),
                                langkah=tautan.get("langkah_no")))

    if hasil.galat:  # numbers that cannot be read: report them with every other problem at once
        galat = dict(hasil.galat)
        try:
            validasi(jenis.model, lengkapi(slug, hasil.data, p))
        except InputTidakValid as e:
            galat = {**e.fields, **galat}
        return _tampilkan_formulir(jenis, akar, hasil.mentah, galat, draf=draf, status=422,
                                   pesan_galat=f"Data masukan tidak sah: {len(galat)} isian perlu diperbaiki")
    latar = slug in LATAR or request.args.get("latar") == "1" or request.form.get("latar") == "1"
    try:
        if latar:
            # Check the input now (fast), so errors land beside the fields; only the slow part runs in the thread.
            validasi(jenis.model, lengkapi(slug, hasil.data, p))
            _simpan_draf(p, slug, hasil.mentah, draf)  # kept until the job succeeds, so a failure loses nothing
            t = _mulai_latar(p, slug, hasil.data, tautan)
            return render_template("dokumen_tugas.html", jenis=jenis, tugas=t), 202
        dok = buat_dokumen(p, slug, hasil.data, pdf=True, **tautan)
    except InputTidakValid as e:
        sesi().rollback()
        return _tampilkan_formulir(jenis, akar, hasil.mentah, e.fields, draf=draf, status=422,
                                   pesan_galat=e.pesan.replace("kolom", "isian"))
    except DocgenError as e:
        sesi().rollback()
        return _tampilkan_formulir(jenis, akar, hasil.mentah, e.fields, draf=draf, status=e.status,
                                   pesan_galat=e.pesan)
    _hapus_draf(p.id, slug)
    flash("Dokumen selesai disusun.", "sukses")
    return redirect(url_for("dokumen.lihat", dokumen_id=dok.id))


def _simpan_draf(p: Pengguna, slug: str, mentah: dict[str, Any], draf: Draf | None) -> None:
    """Store the form as typed (one draft per user and type); no validation."""
    if draf is None:
        sesi().add(Draf(pengguna_id=p.id, slug=slug, data=mentah, diubah=dt.datetime.now(dt.UTC)))
    else:
        draf.data = mentah
        draf.diubah = dt.datetime.now(dt.UTC)
    sesi().commit()


def _hapus_draf(pengguna_id: int, slug: str) -> None:
    d = sesi().scalar(select(Draf).where(Draf.pengguna_id == pengguna_id, Draf.slug == slug))
    if d is not None:
        sesi().delete(d)
        sesi().commit()


def _mulai_latar(p: Pengguna, slug: str, data: dict[str, Any], tautan: dict[str, int] | None = None) -> tugas.Tugas:
    """Start making the document in the background (a thread here, or a `docgen worker` when REDIS_URL is set)."""
    return tugas.mulai("dokumen", {"slug": slug, "data": data, "tautan": dict(tautan or {})}, pemilik=p.id,
                       instansi_id=p.instansi_id, slug=slug, perkiraan_detik=LATAR.get(slug, 3.0))


def kerjakan(argumen: dict[str, Any], lapor: tugas.Laporan) -> int:
    """Job kind "dokumen": make `argumen["slug"]` from `argumen["data"]` for the user who started the job; the
    job is marked done in the transaction that stores the document, then the user's draft is dropped."""
    slug = argumen["slug"]
    lapor.tahap(10, "Menyusun dokumen: tabel, grafik dan analisis…")
    pengguna = sesi().get(Pengguna, lapor.pemilik)
    if pengguna is None or not pengguna.is_active:
        raise DocgenError("Akun tidak aktif.", status=403)
    with lapor.selesai_bersama(sesi(), Dokumen):
        dok = buat_dokumen(pengguna, slug, argumen["data"], pdf=True, **argumen.get("tautan", {}))
    _hapus_draf(pengguna.id, slug)
    return dok.id


@bp.route("/tugas/<tugas_id>")
@login_required
def status_tugas(tugas_id: str):
    t = tugas.dapatkan(tugas_id)
    if t is None or t.pemilik != current_user.id:
        return {"error": "Tugas tidak ditemukan (mungkin sudah kedaluwarsa).", "fields": {}}, 404
    hasil = t.ringkas()
    hasil["url"] = url_for("dokumen.lihat", dokumen_id=t.dokumen_id) if t.dokumen_id else None
    return hasil


@bp.route("/<int:dokumen_id>")
@login_required
def lihat(dokumen_id: int):
    dok = _dokumen_boleh(dokumen_id)
    p = _pengguna()
    try:
        jenis = documents.dapatkan(dok.slug)
    except TidakDitemukan:
        jenis = None
    return _halaman_dokumen(dok, p, jenis)


def _halaman_dokumen(dok: Dokumen, p: Pengguna, jenis: documents.JenisDokumen | None, *, galat_final: str = "",
                     status: int = 200):
    from web.finalisasi import info_halaman
    from web.verifikasi import url_dasar

    return render_template(
        "dokumen_lihat.html", dok=dok, jenis=jenis, perihal=perihal(dok.data),
        waktu=waktu_indonesia(dok.dibuat, _zona(p)), boleh_ulang=dok.slug in peran.jenis_boleh(p.peran),
        final=info_halaman(dok, p, url_dasar()), galat_final=galat_final,
        waktu_final=waktu_indonesia(dok.difinalkan, _zona(p)) if dok.difinalkan else "",
    ), status


@bp.post("/<int:dokumen_id>/final")
@login_required
def final(dokumen_id: int):
    """Finalise: the number from the register, the QR code, PDF and hashes; the files never change again."""
    from web.finalisasi import finalkan
    from web.verifikasi import url_dasar

    dok = _dokumen_boleh(dokumen_id)
    p = _pengguna()
    try:
        dok, catatan = finalkan(p, dok, url_dasar=url_dasar(), seri_kode=request.form.get("seri", ""),
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
    if format_ == "docx":
        path, mime = dok.berkas_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif format_ == "pdf":
        path, mime = dok.berkas_pdf, "application/pdf"
    else:
        abort(404)
    kunci = _berkas(path)
    from web import audit

    audit.catat("dokumen.unduh", "dokumen", dok.id, {"format": format_, "jenis": dok.slug})
    return send_file(penyimpanan().path_lokal(kunci), mimetype=mime, as_attachment=True,
                     download_name=f"{dok.slug}-{dok.id}.{format_}")


@bp.route("/riwayat")
@login_required
def riwayat():
    p = _pengguna()
    syarat = [Dokumen.instansi_id == p.instansi_id]
    if p.peran not in peran.LIHAT_SEMUA_DOKUMEN:
        syarat.append(Dokumen.dibuat_oleh == p.id)
    jumlah = sesi().scalar(select(func.count()).select_from(Dokumen).where(*syarat)) or 0
    halaman_akhir = max(1, math.ceil(jumlah / PER_HALAMAN))
    halaman = min(max(1, request.args.get("halaman", 1, type=int)), halaman_akhir)
    baris = sesi().scalars(select(Dokumen).where(*syarat).order_by(Dokumen.dibuat.desc(), Dokumen.id.desc())
                           .offset((halaman - 1) * PER_HALAMAN).limit(PER_HALAMAN)).all()
    zona = _zona(p)
    isi = [{"dok": d, "perihal": perihal(d.data), "waktu": waktu_indonesia(d.dibuat, zona)} for d in baris]
    return render_template("dokumen_riwayat.html", isi=isi, halaman=halaman, halaman_akhir=halaman_akhir,
                           jumlah=jumlah, semua=p.peran in peran.LIHAT_SEMUA_DOKUMEN)

