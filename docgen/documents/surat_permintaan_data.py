"""Surat Permintaan Data: asks Bagian and Bidang for a year's performance data (seed 004, step 1)."""

from __future__ import annotations

from pydantic import Field

from docgen import locale_id, ukur_teks
from docgen.documents.bagian import isi_paragraf
from docgen.documents.common import Baris, BarisOpsional, Model, Tanggal, TeksPanjang
from docgen.documents.jenis import JenisDokumen
from docgen.documents.surat_dinas import SuratDinas, konteks_surat

LEBAR_ISI_MM = 165 - 29  # the letter's body, indented under "Yth."


class DataDiminta(Model):
    uraian: Baris = Field(title="Data yang diminta")
    keterangan: BarisOpsional = Field("", title="Keterangan / format")


class SuratPermintaanData(SuratDinas):
    kepada: Baris = Field(title="Kepada Yth.", examples=["Kepala Bagian dan Kepala Bidang di lingkungan BKPSDM"])
    pembuka: TeksPanjang = Field(title="Paragraf pembuka")
    data: list[DataDiminta] = Field(min_length=1, title="Data yang diminta")
    batas_waktu: Tanggal = Field(title="Batas waktu penyampaian")
    cara_penyampaian: BarisOpsional = Field("", title="Cara penyampaian",
                                            examples=["dalam bentuk cetak dan berkas elektronik"])
    narahubung: BarisOpsional = Field("", title="Narahubung", examples=["Sdr. Rizki Pratama (0812-6612-3344)"])
    penutup: TeksPanjang = Field("Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
                                 title="Paragraf penutup")


def konteks(d: SuratPermintaanData, kit) -> dict:
    ctx = konteks_surat(d, kit)
    ctx.update(
        kepada=d.kepada,
        pembuka=isi_paragraf(d.pembuka),
        data=[{"no": f"{i}.", "uraian": x.uraian, "keterangan": x.keterangan} for i, x in enumerate(d.data, 1)],
        batas_waktu=locale_id.tanggal_hari(d.batas_waktu),
        cara_penyampaian=f" {d.cara_penyampaian}" if d.cara_penyampaian else "",
        narahubung=d.narahubung,
        # The deadline paragraph goes with the signature to its page only when the contact paragraph after it is
        # shorter than two lines (the signature's page carries two lines of the body at least).
        jaga_batas_waktu=not d.narahubung or len(ukur_teks.bungkus(
            f"Informasi lebih lanjut dapat menghubungi {d.narahubung}.", LEBAR_ISI_MM, 12)) < 2,
        penutup=isi_paragraf(d.penutup),
    )
    if d.batas_waktu < d.tanggal:
        kit.peringatkan("batas_waktu", "batas waktu lebih awal dari tanggal surat")
    kit.periksa_hari_kerja("batas_waktu", d.batas_waktu)
    return ctx


JENIS = JenisDokumen(
    slug="surat-permintaan-data",
    judul="Surat Permintaan Data",
    keterangan="Surat permintaan laporan data kinerja dan kegiatan kepada Bagian dan Bidang, dengan batas waktu.",
    model=SuratPermintaanData,
    konteks=konteks,
)
