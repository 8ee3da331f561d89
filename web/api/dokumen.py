"""API routes of document types and documents: the types a token may make, their schemas, making one, reading and
downloading a stored one, finalising it; and the OpenAPI document."""

from __future__ import annotations

import io

from flask import current_app, request, send_file, url_for

from docgen import documents
from docgen.errors import DocgenError, InputTidakValid, KonversiGagal, TidakDitemukan
from web.api.dasar import Isian, badan_json, bp, dokumen_json, header_peringatan, logo_dari_profil, pengguna
from web.api.openapi import MIME, dokumen_openapi
from web.inti import peran
from web.inti.alamat import url_dasar
from web.inti.penyimpanan import kunci_berkas, penyimpanan
from web.layanan import audit, finalisasi
from web.layanan import dokumen as layanan


def _format() -> str:
    bentuk = request.args.get("format", "docx")
    if bentuk not in MIME:
        raise InputTidakValid("Format tidak dikenal", fields={"format": "harus salah satu dari: docx, pdf"})
    return bentuk


def kirim_berkas(nilai: str | None, *, mime: str, nama: str):
    """A stored file as an attachment, sent from memory (documents are small: no file handle is left open)."""
    kunci = kunci_berkas(nilai)
    if kunci is None:
        raise TidakDitemukan("Berkas tidak ada di penyimpanan.")
    return send_file(io.BytesIO(penyimpanan().baca(kunci)), mimetype=mime, as_attachment=True, download_name=nama,
                     conditional=False, etag=False, last_modified=None, max_age=None)


@bp.get("/jenis")
def jenis():
    """The document types this token's user may make."""
    daftar = []
    for slug in peran.jenis_boleh(pengguna().peran):
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
    p = pengguna()
    layanan.jenis_boleh(p, slug)  # 404 first, then 403, then the body
    bentuk = _format()
    if bentuk == "pdf" and not current_app.config.get("PDF_AKTIF", True):
        raise KonversiGagal("Pembuatan PDF tidak diaktifkan di server ini; minta format docx.")
    data = logo_dari_profil(badan_json(), p)
    dok = layanan.buat_dokumen(p, slug, data, pdf=bentuk == "pdf")
    if kunci_berkas(dok.berkas_pdf if bentuk == "pdf" else dok.berkas_docx) is None:  # storage lost the file
        raise DocgenError("Berkas dokumen tidak tersimpan.", status=503)
    resp = kirim_berkas(dok.berkas_pdf if bentuk == "pdf" else dok.berkas_docx, mime=MIME[bentuk],
                        nama=f"{slug}-{dok.id}.{bentuk}")
    resp.headers["X-Dokumen-Id"] = str(dok.id)
    resp.headers["X-Dokumen-Status"] = dok.status or "konsep"
    header_peringatan(resp, list(dok.peringatan or []))
    return resp


@bp.get("/dokumen/<int:dokumen_id>")
def lihat_dokumen(dokumen_id: int):
    """A stored document the user may see (its maker, roles that see every document, a cycle's papers)."""
    return dokumen_json(layanan.dokumen_boleh(pengguna(), dokumen_id))


@bp.get("/dokumen/<int:dokumen_id>/unduh")
def unduh_dokumen(dokumen_id: int):
    """A stored document's .docx (or its PDF with ?format=pdf; 404 when it has none)."""
    dok = layanan.dokumen_boleh(pengguna(), dokumen_id)
    bentuk = _format()
    nilai = dok.berkas_pdf if bentuk == "pdf" else dok.berkas_docx
    resp = kirim_berkas(nilai, mime=MIME[bentuk], nama=f"{dok.slug}-{dok.id}.{bentuk}")
    audit.catat("dokumen.unduh", "dokumen", dok.id, {"format": bentuk, "jenis": dok.slug})
    return resp


@bp.post("/dokumen/<int:dokumen_id>/final")
def final(dokumen_id: int):
    """Finalise a stored document: its number from the register, the QR code, PDF and hashes."""
    p = pengguna()
    dok = layanan.dokumen_boleh(p, dokumen_id)
    isian = Isian(badan_json(boleh_kosong=True), ("seri", "cara"))
    seri, cara = isian.teks("seri"), isian.teks("cara", "otomatis")
    isian.periksa()
    dok, keterangan = finalisasi.finalkan(p, dok, url_dasar=url_dasar(), seri_kode=seri, cara=cara)
    return {"id": dok.id, "status": dok.status, "nomor_surat": dok.nomor_surat,
            "url_verifikasi": f"{url_dasar()}/verifikasi/{dok.kode_verifikasi}",
            "sha256_docx": dok.sha256_docx, "sha256_pdf": dok.sha256_pdf,
            "difinalkan": dok.difinalkan.isoformat() if dok.difinalkan else None, "keterangan": keterangan}


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API (public: it holds no data)."""
    return dokumen_openapi()
