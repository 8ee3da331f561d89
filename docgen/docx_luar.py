"""Find what in a .docx makes Word or LibreOffice load content from outside the package, and refuse it.

Every conversion (docgen.convert.Konverter.ke_pdf) runs this before LibreOffice sees the document; the settings
of LibreOffice's profile (docgen.profil_lo) are the second line. Looked at, on a parser that loads nothing
(no network, no DTD, no entity expansion), a DOCTYPE in any part being refused:

- every relationship part (`*.rels`), by the one rule of docgen.paket_office.nilai_hubungan: a relationship whose
  TargetMode is not Internal is refused unless it is a hyperlink to http(s) or mailto, and such a hyperlink id may
  only be used by hyperlink elements (a picture pointing at it would be fetched); an internal target that is a URL
  (`file:`, `http:`, `C:`), a UNC path or climbs out of the package is refused too;
- in every other part that is XML by its content (whatever its name): field codes that load external content
  (INCLUDEPICTURE, INCLUDETEXT, INCLUDE, LINK, DDE, DDEAUTO, IMPORT, DATABASE; in `w:instrText`, also split over
  runs and nested, and in `w:fldSimple/@w:instr`) and field names built from a nested field; `w:attachedTemplate`,
  `w:subDoc`, `w:altChunk`; linked OLE objects (`o:OLEObject Type="Link"`); VML pictures naming a source of their
  own (`src`, `o:href`);
- embedded Office packages (a workbook behind a chart, an embedded document), the same way.

`temuan(isi)` lists every finding; `periksa(isi)` raises SumberLuarDitolak (422) naming the first ones.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from docgen.errors import KonversiGagal
from docgen.paket_office import SKEMA_TAUTAN, bagian_pemilik, nilai_hubungan

NS_W = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main")
NS_R = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships")
NS_O = "urn:schemas-microsoft-com:office:office"
NS_V = "urn:schemas-microsoft-com:vml"

FIELD_LUAR = frozenset({"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDE", "DDEAUTO", "IMPORT", "DATABASE"})
ELEMEN_TAUTAN = frozenset({"hyperlink", "hlinkClick", "hlinkHover", "hlinkMouseOver"})
_ELEMEN_LUAR = {
    "attachedTemplate": "templat terlampir (w:attachedTemplate)",
    "subDoc": "subdokumen (w:subDoc)",
    "altChunk": "dokumen sisipan (w:altChunk)",
}
# A non-.rels part holding none of these bytes (and no id of an external hyperlink) has nothing to look at.
_PENANDA = (b"instr", b"attachedTemplate", b"subDoc", b"altChunk", b"OLEObject", b"href", b"src=", b"<!DOCTYPE")
MAKS_SARANG = 3  # embedded packages inside embedded packages
MAKS_DISEBUT = 5  # findings named in the error message
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class SumberLuarDitolak(KonversiGagal):
    """A .docx refers to content outside its package (a linked picture, an included file, a template): not
    converted."""

    status = 422


@dataclass(frozen=True)
class Temuan:
    """One reference to outside content: the part it sits in and what it is."""

    bagian: str
    uraian: str
    luar: bool = True  # False: the bytes are no readable .docx at all

    def __str__(self) -> str:
        return f"{self.bagian}: {self.uraian}"


def _nama(el: etree._Element) -> tuple[str, str]:
    q = etree.QName(el)
    return q.namespace or "", q.localname


def _relasi(bagian: str, rels: str, root: etree._Element, tautan: set[str]) -> list[Temuan]:
    """Findings of the .rels part `rels` (named `bagian` in messages), by docgen.paket_office's rule; the ids of its
    allowed external hyperlinks go to `tautan`."""
    hasil = []
    for r in root.iter(etree.Element):
        if _nama(r)[1] != "Relationship":
            continue
        h = nilai_hubungan(r, rels, SKEMA_TAUTAN)
        if h.tautan:
            tautan.add(h.rid)
        elif h.alasan:
            hasil.append(Temuan(bagian, h.alasan))
    return hasil


def _nama_field(instr: str) -> str:
    kata = instr.split(None, 1)
    return kata[0].strip('"').upper() if kata else ""


_TAG_DILIHAT = (*(f"{{{w}}}{n}" for w in NS_W for n in ("fldSimple", "instrText", "delInstrText", "fldChar",
                                                          *_ELEMEN_LUAR)),
                f"{{{NS_O}}}OLEObject", f"{{{NS_V}}}*")


def _isi(bagian: str, root: etree._Element, tautan: set[str]) -> list[Temuan]:
    """Findings of one XML part: field codes (complex fields nested, instructions split over runs), elements that
    pull in other content, and uses of external hyperlink ids by anything but a hyperlink."""
    hasil: list[Temuan] = []
    instruksi: list[str] = []
    tumpukan: list[list[str]] = []
    for el in root.iter(*_TAG_DILIHAT):  # filtered by lxml itself, in document order
        ns, nama = _nama(el)
        if nama == "fldSimple":
            instruksi.append(el.get(f"{{{ns}}}instr", ""))
        elif nama in ("instrText", "delInstrText"):
            (tumpukan[-1] if tumpukan else instruksi).append(el.text or "")
        elif nama == "fldChar":
            jenis = el.get(f"{{{ns}}}fldCharType", "")
            if jenis == "begin":
                sebelum = "".join(tumpukan[-1]) if tumpukan else " x "
                if not sebelum.strip() or (len(sebelum.split()) == 1 and not sebelum[-1].isspace()):
                    hasil.append(Temuan(bagian, "nama kode field dibentuk dari field bersarang; tulis nama field "
                                                "secara langsung"))
                tumpukan.append([])
            elif jenis == "end" and tumpukan:
                instruksi.append("".join(tumpukan.pop()))
        elif nama in _ELEMEN_LUAR and ns in NS_W:
            hasil.append(Temuan(bagian, f"{_ELEMEN_LUAR[nama]} tidak diizinkan"))
        elif nama == "OLEObject":
            if (el.get("Type") or "").lower() == "link":
                hasil.append(Temuan(bagian, f"objek OLE tertaut ke berkas lain (ProgID {el.get('ProgID', '?')})"))
        elif ns == NS_V:
            hasil.extend(Temuan(bagian, f"gambar VML mengambil isi dari “{el.get(a)}”")
                         for a in ("src", f"{{{NS_O}}}href") if (el.get(a) or "").strip())
    instruksi.extend("".join(t) for t in tumpukan)  # fields never closed
    hasil.extend(Temuan(bagian, f"kode field {_nama_field(t)} memuat isi dari luar: “{t.strip()}”")
                 for t in instruksi if _nama_field(t) in FIELD_LUAR)
    for rid in sorted(tautan):
        for nilai in root.xpath("//@*[. = $v]", v=rid):
            el = nilai.getparent()
            if etree.QName(nilai.attrname).namespace in NS_R and _nama(el)[1] not in ELEMEN_TAUTAN:
                hasil.append(Temuan(bagian, f"<{_nama(el)[1]}> memakai hubungan {rid}, sebuah tautan ke luar berkas; "
                                            "hanya hyperlink yang boleh menunjuk ke luar"))
    return hasil


def _xml(data: bytes, bagian: str) -> etree._Element | Temuan:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        return Temuan(bagian, f"XML rusak, tidak dapat diperiksa ({exc.msg})", luar=False)
    if root.getroottree().docinfo.doctype:
        return Temuan(bagian, "memuat DOCTYPE (definisi entitas); berkas Office tidak memakainya")
    return root


def _periksa_paket(isi: bytes, awalan: str, sarang: int) -> list[Temuan]:
    try:
        z = zipfile.ZipFile(io.BytesIO(isi))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return [Temuan(awalan.rstrip("!") or "berkas", "bukan paket Office (ZIP) yang dapat dibaca", luar=False)]
    hasil: list[Temuan] = []
    tautan: dict[str, set[str]] = {}
    with z:
        bagian = [i for i in z.infolist() if not i.is_dir()]
        for info in bagian:
            if info.filename.lower().endswith(".rels"):
                root = _xml(z.read(info), awalan + info.filename)
                ke = tautan.setdefault(bagian_pemilik(info.filename), set())
                hasil.extend([root] if isinstance(root, Temuan) else
                             _relasi(awalan + info.filename, info.filename, root, ke))
        for info in bagian:
            n = info.filename
            if n.lower().endswith(".rels"):
                continue
            with z.open(info) as f:
                awal = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
            if awal.startswith(b"<"):  # XML by its content, whatever the part is called
                data, ke = z.read(info), tautan.get(n, set())
                if ke or any(p in data for p in _PENANDA):
                    root = _xml(data, awalan + n)
                    hasil.extend([root] if isinstance(root, Temuan) else _isi(awalan + n, root, ke))
            elif awal.startswith(b"PK\x03\x04") and sarang < MAKS_SARANG:  # an embedded Office package
                hasil.extend(_periksa_paket(z.read(info), f"{awalan}{n}!", sarang + 1))
    return hasil


def temuan(isi: bytes) -> list[Temuan]:
    """Return every reference of the .docx `isi` to content outside it (empty when there is none)."""
    if not isi.startswith(b"PK\x03\x04"):
        return [Temuan("berkas", "bukan dokumen Word .docx (bukan paket ZIP Office)", luar=False)]
    hasil = _periksa_paket(isi, "", 0)
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            if "word/document.xml" not in z.namelist():
                hasil.insert(0, Temuan("berkas", "bukan dokumen Word .docx (tidak ada word/document.xml)", luar=False))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        pass  # already reported by _periksa_paket
    return hasil


def periksa(isi: bytes) -> None:
    """Refuse a .docx that refers to content outside itself. Raises SumberLuarDitolak (422) naming the part and
    target of the first findings."""
    semua = temuan(isi)
    rusak = [t for t in semua if not t.luar]
    if rusak:
        raise SumberLuarDitolak(f"Dokumen tidak dikonversi ke PDF: {rusak[0]}.")
    if not semua:
        return
    disebut = "; ".join(str(t) for t in semua[:MAKS_DISEBUT])
    lagi = f" (dan {len(semua) - MAKS_DISEBUT} lagi)" if len(semua) > MAKS_DISEBUT else ""
    raise SumberLuarDitolak(
        "Dokumen tidak dikonversi ke PDF karena merujuk isi dari luar berkasnya (gambar tertaut, berkas sisipan, "
        f"templat, atau objek tertaut): {disebut}{lagi}. Sematkan gambar dan isinya langsung ke dalam dokumen, "
        "lalu unggah ulang templatnya."
    )
