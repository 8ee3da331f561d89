"""Templates of the measurement papers (SOP 9.2 steps 4-7): formulir capaian, kertas kerja, rekapitulasi and
the draft laporan hasil pengukuran."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tools.docx_builder import (
    LEBAR_TEKS_LANDSCAPE_MM,
    LEBAR_TEKS_MM,
    arsir,
    dokumen,
    garis_bawah,
    halaman_landscape,
    isi,
    jangan_pecah,
    kepala_tabel,
    p,
    tabel,
    tag,
    tambah_baris,
)
from tools.docx_naskah import (
    JAGA_AKHIR,
    blok_label,
    kop,
    nama_ttd_sel,
    p_jaga,
    paragraf_isi,
    sel_gabung,
    ttd,
)

ARSIR_SASARAN = "F2F2F2"
ARSIR_RATA = "EDEDED"


def _baris_tag(t, kolom: list[float], jinja: str) -> None:
    """Append a `{%tr ... %}` control row."""
    isi(tambah_baris(t, kolom)[0], "{%tr " + jinja + " %}")


def ukuran_tanda_paragraf(t, size: float) -> None:
    """Give every paragraph mark in a table the table's font size, so empty cells do not make rows taller."""
    for tr in t._tbl.iter(qn("w:tr")):
        for par in tr.iter(qn("w:p")):
            ppr = par.get_or_add_pPr()
            rpr = ppr.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                ppr.append(rpr)
            for nama in ("w:sz", "w:szCs"):
                el = rpr.find(qn(nama))
                if el is None:
                    el = OxmlElement(nama)
                    rpr.append(el)
                el.set(qn("w:val"), str(int(size * 2)))


def jaga_tabel_utuh(t) -> None:
    """Keep a short table on one page: every row keeps with the next, except the last."""
    for row in t.rows[:-1]:
        for cell in row.cells:
            for par in cell.paragraphs:
                par.paragraph_format.keep_with_next = True


def _sel(cell, teks: str, *, size: float, align: str = "left", bold: bool = False) -> None:
    isi(cell, teks, size=size, align=align, bold=bold)


def _blok_ttd(cell, var: str, baris_atas: list[str], *, opsional: bool = False, spasi: int = 3) -> None:
    """Write a centred signature block in a cell; `opsional` prints it only when `var` is given."""
    if opsional:
        isi(cell, "{%p if " + var + " %}")
        p(cell, baris_atas[0], align="center")
    else:
        isi(cell, baris_atas[0], align="center")
    for teks in baris_atas[1:]:
        p(cell, teks, align="center")
    nama_ttd_sel(cell, var, spasi)
    if opsional:
        tag(cell, "else")
        p(cell, "")
        tag(cell, "endif")


def ttd_berdua(doc, lebar_mm: float, judul_kanan: str) -> None:
    """Add two signatures side by side: 'Mengetahui' (optional) left, the signer right with place and date."""
    # The paragraph just before keeps with next, so the block never stands alone on a page.
    p(doc, "", size=6, jaga_bersama=True)
    t = tabel(doc, [lebar_mm / 2, lebar_mm / 2])
    _blok_ttd(t.cell(0, 0), "ttd_mengetahui", ["", "Mengetahui,"], opsional=True)
    _blok_ttd(t.cell(0, 1), "ttd", ["{{ tempat_tanggal }}", judul_kanan])
    jangan_pecah(t.rows[0]._tr)


def judul(doc, *baris: str, sesudah: float = 10) -> None:
    """Add centred bold title lines, the first one larger."""
    for i, teks in enumerate(baris):
        p(doc, teks, bold=True, align="center", size=13 if i == 0 else None,
          sesudah=sesudah if i == len(baris) - 1 else 0)


def subjudul(doc, teks: str, *, sebelum: float = 8) -> None:
    """Add a bold section heading kept with what follows."""
    p(doc, teks, bold=True, sebelum=sebelum, sesudah=4, jaga_bersama=True)


# ---- formulir-capaian -----------------------------------------------------------------------------------


def formulir_capaian() -> Document:
    doc = dokumen()
    halaman_landscape(doc)
    W = LEBAR_TEKS_LANDSCAPE_MM
    kop(doc, W)
    judul(doc, "FORMULIR PEMANTAUAN CAPAIAN KINERJA", "{{ judul_periode }}")
    blok_label(doc, [("Unit kerja", "{{ unit_kerja }}"), ("Periode", "{{ periode }}")], kolom_mm=(30, 5, 245))
    p(doc, "", size=6)
    kolom = [9, 17, 40, 60, 20, 20, 20, 22, 20, 52]
    size = 9
    t = tabel(doc, kolom, grid=True)
    kepala_tabel(t.rows[0].cells, ["No", "Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Target Tahun",
                                   "Target TW {{ tw }}", "Realisasi TW {{ tw }}", "Capaian TW {{ tw }}",
                                   "Penjelasan / Bukti Dukung"], size=size)
    _baris_tag(t, kolom, "for s in sasaran")
    _baris_tag(t, kolom, "for b in s.indikator")
    c = tambah_baris(t, kolom)
    _sel(c[0], "{{ b.no }}", size=size, align="center")
    _sel(c[1], "{{ b.kode }}", size=size)
    _sel(c[2], "{{ s.sasaran }}", size=size)  # on every row: a merged cell would be blank after a page break
    _sel(c[3], "{{ b.indikator }}", size=size)
    tag(c[3], "if b.unit")
    p(c[3], "({{ b.unit }})", italic=True, size=8)
    tag(c[3], "endif")
    _sel(c[4], "{{ b.satuan }}", size=size, align="center")
    for i, var in ((5, "target_tahun"), (6, "target_tw"), (7, "realisasi"), (8, "capaian")):
        _sel(c[i], "{{ b." + var + " }}", size=size, align="right")
    _sel(c[9], "{{ b.penjelasan }}", size=size)
    tag(c[9], "if kosong")
    for _ in range(2):
        p(c[9], "", size=size)
    tag(c[9], "endif")
    jangan_pecah(c[0]._tc.getparent())
    _baris_tag(t, kolom, "endfor")
    _baris_tag(t, kolom, "endfor")
    ukuran_tanda_paragraf(t, size)

    p(doc, "", size=6)
    tag(doc, "if kosong")
    p(doc, "Petunjuk pengisian:", bold=True, size=10, jaga_bersama=True)
    for i, teks in enumerate([
        "Isi kolom Realisasi TW {{ tw }} dengan realisasi triwulan ini sesuai satuan indikator.",
        "Capaian TW = Realisasi / Target x 100; untuk indikator yang semakin rendah semakin baik: "
        "(2 x Target - Realisasi) / Target x 100.",
        "Realisasi yang belum tersedia ditulis \"-\" (bukan 0) dan alasannya dicantumkan pada kolom "
        "Penjelasan / Bukti Dukung.",
        "Lampirkan bukti dukung dan serahkan formulir kepada Tim SAKIP.",
    ], 1):
        p(doc, f"{i}.\t{teks}", size=10, gantung=6, jaga_bersama=True)
    tag(doc, "else")
    p(doc, "Keterangan: tanda \"-\" berarti data belum tersedia; alasannya dicantumkan pada kolom Penjelasan / Bukti "
      "Dukung.", size=10, jaga_bersama=True)
    tag(doc, "endif")
    ttd_berdua(doc, W, "Yang melaporkan,")
    return doc


# ---- kertas-kerja-pengukuran ----------------------------------------------------------------------------


def kertas_kerja_pengukuran() -> Document:
    doc = dokumen()
    halaman_landscape(doc)
    W = LEBAR_TEKS_LANDSCAPE_MM
    kop(doc, W)
    judul(doc, "KERTAS KERJA PENGUKURAN KINERJA", "{{ periode }}")
    blok_label(doc, [("Instansi", "{{ instansi }}"), ("Sumber data", "{{ sumber_data }}"),
                     ("Skala predikat", "{{ skala }}")], kolom_mm=(35, 5, 240))
    subjudul(doc, "A. Metodologi Pengukuran")
    paragraf_isi(doc, "metodologi", kiri=6, baris_pertama=0)
    subjudul(doc, "B. Perhitungan Capaian per Indikator", sebelum=4)

    kolom = [8, 46, 56, 24, 18, 15, 15, 15, 15, 20, 20, 28]
    size = 8.5
    t = tabel(doc, kolom, grid=True)
    kepala_tabel(t.rows[0].cells, ["No", "Indikator Kinerja (Satuan)", "Polaritas dan Rumus", "Aturan Triwulan",
                                   "Uraian", "TW I", "TW II", "TW III", "TW IV", "{{ kolom_tahun }}", "Predikat",
                                   "Keterangan"], size=size)
    _baris_tag(t, kolom, "for s in sasaran")
    sel_gabung(tambah_baris_row(t, kolom), "Sasaran {{ s.kode }}: {{ s.sasaran }}",
               bold=True, size=size, warna=ARSIR_SASARAN)
    _baris_tag(t, kolom, "for b in s.indikator")
    # Three rows per indicator (target, realisasi, capaian); the indicator's own columns are merged down and the
    # first two rows keep with the next, so an indicator never splits across pages.
    awal = len(t.rows)
    for k, (uraian, var) in enumerate((("Target", "b.target"), ("Realisasi", "b.realisasi"),
                                       ("Capaian", "b.capaian"))):
        c = tambah_baris(t, kolom)
        if k == 0:
            _sel(c[0], "{{ b.no }}", size=size, align="center")
            _sel(c[1], "{{ b.kode }} {{ b.indikator }} ({{ b.satuan }})", size=size)
            _sel(c[2], "{{ b.polaritas_rumus }}", size=size)
            _sel(c[3], "{{ b.aturan }}", size=size)
            _sel(c[10], "{{ b.predikat }}", size=size, align="center")
            _sel(c[11], "{{ b.keterangan }}", size=size)
        _sel(c[4], uraian, size=size)
        for i in range(4):
            _sel(c[5 + i], "{{ " + var + ".tw[" + str(i) + "] }}", size=size, align="right")
        _sel(c[9], "{{ " + var + ".tahun }}", size=size, align="right", bold=True)
        jangan_pecah(c[0]._tc.getparent())
        if k < 2:
            for cell in c:
                for par in cell.paragraphs:
                    par.paragraph_format.keep_with_next = True
    for j in (0, 1, 2, 3, 10, 11):
        t.cell(awal, j).merge(t.cell(awal + 2, j))
    for _ in range(2):
        _baris_tag(t, kolom, "endfor")
    ukuran_tanda_paragraf(t, size)
    p(doc, "Keterangan: TW = triwulan; tanda \"-\" berarti data belum tersedia atau capaian tidak dapat dihitung, "
      "alasannya tercantum pada kolom Keterangan.", size=9, sebelum=3, jaga_bersama=True)
    tag(doc, "if catatan")
    subjudul(doc, "C. Catatan")
    paragraf_isi(doc, "catatan", kiri=6, baris_pertama=0, jaga_bersama=True)
    tag(doc, "endif")
    ttd_berdua(doc, W, "Disusun oleh,")
    return doc


def tambah_baris_row(t, kolom: list[float]):
    """Append a row and return the row itself (for merging its cells)."""
    tambah_baris(t, kolom)
    return t.rows[-1]


# ---- the result table shared by rekapitulasi and laporan ------------------------------------------------


def tabel_hasil(doc, kolom: list[float], *, lengkap: bool, size: float):
    """Add the result table: indicators grouped per sasaran with its average, then the overall average."""
    # `lengkap` (landscape) has Kode and Keterangan columns; otherwise the code precedes the indicator and the
    # keterangan goes under it.
    t = tabel(doc, kolom, grid=True)
    if lengkap:
        kepala = ["No", "Kode", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Predikat",
                  "Keterangan"]
    else:
        kepala = ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Predikat"]
    kepala_tabel(t.rows[0].cells, kepala, size=size)
    n_label = 6 if lengkap else 5  # columns before Capaian
    _baris_tag(t, kolom, "for s in sasaran")
    sel_gabung(tambah_baris_row(t, kolom), "Sasaran {{ s.kode }}: {{ s.sasaran }}", bold=True, size=size,
               warna=ARSIR_SASARAN)
    _baris_tag(t, kolom, "for b in s.indikator")
    c = tambah_baris(t, kolom)
    _sel(c[0], "{{ b.no }}", size=size, align="center")
    if lengkap:
        _sel(c[1], "{{ b.kode }}", size=size)
        _sel(c[2], "{{ b.indikator }}", size=size)
    else:
        _sel(c[1], "{{ b.kode }} {{ b.indikator }}", size=size)
        tag(c[1], "if b.keterangan")
        p(c[1], "({{ b.keterangan }})", italic=True, size=size - 1)
        tag(c[1], "endif")
    i = 3 if lengkap else 2
    _sel(c[i], "{{ b.satuan }}", size=size, align="center")
    for j, var in enumerate(("target", "realisasi", "capaian")):
        _sel(c[i + 1 + j], "{{ b." + var + " }}", size=size, align="right")
    _sel(c[i + 4], "{{ b.predikat }}", size=size, align="center")
    if lengkap:
        _sel(c[8], "{{ b.keterangan }}", size=size)
    jangan_pecah(c[0]._tc.getparent())
    _baris_tag(t, kolom, "endfor")
    for label, var_capaian, var_predikat, var_ket, akhir in (
        ("Rata-rata capaian Sasaran {{ s.kode }}", "s.rata_rata", "s.predikat", "s.keterangan", False),
        ("Rata-rata capaian seluruh indikator ({{ rata_rata.jumlah }})", "rata_rata.capaian",
         "rata_rata.predikat", None, True),
    ):
        if akhir:
            _baris_tag(t, kolom, "endfor")
        row = tambah_baris_row(t, kolom)
        label_sel = row.cells[0].merge(row.cells[n_label - 1])
        isi(label_sel, label, bold=True, size=size, align="right")
        _sel(t.cell(len(t.rows) - 1, n_label), "{{ " + var_capaian + " }}", size=size, align="right", bold=True)
        _sel(t.cell(len(t.rows) - 1, n_label + 1), "{{ " + var_predikat + " }}", size=size, align="center",
             bold=True)
        if lengkap and var_ket:
            _sel(t.cell(len(t.rows) - 1, n_label + 2), "{{ " + var_ket + " }}", size=size)
        for k in range(len(kolom)):
            if k == 0 or k >= n_label:
                arsir(t.cell(len(t.rows) - 1, k), ARSIR_RATA)
        jangan_pecah(row._tr)
    ukuran_tanda_paragraf(t, size)
    return t


# ---- rekapitulasi-capaian -------------------------------------------------------------------------------


def rekapitulasi_capaian() -> Document:
    doc = dokumen()
    halaman_landscape(doc)
    W = LEBAR_TEKS_LANDSCAPE_MM
    kop(doc, W)
    judul(doc, "REKAPITULASI HASIL PENGUKURAN KINERJA", "{{ periode }}")
    subjudul(doc, "A. Capaian Kinerja per Sasaran Strategis", sebelum=0)
    tabel_hasil(doc, [10, 18, 84, 20, 24, 24, 24, 26, 50], lengkap=True, size=9)
    p(doc, "Keterangan: {{ catatan_rata_rata }} Tanda \"-\" berarti data belum tersedia atau capaian tidak dapat "
      "dihitung; alasannya tercantum pada kolom Keterangan. Predikat menurut {{ skala }}.", size=9, sebelum=3,
      align="justify")

    subjudul(doc, "B. Jumlah Indikator per Predikat")
    kolom = [10, 60, 35, 175]
    t = tabel(doc, kolom, grid=True)
    kepala_tabel(t.rows[0].cells, ["No", "Predikat", "Jumlah Indikator", "Kode Indikator"], size=9)
    _baris_tag(t, kolom, "for x in predikat")
    c = tambah_baris(t, kolom)
    _sel(c[0], "{{ x.no }}", size=9, align="center")
    _sel(c[1], "{{ x.predikat }}", size=9)
    _sel(c[2], "{{ x.jumlah }}", size=9, align="center")
    _sel(c[3], "{{ x.indikator }}", size=9)
    jangan_pecah(c[0]._tc.getparent())
    _baris_tag(t, kolom, "endfor")
    jaga_tabel_utuh(t)
    ukuran_tanda_paragraf(t, 9)

    tag(doc, "if anggaran")
    subjudul(doc, "C. Realisasi Anggaran per Program dan Kegiatan")
    kolom = [34, 121, 45, 45, 35]
    t = tabel(doc, kolom, grid=True)
    kepala_tabel(t.rows[0].cells, ["Kode", "Program / Kegiatan", "Pagu", "Realisasi", "Serapan"], size=9)
    _baris_tag(t, kolom, "for pr in anggaran.program")
    c = tambah_baris(t, kolom)
    for cell, var, align in zip(c, ("kode", "nama", "pagu", "realisasi", "serapan"),
                                ("left", "left", "right", "right", "right"), strict=True):
        _sel(cell, "{{ pr." + var + " }}", size=9, align=align, bold=True)
        arsir(cell, ARSIR_SASARAN)
    jangan_pecah(c[0]._tc.getparent())
    _baris_tag(t, kolom, "for k in pr.kegiatan")
    c = tambah_baris(t, kolom)
    for cell, var, align in zip(c, ("kode", "nama", "pagu", "realisasi", "serapan"),
                                ("left", "left", "right", "right", "right"), strict=True):
        _sel(cell, "{{ k." + var + " }}", size=9, align=align)
    jangan_pecah(c[0]._tc.getparent())
    _baris_tag(t, kolom, "endfor")
    _baris_tag(t, kolom, "endfor")
    row = tambah_baris_row(t, kolom)
    isi(row.cells[0].merge(row.cells[1]), "Jumlah", bold=True, size=9, align="center")
    for k, var in ((2, "pagu"), (3, "realisasi"), (4, "serapan")):
        _sel(t.cell(len(t.rows) - 1, k), "{{ anggaran.total." + var + " }}", size=9, align="right", bold=True)
    jangan_pecah(row._tr)
    ukuran_tanda_paragraf(t, 9)
    p(doc, "Keterangan: serapan = realisasi / pagu x 100; tanda \"-\" berarti realisasi belum ada data.",
      size=9, sebelum=3, jaga_bersama=True)
    tag(doc, "endif")

    tag(doc, "if catatan")
    subjudul(doc, "Catatan")
    paragraf_isi(doc, "catatan", baris_pertama=0, jaga_bersama=True)
    tag(doc, "endif")
    ttd_berdua(doc, W, "Disusun oleh,")
    return doc


# ---- laporan-hasil-pengukuran ---------------------------------------------------------------------------


def _bab(doc, teks: str) -> None:
    p(doc, teks, bold=True, sebelum=8, sesudah=4, gantung=10, jaga_bersama=True)


def _subbab(doc, teks: str) -> None:
    p(doc, teks, bold=True, kiri=10, gantung=7, sesudah=3, sebelum=3, jaga_bersama=True)


def _daftar(doc, var: str, kosong: str, jaga_bila: str | None = None) -> None:
    tag(doc, f"if {var}")
    tag(doc, f"for d in {var}")
    p_jaga(doc, "{{ d.no }}\t{{ d.isi }}", jaga_bila=jaga_bila, kiri=17, gantung=7, align="justify", sesudah=2)
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, kosong, kiri=17, align="justify", sesudah=2, jaga_bersama=jaga_bila is not None)
    tag(doc, "endif")


def laporan_hasil_pengukuran() -> Document:
    doc = dokumen()
    kop(doc)
    p(doc, "LAPORAN HASIL PENGUKURAN KINERJA", bold=True, align="center", size=13)
    p(doc, "{{ periode }}", bold=True, align="center")
    tag(doc, "if nomor")
    p(doc, "NOMOR {{ nomor }}", align="center")
    tag(doc, "endif")
    p(doc, "", size=8)
    blok_label(doc, [("Yth.", "{{ kepada }}"), ("Dari", "{{ dari }}"), ("Sifat", "{{ sifat }}"),
                     ("Lampiran", "{{ lampiran }}"), ("Hal", "{{ hal }}")], kolom_mm=(30, 5, 130))
    garis = p(doc, "", size=6)
    garis_bawah(garis, ukuran=8, gaya="single")

    _bab(doc, "I.\tPENDAHULUAN")
    _subbab(doc, "A.\tDasar")
    _daftar(doc, "dasar", "-")
    _subbab(doc, "B.\tMaksud dan Tujuan")
    paragraf_isi(doc, "maksud_tujuan", kiri=17, baris_pertama=0)

    _bab(doc, "II.\tHASIL PENGUKURAN KINERJA")
    paragraf_isi(doc, "ringkasan", kiri=10, baris_pertama=0)
    p(doc, "Hasil pengukuran setiap indikator disajikan pada tabel berikut; rincian perhitungannya tercantum dalam "
      "Kertas Kerja Pengukuran Kinerja.", kiri=10, align="justify", sesudah=6, jaga_bersama=True)
    kolom = [8, 52, 20, 18, 18, 18, 21]  # LEBAR_TEKS_MM less the 10 mm indent of the chapter text
    assert sum(kolom) == LEBAR_TEKS_MM - 10
    t = tabel_hasil(doc, kolom, lengkap=False, size=9)
    t.alignment = WD_TABLE_ALIGNMENT.RIGHT

    _bab(doc, "III.\tPERMASALAHAN DAN TINDAK LANJUT")
    _subbab(doc, "A.\tPermasalahan")
    _daftar(doc, "permasalahan", "Tidak terdapat permasalahan yang perlu dilaporkan.")
    _subbab(doc, "B.\tTindak Lanjut")
    _daftar(doc, "tindak_lanjut", "Belum ada tindak lanjut yang diusulkan.", jaga_bila=JAGA_AKHIR)

    _bab(doc, "IV.\tPENUTUP")
    ttd(doc, penutup="penutup", penutup_kiri=10, tempat_tanggal="{{ tempat_tanggal }}", dengan_tembusan=True)
    return doc


TEMPLAT = {
    "formulir-capaian": formulir_capaian,
    "kertas-kerja-pengukuran": kertas_kerja_pengukuran,
    "rekapitulasi-capaian": rekapitulasi_capaian,
    "laporan-hasil-pengukuran": laporan_hasil_pengukuran,
}
