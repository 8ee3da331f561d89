"""Measure text as LibreOffice sets it in a table cell: Liberation Sans (= Arial) widths, greedy word wrap.

Used to give table rows an explicit height (the SOP flowchart rows) and to paginate tables by hand. The
measurement errs on the tall side: words break only at spaces (LibreOffice may also break after '-' or '/'),
no kerning, and a little width is kept back, so a row sized from it never clips its text.
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

from PIL import ImageFont

# Where Debian's fonts-liberation / fonts-liberation2 put Arial's metric twin (the templates name Arial).
_FOLDER_HURUF = [Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"),
                 Path("/usr/share/fonts/liberation-sans"), Path("/usr/share/fonts/TTF")]
_BERKAS = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
# LibreOffice's single line height for Liberation Sans: (ascent + descent + line gap) / em = 2355 / 2048.
TINGGI_BARIS = 1.15
PT_MM = 25.4 / 72
_SKALA = 1000  # fonts are loaded at 1000 px per em; widths are scaled to the point size
CADANGAN_LEBAR_MM = 0.4  # width kept back from every line: cell borders and rounding


@lru_cache(maxsize=4)
def huruf(tebal: bool = False) -> ImageFont.FreeTypeFont:
    """Return Liberation Sans (bold or regular) at 1000 px per em; DejaVu Sans (wider, so safe) if missing."""
    for folder in _FOLDER_HURUF:
        path = folder / _BERKAS[tebal]
        if path.exists():
            return ImageFont.truetype(str(path), _SKALA, layout_engine=ImageFont.Layout.BASIC)
    import matplotlib

    nama = "DejaVuSans-Bold.ttf" if tebal else "DejaVuSans.ttf"
    cadangan = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / nama
    return ImageFont.truetype(str(cadangan), _SKALA, layout_engine=ImageFont.Layout.BASIC)


def lebar_mm(teks: str, ukuran_pt: float, tebal: bool = False) -> float:
    """Width of one line of text in mm."""
    return huruf(tebal).getlength(teks) * ukuran_pt / _SKALA * PT_MM


def bungkus(teks: str, lebar: float, ukuran_pt: float, tebal: bool = False) -> list[str]:
    """Break text into the lines a cell `lebar` mm wide shows; a newline always starts a new line."""
    batas = lebar - CADANGAN_LEBAR_MM
    baris: list[str] = []
    for paragraf in teks.split("\n"):
        kini = ""
        for kata in paragraf.split():
            calon = f"{kini} {kata}" if kini else kata
            if lebar_mm(calon, ukuran_pt, tebal) <= batas:
                kini = calon
                continue
            if kini:
                baris.append(kini)
            kini = ""
            while lebar_mm(kata, ukuran_pt, tebal) > batas and len(kata) > 1:
                n = len(kata) - 1
                while n > 1 and lebar_mm(kata[:n], ukuran_pt, tebal) > batas:
                    n -= 1
                baris.append(kata[:n])
                kata = kata[n:]
            kini = kata
        baris.append(kini)
    return baris


def seimbang(teks: str, lebar: float, ukuran_pt: float, tebal: bool = False) -> str:
    """`teks` broken by newlines into as many lines as word wrap gives it, their widths as even as they can be, so
    a centred heading never leaves one word alone on its last line ("…PERWAKILAN RAKYAT / DAERAH"). Text that
    fits on one line, or holds a word wider than the line, comes back unchanged."""
    kata = teks.split()
    jumlah = len(bungkus(teks, lebar, ukuran_pt, tebal))
    batas = lebar - CADANGAN_LEBAR_MM
    if jumlah <= 1 or jumlah > len(kata):
        return teks

    @cache
    def terbaik(awal: int, sisa: int) -> tuple[float, tuple[int, ...]]:
        # the widest line and where lines start, for kata[awal:] in `sisa` lines
        if sisa == 1:
            return lebar_mm(" ".join(kata[awal:]), ukuran_pt, tebal), ()
        hasil: tuple[float, tuple[int, ...]] = (float("inf"), ())
        for akhir in range(awal + 1, len(kata) - sisa + 2):
            w = lebar_mm(" ".join(kata[awal:akhir]), ukuran_pt, tebal)
            if w > batas:
                break
            lebar_sisa, potong = terbaik(akhir, sisa - 1)
            if max(w, lebar_sisa) < hasil[0]:
                hasil = (max(w, lebar_sisa), (akhir, *potong))
        return hasil

    terlebar, potong = terbaik(0, jumlah)
    if terlebar > batas:
        return teks
    batas_baris = [0, *potong, len(kata)]
    return "\n".join(" ".join(kata[a:b]) for a, b in pairwise(batas_baris))


def tinggi_mm(teks: str, lebar: float, ukuran_pt: float, tebal: bool = False) -> float:
    """Height in mm of text set in a cell `lebar` mm wide (cell margins already taken off)."""
    return len(bungkus(teks, lebar, ukuran_pt, tebal)) * tinggi_baris_mm(ukuran_pt)


def tinggi_baris_mm(ukuran_pt: float) -> float:
    """Height of one line of single-spaced text in mm."""
    return ukuran_pt * TINGGI_BARIS * PT_MM
