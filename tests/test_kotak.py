"""Work finds its people: the inbox (home page and /kotak) overdue first with the return note, the note on the step
card, the filer's home (cycles ready to file, bundles made), the drafts on the home page, e-mail addresses of users."""

from __future__ import annotations

import datetime as dt
import re

from click.testing import CliRunner
from sqlalchemy import select

from tests.data_uji import pengguna as _p
from tests.siklus_uji import JUMAT, sampai_keputusan
from tests.siklus_uji import mulai as _mulai
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Audit, BerkasArsip, Pengguna, Siklus
from web.layanan import dokumen, kotak, langkah
from web.perintah.akun import user
from web.views import beranda

CATATAN = "Sertakan data dukung realisasi IKU 2."


def _kembalikan(app) -> int:
    """A cycle whose step 5 (sekretaris) sent it back to step 2 (tim SAKIP) with CATATAN; its id."""
    with app.app_context():
        s = _mulai()
        t = sampai_keputusan(s, JUMAT)
        langkah.putuskan(_p("sekretaris"), s, 5, "tidak", CATATAN, sekarang=t + dt.timedelta(minutes=30))
        return s.id


def test_catatan_pengembalian_di_beranda_kotak_dan_kartu_langkah(app_sop, client, masuk):
    sid = _kembalikan(app_sop)
    with app_sop.app_context():
        sekretaris = _p("sekretaris").nama
        butir = kotak.kotak_masuk(_p("timsakip"), sekarang=waktu.sekarang())
        assert [(b.siklus.id, b.langkah.no, b.putaran) for b in butir] == [(sid, 2, 2)]
        k = butir[0].kembali
        assert (k.dari, k.catatan, k.oleh) == (5, CATATAN, sekretaris)
    masuk("timsakip")
    catatan = f"<strong>Dikembalikan dari langkah 5 oleh {sekretaris}:</strong> {CATATAN}"
    html = client.get("/beranda").get_data(as_text=True)
    assert "Kotak masuk · Menunggu tindakan Anda" in html and catatan in html
    assert "putaran ke-2" in html and "Tim menyusun kertas kerja pengukuran kinerja" in html
    assert catatan in client.get("/kotak").get_data(as_text=True)
    html = client.get(f"/siklus/{sid}").get_data(as_text=True)
    kartu = html[html.index('id="tindakan"'):html.index("<h2>Langkah</h2>")]
    assert f"<strong>Dikembalikan dari langkah 5 oleh {sekretaris}</strong> · 7 Juni 2024 pukul 14.30 WIB" in kartu
    assert f'<div class="siklus-catatan">{CATATAN}</div>' in kartu and "putaran ke-2" in kartu
    # Step 3 (between the target and the decision) runs again too, with the same note; step 6 after a YA has none.
    with app_sop.app_context():
        s = sesi().get(Siklus, sid)
        t = JUMAT + dt.timedelta(hours=6)
        langkah.selesaikan_langkah(_p("timsakip"), s, 2, konfirmasi=True, sekarang=t)
        (b,) = kotak.kotak_masuk(_p("bidang.kompetensi"), sekarang=t)
        assert (b.langkah.no, b.putaran, b.kembali.dari, b.kembali.catatan) == (3, 2, 5, CATATAN)
        for no, u in ((3, "bidang.kompetensi"), (4, "timsakip")):
            langkah.selesaikan_langkah(_p(u), s, no, konfirmasi=True, sekarang=t)
        (b,) = kotak.kotak_masuk(_p("sekretaris"), sekarang=t)
        assert (b.langkah.no, b.putaran, b.kembali.dari) == (5, 2, 5)  # the decider sees their earlier note
        langkah.putuskan(_p("sekretaris"), s, 5, "ya", "", sekarang=t)
        (b,) = kotak.kotak_masuk(_p("sekretaris"), sekarang=t)
        assert (b.langkah.no, b.putaran, b.kembali) == (6, 1, None)
    masuk("sekretaris")
    html = client.get(f"/siklus/{sid}").get_data(as_text=True)
    assert "siklus-kembali" not in html[html.index('id="tindakan"'):html.index("<h2>Langkah</h2>")]


def test_kotak_terlambat_dulu_lalu_menurut_tenggat(app_sop, client, masuk, monkeypatch):
    kini = waktu.sekarang()
    with app_sop.app_context():
        # Made in this order so that the newest-first list of cycles is not already the right order.
        c = _mulai(periode_ke=3, sekarang=kini)  # step 1 of 10 menit: due in 10 minutes
        b = _mulai(periode_ke=2, sekarang=kini - dt.timedelta(minutes=6))  # due in 4 minutes
        a = _mulai(periode_ke=1, sekarang=JUMAT)  # overdue since 2024
        urut = [x.siklus.id for x in kotak.kotak_masuk(_p("kepala"), sekarang=kini)]
        assert urut == [a.id, b.id, c.id]
        assert [x.siklus.id for x in kotak.kotak_masuk(_p("admin"), sekarang=kini)] == urut  # admin acts on any
        assert kotak.kotak_masuk(_p("bidang.kompetensi"), sekarang=kini) == []
    masuk("kepala")
    html = client.get("/kotak").get_data(as_text=True)
    assert "3 langkah, 1 terlambat" in html
    judul = re.findall(r"<strong>(Pengukuran Kinerja Triwulan [IV]+ Tahun 2024)</strong>", html)
    assert judul == ["Pengukuran Kinerja Triwulan I Tahun 2024", "Pengukuran Kinerja Triwulan II Tahun 2024",
                     "Pengukuran Kinerja Triwulan III Tahun 2024"]
    assert html.count('class="lencana merah">Terlambat') == 1
    monkeypatch.setattr(beranda, "DI_BERANDA", 2)
    html = client.get("/beranda").get_data(as_text=True)
    assert "Triwulan III" not in html and '<a href="/kotak">Lihat semua 3 langkah di kotak masuk ›</a>' in html
    masuk("bidang.kompetensi")
    html = client.get("/beranda").get_data(as_text=True)
    assert "Tidak ada langkah siklus yang menunggu peran Anda." in html and "Menunggu tindakan Anda" not in html
    assert "Kotak masuk kosong" in client.get("/kotak").get_data(as_text=True)


def _selesaikan_siklus(s: Siklus) -> None:
    t = sampai_keputusan(s, JUMAT)
    langkah.putuskan(_p("sekretaris"), s, 5, "ya", "", sekarang=t)  # makes the lembar disposisi of step 5
    langkah.selesaikan_langkah(_p("sekretaris"), s, 6, konfirmasi=True, sekarang=t)
    langkah.selesaikan_langkah(_p("arsiparis"), s, 7, konfirmasi=True, sekarang=t + dt.timedelta(hours=1))
    assert s.status == "selesai"


def test_beranda_arsiparis_siap_diberkaskan_dan_berkas_yang_dibuat(app_sop, client, masuk):
    with app_sop.app_context():
        siap = _mulai(periode_ke=2)
        _selesaikan_siklus(siap)
        sudah = _mulai(periode_ke=3)
        _selesaikan_siklus(sudah)
        berjalan = _mulai(periode_ke=4)
        b = BerkasArsip(instansi_id=sudah.instansi_id, siklus_id=sudah.id, kode="BKPSDM-PS/PENGUKURAN-UJI/2024/002",
                        berkas=f"berkas/{sudah.id}/x.zip", sha256="0" * 64, ukuran=20480,
                        dibuat_oleh=_p("arsiparis").id, dibuat=JUMAT + dt.timedelta(days=1))
        sesi().add(b)
        sesi().commit()
        ids = (siap.id, sudah.id, berjalan.id, b.id)
    masuk("arsiparis")
    html = client.get("/beranda").get_data(as_text=True)
    bagian = html[html.index('id="arsip"'):html.index("</section>", html.index('id="arsip"'))]
    siap_html = bagian[:bagian.index("Berkas arsip yang sudah dibuat")]
    assert (f'<a href="/siklus/{ids[0]}#berkas">Pengukuran Kinerja Triwulan II Tahun 2024</a>' in siap_html
            and "1 naskah" in siap_html and "selesai 7 Juni 2024 pukul 15.00 WIB" in siap_html)
    assert "Triwulan III" not in siap_html and "Triwulan IV" not in siap_html
    dibuat = bagian[bagian.index("Berkas arsip yang sudah dibuat"):]
    assert (f'<a href="/berkas/{ids[3]}/unduh">BKPSDM-PS/PENGUKURAN-UJI/2024/002</a> (20 KB) · '
            f'<a href="/siklus/{ids[1]}#berkas">Pengukuran Kinerja Triwulan III Tahun 2024</a>') in dibuat
    masuk("kepala")
    assert 'id="arsip"' not in client.get("/beranda").get_data(as_text=True)


def test_draf_di_beranda_dengan_tautan_lanjutkan(app_sop, client, masuk):
    with app_sop.app_context():
        dokumen.simpan_draf(_p("kepala"), "nota-dinas", {"hal": "Pengukuran triwulan"})
    masuk("kepala")
    html = client.get("/beranda").get_data(as_text=True)
    assert "Konsep tersimpan (draf)" in html and '<a href="/dokumen/nota-dinas/baru">Nota Dinas</a>' in html
    assert "Pengukuran triwulan" in client.get("/dokumen/nota-dinas/baru").get_data(as_text=True)
    masuk("timsakip")
    assert "Konsep tersimpan" not in client.get("/beranda").get_data(as_text=True)


def test_surel_pengguna_di_halaman_admin_dan_perintah(app, client, masuk, monkeypatch):
    masuk("admin")
    r = client.post("/profil/pengguna", data={"username": "operator.baru", "nama": "Operator", "peran": "sekretaris",
                                              "surel": "budi@", "sandi": "sandi-rahasia-1",
                                              "sandi_ulang": "sandi-rahasia-1"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "bukan alamat surel yang sah (contoh: nama@instansi.go.id)" in html and 'value="budi@"' in html
    r = client.post("/profil/pengguna", data={"username": "operator.baru", "nama": "Operator", "peran": "sekretaris",
                                              "surel": " Budi.Santoso@BKPSDM.Contoh.GO.ID ",
                                              "sandi": "sandi-rahasia-1", "sandi_ulang": "sandi-rahasia-1"})
    assert r.status_code == 302
    with app.app_context():
        baru = _p("operator.baru")
        assert baru.surel == "Budi.Santoso@bkpsdm.contoh.go.id"
        pid = baru.id
    r = client.post(f"/profil/pengguna/{pid}/surel", data={"surel": "dua@@contoh.go.id"})
    assert r.status_code == 422 and "Surel: bukan alamat surel yang sah" in r.get_data(as_text=True)
    r = client.post(f"/profil/pengguna/{pid}/surel", data={"surel": "operator@contoh.go.id"}, follow_redirects=True)
    assert "Surel operator.baru diubah menjadi operator@contoh.go.id." in r.get_data(as_text=True)
    r = client.post(f"/profil/pengguna/{pid}/surel", data={"surel": ""}, follow_redirects=True)
    assert "Surel operator.baru dikosongkan." in r.get_data(as_text=True)
    with app.app_context():
        assert _p("operator.baru").surel == ""
        jejak = sesi().scalars(select(Audit.rincian).where(Audit.aksi == "pengguna.surel").order_by(Audit.id)).all()
        assert [(j["lama"], j["baru"]) for j in jejak] == [
            ("Budi.Santoso@bkpsdm.contoh.go.id", "operator@contoh.go.id"), ("operator@contoh.go.id", "")]
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("DOCGEN_STORAGE", str(app.config["PENYIMPANAN"]))
    hasil = CliRunner().invoke(user, ["create", "--username", "arsip.dua", "--role", "arsiparis", "--surel",
                                      "arsip@contoh.go.id", "--password-stdin"], input="sandi-rahasia-2\n")
    assert hasil.exit_code == 0, hasil.output
    salah = CliRunner().invoke(user, ["create", "--username", "arsip.tiga", "--role", "arsiparis", "--surel",
                                      "arsip", "--password-stdin"], input="sandi-rahasia-2\n")
    assert salah.exit_code == 2 and "surel: bukan alamat surel yang sah" in salah.output
    with app.app_context():
        assert sesi().scalar(select(Pengguna.surel).where(Pengguna.username == "arsip.dua")) == "arsip@contoh.go.id"
