"""Input parts shared by every document type: agency (kop), officials, letter numbers, text fields."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from docgen import locale_id, pegawai

# A required one-line value, a longer free text (paragraphs), and an optional one-liner.
Baris = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
BarisOpsional = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]
TeksPanjang = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50000)]
Sifat = Literal["Biasa", "Segera", "Sangat Segera", "Rahasia"]


def _nip_opsional(v: str) -> str:
    return pegawai.validasi_nip(v) if v else v


# An optional NIP: empty, or 18 valid digits (spaces allowed in the input, stored as digits).
NipOpsional = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(_nip_opsional)
]


class Model(BaseModel):
    """Base for every input model: unknown fields are errors, so no typed text is silently dropped."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Pengaturan(Model):
    """Per-agency layout settings."""

    ukuran_kertas: Literal["F4", "A4"] = Field("F4", title="Ukuran kertas")
    gaya_diktum: Literal["KESATU", "PERTAMA"] = Field(
        "KESATU", title="Kata diktum pertama", description="KESATU (Permendagri 1/2023) atau PERTAMA"
    )
    posisi_qr: Literal["kanan_bawah", "kiri_bawah"] = Field(
        "kanan_bawah", title="Posisi kode QR verifikasi",
        description="Di kaki setiap halaman dokumen final: kanan_bawah atau kiri_bawah",
    )


class Instansi(Model):
    """The agency whose kop heads the document."""

    pemerintah: Baris = Field(title="Pemerintah daerah", examples=["PEMERINTAH KABUPATEN PESISIR SELATAN"])
    nama: Baris = Field(title="Nama instansi", examples=["BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"])
    singkatan: BarisOpsional = Field("", title="Singkatan", examples=["BKPSDM"])
    alamat: Baris = Field(title="Alamat")
    kota: Baris = Field(title="Kota tempat surat dibuat", examples=["Painan"])
    kode_pos: BarisOpsional = Field("", title="Kode pos")
    telepon: BarisOpsional = Field("", title="Telepon")
    faksimile: BarisOpsional = Field("", title="Faksimile")
    laman: BarisOpsional = Field("", title="Laman (website)")
    email: BarisOpsional = Field("", title="Pos-el (e-mail)")
    logo: BarisOpsional = Field("", title="Berkas logo", description="Path PNG/JPEG, relatif terhadap berkas JSON")
    zona_waktu: Literal["WIB", "WITA", "WIT"] = Field("WIB", title="Zona waktu")
    pengaturan: Pengaturan = Field(default_factory=Pengaturan, title="Pengaturan")


class Pejabat(Model):
    """An official: signer, approver, addressee with NIP."""

    jabatan: Baris = Field(title="Jabatan")
    nama: Baris = Field(title="Nama lengkap dengan gelar")
    nip: NipOpsional = Field("", title="NIP", description="18 digit; boleh dengan spasi")
    golongan: BarisOpsional = Field("", title="Golongan ruang", examples=["IV/c"])
    pangkat: BarisOpsional = Field("", title="Pangkat", description="Kosongkan: diisi otomatis dari golongan")
    kedudukan: Literal["", "a.n.", "Plt.", "Plh."] = Field(
        "", title="Kedudukan", description="Kosong (definitif), a.n. (atas nama), Plt. atau Plh."
    )
    atas_nama: BarisOpsional = Field("", title="Atas nama (jabatan)", description="Diisi bila kedudukan a.n.")

    @field_validator("golongan")
    @classmethod
    def _golongan(cls, v: str) -> str:
        return pegawai.normalisasi_golongan(v) if v else v

    @model_validator(mode="after")
    def _pangkat(self) -> Pejabat:
        if self.golongan:
            benar = pegawai.PANGKAT[self.golongan]
            if not self.pangkat:
                self.pangkat = benar
            elif self.pangkat.casefold() != benar.casefold():
                raise ValueError(f"pangkat '{self.pangkat}' tidak sesuai golongan {self.golongan} (seharusnya {benar})")
        if self.kedudukan == "a.n." and not self.atas_nama:
            raise ValueError("kedudukan a.n. memerlukan kolom atas_nama (jabatan yang diwakili)")
        return self

    @property
    def nip_cetak(self) -> str:
        """'NIP. 19700113 199009 1 002', or '' when the official has no NIP."""
        return f"NIP. {pegawai.format_nip(self.nip)}" if self.nip else ""

    @property
    def pangkat_cetak(self) -> str:
        """'Pembina Utama Muda (IV/c)', or whichever part is known."""
        if self.pangkat and self.golongan:
            return f"{self.pangkat} ({self.golongan})"
        return self.pangkat or self.golongan

    def blok_ttd(self) -> dict[str, str]:
        """Return the signature block: jabatan lines (capitals), nama, pangkat (golongan), NIP."""
        return {
            "jabatan": "\n".join(pegawai.baris_jabatan(self.jabatan, self.kedudukan, self.atas_nama)),
            "nama": self.nama,
            "pangkat": self.pangkat_cetak,
            "nip": self.nip_cetak,
        }


_MEDAN_NOMOR = {"kode", "kode_klasifikasi", "urut", "kode_unit", "unit", "tahun", "bulan", "bulan_angka"}


class Nomor(Model):
    """A letter number: ready text, or a series pattern filled from the document date."""

    teks: BarisOpsional = Field("", title="Nomor jadi", examples=["067/13a/Set.DPRD/2025"])
    pola: BarisOpsional = Field(
        "", title="Pola nomor", examples=["{kode_klasifikasi}/{urut}/{kode_unit}/{bulan}/{tahun}"],
        description="Medan: kode_klasifikasi, urut, kode_unit, tahun, bulan (Romawi), bulan_angka",
    )
    kode_klasifikasi: BarisOpsional = Field("", title="Kode klasifikasi", examples=["000.8.3.3"])
    kode_unit: BarisOpsional = Field("", title="Kode unit", examples=["BKPSDM-PS"])
    urut: int | None = Field(None, ge=1, title="Nomor urut", description="Kosongkan untuk diisi tangan")
    sisipan: Annotated[str, StringConstraints(pattern=r"^[a-z]?$")] = Field(
        "", title="Huruf sisipan", description="Untuk nomor sisipan, mis. 13a"
    )

    @model_validator(mode="before")
    @classmethod
    def _dari_teks(cls, v: object) -> object:
        return {"teks": v} if isinstance(v, str) else v

    @field_validator("pola")
    @classmethod
    def _pola(cls, v: str) -> str:
        try:
            medan = {name for _, name, _, _ in string.Formatter().parse(v) if name is not None}
        except ValueError:
            raise ValueError("pola nomor rusak: periksa pasangan kurung kurawal { }") from None
        asing = sorted(medan - _MEDAN_NOMOR)
        if asing:
            raise ValueError(
                f"pola nomor memakai medan yang tidak dikenal: {', '.join(asing)} "
                f"(yang dikenal: {', '.join(sorted(_MEDAN_NOMOR))})"
            )
        return v

    def cetak(self, tanggal: dt.date | None) -> str:
        """Return the printed number; an empty urut leaves a blank to be filled by hand."""
        if self.teks or not self.pola:
            return self.teks
        tanggal = tanggal or dt.date.today()
        urut = f"{self.urut}{self.sisipan}" if self.urut else " "
        return self.pola.format(
            kode=self.kode_klasifikasi, kode_klasifikasi=self.kode_klasifikasi, urut=urut,
            kode_unit=self.kode_unit, unit=self.kode_unit, tahun=tanggal.year,
            bulan=locale_id.romawi(tanggal.month), bulan_angka=f"{tanggal.month:02d}",
        )


def path_logo(instansi: Instansi, basis: Path | None) -> Path | None:
    """Resolve the logo path against the input file's folder; None when no logo is set."""
    if not instansi.logo:
        return None
    p = Path(instansi.logo)
    return p if p.is_absolute() or basis is None else basis / p
