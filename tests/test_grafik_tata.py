"""Chart layout: no text overlaps another text, none leaves the figure, none crosses a bar value label."""

from __future__ import annotations

import json
from itertools import combinations

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from bench.bench_lkjip import data_sintetis
from docgen import grafik
from docgen.render import render
from tests.conftest import SAMPLES, TEMPLATES

TOLERANSI = 1.0


def _teks(fig: Figure) -> list[tuple[str, Bbox]]:
    """Every visible, non-empty text artist of the figure with its window box after a draw."""
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    hasil = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip() and t.figure is not None:
            hasil.append((t.get_text(), t.get_window_extent(r)))
    return hasil


def _tumpang(a: Bbox, b: Bbox) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANSI) and (min(a.y1, b.y1) - max(a.y0, b.y0) > TOLERANSI)


def masalah(fig: Figure) -> list[str]:
    """Layout faults of a figure: overlapping text pairs and text outside the figure box."""
    kotak = fig.bbox
    teks = _teks(fig)
    salah = [f"{s!r} keluar dari gambar" for s, b in teks
             if b.x0 < kotak.x0 - TOLERANSI or b.y0 < kotak.y0 - TOLERANSI
             or b.x1 > kotak.x1 + TOLERANSI or b.y1 > kotak.y1 + TOLERANSI]
    salah += [f"{s1!r} menimpa {s2!r}" for (s1, b1), (s2, b2) in combinations(teks, 2) if _tumpang(b1, b2)]
    return salah


def _gambar(data: dict) -> list[Figure]:
    with grafik.rekam() as daftar:
        render("lkjip", data, templates_dir=TEMPLATES, basis=SAMPLES)
    assert daftar, "tidak ada grafik yang digambar"
    return daftar


def test_pemeriksa_menangkap_teks_yang_bertumpuk():
    with grafik.rekam() as daftar:
        grafik.batang_persen(["A", "B"], [50, 60])
    fig = daftar[0]
    ax = fig.axes[0]
    ax.text(55, 0, "teks yang bertumpuk di atas label nilai", fontsize=12)
    ax.text(55, 0, "teks kedua di tempat yang sama", fontsize=12)
    ax.text(1e6, 0, "di luar gambar", fontsize=12)
    salah = masalah(fig)
    assert any("menimpa" in s for s in salah)
    assert any("keluar dari gambar" in s for s in salah)


@pytest.mark.parametrize("sumber", ["contoh", "sintetis40"])
def test_grafik_lkjip_tanpa_tumpang_tindih(sumber):
    data = json.loads((SAMPLES / "lkjip.json").read_text(encoding="utf-8")) if sumber == "contoh" \
        else data_sintetis(40)
    semua = {i: masalah(fig) for i, fig in enumerate(_gambar(data))}
    assert not {i: m for i, m in semua.items() if m}
