"""User text in every spreadsheet and CSV docgen writes stays text: never a formula, an error code or a DDE call.

The writers of the Buku Agenda and the audit log are tested beside their services (tests/test_nomor.py,
tests/test_audit.py), the realisasi form in tests/test_formulir_xlsx.py; here the shared helpers, the bundle's
daftar-arsip.xlsx and the capaian CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest

from docgen import capaian_tabel
from docgen.bundle import Item, daftar_arsip_xlsx
from docgen.kinerja import DataKinerja
from docgen.xlsx_cetak import aman_csv, isi_sel, tambah_baris
from tests.conftest import SAMPLES

RUMUS = ['=HYPERLINK("http://x","y")', "=1+1", "@SUM(A1)", "+1", "-1+1", "\t=1", "#DIV/0!", "=cmd|' /C calc'!A0"]


def _baca(isi: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(isi))


def _simpan(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_isi_sel_dan_tambah_baris_menyimpan_teks():
    wb = openpyxl.Workbook()
    ws = wb.active
    tambah_baris(ws, ["judul"])
    tambah_baris(ws, [1, 2.5, None, dt.date(2025, 1, 2), *RUMUS])
    for i, teks in enumerate(RUMUS, start=1):
        isi_sel(ws, 3, i, teks)
    ws2 = _baca(_simpan(wb)).active
    assert [c.value for c in ws2[2][:3]] == [1, 2.5, None] and ws2["D2"].value.date() == dt.date(2025, 1, 2)
    for baris in (ws2[2][4:], ws2[3][:len(RUMUS)]):
        assert [c.value for c in baris] == RUMUS
        assert all(c.data_type == "s" for c in baris)
    assert all(c.quotePrefix for c in ws2[3][:6]) and not ws2["G3"].quotePrefix  # "#DIV/0!" cannot start one


def test_aman_csv():
    assert [aman_csv(t) for t in RUMUS] == ["'" + t for t in RUMUS[:6]] + ["#DIV/0!", "'" + RUMUS[7]]
    assert [aman_csv(v) for v in ("biasa", "", None, -1, 2.5, "a=b")] == ["biasa", "", None, -1, 2.5, "a=b"]


def _item(k: int, teks: str) -> Item:
    return Item(nomor=f"{k:02d}", langkah=k, slug="nota-dinas", judul=teks, uraian=teks, nomor_surat=teks,
                kode_klasifikasi=teks, tanggal=dt.date(2025, 1, k), keterangan=teks, data={}, label=f"item[{k}]",
                halaman=1, halaman_awal=k + 1)


def test_daftar_arsip_teks_pengguna_tidak_menjadi_rumus():
    identitas = {"instansi": RUMUS[0], "kode": RUMUS[1], "judul": RUMUS[2], "unit_pengolah": RUMUS[3],
                 "kode_klasifikasi": RUMUS[4], "periode": RUMUS[5], "tahun": 2025, "lokasi": RUMUS[7]}
    items = [_item(k, t) for k, t in enumerate(RUMUS, start=1)]
    ws = _baca(daftar_arsip_xlsx(identitas, items, nama_pdf="=berkas.pdf", total=9,
                                 waktu=dt.datetime(2025, 1, 31, tzinfo=dt.UTC)))["Daftar Arsip"]
    assert ws["A2"].value == RUMUS[0] and ws["A2"].data_type == "s"
    label = {ws.cell(r, 1).value: ws.cell(r, 3) for r in range(4, 13)}
    for nama, teks in (("Kode/Nomor Berkas", RUMUS[1]), ("Judul Berkas", RUMUS[2]), ("Unit Pengolah", RUMUS[3]),
                       ("Kode Klasifikasi", RUMUS[4]), ("Kurun Waktu", RUMUS[5]), ("Lokasi Simpan", RUMUS[7])):
        assert (label[nama].value, label[nama].data_type) == (teks, "s"), nama
    kepala = next(r for r in range(1, 30) if ws.cell(r, 1).value == "No")
    for k, teks in enumerate(RUMUS, start=1):
        baris = ws[kepala + k]
        uraian, nomor, ket = baris[2], baris[5], baris[6]
        assert (uraian.value, nomor.value, ket.value, baris[1].value) == (f"{teks}: {teks}", teks, teks, teks)
        assert {c.data_type for c in (baris[1], uraian, nomor, ket, baris[7], baris[8])} == {"s"}


@pytest.fixture
def data() -> DataKinerja:
    return DataKinerja.model_validate(json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8")))


def test_capaian_csv_dijaga(data):
    ind = data.sasaran[0].indikator[0]
    data.sasaran[0].sasaran, ind.indikator, ind.satuan = RUMUS[0], RUMUS[2], "=1+1"
    baris = list(csv.DictReader(io.StringIO(capaian_tabel.ke_csv(data)), delimiter=";"))
    assert (baris[0]["sasaran"], baris[0]["indikator"], baris[0]["satuan"]) == (
        "'" + RUMUS[0], "'" + RUMUS[2], "'=1+1")
    assert baris[0]["capaian"][:1].isdigit()  # the figures are not touched
