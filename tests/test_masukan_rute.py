"""Every route against what PostgreSQL refuses: ids beyond its INTEGER (404, not 500) and control characters such as
NUL in the path, the query or a form field (400 naming the field, not 500)."""

from __future__ import annotations

import html
import io
import re
from urllib.parse import unquote

import pytest

from tests.data_uji import sampel_dokumen
from tests.keamanan_uji import PENGGUNA_A, masuk_sebagai, siapkan

ARGUMEN = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
BESAR = (2**31, 10**30)


def _rute(app) -> list[tuple[str, str, set[str]]]:
    """(endpoint, rule, methods) of every route."""
    return [(r.endpoint, r.rule, set(r.methods or ()) - {"HEAD", "OPTIONS"}) for r in app.url_map.iter_rules()]


def _isi(rule: str, int_: str, teks: str) -> str:
    """The rule's path with `int_` for every int argument and `teks` for every other one."""
    return ARGUMEN.sub(lambda m: int_ if m.group(1) == "int" else teks, rule)


def _kirim(c, metode: str, url: str, token: str | None = None, data: dict | None = None):
    h = {"Authorization": f"Bearer {token}"} if token and url.startswith("/api/") else {}
    r = c.open(url, method=metode, headers=h, data=data if metode == "POST" else None)
    r.get_data()
    r.close()
    return r


@pytest.fixture
def klien(app, tmp_path):
    """One signed-in client per demo role of agency A (with its data and API tokens)."""
    a, _ = siapkan(app, tmp_path, dengan_b=False)
    return a, {peran: masuk_sebagai(app, u) for peran, u in PENGGUNA_A.items()}


# -- ids out of range ----------------------------------------------------------------------------------------------


def test_id_di_luar_jangkauan_404(app, klien):
    a, k = klien
    rute = [(e, r, m) for e, r, m in _rute(app) if "<int:" in r]
    assert len(rute) >= 15
    salah = []
    for endpoint, rule, metode in rute:
        for besar in (*BESAR, 0):
            url = _isi(rule, str(besar), "nota-dinas")
            for m in sorted(metode):
                kode = _kirim(k["admin"], m, url, a.token["admin"]).status_code
                if kode != 404:
                    salah.append(f"{endpoint} {m} {url}: {kode}")
    assert not salah, "\n".join(salah)


@pytest.mark.parametrize("nilai", [str(2**31), str(10**30), "²", "-1", "1_0", " 7"])
def test_id_di_query_dan_isian_bukan_500(app, klien, nilai):
    a, k = klien
    url = ["/dokumen/nota-dinas/baru?dari={}", "/dokumen/nota-dinas/baru?siklus={}&langkah=1",
           f"/dokumen/nota-dinas/baru?siklus={a.siklus}&langkah={{}}", "/siklus?tahun={}", "/audit?pengguna={}",
           "/audit/ekspor.csv?pengguna={}", "/audit/ekspor.xlsx?pengguna={}", "/audit?halaman={}",
           "/dokumen/riwayat?halaman={}", "/nomor?tahun={}", "/nomor/ekspor?tahun={}", "/kinerja/capaian?tahun={}",
           "/kinerja/rencana?tahun={}"]
    salah = []
    for u in url:
        for peran, c in k.items():
            kode = _kirim(c, "GET", u.format(nilai)).status_code
            if kode >= 500:
                salah.append(f"GET {u.format(nilai)} [{peran}]: {kode}")
    r = k["admin"].post("/profil/pengguna", data={"username": "staf.baru", "peran": "bidang", "unit": nilai,
                                                  "sandi": "sandi-panjang-1", "sandi_ulang": "sandi-panjang-1"})
    if r.status_code != 422:
        salah.append(f"POST /profil/pengguna unit={nilai}: {r.status_code}")
    assert not salah, "\n".join(salah)


def test_id_dalam_jangkauan_tetap_cocok(app, klien):
    a, k = klien
    assert k["perencana"].get(f"/dokumen/{a.dokumen}").status_code == 200
    assert k["perencana"].get(f"/dokumen/{2**31 - 1}").status_code == 404  # the largest id: looked up, not found
    assert k["perencana"].get(f"/dokumen/{a.dokumen:05d}").status_code == 200  # leading zeros as before


# -- control characters ----------------------------------------------------------------------------------------------


def _pesan(r) -> str:
    j = r.get_json(silent=True)
    return j["error"] if j else html.unescape(r.get_data(as_text=True))


def test_kendali_di_query_setiap_rute_400(app, klien):
    a, k = klien
    anonim = app.test_client()
    salah = []
    for endpoint, rule, metode in _rute(app):
        url = _isi(rule, "1", "nota-dinas") + "?q=%00"
        for m in sorted(metode):
            for siapa, c in (("anonim", anonim), ("admin", k["admin"])):
                r = _kirim(c, m, url, a.token["admin"] if siapa == "admin" else None)
                if r.status_code != 400 or "Parameter 'q' memuat karakter kendali" not in _pesan(r):
                    salah.append(f"{endpoint} {m} {url} [{siapa}]: {r.status_code}")
    assert not salah, "\n".join(salah)


def test_kendali_di_jalur_setiap_rute_400(app, klien):
    a, k = klien
    salah = []
    rute = [(e, r, m) for e, r, m in _rute(app) if any(g.group(1) != "int" for g in ARGUMEN.finditer(r))]
    assert len(rute) >= 10
    for endpoint, rule, metode in rute:
        for teks in ("a%00b", "%01", "x%1Fy"):
            url = _isi(rule, "1", teks)
            for m in sorted(metode):
                r = _kirim(k["admin"], m, url, a.token["admin"])
                if r.status_code != 400 or "Alamat halaman memuat karakter kendali" not in _pesan(r):
                    salah.append(f"{endpoint} {m} {url}: {r.status_code}")
    assert not salah, "\n".join(salah)


def test_masuk_dengan_nul_400_bernama_kolom(app, client):
    r = client.post("/masuk", data={"username": "a\x00b", "password": "x"})
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert "Kolom &#39;username&#39; memuat karakter kendali (mis. NUL) yang tidak diizinkan" in html
    assert "<html" in html  # the error page of the site
    r = client.post("/masuk", data={"username": "kepala", "pass\x07word": "x"})
    assert r.status_code == 400 and "Kolom &#39;pass\\x07word&#39;" in r.get_data(as_text=True)
    # tab, CR and LF are text, not refused
    r = client.post("/masuk", data={"username": "kepala", "password": "a\tb\r\nc"})
    assert r.status_code == 401
    r = client.post("/masuk", data={"username": "kepala", "password": app.config["AKUN_DEMO"]["kepala"]})
    assert r.status_code == 302


def test_verifikasi_dengan_nul(app, klien):
    a, _ = klien
    tamu = app.test_client()
    assert tamu.get("/verifikasi/%00").status_code == 400
    assert tamu.get(f"/verifikasi/{a.kode_verifikasi}?x=a%00").status_code == 400
    r = tamu.post(f"/verifikasi/{a.kode_verifikasi}", data={"catatan": "\x00"})
    assert r.status_code == 400 and "Kolom &#39;catatan&#39;" in r.get_data(as_text=True)
    # a file's name is checked, its content is not
    r = tamu.post(f"/verifikasi/{a.kode_verifikasi}", content_type="multipart/form-data",
                  data={"berkas": (io.BytesIO(b"%PDF-1.4\n"), "a\x00.pdf")})
    assert r.status_code == 400 and "Nama berkas pada kolom &#39;berkas&#39;" in r.get_data(as_text=True)
    r = tamu.post(f"/verifikasi/{a.kode_verifikasi}", content_type="multipart/form-data",
                  data={"berkas": (io.BytesIO(b"%PDF-1.4\n\x00\x01\x02\n%%EOF\n"), "salinan.pdf")})
    assert r.status_code == 200 and "karakter kendali" not in r.get_data(as_text=True)


def test_api_nul_bukan_500(app, klien):
    """JSON bodies are not refused for control characters: document input is cleaned (with a warning, as text
    copied from a PDF often carries them); elsewhere a NUL is an unknown value (4xx). Never a 500."""
    a, _ = klien
    h = {"Authorization": f"Bearer {a.token['perencana']}"}
    data = sampel_dokumen("nota-dinas")
    data["hal"] = "Permintaan\u0000data"
    c = app.test_client()
    r = c.post("/api/v1/dokumen/nota-dinas", headers=h, json=data)
    assert r.status_code == 200 and "karakter kontrol dihapus" in unquote(r.headers.get("X-Peringatan", ""))
    did = int(r.headers["X-Dokumen-Id"])
    for badan in ({"seri": "nota\u0000dinas"}, {"cara": "biasa\u0000"}, {"seri\u0000": "x"}):
        r = c.post(f"/api/v1/dokumen/{did}/final", headers={"Authorization": f"Bearer {a.token['sekretaris']}"},
                   json=badan)
        # 503: these tests make no PDF, so a body that passes every check stops there
        assert (400 <= r.status_code < 500 or r.status_code == 503) and r.get_json()["error"], (badan, r.status_code)
    r = c.post("/api/v1/capaian", headers=h, json={"tahun\u0000": 2024, "sasaran": [{"nama": "a\u0000"}]})
    assert 400 <= r.status_code < 500 and r.get_json()["error"]
    # a form-encoded body is not parsed as a form before the API reads it: still "harus JSON", not consumed
    for url in ("/api/v1/dokumen/nota-dinas", f"/api/v1/dokumen/{did}/final"):
        r = c.post(url, headers=h, data={"seri": "a\x00b"})
        assert r.status_code == 422 and r.get_json()["error"] == "Badan permintaan harus JSON", url
    r = c.post("/api/v1/dokumen/nota-dinas?format=docx%00", headers=h, json=sampel_dokumen("nota-dinas"))
    assert r.status_code == 400 and r.get_json() == {
        "error": "Parameter 'format' memuat karakter kendali (mis. NUL) yang tidak diizinkan.",
        "fields": {"format": "memuat karakter kendali (mis. NUL) yang tidak diizinkan"}}
