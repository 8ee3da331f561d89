"""Background jobs kept in the `tugas` table (embedded mode: threads of this process): progress, outcome, failure
message, cancellation, the per-process limit, the heartbeat, jobs whose process died, the result committed with
the job's status."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import select, update

from docgen.errors import DocgenError
from web import tugas
from web.inti.db import sesi
from web.inti.models import Draf, Pengguna, TugasLatar


@pytest.fixture
def jenis_uji(app):
    """Register job kinds for one test: jenis_uji("nama", fungsi)."""
    nama: list[str] = []

    def daftar(jenis: str, fungsi) -> str:
        tugas.daftarkan(jenis, fungsi, app=app)
        nama.append(jenis)
        return jenis

    yield daftar


def _pemilik(app) -> tuple[int, int]:
    with app.app_context():
        p = sesi().scalar(select(Pengguna).where(Pengguna.username == "perencana"))
        return p.id, p.instansi_id


def _mulai(app, jenis: str, argumen: dict | None = None, **kw) -> tugas.Tugas:
    pemilik, instansi_id = _pemilik(app)
    with app.app_context():
        return tugas.mulai(jenis, argumen or {}, pemilik=pemilik, instansi_id=instansi_id, **kw)


def _tunggu(app, tid: str, batas: float = 10.0) -> tugas.Tugas:
    with app.app_context():
        t = tugas.tunggu(tid, batas)
    assert t.status in tugas.SELESAI, t
    return t


def test_tugas_selesai_membawa_hasil(app, jenis_uji):
    def kerja(argumen: dict, lapor: tugas.Laporan) -> int:
        lapor.tahap(50, "Separuh jalan")
        return argumen["jawab"]

    jenis_uji("uji", kerja)
    t = _tunggu(app, _mulai(app, "uji", {"jawab": 42}, slug="uji-slug").id)
    assert (t.status, t.hasil_id, t.dokumen_id, t.persen, t.percobaan) == ("selesai", 42, 42, 100, 1)
    assert t.ringkas()["pesan"] == "Dokumen selesai disusun." and t.slug == "uji-slug"
    with app.app_context():  # every process reads the same row
        baris = sesi().get(TugasLatar, t.id)
        assert (baris.status, baris.hasil_id, baris.argumen) == ("selesai", 42, {"jawab": 42})
        assert baris.mulai is not None and baris.selesai is not None


def test_tugas_gagal_menyimpan_pesan_dan_medan(app, jenis_uji):
    def kerja(argumen: dict, lapor: tugas.Laporan) -> int:
        raise DocgenError("Data tidak lengkap", fields={"tanggal": "wajib diisi"})

    jenis_uji("uji", kerja)
    t = _tunggu(app, _mulai(app, "uji").id)
    assert t.status == "gagal" and t.pesan == "Data tidak lengkap"
    assert t.ringkas()["fields"] == {"tanggal": "wajib diisi"}


def test_galat_program_menjadi_pesan_indonesia(app, jenis_uji):
    jenis_uji("uji", lambda argumen, lapor: 1 / 0)
    t = _tunggu(app, _mulai(app, "uji").id)
    assert t.status == "gagal" and t.pesan == "Terjadi kesalahan pada server saat menyusun dokumen."


def test_jenis_tidak_dikenal(app):
    with pytest.raises(DocgenError, match="Jenis tugas tidak dikenal: sulap"):
        _mulai(app, "sulap")


def test_tugas_dapat_dibatalkan_di_antara_tahap(app, jenis_uji):
    mulai = threading.Event()
    lanjut = threading.Event()
    tahap_sesudah_batal: list[str] = []

    def kerja(argumen: dict, lapor: tugas.Laporan) -> int:
        lapor.tahap(10, "Item 1")
        mulai.set()
        lanjut.wait(5)
        lapor.periksa_batal()
        tahap_sesudah_batal.append("tidak boleh sampai di sini")
        return 1

    jenis_uji("uji", kerja)
    t = _mulai(app, "uji")
    assert mulai.wait(5)
    with app.app_context():
        assert tugas.batalkan(t.id) is True
        assert tugas.dapatkan(t.id).pesan == "Membatalkan…"
    lanjut.set()
    t = _tunggu(app, t.id)
    assert t.status == "dibatalkan" and t.pesan == "Penyusunan dibatalkan atas permintaan pengguna."
    assert tahap_sesudah_batal == []
    with app.app_context():  # a finished job cannot be cancelled again, an unknown one neither
        assert tugas.batalkan(t.id) is False
        assert tugas.batalkan("tidak-ada") is False
        assert tugas.dapatkan("tidak-ada") is None


def test_batas_empat_tugas_sekaligus(app, jenis_uji):
    lepas = threading.Event()
    jenis_uji("lama", lambda argumen, lapor: 1 if lepas.wait(10) else 0)
    empat = [_mulai(app, "lama") for _ in range(tugas.MAKS_BERJALAN)]
    try:
        with pytest.raises(DocgenError, match="Server sedang menyusun dokumen lain") as e:
            _mulai(app, "lama")
        assert e.value.status == 503
    finally:
        lepas.set()
    assert [_tunggu(app, t.id).status for t in empat] == ["selesai"] * 4
    _tunggu(app, _mulai(app, "lama").id)  # places are free again


def test_detak_diperbarui_selama_berjalan(app, jenis_uji):
    app.config["TUGAS_DETAK_DETIK"] = 0.1
    jenis_uji("uji", lambda argumen, lapor: time.sleep(0.6) or 7)
    t = _mulai(app, "uji")
    time.sleep(0.3)
    with app.app_context():
        awal = tugas.dapatkan(t.id)
        time.sleep(0.2)
        kemudian = tugas.dapatkan(t.id)
    assert awal.status == kemudian.status == "berjalan"
    assert kemudian.detak > awal.detak > awal.mulai
    assert _tunggu(app, t.id).hasil_id == 7


def _tugas_yatim(app, *, percobaan: int, jenis: str = "berkas", umur: float = 120) -> str:
    """A row as a dead process leaves it: berjalan, its last heartbeat `umur` seconds ago."""
    pemilik, instansi_id = _pemilik(app)
    lama = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=umur)
    with app.app_context():
        sesi().add(TugasLatar(id=f"yatim{percobaan}", instansi_id=instansi_id, pemilik=pemilik, jenis=jenis,
                              slug="x", argumen={"jawab": 5}, status="berjalan", persen=40, pesan="Item 2",
                              fields={}, batal=0, percobaan=percobaan, perkiraan_detik=5, dibuat=lama, mulai=lama,
                              detak=lama))
        sesi().commit()
    return f"yatim{percobaan}"


def test_pekerja_mati_tugas_diulang_sekali(app, jenis_uji, monkeypatch):
    jenis_uji("ulang", lambda argumen, lapor: argumen["jawab"])
    tid = _tugas_yatim(app, percobaan=1, jenis="ulang")
    with app.app_context():  # a fresh heartbeat: still alive, nothing happens
        sesi().execute(update(TugasLatar).where(TugasLatar.id == tid).values(detak=dt.datetime.now(dt.UTC)))
        sesi().commit()
        assert tugas.dapatkan(tid).status == "berjalan"
        sesi().execute(update(TugasLatar).where(TugasLatar.id == tid).values(
            detak=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=61)))
        sesi().commit()
        t = tugas.dapatkan(tid)  # the status poll notices the missing heartbeat and runs it again
    assert t.status in ("menunggu", "berjalan", "selesai")
    t = _tunggu(app, tid)
    assert (t.status, t.hasil_id, t.percobaan) == ("selesai", 5, 2)


def test_pekerja_mati_dua_kali_gagal_dengan_pesan_jelas(app):
    tid = _tugas_yatim(app, percobaan=2)
    with app.app_context():
        assert tugas.pulihkan() == 1
        t = tugas.dapatkan(tid)
        assert (t.status, t.pesan) == ("gagal", "Pekerja berhenti mendadak saat menyusun berkas arsip; silakan ulangi.")
        assert t.selesai is not None
        assert tugas.pulihkan() == 0  # handled once


def test_tugas_menunggu_tanpa_pelaksana_dijalankan(app, jenis_uji):
    jenis_uji("ulang", lambda argumen, lapor: 9)
    tid = _tugas_yatim(app, percobaan=0, jenis="ulang")
    with app.app_context():  # a waiting job no thread of this process runs (its web process restarted)
        sesi().execute(update(TugasLatar).where(TugasLatar.id == tid).values(status="menunggu"))
        sesi().commit()
        tugas.dapatkan(tid)
    assert _tunggu(app, tid).hasil_id == 9


def test_hasil_dan_status_dalam_satu_transaksi(app, jenis_uji):
    """A cancellation that arrives before the result's commit withdraws the result: no row without its job."""
    siap = threading.Event()
    lanjut = threading.Event()

    def kerja(argumen: dict, lapor: tugas.Laporan) -> int:
        siap.set()
        lanjut.wait(5)
        db = sesi()
        d = Draf(pengguna_id=lapor.pemilik, slug="uji-atomik", data={"a": 1}, diubah=dt.datetime.now(dt.UTC))
        db.add(d)
        db.flush()
        try:
            lapor.selesai(db, d.id)
        except tugas.TugasDibatalkan:
            db.rollback()
            raise
        db.commit()
        return d.id

    jenis_uji("atomik", kerja)
    t = _mulai(app, "atomik")
    assert siap.wait(5)
    with app.app_context():
        assert tugas.batalkan(t.id) is True
    lanjut.set()
    t = _tunggu(app, t.id)
    assert t.status == "dibatalkan" and t.hasil_id is None
    with app.app_context():
        assert sesi().scalar(select(Draf).where(Draf.slug == "uji-atomik")) is None


def test_hasil_selesai_bersama_commit(app, jenis_uji):
    def kerja(argumen: dict, lapor: tugas.Laporan) -> int:
        db = sesi()
        with lapor.selesai_bersama(db, Draf):
            d = Draf(pengguna_id=lapor.pemilik, slug="uji-bersama", data={}, diubah=dt.datetime.now(dt.UTC))
            db.add(d)
            db.flush()
            with app.app_context():  # before the commit the job is still running for everyone else
                assert tugas.dapatkan(lapor.tugas_id).status == "berjalan"
            db.commit()
        return d.id

    jenis_uji("bersama", kerja)
    t = _tunggu(app, _mulai(app, "bersama").id)
    with app.app_context():
        d = sesi().scalar(select(Draf).where(Draf.slug == "uji-bersama"))
    assert t.status == "selesai" and t.hasil_id == d.id


def test_tugas_lama_dirapikan(app, jenis_uji):
    jenis_uji("uji", lambda argumen, lapor: 1)
    t = _tunggu(app, _mulai(app, "uji").id)
    with app.app_context():
        assert tugas.rapikan() == 0
        sesi().execute(update(TugasLatar).where(TugasLatar.id == t.id).values(
            selesai=dt.datetime.now(dt.UTC) - dt.timedelta(days=8)))
        sesi().commit()
        assert tugas.rapikan() == 1
        assert tugas.dapatkan(t.id) is None


def test_perkiraan_persen_berhenti_bila_detak_basi():
    """A job whose process died stops where its last heartbeat left it instead of creeping towards 95 %."""
    from web.inti.waktu import sekarang
    from web.tugas.model import DETAK_BASI_DETIK, Tugas

    kini = sekarang()

    def tugas(detak_lalu: float) -> Tugas:
        return Tugas(id="t", jenis="berkas", slug="", pemilik=1, instansi_id=1, status="berjalan", persen=10,
                     pesan="", hasil_id=None, percobaan=1, perkiraan_detik=100,
                     mulai=kini - dt.timedelta(seconds=90), detak=kini - dt.timedelta(seconds=detak_lalu))

    assert tugas(1).persen_kini() == 85  # alive: 95 x 90/100, from the elapsed time
    basi = DETAK_BASI_DETIK + 45
    assert tugas(basi).persen_kini() == int(95 * (90 - basi) / 100)  # frozen at the last heartbeat
    assert tugas(89).persen_kini() == 10  # no later than a beat right after the start: the reported 10 %
