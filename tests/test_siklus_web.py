"""Cycles through the web pages: starting, returning with a note, double submission, roles, other agencies, linked
documents, the dashboard."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from docgen.errors import DocgenError, InputTidakValid
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES
from tests.data_uji import pengguna as _p
from tests.siklus_uji import JUMAT
from tests.siklus_uji import mulai as _mulai
from tests.siklus_uji import sampai_keputusan as _jalankan_sampai_keputusan
from tests.sop_uji import definisi_uji
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, Instansi, LangkahSiklus, Pengguna, RiwayatSiklus, Siklus
from web.inti.penyimpanan import penyimpanan
from web.layanan import langkah
from web.views.formulir_skema import ratakan

# -- through the web pages -------------------------------------------------------------------------------------


def _mulai_web(client, masuk) -> int:
    masuk("perencana")
    r = client.post("/siklus/baru", data={"sop": "pengukuran-uji", "periode_jenis": "triwulan", "triwulan": "2",
                                          "bulan": "1", "tahun": "2024"})
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    return int(re.search(r"/siklus/(\d+)", r.headers["Location"]).group(1))


def _sampai_keputusan_web(app, sid: int) -> None:
    with app.app_context():
        s = sesi().get(Siklus, sid)
        _jalankan_sampai_keputusan(s, waktu.utc(s.dibuat))


def test_halaman_mulai_siklus_dan_galat_di_samping_medan(app_sop, client, masuk):
    masuk("perencana")
    html = client.get("/siklus/baru?sop=pengukuran-uji").get_data(as_text=True)
    assert '<option value="pengukuran-uji" data-periode="bulan triwulan" selected>' in html
    r = client.post("/siklus/baru", data={"sop": "pengukuran-uji", "periode_jenis": "tahun", "tahun": "20x4"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert '<p class="galat-medan" id="g-periode_jenis">SOP ini dijalankan per bulan, triwulan</p>' in html
    assert '<p class="galat-medan" id="g-tahun">tahun harus antara 2000 dan 2100</p>' in html
    assert 'name="tahun" value="20x4"' in html  # what was typed stays
    with app_sop.app_context():
        assert sesi().scalar(select(func.count()).select_from(Siklus)) == 0
    sid = _mulai_web(client, masuk)
    html = client.get(f"/siklus/{sid}").get_data(as_text=True)
    assert "Pengukuran Kinerja Triwulan II Tahun 2024" in html
    assert "Langkah 1 sedang berjalan" in html and "diproses oleh pengguna berperan Kepala" in html
    assert f'href="/dokumen/nota-dinas/baru?siklus={sid}&amp;langkah=1">Buat Nota Dinas</a>' in html


def test_kembalikan_tanpa_catatan_galat_dan_tidak_berubah(app_sop, client, masuk):
    sid = _mulai_web(client, masuk)
    _sampai_keputusan_web(app_sop, sid)
    masuk("sekretaris")
    r = client.post(f"/siklus/{sid}/langkah/5/keputusan", data={"keputusan": "tidak", "catatan": "  ", "putaran": "1"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert ('<p class="galat-medan" id="catatan-galat">wajib diisi bila dikembalikan: tulis apa yang harus '
            'dilengkapi atau diperbaiki</p>') in html
    with app_sop.app_context():
        assert sesi().scalar(select(LangkahSiklus.status).where(LangkahSiklus.siklus_id == sid,
                                                                LangkahSiklus.no == 5)) == "berjalan"
        assert sesi().scalar(select(func.count()).select_from(Dokumen)) == 0
        assert sesi().scalar(select(func.count()).select_from(RiwayatSiklus)
                             .where(RiwayatSiklus.aksi == "dikembalikan")) == 0


def test_kembalikan_lewat_halaman_membuat_disposisi_dan_ganda_409(app_sop, client, masuk):
    sid = _mulai_web(client, masuk)
    _sampai_keputusan_web(app_sop, sid)
    masuk("sekretaris")
    form = {"keputusan": "tidak", "catatan": "Sertakan data dukung realisasi.", "putaran": "1"}
    r = client.post(f"/siklus/{sid}/langkah/5/keputusan", data=form)
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/siklus/{sid}#langkah-5")
    html = client.get(f"/siklus/{sid}").get_data(as_text=True)
    with app_sop.app_context():
        dok = sesi().scalar(select(Dokumen).where(Dokumen.slug == "lembar-disposisi"))
        assert "Sertakan data dukung realisasi." in teks_docx(penyimpanan().baca(dok.berkas_docx))
    assert f"Langkah 5 dikembalikan. Lembar disposisi #{dok.id} dibuat." in html
    assert f'<a href="/dokumen/{dok.id}">Lembar disposisi #{dok.id}</a>' in html
    assert "<strong>Dikembalikan:</strong> Sertakan data dukung realisasi." in html
    assert "Langkah 2 sedang berjalan" in html
    # The same form again (a double click): 409 with the reason, the cycle shown as it is now.
    r = client.post(f"/siklus/{sid}/langkah/5/keputusan", data=form)
    assert r.status_code == 409
    assert "Langkah 5 tidak sedang berjalan (status: Dikembalikan)" in r.get_data(as_text=True)
    # The tim SAKIP (step 2) may open the disposisi made by the sekretaris: it is a paper of the cycle.
    masuk("timsakip")
    assert client.get(f"/dokumen/{dok.id}").status_code == 200


def test_selesaikan_ganda_dan_halaman_usang_409(app_sop, client, masuk):
    sid = _mulai_web(client, masuk)
    masuk("kepala")
    form = {"putaran": "1", "konfirmasi": "1"}
    assert client.post(f"/siklus/{sid}/langkah/1/selesai", data=form).status_code == 302
    r = client.post(f"/siklus/{sid}/langkah/1/selesai", data=form)
    assert r.status_code == 409 and "Langkah 1 tidak sedang berjalan" in r.get_data(as_text=True)
    masuk("timsakip")
    r = client.post(f"/siklus/{sid}/langkah/2/selesai", data={"putaran": "0", "konfirmasi": "1"})
    assert r.status_code == 409 and "sudah diproses dan dijalankan ulang" in r.get_data(as_text=True)


def test_peran_salah_403_dan_bidang_hanya_langkahnya(app_sop, client, masuk):
    sid = _mulai_web(client, masuk)
    masuk("bidang.kompetensi")
    html = client.get(f"/siklus/{sid}").get_data(as_text=True)
    assert "Menunggu tindakan Kepala. Peran Anda (Bidang / Bagian) tidak memproses langkah ini." in html
    assert f'action="/siklus/{sid}/langkah/1/selesai"' not in html
    r = client.post(f"/siklus/{sid}/langkah/1/selesai", data={"konfirmasi": "1"})
    assert r.status_code == 403 and "Langkah 1 dikerjakan oleh Kepala" in r.get_data(as_text=True)
    masuk("sekretaris")
    assert client.post(f"/siklus/{sid}/langkah/1/selesai", data={"konfirmasi": "1"}).status_code == 403
    masuk("kepala")
    assert client.post(f"/siklus/{sid}/langkah/1/selesai", data={"konfirmasi": "1"}).status_code == 302
    masuk("timsakip")
    assert client.post(f"/siklus/{sid}/langkah/2/selesai", data={"konfirmasi": "1"}).status_code == 302
    masuk("bidang.kompetensi")
    assert "Menunggu tindakan Anda" in client.get("/beranda").get_data(as_text=True)
    assert client.post(f"/siklus/{sid}/langkah/3/selesai", data={"konfirmasi": "1"}).status_code == 302
    assert client.get("/siklus/baru").status_code == 403


def test_siklus_instansi_lain_404(app_sop, client, masuk):
    with app_sop.app_context():
        db = sesi()
        lain = Instansi(nama="Dinas Lain", profil={})
        db.add(lain)
        db.flush()
        u = Pengguna(instansi_id=lain.id, username="lain", password_hash="x", peran="admin")
        db.add(u)
        db.flush()
        s = Siklus(instansi_id=lain.id, sop_kode="pengukuran-uji", definisi=definisi_uji(),
                   judul="Rahasia dinas lain", periode_jenis="tahun", tahun=2024, dibuat_oleh=u.id)
        s.langkah.append(LangkahSiklus(no=1, status="berjalan", putaran=1, detik_terpakai=0, catatan=""))
        db.add(s)
        db.commit()
        sid = s.id
    masuk("admin")
    assert client.get(f"/siklus/{sid}").status_code == 404
    assert client.post(f"/siklus/{sid}/langkah/1/selesai", data={"konfirmasi": "1"}).status_code == 404
    assert client.post(f"/siklus/{sid}/batal", data={"alasan": "x"}).status_code == 404
    assert client.get(f"/dokumen/nota-dinas/baru?siklus={sid}&langkah=1").status_code == 404
    assert "Rahasia dinas lain" not in client.get("/siklus").get_data(as_text=True)
    assert client.get("/siklus/99999").status_code == 404


def test_dokumen_dibuat_dari_langkah_tertaut(app_sop, client, masuk):
    sid = _mulai_web(client, masuk)
    masuk("kepala")
    url = f"/dokumen/nota-dinas/baru?siklus={sid}&langkah=1"
    html = client.get(url).get_data(as_text=True)
    assert "Dokumen ini dicatat sebagai hasil <strong>langkah 1</strong>" in html
    assert client.get(f"/dokumen/nota-dinas/baru?siklus={sid}&langkah=99").status_code == 404
    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    data.pop("instansi")
    r = client.post(url, data=ratakan(data))
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    dok_id = int(r.headers["Location"].rsplit("/", 1)[-1])
    with app_sop.app_context():
        dok = sesi().get(Dokumen, dok_id)
        assert (dok.siklus_id, dok.langkah_no, dok.status) == (sid, 1, "konsep")
    assert f'href="/siklus/{sid}#langkah-1">siklus #{sid}</a>' in client.get(f"/dokumen/{dok_id}").get_data(
        as_text=True)
    html = client.get(f"/siklus/{sid}").get_data(as_text=True)
    assert f'<a href="/dokumen/{dok_id}">Nota Dinas #{dok_id}</a>' in html and "Konsep" in html
    # Its document exists: the step finishes without the confirmation question.
    r = client.post(f"/siklus/{sid}/langkah/1/selesai", data={"putaran": "1"})
    assert r.status_code == 302


def test_selesaikan_tanpa_dokumen_minta_konfirmasi(app_sop, client, masuk):
    sid = _mulai_web(client, masuk)
    masuk("kepala")
    r = client.post(f"/siklus/{sid}/langkah/1/selesai", data={"putaran": "1", "catatan": "Lisan saja"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Dokumen langkah ini belum dibuat pada putaran ini: <strong>Nota Dinas</strong>" in html
    assert '<input type="hidden" name="konfirmasi" value="1">' in html and ">Lisan saja</textarea>" in html
    with app_sop.app_context():
        assert sesi().scalar(select(LangkahSiklus.status).where(LangkahSiklus.siklus_id == sid,
                                                                LangkahSiklus.no == 1)) == "berjalan"


def test_dasbor_dan_saringan(app_sop, client, masuk):
    with app_sop.app_context():
        s1 = _mulai()
        s2 = _mulai(periode_ke=3)
        langkah.batalkan_siklus(_p("perencana"), s2, "Salah periode", sekarang=JUMAT)
        with pytest.raises(InputTidakValid) as e:
            langkah.batalkan_siklus(_p("perencana"), s1, " ", sekarang=JUMAT)
        assert e.value.fields == {"catatan": "wajib diisi: alasan pembatalan"}
        with pytest.raises(DocgenError) as e:
            langkah.batalkan_siklus(_p("timsakip"), s1, "x", sekarang=JUMAT)
        assert e.value.status == 403
    masuk("kepala")
    html = client.get("/siklus").get_data(as_text=True)
    assert html.index("Triwulan III") < html.index("Triwulan II Tahun")  # newest first
    assert "0 dari 7 langkah" in html and "Terlambat" in html  # step 1 (10 menit) started in 2024
    assert "Dibatalkan" in html
    html = client.get("/siklus?status=berjalan&tahun=2024").get_data(as_text=True)
    assert "Triwulan II Tahun 2024" in html and "Triwulan III" not in html
    assert "Belum ada siklus yang cocok" in client.get("/siklus?tahun=2023").get_data(as_text=True)
    beranda = client.get("/beranda").get_data(as_text=True)
    assert "Menunggu tindakan Anda" in beranda and "Pengukuran Kinerja Triwulan II Tahun 2024" in beranda
    masuk("arsiparis")
    assert "Menunggu tindakan Anda" not in client.get("/beranda").get_data(as_text=True)
