"""Background jobs: progress, outcome, failure message and cancellation."""

from __future__ import annotations

import threading
import time

from docgen.errors import DocgenError
from web import tugas


def _tunggu(t: tugas.Tugas, batas: float = 5.0) -> tugas.Tugas:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        kini = tugas.dapatkan(t.id)
        assert kini is not None
        if kini.selesai_pada is not None:
            return kini
        time.sleep(0.01)
    raise AssertionError("tugas tidak selesai")


def test_tugas_selesai_membawa_hasil():
    def kerja(lapor: tugas.Laporan) -> int:
        lapor.tahap(50, "Separuh jalan")
        return 42

    t = _tunggu(tugas.mulai(kerja, pemilik=1, slug="uji"))
    assert (t.status, t.dokumen_id, t.persen) == ("selesai", 42, 100)


def test_tugas_gagal_menyimpan_pesan_dan_medan():
    def kerja(lapor: tugas.Laporan) -> int:
        raise DocgenError("Data tidak lengkap", fields={"tanggal": "wajib diisi"})

    t = _tunggu(tugas.mulai(kerja, pemilik=1, slug="uji"))
    assert t.status == "gagal"
    assert t.ringkas()["fields"] == {"tanggal": "wajib diisi"}


def test_tugas_dapat_dibatalkan_di_antara_tahap():
    mulai = threading.Event()
    lanjut = threading.Event()
    tahap_sesudah_batal: list[str] = []

    def kerja(lapor: tugas.Laporan) -> int:
        lapor.tahap(10, "Item 1")
        mulai.set()
        lanjut.wait(5)
        lapor.periksa_batal()
        tahap_sesudah_batal.append("tidak boleh sampai di sini")
        return 1

    t = tugas.mulai(kerja, pemilik=1, slug="uji")
    assert mulai.wait(5)
    assert tugas.batalkan(t.id) is True
    lanjut.set()
    t = _tunggu(t)
    assert t.status == "dibatalkan"
    assert "dibatalkan" in t.pesan
    assert tahap_sesudah_batal == []
    # a finished job cannot be cancelled again, an unknown one neither
    assert tugas.batalkan(t.id) is False
    assert tugas.batalkan("tidak-ada") is False
