"""The JSON API under /api/v1: bearer tokens, document types and schemas, documents, capaian, OpenAPI."""

from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Flask, current_app, g, jsonify, make_response, request, send_file, url_for
from werkzeug.exceptions import MethodNotAllowed

from docgen import capaian_tabel, documents
from docgen.errors import DocgenError, InputTidakValid, KonversiGagal
from docgen.kinerja import DataKinerja
from docgen.validation import validasi
from web.api.openapi import MIME, dokumen_openapi
from web.inti import errors, konteks, peran, unggahan
from web.inti.alamat import url_dasar
from web.inti.ekstensi import csrf
from web.inti.penyimpanan import kunci_berkas, penyimpanan
from web.layanan import akun, finalisasi, kinerja
from web.layanan import dokumen as layanan
from web.layanan.instansi import profil_instansi

bp = Blueprint("api", __name__, url_prefix="/api/v1")

KEDALAMAN_MAKS = unggahan.KEDALAMAN_MAKS  # nesting levels a request body may have (the schemas need far fewer)
_TERLALU_DALAM = f"bertingkat terlalu dalam (paling banyak {KEDALAMAN_MAKS} tingkat)"
PUBLIK = {"api.openapi"}  # endpoints that need no token


def init_app(app: Flask) -> None:
    csrf.exempt(bp)  # bearer tokens, never cookies: nothing for a cross-site form to ride on
    app.register_blueprint(bp)
    # Keep the Allow header on 405 answers (the generic handler builds a fresh response without it).
    app.register_error_handler(MethodNotAllowed, _metode_tidak_diizinkan)


def _metode_tidak_diizinkan(exc: MethodNotAllowed):
    resp = make_response(errors.respons_galat(405, errors.PESAN_HTTP[405]))
    if exc.valid_methods:
        resp.headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    return resp


def _tanpa_izin(pesan: str, tantangan: str):
    resp = jsonify({"error": pesan, "fields": {}})
    resp.status_code = 401
    resp.headers["WWW-Authenticate"] = tantangan
    return resp


@bp.before_request
def _autentikasi():
    if request.endpoint in PUBLIK:
        return None
    skema, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    token = token.strip()
    if skema.lower() != "bearer" or not token:
        return _tanpa_izin("Token API diperlukan: kirim header 'Authorization: Bearer <token>'.",
                           'Bearer realm="docgen"')
    pengguna = akun.pengguna_dari_token(token)
    if pengguna is None:
        return _tanpa_izin("Token API tidak sah atau penggunanya tidak aktif.",
                           'Bearer realm="docgen", error="invalid_token"')
    g.pengguna_api = pengguna
    konteks.atur(lambda: pengguna, request.remote_addr or "")
    return None


@bp.after_request
def _jangan_simpan(resp):
    resp.headers["Cache-Control"] = "no-store"  # answers depend on the token; documents are personal
    return resp


# -- reading the body --------------------------------------------------------------------------------------------


def _badan_json() -> dict[str, Any]:
    """The request body as a JSON object; 422 for anything else, 413 (from Werkzeug) when too large."""
    mentah = request.get_data(cache=False)
    try:
        data = json.loads(mentah)
    except json.JSONDecodeError as exc:
        raise InputTidakValid("Badan permintaan harus JSON",
                              fields={"": f"JSON tidak sah di baris {exc.lineno}, kolom {exc.colno}"}) from None
    except ValueError:  # UnicodeDecodeError, or bytes json.loads cannot detect the encoding of
        raise InputTidakValid("Badan permintaan harus JSON", fields={"": "bukan JSON UTF-8 yang sah"}) from None
    except RecursionError:
        raise InputTidakValid("Badan permintaan harus JSON", fields={"": _TERLALU_DALAM}) from None
    if not isinstance(data, dict):
        raise InputTidakValid("Badan permintaan harus JSON", fields={"": "harus berupa objek JSON ({...})"})
    if unggahan.kedalaman(data) > KEDALAMAN_MAKS:
        raise InputTidakValid("Badan permintaan harus JSON", fields={"": _TERLALU_DALAM})
    return data


def _header_peringatan(resp, peringatan: list[str]) -> None:
    """Warnings as a comma-separated list of percent-encoded UTF-8 strings (headers must be latin-1)."""
    if peringatan:
        resp.headers["X-Peringatan"] = ",".join(quote(str(p), safe="") for p in peringatan)


def _logo_dari_profil(data: dict[str, Any], pengguna) -> dict[str, Any]:
    """The logo always comes from the agency profile: a path sent by the client would let it read or probe
    any file on the server. Missing -> the agency's logo; "" -> no logo; anything else -> 422."""
    inst = data.get("instansi")
    if not isinstance(inst, dict):
        return data
    logo = inst.get("logo")
    if logo not in (None, ""):
        raise InputTidakValid("Data masukan tidak sah: 1 kolom perlu diperbaiki", fields={
            "instansi.logo": "tidak dapat diisi lewat API; hapus kolom ini agar logo dari profil instansi dipakai"})
    if "logo" not in inst:
        data = {**data, "instansi": {**inst}}
        logo_profil = profil_instansi(pengguna.instansi).get("logo")
        if logo_profil:
            data["instansi"]["logo"] = logo_profil
    return data


# -- routes ------------------------------------------------------------------------------------------------------


@bp.get("/jenis")
def jenis():
    """The document types this token's user may make."""
    daftar = []
    for slug in peran.jenis_boleh(g.pengguna_api.peran):
        j = documents.dapatkan(slug)
        daftar.append({"slug": j.slug, "judul": j.judul, "keterangan": j.keterangan,
                       "schema": url_for("api.schema", slug=j.slug)})
    return {"jenis": daftar}


@bp.get("/jenis/<slug>/schema")
def schema(slug: str):
    """The JSON Schema of a document type's input, exactly as `docgen schema SLUG` prints it."""
    return documents.dapatkan(slug).schema()


@bp.post("/dokumen/<slug>")
def dokumen(slug: str):
    """Make, store and return one document (.docx, or PDF with ?format=pdf)."""
    pengguna = g.pengguna_api
    layanan.jenis_boleh(pengguna, slug)  # 404 first, then 403, then the body
    bentuk = request.args.get("format", "docx")
    if bentuk not in MIME:
        raise InputTidakValid("Format tidak dikenal", fields={"format": "harus salah satu dari: docx, pdf"})
    if bentuk == "pdf" and not current_app.config.get("PDF_AKTIF", True):
        raise KonversiGagal("Pembuatan PDF tidak diaktifkan di server ini; minta format docx.")
    data = _logo_dari_profil(_badan_json(), pengguna)
    dok = layanan.buat_dokumen(pengguna, slug, data, pdf=bentuk == "pdf")
    kunci = kunci_berkas(dok.berkas_pdf if bentuk == "pdf" else dok.berkas_docx)
    if kunci is None:  # cannot happen unless storage lost the file
        raise DocgenError("Berkas dokumen tidak tersimpan.", status=503)
    # Sent from memory (documents are small): no file handle is left for the server to close.
    resp = send_file(io.BytesIO(penyimpanan().baca(kunci)), mimetype=MIME[bentuk], as_attachment=True,
                     download_name=f"{slug}-{dok.id}.{bentuk}", conditional=False, etag=False, last_modified=None,
                     max_age=None)
    resp.headers["X-Dokumen-Id"] = str(dok.id)
    resp.headers["X-Dokumen-Status"] = dok.status or "konsep"
    _header_peringatan(resp, list(dok.peringatan or []))
    return resp


@bp.post("/dokumen/<int:dokumen_id>/final")
def final(dokumen_id: int):
    """Finalise a stored document: its number from the register, the QR code, PDF and hashes."""
    pengguna = g.pengguna_api
    dok = layanan.dokumen_boleh(pengguna, dokumen_id)
    badan = _badan_json() if request.get_data(cache=True).strip() else {}
    seri, cara = badan.get("seri", ""), badan.get("cara", "otomatis")
    if not isinstance(seri, str) or not isinstance(cara, str):
        raise InputTidakValid("Data masukan tidak sah", fields={"seri" if not isinstance(seri, str) else "cara":
                                                                "harus teks"})
    dok, keterangan = finalisasi.finalkan(pengguna, dok, url_dasar=url_dasar(), seri_kode=seri, cara=cara)
    return {"id": dok.id, "status": dok.status, "nomor_surat": dok.nomor_surat,
            "url_verifikasi": f"{url_dasar()}/verifikasi/{dok.kode_verifikasi}",
            "sha256_docx": dok.sha256_docx, "sha256_pdf": dok.sha256_pdf,
            "difinalkan": dok.difinalkan.isoformat() if dok.difinalkan else None, "keterangan": keterangan}


@bp.post("/capaian")
def capaian():
    """The capaian table of DataKinerja JSON (bare, or under a "kinerja" key like the CLI accepts)."""
    pengguna = g.pengguna_api
    if not peran.boleh(pengguna.peran, peran.Aksi.LIHAT_CAPAIAN):
        raise DocgenError("Peran Anda tidak berwenang melihat capaian kinerja.", status=403)
    mentah = _badan_json()
    if isinstance(mentah.get("kinerja"), dict):
        mentah = mentah["kinerja"]
    mentah, peringatan = kinerja.terapkan_pengaturan(pengguna.instansi, mentah)  # rated as on the capaian page
    data = validasi(DataKinerja, mentah, peringatan)
    resp = jsonify({"baris": capaian_tabel.ke_json(data)})
    _header_peringatan(resp, peringatan)
    return resp


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API (public: it holds no data)."""
    return dokumen_openapi()
