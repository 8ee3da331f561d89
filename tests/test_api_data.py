"""Performance data, the number register and archive bundles through the JSON API: content, roles (403), another
agency's ids (404), bad fields (422), conflicts (409), the bundle as a background job (202)."""

from __future__ import annotations

import copy
import io
import json
import time
import zipfile

import pytest
from openpyxl import load_workbook

from tests.conftest import SAMPLES
from tests.data_uji import sampel_dokumen, sesuai_openapi
from web.inti.db import sesi
from web.inti.models import Instansi, Pengguna, SeriNomor
from web.layanan.akun import buat_token


def _kinerja() -> dict:
    return json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8"))


@pytest.fixture
def tamu(app) -> dict[str, str]:
    """A token of the admin of another agency (no data of its own but a number series)."""
    with app.app_context():
        db = sesi()
        inst = Instansi(nama="Dinas Lain", profil={})
        db.add(inst)
        db.flush()
        u = Pengguna(instansi_id=inst.id, username="lain.admin", password_hash="x", peran="admin")
        db.add_all([u, SeriNomor(instansi_id=inst.id, kode="surat-keluar", pola="{urut}/LAIN/{tahun}")])
        db.flush()
        t = buat_token(u)
        db.commit()
        return {"Authorization": f"Bearer {t}"}


# -- performance data ----------------------------------------------------------------------------------------------


def test_kinerja_tahun_dan_data(client, token, tamu):
    h = token("perencana")
    assert client.get("/api/v1/kinerja", headers=h).get_json() == {"tahun": [2024]}
    r = client.get("/api/v1/kinerja/2024", headers=h)
    assert r.status_code == 200
    data = r.get_json()
    sesuai_openapi("capaian.DataKinerja", data)
    assert data["tahun"] == 2024
    assert [s["sasaran"] for s in data["sasaran"]] == [s["sasaran"] for s in _kinerja()["sasaran"]]
    r = client.get("/api/v1/kinerja/2023", headers=h)
    assert r.status_code == 404 and r.get_json() == {"error": "Data kinerja tahun 2023 belum ada.",
                                                     "fields": {"tahun": "belum ada data"}}
    r = client.get("/api/v1/kinerja", headers=token("arsiparis"))
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang melihat capaian kinerja.", "fields": {}}
    r = client.get("/api/v1/kinerja/2024", headers=token("kepala"))
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang mengelola rencana kinerja.", "fields": {}}
    # another agency sees none of these years
    assert client.get("/api/v1/kinerja", headers=tamu).get_json() == {"tahun": []}
    assert client.get("/api/v1/kinerja/2024", headers=tamu).status_code == 404
    assert client.put("/api/v1/kinerja/2024", headers=tamu, json={"x": 1}).status_code == 422
    assert client.get("/api/v1/kinerja/2024", headers=h).get_json() == data  # untouched by the other agency


def test_kinerja_ganti_dan_tambah_tahun(client, token):
    h = token("perencana")
    data = client.get("/api/v1/kinerja/2024", headers=h).get_json()
    data["sasaran"][0]["indikator"][0]["indikator"] = "Indikator diganti lewat API"
    r = client.put("/api/v1/kinerja/2024", headers=h, json=data)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json()["sasaran"][0]["indikator"][0]["indikator"] == "Indikator diganti lewat API"
    assert client.get("/api/v1/kinerja/2024", headers=h).get_json() == r.get_json()
    baru = copy.deepcopy(data)
    del baru["tahun"]  # taken from the path
    r = client.put("/api/v1/kinerja/2025", headers=h, json=baru)
    assert r.status_code == 201 and r.get_json()["tahun"] == 2025
    assert client.get("/api/v1/kinerja", headers=h).get_json() == {"tahun": [2025, 2024]}


def test_kinerja_ganti_422_413_403(client, token):
    h = token("perencana")
    sebelum = client.get("/api/v1/kinerja/2024", headers=h).get_json()
    r = client.put("/api/v1/kinerja/2024", headers=h, json={**sebelum, "tahun": 2023})
    assert r.status_code == 422
    assert r.get_json() == {"error": "Tahun data tidak sama dengan tahun pada alamat",
                            "fields": {"tahun": "harus 2024 (tahun pada alamat) atau dihilangkan"}}
    rusak = copy.deepcopy(sebelum)
    rusak["sasaran"][0]["indikator"][0]["target"] = "banyak"
    r = client.put("/api/v1/kinerja/2024", headers=h, json=rusak)
    assert r.status_code == 422 and list(r.get_json()["fields"]) == ["sasaran.0.indikator.0.target"]
    r = client.put("/api/v1/kinerja/2024", headers=h, data=b'{"tahun": 2024, "x": "' + b"a" * (2 * 1024 * 1024)
                   + b'"}', content_type="application/json")
    assert r.status_code == 413 and r.get_json() == {"error": "Data kinerja terlalu besar",
                                                     "fields": {"": "paling besar 2 MB"}}
    r = client.put("/api/v1/kinerja/2024", headers=token("timsakip"), json=sebelum)
    assert r.status_code == 403
    assert client.get("/api/v1/kinerja/2024", headers=h).get_json() == sebelum


def test_kinerja_capaian_per_unit(client, token):
    semua = client.get("/api/v1/kinerja/2024/capaian", headers=token("perencana")).get_json()
    assert semua["tahun"] == 2024 and semua["unit"] is None
    kode = [b["kode"] for b in semua["baris"]]
    assert kode == [i["kode"] for s in _kinerja()["sasaran"] for i in s["indikator"]]
    pertama = semua["baris"][0]
    assert pertama["kode_sasaran"] == _kinerja()["sasaran"][0]["kode"] and pertama["capaian"].endswith("%")
    bidang = client.get("/api/v1/kinerja/2024/capaian?triwulan=1", headers=token("bidang.kompetensi")).get_json()
    assert bidang["unit"] == "Bidang Pengembangan Kompetensi" and bidang["triwulan"] == 1
    milik = [i["kode"] for s in _kinerja()["sasaran"] for i in s["indikator"]
             if i.get("unit_kerja") == "Bidang Pengembangan Kompetensi"]
    assert milik and [b["kode"] for b in bidang["baris"]] == milik
    r = client.get("/api/v1/kinerja/2024/capaian?triwulan=5", headers=token("perencana"))
    assert r.status_code == 422 and r.get_json()["fields"] == {"triwulan": "harus salah satu dari: 1, 2, 3, 4"}
    assert client.get("/api/v1/kinerja/2030/capaian", headers=token("perencana")).status_code == 404


# -- the register --------------------------------------------------------------------------------------------------


def test_nomor_ambil_daftar_ekspor(client, token):
    h = token("perencana")
    r = client.get("/api/v1/nomor?tahun=2024", headers=h)
    assert r.status_code == 200
    awal = r.get_json()
    assert awal["nomor"] == [] and [s["kode"] for s in awal["seri"]] == ["nota-dinas", "keputusan", "surat-keluar"]
    assert awal["seri"][2]["contoh"].startswith("000.9.2/")
    sesuai_openapi("SeriNomor", awal["seri"][2])
    r = client.post("/api/v1/nomor", headers=h, json={"seri": "surat-keluar", "tanggal": "2024-05-02",
                                                       "hal": "Undangan rapat evaluasi", "tujuan": "Para Kepala"})
    assert r.status_code == 201, r.get_data(as_text=True)
    n = r.get_json()
    sesuai_openapi("NomorSurat", n)
    assert (n["nomor"], n["urut"], n["status"], n["seri"]) == ("000.9.2/1/BKPSDM-PS/2024", 1, "dipakai",
                                                               "surat-keluar")
    assert (n["tanggal"], n["hal"], n["dibuat_oleh"], n["keterangan"]) == (
        "2024-05-02", "Undangan rapat evaluasi", "RIZKI PRATAMA, S.Kom.", "Dipakai")
    # a back-dated letter gets an inserted number, with the reason
    r = client.post("/api/v1/nomor", headers=h, json={"seri": "surat-keluar", "tanggal": "2024-05-10", "hal": "B"})
    assert r.status_code == 201 and r.get_json()["nomor"] == "000.9.2/2/BKPSDM-PS/2024"
    assert r.get_json()["catatan"] == ""
    r = client.post("/api/v1/nomor", headers=h, json={"seri": "surat-keluar", "tanggal": "2024-05-05", "hal": "C"})
    assert r.status_code == 201 and r.get_json()["nomor"] == "000.9.2/1a/BKPSDM-PS/2024"
    assert "1a" in r.get_json()["catatan"]
    daftar = client.get("/api/v1/nomor?tahun=2024&seri=surat-keluar", headers=h).get_json()
    assert [x["nomor"] for x in daftar["nomor"]] == ["000.9.2/1/BKPSDM-PS/2024", "000.9.2/1a/BKPSDM-PS/2024",
                                                     "000.9.2/2/BKPSDM-PS/2024"]
    assert daftar["tahun_ada"] == [2024]
    assert client.get("/api/v1/nomor?status=batal", headers=h).get_json()["nomor"] == []
    r = client.get("/api/v1/nomor/ekspor?tahun=2024", headers=h)
    assert r.status_code == 200 and r.headers["Content-Disposition"].endswith("buku-agenda-surat-keluar-2024.xlsx")
    ws = load_workbook(io.BytesIO(r.data)).active
    isi = [c.value for row in ws.iter_rows() for c in row]
    assert "000.9.2/1/BKPSDM-PS/2024" in isi and "Undangan rapat evaluasi" in isi


def test_nomor_422_403(client, token):
    h = token("perencana")
    r = client.post("/api/v1/nomor", headers=h, json={})
    assert r.status_code == 422
    assert r.get_json() == {"error": "Nomor belum diambil: 3 isian perlu diperbaiki", "fields": {
        "tanggal": "isi tanggal surat dengan format TTTT-BB-HH", "hal": "wajib diisi", "seri": "pilih seri nomor"}}
    r = client.post("/api/v1/nomor", headers=h, json={"seri": "tidak-ada", "tanggal": "2024-05-02", "hal": "x"})
    assert r.status_code == 422 and r.get_json()["fields"] == {
        "seri": "seri yang ada: nota-dinas, keputusan, surat-keluar"}
    r = client.post("/api/v1/nomor", headers=h, json={"seri": "surat-keluar", "tanggal": "2024-05-02", "hal": "x",
                                                       "cara": "acak", "tujuan": 7})
    assert r.status_code == 422 and r.get_json()["fields"] == {"tujuan": "harus teks"}
    r = client.post("/api/v1/nomor", headers=h, json={"seri": "surat-keluar", "tanggal": "2024-05-02", "hal": "x",
                                                       "cara": "acak"})
    assert r.status_code == 422 and r.get_json()["fields"] == {"cara": "harus salah satu dari: otomatis, biasa, sisip"}
    r = client.get("/api/v1/nomor?seri=tidak-ada", headers=h)
    assert r.status_code == 422 and "seri" in r.get_json()["fields"]
    r = client.get("/api/v1/nomor", headers=token("bidang.kompetensi"))
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang membuka register nomor surat.", "fields": {}}
    assert client.get("/api/v1/nomor").status_code == 401


def test_nomor_batal_409_dan_instansi_lain_404(client, token, tamu):
    r = client.post("/api/v1/nomor", headers=token("perencana"),
                    json={"seri": "surat-keluar", "tanggal": "2024-05-02", "hal": "Dibatalkan nanti"})
    nid = r.get_json()["id"]
    url = f"/api/v1/nomor/{nid}/batal"
    r = client.post(url, headers=token("timsakip"), json={"alasan": "x"})
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang membatalkan nomor surat.", "fields": {}}
    h = token("sekretaris")
    r = client.post(url, headers=h)
    assert r.status_code == 422 and r.get_json() == {"error": "Alasan pembatalan wajib diisi",
                                                     "fields": {"alasan": "wajib diisi"}}
    r = client.post(url, headers=tamu, json={"alasan": "menebak"})
    assert r.status_code == 404 and r.get_json() == {"error": "Nomor surat tidak ditemukan.", "fields": {}}
    r = client.post(url, headers=h, json={"alasan": "Surat tidak jadi dikirim"})
    assert r.status_code == 200
    n = r.get_json()
    sesuai_openapi("NomorSurat", n)
    assert (n["status"], n["keterangan"], n["alasan_batal"]) == ("batal", "DIBATALKAN: Surat tidak jadi dikirim",
                                                                 "Surat tidak jadi dikirim")
    assert n["dibatalkan"] is not None
    r = client.post(url, headers=h, json={"alasan": "lagi"})
    assert r.status_code == 409
    assert r.get_json() == {"error": "Nomor 000.9.2/1/BKPSDM-PS/2024 sudah dibatalkan.", "fields": {}}
    # the other agency's register shows none of it
    assert client.get("/api/v1/nomor?tahun=2024", headers=tamu).get_json()["nomor"] == []


def test_nomor_tambah_seri(client, token):
    h = token("admin")
    r = client.post("/api/v1/nomor/seri", headers=h, json={"kode": "sk-baru", "pola": "800/{urut}/{tahun}",
                                                            "kode_unit": "BKPSDM"})
    assert r.status_code == 201
    assert r.get_json() == {"kode": "sk-baru", "pola": "800/{urut}/{tahun}", "kode_klasifikasi": "",
                            "kode_unit": "BKPSDM", "contoh": r.get_json()["contoh"]}
    assert r.get_json()["contoh"].startswith("800/…/")
    r = client.post("/api/v1/nomor/seri", headers=h, json={"kode": "Salah Kode", "pola": "tanpa urut"})
    assert r.status_code == 422 and set(r.get_json()["fields"]) == {"kode", "pola"}
    r = client.post("/api/v1/nomor/seri", headers=token("perencana"), json={"kode": "x", "pola": "{urut}"})
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang menambah seri nomor.", "fields": {}}


# -- archive bundles -----------------------------------------------------------------------------------------------


def _tunggu(client, h, url: str, batas: float = 120) -> dict:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        s = client.get(url, headers=h).get_json()
        if s["status"] in ("selesai", "gagal", "dibatalkan"):
            return s
        time.sleep(0.2)
    raise AssertionError("berkas tidak selesai")


def test_berkas_siklus_202_dan_unduh(app_sop, client, token, tamu):
    r = client.post("/api/v1/siklus", headers=token("perencana"), json={
        "sop": "pengukuran-uji", "periode_jenis": "triwulan", "periode_ke": 2, "tahun": 2024})
    sid = r.get_json()["id"]
    h = token("arsiparis")
    r = client.post(f"/api/v1/siklus/{sid}/berkas", headers=h)
    assert r.status_code == 422 and r.get_json()["fields"] == {"siklus": "belum ada naskah"}
    r = client.post(f"/api/v1/siklus/{sid}/langkah/1/dokumen/nota-dinas", headers=token("kepala"),
                    json=sampel_dokumen("nota-dinas"))
    assert r.status_code == 201
    r = client.post(f"/api/v1/siklus/{sid}/berkas", headers=token("bidang.kompetensi"))
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang menyusun berkas arsip.", "fields": {}}
    r = client.post(f"/api/v1/siklus/{sid}/berkas", headers=h)
    assert r.status_code == 202, r.get_data(as_text=True)
    url = r.headers["Location"]
    sesuai_openapi("TugasBerkas", r.get_json())
    assert r.get_json()["url"] == url and r.get_json()["siklus_id"] == sid
    assert client.get(url, headers=token("perencana")).status_code == 404  # only its starter follows a job
    s = _tunggu(client, h, url)
    assert s["status"] == "selesai", s
    sesuai_openapi("TugasBerkas", s)
    b = s["berkas"]
    assert b["siklus_id"] == sid and b["kode"].endswith(f"/PENGUKURAN-UJI/2024/{sid:03d}") and b["ukuran"] > 0
    assert client.get("/api/v1/berkas", headers=token("kepala")).get_json() == {"berkas": [b]}
    assert client.get(f"/api/v1/berkas?siklus={sid}", headers=h).get_json() == {"berkas": [b]}
    assert client.get(f"/api/v1/siklus/{sid}", headers=h).get_json()["berkas"] == [b]
    r = client.get(b["unduh"], headers=h)
    assert r.status_code == 200 and r.mimetype == "application/zip"
    nama = zipfile.ZipFile(io.BytesIO(r.data)).namelist()
    r.close()
    assert "00-daftar-isi-berkas.docx" in nama and "01-nota-dinas.docx" in nama
    # cancelling a finished job leaves it as it is
    assert client.post(url + "/batal", headers=h).get_json()["status"] == "selesai"
    # another agency: none of its bundles, no access by id
    assert client.get("/api/v1/berkas", headers=tamu).get_json() == {"berkas": []}
    for r in (client.get(b["unduh"], headers=tamu), client.get(f"/api/v1/berkas?siklus={sid}", headers=tamu),
              client.post(f"/api/v1/siklus/{sid}/berkas", headers=tamu), client.get(url, headers=tamu)):
        assert r.status_code == 404 and r.get_json()["error"], r.get_data(as_text=True)
    r = client.get("/api/v1/berkas?siklus=x", headers=h)
    assert r.status_code == 422 and r.get_json()["fields"] == {"siklus": "harus bilangan bulat positif"}


def test_dokumen_tersimpan_instansi_lain_dan_pembuat(client, token, tamu, app):
    app.config["PDF_AKTIF"] = False
    r = client.post("/api/v1/dokumen/nota-dinas", headers=token("perencana"), json=sampel_dokumen("nota-dinas"))
    did = int(r.headers["X-Dokumen-Id"])
    r = client.get(f"/api/v1/dokumen/{did}", headers=token("kepala"))  # kepala sees every document
    assert r.status_code == 200 and r.get_json()["siklus_id"] is None and r.get_json()["id"] == did
    for h in (tamu, token("timsakip")):  # another agency; a role that sees only its own papers
        for url in (f"/api/v1/dokumen/{did}", f"/api/v1/dokumen/{did}/unduh"):
            r = client.get(url, headers=h)
            assert r.status_code == 404 and r.get_json() == {"error": "Dokumen tidak ditemukan.", "fields": {}}
    r = client.get(f"/api/v1/dokumen/{did}/unduh?format=odt", headers=token("perencana"))
    assert r.status_code == 422 and r.get_json()["fields"] == {"format": "harus salah satu dari: docx, pdf"}
