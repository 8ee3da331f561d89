"""Code, templates, samples and docs stay in step."""

from __future__ import annotations

from docxtpl import DocxTemplate
from jinja2 import meta

from docgen import documents
from docgen.render import FILTERS, jinja_env
from tests.conftest import ROOT, TEMPLATES

README_TEMPLAT = (TEMPLATES / "README.md").read_text(encoding="utf-8")


def test_setiap_filter_didokumentasikan():
    for nama in FILTERS:
        assert f"`{nama}`" in README_TEMPLAT, f"filter {nama} tidak ada di templates_docx/README.md"


def test_setiap_variabel_templat_didokumentasikan():
    for j in documents.semua():
        tpl = DocxTemplate(str(TEMPLATES / f"{j.slug}.docx"))
        tpl.init_docx()
        ast = jinja_env().parse(tpl.patch_xml(tpl.get_xml()))
        bagian = README_TEMPLAT.split(f"### {j.slug}\n", 1)
        assert len(bagian) == 2, f"{j.slug} tidak punya bagian di templates_docx/README.md"
        teks = bagian[1].split("### ", 1)[0]
        for var in meta.find_undeclared_variables(ast) - {"loop"}:
            assert f"`{var}`" in teks, f"{j.slug}: variabel {var} tidak didokumentasikan"


def test_readme_dimulai_dengan_dua_perintah():
    awal = (ROOT / "README.md").read_text(encoding="utf-8").split("\n\n", 2)[1]
    assert "make run" in awal and "make test" in awal
