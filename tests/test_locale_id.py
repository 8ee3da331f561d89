import datetime as dt
from decimal import Decimal

import pytest

from docgen import locale_id as L


def test_tanggal_dengan_hari():
    assert L.tanggal_hari(dt.date(2025, 1, 20)) == "Senin, 20 Januari 2025"
    assert L.tanggal(dt.date(2023, 2, 13)) == "13 Februari 2023"
    assert L.hari(dt.date(2025, 8, 17)) == "Minggu"
    assert L.bulan_tahun(dt.date(2023, 2, 1)) == "Februari 2023"


def test_angka_dan_rupiah():
    assert L.angka(Decimal("1250000.50"), 2) == "1.250.000,50"
    assert L.angka(103.63999, 2) == "103,64"
    assert L.angka(1250000) == "1.250.000"
    assert L.rupiah(1250000.5) == "Rp 1.250.000,50"
    assert L.rupiah(Decimal("1250000000")) == "Rp 1.250.000.000,00"


def test_terbilang():
    assert L.terbilang(1250000) == "satu juta dua ratus lima puluh ribu"
    assert L.terbilang_rupiah(Decimal("1250000.50")) == "satu juta dua ratus lima puluh ribu rupiah lima puluh sen"
    assert L.terbilang_rupiah(15000) == "lima belas ribu rupiah"
    assert L.jumlah_terbilang(2, "eksemplar") == "2 (dua) eksemplar"


@pytest.mark.parametrize("bulan,romawi", [(1, "I"), (2, "II"), (4, "IV"), (9, "IX"), (12, "XII")])
def test_bulan_romawi(bulan, romawi):
    assert L.romawi(bulan) == romawi


def test_jam_dan_zona():
    assert L.jam(dt.time(9, 0)) == "09.00 WIB"
    assert L.jam(dt.time(13, 30), "WITA") == "13.30 WITA"
    assert L.rentang_waktu(dt.time(9, 0), None, "WIT") == "09.00 WIT s.d. selesai"
    assert L.rentang_waktu(dt.time(9, 0), dt.time(12, 0)) == "09.00 s.d. 12.00 WIB"


def test_kata_diktum():
    assert [L.urutan(i) for i in (1, 2, 3, 10)] == ["KESATU", "KEDUA", "KETIGA", "KESEPULUH"]
    assert L.urutan(1, "PERTAMA") == "PERTAMA"
    assert L.huruf(1) == "a" and L.huruf(26) == "z" and L.huruf(27) == "aa"


def test_rentang_tanggal():
    assert L.rentang_tanggal(dt.date(2025, 1, 24), dt.date(2025, 1, 28)) == "24 s.d. 28 Januari 2025"
    assert L.rentang_tanggal(dt.date(2025, 1, 29), dt.date(2025, 2, 3)) == "29 Januari s.d. 3 Februari 2025"
    assert L.rentang_tanggal(dt.date(2024, 12, 30), dt.date(2025, 1, 2)) == "30 Desember 2024 s.d. 2 Januari 2025"
    assert L.rentang_tanggal(dt.date(2025, 1, 2), dt.date(2025, 1, 2)) == "2 Januari 2025"


@pytest.mark.parametrize("teks,nilai", [("12,5", Decimal("12.5")), ("1.250", Decimal(1250)),
                                        ("1.250.000,50", Decimal("1250000.50")), (" 7 ", Decimal(7)),
                                        ("95,5 %", Decimal("95.5")), (12.5, Decimal("12.5")), (3, Decimal(3)),
                                        ("-2,5", Decimal("-2.5"))])
def test_baca_angka_gaya_indonesia(teks, nilai):
    assert L.baca_angka(teks) == nilai


@pytest.mark.parametrize("teks", ["12.5", "1.25", "abc", "", "1,2,3", True, None, float("nan")])
def test_baca_angka_menolak_yang_meragukan(teks):
    with pytest.raises(ValueError):
        L.baca_angka(teks)


@pytest.mark.parametrize("nama,iana,jam", [("WIB", "Asia/Jakarta", 7), ("WITA", "Asia/Makassar", 8),
                                           ("WIT", "Asia/Jayapura", 9), ("GMT", "Asia/Jakarta", 7),
                                           ("", "Asia/Jakarta", 7), ("wita", "Asia/Jakarta", 7)])
def test_zona_waktu_satu_tabel(nama, iana, jam):
    z = L.zona_waktu(nama)
    assert z.key == iana
    siang = dt.datetime(2025, 1, 27, 3, 30, tzinfo=dt.UTC).astimezone(z)
    assert (siang.hour, siang.minute) == (3 + jam, 30) and siang.utcoffset() == dt.timedelta(hours=jam)
    assert sorted(L.ZONA_WAKTU) == ["WIB", "WIT", "WITA"]
