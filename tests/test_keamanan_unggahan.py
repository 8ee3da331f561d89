"""Uploads are capped (size, zip bombs inside .xlsx, wrong type by content, JSON nesting) everywhere, and no URL
reaches a file outside the store or the app's own folders."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import time
import zipfile

import openpyxl
import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from docgen import arsip_zip
from docgen.errors import InputTidakValid
from tests.conftest import SAMPLES, TEMPLATES
from tests.keamanan_uji import masuk_sebagai, siapkan
from tests.sop_uji import definisi_uji
from web.inti.db import sesi
from web.inti.models import DefinisiSOPAgensi, Dokumen, RencanaKinerja


def _kirim_besar(client, url: str, medan: str, isi: bytes, nama: str, **lain):
    """POST a large multipart body built in memory (the test client would spool it to a file it never closes)."""
    badan, panjang, batas = stream_encode_multipart({medan: FileStorage(io.BytesIO(isi), nama), **lain},
                                                    use_tempfile=False)
    return client.post(url, input_stream=badan, content_length=panjang,
                       content_type=f'multipart/form-data; boundary="{batas}"')


def _unggah(client, url: str, isi: bytes, nama: str, medan: str = "berkas", **lain):
    return client.post(url, data={medan: (io.BytesIO(isi), nama), **lain}, content_type="multipart/form-data")


def _bom(n_mb: int = 100, nama: str = "xl/worksheets/sheet1.xml") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open(nama, "w", force_zip64=True) as f:
            for _ in range(n_mb):
                f.write(b"<c/>" * (256 * 1024))
    return buf.getvalue()


def _data(app) -> dict:
    with app.app_context():
        return copy.deepcopy(sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.tahun == 2024)).data)


# -- the shared check ------------------------------------------------------------------------------------------


def test_periksa_zip_tanpa_membuka_isi():
    bom = _bom()
    mulai = time.monotonic()
    with pytest.raises(InputTidakValid) as info:
        arsip_zip.periksa_xlsx(bom)
    assert time.monotonic() - mulai < 0.5
    assert "bom zip" in info.value.fields["berkas"]
    kecil = arsip_zip.BatasZip(maks_total=10 * 1024 * 1024, maks_rasio=1e9)
    with pytest.raises(InputTidakValid) as info:  # the total alone, whatever the ratio
        arsip_zip.periksa_xlsx(bom, batas=kecil)
    assert "lebih dari 10 MB bila dibuka" in info.value.fields["berkas"]
    assert arsip_zip.jenis_sebenarnya(b"%PDF-1.4") == "PDF"


# -- the realisasi Excel form ----------------------------------------------------------------------------------


def test_xlsx_bom_zip_ditolak(app, client, masuk):
    masuk("perencana")
    sebelum = _data(app)
    mulai = time.monotonic()
    r = _unggah(client, "/kinerja/2024/unggah?triwulan=1", _bom(), "formulir.xlsx")
    assert time.monotonic() - mulai < 3
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and "bom zip" in teks and "tidak ada nilai yang diubah" in teks
    assert _data(app) == sebelum


@pytest.mark.parametrize("isi,jenis", [(b"%PDF-1.4\n%%EOF\n", "PDF"), (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "gambar PNG"),
                                       (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40, "dokumen Office lama")])
def test_xlsx_jenis_lain_menurut_isi_ditolak(app, client, masuk, isi, jenis):
    masuk("perencana")
    r = _unggah(client, "/kinerja/2024/unggah?triwulan=1", isi, "formulir.xlsx")
    assert r.status_code == 422 and f"isi berkas adalah {jenis}" in r.get_data(as_text=True)


def test_xlsx_terlalu_besar_413(app, client, masuk):
    masuk("perencana")
    r = _kirim_besar(client, "/kinerja/2024/unggah?triwulan=1", "berkas", b"PK\x03\x04" + b"\0" * (3 * 1024 * 1024),
                     "formulir.xlsx")
    assert r.status_code == 413 and "berkas formulir lebih dari 2 MB" in r.get_data(as_text=True)


# -- the plan JSON, the SOP JSON ---------------------------------------------------------------------------------


def test_rencana_json_terlalu_besar_dan_terlalu_dalam(app, client, masuk):
    masuk("perencana")
    r = _kirim_besar(client, "/kinerja/rencana", "berkas", b" " * (2 * 1024 * 1024 + 10), "pk.json")
    assert r.status_code == 413 and "berkas data kinerja lebih dari 2 MB" in r.get_data(as_text=True)
    # deep nesting used to exhaust the parser's stack (a 500)
    r = _unggah(client, "/kinerja/rencana", b"[" * 100_000 + b"]" * 100_000, "pk.json")
    assert r.status_code == 422 and "bertingkat terlalu dalam" in r.get_data(as_text=True)
    r = _unggah(client, "/kinerja/rencana", b"\xff\xfe\x00", "pk.json")
    assert r.status_code == 422 and "bukan teks UTF-8" in r.get_data(as_text=True)
    data = json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8"))
    data["tahun"] = 2026
    dalam: list = []
    for _ in range(70):
        dalam = [dalam]
    data["pengaturan"] = {"x": dalam}
    r = _unggah(client, "/kinerja/rencana", json.dumps(data).encode(), "pk.json")
    assert r.status_code == 422 and "bertingkat terlalu dalam" in r.get_data(as_text=True)


def test_sop_json_terlalu_besar_dan_terlalu_dalam(app, client, masuk):
    masuk("perencana")
    r = _kirim_besar(client, "/sop/baru", "berkas", b" " * (2 * 1024 * 1024 + 10), "sop.json", aksi="unggah")
    assert r.status_code == 413 and "paling besar 2 MB" in r.get_data(as_text=True)
    r = _unggah(client, "/sop/baru", b"{\"a\":" * 50_000 + b"1" + b"}" * 50_000, "sop.json", aksi="unggah")
    assert r.status_code == 422 and "bertingkat terlalu dalam" in r.get_data(as_text=True)
    baik = json.dumps(definisi_uji(kode="unggah-aman")).encode()
    r = _unggah(client, "/sop/baru", baik, "sop.json", aksi="unggah")
    assert r.status_code == 200 and "Berkas dibaca dan sah" in r.get_data(as_text=True)
    with app.app_context():
        assert sesi().scalar(select(DefinisiSOPAgensi)) is None  # read into the form, never saved as it is


# -- the logo ----------------------------------------------------------------------------------------------------


def test_logo_jenis_lain_dan_piksel_berlebih_ditolak(app, client, masuk):
    masuk("admin")
    r = _unggah(client, "/profil/logo", b"%PDF-1.4\n%%EOF\n", "logo.png", medan="logo")
    assert r.status_code == 422 and "bukan gambar PNG atau JPEG" in r.get_data(as_text=True)
    buf = io.BytesIO()
    Image.new("1", (5000, 5000)).save(buf, format="PNG")  # a few KB, 25 million pixels once decoded
    assert len(buf.getvalue()) < 200_000
    r = _unggah(client, "/profil/logo", buf.getvalue(), "logo.png", medan="logo")
    assert r.status_code == 422 and "5000 x 5000 piksel terlalu besar" in r.get_data(as_text=True)
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, format="GIF")
    r = _unggah(client, "/profil/logo", buf.getvalue(), "logo.png", medan="logo")
    assert r.status_code == 422 and "Format gambar GIF tidak didukung" in r.get_data(as_text=True)


# -- the verification page's file check --------------------------------------------------------------------------


@pytest.fixture
def final(app):
    with app.app_context():
        dok = Dokumen(instansi_id=1, slug="nota-dinas", judul="Nota Dinas", data={}, berkas_docx="",
                      dibuat_oleh=1, status="final", kode_verifikasi="kodeuji1234567890",
                      sha256_docx="0" * 64, sha256_pdf="0" * 64, difinalkan=dt.datetime.now(dt.UTC))
        sesi().add(dok)
        sesi().commit()
    return "/verifikasi/kodeuji1234567890"


def test_verifikasi_unggahan_dibatasi(app, client, final):
    r = _unggah(client, final, b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "dok.pdf")
    assert r.status_code == 422 and "bukan PDF" in r.get_data(as_text=True)
    r = _kirim_besar(client, final, "berkas", b"%PDF-" + b"\0" * (10 * 1024 * 1024), "besar.pdf")
    assert r.status_code == 413 and "terlalu besar" in r.get_data(as_text=True)
    bom = _bom(200, "word/document.xml")  # refused on its ZIP directory: never inflated
    bom = bom.replace(b"xl/workbook.xml", b"xl/workbook.xm_")
    mulai = time.monotonic()
    r = _unggah(client, final, bom, "dok.docx")
    assert time.monotonic() - mulai < 3
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and "ditolak sebelum dicocokkan" in teks and "bom zip" in teks


# -- path traversal in URLs ----------------------------------------------------------------------------------------

JALUR_JAHAT = ["..%2f..%2f..%2fetc%2fpasswd", "..%252f..%252fetc%252fpasswd", "%2fetc%2fpasswd", "..\\..\\etc\\passwd",
               "%2e%2e%2f%2e%2e%2fweb%2f__init__.py", "....//....//etc/passwd", "/etc/passwd"]


def test_tidak_ada_path_traversal_lewat_url(app, tmp_path):
    a, _ = siapkan(app, tmp_path, dengan_b=False)
    admin = masuk_sebagai(app, "admin")
    perencana = masuk_sebagai(app, "perencana")
    pola = [
        "/static/{j}", "/static/..%2f{j}", "/dokumen/{d}/unduh/{j}", "/dokumen/{j}/pdf", "/profil/templat/{j}/bawaan",
        "/profil/templat/{j}/unduh", "/profil/templat/{j}", "/sop/{j}", "/sop/{j}/json", "/verifikasi/{j}",
        "/kinerja/2024/target/{j}", "/berkas/tugas/{j}", "/dokumen/tugas/{j}", "/dokumen/{j}/baru",
        "/api/v1/jenis/{j}/schema", "/berkas/{j}/unduh", "/siklus/{j}", "/nomor/ekspor?tahun=2024&seri={j}",
        "/dokumen/{d}/unduh/docx/{j}",
    ]
    for c, boleh in ((admin, {400, 404, 405, 308}), (perencana, {400, 403, 404, 405, 308})):
        for p in pola:
            for j in JALUR_JAHAT:
                url = p.format(j=j, d=a.dokumen)
                metode = "POST" if p == "/profil/templat/{j}" else "GET"
                r = c.open(url, method=metode, headers={"Authorization": f"Bearer {a.token['admin']}"}
                           if url.startswith("/api/") else {})
                isi = r.get_data()
                r.close()
                assert r.status_code in boleh, f"{url}: {r.status_code}"
                assert b"root:" not in isi and b"create_app" not in isi, url
    # the app's own files under /static are served, nothing beside them
    r = admin.get("/static/app.css")
    assert r.status_code == 200
    r.close()


# -- the realisasi form: bounded reading, a bounded error page ----------------------------------------------------


def _formulir(client) -> bytes:
    r = client.get("/kinerja/2024/formulir.xlsx")
    assert r.status_code == 200
    return r.data


def _ganti(isi: bytes, nama: str, ubah) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            d = zin.read(item.filename)
            zout.writestr(item, ubah(d) if item.filename == nama else d)
    return buf.getvalue()


def test_xlsx_banyak_sel_salah_halaman_terbatas(app, client, masuk):
    masuk("perencana")
    sebelum = _data(app)
    wb = openpyxl.load_workbook(io.BytesIO(_formulir(client)))
    ws = wb["Formulir"]
    for b in range(ws.max_row + 1, ws.max_row + 3001):  # 3 000 rows of 5 bad cells: 15 000 errors
        for kol in "BKLMN":
            ws[f"{kol}{b}"] = "salah" if kol != "B" else f"X{b}"
    buf = io.BytesIO()
    wb.save(buf)
    mulai = time.monotonic()
    r = _unggah(client, "/kinerja/2024/unggah?triwulan=1", buf.getvalue(), "formulir.xlsx")
    print(f"15 000 galat: {time.monotonic() - mulai:.2f} detik, halaman {len(r.data) // 1024} KB")
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and len(r.data) < 200 * 1024
    assert "Formulir tidak dapat diimpor: 15.000 sel perlu diperbaiki; tidak ada nilai yang diubah." in teks
    assert teks.count("<li><code>Formulir!") == 20 and "<li>... dan 14.980 galat lainnya</li>" in teks
    assert _data(app) == sebelum


def test_xlsx_100_ribu_baris_dan_tautan_luar_ditolak(app, client, masuk):
    masuk("perencana")
    sebelum = _data(app)
    asli = _formulir(client)
    baris = b"".join(b'<row r="%d"><c r="K%d"><v>1</v></c></row>' % (r, r) for r in range(100, 100_100))
    besar = _ganti(asli, "xl/worksheets/sheet1.xml", lambda d: d.replace(b"</sheetData>", baris + b"</sheetData>"))
    mulai = time.monotonic()
    r = _unggah(client, "/kinerja/2024/unggah?triwulan=1", besar, "formulir.xlsx")
    print(f"100 000 baris ditolak dalam {time.monotonic() - mulai:.2f} detik")
    assert r.status_code == 422 and "berisi lebih dari 5.000 baris" in r.get_data(as_text=True)
    rel = ("<Relationship Id='rL' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "externalLinkPath' Target='http://127.0.0.1:9/x.xlsx' TargetMode = '&#69;xternal'/></Relationships>")
    luar = _ganti(asli, "xl/_rels/workbook.xml.rels", lambda d: d.replace(b"</Relationships>", rel.encode()))
    r = _unggah(client, "/kinerja/2024/unggah?triwulan=1", luar, "formulir.xlsx")
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and "xl/_rels/workbook.xml.rels" in teks and "127.0.0.1:9" in teks
    assert _data(app) == sebelum


def test_verifikasi_docx_dengan_isi_luar_ditolak(app, client, final):
    with zipfile.ZipFile(io.BytesIO((TEMPLATES / "nota-dinas.docx").read_bytes())) as z:
        bagian = {n: z.read(n) for n in z.namelist()}
    bagian["word/_rels/document.xml.rels"] = bagian["word/_rels/document.xml.rels"].replace(b"</Relationships>", (
        b"<Relationship Id='rL' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/image' "
        b"Target='file:///srv/lain/logo.png' TargetMode='External'/></Relationships>"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, v in bagian.items():
            z.writestr(n, v)
    r = _unggah(client, final, buf.getvalue(), "dok.docx")
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and "ditolak sebelum dicocokkan" in teks and "file:///srv/lain/logo.png" in teks
