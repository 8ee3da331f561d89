"""Template of the LKjIP (Permen PANRB 53/2014): cover, front matter with its indexes, chapters I-IV, appendix."""

from __future__ import annotations

from docx.document import Document

from tools.docx_builder import (
    dokumen,
    isi,
    jangan_pecah,
    kepala_tabel,
    nomor_halaman,
    p,
    pisah_halaman,
    tabel,
    tag,
    tambah_baris,
)
from tools.docx_naskah import (
    ttd,
    ttd_sel,
)
from tools.unsur_lkjip import (
    UKURAN_TABEL,
    bidang,
    daftar,
    gambar,
    gaya,
    judul,
    kepala_halaman,
    keterangan,
    nomor_format,
    paragraf,
    seksi_baru,
    tabel_baris,
    tabel_pk,
    tabel_program,
    tabel_tren,
)


def sampul(doc) -> None:
    for _ in range(3):
        p(doc, "")
    p(doc, "LAPORAN KINERJA INSTANSI PEMERINTAH", bold=True, size=18, align="center", sesudah=4)
    p(doc, "(LKjIP) TAHUN {{ tahun }}", bold=True, size=18, align="center", sesudah=48)
    tag(doc, "if logo")
    p(doc, "{{ logo }}", align="center", sesudah=48)
    tag(doc, "endif")
    p(doc, "{{ instansi.nama }}", bold=True, size=15, align="center", sesudah=6)
    p(doc, "{{ instansi.pemerintah }}", bold=True, size=15, align="center", sesudah=120)
    p(doc, "{{ instansi.kota_kapital }}", bold=True, size=13, align="center")
    p(doc, "{{ tahun_terbit }}", bold=True, size=13, align="center")


def depan(doc) -> None:
    sec = seksi_baru(doc)
    nomor_format(sec, "lowerRoman", 1)
    nomor_halaman(sec, "")
    judul(doc, "KATA PENGANTAR", 1)
    ttd(doc, kiri=85, tempat_tanggal="{{ tempat_tanggal }}", penutup="kata_pengantar")
    pisah_halaman(doc)
    judul(doc, "IKHTISAR EKSEKUTIF", 1)
    paragraf(doc, "ikhtisar")
    p(doc, "Angka kunci kinerja tahun {{ tahun }}:", bold=True, sebelum=6, sesudah=4)
    kolom = [95, 70]
    t = tabel(doc, kolom, grid=True)
    isi(t.rows[0].cells[0], "{%tr for k in angka_kunci %}")
    c = tambah_baris(t, kolom)
    isi(c[0], "{{ k.label }}", size=10.5)
    isi(c[1], "{{ k.nilai }}", bold=True, align="right", size=10.5)
    jangan_pecah(c[0]._tc.getparent())
    isi(tambah_baris(t, kolom)[0], "{%tr endfor %}")
    for teks, instr in (("DAFTAR ISI", 'TOC \\o "1-3" \\h \\z \\u'),
                        ("DAFTAR TABEL", 'TOC \\h \\z \\t "Judul Tabel,1"'),
                        ("DAFTAR GAMBAR", 'TOC \\h \\z \\t "Judul Gambar,1"')):
        pisah_halaman(doc)
        judul(doc, teks, 1)
        p(doc, "Halaman", bold=True, align="right", size=10, sesudah=4)
        bidang(doc.add_paragraph(), instr, "Perbarui bidang (F9) untuk menampilkan daftar ini.")


def bab1(doc) -> None:
    judul(doc, "BAB I PENDAHULUAN", 1)
    judul(doc, "A. Latar Belakang", 2)
    paragraf(doc, "latar_belakang")
    judul(doc, "B. Tugas, Fungsi dan Struktur Organisasi", 2)
    judul(doc, "1. Tugas", 3)
    paragraf(doc, "tugas")
    tag(doc, "if fungsi")
    judul(doc, "2. Fungsi", 3)
    p(doc, "Dalam melaksanakan tugas tersebut, {{ instansi.nama_biasa }} menyelenggarakan fungsi:", align="justify",
      sesudah=4)
    daftar(doc, "fungsi")
    tag(doc, "endif")
    judul(doc, "{{ nomor_struktur }}. Struktur Organisasi", 3)
    p(doc, "Susunan organisasi {{ instansi.nama_biasa }} terdiri atas:", align="justify", sesudah=4)
    tag(doc, "for u in struktur")
    p(doc, "{{ u.no }}\t{{ u.isi }}", kiri=0, gantung=7, sesudah=2)
    tag(doc, "for x in u.sub")
    p(doc, "{{ x.no }}\t{{ x.isi }}", kiri=7, gantung=7, sesudah=2)
    tag(doc, "endfor")
    tag(doc, "endfor")
    judul(doc, "C. Aspek Strategis dan Permasalahan Utama", 2)
    paragraf(doc, "aspek_strategis")
    p(doc, "Permasalahan utama (strategic issues) yang dihadapi pada tahun {{ tahun }}:", align="justify",
      sebelum=4, sesudah=4)
    daftar(doc, "permasalahan")
    judul(doc, "D. Dasar Hukum", 2)
    daftar(doc, "dasar_hukum")
    judul(doc, "E. Sistematika Penyajian", 2)
    p(doc, "Laporan ini disajikan dengan sistematika sebagai berikut:", align="justify", sesudah=4)
    daftar(doc, "sistematika")


def bab2(doc) -> None:
    pisah_halaman(doc)
    judul(doc, "BAB II PERENCANAAN KINERJA", 1)
    judul(doc, "A. Rencana Strategis", 2)
    p(doc, "Rencana Strategis (Renstra) periode {{ periode_renstra }} menjadi acuan perencanaan kinerja tahunan. "
      "Tujuan, sasaran strategis, indikator dan target akhir Renstra disajikan pada tabel berikut.",
      align="justify", baris_pertama=12.5, sesudah=6)
    tag(doc, "if visi")
    p(doc, "Visi: {{ visi }}", align="justify", sesudah=4)
    tag(doc, "endif")
    tag(doc, "if misi")
    p(doc, "Misi:", sesudah=2)
    daftar(doc, "misi")
    tag(doc, "endif")
    keterangan(doc, "tabel_renstra")
    tabel_baris(doc, [30, 30, 47, 20, 19, 19],
                ["Tujuan", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Baseline", "Target Akhir"],
                ["{{ r.tujuan }}", "{{ r.sasaran }}", "{{ r.indikator }}", "{{ r.satuan }}", "{{ r.baseline }}",
                 "{{ r.target_akhir }}"], "r in renstra", ["left", "left", "left", "center", "right", "right"])
    judul(doc, "B. Perjanjian Kinerja Tahun {{ tahun }}", 2)
    p(doc, "Perjanjian Kinerja Tahun {{ tahun }} memuat {{ jumlah_indikator }} indikator kinerja dengan target "
      "sebagai berikut.", align="justify", baris_pertama=12.5, sesudah=6)
    tabel_pk(doc, "tabel_pk")
    p(doc, "Untuk mencapai sasaran tersebut, program dan anggaran yang diperjanjikan adalah sebagai berikut.",
      align="justify", baris_pertama=12.5, sebelum=6, sesudah=6)
    keterangan(doc, "tabel_pk_program")
    tabel_baris(doc, [10, 105, 50], ["No", "Program", "Anggaran"],
                ["{{ r.no }}", "{{ r.program }}", "{{ r.anggaran }}"], "r in pk_program", ["center", "left", "right"])


def bab3(doc) -> None:
    pisah_halaman(doc)
    judul(doc, "BAB III AKUNTABILITAS KINERJA", 1)
    judul(doc, "A. Capaian Kinerja Organisasi", 2)
    p(doc, "Pengukuran kinerja dilakukan dengan membandingkan realisasi dengan target setiap indikator. Untuk "
      "indikator yang semakin tinggi semakin baik, capaian = realisasi / target x 100%; untuk indikator yang "
      "semakin rendah semakin baik, capaian = (2 x target - realisasi) / target x 100% (Permen PANRB 6/2022). "
      "Predikat capaian ditetapkan dengan skala berikut.", align="justify", baris_pertama=12.5, sesudah=6)
    keterangan(doc, "tabel_skala")
    tabel_baris(doc, [90, 75], ["Rentang Capaian", "Predikat"], ["{{ r.rentang }}", "{{ r.predikat }}"],
                "r in skala", ["center", "center"])
    p(doc, "Ringkasan capaian setiap sasaran strategis disajikan pada tabel dan grafik berikut.", align="justify",
      baris_pertama=12.5, sebelum=8, sesudah=6)
    keterangan(doc, "tabel_ringkas")
    tabel_baris(doc, [9, 70, 20, 20, 23, 23],
                ["No", "Sasaran Strategis", "Jumlah Indikator", "Mencapai Target", "Rata-rata Capaian", "Predikat"],
                ["{{ r.no }}", "{{ r.sasaran }}", "{{ r.jumlah }}", "{{ r.tercapai }}", "{{ r.rata }}",
                 "{{ r.predikat }}"], "r in ringkas", ["center", "left", "center", "center", "right", "center"])
    gambar(doc, "grafik_ringkas")

    tag(doc, "for s in sasaran")
    judul(doc, "{{ s.judul }}", 3)
    p(doc, "{{ s.pengantar }}", align="justify", baris_pertama=12.5, sesudah=6)

    judul(doc, "1. Perbandingan Target dan Realisasi Kinerja Tahun {{ tahun }}", 4)
    keterangan(doc, "s.tabel_capaian")
    tabel_baris(doc, [8, 55, 20, 18, 18, 19, 27],
                ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Predikat"],
                ["{{ r.no }}", "{{ r.kode }} {{ r.indikator }}", "{{ r.satuan }}", "{{ r.target }}",
                 "{{ r.realisasi }}", "{{ r.capaian }}", "{{ r.predikat }}"], "r in s.capaian",
                ["center", "left", "center", "right", "right", "right", "center"])
    gambar(doc, "s.grafik_capaian")

    judul(doc, "2. Perbandingan Realisasi dengan Tahun-Tahun Sebelumnya", 4)
    tag(doc, "if s.tabel_tren")
    keterangan(doc, "s.tabel_tren")
    tabel_tren(doc)
    p(doc, "", size=6)
    tag(doc, "endif")
    paragraf(doc, "s.teks_tren")
    tag(doc, "if s.grafik_tren")
    gambar(doc, "s.grafik_tren")
    tag(doc, "endif")

    judul(doc, "3. Perbandingan Realisasi dengan Target Renstra", 4)
    keterangan(doc, "s.tabel_renstra")
    tabel_baris(doc, [8, 47, 17, 19, 20, 17, 18, 19],
                ["No", "Indikator Kinerja", "Satuan", "Target Renstra {{ tahun }}", "Capaian thd. Target Renstra "
                 "{{ tahun }}", "Target Akhir Renstra", "Realisasi {{ tahun }}", "Capaian thd. Target Akhir"],
                ["{{ r.no }}", "{{ r.indikator }}", "{{ r.satuan }}", "{{ r.target_tahun }}", "{{ r.capaian_tahun }}",
                 "{{ r.target_akhir }}", "{{ r.realisasi }}", "{{ r.kemajuan }}"], "r in s.renstra",
                ["center", "left", "center", "right", "right", "right", "right", "right"])
    p(doc, "", size=6)
    paragraf(doc, "s.teks_renstra")

    judul(doc, "4. Perbandingan dengan Standar Nasional", 4)
    tag(doc, "if s.tabel_standar")
    keterangan(doc, "s.tabel_standar")
    tabel_baris(doc, [8, 54, 20, 18, 20, 21, 24],
                ["No", "Indikator Kinerja", "Satuan", "Realisasi", "Standar Nasional", "Realisasi thd. Standar",
                 "Keterangan"],
                ["{{ r.no }}", "{{ r.indikator }}", "{{ r.satuan }}", "{{ r.realisasi }}", "{{ r.standar }}",
                 "{{ r.persen }}", "{{ r.posisi }}"], "r in s.standar",
                ["center", "left", "center", "right", "right", "right", "center"])
    p(doc, "", size=6)
    tag(doc, "endif")
    paragraf(doc, "s.teks_standar")

    judul(doc, "5. Analisis Penyebab Keberhasilan/Kegagalan dan Solusi", 4)
    for var, label in (("penyebab", "Penyebab keberhasilan/kegagalan"), ("solusi", "Solusi yang dilakukan")):
        p(doc, label + ":", bold=True, sesudah=2)
        tag(doc, f"if s.{var}_draf")
        p(doc, "[DRAF \u2013 dihasilkan otomatis dari angka capaian; ganti dengan analisis unit kerja]", italic=True,
          size=10, sesudah=2)
        paragraf(doc, f"s.{var}", italic=True)
        tag(doc, "else")
        paragraf(doc, f"s.{var}")
        tag(doc, "endif")

    tag(doc, "if s.penjelasan")
    p(doc, "Penjelasan unit kerja per indikator:", bold=True, sesudah=2)
    paragraf(doc, "s.penjelasan")
    tag(doc, "endif")

    judul(doc, "6. Analisis Efisiensi Penggunaan Sumber Daya", 4)
    keterangan(doc, "s.tabel_efisiensi")
    kolom = [26, 35, 35, 21, 21, 27]
    t = tabel(doc, kolom, grid=True)
    kepala_tabel(t.rows[0].cells, ["Rata-rata Capaian Kinerja", "Pagu Program (Rp)", "Realisasi (Rp)",
                                   "Serapan", "Selisih (poin)", "Status"], size=UKURAN_TABEL)
    c = tambah_baris(t, kolom)
    for cell, k, a in zip(c, ("capaian", "pagu", "realisasi", "serapan", "selisih", "status"),
                          ("center", "right", "right", "center", "center", "center"), strict=True):
        isi(cell, "{{ s.efisiensi." + k + " }}", align=a, size=UKURAN_TABEL)
    p(doc, "", size=6)
    p(doc, "{{ s.teks_efisiensi }}", align="justify", baris_pertama=12.5, sesudah=6)
    tag(doc, "if s.tabel_efisiensi_kegiatan")
    keterangan(doc, "s.tabel_efisiensi_kegiatan")
    tabel_baris(doc, [8, 35, 27, 16, 18, 18, 20, 23],
                ["No", "Kegiatan", "Keluaran (Output)", "Target", "Realisasi", "Capaian Keluaran", "Serapan Anggaran",
                 "Status"],
                ["{{ r.no }}", "{{ r.kegiatan }}", "{{ r.keluaran }}", "{{ r.target }}", "{{ r.realisasi }}",
                 "{{ r.capaian }}", "{{ r.serapan }}", "{{ r.status }}"], "r in s.efisiensi_kegiatan",
                ["center", "left", "left", "right", "right", "right", "right", "center"])
    p(doc, "", size=6)
    tag(doc, "endif")
    p(doc, "{{ s.teks_efisiensi_kegiatan }}", align="justify", baris_pertama=12.5, sesudah=6)

    judul(doc, "7. Program dan Kegiatan Pendukung", 4)
    p(doc, "{{ s.teks_program }}", align="justify", baris_pertama=12.5, sesudah=6)
    tag(doc, "if s.tabel_program")
    keterangan(doc, "s.tabel_program")
    tabel_program(doc, "s.program")
    tag(doc, "endif")
    tag(doc, "endfor")

    judul(doc, "B. Realisasi Anggaran", 2)
    p(doc, "{{ teks_anggaran }}", align="justify", baris_pertama=12.5, sesudah=6)
    keterangan(doc, "tabel_anggaran")
    tabel_program(doc, "anggaran", total="total_anggaran")
    tag(doc, "if grafik_anggaran")
    gambar(doc, "grafik_anggaran")
    tag(doc, "endif")


def bab4(doc) -> None:
    pisah_halaman(doc)
    judul(doc, "BAB IV PENUTUP", 1)
    judul(doc, "A. Kesimpulan", 2)
    paragraf(doc, "kesimpulan")
    judul(doc, "B. Rencana Tindak Lanjut", 2)
    p(doc, "Untuk meningkatkan kinerja pada tahun berikutnya, rencana tindak lanjut yang akan dilaksanakan adalah:",
      align="justify", sesudah=4)
    daftar(doc, "tindak_lanjut")


def lampiran(doc) -> None:
    pisah_halaman(doc)
    judul(doc, "LAMPIRAN: PERJANJIAN KINERJA TAHUN {{ tahun }}", 1)
    p(doc, "PERJANJIAN KINERJA TAHUN {{ tahun }}", bold=True, align="center")
    p(doc, "{{ instansi.nama }}", bold=True, align="center", sesudah=10)
    tabel_pk(doc, None)
    p(doc, "", sesudah=6)
    tabel_baris(doc, [10, 105, 50], ["No", "Program", "Anggaran"], ["{{ r.no }}", "{{ r.program }}",
                                                                   "{{ r.anggaran }}"],
                "r in pk_program", ["center", "left", "right"])
    p(doc, "")
    tag(doc, "if ttd_pihak_kedua")
    t = tabel(doc, [82, 83])
    jangan_pecah(t.rows[0]._tr)
    ttd_sel(t.cell(0, 0), "ttd_pihak_kedua", judul="PIHAK KEDUA,")
    ttd_sel(t.cell(0, 1), "ttd", judul="PIHAK PERTAMA,", tempat_tanggal="{{ tanggal_perjanjian }}")
    tag(doc, "else")
    ttd(doc, kiri=85, tempat_tanggal="{{ tanggal_perjanjian }}")
    tag(doc, "endif")


def lkjip() -> Document:
    doc = dokumen(bernomor=False)
    gaya(doc)
    sampul(doc)
    depan(doc)
    sec = seksi_baru(doc)
    nomor_format(sec, "decimal", 1)
    nomor_halaman(sec, "")
    kepala_halaman(sec, "{{ judul_kepala }}")
    bab1(doc)
    bab2(doc)
    bab3(doc)
    bab4(doc)
    lampiran(doc)
    return doc




TEMPLAT = {"lkjip": lkjip}
