"""Where a line of a naskah dinas must not break: non-breaking spaces (U+00A0) and word joiners (U+2060).

`lekatkan(teks)` binds, inside any text: a date ("17 Januari 2025", "Januari 2025"; after a day name's comma a
line may break, so a narrow table column never has to split a word), "s.d." to the word before it (a line never
starts with it), a NIP's four groups, "Rp" with its amount, a year range ("2021–2026", "2021 - 2026"), a time
with its zone ("09.00 WIB"), a number with its unit of time ("2 hari", "10 menit"), "Tahun 2024" and "Triwulan
IV", an academic title with the name before it (", S.E.", ", M.Si."), "Drs." and the like with the name after,
"Kode Pos" with its code, an area code with the number, and the kop's "Pos-el:", "Laman:", "Telepon",
"Faksimile" with what follows. Everything else keeps its ordinary spaces, so lines still break between units.

`lekatkan_docx(doc)` applies it to every text run of a filled document, headers and footers included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.oxml.ns import qn

SPASI = "\u00a0"  # no-break space: the line never breaks here
PENYAMBUNG = "\u2060"  # word joiner: no break after a dash or hyphen, and nothing printed

_BULAN = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
_SATUAN_WAKTU = "hari|jam|menit|detik|minggu|bulan|tahun"

# Each pattern's match is one unit: its spaces become no-break spaces, a dash or hyphen in it is followed by a
# word joiner.
_SATUAN = [
    re.compile(rf"(?:\b\d{{1,2}} )?\b(?:{_BULAN}) \d{{4}}\b"),
    re.compile(r"(?<=\S) s\.\s?d\.(?= \S)"),
    re.compile(r"\bNIP\.? ?\d{8} ?\d{6} ?\d ?\d{3}\b|\b\d{8} \d{6} \d \d{3}\b"),
    re.compile(r"\bRp\.? (?=\d)"),
    re.compile(r"\b\d{4} ?[-–] ?\d{4}\b"),
    re.compile(r"\b\d{1,2}[.:]\d{2} (?:WIB|WITA|WIT)\b"),
    re.compile(rf"\b\d+(?:,\d+)? (?:{_SATUAN_WAKTU})\b"),
    re.compile(r", (?=(?:[SMD]|A\.Md|Ak|Ph)[.A-Za-z]*\.)"),
    re.compile(r"\b(?:Drs?|Dra|Ir|Hj?|Prof|Sdr|Sdri|Yth)\. (?=\S)"),
    re.compile(r"\bKode Pos \d{5}\b"),
    re.compile(r"\b(?:Tahun|TAHUN|Triwulan|TRIWULAN|Semester|SEMESTER) (?:\d{4}|[IV]{1,4})\b"),
    re.compile(r"\(\d{3,4}\) (?=\d)"),
    re.compile(r"\b(?:Pos-el|Laman|Telepon|Faksimile|Surel|E-mail):? (?=\S)"),
]
_TANDA_HUBUNG = re.compile(r"([-–])(?!\u2060)")


def _satukan(m: re.Match[str]) -> str:
    return _TANDA_HUBUNG.sub(rf"\1{PENYAMBUNG}", m.group(0).replace(" ", SPASI))


def lekatkan(teks: str) -> str:
    """`teks` with no-break spaces and word joiners inside every unit that must stay on one line."""
    if not teks or (" " not in teks and "-" not in teks and "–" not in teks):
        return teks
    for pola in _SATUAN:
        teks = pola.sub(_satukan, teks)
    return teks


def _bagian(doc) -> Iterable:
    yield doc.element.body
    for sec in doc.sections:
        for bagian in (sec.header, sec.footer, sec.first_page_header, sec.first_page_footer,
                       sec.even_page_header, sec.even_page_footer):
            if not bagian.is_linked_to_previous:
                yield bagian._element


def lekatkan_docx(doc) -> None:
    """Apply `lekatkan` to every w:t of a python-docx Document (body, headers, footers), in place.

    A unit split over two runs (a date typed half bold) is left as it is: the runs of a filled template hold each
    value whole."""
    for akar in _bagian(doc):
        for t in akar.iter(qn("w:t")):
            if t.text:
                baru = lekatkan(t.text)
                if baru != t.text:
                    t.text = baru
