"""The KONSEP mark of draft PDFs: on every page, readable as text, fonts embedded, invisible to the layout checker."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from docgen import huruf_pdf, tanda_konsep, tata_letak
from tests.conftest import teks_pdf


def _pdf(*ukuran: tuple[float, float]) -> bytes:
    buf = io.BytesIO()
    nama = huruf_pdf.huruf()
    c = Canvas(buf, invariant=True, initialFontName=nama)
    for i, u in enumerate(ukuran, 1):
        c.setPageSize(u)
        c.setFont(nama, 12)
        c.drawString(90, u[1] - 120, f"Isi halaman {i} yang tetap terbaca")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_setiap_halaman_bertanda_dan_isinya_tetap(tmp_path):
    asli = _pdf(A4, landscape(A4), A4)
    bertanda = tanda_konsep.pasang(asli)
    r = PdfReader(io.BytesIO(bertanda))
    assert len(r.pages) == 3
    assert [tuple(round(float(v)) for v in h.mediabox[2:]) for h in r.pages] == [(595, 842), (842, 595), (595, 842)]
    for i, h in enumerate(r.pages, 1):
        teks = h.extract_text()
        assert tanda_konsep.KETERANGAN in teks and f"Isi halaman {i} yang tetap terbaca" in teks
    assert teks_pdf(bertanda, tmp_path).count(tanda_konsep.KETERANGAN) == 3  # poppler reads it too
    assert tata_letak.huruf_tidak_tertanam(bertanda) == {}


def test_pemeriksa_tata_letak_mengabaikan_tanda():
    asli = _pdf(A4, A4)
    halaman = tata_letak.baca_halaman(tanda_konsep.pasang(asli))
    assert [[b.teks for b in h.baris] for h in halaman] == [[b.teks for b in h.baris]
                                                             for h in tata_letak.baca_halaman(asli)]
