"""Stored logos and templates are immutable: a replacement gets a key of its own content, the old file is released
and swept only after the grace period, so documents rendered meanwhile never fail; no message shows where the store
keeps its files."""

from __future__ import annotations

import hashlib
import io
import os
import threading
import time

import pytest

from tests.data_uji import pengguna
from tests.test_cadangan_rujukan import gambar_docx, nota_lewat_api, png, teks_docx, templat_nota
from web.inti.db import sesi
from web.inti.models import Instansi
from web.inti.penyimpanan import penyimpanan, tanpa_akar
from web.layanan import profil, templat
from web.layanan.sapu import sapu

DUA_JAM = 2 * 3600


def _tua(app, kunci: str, detik: float = DUA_JAM) -> None:
    path = penyimpanan(app).path_lokal(kunci)
    os.utime(path, (time.time() - detik, time.time() - detik))


def _logo(app) -> str:
    with app.app_context():
        return sesi().get(Instansi, 1).logo


def _ganti_logo(app, isi: bytes) -> str:
    with app.app_context():
        admin = pengguna("admin")
        profil.ganti_logo(admin, admin.instansi, isi)
        return admin.instansi.logo


def _pasang(app, isi: bytes) -> str:
    with app.app_context():
        return templat.pasang(pengguna("admin"), "nota-dinas", isi, "templat.docx").berkas


@pytest.fixture
def app_dok(app):
    app.config["PDF_AKTIF"] = False
    return app


def test_logo_berkunci_isi_yang_lama_dilepas_lalu_disapu(app_dok):
    app, store = app_dok, penyimpanan(app_dok)
    awal = _logo(app)
    _tua(app, awal, 48 * 3600)  # written long ago: replacing it starts its grace period anew
    merah, biru = png((200, 0, 0)), png((0, 0, 200))
    k1 = _ganti_logo(app, merah)
    assert k1 == f"logo/instansi-1-{hashlib.sha256(merah).hexdigest()[:16]}.png"
    k2 = _ganti_logo(app, biru)
    assert store.baca(k2) == biru and store.baca(k1) == merah and store.ada(awal)
    with app.app_context():
        assert sapu(app, umur_jam=0, hapus=True).yatim == []  # released within the hour: kept whatever --umur
    _tua(app, k1)
    with app.app_context():
        assert sapu(app, umur_jam=0, hapus=True).yatim == [k1]
    assert not store.ada(k1) and store.ada(k2) and store.ada(awal)

    assert _ganti_logo(app, biru) == k2  # the same content: the same key, no second file
    _tua(app, awal)
    k3 = _ganti_logo(app, png((0, 150, 0)))  # the replacement sweeps what was released over an hour ago
    assert not store.ada(awal) and store.ada(k2) and store.ada(k3)


def test_templat_berkunci_isi_yang_lama_dilepas_lalu_disapu(app_dok):
    app, store = app_dok, penyimpanan(app_dok)
    a, b = templat_nota("VERSI A"), templat_nota("VERSI B")
    ka = _pasang(app, a)
    assert ka == f"templat/1/nota-dinas-{hashlib.sha256(a).hexdigest()[:16]}.docx"
    kb = _pasang(app, b)
    assert store.baca(ka) == a and store.baca(kb) == b
    _tua(app, ka)
    kc = _pasang(app, templat_nota("VERSI C"))
    assert not store.ada(ka) and store.ada(kb) and store.ada(kc)
    with app.app_context():
        templat.hapus(pengguna("admin"), "nota-dinas")
    assert store.ada(kc)  # released, not removed
    _tua(app, kb)
    _tua(app, kc)
    with app.app_context():
        assert sorted(sapu(app, umur_jam=1, hapus=True).yatim) == sorted([kb, kc])


def _di_utas(fungsi) -> None:
    """Run `fungsi` in another thread (its own app context and database session) and wait for it."""
    galat: list[BaseException] = []

    def jalan():
        try:
            fungsi()
        except BaseException as exc:
            galat.append(exc)

    t = threading.Thread(target=jalan)
    t.start()
    t.join(120)
    assert not galat, galat


def test_logo_diganti_saat_dokumen_sedang_disusun(app_dok, monkeypatch):
    """Replaced after the render resolved the logo and before it reads it: the render uses the old file."""
    app = app_dok
    with app.app_context():
        lama = penyimpanan().baca(_logo(app))
    baru = png((1, 2, 3))
    asli = templat.pilih
    sudah: list[bool] = []

    def pilih_lalu_ganti(*a, **k):
        if not sudah:
            sudah.append(True)
            _di_utas(lambda: _ganti_logo(app, baru))
        return asli(*a, **k)

    monkeypatch.setattr(templat, "pilih", pilih_lalu_ganti)
    r = nota_lewat_api(app)
    assert sudah and r.status_code == 200, r.get_data(as_text=True)
    assert gambar_docx(r.data) == [lama]
    monkeypatch.setattr(templat, "pilih", asli)
    r = nota_lewat_api(app)
    assert r.status_code == 200 and gambar_docx(r.data) == [baru]


def test_templat_diganti_saat_dokumen_sedang_disusun(app_dok, monkeypatch):
    """Replaced after the render read the template's row and before it reads the file: the old file is read."""
    app = app_dok
    _pasang(app, templat_nota("TEMPLAT LAMA"))
    asli = templat.baris
    sudah: list[bool] = []

    def baris_lalu_ganti(*a, **k):
        t = asli(*a, **k)
        if not sudah:
            sudah.append(True)
            _di_utas(lambda: _pasang(app, templat_nota("TEMPLAT BARU")))
        return t

    monkeypatch.setattr(templat, "baris", baris_lalu_ganti)
    r = nota_lewat_api(app)
    assert sudah and r.status_code == 200, r.get_data(as_text=True)
    assert "TEMPLAT LAMA" in teks_docx(r.data)
    monkeypatch.setattr(templat, "baris", asli)
    r = nota_lewat_api(app)
    assert r.status_code == 200 and "TEMPLAT BARU" in teks_docx(r.data)


def test_logo_diganti_berulang_sambil_dokumen_disusun(app_dok, masuk):
    """One thread replaces the logo again and again through the profile page while another renders documents
    through the API: every render succeeds with one of the logos, and no response shows a server path."""
    app = app_dok
    akar = str(penyimpanan(app).akar)
    logo = [png((i * 20, 255 - i * 20, 90)) for i in range(8)]
    admin = masuk("admin")
    status_logo: list[int] = []
    hasil: list[tuple[int, bytes]] = []
    mulai = threading.Barrier(2)

    def ganti():
        mulai.wait()
        for isi in logo:
            r = admin.post("/profil/logo", data={"logo": (io.BytesIO(isi), "logo.png")},
                           content_type="multipart/form-data")
            status_logo.append(r.status_code)
            assert akar not in r.get_data(as_text=True)

    def susun():
        mulai.wait()
        for _ in range(8):
            r = nota_lewat_api(app)
            hasil.append((r.status_code, r.data))

    utas = [threading.Thread(target=ganti), threading.Thread(target=susun)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(300)
    assert status_logo == [302] * len(logo)
    with app.app_context():
        awal = penyimpanan().baca("logo/instansi-1.png")
    for status, isi in hasil:
        assert status == 200, isi[:500]
        assert akar.encode() not in isi
        assert len(gambar_docx(isi)) == 1 and gambar_docx(isi)[0] in [awal, *logo]
    assert len(hasil) == 8


def test_pesan_galat_logo_tanpa_path_server(app_dok, masuk):
    """A logo damaged outside the app: the message names its key, not the folder on the server."""
    app = app_dok
    kunci = _logo(app)
    akar = str(penyimpanan(app).akar)
    penyimpanan(app).path_lokal(kunci).write_bytes(b"bukan gambar")
    r = nota_lewat_api(app)
    assert r.status_code == 422
    badan = r.get_json()
    assert badan["fields"]["instansi.logo"] == f"bukan gambar PNG/JPEG: {kunci}"
    assert akar not in r.get_data(as_text=True)


def test_tanpa_akar(app):
    with app.app_context():
        akar = str(penyimpanan().akar)
        assert tanpa_akar(f"berkas tidak ditemukan: {akar}/logo/a.png") == "berkas tidak ditemukan: logo/a.png"
        assert tanpa_akar(f"folder {akar} penuh") == "folder (penyimpanan) penuh"
        assert tanpa_akar(f"{akar}-lain/x") == f"{akar}-lain/x"  # another folder beside it is left alone
