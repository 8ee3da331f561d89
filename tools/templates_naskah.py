"""Templates of the letters and meeting papers (Tata Naskah Dinas): nota dinas, surat, undangan, notulen,
rencana kegiatan, checklist, disposisi and surat pengantar."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from tools.docx_builder import (
    LEBAR_TEKS_MM,
    dokumen,
    garis_bawah,
    isi,
    jangan_pecah,
    p,
    pisah_halaman,
    tabel,
    tag,
)
from tools.docx_naskah import (
    JAGA_AKHIR,
    blok_label,
    jaga_tabel,
    kop,
    p_jaga,
    paragraf_isi,
    tabel_data,
    tembusan,
    ttd,
    ttd_sel,
)


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



def nota_dinas() -> Document:
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
    paragraf_isi(doc, jaga_bila=JAGA_AKHIR)
    ttd(doc)
    return doc


def surat_permintaan_data() -> Document:
    doc = dokumen()
    kop(doc)
    kepala_surat(doc)
    paragraf_isi(doc, "pembuka", kiri=29)
    tabel_data(doc, [10, 76, 50], ["No", "Data yang Diminta", "Keterangan"],
               ["{{ d.no }}", "{{ d.uraian }}", "{{ d.keterangan }}"], "d in data").alignment = WD_TABLE_ALIGNMENT.RIGHT
    p(doc, "")
    # kept with the signature only when the contact paragraph after it is a single line
    p_jaga(doc, "Data tersebut mohon disampaikan paling lambat {{ batas_waktu }}{{ cara_penyampaian }}.",
           jaga_bila="jaga_batas_waktu", align="justify", baris_pertama=12.5, kiri=29, sesudah=6)
    tag(doc, "if narahubung")
    p(doc, "Informasi lebih lanjut dapat menghubungi {{ narahubung }}.", align="justify", baris_pertama=12.5,
      kiri=29, sesudah=6, jaga_bersama=True)
    tag(doc, "endif")
    ttd(doc, penutup="penutup", penutup_kiri=29, dengan_tembusan=True)
    return doc


def undangan_rapat() -> Document:
    doc = dokumen()
    kop(doc)
    kepala_surat(doc)
    paragraf_isi(doc, "pembuka", kiri=29)
    t = blok_label(doc, [("hari, tanggal", "{{ hari_tanggal }}"), ("waktu", "{{ waktu }}"),
                         ("tempat", "{{ tempat }}"), ("acara", "{{ acara }}")], kolom_mm=(35, 5, 96))
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT
    jaga_tabel(t)  # the meeting's details go with the closing and signature
    p(doc, "", size=6, jaga_bersama=True)
    tag(doc, "if catatan")
    paragraf_isi(doc, "catatan", kiri=29, jaga_bila=JAGA_AKHIR)
    tag(doc, "endif")
    ttd(doc, penutup="penutup", penutup_kiri=29, dengan_tembusan=True)
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
    tabel_data(doc, [12, 153], ["No", "Nama / Jabatan"], ["{{ u.no }}", "{{ u.isi }}"], "u in daftar_undangan",
               jaga_akhir=True)
    ttd(doc)
    tag(doc, "endif")
    return doc


def notulen_rapat() -> Document:
    doc = dokumen()
    kop(doc)
    p(doc, "NOTULEN RAPAT", bold=True, align="center", size=13)
    p(doc, "{{ judul }}", bold=True, align="center", sesudah=12)
    blok_label(doc, [("Hari/Tanggal", "{{ hari_tanggal }}"), ("Waktu", "{{ waktu }}"), ("Tempat", "{{ tempat }}"),
                     ("Acara", "{{ acara }}"), ("Pimpinan Rapat", "{{ pimpinan.nama }}"),
                     ("Notulis", "{{ notulis.nama }}"), ("Peserta", "{{ peserta_ringkas }}")],
               kolom_mm=(40, 5, 120))
    p(doc, "")
    p(doc, "A. Pembukaan", bold=True, sesudah=4, jaga_bersama=True)
    paragraf_isi(doc, "pembukaan", kiri=6, baris_pertama=0)
    p(doc, "B. Pembahasan", bold=True, sesudah=4, jaga_bersama=True)
    tag(doc, "for b in pembahasan")
    p_jaga(doc, "{{ b.no }}\t{{ b.isi }}", jaga_bila=f"{JAGA_AKHIR} and not kesimpulan and not tindak_lanjut",
           gantung=6, kiri=6, align="justify", sesudah=4)
    tag(doc, "endfor")
    p(doc, "C. Kesimpulan", bold=True, sesudah=4, jaga_bersama=True)
    tag(doc, "for k in kesimpulan")
    p_jaga(doc, "{{ k.no }}\t{{ k.isi }}", jaga_bila=f"{JAGA_AKHIR} and not tindak_lanjut", gantung=6, kiri=6,
           align="justify", sesudah=4)
    tag(doc, "endfor")
    tag(doc, "if tindak_lanjut")
    p(doc, "D. Tindak Lanjut", bold=True, sesudah=4, jaga_bersama=True)
    tabel_data(doc, [10, 75, 45, 35], ["No", "Tindak Lanjut", "Penanggung Jawab", "Batas Waktu"],
               ["{{ t.no }}", "{{ t.uraian }}", "{{ t.penanggung_jawab }}", "{{ t.batas_waktu }}"],
               "t in tindak_lanjut", jaga_akhir=True)
    tag(doc, "endif")
    p(doc, "", jaga_bersama=True)
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
    return doc


def rencana_kegiatan() -> Document:
    doc = dokumen()
    kop(doc)
    p(doc, "{{ judul }}", bold=True, align="center", size=13)
    p(doc, "TAHUN {{ tahun }}", bold=True, align="center", sesudah=12)
    p(doc, "A. Dasar", bold=True, sesudah=4, jaga_bersama=True)
    tag(doc, "for d in dasar")
    p(doc, "{{ d.no }}\t{{ d.isi }}", gantung=6, kiri=6, align="justify", sesudah=2)
    tag(doc, "endfor")
    p(doc, "B. Tujuan", bold=True, sebelum=6, sesudah=4, jaga_bersama=True)
    paragraf_isi(doc, "tujuan", kiri=6, baris_pertama=0)
    p(doc, "C. Tim Pelaksana", bold=True, sebelum=6, sesudah=4, jaga_bersama=True)
    tabel_data(doc, [10, 70, 85], ["No", "Nama", "Kedudukan dalam Tim"],
               ["{{ a.no }}", "{{ a.nama }}", "{{ a.peran }}"], "a in tim", size=11)
    p(doc, "D. Jadwal Kegiatan", bold=True, sebelum=10, sesudah=4, jaga_bersama=True)
    tabel_data(doc, [9, 52, 32, 32, 40], ["No", "Kegiatan", "Pelaksana", "Jadwal", "Keluaran"],
               ["{{ k.no }}", "{{ k.uraian }}{{ k.keterangan_baris }}", "{{ k.pelaksana }}", "{{ k.jadwal }}",
                "{{ k.output }}"], "k in kegiatan", size=10, jaga_akhir=True)
    tag(doc, "if catatan")
    p(doc, "E. Catatan", bold=True, sebelum=10, sesudah=4, jaga_bersama=True)
    paragraf_isi(doc, "catatan", kiri=6, baris_pertama=0, jaga_bila=JAGA_AKHIR)
    tag(doc, "endif")
    ttd(doc, tempat_tanggal="{{ tempat_tanggal }}")
    return doc


def checklist_dokumen() -> Document:
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
               "d in dokumen", size=10, align=["center", "left", "left", "center", "center", "left"],
               jaga_akhir=True)
    p(doc, "", jaga_bersama=True)
    p(doc, "Rekapitulasi: {{ ringkasan }}", sesudah=4, jaga_bersama=True)
    tag(doc, "if catatan")
    p(doc, "Catatan:", bold=True, jaga_bersama=True)
    paragraf_isi(doc, "catatan", baris_pertama=0, jaga_bila=JAGA_AKHIR)
    tag(doc, "endif")
    p(doc, "", jaga_bersama=True)
    t = tabel(doc, [82, 83])
    ttd_sel(t.cell(0, 0), "ttd_mengetahui", "Mengetahui,")
    ttd_sel(t.cell(0, 1), "ttd", "Pemeriksa,", tempat_tanggal="{{ tempat_tanggal }}")
    jangan_pecah(t.rows[0]._tr)
    return doc


def lembar_disposisi() -> Document:
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
    return doc


def p_kotak(cell, var: str) -> None:
    """A tick-box line: the box in DejaVu Sans (Arial has no ballot-box glyphs), then the text."""
    par = p(cell, "", gantung=6, sesudah=2)
    kotak = par.add_run("{{ " + var + ".kotak }}")
    kotak.font.name = "DejaVu Sans"
    kotak.font.size = Pt(11)
    teks = par.add_run("\t{{ " + var + ".nama }}")
    teks.font.size = Pt(11)


def _hapus_garis_dalam(t) -> None:
    """Keep the outer border of a grid table, drop the vertical lines between label, colon and value."""
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


def surat_pengantar() -> Document:
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
               align=["center", "left", "center", "left"], jaga_akhir=True)
    p(doc, "", jaga_bersama=True)
    # Penerima and Pengirim side by side, and the tembusan under them, in one cell that never splits.
    luar = tabel(doc, [LEBAR_TEKS_MM], margin_mm=0)
    jangan_pecah(luar.rows[0]._tr)
    # Row by row, so the two blocks line up: greeting, role, jabatan, room to sign, names, NIP, telephone.
    t = tabel(luar.cell(0, 0), [82, 83], baris=7)
    baris = [("Diterima tanggal: {{ penerima.tanggal }}", ""),
             ("Penerima,", "Pengirim,"),
             ("{{ penerima.jabatan }}", "{{ ttd.jabatan }}"),
             ("", ""),
             ("{{ penerima.nama }}", "{{ ttd.nama }}"),
             ("{{ penerima.nip }}", "{{ ttd.pangkat }}"),
             ("Nomor telepon: {{ penerima.telepon }}", "{{ ttd.nip }}")]
    for i, (teks_kiri, teks_kanan) in enumerate(baris):
        kiri, kanan = t.cell(i, 0), t.cell(i, 1)
        nama = {"bold": True} if i == 4 else {}
        isi(kiri, teks_kiri, **(nama if teks_kiri else {}))
        isi(kanan, teks_kanan, align="center", **({**nama, "underline": True} if i == 4 else {}))
    for _ in range(3):  # the room to sign, as in every signature block
        p(t.cell(3, 0), "")
    tembusan(luar.cell(0, 0))
    return doc


TEMPLAT = {
    "nota-dinas": nota_dinas,
    "surat-permintaan-data": surat_permintaan_data,
    "undangan-rapat": undangan_rapat,
    "notulen-rapat": notulen_rapat,
    "rencana-kegiatan": rencana_kegiatan,
    "checklist-dokumen": checklist_dokumen,
    "lembar-disposisi": lembar_disposisi,
    "surat-pengantar": surat_pengantar,
}
