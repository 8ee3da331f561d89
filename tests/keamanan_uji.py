"""Two agencies with one of everything (document, final document, cycles, SOP, register number, bundle, official,
unit, agency template, background jobs, audit rows, API tokens), for the security tests of routes and isolation."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import secrets
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from tests.conftest import SAMPLES, TEMPLATES
from tests.data_uji import pengguna as _p
from tests.sop_uji import definisi_uji, pasang_bawaan
from web.inti.db import sesi
from web.inti.models import (
    BerkasArsip,
    Dokumen,
    Instansi,
    Pejabat,
    Pengguna,
    RencanaKinerja,
    SeriNomor,
    TemplatInstansi,
    TugasLatar,
    UnitKerja,
)
from web.inti.penyimpanan import penyimpanan
from web.layanan import langkah, nomor
from web.layanan import sop as sop_layanan
from web.layanan.akun import buat_token, hash_password
from web.layanan.dokumen import buat_dokumen

PENANDA_A = "RAHASIA-A-7Q2X"
PENANDA_B = "RAHASIA-B-9K4Z"
SANDI_B = "sandi-instansi-b-123"
# Demo users of agency A (tests/conftest `masuk`), one per role.
PENGGUNA_A = {"admin": "admin", "kepala": "kepala", "sekretaris": "sekretaris", "perencana": "perencana",
              "tim_sakip": "timsakip", "bidang": "bidang.kompetensi", "arsiparis": "arsiparis"}
PENGGUNA_B = {"admin": "b.admin", "perencana": "b.perencana", "kepala": "b.kepala", "bidang": "b.bidang"}


@dataclass
class Data:
    """The ids of one agency's objects (what a guessing user of the other agency would try)."""

    instansi: int
    penanda: str
    dokumen: int = 0
    dokumen_final: int = 0
    kode_verifikasi: str = ""
    siklus: int = 0  # step 1 (Kepala) running
    siklus_keputusan: int = 0  # step 5 (a decision, Sekretaris) running
    sop: str = ""
    nomor: int = 0
    berkas: int = 0
    pejabat: int = 0
    unit: int = 0
    pengguna_lain: int = 0  # an account that no test logs in as (deactivated by the route test)
    tugas_dokumen: str = ""
    tugas_berkas: str = ""
    token: dict[str, str] = field(default_factory=dict)  # role -> bearer token



def _nota(penanda: str) -> dict:
    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    data.pop("instansi", None)
    data["hal"] = f"Permintaan data {penanda}"
    return data


def buat_instansi_b() -> int:
    """A second agency with its own units, officials, series, 2024 plan and users; return its id."""
    db = sesi()
    profil = {"pemerintah": "Pemerintah Kota Lain", "nama": "Dinas Uji Coba", "singkatan": "DUC",
              "alamat": "Jalan Lain No. 2", "kota": "Kota Lain", "kode_pos": "12345", "telepon": "(021) 555",
              "laman": "duc.example.go.id", "email": "duc@example.go.id", "zona_waktu": "WITA"}
    inst = Instansi(nama="Dinas Uji Coba Kota Lain", profil=profil, pengaturan_capaian={})
    db.add(inst)
    db.flush()
    kinerja = json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8"))
    for s in kinerja["sasaran"]:
        for ind in s["indikator"]:
            ind["unit_kerja"] = "Bidang Uji"
    kinerja["sasaran"][0]["indikator"][0]["indikator"] = f"Indikator {PENANDA_B}"
    for nama in ("Bidang Uji", "Sekretariat"):
        db.add(UnitKerja(instansi_id=inst.id, nama=nama))
    db.add(Pejabat(instansi_id=inst.id, data={"jabatan": "Kepala Dinas", "nama": "BUDI LAIN, S.T.",
                                              "nip": "197001012000031001", "golongan": "IV/b"}))
    db.add(SeriNomor(instansi_id=inst.id, kode="surat-keluar", pola="{kode_klasifikasi}/{urut}/{kode_unit}/{tahun}",
                     kode_klasifikasi="000.9.2", kode_unit="DUC"))
    db.add(RencanaKinerja(instansi_id=inst.id, tahun=2024, data=kinerja))
    db.flush()
    unit = db.scalar(select(UnitKerja).where(UnitKerja.instansi_id == inst.id, UnitKerja.nama == "Bidang Uji"))
    for peran, username in PENGGUNA_B.items():
        db.add(Pengguna(instansi_id=inst.id, username=username, nama=f"{peran.upper()} B", peran=peran,
                        password_hash=hash_password(SANDI_B), unit_kerja_id=unit.id if peran == "bidang" else None))
    db.commit()
    return inst.id


def _tandai_rencana(instansi_id: int, penanda: str) -> None:
    rk = sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.instansi_id == instansi_id,
                                                    RencanaKinerja.tahun == 2024))
    data = copy.deepcopy(rk.data)
    data["sasaran"][0]["indikator"][1]["indikator"] = f"Indikator {penanda}"
    rk.data = data
    sesi().commit()


def isi_instansi(app, instansi_id: int, penanda: str, pengguna: dict[str, str]) -> Data:
    """One of everything for an agency whose users (role -> username) exist; `penanda` marks its texts."""
    d = Data(instansi=instansi_id, penanda=penanda)
    db = sesi()
    admin, perencana = _p(pengguna["admin"]), _p(pengguna["perencana"])
    _tandai_rencana(instansi_id, penanda)

    # An agency SOP and two cycles of it: step 1 running, and one advanced to its decision step 5.
    d.sop = f"ukur-{penanda.lower()}"
    sop_layanan.simpan(admin, definisi_uji(kode=d.sop, judul=f"Pengukuran {penanda}"))
    kini = dt.datetime.now(dt.UTC)
    d.siklus = langkah.mulai_siklus(perencana, kode=d.sop, periode_jenis="triwulan", periode_ke=2, tahun=2024,
                               sekarang=kini).id
    s2 = langkah.mulai_siklus(perencana, kode=d.sop, periode_jenis="triwulan", periode_ke=3, tahun=2024, sekarang=kini)
    for no in range(1, 5):
        langkah.selesaikan_langkah(admin, s2, no, konfirmasi=True, sekarang=kini)
    d.siklus_keputusan = s2.id

    # A document (outside the cycles) with a stored PDF, and a final copy with a verification code.
    dok = buat_dokumen(perencana, "nota-dinas", _nota(penanda), pdf=False)
    dok.berkas_pdf = penyimpanan(app).simpan(f"dokumen/{dok.id}/nota-dinas.pdf",
                                             f"%PDF-1.4 {penanda}\n%%EOF\n".encode())
    db.commit()
    d.dokumen = dok.id
    d.kode_verifikasi = secrets.token_urlsafe(16)
    final = Dokumen(instansi_id=instansi_id, slug="nota-dinas", judul="Nota Dinas", data=_nota(penanda),
                    berkas_docx=dok.berkas_docx, berkas_pdf=dok.berkas_pdf, dibuat_oleh=perencana.id,
                    status="final", nomor_surat=f"000/1/{penanda}/2024", kode_verifikasi=d.kode_verifikasi,
                    sha256_docx="0" * 64, sha256_pdf="0" * 64, difinalkan=kini, difinalkan_oleh=admin.id)
    db.add(final)
    db.commit()
    d.dokumen_final = final.id

    d.nomor = nomor.ambil(db, instansi_id=instansi_id, seri_kode="surat-keluar", tanggal=dt.date(2024, 5, 2),
                          hal=f"Hal {penanda}", pengguna_id=perencana.id).id

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("isi.txt", f"berkas {penanda}")
    kunci = penyimpanan(app).simpan(f"berkas/{d.siklus}/uji-{penanda}.zip", buf.getvalue())
    b = BerkasArsip(instansi_id=instansi_id, siklus_id=d.siklus, kode=f"{penanda}/BERKAS", berkas=kunci,
                    sha256=hashlib.sha256(buf.getvalue()).hexdigest(), ukuran=len(buf.getvalue()),
                    dibuat_oleh=perencana.id)
    db.add(b)

    pj = Pejabat(instansi_id=instansi_id, data={"jabatan": "Kepala Bidang", "nama": f"PEJABAT {penanda}",
                                                "nip": "198001012005011002", "golongan": "III/d"})
    u = UnitKerja(instansi_id=instansi_id, nama=f"Unit {penanda}")
    db.add_all([pj, u])

    isi = (TEMPLATES / "nota-dinas.docx").read_bytes()
    kunci_t = penyimpanan(app).simpan(f"templat/{instansi_id}/nota-dinas-uji.docx", isi)
    db.add(TemplatInstansi(instansi_id=instansi_id, slug="nota-dinas", berkas=kunci_t,
                           sha256=hashlib.sha256(isi).hexdigest(), diunggah_oleh=admin.id))

    d.tugas_dokumen, d.tugas_berkas = uuid.uuid4().hex, uuid.uuid4().hex
    for tid, jenis, slug, hasil in ((d.tugas_dokumen, "dokumen", "nota-dinas", d.dokumen),
                                    (d.tugas_berkas, "berkas", f"berkas-{d.siklus}", None)):
        db.add(TugasLatar(id=tid, instansi_id=instansi_id, pemilik=perencana.id, jenis=jenis, slug=slug,
                          argumen={}, status="selesai", persen=100, pesan=f"Selesai {penanda}", fields={},
                          hasil_id=hasil, batal=0, percobaan=1, perkiraan_detik=1, dibuat=kini, selesai=kini))
    db.commit()
    d.berkas, d.pejabat, d.unit = b.id, pj.id, u.id
    lain = Pengguna(instansi_id=instansi_id, username=f"lain.{instansi_id}", nama="Akun Lain", peran="kepala",
                    password_hash=hash_password("sandi-akun-lain"))
    db.add(lain)
    db.flush()
    d.pengguna_lain = lain.id
    for peran, username in pengguna.items():
        d.token[peran] = buat_token(_p(username))
    db.commit()
    return d


def siapkan(app, tmp_path: Path, *, dengan_b: bool = True) -> tuple[Data, Data | None]:
    """Agency A (the demo agency) and, with `dengan_b`, agency B, each with one of everything."""
    app.config["PDF_AKTIF"] = False
    pasang_bawaan(app, tmp_path / "sop")
    with app.app_context():
        a = isi_instansi(app, _p("admin").instansi_id, PENANDA_A, PENGGUNA_A)
        b = None
        if dengan_b:
            b = isi_instansi(app, buat_instansi_b(), PENANDA_B, PENGGUNA_B)
    return a, b


def masuk_sebagai(app, username: str, sandi: str | None = None):
    """A new test client signed in as `username` (a demo user of A, or a user of B)."""
    c = app.test_client()
    r = c.post("/masuk", data={"username": username,
                               "password": sandi or app.config["AKUN_DEMO"].get(username, SANDI_B)})
    assert r.status_code == 302, r.get_data(as_text=True)
    return c
