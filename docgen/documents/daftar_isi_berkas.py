"""Daftar Isi Berkas: the list that opens an archive bundle (berkas) of one SOP cycle.

`docgen.bundle` fills it from the rendered items (page counts, first pages); it can also be made by hand.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from docgen import locale_id
from docgen.documents.bagian import kop, tempat_tanggal, ttd
from docgen.documents.common import BATAS_CACAH, Baris, BarisOpsional, Instansi, Model, Pejabat, Tanggal
from docgen.documents.jenis import JenisDokumen

# The most pages one item (or the list itself) may have; a berkas of 99 items stays below BATAS_CACAH.
BATAS_HALAMAN = 10_000


class IdentitasBerkas(Model):
    """Who filed the berkas and what it holds (the header of the Daftar Isi Berkas)."""

    kode: Baris = Field(title="Kode/nomor berkas", max_length=80, examples=["000.8.3.3/PK-TW4/2024"],
                        description="Dicetak di setiap halaman berkas gabungan dan menjadi nama berkas PDF")
    judul: Baris = Field(title="Judul berkas", examples=["Pengukuran Kinerja Triwulan IV Tahun 2024"])
    unit_pengolah: Baris = Field(title="Unit pengolah", examples=["Subbagian Perencanaan, Evaluasi dan Pelaporan"],
                                 json_schema_extra={"x-saran-dari": "unit_kerja"})
    kode_klasifikasi: BarisOpsional = Field("", title="Kode klasifikasi berkas", examples=["000.8.3.3"])
    periode: BarisOpsional = Field("", title="Kurun waktu",
                                   description="Kosong: dihitung dari tanggal naskah paling awal dan paling akhir")
    tahun: int | None = Field(None, ge=2000, le=2100, title="Tahun",
                              description="Kosong: tahun tanggal daftar isi")
    lokasi: BarisOpsional = Field("", title="Lokasi simpan", examples=["Rak 2, Boks 5"])


class ItemDaftar(Model):
    """One item of the berkas."""

    jenis: Baris = Field(title="Jenis naskah", examples=["Nota Dinas"])
    uraian: Baris = Field(title="Uraian (hal/tentang)")
    nomor_surat: BarisOpsional = Field("", title="Nomor surat")
    kode_klasifikasi: BarisOpsional = Field("", title="Kode klasifikasi", description="Kosong: kode berkas")
    tanggal: Tanggal | None = Field(None, title="Tanggal naskah")
    halaman: int = Field(ge=1, le=BATAS_HALAMAN, title="Jumlah halaman")
    halaman_awal: int | None = Field(None, ge=1, le=BATAS_CACAH, title="Halaman pertama dalam berkas gabungan")
    keterangan: BarisOpsional = Field("", title="Keterangan", examples=["Asli", "Salinan"])


class DaftarIsiBerkas(Model):
    instansi: Instansi = Field(title="Instansi")
    berkas: IdentitasBerkas = Field(title="Identitas berkas")
    item: list[ItemDaftar] = Field(min_length=1, max_length=99, title="Isi berkas")
    halaman_daftar_isi: int = Field(1, ge=1, le=BATAS_HALAMAN, title="Jumlah halaman daftar isi ini")
    tanggal: Tanggal = Field(title="Tanggal")
    tempat: BarisOpsional = Field("", title="Tempat", description="Kosong: kota instansi")
    penandatangan: Pejabat = Field(title="Pemberkas (arsiparis atau pejabat pengolah)")


def kurun_waktu(tanggal: list[dt.date]) -> str:
    """'6 s.d. 24 Januari 2025' from the earliest and latest date; '-' when no date is known."""
    if not tanggal:
        return "-"
    return locale_id.rentang_tanggal(min(tanggal), max(tanggal))


def konteks(d: DaftarIsiBerkas, kit) -> dict:
    b = d.berkas
    halaman_item = sum(i.halaman for i in d.item)
    total = halaman_item + d.halaman_daftar_isi
    awal = d.halaman_daftar_isi + 1
    for no, i in enumerate(d.item, 1):
        if i.halaman_awal is not None and i.halaman_awal != awal:
            kit.peringatkan(f"item.{no - 1}.halaman_awal",
                            f"halaman pertama {i.halaman_awal} tidak sesuai urutan (seharusnya {awal})")
        awal += i.halaman
    baris = []
    for no, i in enumerate(d.item, 1):
        uraian = i.uraian + (f"\nNomor {i.nomor_surat}" if i.nomor_surat else "")
        jumlah = str(i.halaman)
        if i.halaman_awal is not None:
            akhir = i.halaman_awal + i.halaman - 1
            jumlah += f"\nhal. {i.halaman_awal}" + (f"-{akhir}" if akhir > i.halaman_awal else "")
        baris.append({
            "no": f"{no:02d}",
            "kode": i.kode_klasifikasi or b.kode_klasifikasi or "-",
            "jenis": i.jenis,
            "uraian": uraian,
            "tanggal": locale_id.tanggal(i.tanggal) if i.tanggal else "-",
            "jumlah": jumlah,
            "keterangan": i.keterangan or "-",
        })
    tempat = d.tempat or d.instansi.kota
    identitas = [
        ("Kode/Nomor Berkas", b.kode),
        ("Judul Berkas", b.judul),
        ("Unit Pengolah", b.unit_pengolah),
        ("Kode Klasifikasi", b.kode_klasifikasi or "-"),
        ("Kurun Waktu", b.periode or kurun_waktu([i.tanggal for i in d.item if i.tanggal])),
        ("Tahun", str(b.tahun or d.tanggal.year)),
    ]
    if b.lokasi:
        identitas.append(("Lokasi Simpan", b.lokasi))
    return {
        "kop": kop(d.instansi, kit),
        "identitas": [{"label": label, "nilai": nilai} for label, nilai in identitas],
        "item": baris,
        "jumlah_halaman_item": str(halaman_item),
        "ringkasan": (
            f"Berkas ini memuat {locale_id.jumlah_terbilang(len(d.item), 'naskah')} sebanyak "
            f"{locale_id.jumlah_terbilang(halaman_item, 'halaman')}, ditambah daftar isi ini "
            f"{locale_id.jumlah_terbilang(d.halaman_daftar_isi, 'halaman')}; seluruhnya "
            f"{locale_id.jumlah_terbilang(total, 'halaman')}."
        ),
        "tempat_tanggal": tempat_tanggal(d.instansi.model_copy(update={"kota": tempat}), d.tanggal),
        "ttd": ttd(d.penandatangan),
    }


def perihal(d: DaftarIsiBerkas) -> str:
    """Return the berkas title (what the bundle lists the Daftar Isi Berkas under)."""
    return d.berkas.judul


JENIS = JenisDokumen(
    slug="daftar-isi-berkas",
    judul="Daftar Isi Berkas",
    keterangan="Daftar isi berkas arsip satu siklus SOP: identitas berkas, naskah bernomor dengan kode "
               "klasifikasi, tanggal dan jumlah halaman, tanda tangan pemberkas. Disusun otomatis bersama berkas.",
    model=DaftarIsiBerkas,
    konteks=konteks,
    perihal=perihal,
)
