"""The public verification page of a finalised document: its metadata and hashes, and a file check.

No login: whoever holds the unguessable code may see what the document is and check that a PDF or .docx is the
very file that was finalised. An unknown code is a plain 404.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request

from docgen.errors import TidakDitemukan
from web.layanan import verifikasi

bp = Blueprint("verifikasi", __name__)


@bp.after_request
def _tanpa_jejak(resp):
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["X-Robots-Tag"] = "noindex, nofollow"
    resp.headers["Referrer-Policy"] = "no-referrer"  # the code is in the URL: never pass it on
    return resp


@bp.route("/verifikasi/<kode>", methods=["GET", "POST"])
def lihat(kode: str):
    try:
        dok = verifikasi.dokumen(kode)
    except TidakDitemukan:
        abort(404)
    hasil: dict[str, Any] | None = None
    galat = ""
    status = 200
    if request.method == "POST":
        berkas = request.files.get("berkas")
        isi = berkas.stream.read(verifikasi.MAKS_UNGGAH + 1) if berkas is not None and berkas.filename else b""
        try:
            cocok, jenis, h = verifikasi.periksa_berkas(dok, isi)
            hasil = {"cocok": cocok, "jenis": jenis, "sha256": h,
                     "nama": (berkas.filename or "") if berkas is not None else ""}
        except ValueError as exc:
            galat, status = str(exc), 422
    return render_template("verifikasi.html", dok=dok, m=verifikasi.metadata(dok), hasil=hasil, galat=galat), status
