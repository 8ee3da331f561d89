"""Template of the SOP decree: the keputusan, then the SOP itself in landscape (Permen PANRB 35/2012)."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.shared import Mm

from tools.docx_builder import (
    LEBAR_TEKS_LANDSCAPE_MM,
    arsir,
    dokumen,
    garis_rapat,
    isi,
    jangan_pecah,
    margin_sel,
    nomor_halaman_atas,
    p,
    pisah_halaman,
    seksi_landscape,
    tabel,
    tag,
    tambah_baris,
    ukuran_tanda_paragraf,
    ulang_di_setiap_halaman,
)
from tools.docx_naskah import (
    daftar_dalam_sel,
    jaga_tabel,
    kop,
    ttd,
)


def keputusan_sop() -> Document:
    doc = dokumen()
    kop(doc)
    for teks in ("KEPUTUSAN {{ penetap }}", "NOMOR {{ nomor }}", "", "TENTANG", "", "{{ tentang }}", ""):
        p(doc, teks, bold=bool(teks), align="center")
    p(doc, "{{ penetap }},", bold=True, align="center", sesudah=12)

    kolom = [30, 5, 8, 122]
    for judul, var in (("Menimbang", "menimbang"), ("Mengingat", "mengingat")):
        t = tabel(doc, kolom, baris=3)
        isi(t.rows[0].cells[0], "{%tr for m in " + var + " %}")
        c = t.rows[1].cells
        isi(c[0], "{{ '" + judul + "' if loop.first else '' }}")
        isi(c[1], "{{ ':' if loop.first else '' }}")
        isi(c[2], "{{ m.no }}")
        isi(c[3], "{{ m.isi }}", align="justify")
        jangan_pecah(t.rows[1]._tr)  # LibreOffice keeps no widow control in a split row: each item stays whole
        isi(t.rows[2].cells[0], "{%tr endfor %}")
        p(doc, "", size=8)

    p(doc, "MEMUTUSKAN:", bold=True, align="center", sesudah=6, jaga_bersama=True)
    # With a single diktum, "Menetapkan" sits in the signature's cell with it (below), so that page carries both.
    tag(doc, "if diktum_awal")
    t = tabel(doc, [30, 5, 130], baris=1)
    isi(t.rows[0].cells[0], "Menetapkan")
    isi(t.rows[0].cells[1], ":")
    isi(t.rows[0].cells[2], "{{ menetapkan }}")
    p(doc, "", size=8)
    tag(doc, "endif")
    # The diktum before the last: all but the final one in one table, that one in a second table kept with the
    # signature block (which holds the last diktum), so the page of the signature carries two diktum at least.
    for loop, jaga, ada in (("d in diktum_awal[:-1]", False, "diktum_awal|length > 1"),
                            ("d in diktum_awal[-1:]", True, "diktum_awal")):
        tag(doc, f"if {ada}")  # no table at all rather than one without rows
        t = tabel(doc, [30, 5, 130], baris=3)
        isi(t.rows[0].cells[0], "{%tr for " + loop + " %}")
        c = t.rows[1].cells
        isi(c[0], "{{ d.kata }}")
        isi(c[1], ":")
        isi(c[2], "{{ d.isi }}", align="justify")
        tag(c[2], "for r in d.rincian")
        p(c[2], "{{ r.no }}\t{{ r.isi }}", gantung=6, align="justify")
        tag(c[2], "endfor")
        p(c[2], "", size=6)
        jangan_pecah(t.rows[1]._tr)
        isi(t.rows[2].cells[0], "{%tr endfor %}")
        if jaga:
            jaga_tabel(t)
        else:
            garis_rapat(p(doc, "", jaga_bersama=True))  # two tables touching would be read as one
        tag(doc, "endif")

    def baris_diktum(cell, teks: str, align: str = "justify"):
        par = p(cell, teks, align=align)
        par.paragraph_format.left_indent = Mm(35)
        par.paragraph_format.first_line_indent = Mm(-35)
        par.paragraph_format.tab_stops.add_tab_stop(Mm(30))
        par.paragraph_format.tab_stops.add_tab_stop(Mm(35))
        return par

    def diktum_akhir(cell) -> None:
        # The last diktum shares the signature's unsplittable cell, so the signature never stands alone.
        isi(cell, "{%p if not diktum_awal %}")
        baris_diktum(cell, "Menetapkan\t:\t{{ menetapkan }}", align="left")  # as in its own table above
        p(cell, "", size=8)
        tag(cell, "endif")
        baris_diktum(cell, "{{ diktum_akhir.kata }}\t:\t{{ diktum_akhir.isi }}")
        tag(cell, "for r in diktum_akhir.rincian")
        p(cell, "{{ r.no }}\t{{ r.isi }}", kiri=35, gantung=6, align="justify")
        tag(cell, "endfor")
        p(cell, "")

    ttd(doc, kiri=85, awal=["Ditetapkan di\t: {{ tempat }}", "pada tanggal\t: {{ tanggal_penetapan }}"],
        pembuka=diktum_akhir, dengan_tembusan=True)

    # ---- Lampiran: the SOP itself, landscape ---------------------------------------------------
    sec = seksi_landscape(doc)
    nomor_halaman_atas(sec, mulai=1, halaman_pertama=True)
    W = LEBAR_TEKS_LANDSCAPE_MM
    t = tabel(doc, [120, 30, 4, 126], baris=4)
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT
    for row, (label, val) in zip(t.rows, [("LAMPIRAN", "KEPUTUSAN {{ penetap }}"), ("NOMOR", "{{ nomor }}"),
                                          ("TANGGAL", "{{ tanggal_penetapan }}"), ("TENTANG", "{{ tentang }}")],
                                 strict=True):
        isi(row.cells[1], label, size=10)
        isi(row.cells[2], ":", size=10)
        isi(row.cells[3], val, size=10)
    p(doc, "", size=8)

    # Identity table (Permen PANRB 35/2012).
    kolom = [110, 45, 125]
    t = tabel(doc, kolom, baris=6, grid=True)
    kiri = t.cell(0, 0).merge(t.cell(5, 0))
    isi(kiri, "{{ sop.logo }}", align="center")
    p(kiri, "{{ kop.pemerintah }}", bold=True, align="center", sebelum=4)
    p(kiri, "{{ kop.nama }}", bold=True, align="center")
    tag(kiri, "if sop.unit")
    p(kiri, "{{ sop.unit }}", bold=True, align="center", sebelum=4)
    tag(kiri, "endif")
    identitas = [("Nomor SOP", "{{ sop.nomor }}"), ("Tanggal Pembuatan", "{{ sop.tanggal_pembuatan }}"),
                 ("Tanggal Revisi", "{{ sop.tanggal_revisi }}"), ("Tanggal Efektif", "{{ sop.tanggal_efektif }}"),
                 ("Disahkan oleh", None), ("Nama SOP", "{{ sop.judul }}")]
    for i, (label, val) in enumerate(identitas):
        isi(t.cell(i, 1), label, size=10)
        if val:
            isi(t.cell(i, 2), val, size=10, bold=(label == "Nama SOP"))
    sel = t.cell(4, 2)
    isi(sel, "{{ sop.pengesah.jabatan }}", size=10, align="center")
    for _ in range(3):
        p(sel, "", size=10)
    p(sel, "{{ sop.pengesah.nama }}", bold=True, underline=True, align="center", size=10)
    p(sel, "{{ sop.pengesah.pangkat }}", align="center", size=10)
    p(sel, "{{ sop.pengesah.nip }}", align="center", size=10)

    t2 = tabel(doc, [W / 2, W / 2], baris=6, grid=True)
    pasangan = [("Dasar Hukum:", "sop.dasar_hukum", "Kualifikasi Pelaksana:", "sop.kualifikasi_pelaksana"),
                ("Keterkaitan:", "sop.keterkaitan", "Peralatan/Perlengkapan:", "sop.peralatan"),
                ("Peringatan:", "sop.peringatan", "Pencatatan dan Pendataan:", "sop.pencatatan")]
    for i, (l1, v1, l2, v2) in enumerate(pasangan):
        for j, (label, var) in enumerate(((l1, v1), (l2, v2))):
            isi(t2.cell(2 * i, j), label, bold=True, size=10)
            daftar_dalam_sel(t2.cell(2 * i + 1, j), var, size=10, kosong="-")

    pisah_halaman(doc)
    p(doc, "PROSEDUR {{ sop.judul_kapital }}", bold=True, align="center", sesudah=6)

    # Procedure table, one table per page (docgen paginates it so the flowchart's connectors fall at the page
    # ends): one column per pelaksana ({%tc %} loop) in the header; in each step row the pelaksana cells are one
    # merged cell holding that row's slice of the flowchart (a picture, no margins); Mutu Baku, Keterangan.
    tag(doc, "for hal in sop.halaman")
    kolom = [9, 62, 1, 24, 1, 34, 20, 34, 24]
    t = tabel(doc, kolom, baris=2, grid=True)
    no = t.cell(0, 0).merge(t.cell(1, 0))
    keg = t.cell(0, 1).merge(t.cell(1, 1))
    pel = t.cell(0, 2).merge(t.cell(0, 4))
    mutu = t.cell(0, 5).merge(t.cell(0, 7))
    ket = t.cell(0, 8).merge(t.cell(1, 8))
    for cell, teks in ((no, "No"), (keg, "Kegiatan"), (pel, "{% colspan jumlah_pelaksana %}Pelaksana"),
                       (mutu, "Mutu Baku"), (ket, "Keterangan")):
        isi(cell, teks, bold=True, align="center", size=9)
        arsir(cell, "D9D9D9")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    h2 = t.rows[1].cells
    isi(h2[2], "{%tc for pl in sop.pelaksana %}")
    isi(h2[3], "{{ pl }}", bold=True, align="center", size=8)
    arsir(h2[3], "D9D9D9")
    h2[3].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    margin_sel(h2[3], 0.6, ("left", "right"))  # narrow columns: room for the longest name word
    isi(h2[4], "{%tc endfor %}")
    for idx, teks in ((5, "Kelengkapan"), (6, "Waktu"), (7, "Output")):
        isi(h2[idx], teks, bold=True, align="center", size=9)
        arsir(h2[idx], "D9D9D9")
        h2[idx].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    ulang_di_setiap_halaman(t.rows[0]._tr)
    ulang_di_setiap_halaman(t.rows[1]._tr)
    c = tambah_baris(t, kolom)
    isi(c[0], "{%tr for l in hal.langkah %}")
    c = tambah_baris(t, kolom)
    isi(c[0], "{{ l.no }}", align="center", size=9)
    isi(c[1], "{{ l.kegiatan }}", size=9)
    bagan = c[2].merge(c[4])
    ukuran_tanda_paragraf(isi(bagan, "{% colspan jumlah_pelaksana %}{{ l.bagan }}", size=1), 1)
    margin_sel(bagan, 0)
    isi(c[5], "{{ l.kelengkapan }}", size=9)
    isi(c[6], "{{ l.waktu }}", align="center", size=9)
    isi(c[7], "{{ l.output }}", size=9)
    isi(c[8], "{{ l.keterangan }}", size=9)
    for idx in (0, 1, 5, 6, 7, 8):
        c[idx].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    jangan_pecah(c[0]._tc.getparent())
    c = tambah_baris(t, kolom)
    isi(c[0], "{%tr endfor %}")
    c = tambah_baris(t, kolom)
    isi(c[0], "{%tr if hal.terakhir %}")
    c = tambah_baris(t, kolom)
    jumlah = c[0].merge(c[5])
    isi(jumlah, "{% colspan kolom_jumlah %}Jumlah waktu penyelesaian", bold=True, align="right", size=10)
    isi(c[6], "{{ sop.total_waktu }}", bold=True, align="center", size=10)
    for cell in (jumlah, c[6]):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    jangan_pecah(c[0]._tc.getparent())
    c = tambah_baris(t, kolom)
    isi(c[0], "{%tr endif %}")
    tag(doc, "if not loop.last")
    pisah_halaman(doc)
    tag(doc, "endif")
    tag(doc, "endfor")
    p(doc, "")
    ttd(doc, kiri=W - 95, spasi_ttd=3, lebar_mm=W)
    return doc



TEMPLAT = {"keputusan-sop": keputusan_sop}
