"""Input parts shared by every document type: agency (kop), officials, letter numbers, text fields."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic.json_schema import JsonDict

from docgen import locale_id, pegawai

# A required one-line value, a longer free text (paragraphs), and an optional one-liner.
Baris = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
BarisOpsional = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]
TeksPanjang = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50000)]
Sifat = Literal["Biasa", "Segera", "Sangat Segera", "Rahasia"]

# The years a paper's date may fall in: from the Republic's first year to the end of the century.
TAHUN_AWAL, TAHUN_AKHIR = 1945, 2100
# The largest count an input holds (copies sent, pages), and the largest letter sequence number (nine digits:
# a series preview fills the number with a nine-digit marker).
BATAS_CACAH = 1_000_000
BATAS_URUT = 999_999_999


def _tanggal_wajar(v: dt.date) -> dt.date:
    if not TAHUN_AWAL <= v.year <= TAHUN_AKHIR:
        raise ValueError(f"tahun {v.year} tidak masuk akal untuk naskah dinas "
                         f"(harus {TAHUN_AWAL} sampai {TAHUN_AKHIR})")
    return v


# Every date typed into a document input: TTTT-BB-HH, in the years TAHUN_AWAL to TAHUN_AKHIR.
Tanggal = Annotated[dt.date, AfterValidator(_tanggal_wajar)]


def _nip_opsional(v: str) -> str:
    return pegawai.validasi_nip(v) if v else v


# An optional NIP: empty, or 18 valid digits (spaces allowed in the input, stored as digits).
NipOpsional = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(_nip_opsional)
]


class Model(BaseModel):
    """Base for every input model: unknown fields are errors, so no typed text is silently dropped."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def peringatan_masukan(self) -> list[str]:
        """Return warnings for valid input that still looks wrong: the paper is dated before a signer's TMT CPNS."""
        tanggal = getattr(self, "tanggal", None)
        if not isinstance(tanggal, dt.date):
            return []
        hasil = []
        for nama in type(self).model_fields:
            pejabat = getattr(self, nama)
            if not isinstance(pejabat, Pejabat) or not pejabat.nip:
                continue
            tahun, bulan = pegawai.tmt_cpns(pejabat.nip)
            if (tanggal.year, tanggal.month) < (tahun, bulan):
                hasil.append(
                    f"{nama}.nip: menurut NIP, {pejabat.nama} diangkat CPNS pada {locale_id.nama_bulan(bulan)} "
                    f"{tahun}, sesudah tanggal naskah ({locale_id.tanggal(tanggal)}); periksa NIP atau tanggalnya"
                )
        return hasil


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


# How a form names each quarter and each kedudukan (web forms read "x-pilihan"; validators ignore it).
LABEL_TRIWULAN = {1: "Triwulan I", 2: "Triwulan II", 3: "Triwulan III", 4: "Triwulan IV"}
LABEL_KEDUDUKAN: JsonDict = {"": "Definitif", "a.n.": "a.n. (atas nama)", "Plt.": "Plt. (pelaksana tugas)",
                   "Plh.": "Plh. (pelaksana harian)"}


class Pejabat(Model):
    """An official: signer, approver, addressee with NIP."""

    jabatan: Baris = Field(title="Jabatan")
    nama: Baris = Field(title="Nama lengkap dengan gelar")
    nip: NipOpsional = Field("", title="NIP", description="18 digit; boleh dengan spasi")
    golongan: BarisOpsional = Field("", title="Golongan ruang", examples=["IV/c"])
    pangkat: BarisOpsional = Field("", title="Pangkat", description="Kosongkan: diisi otomatis dari golongan")
    kedudukan: Literal["", "a.n.", "Plt.", "Plh."] = Field(
        "", title="Kedudukan", description="Definitif, a.n. (atas nama), Plt. atau Plh.",
        json_schema_extra={"x-pilihan": LABEL_KEDUDUKAN},
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


# The fields Nomor.cetak fills in a pattern (with how a reader calls each), and the longest pattern accepted.
URAIAN_MEDAN_NOMOR = {"kode": "kode klasifikasi", "kode_klasifikasi": "kode klasifikasi", "urut": "nomor urut",
                      "kode_unit": "kode unit", "unit": "kode unit", "tahun": "tahun",
                      "bulan": "bulan (angka Romawi)", "bulan_angka": "bulan (angka)"}
_MEDAN_NOMOR = set(URAIAN_MEDAN_NOMOR)
PANJANG_POLA = 200


def uraikan_pola(pola: str) -> str:
    """Put a number pattern into words: '{kode_klasifikasi}/{urut}/{tahun}' is 'Kode klasifikasi / nomor urut /
    tahun'; fixed text stays as it is. '' for a pattern that periksa_pola refuses."""
    try:
        periksa_pola(pola)
    except ValueError:
        return ""
    bagian = []
    for teks, nama, _, _ in string.Formatter().parse(pola):
        bagian.append(teks.replace("{", "").replace("}", ""))
        if nama:
            bagian.append(URAIAN_MEDAN_NOMOR[nama])
    hasil = re.sub(r"\s*/\s*", " / ", "".join(bagian)).strip()
    return hasil[:1].upper() + hasil[1:]


def periksa_pola(pola: str) -> None:
    """Raise ValueError in Indonesian unless `pola` uses only the known fields, bare ({tahun}), in balanced braces."""
    try:
        bagian = list(string.Formatter().parse(pola))
    except ValueError:
        raise ValueError("pola nomor rusak: periksa pasangan kurung kurawal { } "
                         "(kurung kurawal biasa ditulis {{ atau }})") from None
    medan = set()
    for _, nama, format_, konversi in bagian:
        if nama is None:
            continue
        if not nama:
            raise ValueError("pola nomor memuat { } tanpa nama medan; tulis mis. {urut} atau {tahun}")
        if konversi or format_:
            tambahan = f"!{konversi}" if konversi else f":{format_}"
            raise ValueError(f"pola nomor: medan {{{nama}{tambahan}}} tidak boleh memakai format atau konversi; "
                             f"tulis {{{nama}}} saja")
        medan.add(nama)
    asing = sorted(medan - _MEDAN_NOMOR)
    if asing:
        raise ValueError(
            f"pola nomor memakai medan yang tidak dikenal: {', '.join(asing)} "
            f"(yang dikenal: {', '.join(sorted(_MEDAN_NOMOR))})"
        )


class Nomor(Model):
    """A letter number: ready text, or a series pattern filled from the document date."""

    teks: BarisOpsional = Field(
        "", title="Nomor yang sudah ada", examples=["067/13a/Set.DPRD/2025"],
        description="Ditulis apa adanya; kosongkan agar nomor disusun dari seri nomor instansi",
    )
    # The pattern's own syntax is for the JSON input and the API; forms show it in words ("x-uraian").
    pola: Annotated[str, StringConstraints(strip_whitespace=True, max_length=PANJANG_POLA)] = Field(
        "", title="Susunan nomor", examples=["{kode_klasifikasi}/{urut}/{kode_unit}/{bulan}/{tahun}"],
        description="Bagian dalam kurung kurawal: kode_klasifikasi, urut, kode_unit, tahun, bulan (Romawi), "
                    "bulan_angka",
        json_schema_extra={"x-lanjutan": True, "x-uraian": "pola_nomor"},
    )
    kode_klasifikasi: BarisOpsional = Field("", title="Kode klasifikasi", examples=["000.8.3.3"],
                                            json_schema_extra={"x-lanjutan": True})
    kode_unit: BarisOpsional = Field("", title="Kode unit", examples=["BKPSDM-PS"],
                                     json_schema_extra={"x-lanjutan": True})
    urut: int | None = Field(None, ge=1, le=BATAS_URUT, title="Nomor urut",
                             description="Kosongkan: diambil dari register saat difinalkan, atau ditulis tangan",
                             json_schema_extra={"x-lanjutan": True})
    sisipan: Annotated[str, StringConstraints(pattern=r"^[a-z]?$")] = Field(
        "", title="Huruf nomor sisipan", description="Satu huruf kecil di belakang nomor urut, mis. a untuk 13a",
        json_schema_extra={"x-lanjutan": True},
    )

    @model_validator(mode="before")
    @classmethod
    def _dari_teks(cls, v: object) -> object:
        return {"teks": v} if isinstance(v, str) else v

    @field_validator("pola")
    @classmethod
    def _pola(cls, v: str) -> str:
        periksa_pola(v)
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
