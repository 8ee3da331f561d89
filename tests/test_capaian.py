"""The achievement engine: the regulation's worked examples, every rule, and monotonicity properties."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen import capaian as C


def pct(h: C.Hasil) -> D | None:
    return None if h.nilai is None else C.bulatkan(h.nilai)


# -- Permen PANRB 6/2022 worked examples and the basic forms -------------------------------------

def test_contoh_permenpan_semakin_kecil_semakin_baik():
    assert pct(C.capaian(D(7), D("6.5"), "turun")) == D("107.14")
    assert pct(C.capaian(D(8), D(9), "turun")) == D("87.50")


def test_semakin_tinggi_semakin_baik_tanpa_galat_pecahan():
    h = C.capaian(D(72), D("74.61"), "naik")
    assert h.nilai == D("74.61") / D(72) * 100
    assert pct(h) == D("103.63")  # never 103,62999...
    assert pct(C.capaian(D(80), D("82.9"))) == D("103.63")
    assert pct(C.capaian(D(3), D(1))) == D("33.33")


def test_realisasi_kosong_bukan_nol():
    h = C.capaian(D(80), None)
    assert h.nilai is None and h.alasan == "belum ada data"
    assert C.capaian(D(80), D(0)).nilai == 0  # a reported zero is a zero


# -- target 0 (our documented rule) -------------------------------------------------------------

def test_target_nol():
    assert C.capaian(D(0), D(0), "turun") == C.Hasil(D(100), "target 0 tercapai")
    h = C.capaian(D(0), D(2), "turun")
    assert h.nilai is None and "target 0 tidak tercapai" in h.alasan
    h = C.capaian(D(0), D(5), "naik")
    assert h.nilai is None and "tidak dapat dihitung" in h.alasan
    assert C.capaian(D(-1), D(5)).nilai is None
    assert C.capaian(None, D(5)).alasan == "target belum ditetapkan"


# -- ranges ------------------------------------------------------------------------------------

def test_rentang():
    kw = {"bawah": D(95), "atas": D(100)}
    assert C.capaian(None, D("97.5"), "rentang", **kw).nilai == 100
    assert C.capaian(None, D(95), "rentang", **kw).nilai == 100
    assert C.capaian(None, D(100), "rentang", **kw).nilai == 100
    assert pct(C.capaian(None, D(76), "rentang", **kw)) == D("80.00")  # 76 / 95
    assert pct(C.capaian(None, D(110), "rentang", **kw)) == D("110.00")  # 110 / 100
    assert pct(C.capaian(None, D(110), "rentang", lewat_atas="turun", **kw)) == D("90.00")  # (200-110)/100
    assert C.capaian(None, D(1), "rentang", bawah=D(5), atas=D(1)).nilai is None
    assert C.capaian(None, D(1), "rentang", bawah=None, atas=D(1)).nilai is None
    assert C.capaian(None, D(1), "rentang", bawah=D(0), atas=D(1)).nilai is None


# -- quarters ---------------------------------------------------------------------------------

def test_gabung_triwulan():
    tw = [D(15), D(22), D("25.5"), D("20.4")]
    assert C.gabung_triwulan(tw, "kumulatif") == (D("82.9"), [])
    assert C.gabung_triwulan([D(7), D("6.5"), D(6), D("6.5")], "rata_rata") == (D("6.5"), [])
    assert C.gabung_triwulan(tw, "terakhir") == (D("20.4"), [])
    assert C.gabung_triwulan([D(1), None, D(3), None], "kumulatif") == (D(4), [2])
    assert C.gabung_triwulan([D(1), None, D(3), None], "terakhir") == (D(3), [2])
    assert C.gabung_triwulan([D(2), None, D(4), None], "rata_rata") == (D(3), [2])
    assert C.gabung_triwulan([None] * 4, "kumulatif") == (None, [])


# -- predikat, budget, averages -----------------------------------------------------------------

@pytest.mark.parametrize("nilai,label", [(D(120), "Sangat Baik"), (D(91), "Sangat Baik"), (D("90.99"), "Baik"),
                                         (D(76), "Baik"), (D(75), "Cukup"), (D(66), "Cukup"), (D(65), "Kurang"),
                                         (D(51), "Kurang"), (D(50), "Sangat Kurang"), (D(0), "Sangat Kurang")])
def test_predikat_lima_tingkat(nilai, label):
    assert C.predikat(nilai, C.skala("lima_tingkat")) == label


@pytest.mark.parametrize("nilai,label", [(D("110.01"), "Sangat Baik"), (D(110), "Baik"), (D(100), "Baik"),
                                         (D("99.99"), "Cukup"), (D(80), "Cukup"), (D(79), "Kurang"),
                                         (D(60), "Kurang"), (D(59), "Sangat Kurang")])
def test_predikat_permenpan(nilai, label):
    assert C.predikat(nilai, C.skala("permenpan_6_2022")) == label


def test_predikat_kustom_dan_kosong():
    s = C.skala("kustom", [(D(50), "Sedang"), (D(100), "Tercapai"), (D(0), "Rendah")])
    assert [C.predikat(D(x), s) for x in (120, 100, 70, 10)] == ["Tercapai", "Tercapai", "Sedang", "Rendah"]
    assert C.predikat(None, s) == "-"
    with pytest.raises(ValueError):
        C.skala("tidak-ada")
    with pytest.raises(ValueError):
        C.skala("kustom", [])


def test_serapan_dan_efisiensi():
    assert pct(C.serapan(D(185000000), D(176450000))) == D("95.38")
    assert C.serapan(D(0), D(10)).nilai is None
    assert C.serapan(D(10), None).alasan == "belum ada data"
    e = C.efisiensi(D("103.63"), D("95.38"))
    assert e.status == "efisien" and e.selisih == D("8.25")
    assert C.efisiensi(D(80), D(95)).status == "tidak efisien"
    assert C.efisiensi(D("94.64"), D("94.46")) == C.Efisiensi("belum efisien", D("0.18"), "target belum tercapai")
    assert C.efisiensi(None, D(95)).status == "tidak dapat dinilai"


def test_rata_rata_dengan_batas():
    assert C.rata_rata([D(100), D(150), None]) == D(125)
    assert C.rata_rata([D(100), D(150), None], batas_atas=D(120)) == D(110)
    assert C.rata_rata([None, None]) is None


# -- properties -------------------------------------------------------------------------------

angka = st.decimals(min_value=D("0.01"), max_value=D(10_000_000), places=2, allow_nan=False, allow_infinity=False)
realisasi = st.decimals(min_value=D(0), max_value=D(10_000_000), places=2, allow_nan=False, allow_infinity=False)


@given(target=angka, r1=realisasi, r2=realisasi)
def test_realisasi_lebih_besar_tidak_menurunkan_capaian_naik(target, r1, r2):
    kecil, besar = sorted((r1, r2))
    assert C.capaian(target, besar, "naik").nilai >= C.capaian(target, kecil, "naik").nilai


@given(target=angka, r1=realisasi, r2=realisasi)
def test_realisasi_lebih_besar_tidak_menaikkan_capaian_turun(target, r1, r2):
    kecil, besar = sorted((r1, r2))
    assert C.capaian(target, besar, "turun").nilai <= C.capaian(target, kecil, "turun").nilai


@given(target=angka)
def test_realisasi_sama_dengan_target_adalah_seratus(target):
    assert C.capaian(target, target, "naik").nilai == 100
    assert C.capaian(target, target, "turun").nilai == 100


@given(bawah=angka, lebar=angka, r1=realisasi, r2=realisasi)
def test_rentang_tidak_turun_sampai_batas_atas(bawah, lebar, r1, r2):
    atas = bawah + lebar
    kecil, besar = sorted((min(r1, atas), min(r2, atas)))
    h_kecil = C.capaian(None, kecil, "rentang", bawah=bawah, atas=atas).nilai
    h_besar = C.capaian(None, besar, "rentang", bawah=bawah, atas=atas).nilai
    assert h_besar >= h_kecil
