"""The data model of an SOP flowchart's layout (docgen.bagan_alir): steps, symbols and their sizes, lines,
labels, off-page connectors, rows; lengths in mm, y from the top of the first step row on each page."""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.ukur_teks import lebar_mm

# Symbols and spacing (mm).
LEBAR_SIMBOL = (0.62, 7.0, 22.0)  # share of the column width, minimum, maximum
LEBAR_KEPUTUSAN = (0.68, 8.0, 20.0)
TINGGI = {"terminator": 6.5, "proses": 7.5}
TINGGI_KEPUTUSAN = (0.52, 7.0, 10.0)  # share of the diamond's width, minimum, maximum
RUANG_ATAS = 4.0  # above a symbol: the incoming arrow
RUANG_BAWAH = 4.0  # below a symbol: the outgoing arrow and its bend
RUANG_BAWAH_KEPUTUSAN = 6.0  # below a diamond: room for the YA label too
ZONA_KONEKTOR = 9.0  # extra height of a row that holds a page connector
KONEKTOR_LEBAR = 5.0
KONEKTOR_KOTAK = 3.6  # height of the square part of the pentagon
KONEKTOR_UJUNG = 2.0  # height of its point
JARAK_KONEKTOR = 1.5  # from the row edge to a page connector
JARAK_MIN_LAJUR = 1.0  # between a lane and a symbol or another lane
CELAH_BELOK = 0.5  # where a bend sits between a symbol's bottom and the row's bottom (share)
UKURAN_LABEL = 6.5  # pt, bold: YA / TIDAK
UKURAN_HURUF_KONEKTOR = 7.0  # pt, bold


def lebar_label(teks: str) -> float:
    """Width (mm) of a branch label with its white margin."""
    return lebar_mm(teks, UKURAN_LABEL, tebal=True) + 0.8


@dataclass(frozen=True)
class LangkahAlir:
    """What the layout needs to know of one step."""

    kolom: tuple[int, ...]  # acting pelaksana columns, 0-based
    keputusan: bool = False
    ya: int | None = None  # 1-based step that follows (YA); None: the next one
    tidak: int | None = None  # 1-based step after TIDAK (decisions)
    tinggi_teks: float = 0.0  # mm the row's text cells need


@dataclass(frozen=True)
class Simbol:
    """One symbol: a step's shape in one pelaksana column, centre and size in page coordinates."""

    langkah: int
    kolom: int
    bentuk: str  # terminator | proses | keputusan
    x: float
    y: float
    lebar: float
    tinggi: float

    @property
    def kiri(self) -> float:
        return self.x - self.lebar / 2

    @property
    def kanan(self) -> float:
        return self.x + self.lebar / 2

    @property
    def atas(self) -> float:
        return self.y - self.tinggi / 2

    @property
    def bawah(self) -> float:
        return self.y + self.tinggi / 2


@dataclass(frozen=True)
class Garis:
    """A polyline on one page; `panah`: an arrowhead at its last point; `putus`: dashed (a step's joining line
    where it passes a pelaksana column the step does not involve)."""

    halaman: int
    titik: tuple[tuple[float, float], ...]
    panah: bool = True
    putus: bool = False


@dataclass(frozen=True)
class Label:
    """A branch label (YA, TIDAK) centred at (x, y)."""

    halaman: int
    teks: str
    x: float
    y: float


@dataclass(frozen=True)
class Konektor:
    """An off-page connector (pentagon pointing down); (x, y) is the centre of its square part."""

    halaman: int
    huruf: str
    langkah: int  # the row it sits in
    letak: str  # bawah (end of a page) | atas (start of a page) | samping (beside a branch's source or target)
    x: float
    y: float

    @property
    def atas(self) -> float:
        return self.y - KONEKTOR_KOTAK / 2

    @property
    def ujung(self) -> float:
        return self.y + KONEKTOR_KOTAK / 2 + KONEKTOR_UJUNG


@dataclass(frozen=True)
class Panah:
    """One flow from step `dari` to step `ke`: its label and how it is drawn.

    jenis: lurus (straight down), siku (down, across, down), lajur (along a side lane), halaman (through a pair
    of off-page connectors, letter `konektor`).
    """

    dari: int
    ke: int
    label: str
    jenis: str
    konektor: str = ""


@dataclass(frozen=True)
class Baris:
    """A step's table row: its page and, in page coordinates, its top and height."""

    langkah: int
    halaman: int
    atas: float
    tinggi: float
    konektor_atas: bool = False
    konektor_bawah: bool = False


@dataclass
class TataLetak:
    """The whole flowchart: columns, rows per page, symbols, arrows, labels and connectors."""

    lebar_kolom: list[float]
    baris: list[Baris] = field(default_factory=list)
    simbol: list[Simbol] = field(default_factory=list)
    panah: list[Panah] = field(default_factory=list)
    garis: list[Garis] = field(default_factory=list)
    sambung: list[Garis] = field(default_factory=list)  # plain lines joining a step's symbols
    label: list[Label] = field(default_factory=list)
    konektor: list[Konektor] = field(default_factory=list)
    terlalu_tinggi: list[int] = field(default_factory=list)  # steps whose text is taller than a page

    @property
    def lebar(self) -> float:
        return sum(self.lebar_kolom)

    @property
    def halaman(self) -> list[list[int]]:
        """Step numbers on each page."""
        hasil: list[list[int]] = []
        for b in self.baris:
            while len(hasil) <= b.halaman:
                hasil.append([])
            hasil[b.halaman].append(b.langkah)
        return hasil

    def simbol_langkah(self, no: int) -> list[Simbol]:
        """The symbols of step `no`, left to right."""
        return sorted((s for s in self.simbol if s.langkah == no), key=lambda s: s.x)

    def batas_kolom(self) -> list[float]:
        """x of every column edge, 0 and the total width included."""
        xs = [0.0]
        for w in self.lebar_kolom:
            xs.append(xs[-1] + w)
        return xs


def _jepit(nilai: float, bawah: float, atas: float) -> float:
    return max(bawah, min(atas, nilai))


def bentuk_langkah(no: int, jumlah: int, keputusan: bool) -> str:
    """The symbol of step `no` (1-based) of `jumlah`: diamond for a decision, capsule first and last, else box."""
    if keputusan:
        return "keputusan"
    return "terminator" if no in (1, jumlah) else "proses"


def ukuran_simbol(bentuk: str, lebar_kolom: float) -> tuple[float, float]:
    """Width and height of a symbol in a column `lebar_kolom` mm wide."""
    if bentuk == "keputusan":
        f, lo, hi = LEBAR_KEPUTUSAN
        lebar = _jepit(f * lebar_kolom, lo, min(hi, lebar_kolom - 1.0))
        f, lo, hi = TINGGI_KEPUTUSAN
        return lebar, _jepit(f * lebar, lo, hi)
    f, lo, hi = LEBAR_SIMBOL
    tinggi = TINGGI[bentuk]
    lebar = _jepit(f * lebar_kolom, lo, min(hi, lebar_kolom - 1.5))
    if bentuk == "terminator":  # a capsule, never a circle: at least 1.6 times as wide as it is high
        lebar = min(max(lebar, 1.6 * tinggi), lebar_kolom - 1.5)
        tinggi = min(tinggi, lebar / 1.6)
    return lebar, tinggi
