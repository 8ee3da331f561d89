"""The verification mark of a finalised document: a QR code for its verification URL and one short line.

The mark goes in the footer of every page, as a floating picture (15-18 mm) inside the bottom margin and above the
strip an archive bundle stamps, so it never moves the body text: page breaks and the signature block stay put.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator

import segno
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section, _Footer
from docx.shared import Emu, Mm, Pt, RGBColor

from docgen.errors import DocgenError

POSISI_QR = {
    "kanan_bawah": "Kanan bawah, kaki setiap halaman",
    "kiri_bawah": "Kiri bawah, kaki setiap halaman",
}
POSISI_BAKU = "kanan_bawah"
UKURAN_MM = 18.0  # the QR code's side
# From the page's bottom edge: above the strip where an archive bundle stamps "Hal. x dari y" (docgen.bundle, about
# 4-8 mm), so the stamp never covers the code. On a 25 mm bottom margin the code is then 15 mm wide.
JARAK_BAWAH_MM = 9.0
CELAH_MM = 3.0  # between the QR code and the footer text
UKURAN_MIN_MM = 12.0


def teks_verifikasi(url: str) -> str:
    """The line printed beside the QR code."""
    return f"Dokumen ini dapat diverifikasi keasliannya dengan memindai kode QR atau membuka {url}"


def qr(url: str) -> segno.QRCode:
    """The QR code of `url` (error correction M: survives a smudge, stays small)."""
    return segno.make_qr(url, error="m", boost_error=False)


def qr_png(url: str, *, skala: int = 10, tepi: int = 2) -> bytes:
    """The QR code of `url` as PNG bytes (`tepi` quiet-zone modules; the page around it is blank)."""
    buf = io.BytesIO()
    qr(url).save(buf, kind="png", scale=skala, border=tepi)
    return buf.getvalue()


def pasang_qr(docx: bytes, url: str, posisi: str = POSISI_BAKU) -> bytes:
    """Return `docx` with the verification QR code and line in the footer of every page."""
    doc = Document(io.BytesIO(docx))
    pasang_qr_dokumen(doc, url, posisi)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pasang_qr_dokumen(doc: DocumentObject, url: str, posisi: str = POSISI_BAKU) -> None:
    """Add the verification QR code and line to every footer of a python-docx Document (in place).

    Raises DocgenError 422 on an unknown position.
    """
    if posisi not in POSISI_QR:
        raise DocgenError(f"Posisi kode QR '{posisi}' tidak dikenal",
                          fields={"posisi_qr": f"pilih: {', '.join(POSISI_QR)}"})
    png = qr_png(url)
    teks = teks_verifikasi(url)
    # Unlink and copy every footer first, so a copy never carries a stamp made for another page size.
    for nomor, (section, footer) in enumerate(list(_footer_milik(doc)), start=1):
        _cap(footer, section, png, teks, posisi, 9000 + nomor)


def _footer_milik(doc: DocumentObject) -> Iterator[tuple[Section, _Footer]]:
    """Each footer part once, with a section that shows it (page size decides where the QR sits).

    A section that inherits a footer from a section of another page size gets its own copy, so the QR code is
    placed for its own page.
    """
    genap = doc.settings.odd_and_even_pages_header_footer
    sebelum: dict[str, tuple[Section, _Footer] | None] = {"footer": None, "first_page_footer": None,
                                                          "even_page_footer": None}
    for section in doc.sections:
        jenis = ["footer"]
        if section.different_first_page_header_footer:
            jenis.append("first_page_footer")
        if genap:
            jenis.append("even_page_footer")
        for j in jenis:
            footer: _Footer = getattr(section, j)
            pemilik = sebelum[j]
            if footer.is_linked_to_previous:
                if pemilik is not None and _ukuran(pemilik[0]) == _ukuran(section):
                    continue  # shows the footer already stamped for a page of the same size
                lama = pemilik[1] if pemilik is not None else None
                footer.is_linked_to_previous = False
                if lama is not None:
                    _salin_isi(lama, footer)
            sebelum[j] = (section, footer)
            yield section, footer


def _ukuran(section: Section) -> tuple[int, int]:
    return int(section.page_width or 0), int(section.page_height or 0)


def _salin_isi(dari: _Footer, ke: _Footer) -> None:
    """Copy a footer's paragraphs (page numbers and text; pictures are left out: they belong to its part)."""
    for el in list(ke._element):
        ke._element.remove(el)
    for p in dari._element.iterchildren(qn("w:p")):
        salinan = copy.deepcopy(p)
        for gambar in salinan.findall(".//" + qn("w:drawing")):
            gambar.getparent().remove(gambar)
        ke._element.append(salinan)
    if not len(ke._element):
        ke._element.append(parse_xml(f"<w:p {nsdecls('w')}/>"))


def _cap(footer: _Footer, section: Section, png: bytes, teks: str, posisi: str, id_gambar: int) -> None:
    """Stamp one footer: indent its paragraphs clear of the QR code, add the line and the floating QR code."""
    lebar = int(section.page_width or Mm(215))
    tinggi = int(section.page_height or Mm(330))
    kiri = int(section.left_margin or Mm(30))
    kanan = int(section.right_margin or Mm(20))
    bawah = int(section.bottom_margin or Mm(25))
    # Keep the QR code inside the bottom margin: at most the margin less the gap below it and 1 mm above.
    sisi = max(Mm(UKURAN_MIN_MM), min(Mm(UKURAN_MM), bawah - Mm(JARAK_BAWAH_MM) - Mm(1)))
    inden = Emu(sisi + Mm(CELAH_MM))
    for p in footer.paragraphs:
        # A short centred line (a page number) stays clear of the code without being moved.
        if p.alignment == WD_ALIGN_PARAGRAPH.CENTER and len(p.text) <= 60:
            continue
        if posisi == "kanan_bawah":
            p.paragraph_format.right_indent = inden
        else:
            p.paragraph_format.left_indent = inden
    # The line goes above what the footer already shows (page numbers keep their place at the bottom); an
    # empty footer is replaced, so no blank line lifts it.
    isi = [el for el in footer._element if el.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt"))]
    if all(el.tag == qn("w:p") and not _berisi(el) for el in isi):
        for el in isi:
            footer._element.remove(el)
        p = footer.add_paragraph()
    else:
        p = footer.paragraphs[0].insert_paragraph_before() if footer.paragraphs else footer.add_paragraph()
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.keep_together = True
    if posisi == "kanan_bawah":
        p.paragraph_format.right_indent = inden
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # next to the code
    else:
        p.paragraph_format.left_indent = inden
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = p.add_run(teks)
    run.font.size = Pt(7)
    run.font.name = "Arial"
    run.font.italic = True
    run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    gambar = p.add_run().add_picture(io.BytesIO(png), width=Emu(sisi), height=Emu(sisi))
    x = lebar - kanan - sisi if posisi == "kanan_bawah" else kiri
    y = tinggi - Mm(JARAK_BAWAH_MM) - sisi
    _jadikan_melayang(gambar._inline, x, y, id_gambar)


def _berisi(p) -> bool:
    """Whether a footer paragraph shows anything: text, a field (page number) or a picture."""
    return any(el.tag in (qn("w:t"), qn("w:fldChar"), qn("w:fldSimple"), qn("w:drawing"), qn("w:pict"))
               and (el.tag != qn("w:t") or (el.text or "").strip()) for el in p.iter())


def _jadikan_melayang(inline, x: int, y: int, id_gambar: int) -> None:
    """Turn an inline picture into one floating at page position (x, y), wrapping nothing, in front of text."""
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="251659264" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{int(x)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{int(y)}</wp:posOffset></wp:positionV>'
        f'</wp:anchor>'
    )
    anchor.append(inline.find(qn("wp:extent")))
    anchor.append(parse_xml(f'<wp:effectExtent {nsdecls("wp")} l="0" t="0" r="0" b="0"/>'))
    anchor.append(parse_xml(f'<wp:wrapNone {nsdecls("wp")}/>'))
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("id", str(id_gambar))
    doc_pr.set("name", f"QR verifikasi {id_gambar}")
    doc_pr.set("descr", "Kode QR verifikasi dokumen")
    anchor.append(doc_pr)
    anchor.append(inline.find(qn("wp:cNvGraphicFramePr")))
    anchor.append(inline.find(qn("a:graphic")))
    inline.getparent().replace(inline, anchor)
