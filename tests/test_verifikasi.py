"""Finalising documents (number from the register, QR code, PDF, hashes) and the public verification page."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import segno
from docx import Document
from PIL import Image
from sqlalchemy import select

from docgen import tata_letak
from docgen.errors import DocgenError, KonversiGagal
from docgen.render import render
from docgen.teks_docx import teks_docx
from docgen.verifikasi import pasang_qr, qr_png, teks_verifikasi
from tests.conftest import SAMPLES, TEMPLATES, teks_pdf
from web.inti.db import sesi
from web.inti.models import Dokumen, NomorSurat, PenghitungNomor
from web.inti.penyimpanan import penyimpanan
from web.layanan import pdf
from web.layanan.sapu import sapu
from web.views.formulir_skema import ratakan

URL = "https://docgen.example.go.id/verifikasi/Zq3xK9vP2mR7tW1yB5nD8a"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


# -- reading a QR code back --------------------------------------------------------------------------------------


def _modul(png: bytes, ukuran: int) -> list[list[bool]]:
    """Sample a QR image (dark = True) on a grid of `ukuran` modules, quiet zone cropped away."""
    img = Image.open(io.BytesIO(png)).convert("L")
    px = img.load()
    gelap = [(x, y) for y in range(img.height) for x in range(img.width) if px[x, y] < 128]
    x0, y0 = min(x for x, _ in gelap), min(y for _, y in gelap)
    x1, y1 = max(x for x, _ in gelap), max(y for _, y in gelap)
    lx, ly = (x1 - x0 + 1) / ukuran, (y1 - y0 + 1) / ukuran
    return [[px[int(x0 + (c + .5) * lx), int(y0 + (r + .5) * ly)] < 128 for c in range(ukuran)]
            for r in range(ukuran)]


def baca_qr(png: bytes, url_harapan: str) -> str:
    """Decode a QR image: with zbarimg when installed; otherwise check the modules against the URL re-encoded."""
    if shutil.which("zbarimg"):
        r = subprocess.run(["zbarimg", "--raw", "-q", "-"], input=png, capture_output=True, check=True)
        return r.stdout.decode().strip()
    harapan = segno.make_qr(url_harapan, error="m", boost_error=False)
    matriks = [[bool(v) for v in baris] for baris in harapan.matrix]
    if _modul(png, len(matriks)) != matriks:  # not `assert`: pytest's diff of two module grids takes minutes
        raise AssertionError("modul QR tidak sama dengan URL yang dikodekan ulang")
    return url_harapan


def test_qr_png_memuat_url():
    png = qr_png(URL)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert baca_qr(png, URL) == URL
    with pytest.raises(AssertionError):  # the check really tells URLs apart
        baca_qr(png, URL.replace("Zq3", "Zq4"))


# -- the mark in the .docx ---------------------------------------------------------------------------------------


def _render(slug: str) -> bytes:
    data = json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8"))
    return render(slug, data, templates_dir=TEMPLATES, basis=SAMPLES).docx


def test_qr_di_kaki_setiap_bagian_tanpa_mengubah_isi():
    asli = _render("keputusan-sop")  # portrait decision + landscape SOP lampiran with its own footer
    hasil = pasang_qr(asli, URL, "kanan_bawah")
    assert teks_docx(hasil) == teks_docx(asli)  # the body is untouched
    doc = Document(io.BytesIO(hasil))
    kaki = [(i, s, s.footer) for i, s in enumerate(doc.sections)]
    kaki += [(i, s, s.first_page_footer) for i, s in enumerate(doc.sections) if s.different_first_page_header_footer]
    assert len(kaki) == 3  # the decision's first page (kop, no page number) has its own footer: stamped too
    for i, section, footer in kaki:
        assert not footer.is_linked_to_previous, i
        teks = "\n".join(p.text for p in footer.paragraphs)
        assert teks_verifikasi(URL) in teks
        anchor = footer._element.find(f".//{WP}anchor")
        assert anchor is not None and anchor.find(f"{WP}wrapNone") is not None
        sisi = int(anchor.find(f"{WP}extent").get("cx"))
        assert 14 <= sisi / 36000 <= 16  # about 15 mm on the 25 mm bottom margin
        x = int(anchor.find(f"{WP}positionH/{WP}posOffset").text)
        y = int(anchor.find(f"{WP}positionV/{WP}posOffset").text)
        assert x + sisi == section.page_width - section.right_margin  # flush with the right margin
        assert y + sisi <= section.page_height - 9 * 36000  # above the bundle's page stamp (docgen.bundle, 4-8 mm)
        assert y > section.page_height - section.bottom_margin  # inside the bottom margin: no overlap with text
    # the page numbers sit in the headers ("- 2 -", Tata Naskah Dinas) and stay as they were
    assert all("PAGE" in "".join(s.header._element.itertext()) for s in doc.sections)
    kiri = Document(io.BytesIO(pasang_qr(asli, URL, "kiri_bawah")))
    for section in kiri.sections:
        anchor = section.footer._element.find(f".//{WP}anchor")
        assert int(anchor.find(f"{WP}positionH/{WP}posOffset").text) == section.left_margin
    with pytest.raises(DocgenError) as e:
        pasang_qr(asli, URL, "tengah")
    assert e.value.fields == {"posisi_qr": "pilih: kanan_bawah, kiri_bawah"}


def test_kaki_warisan_pada_halaman_berbeda_ukuran_disalin():
    """A landscape section inheriting a portrait section's footer gets its own copy, the QR code placed for it."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    doc = Document()
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(215), Mm(330)
    doc.sections[0].footer.paragraphs[0].text = "Halaman kaki bersama"
    doc.add_paragraph("Isi potret")
    lanskap = doc.add_section(WD_SECTION.NEW_PAGE)
    lanskap.orientation = WD_ORIENT.LANDSCAPE
    lanskap.page_width, lanskap.page_height = Mm(330), Mm(215)
    doc.add_paragraph("Isi lanskap")
    buf = io.BytesIO()
    doc.save(buf)
    assert Document(io.BytesIO(buf.getvalue())).sections[1].footer.is_linked_to_previous
    hasil = Document(io.BytesIO(pasang_qr(buf.getvalue(), URL)))
    for section in hasil.sections:
        assert not section.footer.is_linked_to_previous
        assert [p.text for p in section.footer.paragraphs] == [teks_verifikasi(URL), "Halaman kaki bersama"]
        anchor = section.footer._element.find(f".//{WP}anchor")
        y = int(anchor.find(f"{WP}positionV/{WP}posOffset").text)
        sisi = int(anchor.find(f"{WP}extent").get("cx"))
        assert y == section.page_height - Mm(9) - sisi and sisi <= section.bottom_margin - Mm(10)


def test_gambar_qr_dalam_docx_memuat_url():
    doc = Document(io.BytesIO(pasang_qr(_render("nota-dinas"), URL)))
    footer = doc.sections[0].footer
    rid = footer._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip").get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    png = footer.part.related_parts[rid].blob
    assert baca_qr(png, URL) == URL


def _kata(pdf: bytes, tmp_path: Path) -> list[set[tuple[str, float, float]]]:
    f = tmp_path / "k.pdf"
    f.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(f), "-"], capture_output=True, text=True, check=True).stdout
    return [{(m.group(3), round(float(m.group(1)), 1), round(float(m.group(2)), 1))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', hal)}
            for hal in out.split("<page")[1:]]


@pytest.mark.pdf
@pytest.mark.parametrize("slug", ["nota-dinas", "undangan-rapat", "keputusan-sop"])
def test_qr_tidak_menggeser_teks_pdf(slug, konverter, tmp_path):
    """Every word of the document stays exactly where it was, on the same page; only the footer line is new."""
    asli = _render(slug)
    for posisi in ("kanan_bawah", "kiri_bawah"):
        a = _kata(konverter.ke_pdf(asli), tmp_path)
        b = _kata(konverter.ke_pdf(pasang_qr(asli, URL, posisi)), tmp_path)
        assert len(a) == len(b)
        for hal_a, hal_b in zip(a, b, strict=True):
            assert hal_a <= hal_b, sorted(hal_a - hal_b)[:5]
            assert {w for w, _, _ in hal_b - hal_a} <= set(teks_verifikasi(URL).split())


# -- finalising in the web app -----------------------------------------------------------------------------------


@pytest.fixture
def app_pdf(app, konverter):
    """The app converting with the session's LibreOffice (no new soffice per test)."""
    app.extensions["docgen_konverter"] = (konverter, threading.Lock())
    app.config["URL_VERIFIKASI"] = "https://docgen.example.go.id"
    return app


def _isian(slug: str, **ubah) -> dict[str, str]:
    data = json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8"))
    for k in ("instansi", "kinerja"):
        data.pop(k, None)
    form = ratakan(data)
    form.update(ubah)
    return form


def _buat(client, slug="nota-dinas", **ubah) -> int:
    r = client.post(f"/dokumen/{slug}/baru", data=_isian(slug, **ubah))
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    return int(r.headers["Location"].rsplit("/", 1)[-1])


def _dok(app, dokumen_id: int) -> Dokumen:
    with app.app_context():
        return sesi().get(Dokumen, dokumen_id)


def _register(app) -> list[NomorSurat]:
    with app.app_context():
        return list(sesi().scalars(select(NomorSurat).order_by(NomorSurat.id)))


def _unggah(client, kode: str, isi: bytes, nama: str):
    return client.post(f"/verifikasi/{kode}", data={"berkas": (io.BytesIO(isi), nama)},
                       content_type="multipart/form-data")


@pytest.mark.pdf
def test_konsep_ke_final_dengan_nomor_register_dan_verifikasi(app_pdf, client, masuk, tmp_path):
    app = app_pdf
    masuk("sekretaris")
    did = _buat(client, **{"nomor.urut": ""})  # nota dinas dated 20 January 2025, number left to the register
    dok = _dok(app, did)
    assert dok.status == "konsep" and dok.nomor_surat == "" and dok.kode_verifikasi is None
    html = client.get(f"/dokumen/{did}").get_data(as_text=True)
    assert "Finalkan dokumen" in html and 'name="seri"' in html
    assert '<option value="nota-dinas" selected>' in html  # the series matching the input's pattern

    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas", "cara": "otomatis"})
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    nomor = "000.1.5/1/BKPSDM-PS/I/2025"
    assert f"Dokumen difinalkan dengan nomor {nomor}. Nomornya diambil dari register seri nota-dinas." in html
    assert "Dokumen final" in html
    assert "Finalkan dokumen" not in html

    dok = _dok(app, did)
    assert dok.status == "final" and dok.nomor_surat == nomor and dok.difinalkan is not None
    assert dok.difinalkan_oleh is not None and len(dok.kode_verifikasi) >= 22
    assert dok.data["nomor"]["urut"] == 1 and dok.data["nomor"]["sisipan"] == ""
    docx, pdf = penyimpanan(app).baca(dok.berkas_docx), penyimpanan(app).baca(dok.berkas_pdf)
    assert hashlib.sha256(docx).hexdigest() == dok.sha256_docx
    assert hashlib.sha256(pdf).hexdigest() == dok.sha256_pdf
    url = f"https://docgen.example.go.id/verifikasi/{dok.kode_verifikasi}"
    assert url in html
    assert f"NOMOR {nomor}" in teks_docx(docx)
    teks = teks_pdf(pdf, tmp_path)
    assert f"NOMOR {nomor}" in teks and url in teks and "diverifikasi keasliannya" in teks
    # the PDF carries the logo and the QR code; the QR code decodes to the verification URL
    (tmp_path / "f.pdf").write_bytes(pdf)
    subprocess.run(["pdfimages", "-png", str(tmp_path / "f.pdf"), str(tmp_path / "img")], check=True)
    gambar = [p.read_bytes() for p in sorted(tmp_path.glob("img-*.png"))]
    assert len(gambar) >= 2
    qr = [g for g in gambar if Image.open(io.BytesIO(g)).size[0] == Image.open(io.BytesIO(g)).size[1]
          and Image.open(io.BytesIO(g)).mode in ("1", "L")]
    assert qr and baca_qr(qr[0], url) == url
    # the final PDF (QR code and verification line included) embeds every font and passes the layout checker
    assert tata_letak.huruf_tidak_tertanam(pdf) == {}
    assert [str(t) for t in tata_letak.periksa(pdf)] == [] and not any("Tata letak" in p for p in dok.peringatan)
    [entri] = _register(app)
    assert (entri.nomor, entri.dokumen_id, entri.status) == (nomor, did, "dipakai")
    assert entri.hal == "Pelaksanaan Pemantauan Capaian Kinerja Triwulan IV Tahun 2024"
    assert entri.tujuan.startswith("Sekretaris Badan Kepegawaian")

    # final means final
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"})
    assert r.status_code == 409
    assert f"sudah final dengan nomor {nomor}; dokumen final tidak dapat difinalkan" in r.get_data(as_text=True)
    assert len(_register(app)) == 1 and _dok(app, did).sha256_pdf == dok.sha256_pdf
    # a new draft from a final document never carries its register number
    html = client.get(f"/dokumen/nota-dinas/baru?dari={did}").get_data(as_text=True)
    assert re.search(r'<input[^>]*name="nomor\.urut"[^>]*value=""', html)

    # the public page, without logging in
    tamu = app.test_client()
    r = tamu.get(f"/verifikasi/{dok.kode_verifikasi}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    for isi in ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Pesisir Selatan", "Nota Dinas",
                nomor, "20 Januari 2025", "Pelaksanaan Pemantauan Capaian Kinerja Triwulan IV Tahun 2024",
                "Drs. HENDRA SAPUTRA, M.Si.", "Kepala Badan Kepegawaian", " WIB", dok.sha256_pdf, dok.sha256_docx):
        assert isi in html, isi
    r = _unggah(tamu, dok.kode_verifikasi, pdf, "nota.pdf")
    assert r.status_code == 200 and "COCOK: berkas ini identik dengan dokumen asli" in r.get_data(as_text=True)
    r = _unggah(tamu, dok.kode_verifikasi, docx, "nota.docx")
    assert "COCOK: berkas ini identik dengan dokumen asli" in r.get_data(as_text=True)
    r = _unggah(tamu, dok.kode_verifikasi, pdf[:-40] + b"% diubah\n" + pdf[-40:], "palsu.pdf")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "TIDAK COCOK: berkas ini berbeda dengan dokumen asli" in html
    assert "COCOK: berkas ini identik" not in html
    r = _unggah(tamu, dok.kode_verifikasi, b"GIF89a bukan pdf", "foto.pdf")
    assert r.status_code == 422
    assert "bukan PDF (isinya harus diawali %PDF-) dan bukan dokumen Word .docx" in r.get_data(as_text=True)
    r = tamu.post(f"/verifikasi/{dok.kode_verifikasi}", data={}, content_type="multipart/form-data")
    assert r.status_code == 422 and "Pilih berkas PDF" in r.get_data(as_text=True)
    r = tamu.get("/verifikasi/" + "x" * 22)
    html = r.get_data(as_text=True)
    assert r.status_code == 404 and "Halaman atau data tidak ditemukan." in html and "Nota Dinas" not in html


@pytest.mark.pdf
def test_gagal_konversi_tidak_memakai_nomor(app_pdf, client, masuk, monkeypatch):
    app = app_pdf
    masuk("sekretaris")
    did = _buat(client, **{"nomor.urut": ""})

    class Rusak:
        def ke_pdf(self, docx: bytes, **_tujuan) -> bytes:
            raise KonversiGagal("LibreOffice tidak menjawab dalam 300 detik.")

    asli = app.extensions[pdf.KUNCI]
    app.extensions[pdf.KUNCI] = Rusak()
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"})
    assert r.status_code == 503
    assert "Dokumen belum difinalkan: LibreOffice tidak menjawab dalam 300 detik." in r.get_data(as_text=True)
    dok = _dok(app, did)
    assert dok.status == "konsep" and dok.kode_verifikasi is None and penyimpanan(app).ada(dok.berkas_pdf)
    assert _register(app) == []
    with app.app_context():
        assert sesi().scalar(select(PenghitungNomor.terakhir)) is None
    assert not [k for k in penyimpanan(app).daftar(f"dokumen/{did}") if "/final-" in k]  # nothing half-written is left
    app.extensions[pdf.KUNCI] = asli
    assert client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"}).status_code == 302
    assert _dok(app, did).nomor_surat == "000.1.5/1/BKPSDM-PS/I/2025"  # number 1 was not lost


@pytest.mark.pdf
def test_nomor_mundur_mendapat_sisipan_dan_batal_terlihat(app_pdf, client, masuk):
    app = app_pdf
    masuk("sekretaris")
    for tanggal, hal in (("2025-01-10", "Pertama"), ("2025-02-01", "Kedua")):
        client.post("/nomor/ambil", data={"seri": "nota-dinas", "tanggal": tanggal, "hal": hal})
    did = _buat(client, **{"nomor.urut": ""})  # dated 20 January: between the two
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas", "cara": "otomatis"})
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Dokumen difinalkan dengan nomor 000.1.5/1a/BKPSDM-PS/I/2025. Nomor sisipan 1a diberikan" in html
    dok = _dok(app, did)
    assert "NOMOR 000.1.5/1a/BKPSDM-PS/I/2025" in teks_docx(penyimpanan(app).baca(dok.berkas_docx))
    entri = next(e for e in _register(app) if e.dokumen_id == did)
    r = client.post(f"/nomor/{entri.id}/batal", data={"alasan": "Diganti surat lain"})
    assert r.status_code == 302
    html = client.get(f"/dokumen/{did}").get_data(as_text=True)
    assert "Nomor surat 000.1.5/1a/BKPSDM-PS/I/2025 telah DIBATALKAN." in html and "Diganti surat lain" in html
    html = app.test_client().get(f"/verifikasi/{dok.kode_verifikasi}").get_data(as_text=True)
    assert "Nomor surat dokumen ini telah DIBATALKAN" in html and "Alasan: Diganti surat lain" in html


@pytest.mark.pdf
def test_nomor_diketik_dipakai_apa_adanya_dan_tanpa_nomor(app_pdf, client, masuk):
    app = app_pdf
    masuk("sekretaris")
    did = _buat(client)  # the sample's own urut 27
    html = client.get(f"/dokumen/{did}").get_data(as_text=True)
    assert "000.1.5/27/BKPSDM-PS/I/2025" in html and "tidak</strong> diambil dari register" in html
    r = client.post(f"/dokumen/{did}/final", data={})
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Nomor surat diketik pada isian dokumen dan dipakai apa adanya" in html
    assert _dok(app, did).nomor_surat == "000.1.5/27/BKPSDM-PS/I/2025" and _register(app) == []
    nid = _buat(client, "notulen-rapat")  # a type without a letter number
    assert "tidak bernomor surat" in client.get(f"/dokumen/{nid}").get_data(as_text=True)
    assert client.post(f"/dokumen/{nid}/final", data={}).status_code == 302
    dok = _dok(app, nid)
    assert dok.status == "final" and dok.nomor_surat == "" and _register(app) == []
    kaki = Document(penyimpanan(app).path_lokal(dok.berkas_docx)).sections[0].footer
    assert "diverifikasi keasliannya" in kaki.paragraphs[0].text


def test_finalisasi_hak_peran(app, client, masuk):
    app.config["PDF_AKTIF"] = False
    masuk("sekretaris")
    did = _buat(client, **{"nomor.urut": ""})
    client.post("/keluar")
    masuk("arsiparis")  # sees every document, makes none, does not finalise
    html = client.get(f"/dokumen/{did}").get_data(as_text=True)
    assert "Konsep" in html and "Finalkan dokumen" not in html
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"})
    assert r.status_code == 403 and "tidak berwenang memfinalkan" in r.get_data(as_text=True)
    client.post("/keluar")
    masuk("bidang.mutasi")
    assert client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"}).status_code == 404
    client.post("/keluar")
    masuk("kepala")  # finalises, but this server makes no PDFs: refused, nothing taken
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"})
    assert r.status_code == 503 and "dokumen final memerlukan PDF" in r.get_data(as_text=True)
    r = client.post(f"/dokumen/{did}/final", data={"seri": "surat-masuk"})
    assert r.status_code == 422 and "Seri nomor &#39;surat-masuk&#39; tidak dikenal" in r.get_data(as_text=True)
    assert _register(app) == [] and _dok(app, did).status == "konsep"


@pytest.mark.pdf
def test_api_finalkan(app_pdf, client):
    from web.inti.models import Pengguna
    from web.layanan.akun import buat_token

    app = app_pdf
    with app.app_context():
        t = buat_token(sesi().scalar(select(Pengguna).where(Pengguna.username == "kepala")))
        sesi().commit()
    h = {"Authorization": f"Bearer {t}"}
    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    data.pop("instansi")
    del data["nomor"]["urut"]
    r = client.post("/api/v1/dokumen/nota-dinas", headers=h, json=data)
    assert r.status_code == 200 and r.headers["X-Dokumen-Status"] == "konsep"
    did = int(r.headers["X-Dokumen-Id"])
    r = client.post(f"/api/v1/dokumen/{did}/final", headers=h, json={"cara": "miring"})
    assert r.status_code == 422 and r.get_json() == {"error": "Cara penomoran 'miring' tidak dikenal",
                                                     "fields": {"cara": "pilih: otomatis, biasa, sisip"}}
    konsep = _dok(app, did).berkas_docx
    r = client.post(f"/api/v1/dokumen/{did}/final", headers=h)  # no body: the matching series, automatic
    j = r.get_json()
    assert r.status_code == 200, j
    dok = _dok(app, did)
    # the draft's file is released, not deleted: a download or backup that read the old row still finds it
    with app.app_context():
        assert konsep != dok.berkas_docx and penyimpanan().ada(konsep)
        assert konsep not in sapu(app, hapus=True).yatim  # younger than the sweep's default age
        assert konsep in sapu(app, umur_jam=0, hapus=True).yatim and not penyimpanan().ada(konsep)
    assert j == {"id": did, "status": "final", "nomor_surat": "000.1.5/1/BKPSDM-PS/I/2025",
                 "url_verifikasi": f"https://docgen.example.go.id/verifikasi/{dok.kode_verifikasi}",
                 "sha256_docx": dok.sha256_docx, "sha256_pdf": dok.sha256_pdf,
                 "difinalkan": j["difinalkan"], "keterangan": "Nomor 000.1.5/1/BKPSDM-PS/I/2025 diambil dari "
                                                              "register seri nota-dinas."}
    r = client.post(f"/api/v1/dokumen/{did}/final", headers=h, json={})
    assert r.status_code == 409 and "sudah final" in r.get_json()["error"]
    assert client.post("/api/v1/dokumen/9999/final", headers=h).status_code == 404
