"""Making documents for the web and the API: prefill from agency data, render, convert, store, record; drafts.

No request code here: views hand in the user and the input; errors are DocgenError with an Indonesian message.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from docgen import documents, tata_letak
from docgen.errors import DocgenError, TidakDitemukan
from docgen.render import render
from web import tugas
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, Draf, Pengguna, SeriNomor
from web.inti.penyimpanan import BerkasBaru, kunci_rujukan, tanpa_path
from web.layanan import audit, kinerja, siklus, templat
from web.layanan import pdf as layanan_pdf
from web.layanan.instansi import kunci_logo, path_logo, profil_instansi

# Sections the agency profile and plan fill in; the form does not ask for them.
DARI_INSTANSI = frozenset({"instansi", "kinerja"})
# Document types made in the background by default, with the expected seconds (for the progress estimate).
LATAR = {"lkjip": 8.0}
PANJANG_PERIHAL = 90  # characters of the subject shown in lists


def perihal_pendek(dok: Dokumen) -> str:
    """What a document is about (recorded from its type's hook when it was rendered), shortened for a list."""
    v = " ".join((dok.perihal or "").split())
    return v if len(v) <= PANJANG_PERIHAL else v[:PANJANG_PERIHAL - 1].rstrip() + "…"


def catat_ringkasan(dok: Dokumen, jenis: documents.JenisDokumen, model: Any, templat_: templat.TemplatTerpilih
                    ) -> documents.Ringkasan:
    """Record on the row what the rendered paper is (its type's hooks: subject, date) and its template."""
    r = jenis.ringkasan(model)
    dok.perihal, dok.tanggal = r.perihal, r.tanggal
    dok.templat_sumber, dok.templat_sha256 = templat_.sumber, templat_.sha256
    return r


def lengkapi(slug: str, data: dict[str, Any], pengguna: Pengguna,
             peringatan: list[str] | None = None) -> dict[str, Any]:
    """Fill what the agency already knows when the input leaves it out: instansi, and kinerja for SAKIP papers.

    The agency's stored logo is always the one used (a logo path is never taken from the input), and kinerja is
    rated with the agency's capaian settings (web.layanan.kinerja); a replaced setting and a recorded logo missing
    from the store are added to `peringatan`."""
    data = copy.deepcopy(data)
    props = documents.dapatkan(slug).schema().get("properties", {})
    inst = pengguna.instansi
    if "instansi" in props and inst.logo and kunci_logo(inst) is None and peringatan is not None:
        peringatan.append(f"instansi.logo: berkas logo instansi ({kunci_rujukan(inst.logo) or 'tidak sah'}) tidak ada "
                          "di penyimpanan; dokumen dibuat tanpa logo. Admin dapat mengunggah logo lagi di Profil.")
    if "instansi" in props and "instansi" not in data:
        data["instansi"] = profil_instansi(inst)
    elif isinstance(data.get("instansi"), dict):
        data["instansi"].pop("logo", None)
        logo = path_logo(inst)
        if logo:
            data["instansi"]["logo"] = logo
    if "kinerja" in props:
        if "kinerja" not in data:
            dari_rencana = kinerja.data_dokumen(inst)
            if dari_rencana is not None:
                data["kinerja"] = dari_rencana
        elif isinstance(data["kinerja"], dict):
            data["kinerja"], ganti = kinerja.terapkan_pengaturan(inst, data["kinerja"])
            if peringatan is not None:
                peringatan.extend(ganti)
    return data


def jenis_boleh(pengguna: Pengguna, slug: str) -> documents.JenisDokumen:
    """The type `slug` when the user's role may make it. Raises TidakDitemukan (404), DocgenError 403."""
    jenis = documents.dapatkan(slug)
    if not peran.boleh_membuat(pengguna.peran, slug):
        raise DocgenError(f"Peran Anda tidak berwenang membuat {jenis.judul}.", status=403)
    return jenis


def buat_dokumen(pengguna: Pengguna, slug: str, data: dict[str, Any], *, pdf: bool = True,
                 siklus_id: int | None = None, langkah_no: int | None = None, periksa_peran: bool = True,
                 dalam_transaksi: bool = False) -> Dokumen:
    """Validate, render and store one document for `pengguna`; record who made it and when, and the cycle step
    that produced it (`siklus_id`, `langkah_no`). `periksa_peran=False` is for documents the app makes itself
    (the lembar disposisi of a cycle decision).

    Raises DocgenError: 403 when the role may not make this type, 404 for a cycle step not of the user's agency,
    422 with the fields on bad input, 503 when the PDF cannot be made, PenyimpananPenuh (507) on a full disk.
    The files are stored before the commit; when anything fails no file is left and the session is rolled back.
    `dalam_transaksi=True`: the caller's uncommitted changes are committed with the document; on failure only the
    new row is withdrawn (the caller then commits or rolls back: a document is never stored without its files).
    """
    jenis = jenis_boleh(pengguna, slug) if periksa_peran else documents.dapatkan(slug)
    if siklus_id is not None or langkah_no is not None:
        siklus.tautan_langkah(pengguna, siklus_id, langkah_no)
    peringatan: list[str] = []
    with tanpa_path():  # a message about the logo names its key, not where the store keeps it
        lengkap = lengkapi(slug, data, pengguna, peringatan)
        dipakai = templat.pilih(pengguna.instansi_id, slug)  # the agency's own template, if any
        hasil = render(jenis, lengkap, templates_dir=Path(current_app.config["TEMPLATES_DOCX"]), templat=dipakai.isi)
    # Converted before the row is written: no database lock is held while LibreOffice (or a worker) works.
    isi_pdf = None
    if pdf and current_app.config.get("PDF_AKTIF", True):
        isi_pdf = layanan_pdf.ke_pdf(hasil.docx, pemilik=pengguna.id, instansi_id=pengguna.instansi_id)
    db = sesi()
    dok = Dokumen(instansi_id=pengguna.instansi_id, slug=slug, judul=jenis.judul, data=data,
                  berkas_docx="", dibuat_oleh=pengguna.id,
                  peringatan=[*peringatan, *hasil.peringatan, *(tata_letak.peringatan(isi_pdf) if isi_pdf else [])],
                  dibuat=waktu.sekarang(), siklus_id=siklus_id, langkah_no=langkah_no)
    catat_ringkasan(dok, jenis, hasil.data, dipakai)
    db.add(dok)
    db.flush()
    try:
        with BerkasBaru() as baru:
            dok.berkas_docx = baru.simpan(f"dokumen/{dok.id}/{slug}.docx", hasil.docx)
            if isi_pdf is not None:
                dok.berkas_pdf = baru.simpan(f"dokumen/{dok.id}/{slug}.pdf", isi_pdf)
            db.commit()
    except BaseException:
        if dalam_transaksi:
            _tarik(dok)
        else:
            db.rollback()  # ends the write transaction at once (a job records its failure on another connection)
        raise
    audit.catat("dokumen.buat", "dokumen", dok.id, {"jenis": slug, "siklus": siklus_id, "langkah": langkah_no},
                pengguna=pengguna)
    return dok


def _tarik(dok: Dokumen) -> None:
    """Take a document row that never got its files out of the open transaction (best effort)."""
    db = sesi()
    try:
        if dok in db:
            db.delete(dok)
            db.flush()
    except Exception:  # the transaction is already broken: the caller's rollback discards the row anyway
        pass


def dokumen_boleh(pengguna: Pengguna, dokumen_id: int) -> Dokumen:
    """A document the user may see (web.inti.peran.boleh_lihat_dokumen). Raises TidakDitemukan (404) otherwise, so
    nobody learns which ids exist."""
    dok = sesi().get(Dokumen, dokumen_id)
    if dok is None or not peran.boleh_lihat_dokumen(pengguna, dok):
        raise TidakDitemukan("Dokumen tidak ditemukan.")
    return dok


# -- drafts and prefill --------------------------------------------------------------------------------------------


def draf(pengguna: Pengguna, slug: str) -> Draf | None:
    """The user's saved draft of a type."""
    return sesi().scalar(select(Draf).where(Draf.pengguna_id == pengguna.id, Draf.slug == slug))


def daftar_draf(pengguna: Pengguna) -> set[str]:
    """Slugs of the types the user has a draft of."""
    return set(sesi().scalars(select(Draf.slug).where(Draf.pengguna_id == pengguna.id)))


def simpan_draf(pengguna: Pengguna, slug: str, mentah: dict[str, Any]) -> None:
    """Store the form as typed (one draft per user and type; no validation) and commit."""
    d = draf(pengguna, slug)
    if d is None:
        sesi().add(Draf(pengguna_id=pengguna.id, slug=slug, data=mentah, diubah=waktu.sekarang()))
    else:
        d.data = mentah
        d.diubah = waktu.sekarang()
    sesi().commit()


def hapus_draf(pengguna: Pengguna, slug: str) -> None:
    """Drop the user's draft of a type (if any) and commit."""
    d = draf(pengguna, slug)
    if d is not None:
        sesi().delete(d)
        sesi().commit()


def isian_awal(pengguna: Pengguna, slug: str, medan: dict[str, str]) -> dict[str, Any]:
    """Prefill a new form: the agency's first official signs, today's date, the agency's number series.

    `medan` maps the form's top-level fields to their kind ('tanggal', 'objek', ...)."""
    awal: dict[str, Any] = {}
    inst = pengguna.instansi
    if "penandatangan" in medan and inst.pejabat:
        awal["penandatangan"] = dict(inst.pejabat[0].data)
    if medan.get("tanggal") == "tanggal":
        awal["tanggal"] = waktu.hari_ini(inst).isoformat()
    if medan.get("nomor") == "objek":
        seri = sesi().scalar(select(SeriNomor).where(SeriNomor.instansi_id == inst.id, SeriNomor.kode == slug))
        if seri is not None:
            awal["nomor"] = {"pola": seri.pola, "kode_klasifikasi": seri.kode_klasifikasi,
                             "kode_unit": seri.kode_unit}
    return awal


# -- in the background ---------------------------------------------------------------------------------------------


def mulai_latar(pengguna: Pengguna, slug: str, data: dict[str, Any], tautan: dict[str, int] | None = None
                ) -> tugas.Tugas:
    """Start making the document in the background (a thread here, or a `docgen worker` with Redis)."""
    return tugas.mulai("dokumen", {"slug": slug, "data": data, "tautan": dict(tautan or {})}, pemilik=pengguna.id,
                       instansi_id=pengguna.instansi_id, slug=slug, perkiraan_detik=LATAR.get(slug, 3.0))


def kerjakan(argumen: dict[str, Any], lapor: tugas.Laporan) -> int:
    """Job kind "dokumen": make `argumen["slug"]` from `argumen["data"]` for the user who started the job; the
    job is marked done in the transaction that stores the document, then the user's draft is dropped."""
    slug = argumen["slug"]
    lapor.tahap(10, "Menyusun dokumen: tabel, grafik dan analisis…")
    pengguna = sesi().get(Pengguna, lapor.pemilik)
    if pengguna is None or not pengguna.is_active:
        raise DocgenError("Akun tidak aktif.", status=403)
    with lapor.selesai_bersama(sesi(), Dokumen):
        dok = buat_dokumen(pengguna, slug, argumen["data"], **argumen.get("tautan", {}))
    hapus_draf(pengguna, slug)
    return dok.id


def tugas_milik(pengguna: Pengguna, tugas_id: str, *, awalan: str = "") -> tugas.Tugas:
    """A job the user started (its slug starting with `awalan`). Raises TidakDitemukan for any other."""
    t = tugas.dapatkan(tugas_id)
    if t is None or t.pemilik != pengguna.id or not t.slug.startswith(awalan):
        raise TidakDitemukan("Tugas tidak ditemukan (mungkin sudah kedaluwarsa).")
    return t

