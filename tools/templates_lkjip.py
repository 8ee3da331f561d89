"""Write templates_docx/lkjip.docx: the LKjIP with heading styles, TOC fields and caption styles."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx.enum.section import WD_SECTION  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt, RGBColor  # noqa: E402
from docx_builder import (  # noqa: E402
    LEBAR_TEKS_MM,
    MARGIN,
    _fonts,
    arsir,
    dokumen,
    garis_bawah,
    isi,
    jangan_pecah,
    kepala_tabel,
    nomor_halaman,
    p,
    pisah_halaman,
    tabel,
    tabel_data,
    tag,
    tambah_baris,
    ttd,
    ttd_sel,
)

OUT = Path(__file__).resolve().parent.parent / "templates_docx"
UKURAN_TABEL = 9.5
# Heading sizes (pt), alignment and spacing before/after (pt).
JUDUL = {1: (14, "center", 0, 18), 2: (12, "left", 12, 6), 3: (12, "left", 12, 6), 4: (12, "left", 10, 4)}


def _gaya(doc) -> None:
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
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
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
    from docx_builder import ulang_di_setiap_halaman

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

    judul(doc, "3. Perbandingan Realisasi dengan Target Akhir Renstra", 4)
    keterangan(doc, "s.tabel_renstra")
    tabel_baris(doc, [8, 56, 20, 18, 20, 21, 22],
                ["No", "Indikator Kinerja", "Satuan", "Baseline", "Target Akhir Renstra", "Realisasi {{ tahun }}",
                 "Capaian thd. Target Akhir"],
                ["{{ r.no }}", "{{ r.indikator }}", "{{ r.satuan }}", "{{ r.baseline }}", "{{ r.target_akhir }}",
                 "{{ r.realisasi }}", "{{ r.kemajuan }}"], "r in s.renstra",
                ["center", "left", "center", "right", "right", "right", "right"])
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


def lkjip():
    doc = dokumen()
    _gaya(doc)
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
    doc.save(OUT / "lkjip.docx")


BUILDERS = [lkjip]
