"""The measurement papers: formulir capaian, kertas kerja, rekapitulasi and laporan hasil pengukuran."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from docgen import capaian as C
from docgen.documents import dapatkan
from docgen.documents.pengukuran_bagian import rekap, total_anggaran
from docgen.errors import InputTidakValid
from docgen.kinerja import DataKinerja
from docgen.render import render
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES, TEMPLATES, teks_pdf

SLUG_PENGUKURAN = ["formulir-capaian", "kertas-kerja-pengukuran", "rekapitulasi-capaian", "laporan-hasil-pengukuran"]
MM = 72 / 25.4


def _teks(slug: str, data: dict) -> str:
    return teks_docx(render(slug, data, templates_dir=TEMPLATES, basis=SAMPLES).docx)


def _sel(teks: str, awal: str) -> list[str]:
    """The cells of the table row starting with `awal` (trailing empty cells may be missing)."""
    return [c.strip() for c in next(b for b in teks.splitlines() if b.startswith(awal)).split("|")]


def test_jenis_terdaftar_setelah_yang_lain():
    from docgen import documents

    slugs = [j.slug for j in documents.semua()]
    assert slugs[-5:] == [*SLUG_PENGUKURAN, "lkjip"]  # SOP order: measurement papers, then the year-end report
    for slug in SLUG_PENGUKURAN:
        assert dapatkan(slug).schema()["properties"]["kinerja"]


# ---- figures ------------------------------------------------------------------------------------------


def test_rekap_angka_per_indikator(contoh):
    teks = _teks("rekapitulasi-capaian", contoh("rekapitulasi-capaian"))
    assert _sel(teks, "1 | IKU 1 |")[4:8] == ["72", "74,61", "103,63%", "Sangat Baik"]
    assert _sel(teks, "4 | IKU 3 |")[4:8] == ["7", "6,5", "107,14%", "Sangat Baik"]
    # No realisasi: '-', never 0, and the reason.
    assert _sel(teks, "9 | IKK 4 |")[4:] == ["1,5", "-", "-", "-", "belum ada data"]
    assert _sel(teks, "7 | IKK 3 |")[4] == "95 - 100"


def test_rata_rata_per_sasaran_memakai_mesin_capaian(contoh):
    data = contoh("rekapitulasi-capaian")
    kinerja = DataKinerja.model_validate(data["kinerja"])
    r = rekap(kinerja)
    # S1: (103,625 + 103,625 + 76) / 3; S2: (107,142857... + 101,951... + 100 + 100) / 4; S3: IKU 5 only.
    rata = {s.kode: C.bulatkan(v) for s, _, v in r.sasaran}
    assert rata == {"S1": D("94.42"), "S2": D("102.27"), "S3": D("94.64")}
    assert C.bulatkan(r.rata_rata) == D("98.37")
    teks = _teks("rekapitulasi-capaian", data)
    assert "Rata-rata capaian Sasaran S1 | 94,42% | Sangat Baik" in teks
    assert "Rata-rata capaian Sasaran S2 | 102,27% | Sangat Baik" in teks
    assert "Rata-rata capaian Sasaran S3 | 94,64% | Sangat Baik" in teks
    assert "Rata-rata capaian seluruh indikator (8 dari 9 indikator) | 98,37% | Sangat Baik" in teks


def test_batas_rata_rata_dipakai(contoh):
    data = contoh("rekapitulasi-capaian")
    data["kinerja"]["pengaturan"]["batas_rata_rata"] = 100
    teks = _teks("rekapitulasi-capaian", data)
    # S2 capped: (100 + 100 + 100 + 100) / 4; IKU 3 itself still shows its raw capaian.
    assert "Rata-rata capaian Sasaran S2 | 100,00% | Sangat Baik" in teks
    assert _sel(teks, "4 | IKU 3 |")[6] == "107,14%"
    assert "capaian di atas 100% dihitung 100%" in teks


def test_jumlah_predikat(contoh):
    teks = _teks("rekapitulasi-capaian", contoh("rekapitulasi-capaian"))
    assert "1 | Sangat Baik | 7 | IKU 1, IKU 2, IKU 3, IKU 4, IKK 2, IKK 3, IKU 5" in teks
    assert "2 | Baik | 1 | IKK 1" in teks
    assert "6 | Belum ada data | 1 | IKK 4" in teks
    assert " | Jumlah | 9 |" in teks


def test_total_anggaran(contoh):
    data = contoh("rekapitulasi-capaian")
    t = total_anggaran(DataKinerja.model_validate(data["kinerja"]))
    assert t.pagu == D("6755000000") and t.realisasi == D("6290275500")
    teks = _teks("rekapitulasi-capaian", data)
    assert "Jumlah | Rp 6.755.000.000,00 | Rp 6.290.275.500,00 | 93,12%" in teks
    assert ("5.03.01 | Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota | Rp 4.435.000.000,00 | "
            "Rp 4.189.225.500,00 | 94,46%") in teks


def test_anggaran_tanpa_realisasi_bukan_nol(contoh):
    data = contoh("rekapitulasi-capaian")
    data["kinerja"]["program"][2]["kegiatan"][1]["realisasi"] = None
    teks = _teks("rekapitulasi-capaian", data)
    assert "5.03.03.2.02 | Sertifikasi, Kelembagaan, Pengembangan Kompetensi Manajerial dan Fungsional | " \
           "Rp 350.000.000,00 | - | -" in teks
    assert "Jumlah | Rp 6.755.000.000,00 | - | -" in teks


def test_tanpa_program_tanpa_tabel_anggaran(contoh):
    data = contoh("rekapitulasi-capaian")
    data["kinerja"]["program"] = []
    teks = _teks("rekapitulasi-capaian", data)
    assert "Realisasi Anggaran" not in teks


# ---- kertas kerja -------------------------------------------------------------------------------------


def test_kertas_kerja_rumus_aturan_dan_triwulan(contoh):
    teks = _teks("kertas-kerja-pengukuran", contoh("kertas-kerja-pengukuran"))
    assert "Realisasi / Target x 100" in teks
    assert "(2 x Target - Realisasi) / Target x 100" in teks
    assert "Dalam rentang 95 - 100: 100; di bawah 95: Realisasi / 95 x 100; di atas 100: Realisasi / 100 x 100" in teks
    assert "Rata-rata (TW yang terisi) | Target | 7 | 7 | 7 | 7 | 7 | Sangat Baik |" in teks
    assert " | Capaian | 100,00% | 107,14% | 114,29% | 107,14% | 107,14% |" in teks
    assert " | Realisasi | 280 | 360 | 310 | - | 950 (s.d. TW III) |" in teks  # IKK 1: TW IV missing, kumulatif
    assert "| Baik | data TW IV belum ada" in teks
    assert "| - | belum ada data" in teks  # IKK 4
    assert "Predikat ditetapkan menurut skala lima tingkat: Sangat Baik (capaian \u2265 91%)" in teks


def test_kertas_kerja_skala_permenpan(contoh):
    data = contoh("kertas-kerja-pengukuran")
    data["kinerja"]["pengaturan"]["predikat"] = "permenpan_6_2022"
    teks = _teks("kertas-kerja-pengukuran", data)
    assert "skala Peraturan Menteri PANRB Nomor 6 Tahun 2022: Sangat Baik (capaian > 110%); " \
           "Baik (capaian \u2265 100% dan \u2264 110%)" in teks


def test_kertas_kerja_sampai_triwulan(contoh):
    data = contoh("kertas-kerja-pengukuran")
    data["kinerja"]["triwulan"] = 2
    teks = _teks("kertas-kerja-pengukuran", data)
    assert "S.D. TRIWULAN II TAHUN 2024" in teks
    assert "| s.d. TW II |" in teks
    # IKU 2 kumulatif: target 20 + 20, realisasi 15 + 22.
    assert " | Realisasi | 15 | 22 |  |  | 37 |" in teks


# ---- formulir -----------------------------------------------------------------------------------------


def test_formulir_terisi(contoh):
    teks = _teks("formulir-capaian", contoh("formulir-capaian"))
    assert "Unit kerja | : | Bidang Pengembangan Kompetensi" in teks
    assert _sel(teks, "1 | IKU 1 |")[4:9] == ["indeks", "72", "72", "74,61", "103,63%"]
    assert _sel(teks, "2 | IKU 2 |")[5:9] == ["80", "20", "20,4", "102,00%"]
    ikk1 = _sel(teks, "3 | IKK 1 |")
    assert ikk1[7:9] == ["-", "-"] and ikk1[9].startswith("belum ada data")
    assert "IKU 3" not in teks  # another unit


def test_formulir_kosong_untuk_seluruh_unit(contoh):
    data = contoh("formulir-capaian")
    data.update(unit_kerja="", kosong=True, tanggal=None)
    teks = _teks("formulir-capaian", data)
    assert "Unit kerja | : | Seluruh Unit Kerja" in teks
    for no, kode in enumerate(["IKU 1", "IKU 2", "IKK 1", "IKU 3", "IKU 4", "IKK 2", "IKK 3", "IKU 5", "IKK 4"], 1):
        sel = _sel(teks, f"{no} | {kode} |")
        assert sel[6] and not any(sel[7:]), f"{kode}: kolom realisasi, capaian dan penjelasan harus kosong"
    assert "103,63%" not in teks and "74,61" not in teks
    assert "Petunjuk pengisian:" in teks
    assert "(Sekretariat)" in teks  # the unit shown under the indicator
    assert "Painan,            2025" in teks  # TW IV 2024 is filled in 2025


def test_formulir_unit_tidak_dikenal(contoh):
    data = contoh("formulir-capaian")
    data["unit_kerja"] = "Bidang Pengadaan"
    with pytest.raises(InputTidakValid) as e:
        render("formulir-capaian", data, templates_dir=TEMPLATES, basis=SAMPLES)
    pesan = e.value.fields["unit_kerja"]
    assert "unit kerja 'Bidang Pengadaan' tidak dikenal" in pesan
    for unit in ("Bidang Pengembangan Kompetensi", "Bidang Mutasi dan Promosi", "Sekretariat"):
        assert unit in pesan


def test_formulir_unit_tanpa_membedakan_huruf(contoh):
    data = contoh("formulir-capaian")
    data["unit_kerja"] = "sekretariat"
    teks = _teks("formulir-capaian", data)
    assert "Unit kerja | : | Sekretariat" in teks and "IKU 4" in teks and "IKU 1" not in teks


# ---- laporan ------------------------------------------------------------------------------------------


def test_laporan_kalimat_ringkasan(contoh):
    teks = _teks("laporan-hasil-pengukuran", contoh("laporan-hasil-pengukuran"))
    assert "dilakukan terhadap 9 (sembilan) indikator kinerja pada 3 (tiga) sasaran strategis" in teks
    assert ("1 (satu) indikator belum ada data realisasi, yaitu IKK 4 (Persentase ASN yang dijatuhi hukuman "
            "disiplin)") in teks
    assert "6 (enam) indikator mencapai capaian 100% atau lebih dan 2 (dua) indikator di bawah 100%" in teks
    assert "Capaian tertinggi dicapai oleh IKU 3 (Rata-rata waktu penyelesaian layanan kenaikan pangkat) " \
           "sebesar 107,14%" in teks
    assert "capaian terendah pada IKK 1 (Jumlah ASN yang mengikuti pelatihan teknis) sebesar 76,00%" in teks
    assert "sebesar 98,37%" in teks
    assert "9 | IKK 4 Persentase ASN yang dijatuhi hukuman disiplin / (belum ada data) | % | 1,5 | - | - | -" in teks
    assert "NOMOR 000.8.3.3/41/Tim SAKIP-BKPSDM/I/2025" in teks
    assert "Peraturan Presiden Nomor 29 Tahun 2014" in teks  # default dasar


def test_laporan_tanpa_permasalahan_dan_nomor(contoh):
    data = contoh("laporan-hasil-pengukuran")
    data.update(permasalahan=[], tindak_lanjut=[], nomor=None)
    teks = _teks("laporan-hasil-pengukuran", data)
    assert "Tidak terdapat permasalahan yang perlu dilaporkan." in teks
    assert "NOMOR" not in teks


def test_laporan_tanpa_data_sama_sekali(contoh):
    data = contoh("laporan-hasil-pengukuran")
    for s in data["kinerja"]["sasaran"]:
        for ind in s["indikator"]:
            ind["realisasi_triwulan"] = [None] * 4
    teks = _teks("laporan-hasil-pengukuran", data)
    assert "sedangkan 9 (sembilan) indikator belum ada data realisasi" in teks
    assert "rata-rata capaian belum dapat dihitung" in teks
    assert "Rata-rata capaian seluruh indikator (0 dari 9 indikator) | - | -" in teks


# ---- PDF ----------------------------------------------------------------------------------------------

BARIS_KUNCI = {
    "formulir-capaian": ["FORMULIR PEMANTAUAN CAPAIAN KINERJA", "TRIWULAN IV TAHUN 2024", "103,63%",
                         "NIP. 19820930 200801 2 012"],
    "kertas-kerja-pengukuran": ["KERTAS KERJA PENGUKURAN KINERJA", "(2 x Target - Realisasi) / Target x 100",
                                "107,14%", "belum ada data"],
    "rekapitulasi-capaian": ["REKAPITULASI HASIL PENGUKURAN KINERJA", "94,42%", "102,27%", "98,37%",
                             "Rp 6.755.000.000,00", "93,12%"],
    "laporan-hasil-pengukuran": ["LAPORAN HASIL PENGUKURAN KINERJA", "PENDAHULUAN", "PERMASALAHAN DAN TINDAK LANJUT",
                                 "PENUTUP", "sebesar 107,14%", "RIZKI PRATAMA, S.Kom."],
}


@pytest.mark.parametrize("slug", SLUG_PENGUKURAN)
def test_pdf(slug, contoh, konverter, tmp_path):
    pdf = konverter.ke_pdf(render(slug, contoh(slug), templates_dir=TEMPLATES, basis=SAMPLES).docx)
    reader = PdfReader(io.BytesIO(pdf))
    landscape = slug != "laporan-hasil-pengukuran"
    for page in reader.pages:
        w, h = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
        assert (round(w), round(h)) == ((330, 215) if landscape else (215, 330)), slug
    teks = " ".join(teks_pdf(pdf, tmp_path).split())
    for baris in BARIS_KUNCI[slug]:
        assert baris in teks, f"{slug}: '{baris}' tidak ada di PDF"
