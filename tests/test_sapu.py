"""Sweeping the storage: old unreferenced files and stale temporary files go, referenced and recent files stay."""

from __future__ import annotations

import os
import time

from click.testing import CliRunner

from tests.data_uji import pengguna, sampel_dokumen
from web.inti.penyimpanan import penyimpanan
from web.layanan.dokumen import buat_dokumen
from web.layanan.sapu import sapu

DUA_HARI = 48 * 3600


def _tua(path) -> None:
    lama = time.time() - DUA_HARI
    os.utime(path, (lama, lama))


def test_sapu_hanya_yang_yatim_dan_tua(app):
    with app.app_context():
        store = penyimpanan()
        dok = buat_dokumen(pengguna("perencana"), "nota-dinas", sampel_dokumen("nota-dinas"), pdf=False)
        milik = dok.berkas_docx
        yatim = store.simpan("dokumen/999/nota-dinas.docx", b"sisa pekerja yang mati")
        muda = store.simpan("berkas/7/baru.zip", b"sedang dipakai")
        lain = store.simpan("catatan/bukan-urusan-sapu.txt", b"x")
        sisa = store.path_lokal("dokumen/999") / ".nota-dinas.docx.abc.tmp"
        sisa.write_bytes(b"setengah")
        for k in (milik, yatim, lain):
            _tua(store.path_lokal(k))
        _tua(sisa)

        kering = sapu(app)
        assert kering.yatim == [yatim] and kering.sementara == ["dokumen/999/.nota-dinas.docx.abc.tmp"]
        assert store.ada(yatim) and sisa.exists()  # a dry run removes nothing

        hasil = sapu(app, hapus=True)
        assert hasil.yatim == [yatim] and hasil.bita == len(b"sisa pekerja yang mati") + len(b"setengah")
        assert not store.ada(yatim) and not sisa.exists()
        assert store.ada(milik) and store.ada(muda) and store.ada(lain)
        assert store.ada(store.path_lokal(milik).relative_to(store.akar).as_posix())


def test_perintah_sapu(app, monkeypatch):
    from web.perintah.web import web

    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("DOCGEN_STORAGE", str(app.config["PENYIMPANAN"]))
    with app.app_context():
        store = penyimpanan()
        k = store.simpan("berkas/5/yatim.zip", b"PK")
        _tua(store.path_lokal(k))
    hasil = CliRunner().invoke(web, ["sapu"])
    assert hasil.exit_code == 0, hasil.output
    assert "yatim: berkas/5/yatim.zip" in hasil.output and "belum dihapus" in hasil.output
    hasil = CliRunner().invoke(web, ["sapu", "--hapus"])
    assert "dihapus: berkas/5/yatim.zip" in hasil.output
    with app.app_context():
        assert not penyimpanan().ada("berkas/5/yatim.zip")
        from web.inti.db import sesi
        from web.inti.models import Audit
        assert sesi().query(Audit).filter_by(aksi="penyimpanan.sapu").count() == 1
