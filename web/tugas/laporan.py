"""What a running job function gets: progress reports, its cancel flag, its heartbeat, finishing with its result."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import ColumnElement, event, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from web.inti.waktu import sekarang
from web.tugas.model import PESAN_BATAL, PESAN_HILANG, T, Tugas, TugasDibatalkan, pesan_selesai

log = logging.getLogger(__name__)


def engine(app: Flask) -> Engine:
    """The app's database engine (jobs write their row on their own connections)."""
    return app.extensions["docgen_engine"]


class Laporan:
    """What a job function may use: report progress, notice a cancellation, finish with its result's row."""

    def __init__(self, app: Flask, tugas: Tugas):
        self.app = app
        self.tugas_id = tugas.id
        self.jenis = tugas.jenis
        self.pemilik = tugas.pemilik
        self.instansi_id = tugas.instansi_id
        self.percobaan = tugas.percobaan
        self.hilang = False  # the row is no longer this attempt's (taken over after a missed heartbeat)

    def milik(self) -> ColumnElement[bool]:
        """The SQL condition: the row is still this attempt's, running."""
        return (T.c.id == self.tugas_id) & (T.c.status == "berjalan") & (T.c.percobaan == self.percobaan)

    def tahap(self, persen: int, pesan: str) -> None:
        """Report that a new stage starts at `persen` (0-100) with an Indonesian message."""
        with engine(self.app).begin() as conn:
            r = conn.execute(update(T).where(self.milik()).values(
                persen=max(0, min(100, int(persen))), pesan=pesan, detak=sekarang()))
        if r.rowcount != 1:
            self.hilang = True

    def detak(self) -> None:
        """Renew the heartbeat (the heartbeat thread calls this)."""
        with engine(self.app).begin() as conn:
            r = conn.execute(update(T).where(self.milik()).values(detak=sekarang()))
        if r.rowcount != 1:
            self.hilang = True

    def dibatalkan(self) -> bool:
        """True once the user asked to cancel this job (or another process took it over)."""
        if self.hilang:
            return True
        with engine(self.app).connect() as conn:
            b = conn.execute(select(T.c.batal, T.c.status, T.c.percobaan).where(T.c.id == self.tugas_id)).first()
        if b is None or b.status != "berjalan" or b.percobaan != self.percobaan:
            self.hilang = True
            return True
        return bool(b.batal)

    def periksa_batal(self) -> None:
        """Raise TugasDibatalkan when the user asked to cancel this job."""
        if self.dibatalkan():
            raise TugasDibatalkan(PESAN_HILANG if self.hilang else PESAN_BATAL)

    def selesai(self, db: Session, hasil_id: int | None) -> None:
        """Mark the job done inside `db`'s open transaction, to be committed together with the result's row.

        Raises TugasDibatalkan (the caller rolls back) when the user cancelled meanwhile or the job was taken over.
        """
        r = db.execute(update(T).where(self.milik(), T.c.batal == 0).values(
            status="selesai", persen=100, pesan=pesan_selesai(self.jenis), hasil_id=hasil_id, fields={},
            selesai=sekarang(), detak=sekarang()))
        if r.rowcount != 1:  # type: ignore[attr-defined]
            self.dibatalkan()
            raise TugasDibatalkan(PESAN_HILANG if self.hilang else PESAN_BATAL)

    @contextmanager
    def selesai_bersama(self, db: Session, kelas: type) -> Iterator[None]:
        """Within the block, the commit that stores the first new `kelas` row also marks the job done with its id
        (for code that commits by itself, such as web.layanan.dokumen.buat_dokumen)."""
        baru: list[Any] = []
        sudah: list[bool] = []

        def catat(sesi: Session, _konteks: Any) -> None:
            baru.extend(o for o in sesi.new if isinstance(o, kelas) and not baru)

        def tandai(sesi: Session) -> None:
            if baru and not sudah:
                sesi.flush()
                sudah.append(True)
                self.selesai(sesi, baru[0].id)

        event.listen(db, "after_flush", catat)
        event.listen(db, "before_commit", tandai)
        try:
            yield
        finally:
            event.remove(db, "after_flush", catat)
            event.remove(db, "before_commit", tandai)


# A job function: (JSON arguments, its Laporan) -> the id of what it made, or None. Runs inside an app context.
FungsiTugas = Callable[[dict[str, Any], Laporan], int | None]


class Detak:
    """A thread renewing a running job's heartbeat every TUGAS_DETAK_DETIK seconds."""

    def __init__(self, lapor: Laporan):
        self.lapor = lapor
        self.henti = threading.Event()
        self.jeda = float(lapor.app.config.get("TUGAS_DETAK_DETIK", 5))
        self.thread = threading.Thread(target=self._jalan, name=f"docgen-detak-{lapor.tugas_id[:8]}", daemon=True)

    def __enter__(self) -> Detak:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.henti.set()
        self.thread.join(timeout=30)

    def _jalan(self) -> None:
        while not self.henti.wait(self.jeda):
            try:
                self.lapor.detak()
            except Exception:  # a busy database must not end the heartbeat: try again next time
                log.warning("detak tugas %s gagal", self.lapor.tugas_id, exc_info=True)
