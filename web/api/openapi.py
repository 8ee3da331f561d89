"""The OpenAPI 3.1 document of the JSON API: request schemas straight from docgen, `$defs` hoisted to components."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any

from docgen import documents
from docgen.kinerja import DataKinerja
from web.api import openapi_alur

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


_REF_DEFS = "#/$defs/"
_REF_KOMPONEN = "#/components/schemas/"


PILIHAN_KINERJA = {
    "tahun_kinerja": {"type": ["integer", "null"], "minimum": 2000, "maximum": 2100,
                      "description": "Tahun rencana kinerja yang dipakai bila `kinerja` dihilangkan; bawaan: tahun "
                                     "siklus, di luar siklus tahun lengkap terakhir yang tersimpan"},
    "triwulan_kinerja": {"type": ["integer", "null"], "minimum": 1, "maximum": 4,
                         "description": "Dilaporkan sampai triwulan ini; bawaan: triwulan siklus, null: sesuai data"},
}

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


def _operasi(slug: str) -> str:
    """operationId of making one type: 'nota-dinas' -> 'buatNotaDinas'."""
    return "buat" + "".join(b.capitalize() for b in slug.split("-"))


def _buat_dokumen(jenis: documents.JenisDokumen, h_peringatan: dict[str, Any],
                  galat: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    """The POST operation that makes a document of `jenis`: its body is that type's `Masukan.<slug>` schema."""
    return {
        "operationId": _operasi(jenis.slug),
        "summary": f"Buat dan simpan {jenis.judul}; kembalikan .docx atau PDF",
        "description": "`instansi` dan `kinerja` boleh dihilangkan: diisi dari profil dan rencana kinerja "
                       "instansi. `instansi.logo` tidak boleh diisi: logo selalu dari profil instansi.",
        "tags": ["dokumen"],
        "parameters": [{"name": "format", "in": "query", "required": False,
                        "schema": {"type": "string", "enum": ["docx", "pdf"], "default": "docx"}}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "$ref": f"{_REF_KOMPONEN}Masukan.{jenis.slug}"}}}},
        "responses": {
            "200": {"description": f"Dokumen sebagai lampiran `{jenis.slug}-<id>.docx` atau `.pdf`",
                    "headers": {"X-Dokumen-Id": {"description": "Id dokumen tersimpan",
                                                 "schema": {"type": "integer"}},
                                "X-Dokumen-Status": {"description": "konsep (nomor dan kode QR diberikan "
                                                                    "saat difinalkan)",
                                                     "schema": {"type": "string"}},
                                "X-Peringatan": h_peringatan},
                    "content": {MIME["docx"]: {"schema": {"type": "string", "format": "binary"}},
                                MIME["pdf"]: {"schema": {"type": "string", "format": "binary"}}}},
            **galat("401", "403", "404", "405", "413", "422", "503", "507")},
    }


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
    for j in documents.semua():
        s = angkat_defs(j.schema(), komponen, j.slug)
        # The API fills these from the agency when they are left out.
        s["required"] = [r for r in s.get("required", []) if r not in ("instansi", "kinerja")]
        if "kinerja" in s.get("properties", {}):  # which stored plan fills `kinerja` (web.layanan.isian)
            s["properties"] = {**s["properties"], **PILIHAN_KINERJA}
        nama = f"Masukan.{j.slug}"
        komponen[nama] = s
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
    openapi_alur.masukan_langkah(komponen)
    komponen.update(openapi_alur.komponen())
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
        "400": _galat("Parameter atau alamat memuat karakter kendali (mis. NUL)"),
        "401": e401,
        "403": _galat("Peran pengguna token tidak berwenang"),
        "404": _galat("Rute, jenis dokumen, atau objek instansi token (siklus, langkah, dokumen, tahun, nomor, "
                      "berkas, tugas) tidak ditemukan"),
        "405": _galat("Metode tidak diizinkan"),
        "413": _galat("Badan permintaan terlalu besar (paling besar 10 MB)"),
        "409": _galat("Bentrok dengan keadaan sekarang: dokumen sudah final, langkah siklus sudah diproses atau "
                      "siklus tidak berjalan, nomor sudah dibatalkan"),
        "422": _galat("Masukan tidak sah; `fields` memetakan jalur kolom (atau parameter) ke pesannya"),
        "503": _galat("PDF tidak dapat dibuat"),
        "507": _galat("Ruang penyimpanan server penuh; tidak ada yang disimpan, dokumen lama tetap utuh"),
    }

    def galat(*kode: str) -> dict[str, Any]:
        return {k: {"$ref": f"#/components/responses/Galat{k}"} for k in kode}

    # One path per document type, each with its own request schema, so that a generated client (or a test
    # generator) sends a body the type accepts; the server route is the single /dokumen/<slug>.
    jalur_dokumen = {f"/dokumen/{j.slug}": {"post": _buat_dokumen(j, h_peringatan, galat)}
                     for j in documents.semua()}

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
            **jalur_dokumen,
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
            **openapi_alur.jalur(galat, nama_kinerja),
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
