"""The public verification page of a finalised document: its metadata and hashes, and a file check.

No login: whoever holds the unguessable code (printed as a QR code on every page) may see what the document
is and check that a PDF or .docx is the very file that was finalised. An unknown code is a plain 404.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from typing import Any

from flask import Blueprint, Flask, abort, current_app, render_template, request
from sqlalchemy import select

from docgen import locale_id
from docgen.documents.common import Pejabat
from web.db import sesi
from web.models import Dokumen, Instansi

bp = Blueprint("verifikasi", __name__)
MAKS_UNGGAH = 10 * 1024 * 1024


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.after_request
def _tanpa_jejak(resp):
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["X-Robots-Tag"] = "noindex, nofollow"
    resp.headers["Referrer-Policy"] = "no-referrer"  # the code is in the URL: never pass it on
    return resp


def url_dasar() -> str:
    """Where verification pages are served: config URL_VERIFIKASI, else this request's host."""
    return (current_app.config.get("URL_VERIFIKASI") or request.host_url).rstrip("/")


def _dokumen(kode: str) -> Dokumen:
    if not kode or len(kode) > 64:
        abort(404)
    dok = sesi().scalar(select(Dokumen).where(Dokumen.kode_verifikasi == kode, Dokumen.status == "final"))
    if dok is None:
        abort(404)
    return dok


def metadata(dok: Dokumen) -> dict[str, Any]:
    """What the page shows: agency, type, number, date, subject, signer, finalised when, hashes, status."""
    from web import nomor
    from web.dokumen import perihal, waktu_indonesia

    inst = sesi().get(Instansi, dok.instansi_id)
    data = dok.data or {}
    tanggal = ""
    try:
        tanggal = locale_id.tanggal(dt.date.fromisoformat(str(data.get("tanggal"))))
    except ValueError:
        pass
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
    zona = (inst.profil or {}).get("zona_waktu", "WIB") if inst else "WIB"
    entri = nomor.untuk_dokumen(sesi(), dok.id)
    return {
        "instansi": inst.nama if inst else "",
        "jenis": dok.judul,
        "nomor": dok.nomor_surat,
        "tanggal": tanggal,
        "perihal": perihal(data),
        "penandatangan": penandatangan,
        "difinalkan": waktu_indonesia(dok.difinalkan, zona) if dok.difinalkan else "",
        "sha256_pdf": dok.sha256_pdf,
        "sha256_docx": dok.sha256_docx,
        "batal": entri if entri is not None and entri.status == "batal" else None,
        "waktu_batal": waktu_indonesia(entri.dibatalkan, zona) if entri is not None and entri.dibatalkan else "",
    }


def periksa_berkas(dok: Dokumen, isi: bytes) -> tuple[bool, str, str]:
    """Compare an uploaded file with the finalised one; return (cocok, jenis 'PDF'/'Word', its SHA-256).

    Raises ValueError (Indonesian) for an empty file or one that is neither a PDF nor a .docx.
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
            return h == dok.sha256_docx, "Word (.docx)", h
    raise ValueError("Berkas yang diunggah bukan PDF (isinya harus diawali %PDF-) dan bukan dokumen Word .docx. "
                     "Unggah berkas PDF yang Anda terima.")


@bp.route("/verifikasi/<kode>", methods=["GET", "POST"])
def lihat(kode: str):
    dok = _dokumen(kode)
    hasil: dict[str, Any] | None = None
    galat = ""
    status = 200
    if request.method == "POST":
        berkas = request.files.get("berkas")
        isi = berkas.stream.read(MAKS_UNGGAH + 1) if berkas is not None and berkas.filename else b""
        try:
            cocok, jenis, h = periksa_berkas(dok, isi)
            hasil = {"cocok": cocok, "jenis": jenis, "sha256": h,
                     "nama": (berkas.filename or "") if berkas is not None else ""}
        except ValueError as exc:
            galat, status = str(exc), 422
    return render_template("verifikasi.html", dok=dok, m=metadata(dok), hasil=hasil, galat=galat), status
