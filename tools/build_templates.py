"""Write templates_docx/<slug>.docx: the first version of every template, in Tata Naskah Dinas layout.

The .docx files are the source of truth afterwards (edit them in Word or LibreOffice; `docgen
check-templates` checks them). Running this again overwrites hand edits: `make templates`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT  # noqa: E402
from docx.shared import Mm  # noqa: E402
from docx_builder import (  # noqa: E402
    LEBAR_TEKS_LANDSCAPE_MM,
    LEBAR_TEKS_MM,
    arsir,
    blok_label,
    daftar_dalam_sel,
    dokumen,
    garis_bawah,
    isi,
    jangan_pecah,
    kop,
    margin_sel,
    nomor_halaman,
    p,
    paragraf_isi,
    pisah_halaman,
    seksi_landscape,
    tabel,
    tabel_data,
    tag,
    tambah_baris,
    tembusan,
    ttd,
    ttd_sel,
    ukuran_tanda_paragraf,
    ulang_di_setiap_halaman,
)

OUT = Path(__file__).resolve().parent.parent / "templates_docx"


def kepala_surat(doc, *, dengan_kepada: bool = True) -> None:
    """Place/date at the right; Nomor, Sifat, Lampiran, Hal at the left; then the addressee."""
    p(doc, "{{ tempat_tanggal }}", kiri=95)
    p(doc, "")
    blok_label(doc, [("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"), ("Lampiran", "{{ lampiran }}"),
                     ("Hal", "{{ hal }}")], kolom_mm=(25, 4, 90))
    if dengan_kepada:
        p(doc, "")
        p(doc, "Yth. {{ kepada }}", kiri=29)
        p(doc, "di", kiri=29)
        p(doc, "{{ di }}", kiri=35)
        p(doc, "")


def keputusan_sop():
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
        isi(t.rows[2].cells[0], "{%tr endfor %}")
        p(doc, "", size=8)

    p(doc, "MEMUTUSKAN:", bold=True, align="center", sesudah=6)
    t = tabel(doc, [30, 5, 130], baris=1)
    isi(t.rows[0].cells[0], "Menetapkan")
    isi(t.rows[0].cells[1], ":")
    isi(t.rows[0].cells[2], "{{ menetapkan }}")
    p(doc, "", size=8)
    t = tabel(doc, [30, 5, 130], baris=3)
    isi(t.rows[0].cells[0], "{%tr for d in diktum_awal %}")
    c = t.rows[1].cells
    isi(c[0], "{{ d.kata }}")
    isi(c[1], ":")
    isi(c[2], "{{ d.isi }}", align="justify")
    tag(c[2], "for r in d.rincian")
    p(c[2], "{{ r.no }}\t{{ r.isi }}", gantung=6, align="justify")
    tag(c[2], "endfor")
    p(c[2], "", size=6)
    isi(t.rows[2].cells[0], "{%tr endfor %}")

    def diktum_akhir(cell) -> None:
        # The last diktum shares the signature's unsplittable cell, so the signature never stands alone.
        par = isi(cell, "{{ diktum_akhir.kata }}\t:\t{{ diktum_akhir.isi }}", align="justify")
        par.paragraph_format.left_indent = Mm(35)
        par.paragraph_format.first_line_indent = Mm(-35)
        par.paragraph_format.tab_stops.add_tab_stop(Mm(30))
        par.paragraph_format.tab_stops.add_tab_stop(Mm(35))
        tag(cell, "for r in diktum_akhir.rincian")
        p(cell, "{{ r.no }}\t{{ r.isi }}", kiri=35, gantung=6, align="justify")
        tag(cell, "endfor")
        p(cell, "")

    ttd(doc, kiri=85, awal=["Ditetapkan di\t: {{ tempat }}", "pada tanggal\t: {{ tanggal_penetapan }}"],
        pembuka=diktum_akhir)
    tembusan(doc)

    # ---- Lampiran: the SOP itself, landscape ---------------------------------------------------
    sec = seksi_landscape(doc)
    nomor_halaman(sec, "Lampiran Keputusan, hal. ")
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
    pisah_halaman(doc, kecil=True)
    tag(doc, "endif")
    tag(doc, "endfor")
    p(doc, "")
    ttd(doc, kiri=W - 95, spasi_ttd=3, lebar_mm=W)
    doc.save(OUT / "keputusan-sop.docx")


def nota_dinas():
    doc = dokumen()
    kop(doc)
    p(doc, "NOTA DINAS", bold=True, align="center", size=13)
    p(doc, "NOMOR {{ nomor }}", align="center", sesudah=12)
    blok_label(doc, [("Yth.", "{{ kepada }}"), ("Dari", "{{ dari }}"), ("Tembusan", "{{ tembusan_teks }}"),
                     ("Tanggal", "{{ tanggal }}"), ("Sifat", "{{ sifat }}"), ("Lampiran", "{{ lampiran }}"),
                     ("Hal", "{{ hal }}")], kolom_mm=(30, 5, 130))
    garis = p(doc, "", size=6)
    garis_bawah(garis, ukuran=8, gaya="single")
    p(doc, "", size=8)
    paragraf_isi(doc)
    ttd(doc)
    doc.save(OUT / "nota-dinas.docx")


def surat_permintaan_data():
    doc = dokumen()
    kop(doc)
    kepala_surat(doc)
    paragraf_isi(doc, "pembuka", kiri=29)
    tabel_data(doc, [10, 76, 50], ["No", "Data yang Diminta", "Keterangan"],
               ["{{ d.no }}", "{{ d.uraian }}", "{{ d.keterangan }}"], "d in data").alignment = WD_TABLE_ALIGNMENT.RIGHT
    p(doc, "")
    p(doc, "Data tersebut mohon disampaikan paling lambat {{ batas_waktu }}{{ cara_penyampaian }}.",
      align="justify", baris_pertama=12.5, kiri=29, sesudah=6)
    tag(doc, "if narahubung")
    p(doc, "Informasi lebih lanjut dapat menghubungi {{ narahubung }}.", align="justify", baris_pertama=12.5,
      kiri=29, sesudah=6)
    tag(doc, "endif")
    ttd(doc, penutup="penutup", penutup_kiri=29)
    tembusan(doc)
    doc.save(OUT / "surat-permintaan-data.docx")


def undangan_rapat():
    doc = dokumen()
    kop(doc)
    kepala_surat(doc)
    paragraf_isi(doc, "pembuka", kiri=29)
    t = blok_label(doc, [("hari, tanggal", "{{ hari_tanggal }}"), ("waktu", "{{ waktu }}"),
                         ("tempat", "{{ tempat }}"), ("acara", "{{ acara }}")], kolom_mm=(35, 5, 96))
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT
    p(doc, "", size=6)
    tag(doc, "if catatan")
    paragraf_isi(doc, "catatan", kiri=29)
    tag(doc, "endif")
    ttd(doc, penutup="penutup", penutup_kiri=29)
    tembusan(doc)
    tag(doc, "if daftar_undangan")
    pisah_halaman(doc)
    t = tabel(doc, [70, 25, 4, 66], baris=3)
    for row, (label, val) in zip(t.rows, [("LAMPIRAN", "SURAT {{ penandatangan_jabatan }}"),
                                          ("NOMOR", "{{ nomor }}"), ("TANGGAL", "{{ tanggal }}")], strict=True):
        isi(row.cells[1], label, size=10)
        isi(row.cells[2], ":", size=10)
        isi(row.cells[3], val, size=10)
    p(doc, "")
    p(doc, "DAFTAR UNDANGAN", bold=True, align="center", sesudah=6)
    tabel_data(doc, [12, 153], ["No", "Nama / Jabatan"], ["{{ u.no }}", "{{ u.isi }}"], "u in daftar_undangan")
    ttd(doc)
    tag(doc, "endif")
    doc.save(OUT / "undangan-rapat.docx")


def notulen_rapat():
    doc = dokumen()
    kop(doc)
    p(doc, "NOTULEN RAPAT", bold=True, align="center", size=13)
    p(doc, "{{ judul }}", bold=True, align="center", sesudah=12)
    blok_label(doc, [("Hari/Tanggal", "{{ hari_tanggal }}"), ("Waktu", "{{ waktu }}"), ("Tempat", "{{ tempat }}"),
                     ("Acara", "{{ acara }}"), ("Pimpinan Rapat", "{{ pimpinan.nama }}"),
                     ("Notulis", "{{ notulis.nama }}"), ("Peserta", "{{ peserta_ringkas }}")],
               kolom_mm=(40, 5, 120))
    p(doc, "")
    p(doc, "A. Pembukaan", bold=True, sesudah=4)
    paragraf_isi(doc, "pembukaan", kiri=6, baris_pertama=0)
    p(doc, "B. Pembahasan", bold=True, sesudah=4)
    tag(doc, "for b in pembahasan")
    p(doc, "{{ b.no }}\t{{ b.isi }}", gantung=6, kiri=6, align="justify", sesudah=4)
    tag(doc, "endfor")
    p(doc, "C. Kesimpulan", bold=True, sesudah=4)
    tag(doc, "for k in kesimpulan")
    p(doc, "{{ k.no }}\t{{ k.isi }}", gantung=6, kiri=6, align="justify", sesudah=4)
    tag(doc, "endfor")
    tag(doc, "if tindak_lanjut")
    p(doc, "D. Tindak Lanjut", bold=True, sesudah=4)
    tabel_data(doc, [10, 75, 45, 35], ["No", "Tindak Lanjut", "Penanggung Jawab", "Batas Waktu"],
               ["{{ t.no }}", "{{ t.uraian }}", "{{ t.penanggung_jawab }}", "{{ t.batas_waktu }}"],
               "t in tindak_lanjut")
    tag(doc, "endif")
    p(doc, "")
    t = tabel(doc, [82, 83])
    ttd_sel(t.cell(0, 0), "ttd_pimpinan", "Pimpinan Rapat,")
    ttd_sel(t.cell(0, 1), "ttd_notulis", "Notulis,", tempat_tanggal="{{ tempat_tanggal }}")
    jangan_pecah(t.rows[0]._tr)

    pisah_halaman(doc)
    p(doc, "DAFTAR HADIR", bold=True, align="center", size=13)
    p(doc, "{{ judul }}", bold=True, align="center")
    p(doc, "{{ hari_tanggal }}, {{ tempat }}", align="center", sesudah=10)
    kolom = [10, 55, 45, 55]
    tabel_data(doc, kolom, ["No", "Nama / NIP", "Jabatan / Unit Kerja", "Tanda Tangan"],
               ["{{ h.no }}", "{{ h.nama }}{{ h.nip_baris }}", "{{ h.jabatan }}", "{{ h.kolom_ttd }}"],
               "h in daftar_hadir", size=10, align=["center", "left", "left", "left"])
    doc.save(OUT / "notulen-rapat.docx")


def rencana_kegiatan():
    doc = dokumen()
    kop(doc)
    p(doc, "{{ judul }}", bold=True, align="center", size=13)
    p(doc, "TAHUN {{ tahun }}", bold=True, align="center", sesudah=12)
    p(doc, "A. Dasar", bold=True, sesudah=4)
    tag(doc, "for d in dasar")
    p(doc, "{{ d.no }}\t{{ d.isi }}", gantung=6, kiri=6, align="justify", sesudah=2)
    tag(doc, "endfor")
    p(doc, "B. Tujuan", bold=True, sebelum=6, sesudah=4)
    paragraf_isi(doc, "tujuan", kiri=6, baris_pertama=0)
    p(doc, "C. Tim Pelaksana", bold=True, sebelum=6, sesudah=4)
    tabel_data(doc, [10, 70, 85], ["No", "Nama", "Kedudukan dalam Tim"],
               ["{{ a.no }}", "{{ a.nama }}", "{{ a.peran }}"], "a in tim", size=11)
    p(doc, "D. Jadwal Kegiatan", bold=True, sebelum=10, sesudah=4)
    tabel_data(doc, [9, 52, 32, 32, 40], ["No", "Kegiatan", "Pelaksana", "Jadwal", "Output"],
               ["{{ k.no }}", "{{ k.uraian }}{{ k.keterangan_baris }}", "{{ k.pelaksana }}", "{{ k.jadwal }}",
                "{{ k.output }}"], "k in kegiatan", size=10)
    tag(doc, "if catatan")
    p(doc, "E. Catatan", bold=True, sebelum=10, sesudah=4)
    paragraf_isi(doc, "catatan", kiri=6, baris_pertama=0)
    tag(doc, "endif")
    ttd(doc, tempat_tanggal="{{ tempat_tanggal }}")
    doc.save(OUT / "rencana-kegiatan.docx")


def checklist_dokumen():
    doc = dokumen()
    kop(doc)
    p(doc, "CHECKLIST DOKUMEN", bold=True, align="center", size=13)
    p(doc, "{{ judul }}", bold=True, align="center", sesudah=12)
    blok_label(doc, [("Kegiatan", "{{ kegiatan }}"), ("Periode", "{{ periode }}"),
                     ("Tanggal pemeriksaan", "{{ tanggal }}"), ("Pemeriksa", "{{ pemeriksa }}")],
               kolom_mm=(45, 5, 115))
    p(doc, "")
    tabel_data(doc, [9, 58, 34, 13, 13, 38], ["No", "Nama Dokumen", "Sumber", "Ada", "Tidak", "Keterangan"],
               ["{{ d.no }}", "{{ d.nama }}", "{{ d.sumber }}", "{{ d.ada }}", "{{ d.tidak }}", "{{ d.keterangan }}"],
               "d in dokumen", size=10, align=["center", "left", "left", "center", "center", "left"])
    p(doc, "")
    p(doc, "Rekapitulasi: {{ ringkasan }}", sesudah=4)
    tag(doc, "if catatan")
    p(doc, "Catatan:", bold=True)
    paragraf_isi(doc, "catatan", baris_pertama=0)
    tag(doc, "endif")
    p(doc, "")
    t = tabel(doc, [82, 83])
    ttd_sel(t.cell(0, 0), "ttd_mengetahui", "Mengetahui,")
    ttd_sel(t.cell(0, 1), "ttd", "Pemeriksa,", tempat_tanggal="{{ tempat_tanggal }}")
    jangan_pecah(t.rows[0]._tr)
    doc.save(OUT / "checklist-dokumen.docx")


def lembar_disposisi():
    doc = dokumen()
    kop(doc)
    p(doc, "LEMBAR DISPOSISI", bold=True, align="center", size=13, sesudah=8)
    W = LEBAR_TEKS_MM
    kolom = [30, 4, 48.5, 30, 4, 48.5]
    t = tabel(doc, kolom, baris=3, grid=True)
    rows = [("Surat dari", "{{ surat_dari }}", "Diterima tgl.", "{{ diterima_tanggal }}"),
            ("Nomor surat", "{{ nomor_surat }}", "Nomor agenda", "{{ nomor_agenda }}"),
            ("Tanggal surat", "{{ tanggal_surat }}", "Sifat", None)]
    for row, (l1, v1, l2, v2) in zip(t.rows, rows, strict=True):
        c = row.cells
        isi(c[0], l1, size=11)
        isi(c[1], ":", size=11)
        isi(c[2], v1, size=11)
        isi(c[3], l2, size=11)
        isi(c[4], ":", size=11)
        if v2:
            isi(c[5], v2, size=11)
    sifat = t.cell(2, 5)
    isi(sifat, "{%p for s in sifat %}")
    p_kotak(sifat, "s")
    tag(sifat, "endfor")
    _hapus_garis_dalam(t)
    t = tabel(doc, [30, 4, W - 34], baris=1, grid=True)
    isi(t.cell(0, 0), "Hal", size=11)
    isi(t.cell(0, 1), ":", size=11)
    isi(t.cell(0, 2), "{{ hal }}", size=11)
    _hapus_garis_dalam(t)
    t = tabel(doc, [W / 2, W / 2], baris=2, grid=True)
    isi(t.cell(0, 0), "Diteruskan kepada Sdr.:", bold=True, size=11)
    isi(t.cell(0, 1), "Dengan hormat harap:", bold=True, size=11)
    c = t.cell(1, 0)
    isi(c, "{%p for d in tujuan %}")
    p_kotak(c, "d")
    tag(c, "endfor")
    c = t.cell(1, 1)
    isi(c, "{%p for d in instruksi %}")
    p_kotak(c, "d")
    tag(c, "endfor")
    t = tabel(doc, [W], baris=1, grid=True)
    c = t.cell(0, 0)
    isi(c, "Catatan:", bold=True, size=11)
    tag(c, "for par in catatan")
    p(c, "{{ par }}", size=11, align="justify")
    tag(c, "endfor")
    for _ in range(2):
        p(c, "")
    p(c, "Tanggal penyelesaian: {{ batas_waktu }}", size=11, sesudah=4)
    ttd(doc, tempat_tanggal="{{ tempat_tanggal }}")
    doc.save(OUT / "lembar-disposisi.docx")


def p_kotak(cell, var: str) -> None:
    """A tick-box line: the box in DejaVu Sans (Arial has no ballot-box glyphs), then the text."""
    from docx.shared import Pt

    par = p(cell, "", gantung=6, sesudah=2)
    kotak = par.add_run("{{ " + var + ".kotak }}")
    kotak.font.name = "DejaVu Sans"
    kotak.font.size = Pt(11)
    teks = par.add_run("\t{{ " + var + ".nama }}")
    teks.font.size = Pt(11)


def _hapus_garis_dalam(t) -> None:
    """Keep the outer border of a grid table, drop the vertical lines between label, colon and value."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for side, val in (("top", "single"), ("left", "single"), ("bottom", "single"), ("right", "single"),
                      ("insideH", "single"), ("insideV", "nil")):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), val)
        if val != "nil":
            e.set(qn("w:sz"), "4")
            e.set(qn("w:space"), "0")
            e.set(qn("w:color"), "000000")
        borders.append(e)
    t._tbl.tblPr.append(borders)


def surat_pengantar():
    doc = dokumen()
    kop(doc)
    p(doc, "{{ tempat_tanggal }}", kiri=95)
    p(doc, "")
    p(doc, "Yth. {{ kepada }}", kiri=95)
    p(doc, "di", kiri=95)
    p(doc, "{{ di }}", kiri=101)
    p(doc, "")
    p(doc, "SURAT PENGANTAR", bold=True, underline=True, align="center")
    p(doc, "NOMOR {{ nomor }}", align="center", sesudah=10)
    tabel_data(doc, [10, 80, 30, 45], ["No", "Naskah yang Dikirim", "Banyaknya", "Keterangan"],
               ["{{ i.no }}", "{{ i.naskah }}", "{{ i.banyaknya }}", "{{ i.keterangan }}"], "i in naskah",
               align=["center", "left", "center", "left"])
    p(doc, "")
    t = tabel(doc, [82, 83])
    kiri, kanan = t.cell(0, 0), t.cell(0, 1)
    isi(kiri, "Diterima tanggal: {{ penerima.tanggal }}", size=11)
    p(kiri, "Penerima,", size=11, sebelum=4)
    p(kiri, "{{ penerima.jabatan }}", size=11)
    for _ in range(3):
        p(kiri, "")
    p(kiri, "{{ penerima.nama }}", bold=True, size=11)
    p(kiri, "{{ penerima.nip }}", size=11)
    p(kiri, "Nomor telepon: {{ penerima.telepon }}", size=11)
    ttd_sel(kanan, "ttd", "Pengirim,")
    jangan_pecah(t.rows[0]._tr)
    tembusan(doc)
    doc.save(OUT / "surat-pengantar.docx")


BUILDERS = [keputusan_sop, nota_dinas, surat_permintaan_data, undangan_rapat, notulen_rapat, rencana_kegiatan,
            checklist_dokumen, lembar_disposisi, surat_pengantar]


def semua_builder() -> list:
    """This file's builders, then those of every tools/templates_*.py module (its BUILDERS list)."""
    import importlib

    hasil = list(BUILDERS)
    for path in sorted(Path(__file__).parent.glob("templates_*.py")):
        hasil += importlib.import_module(path.stem).BUILDERS
    return hasil


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for fn in semua_builder():
        fn()
        print(f"ditulis: templates_docx/{fn.__name__.replace('_', '-')}.docx")


if __name__ == "__main__":
    main()
