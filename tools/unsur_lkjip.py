"""Building blocks of the LKjIP template: heading, caption and TOC styles, fields, sections and its tables."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tools import docx_builder
from tools.docx_builder import (
    LEBAR_TEKS_MM,
    MARGIN,
    _fonts,
    arsir,
    garis_bawah,
    isi,
    jangan_pecah,
    kepala_tabel,
    p,
    tabel,
    tag,
    tambah_baris,
    ulang_di_setiap_halaman,
)
from tools.docx_naskah import (
    tabel_data,
)

UKURAN_TABEL = 9.5
# Heading sizes (pt), alignment and spacing before/after (pt).
JUDUL = {1: (14, "center", 0, 18), 2: (12, "left", 12, 6), 3: (12, "left", 12, 6), 4: (12, "left", 10, 4)}


def gaya(doc) -> None:
    """Arial black headings, caption styles for tables and figures, and TOC entry styles."""
    for n, (ukuran, rata, sebelum, sesudah) in JUDUL.items():
        st = doc.styles[f"Heading {n}"]
        rpr = st.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is not None:
            rpr.remove(rfonts)
        _fonts(st.element)
        st.font.size = Pt(ukuran)
        st.font.bold = True
        st.font.italic = n == 4
        st.font.color.rgb = RGBColor(0, 0, 0)
        pf = st.paragraph_format
        pf.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT}[rata]
        pf.space_before, pf.space_after = Pt(sebelum), Pt(sesudah)
        pf.keep_with_next = True
    for nama, sebelum, sesudah in (("Judul Tabel", 8, 4), ("Judul Gambar", 2, 12)):
        st = doc.styles.add_style(nama, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles["Normal"]
        st.font.size = Pt(10.5)
        st.font.bold = True
        pf = st.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf.space_before, pf.space_after = Pt(sebelum), Pt(sesudah)
        pf.keep_with_next = nama == "Judul Tabel"
    for i in (1, 2, 3):
        st = doc.styles.add_style(f"toc {i}", WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles["Normal"]
        pf = st.paragraph_format
        pf.left_indent = Mm(6 * (i - 1) + 8)
        pf.first_line_indent = Mm(-8)
        pf.right_indent = Mm(8)
        pf.space_after = Pt(3)
        pf.tab_stops.add_tab_stop(Mm(LEBAR_TEKS_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def judul(doc, teks: str, tingkat: int):
    """Add a heading paragraph (a real Heading n style, so the Daftar Isi collects it)."""
    return doc.add_paragraph(teks, style=f"Heading {tingkat}")


def bidang(par, instruksi: str, hasil: str) -> None:
    """Put a complex field (begin, instruction, separate, result, end) in a paragraph."""
    def run_fld(jenis: str):
        r = par.add_run()
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), jenis)
        r._r.append(fc)

    run_fld("begin")
    r = par.add_run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instruksi} "
    r._r.append(it)
    run_fld("separate")
    par.add_run(hasil)
    run_fld("end")


def nomor_format(section, fmt: str, mulai: int) -> None:
    """Restart the section's page numbers at `mulai` in format `fmt` (lowerRoman, decimal)."""
    sectpr = section._sectPr
    for e in sectpr.findall(qn("w:pgNumType")):
        sectpr.remove(e)
    e = OxmlElement("w:pgNumType")
    e.set(qn("w:fmt"), fmt)
    e.set(qn("w:start"), str(mulai))
    cols = sectpr.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(e)
    else:
        sectpr.append(e)


def seksi_baru(doc):
    """Start a new portrait section on a new page with the usual margins."""
    sec = docx_builder.seksi_baru(doc)
    for k, v in MARGIN.items():
        setattr(sec, f"{k}_margin", v)
    return sec


def kepala_halaman(section, teks: str) -> None:
    """A small right-aligned running head with a rule under it."""
    header = section.header
    header.is_linked_to_previous = False
    par = header.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = par.add_run(teks)
    r.italic = True
    r.font.size = Pt(9)
    garis_bawah(par, ukuran=4, gaya="single")


def tabel_baris(doc, kolom: list[float], judul_kolom: list[str], sel: list[str], loop: str, align: list[str]):
    """A data table in table font size, with header repeated and rows kept whole."""
    return tabel_data(doc, kolom, judul_kolom, sel, loop, size=UKURAN_TABEL, align=align)


def keterangan(doc, var: str) -> None:
    """A caption paragraph in the given caption style variable ('Judul Tabel' or 'Judul Gambar')."""
    doc.add_paragraph("{{ " + var + " }}", style="Judul Tabel")


def gambar(doc, var: str) -> None:
    """An image paragraph (kept with its caption) then the figure caption."""
    par = p(doc, "{{ " + var + ".gambar }}", align="center", sebelum=6, jaga_bersama=True)
    par.paragraph_format.keep_together = True
    doc.add_paragraph("{{ " + var + ".judul }}", style="Judul Gambar")


def paragraf(doc, var: str, *, kiri: float = 0, italic: bool = False) -> None:
    """One justified paragraph per string of a list variable."""
    tag(doc, f"for par in {var}")
    p(doc, "{{ par }}", align="justify", baris_pertama=12.5, kiri=kiri, sesudah=6, italic=italic)
    tag(doc, "endfor")


def daftar(doc, var: str, *, kiri: float = 0) -> None:
    """A numbered list with hanging indent."""
    tag(doc, f"for x in {var}")
    p(doc, "{{ x.no }}\t{{ x.isi }}", align="justify", kiri=kiri, gantung=7, sesudah=3)
    tag(doc, "endfor")


def tabel_program(doc, loop_var: str, total: str | None = None) -> None:
    """Program rows in bold and shaded, kegiatan rows plain; an optional total row."""
    kolom = [22, 47, 38, 38, 20]
    t = tabel(doc, kolom, grid=True)
    kepala_tabel(t.rows[0].cells, ["Kode", "Program / Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%"],
                 size=UKURAN_TABEL)
    isi(tambah_baris(t, kolom)[0], "{%tr for r in " + loop_var + " %}")
    isi(tambah_baris(t, kolom)[0], "{%tr if r.program %}")
    c = tambah_baris(t, kolom)
    for cell, teks, a in zip(c, ["{{ r.kode }}", "{{ r.nama }}", "{{ r.pagu }}", "{{ r.realisasi }}",
                                 "{{ r.persen }}"], ["left", "left", "right", "right", "right"], strict=True):
        isi(cell, teks, bold=True, align=a, size=UKURAN_TABEL)
        arsir(cell, "F2F2F2")
    jangan_pecah(c[0]._tc.getparent())
    isi(tambah_baris(t, kolom)[0], "{%tr else %}")
    c = tambah_baris(t, kolom)
    for cell, teks, a in zip(c, ["{{ r.kode }}", "{{ r.nama }}", "{{ r.pagu }}", "{{ r.realisasi }}",
                                 "{{ r.persen }}"], ["left", "left", "right", "right", "right"], strict=True):
        isi(cell, teks, align=a, size=UKURAN_TABEL)
    jangan_pecah(c[0]._tc.getparent())
    isi(tambah_baris(t, kolom)[0], "{%tr endif %}")
    isi(tambah_baris(t, kolom)[0], "{%tr endfor %}")
    if total:
        c = tambah_baris(t, kolom)
        jumlah = c[0].merge(c[1])
        isi(jumlah, "JUMLAH", bold=True, align="center", size=UKURAN_TABEL)
        for cell, k in zip(c[2:], ("pagu", "realisasi", "persen"), strict=True):
            isi(cell, "{{ " + total + "." + k + " }}", bold=True, align="right", size=UKURAN_TABEL)
            arsir(cell, "D9D9D9")
        arsir(jumlah, "D9D9D9")
        jangan_pecah(c[0]._tc.getparent())


def tabel_pk(doc, var_judul: str | None) -> None:
    if var_judul:
        keterangan(doc, var_judul)
    tabel_baris(doc, [9, 58, 70, 28], ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"],
                ["{{ r.no }}", "{{ r.sasaran }}", "{{ r.indikator }}", "{{ r.target }}"], "r in pk",
                ["center", "left", "left", "center"])


def tabel_tren(doc) -> None:
    """No | Indikator | Satuan | one column per year ({%tc %}) | Arah."""
    kolom = [9, 60, 20, 1, 52, 1, 22]
    t = tabel(doc, kolom, grid=True)
    h = t.rows[0].cells
    for idx, teks in ((0, "No"), (1, "Indikator Kinerja"), (2, "Satuan"), (6, "Arah")):
        isi(h[idx], teks, bold=True, align="center", size=UKURAN_TABEL)
        arsir(h[idx], "D9D9D9")
    isi(h[3], "{%tc for th in s.tahun %}")
    isi(h[4], "{{ th }}", bold=True, align="center", size=UKURAN_TABEL)
    arsir(h[4], "D9D9D9")
    isi(h[5], "{%tc endfor %}")
    ulang_di_setiap_halaman(t.rows[0]._tr)
    isi(tambah_baris(t, kolom)[0], "{%tr for r in s.tren %}")
    c = tambah_baris(t, kolom)
    isi(c[0], "{{ r.no }}", align="center", size=UKURAN_TABEL)
    isi(c[1], "{{ r.indikator }}", size=UKURAN_TABEL)
    isi(c[2], "{{ r.satuan }}", align="center", size=UKURAN_TABEL)
    isi(c[3], "{%tc for v in r.nilai %}")
    isi(c[4], "{{ v }}", align="right", size=UKURAN_TABEL)
    isi(c[5], "{%tc endfor %}")
    isi(c[6], "{{ r.arah }}", align="center", size=UKURAN_TABEL)
    jangan_pecah(c[0]._tc.getparent())
    isi(tambah_baris(t, kolom)[0], "{%tr endfor %}")
