"""Rencana Kegiatan (program kerja) of the Tim: basis, aim, team, schedule of activities."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator

from docgen import locale_id
from docgen.documents.bagian import daftar_bernomor, isi_paragraf, kop, tempat_tanggal, ttd
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, Pejabat, Tanggal, TeksPanjang
from docgen.documents.jenis import JenisDokumen


class AnggotaTim(Model):
    nama: Baris = Field(title="Nama")
    peran: Baris = Field(title="Kedudukan dalam tim", examples=["Ketua", "Anggota"])


class Kegiatan(Model):
    uraian: Baris = Field(title="Kegiatan")
    pelaksana: Baris = Field(title="Pelaksana")
    mulai: Tanggal = Field(title="Tanggal mulai")
    selesai: Tanggal = Field(title="Tanggal selesai")
    output: BarisOpsional = Field("", title="Keluaran (output)")
    keterangan: BarisOpsional = Field("", title="Keterangan")

    @field_validator("selesai")
    @classmethod
    def _urutan(cls, v: dt.date, info: ValidationInfo) -> dt.date:
        mulai = info.data.get("mulai")
        if mulai is not None and v < mulai:
            raise ValueError("tanggal selesai lebih awal dari tanggal mulai")
        return v


class RencanaKegiatan(Model):
    instansi: Instansi = Field(title="Instansi")
    judul: Baris = Field(title="Judul", examples=["Rencana Kegiatan Pemantauan Capaian Kinerja"])
    tahun: int = Field(ge=2000, le=2100, title="Tahun")
    tanggal: Tanggal = Field(title="Tanggal")
    dasar: list[TeksPanjang] = Field(min_length=1, title="Dasar")
    tujuan: TeksPanjang = Field(title="Tujuan")
    tim: list[AnggotaTim] = Field(min_length=1, title="Tim pelaksana")
    kegiatan: list[Kegiatan] = Field(min_length=1, title="Jadwal kegiatan")
    catatan: BarisOpsional = Field("", title="Catatan")
    penandatangan: Pejabat = Field(title="Penanda tangan (ketua tim)")


def konteks(d: RencanaKegiatan, kit) -> dict:
    return {
        "kop": kop(d.instansi, kit),
        "judul": d.judul.upper(),
        "tahun": str(d.tahun),
        "dasar": daftar_bernomor(d.dasar),
        "tujuan": isi_paragraf(d.tujuan),
        "tim": [{"no": f"{i}.", "nama": a.nama, "peran": a.peran} for i, a in enumerate(d.tim, 1)],
        "kegiatan": [
            {"no": f"{i}.", "uraian": k.uraian, "keterangan_baris": f"\n({k.keterangan})" if k.keterangan else "",
             "pelaksana": k.pelaksana, "jadwal": locale_id.rentang_tanggal(k.mulai, k.selesai), "output": k.output}
            for i, k in enumerate(d.kegiatan, 1)
        ],
        "catatan": isi_paragraf(d.catatan) if d.catatan else [],
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal),
        "ttd": ttd(d.penandatangan),
    }


def perihal(d: RencanaKegiatan) -> str:
    """Return the plan's title with its year."""
    return f"{d.judul} Tahun {d.tahun}"


JENIS = JenisDokumen(
    slug="rencana-kegiatan",
    judul="Rencana Kegiatan",
    keterangan="Program kerja dan jadwal kegiatan Tim (pemantauan, pengumpulan data atau pengukuran kinerja).",
    model=RencanaKegiatan,
    konteks=konteks,
    perihal=perihal,
)
