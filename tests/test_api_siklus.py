"""Cycles through the JSON API: list, start, read, a step's document, finish, decide YA/TIDAK, cancel; roles (403),
another agency's cycle (404), bad fields (422), a step already processed (409)."""

from __future__ import annotations

import pytest

from docgen.teks_docx import teks_docx
from tests.data_uji import pengguna as _p
from tests.data_uji import sampel_dokumen, sesuai_openapi
from tests.siklus_uji import sampai_keputusan
from tests.sop_uji import definisi_uji
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Instansi, LangkahSiklus, Pengguna, Siklus
from web.layanan.akun import buat_token

BARU = {"sop": "pengukuran-uji", "periode_jenis": "triwulan", "periode_ke": 2, "tahun": 2024}


def _mulai(client, token, **ubah) -> dict:
    r = client.post("/api/v1/siklus", headers=token("perencana"), json={**BARU, **ubah})
    assert r.status_code == 201, r.get_data(as_text=True)
    return r.get_json()


def _lihat(client, h, sid: int) -> dict:
    r = client.get(f"/api/v1/siklus/{sid}", headers=h)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()


@pytest.fixture
def lain(app_sop) -> tuple[int, dict[str, str]]:
    """A cycle of another agency (step 1 running) and a token of that agency's admin."""
    with app_sop.app_context():
        db = sesi()
        inst = Instansi(nama="Dinas Lain", profil={})
        db.add(inst)
        db.flush()
        u = Pengguna(instansi_id=inst.id, username="lain.admin", password_hash="x", peran="admin")
        db.add(u)
        db.flush()
        s = Siklus(instansi_id=inst.id, sop_kode="pengukuran-uji", definisi=definisi_uji(),
                   judul="Rahasia dinas lain", periode_jenis="tahun", tahun=2024, dibuat_oleh=u.id)
        s.langkah.append(LangkahSiklus(no=1, status="berjalan", putaran=1, detik_terpakai=0, catatan=""))
        db.add(s)
        db.flush()
        t = buat_token(u)
        db.commit()
        return s.id, {"Authorization": f"Bearer {t}"}


def test_mulai_lihat_dan_daftar(app_sop, client, token):
    s = _mulai(client, token)
    sesuai_openapi("Siklus", s)
    assert s["judul"] == "Pengukuran Kinerja Triwulan II Tahun 2024"
    assert (s["status"], s["periode"], s["sop_judul"]) == ("berjalan", "Triwulan II 2024", "Pengukuran Kinerja")
    assert s["dibuat_oleh"] == "RIZKI PRATAMA, S.Kom." and s["url"] == f"/api/v1/siklus/{s['id']}"
    assert [k["status"] for k in s["langkah"]] == ["berjalan"] + ["menunggu"] * 6
    satu = s["langkah"][0]
    assert (satu["mutu_baku"], satu["peran"], satu["dokumen_wajib"]) == ("10 menit", ["kepala"], ["nota-dinas"])
    assert satu["tenggat"] is not None and satu["putaran"] == 1 and satu["dokumen"] == []
    assert s["berjalan"] == {"no": 1, "jenis": "proses", "putaran": 1, "boleh_tindak": False,
                             "tujuan": {"lanjut": 2}, "dokumen_kurang": ["nota-dinas"], "boleh_buat": ["nota-dinas"]}
    assert [(r["aksi"], r["pengguna"]) for r in s["riwayat"]] == [("dimulai", "RIZKI PRATAMA, S.Kom.")]
    assert s["boleh_batal"] is True
    h = token("kepala")
    r = client.get("/api/v1/siklus", headers=h)
    assert r.status_code == 200
    [ringkas] = r.get_json()["siklus"]
    sesuai_openapi("SiklusRingkas", ringkas)
    assert (ringkas["id"], ringkas["jumlah_langkah"], ringkas["langkah_selesai"]) == (s["id"], 7, 0)
    assert ringkas["berjalan"]["kegiatan"] == "Kepala memerintahkan Sekretaris melakukan pengukuran kinerja"
    assert _lihat(client, h, s["id"])["berjalan"]["boleh_tindak"] is True  # step 1 is Kepala's
    assert client.get("/api/v1/siklus?status=selesai", headers=h).get_json() == {"siklus": []}
    assert client.get("/api/v1/siklus?tahun=2023", headers=h).get_json() == {"siklus": []}
    assert len(client.get("/api/v1/siklus?status=berjalan&tahun=2024", headers=h).get_json()["siklus"]) == 1
    r = client.get("/api/v1/siklus?status=kacau&tahun=x", headers=h)
    assert r.status_code == 422
    assert r.get_json()["fields"] == {"status": "harus salah satu dari: berjalan, selesai, dibatalkan"}
    r = client.get("/api/v1/siklus?tahun=dua", headers=h)
    assert r.status_code == 422 and r.get_json()["fields"] == {"tahun": "harus bilangan bulat positif"}


def test_mulai_401_403_422(app_sop, client, token):
    r = client.get("/api/v1/siklus")
    assert r.status_code == 401 and r.get_json()["error"].startswith("Token API diperlukan")
    r = client.post("/api/v1/siklus", headers=token("bidang.kompetensi"), json=BARU)
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang memulai siklus.", "fields": {}}
    h = token("perencana")
    r = client.post("/api/v1/siklus", headers=h, json={"sop": "tidak-ada", "periode_jenis": "triwulan",
                                                        "periode_ke": 9, "tahun": 1999})
    assert r.status_code == 422
    assert r.get_json() == {"error": "Siklus belum dapat dimulai: 3 isian perlu diperbaiki", "fields": {
        "sop": "pilih salah satu SOP yang tersedia", "periode_ke": "pilih triwulan I s.d. IV",
        "tahun": "tahun harus antara 2000 dan 2100"}}
    r = client.post("/api/v1/siklus", headers=h, json={"sop": 5, "tahun": "2024", "periode_ke": True, "x": 1})
    assert r.status_code == 422
    assert r.get_json()["fields"] == {"x": "kolom tidak dikenal", "sop": "harus teks", "periode_ke":
                                      "harus bilangan bulat", "tahun": "harus bilangan bulat"}
    r = client.post("/api/v1/siklus", headers=h, json={**BARU, "periode_jenis": "tahun"})
    assert r.status_code == 422 and r.get_json()["fields"] == {"periode_jenis": "SOP ini dijalankan per bulan, "
                                                                                "triwulan"}
    s = _mulai(client, token)
    r = client.post("/api/v1/siklus", headers=h, json=BARU)
    assert r.status_code == 422 and f"(#{s['id']}) sudah ada" in r.get_json()["fields"]["sop"]


def test_siklus_instansi_lain_404(app_sop, client, token, lain):
    sid, _ = lain
    h = token("admin")
    galat = {"error": "Siklus tidak ditemukan.", "fields": {}}
    for metode, url, badan in (
            ("GET", f"/api/v1/siklus/{sid}", None),
            ("POST", f"/api/v1/siklus/{sid}/langkah/1/selesai", {"konfirmasi": True}),
            ("POST", f"/api/v1/siklus/{sid}/langkah/1/keputusan", {"keputusan": "ya"}),
            ("POST", f"/api/v1/siklus/{sid}/langkah/1/dokumen/nota-dinas", sampel_dokumen("nota-dinas")),
            ("POST", f"/api/v1/siklus/{sid}/batal", {"alasan": "x"}),
            ("POST", f"/api/v1/siklus/{sid}/berkas", None),
            ("GET", "/api/v1/siklus/99999", None)):
        r = client.open(url, method=metode, headers=h, json=badan)
        assert r.status_code == 404 and r.get_json() == galat, (url, r.get_data(as_text=True))
    assert client.get("/api/v1/siklus", headers=h).get_json() == {"siklus": []}
    with app_sop.app_context():
        assert sesi().get(LangkahSiklus, 1).status == "berjalan"  # nothing of the other agency changed


def test_dokumen_langkah(app_sop, client, token):
    s = _mulai(client, token)
    h = token("kepala")
    data = sampel_dokumen("nota-dinas")
    url = f"/api/v1/siklus/{s['id']}/langkah/1/dokumen/nota-dinas"
    r = client.post(url, headers=h, json=data)
    assert r.status_code == 201, r.get_data(as_text=True)
    dok = r.get_json()
    sesuai_openapi("Dokumen", dok)
    assert r.headers["Location"] == f"/api/v1/dokumen/{dok['id']}" == dok["url"]
    assert (dok["slug"], dok["judul"], dok["status"]) == ("nota-dinas", "Nota Dinas", "konsep")
    assert (dok["siklus_id"], dok["langkah_no"], dok["pdf"]) == (s["id"], 1, False)
    assert dok["perihal"] == " ".join(data["hal"].split())[:90]
    lihat = _lihat(client, h, s["id"])
    assert [d["id"] for d in lihat["langkah"][0]["dokumen"]] == [dok["id"]]
    assert lihat["berjalan"]["dokumen_kurang"] == []
    assert client.get(dok["url"], headers=token("timsakip")).get_json() == dok  # a cycle paper: the agency sees it
    r = client.get(dok["unduh"], headers=h)
    assert r.status_code == 200 and r.headers["Content-Disposition"].endswith(f"nota-dinas-{dok['id']}.docx")
    assert data["hal"].split()[0] in teks_docx(r.data)
    r = client.get(dok["unduh"] + "?format=pdf", headers=h)  # no PDF: conversion is off in these tests
    assert r.status_code == 404 and r.get_json()["error"] == "Berkas tidak ada di penyimpanan."
    # 422 names the field; 403 for a type the role does not make; 404 for a step or type that does not exist
    r = client.post(url, headers=h, json={**data, "tanggal": "2024-13-45"})
    assert r.status_code == 422 and list(r.get_json()["fields"]) == ["tanggal"]
    r = client.post(url, headers=token("bidang.kompetensi"), json=data)
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang membuat Nota Dinas.", "fields": {}}
    r = client.post(f"/api/v1/siklus/{s['id']}/langkah/99/dokumen/nota-dinas", headers=h, json=data)
    assert r.status_code == 404 and r.get_json()["error"] == "Langkah 99 tidak ada dalam siklus ini."
    r = client.post(f"/api/v1/siklus/{s['id']}/langkah/1/dokumen/tidak-ada", headers=h, json=data)
    assert r.status_code == 404 and r.get_json()["fields"] == {"jenis": "tidak dikenal"}
    r = client.post(url, headers={**h, "Content-Type": "application/json"}, data=b"[1]")
    assert r.status_code == 422 and r.get_json()["fields"] == {"": "harus berupa objek JSON ({...})"}


def test_selesaikan_langkah_konfirmasi_403_409(app_sop, client, token):
    s = _mulai(client, token)
    url = f"/api/v1/siklus/{s['id']}/langkah/1/selesai"
    h = token("kepala")
    r = client.post(url, headers=h)
    assert r.status_code == 422
    assert r.get_json() == {"error": "Langkah 1 belum diselesaikan: dokumennya belum dibuat pada putaran ini",
                            "fields": {"konfirmasi": "dokumen belum dibuat: Nota Dinas; buat dahulu, atau kirim "
                                                     "\"konfirmasi\": true untuk tetap menyelesaikan langkah"}}
    assert _lihat(client, h, s["id"])["langkah"][0]["status"] == "berjalan"
    r = client.post(url, headers=h, json={"konfirmasi": "ya", "putaran": "1"})
    assert r.status_code == 422
    assert r.get_json()["fields"] == {"konfirmasi": "harus true atau false", "putaran": "harus bilangan bulat"}
    r = client.post(url, headers=token("timsakip"), json={"konfirmasi": True})
    assert r.status_code == 403
    assert r.get_json()["error"] == "Langkah 1 dikerjakan oleh Kepala; peran Anda tidak dapat memprosesnya."
    r = client.post(url, headers=h, json={"konfirmasi": True, "catatan": "Perintah lisan", "putaran": 1})
    assert r.status_code == 200, r.get_data(as_text=True)
    hasil = r.get_json()
    sesuai_openapi("HasilLangkah", hasil)
    assert hasil["tanpa_dokumen"] == ["nota-dinas"] and hasil["dokumen"] is None
    baru = hasil["siklus"]
    assert [k["status"] for k in baru["langkah"][:3]] == ["selesai", "berjalan", "menunggu"]
    assert baru["langkah"][0]["pelaku"] == "Drs. HENDRA SAPUTRA, M.Si."
    assert baru["riwayat"][-1]["catatan"] == "Perintah lisan\n[Diselesaikan tanpa dokumen: Nota Dinas]"
    assert (baru["berjalan"]["no"], baru["langkah_selesai"]) == (2, 1)
    r = client.post(url, headers=h, json={"konfirmasi": True})
    assert r.status_code == 409
    assert r.get_json() == {"error": "Langkah 1 tidak sedang berjalan (status: Selesai); mungkin sudah diproses. "
                                     "Muat ulang halaman siklus.", "fields": {}}
    r = client.post(f"/api/v1/siklus/{s['id']}/langkah/2/selesai", headers=token("timsakip"),
                    json={"konfirmasi": True, "putaran": 2})  # a round the step never had: the page was stale
    assert r.status_code == 409 and "dijalankan ulang" in r.get_json()["error"]


def test_keputusan_tidak_dan_ya(app_sop, client, token):
    s = _mulai(client, token)
    with app_sop.app_context():
        siklus = sesi().get(Siklus, s["id"])
        sampai_keputusan(siklus, waktu.utc(siklus.dibuat))
    url = f"/api/v1/siklus/{s['id']}/langkah/5/keputusan"
    h = token("sekretaris")
    r = client.post(url, headers=token("kepala"), json={"keputusan": "ya"})
    assert r.status_code == 403 and r.get_json()["error"].startswith("Langkah 5 dikerjakan oleh Sekretaris")
    r = client.post(url, headers=h, json={"keputusan": "TIDAK"})
    assert r.status_code == 422 and r.get_json()["fields"] == {
        "catatan": "wajib diisi bila dikembalikan: tulis apa yang harus dilengkapi atau diperbaiki"}
    r = client.post(url, headers=h, json={"keputusan": "mungkin"})
    assert r.status_code == 422 and r.get_json()["fields"] == {"keputusan": "pilih Setujui (YA) atau Kembalikan "
                                                                           "(TIDAK)"}
    r = client.post(f"/api/v1/siklus/{s['id']}/langkah/4/keputusan", headers=h, json={"keputusan": "ya"})
    assert r.status_code == 422 and r.get_json()["fields"] == {"keputusan": "langkah ini bukan langkah keputusan"}
    r = client.post(url, headers=h, json={"keputusan": "TIDAK", "catatan": "Lengkapi data TW II", "putaran": 1})
    assert r.status_code == 200, r.get_data(as_text=True)
    hasil = r.get_json()
    sesuai_openapi("HasilLangkah", hasil)
    assert hasil["dokumen"]["slug"] == "lembar-disposisi" and hasil["dokumen"]["langkah_no"] == 5
    langkah = {k["no"]: k for k in hasil["siklus"]["langkah"]}
    assert (langkah[5]["status"], langkah[5]["keputusan"], langkah[5]["catatan"]) == (
        "dikembalikan", "tidak", "Lengkapi data TW II")
    assert (langkah[2]["status"], langkah[2]["putaran"], langkah[3]["status"]) == ("berjalan", 2, "menunggu")
    [kembali] = [x for x in hasil["siklus"]["riwayat"] if x["aksi"] == "dikembalikan"]
    assert (kembali["dokumen_id"], kembali["label"]) == (hasil["dokumen"]["id"], "mengembalikan (TIDAK)")
    r = client.post(url, headers=h, json={"keputusan": "ya", "putaran": 1})
    assert r.status_code == 409 and "tidak sedang berjalan (status: Dikembalikan)" in r.get_json()["error"]
    # steps 2-4 again, then YA moves on to step 6
    with app_sop.app_context():
        siklus = sesi().get(Siklus, s["id"])
        sampai_keputusan(siklus, waktu.sekarang())
    r = client.post(url, headers=h, json={"keputusan": "ya", "putaran": 2})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json()["siklus"]["berjalan"]["no"] == 6


def test_batalkan_siklus(app_sop, client, token):
    s = _mulai(client, token)
    url = f"/api/v1/siklus/{s['id']}/batal"
    h = token("perencana")
    r = client.post(url, headers=token("timsakip"), json={"alasan": "x"})
    assert r.status_code == 403 and r.get_json()["error"] == ("Hanya administrator, kepala, atau yang memulai "
                                                              "siklus yang dapat membatalkannya.")
    r = client.post(url, headers=h)
    assert r.status_code == 422
    assert r.get_json() == {"error": "Alasan pembatalan wajib diisi",
                            "fields": {"alasan": "wajib diisi: alasan pembatalan"}}
    r = client.post(url, headers=h, json={"alasan": "Periode salah"})
    assert r.status_code == 200
    batal = r.get_json()
    sesuai_openapi("Siklus", batal)
    assert batal["status"] == "dibatalkan" and batal["selesai"] is not None and batal["berjalan"] is None
    assert (batal["riwayat"][-1]["aksi"], batal["riwayat"][-1]["catatan"]) == ("dibatalkan", "Periode salah")
    r = client.post(url, headers=h, json={"alasan": "lagi"})
    assert r.status_code == 409 and r.get_json()["error"] == "Siklus ini tidak sedang berjalan; muat ulang halamannya."
    r = client.post(f"/api/v1/siklus/{s['id']}/langkah/1/selesai", headers=token("kepala"),
                    json={"konfirmasi": True})
    assert r.status_code == 409 and r.get_json()["error"].startswith("Siklus ini sudah dibatalkan")
    with app_sop.app_context():
        assert sesi().get(Siklus, s["id"]).status == "dibatalkan"
        assert _p("perencana").id == sesi().get(Siklus, s["id"]).dibuat_oleh


def test_dokumen_langkah_dari_badan_kosong(app_sop, client, token):
    """`{}` for a step's document: complete from the cycle, the plan and the officials, or a 422 naming only what a
    person must supply."""
    s = _mulai(client, token, periode_ke=4)
    r = client.post(f"/api/v1/siklus/{s['id']}/langkah/1/dokumen/nota-dinas", headers=token("kepala"), json={})
    assert r.status_code == 201, r.get_data(as_text=True)
    teks = teks_docx(client.get(r.get_json()["unduh"], headers=token("kepala")).data)
    assert "Pengukuran Kinerja Triwulan IV Tahun 2024" in teks and "HENDRA SAPUTRA" in teks
    url = f"/api/v1/siklus/{s['id']}/langkah/2/dokumen/"
    r = client.post(url + "kertas-kerja-pengukuran", headers=token("timsakip"), json={})
    assert r.status_code == 201, r.get_data(as_text=True)
    teks = teks_docx(client.get(r.get_json()["unduh"], headers=token("timsakip")).data)
    assert "TAHUN 2024" in teks.upper() and "Disusun oleh, / KETUA TIM SAKIP, / RIZKI PRATAMA, S.Kom." in teks
    r = client.post(url + "undangan-rapat", headers=token("sekretaris"), json={})
    assert r.status_code == 422
    assert set(r.get_json()["fields"]) == {"undangan", "tanggal_rapat", "jam_mulai", "tempat"}
    r = client.post(url + "kertas-kerja-pengukuran", headers=token("timsakip"), json={"tahun_kinerja": 2031})
    assert r.status_code == 422 and "belum ada data kinerja tahun 2031" in r.get_json()["fields"]["tahun_kinerja"]
