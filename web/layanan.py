"""Generating documents for the web and the API: prefill from agency data, render, convert, store, record."""

from __future__ import annotations

import atexit
import contextlib
import copy
import datetime as dt
import threading
import uuid
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select

from docgen import documents
from docgen.convert import MAKS_KONVERSI, Konverter
from docgen.errors import DocgenError, KonversiGagal
from docgen.render import render
from web import peran
from web.db import sesi
from web.models import Dokumen, Instansi, Pengguna, RencanaKinerja
from web.penyimpanan import BerkasBaru, kunci_berkas, penyimpanan

_kunci_konverter = threading.Lock()


def konverter(app: Flask) -> tuple[Konverter, threading.Lock]:
    """Return this process's LibreOffice (started on first use, reused) and the lock guarding it."""
    with _kunci_konverter:
        if "docgen_konverter" not in app.extensions:
            k = Konverter(timeout=app.config.get("PDF_TIMEOUT", 300),
                          maks_konversi=app.config.get("PDF_MAKS_KONVERSI", MAKS_KONVERSI))
            app.extensions["docgen_konverter"] = (k, threading.Lock())
            atexit.register(k.close)
        return app.extensions["docgen_konverter"]


def ke_pdf(docx: bytes, *, pemilik: int, instansi_id: int) -> bytes:
    """Return the PDF of a .docx: converted by this process's LibreOffice, or, when REDIS_URL is set and this is a
    web process, by a `docgen worker` (a "pdf" job for user `pemilik`; the request waits for it).

    Raises KonversiGagal (503) with the worker's message (a timeout, a failed conversion) or when no worker
    finished it within PDF_TUNGGU seconds.
    """
    from web import tugas

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not tugas.mode_redis(app) or app.config.get("DOCGEN_PEKERJA"):
        k, kunci = konverter(app)
        with kunci:
            return k.ke_pdf(docx)
    db = sesi()
    if not (db.new or db.dirty or db.deleted):
        db.commit()  # end the request's read-only transaction: its pooled connection is free while a worker converts
    store = penyimpanan(app)
    nama = f"antrean/{uuid.uuid4().hex}"
    kunci_docx, kunci_pdf = store.simpan(f"{nama}.docx", docx), f"{nama}.pdf"
    try:
        t = tugas.mulai("pdf", {"docx": kunci_docx, "pdf": kunci_pdf}, pemilik=pemilik, instansi_id=instansi_id,
                        slug="pdf", perkiraan_detik=2, app=app)
        batas = float(app.config.get("PDF_TUNGGU") or app.config.get("PDF_TIMEOUT", 300) + 60)
        t = tugas.tunggu(t.id, batas, app=app)
        if t.status == "selesai":
            return store.baca(kunci_pdf)
        if t.status in ("menunggu", "berjalan"):
            tugas.batalkan(t.id, app=app)
            raise KonversiGagal(f"Pekerja PDF belum selesai dalam {batas:g} detik (antrean sedang penuh atau tidak "
                                "ada `docgen worker` yang berjalan). Coba lagi beberapa saat lagi.")
        raise KonversiGagal(t.pesan or "PDF tidak dapat dibuat.")
    finally:
        for kunci in (kunci_docx, kunci_pdf):
            with contextlib.suppress(OSError):
                store.hapus(kunci)


def kerjakan_pdf(argumen: dict[str, Any], lapor: Any) -> None:
    """Job kind "pdf": convert the stored .docx `argumen["docx"]` and store the PDF under `argumen["pdf"]`."""
    store = penyimpanan()
    lapor.tahap(10, "Mengonversi ke PDF…")
    isi = ke_pdf(store.baca(argumen["docx"]), pemilik=lapor.pemilik, instansi_id=lapor.instansi_id)
    lapor.periksa_batal()
    store.simpan(argumen["pdf"], isi)
    return None


def kunci_logo(inst: Instansi) -> str | None:
    """The store key of the agency's logo; None without one (or when the record names a file outside logo/)."""
    kunci = kunci_berkas(inst.logo)
    return kunci if kunci is not None and kunci.startswith("logo/") else None


def path_logo(inst: Instansi) -> str | None:
    """The agency's stored logo as a file path for docgen (which reads it from disk); None without a logo."""
    kunci = kunci_logo(inst)
    return str(penyimpanan().path_lokal(kunci)) if kunci is not None else None


def profil_instansi(inst: Instansi) -> dict[str, Any]:
    """The agency block as the document schemas expect it (with the stored logo's path)."""
    profil = copy.deepcopy(inst.profil)
    profil.pop("logo", None)
    logo = path_logo(inst)
    if logo:
        profil["logo"] = logo
    return profil


def rencana_terbaru(inst: Instansi) -> RencanaKinerja | None:
    """The agency's most recent year of plan and realisasi."""
    return sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.instansi_id == inst.id)
                         .order_by(RencanaKinerja.tahun.desc()))


def lengkapi(slug: str, data: dict[str, Any], pengguna: Pengguna) -> dict[str, Any]:
    """Fill what the agency already knows when the input leaves it out: instansi, and kinerja for SAKIP papers."""
    data = copy.deepcopy(data)
    schema = documents.dapatkan(slug).schema()
    props = schema.get("properties", {})
    if "instansi" in props and "instansi" not in data:
        data["instansi"] = profil_instansi(pengguna.instansi)
    elif isinstance(data.get("instansi"), dict):
        # A logo is a server file path: never take it from the request, always the agency's stored logo.
        data["instansi"].pop("logo", None)
        logo = path_logo(pengguna.instansi)
        if logo:
            data["instansi"]["logo"] = logo
    if "kinerja" in props and "kinerja" not in data:
        rk = rencana_terbaru(pengguna.instansi)
        if rk is not None:
            data["kinerja"] = copy.deepcopy(rk.data)
    return data


def boleh_membuat(pengguna: Pengguna, slug: str) -> bool:
    return slug in peran.jenis_boleh(pengguna.peran)


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
    jenis = documents.dapatkan(slug)
    if periksa_peran and not boleh_membuat(pengguna, slug):
        raise DocgenError(f"Peran Anda tidak berwenang membuat {jenis.judul}.", status=403)
    if siklus_id is not None or langkah_no is not None:
        from web.siklus_layanan import tautan_langkah

        tautan_langkah(pengguna, siklus_id, langkah_no)
    lengkap = lengkapi(slug, data, pengguna)
    from web import audit, templat

    hasil = render(jenis, lengkap, templates_dir=Path(current_app.config["TEMPLATES_DOCX"]),
                   templat=templat.untuk(pengguna.instansi_id, slug))  # the agency's own template, if any
    # Converted before the row is written: no database lock is held while LibreOffice (or a worker) works.
    isi_pdf = None
    if pdf and current_app.config.get("PDF_AKTIF", True):
        isi_pdf = ke_pdf(hasil.docx, pemilik=pengguna.id, instansi_id=pengguna.instansi_id)
    db = sesi()
    dok = Dokumen(instansi_id=pengguna.instansi_id, slug=slug, judul=jenis.judul, data=data,
                  berkas_docx="", peringatan=hasil.peringatan, dibuat_oleh=pengguna.id,
                  dibuat=dt.datetime.now(dt.UTC), siklus_id=siklus_id, langkah_no=langkah_no)
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
