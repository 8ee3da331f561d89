"""Fill the result of every TOC field in a rendered .docx with its entries, so indexes keep their length.

LibreOffice refreshes indexes one after the other on conversion (docgen/uno_worker.py): an index that
grows after the Daftar Isi was refreshed moves the pages after it and leaves the Daftar Isi stale. With
every index already holding its entries (page numbers left blank), a refresh only writes the numbers.
Word shows the entries too, and `w:updateFields` makes it refresh the numbers when the file is opened.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_GAYA_TOC = re.compile(r'\\t\s+"([^"]*)"')
_TINGKAT_O = re.compile(r'\\o\s+"(\d)-(\d)"')


@dataclass(frozen=True)
class Entri:
    """One line of an index: its level (1-based) and text."""

    tingkat: int
    teks: str


def gaya_sumber(instr: str, tingkat_judul: dict[str, int]) -> dict[str, int]:
    """Return {style id: level} collected by a TOC field instruction (\\o "a-b" and \\t "Style,level")."""
    hasil: dict[str, int] = {}
    m = _TINGKAT_O.search(instr)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        hasil.update({sid: t for sid, t in tingkat_judul.items() if a <= t <= b})
    m = _GAYA_TOC.search(instr)
    if m:
        bagian = [x.strip() for x in m.group(1).split(",")]
        for nama, tingkat in zip(bagian[::2], bagian[1::2], strict=False):
            hasil[nama] = int(tingkat)
    return hasil


def _id_gaya(doc: Document) -> dict[str, str]:
    """Map style names and ids to style ids."""
    peta = {}
    for s in doc.styles:
        peta[s.name] = s.style_id
        peta[s.style_id] = s.style_id
    return peta


def _teks(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()


def _gaya(p) -> str | None:
    ppr = p.find(qn("w:pPr"))
    st = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return st.get(qn("w:val")) if st is not None else None


def entri(doc: Document, sumber: dict[str, int]) -> list[Entri]:
    """Return the entries a TOC collecting these styles (style id -> level) shows, in document order."""
    hasil = []
    for p in doc.element.body.iter(qn("w:p")):
        sid = _gaya(p)
        if sid in sumber:
            teks = " ".join(_teks(p).split())
            if teks:
                hasil.append(Entri(sumber[sid], teks))
    return hasil


def _run(teks: str | None = None, *, tab: bool = False):
    r = OxmlElement("w:r")
    if tab:
        r.append(OxmlElement("w:tab"))
    if teks is not None:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = teks
        r.append(t)
    return r


def _paragraf_entri(gaya_id: str | None, e: Entri):
    p = OxmlElement("w:p")
    if gaya_id:
        ppr = OxmlElement("w:pPr")
        ps = OxmlElement("w:pStyle")
        ps.set(qn("w:val"), gaya_id)
        ppr.append(ps)
        p.append(ppr)
    p.append(_run(e.teks))
    p.append(_run(tab=True))
    return p


def isi_daftar(doc: Document) -> int:
    """Prefill every single-paragraph TOC field with its entries; return how many fields were filled."""
    ids = _id_gaya(doc)
    for i in range(1, 10):  # Word's built-in name is 'toc 1'; accept 'TOC 1' too
        if f"toc {i}" in ids:
            ids.setdefault(f"TOC {i}", ids[f"toc {i}"])
    tingkat_judul = {ids[f"Heading {i}"]: i for i in range(1, 10) if f"Heading {i}" in ids}
    diisi = 0
    for instr in list(doc.element.body.iter(qn("w:instrText"))):
        if not (instr.text or "").strip().startswith("TOC"):
            continue
        p_toc = instr.getparent().getparent()
        runs = list(p_toc.iterchildren(qn("w:r")))
        akhir = [r for r in runs if any(fc.get(qn("w:fldCharType")) == "end" for fc in r.iter(qn("w:fldChar")))]
        pisah = [r for r in runs if any(fc.get(qn("w:fldCharType")) == "separate" for fc in r.iter(qn("w:fldChar")))]
        if len(akhir) != 1 or len(pisah) != 1:
            continue  # a field spread over several paragraphs: leave it as it is
        sumber = {ids.get(k, k): v for k, v in gaya_sumber(instr.text, tingkat_judul).items()}
        daftar = entri(doc, sumber)
        if not daftar:
            continue
        # Drop the placeholder result between 'separate' and 'end'.
        posisi = runs.index(pisah[0])
        for r in runs[posisi + 1:]:
            if r is not akhir[0]:
                p_toc.remove(r)
        p_toc.remove(akhir[0])
        pertama = _paragraf_entri(ids.get(f"TOC {daftar[0].tingkat}"), daftar[0])
        ppr = p_toc.find(qn("w:pPr"))
        if ppr is not None:
            p_toc.remove(ppr)
        if pertama.find(qn("w:pPr")) is not None:
            p_toc.insert(0, copy.deepcopy(pertama.find(qn("w:pPr"))))
        for r in pertama.iterchildren(qn("w:r")):
            p_toc.append(r)
        sebelum = p_toc
        for e in daftar[1:]:
            baru = _paragraf_entri(ids.get(f"TOC {e.tingkat}"), e)
            sebelum.addnext(baru)
            sebelum = baru
        sebelum.append(akhir[0])
        diisi += 1
    if diisi:
        minta_perbarui_bidang(doc)
    return diisi


# Elements that follow w:updateFields in CT_Settings (Word rejects settings out of schema order).
_SESUDAH_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "attachedSchema",
                          "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                          "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                          "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                          "listSeparator")


def minta_perbarui_bidang(doc: Document) -> None:
    """Ask Word to refresh fields (page numbers of the indexes) when the file is opened."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    e = OxmlElement("w:updateFields")
    e.set(qn("w:val"), "true")
    nama_sesudah = {qn(f"w:{n}") for n in _SESUDAH_UPDATE_FIELDS} | {
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}
    for anak in settings:
        if anak.tag in nama_sesudah:
            anak.addprevious(e)
            return
    settings.append(e)
