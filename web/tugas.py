"""Background jobs for long documents (the LKjIP takes several seconds): a small, thread-safe, in-memory registry.

Each job runs in its own thread of the web process; the page polls its status as JSON. A job can be cancelled:
the job function checks `Laporan.dibatalkan()` between its stages and raises TugasDibatalkan.
Jobs live in this process's memory only: they are lost on restart and not shared between worker processes.
Issue 6 will move jobs to a queue (a separate worker process and a persistent job table); keep this module's
interface (`mulai`, `dapatkan`, `Tugas.ringkas`) so the views do not change then.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docgen.errors import BerkasDibatalkan, DocgenError

log = logging.getLogger(__name__)

MAKS_BERJALAN = 4  # jobs running at once in this process; LibreOffice converts one document at a time anyway
SIMPAN_DETIK = 3600  # finished jobs are forgotten after an hour
MAKS_TERSIMPAN = 200

_kunci = threading.Lock()
_tugas: dict[str, Tugas] = {}


@dataclass
class Tugas:
    """One job: who started it, how far it is, and its outcome (a document id or an Indonesian message)."""

    id: str
    pemilik: int
    slug: str
    perkiraan_detik: float
    status: str = "menunggu"  # menunggu, berjalan, selesai, gagal, dibatalkan
    persen: int = 0
    pesan: str = "Menunggu giliran…"
    dokumen_id: int | None = None
    fields: dict[str, str] = field(default_factory=dict)
    mulai_pada: float = field(default_factory=time.monotonic)
    tahap_pada: float = field(default_factory=time.monotonic)
    selesai_pada: float | None = None
    batal: threading.Event = field(default_factory=threading.Event, repr=False)

    def persen_kini(self) -> int:
        """The reported percentage; while running, an estimate from the elapsed time (never past 95)."""
        if self.status != "berjalan":
            return self.persen
        lalu = time.monotonic() - self.tahap_pada
        perkiraan = self.persen + (95 - self.persen) * min(1.0, lalu / max(self.perkiraan_detik, 0.1))
        return int(min(95, perkiraan))

    def ringkas(self) -> dict[str, Any]:
        """The status as JSON for the progress page."""
        return {"id": self.id, "status": self.status, "persen": self.persen_kini(), "pesan": self.pesan,
                "dokumen_id": self.dokumen_id, "fields": self.fields}


class TugasDibatalkan(DocgenError):
    """Raised by a job function that noticed its cancellation."""

    status = 409


class Laporan:
    """What a job function may use to report its progress and to notice a cancellation."""

    def __init__(self, tugas_id: str):
        self.tugas_id = tugas_id

    def tahap(self, persen: int, pesan: str) -> None:
        """Report that a new stage starts at `persen` (0-100) with an Indonesian message."""
        with _kunci:
            t = _tugas.get(self.tugas_id)
            if t is not None:
                t.status, t.persen, t.pesan = "berjalan", max(0, min(100, persen)), pesan
                t.tahap_pada = time.monotonic()

    def dibatalkan(self) -> bool:
        """True once the user asked to cancel this job."""
        with _kunci:
            t = _tugas.get(self.tugas_id)
            return t is not None and t.batal.is_set()

    def periksa_batal(self) -> None:
        """Raise TugasDibatalkan when the user asked to cancel this job."""
        if self.dibatalkan():
            raise TugasDibatalkan("Penyusunan dibatalkan atas permintaan pengguna.")


def _bersihkan() -> None:
    """Forget finished jobs that are old, and the oldest finished ones beyond MAKS_TERSIMPAN (lock held)."""
    kini = time.monotonic()
    for tid in [tid for tid, t in _tugas.items() if t.selesai_pada and kini - t.selesai_pada > SIMPAN_DETIK]:
        del _tugas[tid]
    selesai = sorted((t for t in _tugas.values() if t.selesai_pada), key=lambda t: t.selesai_pada or 0)
    for t in selesai[: max(0, len(_tugas) - MAKS_TERSIMPAN)]:
        del _tugas[t.id]


def mulai(fungsi: Callable[[Laporan], int], *, pemilik: int, slug: str, perkiraan_detik: float = 5) -> Tugas:
    """Start `fungsi(laporan)` in a thread; it returns the new document's id.

    Raises DocgenError (503) when MAKS_BERJALAN jobs are already running.
    """
    with _kunci:
        _bersihkan()
        berjalan = sum(1 for t in _tugas.values() if t.selesai_pada is None)
        if berjalan >= MAKS_BERJALAN:
            raise DocgenError("Server sedang menyusun dokumen lain. Tunggu sebentar lalu coba lagi.", status=503)
        t = Tugas(id=uuid.uuid4().hex, pemilik=pemilik, slug=slug, perkiraan_detik=perkiraan_detik)
        _tugas[t.id] = t

    def jalan() -> None:
        try:
            dokumen_id = fungsi(Laporan(t.id))
        except (TugasDibatalkan, BerkasDibatalkan) as e:
            _akhiri(t.id, "dibatalkan", e.pesan)
        except DocgenError as e:
            _akhiri(t.id, "gagal", e.pesan, fields=e.fields)
        except Exception:  # a bug must not kill the thread silently: log it, tell the user in Indonesian
            log.exception("tugas %s gagal", t.id)
            _akhiri(t.id, "gagal", "Terjadi kesalahan pada server saat menyusun dokumen.")
        else:
            _akhiri(t.id, "selesai", "Dokumen selesai disusun.", dokumen_id=dokumen_id)

    threading.Thread(target=jalan, name=f"docgen-tugas-{t.id[:8]}", daemon=True).start()
    return t


def _akhiri(tugas_id: str, status: str, pesan: str, *, dokumen_id: int | None = None,
            fields: dict[str, str] | None = None) -> None:
    with _kunci:
        t = _tugas.get(tugas_id)
        if t is not None:
            t.status, t.pesan, t.dokumen_id, t.fields = status, pesan, dokumen_id, dict(fields or {})
            t.persen = 100 if status == "selesai" else t.persen
            t.selesai_pada = time.monotonic()


def batalkan(tugas_id: str) -> bool:
    """Ask a running job to stop at its next check; False when it is unknown or already finished."""
    with _kunci:
        t = _tugas.get(tugas_id)
        if t is None or t.selesai_pada is not None:
            return False
        t.batal.set()
        t.pesan = "Membatalkan…"
        return True


def dapatkan(tugas_id: str) -> Tugas | None:
    """Return a job by id, or None when unknown or forgotten."""
    with _kunci:
        return _tugas.get(tugas_id)
