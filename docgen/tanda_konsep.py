"""The "KONSEP" mark of a draft PDF: a large, light diagonal word behind every page and a short line in its top
margin, so that a draft printed by mistake can never pass for the signed original (the line also reads as text
where an extractor breaks the diagonal word into letters). Finals are rendered afresh and never carry it."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from docgen import huruf_pdf

TEKS = "KONSEP"
KETERANGAN = "KONSEP · belum final, tidak untuk ditandatangani"
ABU = 0.86  # light grey, drawn under the page's content: every word stays readable


def _lapisan(ukuran: list[tuple[float, float]]) -> PdfReader:
    """One overlay page per page size: the word across the page's diagonal, sized to the page."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    nama = huruf_pdf.huruf(tebal=True)
    buf = io.BytesIO()
    c = Canvas(buf, invariant=True, initialFontName=nama)  # no unembedded Helvetica on the page
    for lebar, tinggi in ukuran:
        c.setPageSize((lebar, tinggi))
        besar = min(lebar, tinggi) * 0.22
        c.saveState()
        c.setFillGray(ABU)
        c.translate(lebar / 2, tinggi / 2)
        c.rotate(45 if tinggi >= lebar else 30)
        c.setFont(nama, besar)
        c.drawCentredString(0, -besar / 3, TEKS)
        c.restoreState()
        c.setFillGray(0.45)
        c.setFont(nama, 7.5)
        c.drawString(20 * mm, tinggi - 7 * mm, KETERANGAN)
        c.showPage()
    c.save()
    return PdfReader(io.BytesIO(buf.getvalue()))


def pasang(pdf: bytes) -> bytes:
    """The PDF with the KONSEP mark behind the content of every page (metadata and page sizes kept)."""
    pembaca = PdfReader(io.BytesIO(pdf))
    ukuran = [(float(h.mediabox.width), float(h.mediabox.height)) for h in pembaca.pages]
    lapisan = _lapisan(ukuran)
    penulis = PdfWriter(clone_from=pembaca)
    for halaman, tanda in zip(penulis.pages, lapisan.pages, strict=True):
        halaman.merge_page(tanda, over=False)
    buf = io.BytesIO()
    penulis.write(buf)
    return buf.getvalue()
