"""Fields shared by outgoing letters (surat dinas): number, date, nature, attachment, subject, addressee."""

from __future__ import annotations

from pydantic import Field

from docgen.documents.bagian import kop, tembusan, tempat_tanggal, ttd
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, Nomor, Pejabat, Sifat, Tanggal


class SuratDinas(Model):
    instansi: Instansi = Field(title="Instansi")
    nomor: Nomor = Field(title="Nomor surat")
    tanggal: Tanggal = Field(title="Tanggal surat")
    sifat: Sifat = Field("Biasa", title="Sifat")
    lampiran: BarisOpsional = Field("-", title="Lampiran")
    hal: Baris = Field(title="Hal")
    di: BarisOpsional = Field("Tempat", title="di (tempat tujuan)")
    penandatangan: Pejabat = Field(title="Penanda tangan")
    tembusan: list[Baris] = Field(default_factory=list, title="Tembusan")


def konteks_surat(d: SuratDinas, kit) -> dict:
    """Context common to every surat dinas template."""
    return {
        "kop": kop(d.instansi, kit),
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal),
        "nomor": d.nomor.cetak(d.tanggal),
        "sifat": d.sifat,
        "lampiran": d.lampiran or "-",
        "hal": d.hal,
        "di": d.di or "Tempat",
        "ttd": ttd(d.penandatangan),
        "tembusan": tembusan(d.tembusan),
    }
