"""Write the page numbers of a document's indexes (Daftar Isi, Tabel, Gambar) into its .docx, as its PDF prints them.

docgen.docx_indeks fills every TOC field with its entries but leaves the page numbers blank: only a layout engine
knows them. Once LibreOffice has refreshed the indexes and written the PDF, each entry's line in the PDF ends in its
leader dots and page number; those numbers are written after the entry's tab in the .docx, so the .docx opened in
Word or LibreOffice shows the same numbers as the PDF without updating fields. An entry whose line cannot be found
keeps its blank number, and then Word is still asked to refresh the fields on opening.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from docgen import tata_letak

_LABEL = r"(\d{1,4}|[ivxlcdm]{1,7})"
BARIS_PER_ENTRI = 4  # lines one index entry may wrap onto
JANGKAUAN_BARIS = 400  # lines searched ahead for the next entry before it is given up


@dataclass
class _Entri:
    teks: str
    paragraf: Any  # w:p
    tab: Any  # the w:r holding the entry's tab


def _norm(teks: str) -> str:
    """Text as the PDF's text layer has it: NFKC, no format characters (word joiners), spaces collapsed."""
    teks = "".join(c for c in unicodedata.normalize("NFKC", teks) if unicodedata.category(c) != "Cf")
    return " ".join(teks.replace("\u00a0", " ").split())


def _entri_docx(doc) -> list[_Entri]:
    """The entries of every TOC field, in document order: a paragraph whose text ends in a tab."""
    hasil: list[_Entri] = []
    di_dalam = False
    for p in doc.element.body.iter(qn("w:p")):
        if any((i.text or "").strip().startswith("TOC") for i in p.iter(qn("w:instrText"))):
            di_dalam = True
        if di_dalam:
            teks, tab = "", None
            for r in p.iterchildren(qn("w:r")):
                if r.find(qn("w:tab")) is not None and r.find(qn("w:t")) is None:
                    tab = r
                elif tab is None:
                    teks += "".join(t.text or "" for t in r.iter(qn("w:t")))
            if tab is not None and teks.strip():
                hasil.append(_Entri(_norm(teks), p, tab))
            if any(fc.get(qn("w:fldCharType")) == "end" for fc in p.iter(qn("w:fldChar"))):
                di_dalam = False
    return hasil


def _baris_pdf(pdf: bytes) -> list[str]:
    return [_norm(b.teks) for h in tata_letak.baca_halaman(pdf) for b in h.baris]


def nomor_halaman(entri: list[str], baris: list[str]) -> list[str | None]:
    """For each entry text (in order), the page label its index line in `baris` ends with, or None."""
    hasil: list[str | None] = []
    pos = 0
    for teks in entri:
        pola = re.compile(re.escape(teks) + r"\s*\.{2,}\s*" + _LABEL + "$")
        label = None
        for i in range(pos, min(len(baris), pos + JANGKAUAN_BARIS)):
            for k in range(1, BARIS_PER_ENTRI + 1):
                m = pola.fullmatch(" ".join(baris[i:i + k]))
                if m:
                    label, pos = m.group(1), i + k
                    break
            if label:
                break
        hasil.append(label)
    return hasil


def isi_halaman(docx: bytes, pdf: bytes) -> bytes:
    """Return `docx` with its index entries' page numbers taken from `pdf` (the same document converted); the bytes
    unchanged when it has no index."""
    doc = Document(io.BytesIO(docx))
    entri = _entri_docx(doc)
    if not entri:
        return docx
    label = nomor_halaman([e.teks for e in entri], _baris_pdf(pdf))
    for e, lbl in zip(entri, label, strict=True):
        if lbl is None:
            continue
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = lbl
        r.append(t)
        e.tab.addnext(r)
    if all(label):
        lama = doc.settings.element.find(qn("w:updateFields"))
        if lama is not None:
            doc.settings.element.remove(lama)
    keluar = io.BytesIO()
    doc.save(keluar)
    return keluar.getvalue()
