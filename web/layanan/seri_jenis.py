"""Which letter-number series each document type takes by default, as a table in the agency profile.

The agency's own choice (Profil → Seri nomor per jenis dokumen, stored as `Instansi.profil["seri_jenis"]`) comes
first; without one, a series coded like the type, else the first series whose code fits the type's kind
(`BAWAAN`: an undangan is a surat keluar, a Laporan Hasil Pengukuran goes out as a nota dinas). A type with no
fitting series has no default: the user picks one, never silently another type's series.
"""

from __future__ import annotations

from sqlalchemy import select

from docgen import documents
from docgen.errors import InputTidakValid
from web.inti.db import sesi
from web.inti.models import Instansi, Pengguna, SeriNomor
from web.layanan import audit

KUNCI = "seri_jenis"

BAWAAN: dict[str, tuple[str, ...]] = {
    "keputusan-sop": ("keputusan", "kpts"),
    "nota-dinas": ("nota-dinas", "nota"),
    "laporan-hasil-pengukuran": ("nota-dinas", "nota", "laporan"),
    "undangan-rapat": ("undangan", "surat-keluar", "surat"),
    "surat-permintaan-data": ("surat-keluar", "surat"),
    "surat-pengantar": ("surat-pengantar", "surat-keluar", "surat"),
}


def jenis_bernomor() -> list[documents.JenisDokumen]:
    """The document types that carry a letter number."""
    return [j for j in documents.semua() if "nomor" in j.schema().get("properties", {})]


def daftar(inst: Instansi) -> list[SeriNomor]:
    """The agency's series in the order they were added."""
    return list(sesi().scalars(select(SeriNomor).where(SeriNomor.instansi_id == inst.id).order_by(SeriNomor.id)))


def bawaan(slug: str, kode_ada: list[str]) -> str | None:
    """The default series of `slug` among the codes `kode_ada`, without the agency's own table."""
    for kode in (slug, *BAWAAN.get(slug, ())):
        if kode in kode_ada:
            return kode
    return None


def tabel(inst: Instansi) -> dict[str, str | None]:
    """For every numbered type: the series it takes (the agency's choice, else the default), None for none."""
    kode_ada = [s.kode for s in daftar(inst)]
    pilihan = dict((inst.profil or {}).get(KUNCI) or {})
    return {j.slug: pilihan[j.slug] if pilihan.get(j.slug) in kode_ada else bawaan(j.slug, kode_ada)
            for j in jenis_bernomor()}


def seri_untuk(inst: Instansi, slug: str) -> str | None:
    """The code of the series `slug` takes by default, or None."""
    return tabel(inst).get(slug)


def simpan(admin: Pengguna, inst: Instansi, isian: dict[str, str]) -> None:
    """Store the agency's table from the form (`slug` → series code, "" for the default); commit. Raises
    InputTidakValid naming the type whose series is not the agency's."""
    kode_ada = {s.kode for s in daftar(inst)}
    slug_ada = {j.slug for j in jenis_bernomor()}
    galat = {slug: f"seri '{kode}' tidak ada di register instansi"
             for slug, kode in isian.items() if slug in slug_ada and kode and kode not in kode_ada}
    if galat:
        raise InputTidakValid(f"Tabel seri belum disimpan: {len(galat)} isian perlu diperbaiki", fields=galat)
    tabel_baru = {slug: kode for slug, kode in isian.items() if slug in slug_ada and kode}
    inst.profil = {**(inst.profil or {}), KUNCI: tabel_baru}
    sesi().commit()
    audit.catat("profil.seri_jenis", "instansi", inst.id, tabel_baru, pengguna=admin)
