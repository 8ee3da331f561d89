"""Charts for reports as PNG bytes: matplotlib's Agg canvas, Indonesian labels and decimal comma.

Pure functions: each builds its own Figure (no pyplot, no global state) and returns the PNG bytes.
"""

from __future__ import annotations

import contextlib
import io
import textwrap
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from docgen import locale_id

DPI = 200
LEBAR_INCI = 6.3  # about 160 mm, the text width of an F4 page
WARNA_TERCAPAI = "#2E7D32"
WARNA_BELUM = "#C62828"
WARNA_SEDANG = "#E0A100"
WARNA_NETRAL = "#1F4E79"
WARNA_LALU = "#9FB6CD"
HURUF = 8.5


def angka(x: float, desimal: int = 2) -> str:
    """Print a chart figure Indonesian style, without trailing zero decimals: 1.250 ; 72,5 ; 103,64."""
    d = Decimal(str(round(x, desimal))).normalize()
    if d == d.to_integral():
        d = d.quantize(Decimal(1))
    return locale_id.angka(d)


def persen(x: float, desimal: int = 2) -> str:
    """'103,64%' with a fixed number of decimals."""
    return f"{locale_id.angka(Decimal(str(x)), desimal)}%"


_perekam: list[list[Figure]] = []


@contextlib.contextmanager
def rekam() -> Iterator[list[Figure]]:
    """Collect every Figure turned into PNG inside the block (for layout checks in tests)."""
    daftar: list[Figure] = []
    _perekam.append(daftar)
    try:
        yield daftar
    finally:
        _perekam.remove(daftar)


def _png(fig: Figure, ketat: bool = False) -> bytes:
    """Save as PNG; `ketat` grows the canvas to text drawn past the axes (costs a second draw)."""
    FigureCanvasAgg(fig)
    for daftar in _perekam:
        daftar.append(fig)
    buf = io.BytesIO()
    if ketat:
        fig.savefig(buf, format="png", dpi=DPI, facecolor="white", bbox_inches="tight", pad_inches=0.08)
    else:
        fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return buf.getvalue()


def _bungkus(teks: str, lebar: int, baris: int = 3) -> str:
    """Wrap a label to at most `baris` lines, widening the lines rather than cutting the text."""
    while len(potong := textwrap.wrap(teks, lebar)) > baris:
        lebar += 4
    return "\n".join(potong) or teks


def _tata(fig: Figure) -> None:
    """Tight layout; when the labels are too wide for it (a label of wide glyphs), fixed margins instead: the PNG
    is saved with a tight bounding box, so nothing is cut off either way."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        try:
            fig.tight_layout()
        except UserWarning:
            fig.subplots_adjust(left=0.45, right=0.95, bottom=0.2, top=0.9)


def _muat(fig: Figure) -> None:
    """Lay out, then grow each axes' x range until every text drawn in it lies inside the figure."""
    for _ in range(4):
        _tata(fig)
        kanvas = FigureCanvasAgg(fig)
        kanvas.draw()
        r = kanvas.get_renderer()
        keluar = False
        for ax in fig.axes:
            kanan = max((t.get_window_extent(r).x1 for t in ax.texts), default=0)
            if kanan > fig.bbox.x1 - 2:
                x0, x1 = ax.get_xlim()
                ax.set_xlim(x0, x1 + (x1 - x0) * (kanan - fig.bbox.x1 + 8) / ax.bbox.width)
                keluar = True
        if not keluar:
            return


def _gaya_sumbu(ax) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(labelsize=HURUF)


def warna_predikat(predikat: str, urutan: Sequence[str]) -> str:
    """The colour of a predikat by its place on the agency's scale (best first): the top quarter green, the middle
    amber, the lower half red; grey for a label not on the scale. Charts coloured so agree with the predikat
    printed beside them."""
    if predikat not in urutan:
        return WARNA_LALU
    letak = urutan.index(predikat) / max(len(urutan) - 1, 1)
    return WARNA_TERCAPAI if letak <= 0.25 else WARNA_SEDANG if letak <= 0.5 else WARNA_BELUM


def batang_persen(label: Sequence[str], nilai: Sequence[float | None], *, ambang: float = 100,
                  label_ambang: str = "Target (100%)", judul_sumbu: str = "Capaian (%)",
                  catatan: Sequence[str] | None = None, warna_tunggal: str | None = None,
                  warna: Sequence[str] | None = None) -> bytes:
    """Horizontal bars of percentages (one per label, top to bottom) with a reference line at `ambang`.

    Each bar has its colour from `warna` (e.g. by predikat, `warna_predikat`), else `warna_tunggal`, else green at
    or above the line and red below it; a missing value shows its note ('belum ada data') instead of a bar.
    `catatan` adds text after each bar's value.
    """
    n = len(label)
    fig = Figure(figsize=(LEBAR_INCI, max(1.6, 0.42 * n + 0.9)))
    ax = fig.add_subplot()
    y = list(range(n))[::-1]
    ada = [v for v in nilai if v is not None]
    batas = max([ambang * 1.12, *(v * 1.28 for v in ada)]) if ada else ambang * 1.3
    for yi, v, i in zip(y, nilai, range(n), strict=True):
        tambahan = f"  {catatan[i]}" if catatan and catatan[i] else ""
        if v is None:
            ax.text(batas * 0.01, yi, f"belum ada data{tambahan}", va="center", fontsize=HURUF, color="#555555",
                    style="italic")
            continue
        isi = warna[i] if warna else warna_tunggal or (WARNA_TERCAPAI if v >= ambang else WARNA_BELUM)
        ax.barh(yi, v, height=0.62, color=isi)
        # just short of the reference line, the label starts after it: the dashed line never crosses the text
        x = ambang if v < ambang and ambang - v < batas * 0.2 else v
        ax.text(x + batas * 0.01, yi, f"{persen(v)}{tambahan}", va="center", fontsize=HURUF)
    ax.axvline(ambang, color="#333333", linestyle="--", linewidth=1)
    ax.text(ambang, n - 0.35, f" {label_ambang}", fontsize=HURUF - 0.5, color="#333333", va="bottom")
    ax.set_yticks(y, [_bungkus(s, 38) for s in label])
    ax.set_xlim(0, batas)
    ax.set_ylim(-0.6, n - 0.1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: angka(x)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.set_xlabel(judul_sumbu, fontsize=HURUF)
    _gaya_sumbu(ax)
    _muat(fig)
    return _png(fig)


@dataclass
class PanelTren:
    """One indicator's realisasi over the years, with this year's target and the Renstra end target."""

    judul: str
    satuan: str
    tahun: list[int]
    nilai: list[float | None]
    target: float | None = None
    target_akhir: float | None = None
    catatan: list[str] = field(default_factory=list)


def tren(panel: Sequence[PanelTren], kolom: int = 2) -> bytes:
    """Small multiples: one bar chart of realisasi per year for each indicator (the last year dark)."""
    n = len(panel)
    kolom = min(kolom, n)
    baris = -(-n // kolom)
    fig = Figure(figsize=(LEBAR_INCI, 2.9 * baris + 0.3))
    for i, pn in enumerate(panel):
        ax = fig.add_subplot(baris, kolom, i + 1)
        x = list(range(len(pn.tahun)))
        nilai = [v if v is not None else 0 for v in pn.nilai]
        warna = [WARNA_LALU] * (len(x) - 1) + [WARNA_NETRAL]
        ax.bar(x, nilai, color=warna, width=0.6)
        puncak = max([v for v in pn.nilai if v is not None] + [pn.target or 0, pn.target_akhir or 0, 1])
        garis = [g for g in (pn.target, pn.target_akhir) if g is not None]
        for xi, v in zip(x, pn.nilai, strict=True):
            dasar = (v or 0) + puncak * 0.02
            # a target line through the label: the label sits just above the line
            for g in sorted(garis):
                if dasar - puncak * 0.02 <= g <= dasar + puncak * 0.11:
                    dasar = g + puncak * 0.03
            ax.text(xi, dasar, angka(v) if v is not None else "n/a", ha="center",
                    va="bottom", fontsize=HURUF - 1)
        if pn.target is not None:
            ax.axhline(pn.target, color=WARNA_TERCAPAI, linestyle="--", linewidth=1,
                       label=f"Target {pn.tahun[-1]}: {angka(pn.target)}")
        if pn.target_akhir is not None:
            ax.axhline(pn.target_akhir, color="#E65100", linestyle=":", linewidth=1.3,
                       label=f"Target akhir Renstra: {angka(pn.target_akhir)}")
        ax.set_xticks(x, [str(t) for t in pn.tahun])
        ax.set_ylim(0, puncak * 1.45)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: angka(v)))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.set_title(_bungkus(pn.judul, 40 if kolom > 1 else 90), fontsize=HURUF, loc="left")
        ax.set_ylabel(pn.satuan, fontsize=HURUF - 0.5)
        if pn.target is not None or pn.target_akhir is not None:
            ax.legend(fontsize=HURUF - 1.5, loc="upper left", bbox_to_anchor=(0, -0.16), frameon=False,
                      borderaxespad=0)
        _gaya_sumbu(ax)
    _tata(fig)
    return _png(fig)
