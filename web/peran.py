"""What each role may do, from the SOP steps that role performs."""

from __future__ import annotations

from docgen import documents

LABEL_PERAN = {
    "admin": "Administrator",
    "kepala": "Kepala",
    "sekretaris": "Sekretaris",
    "perencana": "Kasubbag Perencanaan",
    "tim_sakip": "Tim SAKIP",
    "bidang": "Bidang / Bagian",
    "arsiparis": "Arsiparis",
}

# Document types each role produces in the SOPs (admin and perencana may make every type).
_JENIS = {
    "kepala": {"keputusan-sop", "nota-dinas", "lembar-disposisi"},
    "sekretaris": {"nota-dinas", "undangan-rapat", "notulen-rapat", "lembar-disposisi", "surat-pengantar",
                   "surat-permintaan-data"},
    "tim_sakip": {"rencana-kegiatan", "checklist-dokumen", "formulir-capaian", "kertas-kerja-pengukuran",
                  "rekapitulasi-capaian", "laporan-hasil-pengukuran", "notulen-rapat", "undangan-rapat",
                  "surat-permintaan-data"},
    "bidang": {"formulir-capaian"},
    "arsiparis": set(),
}

KELOLA_PROFIL = {"admin"}
KELOLA_RENCANA = {"admin", "perencana"}
ISI_REALISASI = {"admin", "perencana", "tim_sakip", "bidang"}
LIHAT_CAPAIAN = {"admin", "kepala", "sekretaris", "perencana", "tim_sakip", "bidang"}
LIHAT_SEMUA_DOKUMEN = {"admin", "kepala", "sekretaris", "perencana", "arsiparis"}
# Finalising (number from the register, QR code, hashes): these roles, plus whoever may make the type.
FINALKAN = {"admin", "kepala", "sekretaris"}
# The letter-number register (/nomor): who sees it and takes numbers by hand, who may void a number.
LIHAT_REGISTER = {"admin", "kepala", "sekretaris", "perencana", "tim_sakip", "arsiparis"}
BATALKAN_NOMOR = {"admin", "kepala", "sekretaris", "arsiparis"}
KELOLA_SOP = {"admin", "perencana"}  # add and edit the agency's SOP definitions
MULAI_SIKLUS = {"admin", "kepala", "sekretaris", "perencana", "tim_sakip"}  # start a cycle


def jenis_boleh(peran: str) -> list[str]:
    """Slugs of the document types this role may generate, in SOP order."""
    semua = [j.slug for j in documents.semua()]
    if peran in ("admin", "perencana"):
        return semua
    return [s for s in semua if s in _JENIS.get(peran, set())]


def boleh_finalkan(peran: str, slug: str) -> bool:
    """Whether this role may finalise a document of this type."""
    return peran in FINALKAN or slug in jenis_boleh(peran)
