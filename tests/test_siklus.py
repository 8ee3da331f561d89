"""Cycles: the state machine (start, finish, approve, return with a note, rounds, finish), time against the Mutu Baku
with a frozen clock, the lembar disposisi of a decision, roles, other agencies, double submission, linked documents."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from docgen import durasi
from docgen.errors import DocgenError, InputTidakValid, KonversiGagal
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES
from tests.data_uji import pengguna as _p
from tests.sop_uji import definisi_uji, pasang_bawaan
from web import siklus_layanan as sl
from web.db import sesi
from web.formulir_skema import ratakan
from web.models import Dokumen, Instansi, LangkahSiklus, Pengguna, RiwayatSiklus, Siklus
from web.penyimpanan import penyimpanan

WIB = ZoneInfo("Asia/Jakarta")
# Friday 7 June 2024, 10.00 WIB
JUMAT = dt.datetime(2024, 6, 7, 10, 0, tzinfo=WIB).astimezone(dt.UTC)


@pytest.fixture
def app_sop(app, tmp_path):
    app.config["PDF_AKTIF"] = False
    pasang_bawaan(app, tmp_path / "sop")
    return app




def _mulai(sekarang=JUMAT, **kw) -> Siklus:
    arg = {"kode": "pengukuran-uji", "periode_jenis": "triwulan", "periode_ke": 2, "tahun": 2024} | kw
    return sl.mulai_siklus(_p("perencana"), sekarang=sekarang, **arg)


def _status(s: Siklus) -> list[tuple[int, str, int]]:
    sesi().refresh(s)
    return [(b.no, b.status, b.putaran) for b in s.langkah]


def _jalankan_sampai_keputusan(s: Siklus, mulai: dt.datetime) -> dt.datetime:
    """Finish steps 1-4 (without their documents), one hour apart; return the time of the last action."""
    t = mulai
    for no, user in ((1, "kepala"), (2, "timsakip"), (3, "bidang.kompetensi"), (4, "timsakip")):
        t += dt.timedelta(hours=1)
        b = next(x for x in s.langkah if x.no == no)
        if b.status == "berjalan":
            h = sl.selesaikan_langkah(_p(user), s, no, konfirmasi=True, sekarang=t)
            assert h.tercatat
    return t


# -- the state machine -----------------------------------------------------------------------------------------


def test_mulai_siklus_menyalin_definisi_dan_langkah_pertama_berjalan(app_sop):
    with app_sop.app_context():
        s = _mulai()
        assert s.judul == "Pengukuran Kinerja Triwulan II Tahun 2024"
        assert s.definisi["kode"] == "pengukuran-uji" and len(s.definisi["langkah"]) == 7
        assert (s.status, s.periode_jenis, s.periode_ke, s.tahun) == ("berjalan", "triwulan", 2, 2024)
        assert _status(s) == [(1, "berjalan", 1)] + [(n, "menunggu", 0) for n in range(2, 8)]
        assert sl.utc(s.langkah[0].mulai) == JUMAT
        r = sesi().scalars(select(RiwayatSiklus).where(RiwayatSiklus.siklus_id == s.id)).all()
        assert [(x.aksi, x.pengguna_id) for x in r] == [("dimulai", _p("perencana").id)]
        bulan = _mulai(periode_jenis="bulan", periode_ke=3)
        assert bulan.judul == "Pengukuran Kinerja Bulan Maret Tahun 2024"
        assert sl.judul_siklus("Penyusunan LKjIP", "tahun", None, 2024) == "Penyusunan LKjIP Tahun 2024"


@pytest.mark.parametrize(("ubah", "medan", "pesan"), [
    ({"periode_jenis": "tahun", "periode_ke": None}, "periode_jenis", "SOP ini dijalankan per bulan, triwulan"),
    ({"periode_jenis": "bulan", "periode_ke": 13}, "periode_ke", "pilih bulan 1 s.d. 12"),
    ({"periode_ke": 5}, "periode_ke", "pilih triwulan I s.d. IV"),
    ({"tahun": None}, "tahun", "tahun harus antara 2000 dan 2100"),
    ({"kode": "tidak-ada"}, "sop", "pilih salah satu SOP yang tersedia"),
])
def test_mulai_siklus_isian_salah(app_sop, ubah, medan, pesan):
    with app_sop.app_context():
        with pytest.raises(InputTidakValid) as e:
            _mulai(**ubah)
        assert e.value.fields[medan] == pesan
        assert sesi().scalar(select(func.count()).select_from(Siklus)) == 0


def test_siklus_periode_yang_sama_tidak_dobel_dan_peran_tanpa_hak(app_sop):
    with app_sop.app_context():
        s = _mulai()
        with pytest.raises(InputTidakValid) as e:
            _mulai()
        assert f"(#{s.id}) sudah ada" in e.value.fields["sop"]
        with pytest.raises(DocgenError) as e:
            sl.mulai_siklus(_p("bidang.mutasi"), kode="pengukuran-uji", periode_jenis="triwulan", periode_ke=3,
                            tahun=2024, sekarang=JUMAT)
        assert e.value.status == 403


def test_alur_kembalikan_lalu_setujui_sampai_selesai(app_sop):
    with app_sop.app_context():
        s = _mulai()
        # Documents of step 1 are missing: nothing happens without confirmation.
        h = sl.selesaikan_langkah(_p("kepala"), s, 1, sekarang=JUMAT)
        assert not h.tercatat and h.kurang == ["nota-dinas"]
        assert _status(s)[0] == (1, "berjalan", 1)
        t = _jalankan_sampai_keputusan(s, JUMAT)
        assert _status(s)[4] == (5, "berjalan", 1)

        t += dt.timedelta(minutes=30)
        h = sl.putuskan(_p("sekretaris"), s, 5, "tidak", "Lengkapi analisis capaian IKU 2.", sekarang=t)
        assert h.dokumen is not None and not h.peringatan
        assert _status(s) == [(1, "selesai", 1), (2, "berjalan", 2), (3, "menunggu", 1), (4, "menunggu", 1),
                              (5, "dikembalikan", 1), (6, "menunggu", 0), (7, "menunggu", 0)]
        lima = s.langkah[4]
        assert (lima.keputusan, lima.catatan, lima.pelaku_id) == ("tidak", "Lengkapi analisis capaian IKU 2.",
                                                                   _p("sekretaris").id)
        assert lima.detik_terpakai == 30 * 60
        dua = s.langkah[1]
        assert sl.utc(dua.mulai) == t and dua.selesai is None and dua.detik_terpakai == 3600

        # Second round: steps 2-4 again, then the decision is approved and the cycle runs to its end.
        t = _jalankan_sampai_keputusan(s, t)
        assert _status(s)[1:5] == [(2, "selesai", 2), (3, "selesai", 2), (4, "selesai", 2), (5, "berjalan", 2)]
        h = sl.putuskan(_p("sekretaris"), s, 5, "ya", "", sekarang=t + dt.timedelta(minutes=10))
        assert _status(s)[4:] == [(5, "selesai", 2), (6, "berjalan", 1), (7, "menunggu", 0)]
        assert s.langkah[4].detik_terpakai == 40 * 60  # both rounds
        sl.selesaikan_langkah(_p("sekretaris"), s, 6, sekarang=t + dt.timedelta(hours=1))
        assert s.status == "berjalan"
        sl.selesaikan_langkah(_p("arsiparis"), s, 7, catatan="Disimpan di lemari arsip 2",
                              sekarang=t + dt.timedelta(hours=2))
        sesi().refresh(s)
        assert s.status == "selesai" and sl.utc(s.selesai) == t + dt.timedelta(hours=2)
        aksi = [(r.aksi, r.langkah_no) for r in sesi().scalars(
            select(RiwayatSiklus).where(RiwayatSiklus.siklus_id == s.id).order_by(RiwayatSiklus.id))]
        assert aksi == [("dimulai", None), ("selesai", 1), ("selesai", 2), ("selesai", 3), ("selesai", 4),
                        ("dikembalikan", 5), ("selesai", 2), ("selesai", 3), ("selesai", 4), ("disetujui", 5),
                        ("selesai", 6), ("selesai", 7), ("siklus_selesai", None)]
        catatan = sesi().scalar(select(RiwayatSiklus.catatan).where(RiwayatSiklus.aksi == "selesai",
                                                                    RiwayatSiklus.langkah_no == 1))
        assert catatan == "[Diselesaikan tanpa dokumen: Nota Dinas]"
        disposisi = sesi().scalars(select(Dokumen).where(Dokumen.slug == "lembar-disposisi")).all()
        assert [(x.siklus_id, x.langkah_no) for x in disposisi] == [(s.id, 5), (s.id, 5)]
        with pytest.raises(sl.SiklusBentrok):
            sl.selesaikan_langkah(_p("arsiparis"), s, 7, sekarang=t + dt.timedelta(hours=3))


def test_lompat_ya_ke_depan_menandai_langkah_dilewati(app, tmp_path):
    d = definisi_uji()
    d["langkah"][4]["ya"] = 7  # approved: straight to the archive
    app.config["PDF_AKTIF"] = False
    pasang_bawaan(app, tmp_path / "sop", d)
    with app.app_context():
        s = _mulai()
        t = _jalankan_sampai_keputusan(s, JUMAT)
        sl.putuskan(_p("sekretaris"), s, 5, "ya", "", sekarang=t)
        assert _status(s)[5:] == [(6, "dilewati", 0), (7, "berjalan", 1)]
        sl.selesaikan_langkah(_p("arsiparis"), s, 7, sekarang=t)
        ringkas = sl.ringkas(s, sekarang=t, zona=WIB)
        assert (ringkas.selesai, ringkas.jumlah, ringkas.berjalan) == (7, 7, None)


# -- time against the Mutu Baku --------------------------------------------------------------------------------


def test_tenggat_menit_jam_dinding_dan_hari_kerja():
    assert sl.tenggat(JUMAT, durasi.urai("90 menit"), WIB) == JUMAT + dt.timedelta(minutes=90)
    senin = dt.datetime(2024, 6, 10, 10, 0, tzinfo=WIB)
    assert sl.tenggat(JUMAT, durasi.urai("1 hari"), WIB) == senin  # Saturday and Sunday do not count
    assert sl.tenggat(JUMAT, durasi.urai("3 hari"), WIB) == dt.datetime(2024, 6, 12, 10, 0, tzinfo=WIB)
    assert sl.tenggat(JUMAT, durasi.urai("1 hari 2 jam"), WIB) == senin + dt.timedelta(hours=2)
    sabtu = dt.datetime(2024, 6, 8, 9, 0, tzinfo=WIB)
    assert sl.tenggat(sabtu, durasi.urai("1 hari"), WIB) == dt.datetime(2024, 6, 10, 9, 0, tzinfo=WIB)
    # A naive time from SQLite is UTC.
    assert sl.tenggat(JUMAT.replace(tzinfo=None), durasi.urai("10 menit"), WIB) == JUMAT + dt.timedelta(minutes=10)
    assert sl.teks_lama(dt.timedelta(days=2, hours=3, minutes=5)) == "2 hari 3 jam"
    assert sl.teks_lama(dt.timedelta(hours=1, minutes=5)) == "1 jam 5 menit"
    assert sl.teks_lama(dt.timedelta(seconds=30)) == "kurang dari 1 menit"


def test_langkah_terlambat_dengan_jam_beku(app_sop):
    with app_sop.app_context():
        s = _mulai()
        d = sl.definisi(s)
        k = sl.keadaan(s, d, sekarang=JUMAT + dt.timedelta(minutes=10), zona=WIB)[0]
        assert k.terlambat is None and k.terpakai == dt.timedelta(minutes=10)
        k = sl.keadaan(s, d, sekarang=JUMAT + dt.timedelta(minutes=25), zona=WIB)[0]
        assert k.terlambat == dt.timedelta(minutes=15) and sl.teks_lama(k.terlambat) == "15 menit"
        # Step 1 finished late; step 3 ("1 hari") starts Friday 12.00 and is due Monday 12.00.
        sl.selesaikan_langkah(_p("kepala"), s, 1, konfirmasi=True, sekarang=JUMAT + dt.timedelta(minutes=40))
        sl.selesaikan_langkah(_p("timsakip"), s, 2, konfirmasi=True, sekarang=JUMAT + dt.timedelta(hours=2))
        semua = sl.keadaan(s, d, sekarang=JUMAT + dt.timedelta(days=3, hours=1, minutes=59), zona=WIB)
        assert semua[0].status == "selesai" and semua[0].terlambat == dt.timedelta(minutes=30)
        assert semua[1].terlambat is None  # 80 minutes against 2 jam
        assert semua[2].status == "berjalan" and semua[2].terlambat is None
        assert semua[2].tenggat == dt.datetime(2024, 6, 10, 12, 0, tzinfo=WIB)
        lewat = sl.keadaan(s, d, sekarang=dt.datetime(2024, 6, 10, 15, 30, tzinfo=WIB), zona=WIB)[2]
        assert lewat.terlambat == dt.timedelta(hours=3, minutes=30)
        r = sl.ringkas(s, sekarang=dt.datetime(2024, 6, 10, 15, 30, tzinfo=WIB), zona=WIB)
        assert r.berjalan is not None and r.berjalan.no == 3 and r.berjalan.terlambat
        assert (r.selesai, r.jumlah) == (2, 7)


# -- the lembar disposisi --------------------------------------------------------------------------------------


def test_disposisi_dari_keputusan_berisi_catatan_dan_tertaut(app_sop):
    with app_sop.app_context():
        s = _mulai()
        t = _jalankan_sampai_keputusan(s, JUMAT)
        catatan = "Lengkapi analisis penyebab capaian IKU 2 & <data> dukung realisasi anggaran."
        h = sl.putuskan(_p("sekretaris"), s, 5, "tidak", catatan, sekarang=t)
        dok = h.dokumen
        assert dok is not None and (dok.siklus_id, dok.langkah_no, dok.slug) == (s.id, 5, "lembar-disposisi")
        assert dok.berkas_pdf is None  # PDF off in this app
        teks = teks_docx(penyimpanan().baca(dok.berkas_docx))
        assert catatan in teks
        assert "☑\tUntuk dilengkapi" in teks and "☐\tSetuju" in teks
        assert "Surat dari | : | Tim SAKIP" in teks
        assert "☑\tTim SAKIP" in teks and "☐\tSekretaris" in teks  # sent back to the step 2 pelaksana
        assert "Draft Laporan Hasil Pengukuran Kinerja (Pengukuran Kinerja Triwulan II Tahun 2024)" in teks
        assert "SEKRETARIS," in teks and "YULIA RAHMAWATI, S.E., M.M." in teks
        r = sesi().scalar(select(RiwayatSiklus).where(RiwayatSiklus.aksi == "dikembalikan"))
        assert r.dokumen_id == dok.id and r.catatan == catatan
        # Approving ticks Setuju and forwards to step 6.
        t = _jalankan_sampai_keputusan(s, t)
        h = sl.putuskan(_p("sekretaris"), s, 5, "ya", "", sekarang=t)
        teks = teks_docx(penyimpanan().baca(h.dokumen.berkas_docx))
        assert "☑\tSetuju" in teks and "☑\tProses lebih lanjut" in teks and "☐\tUntuk dilengkapi" in teks


def test_disposisi_memakai_dokumen_yang_diputuskan(app_sop):
    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    data.pop("instansi")
    data["nomor"] = "000.1.5/77/BKPSDM-PS/VI/2024"
    data["tanggal"] = "2024-06-06"
    data["hal"] = "Laporan hasil pengukuran kinerja triwulan II"
    from web.layanan import buat_dokumen

    with app_sop.app_context():
        s = _mulai()
        t = _jalankan_sampai_keputusan(s, JUMAT)
        dok = buat_dokumen(_p("perencana"), "nota-dinas", data, pdf=False, siklus_id=s.id, langkah_no=4)
        d = sl.data_disposisi(_p("sekretaris"), s, sl.definisi(s), 5, "tidak", "x", 2, sekarang=t)
        assert d["nomor_surat"] == "000.1.5/77/BKPSDM-PS/VI/2024" and d["tanggal_surat"] == "2024-06-06"
        assert d["diterima_tanggal"] == "2024-06-07" and d["surat_dari"] == "Tim SAKIP"
        assert d["hal"] == "Laporan hasil pengukuran kinerja triwulan II (Pengukuran Kinerja Triwulan II Tahun 2024)"
        assert d["batas_waktu"] == "2024-06-07"  # step 2 takes 2 jam
        assert dok.siklus_id == s.id


def test_pdf_gagal_keputusan_tetap_tercatat(app_sop, monkeypatch):
    app_sop.config["PDF_AKTIF"] = True

    def rusak(_app):
        raise KonversiGagal("LibreOffice tidak ditemukan.")

    monkeypatch.setattr(sl.layanan, "konverter", rusak)
    with app_sop.app_context():
        s = _mulai()
        t = _jalankan_sampai_keputusan(s, JUMAT)
        h = sl.putuskan(_p("sekretaris"), s, 5, "tidak", "Perbaiki rekap.", sekarang=t)
        assert h.dokumen is not None and h.dokumen.berkas_pdf is None
        assert h.peringatan == ["PDF lembar disposisi belum dapat dibuat (LibreOffice tidak ditemukan.); "
                                "berkas Word-nya tersedia."]
        sesi().expire_all()
        assert _status(s)[1] == (2, "berjalan", 2)
        assert penyimpanan().ada(h.dokumen.berkas_docx)


def test_disk_penuh_keputusan_tetap_tercatat_tanpa_lembar(app_sop, monkeypatch):
    def penuh(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with app_sop.app_context():
        s = _mulai()
        t = _jalankan_sampai_keputusan(s, JUMAT)
        monkeypatch.setattr(os, "fsync", penuh)
        h = sl.putuskan(_p("sekretaris"), s, 5, "tidak", "Perbaiki rekap.", sekarang=t)
        monkeypatch.undo()
        assert h.dokumen is None
        assert h.peringatan[0].startswith("Keputusan tercatat, tetapi lembar disposisi tidak dapat dibuat: Ruang "
                                          "penyimpanan server penuh")
        sesi().expire_all()
        assert _status(s)[1] == (2, "berjalan", 2)  # the decision stands
        # no document row without its file, and no file left behind
        assert sesi().scalar(select(func.count()).select_from(Dokumen)) == 0
        assert list(penyimpanan().daftar("dokumen")) == []
        riwayat = sesi().scalar(select(RiwayatSiklus).where(RiwayatSiklus.aksi == "dikembalikan"))
        assert riwayat is not None and riwayat.dokumen_id is None


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
        _jalankan_sampai_keputusan(s, sl.utc(s.dibuat))


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
        sl.batalkan_siklus(_p("perencana"), s2, "Salah periode", sekarang=JUMAT)
        with pytest.raises(InputTidakValid) as e:
            sl.batalkan_siklus(_p("perencana"), s1, " ", sekarang=JUMAT)
        assert e.value.fields == {"catatan": "wajib diisi: alasan pembatalan"}
        with pytest.raises(DocgenError) as e:
            sl.batalkan_siklus(_p("timsakip"), s1, "x", sekarang=JUMAT)
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


def test_langkah_tanpa_mutu_baku_tidak_pernah_terlambat(app, tmp_path):
    d = definisi_uji()
    d["langkah"][0]["waktu"] = "-"
    app.config["PDF_AKTIF"] = False
    pasang_bawaan(app, tmp_path / "sop", d)
    with app.app_context():
        s = _mulai()
        k = sl.keadaan(s, sl.definisi(s), sekarang=JUMAT + dt.timedelta(days=30), zona=WIB)[0]
        assert k.baku is None and k.tenggat is None and k.terlambat is None
        assert k.terpakai == dt.timedelta(days=30)


def test_dua_pengguna_bersamaan_hanya_satu_berhasil(app_sop):
    """The step is claimed inside the transaction: a stale copy of it (another request that loaded the page state
    first) cannot finish it a second time."""
    with app_sop.app_context():
        s = _mulai()
        sid = s.id
    with app_sop.app_context():
        basi = sesi().get(Siklus, sid)
        assert basi.langkah[0].status == "berjalan"  # loaded, as a second request would
        with app_sop.app_context():  # the first request finishes the step meanwhile
            sl.selesaikan_langkah(_p("kepala"), sesi().get(Siklus, sid), 1, konfirmasi=True, sekarang=JUMAT)
        with pytest.raises(sl.SiklusBentrok) as e:
            sl.selesaikan_langkah(_p("admin"), basi, 1, konfirmasi=True, sekarang=JUMAT)
        assert e.value.status == 409 and "baru saja diproses oleh pengguna lain" in e.value.pesan
    with app_sop.app_context():
        assert _status(sesi().get(Siklus, sid))[:2] == [(1, "selesai", 1), (2, "berjalan", 1)]
        n = sesi().scalar(select(func.count()).select_from(RiwayatSiklus).where(RiwayatSiklus.aksi == "selesai"))
        assert n == 1
