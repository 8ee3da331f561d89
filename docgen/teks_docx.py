"""Readable text of a .docx, in document order: paragraphs, and table rows as 'a | b | c'.

No-break spaces read as spaces and word joiners as nothing (docgen.spasi_tetap puts them where lines must not
break); what the text says is compared, not where it may wrap.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from lxml import etree


def _paragraf(p: etree._Element) -> str:
    bagian = []
    for el in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        if el.tag == qn("w:t"):
            bagian.append(el.text or "")
        elif el.tag == qn("w:br"):
            bagian.append("\n")
        else:
            bagian.append("\t")
    return "".join(bagian).replace("\u00a0", " ").replace("\u2060", "")


def _blok(parent, baris: list[str]) -> None:
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            baris.append(_paragraf(child))
        elif child.tag == qn("w:tbl"):
            for tr in child.iterchildren(qn("w:tr")):
                sel = []
                for tc in tr.iterchildren(qn("w:tc")):
                    isi: list[str] = []
                    _blok(tc, isi)
                    sel.append(" / ".join(s for s in isi if s.strip()))
                baris.append(" | ".join(sel))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _blok(content, baris)


def teks_docx(docx: bytes) -> str:
    """Return the text of a .docx body; empty lines are dropped, line breaks kept."""
    doc = Document(io.BytesIO(docx))
    baris: list[str] = []
    _blok(doc.element.body, baris)
    return "\n".join(b.rstrip() for b in baris if b.strip()) + "\n"
