"""Login throttling: 5 failures per username or 20 per address within 15 minutes refuse further attempts (429, even
with the right password); a successful login clears the username's count; attempts live in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from web.aplikasi import create_app
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Audit, PercobaanMasuk


class Jam:
    """A clock the test moves by hand."""

    def __init__(self):
        self.kini = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.kini

    def maju(self, **selang) -> None:
        self.kini += dt.timedelta(**selang)


@pytest.fixture
def jam(monkeypatch):
    j = Jam()
    monkeypatch.setattr(waktu, "sekarang", j)
    return j


def _masuk(app, c, username: str, sandi: str | None = None, alamat: str = "127.0.0.1"):
    return c.post("/masuk", data={"username": username, "password": sandi or app.config["AKUN_DEMO"][username]},
                  environ_base={"REMOTE_ADDR": alamat})


def _gagal(app, c, username: str, n: int, alamat: str = "127.0.0.1") -> None:
    for _ in range(n):
        r = _masuk(app, c, username, "salah-sandi", alamat)
        assert r.status_code == 401, r.get_data(as_text=True)


def test_lima_gagal_menahan_bahkan_sandi_benar(app, client, jam):
    _gagal(app, client, "kepala", 5)
    r = _masuk(app, client, "kepala")
    teks = r.get_data(as_text=True)
    assert r.status_code == 429
    assert "Terlalu banyak percobaan masuk; coba lagi dalam 15 menit." in teks
    assert r.headers["Retry-After"] == "900"
    assert client.get("/beranda").status_code == 302  # not signed in
    jam.maju(minutes=10)
    r = _masuk(app, client, "kepala")
    assert r.status_code == 429 and "coba lagi dalam 5 menit" in r.get_data(as_text=True)
    jam.maju(minutes=5, seconds=1)
    assert _masuk(app, client, "kepala").status_code == 302
    # other usernames were never held
    with app.app_context():
        aksi = list(sesi().scalars(select(Audit.aksi).order_by(Audit.id)))
    assert aksi.count("masuk.gagal") == 5 and aksi.count("masuk.ditahan") == 2 and aksi[-1] == "masuk.berhasil"


def test_nama_lain_tidak_terkena_dan_huruf_besar_sama(app, client, jam):
    _gagal(app, client, "kepala", 3)
    _gagal(app, client, "KEPALA", 2)  # the same username, typed differently
    assert _masuk(app, client, "kepala").status_code == 429
    assert _masuk(app, app.test_client(), "sekretaris").status_code == 302


def test_berhasil_mengosongkan_hitungan_nama(app, client, jam):
    _gagal(app, client, "perencana", 4)
    assert _masuk(app, client, "perencana").status_code == 302
    client.post("/keluar")
    _gagal(app, client, "perencana", 4)
    assert _masuk(app, client, "perencana").status_code == 302  # 4 failures since the last success: allowed


def test_dua_puluh_gagal_dari_satu_alamat(app, client, jam):
    for i in range(20):
        _gagal(app, client, f"tebakan{i}", 1, alamat="10.0.0.7")
    r = _masuk(app, client, "arsiparis", alamat="10.0.0.7")
    assert r.status_code == 429 and "coba lagi dalam 15 menit" in r.get_data(as_text=True)
    assert _masuk(app, app.test_client(), "arsiparis", alamat="10.0.0.8").status_code == 302


def test_jendela_dapat_diatur_dan_baris_lama_dibuang(app, client, jam):
    app.config["MASUK_JENDELA_DETIK"] = 60
    _gagal(app, client, "kepala", 5)
    assert _masuk(app, client, "kepala").status_code == 429
    with app.app_context():
        assert sesi().scalar(select(func.count()).select_from(PercobaanMasuk)) == 5
    jam.maju(seconds=61)
    assert _masuk(app, client, "kepala").status_code == 302
    with app.app_context():  # the five old failures were pruned; only the success is left
        assert list(sesi().scalars(select(PercobaanMasuk.berhasil))) == [1]


def test_hitungan_dibagi_antarproses(app, jam):
    """Two app instances (two worker processes) on one database see the same attempts."""
    lain = create_app({"TESTING": True, "DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "uji",
                       "PENYIMPANAN": app.config["PENYIMPANAN"], "WTF_CSRF_ENABLED": False})
    lain.config["AKUN_DEMO"] = app.config["AKUN_DEMO"]
    try:
        _gagal(app, app.test_client(), "sekretaris", 5)
        assert _masuk(lain, lain.test_client(), "sekretaris").status_code == 429
    finally:
        lain.extensions["docgen_engine"].dispose()


def test_nama_tidak_dikenal_dicatat_tanpa_instansi(app, client, jam):
    _gagal(app, client, "bukan.pengguna", 1)
    with app.app_context():
        a = sesi().scalar(select(Audit).where(Audit.aksi == "masuk.gagal"))
        assert a.instansi_id is None and a.rincian == {"username": "bukan.pengguna"} and a.alamat_ip == "127.0.0.1"


def test_akun_dinonaktifkan_mengakhiri_sesi_terbuka(app, client, masuk):
    masuk("kepala")
    assert client.get("/beranda").status_code == 200
    with app.app_context():
        from web.inti.models import Pengguna

        sesi().scalar(select(Pengguna).where(Pengguna.username == "kepala")).aktif = 0
        sesi().commit()
    r = client.get("/beranda")
    assert r.status_code == 302 and "/masuk" in r.headers["Location"]
