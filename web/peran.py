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


def jenis_boleh(peran: str) -> list[str]:
    """Slugs of the document types this role may generate, in SOP order."""
    semua = [j.slug for j in documents.semua()]
    if peran in ("admin", "perencana"):
        return semua
    return [s for s in semua if s in _JENIS.get(peran, set())]
