"""One source of truth per fact: the capaian settings (pages, documents and API agree after the admin changes the
predikat preset), the role table, time zones and "now", the job backend chosen once."""

from __future__ import annotations

import ast
import datetime as dt
import re

from sqlalchemy import select

from docgen.teks_docx import teks_docx
from tests.conftest import ROOT
from web import tugas
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.models import Instansi, Pengguna
from web.inti.penyimpanan import penyimpanan
from web.layanan import kinerja
from web.layanan.dokumen import buat_dokumen

PRESET_BARU = "permenpan_6_2022"  # > 110 Sangat Baik, >= 100 Baik, >= 80 Cukup, >= 60 Kurang
KOSONGKAN = re.compile(r"\s+")


def _baris_rekap(teks: str, kode: str) -> str:
    """The Rekapitulasi row of one indicator: 'IKU 1 | Indeks ... | 103,63% | Baik |'."""
    return next(b for b in teks.splitlines() if f"| {kode} |" in b)


def _ganti_preset(client, masuk, preset: str) -> None:
    masuk("admin")
    r = client.post("/profil/pengaturan", data={"ukuran_kertas": "F4", "gaya_diktum": "KESATU",
                                                "posisi_qr": "kanan_bawah", "predikat": preset})
    assert r.status_code == 302, r.get_data(as_text=True)


def test_preset_predikat_sama_di_halaman_dokumen_dan_api(app, client, masuk, token):
    token_api = token
    app.config["PDF_AKTIF"] = False
    _ganti_preset(client, masuk, PRESET_BARU)

    # the capaian page
    masuk("perencana")
    html = KOSONGKAN.sub(" ", client.get("/kinerja/capaian?tahun=2024").get_data(as_text=True))
    assert re.search(r"IKU 1</td>.*?103,63%</strong></td> <td>Baik</td>", html)
    assert re.search(r"IKU 5</td>.*?94,64%</strong></td> <td>Cukup</td>", html)

    # a Rekapitulasi made in the web app right after (its kinerja comes from the plan)
    with app.app_context():
        p = sesi().scalar(select(Pengguna).where(Pengguna.username == "perencana"))
        data = {"tanggal": "2025-01-20", "penandatangan": dict(p.instansi.pejabat[2].data),
                "mengetahui": dict(p.instansi.pejabat[0].data)}
        dok = buat_dokumen(p, "rekapitulasi-capaian", data, pdf=False)
        teks = teks_docx(penyimpanan().baca(dok.berkas_docx))
    assert _baris_rekap(teks, "IKU 1").endswith("| 103,63% | Baik |")
    assert _baris_rekap(teks, "IKU 5").endswith("| 94,64% | Cukup |")
    assert "Peraturan Menteri PANRB Nomor 6 Tahun 2022" in teks

    # the API: the capaian table of the plan the client sends (its own preset is replaced, with a warning)
    with app.app_context():
        rk = kinerja.rencana_terbaru(sesi().get(Instansi, 1))
        assert rk is not None and rk.data["pengaturan"]["predikat"] == "lima_tingkat"
        badan = rk.data
    r = client.post("/api/v1/capaian", json=badan, headers=token_api("perencana"))
    assert r.status_code == 200
    baris = {b["kode"]: b for b in r.get_json()["baris"]}
    assert (baris["IKU 1"]["predikat"], baris["IKU 5"]["predikat"]) == ("Baik", "Cukup")
    assert "diganti%20dengan%20pengaturan%20capaian%20instansi" in r.headers["X-Peringatan"]

    # and a document made through the API without kinerja
    r = client.post("/api/v1/dokumen/rekapitulasi-capaian", json=data, headers=token_api("perencana"))
    assert r.status_code == 200, r.get_data(as_text=True)
    assert _baris_rekap(teks_docx(r.data), "IKU 1").endswith("| 103,63% | Baik |")

    # switching back changes every one of them back
    _ganti_preset(client, masuk, "lima_tingkat")
    masuk("perencana")
    html = KOSONGKAN.sub(" ", client.get("/kinerja/capaian?tahun=2024").get_data(as_text=True))
    assert re.search(r"IKU 1</td>.*?103,63%</strong></td> <td>Sangat Baik</td>", html)


def test_terapkan_pengaturan_tanpa_pengaturan_instansi_tidak_mengubah():
    class Inst:
        def __init__(self):
            self.pengaturan_capaian: dict = {}

    data = {"tahun": 2024, "pengaturan": {"predikat": "kustom"}}
    assert kinerja.terapkan_pengaturan(Inst(), data) == (data, [])  # type: ignore[arg-type]


# -- roles ----------------------------------------------------------------------------------------------------------

NAMA_PERAN = set(peran.PERAN)


def _literal_peran(path) -> list[str]:
    """Role names written as literals in comparisons or role sets outside the role table."""
    temuan = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            for sisi in (node.left, *node.comparators):
                for c in ast.walk(sisi):
                    if isinstance(c, ast.Constant) and c.value in NAMA_PERAN:
                        temuan.append(f"{path.relative_to(ROOT)}:{node.lineno} {c.value!r}")
    return temuan


def test_aturan_peran_hanya_di_satu_tabel():
    """No `peran == "admin"` or `peran in {"kepala", ...}` outside web/inti/peran.py: every rule reads the table."""
    temuan = []
    for path in sorted((ROOT / "web").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() != "web/inti/peran.py":
            temuan += _literal_peran(path)
    assert temuan == []


def test_setiap_aksi_punya_peran_dan_label():
    for aksi in peran.Aksi:
        assert peran.peran_untuk(aksi) <= NAMA_PERAN and peran.peran_untuk(aksi), aksi
    assert set(peran.LABEL_PERAN) == NAMA_PERAN
    assert not peran.boleh("bidang", peran.Aksi.SEMUA_UNIT) and peran.boleh("kepala", "kinerja.semua_unit")


# -- time -----------------------------------------------------------------------------------------------------------

WAKTU_LANGSUNG = re.compile(r"\b(?:dt\.)?(?:date\.today\(\)|datetime\.now\(|datetime\.utcnow\(|ZoneInfo\(\")")


def test_waktu_dan_zona_hanya_di_satu_modul():
    """Now, today and the agency's zone come from web/inti/waktu.py (the zone table from docgen.locale_id)."""
    temuan = []
    for path in sorted((ROOT / "web").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() in ("web/inti/waktu.py", "web/inti/models.py"):
            continue
        for no, baris in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WAKTU_LANGSUNG.search(baris) or "Asia/Jakarta" in baris:
                temuan.append(f"{path.relative_to(ROOT)}:{no} {baris.strip()}")
    assert temuan == []


def test_hari_ini_menurut_zona_instansi():
    class Inst:
        def __init__(self, zona: str):
            self.profil = {"zona_waktu": zona}

    tengah_malam_utc = dt.datetime(2025, 1, 19, 16, 30, tzinfo=dt.UTC)  # 23.30 WIB, 00.30 WITA, 01.30 WIT
    assert waktu.hari_ini(Inst("WIB"), tengah_malam_utc) == dt.date(2025, 1, 19)
    assert waktu.hari_ini(Inst("WITA"), tengah_malam_utc) == dt.date(2025, 1, 20)
    assert waktu.teks_waktu(tengah_malam_utc, Inst("WIT")) == "20 Januari 2025 pukul 01.30 WIT"
    assert waktu.nama_zona(Inst("XYZ")) == "WIB"


# -- the job backend --------------------------------------------------------------------------------------------------


def test_backend_tugas_dipilih_sekali(app):
    """Redis or threads is decided in create_app; nothing else looks at REDIS_URL."""
    assert isinstance(tugas.antrean(app), tugas.AntreanUtas)
    baca = re.compile(r"""\b(config|environ|env)(\.get\(|\[|\()["']REDIS_URL""")
    pembaca = [p.relative_to(ROOT).as_posix() for p in (ROOT / "web").rglob("*.py")
               if baca.search(p.read_text(encoding="utf-8"))]
    assert sorted(pembaca) == ["web/aplikasi.py", "web/perintah/pekerja.py", "web/tugas/__init__.py"]
