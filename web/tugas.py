"""Background jobs (PDF conversion, LKjIP, archive bundles), kept in the database table `tugas`.

A job is a KIND (a function registered in JENIS) and JSON arguments, never a closure, so any process can run it.
Without REDIS_URL a thread of the web process runs it (at most MAKS_BERJALAN at once per process); with REDIS_URL
the web process puts only the job's id on an RQ queue and `docgen worker` processes run it (web.pekerja). Every
process reads progress, outcome, cancel flag and heartbeat from the same row.

While a job runs, its row's `detak` is renewed every TUGAS_DETAK_DETIK seconds. A job without a heartbeat for
TUGAS_BATAS_DETAK seconds lost its process (killed, machine gone): the next status poll or a worker's periodic check
puts it back in the queue once (MAKS_PERCOBAAN), then marks it failed with a clear message. A job function that
records a result row finishes the job in the same transaction (`Laporan.selesai`, `Laporan.selesai_bersama`), so a
result is never recorded twice nor without its job, and a retried attempt never sees the first one's half-work.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import math
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app
from sqlalchemy import event, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from docgen.errors import BerkasDibatalkan, DocgenError
from web.models import TugasLatar

log = logging.getLogger(__name__)

# Kind -> "module:function". The function takes (argumen, laporan), runs inside an app context and returns the id of
# what it made (a document, a BerkasArsip) or None. Imported on first use, so importing this module does nothing.
JENIS: dict[str, str] = {
    "berkas": "web.berkas:kerjakan",
    "dokumen": "web.dokumen:kerjakan",
    "pdf": "web.layanan:kerjakan_pdf",
}
# What a kind makes, for messages ("saat menyusun berkas arsip").
APA = {"berkas": "berkas arsip", "dokumen": "dokumen", "pdf": "PDF"}
ANTREAN_JENIS = {"pdf": "pdf"}  # queue suffix per kind; every other kind goes to "<ANTREAN>-latar"

MAKS_BERJALAN = 4  # jobs running at once in one web process without Redis; LibreOffice converts one at a time anyway
MAKS_PERCOBAAN = 2  # a job whose process died runs once more, then fails
SELESAI = ("selesai", "gagal", "dibatalkan")
PESAN_BATAL = "Penyusunan dibatalkan atas permintaan pengguna."
PESAN_SELESAI = {"berkas": "Berkas arsip selesai disusun.", "pdf": "PDF selesai dibuat."}
PESAN_HILANG = "Tugas ini sudah diambil alih atau diakhiri oleh proses lain."

T = TugasLatar.__table__
_kunci = threading.Lock()
_lokal: set[str] = set()  # jobs run by threads of this process (embedded mode)
_fungsi_uji: dict[str, Callable[[dict[str, Any], Laporan], int | None]] = {}
_rapi_terakhir = 0.0


class TugasDibatalkan(DocgenError):
    """Raised by a job function that noticed its cancellation."""

    status = 409


# -- configuration -----------------------------------------------------------------------------------------------


def _sekarang() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(waktu: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives stored times back without a zone; they are UTC."""
    if waktu is not None and waktu.tzinfo is None:
        return waktu.replace(tzinfo=dt.UTC)
    return waktu


def _app(app: Flask | None = None) -> Flask:
    return app or current_app._get_current_object()  # type: ignore[attr-defined]


def _engine(app: Flask) -> Engine:
    return app.extensions["docgen_engine"]


def mode_redis(app: Flask | None = None) -> bool:
    """True when jobs go to `docgen worker` processes through Redis (REDIS_URL is set)."""
    return bool(_app(app).config.get("REDIS_URL"))


def redis_untuk(app: Flask | None = None):  # noqa: ANN201 - redis.Redis, imported only in Redis mode
    """This app's Redis connection (one pool per process)."""
    a = _app(app)
    r = a.extensions.get("docgen_redis")
    if r is None:
        import redis

        r = redis.Redis.from_url(a.config["REDIS_URL"], socket_connect_timeout=5, health_check_interval=30)
        a.extensions["docgen_redis"] = r
    return r


def antrean(jenis: str, app: Flask | None = None) -> str:
    """The RQ queue a kind of job goes to: "<ANTREAN>-pdf" for PDF conversions, "<ANTREAN>-latar" otherwise."""
    return f"{_app(app).config.get('ANTREAN', 'docgen')}-{ANTREAN_JENIS.get(jenis, 'latar')}"


def semua_antrean(app: Flask | None = None) -> list[str]:
    """The queues a worker listens to by default, the short PDF jobs first."""
    return [antrean("pdf", app), antrean("latar", app)]


def _batas_detak(app: Flask) -> float:
    return float(app.config.get("TUGAS_BATAS_DETAK", 60))


# -- the registry of kinds ---------------------------------------------------------------------------------------


def daftarkan(jenis: str, fungsi: Callable[[dict[str, Any], Laporan], int | None]) -> None:
    """Register a job kind at run time (tests); the app's kinds are listed in JENIS."""
    _fungsi_uji[jenis] = fungsi


def fungsi_untuk(jenis: str) -> Callable[[dict[str, Any], Laporan], int | None]:
    """The function of a kind. Raises DocgenError (500) for an unknown kind."""
    if jenis in _fungsi_uji:
        return _fungsi_uji[jenis]
    if jenis not in JENIS:
        raise DocgenError(f"Jenis tugas tidak dikenal: {jenis}", status=500)
    modul, nama = JENIS[jenis].split(":")
    return getattr(importlib.import_module(modul), nama)


# -- the job as the views see it ---------------------------------------------------------------------------------


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
        return cls(id=b.id, jenis=b.jenis, slug=b.slug, pemilik=b.pemilik, instansi_id=b.instansi_id,
                   status=b.status, persen=b.persen, pesan=b.pesan, hasil_id=b.hasil_id, percobaan=b.percobaan,
                   perkiraan_detik=b.perkiraan_detik, batal=bool(b.batal), argumen=dict(b.argumen or {}),
                   fields=dict(b.fields or {}), dibuat=_utc(b.dibuat), mulai=_utc(b.mulai), detak=_utc(b.detak),
                   selesai=_utc(b.selesai))

    @property
    def dokumen_id(self) -> int | None:
        """The result's id (a document, a BerkasArsip); the name the progress pages use."""
        return self.hasil_id

    @property
    def selesai_pada(self) -> dt.datetime | None:
        return self.selesai

    def persen_kini(self) -> int:
        """The reported percentage; while running, at least an estimate from the elapsed time (never past 95)."""
        if self.status != "berjalan" or self.mulai is None:
            return self.persen
        lalu = (_sekarang() - self.mulai).total_seconds()
        perkiraan = 95 * min(1.0, lalu / max(self.perkiraan_detik, 0.1))
        return int(min(95, max(self.persen, perkiraan)))

    def ringkas(self) -> dict[str, Any]:
        """The status as JSON for the progress page."""
        return {"id": self.id, "jenis": self.jenis, "status": self.status, "persen": self.persen_kini(),
                "pesan": self.pesan, "dokumen_id": self.hasil_id, "hasil_id": self.hasil_id, "fields": self.fields,
                "percobaan": self.percobaan}


# -- what a job function gets ------------------------------------------------------------------------------------


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

    def _milik(self):  # noqa: ANN202 - a SQL condition
        return (T.c.id == self.tugas_id) & (T.c.status == "berjalan") & (T.c.percobaan == self.percobaan)

    def tahap(self, persen: int, pesan: str) -> None:
        """Report that a new stage starts at `persen` (0-100) with an Indonesian message."""
        with _engine(self.app).begin() as conn:
            r = conn.execute(update(T).where(self._milik()).values(
                persen=max(0, min(100, int(persen))), pesan=pesan, detak=_sekarang()))
        if r.rowcount != 1:
            self.hilang = True

    def detak(self) -> None:
        """Renew the heartbeat (the heartbeat thread calls this)."""
        with _engine(self.app).begin() as conn:
            r = conn.execute(update(T).where(self._milik()).values(detak=_sekarang()))
        if r.rowcount != 1:
            self.hilang = True

    def dibatalkan(self) -> bool:
        """True once the user asked to cancel this job (or another process took it over)."""
        if self.hilang:
            return True
        with _engine(self.app).connect() as conn:
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
        r = db.execute(update(T).where(self._milik(), T.c.batal == 0).values(
            status="selesai", persen=100, pesan=PESAN_SELESAI.get(self.jenis, "Dokumen selesai disusun."),
            hasil_id=hasil_id, fields={}, selesai=_sekarang(), detak=_sekarang()))
        if r.rowcount != 1:
            self.dibatalkan()
            raise TugasDibatalkan(PESAN_HILANG if self.hilang else PESAN_BATAL)

    @contextmanager
    def selesai_bersama(self, db: Session, kelas: type) -> Iterator[None]:
        """Within the block, the commit that stores the first new `kelas` row also marks the job done with its id
        (for code that commits by itself, such as web.layanan.buat_dokumen)."""
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


class _Detak:
    """A thread renewing a running job's heartbeat every TUGAS_DETAK_DETIK seconds."""

    def __init__(self, lapor: Laporan):
        self.lapor = lapor
        self.henti = threading.Event()
        self.jeda = float(lapor.app.config.get("TUGAS_DETAK_DETIK", 5))
        self.thread = threading.Thread(target=self._jalan, name=f"docgen-detak-{lapor.tugas_id[:8]}", daemon=True)

    def __enter__(self) -> _Detak:
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


# -- running a job (both modes) ----------------------------------------------------------------------------------


def jalankan(app: Flask, tugas_id: str) -> str | None:
    """Claim a waiting job and run it to its end in this process; return its final status (None: not claimed)."""
    with app.app_context():
        with _engine(app).begin() as conn:
            r = conn.execute(update(T).where(T.c.id == tugas_id, T.c.status == "menunggu", T.c.batal == 0).values(
                status="berjalan", mulai=_sekarang(), detak=_sekarang(), percobaan=T.c.percobaan + 1,
                pesan="Mulai dikerjakan…"))
            if r.rowcount != 1:  # cancelled while waiting, or already taken by another worker
                conn.execute(update(T).where(T.c.id == tugas_id, T.c.status == "menunggu", T.c.batal == 1).values(
                    status="dibatalkan", pesan=PESAN_BATAL, selesai=_sekarang()))
                return None
            t = Tugas.dari_baris(conn.execute(select(T).where(T.c.id == tugas_id)).one())
        lapor = Laporan(app, t)
        status = "gagal"
        try:
            with _Detak(lapor):
                try:
                    hasil = fungsi_untuk(t.jenis)(t.argumen, lapor)
                except (TugasDibatalkan, BerkasDibatalkan) as e:
                    status = "dibatalkan"
                    _akhiri(app, lapor, status, e.pesan)
                except DocgenError as e:
                    _akhiri(app, lapor, status, e.pesan, fields=e.fields)
                except Exception as e:  # a bug must not kill the worker silently: log it, tell the user in Indonesian
                    apa = APA.get(t.jenis, "dokumen")
                    if type(e).__name__ == "JobTimeoutException":  # RQ's limit for one job (TUGAS_BATAS_WAKTU)
                        pesan = f"Penyusunan {apa} melewati batas waktu tugas dan dihentikan; silakan ulangi."
                    else:
                        log.exception("tugas %s (%s) gagal", t.id, t.jenis)
                        pesan = f"Terjadi kesalahan pada server saat menyusun {apa}."
                    _akhiri(app, lapor, status, pesan)
                else:
                    status = "selesai"
                    _akhiri(app, lapor, status, PESAN_SELESAI.get(t.jenis, "Dokumen selesai disusun."),
                            hasil_id=hasil)
        except BaseException:  # the worker is being stopped (SystemExit, Ctrl+C): give the job back to the queue
            _lepaskan(app, lapor)
            raise
        _beri_tahu(app, tugas_id, status)
        return status


def _akhiri(app: Flask, lapor: Laporan, status: str, pesan: str, *, hasil_id: int | None = None,
            fields: dict[str, str] | None = None) -> None:
    """Record this attempt's outcome (nothing when the job function already did, or it was taken over)."""
    with _engine(app).begin() as conn:
        conn.execute(update(T).where(lapor._milik()).values(
            status=status, pesan=pesan, hasil_id=hasil_id, fields=dict(fields or {}), selesai=_sekarang(),
            detak=_sekarang(), **({"persen": 100} if status == "selesai" else {})))


def _lepaskan(app: Flask, lapor: Laporan) -> None:
    """Put a job interrupted by a stopping worker back in the queue, for another worker."""
    try:
        with _engine(app).begin() as conn:
            r = conn.execute(update(T).where(lapor._milik()).values(
                status="menunggu", pesan="Pekerja dihentikan; tugas diantrekan ulang…", detak=_sekarang()))
        if r.rowcount == 1:
            _antrekan(app, lapor.tugas_id, lapor.jenis, lapor.percobaan)
    except Exception:  # the next status poll or worker check finds it by its heartbeat
        log.warning("tugas %s tidak dapat diantrekan ulang", lapor.tugas_id, exc_info=True)


def _kunci_selesai(app: Flask, tugas_id: str) -> str:
    return f"{app.config.get('ANTREAN', 'docgen')}:tugas-selesai:{tugas_id}"


def _beri_tahu(app: Flask, tugas_id: str, status: str) -> None:
    """Wake a web process waiting for this job (`tunggu`) at once instead of at its next poll."""
    if not mode_redis(app):
        return
    try:
        r = redis_untuk(app)
        kunci = _kunci_selesai(app, tugas_id)
        r.rpush(kunci, status)
        r.expire(kunci, 120)
    except Exception:
        log.warning("pemberitahuan tugas %s gagal", tugas_id, exc_info=True)


def _antrekan(app: Flask, tugas_id: str, jenis: str, percobaan: int) -> None:
    """Hand a waiting job to whoever runs jobs: a thread here, or the RQ queue of its kind."""
    if not mode_redis(app):
        with _kunci:
            _lokal.add(tugas_id)

        def jalan() -> None:
            try:
                jalankan(app, tugas_id)
            finally:
                with _kunci:
                    _lokal.discard(tugas_id)

        threading.Thread(target=jalan, name=f"docgen-tugas-{tugas_id[:8]}", daemon=True).start()
        return
    from rq import Queue

    Queue(antrean(jenis, app), connection=redis_untuk(app)).enqueue_call(
        "web.tugas.kerjakan_rq", args=(tugas_id,), job_id=f"{tugas_id}-{percobaan}",
        timeout=int(app.config.get("TUGAS_BATAS_WAKTU", 3600)), result_ttl=0, failure_ttl=3600,
        description=f"docgen {jenis} {tugas_id}")


_app_pekerja: Flask | None = None


def kerjakan_rq(tugas_id: str) -> str | None:
    """The RQ job: run one job by its id with the worker's app (web.pekerja sets it)."""
    global _app_pekerja
    if _app_pekerja is None:  # a plain `rq worker`: build the app from the environment
        from web import create_app

        _app_pekerja = create_app()
        _app_pekerja.config["DOCGEN_PEKERJA"] = True
    return jalankan(_app_pekerja, tugas_id)


# -- the small API for views -------------------------------------------------------------------------------------


def mulai(jenis: str, argumen: dict[str, Any], *, pemilik: int, instansi_id: int, slug: str = "",
          perkiraan_detik: float = 5, app: Flask | None = None) -> Tugas:
    """Record a job of `jenis` with JSON `argumen` and hand it to a thread or a worker; return it.

    Raises DocgenError: 503 when this process already runs MAKS_BERJALAN jobs (no Redis) or Redis cannot be reached.
    """
    a = _app(app)
    fungsi_untuk(jenis)
    tid = uuid.uuid4().hex
    if not mode_redis(a):
        with _kunci:
            if len(_lokal) >= MAKS_BERJALAN:
                raise DocgenError("Server sedang menyusun dokumen lain. Tunggu sebentar lalu coba lagi.", status=503)
            _lokal.add(tid)  # the place is held until the thread ends
    try:
        with _engine(a).begin() as conn:
            conn.execute(insert(T).values(
                id=tid, instansi_id=instansi_id, pemilik=pemilik, jenis=jenis, slug=slug or jenis, argumen=argumen,
                status="menunggu", persen=0, pesan="Menunggu giliran…", fields={}, batal=0, percobaan=0,
                perkiraan_detik=max(1, math.ceil(perkiraan_detik)), dibuat=_sekarang(), detak=_sekarang()))
        _antrekan(a, tid, jenis, 0)
    except Exception as e:
        with _kunci:
            _lokal.discard(tid)
        if not mode_redis(a) or isinstance(e, DocgenError):
            raise
        log.exception("tugas %s tidak dapat diantrekan", tid)
        _akhiri_paksa(a, tid, "gagal", "Antrean tugas tidak dapat dihubungi.")
        raise DocgenError("Antrean tugas (Redis) tidak dapat dihubungi. Coba lagi beberapa saat lagi atau hubungi "
                          "admin server.", status=503) from None
    _rapikan_kadang(a)
    t = dapatkan(tid, app=a)
    assert t is not None
    return t


def _akhiri_paksa(app: Flask, tugas_id: str, status: str, pesan: str) -> None:
    with _engine(app).begin() as conn:
        conn.execute(update(T).where(T.c.id == tugas_id, T.c.status.in_(("menunggu", "berjalan"))).values(
            status=status, pesan=pesan, selesai=_sekarang()))


def dapatkan(tugas_id: str, *, app: Flask | None = None) -> Tugas | None:
    """Return a job by id, or None when unknown. A job whose process died is retried or failed first."""
    a = _app(app)
    with _engine(a).connect() as conn:
        b = conn.execute(select(T).where(T.c.id == tugas_id)).first()
    if b is None:
        return None
    t = Tugas.dari_baris(b)
    if t.status in ("menunggu", "berjalan") and t.detak is not None \
            and (_sekarang() - t.detak).total_seconds() > _batas_detak(a):
        pulihkan(a, tugas_id=t.id)
        with _engine(a).connect() as conn:
            t = Tugas.dari_baris(conn.execute(select(T).where(T.c.id == tugas_id)).one())
    return t


def batalkan(tugas_id: str, *, app: Flask | None = None) -> bool:
    """Ask a job to stop at its next check (a waiting one stops at once); False when unknown or already finished."""
    a = _app(app)
    with _engine(a).begin() as conn:
        r = conn.execute(update(T).where(T.c.id == tugas_id, T.c.status.in_(("menunggu", "berjalan"))).values(
            batal=1, pesan="Membatalkan…"))
        conn.execute(update(T).where(T.c.id == tugas_id, T.c.status == "menunggu").values(
            status="dibatalkan", pesan=PESAN_BATAL, selesai=_sekarang()))
    return r.rowcount == 1


def tunggu(tugas_id: str, batas: float, *, app: Flask | None = None) -> Tugas:
    """Wait up to `batas` seconds for a job to finish; return it as it is then (perhaps still running).

    Raises DocgenError (404) when the job does not exist."""
    a = _app(app)
    akhir = time.monotonic() + batas
    jeda = 0.02
    while True:
        t = dapatkan(tugas_id, app=a)
        if t is None:
            raise DocgenError("Tugas tidak ditemukan.", status=404)
        sisa = akhir - time.monotonic()
        if t.status in SELESAI or sisa <= 0:
            return t
        if mode_redis(a):
            try:
                redis_untuk(a).blpop([_kunci_selesai(a, tugas_id)], timeout=max(1, min(5, int(sisa))))
                continue
            except Exception:
                log.warning("menunggu tugas %s lewat Redis gagal", tugas_id, exc_info=True)
        time.sleep(min(jeda, sisa))
        jeda = min(0.5, jeda * 1.5)


# -- jobs whose process died -------------------------------------------------------------------------------------


def _pesan_mati(jenis: str) -> str:
    return f"Pekerja berhenti mendadak saat menyusun {APA.get(jenis, 'dokumen')}; silakan ulangi."


def pulihkan(app: Flask | None = None, *, tugas_id: str | None = None) -> int:
    """Retry once, or fail with a clear message, the jobs whose process stopped; return how many were handled.

    A running job counts as stopped when its heartbeat is older than TUGAS_BATAS_DETAK; a waiting one when it has
    waited that long and is neither in its RQ queue (Redis lost it) nor, without Redis, run by a thread here.
    """
    a = _app(app)
    batas = _sekarang() - dt.timedelta(seconds=_batas_detak(a))
    syarat = [T.c.status.in_(("menunggu", "berjalan")), T.c.detak < batas]
    if tugas_id is not None:
        syarat.append(T.c.id == tugas_id)
    with _engine(a).connect() as conn:
        baris = [Tugas.dari_baris(b) for b in conn.execute(select(T).where(*syarat))]
    jumlah = 0
    for t in baris:
        if t.status == "menunggu" and not _hilang_dari_antrean(a, t):
            continue
        sama = (T.c.id == t.id) & (T.c.status == t.status) & (T.c.percobaan == t.percobaan) & (T.c.detak == t.detak)
        with _engine(a).begin() as conn:
            if t.batal:
                r = conn.execute(update(T).where(sama).values(status="dibatalkan", pesan=PESAN_BATAL,
                                                              selesai=_sekarang()))
            elif t.status == "menunggu" or t.percobaan < MAKS_PERCOBAAN:
                r = conn.execute(update(T).where(sama).values(
                    status="menunggu", persen=0, detak=_sekarang(),
                    pesan="Pekerja berhenti mendadak; tugas diulang…" if t.status == "berjalan" else t.pesan))
            else:
                r = conn.execute(update(T).where(sama).values(status="gagal", pesan=_pesan_mati(t.jenis),
                                                              selesai=_sekarang()))
        if r.rowcount != 1:  # another process handled it first
            continue
        jumlah += 1
        if not t.batal and (t.status == "menunggu" or t.percobaan < MAKS_PERCOBAAN):
            log.warning("tugas %s (%s) kehilangan prosesnya; diantrekan ulang", t.id, t.jenis)
            try:
                _antrekan(a, t.id, t.jenis, t.percobaan)
            except Exception:
                log.exception("tugas %s tidak dapat diantrekan ulang", t.id)
                _akhiri_paksa(a, t.id, "gagal", _pesan_mati(t.jenis))
        else:
            log.warning("tugas %s (%s) kehilangan prosesnya; ditandai %s", t.id, t.jenis, t.status)
    return jumlah


def _hilang_dari_antrean(app: Flask, t: Tugas) -> bool:
    """True when a waiting job will never be picked up: not in its RQ queue, or (no Redis) no thread here runs it."""
    if not mode_redis(app):
        with _kunci:
            return t.id not in _lokal
    from rq.exceptions import NoSuchJobError
    from rq.job import Job, JobStatus

    try:
        status = Job.fetch(f"{t.id}-{t.percobaan}", connection=redis_untuk(app)).get_status()
    except NoSuchJobError:
        return True
    return status not in (JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED)


def rapikan(app: Flask | None = None) -> int:
    """Delete finished jobs older than TUGAS_SIMPAN_DETIK (PDF conversions after an hour); return how many."""
    a = _app(app)
    kini = _sekarang()
    simpan = dt.timedelta(seconds=float(a.config.get("TUGAS_SIMPAN_DETIK", 7 * 24 * 3600)))
    with _engine(a).begin() as conn:
        r1 = conn.execute(T.delete().where(T.c.status.in_(SELESAI), T.c.selesai < kini - simpan))
        r2 = conn.execute(T.delete().where(T.c.status.in_(SELESAI), T.c.jenis == "pdf",
                                           T.c.selesai < kini - dt.timedelta(hours=1)))
    return r1.rowcount + r2.rowcount


def _rapikan_kadang(app: Flask) -> None:
    """Without workers, this process checks for stopped jobs and old rows itself, at most once a minute."""
    global _rapi_terakhir
    if mode_redis(app) or time.monotonic() - _rapi_terakhir < 60:
        return
    _rapi_terakhir = time.monotonic()
    try:
        pulihkan(app)
        rapikan(app)
    except Exception:
        log.warning("pemeriksaan tugas gagal", exc_info=True)
