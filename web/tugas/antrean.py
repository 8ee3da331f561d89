"""Who runs the jobs: one backend object per app, chosen when the app is created.

- `AntreanUtas` (no REDIS_URL): a thread of this web process runs each job, at most MAKS_BERJALAN at once.
- `AntreanRQ` (REDIS_URL set): only the job's id goes on an RQ queue; `docgen worker` processes run it
  (web.perintah.pekerja), on this or other machines sharing the database and the file store.

Both share the rest: the job's row in the table `tugas` holds progress, outcome, cancel flag and heartbeat.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from flask import Flask

from docgen.errors import DocgenError
from web.tugas.model import Tugas

log = logging.getLogger(__name__)

MAKS_BERJALAN = 4  # jobs running at once in one web process without Redis; LibreOffice converts one at a time anyway
ANTREAN_JENIS = {"pdf": "pdf"}  # queue suffix per kind; every other kind goes to "<ANTREAN>-latar"
FUNGSI_RQ = "web.perintah.pekerja.kerjakan_rq"  # what an RQ worker calls with the job's id
PESAN_PENUH = "Server sedang menyusun dokumen lain. Tunggu sebentar lalu coba lagi."


class Antrean(Protocol):
    """What the job runner needs from a backend."""

    jarak_jauh: bool  # True: jobs run in other processes (workers), never in this one

    def pesan_tempat(self, tugas_id: str) -> None: ...
    def lepas_tempat(self, tugas_id: str) -> None: ...
    def serahkan(self, app: Flask, tugas_id: str, jenis: str, percobaan: int) -> None: ...
    def hilang(self, t: Tugas) -> bool: ...
    def beri_tahu(self, tugas_id: str, status: str) -> None: ...
    def tunggu_kabar(self, tugas_id: str, sisa: float, jeda: float) -> None: ...


class AntreanUtas:
    """Jobs run by threads of this process; a place is held from the start of a job to the end of its thread."""

    jarak_jauh = False

    def __init__(self, pelaksana: Callable[[Flask, str], Any], maks: int = MAKS_BERJALAN):
        self._pelaksana = pelaksana
        self.maks = maks
        self._kunci = threading.Lock()
        self._berjalan: set[str] = set()

    def pesan_tempat(self, tugas_id: str) -> None:
        """Hold a place for a new job. Raises DocgenError 503 when MAKS_BERJALAN jobs already run here."""
        with self._kunci:
            if len(self._berjalan) >= self.maks:
                raise DocgenError(PESAN_PENUH, status=503)
            self._berjalan.add(tugas_id)

    def lepas_tempat(self, tugas_id: str) -> None:
        with self._kunci:
            self._berjalan.discard(tugas_id)

    def serahkan(self, app: Flask, tugas_id: str, jenis: str, percobaan: int) -> None:
        """Run the job in a new thread of this process."""
        with self._kunci:
            self._berjalan.add(tugas_id)

        def jalan() -> None:
            try:
                self._pelaksana(app, tugas_id)
            finally:
                self.lepas_tempat(tugas_id)

        threading.Thread(target=jalan, name=f"docgen-tugas-{tugas_id[:8]}", daemon=True).start()

    def hilang(self, t: Tugas) -> bool:
        """A waiting job is lost when no thread of this process holds it."""
        with self._kunci:
            return t.id not in self._berjalan

    def beri_tahu(self, tugas_id: str, status: str) -> None:
        """Nothing to do: a waiting caller in this process polls the row."""

    def tunggu_kabar(self, tugas_id: str, sisa: float, jeda: float) -> None:
        """Sleep until the next poll of the row (`jeda`, never past `sisa`)."""
        time.sleep(max(0.0, min(jeda, sisa)))


class AntreanRQ:
    """Jobs go to RQ queues on Redis (`<nama>-pdf` for PDF conversions, `<nama>-latar` for the rest)."""

    jarak_jauh = True

    def __init__(self, url: str, nama: str = "docgen", batas_waktu: int = 3600):
        self.url = url
        self.nama = nama
        self.batas_waktu = batas_waktu
        self._redis: Any = None
        self._kunci = threading.Lock()

    @property
    def redis(self) -> Any:
        """This process's Redis connection pool (created on first use)."""
        with self._kunci:
            if self._redis is None:
                import redis  # only where Redis is configured

                self._redis = redis.Redis.from_url(self.url, socket_connect_timeout=5, health_check_interval=30)
            return self._redis

    def antrean(self, jenis: str) -> str:
        """The queue a kind of job goes to."""
        return f"{self.nama}-{ANTREAN_JENIS.get(jenis, 'latar')}"

    def semua_antrean(self) -> list[str]:
        """The queues a worker listens to by default, the short PDF jobs first."""
        return [self.antrean("pdf"), self.antrean("latar")]

    def pesan_tempat(self, tugas_id: str) -> None:
        """No limit here: the workers take jobs one at a time."""

    def lepas_tempat(self, tugas_id: str) -> None:
        """Nothing is held in this process."""

    def serahkan(self, app: Flask, tugas_id: str, jenis: str, percobaan: int) -> None:
        """Put the job's id on its RQ queue (one RQ job per attempt)."""
        from rq import Queue

        Queue(self.antrean(jenis), connection=self.redis).enqueue_call(
            FUNGSI_RQ, args=(tugas_id,), job_id=f"{tugas_id}-{percobaan}", timeout=self.batas_waktu,
            result_ttl=0, failure_ttl=3600, description=f"docgen {jenis} {tugas_id}")

    def hilang(self, t: Tugas) -> bool:
        """A waiting job is lost when its RQ job is gone (Redis keeps nothing on disk) or no longer queued."""
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus

        try:
            status = Job.fetch(f"{t.id}-{t.percobaan}", connection=self.redis).get_status()
        except NoSuchJobError:
            return True
        return status not in (JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED)

    def _kunci_selesai(self, tugas_id: str) -> str:
        return f"{self.nama}:tugas-selesai:{tugas_id}"

    def beri_tahu(self, tugas_id: str, status: str) -> None:
        """Wake a web process waiting for this job at once instead of at its next poll."""
        try:
            kunci = self._kunci_selesai(tugas_id)
            self.redis.rpush(kunci, status)
            self.redis.expire(kunci, 120)
        except Exception:
            log.warning("pemberitahuan tugas %s gagal", tugas_id, exc_info=True)

    def tunggu_kabar(self, tugas_id: str, sisa: float, jeda: float) -> None:
        """Wait for the job's notification, at most 5 s (and at least 1 s: Redis counts whole seconds)."""
        try:
            self.redis.blpop([self._kunci_selesai(tugas_id)], timeout=max(1, min(5, int(sisa))))
        except Exception:
            log.warning("menunggu tugas %s lewat Redis gagal", tugas_id, exc_info=True)
            time.sleep(max(0.0, min(jeda, sisa)))
