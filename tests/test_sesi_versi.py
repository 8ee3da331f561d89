"""A session ends for good: a cookie copied before logout, a new password or a (de)activation no longer signs in,
because the account's session version (Pengguna.versi_sesi) has moved on."""

from __future__ import annotations

from flask_login.utils import encode_cookie

from tests.data_uji import pengguna as _p
from web.inti.db import sesi

SANDI_BARU = "sandi-baru-yang-panjang"
ISIAN = {"sandi": SANDI_BARU, "sandi_ulang": SANDI_BARU}


def _salinan(app, c):
    """A new client holding a copy of `c`'s session cookie (what a thief would have taken)."""
    salin = app.test_client()
    salin.set_cookie("session", c.get_cookie("session").value)
    return salin


def _ke_masuk(r) -> bool:
    return r.status_code == 302 and "/masuk" in r.headers["Location"]


def _id(app, username: str) -> int:
    with app.app_context():
        return _p(username).id


def test_cookie_salinan_tidak_berlaku_setelah_keluar(app, client, masuk):
    masuk("kepala")
    lain = masuk("kepala", app.test_client())  # the same account in another browser
    salinan = _salinan(app, client)
    assert salinan.get("/beranda").status_code == 200
    assert client.post("/keluar").status_code == 302
    assert _ke_masuk(salinan.get("/beranda"))
    assert _ke_masuk(lain.get("/beranda"))  # signing out ends every session of the account
    masuk("kepala")
    assert client.get("/beranda").status_code == 200  # signing in again works


def test_sandi_direset_admin_mengakhiri_sesi(app, client, masuk):
    kepala = masuk("kepala", app.test_client())
    salinan = _salinan(app, kepala)
    masuk("admin")
    r = client.post(f"/profil/pengguna/{_id(app, 'kepala')}/sandi", data=ISIAN)
    assert r.status_code == 302
    assert _ke_masuk(kepala.get("/beranda")) and _ke_masuk(salinan.get("/beranda"))
    assert client.get("/beranda").status_code == 200  # the admin's own session is untouched


def test_sandi_sendiri_diganti_sesi_lain_berakhir(app, client, masuk):
    masuk("admin")
    perangkat_lain = masuk("admin", app.test_client())
    salinan = _salinan(app, client)
    r = client.post(f"/profil/pengguna/{_id(app, 'admin')}/sandi", data=ISIAN, follow_redirects=True)
    assert r.status_code == 200 and "sesi Anda di perangkat lain berakhir" in r.get_data(as_text=True)
    assert client.get("/profil/pengguna").status_code == 200  # this session goes on
    assert _ke_masuk(salinan.get("/beranda")) and _ke_masuk(perangkat_lain.get("/beranda"))


def test_nonaktif_lalu_aktif_tidak_menghidupkan_sesi_lama(app, client, masuk, token):
    kepala = masuk("kepala", app.test_client())
    salinan = _salinan(app, kepala)
    api = token("kepala")
    masuk("admin")
    pid = _id(app, "kepala")
    assert client.post(f"/profil/pengguna/{pid}/aktif").status_code == 302  # deactivated
    assert _ke_masuk(salinan.get("/beranda"))
    assert client.get("/api/v1/jenis", headers=api).status_code == 401  # its API tokens stop working too
    assert client.post(f"/profil/pengguna/{pid}/aktif").status_code == 302  # active again
    assert _ke_masuk(salinan.get("/beranda")) and _ke_masuk(kepala.get("/beranda"))
    assert client.get("/api/v1/jenis", headers=api).status_code == 401  # tokens were revoked, not paused
    baru = masuk("kepala", app.test_client())
    assert baru.get("/beranda").status_code == 200


def test_sesi_tanpa_versi_atau_rusak_tidak_masuk(app):
    pid = _id(app, "kepala")
    for nilai in (str(pid), f"{pid}:", f"{pid}:x", f"{pid}:99", f"{2**40}:0", "x:0", f"{pid}:0:0"):
        c = app.test_client()
        with c.session_transaction() as s:
            s["_user_id"] = nilai
            s["_fresh"] = True
        assert _ke_masuk(c.get("/beranda")), nilai
    c = app.test_client()
    with c.session_transaction() as s:
        s["_user_id"] = f"{pid}:0"
    assert c.get("/beranda").status_code == 200


def test_cookie_ingat_saya_membawa_versi(app, client, masuk):
    """Remember-me is not offered, but a remember cookie would carry get_id ("id:versi") and end just the same."""
    with app.test_request_context():
        p = _p("kepala")
        lama = encode_cookie(p.get_id())
        assert p.get_id() == f"{p.id}:{p.versi_sesi}"
    c = app.test_client()
    c.set_cookie("remember_token", lama)
    assert c.get("/beranda").status_code == 200
    with app.app_context():
        p = _p("kepala")
        p.versi_sesi += 1
        sesi().commit()
    c = app.test_client()
    c.set_cookie("remember_token", lama)
    assert _ke_masuk(c.get("/beranda"))


def test_migrasi_0005_akun_lama_versi_nol(tmp_path):
    """Accounts from before migration 0005 get session version 0; the downgrade drops the column again."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect, text

    from tests.basis_uji import basis_data_baru
    from web.inti.db import MIGRASI

    with basis_data_baru(tmp_path, migrasi=False) as url:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRASI))
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
        command.upgrade(cfg, "0004")
        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO instansi (id, nama, profil, pengaturan_capaian) "
                                  "VALUES (1, 'Uji', '{}', '{}')"))
                conn.execute(text("INSERT INTO pengguna (instansi_id, username, nama, password_hash, peran, aktif) "
                                  "VALUES (1, 'lama', '', 'x', 'admin', 1)"))
            command.upgrade(cfg, "head")
            with engine.connect() as conn:
                assert conn.execute(text("SELECT versi_sesi FROM pengguna")).scalar_one() == 0
            command.downgrade(cfg, "0004")
            assert "versi_sesi" not in {c["name"] for c in inspect(engine).get_columns("pengguna")}
        finally:
            engine.dispose()
