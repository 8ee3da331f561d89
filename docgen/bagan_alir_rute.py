"""Route the arrows of a laid-out SOP flowchart (docgen.bagan_alir): to the next step, along side lanes, and
through off-page connectors, lettered in reading order.

- the arrow to the next step leaves the bottom of the symbol (a decision's bottom vertex, labelled YA) and runs
  straight down, or down-across-down when the next step is in another column;
- any other branch (TIDAK, or a YA that skips steps) leaves from the side of the symbol (a decision's side
  vertex), runs along a free lane at the edge of a column and enters the target from its side; short branches
  are routed first, each on the free lane that crosses fewest lines;
- the flow to the next step across a page break goes into a connector at the bottom of the page's last row and
  comes out of one with the same letter at the top of the next page's first row; a side branch that finds no lane
  (or whose target is on another page) ends in a connector beside its source and starts again beside its target.
"""

from __future__ import annotations

import string
from dataclasses import replace
from itertools import pairwise

from docgen.bagan_alir_unsur import (
    CELAH_BELOK,
    JARAK_KONEKTOR,
    JARAK_MIN_LAJUR,
    KONEKTOR_KOTAK,
    KONEKTOR_LEBAR,
    KONEKTOR_UJUNG,
    Garis,
    Konektor,
    Label,
    LangkahAlir,
    Panah,
    Simbol,
    TataLetak,
    lebar_label,
)


def rutekan(tata: TataLetak, langkah: list[LangkahAlir], pusat: list[float]) -> None:
    """Route every arrow of `tata`, whose rows and symbols are placed; `pusat` is each column's centre x."""
    _Perute(tata, langkah, pusat).jalankan()


def _huruf(n: int) -> str:
    """A, B, ... Z, AA, AB ..."""
    hasil = ""
    n += 1
    while n:
        n, sisa = divmod(n - 1, 26)
        hasil = string.ascii_uppercase[sisa] + hasil
    return hasil


def _berikut(langkah: list[LangkahAlir], no: int) -> int | None:
    lk = langkah[no - 1]
    if lk.ya is not None:
        return lk.ya
    return no + 1 if no < len(langkah) else None



class _Perute:
    """Route the arrows of a laid-out flowchart (fills tata.garis, panah, label, konektor, sambung)."""

    def __init__(self, tata: TataLetak, langkah: list[LangkahAlir], pusat: list[float]):
        self.tata = tata
        self.langkah = langkah
        self.pusat = pusat
        self.baris = {b.langkah: b for b in tata.baris}
        self.ruas: dict[int, list[tuple[tuple[float, float], tuple[float, float]]]] = {}  # segments per page
        self.lajur: list[tuple[int, float, float, float]] = []  # (page, x, y0, y1) of lanes in use
        self.sisi: dict[tuple[int, int, str], str] = {}  # (step, column, side) -> masuk/keluar
        self.jumlah_huruf = 0

    # -- helpers -----------------------------------------------------------------------------------------

    def _simbol(self, no: int) -> list[Simbol]:
        return self.tata.simbol_langkah(no)

    def _huruf_baru(self) -> str:
        h = _huruf(self.jumlah_huruf)
        self.jumlah_huruf += 1
        return h

    def _garis(self, halaman: int, titik: list[tuple[float, float]], panah: bool = True) -> None:
        bersih = [titik[0]]
        for t in titik[1:]:
            if t != bersih[-1]:
                bersih.append(t)
        self.tata.garis.append(Garis(halaman, tuple(bersih), panah))
        for a, b in pairwise(bersih):
            self.ruas.setdefault(halaman, []).append((a, b))

    @staticmethod
    def _titik_sisi(s: Simbol, sisi: str) -> tuple[float, float]:
        return (s.kanan if sisi == "kanan" else s.kiri, s.y)

    def _kolom_keluar(self, no: int) -> int:
        """The column the flow leaves step `no` from: the one nearest the next step's columns."""
        kolom = sorted(set(self.langkah[no - 1].kolom))
        berikut = _berikut(self.langkah, no)
        if berikut is None:
            return kolom[0]
        tujuan = self.langkah[berikut - 1].kolom
        return min(kolom, key=lambda c: (min(abs(c - d) for d in tujuan), c))

    def _kolom_masuk(self, no: int, dari: int | None) -> int:
        kolom = sorted(set(self.langkah[no - 1].kolom))
        if dari is None:
            return kolom[0]
        return min(kolom, key=lambda c: (abs(c - dari), c))

    def _simbol_kolom(self, no: int, kolom: int) -> Simbol:
        return next(s for s in self._simbol(no) if s.kolom == kolom)

    # -- the whole job -----------------------------------------------------------------------------------

    def jalankan(self) -> None:
        n = len(self.langkah)
        for no in range(1, n + 1):
            simbol = self._simbol(no)
            b = self.baris[no]
            tepi = self.tata.batas_kolom()
            for a, c in pairwise(simbol):
                # Solid within the step's own columns, dashed across a column between them it does not involve.
                potong = [a.kanan, *([tepi[a.kolom + 1], tepi[c.kolom]] if c.kolom - a.kolom > 1 else []), c.kiri]
                for i, (x0, x1) in enumerate(pairwise(potong)):
                    self.tata.sambung.append(Garis(b.halaman, ((x0, a.y), (x1, c.y)), panah=False,
                                                   putus=len(potong) == 4 and i == 1))
                self.ruas.setdefault(b.halaman, []).append(((a.kanan, a.y), (c.kiri, c.y)))
        lajur: list[tuple[int, int, str]] = []
        for no in range(1, n + 1):
            lk = self.langkah[no - 1]
            berikut = _berikut(self.langkah, no)
            label_ya = "YA" if lk.keputusan else ""
            if berikut == no + 1:
                self._ke_berikut(no, label_ya)
            elif berikut is not None:
                lajur.append((no, berikut, label_ya))
            if lk.tidak is not None:
                lajur.append((no, lk.tidak, "TIDAK"))
        # Short side branches first: they get the lanes nearest their symbols.
        for dari, ke, label in sorted(lajur, key=lambda e: (abs(e[1] - e[0]), e[0])):
            self._cabang(dari, ke, label)
        self._urutkan_huruf()

    def _urutkan_huruf(self) -> None:
        """Re-letter the connector pairs A, B, C ... in reading order of where the flow leaves the page."""
        asal: dict[str, Konektor] = {}
        for k in self.tata.konektor:
            asal.setdefault(k.huruf, k)  # each pair's first connector is where the flow goes out
        urutan = sorted(asal, key=lambda h: (asal[h].halaman, asal[h].y, asal[h].x))
        baru = {h: _huruf(i) for i, h in enumerate(urutan)}
        self.tata.konektor = [replace(k, huruf=baru[k.huruf]) for k in self.tata.konektor]
        self.tata.panah = [replace(p, konektor=baru.get(p.konektor, "")) for p in self.tata.panah]

    # -- the arrow to the next step ----------------------------------------------------------------------

    def _ke_berikut(self, no: int, label: str) -> None:
        ke = no + 1
        asal = self._simbol_kolom(no, self._kolom_keluar(no))
        tujuan = self._simbol_kolom(ke, self._kolom_masuk(ke, asal.kolom))
        ba, bt = self.baris[no], self.baris[ke]
        x0, y0 = asal.x, asal.bawah
        x1 = tujuan.x
        if label:
            sisi = -1 if x1 > x0 else 1
            self.tata.label.append(Label(ba.halaman, label, x0 + sisi * (0.4 + lebar_label(label) / 2), y0 + 1.8))
        if ba.halaman != bt.halaman:
            huruf = self._huruf_baru()
            k1 = Konektor(ba.halaman, huruf, no, "bawah", x0,
                          ba.atas + ba.tinggi - JARAK_KONEKTOR - KONEKTOR_UJUNG - KONEKTOR_KOTAK / 2)
            self._garis(ba.halaman, [(x0, y0), (x0, k1.atas)])
            k2 = Konektor(bt.halaman, huruf, ke, "atas", x1, bt.atas + JARAK_KONEKTOR + KONEKTOR_KOTAK / 2)
            self._garis(bt.halaman, [(x1, k2.ujung), (x1, tujuan.atas)])
            self.tata.konektor += [k1, k2]
            self.tata.panah.append(Panah(no, ke, label, "halaman", huruf))
            return
        if abs(x1 - x0) < 1e-6:
            self._garis(ba.halaman, [(x0, y0), (x1, tujuan.atas)])
            self.tata.panah.append(Panah(no, ke, label, "lurus"))
            return
        bawah_baris = ba.atas + ba.tinggi
        y_belok = y0 + max(2.2 if label else 1.5, (bawah_baris - y0) * CELAH_BELOK)
        self._garis(ba.halaman, [(x0, y0), (x0, y_belok), (x1, y_belok), (x1, tujuan.atas)])
        self.tata.panah.append(Panah(no, ke, label, "siku"))

    # -- side branches -----------------------------------------------------------------------------------

    def _calon_lajur(self) -> list[tuple[float, float]]:
        """Lane positions with a cost: the middle of the free strip between the symbols and each column edge, then
        (for a second lane in the same strip) nearer the symbols or the column line."""
        tepi = self.tata.batas_kolom()
        hasil: list[tuple[float, float]] = []
        for k, w in enumerate(self.tata.lebar_kolom):
            lebar_maks = max((s.lebar for s in self.tata.simbol if s.kolom == k), default=0.0)
            bebas = (w - lebar_maks) / 2
            if bebas < 2 * JARAK_MIN_LAJUR * 0.6:
                continue
            for f, biaya in ((0.5, 0.0), (0.3, 15.0), (0.7, 15.0)):
                hasil += [(tepi[k] + bebas * f, biaya), (tepi[k + 1] - bebas * f, biaya)]
        return hasil

    def _bebas(self, halaman: int, x: float, y0: float, y1: float, kecuali: set[int]) -> bool:
        """Whether a vertical lane at x from y0 to y1 misses every symbol and every lane in use."""
        lo, hi = min(y0, y1), max(y0, y1)
        for s in self.tata.simbol:
            if s.langkah in kecuali or self.baris[s.langkah].halaman != halaman:
                continue
            if s.kiri - JARAK_MIN_LAJUR < x < s.kanan + JARAK_MIN_LAJUR and s.atas - 1 < hi and s.bawah + 1 > lo:
                return False
        for k in self.tata.konektor:
            if k.halaman == halaman and abs(k.x - x) < KONEKTOR_LEBAR / 2 + JARAK_MIN_LAJUR and \
                    k.atas - 1 < hi and k.ujung + 1 > lo:
                return False
        for h, xl, a, b in self.lajur:
            if h == halaman and abs(xl - x) < JARAK_MIN_LAJUR and a < hi + 1.5 and b > lo - 1.5:
                return False
        return True

    def _silang(self, halaman: int, rute: list[tuple[float, float]]) -> int:
        """How many drawn segments the route crosses."""
        jumlah = 0
        for a, b in pairwise(rute):
            for c, d in self.ruas.get(halaman, []):
                if _bersilang(a, b, c, d):
                    jumlah += 1
        return jumlah

    def _label_cabang(self, halaman: int, label: str, a: tuple[float, float], b: tuple[float, float],
                      dy: float) -> None:
        """Label a side branch on its first horizontal stretch a-b, `dy` mm above (-) or below (+) the line.

        The label sits as near the symbol as it can without straddling a column line; when the stretch has no
        such room it sits right beside the symbol (its white ground then hides the column line behind it).
        """
        if not label:
            return
        lebar = lebar_label(label)
        arah = 1 if b[0] >= a[0] else -1
        garis = self.tata.batas_kolom()[1:-1]
        awal = [a[0] + arah * 0.4] + [x + arah * 0.5 for x in garis if (x - a[0]) * arah > 0]
        for mulai in awal:
            ujung = mulai + arah * lebar
            lo, hi = min(mulai, ujung), max(mulai, ujung)
            if (ujung - b[0]) * arah > -0.3:
                break
            if not any(lo - 0.2 < x < hi + 0.2 for x in garis):
                self.tata.label.append(Label(halaman, label, (lo + hi) / 2, a[1] + dy))
                return
        self.tata.label.append(Label(halaman, label, a[0] + arah * (0.4 + lebar / 2), a[1] + dy))

    def _cabang(self, dari: int, ke: int, label: str) -> None:
        ba, bt = self.baris[dari], self.baris[ke]
        asal_semua, tujuan_semua = self._simbol(dari), self._simbol(ke)
        if ba.halaman == bt.halaman and self._lajur(dari, ke, label, asal_semua, tujuan_semua):
            return
        # Through a pair of connectors beside the source and the target.
        huruf = self._huruf_baru()
        sisi_a, ka = self._konektor_samping(dari, asal_semua, huruf, "keluar",
                                            lebar_label(label) if label else 0.0)
        pa = self._titik_sisi(asal_semua[-1] if sisi_a == "kanan" else asal_semua[0], sisi_a)
        ujung = (ka.x - KONEKTOR_LEBAR / 2 if sisi_a == "kanan" else ka.x + KONEKTOR_LEBAR / 2, pa[1])
        self._garis(ba.halaman, [pa, ujung])
        self._label_cabang(ba.halaman, label, pa, ujung, -2.0)
        self.tata.konektor.append(ka)
        sisi_t, kt = self._konektor_samping(ke, tujuan_semua, huruf, "masuk")
        pt = self._titik_sisi(tujuan_semua[-1] if sisi_t == "kanan" else tujuan_semua[0], sisi_t)
        awal = kt.x - KONEKTOR_LEBAR / 2 if sisi_t == "kanan" else kt.x + KONEKTOR_LEBAR / 2
        self._garis(bt.halaman, [(awal, pt[1]), pt])
        self.tata.konektor.append(kt)
        self.tata.panah.append(Panah(dari, ke, label, "halaman", huruf))

    def _lajur(self, dari: int, ke: int, label: str, asal_semua: list[Simbol], tujuan_semua: list[Simbol]) -> bool:
        halaman = self.baris[dari].halaman
        terbaik: tuple[float, list[tuple[float, float]], float, str, str, Simbol, Simbol] | None = None
        for sisi_a in ("kanan", "kiri"):
            asal = asal_semua[-1] if sisi_a == "kanan" else asal_semua[0]
            if self.sisi.get((dari, asal.kolom, sisi_a)):
                continue
            pa = self._titik_sisi(asal, sisi_a)
            for x, tambahan in self._calon_lajur():
                if (sisi_a == "kanan" and x < pa[0] + 1.5) or (sisi_a == "kiri" and x > pa[0] - 1.5):
                    continue
                if x > tujuan_semua[-1].kanan + 1.5:
                    sisi_t, tujuan = "kanan", tujuan_semua[-1]
                elif x < tujuan_semua[0].kiri - 1.5:
                    sisi_t, tujuan = "kiri", tujuan_semua[0]
                else:
                    continue
                if self.sisi.get((ke, tujuan.kolom, sisi_t)) == "keluar":
                    continue
                pt = self._titik_sisi(tujuan, sisi_t)
                if not self._bebas(halaman, x, pa[1], pt[1], set()):
                    continue
                rute = [pa, (x, pa[1]), (x, pt[1]), pt]
                if not self._jalur_datar_bebas(halaman, rute, {dari, ke}):
                    continue
                panjang = abs(x - pa[0]) + abs(pt[1] - pa[1]) + abs(pt[0] - x)
                biaya = 100 * self._silang(halaman, rute) + panjang + tambahan
                if terbaik is None or biaya < terbaik[0]:
                    terbaik = (biaya, rute, x, sisi_a, sisi_t, asal, tujuan)
        if terbaik is None:
            return False
        _, rute, x, sisi_a, sisi_t, asal, tujuan = terbaik
        self._garis(halaman, rute)
        self.lajur.append((halaman, x, min(rute[1][1], rute[2][1]), max(rute[1][1], rute[2][1])))
        self.sisi[(dari, asal.kolom, sisi_a)] = "keluar"
        self.sisi[(ke, tujuan.kolom, sisi_t)] = "masuk"
        # The label goes on the side of the line away from the lane's turn (up for a lane going down).
        self._label_cabang(halaman, label, rute[0], rute[1], 2.0 if rute[2][1] < rute[1][1] else -2.0)
        self.tata.panah.append(Panah(dari, ke, label, "lajur"))
        return True

    def _jalur_datar_bebas(self, halaman: int, rute: list[tuple[float, float]], kecuali: set[int]) -> bool:
        """The route's horizontal parts must not run through a symbol of another step."""
        for a, b in pairwise(rute):
            if a[1] != b[1]:
                continue
            lo, hi = min(a[0], b[0]), max(a[0], b[0])
            for s in self.tata.simbol:
                if s.langkah in kecuali or self.baris[s.langkah].halaman != halaman:
                    continue
                if s.atas - 0.5 < a[1] < s.bawah + 0.5 and s.kiri < hi and s.kanan > lo:
                    return False
        return True

    def _konektor_samping(self, no: int, simbol: list[Simbol], huruf: str, peran: str,
                          ruang_label: float = 0.0) -> tuple[str, Konektor]:
        """Place a connector beside step `no`: in its own column if there is room, else a free neighbour column.

        `ruang_label` (mm) is kept free on the line to the connector for the branch's label.
        """
        b = self.baris[no]
        tepi = self.tata.batas_kolom()
        terisi = {s.kolom for s in simbol}
        jarak = max(2.2, ruang_label + 0.8)
        pilihan: list[tuple[str, float]] = []
        for sisi in ("kanan", "kiri"):
            s = simbol[-1] if sisi == "kanan" else simbol[0]
            if self.sisi.get((no, s.kolom, sisi)):
                continue
            arah = 1 if sisi == "kanan" else -1
            ruang = (tepi[s.kolom + 1] - s.kanan) if sisi == "kanan" else (s.kiri - tepi[s.kolom])
            if ruang >= KONEKTOR_LEBAR + jarak + 0.8:
                pilihan.append((sisi, s.x + arah * (s.lebar / 2 + jarak + KONEKTOR_LEBAR / 2)))
            tetangga = s.kolom + arah
            if 0 <= tetangga < len(self.tata.lebar_kolom) and tetangga not in terisi:
                dekat = tepi[tetangga] if arah > 0 else tepi[tetangga + 1]
                jauh = tepi[tetangga + 1] if arah > 0 else tepi[tetangga]
                x = self.pusat[tetangga]
                if ruang_label:  # far enough into the column for the label to sit before it
                    x = dekat + arah * (ruang_label + 1.0 + KONEKTOR_LEBAR / 2)
                    x = min(x, self.pusat[tetangga]) if arah < 0 else max(x, self.pusat[tetangga])
                    batas = jauh - arah * (KONEKTOR_LEBAR / 2 + 0.5)
                    x = max(x, batas) if arah < 0 else min(x, batas)
                pilihan.append((sisi, x))
        if not pilihan:
            s = simbol[-1]
            pilihan.append(("kanan", min(s.kanan + 2.2 + KONEKTOR_LEBAR / 2, self.tata.lebar - KONEKTOR_LEBAR / 2)))
        sisi, x = pilihan[0]
        s = simbol[-1] if sisi == "kanan" else simbol[0]
        self.sisi[(no, s.kolom, sisi)] = peran
        return sisi, Konektor(b.halaman, huruf, no, "samping", x, s.y)


def _bersilang(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]) -> bool:
    """Whether a horizontal/vertical segment a-b crosses c-d in their interiors."""
    if (a[0] == b[0]) == (c[0] == d[0]):
        return False  # parallel
    if a[0] == b[0]:  # a-b vertical, c-d horizontal
        a, b, c, d = c, d, a, b
    # a-b horizontal at y = a[1]; c-d vertical at x = c[0]
    x, y = c[0], a[1]
    return (min(a[0], b[0]) < x < max(a[0], b[0])) and (min(c[1], d[1]) < y < max(c[1], d[1]))
