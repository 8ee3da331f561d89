"""One agency's data is unreachable from another agency's accounts, ids guessed included; a bidang user reaches only
the indicators of its own unit (form fields and crafted Excel files included)."""

from __future__ import annotations

import copy
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.keamanan_uji import PENANDA_A, PENANDA_B, PENGGUNA_B, SANDI_B, Data, masuk_sebagai, siapkan
from tests.test_keamanan_rute import TABEL
from web.inti.db import sesi
from web.inti.models import Audit, RencanaKinerja

# Route arguments that name no agency data (a document type, a file of the app, a year looked up in the user's
# own agency, a day off of its own list) or that are public on purpose (the verification code printed on a final
# document).
BUKAN_ID = {"static", "dokumen.formulir", "api.schema", "api.dokumen", "verifikasi.lihat", "kinerja.realisasi",
            "kinerja.formulir", "kinerja.unggah", "kinerja.unduh_rencana", "kinerja.target", "templat.unggah",
            "templat.hapus", "templat.bawaan", "templat.unduh", "api.kinerja_tahun", "api.capaian_tahun",
            "profil.hapus_libur", "rencana.susun"}
# Pages that list the agency's data: they must show none of the other agency's.
DAFTAR = ["/beranda", "/dokumen/riwayat", "/siklus", "/sop", "/nomor?tahun=2024", "/audit", "/profil",
          "/profil/templat", "/kinerja/capaian?tahun=2024", "/kinerja/2024/realisasi", "/kinerja/rencana?tahun=2024",
          "/kinerja/2024/data.json", "/audit/ekspor.csv", "/nomor/ekspor?tahun=2024", "/sop/baru", "/profil/pengguna"]


@pytest.fixture
def dua(app, tmp_path):
    return siapkan(app, tmp_path)


def _id_bearing() -> list[tuple[str, str, object, dict]]:
    hasil = []
    for endpoint, uji in TABEL.items():
        if endpoint in BUKAN_ID:
            continue
        for metode, (url_fn, data) in uji.panggil.items():
            if url_fn.__code__.co_varnames[:1] == ("d",):  # built from the agency's ids
                hasil.append((endpoint, metode, url_fn, data))
    return hasil


def test_setiap_rute_berparameter_diuji(app):
    """A new route with a parameter must be tested here with the other agency's ids (or listed in BUKAN_ID)."""
    diuji = {e for e, *_ in _id_bearing()}
    for r in app.url_map.iter_rules():
        if r.arguments and r.endpoint not in BUKAN_ID:
            assert r.endpoint in diuji, (f"{r.endpoint} ({r.rule}) memakai parameter tetapi tidak diuji lintas "
                                         "instansi: beri URL ber-id di TABEL atau tambahkan ke BUKAN_ID")


def _minta(c, metode: str, url: str, data: dict, token: str | None):
    if url.startswith("/api/"):
        r = c.open(url, method=metode, json=data if metode == "POST" else None,
                   headers={"Authorization": f"Bearer {token}"})
    else:
        r = c.open(url, method=metode, data=data if metode == "POST" else None)
    teks = r.get_data(as_text=True)
    r.close()
    return r.status_code, teks


def _uji_arah(app, pemilik: Data, tamu: Data, tamu_admin, tamu_perencana) -> list[str]:
    """Every id-bearing route with `pemilik`'s ids, as the other agency's admin (404) and perencana (403/404)."""
    salah = []
    rahasia = (pemilik.penanda, "Pesisir Selatan") if pemilik.penanda == PENANDA_A else (pemilik.penanda,)
    for endpoint, metode, url_fn, data in _id_bearing():
        url = url_fn(pemilik)
        for peran_, c, boleh in (("admin", tamu_admin, {404}), ("perencana", tamu_perencana, {403, 404})):
            kode, teks = _minta(c, metode, url, data, tamu.token[peran_])
            if kode not in boleh:
                salah.append(f"{endpoint} {metode} {url} sebagai {peran_} instansi lain: {kode}, harus "
                             f"{'/'.join(map(str, sorted(boleh)))}")
            bocor = [x for x in rahasia if x in teks]
            if bocor:
                salah.append(f"{endpoint} {metode} {url} sebagai {peran_} instansi lain memuat {bocor}")
    # ids passed in the query string
    for url in (f"/dokumen/nota-dinas/baru?dari={pemilik.dokumen}",
                f"/dokumen/nota-dinas/baru?siklus={pemilik.siklus}&langkah=1",
                f"/dokumen/nota-dinas/baru?dari={pemilik.dokumen_final}"):
        kode, teks = _minta(tamu_admin, "GET", url, {}, None)
        if kode != 404 or pemilik.penanda in teks:
            salah.append(f"{url}: {kode}")
    kode, teks = _minta(tamu_admin, "POST", f"/dokumen/nota-dinas/baru?siklus={pemilik.siklus}&langkah=1",
                        {"aksi": "buat"}, None)
    if kode != 404:
        salah.append(f"membuat dokumen untuk langkah siklus instansi lain: {kode}")
    return salah


def test_instansi_lain_tidak_dapat_membuka_data_dengan_menebak_id(app, dua):
    a, b = dua
    b_admin = masuk_sebagai(app, PENGGUNA_B["admin"], SANDI_B)
    b_perencana = masuk_sebagai(app, PENGGUNA_B["perencana"], SANDI_B)
    a_admin = masuk_sebagai(app, "admin")
    a_perencana = masuk_sebagai(app, "perencana")
    salah = _uji_arah(app, a, b, b_admin, b_perencana) + _uji_arah(app, b, a, a_admin, a_perencana)
    assert not salah, "\n".join(salah)


def test_daftar_tidak_memuat_data_instansi_lain(app, dua):
    _a, _b = dua
    for c, sendiri, lain in ((masuk_sebagai(app, PENGGUNA_B["admin"], SANDI_B), PENANDA_B, PENANDA_A),
                             (masuk_sebagai(app, "admin"), PENANDA_A, PENANDA_B)):
        for url in DAFTAR:
            r = c.get(url)
            teks = r.get_data().decode("utf-8", "replace")  # the .xlsx export is checked below
            r.close()
            assert r.status_code == 200, url
            assert lain not in teks, f"{url} memuat data instansi lain"
        # the agency's own data is there (the check above is not vacuous)
        assert sendiri in c.get("/dokumen/riwayat").get_data(as_text=True)
        assert sendiri in c.get("/nomor?tahun=2024").get_data(as_text=True)
        assert sendiri in c.get("/audit").get_data(as_text=True)
    r = masuk_sebagai(app, PENGGUNA_B["admin"], SANDI_B).get("/nomor/ekspor?tahun=2024")
    ws = load_workbook(io.BytesIO(r.data)).active
    isi = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert PENANDA_B in isi and PENANDA_A not in isi


def test_api_instansi_lain(app, dua):
    a, b = dua
    c = app.test_client()
    r = c.post(f"/api/v1/dokumen/{a.dokumen}/final", json={}, headers={"Authorization": f"Bearer {b.token['admin']}"})
    assert r.status_code == 404 and r.get_json() == {"error": "Dokumen tidak ditemukan.", "fields": {}}
    # a document made through the API gets its agency from the token, never from the body
    r = c.post("/api/v1/dokumen/nota-dinas", json={"instansi_id": a.instansi, "hal": "x"},
               headers={"Authorization": f"Bearer {b.token['admin']}"})
    assert r.status_code == 422


def test_audit_filter_pengguna_instansi_lain_kosong(app, dua):
    a, _b = dua
    with app.app_context():
        id_a = sesi().scalar(select(Audit.pengguna_id).where(Audit.instansi_id == a.instansi,
                                                             Audit.pengguna_id.is_not(None)))
    c = masuk_sebagai(app, PENGGUNA_B["admin"], SANDI_B)
    teks = c.get(f"/audit?pengguna={id_a}").get_data(as_text=True)
    assert "Tidak ada catatan" in teks and PENANDA_A not in teks
    assert PENANDA_A not in c.get(f"/audit/ekspor.csv?pengguna={id_a}").get_data(as_text=True)


# -- a bidang user and the other units' indicators -------------------------------------------------------------


def _data(app) -> dict:
    with app.app_context():
        return copy.deepcopy(sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.tahun == 2024,
                                                                        RencanaKinerja.instansi_id == 1)).data)


@pytest.mark.parametrize("isian", [
    {"r:IKU 3": "5"},  # another unit's indicator
    {"p:IKU 3": "penjelasan disusupkan"},  # only its explanation
    {"r:IKU 1": "70", "r:IKK 3": "9"},  # one of its own with one of another unit's: nothing is saved
    {"r:IKU 1": "70", "p:IKU 4": "x"},
])
def test_bidang_tidak_dapat_mengisi_indikator_unit_lain(app, client, masuk, isian):
    masuk("bidang.kompetensi")
    sebelum = _data(app)
    r = client.post("/kinerja/2024/realisasi?triwulan=2", data=isian)
    assert r.status_code == 403
    assert _data(app) == sebelum


def _xlsx(wb) -> dict:
    buf = io.BytesIO()
    wb.save(buf)
    return {"berkas": (io.BytesIO(buf.getvalue()), "formulir.xlsx")}


def _formulir(client) -> tuple:
    wb = load_workbook(io.BytesIO(client.get("/kinerja/2024/formulir.xlsx").data))
    ws = wb["Formulir"]
    kepala = next(c.row for c in ws["B"] if c.value == "Kode")
    kolom = {c.value: c.column_letter for c in ws[kepala] if c.value}
    baris = {ws[f"B{b}"].value: b for b in range(kepala + 1, ws.max_row + 1) if ws[f"B{b}"].value}
    return wb, ws, kolom, baris


def _meta(wb) -> dict[str, int]:
    return {str(r[0].value): r[0].row for r in wb["_meta"].iter_rows(max_col=2) if r[0].value is not None}


@pytest.mark.parametrize("ubah", ["unit_lain", "semua_unit", "kode_lain"])
def test_bidang_tidak_dapat_mengimpor_xlsx_rekayasa(app, client, masuk, ubah):
    masuk("bidang.kompetensi")
    wb, ws, kolom, baris = _formulir(client)
    meta = wb["_meta"]
    baris_meta = _meta(wb)
    if ubah == "unit_lain":  # the form claims to be the other unit's
        meta[f"B{baris_meta['unit']}"] = "Bidang Mutasi dan Promosi"
    elif ubah == "semua_unit":
        meta[f"B{baris_meta['unit']}"] = None
    else:  # its own unit, but a row (and _meta) renamed to another unit's indicator
        ws[f"B{baris['IKU 1']}"] = "IKU 3"
        meta[f"A{baris_meta['IKU 1']}"] = "IKU 3"
    ws[f"{kolom['Realisasi TW I']}{baris['IKU 1']}"] = 1
    sebelum = _data(app)
    r = client.post("/kinerja/2024/unggah?triwulan=1", data=_xlsx(wb), content_type="multipart/form-data")
    teks = r.get_data(as_text=True)
    assert r.status_code == 403, teks
    assert "tidak ada nilai yang diubah" in teks
    assert _data(app) == sebelum
