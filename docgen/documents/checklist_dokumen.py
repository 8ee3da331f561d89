"""Checklist Dokumen: which source documents the Tim has gathered (blank for hand ticking, or filled)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from docgen import locale_id
from docgen.documents.bagian import isi_paragraf, kop, tempat_tanggal, ttd
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, Pejabat, Tanggal
from docgen.documents.jenis import JenisDokumen

TANDA = "\u2713"


class ButirDokumen(Model):
    nama: Baris = Field(title="Nama dokumen")
    sumber: BarisOpsional = Field("", title="Sumber / unit")
    status: Literal["ada", "tidak ada", ""] = Field(
        "", title="Status", description="Kosong: dicentang tangan pada kertasnya",
        json_schema_extra={"x-pilihan": {"ada": "Ada", "tidak ada": "Tidak ada", "": "Kosong (diisi tangan)"}},
    )
    keterangan: BarisOpsional = Field("", title="Keterangan")


class ChecklistDokumen(Model):
    instansi: Instansi = Field(title="Instansi")
    judul: Baris = Field(title="Judul")
    kegiatan: Baris = Field(title="Kegiatan")
    periode: Baris = Field(title="Periode", examples=["Triwulan IV Tahun 2024"])
    tanggal: Tanggal = Field(title="Tanggal pemeriksaan")
    pemeriksa: Baris = Field(title="Pemeriksa", examples=["Tim Pemantauan Capaian Kinerja"])
    dokumen: list[ButirDokumen] = Field(min_length=1, title="Daftar dokumen")
    catatan: BarisOpsional = Field("", title="Catatan")
    penandatangan: Pejabat = Field(title="Pemeriksa (tanda tangan)")
    mengetahui: Pejabat = Field(title="Mengetahui")


def ringkasan(dokumen: list[ButirDokumen]) -> str:
    """'5 dari 7 dokumen tersedia (71,43%)', or a note that the list is still to be checked."""
    diperiksa = [b for b in dokumen if b.status]
    if not diperiksa:
        return f"{len(dokumen)} dokumen belum diperiksa"
    ada = sum(1 for b in dokumen if b.status == "ada")
    persen = Decimal(ada) * 100 / Decimal(len(dokumen))
    teks = f"{ada} dari {len(dokumen)} dokumen tersedia ({locale_id.angka(persen, 2)}%)"
    belum = len(dokumen) - len(diperiksa)
    return teks + (f"; {belum} belum diperiksa" if belum else "")


def konteks(d: ChecklistDokumen, kit) -> dict:
    return {
        "kop": kop(d.instansi, kit),
        "judul": d.judul.upper(),
        "kegiatan": d.kegiatan,
        "periode": d.periode,
        "tanggal": locale_id.tanggal(d.tanggal),
        "pemeriksa": d.pemeriksa,
        "dokumen": [
            {"no": f"{i}.", "nama": b.nama, "sumber": b.sumber, "ada": TANDA if b.status == "ada" else "",
             "tidak": TANDA if b.status == "tidak ada" else "", "keterangan": b.keterangan}
            for i, b in enumerate(d.dokumen, 1)
        ],
        "ringkasan": ringkasan(d.dokumen),
        "catatan": isi_paragraf(d.catatan) if d.catatan else [],
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal),
        "ttd": {**ttd(d.penandatangan), "jabatan": d.penandatangan.jabatan},
        "ttd_mengetahui": ttd(d.mengetahui),
    }


def perihal(d: ChecklistDokumen) -> str:
    """Return the checklist's title with the period checked."""
    return f"{d.judul} ({d.periode})"


JENIS = JenisDokumen(
    slug="checklist-dokumen",
    judul="Checklist Dokumen",
    keterangan="Daftar periksa dokumen yang diperlukan untuk pemantauan/pengukuran kinerja (ada/tidak ada).",
    model=ChecklistDokumen,
    konteks=konteks,
    perihal=perihal,
)
