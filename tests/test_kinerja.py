"""The capaian table from performance data, and the `docgen capaian` command."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.errors import InputTidakValid
from docgen.formulir_xlsx import kinerja_json
from docgen.kinerja import DataKinerja, hitung, realisasi_setahun, salin_ke_tahun
from docgen.validation import validasi
from tests.conftest import SAMPLES


@pytest.fixture
def data(contoh) -> dict:
    return contoh("capaian")


def _baris(data: dict) -> dict:
    return {b.indikator.kode: b for b in hitung(DataKinerja.model_validate(data))}


def test_tabel_contoh(data):
    b = _baris(data)
    assert b["IKU 1"].realisasi == D("74.61") and b["IKU 1"].predikat == "Sangat Baik"
    assert b["IKU 2"].realisasi == D("82.9")  # kumulatif: 15 + 22 + 25,5 + 20,4
    assert b["IKU 3"].realisasi == D("6.5")  # rata-rata of 7; 6,5; 6; 6,5
    assert b["IKK 1"].target == D(1250)  # "1.250" read as Indonesian thousands
    assert b["IKK 1"].keterangan == "data TW IV belum ada"
    assert b["IKK 2"].capaian == 100 and b["IKK 2"].keterangan == "target 0 tercapai"
    assert b["IKK 3"].capaian == 100 and b["IKK 3"].target_teks == "95 - 100"
    assert b["IKU 5"].keterangan == ""  # a yearly indicator: only TW IV has a target
    assert b["IKK 4"].capaian is None and b["IKK 4"].predikat == "-" and b["IKK 4"].keterangan == "belum ada data"


def test_pengukuran_sampai_triwulan(data):
    data["triwulan"] = 2
    b = _baris(data)
    assert b["IKU 2"].target == D(40) and b["IKU 2"].realisasi == D(37)  # s.d. TW II, kumulatif
    assert b["IKU 1"].target == D(70) and b["IKU 1"].realisasi == D("70.2")
    assert b["IKU 4"].realisasi == D("79.1") and "data TW II belum ada" in b["IKU 4"].keterangan


def test_capaian_per_triwulan(data):
    b = _baris(data)["IKU 3"]
    assert [round(v, 2) for v in b.capaian_triwulan] == [D(100), D("107.14"), D("114.29"), D("107.14")]


def test_skala_permenpan(data):
    data["pengaturan"]["predikat"] = "permenpan_6_2022"
    b = _baris(data)
    assert b["IKU 1"].predikat == "Baik" and b["IKU 3"].predikat == "Baik" and b["IKU 5"].predikat == "Cukup"
    assert b["IKK 1"].predikat == "Kurang"  # 76%


@pytest.mark.parametrize("ubah,path,pesan", [
    (lambda d: d["sasaran"][0]["indikator"][0].update(target="72.5"), "sasaran.0.indikator.0.target",
     "'72.5' bukan angka yang sah"),
    (lambda d: d["sasaran"][0]["indikator"][0].update(polaritas="atas"), "sasaran.0.indikator.0.polaritas",
     "harus salah satu dari: naik, turun, rentang"),
    (lambda d: d["sasaran"][0]["indikator"][0].update(realisasi_triwulan=[1, 2, 3]),
     "sasaran.0.indikator.0.realisasi_triwulan", "paling sedikit 4 butir"),
    (lambda d: d["sasaran"][1]["indikator"][3].pop("target_atas"), "sasaran.1.indikator.3",
     "indikator rentang memerlukan target_bawah dan target_atas"),
    (lambda d: d["sasaran"][1]["indikator"][0].update(kode="IKU 1"), "sasaran", "kode indikator berulang: IKU 1"),
    (lambda d: d["pengaturan"].update(predikat="kustom"), "pengaturan", "predikat kustom memerlukan ambang_kustom"),
])
def test_masukan_salah(data, ubah, path, pesan):
    ubah(data)
    with pytest.raises(InputTidakValid) as e:
        validasi(DataKinerja, data)
    assert pesan in e.value.fields[path]


def test_perintah_capaian_tabel_json_csv():
    r = CliRunner().invoke(cli, ["capaian", str(SAMPLES / "capaian.json")])
    assert r.exit_code == 0
    assert "IKU 3" in r.output and "107,14%" in r.output and "belum ada data" in r.output
    r = CliRunner().invoke(cli, ["capaian", str(SAMPLES / "capaian.json"), "--format", "json"])
    rows = {x["kode"]: x for x in json.loads(r.output)}
    assert rows["IKU 1"]["capaian"] == 103.63 and rows["IKK 4"]["capaian"] is None
    assert rows["IKK 3"]["target"] == [95.0, 100.0]
    assert set(rows["IKU 1"]) >= {"kode", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian",
                                  "predikat", "keterangan"}
    r = CliRunner().invoke(cli, ["capaian", str(SAMPLES / "capaian.json"), "--format", "csv"])
    lines = r.output.splitlines()
    assert lines[0] == "kode;sasaran;indikator;satuan;target;realisasi;capaian;predikat;keterangan"
    assert "IKU 3;" in r.output and ";6,5;107,14%;Sangat Baik;" in r.output


def test_perintah_capaian_masukan_salah(tmp_path, data):
    data["sasaran"][0]["indikator"][0]["target"] = "tujuh puluh"
    f = tmp_path / "x.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    r = CliRunner().invoke(cli, ["capaian", str(f)])
    assert r.exit_code == 2
    assert "sasaran.0.indikator.0.target: 'tujuh puluh' bukan angka yang sah" in r.output


def test_salin_ke_tahun_dan_riwayat_realisasi(data):
    asal = DataKinerja.model_validate(data)
    ind = {i.kode: i for s in asal.sasaran for i in s.indikator}
    assert realisasi_setahun(ind["IKU 2"]) == D("82.9")  # kumulatif, every quarter in
    assert realisasi_setahun(ind["IKK 1"]) is None  # TW IV has a target and no realisasi yet
    assert realisasi_setahun(ind["IKU 5"]) == D("66.25")  # only TW IV has a target: that one is enough
    assert realisasi_setahun(ind["IKU 4"]) is None  # TW II missing
    baru = salin_ke_tahun(asal, 2025)
    ind_baru = {i.kode: i for s in baru.sasaran for i in s.indikator}
    assert ind_baru["IKU 2"].realisasi_tahun_lalu == {2022: D(61), 2023: D("70.5"), 2024: D("82.9")}
    assert ind_baru["IKK 4"].realisasi_tahun_lalu == {}  # no realisasi at all: nothing to remember
    assert all(i.realisasi_triwulan == [None] * 4 for i in ind_baru.values())
    assert ind["IKU 1"].realisasi_triwulan[3] == D("74.61")  # the source is not changed
    lebih_awal = salin_ke_tahun(asal, 2023)  # into an earlier year: no history from 2023 on
    iku1 = next(i for s in lebih_awal.sasaran for i in s.indikator if i.kode == "IKU 1")
    assert iku1.realisasi_tahun_lalu == {2022: D("66.8")}
    assert validasi(DataKinerja, kinerja_json(baru)) == baru  # a valid year, stored as JSON unchanged
