"""LibreOffice conversion: reused process, clear messages when missing or hung."""

from __future__ import annotations

import sys
import textwrap

import pytest

from docgen import convert
from docgen.errors import KonversiGagal
from docgen.render import render
from tests.conftest import SAMPLES, TEMPLATES


def test_satu_proses_untuk_banyak_dokumen(contoh):
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    with convert.Konverter() as k:
        assert k.mode == "warm"
        for _ in range(3):
            assert k.ke_pdf(docx).startswith(b"%PDF")
        assert k.jumlah_mulai == 1 and k.jumlah_konversi == 3


def test_libreoffice_dimulai_ulang_setiap_n_dokumen(contoh):
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    pid: list[int | None] = []
    with convert.Konverter(maks_konversi=2) as k:
        for _ in range(5):
            assert k.ke_pdf(docx).startswith(b"%PDF")
            pid.append(k.pid_soffice)
        assert k.jumlah_mulai == 3 and k.jumlah_konversi == 5
    # documents 1-2, 3-4 and 5 each by another soffice process
    assert pid[0] == pid[1] != pid[2] == pid[3] != pid[4] and None not in pid


def test_libreoffice_tidak_ada(monkeypatch):
    monkeypatch.setattr(convert, "cari_soffice", lambda: None)
    with pytest.raises(KonversiGagal, match="LibreOffice tidak ditemukan"):
        convert.Konverter()


def test_libreoffice_macet_dihentikan_lalu_dimulai_ulang(monkeypatch, tmp_path):
    macet = tmp_path / "worker_macet.py"
    macet.write_text(textwrap.dedent("""
        import json, sys, time
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            time.sleep(60)
    """))
    monkeypatch.setattr(convert, "WORKER", macet)
    monkeypatch.setattr(convert, "SYSTEM_PYTHON", sys.executable)
    with convert.Konverter(timeout=1, mode="warm") as k:
        with pytest.raises(KonversiGagal, match="tidak menjawab dalam 1 detik"):
            k.ke_pdf(b"bukan docx")
        assert k._proc is None  # killed
        with pytest.raises(KonversiGagal):
            k.ke_pdf(b"bukan docx")
        assert k.jumlah_mulai == 2  # started again for the next request
