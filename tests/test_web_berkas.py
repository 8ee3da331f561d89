"""The archive bundle of a cycle in the web app: papers gathered in step order, finished files filed as they are,
progress naming the item, cancellation, download limited to the agency, roles."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile

import pytest
from sqlalchemy import select

from tests.conftest import teks_pdf
from tests.data_uji import pengguna as _p
from tests.data_uji import sampel_dokumen as _sampel
from tests.sop_uji import pasang_bawaan
from web import tugas
from web.inti.db import sesi
from web.inti.models import BerkasArsip, Dokumen, Siklus
from web.inti.penyimpanan import penyimpanan
from web.layanan import berkas, langkah
from web.layanan import siklus as siklus_baca
from web.layanan.dokumen import buat_dokumen


@pytest.fixture
def siklus_berdokumen(app, tmp_path):
    """A cycle of the test SOP with a nota dinas (step 1, twice: only the newer draft is filed) and a
    laporan hasil pengukuran (step 4)."""
    pasang_bawaan(app, tmp_path / "sop")
    with app.app_context():
        s = langkah.mulai_siklus(_p("perencana"), kode="pengukuran-uji", periode_jenis="triwulan", periode_ke=2,
                            tahun=2024, sekarang=dt.datetime.now(dt.UTC))
        nota = _sampel("nota-dinas")
        lama = buat_dokumen(_p("kepala"), "nota-dinas", nota, siklus_id=s.id, langkah_no=1, pdf=False)
        nota_baru = dict(nota, hal="Pelaksanaan Pengukuran Kinerja Triwulan II (perbaikan)")
        baru = buat_dokumen(_p("kepala"), "nota-dinas", nota_baru, siklus_id=s.id, langkah_no=1)
        lhp = buat_dokumen(_p("timsakip"), "laporan-hasil-pengukuran", _sampel("laporan-hasil-pengukuran"),
                           siklus_id=s.id, langkah_no=4)
        return s.id, lama.id, baru.id, lhp.id


def test_pilih_dokumen_final_dan_konsep_terbaru(app, siklus_berdokumen):
    sid, lama, baru, lhp = siklus_berdokumen
    with app.app_context():
        s = sesi().get(Siklus, sid)
        dipilih = [d.id for d in berkas.pilih_dokumen(siklus_baca.dokumen_siklus(s))]
        assert dipilih == [baru, lhp]
        # once the older one is final, it is filed too (a final paper is a record), in step then id order
        sesi().get(Dokumen, lama).status = "final"
        sesi().commit()
        dipilih = [d.id for d in berkas.pilih_dokumen(siklus_baca.dokumen_siklus(s))]
        assert dipilih == [lama, lhp]


def _tunggu(client, url: str, batas: float = 120) -> dict:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        s = client.get(url, headers={"Accept": "application/json"}).get_json()
        if s["status"] in ("selesai", "gagal", "dibatalkan"):
            return s
        time.sleep(0.2)
    raise AssertionError("berkas tidak selesai")


def test_berkas_siklus_lewat_web(app, client, masuk, siklus_berdokumen, tmp_path):
    sid, _lama, baru, _lhp = siklus_berdokumen
    masuk("arsiparis")
    r = client.post(f"/siklus/{sid}/berkas")
    assert r.status_code == 302
    url = r.headers["Location"]
    assert "Menyusun berkas arsip" in client.get(url).get_data(as_text=True)
    s = _tunggu(client, url)
    assert s["status"] == "selesai", s
    assert s["url"].endswith(f"/siklus/{sid}#berkas")
    with app.app_context():
        b = sesi().scalar(select(BerkasArsip).where(BerkasArsip.siklus_id == sid))
        dok_baru = sesi().get(Dokumen, baru)
        docx_asli = penyimpanan().baca(dok_baru.berkas_docx)
    r = client.get(f"/berkas/{b.id}/unduh")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    isi = r.data
    r.close()
    z = zipfile.ZipFile(io.BytesIO(isi))
    nama = z.namelist()
    assert nama[:6] == ["00-daftar-isi-berkas.docx", "00-daftar-isi-berkas.pdf", "01-nota-dinas.docx",
                        "01-nota-dinas.pdf", "02-laporan-hasil-pengukuran.docx", "02-laporan-hasil-pengukuran.pdf"]
    # the stored paper is filed byte for byte, not rendered again
    assert z.read("01-nota-dinas.docx") == docx_asli
    manifest = json.loads(z.read("manifest.json"))
    assert [i["slug"] for i in manifest["item"]] == ["nota-dinas", "laporan-hasil-pengukuran"]
    assert manifest["item"][0]["sumber"].startswith("naskah jadi")
    pdf = next(n for n in nama if n.startswith("berkas-") and n.endswith(".pdf"))
    teks = teks_pdf(z.read(pdf), tmp_path)
    assert "DAFTAR ISI BERKAS" in teks and "perbaikan" in teks
    assert f"/PENGUKURAN-UJI/2024/{sid:03d}" in teks
    # the cycle page lists the berkas with its download link
    html = client.get(f"/siklus/{sid}").get_data(as_text=True)
    assert f"/berkas/{b.id}/unduh" in html
    # what making it warned about is stored with it and shown there (its layout here: nothing)
    assert b.peringatan == manifest["peringatan"]
    assert not [p for p in b.peringatan if p.startswith("Tata letak")]


def test_temuan_tata_letak_berkas_tampil_di_siklus(app, client, masuk, siklus_berdokumen, monkeypatch):
    """A layout finding on the merged PDF is a warning on the cycle page beside the berkas, not a silent pass."""
    from docgen import tata_letak

    sid = siklus_berdokumen[0]
    temuan = tata_letak.Temuan(3, "penutup sendiri", "halaman ini hanya memuat penutup, tanda tangan dan/atau "
                                                     "tembusan; bawa sedikitnya dua baris isi bersamanya")
    monkeypatch.setattr(tata_letak, "periksa", lambda pdf: [temuan])
    masuk("arsiparis")
    s = _tunggu(client, client.post(f"/siklus/{sid}/berkas").headers["Location"])
    assert s["status"] == "selesai", s
    html = client.get(f"/siklus/{sid}").get_data(as_text=True)
    assert "Peringatan saat berkas disusun" in html
    assert "Tata letak PDF gabungan: hal. 3: halaman ini hanya memuat penutup" in html


def test_berkas_dibatalkan_tanpa_berkas(app, client, masuk, siklus_berdokumen, monkeypatch):
    sid = siklus_berdokumen[0]
    masuk("arsiparis")
    asli = berkas.data_siklus

    def lambat(*a, **kw):
        time.sleep(1.0)
        return asli(*a, **kw)

    monkeypatch.setattr(berkas, "data_siklus", lambat)
    r = client.post(f"/siklus/{sid}/berkas")
    url = r.headers["Location"]
    tid = url.rsplit("/", 1)[-1]
    r = client.post(f"/berkas/tugas/{tid}/batal")
    assert r.status_code == 302
    s = _tunggu(client, url)
    assert s["status"] == "dibatalkan" and "dibatalkan" in s["pesan"]
    with app.app_context():
        assert sesi().scalar(select(BerkasArsip).where(BerkasArsip.siklus_id == sid)) is None
    folder = app.config["PENYIMPANAN"] / "berkas" / str(sid)
    assert not folder.exists() or not any(folder.iterdir())
    with app.app_context():
        assert tugas.batalkan(tid) is False


def test_berkas_peran_instansi_dan_siklus_kosong(app, client, masuk, siklus_berdokumen):
    sid = siklus_berdokumen[0]
    masuk("bidang.kompetensi")
    assert client.post(f"/siklus/{sid}/berkas").status_code == 403
    client.post("/keluar")
    masuk("arsiparis")
    assert client.post("/siklus/99999/berkas").status_code == 404
    assert client.get("/berkas/99999/unduh").status_code == 404
    assert client.get("/berkas/tugas/tidak-ada").status_code == 404
    # a cycle without papers: a clear message, no job
    with app.app_context():
        kosong = langkah.mulai_siklus(_p("perencana"), kode="pengukuran-uji", periode_jenis="triwulan", periode_ke=3,
                                 tahun=2024, sekarang=dt.datetime.now(dt.UTC))
        kid = kosong.id
    r = client.post(f"/siklus/{kid}/berkas", follow_redirects=True)
    assert "belum punya naskah untuk diberkaskan" in r.get_data(as_text=True)


def test_berkas_melebihi_batas_butir_ditolak_sebelum_tugas(app, client, masuk, siklus_berdokumen, monkeypatch):
    """More papers than a bundle numbers (99; here lowered to 1) are refused on the request, before a job starts."""
    from web.inti.models import TugasLatar

    sid = siklus_berdokumen[0]
    monkeypatch.setattr(berkas.bundle, "MAKS_ITEM", 1)
    masuk("arsiparis")
    r = client.post(f"/siklus/{sid}/berkas", follow_redirects=True)
    teks = r.get_data(as_text=True)
    assert "Siklus ini punya 2 naskah untuk diberkaskan" in teks
    assert "paling banyak 1 naskah" in teks
    with app.app_context():
        assert sesi().scalars(select(TugasLatar)).all() == []
