"""Load the sample agency (BKPSDM Kabupaten Pesisir Selatan) with its plan, officials and demo users."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from web.inti.models import Instansi, Pejabat, Pengguna, RencanaKinerja, SeriNomor, UnitKerja
from web.inti.penyimpanan import Penyimpanan, PenyimpananLokal
from web.layanan.akun import hash_password

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = ROOT / "samples"

# (username, role, unit, display name)
PENGGUNA_DEMO = [
    ("admin", "admin", None, "Administrator"),
    ("kepala", "kepala", None, "Drs. HENDRA SAPUTRA, M.Si."),
    ("sekretaris", "sekretaris", None, "YULIA RAHMAWATI, S.E., M.M."),
    ("perencana", "perencana", None, "RIZKI PRATAMA, S.Kom."),
    ("timsakip", "tim_sakip", None, "ARIF BUDIMAN, S.E."),
    ("bidang.kompetensi", "bidang", "Bidang Pengembangan Kompetensi", "ELVI SUSANTI, S.Psi., M.Si."),
    ("bidang.mutasi", "bidang", "Bidang Mutasi dan Promosi", "Ir. SYAFRIL ANWAR"),
    ("arsiparis", "arsiparis", None, "DEWI ANGGRAINI, A.Md."),
]


def muat_contoh(db: Session, penyimpanan: Path | Penyimpanan) -> dict[str, str] | None:
    """Create the sample agency and demo users unless an agency exists; return {username: password}.

    `penyimpanan`: the app's store, or the folder of a local one (the agency's logo is stored there)."""
    if db.scalar(select(Instansi).limit(1)) is not None:
        return None
    store = PenyimpananLokal(penyimpanan) if isinstance(penyimpanan, (str, Path)) else penyimpanan
    nota = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    profil = dict(nota["instansi"])
    logo_contoh = SAMPLES / profil.pop("logo")
    kinerja = json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8"))
    inst = Instansi(nama=f"{profil['nama']} {profil['pemerintah'].replace('Pemerintah ', '')}", profil=profil,
                    pengaturan_capaian=kinerja.get("pengaturan", {}))
    db.add(inst)
    db.flush()
    inst.logo = store.simpan(f"logo/instansi-{inst.id}.png", logo_contoh.read_bytes())
    unit = {}
    for nama in ["Sekretariat", "Bidang Pengembangan Kompetensi", "Bidang Mutasi dan Promosi"]:
        unit[nama] = UnitKerja(instansi_id=inst.id, nama=nama)
        db.add(unit[nama])
    keputusan = json.loads((SAMPLES / "keputusan-sop.json").read_text(encoding="utf-8"))
    db.flush()
    for data, peran_pj, nama_unit in (
            (keputusan["penandatangan"], ["kepala"], None),
            ({"jabatan": "Sekretaris", "nama": "YULIA RAHMAWATI, S.E., M.M.", "nip": "197808222003122006",
              "golongan": "IV/a"}, ["sekretaris"], None),
            ({"jabatan": "Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan", "nama": "RIZKI PRATAMA, S.Kom.",
              "nip": "198805192011011003", "golongan": "III/c"}, ["kasubbag_perencanaan", "ketua_tim_sakip"], None),
            ({"jabatan": "Kepala Bidang Pengembangan Kompetensi", "nama": "ELVI SUSANTI, S.Psi., M.Si.",
              "nip": "198209302008012012", "golongan": "IV/a"}, ["kepala_bidang"], "Bidang Pengembangan Kompetensi"),
            ({"jabatan": "Kepala Bidang Mutasi dan Promosi", "nama": "Ir. SYAFRIL ANWAR", "nip": "197406102000031003",
              "golongan": "IV/a"}, ["kepala_bidang"], "Bidang Mutasi dan Promosi"),
            ({"jabatan": "Pengelola Data", "nama": "MEGA PUSPITA SARI, A.Md.", "nip": "199503072020122014",
              "golongan": "II/c"}, ["anggota_tim_sakip"], None),
            ({"jabatan": "Arsiparis Terampil", "nama": "DEWI ANGGRAINI, A.Md.", "nip": "199304152019032001",
              "golongan": "II/c"}, ["arsiparis"], None)):
        db.add(Pejabat(instansi_id=inst.id, data=data, peran=peran_pj,
                       unit_kerja_id=unit[nama_unit].id if nama_unit else None))
    db.add(SeriNomor(instansi_id=inst.id, kode="nota-dinas",
                     pola="{kode_klasifikasi}/{urut}/{kode_unit}/{bulan}/{tahun}",
                     kode_klasifikasi="000.1.5", kode_unit="BKPSDM-PS"))
    db.add(SeriNomor(instansi_id=inst.id, kode="keputusan", pola="800/{urut}/Kpts/{kode_unit}/{tahun}",
                     kode_unit="BKPSDM-PS"))
    db.add(SeriNomor(instansi_id=inst.id, kode="surat-keluar", pola="{kode_klasifikasi}/{urut}/{kode_unit}/{tahun}",
                     kode_klasifikasi="000.9.2", kode_unit="BKPSDM-PS"))
    db.add(RencanaKinerja(instansi_id=inst.id, tahun=kinerja["tahun"], data=kinerja))
    db.flush()
    sandi = {}
    for username, peran, nama_unit, nama in PENGGUNA_DEMO:
        sandi[username] = secrets.token_urlsafe(9)
        db.add(Pengguna(instansi_id=inst.id, username=username, nama=nama, peran=peran,
                        password_hash=hash_password(sandi[username]),
                        unit_kerja_id=unit[nama_unit].id if nama_unit else None))
    db.commit()
    return sandi
