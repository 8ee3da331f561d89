"""Check a PDF's pages the way a reviewer of naskah dinas leafs through them, by the measured position of every text
line (poppler's `pdftotext -bbox-layout`) and the fonts of every page (pypdf).

Rules (each finding is one Indonesian line, "hal. N: ..."):
- kosong: a page with no text in its body and no picture (a page number alone does not count);
- penutup sendiri: a page after a document's first whose body is only a closing line, signature block(s) and/or
  tembusan, with fewer than two lines of the body above them;
- tanpa nomor: a page after a document's first without a page number in its header or footer band;
- di luar margin: text of the body past the margins (header and footer bands may hold page numbers, the
  verification line and stamps, but not past the page's edge band);
- daftar terpotong: a numbered-list item whose first line is alone at the bottom of a page, or whose last line is
  alone at the top of the next;
- huruf tidak tertanam: a font the PDF uses without embedding it.

A merged berkas PDF is one PDF of many documents: a page stamped "Item NN, hal. 1/n" starts a document.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from docgen import tanda_konsep
from docgen.errors import DocgenError

MM = 72 / 25.4  # PDF points per millimetre
TOLERANSI_MM = 1.5  # glyph boxes overhang their advance a little
JARAK_TTD_MM = 10.0  # the empty space left for a wet signature, at least
BATAS_BLOK_TTD_MM = 60.0  # a signature block, from place and date down to the NIP line
BATAS_INDEN_MM = 20.0  # a list item's following lines start at most this far right of its number
JARAK_SEBARIS_MM = 9.0  # pieces of one line closer than this are joined (see _gabung_sebaris)
WAKTU_PDFTOTEXT = 120  # seconds
TINGGI_TANDA_MM = 20.0  # a text line taller than this is the diagonal KONSEP mark, not body text


@dataclass(frozen=True)
class Margin:
    """Page margins in millimetres (docgen's templates: 20 top, 30 left, 20 right, 25 bottom)."""

    atas: float = 20.0
    kiri: float = 30.0
    kanan: float = 20.0
    bawah: float = 25.0


@dataclass(frozen=True)
class Baris:
    """One text line and its box, in millimetres from the page's top left corner."""

    teks: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def tinggi(self) -> float:
        return self.y1 - self.y0


@dataclass
class Halaman:
    """A page's size (mm), its text lines top to bottom, and whether it shows a picture."""

    nomor: int
    lebar: float
    tinggi: float
    baris: list[Baris] = field(default_factory=list)
    bergambar: bool = False


@dataclass(frozen=True)
class Temuan:
    halaman: int
    aturan: str
    pesan: str

    def __str__(self) -> str:
        return f"hal. {self.halaman}: {self.pesan}" if self.halaman else self.pesan


_NIP = re.compile(r"^NIP\.?\s*\d{8}\s?\d{6}\s?\d\s?\d{3}$")
_NOMOR_HALAMAN = re.compile(
    r"(?:^|hal\.?\s*|halaman\s+)[-–]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–]?(?:\s*(?:dari|/)\s*\d{1,4})?\s*$", re.I)
_PENUTUP = re.compile(r"^(Demikian\b|Atas perhatian|Ditetapkan di\b|pada tanggal\b|Tembusan\b|a\.n\.|Plt\.|Plh\.)",
                      re.I)
_BUTIR = re.compile(r"^(\d{1,3}|[a-z])[.)]\s+\S")
_TANDA_BUTIR = re.compile(r"^(\d{1,3}|[a-z])[.)]$")  # a marker set apart from its text by a tab
_STEMPEL_BERKAS = re.compile(r"Item (\d{2,3}), hal\. (\d+)/(\d+)")


# -- reading ------------------------------------------------------------------------------------------------------


def baca_halaman(pdf: bytes) -> list[Halaman]:
    """Every page of `pdf` with its text lines (poppler's pdftotext) and whether it draws a picture (pypdf).

    Raises DocgenError (422) for bytes that are no readable PDF, (503) when pdftotext is missing."""
    program = shutil.which("pdftotext")
    if program is None:
        raise DocgenError("pdftotext (paket poppler-utils) tidak ditemukan: tata letak tidak dapat diperiksa. "
                          "Jalankan `make system`.", status=503)
    with tempfile.TemporaryDirectory(prefix="docgen-tata-letak-") as tmp:
        masuk = Path(tmp) / "dokumen.pdf"
        masuk.write_bytes(pdf)
        try:
            hasil = subprocess.run([program, "-bbox-layout", str(masuk), "-"], capture_output=True,
                                   timeout=WAKTU_PDFTOTEXT, check=False)
        except subprocess.TimeoutExpired:
            raise DocgenError("PDF terlalu lama dibaca untuk memeriksa tata letaknya.", status=422) from None
    if hasil.returncode != 0:
        raise DocgenError("Berkas ini bukan PDF yang dapat dibaca.", status=422)
    akar = etree.fromstring(hasil.stdout, etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    halaman = []
    for i, page in enumerate(akar.iter("{*}page"), start=1):
        h = Halaman(i, float(page.get("width", 0)) / MM, float(page.get("height", 0)) / MM)
        for line in page.iter("{*}line"):
            teks = " ".join((w.text or "").strip() for w in line.iter("{*}word")).strip()
            tinggi = (float(line.get("yMax", 0)) - float(line.get("yMin", 0))) / MM
            if teks == tanda_konsep.KETERANGAN or tinggi > TINGGI_TANDA_MM:
                continue  # the KONSEP mark of a draft (docgen.tanda_konsep) is no part of the layout
            if teks:
                h.baris.append(Baris(teks, *(float(line.get(k, 0)) / MM for k in ("xMin", "yMin", "xMax", "yMax"))))
        h.baris = _gabung_sebaris(h.baris)
        halaman.append(h)
    for h, gambar in zip(halaman, _bergambar(pdf), strict=False):
        h.bergambar = gambar
    return halaman


def _gabung_sebaris(baris: list[Baris]) -> list[Baris]:
    """Lines sorted top to bottom, and pieces of one line joined: pdftotext splits a widely justified line into
    words where the gaps are large. Pieces of the same height on the same baseline less than JARAK_SEBARIS_MM
    apart are one line; columns further apart (two signature blocks side by side) stay separate."""
    hasil: list[Baris] = []
    for b in sorted(baris, key=lambda b: (round(b.y0, 1), b.x0)):
        a = hasil[-1] if hasil else None
        if (a is not None and abs(a.y0 - b.y0) < 0.3 and abs(a.tinggi - b.tinggi) < 0.3
                and 0 <= b.x0 - a.x1 < JARAK_SEBARIS_MM):
            hasil[-1] = Baris(f"{a.teks} {b.teks}", a.x0, min(a.y0, b.y0), b.x1, max(a.y1, b.y1))
        else:
            hasil.append(b)
    return hasil


def _bergambar(pdf: bytes) -> list[bool]:
    """Per page: whether it draws an image. Poppler's `pdfimages -list` names the pages that paint one; pages whose
    resources merely list an image are not counted (LibreOffice may give every page the same resources, and a
    blank page would then pass for a picture). Without pdfimages: whether the page's resources hold one."""
    program = shutil.which("pdfimages")
    if program is not None:
        with tempfile.TemporaryDirectory(prefix="docgen-tata-letak-") as tmp:
            masuk = Path(tmp) / "dokumen.pdf"
            masuk.write_bytes(pdf)
            try:
                hasil = subprocess.run([program, "-list", str(masuk)], capture_output=True, text=True,
                                       timeout=WAKTU_PDFTOTEXT, check=False)
            except subprocess.TimeoutExpired:
                hasil = None
        if hasil is not None and hasil.returncode == 0:
            dilukis = {int(kolom[0]) for kolom in (b.split() for b in hasil.stdout.splitlines()[2:])
                       if kolom and kolom[0].isdigit()}
            return [n in dilukis for n in range(1, max(dilukis, default=0) + 1)]  # later pages: none
    try:
        reader = PdfReader(io.BytesIO(pdf))
        return [_punya_gambar(p.get("/Resources")) for p in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError):
        return []


def _punya_gambar(sumber, kedalaman: int = 0) -> bool:
    if sumber is None or kedalaman > 4:
        return False
    xobj = sumber.get_object().get("/XObject") if hasattr(sumber, "get_object") else None
    if not xobj:
        return False
    for ref in xobj.get_object().values():
        o = ref.get_object()
        if o.get("/Subtype") == "/Image" or (o.get("/Subtype") == "/Form"
                                            and _punya_gambar(o.get("/Resources"), kedalaman + 1)):
            return True
    return False


def huruf_tidak_tertanam(pdf: bytes) -> dict[str, list[int]]:
    """Fonts used without being embedded: base font name -> the pages that use it."""
    hasil: dict[str, list[int]] = {}
    try:
        reader = PdfReader(io.BytesIO(pdf))
        for i, page in enumerate(reader.pages, start=1):
            for nama in _huruf_halaman(page.get("/Resources"), set(), 0):
                hasil.setdefault(nama, []).append(i)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return hasil
    return hasil


def _huruf_halaman(sumber, dilihat: set[int], kedalaman: int) -> Iterable[str]:
    if sumber is None or kedalaman > 4:
        return
    sumber = sumber.get_object()
    fonts = sumber.get("/Font")
    for ref in (fonts.get_object().values() if fonts else ()):
        f = ref.get_object()
        if id(f) in dilihat:
            continue
        dilihat.add(id(f))
        if f.get("/Subtype") == "/Type3":
            continue  # drawn by the PDF's own procedures
        deskripsi = [f] + [d.get_object() for d in f.get("/DescendantFonts", [])]
        tertanam = any(
            any(k in (d.get("/FontDescriptor") or {}) for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            for d in deskripsi)
        if not tertanam:
            yield str(f.get("/BaseFont", "?")).lstrip("/")
    xobj = sumber.get("/XObject")
    for ref in (xobj.get_object().values() if xobj else ()):
        o = ref.get_object()
        if o.get("/Subtype") == "/Form":
            yield from _huruf_halaman(o.get("/Resources"), dilihat, kedalaman + 1)


# -- the rules -----------------------------------------------------------------------------------------------------


def _tepi(h: Halaman, b: Baris, m: Margin) -> bool:
    """Whether a line sits wholly in the header or footer band."""
    return b.y1 <= m.atas + TOLERANSI_MM or b.y0 >= h.tinggi - m.bawah - TOLERANSI_MM


def _isi(h: Halaman, m: Margin) -> list[Baris]:
    return [b for b in h.baris if not _tepi(h, b, m)]


def _bernomor(h: Halaman, m: Margin) -> bool:
    return any(_tepi(h, b, m) and _NOMOR_HALAMAN.search(b.teks) for b in h.baris)


def awal_dokumen(halaman: list[Halaman]) -> set[int]:
    """Page numbers that start a document: the first, and in a merged berkas every page stamped 'hal. 1/n'."""
    awal = {1}
    for h in halaman:
        for b in h.baris:
            m = _STEMPEL_BERKAS.search(b.teks)
            if m and m.group(2) == "1":
                awal.add(h.nomor)
    return awal


def _sejajar(b: Baris, acuan: Baris) -> bool:
    """Whether `b` lines up with `acuan` as the lines of one signature block do: the same left edge (a block set
    at an indent) or the same centre (a block centred in its cell)."""
    return abs(b.x0 - acuan.x0) < 3 or abs((b.x0 + b.x1) / 2 - (acuan.x0 + acuan.x1) / 2) < 4


def _atas_blok_ttd(isi: list[Baris], nip: Baris) -> float | None:
    """The top of the signature block that ends with the line `nip`: up through the name and pangkat, the empty
    space of the signature, then the jabatan and place-date lines above it that line up with it (body text or a
    table above, which do not, end the block). None when no signing space lies above the name (a NIP in a table,
    such as a daftar hadir)."""
    kolom = [b for b in isi if b.x1 > nip.x0 - 5 and b.x0 < nip.x1 + 5 and b.y1 <= nip.y1 + 0.1
             and b.y0 >= nip.y0 - BATAS_BLOK_TTD_MM]
    kolom.sort(key=lambda b: b.y0, reverse=True)
    atas, celah_dilewati, sebelum = nip.y0, False, nip
    for b in kolom[1:]:
        jarak = sebelum.y0 - b.y1
        if jarak > JARAK_TTD_MM and not celah_dilewati:
            celah_dilewati = True
        elif celah_dilewati and (jarak > b.tinggi * 1.5 or not _sejajar(b, nip)):
            break
        atas, sebelum = b.y0, b
    return atas if celah_dilewati else None


def _jumlah_baris(baris: list[Baris]) -> int:
    """Lines of text counted by their height on the page: a numbered heading ("IV." and "PENUTUP") is one."""
    tinggi = sorted(b.y0 for b in baris)
    return sum(1 for i, y in enumerate(tinggi) if i == 0 or y - tinggi[i - 1] > 1.0)


def _lanjutan(b: Baris, butir: Baris) -> bool:
    """Whether `b` reads as a following line of the list item `butir`: not an item, not a closing line, and indented
    under the item's text (a caption or a right-hand signature column is not)."""
    return (not _BUTIR.match(b.teks) and not _PENUTUP.match(b.teks)
            and butir.x0 + 2 < b.x0 < butir.x0 + BATAS_INDEN_MM)


def _penutup_sendiri(h: Halaman, m: Margin) -> Temuan | None:
    isi = _isi(h, m)
    blok = [a for a in (_atas_blok_ttd(isi, b) for b in isi if _NIP.match(b.teks)) if a is not None]
    tanda = [b for b in isi if _PENUTUP.match(b.teks)]
    if not blok and not any(b.teks.lower().startswith("tembusan") for b in tanda):
        return None
    batas = min(blok + [b.y0 for b in tanda])
    if _jumlah_baris([b for b in isi if b.y1 <= batas + 0.1]) >= 2:
        return None
    return Temuan(h.nomor, "penutup sendiri",
                  "halaman ini hanya memuat penutup, tanda tangan dan/atau tembusan; bawa sedikitnya dua baris isi "
                  "bersamanya dari halaman sebelumnya")


def _di_luar_margin(h: Halaman, m: Margin) -> list[Temuan]:
    hasil = []
    for b in h.baris:
        if _tepi(h, b, m):
            kiri, kanan = 5.0, h.lebar - 5.0  # bands: only the page's edge is off limits
        else:
            kiri, kanan = m.kiri - TOLERANSI_MM, h.lebar - m.kanan + TOLERANSI_MM
        if b.x0 < kiri or b.x1 > kanan:
            sisi = "kiri" if b.x0 < kiri else "kanan"
            hasil.append(Temuan(h.nomor, "di luar margin",
                                f"teks melewati margin {sisi} ({b.x0:.0f}–{b.x1:.0f} mm dari tepi kiri): "
                                f"“{b.teks[:60]}”"))
    return hasil


def _butir(baris: list[Baris]) -> list[Baris]:
    """The lines that start a list item, as one line from the marker: "8. Peraturan ..." as pdftotext gives it, or
    the marker "8." set apart by a tab joined with the item's first line beside it."""
    hasil = []
    for b in baris:
        if _BUTIR.match(b.teks):
            hasil.append(b)
        elif _TANDA_BUTIR.match(b.teks):
            teks = next((t for t in baris if abs(t.y0 - b.y0) < 1 and t.x0 > b.x1), None)
            hasil.append(b if teks is None else Baris(f"{b.teks} {teks.teks}", b.x0, b.y0, teks.x1, teks.y1))
    return hasil


def _daftar_terpotong(sebelum: Halaman, h: Halaman, m: Margin) -> list[Temuan]:
    """A list item's first line alone at the bottom of `sebelum`, or its last line alone at the top of `h`."""
    akhir, awal = _isi(sebelum, m), _isi(h, m)
    if not akhir or not awal:
        return []
    hasil = []
    pertama = awal[0]
    butir = _butir(akhir[-12:])
    terakhir = max(akhir, key=lambda b: b.y0)
    lanjutan = bool(butir) and abs(butir[-1].y0 - terakhir.y0) < 1 and _lanjutan(pertama, butir[-1])
    if lanjutan:
        hasil.append(Temuan(sebelum.nomor, "daftar terpotong",
                            f"baris pertama butir “{butir[-1].teks[:40]}” sendirian di bawah halaman; lanjutannya di "
                            f"halaman {h.nomor}"))
    if butir and _lanjutan(pertama, butir[-1]):
        kedua = awal[1] if len(awal) > 1 else None
        # Alone: nothing follows in the item; a line further left right below would make it a paragraph's
        # indented first line, a line further right (a centred heading) does not.
        sendiri = kedua is None or bool(_butir([kedua])) or kedua.x0 > pertama.x0 + 2 \
            or kedua.y0 - pertama.y1 > pertama.tinggi
        if sendiri and not lanjutan:
            hasil.append(Temuan(h.nomor, "daftar terpotong",
                                f"baris terakhir butir “{butir[-1].teks[:40]}” sendirian di atas halaman: "
                                f"“{pertama.teks[:40]}”"))
    return hasil


def periksa_halaman(halaman: list[Halaman], margin: Margin = Margin()) -> list[Temuan]:
    """The findings of the layout rules on pages already read (see the module docstring)."""
    awal = awal_dokumen(halaman)
    hasil: list[Temuan] = []
    for i, h in enumerate(halaman):
        isi = _isi(h, margin)
        if not isi and not h.bergambar:
            ada_nomor = " selain nomor halaman" if h.baris else ""
            hasil.append(Temuan(h.nomor, "kosong", f"halaman kosong: tidak ada isi{ada_nomor}"))
            continue
        if h.nomor not in awal:
            if (t := _penutup_sendiri(h, margin)) is not None:
                hasil.append(t)
            if not _bernomor(h, margin):
                hasil.append(Temuan(h.nomor, "tanpa nomor", "halaman lanjutan tanpa nomor halaman"))
            hasil.extend(_daftar_terpotong(halaman[i - 1], h, margin))
        hasil.extend(_di_luar_margin(h, margin))
    return hasil


def peringatan(pdf: bytes, awalan: str = "Tata letak PDF") -> list[str]:
    """The findings on `pdf` as warnings shown with the document ("Tata letak PDF: hal. 2: ..."). A PDF that
    cannot be checked says so: the check never passes silently."""
    try:
        temuan = periksa(pdf)
    except DocgenError as exc:
        return [f"{awalan}: tidak dapat diperiksa ({exc.pesan})"]
    return [f"{awalan}: {t}" for t in temuan]


def periksa(pdf: bytes, margin: Margin = Margin()) -> list[Temuan]:
    """Every finding on `pdf`: the page rules, then each font used without being embedded."""
    hasil = periksa_halaman(baca_halaman(pdf), margin)
    for nama, hal in sorted(huruf_tidak_tertanam(pdf).items()):
        daftar = ", ".join(str(n) for n in hal[:5]) + (f" dan {len(hal) - 5} lainnya" if len(hal) > 5 else "")
        hasil.append(Temuan(0, "huruf tidak tertanam", f"huruf {nama} tidak tertanam di PDF (hal. {daftar})"))
    return hasil
