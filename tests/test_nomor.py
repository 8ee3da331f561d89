"""The letter-number register: atomic numbers across threads and processes (SQLite and PostgreSQL), inserted
numbers, voiding, the outgoing-letter book, the `docgen nomor` commands and the register page."""
from __future__ import annotations

import datetime as dt
import io
import multiprocessing
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from docgen.errors import DocgenError
from tests.basis_uji import pg_sementara
from web.inti.models import Instansi, NomorSurat, Pengguna, PenghitungNomor, SeriNomor
from web.layanan import nomor

JUMLAH_PROSES = 8
PER_PROSES = 200


def _siapkan(url: str, penyimpanan: Path) -> None:
    from web.inti.db import buat_engine, migrasi
    from web.layanan.contoh import muat_contoh

    migrasi(url)
    engine = buat_engine(url)
    with sessionmaker(bind=engine)() as db:
        muat_contoh(db, penyimpanan)
    engine.dispose()


@pytest.fixture
def url_sqlite(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    _siapkan(url, tmp_path / "berkas")
    return url


@pytest.fixture
def db(url_sqlite):
    from web.inti.db import buat_engine

    engine = buat_engine(url_sqlite)
    with sessionmaker(bind=engine, expire_on_commit=False)() as s:
        yield s
    engine.dispose()


@pytest.fixture
def url_postgresql(tmp_path):
    """A throwaway database on the local PostgreSQL server (trust auth), dropped afterwards."""
    with pg_sementara(migrasi=False) as url:  # skipped without a server, failed under CI=true
        _siapkan(url, tmp_path / "berkas")
        yield url


def _instansi_id(db: Session) -> int:
    return db.scalar(select(Instansi.id).order_by(Instansi.id))


def _ambil(db: Session, tanggal: str, seri: str = "surat-keluar", **kw) -> NomorSurat:
    return nomor.ambil(db, instansi_id=_instansi_id(db), seri_kode=seri, tanggal=dt.date.fromisoformat(tanggal), **kw)


# -- plain numbers, inserted numbers, voiding ----------------------------------------------------------------------


def test_nomor_berurutan_per_seri_dan_tahun(db):
    a = _ambil(db, "2025-01-20", hal="Undangan rapat", tujuan="Para Kepala Bidang")
    b = _ambil(db, "2025-02-03")
    assert (a.urut, b.urut) == (1, 2)
    assert a.nomor == "000.9.2/1/BKPSDM-PS/2025" and b.nomor == "000.9.2/2/BKPSDM-PS/2025"
    assert a.hal == "Undangan rapat" and a.tujuan == "Para Kepala Bidang" and a.status == "dipakai"
    nd = _ambil(db, "2025-03-05", seri="nota-dinas")
    assert nd.nomor == "000.1.5/1/BKPSDM-PS/III/2025"  # own series, Roman month from the letter's date
    assert _ambil(db, "2026-01-02").nomor == "000.9.2/1/BKPSDM-PS/2026"  # a new year starts at 1
    assert _ambil(db, "2025-12-31").urut == 3
    assert db.scalar(select(PenghitungNomor.terakhir).where(PenghitungNomor.tahun == 2025,
                                                            PenghitungNomor.seri_id == a.seri_id)) == 3


def test_seri_tidak_dikenal_pesan_indonesia(db):
    with pytest.raises(DocgenError) as e:
        _ambil(db, "2025-01-20", seri="tidak-ada")
    assert e.value.pesan == "Seri nomor 'tidak-ada' tidak dikenal"
    assert e.value.fields == {"seri": "seri yang ada: nota-dinas, keputusan, surat-keluar"}


def test_transaksi_gagal_tidak_melewatkan_nomor(db):
    """The counter moves in the same transaction as the register row: a rollback gives the number back."""
    s = nomor.seri(db, _instansi_id(db), "surat-keluar")
    _ambil(db, "2025-01-02")
    calon = nomor.rencanakan(db, s, dt.date(2025, 1, 3), "biasa")
    baris = nomor.pakai(db, calon, hal="akan gagal")
    assert baris.urut == 2
    db.rollback()  # e.g. the document could not be made
    assert _ambil(db, "2025-01-03").urut == 2
    assert [b.urut for b in nomor.daftar(db, _instansi_id(db), 2025, "surat-keluar")] == [1, 2]


def test_nomor_tebakan_bentrok_bila_sudah_diambil(db):
    """A document rendered with a predicted number is refused when another writer took that number first."""
    s = nomor.seri(db, _instansi_id(db), "surat-keluar")
    calon = nomor.rencanakan(db, s, dt.date(2025, 1, 3), "biasa", tebak=True)
    assert calon.urut == 1
    _ambil(db, "2025-01-03")  # someone else, meanwhile
    with pytest.raises(nomor.NomorBentrok):
        nomor.pakai(db, calon)
    db.rollback()
    assert nomor.rencanakan(db, s, dt.date(2025, 1, 3), "biasa", tebak=True).urut == 2
    assert _ambil(db, "2025-01-04").urut == 2  # the refused attempt took nothing


def test_nomor_sisipan_13a_13b(db):
    for hari in range(1, 15):  # 1 .. 14 dated 1 .. 14 February
        _ambil(db, f"2025-02-{hari:02d}")
    inst = _instansi_id(db)
    a, ket = nomor.berikan(db, instansi_id=inst, seri_kode="surat-keluar", tanggal=dt.date(2025, 2, 13),
                           cara="otomatis", hal="Surat susulan")
    assert (a.urut, a.sisipan, a.nomor) == (13, "a", "000.9.2/13a/BKPSDM-PS/2025")
    assert ket == ("Nomor sisipan 13a diberikan: surat bertanggal 13 Februari 2025 disisipkan setelah nomor 13, "
                   "nomor terakhir pada tanggal itu atau sebelumnya.")
    b = nomor.sisip(db, instansi_id=inst, seri_kode="surat-keluar", tanggal=dt.date(2025, 2, 13))
    assert b.nomor == "000.9.2/13b/BKPSDM-PS/2025"
    c = nomor.sisip(db, instansi_id=inst, seri_kode="surat-keluar", tanggal=dt.date(2025, 2, 5))
    assert c.nomor == "000.9.2/5a/BKPSDM-PS/2025"
    assert _ambil(db, "2025-02-20").urut == 15  # inserted numbers never touch the counter
    urutan = [f"{x.urut}{x.sisipan}" for x in nomor.daftar(db, inst, 2025, "surat-keluar")]
    assert urutan[4:7] == ["5", "5a", "6"] and urutan[13:17] == ["13", "13a", "13b", "14"]


def test_sisipan_tanpa_nomor_sebelumnya_dijelaskan(db):
    _ambil(db, "2025-03-10")
    inst = _instansi_id(db)
    with pytest.raises(DocgenError) as e:
        nomor.sisip(db, instansi_id=inst, seri_kode="surat-keluar", tanggal=dt.date(2025, 3, 1))
    assert e.value.pesan == ("Nomor sisipan tidak dapat diberikan: belum ada nomor seri 'surat-keluar' tahun 2025 "
                             "bertanggal 1 Maret 2025 atau sebelumnya")
    assert "ambil nomor biasa" in e.value.fields["tanggal"]
    # "otomatis" falls back to the next plain number and says why
    baris, ket = nomor.berikan(db, instansi_id=inst, seri_kode="surat-keluar", tanggal=dt.date(2025, 3, 1),
                               cara="otomatis")
    assert baris.nomor == "000.9.2/2/BKPSDM-PS/2025" and "tidak ada nomor sebelumnya untuk disisipi" in ket


def test_batal_tetap_terpakai_dan_nomor_berlanjut(db):
    a = _ambil(db, "2025-01-02")
    b = _ambil(db, "2025-01-03")
    with pytest.raises(DocgenError) as e:
        nomor.batalkan(db, b.id, "   ", None)
    assert e.value.fields == {"alasan": "wajib diisi"} and e.value.pesan == "Alasan pembatalan wajib diisi"
    batal = nomor.batalkan(db, b.id, "Salah alamat tujuan", None)
    assert batal.status == "batal" and batal.alasan_batal == "Salah alamat tujuan" and batal.dibatalkan
    with pytest.raises(DocgenError) as e:
        nomor.batalkan(db, b.id, "lagi", None)
    assert e.value.status == 409
    c = _ambil(db, "2025-01-04")
    assert (a.urut, b.urut, c.urut) == (1, 2, 3)  # the voided 2 is never given again
    assert [(x.urut, x.status) for x in nomor.daftar(db, _instansi_id(db), 2025)] == [
        (1, "dipakai"), (2, "batal"), (3, "dipakai")]
    with pytest.raises(DocgenError) as e:  # another agency's number is not reachable
        nomor.batalkan(db, a.id, "x", None, instansi_id=_instansi_id(db) + 1)
    assert e.value.status == 404


def test_buku_agenda_xlsx(db):
    inst = _instansi_id(db)
    pembuat = db.scalar(select(Pengguna).where(Pengguna.username == "sekretaris"))
    _ambil(db, "2025-01-20", hal="Undangan rapat evaluasi", tujuan="Para Kepala Bidang", pengguna_id=pembuat.id)
    b = _ambil(db, "2025-01-22", hal="Permintaan data")
    _ambil(db, "2025-01-25", hal="Pengantar laporan")
    nomor.sisip(db, instansi_id=inst, seri_kode="surat-keluar", tanggal=dt.date(2025, 1, 20), hal="Susulan")
    nomor.batalkan(db, b.id, "Surat tidak jadi dikirim", pembuat.id)
    _ambil(db, "2025-02-01", seri="nota-dinas", hal="Nota")

    wb = openpyxl.load_workbook(io.BytesIO(nomor.buku_agenda_xlsx(db, inst, 2025, "surat-keluar")))
    ws = wb.active
    assert ws["A1"].value == "BUKU AGENDA SURAT KELUAR"
    assert ws["A2"].value == "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Pesisir Selatan"
    assert ws["A3"].value == "Tahun 2025 · Seri surat-keluar"
    assert [c.value for c in ws[5]] == ["No", "Nomor Surat", "Tanggal", "Hal", "Tujuan", "Jenis Naskah", "Dibuat oleh",
                                        "Status/Keterangan"]
    baris = [[c.value for c in r] for r in ws.iter_rows(min_row=6)]
    assert baris == [
        [1, "000.9.2/1/BKPSDM-PS/2025", "20 Januari 2025", "Undangan rapat evaluasi", "Para Kepala Bidang",
         "Surat di luar docgen", "YULIA RAHMAWATI, S.E., M.M.", "Dipakai"],
        [2, "000.9.2/1a/BKPSDM-PS/2025", "20 Januari 2025", "Susulan", None, "Surat di luar docgen", None,
         "Dipakai (nomor sisipan)"],
        [3, "000.9.2/2/BKPSDM-PS/2025", "22 Januari 2025", "Permintaan data", None, "Surat di luar docgen", None,
         "DIBATALKAN: Surat tidak jadi dikirim"],
        [4, "000.9.2/3/BKPSDM-PS/2025", "25 Januari 2025", "Pengantar laporan", None, "Surat di luar docgen", None,
         "Dipakai"],
    ]
    assert ws.freeze_panes == "A6" and ws.print_title_rows == "$5:$5"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["B"].width == 34 and ws.column_dimensions["D"].width == 50
    semua = openpyxl.load_workbook(io.BytesIO(nomor.buku_agenda_xlsx(db, inst, 2025))).active
    assert semua["A3"].value == "Tahun 2025"
    assert semua.max_row == 5 + 5 and "seri nota-dinas" in semua["F6"].value
    kosong = openpyxl.load_workbook(io.BytesIO(nomor.buku_agenda_xlsx(db, inst, 2031))).active
    assert kosong["B6"].value == "(belum ada nomor pada tahun ini)"


# -- concurrency -------------------------------------------------------------------------------------------------


def _pekerja(url: str, jumlah: int, mulai, hasil) -> None:
    """One process: wait for the others, then take `jumlah` numbers one transaction each."""
    from web.inti.db import buat_engine

    engine = buat_engine(url)
    Sesi = sessionmaker(bind=engine, expire_on_commit=False)
    dapat = []
    try:
        with Sesi() as db:
            inst = db.scalar(select(Instansi.id).order_by(Instansi.id))
            mulai.wait(timeout=120)
            for _ in range(jumlah):
                dapat.append(nomor.ambil(db, instansi_id=inst, seri_kode="surat-keluar",
                                         tanggal=dt.date(2025, 6, 1)).urut)
        hasil.put(dapat)
    except BaseException as exc:  # report, so the parent fails with the reason instead of waiting
        hasil.put(repr(exc))
    finally:
        engine.dispose()


def _serentak_proses(url: str) -> tuple[list[int], float]:
    ctx = multiprocessing.get_context("spawn")
    mulai = ctx.Barrier(JUMLAH_PROSES + 1)
    hasil = ctx.Queue()
    proses = [ctx.Process(target=_pekerja, args=(url, PER_PROSES, mulai, hasil)) for _ in range(JUMLAH_PROSES)]
    for p in proses:
        p.start()
    mulai.wait(timeout=120)
    t0 = time.perf_counter()
    semua: list[int] = []
    for _ in proses:
        r = hasil.get(timeout=300)
        assert isinstance(r, list), r
        assert r == sorted(r)  # each process sees its own numbers increase
        semua.extend(r)
    lama = time.perf_counter() - t0
    for p in proses:
        p.join(timeout=60)
        assert p.exitcode == 0
    return semua, lama


def _periksa_register(url: str, semua: list[int]) -> None:
    from web.inti.db import buat_engine

    n = JUMLAH_PROSES * PER_PROSES
    assert len(semua) == n and sorted(semua) == list(range(1, n + 1))  # distinct, consecutive, no gap
    engine = buat_engine(url)
    with sessionmaker(bind=engine)() as db:
        urut = list(db.scalars(select(NomorSurat.urut).where(NomorSurat.tahun == 2025).order_by(NomorSurat.urut)))
        assert urut == list(range(1, n + 1))
        assert db.scalar(select(PenghitungNomor.terakhir).where(PenghitungNomor.tahun == 2025)) == n
        assert db.scalar(select(func.count(func.distinct(NomorSurat.nomor)))) == n
    engine.dispose()


def test_serentak_proses_sqlite(url_sqlite, record_property):
    semua, lama = _serentak_proses(url_sqlite)
    record_property("detik_sqlite", round(lama, 2))
    print(f"SQLite: {len(semua)} nomor oleh {JUMLAH_PROSES} proses dalam {lama:.1f} s")
    _periksa_register(url_sqlite, semua)


def test_serentak_proses_postgresql(url_postgresql, record_property):
    semua, lama = _serentak_proses(url_postgresql)
    record_property("detik_postgresql", round(lama, 2))
    print(f"PostgreSQL: {len(semua)} nomor oleh {JUMLAH_PROSES} proses dalam {lama:.1f} s")
    _periksa_register(url_postgresql, semua)


def test_serentak_thread_sqlite(url_sqlite):
    from web.inti.db import buat_engine

    engine = buat_engine(url_sqlite)
    Sesi = sessionmaker(bind=engine, expire_on_commit=False)
    mulai = threading.Barrier(8)
    hasil: list[int] = []
    galat: list[BaseException] = []
    kunci = threading.Lock()

    def kerja() -> None:
        try:
            with Sesi() as db:
                mulai.wait()
                for i in range(50):
                    # every tenth one an inserted number, racing for the same letters
                    if i % 10 == 9:
                        nomor.sisip(db, instansi_id=1, seri_kode="surat-keluar", tanggal=dt.date(2025, 6, 1))
                        continue
                    n = nomor.ambil(db, instansi_id=1, seri_kode="surat-keluar", tanggal=dt.date(2025, 6, 1)).urut
                    with kunci:
                        hasil.append(n)
        except BaseException as exc:
            galat.append(exc)

    benang = [threading.Thread(target=kerja) for _ in range(8)]
    for t in benang:
        t.start()
    for t in benang:
        t.join()
    assert not galat, galat
    assert sorted(hasil) == list(range(1, len(hasil) + 1))
    with Sesi() as db:
        nomor_ = [(b.urut, b.sisipan) for b in nomor.daftar(db, 1, 2025)]
        assert len(nomor_) == len(set(nomor_)) == 8 * 50
        assert all(s == "" or s.isalpha() for _, s in nomor_)
    engine.dispose()


# -- command line ------------------------------------------------------------------------------------------------


def _cli(url: str, tmp_path: Path, *args: str):
    from docgen.cli import cli

    env = {"DATABASE_URL": url, "DOCGEN_STORAGE": str(tmp_path / "berkas")}
    return CliRunner().invoke(cli, ["nomor", *args], env=env)


def test_cli_ambil_mencetak_nomor_saja(url_sqlite, tmp_path):
    r = _cli(url_sqlite, tmp_path, "ambil", "--seri", "surat-keluar", "--tanggal", "2025-01-20", "--hal", "Uji")
    assert r.exit_code == 0, r.output
    assert r.stdout == "000.9.2/1/BKPSDM-PS/2025\n"
    r = _cli(url_sqlite, tmp_path, "ambil", "--seri", "nota-dinas", "--tanggal", "2025-03-05")
    assert r.stdout == "000.1.5/1/BKPSDM-PS/III/2025\n"
    r = _cli(url_sqlite, tmp_path, "ambil", "--seri", "surat-keluar", "--tanggal", "2025-01-20", "--sisip")
    assert r.exit_code == 0 and r.stdout == "000.9.2/1a/BKPSDM-PS/2025\n"


def test_cli_galat(url_sqlite, tmp_path):
    r = _cli(url_sqlite, tmp_path, "ambil", "--seri", "surat-masuk")
    assert r.exit_code == 2 and r.stdout == ""
    assert "Galat: Seri nomor 'surat-masuk' tidak dikenal" in r.stderr
    assert "seri: seri yang ada: nota-dinas, keputusan, surat-keluar" in r.stderr
    r = _cli(url_sqlite, tmp_path, "ambil", "--seri", "surat-keluar", "--tanggal", "20-01-2025")
    assert r.exit_code == 2 and "gunakan format TTTT-BB-HH" in r.stderr
    r = _cli(url_sqlite, tmp_path, "ambil", "--seri", "surat-keluar", "--instansi", "9")
    assert r.exit_code == 2 and "instansi dengan ID 9 tidak ada" in r.stderr
    r = _cli(f"sqlite:///{tmp_path / 'kosong.sqlite'}", tmp_path, "ambil", "--seri", "surat-keluar")
    assert r.exit_code == 2 and "basis data belum disiapkan; jalankan `docgen web siapkan`" in r.stderr


def test_cli_beberapa_instansi_perlu_pilihan(url_sqlite, tmp_path):
    from web.inti.db import buat_engine

    engine = buat_engine(url_sqlite)
    with sessionmaker(bind=engine)() as db:
        lain = Instansi(nama="Dinas Lain", profil={})
        db.add(lain)
        db.flush()
        db.add(SeriNomor(instansi_id=lain.id, kode="surat-keluar", pola="{urut}/DL/{tahun}"))
        db.commit()
        lain_id = lain.id
    engine.dispose()
    r = _cli(url_sqlite, tmp_path, "ambil", "--seri", "surat-keluar")
    assert r.exit_code == 2 and "ada 2 instansi; pilih dengan --instansi (1 = Badan" in r.stderr
    r = _cli(url_sqlite, tmp_path, "ambil", "--seri", "surat-keluar", "--instansi", str(lain_id),
             "--tanggal", "2025-05-05")
    assert r.exit_code == 0 and r.stdout == "1/DL/2025\n"


def test_cli_batal_dan_ekspor(url_sqlite, tmp_path):
    _cli(url_sqlite, tmp_path, "ambil", "--seri", "surat-keluar", "--tanggal", "2025-01-20")
    r = _cli(url_sqlite, tmp_path, "batal", "000.9.2/1/BKPSDM-PS/2025")
    assert r.exit_code == 2 and "--alasan" in r.output
    r = _cli(url_sqlite, tmp_path, "batal", "000.9.2/1/BKPSDM-PS/2025", "--alasan", "Salah ketik")
    assert r.exit_code == 0 and r.stdout == "Nomor 000.9.2/1/BKPSDM-PS/2025 dibatalkan: Salah ketik\n"
    r = _cli(url_sqlite, tmp_path, "batal", "000.9.2/9/BKPSDM-PS/2025", "--alasan", "x")
    assert r.exit_code == 2 and "tidak ada di register" in r.stderr
    keluar = tmp_path / "agenda.xlsx"
    r = _cli(url_sqlite, tmp_path, "ekspor", "--tahun", "2025", "-o", str(keluar))
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(keluar).active
    assert ws["B6"].value == "000.9.2/1/BKPSDM-PS/2025" and ws["H6"].value == "DIBATALKAN: Salah ketik"
    assert _cli(url_sqlite, tmp_path, "ambil", "--seri", "surat-keluar", "--tanggal", "2025-01-21").stdout == \
        "000.9.2/2/BKPSDM-PS/2025\n"


# -- the register page -------------------------------------------------------------------------------------------


def test_halaman_register_ambil_batal_ekspor(app, client, masuk):
    masuk("sekretaris")
    html = client.get("/nomor").get_data(as_text=True)
    assert "Register nomor surat" in html and 'href="/nomor"' in html  # nav link
    tahun = dt.date.today().year
    assert f">surat-keluar: 000.9.2/…/BKPSDM-PS/{tahun}</option>" in html  # series shown by an example number
    r = client.post("/nomor/ambil", data={"seri": "surat-keluar", "tanggal": "2025-01-20", "hal": "",
                                          "tujuan": "", "cara": "otomatis"})
    assert r.status_code == 422 and "wajib diisi" in r.get_data(as_text=True)
    r = client.post("/nomor/ambil", data={"seri": "surat-keluar", "tanggal": "2025-01-20",
                                          "hal": "Undangan <rapat> & evaluasi", "tujuan": "Bupati", "cara": "otomatis"})
    assert r.status_code == 302
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Nomor 000.9.2/1/BKPSDM-PS/2025 diberikan untuk surat bertanggal 20 Januari 2025." in html
    assert "Undangan &lt;rapat&gt; &amp; evaluasi" in html and "di luar docgen" in html
    client.post("/nomor/ambil", data={"seri": "surat-keluar", "tanggal": "2025-02-10", "hal": "Kedua"})
    r = client.post("/nomor/ambil", data={"seri": "surat-keluar", "tanggal": "2025-01-25", "hal": "Mundur"})
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Nomor 000.9.2/1a/BKPSDM-PS/2025 diberikan" in html and "Nomor sisipan 1a diberikan" in html
    with app.app_context():
        from web.inti.db import sesi

        kedua = sesi().scalar(select(NomorSurat).where(NomorSurat.hal == "Kedua"))
    r = client.post(f"/nomor/{kedua.id}/batal", data={"alasan": " "})
    assert r.status_code == 422 and "Alasan pembatalan wajib diisi" in r.get_data(as_text=True)
    r = client.post(f"/nomor/{kedua.id}/batal", data={"alasan": "Batal dikirim"})
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Nomor 000.9.2/2/BKPSDM-PS/2025 dibatalkan" in html and "DIBATALKAN</span> Batal dikirim" in html
    r = client.post(f"/nomor/{kedua.id}/batal", data={"alasan": "Sekali lagi"})
    assert r.status_code == 409 and "Nomor 000.9.2/2/BKPSDM-PS/2025 sudah dibatalkan." in r.get_data(as_text=True)
    with client.get("/nomor/ekspor?tahun=2025&seri=surat-keluar") as r:
        assert r.status_code == 200 and r.headers["Content-Disposition"].endswith(
            "buku-agenda-surat-keluar-2025-surat-keluar.xlsx")
        ws = openpyxl.load_workbook(io.BytesIO(r.data)).active
    assert [ws.cell(i, 2).value for i in (6, 7, 8)] == ["000.9.2/1/BKPSDM-PS/2025", "000.9.2/1a/BKPSDM-PS/2025",
                                                        "000.9.2/2/BKPSDM-PS/2025"]
    assert client.get("/nomor?tahun=2025&seri=surat-keluar&status=batal").get_data(as_text=True).count(
        'class="ag-batal"') == 1


def test_register_hak_peran_dan_instansi_lain(app, client, masuk):
    masuk("sekretaris")
    client.post("/nomor/ambil", data={"seri": "surat-keluar", "tanggal": "2025-01-20", "hal": "Satu"})
    with app.app_context():
        from web.inti.db import sesi

        db = sesi()
        milik = db.scalar(select(NomorSurat))
        lain = Instansi(nama="Dinas Lain", profil={})
        db.add(lain)
        db.flush()
        seri_lain = SeriNomor(instansi_id=lain.id, kode="surat-keluar", pola="{urut}/DL/{tahun}")
        db.add(seri_lain)
        db.flush()
        asing = NomorSurat(instansi_id=lain.id, seri_id=seri_lain.id, tahun=2025, urut=1, nomor="1/DL/2025",
                           tanggal=dt.date(2025, 1, 2), hal="Rahasia dinas lain")
        db.add(asing)
        db.commit()
        asing_id, milik_id = asing.id, milik.id
    assert "Rahasia dinas lain" not in client.get("/nomor?tahun=2025").get_data(as_text=True)
    assert client.post(f"/nomor/{asing_id}/batal", data={"alasan": "coba"}).status_code == 404
    client.post("/keluar")
    masuk("bidang.mutasi")
    assert client.get("/nomor").status_code == 403
    assert client.post(f"/nomor/{milik_id}/batal", data={"alasan": "coba"}).status_code == 403
    assert client.post("/nomor/ambil", data={"seri": "surat-keluar", "tanggal": "2025-01-20",
                                             "hal": "x"}).status_code == 403
    assert client.get("/nomor/ekspor").status_code == 403
    assert 'href="/nomor"' not in client.get("/beranda").get_data(as_text=True)
    client.post("/keluar")
    masuk("timsakip")  # sees the register and takes numbers, may not void
    assert client.get("/nomor").status_code == 200
    assert client.post(f"/nomor/{milik_id}/batal", data={"alasan": "coba"}).status_code == 403


def test_tambah_seri_admin(client, masuk):
    masuk("admin")
    r = client.post("/nomor/seri", data={"kode": "Surat Edaran", "pola": "{nomor}/SE", "kode_klasifikasi": "",
                                         "kode_unit": ""})
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "huruf kecil, angka dan tanda hubung" in html and "tidak dikenal: nomor" in html
    r = client.post("/nomor/seri", data={"kode": "surat-edaran", "pola": "{urut}/{nomor}/SE", "kode_klasifikasi": "",
                                         "kode_unit": ""})
    assert r.status_code == 422 and "medan yang tidak dikenal: nomor" in r.get_data(as_text=True)
    r = client.post("/nomor/seri", data={"kode": "surat-edaran", "pola": "400.14/{urut}/SE/{kode_unit}/{tahun}",
                                         "kode_klasifikasi": "", "kode_unit": "BKPSDM-PS"})
    assert r.status_code == 302
    r = client.post("/nomor/ambil", data={"seri": "surat-edaran", "tanggal": "2025-04-01", "hal": "Edaran"})
    assert "Nomor 400.14/1/SE/BKPSDM-PS/2025 diberikan" in client.get(r.headers["Location"]).get_data(as_text=True)
    client.post("/keluar")
    masuk("sekretaris")
    assert client.post("/nomor/seri", data={"kode": "x", "pola": "{urut}"}).status_code == 403



def test_buku_agenda_teks_pengguna_tetap_teks(db, url_sqlite, tmp_path):
    rumus = ['=HYPERLINK("http://x","y")', "=1+1", "@SUM(A1)", "+62 21", "-5 hari", "#N/A"]
    for i, teks in enumerate(rumus):
        _ambil(db, f"2025-03-{i + 1:02d}", hal=teks, tujuan=teks)
    keluar = tmp_path / "agenda.xlsx"  # the web's export, and `docgen nomor ekspor`
    assert _cli(url_sqlite, tmp_path, "ekspor", "--tahun", "2025", "-o", str(keluar)).exit_code == 0
    for isi in (nomor.buku_agenda_xlsx(db, _instansi_id(db), 2025), keluar.read_bytes()):
        ws = openpyxl.load_workbook(io.BytesIO(isi)).active
        for kolom in "DE":  # Hal, Tujuan: the text as typed, stored as text
            assert [(c.value, c.data_type) for c in ws[kolom][5:]] == [(t, "s") for t in rumus]
        assert ws["D6"].quotePrefix  # Excel keeps it text when the cell is edited
