"""Lembar Disposisi: the head's instruction slip attached to an incoming letter or draft report."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from docgen import locale_id
from docgen.documents.bagian import isi_paragraf, kop, tempat_tanggal, ttd
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, Pejabat, Sifat, Tanggal
from docgen.documents.jenis import JenisDokumen, gabung_tujuan

KOTAK_KOSONG = "\u2610"
KOTAK_TERCENTANG = "\u2611"
SIFAT = ("Sangat Segera", "Segera", "Rahasia", "Biasa")
INSTRUKSI_BAKU = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasi/konfirmasi",
    "Untuk diketahui",
    "Untuk dilengkapi",
    "Siapkan bahan",
    "Untuk dilaksanakan",
    "Arsip",
)

# A recipient (offered from the agency's officials' positions) and an instruction (from the agency's list).
Jabatan = Annotated[Baris, Field(json_schema_extra={"x-saran-dari": "jabatan"})]
Instruksi = Annotated[Baris, Field(json_schema_extra={"x-saran-dari": "instruksi_disposisi"})]


class LembarDisposisi(Model):
    instansi: Instansi = Field(title="Instansi")
    surat_dari: Baris = Field(title="Surat dari")
    nomor_surat: Baris = Field(title="Nomor surat")
    tanggal_surat: Tanggal = Field(title="Tanggal surat")
    diterima_tanggal: Tanggal = Field(title="Diterima tanggal")
    nomor_agenda: BarisOpsional = Field("", title="Nomor agenda")
    sifat: Sifat = Field("Biasa", title="Sifat")
    hal: Baris = Field(title="Hal")
    pilihan_tujuan: list[Jabatan] = Field(min_length=1, title="Pilihan penerima disposisi",
                                          examples=[["Sekretaris", "Kepala Bidang Mutasi"]],
                                          description="Setiap penerima dicetak dengan kotak centang")
    diteruskan_kepada: list[Jabatan] = Field(min_length=1, title="Diteruskan kepada",
                                             description="Penerima yang kotaknya dicentang")
    pilihan_instruksi: list[Instruksi] = Field(
        default_factory=lambda: list(INSTRUKSI_BAKU), title="Pilihan instruksi",
        description="Setiap instruksi dicetak dengan kotak centang; daftar baku instansi diatur di Profil",
    )
    instruksi: list[Instruksi] = Field(min_length=1, title="Instruksi yang dicentang",
                                       description="Pilih dari daftar instruksi atau tulis sendiri")
    catatan: BarisOpsional = Field("", title="Catatan")
    batas_waktu: Tanggal | None = Field(None, title="Tanggal penyelesaian")
    tanggal: Tanggal = Field(title="Tanggal disposisi")
    penandatangan: Pejabat = Field(title="Pemberi disposisi")


def kotak(pilihan: list[str], dipilih: list[str]) -> list[dict[str, str]]:
    """Tick-box list: every option, ticked when chosen; chosen items not among the options are added."""
    kunci = {x.casefold() for x in dipilih}
    hasil = [{"kotak": KOTAK_TERCENTANG if p.casefold() in kunci else KOTAK_KOSONG, "nama": p} for p in pilihan]
    dikenal = {p.casefold() for p in pilihan}
    hasil += [{"kotak": KOTAK_TERCENTANG, "nama": x} for x in dipilih if x.casefold() not in dikenal]
    return hasil


def konteks(d: LembarDisposisi, kit) -> dict:
    if d.diterima_tanggal < d.tanggal_surat:
        kit.peringatkan("diterima_tanggal", "tanggal diterima lebih awal dari tanggal surat")
    if d.batas_waktu is not None:
        kit.periksa_hari_kerja("batas_waktu", d.batas_waktu)
    return {
        "kop": kop(d.instansi, kit),
        "surat_dari": d.surat_dari,
        "nomor_surat": d.nomor_surat,
        "tanggal_surat": locale_id.tanggal(d.tanggal_surat),
        "diterima_tanggal": locale_id.tanggal(d.diterima_tanggal),
        "nomor_agenda": d.nomor_agenda or "-",
        "sifat": kotak(list(SIFAT), [d.sifat]),
        "hal": d.hal,
        "tujuan": kotak(d.pilihan_tujuan, d.diteruskan_kepada),
        "instruksi": kotak(d.pilihan_instruksi, d.instruksi),
        "catatan": isi_paragraf(d.catatan) if d.catatan else [],
        "batas_waktu": locale_id.tanggal(d.batas_waktu) if d.batas_waktu else "-",
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal),
        "ttd": ttd(d.penandatangan),
    }


def perihal(d: LembarDisposisi) -> str:
    """Return the letter's subject with who sent it and its number."""
    return f"{d.hal} (surat {d.surat_dari} Nomor {d.nomor_surat})"


def tujuan(d: LembarDisposisi) -> str:
    """Return whom the disposition goes to."""
    return gabung_tujuan(d.diteruskan_kepada)


JENIS = JenisDokumen(
    slug="lembar-disposisi",
    judul="Lembar Disposisi",
    keterangan="Lembar disposisi pimpinan: identitas surat, sifat, penerima dan instruksi yang dicentang, catatan.",
    model=LembarDisposisi,
    konteks=konteks,
    perihal=perihal,
    tujuan=tujuan,
)
