"""Print setup shared by every worksheet docgen writes: A4 landscape, one page wide, header row on every page."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet


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
