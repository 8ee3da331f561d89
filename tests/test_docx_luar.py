"""A conversion cannot fetch anything: docgen.docx_luar refuses documents that refer to outside content, and
LibreOffice's profile (docgen.profil_lo) keeps it from fetching when such a document gets past that check.

The LibreOffice test is real: a .docx made from a template links a picture to an HTTP server on loopback that records
every connection, and another to a FIFO that a thread watches (opening a FIFO for writing without blocking succeeds
only while someone has it open for reading)."""

from __future__ import annotations

import contextlib
import errno
import http.server
import io
import os
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen import convert, docx_luar, profil_lo
from docgen.docx_luar import SumberLuarDitolak
from tests.conftest import TEMPLATES, teks_pdf
from tests.lo_uji import docx_contoh

R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
TIPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PENANDA = "PENANDA UJI TAUTAN LUAR"


def _ubah(isi: bytes, ubah: dict[str, Callable[[str], str] | str]) -> bytes:
    """A copy of the package `isi` with parts changed (a function of the old text) or added (a text)."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as zin, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info)
            f = ubah.get(info.filename)
            z.writestr(info, f(data.decode("utf-8")).encode("utf-8") if callable(f) else data)
        for nama, teks in ubah.items():
            if isinstance(teks, str) and nama not in zin.namelist():
                z.writestr(nama, teks)
    return keluar.getvalue()


def _relasi(*rel: str) -> Callable[[str], str]:
    return lambda s: s.replace("</Relationships>", "".join(rel) + "</Relationships>")


def _rel(rid: str, jenis: str, target: str, mode: str = ' TargetMode="External"') -> str:
    return f'<Relationship Id="{rid}" Type="{TIPE}{jenis}" Target="{target}"{mode}/>'


def _badan(xml: str) -> Callable[[str], str]:
    """Put `xml` (paragraph content) into a first paragraph of word/document.xml, with a marker text."""
    return lambda s: s.replace("<w:body>", f"<w:body><w:p>{xml}<w:r><w:t>{PENANDA}</w:t></w:r></w:p>", 1)


def _gambar_tertaut(rid: str, n: int) -> str:
    """A DrawingML picture whose image is only linked (a:blip r:link), not embedded."""
    return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="720000" cy="720000"/>'
            f'<wp:docPr id="{900 + n}" name="Tautan {n}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
            'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
            f'<pic:cNvPr id="{900 + n}" name="tautan{n}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
            f'<a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
            '<a:off x="0" y="0"/><a:ext cx="720000" cy="720000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            '</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def _field(*instr: str) -> str:
    """A complex field whose instruction is split over one run per string."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + "".join(f'<w:r><w:instrText xml:space="preserve">{i}</w:instrText></w:r>' for i in instr)
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>hasil</w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.fixture(scope="module")
def templat() -> bytes:
    return (TEMPLATES / "nota-dinas.docx").read_bytes()


def _tautan_luar(templat: bytes, url_http: str, url_berkas: str) -> bytes:
    """Pictures linked to `url_http` and `url_berkas`, and INCLUDEPICTURE / INCLUDETEXT fields to the same."""
    return _ubah(templat, {
        "word/_rels/document.xml.rels": _relasi(_rel("rIdLuar1", "image", url_http),
                                                _rel("rIdLuar2", "image", url_berkas)),
        "word/document.xml": _badan(_gambar_tertaut("rIdLuar1", 1) + _gambar_tertaut("rIdLuar2", 2)
                                    + _field(f' INCLUDEPICTURE "{url_http}/lain.png" \\d ')
                                    + _field(f' INCLUDETEXT "{url_berkas}" ')),
    })


# -- the check -----------------------------------------------------------------------------------------------------


def test_templat_bawaan_dan_dokumen_jadi_lolos():
    for f in sorted(TEMPLATES.glob("*.docx")):
        assert docx_luar.temuan(f.read_bytes()) == [], f.name
    for slug in ("nota-dinas", "lkjip", "keputusan-sop"):  # logos, charts, flowchart pictures, a table of contents
        assert docx_luar.temuan(docx_contoh(slug)) == [], slug


def test_gambar_tertaut_ditolak_dengan_bagian_dan_target(templat):
    isi = _tautan_luar(templat, "http://127.0.0.1:8/x.png", "file:///srv/instansi-lain/logo.png")
    with pytest.raises(SumberLuarDitolak) as e:
        docx_luar.periksa(isi)
    assert e.value.status == 422
    pesan = e.value.pesan
    assert pesan.startswith("Dokumen tidak dikonversi ke PDF karena merujuk isi dari luar berkasnya")
    assert ("word/_rels/document.xml.rels: hubungan rIdLuar1 (image) menunjuk ke luar berkas: "
            "“http://127.0.0.1:8/x.png”") in pesan
    assert "hubungan rIdLuar2 (image) menunjuk ke luar berkas: “file:///srv/instansi-lain/logo.png”" in pesan
    assert 'word/document.xml: kode field INCLUDEPICTURE memuat isi dari luar' in pesan
    assert 'kode field INCLUDETEXT memuat isi dari luar: “INCLUDETEXT "file:///srv/instansi-lain/logo.png"”' in pesan


def test_hyperlink_web_dan_surel_boleh_yang_lain_tidak(templat):
    isi = _ubah(templat, {"word/_rels/document.xml.rels": _relasi(
        _rel("rIdW", "hyperlink", "https://pesisirselatankab.go.id/"),
        _rel("rIdM", "hyperlink", "mailto:bkpsdm@pesisirselatankab.go.id"),
        _rel("rIdF", "hyperlink", "file:///etc/passwd"))})
    assert [str(t) for t in docx_luar.temuan(isi)] == [
        "word/_rels/document.xml.rels: hubungan rIdF (hyperlink) menunjuk ke luar berkas: “file:///etc/passwd”"]


def test_id_hyperlink_dipakai_gambar_ditolak(templat):
    isi = _ubah(templat, {
        "word/_rels/document.xml.rels": _relasi(_rel("rIdW", "hyperlink", "http://127.0.0.1:8/x.png")),
        "word/document.xml": _badan(f'<w:hyperlink {R} r:id="rIdW"><w:r><w:t>tautan</w:t></w:r></w:hyperlink>'
                                    + _gambar_tertaut("rIdW", 1)),
    })
    assert [t.uraian for t in docx_luar.temuan(isi)] == [
        "<blip> memakai hubungan rIdW, sebuah tautan ke luar berkas; hanya hyperlink yang boleh menunjuk ke luar"]


def test_target_internal_berupa_alamat_atau_keluar_paket_ditolak(templat):
    isi = _ubah(templat, {"word/_rels/document.xml.rels": _relasi(
        _rel("rIdA", "image", "file:///etc/hostname", mode=""),
        _rel("rIdB", "image", "../../../etc/hostname", mode=""),
        _rel("rIdC", "image", "\\\\server\\berbagi\\logo.png", mode=""),
        _rel("rIdD", "image", "media/image1.png", mode=""))})
    assert [t.uraian for t in docx_luar.temuan(isi)] == [
        "hubungan rIdA (image) memakai alamat, bukan bagian berkas: “file:///etc/hostname”",
        "hubungan rIdB (image) menunjuk ke luar paket: “../../../etc/hostname”",
        "hubungan rIdC (image) memakai alamat, bukan bagian berkas: “\\\\server\\berbagi\\logo.png”",
    ]


@pytest.mark.parametrize(("xml", "nama"), [
    (_field(" includepic", 'ture "http://127.0.0.1:8/x.png" '), "INCLUDEPICTURE"),  # split over runs, lower case
    ('<w:fldSimple w:instr=" LINK Excel.Sheet.12 &quot;C:\\\\data.xlsx&quot; Sheet1!R1C1 \\a "/>', "LINK"),
    (_field(' DDEAUTO excel "C:\\\\x.xlsx" '), "DDEAUTO"),
    (_field(' IMPORT "http://127.0.0.1:8/x.wmf" '), "IMPORT"),
    (_field(' INCLUDE "C:\\\\lain.docx" '), "INCLUDE"),
    (_field(' DATABASE \\d "C:\\\\data.mdb" \\s "SELECT *" '), "DATABASE"),
])
def test_kode_field_yang_memuat_isi_luar_ditolak(templat, xml, nama):
    temuan = docx_luar.temuan(_ubah(templat, {"word/document.xml": _badan(xml)}))
    assert [t.bagian for t in temuan] == ["word/document.xml"]
    assert temuan[0].uraian.startswith(f"kode field {nama} memuat isi dari luar: “")


def test_field_biasa_dan_field_bersarang(templat):
    def luar(awal: str, dalam: str, akhir: str) -> str:
        return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve">{awal}</w:instrText></w:r>{_field(dalam)}'
                f'<w:r><w:instrText xml:space="preserve">{akhir}</w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>')

    biasa = _field(" PAGE ") + luar(" IF ", " MERGEFIELD jenis ", ' = "1" "ya" "tidak" ')
    assert docx_luar.temuan(_ubah(templat, {"word/document.xml": _badan(biasa)})) == []
    for bersarang in (luar("", ' QUOTE "INCLUDEPICTURE" ', ' "http://127.0.0.1:8/x.png" '),
                      luar(" INCLUDEPIC", ' QUOTE "TURE" ', ' "http://127.0.0.1:8/x.png" ')):
        temuan = docx_luar.temuan(_ubah(templat, {"word/document.xml": _badan(bersarang)}))
        assert [t.uraian for t in temuan] == [
            "nama kode field dibentuk dari field bersarang; tulis nama field secara langsung"]


def test_templat_terlampir_subdokumen_ole_dan_vml_ditolak(templat):
    isi = _ubah(templat, {
        "word/settings.xml": lambda s: s.replace("<w:zoom", '<w:attachedTemplate r:id="rIdT"/><w:zoom', 1),
        "word/_rels/settings.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">' + _rel("rIdT", "attachedTemplate", "file:///srv/Normal.dotm") + "</Relationships>"),
        "word/document.xml": _badan(
            '<w:r><w:object><o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025"/></w:object></w:r>'
            '<w:r><w:pict><v:shape id="g1" style="width:10pt;height:10pt"><v:imagedata o:href="file:///srv/logo.png"/>'
            '</v:shape></w:pict></w:r></w:p><w:subDoc r:id="rIdS"/><w:p>'),
    })
    assert sorted(str(t) for t in docx_luar.temuan(isi)) == [
        "word/_rels/settings.xml.rels: hubungan rIdT (attachedTemplate) menunjuk ke luar berkas: “file:///srv/Normal.dotm”",
        "word/document.xml: gambar VML mengambil isi dari “file:///srv/logo.png”",
        "word/document.xml: objek OLE tertaut ke berkas lain (ProgID Excel.Sheet.12)",
        "word/document.xml: subdokumen (w:subDoc) tidak diizinkan",
        "word/settings.xml: templat terlampir (w:attachedTemplate) tidak diizinkan",
    ]


def test_paket_tersemat_diperiksa_juga(templat):
    buku = io.BytesIO()
    with zipfile.ZipFile(buku, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                          'package/2006/content-types"/>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships">'
                   + _rel("rId9", "externalLinkPath", "file:///srv/anggaran.xlsx") + "</Relationships>")
    keluar = io.BytesIO(templat)
    with zipfile.ZipFile(keluar, "a") as z:
        z.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", buku.getvalue())
    assert [str(t) for t in docx_luar.temuan(keluar.getvalue())] == [
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx!xl/_rels/workbook.xml.rels: hubungan rId9 (externalLinkPath) "
        "menunjuk ke luar berkas: “file:///srv/anggaran.xlsx”"]


def test_doctype_dan_bukan_docx_ditolak(templat):
    isi = _ubah(templat, {"word/document.xml": lambda s: s.replace(
        "<w:document", '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document', 1)})
    assert [str(t) for t in docx_luar.temuan(isi)] == [
        "word/document.xml: memuat DOCTYPE (definisi entitas); berkas Office tidak memakainya"]
    with pytest.raises(SumberLuarDitolak, match=r"^Dokumen tidak dikonversi ke PDF: berkas: bukan dokumen Word"):
        docx_luar.periksa(b"<html><img src='http://127.0.0.1:8/x.png'></html>")


# -- LibreOffice itself ----------------------------------------------------------------------------------------------


class _Perekam(http.server.BaseHTTPRequestHandler):
    """Records every connection and request line; answers 404."""

    def handle(self) -> None:
        self.server.sambungan += 1  # type: ignore[attr-defined]
        baris = self.rfile.readline(65537)
        if baris:
            self.server.permintaan.append(baris.decode("latin-1").strip())  # type: ignore[attr-defined]
            with contextlib.suppress(OSError):
                self.wfile.write(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")


@contextlib.contextmanager
def _pengintai(tmp_path: Path):
    """An HTTP server on loopback and a FIFO, both recording whether anything reached for them."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Perekam)
    server.sambungan, server.permintaan = 0, []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fifo = tmp_path / "logo-instansi-lain.png"
    os.mkfifo(fifo)
    dibuka: list[float] = []
    henti = threading.Event()

    def awasi() -> None:
        while not henti.is_set():
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # succeeds only while a reader has it open
                dibuka.append(time.monotonic())
            except OSError as exc:
                assert exc.errno == errno.ENXIO, exc
            time.sleep(0.001)

    pengawas = threading.Thread(target=awasi, daemon=True)
    pengawas.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", fifo, server, dibuka
    finally:
        henti.set()
        pengawas.join(5)
        server.shutdown()
        server.server_close()


@pytest.mark.pdf
def test_libreoffice_tidak_mengambil_apa_pun(tmp_path, monkeypatch):
    """With the docx check bypassed, LibreOffice's settings alone keep it from fetching; without them (the control
    run) the same document makes it fetch over HTTP and open the FIFO, so this test can see a fetch."""
    with _pengintai(tmp_path) as (url, fifo, server, dibuka):
        isi = _tautan_luar((TEMPLATES / "nota-dinas.docx").read_bytes(), f"{url}/x.png", fifo.as_uri())
        with convert.Konverter(timeout=120) as k:
            with pytest.raises(SumberLuarDitolak, match="rIdLuar1"):
                k.ke_pdf(isi)  # the normal path refuses it before LibreOffice starts
            assert k.jumlah_mulai == 0
            pdf = k._ke_pdf_tanpa_periksa(isi)
            time.sleep(1)  # anything late
        assert PENANDA in teks_pdf(pdf, tmp_path)
        assert (server.sambungan, server.permintaan, dibuka) == (0, [], [])

        monkeypatch.setattr(profil_lo, "PENGATURAN", ())  # control: LibreOffice's own defaults
        with convert.Konverter(timeout=120) as k:
            k._ke_pdf_tanpa_periksa(isi)
        assert "GET /x.png HTTP/1.1" in server.permintaan and dibuka, (server.permintaan, dibuka)


def test_profil_berisi_pengaturan(tmp_path):
    profil_lo.siapkan_profil(tmp_path / "p")
    xcu = (tmp_path / "p" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    for jalur, nama, nilai in profil_lo.PENGATURAN:
        isi = f"<value>{nilai}</value>" if nilai else "<value/>"
        assert f'<item oor:path="{jalur}"><prop oor:name="{nama}" oor:op="fuse">{isi}</prop></item>' in xcu
