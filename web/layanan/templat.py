"""Agency templates: an agency's own .docx template for a document type, replacing the built-in one for it.

An upload is checked before anything is stored: size (2 MB), a real .docx by content, no zip bomb (checked on the
ZIP directory, before anything is inflated), no macros, then parsed (docgen.paket_office: at most 10 MB of XML and
200 000 elements, no external targets; docgen.docx_luar: no field codes or objects LibreOffice would fetch), then
like code (docgen.template_check: Jinja compiles, tags in one run, variables the schema supplies, nothing the sandbox
forbids) and finally a trial render of the type's sample in the sandbox. The file goes to the store under a key of
its SHA-256, which is checked again every time a document is rendered with it; a replaced or removed template's
file is released for the sweep (web.layanan.sapu), never changed or removed at once.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from flask import current_app
from sqlalchemy import select

from docgen import arsip_zip, documents, docx_luar, paket_office
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.render import bangun_konteks, render
from docgen.template_check import Temuan, periksa_templat
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Instansi, Pengguna, TemplatInstansi
from web.inti.penyimpanan import BerkasBaru, kunci_isi, lepaskan, penyimpanan
from web.layanan import audit, sapu

MAKS_TEMPLAT = 2 * 1024 * 1024
BATAS_ZIP = arsip_zip.BatasZip(maks_entri=500, maks_total=30 * 1024 * 1024, maks_rasio=100.0)
SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples"


class TemplatDitolak(InputTidakValid):
    """An uploaded template has problems (the list is in `temuan`); nothing was stored."""

    def __init__(self, temuan: list[Temuan]):
        self.temuan = temuan
        super().__init__(f"Templat ditolak: {len(temuan)} masalah", fields={
            f"temuan.{i}": teks_temuan(t) for i, t in enumerate(temuan)})


def teks_temuan(t: Temuan) -> str:
    """One problem of a template as one line: '[word/document.xml] ... — di sekitar: "..."'."""
    return f"[{t.bagian}] {t.pesan}" + (f" — di sekitar: \"{t.konteks}\"" if t.konteks else "")


# -- used when rendering ---------------------------------------------------------------------------------------


def baris(instansi_id: int, slug: str) -> TemplatInstansi | None:
    """The agency's template record for `slug`, if it has one."""
    return sesi().scalar(select(TemplatInstansi).where(TemplatInstansi.instansi_id == instansi_id,
                                                       TemplatInstansi.slug == slug))


def untuk(instansi_id: int, slug: str) -> bytes | None:
    """The agency's own template for `slug` as .docx bytes, or None for the built-in one.

    Raises DocgenError 422 when the stored file is gone or no longer has the SHA-256 recorded at upload (it was
    changed outside the app): nothing is rendered with a template that was not checked.
    """
    t = baris(instansi_id, slug)
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


@dataclass(frozen=True)
class TemplatTerpilih:
    """The template a document of an agency is rendered with: its bytes (None: the built-in file), where it comes
    from ("instansi" or "bawaan") and the SHA-256 of that file, recorded on the document and in archive manifests."""

    isi: bytes | None
    sumber: str
    sha256: str


def pilih(instansi_id: int, slug: str) -> TemplatTerpilih:
    """The agency's own template for `slug` when it has one, else the built-in one (see `untuk`, `bawaan`)."""
    isi = untuk(instansi_id, slug)
    if isi is not None:
        return TemplatTerpilih(isi, "instansi", hashlib.sha256(isi).hexdigest())
    return TemplatTerpilih(None, "bawaan", hashlib.sha256(bawaan(slug)).hexdigest())


def bawaan(slug: str) -> bytes:
    """The built-in template of a known type. Raises TidakDitemukan for an unknown type or a missing file."""
    jenis = documents.dapatkan(slug)  # only known types: the slug never names an arbitrary file
    path = Path(current_app.config["TEMPLATES_DOCX"]) / f"{jenis.slug}.docx"
    if not path.is_file():
        raise TidakDitemukan(f"Templat bawaan {slug} tidak ada.")
    return path.read_bytes()


def milik(inst: Instansi) -> dict[str, TemplatInstansi]:
    """The agency's templates by slug."""
    return {t.slug: t for t in sesi().scalars(select(TemplatInstansi).where(TemplatInstansi.instansi_id == inst.id))}


# -- checking an upload ----------------------------------------------------------------------------------------


def _contoh(slug: str) -> dict[str, Any] | None:
    f = SAMPLES / f"{slug}.json"
    return json.loads(f.read_text(encoding="utf-8")) if f.is_file() else None


def _periksa_paket(isi: bytes) -> None:
    """No macros, and nothing LibreOffice would fetch while converting: parsed on a bounded budget
    (docgen.paket_office: at most 10 MB of XML and 200 000 elements, no relationship leading outside but http,
    https and mailto hyperlinks), then what the Word parts load (docgen.docx_luar: INCLUDEPICTURE and the other
    field codes, attached templates, linked objects). Raises InputTidakValid on `berkas`."""
    paket_office.periksa_paket(isi, paket_office.TEMPLAT)  # first: what is read below is bounded by then
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        nama = z.namelist()
        if any(n.lower().endswith("vbaproject.bin") for n in nama) or b"macroEnabled" in z.read("[Content_Types].xml"):
            raise InputTidakValid("Templat memuat makro", fields={
                "berkas": "berkas memuat makro (VBA); simpan sebagai Dokumen Word .docx tanpa makro"})
    luar = docx_luar.temuan(isi)
    if luar:
        lagi = f" (dan {len(luar) - 5} lainnya)" if len(luar) > 5 else ""
        raise InputTidakValid("Templat memuat isi dari luar berkas", fields={
            "berkas": "; ".join(str(t) for t in luar[:5]) + lagi + "; sematkan gambar/isinya ke dalam dokumen"})


def periksa_unggahan(isi: bytes, slug: str, nama_berkas: str = "templat.docx") -> list[Temuan]:
    """Every problem of an uploaded template for `slug` (empty: it may be used).

    Raises InputTidakValid on `berkas` when the file is not a usable .docx (wrong type by content, zip bomb,
    macros, external links or field codes, too much XML): those are refused before any .docx library opens it.
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


# -- installing and removing -----------------------------------------------------------------------------------


def pasang(admin: Pengguna, slug: str, isi: bytes, nama_berkas: str) -> TemplatInstansi:
    """Check an uploaded template and make it the agency's template for `slug`; commit.

    Raises InputTidakValid (`berkas`) for an empty or unusable file, TemplatDitolak with every problem found,
    PenyimpananPenuh (507) on a full disk; in every case the agency's current template stays in use."""
    if not isi:
        raise InputTidakValid("Pilih berkas", fields={"berkas": "pilih berkas templat .docx terlebih dahulu"})
    temuan = periksa_unggahan(isi, slug, nama_berkas)
    if temuan:
        audit.catat("templat.ditolak", "templat", slug, {"berkas": nama_berkas,
                                                         "temuan": [teks_temuan(t) for t in temuan][:10]},
                    pengguna=admin)
        raise TemplatDitolak(temuan)
    sha = hashlib.sha256(isi).hexdigest()
    t = baris(admin.instansi_id, slug)
    lama = t.berkas if t is not None else None
    try:
        # A key of its own content: the file a render in progress reads is never changed, only released.
        with BerkasBaru() as baru:
            kunci = baru.simpan(kunci_isi(f"templat/{admin.instansi_id}/{slug}", isi, "docx"), isi)
            if t is None:
                t = TemplatInstansi(instansi_id=admin.instansi_id, slug=slug, berkas=kunci, sha256=sha,
                                    diunggah_oleh=admin.id)
                sesi().add(t)
            t.berkas, t.sha256, t.diunggah_oleh, t.diunggah = kunci, sha, admin.id, waktu.sekarang()
            if lama and lama != kunci:
                lepaskan(lama)
            sesi().commit()
    except BaseException:
        sesi().rollback()
        raise
    sapu.sapu_terlepas("templat/")
    audit.catat("templat.unggah", "templat", slug, {"berkas": nama_berkas, "sha256": sha, "ukuran": len(isi)},
                pengguna=admin)
    return t


def hapus(admin: Pengguna, slug: str) -> None:
    """Remove the agency's template for `slug` (the built-in one applies again); commit. The file is released for
    the sweep, so a render that already chose it still finds it. Raises TidakDitemukan."""
    t = baris(admin.instansi_id, slug)
    if t is None:
        raise TidakDitemukan(f"Instansi tidak punya templat sendiri untuk {slug}.")
    kunci, sha = t.berkas, t.sha256
    sesi().delete(t)
    lepaskan(kunci)
    sesi().commit()
    sapu.sapu_terlepas("templat/")
    audit.catat("templat.hapus", "templat", slug, {"sha256": sha}, pengguna=admin)
