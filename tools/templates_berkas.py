"""Template of the archive step: the Daftar Isi Berkas that opens a numbered berkas (docgen.bundle)."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

from tools.docx_builder import (
    LEBAR_TEKS_MM,
    arsir,
    dokumen,
    isi,
    jangan_pecah,
    kepala_tabel,
    p,
    tabel,
    tag,
    tambah_baris,
)
from tools.docx_naskah import (
    kop,
)

UKURAN = 9
KOLOM = [9, 20, 65, 28, 20, 23]  # No | Kode klasifikasi | Uraian | Tanggal | Jumlah halaman | Keterangan


def daftar_isi_berkas() -> Document:
    assert sum(KOLOM) == LEBAR_TEKS_MM
    doc = dokumen()
    kop(doc)
    p(doc, "DAFTAR ISI BERKAS", bold=True, align="center", size=13, sesudah=8)

    # Identity of the berkas: one 'Label : value' row per item of `identitas`.
    t = tabel(doc, [45, 5, LEBAR_TEKS_MM - 50], baris=3)
    isi(t.cell(0, 0), "{%tr for b in identitas %}")
    isi(t.cell(1, 0), "{{ b.label }}", size=11)
    isi(t.cell(1, 1), ":", size=11)
    isi(t.cell(1, 2), "{{ b.nilai }}", size=11)
    isi(t.cell(2, 0), "{%tr endfor %}")
    p(doc, "", sesudah=6)

    t = tabel(doc, KOLOM, grid=True)
    kepala_tabel(t.rows[0].cells, ["No", "Kode Klasifikasi", "Uraian", "Tanggal", "Jumlah Hal.", "Keterangan"],
                 size=UKURAN)
    isi(tambah_baris(t, KOLOM)[0], "{%tr for i in item %}")
    c = tambah_baris(t, KOLOM)
    isi(c[0], "{{ i.no }}", align="center", size=UKURAN)
    isi(c[1], "{{ i.kode }}", align="center", size=UKURAN)
    isi(c[2], "{{ i.jenis }}", bold=True, size=UKURAN)
    p(c[2], "{{ i.uraian }}", size=UKURAN)
    isi(c[3], "{{ i.tanggal }}", align="center", size=UKURAN)
    isi(c[4], "{{ i.jumlah }}", align="center", size=UKURAN)
    isi(c[5], "{{ i.keterangan }}", size=UKURAN)
    for cell in c:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    jangan_pecah(c[0]._tc.getparent())
    isi(tambah_baris(t, KOLOM)[0], "{%tr endfor %}")
    c = tambah_baris(t, KOLOM)
    jumlah = c[0].merge(c[3])
    isi(jumlah, "Jumlah halaman naskah", bold=True, align="right", size=UKURAN)
    isi(c[4], "{{ jumlah_halaman_item }}", bold=True, align="center", size=UKURAN)
    for cell in (jumlah, c[4], c[5]):
        arsir(cell, "F2F2F2")
    jangan_pecah(c[0]._tc.getparent())

    # The summary on the left, the filer's signature on the right: one row that never splits.
    p(doc, "", size=6, jaga_bersama=True)
    t = tabel(doc, [78, 7, LEBAR_TEKS_MM - 85])
    isi(t.cell(0, 0), "{{ ringkasan }}", size=10)
    sel = t.cell(0, 2)
    isi(sel, "{{ tempat_tanggal }}")
    p(sel, "{{ ttd.jabatan }}")
    for _ in range(3):
        p(sel, "")
    p(sel, "{{ ttd.nama }}", bold=True, underline=True)
    tag(sel, "if ttd.pangkat")
    p(sel, "{{ ttd.pangkat }}")
    tag(sel, "endif")
    tag(sel, "if ttd.nip")
    p(sel, "{{ ttd.nip }}")
    tag(sel, "endif")
    jangan_pecah(t.rows[0]._tr)
    return doc


TEMPLAT = {"daftar-isi-berkas": daftar_isi_berkas}
