"""Generating a document through the web service layer."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from docgen.errors import DocgenError, InputTidakValid
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES
from web.inti.db import sesi
from web.inti.models import Pengguna
from web.inti.penyimpanan import penyimpanan
from web.layanan.dokumen import buat_dokumen


def _pengguna(username: str) -> Pengguna:
    return sesi().scalar(select(Pengguna).where(Pengguna.username == username))


def test_buat_nota_dinas_dengan_instansi_dari_profil(app):
    data = json.loads((SAMPLES / "nota-dinas.json").read_text())
    data.pop("instansi")
    with app.app_context():
        dok = buat_dokumen(_pengguna("kepala"), "nota-dinas", data)
        teks = teks_docx(penyimpanan().baca(dok.berkas_docx))
        assert "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA" in teks and "NOTA DINAS" in teks
        assert penyimpanan().baca(dok.berkas_pdf)[:4] == b"%PDF"
        assert dok.pembuat.username == "kepala" and dok.dibuat is not None


def test_peran_tidak_berwenang(app):
    with app.app_context(), pytest.raises(DocgenError) as e:
        buat_dokumen(_pengguna("bidang.mutasi"), "nota-dinas", {})
    assert e.value.status == 403


def test_masukan_salah_tidak_menyimpan_apa_pun(app):
    from web.inti.models import Dokumen

    with app.app_context():
        with pytest.raises(InputTidakValid) as e:
            buat_dokumen(_pengguna("kepala"), "nota-dinas", {"hal": ""}, pdf=False)
        assert e.value.fields["hal"] == "tidak boleh kosong"
        assert sesi().scalar(select(Dokumen)) is None


def test_lkjip_memakai_rencana_kinerja_instansi(app):
    data = json.loads((SAMPLES / "lkjip.json").read_text())
    data.pop("kinerja")
    data.pop("instansi")
    with app.app_context():
        dok = buat_dokumen(_pengguna("perencana"), "lkjip", data, pdf=False)
        assert "103,63%" in teks_docx(penyimpanan().baca(dok.berkas_docx))


def test_lkjip_docx_tersimpan_dengan_nomor_halaman_daftar(app):
    """The stored .docx shows the Daftar Isi page numbers its PDF prints (no field update needed in Word)."""
    from docx import Document

    data = json.loads((SAMPLES / "lkjip.json").read_text())
    data.pop("kinerja")
    data.pop("instansi")
    with app.app_context():
        dok = buat_dokumen(_pengguna("perencana"), "lkjip", data)
        doc = Document(io.BytesIO(penyimpanan().baca(dok.berkas_docx)))
    entri = {p.text.split("\t")[0]: p.text.split("\t")[-1] for p in doc.paragraphs
             if p.style is not None and p.style.name.lower().startswith("toc ")}
    assert entri["KATA PENGANTAR"] == "i"
    assert entri["BAB I PENDAHULUAN"] == "1"
    assert entri["BAB III AKUNTABILITAS KINERJA"].isdigit()
