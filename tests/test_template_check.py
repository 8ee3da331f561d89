"""check-templates passes on the shipped templates and finds, with their location, the usual mistakes."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from docx import Document

from docgen import documents
from docgen.cli import cli
from docgen.template_check import periksa_templat
from tests.conftest import TEMPLATES


def test_templat_bawaan_lolos():
    r = CliRunner().invoke(cli, ["check-templates"])
    assert r.exit_code == 0, r.output
    assert r.output.count("OK") == len(documents.semua())


def _templat_rusak(path):
    doc = Document()
    p = doc.add_paragraph()
    p.add_run("Yth. {{ kep")
    p.add_run("ada }} di tempat")  # a tag split across two runs, as Word does after editing
    doc.add_paragraph("Hal: {{ hal|default(\u201ctanpa hal\u201d) }}")  # curly quotes inside a tag
    doc.add_paragraph("Isi {% for x in daftar %} tanpa penutup")
    doc.add_paragraph("Nama: {{ nama_tidak_ada }} dan {{ kop.tidak_ada }}")
    doc.save(path)


def test_templat_rusak_dilaporkan_dengan_lokasinya(tmp_path):
    path = tmp_path / "nota-dinas.docx"
    _templat_rusak(path)
    temuan = [str(t) for t in periksa_templat(path)]
    assert any("terpecah ke beberapa run" in t and "Yth. {{ kepada }} di tempat" in t for t in temuan)
    assert any("kutip miring" in t and "Hal: {{ hal|default(" in t for t in temuan)
    assert any("Jinja tidak dapat dikompilasi" in t for t in temuan)


def test_variabel_yang_tidak_disediakan_skema(tmp_path):
    path = tmp_path / "nota-dinas.docx"
    doc = Document()
    doc.add_paragraph("Nama: {{ nama_tidak_ada }} dan {{ kop.tidak_ada }} dan {{ kop.nama }}")
    doc.save(path)
    r = CliRunner().invoke(cli, ["check-templates", str(path)])
    assert r.exit_code == 1
    assert "variabel 'nama_tidak_ada' tidak disediakan" in r.output
    assert "variabel 'kop.tidak_ada' tidak disediakan" in r.output
    assert "kop.nama'" not in r.output


def test_cli_gagal_pada_templat_rusak(tmp_path):
    shutil.copy(TEMPLATES / "nota-dinas.docx", tmp_path / "nota-dinas.docx")
    _templat_rusak(tmp_path / "lain.docx")
    r = CliRunner().invoke(cli, ["check-templates", str(tmp_path / "nota-dinas.docx"), str(tmp_path / "lain.docx")])
    assert r.exit_code == 1
    assert "OK    " in r.output and "GAGAL " in r.output
    assert "lain.docx [word/document.xml]" in r.output


def test_bukan_docx(tmp_path):
    f = tmp_path / "x.docx"
    f.write_text("bukan zip")
    assert "bukan berkas .docx yang sah" in str(periksa_templat(f)[0])
