"""The agency admin manages its users: add (errors beside the field, input kept), deactivate, new password."""

from __future__ import annotations

from sqlalchemy import select

from web.inti.db import sesi
from web.inti.models import Audit, Pengguna, UnitKerja

SANDI = "sandi-awal-panjang"


def _isian(**ubah) -> dict:
    return {"username": "staf.baru", "nama": "Dewi Lestari, S.E.", "peran": "tim_sakip", "unit": "",
            "sandi": SANDI, "sandi_ulang": SANDI} | ubah


def test_tambah_pengguna_lalu_masuk(app, client, masuk):
    masuk("admin")
    html = client.get("/profil/pengguna").get_data(as_text=True)
    assert "bidang.kompetensi" in html and "Tambah pengguna" in html
    r = client.post("/profil/pengguna", data=_isian())
    assert r.status_code == 302
    assert "Pengguna staf.baru dibuat" in client.get("/profil/pengguna").get_data(as_text=True)
    with app.app_context():
        p = sesi().scalar(select(Pengguna).where(Pengguna.username == "staf.baru"))
        assert (p.peran, p.instansi_id, p.nama) == ("tim_sakip", 1, "Dewi Lestari, S.E.")
        assert sesi().scalar(select(Audit).where(Audit.aksi == "pengguna.buat")).rincian["username"] == "staf.baru"
    client.post("/keluar")
    r = client.post("/masuk", data={"username": "staf.baru", "password": SANDI})
    assert r.status_code == 302 and r.headers["Location"].endswith("/beranda")


def test_isian_salah_pesan_di_samping_medan_dan_isian_tetap(app, client, masuk):
    masuk("admin")
    r = client.post("/profil/pengguna", data=_isian(username="Ada Spasi", sandi="pendek", sandi_ulang="pendek",
                                                     nama="Nama Tetap Ada"))
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "3–50 huruf kecil" in html and "paling sedikit 8 karakter" in html
    assert 'value="Nama Tetap Ada"' in html
    r = client.post("/profil/pengguna", data=_isian(username="admin"))
    assert r.status_code == 422 and "sudah dipakai" in r.get_data(as_text=True)
    r = client.post("/profil/pengguna", data=_isian(peran="bidang"))
    assert r.status_code == 422 and "wajib diisi untuk peran bidang" in r.get_data(as_text=True)
    r = client.post("/profil/pengguna", data=_isian(peran="raja"))
    assert r.status_code == 422 and "pilih salah satu peran" in r.get_data(as_text=True)
    r = client.post("/profil/pengguna", data=_isian(sandi_ulang="lain-sekali-bedanya"))
    assert r.status_code == 422 and "ulangan kata sandi tidak sama" in r.get_data(as_text=True)
    with app.app_context():
        assert sesi().scalar(select(Pengguna).where(Pengguna.username == "staf.baru")) is None
        unit = sesi().scalar(select(UnitKerja).order_by(UnitKerja.id))
    r = client.post("/profil/pengguna", data=_isian(peran="bidang", unit=str(unit.id), username="bidang.baru"))
    assert r.status_code == 302


def test_nonaktif_mengakhiri_sesi_dan_sandi_baru(app, client, masuk):
    kepala = app.test_client()
    masuk("kepala", kepala)
    assert kepala.get("/beranda").status_code == 200
    masuk("admin")
    with app.app_context():
        pid = sesi().scalar(select(Pengguna.id).where(Pengguna.username == "kepala"))
        admin_id = sesi().scalar(select(Pengguna.id).where(Pengguna.username == "admin"))
    assert client.post(f"/profil/pengguna/{pid}/aktif").status_code == 302
    assert kepala.get("/beranda").status_code == 302  # the open session ended
    r = client.post(f"/profil/pengguna/{admin_id}/aktif", follow_redirects=True)
    assert "tidak dapat menonaktifkan akun Anda sendiri" in r.get_data(as_text=True)
    client.post(f"/profil/pengguna/{pid}/aktif")  # active again
    r = client.post(f"/profil/pengguna/{pid}/sandi", data={"sandi": "x", "sandi_ulang": "x"})
    assert r.status_code == 422 and "Kata sandi baru: paling sedikit 8 karakter" in r.get_data(as_text=True)
    assert client.post(f"/profil/pengguna/{pid}/sandi",
                       data={"sandi": "sandi-baru-kepala", "sandi_ulang": "sandi-baru-kepala"}).status_code == 302
    baru = app.test_client()
    assert baru.post("/masuk", data={"username": "kepala", "password": "sandi-baru-kepala"}).status_code == 302
    assert baru.get("/beranda").status_code == 200


def test_hanya_admin_dan_instansi_sendiri(app, client, masuk):
    masuk("perencana")
    assert client.get("/profil/pengguna").status_code == 403
    masuk("admin")
    assert client.post("/profil/pengguna/99999/aktif").status_code == 404
    assert client.post("/profil/pengguna/99999/sandi", data={"sandi": "abcdefgh", "sandi_ulang": "abcdefgh"}
                       ).status_code == 404
