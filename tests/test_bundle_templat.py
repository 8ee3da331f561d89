"""Which template made each paper of a berkas: finished papers (NaskahJadi) filed as they are with the template
they were made with, an agency's own templates used for the papers rendered here and for the Daftar Isi Berkas,
and the manifest recording the template actually used (templat, sha256_templat, sumber_templat)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from docgen.bundle import NaskahJadi, TemplatDipakai, baca_siklus, susun_berkas
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES, TEMPLATES, teks_pdf

WAKTU = dt.datetime(2025, 1, 27, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
TEMPLAT_LAIN = TemplatDipakai(nama="lembar-disposisi.docx", sha256="ab" * 32, sumber="instansi")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _bawaan(slug: str) -> str:
    return _sha((TEMPLATES / f"{slug}.docx").read_bytes())


def _siklus() -> dict:
    """The sample cycle cut to two items: 1 nota dinas, 2 lembar disposisi."""
    s = baca_siklus(SAMPLES / "siklus.json")
    s["item"] = [s["item"][0], s["item"][8]]
    s["kinerja"] = None
    assert [i["jenis"] for i in s["item"]] == ["nota-dinas", "lembar-disposisi"]
    return s


def _susun(konverter, **kw):
    h = susun_berkas(_siklus(), templates_dir=TEMPLATES, basis=SAMPLES, konverter=konverter, waktu=WAKTU, **kw)
    arsip = zipfile.ZipFile(io.BytesIO(h.zip))
    return arsip, json.loads(arsip.read("manifest.json"))


@pytest.fixture(scope="module")
def nota(konverter):
    """The nota dinas as the bundle renders it: (.docx, .pdf)."""
    arsip, _ = _susun(konverter)
    return arsip.read("01-nota-dinas.docx"), arsip.read("01-nota-dinas.pdf")


def _templat_ubahan(slug: str, lama: str, baru: str) -> bytes:
    """The built-in template of `slug` with one text run changed (an agency's own edition of it)."""
    asli = zipfile.ZipFile(TEMPLATES / f"{slug}.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as keluar:
        for info in asli.infolist():
            isi = asli.read(info)
            if info.filename == "word/document.xml":
                assert isi.count(f">{lama}<".encode()) == 1, slug
                isi = isi.replace(f">{lama}<".encode(), f">{baru}<".encode())
            keluar.writestr(info, isi)
    return buf.getvalue()


def test_naskah_jadi_diarsipkan_apa_adanya_dengan_templatnya(konverter, nota):
    """A finished paper (e.g. finalised with its QR code in the web app) is filed byte for byte, not re-rendered;
    the manifest records the template it was made with, the rendered item the built-in one."""
    docx, pdf = nota
    # file the nota dinas's files in place of the lembar disposisi: the bundle must take them as they are
    arsip, man = _susun(konverter, naskah_jadi={2: NaskahJadi(docx=docx, pdf=pdf, templat=TEMPLAT_LAIN)})
    assert arsip.read("02-lembar-disposisi.docx") == docx and arsip.read("02-lembar-disposisi.pdf") == pdf
    nd, ld = man["item"]
    assert ld["halaman"] == len(PdfReader(io.BytesIO(pdf)).pages)
    assert ld["sumber"] == "naskah jadi (diarsipkan apa adanya)"
    assert (ld["templat"], ld["sha256_templat"], ld["sumber_templat"]) == ("lembar-disposisi.docx", "ab" * 32,
                                                                            "instansi")
    assert (nd["sumber"], nd["templat"], nd["sha256_templat"], nd["sumber_templat"]) == (
        "disusun dari masukan", "nota-dinas.docx", _bawaan("nota-dinas"), "bawaan")
    di = man["daftar_isi"]
    assert (di["templat"], di["sha256_templat"], di["sumber_templat"]) == (
        "daftar-isi-berkas.docx", _bawaan("daftar-isi-berkas"), "bawaan")


def test_naskah_jadi_tanpa_pdf_dikonversi_dari_docx_itu(konverter, nota, tmp_path):
    """A stored paper without its PDF: that very .docx is converted (its template and QR kept), not re-rendered."""
    docx, _ = nota
    arsip, man = _susun(konverter, naskah_jadi={2: NaskahJadi(docx=docx, pdf=None, templat=TEMPLAT_LAIN)})
    assert arsip.read("02-lembar-disposisi.docx") == docx
    teks = teks_pdf(arsip.read("02-lembar-disposisi.pdf"), tmp_path)
    assert "NOTA DINAS" in teks and "LEMBAR DISPOSISI" not in teks
    assert man["item"][1]["sha256_templat"] == "ab" * 32


def test_templat_instansi_dipakai_dan_tercatat(konverter, tmp_path):
    """An agency template given for an item's type and for the Daftar Isi: both are rendered with it and the
    manifest records its SHA-256 with sumber_templat "instansi"; the other item keeps the built-in one."""
    nota = _templat_ubahan("nota-dinas", "NOTA DINAS", "NOTA DINAS (TEMPLAT INSTANSI)")
    daftar = _templat_ubahan("daftar-isi-berkas", "DAFTAR ISI BERKAS", "DAFTAR ISI BERKAS SETWAN")
    assert _sha(nota) != _bawaan("nota-dinas") and _sha(daftar) != _bawaan("daftar-isi-berkas")
    arsip, man = _susun(konverter, templat_instansi={"nota-dinas": nota, "daftar-isi-berkas": daftar})
    nd, ld = man["item"]
    assert (nd["slug"], nd["templat"], nd["sha256_templat"], nd["sumber_templat"]) == (
        "nota-dinas", "nota-dinas.docx", _sha(nota), "instansi")
    assert (ld["slug"], ld["sha256_templat"], ld["sumber_templat"]) == (
        "lembar-disposisi", _bawaan("lembar-disposisi"), "bawaan")
    di = man["daftar_isi"]
    assert (di["sha256_templat"], di["sumber_templat"]) == (_sha(daftar), "instansi")
    teks_nd = teks_docx(arsip.read("01-nota-dinas.docx"))
    assert "NOTA DINAS (TEMPLAT INSTANSI)" in teks_nd and "Pelaksanaan Pengukuran Kinerja Triwulan IV" in teks_nd
    assert "DAFTAR ISI BERKAS SETWAN" in teks_docx(arsip.read("00-daftar-isi-berkas.docx"))
    assert "INSTANSI" not in teks_docx(arsip.read("02-lembar-disposisi.docx"))
    assert "NOTA DINAS (TEMPLAT INSTANSI)" in teks_pdf(arsip.read("01-nota-dinas.pdf"), tmp_path)


def test_templat_instansi_tidak_menimpa_naskah_jadi(konverter, nota):
    """A finished paper keeps the template it was made with even when an agency template exists for its type."""
    docx, pdf = nota
    lain = _templat_ubahan("lembar-disposisi", "LEMBAR DISPOSISI", "LEMBAR DISPOSISI BARU")
    arsip, man = _susun(konverter, naskah_jadi={2: NaskahJadi(docx=docx, pdf=pdf, templat=TEMPLAT_LAIN)},
                        templat_instansi={"lembar-disposisi": lain})
    assert arsip.read("02-lembar-disposisi.docx") == docx
    assert (man["item"][1]["sha256_templat"], man["item"][1]["sumber_templat"]) == ("ab" * 32, "instansi")


def test_templat_dipakai_dan_naskah_jadi_ditolak_bila_salah():
    with pytest.raises(ValueError, match="bawaan atau instansi"):
        TemplatDipakai(nama="x.docx", sha256="ab" * 32, sumber="unggahan")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="64 digit"):
        TemplatDipakai(nama="x.docx", sha256="bukan-hash", sumber="bawaan")
    with pytest.raises(ValueError, match=r"\.docx"):
        NaskahJadi(docx=b"", pdf=None, templat=TEMPLAT_LAIN)
    bawaan = TemplatDipakai.bawaan(TEMPLATES, "nota-dinas")
    assert bawaan == TemplatDipakai("nota-dinas.docx", _bawaan("nota-dinas"), "bawaan")
    assert TemplatDipakai.instansi("nota-dinas", b"isi") == TemplatDipakai("nota-dinas.docx", _sha(b"isi"), "instansi")
    assert "PKPK" not in repr(NaskahJadi(docx=b"PK" * 1000, pdf=None, templat=bawaan))  # bytes kept out of logs
