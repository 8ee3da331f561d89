"""LibreOffice conversion: reused process, clear messages when missing or hung, supervised (a killed soffice fails
only the conversion it was in; the next ones get a fresh LibreOffice with a fresh profile)."""

from __future__ import annotations

import io
import os
import signal
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from docgen import convert, sementara
from docgen.errors import KonversiGagal
from docgen.render import render
from tests.conftest import SAMPLES, TEMPLATES, teks_pdf
from tests.lo_uji import PembunuhSoffice, docx_contoh


def test_satu_proses_untuk_banyak_dokumen(contoh):
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    with convert.Konverter() as k:
        assert k.mode == "warm"
        for _ in range(3):
            assert k.ke_pdf(docx).startswith(b"%PDF")
        assert k.jumlah_mulai == 1 and k.jumlah_konversi == 3
        assert list(k.folder.glob("kerja-*")) == []  # each document's folder is gone with it


def test_libreoffice_dimulai_ulang_setiap_n_dokumen(contoh):
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    pid: list[int | None] = []
    with convert.Konverter(maks_konversi=2) as k:
        for _ in range(5):
            assert k.ke_pdf(docx).startswith(b"%PDF")
            pid.append(k.pid_soffice)
        assert k.jumlah_mulai == 3 and k.jumlah_konversi == 5
        assert [p.name for p in k.folder.iterdir()] == ["profil-2"]  # the profiles of closed ones are removed
    # documents 1-2, 3-4 and 5 each by another soffice process
    assert pid[0] == pid[1] != pid[2] == pid[3] != pid[4] and None not in pid


def test_pid_soffice_adalah_soffice_bin(konverter, contoh):
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    konverter.ke_pdf(docx)
    assert konverter.pid_soffice is not None
    assert Path(f"/proc/{konverter.pid_soffice}/exe").readlink().name == "soffice.bin"


def test_dokumen_rusak_gagal_tanpa_mengganti_libreoffice(konverter, contoh):
    """A document LibreOffice cannot open fails alone: the LibreOffice that said so is healthy and stays."""
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    konverter.ke_pdf(docx)
    pid, mulai = konverter.pid_soffice, konverter.jumlah_mulai
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(keluar, "w") as z:
        for info in zin.infolist():
            z.writestr(info, b"<w:document><w:body><w:p>" if info.filename == "word/document.xml" else zin.read(info))
    with pytest.raises(KonversiGagal, match=r"^LibreOffice gagal mengonversi dokumen: "):
        konverter.ke_pdf(keluar.getvalue())
    assert konverter.ke_pdf(docx).startswith(b"%PDF")
    assert (konverter.pid_soffice, konverter.jumlah_mulai) == (pid, mulai)


def test_libreoffice_tidak_ada(monkeypatch):
    monkeypatch.setattr(convert, "cari_soffice", lambda: None)
    with pytest.raises(KonversiGagal, match="LibreOffice tidak ditemukan"):
        convert.Konverter()


def _pekerja_palsu(monkeypatch, tmp_path, isi: str) -> None:
    """Use a stand-in for uno_worker.py (run by this Python) that behaves as `isi` says."""
    palsu = tmp_path / "worker_palsu.py"
    palsu.write_text(textwrap.dedent(isi))
    monkeypatch.setattr(convert, "WORKER", palsu)
    monkeypatch.setattr(convert, "SYSTEM_PYTHON", sys.executable)


def test_libreoffice_macet_dihentikan_lalu_dimulai_ulang(monkeypatch, tmp_path, contoh):
    _pekerja_palsu(monkeypatch, tmp_path, """
        import json, sys, time
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            time.sleep(60)
    """)
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    with convert.Konverter(timeout=1, mode="warm") as k:
        with pytest.raises(KonversiGagal, match="tidak menjawab dalam 1 detik"):
            k.ke_pdf(docx)
        assert k._proc is None  # killed
        with pytest.raises(KonversiGagal):
            k.ke_pdf(docx)
        assert k.jumlah_mulai == 2  # started again for the next request


def test_libreoffice_mati_sebelum_dokumen_diganti_tanpa_gagal(monkeypatch, tmp_path, contoh):
    """A worker whose LibreOffice is gone says so before it takes the document: a fresh one converts it."""
    _pekerja_palsu(monkeypatch, tmp_path, """
        import json, pathlib, sys
        profil = pathlib.Path(sys.argv[2])
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            if profil.name == "profil-0":
                jawab = {"ok": False, "mati": True, "sebelum": True, "error": "jembatan terputus"}
                print(json.dumps(jawab), flush=True)
                sys.exit(0)
            req = json.loads(line)
            pathlib.Path(req["out"]).write_bytes(b"%PDF-palsu")
            print(json.dumps({"ok": True}), flush=True)
    """)
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    with convert.Konverter(mode="warm") as k:
        assert k.ke_pdf(docx) == b"%PDF-palsu"
        assert (k.jumlah_mulai, k.jumlah_pulih) == (2, 1)


def test_pekerja_mati_saat_menganggur_dimulai_ulang(monkeypatch, tmp_path, contoh):
    _pekerja_palsu(monkeypatch, tmp_path, """
        import json, os, pathlib, sys
        print(json.dumps({"ready": True, "pid": os.getpid()}), flush=True)
        for line in sys.stdin:
            pathlib.Path(json.loads(line)["out"]).write_bytes(b"%PDF-palsu")
            print(json.dumps({"ok": True}), flush=True)
    """)
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    with convert.Konverter(mode="warm") as k:
        k.ke_pdf(docx)
        os.kill(k.pid_soffice, signal.SIGKILL)  # here the "soffice" is the worker itself
        k._proc.wait(10)
        assert k.ke_pdf(docx) == b"%PDF-palsu"
        assert (k.jumlah_mulai, k.jumlah_pulih) == (2, 1)


def test_jawaban_rusak_dianggap_mati(monkeypatch, tmp_path, contoh):
    _pekerja_palsu(monkeypatch, tmp_path, """
        import json, sys
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            print("Segmentation fault (core dumped)", flush=True)
    """)
    docx = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    with convert.Konverter(mode="warm") as k:
        with pytest.raises(KonversiGagal, match="LibreOffice berhenti mendadak saat mengonversi dokumen"):
            k.ke_pdf(docx)
        assert k._proc is None and k.jumlah_pulih == 1


@pytest.mark.pdf
def test_soffice_dibunuh_saat_mengonversi_lalu_pulih(contoh, tmp_path):
    """soffice.bin killed (-9) in the middle of a conversion: that call fails with an Indonesian message, the next
    three get real PDFs from a new LibreOffice with a new profile."""
    panjang = docx_contoh("lkjip")
    surat = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    with convert.Konverter(timeout=120) as k:
        assert "NOTA DINAS" in teks_pdf(k.ke_pdf(surat), tmp_path)
        lama = k.pid_soffice
        with PembunuhSoffice(lambda: list(k.folder.glob("kerja-*")), lambda: k.pid_soffice) as pembunuh:
            mulai = time.monotonic()
            with pytest.raises(KonversiGagal) as e:
                k.ke_pdf(panjang)
        assert pembunuh.terbunuh == lama, "soffice.bin tidak terbunuh saat mengonversi"
        assert time.monotonic() - mulai < 60  # noticed at once, not after the timeout
        assert e.value.status == 503
        assert e.value.pesan.startswith("LibreOffice berhenti mendadak saat mengonversi dokumen")
        assert "Permintaan berikutnya memakai LibreOffice baru dengan profil baru; silakan ulangi." in e.value.pesan
        assert k._proc is None and not (k.folder / "profil-1").exists() and not (k.folder / "profil-0").exists()
        for _ in range(3):
            teks = teks_pdf(k.ke_pdf(surat), tmp_path)
            assert "NOTA DINAS" in teks and "PEMERINTAH KABUPATEN PESISIR SELATAN" in teks
        assert k.pid_soffice not in (None, lama) and k.jumlah_mulai == 2 and k.jumlah_pulih == 1
        assert [p.name for p in k.folder.iterdir()] == ["profil-1"]  # no leftover job folder, no old profile
        assert not sementara.pid_hidup(lama)


@pytest.mark.pdf
def test_soffice_mati_saat_menganggur_tidak_menggagalkan_permintaan(contoh, tmp_path):
    surat = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    with convert.Konverter(timeout=120) as k:
        k.ke_pdf(surat)
        lama = k.pid_soffice
        os.kill(lama, signal.SIGKILL)
        akhir = time.monotonic() + 10
        while sementara.pid_hidup(lama) and time.monotonic() < akhir:
            time.sleep(0.05)
        assert "NOTA DINAS" in teks_pdf(k.ke_pdf(surat), tmp_path)
        assert k.pid_soffice != lama and k.jumlah_pulih == 1


def test_mode_oneshot_memakai_profil_yang_dikeraskan(contoh, tmp_path):
    surat = render("nota-dinas", contoh("nota-dinas"), templates_dir=TEMPLATES, basis=SAMPLES).docx
    with convert.Konverter(mode="oneshot") as k:
        assert "NOTA DINAS" in teks_pdf(k.ke_pdf(surat), tmp_path)
        xcu = (k.folder / "profil-oneshot-0" / "user" / "registrymodifications.xcu").read_text()
        assert 'oor:name="BlockUntrustedRefererLinks"' in xcu
        assert list(k.folder.glob("kerja-*")) == []
