"""The Ikhtisar Eksekutif gives what 53/2014 asks for: the headline figures, the indicators that missed their target,
the kendala and the steps taken and planned; from the input, or drafted from the figures and marked [DRAF]."""

from __future__ import annotations

import json

from docgen import documents
from docgen.render import render
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES, TEMPLATES


def _ikhtisar(masukan: dict) -> str:
    teks = teks_docx(render(documents.dapatkan("lkjip"), masukan, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    awal = teks.index("menyajikan capaian")  # the Ikhtisar's first paragraph, up to its key-figure table
    return teks[awal:teks.index("Angka kunci kinerja", awal)].replace("\u00a0", " ")


def _contoh() -> dict:
    return json.loads((SAMPLES / "lkjip.json").read_text(encoding="utf-8"))


def test_ikhtisar_dari_masukan():
    teks = _ikhtisar(_contoh())
    assert "Sebanyak 8 dari 9 indikator terukur (IKK 1 baru s.d. Triwulan III)" in teks
    assert ("Indikator yang belum mencapai target: IKK 1 Jumlah ASN yang mengikuti pelatihan teknis (76,00% s.d. "
            "TW III); IKU 5 Nilai SAKIP BKPSDM (94,64%).") in teks
    assert "Indikator yang belum dapat diukur: IKK 4" in teks
    assert "Kendala yang dihadapi: Nilai SAKIP BKPSDM (66,25) belum mencapai target 70" in teks
    assert "Langkah yang telah ditempuh: Memperluas pelatihan berbasis e-learning." in teks
    assert "Langkah yang akan ditempuh: Menyusun rencana aksi triwulanan" in teks
    assert "[DRAF]" not in teks


def test_ikhtisar_didraf_dari_angka_bila_masukan_kosong():
    masukan = _contoh()
    masukan["permasalahan_utama"], masukan["rencana_tindak_lanjut"] = [], []
    for s in masukan["kinerja"]["sasaran"]:
        s["penyebab"] = s["solusi"] = ""
    teks = _ikhtisar(masukan)
    assert "[DRAF] Kendala yang dihadapi: " in teks and "[DRAF] Langkah yang akan ditempuh: Menyusun rencana aksi " \
        "perbaikan untuk IKK 1" in teks
    assert "Langkah yang telah ditempuh" not in teks  # nothing typed: not invented


def test_ikhtisar_semua_tercapai():
    masukan = _contoh()
    for s in masukan["kinerja"]["sasaran"]:
        for ind in s["indikator"]:
            ind.update({"polaritas": "naik", "aturan_triwulan": "terakhir", "target": 1, "target_triwulan": [None] * 4,
                        "realisasi_triwulan": [1, 1, 1, 1], "target_bawah": None, "target_atas": None})
    assert "Seluruh indikator kinerja mencapai atau melampaui target." in _ikhtisar(masukan)


def test_penjelasan_indikator_dicetak():
    """What a unit typed as penjelasan with its realisasi is printed in the sasaran's analysis of causes."""
    masukan = _contoh()
    masukan["kinerja"]["sasaran"][0]["indikator"][2]["penjelasan"] = "Pelatihan TW IV diundur ke Januari 2025."
    teks = teks_docx(render(documents.dapatkan("lkjip"), masukan, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    assert "Penjelasan unit kerja per indikator:\nIKK 1: Pelatihan TW IV diundur ke Januari 2025." in teks
    for ind in masukan["kinerja"]["sasaran"][0]["indikator"]:
        ind["penjelasan"] = ""
    assert "Penjelasan unit kerja per indikator" not in teks_docx(
        render(documents.dapatkan("lkjip"), masukan, templates_dir=TEMPLATES, basis=SAMPLES).docx)
