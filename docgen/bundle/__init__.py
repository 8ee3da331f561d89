"""The numbered archive bundle (berkas) of one SOP cycle.

Every item is validated, rendered and converted (or, when handed in as a finished paper, filed as it is); a
Daftar Isi Berkas listing them (with their page counts) comes first; one merged PDF has a bookmark per item and
every page stamped with the berkas code, the item number and "Hal. x dari y"; a ZIP holds the numbered .docx and
.pdf files, the merged PDF, `manifest.json` (SHA-256 of every file, input and the template actually used),
`daftar-arsip.xlsx` and the inputs under `masukan/`, from which `docgen bundle masukan/siklus.json` makes the same
documents again.

The caller hands in the paths (templates, the cycle file's folder) and may pass a progress callback
`lapor(persen, pesan)` and a cancellation check `dibatalkan()` (or a `threading.Event`), looked at between items.

Modules, each importing only those above it: tetap (hashes, fixed bytes, atomic writes), model (cycle schema,
finished papers, results), siapkan (validating and ordering items), pdf (merge, bookmarks, stamps), manifest,
daftar_arsip (the workbook), susun (making the berkas).
"""

from __future__ import annotations

from docgen.bundle.daftar_arsip import KOLOM_XLSX, LEBAR_XLSX, daftar_arsip_xlsx
from docgen.bundle.manifest import CATATAN_HASH, FORMAT, VERSI_FORMAT, versi_docgen
from docgen.bundle.model import (
    MAKS_ITEM,
    SLUG_DAFTAR,
    ButirSiklus,
    HasilBerkas,
    Item,
    Lapor,
    NaskahJadi,
    Pembatal,
    Siklus,
    SumberTemplat,
    TemplatDipakai,
)
from docgen.bundle.pdf import MAKS_URAIAN_BOOKMARK, gabung_pdf, judul_bookmark, jumlah_halaman, teks_cap
from docgen.bundle.siapkan import baca_siklus
from docgen.bundle.susun import periksa_siklus, susun_berkas, tulis_berkas
from docgen.bundle.tetap import docx_tetap, json_kanonik, nama_aman, sha256, tulis_atomik

__all__ = [
    "CATATAN_HASH",
    "FORMAT",
    "KOLOM_XLSX",
    "LEBAR_XLSX",
    "MAKS_ITEM",
    "MAKS_URAIAN_BOOKMARK",
    "SLUG_DAFTAR",
    "VERSI_FORMAT",
    "ButirSiklus",
    "HasilBerkas",
    "Item",
    "Lapor",
    "NaskahJadi",
    "Pembatal",
    "Siklus",
    "SumberTemplat",
    "TemplatDipakai",
    "baca_siklus",
    "daftar_arsip_xlsx",
    "docx_tetap",
    "gabung_pdf",
    "json_kanonik",
    "judul_bookmark",
    "jumlah_halaman",
    "nama_aman",
    "periksa_siklus",
    "sha256",
    "susun_berkas",
    "teks_cap",
    "tulis_atomik",
    "tulis_berkas",
    "versi_docgen",
]
