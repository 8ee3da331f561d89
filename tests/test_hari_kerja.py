"""The working-day calendar: national holidays and cuti bersama from the `holidays` package (in Indonesian), the
agency's own days off, a Mutu Baku deadline over the Idul Fitri week of 2025, and a letter's batas waktu on a day
off."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from docxtpl import DocxTemplate

from docgen import documents, durasi, hari_kerja, locale_id
from docgen.errors import InputTidakValid
from docgen.render import bangun_konteks
from docgen.validation import validasi
from tests.conftest import SAMPLES, TEMPLATES
from tests.siklus_uji import WIB
from web.inti import waktu
from web.layanan import siklus

# Thursday 27 March 2025, 10.00 WIB: the last working day before Nyepi and Idul Fitri 1446 H.
KAMIS = dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB)
TIGA_HARI = durasi.urai("3 hari")


def _libur(awal: dt.date, akhir: dt.date, k: hari_kerja.Kalender | None = None) -> list[tuple[str, str, str]]:
    return [(h.tanggal.isoformat(), h.jenis, h.keterangan)
            for h in (k or hari_kerja.Kalender()).daftar_libur(awal, akhir)]


def test_pekan_idul_fitri_2025_dari_paket_holidays():
    assert _libur(dt.date(2025, 3, 27), dt.date(2025, 4, 10)) == [
        ("2025-03-28", "cuti_bersama", "Cuti Bersama Hari Suci Nyepi"),
        ("2025-03-29", "nasional", "Hari Suci Nyepi"),
        ("2025-03-31", "nasional", "Hari Raya Idul Fitri"),
        ("2025-04-01", "nasional", "Hari kedua dari Hari Raya Idul Fitri"),
        ("2025-04-02", "cuti_bersama", "Cuti Bersama Hari Raya Idul Fitri"),
        ("2025-04-03", "cuti_bersama", "Cuti Bersama Hari Raya Idul Fitri"),
        ("2025-04-04", "cuti_bersama", "Cuti Bersama Hari Raya Idul Fitri"),
        ("2025-04-07", "cuti_bersama", "Cuti Bersama Hari Raya Idul Fitri"),
    ]
    k = hari_kerja.Kalender()
    kerja = [d for d in (dt.date(2025, 3, 27) + dt.timedelta(days=n) for n in range(15)) if k.hari_kerja(d)]
    assert kerja == [dt.date(2025, 3, 27), dt.date(2025, 4, 8), dt.date(2025, 4, 9), dt.date(2025, 4, 10)]
    assert [h.label_jenis for h in k.libur(dt.date(2025, 4, 2))] == ["Cuti bersama"]
    assert k.libur(dt.date(2025, 4, 8)) == []


def test_tambah_hari_kerja_melompati_libur_dan_akhir_pekan():
    k = hari_kerja.Kalender()
    assert k.tambah(dt.date(2025, 3, 27), 0) == dt.date(2025, 3, 27)
    assert k.tambah(dt.date(2025, 3, 27), 1) == dt.date(2025, 4, 8)  # ten days off in a row
    assert k.tambah(dt.date(2025, 3, 29), 1) == dt.date(2025, 4, 8)  # counted from a day off too
    assert k.tambah(dt.date(2025, 8, 15), 1) == dt.date(2025, 8, 19)  # 18 August 2025: cuti bersama, a Monday
    assert k.tambah(dt.date(2024, 6, 7), 3) == dt.date(2024, 6, 12)  # an ordinary week: weekends only
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        k.tambah(dt.date(2025, 1, 1), -1)


def test_tenggat_tiga_hari_melewati_idul_fitri_lalu_libur_instansi():
    tanpa_libur = dt.datetime(2025, 4, 1, 10, 0, tzinfo=WIB)  # what Monday-Friday alone would give
    tenggat = siklus.tenggat(KAMIS, TIGA_HARI, WIB, hari_kerja.Kalender())
    assert tenggat == dt.datetime(2025, 4, 10, 10, 0, tzinfo=WIB) != tanpa_libur
    # overdue one minute after Thursday 10 April 10.00, not before
    assert dt.datetime(2025, 4, 9, 10, 1, tzinfo=WIB) < tenggat < dt.datetime(2025, 4, 10, 10, 1, tzinfo=WIB)
    # the agency's own day off on Wednesday 9 April moves it to Friday 11 April
    instansi = hari_kerja.Kalender({dt.date(2025, 4, 9): "Hari Jadi Kabupaten"})
    assert siklus.tenggat(KAMIS, TIGA_HARI, WIB, instansi) == dt.datetime(2025, 4, 11, 10, 0, tzinfo=WIB)
    assert siklus.tenggat(KAMIS, durasi.urai("1 hari 2 jam"), WIB, instansi) == dt.datetime(2025, 4, 8, 12, 0,
                                                                                          tzinfo=WIB)
    assert ("2025-04-09", "instansi", "Hari Jadi Kabupaten") in _libur(dt.date(2025, 4, 9), dt.date(2025, 4, 9),
                                                                       instansi)


def test_tenggat_di_zona_wit_memakai_tanggal_setempat():
    wit = waktu.zona(SimpleNamespace(profil={"zona_waktu": "WIT"}))
    # Friday 7 June 2024 00.30 WIT is Thursday 22.30 WIB: the day that counts is the agency's own (Friday)
    mulai = dt.datetime(2024, 6, 7, 0, 30, tzinfo=wit)
    assert siklus.tenggat(mulai, durasi.urai("1 hari"), wit, hari_kerja.Kalender()) == dt.datetime(
        2024, 6, 10, 0, 30, tzinfo=wit)
    assert siklus.tenggat(mulai, durasi.urai("1 hari"), WIB, hari_kerja.Kalender()) == dt.datetime(
        2024, 6, 7, 22, 30, tzinfo=WIB)


def test_kalender_instansi_dari_profil():
    inst = SimpleNamespace(profil={"zona_waktu": "WIB", "hari_libur": [
        {"tanggal": "2025-04-09", "keterangan": "Hari Jadi Kabupaten"},
        {"tanggal": "bukan tanggal", "keterangan": "dilewati"},
        {"tanggal": "2025-04-10", "keterangan": " "},
    ]})
    k = waktu.kalender(inst)
    assert k.libur_instansi == {dt.date(2025, 4, 9): "Hari Jadi Kabupaten"}
    assert not k.hari_kerja(dt.date(2025, 4, 9)) and k.hari_kerja(dt.date(2025, 4, 10))
    assert waktu.kalender(None).libur_instansi == {}
    assert hari_kerja.libur_ke_data({dt.date(2025, 4, 10): "B", dt.date(2025, 4, 9): "A"}) == [
        {"tanggal": "2025-04-09", "keterangan": "A"}, {"tanggal": "2025-04-10", "keterangan": "B"}]


def test_cuti_bersama_diketahui_per_tahun():
    assert hari_kerja.cuti_bersama_diketahui(2025) and hari_kerja.cuti_bersama_diketahui(2026)
    assert not hari_kerja.cuti_bersama_diketahui(2000)  # no SKB in the package for that year
    assert hari_kerja.libur_nasional(2101) == ()  # past the package's years: weekends only
    nama = {h.keterangan for h in hari_kerja.libur_nasional(2025)}
    assert {"Tahun Baru Masehi", "Hari Kemerdekaan Republik Indonesia", "Hari Raya Natal"} <= nama


@pytest.mark.parametrize(("isian", "galat"), [
    ({"tanggal": "2025-02-30", "keterangan": "X"},
     {"tanggal": "harus tanggal dengan format TTTT-BB-HH, mis. 2025-01-20"}),
    ({"tanggal": "1999-12-31", "keterangan": "X"}, {"tanggal": "tahun 1999 di luar rentang 2000 sampai 2100"}),
    ({"tanggal": "2101-01-01", "keterangan": "X"}, {"tanggal": "tahun 2101 di luar rentang 2000 sampai 2100"}),
    ({"tanggal": "2025-04-09", "keterangan": "   "}, {"keterangan": "tidak boleh kosong"}),
    ({"tanggal": "2025-04-09", "keterangan": "x" * 201},
     {"keterangan": "terlalu panjang (paling banyak 200 karakter)"}),
])
def test_libur_instansi_divalidasi(isian, galat):
    with pytest.raises(InputTidakValid) as e:
        validasi(hari_kerja.LiburInstansi, isian)
    assert e.value.fields == galat


@pytest.mark.parametrize(("batas", "kalender", "peringatan"), [
    ("2025-04-08", hari_kerja.Kalender(), None),
    ("2025-04-02", hari_kerja.Kalender(),
     "batas_waktu: Rabu, 2 April 2025 bukan hari kerja (Cuti Bersama Hari Raya Idul Fitri)"),
    ("2025-04-05", hari_kerja.Kalender(), "batas_waktu: Sabtu, 5 April 2025 bukan hari kerja (akhir pekan)"),
    ("2025-04-09", hari_kerja.Kalender({dt.date(2025, 4, 9): "Hari Jadi Kabupaten"}),
     "batas_waktu: Rabu, 9 April 2025 bukan hari kerja (Hari Jadi Kabupaten)"),
])
def test_batas_waktu_surat_pada_hari_libur_diperingatkan(batas, kalender, peringatan):
    data = json.loads((SAMPLES / "surat-permintaan-data.json").read_text())
    data.update(tanggal="2025-03-20", batas_waktu=batas)
    tpl = DocxTemplate(str(TEMPLATES / "surat-permintaan-data.docx"))
    _, konteks, hasil = bangun_konteks(documents.dapatkan("surat-permintaan-data"), data, tpl, SAMPLES, kalender)
    assert konteks["batas_waktu"] == locale_id.tanggal_hari(dt.date.fromisoformat(batas))
    assert [p for p in hasil if p.startswith("batas_waktu")] == ([peringatan] if peringatan else [])
