"""Notulen Rapat: meeting identity, discussion, decisions and follow-up, with the daftar hadir."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from docgen import locale_id, pegawai
from docgen.documents.bagian import daftar_bernomor, isi_paragraf, kop, tempat_tanggal
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, NipOpsional, Pejabat, Tanggal, TeksPanjang
from docgen.documents.jenis import JenisDokumen


class Peserta(Model):
    nama: Baris = Field(title="Nama")
    nip: NipOpsional = Field("", title="NIP")
    jabatan: BarisOpsional = Field("", title="Jabatan / unit kerja")


class TindakLanjut(Model):
    uraian: Baris = Field(title="Tindak lanjut")
    penanggung_jawab: Baris = Field(title="Penanggung jawab")
    batas_waktu: Tanggal | None = Field(None, title="Batas waktu")


class NotulenRapat(Model):
    instansi: Instansi = Field(title="Instansi")
    judul: Baris = Field(title="Judul rapat")
    tanggal: Tanggal = Field(title="Tanggal rapat")
    jam_mulai: dt.time = Field(title="Jam mulai")
    jam_selesai: dt.time | None = Field(None, title="Jam selesai")
    tempat: Baris = Field(title="Tempat")
    acara: TeksPanjang = Field(title="Acara")
    pimpinan: Pejabat = Field(title="Pimpinan rapat")
    notulis: Pejabat = Field(title="Notulis")
    peserta: list[Peserta] = Field(min_length=1, title="Peserta (daftar hadir)")
    pembukaan: TeksPanjang = Field(title="Pembukaan")
    pembahasan: list[TeksPanjang] = Field(min_length=1, title="Pokok pembahasan")
    kesimpulan: list[TeksPanjang] = Field(min_length=1, title="Kesimpulan / keputusan")
    tindak_lanjut: list[TindakLanjut] = Field(default_factory=list, title="Tindak lanjut")


def _ttd_rapat(p: Pejabat) -> dict[str, str]:
    blok = p.blok_ttd()
    blok["jabatan"] = p.jabatan
    return blok


def konteks(d: NotulenRapat, kit) -> dict:
    return {
        "kop": kop(d.instansi, kit),
        "judul": d.judul.upper(),
        "hari_tanggal": locale_id.tanggal_hari(d.tanggal),
        "waktu": locale_id.rentang_waktu(d.jam_mulai, d.jam_selesai, d.instansi.zona_waktu),
        "tempat": d.tempat,
        "acara": d.acara,
        "pimpinan": {"nama": f"{d.pimpinan.nama} ({d.pimpinan.jabatan})"},
        "notulis": {"nama": f"{d.notulis.nama} ({d.notulis.jabatan})"},
        "peserta_ringkas": f"{locale_id.jumlah_terbilang(len(d.peserta), 'orang')} (daftar hadir terlampir)",
        "pembukaan": isi_paragraf(d.pembukaan),
        "pembahasan": daftar_bernomor(d.pembahasan),
        "kesimpulan": daftar_bernomor(d.kesimpulan),
        "tindak_lanjut": [
            {"no": f"{i}.", "uraian": t.uraian, "penanggung_jawab": t.penanggung_jawab,
             "batas_waktu": locale_id.tanggal(t.batas_waktu) if t.batas_waktu else "-"}
            for i, t in enumerate(d.tindak_lanjut, 1)
        ],
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal),
        "ttd_pimpinan": _ttd_rapat(d.pimpinan),
        "ttd_notulis": _ttd_rapat(d.notulis),
        "daftar_hadir": [
            {"no": f"{i}.", "nama": p.nama, "nip_baris": f"\nNIP. {pegawai.format_nip(p.nip)}" if p.nip else "",
             "jabatan": p.jabatan, "kolom_ttd": f"{i}. ........................" if i % 2 else
             f"              {i}. ........................"}
            for i, p in enumerate(d.peserta, 1)
        ],
    }


JENIS = JenisDokumen(
    slug="notulen-rapat",
    judul="Notulen Rapat",
    keterangan="Notulen rapat arahan/pembahasan: identitas rapat, pembahasan, kesimpulan, tindak lanjut, daftar hadir.",
    model=NotulenRapat,
    konteks=konteks,
)
