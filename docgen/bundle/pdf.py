"""The merged PDF of a berkas: the items' PDFs in order, one bookmark per item, every page stamped with the
berkas code, the item number with its own page, and "Hal. x dari y" (pypdf cannot draw text: the stamps are a
reportlab overlay merged onto each page)."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter, Transformation

from docgen import huruf_pdf
from docgen.bundle.model import Item

MAKS_URAIAN_BOOKMARK = 90


def jumlah_halaman(pdf: bytes) -> int:
    """Pages of a PDF."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


def teks_cap(kode: str, nomor: str, i: int, n: int, x: int, y: int) -> str:
    """The stamp on page x of y: berkas code, item number (00 = the Daftar Isi) with its own page, and x of y."""
    bagian = "Daftar Isi" if nomor == "00" else f"Item {nomor}"
    return f"Berkas {kode}  \u00b7  {bagian}, hal. {i}/{n}  \u00b7  Hal. {x} dari {y}"


def judul_bookmark(it: Item) -> str:
    """'03 Notulen Rapat \u2013 <uraian>' (shortened), or '00 Daftar Isi Berkas'."""
    if it.nomor == "00":
        return f"00 {it.judul}"
    uraian = it.uraian if len(it.uraian) <= MAKS_URAIAN_BOOKMARK else it.uraian[:MAKS_URAIAN_BOOKMARK - 1] + "\u2026"
    return f"{it.nomor} {it.judul} \u2013 {uraian}"


def gabung_pdf(bagian: list[Item], *, kode: str, judul: str, pembuat: str = "", versi: str = "") -> bytes:
    """Merge the items' PDFs in order: one bookmark per item, every page stamped (see teks_cap)."""
    writer = PdfWriter()
    awal: list[int] = []
    cap: list[tuple[float, float, str]] = []
    readers = [PdfReader(io.BytesIO(it.pdf)) for it in bagian]
    total = sum(len(r.pages) for r in readers)
    for it, reader in zip(bagian, readers, strict=True):
        awal.append(len(writer.pages))
        jumlah = len(reader.pages)
        for i, page in enumerate(reader.pages, 1):
            halaman = writer.add_page(page)
            if halaman.rotation % 360:
                halaman.transfer_rotation_to_content()
            kotak = halaman.mediabox
            cap.append((float(kotak.width), float(kotak.height),
                        teks_cap(kode, it.nomor, i, jumlah, len(writer.pages), total)))
    stempel = PdfReader(io.BytesIO(_halaman_cap(cap)))
    for halaman, lapis in zip(writer.pages, stempel.pages, strict=True):
        kotak = halaman.mediabox
        halaman.merge_transformed_page(lapis, Transformation().translate(float(kotak.left), float(kotak.bottom)))
    for it, mulai in zip(bagian, awal, strict=True):
        writer.add_outline_item(title=judul_bookmark(it), page_number=mulai)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": judul, "/Author": pembuat, "/Creator": f"docgen {versi}".strip(),
                         "/Subject": f"Berkas {kode}"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _halaman_cap(cap: list[tuple[float, float, str]]) -> bytes:
    """One overlay page per stamp, each the size of its page: small grey text in the bottom-right margin."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    huruf = huruf_pdf.huruf()
    buf = io.BytesIO()
    c = Canvas(buf, invariant=True, initialFontName=huruf)  # else Helvetica, unembedded, sits in every page
    for lebar, tinggi, teks in cap:
        c.setPageSize((lebar, tinggi))
        c.setFont(huruf, 7.5)
        c.setFillGray(0.3)
        c.drawRightString(lebar - 20 * mm, 6 * mm, teks)
        c.showPage()
    c.save()
    return buf.getvalue()
