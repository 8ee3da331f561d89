"""docgen.paket_office: an Office package is parsed on a bounded budget and no relationship leads outside it,
however its XML is spelled; real templates and forms pass."""

from __future__ import annotations

import io
import json
import random
import zipfile

import pytest

from docgen import paket_office
from docgen.errors import InputTidakValid
from docgen.formulir_xlsx import tulis_formulir
from docgen.kinerja import DataKinerja
from tests.conftest import SAMPLES, TEMPLATES

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NOTA = (TEMPLATES / "nota-dinas.docx").read_bytes()


def _ubah(isi: bytes, nama: str, ubah=None, *, tambah: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            d = zin.read(item.filename)
            zout.writestr(item, ubah(d) if ubah and item.filename == nama else d)
        for n, d in (tambah or {}).items():
            zout.writestr(n, d)
    return buf.getvalue()


def _relasi(xml: str, isi: bytes = NOTA) -> bytes:
    return _ubah(isi, "word/_rels/document.xml.rels",
                 lambda d: d.replace(b"</Relationships>", xml.encode() + b"</Relationships>"))


def _tolak(isi: bytes, aturan: paket_office.Aturan = paket_office.TEMPLAT) -> str:
    with pytest.raises(InputTidakValid) as e:
        paket_office.periksa_paket(isi, aturan)
    return e.value.fields["berkas"]


def test_templat_bawaan_dan_formulir_lolos():
    for f in sorted(TEMPLATES.glob("*.docx")):
        paket_office.periksa_paket(f.read_bytes(), paket_office.TEMPLAT)
    data = DataKinerja.model_validate(json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8")))
    paket_office.periksa_paket(tulis_formulir(data, None), paket_office.FORMULIR)


@pytest.mark.parametrize("xml,kata", [
    (f"<Relationship Id='rX' Type='{REL}/image' Target='http://127.0.0.1/a' TargetMode='External'/>", "luar berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="http://127.0.0.1/a" TargetMode = "External" />',
     "luar berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="http://127.0.0.1/a" TargetMode="&#69;xternal"/>',
     "luar berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="http://127.0.0.1/a" TargetMode="&#x45;XTERNAL"/>',
     "luar berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="x" TargetMode="Eksternal"/>', "luar berkas"),  # unknown mode
    (f'<Relationship Id="rX" Type="{REL}/image" Target="file:///srv/lain/logo.png"/>', "bukan bagian berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="&#102;ile:///srv/lain/logo.png"/>', "bukan bagian berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="%66ile:///srv/lain/logo.png"/>', "bukan bagian berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="C:\\logo.png"/>', "bukan bagian berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="\\\\server\\share\\logo.png"/>', "bukan bagian berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="//server/logo.png"/>', "bukan bagian berkas"),
    (f'<Relationship Id="rX" Type="{REL}/image" Target="../../../etc/passwd"/>', "luar paket"),
    (f'<Relationship Id="rX" Type="{REL}/hyperlink" Target="file:///etc/passwd" TargetMode="External"/>',
     "luar berkas"),
    (f'<Relationship Id="rX" Type="{REL}/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>',
     "luar berkas"),
])
def test_relasi_ke_luar_ditolak_bagaimanapun_ditulis(xml, kata):
    pesan = _tolak(_relasi(xml))
    assert pesan.startswith("bagian word/_rels/document.xml.rels: hubungan rX") and kata in pesan


def test_hyperlink_web_boleh_kecuali_dipakai_gambar():
    sah = _relasi(f'<Relationship Id="rW" Type="{REL}/hyperlink" Target="https://x.go.id/" TargetMode="External"/>'
                  f'<Relationship Id="rM" Type="{REL}/hyperlink" Target="mailto:tu@x.go.id" TargetMode="External"/>')
    paket_office.periksa_paket(sah, paket_office.TEMPLAT)
    tautan = _ubah(sah, "word/document.xml", lambda d: d.replace(
        b"</w:body>", f'<w:p><w:hyperlink xmlns:r="{REL}" r:id="rW"/></w:p></w:body>'.encode()))
    paket_office.periksa_paket(tautan, paket_office.TEMPLAT)
    gambar = _ubah(sah, "word/document.xml", lambda d: d.replace(b"</w:body>", (
        '<w:p><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:q="{REL}" q:embed="rW"/></w:drawing></w:r></w:p></w:body>').encode()))
    assert _tolak(gambar) == ("bagian word/document.xml: <blip> memakai hubungan rW, sebuah tautan ke luar berkas; "
                              "hanya hyperlink yang boleh menunjuk ke luar")


def test_doctype_xml_rusak_dan_terlalu_dalam_ditolak():
    dtd = _ubah(NOTA, "word/styles.xml", lambda d: d.replace(b"?>", b'?><!DOCTYPE s [<!ENTITY a "a">]>', 1))
    assert _tolak(dtd) == "bagian word/styles.xml: memuat DOCTYPE (definisi entitas); berkas Office tidak memakainya"
    rusak = _ubah(NOTA, "word/document.xml", lambda d: d[:-20])
    assert _tolak(rusak).startswith("bagian word/document.xml: XML rusak")
    dalam = _ubah(NOTA, "word/document.xml", lambda d: d.replace(b"</w:body>", b"<a>" * 300 + b"</a>" * 300 +
                                                                 b"</w:body>"))
    assert "bertingkat terlalu dalam" in _tolak(dalam)


def test_ukuran_xml_dari_direktori_zip_tanpa_membuka(monkeypatch):
    besar = _ubah(NOTA, "", tambah={"word/besar.xml": b"<a>" + b" " * (11 * 1024 * 1024) + b"</a>"})
    dibuka = []
    asli = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, n, *a, **k: dibuka.append(n) or asli(self, n, *a, **k))
    assert _tolak(besar) == ("bagian word/besar.xml: XML paket ini 12 MB bila dibuka (paling banyak 10 MB untuk "
                             "templat .docx); ditolak tanpa dibuka")
    assert dibuka == []


def test_elemen_dan_waktu_dibatasi():
    banyak = _ubah(NOTA, "word/document.xml", lambda d: d.replace(b"</w:body>", b"<x/>" * 250_000 + b"</w:body>"))
    assert _tolak(banyak) == ("bagian word/document.xml: lebih dari 200.000 elemen XML (batas templat .docx); "
                              "bukan berkas biasa, ditolak")
    kilat = paket_office.Aturan("templat .docx", maks_byte=10 * 1024 * 1024, maks_elemen=10**6, maks_detik=0)
    assert "lebih dari 0 detik" in _tolak(NOTA, kilat)


def test_bagian_xml_bernama_lain_dan_paket_sematan():
    # a footer the content types call XML, under a name readers that look at names skip
    lain = _ubah(NOTA, "[Content_Types].xml", lambda d: d.replace(b"</Types>", (
        b'<Override PartName="/word/kaki.bin" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.footer+xml"/></Types>')), tambah={"word/kaki.bin": b"<w:ftr/>"})
    assert _tolak(lain).startswith("bagian word/kaki.bin: berisi XML (application/vnd.openxmlformats")
    # an embedded workbook (a chart's data) with an outside link, and one that is an XML bomb
    data = DataKinerja.model_validate(json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8")))
    xlsx = tulis_formulir(data, None)
    luar = _ubah(xlsx, "xl/_rels/workbook.xml.rels", lambda d: d.replace(b"</Relationships>", (
        f'<Relationship Id="rZ" Type="{REL}/externalLinkPath" Target="file:///x.xlsx" TargetMode="External"/>'
        "</Relationships>").encode()))
    pesan = _tolak(_ubah(NOTA, "", tambah={"word/embeddings/data.xlsx": luar}))
    assert pesan.startswith("bagian word/embeddings/data.xlsx!xl/_rels/workbook.xml.rels: hubungan rZ")
    acak = random.Random(3)  # letters between the elements keep the compression ratio under the ZIP check's 100
    bom = _ubah(xlsx, "", tambah={"xl/bom.xml": b"<a>" + b"".join(b"<b/>" + bytes([97 + acak.randrange(16)])
                                                                  for _ in range(300_000)) + b"</a>"})
    pesan = _tolak(_ubah(NOTA, "", tambah={"word/embeddings/data.xlsx": bom}))
    assert pesan.startswith("bagian word/embeddings/data.xlsx!xl/bom.xml: lebih dari 200.000 elemen XML")


def test_bom_zip_di_dalam_paket_sematan():
    dalam = io.BytesIO()
    with zipfile.ZipFile(dalam, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("nol.bin", "w", force_zip64=True) as f:
            for _ in range(200):
                f.write(b"\0" * (1024 * 1024))
    luar = io.BytesIO()
    with zipfile.ZipFile(luar, "w", zipfile.ZIP_STORED) as z:  # inflating nol.bin would take 200 MB
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("sematan.zip", dalam.getvalue())
    pesan = _tolak(_ubah(NOTA, "", tambah={"word/embeddings/x.docx": luar.getvalue()}))
    assert pesan.startswith("bagian word/embeddings/x.docx!sematan.zip: paket sematan ditolak: isi yang dimampatkan")
