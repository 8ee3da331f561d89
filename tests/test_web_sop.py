"""SOP definitions in the web app: list and view (built-in and the agency's own), create and edit with errors beside
the fields, JSON upload and download, replacing a built-in definition, roles, and "Cetak Keputusan SOP"."""

from __future__ import annotations

import io
import json
import re

import pytest
from sqlalchemy import func, select

from docgen.teks_docx import teks_docx
from tests.sop_uji import definisi_uji, pasang_bawaan
from web.inti.db import sesi
from web.inti.models import DefinisiSOPAgensi, Dokumen, Draf, Siklus
from web.inti.penyimpanan import penyimpanan
from web.views.formulir_skema import ratakan
from web.views.sop import ke_formulir


@pytest.fixture
def app_sop(app, tmp_path):
    app.config["PDF_AKTIF"] = False
    salah_total = definisi_uji(kode="lkjip-uji", judul="Penyusunan LKjIP", periode=["tahun"],
                               total_waktu="8 hari 2 jam 5 menit")
    pasang_bawaan(app, tmp_path / "sop", definisi_uji(), salah_total)
    return app



def _form(data: dict, **ubah) -> dict[str, str]:
    f = ratakan(ke_formulir(data))
    f.update(ubah)
    return f


def _medan(html: str, nama: str) -> str:
    """The block (label, input, help, error) of the field named `nama`."""
    m = re.search(r'<div class="dk-medan[^"]*">(?:(?!<div class="dk-medan).)*?name="' + re.escape(nama) + r'".*?</div>',
                  html, re.S)
    assert m, f"no field {nama}"
    return m.group(0)


def _jumlah_definisi(app) -> int:
    with app.app_context():
        return sesi().scalar(select(func.count()).select_from(DefinisiSOPAgensi))


def test_daftar_dan_lihat_sop_bawaan(app_sop, client, masuk):
    masuk("bidang.kompetensi")
    html = client.get("/sop").get_data(as_text=True)
    assert "Pengukuran Kinerja" in html and "Penyusunan LKjIP" in html and "<code>pengukuran-uji</code>" in html
    assert "+ SOP baru" not in html  # bidang may look, not edit
    html = client.get("/sop/pengukuran-uji").get_data(as_text=True)
    assert "Tim menyusun kertas kerja pengukuran kinerja" in html
    assert 'Bidang<br><span class="ket kecil">peran: Bidang / Bagian</span>' in html
    assert "Kertas Kerja Pengukuran Kinerja" in html and "TIDAK → 2" in html
    assert "<strong>1 hari 4 jam 50 menit</strong>" in html  # 10+120+30+90+30+10 minutes and 1 day
    assert "Salin untuk diubah" not in html and "Cetak Keputusan SOP" not in html
    html = client.get("/sop/lkjip-uji").get_data(as_text=True)
    assert ("total waktu yang dinyatakan (8 hari 2 jam 5 menit) tidak sama dengan jumlah waktu langkah "
            "(1 hari 4 jam 50 menit)") in html
    # the identity table's empty entries are warned about before anyone prints the Keputusan
    assert "Kualifikasi Pelaksana kosong: tabel identitas SOP mencetak “-”; isi sebelum ditandatangani" in html
    assert "Nomor SOP kosong" in html and "Pencatatan dan Pendataan kosong" in html
    assert client.get("/sop/tidak-ada").status_code == 404
    r = client.get("/sop/pengukuran-uji/json")
    assert r.headers["Content-Disposition"] == 'attachment; filename="sop-pengukuran-uji.json"'
    assert r.get_json()["kode"] == "pengukuran-uji" and r.get_json()["peran"]["Bidang"] == "bidang"


def test_peran_yang_boleh_mengubah(app_sop, client, masuk):
    for u in ("kepala", "sekretaris", "timsakip", "bidang.mutasi"):
        masuk(u)
        assert client.get("/sop/baru").status_code == 403
        assert client.post("/sop/baru", data=_form(definisi_uji(kode="x"))).status_code == 403
    assert _jumlah_definisi(app_sop) == 0
    masuk("admin")
    assert client.get("/sop/baru").status_code == 200


def test_buat_sop_baru_lewat_formulir(app_sop, client, masuk):
    masuk("perencana")
    html = client.get("/sop/baru").get_data(as_text=True)
    assert 'name="periode.triwulan"' in html and 'name="langkah.0.kegiatan"' in html
    assert '<option value="keputusan">Keputusan (YA/TIDAK)</option>' in html
    d = definisi_uji(kode="pemantauan-uji", judul="Pemantauan Capaian Kinerja", periode=["triwulan", "tahun"])
    r = client.post("/sop/baru", data=_form(d))
    assert r.status_code == 302 and r.headers["Location"].endswith("/sop/pemantauan-uji")
    with app_sop.app_context():
        b = sesi().scalar(select(DefinisiSOPAgensi).where(DefinisiSOPAgensi.kode == "pemantauan-uji"))
        assert b.data["periode"] == ["triwulan", "tahun"] and b.data["peran"]["Sekretaris"] == "sekretaris"
        assert b.data["langkah"][4]["jenis"] == "keputusan" and b.data["langkah"][4]["tidak"] == 2
        assert b.diubah_oleh is not None
    html = client.get("/sop").get_data(as_text=True)
    assert "Pemantauan Capaian Kinerja" in html and "Instansi" in html


def test_isian_salah_galat_di_samping_medan_tidak_disimpan(app_sop, client, masuk):
    masuk("perencana")
    d = definisi_uji(kode="Kode Salah")
    f = _form(d)
    f.update({"langkah.1.waktu": "sebentar", "langkah.4.tidak": "99", "judul": "", "periode.bulan": "",
              "periode.triwulan": ""})
    f.pop("periode.bulan")
    f.pop("periode.triwulan")
    r = client.post("/sop/baru", data=f)
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "Belum ada yang disimpan." in html
    assert "waktu &#39;sebentar&#39; tidak dapat dibaca" in _medan(html, "langkah.1.waktu")
    assert 'value="sebentar"' in _medan(html, "langkah.1.waktu")  # typed input kept
    assert "tidak boleh kosong" in _medan(html, "judul")
    assert "bentuknya tidak sesuai" in _medan(html, "kode") and 'value="Kode Salah"' in _medan(html, "kode")
    assert re.search(r'id="f-periode"[^>]*>\s*<legend>Periode siklus.*?paling sedikit 1 butir', html, re.S)
    assert _jumlah_definisi(app_sop) == 0
    # A wrong branch target is only checked once the steps themselves are fine; then it lands beside its field.
    f = _form(definisi_uji(kode="cabang-uji"), **{"langkah.4.tidak": "99"})
    html = client.post("/sop/baru", data=f).get_data(as_text=True)
    assert ("langkah ke-5: langkah tujuan bila TIDAK (99) tidak ada (1 s.d. 7)"
            in _medan(html, "langkah.4.tidak"))
    f = _form(definisi_uji(kode="cabang-uji"), **{"langkah.2.dokumen.0": "surat-cinta"})
    html = client.post("/sop/baru", data=f).get_data(as_text=True)
    assert "jenis dokumen &#39;surat-cinta&#39; tidak dikenal" in html
    assert re.search(r'id="f-langkah-2-dokumen"[^>]*>.*?galat-medan[^>]*>langkah ke-3: jenis dokumen', html, re.S)
    assert _jumlah_definisi(app_sop) == 0


def test_peran_pelaksana_tidak_dikenal_di_baris_peran(app_sop, client, masuk):
    masuk("perencana")
    d = definisi_uji(kode="peran-uji")
    d["peran"]["Inspektur"] = "kepala"
    html = client.post("/sop/baru", data=_form(d)).get_data(as_text=True)
    m = _medan(html, "peran.5.pelaksana")
    assert "peran: pelaksana &#39;Inspektur&#39; tidak ada dalam daftar pelaksana" in m
    d = definisi_uji(kode="peran-uji")
    f = _form(d, **{"peran.5.pelaksana": "kepala", "peran.5.peran": "kepala"})
    html = client.post("/sop/baru", data=f).get_data(as_text=True)
    assert "pelaksana &#39;kepala&#39; sudah dipetakan di baris lain" in _medan(html, "peran.5.pelaksana")
    assert _jumlah_definisi(app_sop) == 0


def test_ubah_sop_instansi_dan_kode_bentrok(app_sop, client, masuk):
    masuk("perencana")
    client.post("/sop/baru", data=_form(definisi_uji(kode="satu", judul="SOP Satu")))
    client.post("/sop/baru", data=_form(definisi_uji(kode="dua", judul="SOP Dua")))
    html = client.get("/sop/satu/ubah").get_data(as_text=True)
    assert 'value="SOP Satu"' in html
    r = client.post("/sop/satu/ubah", data=_form(definisi_uji(kode="satu", judul="SOP Satu Revisi")))
    assert r.status_code == 302
    r = client.post("/sop/satu/ubah", data=_form(definisi_uji(kode="dua", judul="Menimpa")))
    assert r.status_code == 422
    assert "kode &#39;dua&#39; sudah dipakai SOP instansi lain" in _medan(r.get_data(as_text=True), "kode")
    with app_sop.app_context():
        judul = dict(sesi().execute(select(DefinisiSOPAgensi.kode, DefinisiSOPAgensi.data)).all())
        assert judul["satu"]["judul"] == "SOP Satu Revisi" and judul["dua"]["judul"] == "SOP Dua"
    # A built-in definition is changed through a copy.
    assert client.get("/sop/pengukuran-uji/ubah").headers["Location"].endswith("/sop/baru?dari=pengukuran-uji")


def test_unggah_json_salah_dan_benar(app_sop, client, masuk):
    masuk("perencana")

    def unggah(isi: bytes, url="/sop/baru"):
        return client.post(url, data={"aksi": "unggah", "berkas": (io.BytesIO(isi), "sop.json")},
                           content_type="multipart/form-data")

    r = unggah(b"{ bukan json")
    assert r.status_code == 422
    assert '<p class="galat-medan" id="berkas-galat">bukan JSON yang sah (baris 1, kolom 3)</p>' in r.get_data(
        as_text=True)
    r = unggah(b"[1, 2]")
    assert "isi berkas harus objek JSON" in r.get_data(as_text=True)
    buruk = definisi_uji(kode="unggah-uji")
    buruk["langkah"][0]["waktu"] = "lima menit"
    buruk["periode"] = ["semester"]
    r = unggah(json.dumps(buruk).encode())
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "Belum ada yang disimpan." in html
    assert "waktu &#39;lima menit&#39; tidak dapat dibaca" in _medan(html, "langkah.0.waktu")
    assert 'value="lima menit"' in _medan(html, "langkah.0.waktu")
    assert _jumlah_definisi(app_sop) == 0
    baik = definisi_uji(kode="unggah-uji", judul="SOP Unggahan")
    html = unggah(json.dumps(baik).encode()).get_data(as_text=True)
    assert "Berkas dibaca dan sah. Periksa isinya, lalu tekan Simpan SOP." in html
    assert 'value="SOP Unggahan"' in html
    assert _jumlah_definisi(app_sop) == 0  # read into the form, not saved until Simpan
    assert client.post("/sop/baru", data=_form(baik)).status_code == 302
    assert _jumlah_definisi(app_sop) == 1
    # A downloaded definition uploads back unchanged.
    unduhan = client.get("/sop/unggah-uji/json").get_data()
    assert "Berkas dibaca dan sah" in unggah(unduhan, "/sop/unggah-uji/ubah").get_data(as_text=True)


def test_salinan_menggantikan_sop_bawaan_untuk_instansi(app_sop, client, masuk):
    masuk("perencana")
    html = client.get("/sop/baru?dari=pengukuran-uji").get_data(as_text=True)
    assert "Salinan SOP bawaan. Simpan dengan kode yang sama" in html and 'value="pengukuran-uji"' in html
    d = definisi_uji(judul="Pengukuran Kinerja Versi Instansi")
    d["langkah"][0]["waktu"] = "20 menit"
    r = client.post("/sop/baru?dari=pengukuran-uji", data=_form(d))
    assert r.status_code == 302
    html = client.get("/sop").get_data(as_text=True)
    assert "Pengukuran Kinerja Versi Instansi" in html and "(menggantikan bawaan)" in html
    assert html.count("<code>pengukuran-uji</code>") == 1
    html = client.get("/sop/pengukuran-uji").get_data(as_text=True)
    assert "menggantikan SOP bawaan" in html and "20 menit" in html
    assert "10 menit" in client.get("/sop/pengukuran-uji?asli=1").get_data(as_text=True)
    # A cycle started now runs the agency's version.
    r = client.post("/siklus/baru", data={"sop": "pengukuran-uji", "periode_jenis": "bulan", "bulan": "4",
                                          "tahun": "2024"})
    assert r.status_code == 302
    with app_sop.app_context():
        s = sesi().scalar(select(Siklus))
        assert s.judul == "Pengukuran Kinerja Versi Instansi Bulan April Tahun 2024"
        assert s.definisi["langkah"][0]["waktu"] == "20 menit"
    # Deleting the agency's version brings the built-in one back; the cycle keeps its copy.
    r = client.post("/sop/pengukuran-uji/hapus")
    assert r.status_code == 302
    assert "SOP bawaan dengan kode yang sama berlaku lagi" in client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Pengukuran Kinerja Versi Instansi" not in client.get("/sop").get_data(as_text=True)
    assert "Versi Instansi" in client.get(f"/siklus/{s.id}").get_data(as_text=True)
    assert client.post("/sop/pengukuran-uji/hapus").status_code == 404  # nothing of the agency's left


def test_cetak_keputusan_sop_dari_definisi(app_sop, client, masuk):
    masuk("kepala")
    html = client.get("/sop/pengukuran-uji").get_data(as_text=True)
    assert "Cetak Keputusan SOP" in html
    r = client.post("/sop/pengukuran-uji/cetak")
    assert r.status_code == 302 and r.headers["Location"].endswith("/dokumen/keputusan-sop/baru")
    html = client.get("/dokumen/keputusan-sop/baru").get_data(as_text=True)
    assert "Formulir ini diisi dari draf Anda" in html
    assert 'value="Pengukuran Kinerja"' in html and "Tim menyusun kertas kerja pengukuran kinerja" in html
    with app_sop.app_context():
        draf = sesi().scalar(select(Draf).where(Draf.slug == "keputusan-sop"))
        data = dict(draf.data)
    assert data["tentang"].startswith("Standar Operasional Prosedur (SOP) Pengukuran Kinerja Badan Kepegawaian")
    assert data["mengingat"] == definisi_uji()["dasar_hukum"]
    r = client.post("/dokumen/keputusan-sop/baru", data=ratakan(data))
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    with app_sop.app_context():
        dok = sesi().scalar(select(Dokumen).where(Dokumen.slug == "keputusan-sop"))
        teks = teks_docx(penyimpanan().baca(dok.berkas_docx))
    assert "Tim menyusun kertas kerja pengukuran kinerja" in teks and "PENGUKURAN KINERJA" in teks
    masuk("timsakip")
    assert client.post("/sop/pengukuran-uji/cetak").status_code == 403
