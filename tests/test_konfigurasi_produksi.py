"""Settings for a deployment: secure cookies (DOCGEN_COOKIE_AMAN), trusted hosts (DOCGEN_HOST), and the
verification link's base from configuration only (URL_VERIFIKASI), never from the request's Host header."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document

from docgen.teks_docx import teks_docx
from tests.data_uji import sampel_dokumen
from tests.test_verifikasi import baca_qr
from web.aplikasi import _konfigurasi
from web.inti.db import sesi
from web.inti.models import Dokumen
from web.inti.penyimpanan import penyimpanan
from web.layanan import finalisasi
from web.views.formulir_skema import ratakan

URL = "https://docgen.example.go.id"
PALSU = {"Host": "jahat.example"}


def test_konfigurasi_dari_lingkungan(tmp_path, monkeypatch):
    for k in ("DOCGEN_COOKIE_AMAN", "DOCGEN_HOST", "DOCGEN_MODE", "URL_VERIFIKASI", "PORT"):
        monkeypatch.delenv(k, raising=False)
    c = _konfigurasi(tmp_path)
    assert (c["SESSION_COOKIE_SECURE"], c["REMEMBER_COOKIE_SECURE"], c["TRUSTED_HOSTS"]) == (False, False, None)
    assert (c["URL_VERIFIKASI"], c["PENGEMBANGAN"], c["URL_LOKAL"]) == ("", False, "http://127.0.0.1:5000")
    monkeypatch.setenv("DOCGEN_COOKIE_AMAN", "1")
    monkeypatch.setenv("DOCGEN_HOST", " docgen.example.go.id, .dinas.example ,")
    monkeypatch.setenv("DOCGEN_MODE", "pengembangan")
    monkeypatch.setenv("PORT", "8080")
    c = _konfigurasi(tmp_path)
    assert c["SESSION_COOKIE_SECURE"] is True and c["REMEMBER_COOKIE_SECURE"] is True
    assert c["TRUSTED_HOSTS"] == ["docgen.example.go.id", ".dinas.example"]
    assert c["PENGEMBANGAN"] is True and c["URL_LOKAL"] == "http://127.0.0.1:8080"


def test_cookie_aman(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    r = client.post("/masuk", data={"username": "kepala", "password": app.config["AKUN_DEMO"]["kepala"]},
                    base_url="https://localhost")
    assert r.status_code == 302 and "Secure" in r.headers["Set-Cookie"]


def test_host_tepercaya(app, client, token):
    app.config["TRUSTED_HOSTS"] = ["docgen.example.go.id", ".dinas.example"]
    for host in ("docgen.example.go.id", "docgen.example.go.id:8443", "arsip.dinas.example"):
        assert client.get("/masuk", headers={"Host": host}).status_code == 200, host
    r = client.get("/masuk", headers=PALSU)
    assert r.status_code == 400 and "tidak dilayani server ini" in r.get_data(as_text=True)
    r = client.post("/masuk", headers=PALSU, data={"username": "kepala", "password": "x"})
    assert r.status_code == 400
    r = client.get("/api/v1/jenis", headers={**PALSU, **token("kepala")})
    assert r.status_code == 400 and "tidak dilayani" in r.get_json()["error"]


# -- the verification link ---------------------------------------------------------------------------------------


@pytest.fixture
def tanpa_pdf(monkeypatch):
    """Finalising without LibreOffice: the PDF is a stand-in, the .docx (with its QR code) is the real one."""
    monkeypatch.setattr(finalisasi, "_pdf", lambda docx, pengguna: b"%PDF-1.4 uji\n%%EOF\n")


def _palsu(client) -> dict[str, str]:
    """Headers of a request with a forged Host; the session cookie goes along, as a script would send it."""
    client.set_cookie("session", client.get_cookie("session").value, domain="jahat.example")
    return PALSU


def _nota(client) -> int:
    data = sampel_dokumen("nota-dinas")
    data["nomor"].pop("urut", None)
    r = client.post("/dokumen/nota-dinas/baru", data=ratakan(data))
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    return int(r.headers["Location"].rsplit("/", 1)[-1])


def _qr_dan_teks(app, dokumen_id: int) -> tuple[str, str]:
    """The URL in the final .docx's QR code (checked against the configured base) and the .docx's text, footers
    included (the printed link)."""
    with app.app_context():
        dok = sesi().get(Dokumen, dokumen_id)
        docx = penyimpanan(app).baca(dok.berkas_docx)
        dasar = (app.config['URL_VERIFIKASI'] or app.config['URL_LOKAL']).rstrip('/')
        url = f"{dasar}/verifikasi/{dok.kode_verifikasi}"
    footer = Document(io.BytesIO(docx)).sections[0].footer
    rid = footer._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip").get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        kaki = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", "".join(
            z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))))
    return baca_qr(footer.part.related_parts[rid].blob, url), teks_docx(docx) + kaki


def test_host_palsu_tidak_masuk_tautan_verifikasi(app, client, masuk, tanpa_pdf):
    app.config["URL_VERIFIKASI"] = URL + "/"
    masuk("sekretaris")
    did = _nota(client)
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"}, headers=_palsu(client))
    assert r.status_code == 302 and r.headers["Location"] == f"/dokumen/{did}", r.get_data(as_text=True)[:2000]
    html = client.get(f"/dokumen/{did}", headers=PALSU).get_data(as_text=True)
    qr, teks = _qr_dan_teks(app, did)
    assert qr.startswith(f"{URL}/verifikasi/") and qr in html and qr in teks
    assert "jahat" not in html.split("<main", 1)[-1] and "jahat" not in teks


def test_host_palsu_lewat_api(app, client, token, tanpa_pdf):
    app.config["URL_VERIFIKASI"] = URL
    h = token("kepala")
    data = sampel_dokumen("nota-dinas")
    data["nomor"].pop("urut", None)
    r = client.post("/api/v1/dokumen/nota-dinas", headers={**h, **PALSU}, json=data)
    assert r.status_code == 200, r.get_data(as_text=True)[:2000]
    did = int(r.headers["X-Dokumen-Id"])
    r = client.post(f"/api/v1/dokumen/{did}/final", headers={**h, **PALSU})
    assert r.status_code == 200, r.get_json()
    qr, _ = _qr_dan_teks(app, did)
    assert r.get_json()["url_verifikasi"] == qr and qr.startswith(f"{URL}/verifikasi/")


def test_pengembangan_tanpa_url_memakai_alamat_lokal(app, client, masuk, tanpa_pdf):
    app.config["URL_LOKAL"] = "http://127.0.0.1:5123"
    masuk("sekretaris")
    did = _nota(client)
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"}, headers=_palsu(client))
    assert r.status_code == 302 and r.headers["Location"] == f"/dokumen/{did}"
    qr, _ = _qr_dan_teks(app, did)
    assert qr.startswith("http://127.0.0.1:5123/verifikasi/")


def test_produksi_tanpa_url_ditolak(app, client, masuk, token, tanpa_pdf):
    app.config.update(TESTING=False, PENGEMBANGAN=False, URL_VERIFIKASI="")
    masuk("sekretaris")
    did = _nota(client)
    html = client.get(f"/dokumen/{did}").get_data(as_text=True)
    assert "URL_VERIFIKASI" in html  # said before anyone tries
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"}, headers=_palsu(client))
    assert r.status_code == 409
    assert "Alamat verifikasi untuk kode QR belum diatur di server ini (URL_VERIFIKASI)" in r.get_data(as_text=True)
    r = client.post(f"/api/v1/dokumen/{did}/final", headers={**token("sekretaris"), **PALSU})
    assert r.status_code == 409 and "URL_VERIFIKASI" in r.get_json()["error"]
    with app.app_context():
        dok = sesi().get(Dokumen, did)
        assert dok.status == "konsep" and dok.kode_verifikasi is None
    app.config["URL_VERIFIKASI"] = URL
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"})
    assert r.status_code == 302 and r.headers["Location"] == f"/dokumen/{did}"
