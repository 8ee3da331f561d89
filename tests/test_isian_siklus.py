"""The right facts on the paper: a cycle's period picks the plan year and quarter, a step's document starts from the
cycle, its earlier papers and the officials by role; a paper that contradicts its cycle or names a stranger warns."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from sqlalchemy import func, select

from docgen.errors import InputTidakValid
from docgen.teks_docx import teks_docx
from tests.data_uji import pengguna
from tests.sop_uji import definisi_uji, pasang_bawaan
from web.inti.db import sesi
from web.inti.models import Dokumen, NomorSurat, RencanaKinerja
from web.inti.penyimpanan import penyimpanan
from web.layanan import dokumen, isian, langkah, pejabat

KINI = dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC)

RAPAT = definisi_uji(kode="rapat-uji", judul="Pemantauan Capaian Kinerja", periode=["triwulan"], langkah=[
    {"kegiatan": "Kepala memerintahkan pemantauan", "pelaksana": ["Kepala"], "waktu": "10 menit",
     "output": "Nota Dinas", "dokumen": ["nota-dinas"]},
    {"kegiatan": "Sekretaris mengundang rapat", "pelaksana": ["Sekretaris"], "waktu": "10 menit",
     "output": "Undangan", "dokumen": ["undangan-rapat", "notulen-rapat", "surat-pengantar"]},
])


@pytest.fixture
def app_siklus(app, tmp_path):
    app.config["PDF_AKTIF"] = False
    from tests.sop_uji import DEFINISI_UJI
    pasang_bawaan(app, tmp_path / "sop", DEFINISI_UJI, RAPAT)
    return app


def _rencana(tahun: int) -> None:
    """Store a plan for `tahun`: the sample year's, moved."""
    contoh = sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.tahun == 2024))
    data = copy.deepcopy(contoh.data)
    data["tahun"] = tahun
    sesi().add(RencanaKinerja(instansi_id=contoh.instansi_id, tahun=tahun, data=data))
    sesi().commit()


def _docx(dok: Dokumen) -> str:
    return teks_docx(penyimpanan().baca(dok.berkas_docx))


def _siklus(kode="pengukuran-uji", tw=4, tahun=2026):
    return langkah.mulai_siklus(pengguna("perencana"), kode=kode, periode_jenis="triwulan", periode_ke=tw,
                                tahun=tahun, sekarang=KINI)


def test_periode_siklus():
    class S:
        periode_jenis, periode_ke, tahun = "triwulan", 4, 2026
    p = isian.periode(S())  # type: ignore[arg-type]
    assert (p.tahun, p.triwulan, p.mulai, p.akhir, p.label) == (2026, 4, dt.date(2026, 10, 1), dt.date(2026, 12, 31),
                                                               "Triwulan IV 2026")
    S.periode_jenis, S.periode_ke = "bulan", 2
    p = isian.periode(S())  # type: ignore[arg-type]
    assert (p.triwulan, p.mulai, p.akhir) == (1, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    S.periode_jenis, S.periode_ke = "tahun", None
    assert isian.periode(S()).triwulan is None  # type: ignore[arg-type]


def test_kertas_kerja_tw_iv_tahun_baru_dari_siklus(app_siklus):
    """A TW IV 2026 cycle: `{}` gives a Kertas Kerja of 2026 up to TW IV, compiled by the Ketua Tim SAKIP."""
    with app_siklus.test_request_context():
        _rencana(2026)
        s = _siklus()
        dok = dokumen.buat_dokumen(pengguna("timsakip"), "kertas-kerja-pengukuran", {}, pdf=False, siklus_id=s.id,
                                   langkah_no=2, isi_bawaan=True)
        teks = _docx(dok)
        assert "TAHUN 2026" in teks.upper() and "2024" not in teks
        assert "s.d. TW IV" not in teks and "Tahunan" in teks  # TW IV: the year's column
        assert "Disusun oleh, / KETUA TIM SAKIP, / RIZKI PRATAMA, S.Kom." in teks
        assert dok.data["tahun_kinerja"] == 2026 and dok.data["triwulan_kinerja"] == 4
        assert dok.data["penandatangan"]["jabatan"] == "Ketua Tim SAKIP"
        assert dok.data["mengetahui"]["nama"] == "YULIA RAHMAWATI, S.E., M.M."


def test_tahun_tanpa_rencana_ditolak_dan_siklus_memberi_tahu(app_siklus, masuk):
    with app_siklus.test_request_context():
        s = _siklus()
        with pytest.raises(InputTidakValid) as e:
            dokumen.buat_dokumen(pengguna("timsakip"), "kertas-kerja-pengukuran", {}, pdf=False, siklus_id=s.id,
                                 langkah_no=2, isi_bawaan=True)
        assert "tahun 2026" in e.value.fields["tahun_kinerja"] and list(e.value.fields) == ["tahun_kinerja"]
        assert isian.tanpa_rencana(s) == ["kertas-kerja-pengukuran", "formulir-capaian", "laporan-hasil-pengukuran"]
        sid = s.id
        langkah.selesaikan_langkah(pengguna("kepala"), s, 1, konfirmasi=True, sekarang=KINI)
    c = masuk("perencana")
    html = c.get(f"/siklus/{sid}").get_data(as_text=True)
    assert "Data kinerja tahun 2026 belum ada" in html and "/kinerja/rencana?baru=2026#baru" in html
    # the form of the step says the same beside the year's field, and keeps the rest of the input
    r = c.post(f"/dokumen/kertas-kerja-pengukuran/baru?siklus={sid}&langkah=2",
               data={"tahun_kinerja": "2026", "tanggal": "2026-12-02", "catatan": "catatan saya"})
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and "belum ada data kinerja tahun 2026" in teks and "catatan saya" in teks
    # the link opens the plan page with the cycle's year ready to be created
    html = c.get("/kinerja/rencana?baru=2026").get_data(as_text=True)
    assert 'id="baru-tahun" name="tahun" value="2026"' in html


def test_formulir_langkah_terisi_dari_siklus(app_siklus, masuk):
    with app_siklus.app_context():
        _rencana(2026)
        sid = _siklus().id
    c = masuk("timsakip")
    html = c.get(f"/dokumen/kertas-kerja-pengukuran/baru?siklus={sid}&langkah=2").get_data(as_text=True)
    assert '<option value="2026" selected>2026</option>' in html
    assert '<option value="4" selected>Triwulan IV</option>' in html
    assert "RIZKI PRATAMA" in html and "Ketua Tim SAKIP" in html
    # outside a cycle: the last complete year (2025) is not stored, so the newest stored year
    html = c.get("/dokumen/kertas-kerja-pengukuran/baru").get_data(as_text=True)
    assert '<option value="2026" selected>2026</option>' in html


def test_tahun_bawaan_di_luar_siklus(app_siklus, monkeypatch):
    """Outside a cycle: the last complete year when stored, else the newest stored year."""
    from web.inti import waktu
    monkeypatch.setattr(waktu, "hari_ini", lambda inst, kini=None: dt.date(2026, 12, 2))
    with app_siklus.app_context():
        inst = pengguna("admin").instansi
        _rencana(2023)
        assert isian.tahun_bawaan(inst) == 2024
        _rencana(2026)
        assert isian.tahun_bawaan(inst) == 2026
        _rencana(2025)
        assert isian.tahun_bawaan(inst) == 2025


def test_undangan_notulen_pengantar_dari_naskah_sebelumnya(app_siklus):
    with app_siklus.test_request_context():
        s = _siklus("rapat-uji")
        nota = dokumen.buat_dokumen(pengguna("kepala"), "nota-dinas", {}, pdf=False, siklus_id=s.id, langkah_no=1,
                                    isi_bawaan=True)
        assert nota.data["hal"] == s.judul and "Sekretaris mengundang rapat".lower()[:10] in nota.data["isi"]
        assert nota.data["kepada"] == "Sekretaris" and nota.data["dari"].startswith("Kepala Badan")
        langkah.selesaikan_langkah(pengguna("kepala"), s, 1, konfirmasi=True, sekarang=KINI)
        with pytest.raises(InputTidakValid) as e:
            dokumen.buat_dokumen(pengguna("sekretaris"), "undangan-rapat", {}, pdf=False, siklus_id=s.id,
                                 langkah_no=2, isi_bawaan=True)
        assert set(e.value.fields) == {"undangan", "tanggal_rapat", "jam_mulai", "tempat"}  # only a person knows
        und = dokumen.buat_dokumen(pengguna("sekretaris"), "undangan-rapat", {
            "undangan": ["Sekretaris", "Kepala Bidang Mutasi dan Promosi"], "tanggal_rapat": "2026-12-08",
            "jam_mulai": "09:00", "tempat": "Aula BKPSDM"}, pdf=False, siklus_id=s.id, langkah_no=2, isi_bawaan=True)
        assert und.data["hal"] == f"Undangan Rapat {s.judul}" and und.data["acara"] == f"Pembahasan {s.judul}"
        teks = _docx(und)
        assert "a.n. KEPALA BADAN" in teks.replace("\u00a0", " ").upper().replace("A.N.", "a.n.")
        medan = dict.fromkeys(("judul", "tanggal", "jam_mulai", "tempat", "acara", "peserta", "pimpinan", "notulis"),
                              "")
        notulen = dokumen.isian_awal(pengguna("sekretaris"), "notulen-rapat", medan, siklus_id=s.id, langkah_no=2)
        assert notulen["tanggal"] == "2026-12-08" and notulen["tempat"] == "Aula BKPSDM"
        assert notulen["judul"] == f"Rapat {s.judul}"
        assert notulen["peserta"][0] == {"nama": "YULIA RAHMAWATI, S.E., M.M.", "jabatan": "Sekretaris"}
        assert notulen["peserta"][1]["nama"] == "Ir. SYAFRIL ANWAR"
        assert notulen["notulis"]["nama"] == "MEGA PUSPITA SARI, A.Md."
        # the surat pengantar lists the cycle's finished papers only
        assert "naskah" not in dokumen.isian_awal(pengguna("sekretaris"), "surat-pengantar", {"naskah": ""},
                                                  siklus_id=s.id, langkah_no=2)
        nota.status, nota.nomor_surat = "final", "000.1.5/28/BKPSDM-PS/XII/2026"
        sesi().commit()
        awal = dokumen.isian_awal(pengguna("sekretaris"), "surat-pengantar", {"naskah": ""}, siklus_id=s.id,
                                  langkah_no=2)
        assert awal["naskah"] == [{"naskah": f"Nota Dinas {s.judul} Nomor 000.1.5/28/BKPSDM-PS/XII/2026",
                                   "jumlah": 1, "satuan": "berkas"}]


def test_tanggal_dan_penanda_tangan_yang_bertentangan_diperingatkan(app_siklus):
    with app_siklus.test_request_context():
        _rencana(2026)
        s = _siklus()
        dok = dokumen.buat_dokumen(pengguna("timsakip"), "kertas-kerja-pengukuran", {
            "tanggal": "2026-03-02", "tahun_kinerja": 2024,
            "penandatangan": {"jabatan": "Ketua Tim SAKIP", "nama": "ORANG LUAR, S.E."}},
            pdf=False, siklus_id=s.id, langkah_no=2, isi_bawaan=True)
        teks = " ".join(dok.peringatan)
        assert "2 Maret 2026 sebelum periode siklus (Triwulan IV 2026, mulai 1 Oktober 2026)" in teks
        assert "data kinerja tahun 2024 dipakai, padahal siklus ini untuk Triwulan IV 2026" in teks
        assert "ORANG LUAR, S.E. bukan pejabat yang tercatat" in teks


def test_realisasi_triwulan_kosong_diperingatkan(app_siklus):
    with app_siklus.test_request_context():
        _rencana(2026)
        rk = sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.tahun == 2026))
        data = copy.deepcopy(rk.data)
        for sas in data["sasaran"]:
            for ind in sas["indikator"]:
                ind["realisasi_triwulan"] = [*ind["realisasi_triwulan"][:3], None]
        rk.data = data
        sesi().commit()
        s = _siklus()
        dok = dokumen.buat_dokumen(pengguna("timsakip"), "kertas-kerja-pengukuran", {}, pdf=False, siklus_id=s.id,
                                   langkah_no=2, isi_bawaan=True)
        n = sum(len(x["indikator"]) for x in data["sasaran"])
        assert any(f"realisasi Triwulan IV tahun 2026 belum diisi untuk {n} indikator" in p for p in dok.peringatan)


def test_peran_dari_jabatan():
    assert pejabat.peran_dari_jabatan("Kepala Badan Kepegawaian dan Pengembangan SDM") == ["kepala"]
    assert pejabat.peran_dari_jabatan("Kepala Bidang Mutasi dan Promosi") == ["kepala_bidang"]
    assert pejabat.peran_dari_jabatan("Sekretaris") == ["sekretaris"]
    assert pejabat.peran_dari_jabatan("Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan") == [
        "kasubbag_perencanaan"]
    assert pejabat.peran_dari_jabatan("Arsiparis Terampil") == ["arsiparis"]
    assert pejabat.peran_dari_jabatan("Ketua Tim SAKIP") == ["ketua_tim_sakip"]
    assert pejabat.peran_dari_jabatan("Pengelola Data") == []


def test_penyusun_kosong_bila_tak_ada_pemegang_peran(app_siklus):
    """A field whose role nobody holds stays empty: never the Kepala as 'Disusun oleh'."""
    with app_siklus.app_context():
        inst = pengguna("admin").instansi
        for pj in inst.pejabat:
            if "ketua_tim_sakip" in pj.peran:
                pj.peran = [k for k in pj.peran if k != "ketua_tim_sakip"]
        sesi().commit()
        awal = pejabat.isian_dokumen(inst, "kertas-kerja-pengukuran", {"penandatangan", "mengetahui"})
        assert "penandatangan" not in awal and awal["mengetahui"]["jabatan"] == "Sekretaris"


def test_profil_peran_pejabat(app, masuk):
    c = masuk("admin")
    with app.app_context():
        inst = pengguna("admin").instansi
        pj = next(p for p in inst.pejabat if p.data["nama"].startswith("YULIA"))
        pid, unit = pj.id, inst.unit_kerja[1].id
    html = c.get("/profil").get_data(as_text=True)
    assert "Peran dalam dokumen" in html and "Ketua Tim SAKIP" in html
    r = c.post(f"/profil/pejabat/{pid}/peran", data={"peran": ["kepala_bidang"]})
    assert r.status_code == 422 and "memerlukan unit kerja" in r.get_data(as_text=True)
    r = c.post(f"/profil/pejabat/{pid}/peran", data={"peran": ["jenderal"]})
    assert r.status_code == 422 and "peran tidak dikenal: jenderal" in r.get_data(as_text=True)
    with app.app_context():
        assert sesi().get(type(pj), pid).peran == ["sekretaris"]  # nothing saved
    r = c.post(f"/profil/pejabat/{pid}/peran", data={"peran": ["sekretaris", "kepala_bidang"],
                                                     "unit_kerja_id": str(unit)})
    assert r.status_code == 302
    with app.app_context():
        p = sesi().get(type(pj), pid)
        assert (p.peran, p.unit_kerja_id) == (["sekretaris", "kepala_bidang"], unit)
    r = c.post("/profil/pejabat", data={"jabatan": "Ketua Tim SAKIP", "nama": "BARU, S.E.", "peran": ["kepala_bidang"]})
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and "memerlukan unit kerja" in teks and "BARU, S.E." in teks


def test_seri_bawaan_per_jenis(app, masuk):
    with app.app_context():
        from web.layanan import seri_jenis
        inst = pengguna("admin").instansi
        t = seri_jenis.tabel(inst)
        assert t["undangan-rapat"] == "surat-keluar" and t["nota-dinas"] == "nota-dinas"
        assert t["keputusan-sop"] == "keputusan" and t["laporan-hasil-pengukuran"] == "nota-dinas"
    c = masuk("admin")
    r = c.post("/profil/seri-jenis", data={"seri-undangan-rapat": "tidak-ada"})
    assert r.status_code == 422 and "seri &#39;tidak-ada&#39; tidak ada di register" in r.get_data(as_text=True)
    assert c.post("/profil/seri-jenis", data={"seri-undangan-rapat": "nota-dinas"}).status_code == 302
    with app.app_context():
        assert seri_jenis.tabel(pengguna("admin").instansi)["undangan-rapat"] == "nota-dinas"
        # the kop saved afterwards keeps the table
    html = c.get("/profil").get_data(as_text=True)
    assert '<option value="nota-dinas" selected>nota-dinas</option>' in html


def test_konfirmasi_final_menampilkan_nomor_tanpa_mengambilnya(app, masuk):
    app.config["PDF_AKTIF"] = False
    with app.test_request_context():
        dok = dokumen.buat_dokumen(pengguna("sekretaris"), "undangan-rapat", {
            "hal": "Rapat Uji", "undangan": ["Kepala Bidang"], "tanggal": "2026-12-02", "tanggal_rapat": "2026-12-08",
            "jam_mulai": "09:00", "tempat": "Aula", "acara": "Uji"}, pdf=False, isi_bawaan=True)
        did = dok.id
        sebelum = sesi().scalar(select(func.count()).select_from(NomorSurat))
    c = masuk("sekretaris")
    html = c.get(f"/dokumen/{did}").get_data(as_text=True)
    assert '<option value="surat-keluar" selected>' in html and "Finalkan dokumen…" in html
    r = c.get(f"/dokumen/{did}/final?seri=surat-keluar&cara=otomatis")
    teks = r.get_data(as_text=True)
    assert r.status_code == 200 and "akan difinalkan dengan" in teks
    assert "nomor 000.9.2/1/BKPSDM-PS/2026 dari seri surat-keluar" in teks and "Ya, finalkan" in teks
    with app.app_context():
        assert sesi().scalar(select(func.count()).select_from(NomorSurat)) == sebelum
        assert sesi().get(Dokumen, did).status == "konsep"


def test_tahun_rencana_dicatat_bersama_masukan(app_siklus):
    """A paper made outside a cycle records the plan year it used: finalising later renders the same year even
    after a newer plan is stored."""
    with app_siklus.test_request_context():
        dok = dokumen.buat_dokumen(pengguna("timsakip"), "rekapitulasi-capaian", {"tanggal": "2025-01-20"}, pdf=False,
                                   isi_bawaan=True)
        assert dok.data["tahun_kinerja"] == 2024 and "triwulan_kinerja" not in dok.data
        _rencana(2026)
        ulang = dokumen.lengkapi("rekapitulasi-capaian", dok.data, pengguna("timsakip"))
        assert ulang["kinerja"]["tahun"] == 2024
