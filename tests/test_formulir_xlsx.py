"""The Excel realisasi form: written per unit kerja, filled offline, read back cell by cell, applied."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import warnings
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.errors import InputTidakValid
from docgen.formulir_xlsx import (
    KOLOM,
    HasilImpor,
    RealisasiImpor,
    angka_json,
    baca_formulir,
    kinerja_json,
    terapkan,
    tulis_formulir,
)
from docgen.kinerja import DataKinerja
from tests.conftest import SAMPLES

UNIT = "Bidang Pengembangan Kompetensi"  # IKU 1, IKU 2, IKK 1
REAL = {tw: openpyxl.utils.get_column_letter(KOLOM.index(f"Realisasi TW {tw}") + 1) for tw in ("I", "II", "III", "IV")}
PENJ = openpyxl.utils.get_column_letter(KOLOM.index("Penjelasan/Bukti") + 1)


@pytest.fixture
def data() -> DataKinerja:
    return DataKinerja.model_validate(json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8")))


def _buka(isi: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(isi))


def _simpan(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _baris(ws, kode: str) -> int:
    """The row of a kode in the Formulir sheet."""
    return next(c.row for c in ws["B"] if c.value == kode)


def _isi(isi: bytes, nilai: dict[tuple[str, str], object]) -> bytes:
    """Fill cells given as {(kode, column letter): value} the way a user would, and save."""
    wb = _buka(isi)
    ws = wb["Formulir"]
    for (kode, kol), v in nilai.items():
        ws[f"{kol}{_baris(ws, kode)}"] = v
    return _simpan(wb)


def _galat(isi: bytes) -> dict[str, str]:
    with pytest.raises(InputTidakValid) as e:
        baca_formulir(isi)
    return e.value.fields


def test_pulang_pergi_nilai_persis(data):
    kosong = tulis_formulir(data, UNIT, instansi_nama="BKPSDM Kabupaten Pesisir Selatan")
    isi = _isi(kosong, {
        ("IKU 1", REAL["I"]): 70, ("IKU 1", REAL["II"]): 70.25, ("IKU 1", REAL["III"]): "72,4",
        ("IKU 1", REAL["IV"]): 0.1 + 0.2, ("IKU 1", PENJ): "Hasil pengukuran BKN\nSK terlampir",
        ("IKU 2", REAL["I"]): "12,5", ("IKU 2", REAL["II"]): "1.250", ("IKU 2", REAL["III"]): " 1.250,5 ",
        ("IKU 2", REAL["IV"]): "",
        ("IKK 1", REAL["I"]): 0, ("IKK 1", REAL["II"]): "0", ("IKK 1", REAL["III"]): "-",
        ("IKK 1", REAL["IV"]): "15%", ("IKK 1", PENJ): 0.1 + 0.2,
    })
    h = baca_formulir(isi)
    assert (h.tahun, h.unit, h.tidak_ada) == (2024, UNIT, [])
    assert list(h.indikator) == ["IKU 1", "IKU 2", "IKK 1"]
    assert h.indikator["IKU 1"].realisasi_triwulan == (D("70"), D("70.25"), D("72.4"), D("0.3"))
    assert h.indikator["IKU 1"].penjelasan == "Hasil pengukuran BKN\nSK terlampir"
    assert h.indikator["IKU 2"].realisasi_triwulan == (D("12.5"), D("1250"), D("1250.5"), None)
    # 0 stays 0 (a real figure); blank and '-' mean no data
    assert h.indikator["IKK 1"].realisasi_triwulan == (D(0), D(0), None, D(15))
    assert h.indikator["IKK 1"].penjelasan == "0,3"  # a number typed as explanation, shown as Excel shows it
    assert all(isinstance(v, D) for r in h.indikator.values() for v in r.realisasi_triwulan if v is not None)

    baru = terapkan(data, h)
    ind = {i.kode: i for s in baru.sasaran for i in s.indikator}
    assert ind["IKU 2"].realisasi_triwulan == [D("12.5"), D("1250"), D("1250.5"), None]
    assert ind["IKU 1"].realisasi_triwulan == [D("70"), D("70.25"), D("72.4"), D("0.3")]
    assert ind["IKU 1"].penjelasan.startswith("Hasil pengukuran BKN")
    # other units untouched, and the original is not modified
    lama = {i.kode: i for s in data.sasaran for i in s.indikator}
    assert ind["IKU 3"] == lama["IKU 3"]
    assert lama["IKU 2"].realisasi_triwulan == [D(15), D(22), D("25.5"), D("20.4")]
    # the applied data survives a trip through JSON unchanged
    assert DataKinerja.model_validate(json.loads(json.dumps(kinerja_json(baru)))) == baru


def test_isi_tata_letak_dan_nilai_awal(data):
    wb = _buka(tulis_formulir(data, UNIT, instansi_nama="BKPSDM Kabupaten Pesisir Selatan"))
    assert wb.sheetnames == ["Formulir", "_meta"]
    ws = wb["Formulir"]
    teks = [c.value for c in ws["A"][:6]]
    assert teks[:4] == ["BKPSDM KABUPATEN PESISIR SELATAN", "FORMULIR PEMANTAUAN CAPAIAN KINERJA",
                        f"Unit kerja: {UNIT}", "Tahun: 2024"]
    assert teks[5] == "Petunjuk pengisian:"
    kepala = _baris(ws, "Kode")
    assert [c.value for c in ws[kepala]] == [
        "No", "Kode", "Sasaran", "Indikator", "Satuan", "Target Tahun", "Target TW I", "Target TW II",
        "Target TW III", "Target TW IV", "Realisasi TW I", "Realisasi TW II", "Realisasi TW III",
        "Realisasi TW IV", "Penjelasan/Bukti"]
    assert [c.value for c in ws[kepala + 2]] == [
        2, "IKU 2", "Meningkatnya profesionalitas ASN",
        "Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 JP", "%", 80, 20, 20, 20, 20,
        15, 22, 25.5, 20.4, None]
    # IKK 1 has no TW IV realisasi yet: the cell stays empty, not 0
    assert ws[f"{REAL['IV']}{_baris(ws, 'IKK 1')}"].value is None
    assert ws.freeze_panes == f"E{kepala + 1}"
    assert ws.print_title_rows == f"${kepala}:${kepala}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["D"].width > 30 and ws[f"D{kepala + 1}"].alignment.wrap_text
    meta = wb["_meta"]
    assert list(meta.iter_rows(values_only=True)) == [
        ("docgen.formulir_realisasi", 1), ("tahun", 2024), ("unit", UNIT), ("kode", "baris"),
        ("IKU 1", kepala + 1), ("IKU 2", kepala + 2), ("IKK 1", kepala + 3)]

    rentang = _buka(tulis_formulir(data, "Bidang Mutasi dan Promosi"))["Formulir"]
    assert rentang[f"F{_baris(rentang, 'IKK 3')}"].value == "95 - 100"
    semua = _buka(tulis_formulir(data, None))["Formulir"]
    assert semua["A2"].value == "Unit kerja: Semua unit kerja"
    assert [c.value for c in semua["B"] if c.value and c.value.startswith("IK")] == [
        "IKU 1", "IKU 2", "IKK 1", "IKU 3", "IKU 4", "IKK 2", "IKK 3", "IKU 5", "IKK 4"]


def test_proteksi_dan_validasi(data):
    wb = _buka(tulis_formulir(data, UNIT))
    ws = wb["Formulir"]
    assert ws.protection.sheet and ws.protection.password
    assert not ws.protection.formatColumns  # widening columns stays allowed
    kepala = _baris(ws, "Kode")
    for kol in range(1, len(KOLOM) + 1):
        assert ws.cell(kepala, kol).protection.locked, f"judul kolom {kol} harus terkunci"
    for b in range(kepala + 1, kepala + 4):
        for kol in "ABCDEFGHIJ":
            assert ws[f"{kol}{b}"].protection.locked
        for kol in (*REAL.values(), PENJ):
            assert not ws[f"{kol}{b}"].protection.locked, f"{kol}{b} harus dapat diisi"
    assert ws["A1"].protection.locked
    meta = wb["_meta"]
    assert meta.sheet_state == "hidden" and meta.protection.sheet and meta.protection.password
    assert wb.security.lockStructure and wb.security.workbookPassword

    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.operator, dv.formula1, dv.allow_blank) == ("decimal", "greaterThanOrEqual", "0", True)
    assert dv.errorStyle == "warning"  # text such as '12,5' must not be refused by Excel
    assert dv.showErrorMessage and dv.showInputMessage and "12,5" in dv.error and "12,5" in dv.prompt
    assert str(dv.sqref) == f"K{kepala + 1}:N{kepala + 3}"


def test_semua_sel_salah_dilaporkan_sekaligus(data):
    kosong = tulis_formulir(data, UNIT)
    wb = _buka(kosong)
    ws = wb["Formulir"]
    b1, b2, b3 = _baris(ws, "IKU 1"), _baris(ws, "IKU 2"), _baris(ws, "IKK 1")
    ws[f"K{b1}"] = "12.5"
    ws[f"L{b1}"] = -3
    ws[f"M{b1}"] = "banyak"
    ws[f"N{b1}"] = True
    ws[f"K{b2}"] = dt.date(2024, 3, 12)
    ws[f"L{b2}"] = "=L1+1"
    ws[f"M{b2}"] = "#DIV/0!"
    ws[f"N{b2}"] = "-2,5"
    ws[f"O{b2}"] = "x" * 1001
    ws[f"B{b3}"] = "IKU 9"
    ws[f"K{b3}"] = "7,5"
    ws.append([None, "IKU 1", None, None, None, None, None, None, None, None, 1])
    ws.append([None, None, None, None, None, None, None, None, None, None, 2])
    b4, b5 = ws.max_row - 1, ws.max_row
    fields = _galat(_simpan(wb))
    assert fields == {
        f"Formulir!K{b1} (Realisasi TW I, IKU 1)":
            "'12.5' bukan angka yang sah; pakai koma untuk desimal dan titik untuk ribuan, mis. 12,5 atau 1.250",
        f"Formulir!L{b1} (Realisasi TW II, IKU 1)": "'-3' negatif; realisasi tidak boleh kurang dari 0",
        f"Formulir!M{b1} (Realisasi TW III, IKU 1)":
            "'banyak' bukan angka yang sah; pakai koma untuk desimal dan titik untuk ribuan, mis. 12,5 atau 1.250",
        f"Formulir!N{b1} (Realisasi TW IV, IKU 1)": "berisi nilai logika TRUE, bukan angka",
        f"Formulir!K{b2} (Realisasi TW I, IKU 2)":
            "berisi tanggal/jam, bukan angka; ubah format sel menjadi Umum (General) lalu ketik ulang angkanya",
        f"Formulir!L{b2} (Realisasi TW II, IKU 2)":
            "berisi rumus (=L1+1); formulir dibaca tanpa menghitung rumus, ketik angkanya langsung",
        f"Formulir!M{b2} (Realisasi TW III, IKU 2)": "berisi galat rumus #DIV/0!",
        f"Formulir!N{b2} (Realisasi TW IV, IKU 2)": "'-2,5' negatif; realisasi tidak boleh kurang dari 0",
        f"Formulir!O{b2} (Penjelasan/Bukti, IKU 2)": "terlalu panjang (1001 karakter, paling banyak 1000)",
        f"Formulir!B{b3} (Kode, IKU 9)":
            "kode 'IKU 9' tidak ada dalam formulir ini (_meta); jangan mengubah kolom Kode",
        f"Formulir!B{b4} (Kode, IKU 1)": f"kode 'IKU 1' muncul lebih dari sekali (juga di baris {b1})",
        f"Formulir!B{b5} (Kode, baris {b5})":
            "Kode kosong padahal baris ini berisi realisasi; salin kembali Kode dari formulir asli",
    }


def test_pesan_galat_per_sel_dalam_exception(data):
    isi = _isi(tulis_formulir(data, UNIT), {("IKU 2", REAL["II"]): "12.5", ("IKK 1", REAL["I"]): "-1"})
    with pytest.raises(InputTidakValid) as e:
        baca_formulir(isi)
    assert e.value.pesan == "Formulir tidak dapat diimpor: 2 sel perlu diperbaiki"
    b = _baris(_buka(isi)["Formulir"], "IKU 2")
    assert e.value.lines()[0].startswith(f"Formulir!L{b} (Realisasi TW II, IKU 2): '12.5' bukan angka yang sah; ")


@pytest.mark.parametrize("isi", [b"", b"bukan excel", b"PK\x03\x04rusak", b"\xd0\xcf\x11\xe0" + b"\0" * 600])
def test_bukan_xlsx(isi):
    fields = _galat(isi)
    assert list(fields) == ["berkas"] and "bukan berkas Excel .xlsx" in fields["berkas"]


def test_zip_lain_bukan_xlsx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert list(_galat(buf.getvalue())) == ["berkas"]


def test_tanpa_meta_bukan_formulir_docgen(data):
    wb = _buka(tulis_formulir(data, UNIT))
    del wb["_meta"]
    fields = _galat(_simpan(wb))
    assert fields == {"_meta": "sheet _meta tidak ada: berkas bukan formulir docgen atau strukturnya diubah; "
                               "unduh formulir baru lalu salin isiannya"}
    biasa = openpyxl.Workbook()
    biasa.active.append(["Kode", "Realisasi TW I"])
    assert list(_galat(_simpan(biasa))) == ["_meta"]


def test_meta_versi_lain(data):
    wb = _buka(tulis_formulir(data, UNIT))
    wb["_meta"]["B1"] = 99
    assert "versi formulir 99 tidak dikenal" in _galat(_simpan(wb))["_meta"]


def test_baris_diurutkan_ulang_tetap_tepat(data):
    wb = _buka(tulis_formulir(data, UNIT))
    ws = wb["Formulir"]
    kepala = _baris(ws, "Kode")
    baris = [[c.value for c in ws[kepala + i]] for i in (1, 2, 3)]
    # reverse the rows, and leave an empty row between two of them
    for i, isi in enumerate([baris[2], None, baris[1], baris[0]], start=1):
        for kol in range(1, len(KOLOM) + 1):
            ws.cell(kepala + i, kol).value = None if isi is None else isi[kol - 1]
    ws[f"K{_baris(ws, 'IKK 1')}"] = "301"
    ws[f"K{_baris(ws, 'IKU 1')}"] = "68,9"
    h = baca_formulir(_simpan(wb))
    assert _baris(ws, "IKK 1") == kepala + 1 and _baris(ws, "IKU 1") == kepala + 4
    assert h.indikator["IKK 1"].realisasi_triwulan == (D(301), D(360), D(310), None)
    assert h.indikator["IKU 1"].realisasi_triwulan == (D("68.9"), D("70.2"), D("72.4"), D("74.61"))
    assert h.indikator["IKU 2"].realisasi_triwulan == (D(15), D(22), D("25.5"), D("20.4"))


def test_baris_dihapus_tidak_diimpor(data):
    wb = _buka(tulis_formulir(data, UNIT))
    ws = wb["Formulir"]
    ws.delete_rows(_baris(ws, "IKU 2"))
    h = baca_formulir(_simpan(wb))
    assert list(h.indikator) == ["IKU 1", "IKK 1"] and h.tidak_ada == ["IKU 2"]
    baru = terapkan(data, h)
    ind = {i.kode: i for s in baru.sasaran for i in s.indikator}
    assert ind["IKU 2"].realisasi_triwulan == [D(15), D(22), D("25.5"), D("20.4")]


def test_ekstensi_validasi_excel_tidak_memicu_peringatan(data):
    """Excel stores some data validations as an x14 extension; openpyxl warns when it drops them."""
    asli = _isi(tulis_formulir(data, UNIT), {("IKU 1", REAL["I"]): "71,5"})
    ext = ('<extLst><ext uri="{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}" '
           'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:dataValidations count="0"/></ext></extLst></worksheet>')
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(asli)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            isi = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                isi = isi.replace(b"</worksheet>", ext.encode())
            zout.writestr(item, isi)
    with pytest.warns(UserWarning, match="Data Validation extension is not supported"):
        openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = baca_formulir(buf.getvalue())
    assert h.indikator["IKU 1"].realisasi_triwulan[0] == D("71.5")


def test_unit_tidak_dikenal(data):
    with pytest.raises(InputTidakValid) as e:
        tulis_formulir(data, "Bidang Keuangan")
    assert e.value.fields == {"unit": "unit kerja 'Bidang Keuangan' tidak ada dalam data; pilihan: "
                                      "Bidang Pengembangan Kompetensi, Bidang Mutasi dan Promosi, Sekretariat"}
    # case and surrounding spaces do not matter; the unit is stored as the data spells it
    h = baca_formulir(tulis_formulir(data, "  sekretariat "))
    assert h.unit == "Sekretariat" and list(h.indikator) == ["IKU 4", "IKK 2", "IKU 5"]


def test_terapkan_tahun_dan_kode_salah(data):
    h = baca_formulir(tulis_formulir(data, UNIT))
    lain = data.model_copy(update={"tahun": 2025})
    with pytest.raises(InputTidakValid) as e:
        terapkan(lain, h)
    assert e.value.fields == {"tahun": "formulir untuk tahun 2024, sedangkan data kinerja tahun 2025"}
    asing = HasilImpor(tahun=2024, unit=None, indikator={
        "IKU 99": RealisasiImpor("IKU 99", (D(1), None, None, None), "", 14)})
    with pytest.raises(InputTidakValid) as e:
        terapkan(data, asing)
    assert e.value.fields == {"kode": "kode indikator tidak ada dalam data kinerja: IKU 99"}


def test_angka_json_persis():
    assert angka_json(None) is None
    assert angka_json(D("1250.000")) == 1250 and isinstance(angka_json(D("1250")), int)
    assert angka_json(D("74.61")) == 74.61
    assert angka_json(D("12345678901234567.5")) == "12345678901234567,5"


# ---------------------------------------------------------------------------------------------- CLI


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_formulir_dan_impor(runner, tmp_path):
    masukan = tmp_path / "kinerja.json"
    masukan.write_text(json.dumps({
        "instansi": {"nama": "BKPSDM Kabupaten Pesisir Selatan"},
        "kinerja": json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8")),
    }, ensure_ascii=False), encoding="utf-8")
    xlsx = tmp_path / "formulir.xlsx"
    r = runner.invoke(cli, ["formulir-xlsx", str(masukan), "--unit", UNIT, "-o", str(xlsx)])
    assert r.exit_code == 0, r.output
    assert r.output == f"Formulir: {xlsx} (3 indikator, {UNIT}, tahun 2024)\n"
    assert _buka(xlsx.read_bytes())["Formulir"]["A1"].value == "BKPSDM KABUPATEN PESISIR SELATAN"
    xlsx.write_bytes(_isi(xlsx.read_bytes(), {("IKK 1", REAL["IV"]): "305", ("IKK 1", PENJ): "Daftar hadir"}))

    r = runner.invoke(cli, ["impor-realisasi", str(xlsx)])
    assert r.exit_code == 0, r.output
    keluar = json.loads(r.output)
    assert keluar["tahun"] == 2024 and keluar["unit"] == UNIT
    assert keluar["indikator"][2] == {"kode": "IKK 1", "realisasi_triwulan": [280, 360, 310, 305],
                                      "penjelasan": "Daftar hadir"}
    assert keluar["indikator"][1]["realisasi_triwulan"] == [15, 22, 25.5, 20.4]

    hasil = tmp_path / "out" / "kinerja-baru.json"
    r = runner.invoke(cli, ["impor-realisasi", str(xlsx), "--data", str(masukan), "-o", str(hasil)])
    assert r.exit_code == 0, r.output
    assert r.output == f"Realisasi 3 indikator ({UNIT}, tahun 2024): {hasil}\n"
    baru = DataKinerja.model_validate(json.loads(hasil.read_text(encoding="utf-8")))
    ind = {i.kode: i for s in baru.sasaran for i in s.indikator}
    assert ind["IKK 1"].realisasi_triwulan == [D(280), D(360), D(310), D(305)]
    assert ind["IKK 1"].penjelasan == "Daftar hadir"
    r = runner.invoke(cli, ["capaian", str(hasil), "--format", "json"])
    baris = {b["kode"]: b for b in json.loads(r.output)}
    assert baris["IKK 1"]["realisasi"] == 1255 and baris["IKK 1"]["keterangan"] == ""


def test_cli_semua_unit_dan_unit_salah(runner, tmp_path):
    xlsx = tmp_path / "semua.xlsx"
    r = runner.invoke(cli, ["formulir-xlsx", str(SAMPLES / "capaian.json"), "-o", str(xlsx)])
    assert r.exit_code == 0 and "(9 indikator, semua unit kerja, tahun 2024)" in r.output
    r = runner.invoke(cli, ["formulir-xlsx", str(SAMPLES / "capaian.json"), "--unit", "Bidang X",
                            "-o", str(tmp_path / "x.xlsx")])
    assert r.exit_code == 2 and "unit: unit kerja 'Bidang X' tidak ada dalam data; pilihan:" in r.output
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_berkas_salah_keluar_2_tanpa_menulis(runner, tmp_path, data):
    xlsx = tmp_path / "formulir.xlsx"
    xlsx.write_bytes(_isi(tulis_formulir(data, UNIT), {("IKU 1", REAL["II"]): "12.5", ("IKU 2", REAL["I"]): -1}))
    b1, b2 = (_baris(_buka(xlsx.read_bytes())["Formulir"], k) for k in ("IKU 1", "IKU 2"))
    keluaran = tmp_path / "realisasi.json"
    r = runner.invoke(cli, ["impor-realisasi", str(xlsx), "-o", str(keluaran)])
    assert r.exit_code == 2
    baris = r.output.splitlines()
    assert baris[0] == "Galat: Formulir tidak dapat diimpor: 2 sel perlu diperbaiki"
    assert re.fullmatch(rf"Formulir!L{b1} \(Realisasi TW II, IKU 1\): '12\.5' bukan angka yang sah; .*", baris[1])
    assert baris[2] == f"Formulir!K{b2} (Realisasi TW I, IKU 2): '-1' negatif; realisasi tidak boleh kurang dari 0"
    assert not keluaran.exists()

    teks = tmp_path / "bukan.xlsx"
    teks.write_text("kode;realisasi\nIKU 1;12,5\n", encoding="utf-8")
    r = runner.invoke(cli, ["impor-realisasi", str(teks)])
    assert r.exit_code == 2 and "berkas: bukan berkas Excel .xlsx" in r.output and "Traceback" not in r.output
    r = runner.invoke(cli, ["impor-realisasi", str(tmp_path / "hilang.xlsx")])
    assert r.exit_code == 2 and "Berkas formulir tidak ditemukan" in r.output

    lain = json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8"))
    lain["tahun"] = 2025
    (tmp_path / "2025.json").write_text(json.dumps(lain), encoding="utf-8")
    xlsx.write_bytes(tulis_formulir(data, UNIT))
    r = runner.invoke(cli, ["impor-realisasi", str(xlsx), "--data", str(tmp_path / "2025.json"),
                            "-o", str(keluaran)])
    assert r.exit_code == 2 and "tahun: formulir untuk tahun 2024, sedangkan data kinerja tahun 2025" in r.output
    assert not keluaran.exists()


def test_cli_peringatan_baris_hilang(runner, tmp_path, data):
    wb = _buka(tulis_formulir(data, UNIT))
    wb["Formulir"].delete_rows(_baris(wb["Formulir"], "IKU 2"))
    xlsx = tmp_path / "f.xlsx"
    xlsx.write_bytes(_simpan(wb))
    r = CliRunner().invoke(cli, ["impor-realisasi", str(xlsx)])
    assert r.exit_code == 0
    assert "Peringatan: baris IKU 2 tidak ada lagi di formulir; realisasinya tidak diimpor" in r.stderr
    assert [i["kode"] for i in json.loads(r.stdout)["indikator"]] == ["IKU 1", "IKK 1"]

