"""Bounds on input: figures per kind, letter-number patterns, dates, nesting depth; the signer's TMT warning;
a keputusan with one diktum."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from docgen import capaian as C
from docgen import locale_id
from docgen.cli import cli
from docgen.documents import dapatkan
from docgen.documents.common import Nomor
from docgen.errors import InputTidakValid
from docgen.kinerja import DataKinerja, hitung
from docgen.masukan_json import KEDALAMAN_MAKS, terlalu_dalam
from docgen.render import render
from docgen.teks_docx import teks_docx
from docgen.validation import validasi
from tests.conftest import SAMPLES, TEMPLATES

PESAN_DALAM = f"bertingkat terlalu dalam (paling banyak {KEDALAMAN_MAKS} tingkat)"


def _galat(model, data) -> dict[str, str]:
    with pytest.raises(InputTidakValid) as e:
        validasi(model, data)
    assert e.value.status == 422
    return e.value.fields


def _bersarang(n: int) -> list:
    nilai: list = []
    for _ in range(n - 1):
        nilai = [nilai]
    return nilai


# -- figures ------------------------------------------------------------------------------------------------------


def _kinerja(contoh) -> dict:
    return contoh("capaian")


@pytest.mark.parametrize("ubah,medan,pesan", [
    (lambda d: d["sasaran"][0]["indikator"][0].update(target=1e25), "sasaran.0.indikator.0.target",
     "paling besar 1.000.000.000.000.000"),
    (lambda d: d["sasaran"][0]["indikator"][0].update(target=-10**16), "sasaran.0.indikator.0.target",
     "paling kecil -1.000.000.000.000.000"),
    (lambda d: d["sasaran"][0]["indikator"][0]["realisasi_triwulan"].__setitem__(1, "1" + "0" * 400),
     "sasaran.0.indikator.0.realisasi_triwulan.1", "paling banyak 100 karakter"),
    (lambda d: d["sasaran"][0]["indikator"][0]["realisasi_triwulan"].__setitem__(1, 10**5000),
     "sasaran.0.indikator.0.realisasi_triwulan.1", "paling besar 1.000.000.000.000.000"),
    # strict parsing formats long grouped text back: found by tests/test_masukan_acak.py (InvalidOperation)
    (lambda d: d["program"][0]["kegiatan"][1].update(pagu="4.250.000.0004.250.000.0004.250.000.000"),
     "program.0.kegiatan.1.pagu", "bukan angka yang sah"),
    (lambda d: d["program"][0]["kegiatan"][1].update(pagu="1.000.000.000.000.000.000.000.000.000,5"),
     "program.0.kegiatan.1.pagu", "paling besar 1.000.000.000.000.000"),
    (lambda d: d["sasaran"][0]["indikator"][0].update(baseline="NaN"), "sasaran.0.indikator.0.baseline",
     "angka yang terhingga"),
    (lambda d: d["sasaran"][0]["indikator"][0].update(standar_nasional=float("inf")),
     "sasaran.0.indikator.0.standar_nasional", "angka yang terhingga"),
    (lambda d: d["sasaran"][0]["indikator"][0].update(realisasi_tahun_lalu={"1900": 5}),
     "sasaran.0.indikator.0.realisasi_tahun_lalu.1900.[key]", "paling kecil 1945"),
    (lambda d: d["program"][0].update(pagu=1e30), "program.0.pagu", "paling besar 1.000.000.000.000.000"),
    (lambda d: d["program"][0]["kegiatan"][0].update(realisasi=-5), "program.0.kegiatan.0.realisasi",
     "paling kecil 0"),
    (lambda d: d.update(pengaturan={"predikat": "kustom", "ambang_kustom": [[10**6, "Sangat Baik"], [0, "Kurang"]]}),
     "pengaturan.ambang_kustom.0.0", "paling besar 10000"),
    (lambda d: d.update(pengaturan={"batas_rata_rata": "1e9"}), "pengaturan.batas_rata_rata", "paling besar 10000"),
])
def test_angka_di_luar_batas_ditolak_dengan_nama_kolom(contoh, ubah, medan, pesan):
    data = _kinerja(contoh)
    ubah(data)
    galat = _galat(DataKinerja, data)
    assert pesan in galat[medan], galat


def test_batas_terbesar_diterima_dan_dihitung(contoh):
    data = _kinerja(contoh)
    ind = data["sasaran"][0]["indikator"][0]
    ind.update(polaritas="naik", target="0,000001", realisasi_triwulan=[10**15, 10**15, 10**15, 10**15],
               aturan_triwulan="kumulatif", target_triwulan=[None, None, None, None])
    data["program"][0].update(pagu="0,01", realisasi=10**15)
    model = validasi(DataKinerja, data)
    baris = hitung(model)[0]
    assert baris.capaian == Decimal("4E+23")
    for desimal in range(5):  # 4 x 10^23 with four decimals is past the 28 digits of the default context
        assert locale_id.angka(C.bulatkan(baris.capaian, desimal), desimal).startswith("400.000.000.000")
    assert locale_id.rupiah(Decimal(10**15)) == "Rp 1.000.000.000.000.000,00"
    r = render("rekapitulasi-capaian", {**contoh("rekapitulasi-capaian"), "kinerja": data},
               templates_dir=TEMPLATES, basis=SAMPLES)
    assert "400.000.000.000.000.000.000.000,00%" in teks_docx(r.docx)


def test_desimal_berlebih_dibulatkan(contoh):
    data = _kinerja(contoh)
    data["sasaran"][0]["indikator"][0]["target"] = 0.1 + 0.2
    data["sasaran"][0]["indikator"][0]["baseline"] = "-0,0000001"
    ind = validasi(DataKinerja, data).sasaran[0].indikator[0]
    assert ind.target == Decimal("0.300000") and str(ind.baseline) == "0.000000"


@pytest.mark.parametrize("slug,ubah,medan", [
    ("surat-pengantar", lambda d: d["naskah"][0].update(jumlah=10**30), "naskah.0.jumlah"),
    ("nota-dinas", lambda d: d["nomor"].update(urut=10**9), "nomor.urut"),
    ("daftar-isi-berkas", lambda d: d["item"][0].update(halaman=10**5), "item.0.halaman"),
    ("daftar-isi-berkas", lambda d: d.update(halaman_daftar_isi=10**5), "halaman_daftar_isi"),
    ("keputusan-sop", lambda d: d["sop"]["langkah"][0].update(waktu=10**9), "sop.langkah.0.waktu"),
    ("keputusan-sop", lambda d: d["sop"]["langkah"][0].update(waktu="99999999 hari"), "sop.langkah.0.waktu"),
])
def test_cacah_dan_waktu_dibatasi(contoh, slug, ubah, medan):
    data = contoh(slug)
    ubah(data)
    pesan = _galat(dapatkan(slug).model, data)[medan]
    assert "paling besar" in pesan or "terlalu lama" in pesan, pesan


# -- letter-number patterns -----------------------------------------------------------------------------------


@pytest.mark.parametrize("pola,potongan", [
    ("{tahun:{x}}", "medan {tahun:{x}} tidak boleh memakai format atau konversi; tulis {tahun} saja"),
    ("{urut:x}", "medan {urut:x} tidak boleh memakai format"),
    ("{tahun:>1000000}", "medan {tahun:>1000000} tidak boleh memakai format"),
    ("{kode_unit!r}", "medan {kode_unit!r} tidak boleh memakai format atau konversi"),
    ("{urut}/{tahun", "pola nomor rusak: periksa pasangan kurung kurawal"),
    ("{urut}}/{tahun}", "pola nomor rusak: periksa pasangan kurung kurawal"),
    ("{}/{tahun}", "tanpa nama medan"),
    ("{0}/{tahun}", "medan yang tidak dikenal: 0"),
    ("{tahun.real}/{urut}", "medan yang tidak dikenal: tahun.real"),
    ("{urut}/" + "X" * 200, "terlalu panjang (paling banyak 200 karakter)"),
])
def test_pola_nomor_hanya_medan_polos(contoh, pola, potongan):
    data = contoh("nota-dinas")
    data["nomor"]["pola"] = pola
    galat = _galat(dapatkan("nota-dinas").model, data)
    assert potongan in galat["nomor.pola"], galat


def test_pola_nomor_yang_sah_tetap_dicetak():
    n = Nomor(pola="{{{kode_klasifikasi}}}/{urut}/{unit}/{bulan}/{bulan_angka}/{tahun}", kode_klasifikasi="000.1",
              urut=7, sisipan="a", kode_unit="BKPSDM")
    assert n.cetak(dt.date(2025, 2, 3)) == "{000.1}/7a/BKPSDM/II/02/2025"


# -- dates ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug,medan", [
    ("nota-dinas", ("tanggal",)),
    ("lembar-disposisi", ("tanggal_surat",)),
    ("lembar-disposisi", ("batas_waktu",)),
    ("notulen-rapat", ("tindak_lanjut", 0, "batas_waktu")),
    ("rencana-kegiatan", ("kegiatan", 0, "mulai")),
    ("surat-pengantar", ("penerima", "tanggal")),
    ("daftar-isi-berkas", ("item", 0, "tanggal")),
    ("keputusan-sop", ("sop", "tanggal_efektif")),
    ("lkjip", ("tanggal_perjanjian",)),
    ("undangan-rapat", ("tanggal_rapat",)),
    ("surat-permintaan-data", ("batas_waktu",)),
])
@pytest.mark.parametrize("tanggal", ["1900-01-01", "1944-12-31", "2101-01-01", "9999-12-31"])
def test_tanggal_di_luar_1945_2100_ditolak(contoh, slug, medan, tanggal):
    data = contoh(slug)
    tempat = data
    for k in medan[:-1]:
        tempat = tempat.setdefault(k, {}) if isinstance(k, str) else tempat[k]
    tempat[medan[-1]] = tanggal
    galat = _galat(dapatkan(slug).model, data)
    pesan = galat[".".join(str(k) for k in medan)]
    assert pesan == (f"tahun {tanggal[:4].lstrip('0')} tidak masuk akal untuk naskah dinas (harus 1945 sampai 2100)")


def test_tanggal_di_tepi_rentang_diterima(contoh):
    data = contoh("nota-dinas")
    model = dapatkan("nota-dinas").model
    for tanggal in ("1945-01-01", "2100-12-31"):
        data["tanggal"] = tanggal
        data["penandatangan"].pop("nip", None)  # no TMT to compare with
        assert validasi(model, data).tanggal.isoformat() == tanggal


def test_tanggal_sebelum_tmt_penanda_tangan_diperingatkan(contoh):
    data = contoh("nota-dinas")  # penandatangan NIP 19720315 199803 1 004: TMT CPNS March 1998
    peringatan: list[str] = []
    data["tanggal"] = "1998-03-01"
    validasi(dapatkan("nota-dinas").model, data, peringatan)
    assert peringatan == []
    data["tanggal"] = "1998-02-28"
    validasi(dapatkan("nota-dinas").model, data, peringatan)
    assert peringatan == ["penandatangan.nip: menurut NIP, Drs. HENDRA SAPUTRA, M.Si. diangkat CPNS pada Maret 1998, "
                          "sesudah tanggal naskah (28 Februari 1998); periksa NIP atau tanggalnya"]
    hasil = render("nota-dinas", data, templates_dir=TEMPLATES, basis=SAMPLES)
    assert hasil.peringatan == peringatan


def test_tmt_setiap_penanda_tangan_notulen(contoh):
    data = contoh("notulen-rapat")
    data["tanggal"] = "1990-01-02"
    data["pimpinan"]["nip"] = "197006051996031003"
    data["notulis"]["nip"] = "198001012005011001"
    peringatan: list[str] = []
    validasi(dapatkan("notulen-rapat").model, data, peringatan)
    assert [p.split(":")[0] for p in peringatan] == ["pimpinan.nip", "notulis.nip"]


# -- keputusan-sop with one diktum ----------------------------------------------------------------------------


def test_keputusan_satu_diktum(contoh):
    data = contoh("keputusan-sop")
    data["diktum"] = ["Keputusan ini mulai berlaku pada tanggal ditetapkan."]
    teks = teks_docx(render("keputusan-sop", data, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    assert "Keputusan ini mulai berlaku pada tanggal ditetapkan." in teks
    awal, akhir = teks.index("PERTAMA"), teks.index("Ditetapkan di")
    assert awal < teks.index("Keputusan ini mulai berlaku") < akhir
    assert "KEDUA" not in teks
    assert teks.index("Menetapkan") < awal


# -- nesting depth ------------------------------------------------------------------------------------------


def test_kedalaman_dihitung_tanpa_rekursi():
    assert not terlalu_dalam(_bersarang(KEDALAMAN_MAKS))
    assert terlalu_dalam(_bersarang(KEDALAMAN_MAKS + 1))
    assert terlalu_dalam(_bersarang(100_000))
    assert not terlalu_dalam("teks") and not terlalu_dalam({"a": [1, {"b": []}]})


def test_validasi_menolak_data_terlalu_dalam(contoh):
    data = contoh("nota-dinas")
    data["tembusan"] = _bersarang(5000)
    with pytest.raises(InputTidakValid) as e:
        validasi(dapatkan("nota-dinas").model, data)
    assert e.value.pesan == f"Data masukan {PESAN_DALAM}" and e.value.fields == {"": PESAN_DALAM}


def _dalam(tmp_path, n: int = 100_000, nama: str = "dalam.json"):
    f = tmp_path / nama
    f.write_text('{"a": ' + "[" * n + "]" * n + "}", encoding="utf-8")
    return f


@pytest.mark.parametrize("n", [KEDALAMAN_MAKS, 900, 100_000])  # the object around them adds one level
@pytest.mark.parametrize("perintah", [
    lambda f, tmp: ["render", "nota-dinas", str(f), "-o", str(tmp / "a.docx")],
    lambda f, tmp: ["capaian", str(f)],
    lambda f, tmp: ["formulir-xlsx", str(f), "-o", str(tmp / "f.xlsx")],
    lambda f, tmp: ["bundle", str(f), "-o", str(tmp / "b.zip")],
    lambda f, tmp: ["sop", "periksa", str(f)],
    lambda f, tmp: ["sop", "keputusan", str(f)],
    lambda f, tmp: ["sop", "keputusan", "pengukuran-kinerja", "--dari", str(f)],
], ids=["render", "capaian", "formulir-xlsx", "bundle", "sop-periksa", "sop-keputusan", "sop-keputusan-dari"])
def test_cli_json_terlalu_dalam_satu_baris(tmp_path, perintah, n):
    f = _dalam(tmp_path, n)
    r = CliRunner().invoke(cli, perintah(f, tmp_path))
    assert r.exit_code == 2, r.output
    assert r.stderr.splitlines() == [f"Galat: Berkas {f} {PESAN_DALAM}"], r.stderr
    assert "Traceback" not in r.output and not (tmp_path / "b.zip").exists()


@pytest.mark.parametrize("n", [100, 100_000])
def test_cli_bundle_item_terlalu_dalam_tidak_dilewati(tmp_path, contoh, n):
    siklus = json.loads((SAMPLES / "siklus.json").read_text(encoding="utf-8"))
    siklus.pop("kinerja")
    siklus["instansi"].pop("logo")
    siklus["item"] = [{"jenis": "nota-dinas", "langkah": 1, "data_berkas": "dalam.json"}]
    f = tmp_path / "siklus.json"
    f.write_text(json.dumps(siklus), encoding="utf-8")
    _dalam(tmp_path, n)
    r = CliRunner().invoke(cli, ["bundle", str(f), "-o", str(tmp_path / "b.zip")])
    assert r.exit_code == 2, r.output
    assert PESAN_DALAM in r.stderr.splitlines()[-1] and "Traceback" not in r.output
    assert not (tmp_path / "b.zip").exists()


def test_cli_bilangan_bulat_terlalu_panjang(tmp_path):
    f = tmp_path / "panjang.json"
    f.write_text('{"tahun": ' + "1" * 5000 + "}", encoding="utf-8")
    r = CliRunner().invoke(cli, ["capaian", str(f)])
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [f"Galat: Berkas {f} memuat bilangan bulat yang terlalu panjang"]
