"""The parts that recur in naskah dinas, written with tools.docx_builder: kop, label blocks, signature blocks,
tembusan, body text and data tables that keep their last lines with what follows."""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from tools.docx_builder import (
    LEBAR_TEKS_MM,
    arsir,
    garis_bawah,
    garis_rapat,
    isi,
    jangan_pecah,
    kepala_tabel,
    p,
    tabel,
    tag,
    tambah_baris,
)


def kop(doc, lebar_mm: float = LEBAR_TEKS_MM) -> None:
    """The letterhead: logo left, government and agency name, address, contacts, rule line."""
    logo = 26
    t = tabel(doc, [logo, lebar_mm - logo])
    c_logo, c_teks = t.rows[0].cells
    isi(c_logo, "{{ kop.logo }}", align="center")
    c_logo.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    isi(c_teks, "{{ kop.pemerintah }}", bold=True, size=14, align="center")
    p(c_teks, "{{ kop.nama }}", bold=True, size=16, align="center")
    p(c_teks, "{{ kop.alamat }}", size=10, align="center")
    p(c_teks, "{{ kop.kontak }}", size=10, align="center")
    garis = p(doc, "", size=4)
    garis_bawah(garis)
    p(doc, "", size=6)


def blok_label(parent, baris: list[tuple[str, str]], kolom_mm: tuple[float, float, float] = (35, 5, 125)):
    """A borderless 'Label : value' table."""
    t = tabel(parent, list(kolom_mm), baris=len(baris))
    for row, (label, nilai) in zip(t.rows, baris, strict=True):
        isi(row.cells[0], label)
        isi(row.cells[1], ":")
        isi(row.cells[2], nilai)
    return t


def ttd(parent, var: str = "ttd", *, kiri: float = 85, tempat_tanggal: str | None = None,
        awal: list[str] | None = None, spasi_ttd: int = 4, penutup: str | None = None, penutup_kiri: float = 0,
        lebar_mm: float = LEBAR_TEKS_MM, pembuka=None, dengan_tembusan: bool = False) -> None:
    """The signature block: place/date, jabatan lines, room to sign, nama (bold, underlined), pangkat, NIP.

    It sits in a borderless one-cell table whose row never splits across pages, so the block stays whole;
    the closing paragraphs named by `penutup` go in the same cell, so a signature never stands alone on a
    page. `pembuka(cell)` may write other closing content first (e.g. a Keputusan's last diktum).
    `awal` lines (e.g. 'Ditetapkan di<TAB>: ...') come first, with a tab stop 32 mm in. `dengan_tembusan`: the
    tembusan follows in the same cell, at the left margin, so it never stands alone on the next page.
    """
    t = tabel(parent, [lebar_mm], margin_mm=0)
    jangan_pecah(t.rows[0]._tr)
    cell = t.cell(0, 0)
    if pembuka is not None:
        pembuka(cell)
    elif penutup:
        isi(cell, "{%p for par in " + penutup + " %}")
        p(cell, "{{ par }}", align="justify", baris_pertama=12.5, kiri=penutup_kiri, sesudah=6)
        tag(cell, "endfor")
        p(cell, "")
    else:
        isi(cell, "")
    for i, baris in enumerate(awal or []):
        par = p(cell, baris, kiri=kiri)
        par.paragraph_format.tab_stops.add_tab_stop(Mm(kiri + 32))
        if i == len(awal or []) - 1:
            garis_bawah(par, ukuran=4, gaya="single")
    if awal:
        p(cell, "")
    if tempat_tanggal:
        p(cell, tempat_tanggal, kiri=kiri)
    p(cell, "{{ " + var + ".jabatan }}", kiri=kiri)
    for _ in range(spasi_ttd):
        p(cell, "")
    p(cell, "{{ " + var + ".nama }}", bold=True, underline=True, kiri=kiri)
    tag(cell, f"if {var}.pangkat")
    p(cell, "{{ " + var + ".pangkat }}", kiri=kiri)
    tag(cell, "endif")
    tag(cell, f"if {var}.nip")
    p(cell, "{{ " + var + ".nip }}", kiri=kiri)
    tag(cell, "endif")
    if dengan_tembusan:
        tembusan(cell)


def ttd_sel(cell, var: str, judul: str | None = None, tempat_tanggal: str | None = None) -> None:
    """A signature block inside a table cell (for two signatures side by side)."""
    first = True

    def add(teks: str, **kw):
        nonlocal first
        if first:
            first = False
            return isi(cell, teks, **kw)
        return p(cell, teks, **kw)

    add(tempat_tanggal or "", align="center")
    if judul:
        p(cell, judul, align="center")
    nama_ttd_sel(cell, var)


def nama_ttd_sel(cell, var: str, spasi: int = 4) -> None:
    """The centred lower part of a signature block in a cell: jabatan, room to sign, nama, pangkat, NIP."""
    p(cell, "{{ " + var + ".jabatan }}", align="center")
    for _ in range(spasi):
        p(cell, "")
    nama_pangkat_nip(cell, var)


def nama_pangkat_nip(cell, var: str) -> None:
    """The signer's name (bold, underlined), then pangkat and NIP when given, centred in a cell."""
    p(cell, "{{ " + var + ".nama }}", bold=True, underline=True, align="center")
    tag(cell, f"if {var}.pangkat")
    p(cell, "{{ " + var + ".pangkat }}", align="center")
    tag(cell, "endif")
    tag(cell, f"if {var}.nip")
    p(cell, "{{ " + var + ".nip }}", align="center")
    tag(cell, "endif")


def tembusan(parent) -> None:
    """'Tembusan Yth.:' followed by the numbered list; nothing when the list is empty."""
    tag(parent, "if tembusan")
    p(parent, "", jaga_bersama=True)
    p(parent, "Tembusan Yth.:", size=11, jaga_bersama=True)
    tag(parent, "for t in tembusan")
    p_jaga(parent, "{{ t.no }}\t{{ t.isi }}", jaga_bila="not loop.last", size=11, gantung=6)
    tag(parent, "endfor")
    tag(parent, "endif")


def daftar_dalam_sel(cell, var_loop: str, *, pertama: bool = True, size: float | None = None,
                     gantung: float = 6, kosong: str | None = None) -> None:
    """A numbered list inside a cell: `{%p for x in var_loop %}` x.no x.isi `{%p endfor %}`.

    `kosong` is printed when the list is empty (a cell must keep one paragraph, or the table falls apart).
    """
    if pertama:
        isi(cell, "{%p for x in " + var_loop + " %}")
    else:
        tag(cell, "for x in " + var_loop)
    p(cell, "{{ x.no }}\t{{ x.isi }}", gantung=gantung, size=size)
    tag(cell, "endfor")
    if kosong is not None:
        tag(cell, "if not " + var_loop)
        p(cell, kosong, size=size)
        tag(cell, "endif")


JAGA_AKHIR = "loop.revindex <= 2"  # the last two items of a loop go with what follows (a signature block)


def p_jaga(parent, teks: str, *, jaga_bila: str | None = None, **kw):
    """A paragraph; with `jaga_bila`, two versions: kept with the next paragraph when that Jinja condition holds
    (inside a loop e.g. JAGA_AKHIR), plain otherwise. So the body's last lines go to the next page with the
    signature block instead of leaving it alone there."""
    if jaga_bila is None:
        return p(parent, teks, **kw)
    tag(parent, f"if {jaga_bila}")
    p(parent, teks, jaga_bersama=True, **kw)
    tag(parent, "else")
    par = p(parent, teks, **kw)
    tag(parent, "endif")
    return par


def paragraf_isi(parent, var: str = "isi", *, baris_pertama: float = 12.5, kiri: float = 0,
                 jaga_bersama: bool = False, jaga_bila: str | None = None) -> None:
    """Body text: one justified paragraph per paragraph of the user's text.

    `jaga_bersama` keeps every paragraph on the page of what follows; `jaga_bila` only those for which the Jinja
    condition holds (JAGA_AKHIR: the last two, before a signature block).
    """
    tag(parent, f"for par in {var}")
    if jaga_bersama:
        p(parent, "{{ par }}", align="justify", baris_pertama=baris_pertama, kiri=kiri, sesudah=6, jaga_bersama=True)
    else:
        p_jaga(parent, "{{ par }}", jaga_bila=jaga_bila, align="justify", baris_pertama=baris_pertama, kiri=kiri,
               sesudah=6)
    tag(parent, "endfor")


def jaga_tabel(t) -> None:
    """Keep a whole (short) table on the page of what follows it."""
    for row in t.rows:
        jangan_pecah(row._tr)
        for cell in row.cells:
            for par in cell.paragraphs:
                par.paragraph_format.keep_with_next = True


def tanpa_garis_bawah(t) -> None:
    """Drop a table's bottom border (the table right under it draws that line)."""
    tblpr = t._tbl.tblPr
    batas = OxmlElement("w:tblBorders")
    bawah = OxmlElement("w:bottom")
    bawah.set(qn("w:val"), "nil")
    batas.append(bawah)
    layout = tblpr.find(qn("w:tblLayout"))
    (layout.addprevious if layout is not None else tblpr.append)(batas)


UTUH_SAMPAI = 4  # rows: a table this short goes whole with the signature, header included


def _baris_data(t, kolom_mm: list[float], sel: list[str], align: list[str], size: float | None,
                jaga: bool = False) -> None:
    cells = tambah_baris(t, kolom_mm)
    for c, teks, a in zip(cells, sel, align, strict=True):
        par = isi(c, teks, align=a, size=size)
        if jaga:
            par.paragraph_format.keep_with_next = True
    jangan_pecah(cells[0]._tc.getparent())


def _loop_baris(t, kolom_mm: list[float], loop: str, sel: list[str], align: list[str], size: float | None,
                jaga: bool = False) -> None:
    isi(tambah_baris(t, kolom_mm)[0], "{%tr for " + loop + " %}")
    _baris_data(t, kolom_mm, sel, align, size, jaga)
    isi(tambah_baris(t, kolom_mm)[0], "{%tr endfor %}")


def tabel_data(parent, kolom_mm: list[float], judul: list[str], sel: list[str], loop: str,
               *, size: float | None = 11, align: list[str] | None = None, jaga_akhir: bool = False):
    """A bordered table: header row, then one row per item of `loop` (`{%tr for ... %}`).

    `jaga_akhir` (before a signature block): the last two rows go with what follows to the next page. LibreOffice
    keeps only a whole table with the next paragraph, so they are a second table right under the first (which
    holds the header and the other rows); a table of UTUH_SAMPAI rows or fewer is kept whole, header and all.
    Returns the (last) table.
    """
    align = align or ["center"] + ["left"] * (len(sel) - 1)
    if not jaga_akhir:
        t = tabel(parent, kolom_mm, grid=True)
        kepala_tabel(t.rows[0].cells, judul, size=size)
        _loop_baris(t, kolom_mm, loop, sel, align, size)
        return t
    nama, daftar = (s.strip() for s in loop.split(" in ", 1))
    banyak = f"({daftar})|length"
    tag(parent, f"if {banyak} > {UTUH_SAMPAI}")
    t = tabel(parent, kolom_mm, grid=True)
    kepala_tabel(t.rows[0].cells, judul, size=size)
    _loop_baris(t, kolom_mm, f"{nama} in ({daftar})[:-2]", sel, align, size)
    tanpa_garis_bawah(t)  # the second table's top border draws the line between them, once
    garis_rapat(p(parent, ""))  # two tables touching would be read as one, and kept (or not) as one
    tag(parent, "endif")
    ekor = tabel(parent, kolom_mm, grid=True)
    isi(ekor.rows[0].cells[0], "{%tr if " + banyak + f" <= {UTUH_SAMPAI} %}}")
    kepala = tambah_baris(ekor, kolom_mm)
    kepala_tabel(kepala, judul, size=size)
    for c in kepala:
        for par in c.paragraphs:
            par.paragraph_format.keep_with_next = True
    isi(tambah_baris(ekor, kolom_mm)[0], "{%tr endif %}")
    ekor_daftar = f"(({daftar})[-2:] if {banyak} > {UTUH_SAMPAI} else ({daftar}))"  # parenthesised: no loop filter
    _loop_baris(ekor, kolom_mm, f"{nama} in {ekor_daftar}", sel, align, size, jaga=True)
    return ekor


def sel_gabung(row, teks: str, *, bold: bool = False, size: float | None = None, align: str = "left",
               warna: str | None = None):
    """Merge every cell of a table row into one and write `teks` in it (group headers, total rows)."""
    cells = row.cells
    cell = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
    isi(cell, teks, bold=bold, size=size, align=align)
    if warna:
        arsir(cell, warna)
    return cell
