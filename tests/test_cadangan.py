"""Backup and restore (web.cadangan, `docgen backup` / `docgen restore`): round trips between SQLite and PostgreSQL
compared table by table and file by file, refusals that change nothing, older and newer schemas, the commands."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tarfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, inspect, select, text

from docgen.cli import cli
from tests.basis_uji import DB_UJI, basis_data_baru
from tests.conftest import SAMPLES
from tests.sop_uji import pasang_bawaan
from web.cadangan import CadanganTidakSah, TujuanTidakKosong, buat_cadangan, pulihkan, revisi_terbaru
from web.inti.models import Base

JUMAT = dt.datetime(2024, 6, 7, 3, 0, tzinfo=dt.UTC)


@contextmanager
def instalasi(folder: Path, jenis: str = DB_UJI, *, migrasi: bool = True, contoh: bool = False):
    """An app on a database of its own (`jenis`) and an empty store in `folder`; with `contoh`, the sample agency."""
    from web.aplikasi import create_app
    from web.inti.db import sesi
    from web.layanan.contoh import muat_contoh

    folder.mkdir(parents=True, exist_ok=True)
    with basis_data_baru(folder, jenis, migrasi=migrasi) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "uji", "WTF_CSRF_ENABLED": False,
                          "PENYIMPANAN": folder / "berkas", "PDF_AKTIF": False})
        try:
            if contoh:
                with app.app_context():
                    app.config["AKUN_DEMO"] = muat_contoh(sesi(), app.config["PENYIMPANAN"])
            yield app
        finally:
            app.extensions["docgen_engine"].dispose()


def isi_data(app) -> None:
    """Use the app as people do: a document with its file, a register number, a cycle up to a returned decision
    (which makes a lembar disposisi), an API token."""
    from web.inti.db import sesi
    from web.inti.models import Pengguna
    from web.layanan import langkah, nomor
    from web.layanan.akun import buat_token
    from web.layanan.dokumen import buat_dokumen

    pasang_bawaan(app, Path(app.config["PENYIMPANAN"]).parent / "sop")
    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    data.pop("instansi")
    data["hal"] = "Pengukuran kinerja triwulan II – “kutip” dan ümlaut"
    with app.app_context():
        db = sesi()

        def p(username: str) -> Pengguna:
            return db.scalar(select(Pengguna).where(Pengguna.username == username))

        dok = buat_dokumen(p("perencana"), "nota-dinas", data, pdf=False)
        nomor.ambil(db, instansi_id=dok.instansi_id, seri_kode="surat-keluar", tanggal=dt.date(2024, 6, 6),
                    hal="Undangan rapat", dokumen_id=dok.id, pengguna_id=p("perencana").id)
        s = langkah.mulai_siklus(p("perencana"), kode="pengukuran-uji", periode_jenis="triwulan", periode_ke=2,
                                 tahun=2024, sekarang=JUMAT)
        t = JUMAT
        for no, user in ((1, "kepala"), (2, "timsakip"), (3, "bidang.kompetensi"), (4, "timsakip")):
            t += dt.timedelta(hours=1, microseconds=123456)
            assert langkah.selesaikan_langkah(p(user), s, no, konfirmasi=True, sekarang=t).tercatat
        h = langkah.putuskan(p("sekretaris"), s, 5, "tidak", "Lengkapi analisis capaian IKU 2.", sekarang=t)
        assert h.dokumen is not None
        buat_token(p("kepala"))
        db.commit()


@dataclass
class Cadangan:
    arsip: Path
    baris: dict[str, list[dict]]
    berkas: dict[str, bytes]


@pytest.fixture(scope="module")
def cadangan(tmp_path_factory) -> Cadangan:
    """One backup (.zip) of an installation used through the app, on the suite's database, with its content."""
    folder = tmp_path_factory.mktemp("cadangan")
    with instalasi(folder / "a", contoh=True) as app:
        isi_data(app)
        buat_cadangan(app, folder / "c.zip")
        return Cadangan(folder / "c.zip", isi_basis_data(app), isi_berkas(app))


def _ganti(nilai, akar: str):
    """Every string naming a file under the store folder `akar` written relative to it, inside JSON too."""
    if isinstance(nilai, str):
        return nilai.replace(akar, "<AKAR>")
    if isinstance(nilai, list):
        return [_ganti(v, akar) for v in nilai]
    if isinstance(nilai, dict):
        return {k: _ganti(v, akar) for k, v in nilai.items()}
    if isinstance(nilai, dt.datetime):  # SQLite gives naive UTC, PostgreSQL aware values in the session's zone
        return nilai.astimezone(dt.UTC) if nilai.tzinfo else nilai.replace(tzinfo=dt.UTC)
    return nilai


def isi_basis_data(app) -> dict[str, list[dict]]:
    """Every row of every table (typed by the models where they know the table), ordered by primary key."""
    engine = app.extensions["docgen_engine"]
    akar = str(Path(app.config["PENYIMPANAN"]).resolve())
    ada = MetaData()
    ada.reflect(engine)
    hasil = {}
    with engine.connect() as conn:
        for t in ada.sorted_tables:
            if t.name == "alembic_version":
                continue
            t = Base.metadata.tables.get(t.name, t)
            baris = conn.execute(select(t).order_by(*(t.primary_key.columns or t.columns))).mappings()
            hasil[t.name] = [{k: _ganti(v, akar) for k, v in r.items()} for r in baris]
    return hasil


def isi_berkas(app) -> dict[str, bytes]:
    from web.inti.penyimpanan import penyimpanan

    s = penyimpanan(app)
    return {k: s.baca(k) for k in s.daftar()}


def revisi(app) -> str | None:
    with app.extensions["docgen_engine"].connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def masuk(app, username: str, password: str):
    c = app.test_client()
    r = c.post("/masuk", data={"username": username, "password": password})
    assert r.status_code == 302, r.get_data(as_text=True)
    return c


# -- round trips -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sumber", "tujuan", "nama", "tujuan_dimigrasi"), [
    ("sqlite", "sqlite", "cadangan.zip", False),
    ("sqlite", "postgresql", "cadangan.zip", False),
    ("postgresql", "sqlite", "cadangan.tar.gz", True),
])
def test_cadangan_bolak_balik_sama_persis(tmp_path, sumber, tujuan, nama, tujuan_dimigrasi):
    with instalasi(tmp_path / "a", sumber, contoh=True) as lama:
        isi_data(lama)
        arsip = tmp_path / nama
        r = buat_cadangan(lama, arsip)
        baris_lama, berkas_lama = isi_basis_data(lama), isi_berkas(lama)
        akun = lama.config["AKUN_DEMO"]

    # the data written through the app is there: agency, document with its file, number, cycle, decision, token
    assert len(baris_lama["instansi"]) == 1 and len(baris_lama["pengguna"]) == 8
    assert [d["slug"] for d in baris_lama["dokumen"]] == ["nota-dinas", "lembar-disposisi"]
    assert baris_lama["nomor_surat"][0]["nomor"] == "000.9.2/1/BKPSDM-PS/2024"
    assert baris_lama["nomor_surat"][0]["tanggal"] == dt.date(2024, 6, 6)
    assert baris_lama["siklus"][0]["definisi"]["kode"] == "pengukuran-uji"
    assert baris_lama["langkah_siklus"][0]["selesai"] == JUMAT + dt.timedelta(hours=1, microseconds=123456)
    assert len(baris_lama["token_api"]) == 1 and len(baris_lama["riwayat_siklus"]) >= 6
    assert sorted(k.split("/")[0] for k in berkas_lama) == ["dokumen", "dokumen", "logo"]
    assert (r.revisi, r.tabel, r.berkas) == (revisi_terbaru(), len(baris_lama), 3)
    assert r.baris == sum(len(v) for v in baris_lama.values())

    with instalasi(tmp_path / "b", tujuan, migrasi=tujuan_dimigrasi) as baru:
        assert isi_berkas(baru) == {}
        h = pulihkan(baru, arsip)
        assert (h.tabel, h.baris, h.berkas) == (r.tabel, r.baris, r.berkas)
        assert revisi(baru) == revisi_terbaru()
        assert isi_basis_data(baru) == baris_lama
        assert isi_berkas(baru) == berkas_lama

        # The restored installation works: the old passwords, the document's file, new ids after the largest.
        c = masuk(baru, "perencana", akun["perencana"])
        dok_id = baris_lama["dokumen"][0]["id"]
        with c.get(f"/dokumen/{dok_id}/unduh/docx") as r:
            assert r.status_code == 200 and r.data == berkas_lama[baris_lama["dokumen"][0]["berkas_docx"]]
        from web.inti.db import sesi
        from web.inti.models import Dokumen
        from web.layanan import nomor

        with baru.app_context():
            n = nomor.ambil(sesi(), instansi_id=1, seri_kode="surat-keluar", tanggal=dt.date(2024, 6, 10))
            assert (n.id, n.nomor) == (2, "000.9.2/2/BKPSDM-PS/2024")
            d = Dokumen(**{k: v for k, v in baris_lama["dokumen"][0].items() if k not in ("id", "kode_verifikasi")})
            sesi().add(d)
            sesi().commit()
            assert d.id == 3


def test_arsip_berisi_manifest_json_per_tabel_dan_berkas(cadangan):
    baris, berkas = cadangan.baris, cadangan.berkas
    with zipfile.ZipFile(cadangan.arsip) as z:
        m = json.loads(z.read("manifest.json"))
        assert (m["format"], m["versi_format"], m["docgen"], m["revisi"], m["basis_data"]) == (
            "docgen-cadangan", 1, "0.1.0", revisi_terbaru(), DB_UJI)
        assert abs(dt.datetime.fromisoformat(m["dibuat"]) - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
        urutan = [t["nama"] for t in m["tabel"]]
        assert urutan.index("instansi") < urutan.index("pengguna") < urutan.index("dokumen") < urutan.index(
            "nomor_surat")  # parents first
        assert {t["nama"]: t["baris"] for t in m["tabel"]} == {k: len(v) for k, v in baris.items()}
        for t in m["tabel"]:
            assert hashlib.sha256(z.read(t["berkas"])).hexdigest() == t["sha256"]
        assert {b["kunci"]: b["sha256"] for b in m["berkas"]} == {
            k: hashlib.sha256(v).hexdigest() for k, v in berkas.items()}
        nomor = json.loads(z.read(next(t["berkas"] for t in m["tabel"] if t["nama"] == "nomor_surat")))
        kolom = [k["nama"] for k in nomor["kolom"]]
        b = dict(zip(kolom, nomor["baris"][0], strict=True))
        assert (b["tanggal"], b["nomor"]) == ("2024-06-06", "000.9.2/1/BKPSDM-PS/2024")
        assert dt.datetime.fromisoformat(b["dibuat"]).utcoffset() == dt.timedelta(0)
        siklus = json.loads(z.read(next(t["berkas"] for t in m["tabel"] if t["nama"] == "siklus")))
        assert siklus["kolom"][[k["nama"] for k in siklus["kolom"]].index("definisi")]["jenis"] == "json"
        assert not any(n.startswith(".") or n.endswith(".tmp") for n in z.namelist())
    assert sorted(p.name for p in cadangan.arsip.parent.iterdir() if p.is_file()) == ["c.zip"]  # no temporary file


def test_cadangan_satu_potret_basis_data(tmp_path):
    """Rows committed by someone else while the backup runs are not in it (PostgreSQL: REPEATABLE READ); on SQLite
    the backup's read lock holds the writer off until it is done."""
    from sqlalchemy.exc import OperationalError

    hasil = []
    with instalasi(tmp_path / "a", contoh=True) as app:
        engine = app.extensions["docgen_engine"]
        n = len(isi_basis_data(app)["pejabat"])  # the sample agency's officials

        def lapor(pesan: str) -> None:
            if pesan.startswith("tabel instansi:"):  # pejabat refers to instansi: it is read later
                try:
                    with engine.begin() as conn:
                        if engine.dialect.name == "sqlite":
                            conn.exec_driver_sql("PRAGMA busy_timeout = 100")
                        conn.execute(text("INSERT INTO pejabat (instansi_id, data) VALUES (1, '{}')"))
                    hasil.append("tersimpan")
                except OperationalError as exc:
                    hasil.append("terkunci" if "locked" in str(exc) else str(exc))

        buat_cadangan(app, tmp_path / "c.zip", lapor=lapor)
        sekarang = len(isi_basis_data(app)["pejabat"])
    with zipfile.ZipFile(tmp_path / "c.zip") as z:
        m = json.loads(z.read("manifest.json"))
    assert n == 7 and {t["nama"]: t["baris"] for t in m["tabel"]}["pejabat"] == n
    assert (hasil, sekarang) == ((["terkunci"], n) if DB_UJI == "sqlite" else (["tersimpan"], n + 1))


# -- refusals that change nothing -----------------------------------------------------------------------------


def test_pulihkan_ke_basis_data_berisi_ditolak_tanpa_timpa(tmp_path, cadangan):
    with instalasi(tmp_path / "b", contoh=True) as app:
        sebelum = isi_basis_data(app), isi_berkas(app)
        with pytest.raises(TujuanTidakKosong) as e:
            pulihkan(app, cadangan.arsip)
        assert e.value.pesan.startswith("Basis data atau penyimpanan tujuan tidak kosong: instansi (1 baris), ")
        assert "pengguna (8 baris)" in e.value.pesan and "berkas di penyimpanan" in e.value.pesan
        assert "pakai --timpa" in e.value.pesan
        assert (isi_basis_data(app), isi_berkas(app)) == sebelum

        # --timpa: the old rows and files are gone, the backup's are there
        (Path(app.config["PENYIMPANAN"]) / "lain").mkdir()
        (Path(app.config["PENYIMPANAN"]) / "lain" / "sisa.txt").write_text("dari instalasi lama")
        pulihkan(app, cadangan.arsip, timpa=True)
        assert (isi_basis_data(app), isi_berkas(app)) == (cadangan.baris, cadangan.berkas)


def test_penyimpanan_berisi_juga_ditolak(tmp_path, cadangan):
    with instalasi(tmp_path / "b", migrasi=False) as app:
        (Path(app.config["PENYIMPANAN"]) / "catatan.txt").write_text("x")
        with pytest.raises(TujuanTidakKosong) as e:
            pulihkan(app, cadangan.arsip)
        assert "tidak kosong: berkas di penyimpanan." in e.value.pesan
        assert revisi(app) is None


def _ubah_anggota(asal: Path, tujuan: Path, ubah) -> None:
    """Copy a .zip backup, passing each member's (name, bytes) through `ubah` (None leaves it out)."""
    with zipfile.ZipFile(asal) as a, zipfile.ZipFile(tujuan, "w") as b:
        for info in a.infolist():
            baru = ubah(info.filename, a.read(info))
            if baru is not None:
                b.writestr(info.filename, baru)


def _manifest(**ubah):
    def f(nama: str, isi: bytes):
        if nama != "manifest.json":
            return isi
        m = json.loads(isi)
        m.update(ubah)
        return json.dumps(m).encode()

    return f


def _rusak_berkas(nama: str, isi: bytes):
    return isi[:-1] + bytes([isi[-1] ^ 1]) if nama.startswith("berkas/dokumen/") else isi


def _rusak_tabel(nama: str, isi: bytes):
    return isi.replace(b"000.9.2/1/", b"000.9.2/9/") if "nomor_surat" in nama else isi


@pytest.mark.parametrize(("ubah", "pesan"), [
    pytest.param(_rusak_berkas, "Arsip cadangan rusak: berkas dokumen/1/nota-dinas.docx tidak cocok dengan SHA-256 "
                                "di manifest.json; tidak ada yang diubah.", id="berkas-diubah"),
    pytest.param(_rusak_tabel, "tidak cocok dengan SHA-256 di manifest.json; tidak ada yang diubah.",
                 id="tabel-diubah"),
    pytest.param(lambda n, isi: None if n == "manifest.json" else isi,
                 "c2.zip bukan cadangan docgen: tidak berisi manifest.json", id="tanpa-manifest"),
    pytest.param(lambda n, isi: None if n == "berkas/logo/instansi-1.png" else isi,
                 "Arsip cadangan rusak: 1 entri yang tercatat di manifest.json tidak ada, mis. "
                 "berkas/logo/instansi-1.png", id="berkas-hilang"),
    pytest.param(lambda n, isi: b"{bukan json" if n == "manifest.json" else isi,
                 "Arsip cadangan rusak: manifest.json bukan JSON", id="manifest-bukan-json"),
    pytest.param(_manifest(format="lain"), "c2.zip bukan cadangan docgen (format manifest.json tidak dikenal)",
                 id="format-lain"),
    pytest.param(_manifest(berkas=[{"kunci": "../luar.txt", "ukuran": 1, "sha256": "0" * 64}]),
                 "Arsip cadangan rusak: nama berkas tidak sah di manifest.json: '../luar.txt'", id="kunci-keluar"),
    pytest.param(_manifest(revisi="9999_masa_depan", docgen="9.0.0"),
                 "Cadangan dibuat dengan skema basis data yang lebih baru (revisi 9999_masa_depan, docgen 9.0.0) "
                 "daripada yang dikenal program ini (revisi ", id="skema-lebih-baru"),
])
def test_arsip_rusak_atau_lebih_baru_ditolak_tanpa_perubahan(tmp_path, cadangan, ubah, pesan):
    _ubah_anggota(cadangan.arsip, tmp_path / "c2.zip", ubah)
    with instalasi(tmp_path / "b", migrasi=False) as app:  # empty: not even migrated
        with pytest.raises(CadanganTidakSah) as e:
            pulihkan(app, tmp_path / "c2.zip")
        assert pesan in e.value.pesan
        assert revisi(app) is None and inspect(app.extensions["docgen_engine"]).get_table_names() == []
        assert isi_berkas(app) == {}


@pytest.mark.parametrize("ubah", [_rusak_berkas, _manifest(revisi="9999_masa_depan")], ids=["berkas", "skema"])
def test_arsip_rusak_dengan_timpa_pun_tidak_mengubah_apa_pun(tmp_path, cadangan, ubah):
    _ubah_anggota(cadangan.arsip, tmp_path / "c2.zip", ubah)
    with instalasi(tmp_path / "c", contoh=True) as app:
        sebelum = isi_basis_data(app), isi_berkas(app)
        with pytest.raises(CadanganTidakSah):
            pulihkan(app, tmp_path / "c2.zip", timpa=True)
        assert (isi_basis_data(app), isi_berkas(app)) == sebelum


@pytest.mark.parametrize(("isi", "pesan"), [
    (b"ini hanya teks", "bukan arsip cadangan docgen (bukan ZIP atau tar.gz)"),
    (b"PK\x03\x04" + b"\0" * 40, "Arsip cadangan rusak dan tidak dapat dibuka: c.zip"),
    (b"\x1f\x8b\x08\x00" + b"\0" * 40, "Arsip cadangan rusak dan tidak dapat dibuka: c.zip"),
], ids=["teks", "zip-rusak", "gzip-rusak"])
def test_bukan_arsip_ditolak(tmp_path, isi, pesan):
    (tmp_path / "c.zip").write_bytes(isi)
    with instalasi(tmp_path / "b", migrasi=False) as app:
        with pytest.raises(CadanganTidakSah) as e:
            pulihkan(app, tmp_path / "c.zip")
        assert pesan in e.value.pesan
        assert revisi(app) is None


def test_arsip_terpotong_ditolak(tmp_path):
    with instalasi(tmp_path / "a", contoh=True) as app:
        buat_cadangan(app, tmp_path / "c.tar.gz")
    isi = (tmp_path / "c.tar.gz").read_bytes()
    (tmp_path / "c.tar.gz").write_bytes(isi[: len(isi) // 2])
    with instalasi(tmp_path / "b", migrasi=False) as app:
        with pytest.raises(CadanganTidakSah) as e:
            pulihkan(app, tmp_path / "c.tar.gz")
        assert e.value.pesan.startswith("Arsip cadangan rusak")
        assert revisi(app) is None and isi_berkas(app) == {}


def test_pencadangan_gagal_tidak_meninggalkan_berkas(tmp_path, monkeypatch):
    from web.inti.penyimpanan import PenyimpananLokal

    def rusak(self, kunci):
        raise OSError(5, "Input/output error")

    (tmp_path / "keluar").mkdir()
    with instalasi(tmp_path / "a", contoh=True) as app:
        monkeypatch.setattr(PenyimpananLokal, "buka", rusak)
        with pytest.raises(OSError):
            buat_cadangan(app, tmp_path / "keluar" / "c.zip")
    assert list((tmp_path / "keluar").iterdir()) == []  # neither the archive nor its temporary file


# -- schemas ------------------------------------------------------------------------------------------------------


def test_cadangan_skema_lama_dipulihkan_lalu_dimigrasi(tmp_path):
    """A backup made at revision 0002 restores into a newer program: migrated to 0002, filled, then to the newest;
    into an empty database already at the newest revision it goes down to 0002 first."""
    from web.cadangan.basis import jalankan_alembic as _alembic

    with instalasi(tmp_path / "a", migrasi=False) as lama:
        url = lama.config["DATABASE_URL"]
        _alembic(url, "upgrade", "0002")
        with lama.extensions["docgen_engine"].begin() as conn:
            conn.execute(text("INSERT INTO instansi (id, nama, profil, pengaturan_capaian, logo) VALUES "
                              "(1, 'Dinas Lama', '{\"nama\": \"Dinas Lama\"}', '{}', NULL)"))
            conn.execute(text("INSERT INTO rencana_kinerja (id, instansi_id, tahun, data, diubah) VALUES "
                              "(4, 1, 2023, '{\"tahun\": 2023}', '2023-12-31 23:59:58.250000+00:00')"))
        buat_cadangan(lama, tmp_path / "lama.zip")
    with zipfile.ZipFile(tmp_path / "lama.zip") as z:
        m = json.loads(z.read("manifest.json"))
    assert m["revisi"] == "0002" and "audit" not in [t["nama"] for t in m["tabel"]]

    for nama, dimigrasi in (("b", False), ("c", True)):
        with instalasi(tmp_path / nama, migrasi=dimigrasi) as baru:
            pulihkan(baru, tmp_path / "lama.zip")
            assert revisi(baru) == revisi_terbaru()
            isi = isi_basis_data(baru)
            assert [(r["id"], r["nama"], r["profil"]) for r in isi["instansi"]] == [(1, "Dinas Lama",
                                                                                    {"nama": "Dinas Lama"})]
            assert [(r["id"], r["data"], r["diubah"]) for r in isi["rencana_kinerja"]] == [
                (4, {"tahun": 2023}, dt.datetime(2023, 12, 31, 23, 59, 58, 250000, tzinfo=dt.UTC))]
            assert isi["audit"] == []


def test_tar_gz_dan_pemeriksaan_tanpa_perubahan(tmp_path):
    from web.cadangan import periksa_cadangan

    with instalasi(tmp_path / "a", contoh=True) as app:
        buat_cadangan(app, tmp_path / "c.tgz")
    with tarfile.open(tmp_path / "c.tgz") as t:
        nama = t.getnames()
    assert nama[-1] == "manifest.json" and "berkas/logo/instansi-1.png" in nama
    assert periksa_cadangan(tmp_path / "c.tgz")["revisi"] == revisi_terbaru()


# -- commands -----------------------------------------------------------------------------------------------------


def test_perintah_backup_dan_restore(tmp_path, monkeypatch):
    # declared through the docgen.commands entry point, loaded when called
    assert {"backup", "restore"} <= set(cli.list_commands(click.Context(cli)))
    runner = CliRunner()
    with instalasi(tmp_path / "a", contoh=True) as app:
        isi_data(app)
        monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
        monkeypatch.setenv("DOCGEN_STORAGE", str(app.config["PENYIMPANAN"]))
        h = runner.invoke(cli, ["backup", "-q", "-o", str(tmp_path / "c.zip")])
        assert h.exit_code == 0, h.output
        assert h.output.startswith(f"Cadangan ditulis: {tmp_path / 'c.zip'} (revisi {revisi_terbaru()}; ")
        assert "; 3 berkas, " in h.output
        cadangan = isi_basis_data(app), isi_berkas(app)

        h = runner.invoke(cli, ["restore", str(tmp_path / "c.zip")])
        assert h.exit_code == 2
        assert "Galat: Basis data atau penyimpanan tujuan tidak kosong: instansi (1 baris)" in h.output

        h = runner.invoke(cli, ["backup", "-o", str(tmp_path / "c.rar")])
        assert h.exit_code == 2
        assert "Galat: Nama berkas cadangan harus berakhiran .zip, .tar.gz atau .tgz: c.rar" in h.output

    (tmp_path / "teks.zip").write_text("bukan arsip")
    with instalasi(tmp_path / "b", migrasi=False) as app:
        monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
        monkeypatch.setenv("DOCGEN_STORAGE", str(app.config["PENYIMPANAN"]))
        h = runner.invoke(cli, ["restore", str(tmp_path / "teks.zip")])
        assert h.exit_code == 2 and "Galat: teks.zip bukan arsip cadangan docgen" in h.output
        h = runner.invoke(cli, ["restore", str(tmp_path / "tidak-ada.zip")])
        assert h.exit_code == 2 and "Galat: Berkas cadangan tidak dapat dibaca" in h.output
        assert revisi(app) is None

        h = runner.invoke(cli, ["restore", str(tmp_path / "c.zip")])
        assert h.exit_code == 0, h.output
        assert f"Cadangan dipulihkan: {tmp_path / 'c.zip'} (revisi {revisi_terbaru()}; " in h.output
        assert "cadangan utuh:" in h.output  # progress
        assert (isi_basis_data(app), isi_berkas(app)) == cadangan
        h = runner.invoke(cli, ["restore", "--timpa", "-q", str(tmp_path / "c.zip")])
        assert h.exit_code == 0, h.output
        assert (isi_basis_data(app), isi_berkas(app)) == cadangan


def test_basis_data_tidak_dapat_dihubungi_kode_3(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/tidak_ada?connect_timeout=2")
    monkeypatch.setenv("DOCGEN_STORAGE", str(tmp_path / "berkas"))
    h = CliRunner().invoke(cli, ["backup", "-o", str(tmp_path / "c.zip")])
    assert h.exit_code == 3 and "Galat: Basis data tidak dapat dihubungi:" in h.output
    assert not (tmp_path / "c.zip").exists()

