"""Surat Pengantar: the cover slip listing what is sent, with a receipt block for the recipient."""

from __future__ import annotations

from pydantic import Field

from docgen import locale_id, pegawai
from docgen.documents.bagian import kop, tembusan, tempat_tanggal, ttd
from docgen.documents.common import (
    BATAS_CACAH,
    Baris,
    BarisOpsional,
    Instansi,
    Model,
    NipOpsional,
    Nomor,
    Pejabat,
    Tanggal,
)
from docgen.documents.jenis import JenisDokumen

TITIK = "................................"


class Naskah(Model):
    naskah: Baris = Field(title="Naskah yang dikirim")
    jumlah: int = Field(ge=1, le=BATAS_CACAH, title="Banyaknya")
    satuan: Baris = Field("eksemplar", title="Satuan", examples=["eksemplar", "berkas", "buku"])
    keterangan: BarisOpsional = Field("", title="Keterangan")


class Penerima(Model):
    tanggal: Tanggal | None = Field(None, title="Diterima tanggal")
    jabatan: BarisOpsional = Field("", title="Jabatan penerima")
    nama: BarisOpsional = Field("", title="Nama penerima")
    nip: NipOpsional = Field("", title="NIP penerima")
    telepon: BarisOpsional = Field("", title="Nomor telepon")


class SuratPengantar(Model):
    instansi: Instansi = Field(title="Instansi")
    nomor: Nomor = Field(title="Nomor")
    tanggal: Tanggal = Field(title="Tanggal")
    kepada: Baris = Field(title="Kepada Yth.")
    di: BarisOpsional = Field("Tempat", title="di")
    naskah: list[Naskah] = Field(min_length=1, title="Naskah yang dikirim")
    penandatangan: Pejabat = Field(title="Pengirim")
    penerima: Penerima = Field(default_factory=Penerima, title="Tanda terima (diisi penerima)")
    tembusan: list[Baris] = Field(default_factory=list, title="Tembusan")


def konteks(d: SuratPengantar, kit) -> dict:
    p = d.penerima
    return {
        "kop": kop(d.instansi, kit),
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal),
        "kepada": d.kepada,
        "di": d.di or "Tempat",
        "nomor": d.nomor.cetak(d.tanggal),
        "naskah": [
            {"no": f"{i}.", "naskah": n.naskah, "banyaknya": locale_id.jumlah_terbilang(n.jumlah, n.satuan),
             "keterangan": n.keterangan}
            for i, n in enumerate(d.naskah, 1)
        ],
        "penerima": {
            "tanggal": locale_id.tanggal(p.tanggal) if p.tanggal else TITIK,
            "jabatan": p.jabatan or TITIK,
            "nama": p.nama or TITIK,
            "nip": f"NIP. {pegawai.format_nip(p.nip)}" if p.nip else f"NIP. {TITIK}",
            "telepon": p.telepon or TITIK,
        },
        "ttd": {**ttd(d.penandatangan)},
        "tembusan": tembusan(d.tembusan),
    }


def perihal(d: SuratPengantar) -> str:
    """Return what is sent: the first paper and how many others."""
    lain = f" dan {len(d.naskah) - 1} naskah lain" if len(d.naskah) > 1 else ""
    return f"Penyampaian {d.naskah[0].naskah}{lain}"


JENIS = JenisDokumen(
    slug="surat-pengantar",
    judul="Surat Pengantar",
    keterangan="Surat pengantar pengiriman naskah (mis. LKjIP) dengan tabel naskah dan blok tanda terima.",
    model=SuratPengantar,
    konteks=konteks,
    perihal=perihal,
)
