"""Verifying a finalised document: what it is (agency, number, date, signer, hashes) and whether a file is it.

Whoever holds the unguessable code (printed as a QR code on every page) may see this without signing in.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

from sqlalchemy import select

from docgen import arsip_zip, docx_luar, locale_id, paket_office
from docgen.documents.common import Pejabat
from docgen.errors import InputTidakValid, TidakDitemukan
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, Instansi
from web.layanan import nomor

MAKS_UNGGAH = 10 * 1024 * 1024


def dokumen(kode: str) -> Dokumen:
    """The final document with verification code `kode`. Raises TidakDitemukan (a plain 404) otherwise."""
    dok = None
    if kode and len(kode) <= 64:
        dok = sesi().scalar(select(Dokumen).where(Dokumen.kode_verifikasi == kode, Dokumen.status == "final"))
    if dok is None:
        raise TidakDitemukan("Dokumen tidak ditemukan.")
    return dok


def metadata(dok: Dokumen) -> dict[str, Any]:
    """What the page shows: agency, type, number, date, subject, signer, finalised when, hashes, status."""
    inst = sesi().get(Instansi, dok.instansi_id)
    data = dok.data or {}
    ttd = data.get("penandatangan")
    penandatangan = {"nama": "", "jabatan": ""}
    if isinstance(ttd, dict):
        try:
            p = Pejabat.model_validate(ttd)
            jabatan = p.jabatan
            if p.kedudukan == "a.n.":
                jabatan = f"{p.jabatan} (a.n. {p.atas_nama})"
            elif p.kedudukan:
                jabatan = f"{p.kedudukan} {p.jabatan}"
            penandatangan = {"nama": p.nama, "jabatan": jabatan}
        except ValueError:
            penandatangan = {"nama": str(ttd.get("nama", "")), "jabatan": str(ttd.get("jabatan", ""))}
    entri = nomor.untuk_dokumen(sesi(), dok.id)
    return {
        "instansi": inst.nama if inst else "",
        "jenis": dok.judul,
        "nomor": dok.nomor_surat,
        "tanggal": locale_id.tanggal(dok.tanggal) if dok.tanggal else "",  # as its type's hooks read the paper
        "perihal": dok.perihal,
        "penandatangan": penandatangan,
        "difinalkan": waktu.teks_waktu(dok.difinalkan, inst) if dok.difinalkan else "",
        "sha256_pdf": dok.sha256_pdf,
        "sha256_docx": dok.sha256_docx,
        "batal": entri if entri is not None and entri.status == "batal" else None,
        "waktu_batal": waktu.teks_waktu(entri.dibatalkan, inst) if entri is not None and entri.dibatalkan else "",
    }


def periksa_berkas(dok: Dokumen, isi: bytes) -> tuple[bool, str, str]:
    """Compare an uploaded file with the finalised one; return (cocok, jenis 'PDF'/'Word', its SHA-256).

    Raises ValueError (Indonesian) for an empty file, one that is neither a PDF nor a .docx, or a .docx that is a
    zip bomb, links outside content or holds more XML than a document (docgen.arsip_zip, docgen.paket_office).
    """
    if not isi:
        raise ValueError("Pilih berkas PDF (atau .docx) yang akan diperiksa.")
    if len(isi) > MAKS_UNGGAH:
        raise ValueError("Berkas lebih dari 10 MB; dokumen asli tidak sebesar itu.")
    h = hashlib.sha256(isi).hexdigest()
    if isi.startswith(b"%PDF-"):
        return h == dok.sha256_pdf, "PDF", h
    if isi.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(isi)) as z:
                docx = "word/document.xml" in z.namelist()
        except zipfile.BadZipFile:
            docx = False
        if docx:
            try:  # the ZIP directory (no bomb), then parsed: bounded XML, no outside links or field codes
                arsip_zip.periksa_docx(isi)
                paket_office.periksa_paket(isi, paket_office.DOKUMEN)
            except InputTidakValid as exc:
                raise ValueError(f"Berkas .docx ditolak sebelum dicocokkan: {'; '.join(exc.fields.values())}") from None
            luar = docx_luar.temuan(isi)
            if luar:
                raise ValueError(f"Berkas .docx ditolak sebelum dicocokkan: {'; '.join(map(str, luar[:5]))}")
            return h == dok.sha256_docx, "Word (.docx)", h
    raise ValueError("Berkas yang diunggah bukan PDF (isinya harus diawali %PDF-) dan bukan dokumen Word .docx. "
                     "Unggah berkas PDF yang Anda terima.")
