"""Perjanjian Kinerja: the statement text, both parties, the targets and budget, and aligned signatures in the PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from docgen.render import render
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES, TEMPLATES

SLUG = "perjanjian-kinerja"


def _docx(data: dict) -> bytes:
    return render(SLUG, data, templates_dir=TEMPLATES, basis=SAMPLES).docx


def test_isi_pernyataan_dan_lampiran(contoh):
    teks = teks_docx(_docx(contoh(SLUG)))
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks
    assert "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel" in teks
    assert "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya" in teks
    assert "dalam rangka pemberian penghargaan dan sanksi." in teks
    assert "Nama | : | Drs. HENDRA SAPUTRA, M.Si." in teks
    assert "Jabatan | : | Bupati Pesisir Selatan" in teks
    assert "Painan, 31 Januari 2024" in teks
    assert "IKU 2 Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 JP | 80 %" in teks
    assert "IKK 3 Persentase data ASN yang mutakhir di SIASN | 95 - 100 %" in teks
    assert "Program Kepegawaian Daerah | Rp 1.070.000.000,00" in teks
    assert "Jumlah | Rp 6.755.000.000,00" in teks
    # The signatures stand twice: on the statement page and under the lampiran, Pihak Kedua left.
    assert teks.count("H. AHMAD RIFAI, S.E., M.M. | Drs. HENDRA SAPUTRA, M.Si. / Pembina Utama Muda (IV/c)") == 2


def test_tempat_lain_dari_kota(contoh):
    data = contoh(SLUG)
    data["tempat"] = "Padang"
    assert "Padang, 31 Januari 2024" in teks_docx(_docx(data))


def _kata(pdf: bytes, tmp_path: Path) -> list[list[tuple[str, float]]]:
    f = tmp_path / "pk.pdf"
    f.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(f), "-"], capture_output=True, text=True, check=True).stdout
    return [[(m.group(2), float(m.group(1))) for m in re.finditer(r'yMin="([\d.]+)"[^>]*>([^<]*)</word>', hal)]
            for hal in out.split("<page")[1:]]


@pytest.mark.pdf
def test_nama_kedua_pihak_sejajar_di_pdf(contoh, konverter, tmp_path):
    """On both pages the two signers' names share one baseline, though the Kepala's jabatan takes more lines."""
    halaman = _kata(konverter.ke_pdf(_docx(contoh(SLUG))), tmp_path)
    assert len(halaman) == 2
    for kata in halaman:
        rifai = [y for w, y in kata if w == "RIFAI,"]
        hendra = [y for w, y in kata if w == "HENDRA"]
        # The last RIFAI/HENDRA of a page are the signature names (the first ones are in the Nama rows).
        assert rifai and hendra
        assert rifai[-1] == pytest.approx(hendra[-1], abs=0.5)
