"""Context pieces used by many templates: the kop, signature blocks, dates and numbered lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen import locale_id, ukur_teks
from docgen.documents.common import Instansi, Pejabat, path_logo
from docgen.teks import paragraf

LEBAR_LOGO_MM = 22
# The kop's text cell: the text width less the 26 mm logo cell and the cell's margins (tools/docx_naskah.kop).
LEBAR_KOP_MM = 165 - 26 - 2.4
LEBAR_KOP_LANDSCAPE_MM = 280 - 26 - 2.4


def kop(instansi: Instansi, kit: Any, lebar_mm: float = LEBAR_KOP_MM) -> dict[str, Any]:
    """Return the letterhead: government, agency, address line, contact line and the logo image.

    The two names are broken into lines of even width for a text cell `lebar_mm` wide (no word left alone); the
    contact items are joined by ", " and each item is kept whole by docgen.spasi_tetap when the document is made."""
    alamat = instansi.alamat
    if instansi.kode_pos:
        alamat += f" Kode Pos {instansi.kode_pos}"
    kontak = []
    if instansi.telepon:
        kontak.append(f"Telepon {instansi.telepon}")
    if instansi.faksimile:
        kontak.append(f"Faksimile {instansi.faksimile}")
    if instansi.laman:
        kontak.append(f"Laman {instansi.laman}")
    if instansi.email:
        kontak.append(f"Pos-el {instansi.email}")
    logo = path_logo(instansi, kit.basis)
    return {
        "pemerintah": ukur_teks.seimbang(instansi.pemerintah.upper(), lebar_mm, 14, tebal=True),
        "nama": ukur_teks.seimbang(instansi.nama.upper(), lebar_mm, 16, tebal=True),
        "alamat": alamat,
        "kontak": ", ".join(kontak),
        "logo": kit.gambar(logo, LEBAR_LOGO_MM, "instansi.logo") if logo else "",
    }


def ttd(pejabat: Pejabat) -> dict[str, str]:
    """Return a signature block for the template."""
    return pejabat.blok_ttd()


def tempat_tanggal(instansi: Instansi, tanggal: dt.date | None) -> str:
    """'Painan, 20 Januari 2025' (or 'Painan,         2025' left open when no date is given)."""
    if tanggal is None:
        return f"{instansi.kota},            {dt.date.today().year}"
    return f"{instansi.kota}, {locale_id.tanggal(tanggal)}"


def daftar_bernomor(items: list[str]) -> list[dict[str, str]]:
    """Return [{'no': '1.', 'isi': ...}] for numbered lists."""
    return [{"no": f"{i}.", "isi": s} for i, s in enumerate(items, 1)]


def daftar_huruf(items: list[str]) -> list[dict[str, str]]:
    """Return [{'no': 'a.', 'isi': ...}] for lettered lists."""
    return [{"no": f"{locale_id.huruf(i)}.", "isi": s} for i, s in enumerate(items, 1)]


def isi_paragraf(teks: str) -> list[str]:
    """Split free text into the paragraphs the template loops over."""
    return paragraf(teks)


def tembusan(items: list[str]) -> list[dict[str, str]]:
    """Numbered carbon-copy list (empty list hides the block)."""
    return daftar_bernomor(items)
