"""Konsep Laporan Hasil Pengukuran Kinerja (SOP 9.2 step 7): the Ketua Tim SAKIP reports the measurement to the
Sekretaris, with summary sentences generated from the numbers and the result table."""

from __future__ import annotations

from pydantic import Field

from docgen.documents.bagian import daftar_bernomor, isi_paragraf, kop, tembusan, tempat_tanggal, ttd
from docgen.documents.common import Baris, BarisOpsional, Nomor, Pejabat, Sifat, Tanggal
from docgen.documents.jenis import JenisDokumen
from docgen.documents.pengukuran_bagian import (
    MasukanPengukuran,
    konteks_rata_rata,
    konteks_sasaran,
    perihal_periode,
    periode,
    rekap,
    ringkasan_hasil,
    telaah,
)


class LaporanHasilPengukuran(MasukanPengukuran):
    nomor: Nomor | None = Field(None, title="Nomor (opsional)")
    tanggal: Tanggal = Field(title="Tanggal")
    kepada: Baris = Field("Sekretaris", title="Kepada Yth.")
    dari: Baris = Field("Ketua Tim SAKIP", title="Dari")
    sifat: Sifat = Field("Biasa", title="Sifat")
    lampiran: BarisOpsional = Field("-", title="Lampiran")
    hal: BarisOpsional = Field("", title="Hal", description="Kosong: Laporan Hasil Pengukuran Kinerja <periode>")
    dasar: list[Baris] = Field(default_factory=list, title="Dasar",
                               description="Kosong: Perpres 29/2014, Permen PANRB 53/2014, Perjanjian Kinerja, SOP")
    maksud_tujuan: BarisOpsional = Field("", title="Maksud dan tujuan", description="Kosong: teks baku")
    permasalahan: list[Baris] = Field(default_factory=list, title="Permasalahan")
    tindak_lanjut: list[Baris] = Field(default_factory=list, title="Tindak lanjut")
    penutup: BarisOpsional = Field("", title="Penutup", description="Kosong: kalimat penutup baku")
    penandatangan: Pejabat = Field(title="Penanda tangan (Ketua Tim SAKIP)")
    tembusan: list[Baris] = Field(default_factory=list, title="Tembusan")


def dasar_baku(d: LaporanHasilPengukuran) -> list[str]:
    """Return the usual legal basis of a measurement report."""
    nama = d.instansi.singkatan or d.instansi.nama
    return [
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
        "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi "
        "Pemerintah;",
        f"Perjanjian Kinerja {nama} Tahun {d.kinerja.tahun};",
        f"Standar Operasional Prosedur Pengumpulan Data dan Pengukuran Kinerja {nama}.",
    ]


def konteks(d: LaporanHasilPengukuran, kit) -> dict:
    data = d.kinerja
    r = rekap(data)
    telaah(kit, data)
    per = periode(data)
    nama = d.instansi.nama
    maksud = d.maksud_tujuan or (
        f"Laporan ini disusun untuk menyampaikan hasil pengukuran capaian kinerja {nama} {per} yang telah "
        f"dilaksanakan oleh Tim SAKIP sesuai metodologi yang ditetapkan.\n"
        f"Tujuannya adalah memberikan bahan analisis bagi Sekretaris sebagai dasar penyusunan Laporan Kinerja "
        f"Instansi Pemerintah (LKjIP) dan evaluasi kinerja, serta menjadi dasar tindak lanjut bagi unit kerja "
        f"yang capaiannya belum memenuhi target."
    )
    penutup = d.penutup or (
        "Demikian laporan hasil pengukuran kinerja ini disampaikan untuk dianalisis lebih lanjut dan, apabila "
        "disetujui, digunakan sebagai bahan penyusunan Laporan Kinerja dan evaluasi. Atas perhatian Bapak/Ibu, "
        "kami ucapkan terima kasih."
    )
    return {
        "kop": kop(d.instansi, kit),
        "periode": per.upper(),
        "nomor": d.nomor.cetak(d.tanggal) if d.nomor else "",
        "kepada": d.kepada,
        "dari": d.dari,
        "sifat": d.sifat,
        "lampiran": d.lampiran or "-",
        "hal": d.hal or f"Laporan Hasil Pengukuran Kinerja {per}",
        "dasar": daftar_bernomor(d.dasar or dasar_baku(d)),
        "maksud_tujuan": isi_paragraf(maksud),
        "ringkasan": ringkasan_hasil(r, nama),
        "sasaran": konteks_sasaran(r),
        "rata_rata": konteks_rata_rata(r),
        "permasalahan": daftar_bernomor(d.permasalahan),
        "tindak_lanjut": daftar_bernomor(d.tindak_lanjut),
        "penutup": isi_paragraf(penutup),
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal),
        "ttd": ttd(d.penandatangan),
        "tembusan": tembusan(d.tembusan),
    }


def perihal(d: LaporanHasilPengukuran) -> str:
    """Return the report's hal, else the period measured."""
    return d.hal or perihal_periode(d)


JENIS = JenisDokumen(
    slug="laporan-hasil-pengukuran",
    judul="Laporan Hasil Pengukuran Kinerja",
    keterangan="Konsep laporan Ketua Tim SAKIP kepada Sekretaris: pendahuluan, hasil pengukuran (ringkasan dan "
               "tabel), permasalahan dan tindak lanjut, penutup.",
    model=LaporanHasilPengukuran,
    konteks=konteks,
    perihal=perihal,
)
