"""The web app's files behind the store: the database holds keys, nothing in web/ touches stored files directly,
a full disk is a clear Indonesian error that keeps the user's input and every file already saved, and no download
route serves a file outside the store."""

from __future__ import annotations

import ast
import datetime as dt
import errno
import io
import json
import os
import re
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from sqlalchemy import func, select

from docgen import bundle
from tests.conftest import ROOT, SAMPLES
from tests.sop_uji import pasang_bawaan
from web.inti.db import sesi
from web.inti.models import BerkasArsip, Dokumen, Draf, Instansi, NomorSurat, Pengguna, PenghitungNomor
from web.inti.penyimpanan import BerkasBaru, PenyimpananLokal, penyimpanan
from web.layanan import finalisasi, langkah
from web.layanan.dokumen import buat_dokumen
from web.layanan.sapu import sapu
from web.views.formulir_skema import ratakan

PENUH = "Ruang penyimpanan server penuh: berkas tidak dapat disimpan."
RAHASIA = b"RAHASIA-DI-LUAR-PENYIMPANAN"
ZIP_KOSONG = b"PK\x05\x06" + b"\0" * 18  # an empty ZIP archive
# -- nothing in web/ reads, writes or deletes stored files except through web.penyimpanan ------------------------

# Calls that touch files. A call whose first argument is io.BytesIO(...) works in memory and is always allowed;
# send_file must get bytes in memory or a store's path_lokal(...).
PANGGILAN_BERKAS = {"open", "fdopen", "write_bytes", "write_text", "read_bytes", "read_text", "unlink", "rmdir",
                    "mkdir", "touch", "symlink_to", "hardlink_to", "glob", "rglob", "iterdir", "mkstemp"}
# Names too common to flag anywhere (list.remove, str.replace): flagged as os.X and shutil.X.
PANGGILAN_MODUL = {"os": {"remove", "unlink", "rename", "renames", "replace", "makedirs", "rmdir", "open"},
                   "shutil": {"copyfile", "copy", "copy2", "copytree", "move", "rmtree"}}
# (module, function, call): the legitimate file accesses, none of them on stored files.
DIIZINKAN = {
    ("aplikasi.py", "create_app", "mkdir"): "the instance folder and the store's root folder",
    ("aplikasi.py", "_kunci_rahasia", "write_text"): "the secret key in the instance folder",
    ("aplikasi.py", "_kunci_rahasia", "read_text"): "the secret key in the instance folder",
    ("layanan/contoh.py", "muat_contoh", "read_text"): "sample JSON of the repository",
    ("layanan/contoh.py", "muat_contoh", "read_bytes"): "the sample logo of the repository (stored through the store)",
    ("layanan/sop.py", "bawaan", "glob"): "the built-in SOP definitions folder",
    ("layanan/templat.py", "_contoh", "read_text"): "sample JSON of the repository (trial render of an upload)",
    ("layanan/templat.py", "bawaan", "read_bytes"): "a built-in template of the repository, offered for download",
}
# Whole folders and modules whose own files are not stored files (they reach stored files through the store).
MODUL_DIIZINKAN = {
    "inti/penyimpanan.py": "the store itself",
    "cadangan": "backup archives the admin names on the command line; stored files are read and restored through "
                "the store",
    "migrations": "Alembic's own scripts",
}


def _akses_berkas(path: Path) -> list[tuple[str, int, str]]:
    """(function, line, call) of every file access in one module that is not done in memory."""
    pohon = ast.parse(path.read_text(encoding="utf-8"))
    hasil: list[tuple[str, int, str]] = []

    memori = {  # names bound to an in-memory buffer: buf = io.BytesIO()
        t.id for n in ast.walk(pohon) if isinstance(n, ast.Assign)
        and ast.unparse(n.value).startswith(("io.BytesIO(", "BytesIO(")) for t in n.targets if isinstance(t, ast.Name)}

    def kunjungi(simpul: ast.AST, fungsi: str) -> None:
        for anak in ast.iter_child_nodes(simpul):
            nama_fungsi = anak.name if isinstance(anak, ast.FunctionDef | ast.AsyncFunctionDef) else fungsi
            if isinstance(anak, ast.Call):
                f = anak.func
                nama = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                pertama = ast.unparse(anak.args[0]) if anak.args else ""
                di_memori = pertama.startswith(("io.BytesIO(", "BytesIO(")) or pertama in memori
                if nama == "send_file":
                    if not di_memori and ".path_lokal(" not in pertama:
                        hasil.append((nama_fungsi, anak.lineno, ast.unparse(anak)[:100]))
                elif (nama in PANGGILAN_BERKAS and not di_memori) or (
                        isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
                        and nama in PANGGILAN_MODUL.get(f.value.id, ())):
                    hasil.append((nama_fungsi, anak.lineno, nama))
            kunjungi(anak, nama_fungsi)

    kunjungi(pohon, "")
    return hasil


def test_web_tidak_menyentuh_berkas_tersimpan_langsung():
    """Every file read, write, delete and download of web/ goes through web.inti.penyimpanan (keys, atomic writes)."""
    salah = []
    for path in sorted((ROOT / "web").rglob("*.py")):
        relatif = path.relative_to(ROOT / "web").as_posix()
        if relatif in MODUL_DIIZINKAN or relatif.split("/")[0] in MODUL_DIIZINKAN:
            continue
        for fungsi, baris, panggilan in _akses_berkas(path):
            nama = panggilan if "(" not in panggilan else "send_file"
            if (relatif, fungsi, nama) not in DIIZINKAN:
                salah.append(f"web/{relatif}:{baris} ({fungsi}): {panggilan}")
    assert salah == [], "akses berkas di luar web.penyimpanan:\n" + "\n".join(salah)


def test_pemeriksa_akses_berkas_menemukan_pelanggaran(tmp_path):
    contoh = tmp_path / "modul.py"
    contoh.write_text(
        "import io, os\nfrom pathlib import Path\n"
        "def simpan(p):\n    Path(p).write_bytes(b'x')\n    os.replace(p, p + '1')\n"
        "def kirim(p):\n    return send_file(p)\n"
        "def aman(isi):\n    Image.open(io.BytesIO(isi))\n    return send_file(io.BytesIO(isi))\n"
        "def lewat_toko(k):\n    return send_file(penyimpanan().path_lokal(k))\n"
        "def buffer():\n    buf = io.BytesIO()\n    return send_file(buf)\n", encoding="utf-8")
    assert [(f, n) for f, _, n in _akses_berkas(contoh)] == [("simpan", "write_bytes"), ("simpan", "replace"),
                                                              ("kirim", "send_file(p)")]


# -- the database holds keys -------------------------------------------------------------------------------------


def _pengguna(username: str) -> Pengguna:
    return sesi().scalar(select(Pengguna).where(Pengguna.username == username))


def _nota(**ubah) -> dict:
    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    data.pop("instansi")
    data.update(ubah)
    return data


def _isian(**ubah) -> dict[str, str]:
    form = ratakan(_nota())
    form.update(ubah)
    return form


@pytest.fixture
def tanpa_pdf(app):
    app.config["PDF_AKTIF"] = False
    return app


def test_basis_data_menyimpan_kunci_dan_path_lama_tetap_terbaca(tanpa_pdf, client, masuk, monkeypatch):
    app = tanpa_pdf
    with app.app_context():
        dok = buat_dokumen(_pengguna("kepala"), "nota-dinas", _nota())
        assert dok.berkas_docx == f"dokumen/{dok.id}/nota-dinas.docx" and dok.berkas_pdf is None
        assert sesi().get(Instansi, 1).logo == "logo/instansi-1.png"
        isi = penyimpanan().baca(dok.berkas_docx)
        did, kunci = dok.id, dok.berkas_docx
    masuk("kepala")
    # rows written before keys: the absolute path inside the store, or one relative to the working folder
    akar = Path(app.config["PENYIMPANAN"]).resolve()
    monkeypatch.chdir(akar.parent)
    for lama in (str(akar / kunci), f"{akar.name}/{kunci}"):
        with app.app_context():
            sesi().get(Dokumen, did).berkas_docx = lama
            sesi().commit()
        r = client.get(f"/dokumen/{did}/unduh/docx")
        assert r.status_code == 200 and r.data == isi
        r.close()


def test_berkas_baru_dibuang_bila_gagal_dan_berkas_lama_tidak_disentuh(tmp_path):
    s = PenyimpananLokal(tmp_path)
    s.simpan("dokumen/1/lama.docx", b"lama")
    with pytest.raises(RuntimeError), BerkasBaru(s) as baru:
        baru.simpan("dokumen/1/baru.docx", b"baru")
        baru.simpan("dokumen/1/lama.docx", b"ditimpa")
        raise RuntimeError("commit gagal")
    # the new file is gone; the one that existed before is never removed (another record may point at it)
    assert list(s.daftar()) == ["dokumen/1/lama.docx"]
    with BerkasBaru(s) as baru:
        baru.simpan("dokumen/2/a.pdf", b"%PDF")
    assert s.ada("dokumen/2/a.pdf")


# -- a full disk -------------------------------------------------------------------------------------------------


class DiskPenuh:
    """Makes every store write fail as on a full disk (ENOSPC at fsync) while `aktif`."""

    def __init__(self, monkeypatch):
        self.aktif = False
        asli = os.fsync

        def fsync(fd):
            if self.aktif:
                raise OSError(errno.ENOSPC, "No space left on device")
            return asli(fd)

        monkeypatch.setattr(os, "fsync", fsync)


@pytest.fixture
def disk(monkeypatch) -> DiskPenuh:
    return DiskPenuh(monkeypatch)


def _jumlah(app, model) -> int:
    with app.app_context():
        return sesi().scalar(select(func.count()).select_from(model))


def test_disk_penuh_formulir_menyimpan_isian_dan_dokumen_lama(tanpa_pdf, client, masuk, disk):
    app = tanpa_pdf
    masuk("kepala")
    r = client.post("/dokumen/nota-dinas/baru", data=_isian())
    assert r.status_code == 302
    lama = int(r.headers["Location"].rsplit("/", 1)[-1])
    r = client.get(f"/dokumen/{lama}/unduh/docx")
    isi_lama = r.data
    r.close()
    disk.aktif = True
    hal = "Penyusunan Laporan Kinerja Saat Disk Penuh"
    r = client.post("/dokumen/nota-dinas/baru", data=_isian(hal=hal))
    html = r.get_data(as_text=True)
    assert r.status_code == 507
    assert PENUH in html and "Data yang sudah tersimpan tetap aman" in html
    assert hal in html  # the typed input is shown again
    assert _jumlah(app, Dokumen) == 1
    with app.app_context():
        assert list(penyimpanan().daftar("dokumen")) == [f"dokumen/{lama}/nota-dinas.docx"]
    r = client.get(f"/dokumen/{lama}/unduh/docx")
    assert r.status_code == 200 and r.data == isi_lama
    r.close()
    disk.aktif = False
    assert client.post("/dokumen/nota-dinas/baru", data=_isian(hal=hal)).status_code == 302


def test_disk_penuh_tugas_latar_gagal_dengan_pesan_dan_draf_tersimpan(tanpa_pdf, client, masuk, disk):
    app = tanpa_pdf
    masuk("kepala")
    disk.aktif = True
    r = client.post("/dokumen/nota-dinas/baru?latar=1", data=_isian(hal="Dibuat di latar"))
    assert r.status_code == 202
    tid = re.search(r"/dokumen/tugas/([0-9a-f]+)", r.get_data(as_text=True)).group(1)
    akhir = time.monotonic() + 60
    while (s := client.get(f"/dokumen/tugas/{tid}").get_json())["status"] not in ("selesai", "gagal"):
        assert time.monotonic() < akhir
        time.sleep(0.1)
    assert s["status"] == "gagal" and s["pesan"].startswith(PENUH)
    assert _jumlah(app, Dokumen) == 0
    with app.app_context():
        assert sesi().scalar(select(Draf.data).where(Draf.slug == "nota-dinas"))["hal"] == "Dibuat di latar"
        assert list(penyimpanan().daftar("dokumen")) == []


def test_disk_penuh_api_507(tanpa_pdf, client, disk):
    from web.layanan.akun import buat_token

    app = tanpa_pdf
    with app.app_context():
        token = buat_token(_pengguna("kepala"))
        sesi().commit()
    kepala = {"Authorization": f"Bearer {token}"}
    disk.aktif = True
    r = client.post("/api/v1/dokumen/nota-dinas", headers=kepala, json=_nota())
    assert r.status_code == 507
    assert r.get_json() == {"error": "Ruang penyimpanan server penuh: berkas tidak dapat disimpan. Data yang sudah "
                                     "tersimpan tetap aman; hubungi admin server lalu coba lagi.", "fields": {}}
    assert _jumlah(app, Dokumen) == 0


@pytest.fixture
def pdf_palsu(app, monkeypatch):
    """Finalising without LibreOffice: a fixed PDF (the conversion is not what these tests are about)."""
    monkeypatch.setattr(finalisasi, "_pdf", lambda docx, *a, **kw: b"%PDF-1.4 uji\n")
    app.config["PDF_AKTIF"] = False
    return app


def test_disk_penuh_finalisasi_tetap_konsep_tanpa_nomor(pdf_palsu, client, masuk, disk):
    app = pdf_palsu
    masuk("sekretaris")
    r = client.post("/dokumen/nota-dinas/baru", data=_isian(**{"nomor.urut": ""}))
    did = int(r.headers["Location"].rsplit("/", 1)[-1])
    disk.aktif = True
    r = client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"})
    assert r.status_code == 507 and PENUH in r.get_data(as_text=True)
    with app.app_context():
        dok = sesi().get(Dokumen, did)
        assert dok.status == "konsep" and not dok.nomor_surat and dok.kode_verifikasi is None
        assert dok.berkas_docx == f"dokumen/{did}/nota-dinas.docx" and penyimpanan().ada(dok.berkas_docx)
        assert list(sesi().scalars(select(NomorSurat))) == []
        assert sesi().scalar(select(PenghitungNomor.terakhir)) is None
        assert list(penyimpanan().daftar(f"dokumen/{did}")) == [f"dokumen/{did}/nota-dinas.docx"]
    disk.aktif = False
    assert client.post(f"/dokumen/{did}/final", data={"seri": "nota-dinas"}).status_code == 302
    with app.app_context():
        dok = sesi().get(Dokumen, did)
        assert dok.nomor_surat == "000.1.5/1/BKPSDM-PS/I/2025"  # number 1 was not lost
        assert dok.berkas_pdf.startswith(f"dokumen/{did}/final-") and penyimpanan().ada(dok.berkas_pdf)
        # the draft's file is no longer referred to: released, it goes with the next sweep
        konsep = f"dokumen/{did}/nota-dinas.docx"
        assert dok.berkas_docx != konsep and penyimpanan().ada(konsep)
        assert konsep in sapu(app, umur_jam=0, hapus=True).yatim and not penyimpanan().ada(konsep)


def test_disk_penuh_finalisasi_lewat_api_507(pdf_palsu, client, masuk, disk):
    from web.layanan.akun import buat_token

    app = pdf_palsu
    masuk("sekretaris")
    r = client.post("/dokumen/nota-dinas/baru", data=_isian(**{"nomor.urut": ""}))
    did = int(r.headers["Location"].rsplit("/", 1)[-1])
    with app.app_context():
        token = buat_token(_pengguna("sekretaris"))
        sesi().commit()
    disk.aktif = True
    r = client.post(f"/api/v1/dokumen/{did}/final", headers={"Authorization": f"Bearer {token}"},
                    json={"seri": "nota-dinas"})
    assert r.status_code == 507 and r.get_json()["error"].startswith(PENUH) and r.get_json()["fields"] == {}
    with app.app_context():
        assert sesi().get(Dokumen, did).status == "konsep" and list(sesi().scalars(select(NomorSurat))) == []


@pytest.fixture
def siklus(tanpa_pdf, tmp_path):
    """A cycle with a nota dinas at step 1 (no PDF: the bundle itself is replaced by a small ZIP)."""
    app = tanpa_pdf
    pasang_bawaan(app, tmp_path / "sop")
    with app.app_context():
        s = langkah.mulai_siklus(_pengguna("perencana"), kode="pengukuran-uji", periode_jenis="triwulan", periode_ke=2,
                            tahun=2024, sekarang=dt.datetime.now(dt.UTC))
        buat_dokumen(_pengguna("kepala"), "nota-dinas", _nota(), siklus_id=s.id, langkah_no=1)
        return s.id


def _tunggu_berkas(client, url: str) -> dict:
    akhir = time.monotonic() + 60
    while (s := client.get(url, headers={"Accept": "application/json"}).get_json())["status"] not in (
            "selesai", "gagal", "dibatalkan"):
        assert time.monotonic() < akhir
        time.sleep(0.1)
    return s


def test_disk_penuh_berkas_arsip_gagal_tanpa_baris_dan_berkas(app, client, masuk, siklus, disk, monkeypatch):
    monkeypatch.setattr(bundle, "susun_berkas", lambda *a, **kw: SimpleNamespace(zip=ZIP_KOSONG, peringatan=[]))
    masuk("arsiparis")
    s = _tunggu_berkas(client, client.post(f"/siklus/{siklus}/berkas").headers["Location"])
    assert s["status"] == "selesai", s
    with app.app_context():
        pertama = sesi().scalar(select(BerkasArsip))
        assert pertama.berkas.startswith(f"berkas/{siklus}/") and penyimpanan().ada(pertama.berkas)
    disk.aktif = True
    s = _tunggu_berkas(client, client.post(f"/siklus/{siklus}/berkas").headers["Location"])
    assert s["status"] == "gagal" and s["pesan"].startswith(PENUH)
    assert _jumlah(app, BerkasArsip) == 1
    with app.app_context():
        assert list(penyimpanan().daftar("berkas")) == [pertama.berkas]
    r = client.get(f"/berkas/{pertama.id}/unduh")
    assert r.status_code == 200 and r.data == ZIP_KOSONG
    r.close()


def test_disk_penuh_logo_lama_tetap_dipakai(app, client, masuk, disk):
    masuk("admin")
    logo_lama = client.get("/profil/logo").data
    assert logo_lama[:4] == b"\x89PNG"
    disk.aktif = True
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(buf, format="PNG")
    r = client.post("/profil/logo", data={"logo": (io.BytesIO(buf.getvalue()), "logo-baru.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 507 and PENUH in r.get_data(as_text=True)
    with app.app_context():
        assert sesi().get(Instansi, 1).logo == "logo/instansi-1.png"
        assert list(penyimpanan().daftar("logo")) == ["logo/instansi-1.png"]
    assert client.get("/profil/logo").data == logo_lama


# -- a real full disk: a 1 MB tmpfs ------------------------------------------------------------------------------


@pytest.fixture
def tmpfs_kecil(tmp_path):
    """A 1 MB tmpfs mounted at tmp_path/kecil (root only); skipped where mounting is not permitted."""
    titik = tmp_path / "kecil"
    titik.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(titik)], capture_output=True,
                       text=True, check=False)
    if r.returncode != 0:
        pytest.skip(f"tmpfs tidak dapat dipasang di sini ({(r.stderr or r.stdout).strip() or r.returncode})")
    try:
        yield titik
    finally:
        subprocess.run(["umount", "-l", str(titik)], check=False)


def test_tmpfs_penuh_sungguhan(tanpa_pdf, client, masuk, tmpfs_kecil):
    app = tanpa_pdf
    akar = tmpfs_kecil / "berkas"
    with app.app_context():
        toko = PenyimpananLokal(akar)
        toko.simpan("logo/instansi-1.png", penyimpanan().baca("logo/instansi-1.png"))
    app.config["PENYIMPANAN"] = akar
    app.extensions["docgen_penyimpanan"] = toko
    masuk("kepala")
    r = client.post("/dokumen/nota-dinas/baru", data=_isian())
    assert r.status_code == 302
    lama = int(r.headers["Location"].rsplit("/", 1)[-1])
    isi_lama = toko.baca(f"dokumen/{lama}/nota-dinas.docx")
    # fill the disk, leaving one page: a .docx does not fit
    st = os.statvfs(tmpfs_kecil)
    pengisi = tmpfs_kecil / "pengisi"
    with pengisi.open("wb") as f:
        f.write(b"\0" * (st.f_bavail * st.f_frsize - 4096))
    r = client.post("/dokumen/nota-dinas/baru", data=_isian(hal="Tidak muat di disk"))
    assert r.status_code == 507 and PENUH in r.get_data(as_text=True)
    assert "Tidak muat di disk" in r.get_data(as_text=True)
    assert _jumlah(app, Dokumen) == 1
    assert list(toko.daftar("dokumen")) == [f"dokumen/{lama}/nota-dinas.docx"]  # no temporary file left
    r = client.get(f"/dokumen/{lama}/unduh/docx")
    assert r.status_code == 200 and r.data == isi_lama
    r.close()
    pengisi.unlink()
    assert client.post("/dokumen/nota-dinas/baru", data=_isian(hal="Tidak muat di disk")).status_code == 302


# -- no download route serves a file outside the store -----------------------------------------------------------


@pytest.fixture
def rahasia(app, tmp_path) -> Path:
    """A file next to the store (like the database) that no route may serve."""
    f = tmp_path / "rahasia.txt"
    f.write_bytes(RAHASIA)
    return f


def _tolak(r) -> None:
    assert r.status_code in (400, 404) and RAHASIA not in r.data, (r.status_code, r.data[:200])
    r.close()


def _nilai_palsu(app, rahasia: Path) -> list[str]:
    akar = Path(app.config["PENYIMPANAN"])
    tautan = akar / "dokumen" / "tautan.txt"
    tautan.parent.mkdir(parents=True, exist_ok=True)
    tautan.symlink_to(rahasia)
    return ["../rahasia.txt", "dokumen/1/../../../rahasia.txt", str(rahasia), f"{akar}/../rahasia.txt",
            "/etc/passwd", "..\\rahasia.txt", "dokumen/tautan.txt", "C:/rahasia.txt"]


def test_unduhan_dokumen_tidak_keluar_penyimpanan(tanpa_pdf, client, masuk, rahasia):
    app = tanpa_pdf
    with app.app_context():
        milik_kepala = buat_dokumen(_pengguna("kepala"), "nota-dinas", _nota()).id
    # another user of the agency whose role sees only their own documents: 404, as for an id that does not exist
    masuk("bidang.kompetensi")
    for url in (f"/dokumen/{milik_kepala}/unduh/docx", f"/dokumen/{milik_kepala}/pdf", "/dokumen/9999/unduh/docx"):
        _tolak(client.get(url))
    client.post("/keluar")
    masuk("kepala")
    for nilai in _nilai_palsu(app, rahasia):
        with app.app_context():
            dok = sesi().get(Dokumen, milik_kepala)
            dok.berkas_docx = dok.berkas_pdf = nilai
            sesi().commit()
        for url in (f"/dokumen/{milik_kepala}/unduh/docx", f"/dokumen/{milik_kepala}/unduh/pdf",
                    f"/dokumen/{milik_kepala}/pdf"):
            _tolak(client.get(url))
    _tolak(client.get(f"/dokumen/{milik_kepala}/unduh/..%2F..%2Frahasia.txt"))


def test_unduhan_berkas_arsip_dan_logo_tidak_keluar_penyimpanan(app, client, masuk, siklus, rahasia):
    with app.app_context():
        b = BerkasArsip(instansi_id=1, siklus_id=siklus, kode="X/1", berkas="berkas/1/x.zip", sha256="0" * 64,
                        ukuran=1, dibuat_oleh=_pengguna("arsiparis").id, dibuat=dt.datetime.now(dt.UTC))
        sesi().add(b)
        sesi().commit()
        bid = b.id
    masuk("admin")
    for nilai in _nilai_palsu(app, rahasia):
        with app.app_context():
            sesi().get(BerkasArsip, bid).berkas = nilai
            sesi().get(Instansi, 1).logo = nilai
            sesi().commit()
        _tolak(client.get(f"/berkas/{bid}/unduh"))
        _tolak(client.get("/profil/logo"))
        # and the logo handed to docgen is never a file outside the store
        with app.app_context():
            from web.layanan.instansi import path_logo

            assert path_logo(sesi().get(Instansi, 1)) is None
    # a logo record naming a document of the store is not served as the logo either
    with app.app_context():
        dok = buat_dokumen(_pengguna("kepala"), "nota-dinas", _nota())
        sesi().get(Instansi, 1).logo = dok.berkas_docx
        sesi().commit()
    _tolak(client.get("/profil/logo"))
