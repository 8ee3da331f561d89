"""Performance data on the web: realisasi entry by quarter and by Excel, the capaian table, roles and units,
and the yearly Renstra/PK data."""

from __future__ import annotations

import copy
import io
import json
import re

from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import SAMPLES
from web.inti.db import sesi
from web.inti.models import RencanaKinerja


def _data(app, tahun: int = 2024) -> dict:
    with app.app_context():
        return copy.deepcopy(sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.tahun == tahun)).data)


def _indikator(data: dict, kode: str) -> dict:
    return next(i for s in data["sasaran"] for i in s["indikator"] if i["kode"] == kode)


def _baris(html: str, kode: str) -> str:
    """The capaian table row of one indicator (its cells' text)."""
    m = re.search(rf"<tr>\s*<td>{re.escape(kode)}</td>(.*?)</tr>", html, re.S)
    assert m, f"baris {kode} tidak ada"
    return m.group(1)


def _xlsx(isi: bytes, nama: str = "formulir.xlsx") -> dict:
    return {"berkas": (io.BytesIO(isi), nama)}


def test_peran_ditegakkan(client, masuk):
    masuk("arsiparis")
    assert client.get("/kinerja/2024/realisasi?triwulan=1").status_code == 403
    assert client.post("/kinerja/2024/realisasi?triwulan=1", data={"r:IKU 1": "1"}).status_code == 403
    assert client.get("/kinerja/2024/formulir.xlsx").status_code == 403
    assert client.get("/kinerja/capaian").status_code == 403
    client.post("/keluar")
    masuk("kepala")
    assert client.get("/kinerja/capaian?tahun=2024").status_code == 200
    assert client.get("/kinerja/2024/realisasi").status_code == 403
    assert client.get("/kinerja/rencana").status_code == 403
    client.post("/keluar")
    masuk("bidang.mutasi")
    assert client.get("/kinerja/rencana").status_code == 403
    assert client.get("/kinerja/2024/target/IKU 3").status_code == 403


def test_realisasi_angka_indonesia_dan_kosong(app, client, masuk):
    masuk("perencana")
    r = client.get("/kinerja/2024/realisasi?triwulan=4")
    assert r.status_code == 200
    teks = r.get_data(as_text=True)
    assert 'name="r:IKU 1" value="74,61"' in teks and 'name="r:IKK 1" value=""' in teks
    r = client.post("/kinerja/2024/realisasi?triwulan=4",
                    data={"r:IKU 1": "12,5", "p:IKU 1": "Hasil pengukuran BKN", "r:IKK 1": "1.250", "r:IKU 2": ""})
    assert r.status_code == 302
    ikut = _data(app)
    assert _indikator(ikut, "IKU 1")["realisasi_triwulan"][3] == 12.5
    assert _indikator(ikut, "IKU 1")["penjelasan"] == "Hasil pengukuran BKN"
    assert _indikator(ikut, "IKK 1")["realisasi_triwulan"] == [280, 360, 310, 1250]
    assert _indikator(ikut, "IKU 2")["realisasi_triwulan"][3] is None  # empty is no data, never 0
    assert _indikator(ikut, "IKU 1")["realisasi_triwulan"][:3] == [69.5, 70.2, 72.4]  # other quarters untouched


def test_realisasi_salah_tidak_menyimpan_apa_pun(app, client, masuk):
    masuk("timsakip")
    sebelum = _data(app)
    r = client.post("/kinerja/2024/realisasi?triwulan=2",
                    data={"r:IKU 1": "71", "r:IKU 2": "12.5", "r:IKK 1": "dua", "r:IKU 4": "-3"})
    teks = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "&#39;12.5&#39; bukan angka yang sah" in teks and "&#39;dua&#39; bukan angka yang sah" in teks
    assert "negatif" in teks
    assert 'name="r:IKU 1" value="71"' in teks and 'name="r:IKK 1" value="dua"' in teks  # input kept
    assert _data(app) == sebelum


def test_capaian_iku1_dan_angka_indonesia(client, masuk):
    masuk("kepala")
    teks = client.get("/kinerja/capaian?tahun=2024").get_data(as_text=True)
    iku1 = _baris(teks, "IKU 1")
    assert "103,63%" in iku1 and "Sangat Baik" in iku1 and "74,61" in iku1
    ikk1 = _baris(teks, "IKK 1")
    assert "1.250" in ikk1 and "data TW IV belum ada" in ikk1
    assert "IKK 4" in teks and "belum ada data" in _baris(teks, "IKK 4")
    sampai_tw2 = client.get("/kinerja/capaian?tahun=2024&triwulan=2").get_data(as_text=True)
    assert "sampai TW II" in sampai_tw2 and "100,29%" in _baris(sampai_tw2, "IKU 1")  # 70,2 / 70


def test_bidang_hanya_unitnya(app, client, masuk):
    masuk("bidang.kompetensi")
    teks = client.get("/kinerja/2024/realisasi?triwulan=1").get_data(as_text=True)
    assert "IKU 1" in teks and "IKK 1" in teks
    assert "IKU 3" not in teks and "IKU 4" not in teks
    capaian = client.get("/kinerja/capaian?tahun=2024").get_data(as_text=True)
    assert "IKU 1" in capaian and "IKU 3" not in capaian and "IKK 3" not in capaian
    sebelum = _data(app)
    r = client.post("/kinerja/2024/realisasi?triwulan=1", data={"r:IKU 1": "70", "r:IKU 3": "5"})
    assert r.status_code == 403
    assert _data(app) == sebelum
    xlsx = client.get("/kinerja/2024/formulir.xlsx")
    ws = load_workbook(io.BytesIO(xlsx.data))["Formulir"]
    kode = {c.value for c in ws["B"] if c.value}
    assert {"IKU 1", "IKU 2", "IKK 1"} <= kode and "IKU 3" not in kode


def test_bidang_tidak_dapat_mengimpor_formulir_unit_lain(app, client, masuk):
    masuk("perencana")
    semua = client.get("/kinerja/2024/formulir.xlsx").data
    client.post("/keluar")
    masuk("bidang.mutasi")
    sebelum = _data(app)
    r = client.post("/kinerja/2024/unggah?triwulan=1", data=_xlsx(semua), content_type="multipart/form-data")
    assert r.status_code == 403 and "bukan Bidang Mutasi dan Promosi" in r.get_data(as_text=True)
    assert _data(app) == sebelum


def test_formulir_excel_diisi_dan_diunggah(app, client, masuk):
    masuk("bidang.kompetensi")
    r = client.get("/kinerja/2024/formulir.xlsx")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    wb = load_workbook(io.BytesIO(r.data))
    ws = wb["Formulir"]
    kepala = next(c.row for c in ws["B"] if c.value == "Kode")
    kolom = {c.value: c.column_letter for c in ws[kepala] if c.value}
    baris = {ws[f"B{b}"].value: b for b in range(kepala + 1, ws.max_row + 1) if ws[f"B{b}"].value}
    ws[f"{kolom['Realisasi TW IV']}{baris['IKK 1']}"] = "295,5"
    ws[f"{kolom['Penjelasan/Bukti']}{baris['IKK 1']}"] = "Rekap daftar hadir pelatihan"
    ws[f"{kolom['Realisasi TW I']}{baris['IKU 2']}"] = 16
    buf = io.BytesIO()
    wb.save(buf)
    r = client.post("/kinerja/2024/unggah?triwulan=4", data=_xlsx(buf.getvalue()), content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)
    data = _data(app)
    assert _indikator(data, "IKK 1")["realisasi_triwulan"] == [280, 360, 310, 295.5]
    assert _indikator(data, "IKK 1")["penjelasan"] == "Rekap daftar hadir pelatihan"
    assert _indikator(data, "IKU 2")["realisasi_triwulan"][0] == 16

    # one bad cell: nothing is imported, and the page names the cell
    sel_salah = f"{kolom['Realisasi TW II']}{baris['IKU 1']}"
    ws[f"{kolom['Realisasi TW IV']}{baris['IKK 1']}"] = 999
    ws[sel_salah] = "tujuh puluh"
    buf = io.BytesIO()
    wb.save(buf)
    r = client.post("/kinerja/2024/unggah?triwulan=4", data=_xlsx(buf.getvalue()), content_type="multipart/form-data")
    teks = r.get_data(as_text=True)
    assert r.status_code == 422
    assert f"Formulir!{sel_salah}" in teks and "tidak ada nilai yang diubah" in teks
    assert _data(app) == data


def test_unggah_bukan_xlsx_ditolak(app, client, masuk):
    masuk("perencana")
    sebelum = _data(app)
    r = client.post("/kinerja/2024/unggah", data=_xlsx(b"kode,realisasi\nIKU 1,70\n", "realisasi.csv"),
                    content_type="multipart/form-data")
    assert r.status_code == 422 and "bukan berkas Excel .xlsx" in r.get_data(as_text=True)
    r = client.post("/kinerja/2024/unggah", data=_xlsx(b"bukan zip", "palsu.xlsx"), content_type="multipart/form-data")
    assert r.status_code == 422 and "bukan berkas Excel .xlsx yang dapat dibaca" in r.get_data(as_text=True)
    assert _data(app) == sebelum


def test_rencana_unggah_json(app, client, masuk):
    masuk("perencana")
    data = json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8"))
    data["tahun"] = 2025
    data["sasaran"][0]["indikator"][0]["target"] = "tujuh"
    del data["sasaran"][1]["indikator"][0]["satuan"]
    berkas = {"berkas": (io.BytesIO(json.dumps(data).encode()), "pk-2025.json")}
    r = client.post("/kinerja/rencana", data=berkas, content_type="multipart/form-data")
    teks = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "sasaran.0.indikator.0.target" in teks and "sasaran.1.indikator.0.satuan" in teks
    r = client.post("/kinerja/rencana", data={"berkas": (io.BytesIO(b"{rusak"), "x.json")},
                    content_type="multipart/form-data")
    assert r.status_code == 422 and "bukan JSON yang sah (baris 1, kolom" in r.get_data(as_text=True)

    data["sasaran"][0]["indikator"][0]["target"] = 73
    data["sasaran"][1]["indikator"][0]["satuan"] = "hari"
    berkas = {"berkas": (io.BytesIO(json.dumps(data).encode()), "pk-2025.json")}
    assert client.post("/kinerja/rencana", data=berkas, content_type="multipart/form-data").status_code == 302
    assert _indikator(_data(app, 2025), "IKU 1")["target"] == 73
    # replacing a year needs the explicit choice
    berkas = {"berkas": (io.BytesIO(json.dumps(data).encode()), "pk-2025.json")}
    r = client.post("/kinerja/rencana", data=berkas, content_type="multipart/form-data")
    assert r.status_code == 409 and "Ganti data tahun ini" in r.get_data(as_text=True)
    data["sasaran"][0]["indikator"][0]["target"] = 74
    berkas = {"berkas": (io.BytesIO(json.dumps(data).encode()), "pk-2025.json"), "ganti": "1"}
    assert client.post("/kinerja/rencana", data=berkas, content_type="multipart/form-data").status_code == 302
    assert _indikator(_data(app, 2025), "IKU 1")["target"] == 74
    unduh = client.get("/kinerja/2025/data.json")
    assert _indikator(unduh.get_json(), "IKU 1")["target"] == 74


def test_ubah_target(app, client, masuk):
    masuk("admin")
    r = client.get("/kinerja/2024/target/IKU 1")
    assert r.status_code == 200 and 'value="72"' in r.get_data(as_text=True)
    sebelum = _data(app)
    r = client.post("/kinerja/2024/target/IKU 1", data={"target": "72,5", "tw1": "70", "tw2": "x", "tw3": "71",
                                                         "tw4": "72,5"})
    assert r.status_code == 422 and "&#39;x&#39; bukan angka yang sah" in r.get_data(as_text=True)
    assert _data(app) == sebelum
    r = client.post("/kinerja/2024/target/IKU 1", data={"target": "72,5", "tw1": "70", "tw2": "", "tw3": "71",
                                                         "tw4": "72,5"})
    assert r.status_code == 302
    iku1 = _indikator(_data(app), "IKU 1")
    assert iku1["target"] == 72.5 and iku1["target_triwulan"] == [70, None, 71, 72.5]
    # a range indicator must keep both bounds: the whole year is revalidated before saving
    r = client.post("/kinerja/2024/target/IKK 3", data={"target_bawah": "", "target_atas": "100"})
    assert r.status_code == 422 and "target_bawah dan target_atas" in r.get_data(as_text=True)
    assert client.get("/kinerja/2024/target/TIDAK ADA").status_code == 404
