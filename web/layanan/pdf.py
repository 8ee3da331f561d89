"""Converting a .docx to PDF: one service, two backends, chosen when the app is created.

- `PDFLokal`: this process's own LibreOffice (started on first use, kept warm, one conversion at a time, a timeout
  and a restart after PDF_MAKS_KONVERSI documents). Used without Redis, and by `docgen worker` processes. The
  Konverter supervises it: a LibreOffice found dead, hung or disconnected is replaced by a fresh one, so one crash
  fails at most the conversion it happened in.
- `PDFPekerja`: a web process with Redis never runs LibreOffice: it stores the .docx, starts a "pdf" job for the
  workers, waits for it (at most PDF_TUNGGU seconds) and reads the PDF back.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import uuid
from typing import Any, Protocol

from flask import Flask, current_app

from docgen.convert import MAKS_KONVERSI, Konverter
from docgen.errors import DocgenError, KonversiGagal
from web import tugas
from web.inti.db import sesi
from web.inti.penyimpanan import penyimpanan

KUNCI = "docgen_pdf"
KUNCI_LOKAL = "docgen_konverter"


class LayananPDF(Protocol):
    """What the app needs to turn a .docx into a PDF."""

    def ke_pdf(self, docx: bytes, *, pemilik: int, instansi_id: int) -> bytes: ...


class PDFLokal:
    """This process's LibreOffice, shared by its threads one conversion at a time."""

    def __init__(self, app: Flask):
        self._timeout = float(app.config.get("PDF_TIMEOUT", 300))
        self._maks = int(app.config.get("PDF_MAKS_KONVERSI", MAKS_KONVERSI))
        self._kunci = threading.Lock()
        self._konverter: Konverter | None = None
        self._atexit = False

    @property
    def berjalan(self) -> bool:
        """Whether LibreOffice was started in this process."""
        return self._konverter is not None

    @property
    def konverter(self) -> Konverter | None:
        """This process's Konverter, None before the first conversion (for diagnostics and tests)."""
        return self._konverter

    def ke_pdf(self, docx: bytes, *, pemilik: int = 0, instansi_id: int = 0) -> bytes:
        """Convert in this process. Raises KonversiGagal (503) when LibreOffice fails or hangs, SumberLuarDitolak
        (422) when the document refers to content outside itself."""
        with self._kunci:
            if self._konverter is None:
                self._konverter = Konverter(timeout=self._timeout, maks_konversi=self._maks)
                if not self._atexit:
                    atexit.register(self._tutup_konverter)  # without the lock: a thread may still be converting
                    self._atexit = True
            try:
                return self._konverter.ke_pdf(docx)
            except DocgenError:
                raise
            except Exception:
                # Not a conversion failure the Konverter handled itself: do not trust its state, the next request
                # starts a new one (with a new LibreOffice and a new profile).
                self._tutup_konverter()
                raise

    def _tutup_konverter(self) -> None:
        k, self._konverter = self._konverter, None
        if k is not None:
            with contextlib.suppress(Exception):
                k.close()

    def tutup(self) -> None:
        """Stop this process's LibreOffice (a worker that ends)."""
        with self._kunci:
            self._tutup_konverter()


class PDFPekerja:
    """Conversions done by `docgen worker` processes through the job queue."""

    def __init__(self, app: Flask):
        self._app = app

    def ke_pdf(self, docx: bytes, *, pemilik: int, instansi_id: int) -> bytes:
        """Hand the .docx to a worker as a "pdf" job for user `pemilik` and wait for its PDF.

        Raises KonversiGagal (503) with the worker's message, or when no worker finished within PDF_TUNGGU seconds.
        """
        app = self._app
        db = sesi()
        if not (db.new or db.dirty or db.deleted):
            db.commit()  # end the request's read-only transaction: its pooled connection is free while a worker works
        store = penyimpanan(app)
        nama = f"antrean/{uuid.uuid4().hex}"
        kunci_docx, kunci_pdf = store.simpan(f"{nama}.docx", docx), f"{nama}.pdf"
        try:
            t = tugas.mulai("pdf", {"docx": kunci_docx, "pdf": kunci_pdf}, pemilik=pemilik, instansi_id=instansi_id,
                            slug="pdf", perkiraan_detik=2, app=app)
            batas = float(app.config.get("PDF_TUNGGU") or float(app.config.get("PDF_TIMEOUT", 300)) + 60)
            t = tugas.tunggu(t.id, batas, app=app)
            if t.status == "selesai":
                return store.baca(kunci_pdf)
            if t.status in ("menunggu", "berjalan"):
                tugas.batalkan(t.id, app=app)
                raise KonversiGagal(f"Pekerja PDF belum selesai dalam {batas:g} detik (antrean sedang penuh atau "
                                    "tidak ada `docgen worker` yang berjalan). Coba lagi beberapa saat lagi.")
            raise KonversiGagal(t.pesan or "PDF tidak dapat dibuat.")
        finally:
            for kunci in (kunci_docx, kunci_pdf):
                with contextlib.suppress(OSError):
                    store.hapus(kunci)


def init_app(app: Flask) -> None:
    """Choose the backend: the workers when jobs go to Redis and this is not a worker, else LibreOffice here."""
    app.extensions[KUNCI_LOKAL] = PDFLokal(app)
    if tugas.antrean(app).jarak_jauh and not app.config.get("DOCGEN_PEKERJA"):
        app.extensions[KUNCI] = PDFPekerja(app)
    else:
        app.extensions[KUNCI] = app.extensions[KUNCI_LOKAL]


def layanan(app: Flask | None = None) -> LayananPDF:
    """The app's PDF service."""
    return (app or current_app).extensions[KUNCI]


def lokal(app: Flask | None = None) -> PDFLokal:
    """This process's own LibreOffice (for jobs that run here: the "pdf" job, archive bundles)."""
    return (app or current_app).extensions[KUNCI_LOKAL]


def ke_pdf(docx: bytes, *, pemilik: int, instansi_id: int) -> bytes:
    """The PDF of a .docx, by whichever backend the app uses. Raises KonversiGagal (503)."""
    return layanan().ke_pdf(docx, pemilik=pemilik, instansi_id=instansi_id)


def kerjakan_pdf(argumen: dict[str, Any], lapor: tugas.Laporan) -> None:
    """Job kind "pdf": convert the stored .docx `argumen["docx"]` here and store the PDF under `argumen["pdf"]`."""
    store = penyimpanan()
    lapor.tahap(10, "Mengonversi ke PDF…")
    isi = lokal().ke_pdf(store.baca(argumen["docx"]))
    lapor.periksa_batal()
    store.simpan(argumen["pdf"], isi)
    return None
