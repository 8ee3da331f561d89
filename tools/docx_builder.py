"""Helpers that write template .docx files with python-docx (used by tools/build_templates.py).

Every Jinja tag is written inside a single run, so Word's run splitting never breaks it.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Arial"
F4 = (Mm(215), Mm(330))
MARGIN = {"top": Mm(20), "left": Mm(30), "right": Mm(20), "bottom": Mm(25)}
LEBAR_TEKS_MM = 165  # 215 - 30 - 20
LEBAR_TEKS_LANDSCAPE_MM = 280  # 330 - 30 - 20
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _fonts(rpr_parent, name: str = FONT) -> None:
    rpr = rpr_parent.get_or_add_rPr() if hasattr(rpr_parent, "get_or_add_rPr") else rpr_parent
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), name)


def dokumen(*, bernomor: bool = True) -> Document:
    """Return an empty F4 document in Arial 12 with Tata Naskah Dinas margins.

    `bernomor`: continuation pages carry the Tata Naskah Dinas page number (see `nomor_halaman_atas`); the
    LKjIP, which numbers its parts itself, passes False.
    """
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    _fonts(normal.element)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    pf.widow_control = True  # never one line of a paragraph alone at the top or bottom of a page
    sec = doc.sections[0]
    sec.page_width, sec.page_height = F4
    for k, v in MARGIN.items():
        setattr(sec, f"{k}_margin", v)
    sec.header_distance = Mm(10)
    sec.footer_distance = Mm(10)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    # Language: Indonesian, so LibreOffice hyphenates and spell-checks correctly.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "id-ID")
    lang.set(qn("w:eastAsia"), "id-ID")
    if bernomor:
        nomor_halaman_atas(sec)
    return doc


def p(
    parent,
    teks: str = "",
    *,
    bold: bool = False,
    underline: bool = False,
    italic: bool = False,
    align: str = "left",
    size: float | None = None,
    kiri: float = 0,
    kanan: float = 0,
    baris_pertama: float | None = None,
    gantung: float | None = None,
    sesudah: float = 0,
    sebelum: float = 0,
    jaga_bersama: bool = False,
):
    """Add a paragraph with one run; indents in mm, spacing in pt."""
    par = parent.add_paragraph()
    pf = par.paragraph_format
    pf.alignment = ALIGN[align]
    if kiri:
        pf.left_indent = Mm(kiri)
    if kanan:
        pf.right_indent = Mm(kanan)
    if baris_pertama is not None:
        pf.first_line_indent = Mm(baris_pertama)
    if gantung is not None:
        pf.left_indent = Mm(kiri + gantung)
        pf.first_line_indent = Mm(-gantung)
    pf.space_after = Pt(sesudah)
    pf.space_before = Pt(sebelum)
    if jaga_bersama:
        pf.keep_with_next = True
    if teks:
        run = par.add_run(teks)
        run.bold = bold or None
        run.underline = underline or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
    return par


def tag(parent, jinja: str):
    """Add a paragraph holding only a `{%p ... %}` control tag."""
    return p(parent, "{%p " + jinja + " %}")


def pisah_halaman(parent) -> None:
    """Start a new page: an empty paragraph 1 twip high that begins on a new page ("page break before").

    A page-break character would leave a blank page whenever the text before it just filled its page (the break's
    own paragraph then starts the next page, and the break ends that one)."""
    par = parent.add_paragraph()
    par.paragraph_format.page_break_before = True
    garis_rapat(par)


def garis_rapat(par) -> None:
    """Make a paragraph nearly nothing high (exactly 1 twip), to part two tables without a visible gap."""
    ppr = par._p.get_or_add_pPr()
    spasi = ppr.find(qn("w:spacing"))
    if spasi is None:
        spasi = OxmlElement("w:spacing")
        ppr.append(spasi)
    spasi.set(qn("w:line"), "1")
    spasi.set(qn("w:lineRule"), "exact")
    spasi.set(qn("w:before"), "0")
    spasi.set(qn("w:after"), "0")
    ukuran_tanda_paragraf(par, 1)




def ukuran_tanda_paragraf(par, size: float) -> None:
    """Set the size of a paragraph's mark (the height an empty paragraph or a picture-only line keeps)."""
    ppr = par._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)


def margin_sel(cell, mm: float = 0, sisi: tuple[str, ...] = ("top", "left", "bottom", "right")) -> None:
    """Set margins of one cell (a picture that must fill its cell: all four 0)."""
    tcpr = cell._tc.get_or_add_tcPr()
    mar = OxmlElement("w:tcMar")
    for side in sisi:
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:w"), str(int(mm * 56.7)))
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    valign = tcpr.find(qn("w:vAlign"))
    if valign is not None:
        valign.addprevious(mar)
    else:
        tcpr.append(mar)


def garis_bawah(par, ukuran: int = 18, gaya: str = "thickThinSmallGap") -> None:
    """Give a paragraph a bottom border (the kop's rule line)."""
    ppr = par._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), gaya)
    bottom.set(qn("w:sz"), str(ukuran))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    bdr.append(bottom)
    ppr.append(bdr)


def tabel(parent, kolom_mm: list[float], *, baris: int = 1, grid: bool = False, tengah: bool = False,
          margin_mm: float = 1.2):
    """Add a table with fixed column widths (mm); `grid` draws all borders."""
    t = parent.add_table(rows=baris, cols=len(kolom_mm))
    t.autofit = False
    if grid:
        t.style = "Table Grid"
    if tengah:
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblpr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for row in t.rows:
        for cell, w in zip(row.cells, kolom_mm, strict=True):
            cell.width = Mm(w)
    for col, w in zip(t.columns, kolom_mm, strict=True):
        col.width = Mm(w)
    _cell_margins(t, margin_mm)
    return t


def _cell_margins(t, mm: float = 1.2) -> None:
    tblpr = t._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:w"), str(int(mm * 56.7)))
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    tblpr.append(mar)


def tambah_baris(t, kolom_mm: list[float]):
    """Append a row to a fixed table and return its cells."""
    row = t.add_row()
    for cell, w in zip(row.cells, kolom_mm, strict=True):
        cell.width = Mm(w)
    return row.cells


def isi(cell, teks: str = "", **kw):
    """Put one paragraph of text into a cell (replacing its empty first paragraph)."""
    par = cell.paragraphs[0]
    if teks:
        run = par.add_run(teks)
        run.bold = kw.pop("bold", False) or None
        run.underline = kw.pop("underline", False) or None
        size = kw.pop("size", None)
        if size:
            run.font.size = Pt(size)
    par.paragraph_format.alignment = ALIGN[kw.pop("align", "left")]
    if kw.pop("jaga_bersama", False):
        par.paragraph_format.keep_with_next = True
    if kw:
        raise TypeError(f"unknown options {kw}")
    return par


def kepala_tabel(row_cells, judul: list[str], *, size: float | None = None, warna: str = "D9D9D9") -> None:
    """Fill a header row: bold, centred, shaded, repeated on every page."""
    for cell, teks in zip(row_cells, judul, strict=True):
        isi(cell, teks, bold=True, align="center", size=size)
        arsir(cell, warna)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    ulang_di_setiap_halaman(row_cells[0]._tc.getparent())


def ulang_di_setiap_halaman(tr) -> None:
    """Mark a table row as a header row repeated on each page."""
    trpr = tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    trpr.append(h)


def jangan_pecah(tr) -> None:
    """Keep a table row on one page."""
    trpr = tr.get_or_add_trPr()
    e = OxmlElement("w:cantSplit")
    e.set(qn("w:val"), "true")
    trpr.append(e)


def arsir(cell, warna: str) -> None:
    """Shade a cell."""
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    tcpr.append(shd)


def ukuran_huruf_tabel(t, size: float) -> None:
    """Set the font size of every run and of empty paragraphs in a table."""
    for row in t.rows:
        for cell in row.cells:
            for par in cell.paragraphs:
                rpr = par._p.get_or_add_pPr()
                mark = rpr.find(qn("w:rPr"))
                if mark is None:
                    mark = OxmlElement("w:rPr")
                    rpr.append(mark)
                for run in par.runs:
                    run.font.size = Pt(size)


def seksi_baru(doc):
    """Start a new section on a new page. The paragraph that ends the previous section is made 1 twip high: a full
    page would otherwise carry it, empty, onto a page of its own (a blank page before the Lampiran)."""
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    pemisah = [p for p in doc.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None]
    garis_rapat(pemisah[-1])
    return sec


def seksi_landscape(doc):
    """Start a new page in landscape for the rest of the document."""
    sec = seksi_baru(doc)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = F4[1], F4[0]
    for k, v in MARGIN.items():
        setattr(sec, f"{k}_margin", v)
    return sec


def _medan_halaman(par, size: float) -> None:
    """Append a PAGE field to a paragraph."""
    run = par.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            run._r.append(fc)
        else:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            run._r.append(it)


def nomor_halaman_atas(section, *, mulai: int | None = None, halaman_pertama: bool = False) -> None:
    """The Tata Naskah Dinas page number: Arabic, centred at the top between hyphens ("- 2 -").

    The first page of a naskah, which carries the kop, has none (`halaman_pertama=False`: a different, empty
    first-page header); a Lampiran section restarts at `mulai` and numbers its first page too.
    """
    section.different_first_page_header_footer = not halaman_pertama
    header = section.header
    header.is_linked_to_previous = False
    par = header.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r in list(par.runs):
        r._r.getparent().remove(r._r)
    par.add_run("- ").font.size = Pt(12)
    _medan_halaman(par, 12)
    par.add_run(" -").font.size = Pt(12)
    if not halaman_pertama:
        section.first_page_header.is_linked_to_previous = False
    if mulai is not None:
        sectpr = section._sectPr
        for e in sectpr.findall(qn("w:pgNumType")):
            sectpr.remove(e)
        e = OxmlElement("w:pgNumType")
        e.set(qn("w:start"), str(mulai))
        cols = sectpr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(e)
        else:
            sectpr.append(e)


def nomor_halaman(section, teks_awal: str = "Hal. ") -> None:
    """Put a centred page number in the section's footer (the LKjIP's own numbering)."""
    footer = section.footer
    footer.is_linked_to_previous = False
    par = footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if teks_awal:
        r = par.add_run(teks_awal)
        r.font.size = Pt(9)
    _medan_halaman(par, 9)


def halaman_landscape(doc):
    """Turn the document's first section to landscape F4 (for documents that are landscape throughout)."""
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = F4[1], F4[0]
    return sec
