"""Generating documents for the web and the API: prefill from agency data, render, convert, store, record."""

from __future__ import annotations

import atexit
import copy
import datetime as dt
import threading
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select

from docgen import documents
from docgen.convert import Konverter
from docgen.errors import DocgenError
from docgen.render import render
from web import peran
from web.db import sesi
from web.models import Dokumen, Instansi, Pengguna, RencanaKinerja

_kunci_konverter = threading.Lock()


def konverter(app: Flask) -> tuple[Konverter, threading.Lock]:
    """Return this process's LibreOffice (started on first use, reused) and the lock guarding it."""
    with _kunci_konverter:
        if "docgen_konverter" not in app.extensions:
            k = Konverter(timeout=app.config.get("PDF_TIMEOUT", 300))
            app.extensions["docgen_konverter"] = (k, threading.Lock())
            atexit.register(k.close)
        return app.extensions["docgen_konverter"]


def profil_instansi(inst: Instansi) -> dict[str, Any]:
    """The agency block as the document schemas expect it (with the stored logo's path)."""
    profil = copy.deepcopy(inst.profil)
    profil.pop("logo", None)
    if inst.logo and Path(inst.logo).exists():
        profil["logo"] = str(Path(inst.logo).resolve())
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
        if pengguna.instansi.logo and Path(pengguna.instansi.logo).exists():
            data["instansi"]["logo"] = str(Path(pengguna.instansi.logo).resolve())
    if "kinerja" in props and "kinerja" not in data:
        rk = rencana_terbaru(pengguna.instansi)
        if rk is not None:
            data["kinerja"] = copy.deepcopy(rk.data)
    return data


def boleh_membuat(pengguna: Pengguna, slug: str) -> bool:
    return slug in peran.jenis_boleh(pengguna.peran)


def buat_dokumen(pengguna: Pengguna, slug: str, data: dict[str, Any], *, pdf: bool = True,
                 siklus_id: int | None = None, langkah_no: int | None = None, periksa_peran: bool = True) -> Dokumen:
    """Validate, render and store one document for `pengguna`; record who made it and when, and the cycle step
    that produced it (`siklus_id`, `langkah_no`). `periksa_peran=False` is for documents the app makes itself
    (the lembar disposisi of a cycle decision).

    Raises DocgenError: 403 when the role may not make this type, 404 for a cycle step not of the user's agency,
    422 with the fields on bad input, 503 when the PDF cannot be made.
    """
    jenis = documents.dapatkan(slug)
    if periksa_peran and not boleh_membuat(pengguna, slug):
        raise DocgenError(f"Peran Anda tidak berwenang membuat {jenis.judul}.", status=403)
    if siklus_id is not None or langkah_no is not None:
        from web.siklus_layanan import tautan_langkah

        tautan_langkah(pengguna, siklus_id, langkah_no)
    lengkap = lengkapi(slug, data, pengguna)
    hasil = render(jenis, lengkap, templates_dir=Path(current_app.config["TEMPLATES_DOCX"]))
    db = sesi()
    dok = Dokumen(instansi_id=pengguna.instansi_id, slug=slug, judul=jenis.judul, data=data,
                  berkas_docx="", peringatan=hasil.peringatan, dibuat_oleh=pengguna.id,
                  dibuat=dt.datetime.now(dt.UTC), siklus_id=siklus_id, langkah_no=langkah_no)
    db.add(dok)
    db.flush()
    folder = Path(current_app.config["PENYIMPANAN"]) / "dokumen" / str(dok.id)
    folder.mkdir(parents=True, exist_ok=True)
    docx_path = folder / f"{slug}.docx"
    _tulis_atomik(docx_path, hasil.docx)
    dok.berkas_docx = str(docx_path)
    if pdf and current_app.config.get("PDF_AKTIF", True):
        k, kunci = konverter(current_app._get_current_object())  # type: ignore[attr-defined]
        with kunci:
            isi_pdf = k.ke_pdf(hasil.docx)
        pdf_path = folder / f"{slug}.pdf"
        _tulis_atomik(pdf_path, isi_pdf)
        dok.berkas_pdf = str(pdf_path)
    db.commit()
    return dok


def _tulis_atomik(path: Path, isi: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(isi)
    tmp.replace(path)
