"""Who may do what: every role rule of the app in one table, read by the views, the API and the services.

A rule is an `Aksi` mapped to the roles that may perform it (`ATURAN`); document types are granted per role from
the SOP steps each role performs (`JENIS_PER_PERAN`). Rules that also depend on the object (a document's maker, a
cycle's starter, a step's pelaksana) are the `boleh_*` functions below, built on the same table.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Protocol

from docgen import documents

PERAN = ("admin", "kepala", "sekretaris", "perencana", "tim_sakip", "bidang", "arsiparis")

LABEL_PERAN = {
    "admin": "Administrator",
    "kepala": "Kepala",
    "sekretaris": "Sekretaris",
    "perencana": "Kasubbag Perencanaan",
    "tim_sakip": "Tim SAKIP",
    "bidang": "Bidang / Bagian",
    "arsiparis": "Arsiparis",
}


class Aksi(StrEnum):
    """Everything a role may or may not do."""

    KELOLA_PROFIL = "profil.kelola"  # kop, logo, officials, units, settings, agency templates, user accounts
    LIHAT_AUDIT = "audit.lihat"
    KELOLA_SERI = "seri.kelola"  # add letter-number series
    KELOLA_RENCANA = "rencana.kelola"  # the year's plan and targets
    ISI_REALISASI = "realisasi.isi"
    LIHAT_CAPAIAN = "capaian.lihat"
    BUAT_SEMUA_JENIS = "dokumen.buat_semua"  # every document type; other roles only those of their SOP steps
    LIHAT_SEMUA_DOKUMEN = "dokumen.lihat_semua"  # every document of the agency; others their own and cycle papers
    FINALKAN_SEMUA = "dokumen.finalkan_semua"  # finalise any type; others only the types they may make
    LIHAT_REGISTER = "register.lihat"  # the letter-number register, numbers taken by hand, its export
    BATALKAN_NOMOR = "nomor.batalkan"
    KELOLA_SOP = "sop.kelola"  # the agency's SOP definitions
    MULAI_SIKLUS = "siklus.mulai"
    BATALKAN_SIKLUS = "siklus.batalkan"  # any cycle; others only the cycles they started
    TINDAK_SEMUA_LANGKAH = "siklus.tindak_semua"  # any step; others the steps whose pelaksana their role plays
    SUSUN_BERKAS = "berkas.susun"  # file a cycle's papers as an archive bundle, download it
    PANTAU_ARSIP = "berkas.pantau"  # the home page lists the cycles ready to file and the bundles made
    SEMUA_UNIT = "kinerja.semua_unit"  # every unit's indicators; others only their own unit's


_SEMUA = frozenset(PERAN)

ATURAN: dict[Aksi, frozenset[str]] = {
    Aksi.KELOLA_PROFIL: frozenset({"admin"}),
    Aksi.LIHAT_AUDIT: frozenset({"admin"}),
    Aksi.KELOLA_SERI: frozenset({"admin"}),
    Aksi.KELOLA_RENCANA: frozenset({"admin", "perencana"}),
    Aksi.ISI_REALISASI: frozenset({"admin", "perencana", "tim_sakip", "bidang"}),
    Aksi.LIHAT_CAPAIAN: _SEMUA - {"arsiparis"},
    Aksi.BUAT_SEMUA_JENIS: frozenset({"admin", "perencana"}),
    Aksi.LIHAT_SEMUA_DOKUMEN: frozenset({"admin", "kepala", "sekretaris", "perencana", "arsiparis"}),
    Aksi.FINALKAN_SEMUA: frozenset({"admin", "kepala", "sekretaris"}),
    Aksi.LIHAT_REGISTER: _SEMUA - {"bidang"},
    Aksi.BATALKAN_NOMOR: frozenset({"admin", "kepala", "sekretaris", "arsiparis"}),
    Aksi.KELOLA_SOP: frozenset({"admin", "perencana"}),
    Aksi.MULAI_SIKLUS: frozenset({"admin", "kepala", "sekretaris", "perencana", "tim_sakip"}),
    Aksi.BATALKAN_SIKLUS: frozenset({"admin", "kepala"}),
    Aksi.TINDAK_SEMUA_LANGKAH: frozenset({"admin"}),
    Aksi.SUSUN_BERKAS: frozenset({"admin", "arsiparis", "perencana", "sekretaris", "kepala"}),
    Aksi.PANTAU_ARSIP: frozenset({"admin", "arsiparis"}),
    Aksi.SEMUA_UNIT: _SEMUA - {"bidang"},
}

# Document types each role produces in the SOP steps (roles with BUAT_SEMUA_JENIS make every type).
JENIS_PER_PERAN: dict[str, frozenset[str]] = {
    "kepala": frozenset({"keputusan-sop", "nota-dinas", "lembar-disposisi"}),
    "sekretaris": frozenset({"nota-dinas", "undangan-rapat", "notulen-rapat", "lembar-disposisi", "surat-pengantar",
                             "surat-permintaan-data"}),
    "tim_sakip": frozenset({"rencana-kegiatan", "checklist-dokumen", "formulir-capaian", "kertas-kerja-pengukuran",
                            "rekapitulasi-capaian", "laporan-hasil-pengukuran", "notulen-rapat", "undangan-rapat",
                            "surat-permintaan-data"}),
    "bidang": frozenset({"formulir-capaian"}),
    "arsiparis": frozenset(),
}


# The role that heads the agency: its official signs decisions, and is the first official when none matches.
PIMPINAN = "kepala"



class _Dokumen(Protocol):
    instansi_id: int
    dibuat_oleh: int
    siklus_id: int | None


class _Pengguna(Protocol):
    id: int
    instansi_id: int
    peran: str


def boleh(peran: str, aksi: Aksi | str) -> bool:
    """Whether the role may perform `aksi`. Raises ValueError for an action the table does not know."""
    return peran in ATURAN[Aksi(aksi)]


def peran_untuk(aksi: Aksi | str) -> frozenset[str]:
    """The roles that may perform `aksi`."""
    return ATURAN[Aksi(aksi)]


def jenis_boleh(peran: str) -> list[str]:
    """Slugs of the document types this role may make, in SOP order."""
    semua = [j.slug for j in documents.semua()]
    if boleh(peran, Aksi.BUAT_SEMUA_JENIS):
        return semua
    return [s for s in semua if s in JENIS_PER_PERAN.get(peran, frozenset())]


def boleh_membuat(peran: str, slug: str) -> bool:
    """Whether this role may make a document of type `slug`."""
    return slug in jenis_boleh(peran)


def boleh_finalkan(peran: str, slug: str) -> bool:
    """Whether this role may finalise a document of this type: the finalising roles, or whoever may make it."""
    return boleh(peran, Aksi.FINALKAN_SEMUA) or boleh_membuat(peran, slug)


def boleh_lihat_dokumen(pengguna: _Pengguna, dok: _Dokumen) -> bool:
    """A document is seen by its maker, by roles that see every document of the agency, and, when a cycle step
    made it, by everyone of the agency working on the cycle; never across agencies."""
    if dok.instansi_id != pengguna.instansi_id:
        return False
    return (dok.dibuat_oleh == pengguna.id or boleh(pengguna.peran, Aksi.LIHAT_SEMUA_DOKUMEN)
            or dok.siklus_id is not None)


def boleh_batalkan_siklus(pengguna: _Pengguna, dibuat_oleh: int) -> bool:
    """A cycle is cancelled by the roles of BATALKAN_SIKLUS or by the user who started it."""
    return boleh(pengguna.peran, Aksi.BATALKAN_SIKLUS) or pengguna.id == dibuat_oleh


def boleh_tindak_langkah(peran: str, peran_langkah: Iterable[str]) -> bool:
    """A cycle step is acted on by a role its pelaksana is mapped to; TINDAK_SEMUA_LANGKAH roles act on any."""
    return boleh(peran, Aksi.TINDAK_SEMUA_LANGKAH) or peran in set(peran_langkah)
