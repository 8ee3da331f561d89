"""Nothing the user typed is lost: special characters, emoji, long text, pasted control characters."""

from __future__ import annotations

import re

import pytest

from docgen.render import render
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES, TEMPLATES, teks_pdf

SULIT = 'A & B <c> "kutip" \'tunggal\' 100% {{ bukan_tag }} {% if %} Rp 1.250.000,50 😀🇮🇩 ≥ ✓ é'
KONTROL = "Teks\x0bdari\x01PDF\x07yang\x1fditempel"


def _data(contoh):
    data = contoh("nota-dinas")
    panjang = " ".join(f"kata{i:04d}" for i in range(560))  # about 5,000 characters
    data["hal"] = SULIT
    data["kepada"] = KONTROL
    data["isi"] = f"Paragraf pertama: {SULIT}\nParagraf kedua baris baru.\n\n{panjang}"
    data["tembusan"] = ["Baris satu\tdengan tab"]
    return data, panjang


def _terlihat(s: str) -> list[str]:
    return [c for c in s if not c.isspace()]


def test_karakter_kontrol_dihapus_dengan_peringatan(contoh):
    data, _ = _data(contoh)
    hasil = render("nota-dinas", data, templates_dir=TEMPLATES, basis=SAMPLES)
    assert any(p.startswith("kepada: 3 karakter kontrol dihapus") for p in hasil.peringatan)
    teks = teks_docx(hasil.docx)
    assert "Teks\ndariPDFyangditempel" in teks  # \x0b is a line break; the others are removed


def test_setiap_karakter_terlihat_sampai_di_docx_dan_pdf(contoh, konverter, tmp_path):
    data, panjang = _data(contoh)
    hasil = render("nota-dinas", data, templates_dir=TEMPLATES, basis=SAMPLES)
    teks = teks_docx(hasil.docx)
    assert SULIT in teks
    assert panjang in teks
    assert "Paragraf pertama" in teks and "\nParagraf kedua baris baru." in teks  # own paragraphs
    assert "Baris satu\tdengan tab" in teks

    pdf = teks_pdf(konverter.ke_pdf(hasil.docx), tmp_path)
    # continuation pages print "- 2 -" at the top, which pdftotext puts amid the running text (and, the line ending
    # in "-", joins with the next line as a hyphenated word)
    rapat = "".join(re.sub(r"\f-\s*\d+\s*-?", "\f", pdf).split())
    for sumber in (SULIT, panjang, "TeksdariPDFyangditempel"):
        harap = "".join(_terlihat(sumber))
        # pdftotext may split flag emoji into regional indicators; compare without them too.
        assert harap in rapat or harap.replace("🇮🇩", "") in rapat.replace("🇮🇩", ""), sumber[:40]
    for c in _terlihat(SULIT):
        assert c in rapat, f"karakter {c!r} hilang dari PDF"


@pytest.mark.parametrize("medan", ["hal", "isi", "dari"])
def test_teks_seperti_tag_jinja_tidak_dijalankan(contoh, medan):
    data = contoh("nota-dinas")
    data[medan] = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ ''.__class__ }}"
    teks = teks_docx(render("nota-dinas", data, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    assert "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ ''.__class__ }}" in teks
    assert "49" not in teks
