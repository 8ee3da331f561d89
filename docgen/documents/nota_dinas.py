"""Nota Dinas: an internal memo (SOP step 1: the Kepala orders the Sekretaris)."""

from __future__ import annotations

from pydantic import Field

from docgen import locale_id
from docgen.documents.bagian import isi_paragraf, kop, ttd
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, Nomor, Pejabat, Sifat, Tanggal, TeksPanjang
from docgen.documents.jenis import JenisDokumen


class NotaDinas(Model):
    instansi: Instansi = Field(title="Instansi")
    nomor: Nomor = Field(title="Nomor")
    tanggal: Tanggal = Field(title="Tanggal")
    kepada: Baris = Field(title="Kepada Yth.", examples=["Sekretaris"])
    dari: Baris = Field(title="Dari", examples=["Kepala Badan"])
    tembusan: list[Baris] = Field(default_factory=list, title="Tembusan")
    sifat: Sifat = Field("Biasa", title="Sifat")
    lampiran: BarisOpsional = Field("-", title="Lampiran")
    hal: Baris = Field(title="Hal")
    isi: TeksPanjang = Field(title="Isi nota dinas", description="Pisahkan paragraf dengan baris baru")
    penandatangan: Pejabat = Field(title="Penanda tangan")


def konteks(d: NotaDinas, kit) -> dict:
    return {
        "kop": kop(d.instansi, kit),
        "nomor": d.nomor.cetak(d.tanggal),
        "kepada": d.kepada,
        "dari": d.dari,
        "tembusan_teks": ", ".join(d.tembusan) if d.tembusan else "-",
        "tanggal": locale_id.tanggal(d.tanggal),
        "sifat": d.sifat,
        "lampiran": d.lampiran or "-",
        "hal": d.hal,
        "isi": isi_paragraf(d.isi),
        "ttd": ttd(d.penandatangan),
    }


JENIS = JenisDokumen(
    slug="nota-dinas",
    judul="Nota Dinas",
    keterangan="Naskah dinas intern dari atasan kepada bawahan, mis. perintah melaksanakan pemantauan kinerja.",
    model=NotaDinas,
    konteks=konteks,
)
