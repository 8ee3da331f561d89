"""Surat Undangan rapat; a long invitee list goes to a Lampiran page."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator

from docgen import locale_id
from docgen.documents.bagian import daftar_bernomor, isi_paragraf
from docgen.documents.common import Baris, BarisOpsional, Tanggal, TeksPanjang
from docgen.documents.jenis import JenisDokumen, gabung_tujuan
from docgen.documents.surat_dinas import SuratDinas, konteks_surat

# More invitees than this are listed in a Lampiran instead of the address block.
BATAS_DAFTAR_DI_ALAMAT = 3


class UndanganRapat(SuratDinas):
    lampiran: BarisOpsional = Field("", title="Lampiran", description="Kosong: diisi otomatis bila daftar panjang")
    undangan: list[Baris] = Field(min_length=1, title="Yang diundang")
    pembuka: TeksPanjang = Field(
        "Dengan hormat, bersama ini kami mengundang Bapak/Ibu/Saudara untuk menghadiri rapat yang akan "
        "dilaksanakan pada:", title="Paragraf pembuka")
    tanggal_rapat: Tanggal = Field(title="Tanggal rapat")
    jam_mulai: dt.time = Field(title="Jam mulai", examples=["09:00"])
    jam_selesai: dt.time | None = Field(None, title="Jam selesai", description="Kosong: 's.d. selesai'")
    tempat: Baris = Field(title="Tempat")
    acara: TeksPanjang = Field(title="Acara")
    catatan: BarisOpsional = Field("", title="Catatan", examples=["Mohon membawa data capaian kinerja"])
    penutup: TeksPanjang = Field(
        "Mengingat pentingnya acara tersebut, dimohon kehadiran Bapak/Ibu/Saudara tepat pada waktunya. "
        "Demikian disampaikan, atas perhatiannya diucapkan terima kasih.", title="Paragraf penutup")

    @field_validator("jam_selesai")
    @classmethod
    def _jam(cls, v: dt.time | None, info: ValidationInfo) -> dt.time | None:
        mulai = info.data.get("jam_mulai")
        if v is not None and mulai is not None and v <= mulai:
            raise ValueError("jam selesai harus sesudah jam mulai")
        return v


def konteks(d: UndanganRapat, kit) -> dict:
    ctx = konteks_surat(d, kit)
    panjang = len(d.undangan) > BATAS_DAFTAR_DI_ALAMAT
    if panjang:
        kepada = "Bapak/Ibu/Saudara (daftar terlampir)"
    elif len(d.undangan) == 1:
        kepada = d.undangan[0]
    else:
        kepada = "\n".join(f"{i}. {u}" for i, u in enumerate(d.undangan, 1))
    lampiran = d.lampiran or ("1 (satu) lembar" if panjang else "-")
    if d.tanggal_rapat < d.tanggal:
        kit.peringatkan("tanggal_rapat", "tanggal rapat lebih awal dari tanggal surat")
    ctx.update(
        kepada=kepada,
        lampiran=lampiran,
        pembuka=isi_paragraf(d.pembuka),
        hari_tanggal=locale_id.tanggal_hari(d.tanggal_rapat),
        waktu=locale_id.rentang_waktu(d.jam_mulai, d.jam_selesai, d.instansi.zona_waktu),
        tempat=d.tempat,
        acara=d.acara,
        catatan=isi_paragraf(d.catatan) if d.catatan else [],
        penutup=isi_paragraf(d.penutup),
        daftar_undangan=daftar_bernomor(d.undangan) if panjang else [],
        # The letter is the office's in whose name it is signed: "LAMPIRAN SURAT KEPALA BADAN", not "…SEKRETARIS"
        # when the Sekretaris signs a.n. Kepala.
        penandatangan_jabatan=(d.penandatangan.atas_nama if d.penandatangan.kedudukan == "a.n."
                               and d.penandatangan.atas_nama.strip() else d.penandatangan.jabatan).strip().upper(),
        tanggal=locale_id.tanggal(d.tanggal),
    )
    return ctx


def tujuan(d: UndanganRapat) -> str:
    """Return everyone invited."""
    return gabung_tujuan(d.undangan)


JENIS = JenisDokumen(
    slug="undangan-rapat",
    judul="Undangan Rapat",
    keterangan="Surat undangan rapat: hari, tanggal, waktu (WIB/WITA/WIT), tempat, acara; daftar undangan terlampir.",
    model=UndanganRapat,
    konteks=konteks,
    tujuan=tujuan,
)
