"""The agency profile page: admin only, kop validated by docgen's schema, logo checked by content, officials,
unit kerja, settings and the agency's own days off."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Audit, Instansi, Pejabat, UnitKerja
from web.inti.penyimpanan import penyimpanan
from web.layanan.instansi import profil_instansi


def _instansi(app) -> Instansi:
    with app.app_context():
        return sesi().scalar(select(Instansi))


def _png(ukuran=(40, 40)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", ukuran, (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def test_hanya_admin(client, masuk):
    masuk("bidang.kompetensi")
    assert client.get("/profil").status_code == 403
    assert client.post("/profil/kop", data={"nama": "X"}).status_code == 403
    assert "Profil instansi" not in client.get("/beranda").get_data(as_text=True)


def test_admin_melihat_profil(client, masuk):
    masuk("admin")
    r = client.get("/profil")
    teks = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia" in teks
    assert "NIP. " in teks and "Bidang Mutasi dan Promosi" in teks
    assert client.get("/profil/logo").status_code == 200


def test_nip_salah_ditampilkan_data_lama_utuh(app, client, masuk):
    masuk("admin")
    with app.app_context():
        sebelum = [p.data for p in sesi().scalars(select(Pejabat).order_by(Pejabat.id))]
    r = client.post("/profil/pejabat", data={"jabatan": "Kepala Bidang Mutasi", "nama": "BUDI, S.H.",
                                             "nip": "12345", "golongan": "III/d"})
    teks = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "NIP harus 18 digit angka" in teks
    assert 'value="BUDI, S.H."' in teks  # the typed input is kept
    with app.app_context():
        assert [p.data for p in sesi().scalars(select(Pejabat).order_by(Pejabat.id))] == sebelum

    r = client.post("/profil/pejabat", data={"jabatan": "Kepala Bidang Mutasi", "nama": "BUDI, S.H.",
                                             "nip": "19800101 200501 1 003", "golongan": "III/d"})
    assert r.status_code == 302
    with app.app_context():
        baru = sesi().scalars(select(Pejabat).order_by(Pejabat.id.desc())).first()
        assert baru.data["nip"] == "198001012005011003" and baru.data["pangkat"] == "Penata Tingkat I"
        pid = baru.id
    assert client.post(f"/profil/pejabat/{pid}/hapus").status_code == 302
    with app.app_context():
        assert sesi().get(Pejabat, pid) is None


def test_kop_divalidasi_per_kolom(app, client, masuk):
    masuk("admin")
    lama = _instansi(app).profil
    r = client.post("/profil/kop", data={"pemerintah": "Pemerintah Kabupaten Pesisir Selatan", "nama": "",
                                         "alamat": "Jalan Baru", "kota": "Painan", "zona_waktu": "WITA"})
    assert r.status_code == 422 and "tidak boleh kosong" in r.get_data(as_text=True)
    assert _instansi(app).profil == lama
    data = {k: lama.get(k, "") for k in ("pemerintah", "nama", "singkatan", "alamat", "kota", "kode_pos")}
    r = client.post("/profil/kop", data={**data, "alamat": "Jalan Baru No. 1", "zona_waktu": "WIB"})
    assert r.status_code == 302
    assert _instansi(app).profil["alamat"] == "Jalan Baru No. 1"


def test_logo_teks_ditolak_png_diterima(app, client, masuk):
    masuk("admin")
    lama = _instansi(app).logo
    isi_lama = penyimpanan(app).baca(lama)
    r = client.post("/profil/logo", data={"logo": (io.BytesIO(b"bukan gambar sama sekali"), "logo.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 422
    assert "bukan gambar PNG atau JPEG" in r.get_data(as_text=True)
    assert _instansi(app).logo == lama and penyimpanan(app).baca(lama) == isi_lama

    # Encoded in memory: the test client would spool a body this large to a temporary file it never closes.
    badan, panjang, batas = stream_encode_multipart(
        {"logo": FileStorage(io.BytesIO(_png() + b"\0" * (2 * 1024 * 1024)), "besar.png")}, use_tempfile=False)
    r = client.post("/profil/logo", input_stream=badan, content_length=panjang,
                    content_type=f'multipart/form-data; boundary="{batas}"')
    assert r.status_code == 422 and "lebih dari 2 MB" in r.get_data(as_text=True)

    png = _png()
    r = client.post("/profil/logo", data={"logo": (io.BytesIO(png), "logo-baru.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    baru = _instansi(app).logo
    assert baru == f"logo/instansi-1-{hashlib.sha256(png).hexdigest()[:16]}.png"  # a key of its content
    assert penyimpanan(app).baca(baru) == png and client.get("/profil/logo").data == png
    # the replaced logo stays (released) until the sweep removes it after the grace period
    assert penyimpanan(app).baca(lama) == isi_lama


def test_unit_kerja_dipakai_tidak_dapat_dihapus(app, client, masuk):
    masuk("admin")
    with app.app_context():
        mutasi = sesi().scalar(select(UnitKerja).where(UnitKerja.nama == "Bidang Mutasi dan Promosi")).id
    r = client.post(f"/profil/unit/{mutasi}/hapus")
    assert r.status_code == 409 and "masih dipakai" in r.get_data(as_text=True)
    assert client.post("/profil/unit", data={"nama": "bidang mutasi dan promosi"}).status_code == 422
    assert client.post("/profil/unit", data={"nama": "Bidang Pengadaan"}).status_code == 302
    with app.app_context():
        baru = sesi().scalar(select(UnitKerja).where(UnitKerja.nama == "Bidang Pengadaan")).id
    assert client.post(f"/profil/unit/{baru}/hapus").status_code == 302
    with app.app_context():
        assert sesi().get(UnitKerja, baru) is None and sesi().get(UnitKerja, mutasi) is not None


def test_pengaturan(app, client, masuk):
    masuk("admin")
    r = client.post("/profil/pengaturan", data={"ukuran_kertas": "A5", "gaya_diktum": "PERTAMA",
                                                "predikat": "lima_tingkat"})
    assert r.status_code == 422 and "harus salah satu dari" in r.get_data(as_text=True)
    r = client.post("/profil/pengaturan", data={"ukuran_kertas": "A4", "gaya_diktum": "PERTAMA",
                                                "predikat": "permenpan_6_2022"})
    assert r.status_code == 302
    inst = _instansi(app)
    assert inst.profil["pengaturan"] == {"ukuran_kertas": "A4", "gaya_diktum": "PERTAMA", "posisi_qr": "kanan_bawah"}
    assert inst.pengaturan_capaian["predikat"] == "permenpan_6_2022"
    assert inst.pengaturan_capaian["batas_rata_rata"] == 120  # other capaian settings are kept


def test_pengaturan_posisi_qr(app, client, masuk):
    masuk("admin")
    assert 'name="posisi_qr"' in client.get("/profil").get_data(as_text=True)
    r = client.post("/profil/pengaturan", data={"ukuran_kertas": "F4", "gaya_diktum": "KESATU",
                                                "posisi_qr": "tengah_atas", "predikat": "lima_tingkat"})
    assert r.status_code == 422 and "harus salah satu dari" in r.get_data(as_text=True)
    r = client.post("/profil/pengaturan", data={"ukuran_kertas": "F4", "gaya_diktum": "KESATU",
                                                "posisi_qr": "kiri_bawah", "predikat": "lima_tingkat"})
    assert r.status_code == 302
    assert _instansi(app).profil["pengaturan"]["posisi_qr"] == "kiri_bawah"


def test_hari_libur_instansi_tambah_salah_hapus(app, client, masuk):
    masuk("admin")
    teks = client.get("/profil?tahun=2025").get_data(as_text=True)
    assert "Libur nasional dan cuti bersama 2025" in teks and "Belum ada hari libur instansi." in teks
    assert "Rabu, 2 April 2025</td><td>Cuti Bersama Hari Raya Idul Fitri</td><td>Cuti bersama" in teks
    assert "Senin, 31 Maret 2025</td><td>Hari Raya Idul Fitri</td><td>Libur nasional" in teks
    lama = _instansi(app).profil

    for isian, pesan in [
        ({"tanggal": "2025-02-30", "keterangan": "Hari Jadi"}, "Tanggal: harus tanggal dengan format TTTT-BB-HH"),
        ({"tanggal": "1999-04-09", "keterangan": "Hari Jadi"}, "Tanggal: tahun 1999 di luar rentang 2000 sampai 2100"),
        ({"tanggal": "2025-04-09", "keterangan": "  "}, "Keterangan: tidak boleh kosong"),
    ]:
        r = client.post("/profil/libur", data=isian)
        teks = r.get_data(as_text=True)
        assert r.status_code == 422 and "Hari libur belum ditambahkan:" in teks and pesan in teks, isian
        assert f'value="{isian["tanggal"]}"' in teks  # the typed input is kept
        assert _instansi(app).profil == lama

    r = client.post("/profil/libur", data={"tanggal": "2025-04-09", "keterangan": " Hari Jadi Kabupaten "})
    assert r.status_code == 302 and r.headers["Location"].endswith("/profil#libur")
    assert _instansi(app).profil["hari_libur"] == [{"tanggal": "2025-04-09", "keterangan": "Hari Jadi Kabupaten"}]
    assert "Hari libur instansi 9 April 2025 (Hari Jadi Kabupaten) ditambahkan." in client.get("/profil").get_data(
        as_text=True)
    r = client.post("/profil/libur", data={"tanggal": "2025-04-09", "keterangan": "Lagi"})
    assert r.status_code == 422
    assert ("Tanggal: Tanggal 9 April 2025 sudah ada dalam daftar libur instansi (Hari Jadi Kabupaten)."
            in r.get_data(as_text=True))
    r = client.post("/profil/libur", data={"tanggal": "2025-04-02", "keterangan": "Libur tambahan"})
    assert r.status_code == 302
    assert "Tanggal itu juga Cuti Bersama Hari Raya Idul Fitri." in client.get("/profil").get_data(as_text=True)

    # the kop form keeps the days off; documents never see them
    kop = {k: v for k, v in _instansi(app).profil.items() if k in ("pemerintah", "nama", "alamat", "kota")}
    assert client.post("/profil/kop", data={**kop, "zona_waktu": "WIB"}).status_code == 302
    assert [h["tanggal"] for h in _instansi(app).profil["hari_libur"]] == ["2025-04-02", "2025-04-09"]
    with app.app_context():
        inst = sesi().scalar(select(Instansi))
        assert "hari_libur" not in profil_instansi(inst)
        assert waktu.kalender(inst).tambah(dt.date(2025, 3, 27), 3) == dt.date(2025, 4, 11)

    assert client.post("/profil/libur/2025-04-10/hapus").status_code == 404
    assert client.post("/profil/libur/bukan-tanggal/hapus").status_code == 404
    assert client.post("/profil/libur/2025-04-09/hapus").status_code == 302
    assert _instansi(app).profil["hari_libur"] == [{"tanggal": "2025-04-02", "keterangan": "Libur tambahan"}]
    with app.app_context():
        catatan = [(a.aksi, a.rincian) for a in sesi().scalars(
            select(Audit).where(Audit.aksi.like("profil.libur%")).order_by(Audit.id))]
    assert catatan == [("profil.libur_tambah", {"tanggal": "2025-04-09", "keterangan": "Hari Jadi Kabupaten"}),
                       ("profil.libur_tambah", {"tanggal": "2025-04-02", "keterangan": "Libur tambahan"}),
                       ("profil.libur_hapus", {"tanggal": "2025-04-09", "keterangan": "Hari Jadi Kabupaten"})]


def test_hari_libur_hanya_admin(client, masuk):
    masuk("bidang.kompetensi")
    assert client.post("/profil/libur", data={"tanggal": "2025-04-09", "keterangan": "X"}).status_code == 403
    assert client.post("/profil/libur/2025-04-09/hapus").status_code == 403
