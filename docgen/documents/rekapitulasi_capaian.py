"""Rekapitulasi Hasil Pengukuran Kinerja (SOP 9.2 step 6): capaian per sasaran with averages, indicators per
predikat, and budget absorption per program and kegiatan."""

from __future__ import annotations

from pydantic import Field

from docgen.documents.bagian import LEBAR_KOP_LANDSCAPE_MM, isi_paragraf, kop, tempat_tanggal, ttd
from docgen.documents.common import BarisOpsional, Pejabat, Tanggal
from docgen.documents.jenis import JenisDokumen
from docgen.documents.pengukuran_bagian import (
    NAMA_SKALA,
    MasukanPengukuran,
    jumlah_predikat,
    kalimat_rata_rata,
    konteks_anggaran,
    konteks_rata_rata,
    konteks_sasaran,
    perihal_periode,
    periode,
    rekap,
    teks_skala,
    telaah,
)


class RekapitulasiCapaian(MasukanPengukuran):
    catatan: BarisOpsional = Field("", title="Catatan")
    tanggal: Tanggal = Field(title="Tanggal")
    penandatangan: Pejabat = Field(title="Penyusun (Ketua Tim SAKIP)")
    mengetahui: Pejabat | None = Field(None, title="Mengetahui (opsional)")


def konteks(d: RekapitulasiCapaian, kit) -> dict:
    data = d.kinerja
    r = rekap(data)
    telaah(kit, data)
    return {
        "kop": kop(d.instansi, kit, LEBAR_KOP_LANDSCAPE_MM),
        "periode": periode(data).upper(),
        "skala": f"{NAMA_SKALA[data.pengaturan.predikat]}: {teks_skala(data.pengaturan)}",
        "catatan_rata_rata": kalimat_rata_rata(data.pengaturan),
        "sasaran": konteks_sasaran(r),
        "rata_rata": konteks_rata_rata(r),
        "predikat": jumlah_predikat(r),
        "anggaran": konteks_anggaran(data) if data.program else None,
        "catatan": isi_paragraf(d.catatan) if d.catatan else [],
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal),
        "ttd": ttd(d.penandatangan),
        "ttd_mengetahui": ttd(d.mengetahui) if d.mengetahui else None,
    }


JENIS = JenisDokumen(
    slug="rekapitulasi-capaian",
    judul="Rekapitulasi Hasil Pengukuran Kinerja",
    keterangan="Rekap capaian indikator per sasaran dengan rata-rata, jumlah indikator per predikat, dan serapan "
               "anggaran per program dan kegiatan.",
    model=RekapitulasiCapaian,
    konteks=konteks,
    perihal=perihal_periode,
)
