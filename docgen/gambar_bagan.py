"""Draw one table row of an SOP flowchart (docgen.bagan_alir) as a print-quality PNG.

Each step row of the procedure table holds one image spanning its pelaksana columns. The image shows the
column lines, the row's symbols, and the slice of every arrow that passes through the row, so the rows join up
into one chart. Drawn with Pillow at 4x and reduced (antialiased), on a transparent background so the table's
own borders show through; fills are white, lines black.
"""

from __future__ import annotations

import io
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docgen import ukur_teks
from docgen.bagan_alir_unsur import (
    KONEKTOR_KOTAK,
    KONEKTOR_LEBAR,
    KONEKTOR_UJUNG,
    UKURAN_HURUF_KONEKTOR,
    UKURAN_LABEL,
    Garis,
    TataLetak,
    lebar_label,
)

DPI = 300
_SUPER = 4  # drawn at 4x the resolution, then reduced: antialiasing
GARIS_PT = 0.5  # arrows and column lines, as the table's borders
GARIS_SIMBOL_PT = 0.75
PANAH_PANJANG = 1.8  # mm
PANAH_LEBAR = 1.3  # mm
PT_MM = 25.4 / 72


@lru_cache(maxsize=8)
def _huruf_px(ukuran_px: int) -> ImageFont.FreeTypeFont:
    path = ukur_teks.huruf(True).path
    return ImageFont.truetype(path, ukuran_px)


def ukuran_px(lebar_mm: float, tinggi_mm: float, dpi: int = DPI) -> tuple[int, int]:
    """Pixel size of an image lebar_mm x tinggi_mm at `dpi`."""
    return max(1, round(lebar_mm / 25.4 * dpi)), max(1, round(tinggi_mm / 25.4 * dpi))


class _Kanvas:
    """Two 4x masks, ink (black) and paint (white), in mm coordinates shifted to one row."""

    def __init__(self, lebar_mm: float, tinggi_mm: float, y0: float, dpi: int):
        w, h = ukuran_px(lebar_mm, tinggi_mm, dpi)
        self.ukuran = (w, h)
        self.sx = w * _SUPER / lebar_mm
        self.sy = h * _SUPER / tinggi_mm
        self.y0 = y0
        self.tinta = Image.new("L", (w * _SUPER, h * _SUPER), 0)
        self.cat = Image.new("L", (w * _SUPER, h * _SUPER), 0)
        self.dt = ImageDraw.Draw(self.tinta)
        self.dc = ImageDraw.Draw(self.cat)
        self.garis = max(1, round(GARIS_PT * PT_MM * self.sx))
        self.garis_simbol = max(1, round(GARIS_SIMBOL_PT * PT_MM * self.sx))

    def p(self, x: float, y: float) -> tuple[float, float]:
        return (x * self.sx, (y - self.y0) * self.sy)

    def terlihat(self, y_atas: float, y_bawah: float) -> bool:
        tinggi = self.ukuran[1] / self.sy * _SUPER
        return y_bawah >= self.y0 - 1 and y_atas <= self.y0 + tinggi + 1

    def isi_putih(self, bentuk: str, xy) -> None:
        """Paint a shape white and clear the ink beneath it."""
        for draw, warna in ((self.dc, 255), (self.dt, 0)):
            if bentuk == "poligon":
                draw.polygon(xy, fill=warna)
            elif bentuk == "kotak":
                draw.rectangle(xy, fill=warna)
            else:
                radius = (xy[1][1] - xy[0][1]) / 2
                draw.rounded_rectangle(xy, radius=radius, fill=warna)

    def hasil(self) -> Image.Image:
        """Reduce the masks and compose them into a grey+alpha image (ink over paint)."""
        tinta = np.asarray(self.tinta.reduce(_SUPER), dtype=np.float32) / 255
        cat = np.asarray(self.cat.reduce(_SUPER), dtype=np.float32) / 255
        putih = cat * (1 - tinta)
        alfa = tinta + putih
        # Fully transparent pixels are white: a viewer that smooths the picture then blends white, not black, into
        # the edges of the white label grounds.
        terang = np.where(alfa > 0, putih / np.maximum(alfa, 1e-6), 1)
        la = np.stack([np.round(terang * 255), np.round(alfa * 255)], axis=-1).astype(np.uint8)
        return Image.fromarray(la, mode="LA")


def _putus(k: _Kanvas, g: Garis) -> None:
    """A dashed straight line: 1.2 mm dashes, 0.8 mm gaps."""
    (x0, y0), (x1, y1) = (k.p(x, y) for x, y in (g.titik[0], g.titik[-1]))
    panjang = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    if panjang == 0:
        return
    garis, celah = 1.2 * k.sx, 0.8 * k.sx
    t = 0.0
    while t < panjang:
        u = min(t + garis, panjang)
        k.dt.line([(x0 + (x1 - x0) * t / panjang, y0 + (y1 - y0) * t / panjang),
                   (x0 + (x1 - x0) * u / panjang, y0 + (y1 - y0) * u / panjang)], fill=255, width=k.garis)
        t = u + celah


def _polyline(k: _Kanvas, g: Garis) -> None:
    if g.putus:
        _putus(k, g)
        return
    titik = [k.p(x, y) for x, y in g.titik]
    if g.panah and len(titik) >= 2:
        (ax, ay), (bx, by) = titik[-2], titik[-1]
        panjang = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 or 1.0
        ux, uy = (bx - ax) / panjang, (by - ay) / panjang
        pp, pl = PANAH_PANJANG * k.sx, PANAH_LEBAR * k.sx / 2
        alas = (bx - ux * pp, by - uy * pp)
        titik[-1] = (bx - ux * pp * 0.6, by - uy * pp * 0.6)  # the line stops inside the arrowhead
        k.dt.polygon([(bx, by), (alas[0] - uy * pl, alas[1] + ux * pl), (alas[0] + uy * pl, alas[1] - ux * pl)],
                     fill=255)
    k.dt.line(titik, fill=255, width=k.garis, joint="curve")


def _teks(k: _Kanvas, teks: str, x: float, y: float, ukuran_pt: float) -> None:
    font = _huruf_px(max(1, round(ukuran_pt * PT_MM * k.sx)))
    k.dt.text(k.p(x, y), teks, font=font, fill=255, anchor="mm")


def png_baris(tata: TataLetak, no: int, dpi: int = DPI) -> bytes:
    """Return the PNG (grey + alpha, `dpi` set) of step `no`'s row: its width is tata.lebar, height the row's."""
    baris = tata.baris[no - 1]
    k = _Kanvas(tata.lebar, baris.tinggi, baris.atas, dpi)
    halaman = baris.halaman
    # Column lines, where the header's column borders are.
    for x in tata.batas_kolom()[1:-1]:
        px = x * k.sx
        k.dt.line([(px, -10), (px, k.tinta.height + 10)], fill=255, width=k.garis)
    for g in tata.garis + tata.sambung:
        if g.halaman == halaman and k.terlihat(min(y for _, y in g.titik), max(y for _, y in g.titik)):
            _polyline(k, g)
    for s in tata.simbol:
        if tata.baris[s.langkah - 1].halaman != halaman or not k.terlihat(s.atas, s.bawah):
            continue
        a, b = k.p(s.kiri, s.atas), k.p(s.kanan, s.bawah)
        if s.bentuk == "keputusan":
            xy = [k.p(s.x, s.atas), k.p(s.kanan, s.y), k.p(s.x, s.bawah), k.p(s.kiri, s.y)]
            k.isi_putih("poligon", xy)
            k.dt.polygon(xy, outline=255, width=k.garis_simbol)
        elif s.bentuk == "terminator":
            k.isi_putih("kapsul", [a, b])
            k.dt.rounded_rectangle([a, b], radius=(b[1] - a[1]) / 2, outline=255, width=k.garis_simbol)
        else:
            k.isi_putih("kotak", [a, b])
            k.dt.rectangle([a, b], outline=255, width=k.garis_simbol)
    for kn in tata.konektor:
        if kn.halaman != halaman or not k.terlihat(kn.atas, kn.ujung):
            continue
        kiri, kanan = kn.x - KONEKTOR_LEBAR / 2, kn.x + KONEKTOR_LEBAR / 2
        bawah_kotak = kn.atas + KONEKTOR_KOTAK
        xy = [k.p(kiri, kn.atas), k.p(kanan, kn.atas), k.p(kanan, bawah_kotak), k.p(kn.x, kn.ujung),
              k.p(kiri, bawah_kotak)]
        k.isi_putih("poligon", xy)
        k.dt.polygon(xy, outline=255, width=k.garis_simbol)
        _teks(k, kn.huruf, kn.x, kn.atas + (KONEKTOR_KOTAK + KONEKTOR_UJUNG * 0.6) / 2, UKURAN_HURUF_KONEKTOR)
    for lb in tata.label:
        if lb.halaman != halaman or not k.terlihat(lb.y - 2, lb.y + 2):
            continue
        w = lebar_label(lb.teks)
        tinggi = UKURAN_LABEL * PT_MM * 1.05
        k.isi_putih("kotak", [k.p(lb.x - w / 2, lb.y - tinggi / 2), k.p(lb.x + w / 2, lb.y + tinggi / 2)])
        _teks(k, lb.teks, lb.x, lb.y, UKURAN_LABEL)
    buf = io.BytesIO()
    k.hasil().save(buf, format="PNG", dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()
