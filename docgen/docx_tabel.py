"""Adjust tables after rendering: column widths for tables whose column count depends on the data."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table


def cari_tabel(doc: Document, *judul: str) -> Table | None:
    """Return the first table whose first row starts with the given cell texts."""
    for t in doc.tables:
        teks = [c.text.strip() for c in t.rows[0].cells[: len(judul)]]
        if teks == list(judul):
            return t
    return None


def atur_lebar_kolom(tabel: Table, lebar_mm: list[float]) -> None:
    """Set grid and cell widths (mm) for every grid column, honouring merged cells (gridSpan)."""
    tbl = tabel._tbl
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for w in lebar_mm:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(int(Mm(w).twips)))
        grid.append(col)
    for tr in tbl.iter(qn("w:tr")):
        posisi = 0
        for tc in tr.iter(qn("w:tc")):
            tcpr = tc.get_or_add_tcPr()
            span_el = tcpr.find(qn("w:gridSpan"))
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            lebar = sum(lebar_mm[posisi : posisi + span])
            posisi += span
            tcw = tcpr.find(qn("w:tcW"))
            if tcw is None:
                tcw = OxmlElement("w:tcW")
                tcpr.insert(0, tcw)
            tcw.set(qn("w:w"), str(int(Mm(lebar).twips)))
            tcw.set(qn("w:type"), "dxa")
