"""Check an uploaded Office package (.docx, .xlsx) by parsing it, before any Office library or LibreOffice opens
it: its XML cannot exhaust memory or time, and no relationship leads outside it.

Run after docgen.arsip_zip (a real ZIP, no zip bomb by its directory). The XML parts are chosen by extension and
by [Content_Types].xml; the sizes the ZIP directory declares for them are checked before one byte is inflated,
then each part streams through lxml's iterparse on a safe parser (no network, no DTD, no entity expansion, no
huge trees) while the bytes, the elements and the time are counted against `Aturan`; the first limit passed stops
the parse. Office packages embedded in the package (the workbook behind a chart) are checked the same way, on the
same budget.

Refused, whatever the spelling of the XML (quotes, spaces and character references are undone by the parser):
- a relationship whose TargetMode is anything but Internal, unless it is a hyperlink to an allowed scheme
  (`Aturan.skema_tautan`) and only hyperlink elements refer to it (LibreOffice loads a picture from any external
  relationship its id names, hyperlink or not);
- an internal target that is a URI (`file:`, `http:`, `C:`), a network or UNC path, or climbs out of the package;
- Excel's DDE/OLE links and links to other workbooks; a DOCTYPE; a part XML by its content type whose name does
  not end in .xml/.rels/.vml (readers that look at names only would skip it).

What the Word parts themselves load (field codes such as INCLUDEPICTURE, attached templates, linked OLE objects,
VML sources) is docgen.docx_luar's check, which the .docx uploads run after this one.
"""

from __future__ import annotations

import io
import posixpath
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO
from urllib.parse import unquote, urlsplit

from lxml import etree

from docgen import arsip_zip
from docgen.errors import InputTidakValid

_NS_REL = frozenset({"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                     "http://purl.oclc.org/ooxml/officeDocument/relationships"})
_ELEMEN_TAUTAN = frozenset({"hyperlink", "hlinkClick", "hlinkHover", "hlinkMouseOver"})
_ELEMEN_LUAR = {"ddeLink": "tautan DDE ke program lain", "oleLink": "tautan OLE ke berkas lain",
                "externalBook": "tautan ke buku kerja Excel lain"}
_SKEMA = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
SKEMA_TAUTAN = frozenset({"http", "https", "mailto"})  # where an external hyperlink may lead
_EKSTENSI_XML = (".xml", ".rels", ".vml")
MAKS_SARANG = 3  # packages embedded in embedded packages
MAKS_ENTRI_SEMATAN = 1000
_BACA = 64 * 1024


@dataclass(frozen=True)
class Aturan:
    """What one kind of upload may hold: its XML budget (bytes, elements, seconds) and the schemes an external
    hyperlink may use. `jenis` names the kind in messages."""

    jenis: str
    maks_byte: int
    maks_elemen: int
    maks_detik: float = 5.0
    skema_tautan: frozenset[str] = SKEMA_TAUTAN


# Measured: the built-in templates hold 0.83-0.92 MB of XML and 19 000-24 000 elements (styles mostly), the sample
# LKjIP rendered 1.1 MB and 29 000; a template ten times that is still accepted. The server measured 281 s per
# render for a template of 29 MB of XML.
TEMPLAT = Aturan("templat .docx", maks_byte=10 * 1024 * 1024, maks_elemen=200_000)
DOKUMEN = Aturan("dokumen Word .docx", maks_byte=20 * 1024 * 1024, maks_elemen=500_000)
# A form of 5 000 rows (formulir_xlsx.MAKS_BARIS) with its 15 columns filled is 3.7 MB of XML and 185 000 elements.
FORMULIR = Aturan("formulir Excel .xlsx", maks_byte=12 * 1024 * 1024, maks_elemen=400_000)


def _ribuan(n: int | float) -> str:
    return f"{n:,.0f}".replace(",", ".")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


class _Ditolak(Exception):
    """One problem in one part; turned into InputTidakValid by periksa_paket."""

    def __init__(self, bagian: str, pesan: str):
        super().__init__(pesan)
        self.bagian, self.pesan = bagian, pesan


@dataclass
class _Anggaran:
    """What the parts read so far have used of the package's budget: bytes inflated, elements, time.

    Elements are counted on the bytes as the parser pulls them (every '<' that opens no end tag, comment, CDATA or
    processing instruction), at C speed and never fewer than there are; the parse stops at the first chunk over."""

    aturan: Aturan
    batas_waktu: float
    byte: int = 0
    elemen: int = 0

    def tambah(self, bagian: str, data: bytes) -> None:
        self.byte += len(data)
        if self.byte > self.aturan.maks_byte:
            raise _Ditolak(bagian, f"XML lebih dari {_mb(self.aturan.maks_byte)} bila dibuka (batas "
                                   f"{self.aturan.jenis}); bukan berkas biasa, ditolak")
        self.elemen += data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")
        if self.elemen > self.aturan.maks_elemen:
            raise _Ditolak(bagian, f"lebih dari {_ribuan(self.aturan.maks_elemen)} elemen XML (batas "
                                   f"{self.aturan.jenis}); bukan berkas biasa, ditolak")
        if time.monotonic() > self.batas_waktu:
            raise _Ditolak(bagian, f"pemeriksaan isi lebih dari {self.aturan.maks_detik:.0f} detik; berkas ditolak")


class _Aliran:
    """A part's bytes as they inflate, counted against the budget (lxml calls read)."""

    def __init__(self, f: IO[bytes], anggaran: _Anggaran, bagian: str):
        self.f, self.anggaran, self.bagian = f, anggaran, bagian

    def read(self, n: int = -1) -> bytes:
        data = self.f.read(min(n, _BACA) if n and n > 0 else _BACA)
        self.anggaran.tambah(self.bagian, data)
        return data


# The elements looked at, and the repeated containers emptied once parsed (they keep the tree small).
_DIPERIKSA = frozenset({"Relationship", "Default", "Override", *_ELEMEN_LUAR})
_DIBUANG = frozenset({"p", "tbl", "row", "si", "style", "font", "xf", "abstractNum", "num", "lvl", "latentStyles"})
_TAG = tuple(f"{{*}}{n}" for n in sorted(_DIPERIKSA | _DIBUANG))


def _elemen(z: zipfile.ZipFile, info: zipfile.ZipInfo, anggaran: _Anggaran, awalan: str, *,
            semua: bool = False) -> Iterator[tuple[str, etree._Element]]:
    """(local name, element) of the elements of a part worth looking at (every element with `semua`), each at its
    end, in document order.

    The whole part is parsed (well formed, no DOCTYPE, not nested deeper than libxml2's 256 levels) within the
    budget; what was looked at, and the repeated containers, are emptied once parsed."""
    bagian = awalan + info.filename
    with z.open(info) as f:
        # VML written by Office is not always well-formed: read it leniently (its links are in the .rels parts)
        konteks = etree.iterparse(_Aliran(f, anggaran, bagian), events=("end",), tag=None if semua else _TAG,
                                  resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                  remove_comments=True, remove_pis=True, recover=bagian.casefold().endswith(".vml"))
        pertama = True
        try:
            for _, el in konteks:
                if pertama:
                    pertama = False
                    _tanpa_doctype(el, bagian)
                tag = el.tag
                lokal = tag[tag.rfind("}") + 1:] if isinstance(tag, str) else ""
                if semua or lokal in _DIPERIKSA:
                    yield lokal, el
                el.clear(keep_tail=True)  # its children were looked at already (they end first)
        except etree.XMLSyntaxError as exc:
            raise _Ditolak(bagian, f"XML rusak atau bertingkat terlalu dalam ({exc.msg}); buka dan simpan ulang "
                                   "berkasnya") from None
        if konteks.root is not None:
            _tanpa_doctype(konteks.root, bagian)


def _tanpa_doctype(el: etree._Element, bagian: str) -> None:
    if el.getroottree().docinfo.doctype:
        raise _Ditolak(bagian, "memuat DOCTYPE (definisi entitas); berkas Office tidak memakainya")


def bagian_pemilik(rels: str) -> str:
    """The part a .rels part describes: 'word/_rels/document.xml.rels' -> 'word/document.xml', '_rels/.rels' -> ''."""
    folder, _, nama = rels.rpartition("/")
    folder = folder[:-len("_rels")].rstrip("/") if folder.endswith("_rels") else folder
    nama = nama[:-len(".rels")]
    return f"{folder}/{nama}" if folder and nama else nama


@dataclass(frozen=True)
class Hubungan:
    """One Relationship judged: `tautan` when it is an allowed external hyperlink, else `alasan` says why it
    leads outside the package ('' when it stays inside)."""

    rid: str
    tautan: bool
    alasan: str


def nilai_hubungan(el: etree._Element, rels: str, skema_tautan: frozenset[str] = SKEMA_TAUTAN) -> Hubungan:
    """Judge the Relationship `el` of the part `rels` (the one rule of both the upload check and docgen.docx_luar):
    any TargetMode but Internal leaves the package unless it is a hyperlink to a scheme of `skema_tautan`; an
    internal target that is a URI, a network or UNC path, or climbs out of the package leaves it too."""
    rid = el.get("Id") or "?"
    jenis = (el.get("Type") or "").rstrip("/").rpartition("/")[2] or "tanpa jenis"
    target = (el.get("Target") or "").strip()
    mode = (el.get("TargetMode") or "Internal").strip()
    if mode.casefold() != "internal":  # External, however written; an unknown mode is not trusted either
        try:
            skema = urlsplit(target).scheme.casefold()
        except ValueError:
            skema = ""
        if jenis == "hyperlink" and skema in skema_tautan:
            return Hubungan(rid, True, "")
        return Hubungan(rid, False, f"hubungan {rid} ({jenis}) menunjuk ke luar berkas: “{target[:120]}”")
    jalur = unquote(target)
    if _SKEMA.match(jalur.lstrip()) or jalur.startswith(("//", "\\")) or "\\" in jalur:
        return Hubungan(rid, False, f"hubungan {rid} ({jenis}) memakai alamat, bukan bagian berkas: “{target[:120]}”")
    if not jalur.startswith("/"):
        jalur = posixpath.normpath(posixpath.join(posixpath.dirname(bagian_pemilik(rels)), jalur))
        if jalur == ".." or jalur.startswith("../"):
            return Hubungan(rid, False, f"hubungan {rid} ({jenis}) menunjuk ke luar paket: “{target[:120]}”")
    return Hubungan(rid, False, "")


def _periksa_hubungan(el: etree._Element, rels: str, awalan: str, aturan: Aturan, tautan: set[str]) -> None:
    """One Relationship of the part `rels`: an allowed external hyperlink goes to `tautan`; anything else leaving the
    package raises."""
    h = nilai_hubungan(el, rels, aturan.skema_tautan)
    if h.tautan:
        tautan.add(h.rid)
    elif h.alasan:
        boleh = "/".join(sorted(aturan.skema_tautan))
        raise _Ditolak(awalan + rels, f"{h.alasan}; sematkan gambar/berkasnya ke dalam dokumen (hanya hyperlink "
                                      f"{boleh} yang boleh ke luar)")


def _periksa_bagian(z: zipfile.ZipFile, info: zipfile.ZipInfo, anggaran: _Anggaran, tautan: set[str],
                    awalan: str) -> None:
    """Stream one part other than .rels: Excel's outside links, and which elements use the external ids."""
    bagian = awalan + info.filename
    for nama, el in _elemen(z, info, anggaran, awalan, semua=bool(tautan)):  # every element when ids lead outside
        if nama in _ELEMEN_LUAR:
            raise _Ditolak(bagian, f"memuat {_ELEMEN_LUAR[nama]} (<{nama}>); hapus tautannya lalu simpan ulang")
        if tautan and nama not in _ELEMEN_TAUTAN:
            for k, v in el.attrib.items():
                if v in tautan and k.startswith("{") and k[1:].partition("}")[0] in _NS_REL:
                    raise _Ditolak(bagian, f"<{nama}> memakai hubungan {v}, sebuah tautan ke luar berkas; hanya "
                                           "hyperlink yang boleh menunjuk ke luar")


def _jenis_isi(z: zipfile.ZipFile, info: zipfile.ZipInfo, anggaran: _Anggaran,
               awalan: str) -> tuple[dict[str, str], dict[str, str]]:
    """[Content_Types].xml: content type by extension, and by part name (lower case, without the leading '/')."""
    default: dict[str, str] = {}
    override: dict[str, str] = {}
    for nama, el in _elemen(z, info, anggaran, awalan):
        if nama == "Default":
            default[(el.get("Extension") or "").casefold()] = el.get("ContentType") or ""
        elif nama == "Override":
            override[(el.get("PartName") or "").lstrip("/").casefold()] = el.get("ContentType") or ""
    return default, override


def _xml_menurut_nama(info: zipfile.ZipInfo) -> bool:
    return info.filename.casefold().endswith(_EKSTENSI_XML)


def _cek_deklarasi(daftar: list[zipfile.ZipInfo], anggaran: _Anggaran, awalan: str) -> None:
    """The XML the ZIP directory declares, with what was read before, within the budget: nothing inflated yet."""
    total = anggaran.byte + sum(i.file_size for i in daftar)
    maks = anggaran.aturan.maks_byte
    if daftar and total > maks:
        terbesar = max(daftar, key=lambda i: i.file_size)
        raise _Ditolak(awalan + terbesar.filename, f"XML paket ini {_mb(total)} bila dibuka (paling banyak "
                                                   f"{_mb(maks)} untuk {anggaran.aturan.jenis}); ditolak tanpa dibuka")


def periksa_paket(isi: bytes, aturan: Aturan, *, medan: str = "berkas") -> None:
    """Check every XML part of an Office package, and of the packages embedded in it, against `aturan` (see the
    module docstring).

    Raises InputTidakValid on field `medan` naming the part: 'bagian word/_rels/document.xml.rels: ...'.
    """
    try:
        _periksa(isi, _Anggaran(aturan, time.monotonic() + aturan.maks_detik), "", 0)
    except _Ditolak as exc:
        raise InputTidakValid(f"Berkas ditolak: isi {aturan.jenis} tidak aman", fields={
            medan: f"bagian {exc.bagian}: {exc.pesan}"}) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise InputTidakValid(f"Berkas ditolak: {aturan.jenis} rusak", fields={
            medan: f"paket ZIP rusak; buka dan simpan ulang sebagai {aturan.jenis}"}) from None


def _periksa(isi: bytes, anggaran: _Anggaran, awalan: str, sarang: int) -> None:
    """Check one package; `awalan` names where it sits ('word/embeddings/x.xlsx!'), `sarang` how deep."""
    if sarang:  # the outer package passed docgen.arsip_zip before; an embedded one is held to the same checks here
        try:
            arsip_zip.periksa_zip(isi, jenis="paket Office", wajib=(), medan="sematan", batas=arsip_zip.BatasZip(
                maks_entri=MAKS_ENTRI_SEMATAN, maks_total=anggaran.aturan.maks_byte))
        except InputTidakValid as exc:
            raise _Ditolak(awalan.rstrip("!"), f"paket sematan ditolak: {exc.fields['sematan']}") from None
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        semua = [i for i in z.infolist() if not i.is_dir()]
        _cek_deklarasi([i for i in semua if _xml_menurut_nama(i)], anggaran, awalan)
        default: dict[str, str] = {}
        override: dict[str, str] = {}
        jenis = next((i for i in semua if i.filename == "[Content_Types].xml"), None)
        if jenis is not None:
            default, override = _jenis_isi(z, jenis, anggaran, awalan)

        def tipe(i: zipfile.ZipInfo) -> str:
            nama = i.filename.casefold()
            return override.get(nama) or default.get(nama.rpartition(".")[2] if "." in nama else "", "")

        bagian, lain = [], []
        for i in semua:
            if i is jenis:
                continue
            if _xml_menurut_nama(i):
                bagian.append(i)
            elif tipe(i).endswith("xml"):
                raise _Ditolak(awalan + i.filename, f"berisi XML ({tipe(i)}) tetapi namanya tidak berakhiran .xml; "
                                                    "bukan paket Office biasa")
            else:
                lain.append(i)
        _cek_deklarasi([*bagian, *([jenis] if jenis else [])], anggaran, awalan)
        tautan: dict[str, set[str]] = {}
        for info in bagian:
            if info.filename.casefold().endswith(".rels"):
                ke = tautan.setdefault(bagian_pemilik(info.filename).casefold(), set())
                for nama, el in _elemen(z, info, anggaran, awalan):
                    if nama == "Relationship":
                        _periksa_hubungan(el, info.filename, awalan, anggaran.aturan, ke)
        for info in bagian:
            if not info.filename.casefold().endswith(".rels"):
                _periksa_bagian(z, info, anggaran, tautan.get(info.filename.casefold(), set()), awalan)
        for info in lain:  # an embedded Office package (a chart's workbook, an OLE document) is checked as well
            with z.open(info) as f:
                paket = f.read(4) == b"PK\x03\x04"
            if not paket:
                continue
            if sarang >= MAKS_SARANG:
                raise _Ditolak(awalan + info.filename, "paket sematan bersarang terlalu dalam; ditolak")
            _periksa(z.read(info), anggaran, f"{awalan}{info.filename}!", sarang + 1)
