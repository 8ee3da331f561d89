"""Officials by the role they hold in the agency, and who signs, compiles or is addressed on each document type.

An official (Pejabat) holds one or more official roles (`PERAN_PEJABAT`): set in the profile, or, for an official
stored before roles existed, read from the jabatan ("Kepala Badan ..." is the kepala, "Sekretaris" the sekretaris).
`PERAN_DOKUMEN` says which role fills each signer field of each document type; a form starts with those officials,
and a signer who is not an official of the agency is a warning on the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from web.inti.models import Instansi, Pejabat

PERAN_PEJABAT: dict[str, str] = {
    "kepala": "Kepala Perangkat Daerah",
    "sekretaris": "Sekretaris",
    "kasubbag_perencanaan": "Kasubbag Perencanaan",
    "kasubbag_umum": "Kasubbag Umum dan Kepegawaian",
    "ketua_tim_sakip": "Ketua Tim SAKIP",
    "anggota_tim_sakip": "Anggota Tim SAKIP / Pengelola Data",
    "arsiparis": "Arsiparis",
    "kepala_bidang": "Kepala Bidang / Bagian (per unit kerja)",
}

# Roles whose holder signs under the role's own name rather than the structural jabatan (a team position).
JABATAN_PERAN = {"ketua_tim_sakip": "Ketua Tim SAKIP"}

# The official role of a user role (web.inti.peran.PERAN), for papers the acting user signs.
PERAN_PENGGUNA = {"kepala": "kepala", "sekretaris": "sekretaris", "perencana": "kasubbag_perencanaan",
                  "tim_sakip": "ketua_tim_sakip", "bidang": "kepala_bidang", "arsiparis": "arsiparis"}


@dataclass(frozen=True)
class Isian:
    """A signer field filled from a role; `atas_nama`: the role the signer signs for (a.n.)."""

    peran: str
    atas_nama: str = ""


# For each document type: its Pejabat fields and the role that fills them.
PERAN_DOKUMEN: dict[str, dict[str, Isian]] = {
    "keputusan-sop": {"penandatangan": Isian("kepala")},
    "nota-dinas": {"penandatangan": Isian("kepala")},
    "undangan-rapat": {"penandatangan": Isian("sekretaris", atas_nama="kepala")},
    "notulen-rapat": {"pimpinan": Isian("sekretaris"), "notulis": Isian("anggota_tim_sakip")},
    "surat-permintaan-data": {"penandatangan": Isian("sekretaris", atas_nama="kepala")},
    "rencana-kegiatan": {"penandatangan": Isian("ketua_tim_sakip")},
    "checklist-dokumen": {"penandatangan": Isian("ketua_tim_sakip"), "mengetahui": Isian("sekretaris")},
    "formulir-capaian": {"penandatangan": Isian("kepala_bidang"), "mengetahui": Isian("sekretaris")},
    "kertas-kerja-pengukuran": {"penandatangan": Isian("ketua_tim_sakip"), "mengetahui": Isian("sekretaris")},
    "rekapitulasi-capaian": {"penandatangan": Isian("ketua_tim_sakip"), "mengetahui": Isian("sekretaris")},
    "laporan-hasil-pengukuran": {"penandatangan": Isian("ketua_tim_sakip")},
    "lembar-disposisi": {"penandatangan": Isian("kepala")},
    "surat-pengantar": {"penandatangan": Isian("sekretaris", atas_nama="kepala")},
    "daftar-isi-berkas": {"penandatangan": Isian("arsiparis")},
    "lkjip": {"penandatangan": Isian("kepala")},
}

# Text fields naming an official's jabatan (the nota dinas' Kepada and Dari), by role.
JABATAN_DOKUMEN: dict[str, dict[str, str]] = {
    "nota-dinas": {"kepada": "sekretaris", "dari": "kepala"},
    "laporan-hasil-pengukuran": {"kepada": "sekretaris", "dari": "ketua_tim_sakip"},
}

# What a jabatan says about the official roles of an official stored without them: the first pattern that matches.
_POLA_JABATAN: tuple[tuple[re.Pattern[str], list[str]], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^kepala (bidang|bagian)\b", ["kepala_bidang"]),
    (r"^kepala (sub ?bagian|sub ?bidang|seksi)\b.*\bperencanaan", ["kasubbag_perencanaan"]),
    (r"^kepala (sub ?bagian|sub ?bidang|seksi)\b.*\bumum", ["kasubbag_umum"]),
    (r"^kepala (?!sub|seksi|uptd|tim\b)", ["kepala"]),
    (r"^sekretaris\b", ["sekretaris"]),
    (r"\bketua tim\b", ["ketua_tim_sakip"]),
    (r"arsip", ["arsiparis"]),
))


def peran_dari_jabatan(jabatan: str) -> list[str]:
    """The official roles a jabatan implies, for officials stored without roles."""
    j = " ".join(jabatan.casefold().replace(",", " ").split())
    return next((list(r) for pola, r in _POLA_JABATAN if pola.search(j)), [])


def peran(pj: Pejabat) -> list[str]:
    """The roles an official holds: as set in the profile, else as the jabatan implies."""
    return list(pj.peran) if pj.peran else peran_dari_jabatan(str(pj.data.get("jabatan", "")))


def cari(inst: Instansi, kode: str, *, unit_kerja_id: int | None = None) -> Pejabat | None:
    """The agency's official holding role `kode` (for kepala_bidang: heading `unit_kerja_id` when given); officials
    whose roles are set explicitly come first."""
    calon = [pj for pj in inst.pejabat if kode in peran(pj)]
    if kode == "kepala_bidang" and unit_kerja_id is not None:
        calon = [pj for pj in calon if pj.unit_kerja_id == unit_kerja_id]
    calon.sort(key=lambda pj: (not pj.peran, pj.id))
    return calon[0] if calon else None


def blok(pj: Pejabat, kode: str, atas_nama: Pejabat | None = None) -> dict[str, Any]:
    """The official as a document's Pejabat field when signing in role `kode` (a.n. `atas_nama` when given)."""
    data = dict(pj.data)
    if kode in JABATAN_PERAN:
        data["jabatan"] = JABATAN_PERAN[kode]
    if atas_nama is not None and atas_nama.id != pj.id:
        data["kedudukan"] = "a.n."
        data["atas_nama"] = str(atas_nama.data.get("jabatan", ""))
    return data


def isian_dokumen(inst: Instansi, slug: str, medan: set[str], *,
                  unit_kerja_id: int | None = None) -> dict[str, Any]:
    """The signer and addressee fields of a new `slug` filled from the officials holding their roles; a field whose
    role nobody holds stays empty (never someone else's name)."""
    awal: dict[str, Any] = {}
    for nama, isian in PERAN_DOKUMEN.get(slug, {}).items():
        if nama not in medan:
            continue
        pj = cari(inst, isian.peran, unit_kerja_id=unit_kerja_id)
        if pj is not None:
            an = cari(inst, isian.atas_nama) if isian.atas_nama else None
            awal[nama] = blok(pj, isian.peran, an)
    for nama, kode in JABATAN_DOKUMEN.get(slug, {}).items():
        pj = cari(inst, kode)
        if nama in medan and pj is not None:
            awal[nama] = blok(pj, kode)["jabatan"]
    return awal


def _kunci(data: dict[str, Any]) -> tuple[str, str]:
    return "".join(str(data.get("nip", "")).split()), " ".join(str(data.get("nama", "")).casefold().split())


def bukan_pejabat(inst: Instansi, slug: str, data: dict[str, Any]) -> list[str]:
    """A warning for every signer field of the input naming someone who is not an official of the agency (matched
    on NIP, or on the name when neither has a NIP)."""
    dikenal = [_kunci(pj.data) for pj in inst.pejabat]
    hasil = []
    for nama in PERAN_DOKUMEN.get(slug, {}):
        isi = data.get(nama)
        if not isinstance(isi, dict) or not str(isi.get("nama", "")).strip():
            continue
        nip, orang = _kunci(isi)
        if not any(nip == n if nip else orang == o for n, o in dikenal):
            hasil.append(f"{nama}: {isi.get('nama')} bukan pejabat yang tercatat di profil instansi; periksa nama "
                         "dan NIP, atau tambahkan pejabat itu di Profil → Pejabat.")
    return hasil
