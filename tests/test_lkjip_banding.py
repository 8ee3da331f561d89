"""BAB III compares each indicator with up to five years, with that year's Renstra target and the Renstra end
target, and judges efficiency per kegiatan: output achieved against budget absorbed (Permen PANRB 53/2014)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from docgen import documents
from docgen import lkjip_analisis as A
from docgen.kinerja import Kegiatan
from docgen.render import render
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES, TEMPLATES


def _contoh() -> dict:
    return json.loads((SAMPLES / "lkjip.json").read_text(encoding="utf-8"))


def _teks(masukan: dict) -> str:
    return teks_docx(render(documents.dapatkan("lkjip"), masukan, templates_dir=TEMPLATES,
                            basis=SAMPLES).docx).replace("\u00a0", " ")


def _bagian(teks: str, awal: str, akhir: str) -> str:
    i = teks.index(awal)
    return teks[i:teks.index(akhir, i)]


def test_perbandingan_paling_banyak_lima_tahun():
    masukan = _contoh()
    ind = masukan["kinerja"]["sasaran"][0]["indikator"][0]  # IKU 1, tahun 2024
    ind["realisasi_tahun_lalu"] = {str(t): 60 + t - 2017 for t in range(2017, 2024)}
    teks = _bagian(_teks(masukan), "2. Perbandingan Realisasi dengan Tahun", "3. Perbandingan Realisasi")
    assert "Realisasi Indikator Sasaran 1 Tahun 2020-2024" in teks
    kepala = next(baris for baris in teks.splitlines() if baris.startswith("No | Indikator Kinerja | Satuan"))
    assert kepala.split(" | ")[3:] == ["2020", "2021", "2022", "2023", "2024", "Arah"]
    assert "2019" not in teks and "2017" not in teks
    assert ("Realisasi IKU 1 tahun 2024 sebesar 74,61 indeks membaik dibandingkan tahun 2023 (66 indeks) dan "
            "membaik dibandingkan tahun 2020 (63 indeks).") in teks


def test_target_renstra_tahun_berjalan_dan_akhir():
    teks = _bagian(_teks(_contoh()), "3. Perbandingan Realisasi dengan Target Renstra", "4. Perbandingan dengan")
    assert ("1 | IKU 1 Indeks Profesionalitas ASN | indeks | 72 | 103,63% | 75 | 74,61 | 99,48%") in teks
    assert ("Realisasi IKU 1 sampai dengan tahun 2024 (74,61 indeks) setara 103,63% dari target Renstra tahun "
            "2024 (72 indeks) dan 99,48% dari target akhir Renstra (75 indeks) pada akhir periode Renstra "
            "2021-2026.") in teks
    assert "Target Perjanjian Kinerja IKU 2 (80%) melampaui target Renstra tahun 2024 (78%)." in teks
    assert "Target Renstra tahun 2024 untuk IKK 1 belum dicantumkan." in teks


def test_target_pk_di_bawah_renstra_disebut():
    masukan = _contoh()
    masukan["kinerja"]["sasaran"][0]["indikator"][0]["target_renstra"]["2024"] = 73
    teks = _teks(masukan)
    assert "Target Perjanjian Kinerja IKU 1 (72 indeks) lebih rendah dari target Renstra tahun 2024 (73 indeks)." \
        in teks


def test_efisiensi_per_kegiatan_di_dokumen():
    teks = _bagian(_teks(_contoh()), "Capaian Keluaran dan Serapan Anggaran per Kegiatan Sasaran 1",
                   "7. Program dan Kegiatan")
    assert ("1 | 5.03.03.2.01 Pengembangan Kompetensi Teknis | ASN yang mengikuti pengembangan kompetensi teknis | "
            "1.250 orang | 950 orang | 76,00% | 90,28% | Tidak efisien") in teks
    assert "| 300 orang | 285 orang | 95,00% | 82,57% | Belum efisien" in teks
    assert ("Dari 2 kegiatan pendukung, 2 kegiatan dapat dinilai dengan membandingkan capaian keluaran (output) "
            "dengan serapan anggarannya: 1 kegiatan belum efisien dan 1 kegiatan tidak efisien.") in teks


def test_kegiatan_tanpa_keluaran_tidak_dinilai():
    masukan = _contoh()
    for p in masukan["kinerja"]["program"]:
        for k in p["kegiatan"]:
            k["keluaran"], k["target_keluaran"] = "", None
    teks = _teks(masukan)
    assert ("Indikator keluaran (output) 2 kegiatan pendukung belum dicantumkan atau realisasinya belum tersedia, "
            "sehingga efisiensi per kegiatan belum dapat dinilai.") in teks


@pytest.mark.parametrize(("target", "realisasi", "pagu", "real_pagu", "status", "selisih"), [
    (10, 10, 100, 90, "efisien", Decimal("10.00")),
    (10, 12, 100, 100, "efisien", Decimal("20.00")),
    (10, 9, 100, 80, "belum efisien", Decimal("10.00")),
    (10, 7, 100, 80, "tidak efisien", Decimal("-10.00")),
    (10, None, 100, 80, "tidak dapat dinilai", None),
    (None, 5, 100, 80, "tidak dapat dinilai", None),
    (10, 10, 100, None, "tidak dapat dinilai", None),
])
def test_efisiensi_kegiatan(target, realisasi, pagu, real_pagu, status, selisih):
    k = Kegiatan(kode="1", nama="K", pagu=pagu, realisasi=real_pagu, keluaran="Dokumen", satuan_keluaran="dokumen",
                 target_keluaran=target, realisasi_keluaran=realisasi)
    e = A.efisiensi_kegiatan(k, 2)
    assert e.efisiensi.status == status
    assert e.efisiensi.selisih == selisih


def test_selisih_dari_angka_tercetak():
    """Capaian 2/3 = 66,67% (printed) against serapan 1/3 = 33,33%: the gap is 33,34, as the printed figures add up."""
    k = Kegiatan(kode="1", nama="K", pagu=3, realisasi=1, keluaran="Dokumen", target_keluaran=3,
                 realisasi_keluaran=2)
    e = A.efisiensi_kegiatan(k, 2)
    assert (e.capaian_keluaran, e.serapan, e.efisiensi.selisih) == (Decimal("66.67"), Decimal("33.33"),
                                                                   Decimal("33.34"))
