"""Templates of the planning papers built from the plan data: the Perjanjian Kinerja."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tools.docx_builder import (
    LEBAR_TEKS_MM,
    dokumen,
    isi,
    jangan_pecah,
    kepala_tabel,
    p,
    pisah_halaman,
    tabel,
    tambah_baris,
)
from tools.docx_naskah import kop, nama_pangkat_nip
from tools.templates_pengukuran import _baris_tag, jaga_tabel_utuh, judul, tambah_baris_row, ukuran_tanda_paragraf


def _rata_bawah(cell) -> None:
    """Align a cell's text to its bottom edge."""
    tcpr = cell._tc.get_or_add_tcPr()
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "bottom")
    tcpr.append(v)


def ttd_perjanjian(doc, var: str = "pk") -> None:
    """The two signatures of a PK: Pihak Kedua left, Pihak Pertama right.

    Row 1 holds the titles and jabatan aligned to its bottom, row 2 the room to sign, nama, pangkat and NIP, so
    both names stand at the same height however many lines each jabatan takes; rows do not split and the first
    keeps with the second."""
    p(doc, "", size=6, jaga_bersama=True)
    t = tabel(doc, [LEBAR_TEKS_MM / 2, LEBAR_TEKS_MM / 2], baris=2)
    for kol, (pihak, kunci) in enumerate((("PIHAK KEDUA,", "kedua"), ("PIHAK PERTAMA,", "pertama"))):
        atas = t.cell(0, kol)
        isi(atas, pihak, bold=True, align="center", jaga_bersama=True)
        p(atas, "{{ " + f"{var}.{kunci}" + ".jabatan }}", align="center", jaga_bersama=True)
        _rata_bawah(atas)
        bawah = t.cell(1, kol)
        isi(bawah, "", jaga_bersama=True)
        for _ in range(3):
            p(bawah, "", jaga_bersama=True)
        nama_pangkat_nip(bawah, f"{var}.{kunci}")
    for row in t.rows:
        jangan_pecah(row._tr)


def halaman_pernyataan(doc, var: str = "pk") -> None:
    """The statement page: title, opening, both parties, the two promises, place and date, signatures."""
    judul(doc, "PERJANJIAN KINERJA TAHUN {{ " + var + ".tahun }}", "{{ " + var + ".instansi }}")
    p(doc, "{{ " + var + ".pembuka }}", align="justify", sesudah=6)
    for kunci, penutup in (("pertama", "selanjutnya disebut pihak pertama."),
                           ("kedua", "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.")):
        t = tabel(doc, [30.0, 5, LEBAR_TEKS_MM - 35], baris=2)
        for r, (nama, isian) in enumerate((("Nama", "nama"), ("Jabatan", "jabatan"))):
            isi(t.cell(r, 0), nama)
            isi(t.cell(r, 1), ":")
            isi(t.cell(r, 2), "{{ " + f"{var}.identitas.{kunci}.{isian}" + " }}")
        p(doc, penutup, align="justify", sesudah=6, sebelum=3)
    p(doc, "{{ " + var + ".janji_pertama }}", align="justify", sesudah=6)
    p(doc, "{{ " + var + ".janji_kedua }}", align="justify", sesudah=6)
    p(doc, "{{ " + var + ".tempat_tanggal }}", align="right", jaga_bersama=True)
    ttd_perjanjian(doc, var)


def lampiran_perjanjian(doc, var: str = "pk") -> None:
    """The lampiran: sasaran / indikator / target, program / anggaran with total, signatures again."""
    judul(doc, "LAMPIRAN PERJANJIAN KINERJA TAHUN {{ " + var + ".tahun }}", "{{ " + var + ".instansi }}")
    kolom = [10.0, 60, 65, 30]
    t = tabel(doc, kolom, grid=True)
    kepala_tabel(t.rows[0].cells, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"], size=10)
    _baris_tag(t, kolom, f"for x in {var}.sasaran")
    c = tambah_baris(t, kolom)
    for cell, k, al in zip(c, ("no", "sasaran", "indikator", "target"), ("center", "left", "left", "center"),
                           strict=True):
        isi(cell, "{{ x." + k + " }}", size=10, align=al)
    jangan_pecah(c[0]._tc.getparent())
    _baris_tag(t, kolom, "endfor")
    ukuran_tanda_paragraf(t, 10)
    p(doc, "", sesudah=6)
    kolom = [10.0, 110, 45]
    t = tabel(doc, kolom, grid=True)
    kepala_tabel(t.rows[0].cells, ["No", "Program", "Anggaran (Rp)"], size=10)
    _baris_tag(t, kolom, f"for x in {var}.program")
    c = tambah_baris(t, kolom)
    for cell, k, al in zip(c, ("no", "program", "anggaran"), ("center", "left", "right"), strict=True):
        isi(cell, "{{ x." + k + " }}", size=10, align=al)
    jangan_pecah(c[0]._tc.getparent())
    _baris_tag(t, kolom, "endfor")
    row = tambah_baris_row(t, kolom)
    isi(row.cells[0].merge(row.cells[1]), "Jumlah", bold=True, size=10, align="center")
    isi(row.cells[2], "{{ " + var + ".total_anggaran }}", bold=True, size=10, align="right")
    jangan_pecah(row._tr)
    jaga_tabel_utuh(t)
    ukuran_tanda_paragraf(t, 10)
    p(doc, "{{ " + var + ".tempat_tanggal }}", align="right", sebelum=6, jaga_bersama=True)
    ttd_perjanjian(doc, var)


def perjanjian_kinerja() -> Document:
    doc = dokumen()
    kop(doc, LEBAR_TEKS_MM)
    halaman_pernyataan(doc)
    pisah_halaman(doc)
    lampiran_perjanjian(doc)
    return doc


TEMPLAT = {"perjanjian-kinerja": perjanjian_kinerja}
