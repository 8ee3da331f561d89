"""Agency templates (admin, under the profile): replace the built-in .docx template of a document type with the
agency's own, remove it again, download the built-in one as a starting point.

An upload is checked before anything is stored: size (2 MB), a real .docx by content, no zip bomb (checked on the
ZIP directory, before anything is inflated), no macros or external links LibreOffice would fetch, then like code
(docgen.template_check: Jinja compiles, tags in one run, variables the schema supplies, nothing the sandbox forbids)
and finally a trial render of the type's sample in the sandbox. The file goes to the store with its SHA-256, which
is checked again every time a document is rendered with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from flask import Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy import select

from docgen import arsip_zip, documents
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.render import bangun_konteks, render
from docgen.template_check import Temuan, periksa_templat
from web import audit, unggahan
from web.auth import peran_diperlukan
from web.db import sesi
from web.models import Pengguna, TemplatInstansi
from web.penyimpanan import PenyimpananPenuh, penyimpanan
from web.peran import KELOLA_PROFIL

bp = Blueprint("templat", __name__)

MAKS_TEMPLAT = 2 * 1024 * 1024
BATAS_ZIP = arsip_zip.BatasZip(maks_entri=500, maks_total=30 * 1024 * 1024, maks_rasio=100.0)
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_REL_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


# -- used when rendering ---------------------------------------------------------------------------------------


def untuk(instansi_id: int, slug: str) -> bytes | None:
    """The agency's own template for `slug` as .docx bytes, or None for the built-in one.

    Raises DocgenError 422 when the stored file is gone or no longer has the SHA-256 recorded at upload (it was
    changed outside the app): nothing is rendered with a template that was not checked.
    """
    t = sesi().scalar(select(TemplatInstansi).where(TemplatInstansi.instansi_id == instansi_id,
                                                    TemplatInstansi.slug == slug))
    if t is None:
        return None
    try:
        isi = penyimpanan().baca(t.berkas)
    except (OSError, DocgenError):
        isi = None
    if isi is None or hashlib.sha256(isi).hexdigest() != t.sha256:
        raise DocgenError(f"Templat instansi untuk {slug} hilang atau berubah sejak diunggah (SHA-256 tidak cocok); "
                          "admin perlu mengunggahnya lagi atau menghapusnya agar templat bawaan dipakai.",
                          fields={"templat": slug})
    return isi


# -- checking an upload ----------------------------------------------------------------------------------------


def _contoh(slug: str) -> dict[str, Any] | None:
    f = SAMPLES / f"{slug}.json"
    return json.loads(f.read_text(encoding="utf-8")) if f.is_file() else None


def _periksa_paket(isi: bytes) -> None:
    """No macros, no external targets other than hyperlinks (LibreOffice would fetch linked images and
    templates while converting). Raises InputTidakValid on `berkas`."""
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        nama = z.namelist()
        if any(n.lower().endswith("vbaproject.bin") for n in nama) or b"macroEnabled" in z.read("[Content_Types].xml"):
            raise InputTidakValid("Templat memuat makro", fields={
                "berkas": "berkas memuat makro (VBA); simpan sebagai Dokumen Word .docx tanpa makro"})
        for n in nama:
            if not n.endswith(".rels"):
                continue
            xml = z.read(n).decode("utf-8", "replace")
            for rel in re.findall(r"<Relationship\b[^>]*>", xml):
                if 'TargetMode="External"' in rel and _REL_HYPERLINK not in rel:
                    target = re.search(r'Target="([^"]*)"', rel)
                    raise InputTidakValid("Templat memuat tautan ke berkas luar", fields={
                        "berkas": f"templat menautkan berkas di luar dokumen ({target.group(1) if target else '?'}) "
                                  f"di {n}; sematkan gambar/berkasnya ke dalam dokumen"})


def periksa_unggahan(isi: bytes, slug: str, nama_berkas: str = "templat.docx") -> list[Temuan]:
    """Every problem of an uploaded template for `slug` (empty: it may be used).

    Raises InputTidakValid on `berkas` when the file is not a usable .docx (wrong type by content, zip bomb,
    macros, external links): those are refused before any .docx library opens the file.
    """
    arsip_zip.periksa_docx(isi, batas=BATAS_ZIP)
    _periksa_paket(isi)
    jenis = documents.dapatkan(slug)
    contoh = _contoh(slug)
    konteks = None
    if contoh is not None:
        try:
            _, konteks, _ = bangun_konteks(jenis, contoh, DocxTemplate(io.BytesIO(isi)), SAMPLES)
        except Exception as exc:  # python-docx could not open what passed the ZIP check
            return [Temuan(nama_berkas, "-", f"berkas .docx tidak dapat dibuka ({type(exc).__name__})")]
    temuan = periksa_templat(isi, konteks, nama_berkas=nama_berkas)
    if temuan or contoh is None:
        return temuan
    try:  # a trial render of the sample, in the sandbox, as documents will be made
        render(jenis, contoh, templates_dir=Path(current_app.config["TEMPLATES_DOCX"]), basis=SAMPLES, templat=isi)
    except DocgenError as exc:
        rinci = "; ".join(exc.lines()) if exc.fields else ""
        return [Temuan(nama_berkas, "-", f"percobaan mengisi templat dengan data contoh gagal: {exc.pesan}"
                                         f"{' (' + rinci + ')' if rinci else ''}")]
    return []


# -- pages -----------------------------------------------------------------------------------------------------


def _jenis(slug: str) -> documents.JenisDokumen:
    try:
        return documents.dapatkan(slug)
    except TidakDitemukan:
        abort(404)


def _milik(slug: str) -> TemplatInstansi | None:
    return sesi().scalar(select(TemplatInstansi).where(TemplatInstansi.instansi_id == current_user.instansi_id,
                                                       TemplatInstansi.slug == slug))


def _tampilkan(status: int = 200, *, galat: dict[str, list[str]] | None = None):
    db = sesi()
    milik = {t.slug: t for t in db.scalars(select(TemplatInstansi).where(
        TemplatInstansi.instansi_id == current_user.instansi_id))}
    orang = {u.id: u for u in db.scalars(select(Pengguna).where(Pengguna.instansi_id == current_user.instansi_id))}
    from web.dokumen import waktu_indonesia

    zona = (current_user.instansi.profil or {}).get("zona_waktu", "WIB")
    return render_template("templat.html", jenis=documents.semua(), milik=milik, orang=orang, galat=galat or {},
                           maks=unggahan.teks_ukuran(MAKS_TEMPLAT),
                           waktu=lambda t: waktu_indonesia(t, zona if zona in ("WIB", "WITA", "WIT") else "WIB")
                           ), status


@bp.get("/profil/templat")
@peran_diperlukan(*KELOLA_PROFIL)
def daftar():
    return _tampilkan()


@bp.post("/profil/templat/<slug>")
@peran_diperlukan(*KELOLA_PROFIL)
def unggah(slug: str):
    jenis = _jenis(slug)
    berkas = request.files.get("berkas")
    nama_berkas = (berkas.filename or "templat.docx") if berkas is not None else "templat.docx"
    try:
        isi = unggahan.baca(berkas, MAKS_TEMPLAT, apa="berkas templat")
        if not isi:
            raise InputTidakValid("Pilih berkas", fields={"berkas": "pilih berkas templat .docx terlebih dahulu"})
        temuan = periksa_unggahan(isi, slug, nama_berkas)
    except DocgenError as exc:
        return _tampilkan(exc.status, galat={slug: [f"{exc.pesan}: {v}" for v in exc.fields.values()] or [exc.pesan]})
    if temuan:
        pesan = [f"[{t.bagian}] {t.pesan}" + (f" — di sekitar: \"{t.konteks}\"" if t.konteks else "") for t in temuan]
        audit.catat("templat.ditolak", "templat", slug, {"berkas": nama_berkas, "temuan": pesan[:10]})
        return _tampilkan(422, galat={slug: pesan})
    sha = hashlib.sha256(isi).hexdigest()
    inst_id = current_user.instansi_id
    try:
        kunci = penyimpanan().simpan(f"templat/{inst_id}/{slug}-{sha[:16]}.docx", isi)
    except PenyimpananPenuh as exc:  # nothing stored, the agency's current template stays in use
        return _tampilkan(exc.status, galat={slug: [exc.pesan]})
    t = _milik(slug)
    lama = t.berkas if t is not None else None
    if t is None:
        t = TemplatInstansi(instansi_id=inst_id, slug=slug, berkas=kunci, sha256=sha, diunggah_oleh=current_user.id)
        sesi().add(t)
    t.berkas, t.sha256, t.diunggah_oleh, t.diunggah = kunci, sha, current_user.id, dt.datetime.now(dt.UTC)
    sesi().commit()
    if lama and lama != kunci:
        penyimpanan().hapus(lama)
    audit.catat("templat.unggah", "templat", slug, {"berkas": nama_berkas, "sha256": sha, "ukuran": len(isi)})
    flash(f"Templat instansi untuk {jenis.judul} dipasang; dokumen baru jenis ini memakai templat tersebut.", "sukses")
    return redirect(url_for("templat.daftar") + f"#templat-{slug}")


@bp.post("/profil/templat/<slug>/hapus")
@peran_diperlukan(*KELOLA_PROFIL)
def hapus(slug: str):
    jenis = _jenis(slug)
    t = _milik(slug)
    if t is None:
        abort(404)
    kunci, sha = t.berkas, t.sha256
    sesi().delete(t)
    sesi().commit()
    try:
        penyimpanan().hapus(kunci)
    except (OSError, DocgenError):
        pass
    audit.catat("templat.hapus", "templat", slug, {"sha256": sha})
    flash(f"Templat instansi untuk {jenis.judul} dihapus; templat bawaan dipakai lagi.", "sukses")
    return redirect(url_for("templat.daftar") + f"#templat-{slug}")


@bp.get("/profil/templat/<slug>/bawaan")
@peran_diperlukan(*KELOLA_PROFIL)
def bawaan(slug: str):
    jenis = _jenis(slug)  # only known types: the slug never names an arbitrary file
    path = Path(current_app.config["TEMPLATES_DOCX"]) / f"{jenis.slug}.docx"
    if not path.is_file():
        abort(404)
    return send_file(io.BytesIO(path.read_bytes()), mimetype=DOCX, as_attachment=True,
                     download_name=f"{jenis.slug}-bawaan.docx", max_age=0)


@bp.get("/profil/templat/<slug>/unduh")
@peran_diperlukan(*KELOLA_PROFIL)
def unduh(slug: str):
    jenis = _jenis(slug)
    if _milik(slug) is None:
        abort(404)
    isi = untuk(current_user.instansi_id, jenis.slug)
    if isi is None:
        abort(404)
    return send_file(io.BytesIO(isi), mimetype=DOCX, as_attachment=True, download_name=f"{jenis.slug}-instansi.docx",
                     max_age=0)
