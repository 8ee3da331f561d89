"""Registry of document types: each module gives a slug, a title, an input model and a context builder."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from docgen.errors import TidakDitemukan

# Module names in docgen.documents, in the order the SOP steps produce them.
_MODUL = (
    "keputusan_sop",
    "nota_dinas",
    "surat_permintaan_data",
    "undangan_rapat",
    "notulen_rapat",
    "rencana_kegiatan",
    "checklist_dokumen",
    "lembar_disposisi",
    "surat_pengantar",
    "formulir_capaian",
    "kertas_kerja_pengukuran",
    "rekapitulasi_capaian",
    "laporan_hasil_pengukuran",
    "lkjip",
)


@dataclass(frozen=True)
class JenisDokumen:
    """One document type."""

    slug: str
    judul: str
    keterangan: str
    model: type[BaseModel]
    konteks: Callable[[Any, Any], dict[str, Any]]
    pasca: Callable[[Any, Any], None] | None = None  # adjusts the rendered python-docx Document

    def schema(self) -> dict[str, Any]:
        """Return the JSON Schema of this type's input."""
        s = self.model.model_json_schema()
        s["title"] = self.judul
        s["description"] = self.keterangan
        s["$id"] = f"docgen:{self.slug}"
        return s


def semua() -> list[JenisDokumen]:
    """Return every document type, in SOP order."""
    return [importlib.import_module(f"docgen.documents.{m}").JENIS for m in _MODUL]


def dapatkan(slug: str) -> JenisDokumen:
    """Return the document type for a slug; raise TidakDitemukan listing the known slugs."""
    for j in semua():
        if j.slug == slug:
            return j
    daftar = ", ".join(j.slug for j in semua())
    raise TidakDitemukan(f"Jenis dokumen '{slug}' tidak dikenal. Yang tersedia: {daftar}",
                         fields={"jenis": "tidak dikenal"})
