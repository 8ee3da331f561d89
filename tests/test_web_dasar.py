"""The web app's foundation: factory, login, roles, CSRF, cookies, the error shape."""

from __future__ import annotations

import re

from web.inti.db import migrasi


def test_masuk_dan_keluar(client, masuk):
    assert client.get("/beranda").status_code == 302  # to the login page
    masuk("perencana")
    r = client.get("/beranda")
    assert r.status_code == 200
    teks = r.get_data(as_text=True)
    assert "Kasubbag Perencanaan" in teks and "Laporan Kinerja Instansi Pemerintah" in teks
    assert client.post("/keluar").status_code == 302
    assert client.get("/beranda").status_code == 302


def test_sandi_salah_pesan_indonesia(client):
    r = client.post("/masuk", data={"username": "perencana", "password": "salah"})
    assert r.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in r.get_data(as_text=True)


def test_cookie_sesi_httponly_samesite(app, client):
    r = client.post("/masuk", data={"username": "kepala", "password": app.config["AKUN_DEMO"]["kepala"]})
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("session=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_setiap_peran_hanya_melihat_jenisnya(client, masuk):
    masuk("bidang.kompetensi")
    teks = client.get("/beranda").get_data(as_text=True)
    assert "Formulir Pemantauan Capaian Kinerja" in teks
    assert "Keputusan Penetapan SOP" not in teks and "Nota Dinas" not in teks


def test_csrf_wajib(app):
    app.config["WTF_CSRF_ENABLED"] = True
    c = app.test_client()
    r = c.post("/masuk", data={"username": "perencana", "password": app.config["AKUN_DEMO"]["perencana"]})
    assert r.status_code == 400
    assert "token CSRF" in r.get_data(as_text=True)
    halaman = c.get("/masuk").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', halaman).group(1)
    r = c.post("/masuk", data={"username": "perencana", "password": app.config["AKUN_DEMO"]["perencana"],
                               "csrf_token": token})
    assert r.status_code == 302


def test_bentuk_galat_api_json(client):
    r = client.get("/api/v1/tidak-ada")
    assert r.status_code == 404
    assert r.get_json() == {"error": "Halaman atau data tidak ditemukan.", "fields": {}}


def test_halaman_404_indonesia(client):
    r = client.get("/tidak-ada")
    assert r.status_code == 404 and "Halaman atau data tidak ditemukan." in r.get_data(as_text=True)


def test_migrasi_berulang_aman(app):
    migrasi(app.config["DATABASE_URL"])  # already at head: nothing to do, no error
