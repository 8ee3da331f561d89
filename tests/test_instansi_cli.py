"""Several agencies on one deployment: `docgen instansi buat|daftar` and `docgen user create --instansi`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLES
from web.inti.db import sesi
from web.inti.models import Audit, Instansi, Pengguna


@pytest.fixture
def cli_env(app, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("DOCGEN_STORAGE", str(app.config["PENYIMPANAN"]))
    return app


def _instansi_baru(*tambahan: str):
    from web.perintah.instansi import instansi

    return CliRunner().invoke(instansi, ["buat", "--nama", "Dinas Pendidikan", "--pemerintah",
                                         "Pemerintah Kabupaten Pesisir Selatan", "--alamat", "Jl. Sutan Syahrir",
                                         "--kota", "Painan", "--singkatan", "DISDIK", *tambahan])


def test_instansi_kedua_dan_penggunanya(cli_env, client, masuk):
    from web.perintah.akun import user
    from web.perintah.instansi import instansi

    hasil = _instansi_baru()
    assert hasil.exit_code == 0, hasil.output
    baru = int(hasil.output.strip())
    daftar = CliRunner().invoke(instansi, ["daftar"]).output
    assert "Badan Kepegawaian" in daftar and f"{baru:>4}  Dinas Pendidikan Kabupaten Pesisir Selatan" in daftar
    # the same agency twice is refused
    assert _instansi_baru().exit_code == 2

    # with two agencies a user needs --instansi; the message lists them
    tanpa = CliRunner().invoke(user, ["create", "--username", "admin.disdik", "--role", "admin", "--password-stdin"],
                               input="sandi-panjang-sekali\n")
    assert tanpa.exit_code == 2 and "pilih dengan --instansi" in tanpa.output and "Dinas Pendidikan" in tanpa.output
    salah = CliRunner().invoke(user, ["create", "--username", "admin.disdik", "--role", "admin", "--instansi", "999",
                                      "--password-stdin"], input="sandi-panjang-sekali\n")
    assert salah.exit_code == 2 and "ID 999 tidak ada" in salah.output
    ok = CliRunner().invoke(user, ["create", "--username", "admin.disdik", "--role", "admin", "--instansi", str(baru),
                                   "--password-stdin"], input="sandi-panjang-sekali\n")
    assert ok.exit_code == 0, ok.output
    with cli_env.app_context():
        p = sesi().query(Pengguna).filter_by(username="admin.disdik").one()
        assert p.instansi_id == baru
        assert sesi().get(Instansi, baru).profil["nama"] == "DINAS PENDIDIKAN"
        assert sesi().query(Audit).filter_by(aksi="instansi.buat", instansi_id=baru).count() == 1

    # agency A makes a document; agency B's admin cannot see it
    masuk("perencana")
    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    data.pop("instansi")
    with cli_env.app_context():
        from web.layanan.dokumen import buat_dokumen

        pembuat = sesi().query(Pengguna).filter_by(username="perencana").one()
        dok_id = buat_dokumen(pembuat, "nota-dinas", data, pdf=False).id
    client.post("/keluar")
    r = client.post("/masuk", data={"username": "admin.disdik", "password": "sandi-panjang-sekali"})
    assert r.status_code == 302
    assert client.get(f"/dokumen/{dok_id}").status_code == 404
    assert "Pelaksanaan" not in client.get("/dokumen/riwayat").get_data(as_text=True)
    # its documents carry its own kop
    profil = client.get("/profil").get_data(as_text=True)
    assert "DINAS PENDIDIKAN" in profil and "Ilyas Yakub" not in profil  # B's kop, never A's address


def test_instansi_isian_salah(cli_env):
    from web.perintah.instansi import instansi

    hasil = CliRunner().invoke(instansi, ["buat", "--nama", " ", "--pemerintah", "Pemerintah Kota X", "--alamat",
                                          "Jl. A", "--kota", "X"])
    assert hasil.exit_code == 2 and "nama: tidak boleh kosong" in hasil.output
