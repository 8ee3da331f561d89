"""A background job as every process sees it: its row in the table `tugas`, its states and messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table

from docgen.errors import DocgenError
from web.inti.models import TugasLatar
from web.inti.waktu import sekarang, utc

T: Table = TugasLatar.__table__  # type: ignore[assignment]  # a declarative class's table is a Table

# What a kind makes, for messages ("saat menyusun berkas arsip").
APA = {"berkas": "berkas arsip", "dokumen": "dokumen", "pdf": "PDF"}
SELESAI = ("selesai", "gagal", "dibatalkan")
MAKS_PERCOBAAN = 2  # a job whose process died runs once more, then fails
PESAN_BATAL = "Penyusunan dibatalkan atas permintaan pengguna."
PESAN_SELESAI = {"berkas": "Berkas arsip selesai disusun.", "pdf": "PDF selesai dibuat."}
PESAN_HILANG = "Tugas ini sudah diambil alih atau diakhiri oleh proses lain."


class TugasDibatalkan(DocgenError):
    """Raised by a job function that noticed its cancellation."""

    status = 409


def pesan_selesai(jenis: str) -> str:
    """The message of a finished job of this kind."""
    return PESAN_SELESAI.get(jenis, "Dokumen selesai disusun.")


def pesan_mati(jenis: str) -> str:
    """The message of a job whose process died twice."""
    return f"Pekerja berhenti mendadak saat menyusun {APA.get(jenis, 'dokumen')}; silakan ulangi."


# A running job's heartbeat older than this (three beats of the default 5 s) counts as not moving.
DETAK_BASI_DETIK = 15.0


def _utc(waktu: dt.datetime | None) -> dt.datetime | None:
    return utc(waktu) if waktu is not None else None


@dataclass
class Tugas:
    """One job as read from its row: who started it, how far it is, and its outcome."""

    id: str
    jenis: str
    slug: str
    pemilik: int
    instansi_id: int
    status: str
    persen: int
    pesan: str
    hasil_id: int | None
    percobaan: int
    perkiraan_detik: float
    batal: bool = False
    argumen: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    dibuat: dt.datetime | None = None
    mulai: dt.datetime | None = None
    detak: dt.datetime | None = None
    selesai: dt.datetime | None = None

    @classmethod
    def dari_baris(cls, b: Any) -> Tugas:
        """Read a row of the table `tugas`."""
        return cls(id=b.id, jenis=b.jenis, slug=b.slug, pemilik=b.pemilik, instansi_id=b.instansi_id,
                   status=b.status, persen=b.persen, pesan=b.pesan, hasil_id=b.hasil_id, percobaan=b.percobaan,
                   perkiraan_detik=b.perkiraan_detik, batal=bool(b.batal), argumen=dict(b.argumen or {}),
                   fields=dict(b.fields or {}), dibuat=_utc(b.dibuat), mulai=_utc(b.mulai), detak=_utc(b.detak),
                   selesai=_utc(b.selesai))

    @property
    def dokumen_id(self) -> int | None:
        """The result's id (a document, a BerkasArsip); the name the progress pages use."""
        return self.hasil_id

    def persen_kini(self) -> int:
        """The reported percentage; while running, at least an estimate from the elapsed time (never past 95).

        The estimate runs on the job's heartbeat: once none came for DETAK_BASI_DETIK the bar stops where the last
        one left it, so a job whose process died does not creep towards 95 % until it is declared dead.
        """
        if self.status != "berjalan" or self.mulai is None:
            return self.persen
        kini = sekarang()
        if self.detak is not None and (kini - self.detak).total_seconds() > DETAK_BASI_DETIK:
            kini = self.detak
        lalu = max(0.0, (kini - self.mulai).total_seconds())
        perkiraan = 95 * min(1.0, lalu / max(self.perkiraan_detik, 0.1))
        return int(min(95, max(self.persen, perkiraan)))

    def ringkas(self) -> dict[str, Any]:
        """The status as JSON for the progress page."""
        return {"id": self.id, "jenis": self.jenis, "status": self.status, "persen": self.persen_kini(),
                "pesan": self.pesan, "dokumen_id": self.hasil_id, "hasil_id": self.hasil_id, "fields": self.fields,
                "percobaan": self.percobaan}
