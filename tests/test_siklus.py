"""Cycles: the state machine (start, finish, approve, return with a note, rounds, finish), time against the Mutu Baku
with a frozen clock, the lembar disposisi of a decision, two users at once."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os

import pytest
from sqlalchemy import func, select

from docgen import durasi, hari_kerja
from docgen.errors import DocgenError, InputTidakValid, KonversiGagal
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES
from tests.data_uji import pengguna as _p
from tests.siklus_uji import JUMAT, WIB
from tests.siklus_uji import mulai as _mulai
from tests.siklus_uji import sampai_keputusan as _jalankan_sampai_keputusan
from tests.siklus_uji import status as _status
from tests.sop_uji import definisi_uji, pasang_bawaan
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, RiwayatSiklus, Siklus
from web.inti.penyimpanan import penyimpanan
from web.layanan import disposisi, langkah, pdf
from web.layanan import siklus as siklus_baca

KALENDER = hari_kerja.Kalender()  # no agency days off; 7-12 June 2024 has no national holiday

# -- the state machine -----------------------------------------------------------------------------------------


def test_mulai_siklus_menyalin_definisi_dan_langkah_pertama_berjalan(app_sop):
    with app_sop.app_context():
        s = _mulai()
        assert s.judul == "Pengukuran Kinerja Triwulan II Tahun 2024"
        assert s.definisi["kode"] == "pengukuran-uji" and len(s.definisi["langkah"]) == 7
        assert (s.status, s.periode_jenis, s.periode_ke, s.tahun) == ("berjalan", "triwulan", 2, 2024)
        assert _status(s) == [(1, "berjalan", 1)] + [(n, "menunggu", 0) for n in range(2, 8)]
        assert waktu.utc(s.langkah[0].mulai) == JUMAT
        r = sesi().scalars(select(RiwayatSiklus).where(RiwayatSiklus.siklus_id == s.id)).all()
        assert [(x.aksi, x.pengguna_id) for x in r] == [("dimulai", _p("perencana").id)]
        bulan = _mulai(periode_jenis="bulan", periode_ke=3)
        assert bulan.judul == "Pengukuran Kinerja Bulan Maret Tahun 2024"
        assert siklus_baca.judul_siklus("Penyusunan LKjIP", "tahun", None, 2024) == "Penyusunan LKjIP Tahun 2024"


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
            langkah.mulai_siklus(_p("bidang.mutasi"), kode="pengukuran-uji", periode_jenis="triwulan", periode_ke=3,
                            tahun=2024, sekarang=JUMAT)
        assert e.value.status == 403


def test_alur_kembalikan_lalu_setujui_sampai_selesai(app_sop):
    with app_sop.app_context():
        s = _mulai()
        # Documents of step 1 are missing: nothing happens without confirmation.
        h = langkah.selesaikan_langkah(_p("kepala"), s, 1, sekarang=JUMAT)
        assert not h.tercatat and h.kurang == ["nota-dinas"]
        assert _status(s)[0] == (1, "berjalan", 1)
        t = _jalankan_sampai_keputusan(s, JUMAT)
        assert _status(s)[4] == (5, "berjalan", 1)

        t += dt.timedelta(minutes=30)
        h = langkah.putuskan(_p("sekretaris"), s, 5, "tidak", "Lengkapi analisis capaian IKU 2.", sekarang=t)
        assert h.dokumen is not None and not h.peringatan
        assert _status(s) == [(1, "selesai", 1), (2, "berjalan", 2), (3, "menunggu", 1), (4, "menunggu", 1),
                              (5, "dikembalikan", 1), (6, "menunggu", 0), (7, "menunggu", 0)]
        lima = s.langkah[4]
        assert (lima.keputusan, lima.catatan, lima.pelaku_id) == ("tidak", "Lengkapi analisis capaian IKU 2.",
                                                                   _p("sekretaris").id)
        assert lima.detik_terpakai == 30 * 60
        dua = s.langkah[1]
        assert waktu.utc(dua.mulai) == t and dua.selesai is None and dua.detik_terpakai == 3600

        # Second round: steps 2-4 again, then the decision is approved and the cycle runs to its end.
        t = _jalankan_sampai_keputusan(s, t)
        assert _status(s)[1:5] == [(2, "selesai", 2), (3, "selesai", 2), (4, "selesai", 2), (5, "berjalan", 2)]
        h = langkah.putuskan(_p("sekretaris"), s, 5, "ya", "", sekarang=t + dt.timedelta(minutes=10))
        assert _status(s)[4:] == [(5, "selesai", 2), (6, "berjalan", 1), (7, "menunggu", 0)]
        assert s.langkah[4].detik_terpakai == 40 * 60  # both rounds
        langkah.selesaikan_langkah(_p("sekretaris"), s, 6, sekarang=t + dt.timedelta(hours=1))
        assert s.status == "berjalan"
        langkah.selesaikan_langkah(_p("arsiparis"), s, 7, catatan="Disimpan di lemari arsip 2",
                              sekarang=t + dt.timedelta(hours=2))
        sesi().refresh(s)
        assert s.status == "selesai" and waktu.utc(s.selesai) == t + dt.timedelta(hours=2)
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
        with pytest.raises(langkah.SiklusBentrok):
            langkah.selesaikan_langkah(_p("arsiparis"), s, 7, sekarang=t + dt.timedelta(hours=3))


def test_lompat_ya_ke_depan_menandai_langkah_dilewati(app, tmp_path):
    d = definisi_uji()
    d["langkah"][4]["ya"] = 7  # approved: straight to the archive
    app.config["PDF_AKTIF"] = False
    pasang_bawaan(app, tmp_path / "sop", d)
    with app.app_context():
        s = _mulai()
        t = _jalankan_sampai_keputusan(s, JUMAT)
        langkah.putuskan(_p("sekretaris"), s, 5, "ya", "", sekarang=t)
        assert _status(s)[5:] == [(6, "dilewati", 0), (7, "berjalan", 1)]
        langkah.selesaikan_langkah(_p("arsiparis"), s, 7, sekarang=t)
        ringkas = siklus_baca.ringkas(s, sekarang=t, zona=WIB, kalender=KALENDER)
        assert (ringkas.selesai, ringkas.jumlah, ringkas.berjalan) == (7, 7, None)


# -- time against the Mutu Baku --------------------------------------------------------------------------------


def test_tenggat_menit_jam_dinding_dan_hari_kerja():
    assert siklus_baca.tenggat(JUMAT, durasi.urai("90 menit"), WIB, KALENDER) == JUMAT + dt.timedelta(minutes=90)
    senin = dt.datetime(2024, 6, 10, 10, 0, tzinfo=WIB)
    assert siklus_baca.tenggat(JUMAT, durasi.urai("1 hari"), WIB, KALENDER) == senin  # not Saturday and Sunday
    rabu = dt.datetime(2024, 6, 12, 10, 0, tzinfo=WIB)
    assert siklus_baca.tenggat(JUMAT, durasi.urai("3 hari"), WIB, KALENDER) == rabu
    assert siklus_baca.tenggat(JUMAT, durasi.urai("1 hari 2 jam"), WIB, KALENDER) == senin + dt.timedelta(hours=2)
    sabtu = dt.datetime(2024, 6, 8, 9, 0, tzinfo=WIB)
    assert siklus_baca.tenggat(sabtu, durasi.urai("1 hari"), WIB, KALENDER) == senin - dt.timedelta(hours=1)
    # A naive time from SQLite is UTC.
    naif = JUMAT.replace(tzinfo=None)
    assert siklus_baca.tenggat(naif, durasi.urai("10 menit"), WIB, KALENDER) == JUMAT + dt.timedelta(minutes=10)
    assert siklus_baca.teks_lama(dt.timedelta(days=2, hours=3, minutes=5)) == "2 hari 3 jam"
    assert siklus_baca.teks_lama(dt.timedelta(hours=1, minutes=5)) == "1 jam 5 menit"
    assert siklus_baca.teks_lama(dt.timedelta(seconds=30)) == "kurang dari 1 menit"


def test_langkah_terlambat_dengan_jam_beku(app_sop):
    with app_sop.app_context():
        s = _mulai()
        d = siklus_baca.definisi(s)
        k = siklus_baca.keadaan(s, d, sekarang=JUMAT + dt.timedelta(minutes=10), zona=WIB, kalender=KALENDER)[0]
        assert k.terlambat is None and k.terpakai == dt.timedelta(minutes=10)
        k = siklus_baca.keadaan(s, d, sekarang=JUMAT + dt.timedelta(minutes=25), zona=WIB, kalender=KALENDER)[0]
        assert k.terlambat == dt.timedelta(minutes=15) and siklus_baca.teks_lama(k.terlambat) == "15 menit"
        # Step 1 finished late; step 3 ("1 hari") starts Friday 12.00 and is due Monday 12.00.
        langkah.selesaikan_langkah(_p("kepala"), s, 1, konfirmasi=True, sekarang=JUMAT + dt.timedelta(minutes=40))
        langkah.selesaikan_langkah(_p("timsakip"), s, 2, konfirmasi=True, sekarang=JUMAT + dt.timedelta(hours=2))
        semua = siklus_baca.keadaan(s, d, sekarang=JUMAT + dt.timedelta(days=3, hours=1, minutes=59), zona=WIB,
                                    kalender=KALENDER)
        assert semua[0].status == "selesai" and semua[0].terlambat == dt.timedelta(minutes=30)
        assert semua[1].terlambat is None  # 80 minutes against 2 jam
        assert semua[2].status == "berjalan" and semua[2].terlambat is None
        assert semua[2].tenggat == dt.datetime(2024, 6, 10, 12, 0, tzinfo=WIB)
        lewat = siklus_baca.keadaan(s, d, sekarang=dt.datetime(2024, 6, 10, 15, 30, tzinfo=WIB), zona=WIB,
                                    kalender=KALENDER)[2]
        assert lewat.terlambat == dt.timedelta(hours=3, minutes=30)
        r = siklus_baca.ringkas(s, sekarang=dt.datetime(2024, 6, 10, 15, 30, tzinfo=WIB), zona=WIB, kalender=KALENDER)
        assert r.berjalan is not None and r.berjalan.no == 3 and r.berjalan.terlambat
        assert (r.selesai, r.jumlah) == (2, 7)


# -- the lembar disposisi --------------------------------------------------------------------------------------


def test_disposisi_dari_keputusan_berisi_catatan_dan_tertaut(app_sop):
    with app_sop.app_context():
        s = _mulai()
        t = _jalankan_sampai_keputusan(s, JUMAT)
        catatan = "Lengkapi analisis penyebab capaian IKU 2 & <data> dukung realisasi anggaran."
        h = langkah.putuskan(_p("sekretaris"), s, 5, "tidak", catatan, sekarang=t)
        dok = h.dokumen
        assert dok is not None and (dok.siklus_id, dok.langkah_no, dok.slug) == (s.id, 5, "lembar-disposisi")
        assert dok.berkas_pdf is None  # PDF off in this app
        teks = teks_docx(penyimpanan().baca(dok.berkas_docx))
        assert catatan in teks
        assert "☑\tUntuk dilengkapi" in teks and "☐\tSetuju" in teks
        assert "Surat dari | : | Tim SAKIP" in teks
        assert "☑\tTim SAKIP" in teks and "☐\tSekretaris" in teks  # sent back to the step 2 pelaksana
        assert "Konsep Laporan Hasil Pengukuran Kinerja (Pengukuran Kinerja Triwulan II Tahun 2024)" in teks
        assert "SEKRETARIS," in teks and "YULIA RAHMAWATI, S.E., M.M." in teks
        r = sesi().scalar(select(RiwayatSiklus).where(RiwayatSiklus.aksi == "dikembalikan"))
        assert r.dokumen_id == dok.id and r.catatan == catatan
        # Approving ticks Setuju and forwards to step 6.
        t = _jalankan_sampai_keputusan(s, t)
        h = langkah.putuskan(_p("sekretaris"), s, 5, "ya", "", sekarang=t)
        teks = teks_docx(penyimpanan().baca(h.dokumen.berkas_docx))
        assert "☑\tSetuju" in teks and "☑\tProses lebih lanjut" in teks and "☐\tUntuk dilengkapi" in teks


def test_disposisi_memakai_dokumen_yang_diputuskan(app_sop):
    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    data.pop("instansi")
    data["nomor"] = "000.1.5/77/BKPSDM-PS/VI/2024"
    data["tanggal"] = "2024-06-06"
    data["hal"] = "Laporan hasil pengukuran kinerja triwulan II"
    from web.layanan.dokumen import buat_dokumen

    with app_sop.app_context():
        s = _mulai()
        t = _jalankan_sampai_keputusan(s, JUMAT)
        dok = buat_dokumen(_p("perencana"), "nota-dinas", data, pdf=False, siklus_id=s.id, langkah_no=4)
        d = disposisi.data_disposisi(_p("sekretaris"), s, siklus_baca.definisi(s), 5, "tidak", "x", 2, sekarang=t)
        assert d["nomor_surat"] == "000.1.5/77/BKPSDM-PS/VI/2024" and d["tanggal_surat"] == "2024-06-06"
        assert d["diterima_tanggal"] == "2024-06-07" and d["surat_dari"] == "Tim SAKIP"
        assert d["hal"] == "Laporan hasil pengukuran kinerja triwulan II (Pengukuran Kinerja Triwulan II Tahun 2024)"
        assert d["batas_waktu"] == "2024-06-07"  # step 2 takes 2 jam
        assert dok.siklus_id == s.id


def test_pdf_gagal_keputusan_tetap_tercatat(app_sop, monkeypatch):
    app_sop.config["PDF_AKTIF"] = True

    class Rusak:
        def ke_pdf(self, docx, **_tujuan):
            raise KonversiGagal("LibreOffice tidak ditemukan.")

    monkeypatch.setitem(app_sop.extensions, pdf.KUNCI, Rusak())
    with app_sop.app_context():
        s = _mulai()
        t = _jalankan_sampai_keputusan(s, JUMAT)
        h = langkah.putuskan(_p("sekretaris"), s, 5, "tidak", "Perbaiki rekap.", sekarang=t)
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
        h = langkah.putuskan(_p("sekretaris"), s, 5, "tidak", "Perbaiki rekap.", sekarang=t)
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


def test_langkah_tanpa_mutu_baku_tidak_pernah_terlambat(app, tmp_path):
    d = definisi_uji()
    d["langkah"][0]["waktu"] = "-"
    app.config["PDF_AKTIF"] = False
    pasang_bawaan(app, tmp_path / "sop", d)
    with app.app_context():
        s = _mulai()
        k = siklus_baca.keadaan(s, siklus_baca.definisi(s), sekarang=JUMAT + dt.timedelta(days=30), zona=WIB,
                                kalender=KALENDER)[0]
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
            langkah.selesaikan_langkah(_p("kepala"), sesi().get(Siklus, sid), 1, konfirmasi=True, sekarang=JUMAT)
        with pytest.raises(langkah.SiklusBentrok) as e:
            langkah.selesaikan_langkah(_p("admin"), basi, 1, konfirmasi=True, sekarang=JUMAT)
        assert e.value.status == 409 and "baru saja diproses oleh pengguna lain" in e.value.pesan
    with app_sop.app_context():
        assert _status(sesi().get(Siklus, sid))[:2] == [(1, "selesai", 1), (2, "berjalan", 1)]
        n = sesi().scalar(select(func.count()).select_from(RiwayatSiklus).where(RiwayatSiklus.aksi == "selesai"))
        assert n == 1
