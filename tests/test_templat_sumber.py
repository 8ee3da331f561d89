"""The committed templates are what tools/build_templates.py writes: any drift names the template and where."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen import documents
from tests.conftest import TEMPLATES
from tools.build_templates import TEMPLAT, bangun_semua

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SLUG = sorted(j.slug for j in documents.semua())
ABAIKAN = {"docProps/core.xml"}  # creation and modification timestamps
BAGIAN_TEKS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
PERBAIKI = "ubah templat di tools/, jalankan `make templates`, periksa diff-nya, commit keduanya"


@pytest.fixture(scope="module")
def dibangun(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rebuild every template into a fresh folder once for this module."""
    keluaran = tmp_path_factory.mktemp("templat")
    bangun_semua(keluaran)
    return keluaran


def _bagian(docx: Path) -> dict[str, bytes]:
    """Return the parts of a .docx by name."""
    with zipfile.ZipFile(docx) as z:
        return {n: z.read(n) for n in z.namelist() if n not in ABAIKAN}


def _pasangan(slug: str, dibangun: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Return the parts of the rebuilt and the committed template of `slug`."""
    tersimpan = TEMPLATES / f"{slug}.docx"
    assert tersimpan.exists(), f"{slug}: templates_docx/{slug}.docx tidak ada; {PERBAIKI}"
    return _bagian(dibangun / f"{slug}.docx"), _bagian(tersimpan)


def _teks(p: etree._Element) -> str:
    """Return a paragraph's text, with tabs and line breaks."""
    bagian = []
    for el in p.iter(W + "t", W + "tab", W + "br"):
        bagian.append(el.text or "" if el.tag == W + "t" else "\t" if el.tag == W + "tab" else "\n")
    return "".join(bagian)


def _paragraf(xml: bytes) -> list[str]:
    """Return the text of every paragraph of a part in document order, table cells included."""
    return [_teks(p) for p in etree.fromstring(xml).iter(W + "p")]


def _nama(el: etree._Element) -> str:
    q = etree.QName(el)
    return f"{el.prefix}:{q.localname}" if el.prefix else q.localname


def _jalur(el: etree._Element) -> str:
    """Return an element's path such as /w:document/w:body/w:p[12]/w:pPr."""
    langkah = []
    while el is not None:
        induk = el.getparent()
        nama = _nama(el)
        if induk is not None:
            sama = [s for s in induk if s.tag == el.tag]
            if len(sama) > 1:
                nama += f"[{sama.index(el) + 1}]"
        langkah.append(nama)
        el = induk
    return "/" + "/".join(reversed(langkah))


def _konteks(el: etree._Element) -> str:
    """Say where an element sits for a reader: its paragraph (number and text) or its style."""
    for induk in el.iterancestors():
        if induk.tag == W + "style":
            return f"; gaya {induk.get(W + 'styleId')!r}"
    p = el if el.tag == W + "p" else next(el.iterancestors(W + "p"), None)
    if p is None:
        return ""
    nomor = list(p.getroottree().iter(W + "p")).index(p) + 1
    return f"; paragraf ke-{nomor}: {_teks(p)!r}"


def _beda_pertama(a: etree._Element, b: etree._Element) -> str | None:
    """Return where two element trees first differ (path, what differs, context), or None when equal."""
    if a.tag != b.tag:
        return f"{_jalur(a)}: elemen {_nama(a)} di builder, {_nama(b)} di templat tersimpan{_konteks(a)}"
    if dict(a.attrib) != dict(b.attrib):
        kunci = sorted(k for k in set(a.attrib) | set(b.attrib) if a.get(k) != b.get(k))
        beda = ", ".join(f"{etree.QName(k).localname}: {a.get(k)!r} / {b.get(k)!r}" for k in kunci)
        return f"{_jalur(a)}: atribut (builder / tersimpan) {beda}{_konteks(a)}"
    if (a.text or "") != (b.text or ""):
        return f"{_jalur(a)}: teks {a.text!r} / {b.text!r}{_konteks(a)}"
    for x, y in zip(a, b, strict=False):
        beda = _beda_pertama(x, y)
        if beda:
            return beda
        if (x.tail or "") != (y.tail or ""):
            return f"{_jalur(x)}: spasi sesudahnya {x.tail!r} / {y.tail!r}{_konteks(x)}"
    if len(a) != len(b):
        return f"{_jalur(a)}: {len(a)} elemen anak di builder, {len(b)} di templat tersimpan{_konteks(a)}"
    return None


def _c14n(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def test_satu_templat_per_jenis_dokumen(dibangun: Path):
    assert sorted(TEMPLAT) == SLUG, "tools/build_templates.py dan registri jenis dokumen berbeda"
    assert sorted(p.stem for p in TEMPLATES.glob("*.docx")) == SLUG, "templates_docx/ dan registri berbeda"
    assert sorted(p.stem for p in dibangun.glob("*.docx")) == SLUG


@pytest.mark.parametrize("slug", SLUG)
def test_teks_per_paragraf_sama(slug: str, dibangun: Path):
    baru, lama = _pasangan(slug, dibangun)
    for nama in sorted(n for n in set(baru) | set(lama) if BAGIAN_TEKS.fullmatch(n)):
        assert nama in baru and nama in lama, f"{slug}: {nama} hanya ada di salah satu; {PERBAIKI}"
        a, b = _paragraf(baru[nama]), _paragraf(lama[nama])
        for i, (x, y) in enumerate(zip(a, b, strict=False), 1):
            assert x == y, (f"{slug}: {nama} paragraf ke-{i} berbeda:\n  builder  : {x!r}\n  tersimpan: {y!r}\n"
                            f"{PERBAIKI}")
        assert len(a) == len(b), f"{slug}: {nama} punya {len(a)} paragraf dari builder, {len(b)} tersimpan; {PERBAIKI}"


def _tata_halaman(xml: bytes) -> list[dict[str, dict[str, str]]]:
    """Return each section's page size, orientation and margins."""
    hasil = []
    for sect in etree.fromstring(xml).iter(W + "sectPr"):
        hasil.append({nama: {etree.QName(k).localname: v for k, v in el.attrib.items()}
                      for nama in ("pgSz", "pgMar") if (el := sect.find(W + nama)) is not None})
    return hasil


@pytest.mark.parametrize("slug", SLUG)
def test_tata_halaman_sama(slug: str, dibangun: Path):
    baru, lama = _pasangan(slug, dibangun)
    a, b = _tata_halaman(baru["word/document.xml"]), _tata_halaman(lama["word/document.xml"])
    assert len(a) == len(b), f"{slug}: {len(a)} seksi dari builder, {len(b)} tersimpan; {PERBAIKI}"
    for i, (x, y) in enumerate(zip(a, b, strict=True), 1):
        assert x == y, (f"{slug}: ukuran/margin/orientasi seksi ke-{i} berbeda:\n  builder  : {x}\n"
                        f"  tersimpan: {y}\n{PERBAIKI}")


@pytest.mark.parametrize("slug", SLUG)
def test_xml_sama(slug: str, dibangun: Path):
    """Every part (styles, numbering, settings, headers, footers, relationships...) is equal after C14N."""
    baru, lama = _pasangan(slug, dibangun)
    assert sorted(baru) == sorted(lama), (
        f"{slug}: bagian .docx berbeda: hanya builder {sorted(set(baru) - set(lama))}, "
        f"hanya tersimpan {sorted(set(lama) - set(baru))}; {PERBAIKI}")
    for nama in sorted(n for n in baru if baru[n] != lama[n]):
        if not nama.endswith((".xml", ".rels")):
            assert baru[nama] == lama[nama], f"{slug}: {nama} berbeda; {PERBAIKI}"
            continue
        a, b = _c14n(baru[nama]), _c14n(lama[nama])
        if a != b:
            beda = _beda_pertama(etree.fromstring(a), etree.fromstring(b)) or "urutan atau namespace"
            pytest.fail(f"{slug}: {nama} berbeda di {beda}\n{PERBAIKI}")
