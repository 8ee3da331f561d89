"""Perjanjian Kinerja (Permen PANRB 53/2014): the yearly agreement between the Kepala and his superior."""

from __future__ import annotations

from pydantic import Field

from docgen.documents.bagian import kop
from docgen.documents.common import BarisOpsional, Pejabat, Tanggal
from docgen.documents.jenis import JenisDokumen
from docgen.documents.pengukuran_bagian import MasukanPengukuran
from docgen.documents.perjanjian_bagian import konteks_perjanjian


class PerjanjianKinerja(MasukanPengukuran):
    pihak_pertama: Pejabat = Field(title="Pihak pertama (Kepala)")
    pihak_kedua: Pejabat = Field(title="Pihak kedua (atasan)", examples=["Bupati"])
    tanggal: Tanggal | None = Field(None, title="Tanggal")
    tempat: BarisOpsional = Field("", title="Tempat", description="Kosong: kota instansi")


def konteks(d: PerjanjianKinerja, kit) -> dict:
    return {
        "kop": kop(d.instansi, kit),
        "pk": konteks_perjanjian(d.instansi, d.kinerja, d.pihak_pertama, d.pihak_kedua, d.tanggal, d.tempat or None),
    }


def perihal(d: PerjanjianKinerja) -> str:
    return f"Perjanjian Kinerja Tahun {d.kinerja.tahun}"


JENIS = JenisDokumen(
    slug="perjanjian-kinerja",
    judul="Perjanjian Kinerja",
    keterangan="Pernyataan perjanjian kinerja tahunan antara Kepala dan atasannya, dengan lampiran sasaran, "
               "indikator, target, serta program dan anggaran.",
    model=PerjanjianKinerja,
    konteks=konteks,
    perihal=perihal,
)
