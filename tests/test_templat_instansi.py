"""Agency templates: a checked upload replaces the built-in template for the agency; injection payloads, zip bombs,
files of another type and oversized files are refused; a template slipped past the check fails safely in the
sandbox; removing it brings the built-in one back."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import random
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from docgen import documents, paket_office
from docgen.render import render
from docgen.template_check import periksa_templat
from tests.conftest import SAMPLES, TEMPLATES
from tests.data_uji import pengguna as _p
from web.inti.db import sesi
from web.inti.models import Audit, Dokumen, TemplatInstansi
from web.inti.penyimpanan import penyimpanan
from web.layanan import finalisasi
from web.layanan.akun import buat_token
from web.layanan.dokumen import buat_dokumen

TEKS_KHUSUS = "KOP KHUSUS INSTANSI UJI"


def _nota() -> dict:
    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    data.pop("instansi", None)
    return data


def _docx(*paragraf: str, dasar: Path | None = TEMPLATES / "nota-dinas.docx", judul: str = "",
          kepala: str = "") -> bytes:
    """The built-in nota dinas template (or an empty document) with paragraphs added, each in one run."""
    doc = Document(str(dasar)) if dasar else Document()
    for p in paragraf:
        doc.add_paragraph(p)
    if judul:
        doc.core_properties.title = judul
    if kepala:
        doc.sections[0].header.add_paragraph(kepala)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _teks_docx(isi: bytes) -> str:
    doc = Document(io.BytesIO(isi))
    bagian = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        bagian += [c.text for row in t.rows for c in row.cells]
    return "\n".join(bagian).replace("\u00a0", " ").replace("\u2060", "")  # read no-break spaces as spaces


def _unggah(client, isi: bytes, slug: str = "nota-dinas", nama: str = "templat.docx"):
    return client.post(f"/profil/templat/{slug}", data={"berkas": (io.BytesIO(isi), nama)},
                       content_type="multipart/form-data")


def _jumlah(app) -> int:
    with app.app_context():
        return sesi().scalar(select(func.count()).select_from(TemplatInstansi))



@pytest.fixture
def admin(app, client, masuk):
    app.config["PDF_AKTIF"] = False
    masuk("admin")
    return client


def test_templat_sah_dipakai_dan_dapat_dihapus(app, admin, monkeypatch):
    isi = _docx(f"{TEKS_KHUSUS}: {{{{ hal }}}}")
    r = _unggah(admin, isi, nama="nota-khusus.docx")
    assert r.status_code == 302, r.get_data(as_text=True)
    halaman = admin.get("/profil/templat").get_data(as_text=True)
    assert "instansi</span> diunggah" in halaman and hashlib.sha256(isi).hexdigest()[:16] in halaman
    assert admin.get("/profil/templat/nota-dinas/unduh").data == isi
    with app.app_context():
        t = sesi().scalar(select(TemplatInstansi))
        assert t.sha256 == hashlib.sha256(isi).hexdigest() and penyimpanan().baca(t.berkas) == isi
        kunci = t.berkas
        dok = buat_dokumen(_p("perencana"), "nota-dinas", _nota(), pdf=False)
        teks = _teks_docx(penyimpanan().baca(dok.berkas_docx))
        assert f"{TEKS_KHUSUS}: {_nota()['hal']}" in teks
        # finalising renders again with the agency's template (PDF faked: no LibreOffice here)
        monkeypatch.setattr(finalisasi, "_pdf", lambda *a, **k: b"%PDF-1.4 uji\n%%EOF\n")
        dok, _ = finalisasi.finalkan(_p("admin"), dok, url_dasar="http://uji")
        assert TEKS_KHUSUS in _teks_docx(penyimpanan().baca(dok.berkas_docx))
        aksi = set(sesi().scalars(select(Audit.aksi)))
        assert {"templat.unggah", "dokumen.buat", "dokumen.final"} <= aksi

    # the built-in template as a starting point
    r = admin.get("/profil/templat/nota-dinas/bawaan")
    assert r.status_code == 200 and r.data == (TEMPLATES / "nota-dinas.docx").read_bytes()
    assert r.headers["Content-Disposition"].startswith("attachment")

    assert admin.post("/profil/templat/nota-dinas/hapus").status_code == 302
    assert _jumlah(app) == 0
    with app.app_context():
        dok = buat_dokumen(_p("perencana"), "nota-dinas", _nota(), pdf=False)
        assert TEKS_KHUSUS not in _teks_docx(penyimpanan().baca(dok.berkas_docx))
        # the file is released, not removed: a render that chose it still finds it until the sweep
        assert [k for k in penyimpanan().daftar() if k.startswith("templat/")] == [kunci]
        assert sesi().scalar(select(Audit).where(Audit.aksi == "templat.hapus")).objek_id == "nota-dinas"


PAYLOAD = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ("{{ self._TemplateReference__context }}", "self"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "cycler"),
    ("{{ lipsum.__globals__['os'].system('id') }}", "lipsum"),
    ("{{ joiner.__init__.__globals__ }}", "joiner"),
    ("{{ namespace.__init__.__globals__ }}", "namespace"),
    ("{{ config.items() }}", "config"),
    ("{{ request.application.__globals__ }}", "request"),
    ("{% include '/etc/passwd' %}", "include"),
    ("{% import 'makro.xml' as m %}", "import"),
    ("{% extends 'dasar.xml' %}", "extends"),
    ("{{ hal|attr('__class__') }}", "attr"),
    ("{{ hal['__class__'] }}", "__class__"),
    ("{{ hal.mro() }}", "mro"),
    ("{% set x = '_' ~ '_globals__' %}{{ hal[x] }}", "_globals__"),
    ("{{ ().__class__.__base__.__subclasses__() }}", "__base__"),
    ("{{ '{0.__class__}'.format(hal) }}", "format"),
    ("{{ hal.__init__.__globals__.__builtins__.__import__('os') }}", "__import__"),
]


@pytest.mark.parametrize("payload,kata", PAYLOAD)
def test_payload_injeksi_ditolak_saat_unggah(app, admin, payload, kata):
    r = _unggah(admin, _docx(f"Hal: {payload}"))
    teks = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "Templat ditolak" in teks and "tidak diizinkan dalam templat" in teks
    assert kata in teks  # the offending text is shown
    assert _jumlah(app) == 0
    with app.app_context():
        ditolak = sesi().scalar(select(Audit).where(Audit.aksi == "templat.ditolak"))
        assert ditolak is not None and ditolak.objek_id == "nota-dinas"


@pytest.mark.parametrize("tempat", ["judul", "kepala"])
def test_payload_di_properti_dan_kepala_halaman_ditolak(app, admin, tempat):
    payload = "{{ cycler.__init__.__globals__ }}"
    isi = _docx(judul=payload) if tempat == "judul" else _docx(kepala=payload)
    r = _unggah(admin, isi)
    assert r.status_code == 422 and "nama &#39;cycler&#39; tidak diizinkan" in r.get_data(as_text=True)
    assert _jumlah(app) == 0


def test_templat_bawaan_lolos_pemeriksaan_keamanan():
    for j in documents.semua():
        temuan = [t for t in periksa_templat(TEMPLATES / f"{j.slug}.docx") if "tidak diizinkan" in t.pesan]
        assert not temuan, temuan


def test_variabel_tidak_dikenal_dan_tag_terpecah_ditolak(app, admin):
    r = _unggah(admin, _docx("Nama: {{ variabel_tidak_ada }}"))
    assert r.status_code == 422 and "variabel &#39;variabel_tidak_ada&#39; tidak disediakan" in r.get_data(
        as_text=True)
    doc = Document(str(TEMPLATES / "nota-dinas.docx"))
    p = doc.add_paragraph()
    p.add_run("{{ ha")
    p.add_run("l }}")
    buf = io.BytesIO()
    doc.save(buf)
    r = _unggah(admin, buf.getvalue())
    assert r.status_code == 422 and "terpecah ke beberapa run" in r.get_data(as_text=True)
    assert _jumlah(app) == 0


# -- a template that slipped past the check (written straight to the database and the store) ----------------------

LOLOS = [
    # the attribute name is built at render time, so no text in the template names it
    "{{ hal[('%c%cclass%c%c'|format(95,95,95,95))] }}",
    "{{ (hal|string)[('%c%cclass%c%c'|format(95,95,95,95))][('%c%cmro%c%c'|format(95,95,95,95))] }}",
    "{% include 'rahasia' %}",
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 999999 }}",
    "{{ lipsum(1000000) }}",
    "{{ cycler.__init__.__globals__.os.system('touch SENTINEL') }}",
    "{{ 1 / 0 }}",
]


def _pasang_langsung(app, isi: bytes) -> None:
    with app.app_context():
        kunci = penyimpanan().simpan("templat/1/nota-dinas-langsung.docx", isi)
        sesi().add(TemplatInstansi(instansi_id=1, slug="nota-dinas", berkas=kunci,
                                   sha256=hashlib.sha256(isi).hexdigest(), diunggah_oleh=_p("admin").id))
        sesi().commit()


@pytest.mark.parametrize("payload", LOLOS)
def test_templat_lolos_gagal_aman_saat_dirender(app, client, tmp_path, monkeypatch, payload):
    app.config["PDF_AKTIF"] = False
    monkeypatch.chdir(tmp_path)
    payload = payload.replace("SENTINEL", str(tmp_path / "dijalankan"))
    _pasang_langsung(app, _docx(f"Hal: {payload}"))
    with app.app_context():
        token = buat_token(_p("perencana"))
        sesi().commit()
    mulai = time.monotonic()
    r = client.post("/api/v1/dokumen/nota-dinas", json=_nota(), headers={"Authorization": f"Bearer {token}"})
    assert time.monotonic() - mulai < 10
    assert r.status_code == 422, r.get_data(as_text=True)
    pesan = r.get_json()["error"]
    assert pesan.startswith("Templat instansi untuk Nota Dinas")
    assert not (tmp_path / "dijalankan").exists()
    with app.app_context():
        assert sesi().scalar(select(func.count()).select_from(Dokumen)) == 0  # nothing stored


def test_templat_lolos_di_halaman_web_422(app, client, masuk):
    app.config["PDF_AKTIF"] = False
    _pasang_langsung(app, _docx("Hal: {{ hal[('%c%cclass%c%c'|format(95,95,95,95))] }}"))
    masuk("perencana")
    with app.app_context():
        with pytest.raises(Exception) as info:
            buat_dokumen(_p("perencana"), "nota-dinas", _nota(), pdf=False)
        assert getattr(info.value, "status", None) == 422
        assert "tidak diizinkan" in info.value.pesan


def test_sandbox_menolak_akses_atribut_internal():
    """docgen.render itself, without any upload check: the sandbox raises, turned into an Indonesian 422."""
    isi = _docx("{{ hal.__class__.__mro__ }}")
    from docgen.errors import DocgenError

    with pytest.raises(DocgenError) as info:
        render("nota-dinas", json.loads((SAMPLES / "nota-dinas.json").read_text()), templates_dir=TEMPLATES,
               basis=SAMPLES, templat=isi)
    assert info.value.status == 422 and "tidak diizinkan" in info.value.pesan


def test_templat_diubah_di_penyimpanan_ditolak(app, admin):
    assert _unggah(admin, _docx(f"{TEKS_KHUSUS} {{{{ hal }}}}")).status_code == 302
    with app.app_context():
        t = sesi().scalar(select(TemplatInstansi))
        penyimpanan().simpan(t.berkas, _docx("{{ hal }} diubah di luar aplikasi"))
        with pytest.raises(Exception) as info:
            buat_dokumen(_p("perencana"), "nota-dinas", _nota(), pdf=False)
        assert info.value.status == 422 and "SHA-256 tidak cocok" in info.value.pesan


# -- not a .docx, a zip bomb, too large --------------------------------------------------------------------------


def _bom(n_mb: int = 200) -> bytes:
    """A .docx-looking ZIP whose document.xml inflates to `n_mb` MB (about 0.2 MB compressed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            nol = b"\0" * (1024 * 1024)
            for _ in range(n_mb):
                f.write(nol)
    return buf.getvalue()


def test_bom_zip_ditolak_tanpa_dibuka(app, admin, monkeypatch):
    bom = _bom()
    assert len(bom) < 2 * 1024 * 1024
    terbuka = []
    asli = zipfile.ZipFile.open

    def buka(self, name, *a, **k):
        terbuka.append(name if isinstance(name, str) else name.filename)
        return asli(self, name, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "open", buka)
    mulai = time.monotonic()
    r = _unggah(admin, bom)
    assert time.monotonic() - mulai < 2
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and "bom zip" in teks and "ditolak tanpa dibuka" in teks
    assert terbuka == []  # not one entry was read
    assert _jumlah(app) == 0


def test_bom_zip_banyak_entri_ditolak(app, admin):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        for i in range(600):
            z.writestr(f"word/media/x{i}.bin", b"")
    r = _unggah(admin, buf.getvalue())
    assert r.status_code == 422 and "berisi 602 bagian" in r.get_data(as_text=True)


@pytest.mark.parametrize("isi,jenis", [
    (b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n", "PDF"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "gambar PNG"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "dokumen Office lama"),
    (b"bukan apa-apa", ""),
])
def test_bukan_docx_menurut_isinya_ditolak(app, admin, isi, jenis):
    r = _unggah(admin, isi, nama="templat.docx")
    teks = r.get_data(as_text=True)
    assert r.status_code == 422
    assert (f"isi berkas adalah {jenis}" in teks) if jenis else ("bukan dokumen Word .docx" in teks)
    assert _jumlah(app) == 0


def test_zip_tanpa_document_xml_dan_makro_ditolak(app, admin):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    r = _unggah(admin, buf.getvalue())
    assert r.status_code == 422 and "tidak memuat word/document.xml" in r.get_data(as_text=True)
    with zipfile.ZipFile(io.BytesIO(_docx())) as z:
        bagian = {n: z.read(n) for n in z.namelist()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, v in bagian.items():
            z.writestr(n, v)
        z.writestr("word/vbaProject.bin", b"makro")
    r = _unggah(admin, buf.getvalue())
    assert r.status_code == 422 and "makro (VBA)" in r.get_data(as_text=True)


def test_tautan_berkas_luar_ditolak(app, admin):
    with zipfile.ZipFile(io.BytesIO(_docx())) as z:
        bagian = {n: z.read(n) for n in z.namelist()}
    rels = bagian["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdLuar" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/image" Target="http://169.254.169.254/latest/meta-data" '
                        'TargetMode="External"/></Relationships>')
    bagian["word/_rels/document.xml.rels"] = rels.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, v in bagian.items():
            z.writestr(n, v)
    r = _unggah(admin, buf.getvalue())
    assert r.status_code == 422 and "169.254.169.254" in r.get_data(as_text=True)


def test_templat_terlalu_besar_413(app, admin):
    besar = _docx() + b"\0" * (2 * 1024 * 1024)
    badan, panjang, batas = stream_encode_multipart({"berkas": FileStorage(io.BytesIO(besar), "besar.docx")},
                                                    use_tempfile=False)
    r = admin.post("/profil/templat/nota-dinas", input_stream=badan, content_length=panjang,
                   content_type=f'multipart/form-data; boundary="{batas}"')
    assert r.status_code == 413
    assert "berkas templat lebih dari 2 MB" in r.get_data(as_text=True)
    assert _jumlah(app) == 0


def test_jenis_tidak_dikenal_404(admin):
    assert admin.post("/profil/templat/tidak-ada", data={}).status_code == 404
    assert admin.get("/profil/templat/tidak-ada/bawaan").status_code == 404
    assert admin.get("/profil/templat/nota-dinas/unduh").status_code == 404  # no agency template yet


# -- outside content and XML bombs, checked by parsing ------------------------------------------------------------

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_DOK = "word/_rels/document.xml.rels"


def _ubah_bagian(isi: bytes, nama: str, ubah) -> bytes:
    """The .docx with part `nama` rewritten by ubah(bytes) -> bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            d = zin.read(item.filename)
            zout.writestr(item, ubah(d) if item.filename == nama else d)
    return buf.getvalue()


def _relasi(xml: str) -> bytes:
    return _ubah_bagian(_docx(), _REL_DOK, lambda d: d.replace(b"</Relationships>", xml.encode() + b"</Relationships>"))


def _di_badan(xml: str) -> bytes:
    return _ubah_bagian(_docx(), "word/document.xml", lambda d: d.replace(b"</w:body>", xml.encode() + b"</w:body>"))


_FIELD = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDE'
          '</w:instrText></w:r><w:r><w:instrText xml:space="preserve">PICTURE "http://127.0.0.1:9/logo.png" \\d'
          '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/>'
          '</w:r></w:p>')

EVASI = {
    "kutip tunggal": (_relasi, f"<Relationship Id='rL' Type='{_REL}/image' Target='http://127.0.0.1:8080/x.png' "
                               "TargetMode='External'/>", "127.0.0.1:8080"),
    "spasi": (_relasi, f'<Relationship Id="rL" Type="{_REL}/image" Target="http://127.0.0.1/x.png" '
                       'TargetMode = "External" />', "127.0.0.1/x.png"),
    "rujukan karakter": (_relasi, f'<Relationship Id="rL" Type="{_REL}/image" Target="http://127.0.0.1/y.png" '
                                  'TargetMode="&#69;xternal"/>', "127.0.0.1/y.png"),
    "huruf kecil": (_relasi, f'<Relationship Id="rL" Type="{_REL}/image" Target="http://10.0.0.1/" '
                             'TargetMode="external"/>', "10.0.0.1"),
    "file: sebagai internal": (_relasi, f'<Relationship Id="rL" Type="{_REL}/image" '
                                        'Target="file:///srv/instansi-lain/logo.png"/>', "instansi-lain/logo.png"),
    "file: sebagai eksternal": (_relasi, f'<Relationship Id="rL" Type="{_REL}/image" '
                                         'Target="file:///srv/instansi-lain/logo.png" TargetMode="External"/>',
                                "instansi-lain/logo.png"),
    "hyperlink file:": (_relasi, f'<Relationship Id="rL" Type="{_REL}/hyperlink" Target="file:///etc/passwd" '
                                 'TargetMode="External"/>', "/etc/passwd"),
    "INCLUDEPICTURE": (_di_badan, _FIELD, "INCLUDEPICTURE"),
    "DOCTYPE": (lambda x: _ubah_bagian(_docx(), "word/document.xml", lambda d: d.replace(b"?>", x.encode(), 1)),
                '?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>', "DOCTYPE"),
}


@pytest.mark.parametrize("nama", list(EVASI))
def test_isi_luar_ditolak_tanpa_disimpan(app, admin, nama):
    buat, xml, kata = EVASI[nama]
    r = _unggah(admin, buat(xml))
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and kata in teks, teks[-2000:]
    assert "word/" in teks  # the message names the part
    assert _jumlah(app) == 0
    with app.app_context():
        assert not any(k.startswith("templat/") for k in penyimpanan().daftar())


def test_hyperlink_https_boleh_tetapi_tidak_untuk_gambar(app, admin):
    sah = _relasi(f'<Relationship Id="rWeb" Type="{_REL}/hyperlink" Target="https://bkpsdm.example.go.id/" '
                  'TargetMode="External"/>')
    r = _unggah(admin, sah)
    assert r.status_code == 302, r.get_data(as_text=True)
    # the same id named by a picture: LibreOffice would fetch it
    gambar = _ubah_bagian(sah, "word/document.xml", lambda d: d.replace(b"</w:body>", (
        f'<w:p><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{_REL}" r:link="rWeb"/></w:drawing></w:r></w:p></w:body>').encode()))
    r = _unggah(admin, gambar)
    assert r.status_code == 422 and "memakai hubungan rWeb" in r.get_data(as_text=True)


def _acak(n: int, seed: int = 7) -> bytes:
    """About n bytes of letters in random runs: they compress 20-50 times, under the ZIP check's ratio of 100."""
    r, huruf, potong, total = random.Random(seed), "abcdefghijklmnop", [], 0
    while total < n:
        k = r.randint(1, 200)
        potong.append(huruf[r.randrange(16)] * k)
        total += k
    return "".join(potong).encode()


def _unggah_besar(client, isi: bytes):
    """POST a large upload built in memory (the test client would spool it to a file it never closes)."""
    badan, panjang, batas = stream_encode_multipart({"berkas": FileStorage(io.BytesIO(isi), "templat.docx")},
                                                    use_tempfile=False)
    return client.post("/profil/templat/nota-dinas", input_stream=badan, content_length=panjang,
                       content_type=f'multipart/form-data; boundary="{batas}"')


def test_bom_xml_ditolak_tanpa_disimpan(app, admin, monkeypatch):
    # The element and size limits must be what refuses these, not the 5-second clock, whatever else loads the
    # machine (the clock has its own test in tests/test_paket_office.py).
    monkeypatch.setattr(paket_office, "TEMPLAT", dataclasses.replace(paket_office.TEMPLAT, maks_detik=300.0))
    # many elements in a small ZIP: 250 000 paragraphs (1.75 MB of XML, 0.2 MB compressed, ratio 8)
    r_ = random.Random(1)
    isi = "".join(f"<w:p/>{'abcdefghijklmnop'[r_.randrange(16)]}" for _ in range(250_000)).encode()
    banyak = _ubah_bagian(_docx(), "word/document.xml", lambda d: d.replace(b"</w:body>", isi + b"</w:body>"))
    assert len(banyak) < 2 * 1024 * 1024
    mulai = time.monotonic()
    r = _unggah_besar(admin, banyak)
    print(f"bom elemen ditolak dalam {time.monotonic() - mulai:.2f} detik")
    assert r.status_code == 422 and "lebih dari 200.000 elemen XML" in r.get_data(as_text=True)
    # large XML, as measured on the server: 29 MB of XML in a ZIP under the 2 MB cap with a ratio under 100 (the
    # ZIP checks let it through), refused on the ZIP directory before anything is inflated
    teks = b"<w:p><w:r><w:t>" + _acak(29 * 1024 * 1024) + b"</w:t></w:r></w:p></w:body>"
    besar = _ubah_bagian(_docx(), "word/document.xml", lambda d: d.replace(b"</w:body>", teks))
    assert len(besar) < 2 * 1024 * 1024
    mulai = time.monotonic()
    r = _unggah_besar(admin, besar)
    print(f"XML 29 MB ditolak dalam {time.monotonic() - mulai:.2f} detik")
    halaman = r.get_data(as_text=True)
    assert r.status_code == 422 and "ditolak tanpa dibuka" in halaman and "paling banyak 10 MB" in halaman
    assert _jumlah(app) == 0
