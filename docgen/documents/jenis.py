"""One document type: its slug, title, input model, context builder, and the hooks that say what a paper is.

The hooks (perihal, tanggal, nomor, kode_klasifikasi, tujuan) each take the type's validated input model. The
defaults here read the fields most types share (hal, tanggal, nomor, kepada); a type module passes its own where
its paper differs. Every caller (the berkas, the web history list, the letter register, the verification page)
asks these hooks, so two screens never disagree about a paper's subject or date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from docgen.documents.common import Nomor

MEDAN_PERIHAL = ("hal", "tentang", "judul", "acara")


def perihal_umum(model: Any) -> str:
    """Return the first non-empty of the model's hal, tentang, judul, acara; '' when none."""
    for nama in MEDAN_PERIHAL:
        nilai = getattr(model, nama, None)
        if isinstance(nilai, str) and nilai:
            return nilai
    return ""


def tanggal_umum(model: Any) -> dt.date | None:
    """Return the model's `tanggal` when it is a date, else None."""
    nilai = getattr(model, "tanggal", None)
    return nilai if isinstance(nilai, dt.date) else None


def nomor_cetak(nomor: object, tanggal: dt.date | None) -> str:
    """Return the printed number: ready text as is, a pattern filled with `tanggal`; '' without a number or date.

    A pattern is never filled without the paper's date: Nomor.cetak would take today's, which no paper shows.
    """
    if not isinstance(nomor, Nomor):
        return ""
    if nomor.teks or not nomor.pola:
        return nomor.teks
    return nomor.cetak(tanggal).strip() if tanggal else ""


def nomor_umum(model: Any) -> str:
    """Return the model's `nomor` printed with its `tanggal` (see nomor_cetak)."""
    return nomor_cetak(getattr(model, "nomor", None), tanggal_umum(model))


def kode_umum(model: Any) -> str:
    """Return the classification code of the model's `nomor`; '' when it has none."""
    nomor = getattr(model, "nomor", None)
    return nomor.kode_klasifikasi if isinstance(nomor, Nomor) else ""


def gabung_tujuan(penerima: Sequence[str]) -> str:
    """Join addressees for the register: 'Sekretaris; Kepala Bidang Mutasi'."""
    return "; ".join(penerima)


def tujuan_umum(model: Any) -> str:
    """Return the model's `kepada` (one addressee, or a list of them joined); '' when it has none."""
    nilai = getattr(model, "kepada", None)
    if isinstance(nilai, str):
        return nilai
    if isinstance(nilai, list):
        return gabung_tujuan([str(x) for x in nilai])
    return ""


@dataclass(frozen=True)
class Ringkasan:
    """What a paper is, at a glance: subject, date, printed number, classification code, addressee."""

    perihal: str
    tanggal: dt.date | None
    nomor: str
    kode_klasifikasi: str
    tujuan: str


@dataclass(frozen=True)
class JenisDokumen:
    """One document type."""

    slug: str
    judul: str
    keterangan: str
    model: type[BaseModel]
    konteks: Callable[[Any, Any], dict[str, Any]]
    pasca: Callable[[Any, Any], None] | None = None  # adjusts the rendered python-docx Document
    perihal: Callable[[Any], str] = perihal_umum  # what the paper is about
    tanggal: Callable[[Any], dt.date | None] = tanggal_umum  # the paper's date
    nomor: Callable[[Any], str] = nomor_umum  # the printed letter number, '' when none
    kode_klasifikasi: Callable[[Any], str] = kode_umum  # the archive classification code, '' when none
    tujuan: Callable[[Any], str] = tujuan_umum  # to whom it is addressed, '' when not a letter

    def schema(self) -> dict[str, Any]:
        """Return the JSON Schema of this type's input."""
        s = self.model.model_json_schema()
        s["title"] = self.judul
        s["description"] = self.keterangan
        s["$id"] = f"docgen:{self.slug}"
        return s

    def ringkasan(self, model: Any) -> Ringkasan:
        """Return every hook's answer for a validated input model of this type; raise TypeError for another's."""
        if not isinstance(model, self.model):
            raise TypeError(f"{self.slug}: ringkasan memerlukan {self.model.__name__}, bukan {type(model).__name__}")
        return Ringkasan(perihal=self.perihal(model), tanggal=self.tanggal(model), nomor=self.nomor(model),
                         kode_klasifikasi=self.kode_klasifikasi(model), tujuan=self.tujuan(model))
