"""A backup holds exactly the stored files its snapshot refers to: a logo or template replaced between the table
snapshot and the file copy is still in the archive (the old file stays under its key), a referenced file missing at
copy time is a warning (result, manifest, command output), unreferenced files are left out."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from PIL import Image

from docgen.cli import cli
from tests.conftest import TEMPLATES
from tests.data_uji import pengguna, sampel_dokumen
from tests.test_cadangan import instalasi
from web.cadangan import buat as modul_buat
from web.cadangan import buat_cadangan, pulihkan
from web.inti.db import sesi
from web.inti.penyimpanan import penyimpanan
from web.layanan import profil, templat
from web.layanan.akun import buat_token


def png(warna: tuple[int, int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (48, 48), warna).save(buf, format="PNG")
    return buf.getvalue()


def templat_nota(teks: str) -> bytes:
    """The built-in nota dinas template with one more paragraph."""
    doc = Document(str(TEMPLATES / "nota-dinas.docx"))
    doc.add_paragraph(f"{teks}: {{{{ hal }}}}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def teks_docx(isi: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(isi)).paragraphs)


def gambar_docx(isi: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("word/media/")]


def nota_lewat_api(app, username: str = "perencana"):
    """POST a nota dinas through the API as `username`; the response."""
    with app.app_context():
        t = buat_token(pengguna(username))
        sesi().commit()
    return app.test_client().post("/api/v1/dokumen/nota-dinas", headers={"Authorization": f"Bearer {t}"},
                                  json=sampel_dokumen("nota-dinas"))


def manifest(arsip: Path) -> dict:
    with zipfile.ZipFile(arsip) as z:
        return json.loads(z.read("manifest.json"))


def test_logo_dan_templat_diganti_di_tengah_pencadangan(tmp_path, monkeypatch):
    """Replaced (through the services) after the rows were read and before the files are copied: the archive
    still holds the logo and template the rows name, and the restored agency renders with them."""
    with instalasi(tmp_path / "a", contoh=True) as app:
        with app.app_context():
            admin = pengguna("admin")
            templat.pasang(admin, "nota-dinas", templat_nota("TEMPLAT LAMA"), "lama.docx")
            profil.ganti_logo(admin, admin.instansi, png((10, 120, 200)))
            logo_lama = penyimpanan().baca(admin.instansi.logo)
        asli = modul_buat._tulis_berkas

        def ganti_dulu(*a, **k):
            with app.app_context():
                admin = pengguna("admin")
                profil.ganti_logo(admin, admin.instansi, png((250, 200, 0)))
                templat.pasang(admin, "nota-dinas", templat_nota("TEMPLAT BARU"), "baru.docx")
            return asli(*a, **k)

        monkeypatch.setattr(modul_buat, "_tulis_berkas", ganti_dulu)
        r = buat_cadangan(app, tmp_path / "c.zip")
        assert r.peringatan == []
    m = manifest(tmp_path / "c.zip")
    assert m["berkas_hilang"] == [] and m["peringatan"] == []
    kunci = {b["kunci"] for b in m["berkas"]}
    assert any(k.startswith("logo/instansi-1-") for k in kunci) and any(k.startswith("templat/1/") for k in kunci)

    with instalasi(tmp_path / "b") as baru:
        h = pulihkan(baru, tmp_path / "c.zip")
        assert h.peringatan == []
        r = nota_lewat_api(baru)
        assert r.status_code == 200, r.get_data(as_text=True)
        assert logo_lama in gambar_docx(r.data)  # the logo the snapshot referred to
        assert "TEMPLAT LAMA" in teks_docx(r.data) and "TEMPLAT BARU" not in teks_docx(r.data)
        assert "X-Peringatan" not in r.headers


def test_berkas_hilang_saat_disalin_menjadi_peringatan(tmp_path, monkeypatch):
    """A referenced file removed before it is copied (by hand, by a sweep) is named in the result, the manifest and
    the command's output, also with -q; the restore repeats the warning."""
    with instalasi(tmp_path / "a", contoh=True) as app:
        monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
        monkeypatch.setenv("DOCGEN_STORAGE", str(app.config["PENYIMPANAN"]))
        with app.app_context():
            logo = pengguna("admin").instansi.logo
        asli = modul_buat._tulis_berkas

        def hapus_dulu(*a, **k):
            (Path(app.config["PENYIMPANAN"]) / logo).unlink(missing_ok=True)
            return asli(*a, **k)

        monkeypatch.setattr(modul_buat, "_tulis_berkas", hapus_dulu)
        h = CliRunner().invoke(cli, ["backup", "-q", "-o", str(tmp_path / "c.zip")])
        assert h.exit_code == 0, h.output
        assert "PERINGATAN: 1 berkas yang dirujuk basis data tidak ada" in h.output
        assert f"berkas {logo} dirujuk instansi #1 (logo) tetapi tidak ada di penyimpanan" in h.output
    m = manifest(tmp_path / "c.zip")
    assert m["berkas_hilang"] == [logo] and len(m["peringatan"]) == 1 and logo in m["peringatan"][0]
    assert logo not in {b["kunci"] for b in m["berkas"]}

    with instalasi(tmp_path / "b") as baru:
        kemajuan: list[str] = []
        r = pulihkan(baru, tmp_path / "c.zip", lapor=kemajuan.append)
        assert r.peringatan == m["peringatan"]
        assert any(p.startswith("PERINGATAN dari saat pencadangan: berkas " + logo) for p in kemajuan)
        r = nota_lewat_api(baru)  # rendered without the logo, and says so
        assert r.status_code == 200 and gambar_docx(r.data) == []
        assert "tidak%20ada%20di%20penyimpanan" in r.headers["X-Peringatan"]


def test_hanya_berkas_yang_dirujuk(tmp_path):
    """Unreferenced files (a dead job's leftovers, a queue file, anything else) stay out of the archive; a legacy
    absolute path in a row is archived under its key."""
    from web.inti.models import Instansi

    with instalasi(tmp_path / "a", contoh=True) as app:
        with app.app_context():
            store = penyimpanan()
            inst = sesi().get(Instansi, 1)
            kunci_logo = inst.logo
            inst.logo = str(store.path_lokal(kunci_logo))  # as older versions stored it
            sesi().commit()
            dok = nota_lewat_api(app)
            assert dok.status_code == 200
            for k in ("dokumen/999/sisa.docx", "antrean/abc.docx", "catatan/lain.txt", "logo/instansi-9-x.png"):
                store.simpan(k, b"tidak dirujuk")
        buat_cadangan(app, tmp_path / "c.zip")
    m = manifest(tmp_path / "c.zip")
    kunci = sorted(b["kunci"] for b in m["berkas"])
    assert kunci == sorted([kunci_logo, f"dokumen/{dok.headers['X-Dokumen-Id']}/nota-dinas.docx"])
    with zipfile.ZipFile(tmp_path / "c.zip") as z:
        assert sorted(n for n in z.namelist() if n.startswith("berkas/")) == [f"berkas/{k}" for k in kunci]
    assert m["peringatan"] == []
