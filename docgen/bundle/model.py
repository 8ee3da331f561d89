"""The berkas model: the cycle file's schema, the finished papers handed in with their templates, the results."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import Field, field_validator, model_validator

from docgen import documents
from docgen.bundle.tetap import sha256, tulis_atomik
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, Pejabat
from docgen.documents.daftar_isi_berkas import IdentitasBerkas

SLUG_DAFTAR = "daftar-isi-berkas"
MAKS_ITEM = 99  # item numbers have two digits

Lapor = Callable[[int, str], None]
Pembatal = Callable[[], bool] | threading.Event
SumberTemplat = Literal["bawaan", "instansi"]


# -- the cycle file ----------------------------------------------------------------------------------------------


class ButirSiklus(Model):
    """One document of the cycle: its type and its input (inline or in a JSON file)."""

    jenis: Baris = Field(title="Jenis dokumen (slug)", examples=["nota-dinas"])
    langkah: int | None = Field(None, ge=1, le=999, title="Langkah SOP",
                                description="Nomor langkah SOP yang menghasilkan naskah ini (urutan 'langkah')")
    data: dict[str, Any] | None = Field(None, title="Data masukan", description="Seperti `docgen schema <jenis>`")
    data_berkas: BarisOpsional = Field("", title="Berkas data masukan",
                                       description="Path JSON, relatif terhadap berkas siklus")
    uraian: BarisOpsional = Field("", title="Uraian", description="Kosong: hal/tentang/judul naskah")
    kode_klasifikasi: BarisOpsional = Field("", title="Kode klasifikasi",
                                            description="Kosong: kode dari pola nomor naskah, atau kode berkas")
    keterangan: BarisOpsional = Field("", title="Keterangan", examples=["Asli", "Salinan"])

    @field_validator("jenis")
    @classmethod
    def _jenis(cls, v: str) -> str:
        if v == SLUG_DAFTAR:
            raise ValueError("Daftar Isi Berkas disusun otomatis; jangan dicantumkan sebagai item")
        dikenal = [j.slug for j in documents.semua() if j.slug != SLUG_DAFTAR]
        if v not in dikenal:
            raise ValueError(f"jenis dokumen '{v}' tidak dikenal; yang tersedia: {', '.join(dikenal)}")
        return v

    @model_validator(mode="after")
    def _satu_sumber(self) -> ButirSiklus:
        if (self.data is None) == (not self.data_berkas):
            raise ValueError("isi salah satu: data (di dalam berkas siklus) atau data_berkas (path JSON)")
        return self


class Siklus(Model):
    """A cycle to file: the berkas identity, what every item shares, and the items."""

    berkas: IdentitasBerkas = Field(title="Identitas berkas")
    instansi: Instansi = Field(title="Instansi", description="Dipakai setiap item yang tidak punya instansi sendiri")
    kinerja: dict[str, Any] | str | None = Field(
        None, title="Data kinerja bersama",
        description="Objek data kinerja, atau path berkas JSON-nya; dipakai item pengukuran tanpa kinerja sendiri",
    )
    tanggal: dt.date = Field(title="Tanggal daftar isi berkas")
    tempat: BarisOpsional = Field("", title="Tempat", description="Kosong: kota instansi")
    penandatangan: Pejabat = Field(title="Pemberkas (arsiparis atau pejabat pengolah)")
    urutan: Literal["langkah", "tanggal", "sesuai_berkas"] = Field(
        "langkah", title="Urutan item",
        description="langkah: menurut nomor langkah SOP; tanggal: menurut tanggal naskah; sesuai_berkas: "
                    "seperti ditulis. Item yang sama kedudukannya tetap dalam urutan tulisnya.",
    )
    item: list[ButirSiklus] = Field(min_length=1, max_length=MAKS_ITEM, title="Item berkas")


# -- templates and finished papers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplatDipakai:
    """The template a paper was actually made with: file name, SHA-256, built-in ("bawaan") or the agency's own."""

    nama: str
    sha256: str
    sumber: SumberTemplat

    def __post_init__(self) -> None:
        if self.sumber not in get_args(SumberTemplat):
            raise ValueError(f"sumber templat harus bawaan atau instansi, bukan {self.sumber!r}")
        if not re.fullmatch(r"[0-9a-f]{64}", self.sha256):
            raise ValueError(f"sha256 templat harus 64 digit heksadesimal kecil, bukan {self.sha256!r}")

    @classmethod
    def bawaan(cls, templates_dir: Path, slug: str) -> TemplatDipakai:
        """The built-in `templates_dir/<slug>.docx`; raises OSError when it cannot be read."""
        path = templates_dir / f"{slug}.docx"
        return cls(nama=path.name, sha256=sha256(path.read_bytes()), sumber="bawaan")

    @classmethod
    def instansi(cls, slug: str, isi: bytes) -> TemplatDipakai:
        """An agency's own template for `slug`, given as its .docx bytes."""
        return cls(nama=f"{slug}.docx", sha256=sha256(isi), sumber="instansi")


@dataclass(frozen=True)
class NaskahJadi:
    """A finished paper filed as it is (e.g. finalised, numbered and QR-coded in the web app), not rendered again.

    `pdf` None: that very .docx is converted when the berkas is made. `templat`: what it was made with, for the
    manifest.
    """

    docx: bytes = field(repr=False)
    pdf: bytes | None = field(repr=False)
    templat: TemplatDipakai

    def __post_init__(self) -> None:
        if not self.docx:
            raise ValueError("naskah jadi memerlukan isi .docx")


# -- results -----------------------------------------------------------------------------------------------------


@dataclass
class Item:
    """One numbered item of the berkas, as rendered."""

    nomor: str  # "01"
    langkah: int | None
    slug: str
    judul: str
    uraian: str
    nomor_surat: str
    kode_klasifikasi: str
    tanggal: dt.date | None
    keterangan: str
    data: dict[str, Any]
    label: str  # "item[3] (notulen-rapat)": where the item is in the cycle file
    no_tulis: int = 0  # 1-based place in the cycle file's item list
    jadi: bool = False  # filed from a finished paper (naskah_jadi), not rendered here
    docx: bytes = b""
    pdf: bytes = b""
    halaman: int = 0
    halaman_awal: int = 0
    templat: TemplatDipakai | None = None  # the template the .docx was made with (known once it is made)

    @property
    def nama(self) -> str:
        """File name stem in the ZIP: '03-notulen-rapat'."""
        return f"{self.nomor}-{self.slug}"


@dataclass
class HasilBerkas:
    """A finished berkas: the ZIP bytes, the merged PDF and the manifest, with the warnings raised."""

    zip: bytes
    pdf: bytes
    nama_pdf: str
    manifest: dict[str, Any]
    item: list[Item]
    peringatan: list[str] = field(default_factory=list)

    @property
    def jumlah_halaman(self) -> int:
        """Pages of the merged PDF, the Daftar Isi Berkas included."""
        return int(self.manifest["berkas_gabungan"]["halaman"])

    def simpan(self, path: Path) -> None:
        """Write the ZIP atomically: a temporary file in the same folder, then a rename."""
        tulis_atomik(path, self.zip)
