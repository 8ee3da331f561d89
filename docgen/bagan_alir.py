"""Lay out an SOP flowchart (Permen PANRB 35/2012) in the pelaksana columns of the procedure table.

Pure geometry, no drawing (docgen.gambar_bagan draws it): which symbol sits in which column of which row, the
arrows between steps, the YA/TIDAK branches of decisions, and where the table breaks across pages with the
off-page connectors that carry the flow over. Lengths are mm; x runs from the left edge of the first pelaksana
column, y from the top of the first step row on each page.

Choices, as published SOPs draw them:
- the first and the last step are terminators (capsules), decisions diamonds, other steps process boxes;
- a step with several pelaksana gets a symbol in each of their columns, joined by a plain line; the flow enters
  at the symbol nearest the previous step and leaves from the one nearest the next step;
- the arrow to the next step leaves the bottom of the symbol (a decision's bottom vertex, labelled YA) and runs
  straight down, or down-across-down when the next step is in another column;
- any other branch (TIDAK, or a YA that skips steps) leaves from the side of the symbol (a decision's side
  vertex), runs along a free lane at the edge of a column and enters the target from its side;
- the flow to the next step across a page break goes into a connector at the bottom of the page's last row and
  comes out of one with the same letter at the top of the next page's first row; a side branch whose target is
  on another page ends in a connector beside its source and starts again from a connector beside its target.

Here: the pages (which rows share a page, where the connectors go) and the symbols' places; the data model is
docgen.bagan_alir_unsur, the routing of the arrows docgen.bagan_alir_rute.
"""

from __future__ import annotations

from docgen.bagan_alir_rute import rutekan
from docgen.bagan_alir_unsur import (
    RUANG_ATAS,
    RUANG_BAWAH,
    RUANG_BAWAH_KEPUTUSAN,
    ZONA_KONEKTOR,
    Baris,
    Garis,
    Konektor,
    Label,
    LangkahAlir,
    Panah,
    Simbol,
    TataLetak,
    bentuk_langkah,
    ukuran_simbol,
)

# The layout's input and result types, importable from here with tata_letak.
__all__ = ["Baris", "Garis", "Konektor", "Label", "LangkahAlir", "Panah", "Simbol", "TataLetak", "tata_letak"]


def tata_letak(
    langkah: list[LangkahAlir],
    lebar_kolom: list[float],
    *,
    muat: float | None = None,
    muat_pertama: float | None = None,
    tinggi_penutup: float = 0.0,
    tambahan_baris: float = 0.0,
) -> TataLetak:
    """Lay out the flowchart of `langkah` in columns `lebar_kolom` mm wide.

    `muat` is the height (mm) a page has for step rows (below the repeated header), `muat_pertama` the same on
    the first page (title above); `tinggi_penutup` is the total row that must follow the last step on its page;
    `tambahan_baris` the height every row adds beyond its own (its border). Without `muat` there is one page.
    """
    n = len(langkah)
    tata = TataLetak(lebar_kolom=list(lebar_kolom))
    tepi = tata.batas_kolom()
    pusat = [(tepi[k] + tepi[k + 1]) / 2 for k in range(len(lebar_kolom))]
    bentuk = [bentuk_langkah(i, n, lk.keputusan) for i, lk in enumerate(langkah, 1)]

    def tinggi_simbol(i: int) -> float:
        jenis = {bentuk[i - 1], "proses"} if bentuk[i - 1] == "terminator" and len(set(langkah[i - 1].kolom)) > 1 \
            else {bentuk[i - 1]}
        return max(ukuran_simbol(j, lebar_kolom[k])[1] for k in langkah[i - 1].kolom for j in jenis)

    def tinggi_inti(i: int) -> float:
        bawah = RUANG_BAWAH_KEPUTUSAN if langkah[i - 1].keputusan else RUANG_BAWAH
        return RUANG_ATAS + tinggi_simbol(i) + bawah

    # A row whose text is taller than a page cannot keep to one page: it stands alone (its own table), may break
    # across pages, and its picture only covers the top of it (connectors above and below carry the flow).
    batas_min = min((m for m in (muat, muat_pertama) if m is not None), default=None)
    if batas_min is not None:
        tata.terlalu_tinggi = [i for i in range(1, n + 1)
                               if langkah[i - 1].tinggi_teks + tambahan_baris > batas_min]
    terlalu = set(tata.terlalu_tinggi)

    def tinggi_baris(i: int, za: bool, zb: bool) -> float:
        zona = ZONA_KONEKTOR * (za + zb)
        teks = 0.0 if i in terlalu else langkah[i - 1].tinggi_teks
        return max(teks, tinggi_inti(i) + zona)

    # Pages: greedy, each row checked as if it were the page's last (room for the connector below it).
    halaman: list[list[int]] = [[]]
    terpakai = 0.0
    for i in range(1, n + 1):
        muat_ini = (muat_pertama if len(halaman) == 1 and muat_pertama is not None else muat)
        za = not halaman[-1] and i > 1
        sebagai_akhir = tinggi_baris(i, za, i < n) + tambahan_baris + (tinggi_penutup if i == n else 0.0)
        sendiri = i in terlalu or (i - 1) in terlalu
        if muat_ini is not None and halaman[-1] and (sendiri or terpakai + sebagai_akhir > muat_ini):
            halaman.append([])
            terpakai = 0.0
            za = True
        halaman[-1].append(i)
        terpakai += tinggi_baris(i, za, False) + tambahan_baris
    for p, nomor in enumerate(halaman):
        atas = 0.0
        for i in nomor:
            za = i == nomor[0] and p > 0
            zb = i == nomor[-1] and p < len(halaman) - 1
            h = tinggi_baris(i, za, zb)
            tata.baris.append(Baris(i, p, atas, h, za, zb))
            atas += h

    # Symbols: centred in their columns and in the part of the row not taken by connectors.
    for b in tata.baris:
        i = b.langkah
        inti_atas = b.atas + (ZONA_KONEKTOR if b.konektor_atas else 0.0)
        inti_tinggi = b.tinggi - ZONA_KONEKTOR * (b.konektor_atas + b.konektor_bawah)
        lebih = inti_tinggi - tinggi_inti(i)
        y = inti_atas + lebih / 2 + RUANG_ATAS + tinggi_simbol(i) / 2
        kolom = sorted(set(langkah[i - 1].kolom))
        ujung = _kolom_ujung(langkah, i, n) if bentuk[i - 1] == "terminator" and len(kolom) > 1 else None
        for k in kolom:
            # One start and one end: a first or last step with several pelaksana has its terminator in the column
            # the flow leaves from (or arrives at) and process boxes in the others.
            jenis = "proses" if ujung is not None and k != ujung else bentuk[i - 1]
            lebar, tinggi = ukuran_simbol(jenis, lebar_kolom[k])
            tata.simbol.append(Simbol(i, k, jenis, pusat[k], y, lebar, tinggi))
    rutekan(tata, langkah, pusat)
    return tata


def _kolom_ujung(langkah: list[LangkahAlir], no: int, jumlah: int) -> int:
    """The column of a first or last step's terminator: the one nearest the next (first step) or the previous
    (last step) step's columns, where the flow leaves or arrives."""
    kolom = sorted(set(langkah[no - 1].kolom))
    if jumlah < 2:
        return kolom[0]
    tetangga = langkah[1].kolom if no == 1 else langkah[no - 2].kolom
    if not tetangga:
        return kolom[0]
    return min(kolom, key=lambda k: (min(abs(k - t) for t in tetangga), k))

