"""Shared by every spreadsheet and CSV docgen writes: text stays text (never a formula), and the print setup
(A4 landscape, one page wide, header row on every page).

openpyxl stores any string that starts with "=" as a formula (and "#N/A" as an error): a register subject such as
`=HYPERLINK("http://x","y")` would go live in Excel. Every writer puts its cells through `isi_sel`/`tambah_baris`,
which store text as an inline string (data type "s"); CSV has no types, so `aman_csv` prefixes an apostrophe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# What Excel, LibreOffice and Google Sheets read as the start of a formula (or of a DDE call) in a typed cell.
AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def jadikan_teks(sel: Cell) -> Cell:
    """Store a cell holding a string as text; a text that looks like a formula keeps the quote prefix, so editing
    the cell in Excel leaves it text."""
    if isinstance(sel.value, str):
        sel.data_type = "s"
        if sel.value.startswith(AWAL_RUMUS):
            sel.quotePrefix = True
    return sel


def isi_sel(ws: Worksheet, baris: int, kolom: int, nilai: Any = None) -> Cell:
    """Put a value in a cell like ws.cell(baris, kolom, nilai), text always stored as text."""
    sel = ws.cell(baris, kolom)
    sel.value = nilai
    return jadikan_teks(sel)


def tambah_baris(ws: Worksheet, nilai: Iterable[Any]) -> None:
    """Append a row like ws.append, text always stored as text."""
    ws.append([jadikan_teks(Cell(ws, value=v)) for v in nilai])  # append places cells it is given


def aman_csv(nilai: Any) -> Any:
    """A CSV value a spreadsheet will not run as a formula: text starting with =, +, -, @, tab or CR gets a
    leading apostrophe."""
    if isinstance(nilai, str) and nilai.startswith(AWAL_RUMUS):
        return "'" + nilai
    return nilai


def atur_lebar(ws: Worksheet, lebar: Sequence[float]) -> None:
    """Set the column widths (in characters), first column first."""
    for c, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w


def siapkan_cetak(ws: Worksheet, baris_kepala: int) -> None:
    """Print on A4 landscape (Excel has no F4), fitted to one page wide, centred, repeating the header row."""
    ws.print_title_rows = f"{baris_kepala}:{baris_kepala}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
