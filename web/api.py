"""The JSON API under /api/v1: bearer tokens, document types and schemas, documents, capaian, OpenAPI."""

from __future__ import annotations

import copy
import functools
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
from web import errors, layanan, peran
from web.auth import csrf, pengguna_dari_token
from web.penyimpanan import kunci_berkas, penyimpanan

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
KEDALAMAN_MAKS = 64  # nesting levels a request body may have (the schemas need far fewer)
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
    pengguna = pengguna_dari_token(token)
    if pengguna is None:
        return _tanpa_izin("Token API tidak sah atau penggunanya tidak aktif.",
                           'Bearer realm="docgen", error="invalid_token"')
    g.pengguna_api = pengguna
    return None


@bp.after_request
def _jangan_simpan(resp):
    resp.headers["Cache-Control"] = "no-store"  # answers depend on the token; documents are personal
    return resp


# -- reading the body --------------------------------------------------------------------------------------------


def _kedalaman(nilai: Any) -> int:
    """Nesting depth of a parsed JSON value (iterative, so a deep body cannot exhaust the stack)."""
    terdalam = 0
    tumpukan = [(nilai, 1)]
    while tumpukan:
        v, d = tumpukan.pop()
        if isinstance(v, dict):
            terdalam = max(terdalam, d)
            tumpukan.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            terdalam = max(terdalam, d)
            tumpukan.extend((x, d + 1) for x in v)
    return terdalam


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
    if _kedalaman(data) > KEDALAMAN_MAKS:
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
        logo_profil = layanan.profil_instansi(pengguna.instansi).get("logo")
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
    jenis_dok = documents.dapatkan(slug)  # 404 first, then 403, then the body
    if not layanan.boleh_membuat(pengguna, slug):
        raise DocgenError(f"Peran Anda tidak berwenang membuat {jenis_dok.judul}.", status=403)
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
    from web.db import sesi
    from web.finalisasi import finalkan
    from web.models import Dokumen
    from web.verifikasi import url_dasar

    pengguna = g.pengguna_api
    dok = sesi().get(Dokumen, dokumen_id)
    if dok is None or dok.instansi_id != pengguna.instansi_id or (
            dok.dibuat_oleh != pengguna.id and pengguna.peran not in peran.LIHAT_SEMUA_DOKUMEN
            and dok.siklus_id is None):
        raise DocgenError("Dokumen tidak ditemukan.", status=404)
    badan = _badan_json() if request.get_data(cache=True).strip() else {}
    seri, cara = badan.get("seri", ""), badan.get("cara", "otomatis")
    if not isinstance(seri, str) or not isinstance(cara, str):
        raise InputTidakValid("Data masukan tidak sah", fields={"seri" if not isinstance(seri, str) else "cara":
                                                                "harus teks"})
    dok, keterangan = finalkan(pengguna, dok, url_dasar=url_dasar(), seri_kode=seri, cara=cara)
    return {"id": dok.id, "status": dok.status, "nomor_surat": dok.nomor_surat,
            "url_verifikasi": f"{url_dasar()}/verifikasi/{dok.kode_verifikasi}",
            "sha256_docx": dok.sha256_docx, "sha256_pdf": dok.sha256_pdf,
            "difinalkan": dok.difinalkan.isoformat() if dok.difinalkan else None, "keterangan": keterangan}


@bp.post("/capaian")
def capaian():
    """The capaian table of DataKinerja JSON (bare, or under a "kinerja" key like the CLI accepts)."""
    if g.pengguna_api.peran not in peran.LIHAT_CAPAIAN:
        raise DocgenError("Peran Anda tidak berwenang melihat capaian kinerja.", status=403)
    mentah = _badan_json()
    if isinstance(mentah.get("kinerja"), dict):
        mentah = mentah["kinerja"]
    peringatan: list[str] = []
    data = validasi(DataKinerja, mentah, peringatan)
    resp = jsonify({"baris": capaian_tabel.ke_json(data)})
    _header_peringatan(resp, peringatan)
    return resp


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API (public: it holds no data)."""
    return dokumen_openapi()


# -- OpenAPI -----------------------------------------------------------------------------------------------------

_REF_DEFS = "#/$defs/"
_REF_KOMPONEN = "#/components/schemas/"


def _ganti_ref(nilai: Any, nama: dict[str, str]) -> Any:
    """Copy of a schema with `#/$defs/X` references pointed at the hoisted components."""
    if isinstance(nilai, dict):
        hasil = {}
        for k, v in nilai.items():
            if k == "$ref" and isinstance(v, str) and v.startswith(_REF_DEFS):
                hasil[k] = _REF_KOMPONEN + nama[v[len(_REF_DEFS):]]
            else:
                hasil[k] = _ganti_ref(v, nama)
        return hasil
    if isinstance(nilai, list):
        return [_ganti_ref(v, nama) for v in nilai]
    return nilai


def angkat_defs(schema: dict[str, Any], komponen: dict[str, Any], awalan: str) -> dict[str, Any]:
    """Hoist a docgen schema's `$defs` into `komponen` (components/schemas) as `awalan.Name`; return the schema
    without them, every `#/$defs/Name` rewritten to `#/components/schemas/awalan.Name`.

    `$id` is dropped: it would make the references resolve against `docgen:slug` instead of this document.
    """
    s = copy.deepcopy(schema)
    defs: dict[str, Any] = s.pop("$defs", {})
    s.pop("$id", None)
    if any("$defs" in d for d in defs.values()):
        raise ValueError("nested $defs are not supported")
    nama = {n: f"{awalan}.{n}" for n in defs}
    for n, d in defs.items():
        if nama[n] in komponen:
            raise ValueError(f"component {nama[n]} defined twice")
        komponen[nama[n]] = _ganti_ref(d, nama)
    return _ganti_ref(s, nama)


def _galat(keterangan: str) -> dict[str, Any]:
    return {"description": keterangan,
            "content": {"application/json": {"schema": {"$ref": _REF_KOMPONEN + "Galat"}}}}


@functools.cache
def dokumen_openapi() -> dict[str, Any]:
    """Build the OpenAPI 3.1 document (request schemas straight from docgen, `$defs` hoisted to components)."""
    komponen: dict[str, Any] = {
        "Galat": {
            "type": "object",
            "description": "Bentuk setiap galat: pesan Indonesia dan, per jalur kolom, pesan kolomnya.",
            "required": ["error", "fields"],
            "additionalProperties": False,
            "properties": {
                "error": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
        "Jenis": {
            "type": "object",
            "required": ["slug", "judul", "keterangan", "schema"],
            "properties": {"slug": {"type": "string"}, "judul": {"type": "string"},
                           "keterangan": {"type": "string"},
                           "schema": {"type": "string", "description": "Jalur JSON Schema masukannya"}},
        },
    }
    slugs = [j.slug for j in documents.semua()]
    masukan_ref = []
    for j in documents.semua():
        s = angkat_defs(j.schema(), komponen, j.slug)
        # The API fills these from the agency when they are left out.
        s["required"] = [r for r in s.get("required", []) if r not in ("instansi", "kinerja")]
        nama = f"Masukan.{j.slug}"
        komponen[nama] = s
        masukan_ref.append({"$ref": _REF_KOMPONEN + nama})
    nama_kinerja = "capaian.DataKinerja"
    komponen[nama_kinerja] = angkat_defs(DataKinerja.model_json_schema(), komponen, "capaian")
    baris_capaian = {
        "type": "object",
        "properties": {
            "kode": {"type": "string"}, "sasaran": {"type": "string"}, "indikator": {"type": "string"},
            "satuan": {"type": "string"},
            "target": {"oneOf": [{"type": ["number", "null"]},
                                 {"type": "array", "items": {"type": ["number", "null"]},
                                  "minItems": 2, "maxItems": 2}],
                       "description": "Angka, atau [bawah, atas] untuk polaritas rentang"},
            "realisasi": {"type": ["number", "null"]},
            "capaian": {"type": ["number", "null"]},
            "predikat": {"type": "string"},
            "keterangan": {"type": "string"},
            "capaian_triwulan": {"type": "array", "items": {"type": ["number", "null"]}},
        },
    }
    komponen["BarisCapaian"] = baris_capaian
    komponen["DokumenFinal"] = {
        "type": "object",
        "required": ["id", "status", "nomor_surat", "url_verifikasi", "sha256_docx", "sha256_pdf"],
        "properties": {"id": {"type": "integer"}, "status": {"type": "string", "enum": ["final"]},
                       "nomor_surat": {"type": "string"}, "url_verifikasi": {"type": "string"},
                       "sha256_docx": {"type": "string"}, "sha256_pdf": {"type": "string"},
                       "difinalkan": {"type": ["string", "null"], "format": "date-time"},
                       "keterangan": {"type": "string"}},
    }

    param_slug = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string", "enum": slugs}}
    h_peringatan = {"description": "Peringatan (dokumen tetap dibuat): daftar dipisah koma, tiap butir "
                                   "teks UTF-8 yang di-percent-encode", "schema": {"type": "string"}}
    e401 = _galat("Token tidak ada atau tidak sah")
    e401["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"}}
    e = {
        "401": e401,
        "403": _galat("Peran pengguna token tidak berwenang"),
        "404": _galat("Rute atau jenis dokumen tidak dikenal"),
        "405": _galat("Metode tidak diizinkan"),
        "413": _galat("Badan permintaan terlalu besar (paling besar 10 MB)"),
        "409": _galat("Dokumen sudah final"),
        "422": _galat("Masukan tidak sah; `fields` memetakan jalur kolom ke pesannya"),
        "503": _galat("PDF tidak dapat dibuat"),
        "507": _galat("Ruang penyimpanan server penuh; tidak ada yang disimpan, dokumen lama tetap utuh"),
    }

    def galat(*kode: str) -> dict[str, Any]:
        return {k: {"$ref": f"#/components/responses/Galat{k}"} for k in kode}

    return {
        "openapi": "3.1.0",
        "info": {"title": "docgen API", "version": "1",
                 "description": "Dokumen SAKIP dan naskah dinas dari data terstruktur. Token dibuat dengan "
                                "`docgen token create USERNAME`."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": {
            "/jenis": {"get": {
                "operationId": "daftarJenis", "summary": "Jenis dokumen yang boleh dibuat pengguna token",
                "responses": {"200": {"description": "Daftar jenis", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["jenis"],
                    "properties": {"jenis": {"type": "array", "items": {"$ref": _REF_KOMPONEN + "Jenis"}}}}}}},
                    **galat("401", "405")},
            }},
            "/jenis/{slug}/schema": {"get": {
                "operationId": "schemaJenis", "summary": "JSON Schema masukan (sama dengan `docgen schema`)",
                "parameters": [param_slug],
                "responses": {"200": {"description": "JSON Schema 2020-12",
                                      "content": {"application/json": {"schema": {"type": "object"}}}},
                              **galat("401", "404", "405")},
            }},
            "/dokumen/{slug}": {"post": {
                "operationId": "buatDokumen",
                "summary": "Buat dan simpan satu dokumen; kembalikan .docx atau PDF",
                "description": "`instansi` dan `kinerja` boleh dihilangkan: diisi dari profil dan rencana kinerja "
                               "instansi. `instansi.logo` tidak boleh diisi: logo selalu dari profil instansi.",
                "parameters": [param_slug, {"name": "format", "in": "query", "required": False,
                                            "schema": {"type": "string", "enum": ["docx", "pdf"],
                                                       "default": "docx"}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "anyOf": masukan_ref,
                    "description": "Skema komponen `Masukan.<slug>` untuk slug di jalur ini"}}}},
                "responses": {
                    "200": {"description": "Dokumen sebagai lampiran `<slug>-<id>.docx` atau `.pdf`",
                            "headers": {"X-Dokumen-Id": {"description": "Id dokumen tersimpan",
                                                         "schema": {"type": "integer"}},
                                        "X-Dokumen-Status": {"description": "konsep (nomor dan kode QR diberikan "
                                                                            "saat difinalkan)",
                                                             "schema": {"type": "string"}},
                                        "X-Peringatan": h_peringatan},
                            "content": {MIME["docx"]: {"schema": {"type": "string", "format": "binary"}},
                                        MIME["pdf"]: {"schema": {"type": "string", "format": "binary"}}}},
                    **galat("401", "403", "404", "405", "413", "422", "503", "507")},
            }},
            "/dokumen/{dokumen_id}/final": {"post": {
                "operationId": "finalkanDokumen",
                "summary": "Finalkan dokumen: nomor dari register, kode QR verifikasi, PDF dan SHA-256",
                "description": "Nomor diambil dari register bila isian `nomor` berpola tanpa `urut`; nomor yang "
                               "diketik dipakai apa adanya. Dokumen final tidak dapat difinalkan lagi (409).",
                "parameters": [{"name": "dokumen_id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "requestBody": {"required": False, "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": False,
                    "properties": {"seri": {"type": "string", "description": "Kode seri nomor (bawaan: yang cocok "
                                                                             "dengan pola isian)"},
                                   "cara": {"type": "string", "enum": ["otomatis", "biasa", "sisip"],
                                            "default": "otomatis"}}}}}},
                "responses": {
                    "200": {"description": "Dokumen final", "content": {"application/json": {"schema": {
                        "$ref": _REF_KOMPONEN + "DokumenFinal"}}}},
                    **galat("401", "403", "404", "405", "409", "413", "422", "503", "507")},
            }},
            "/capaian": {"post": {
                "operationId": "hitungCapaian", "summary": "Tabel capaian kinerja per indikator",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "$ref": _REF_KOMPONEN + nama_kinerja}}}},
                "responses": {
                    "200": {"description": "Satu baris per indikator",
                            "headers": {"X-Peringatan": h_peringatan},
                            "content": {"application/json": {"schema": {
                                "type": "object", "required": ["baris"],
                                "properties": {"baris": {"type": "array",
                                                         "items": {"$ref": _REF_KOMPONEN + "BarisCapaian"}}}}}}},
                    **galat("401", "403", "405", "413", "422")},
            }},
            "/openapi.json": {"get": {
                "operationId": "openapi", "summary": "Dokumen OpenAPI ini", "security": [],
                "responses": {"200": {"description": "OpenAPI 3.1",
                                      "content": {"application/json": {"schema": {"type": "object"}}}},
                              **galat("405")},
            }},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "Token dari `docgen token create USERNAME`"}},
            "schemas": komponen,
            "responses": {f"Galat{k}": v for k, v in e.items()},
        },
    }
