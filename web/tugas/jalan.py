"""Starting, running, watching and cleaning up background jobs, whatever backend runs them.

A job is a KIND (a function registered for the app) and JSON arguments, never a closure, so any process can run it.
While it runs, its row's `detak` is renewed every TUGAS_DETAK_DETIK seconds. A job without a heartbeat for
TUGAS_BATAS_DETAK seconds lost its process (killed, machine gone): the next status poll or a worker's periodic check
puts it back in the queue once (MAKS_PERCOBAAN), then marks it failed with a clear message. A job function that
records a result row finishes the job in the same transaction (`Laporan.selesai`, `Laporan.selesai_bersama`), so a
result is never recorded twice nor without its job, and a retried attempt never sees the first one's half-work.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app
from sqlalchemy import insert, select, update

from docgen.errors import BerkasDibatalkan, DocgenError
from web.inti.waktu import sekarang
from web.tugas.antrean import Antrean
from web.tugas.laporan import Detak, FungsiTugas, Laporan, engine
from web.tugas.model import (
    APA,
    MAKS_PERCOBAAN,
    PESAN_BATAL,
    SELESAI,
    T,
    Tugas,
    TugasDibatalkan,
    pesan_mati,
    pesan_selesai,
)

log = logging.getLogger(__name__)
KUNCI = "docgen_tugas"


@dataclass
class Pengelola:
    """An app's jobs: the backend that runs them and the function of each kind."""

    antrean: Antrean
    fungsi: dict[str, FungsiTugas] = field(default_factory=dict)
    rapi_terakhir: float = 0.0


def _app(app: Flask | None) -> Flask:
    return app or current_app._get_current_object()  # type: ignore[attr-defined]


def pengelola(app: Flask | None = None) -> Pengelola:
    """The jobs of `app` (default: the current app)."""
    return _app(app).extensions[KUNCI]


def antrean(app: Flask | None = None) -> Antrean:
    """The backend running the jobs of `app`."""
    return pengelola(app).antrean


def daftarkan(jenis: str, fungsi: FungsiTugas, *, app: Flask | None = None) -> None:
    """Register (or replace) the function of a job kind for `app`."""
    pengelola(app).fungsi[jenis] = fungsi


def fungsi_untuk(jenis: str, app: Flask | None = None) -> FungsiTugas:
    """The function of a kind. Raises DocgenError (500) for an unknown kind."""
    f = pengelola(app).fungsi.get(jenis)
    if f is None:
        raise DocgenError(f"Jenis tugas tidak dikenal: {jenis}", status=500)
    return f


def _batas_detak(app: Flask) -> float:
    return float(app.config.get("TUGAS_BATAS_DETAK", 60))


# -- running a job (in whichever process the backend chose) -------------------------------------------------------


def jalankan(app: Flask, tugas_id: str) -> str | None:
    """Claim a waiting job and run it to its end in this process; return its final status (None: not claimed)."""
    with app.app_context():
        with engine(app).begin() as conn:
            r = conn.execute(update(T).where(T.c.id == tugas_id, T.c.status == "menunggu", T.c.batal == 0).values(
                status="berjalan", mulai=sekarang(), detak=sekarang(), percobaan=T.c.percobaan + 1,
                pesan="Mulai dikerjakan…"))
            if r.rowcount != 1:  # cancelled while waiting, or already taken by another worker
                conn.execute(update(T).where(T.c.id == tugas_id, T.c.status == "menunggu", T.c.batal == 1).values(
                    status="dibatalkan", pesan=PESAN_BATAL, selesai=sekarang()))
                return None
            t = Tugas.dari_baris(conn.execute(select(T).where(T.c.id == tugas_id)).one())
        lapor = Laporan(app, t)
        status = "gagal"
        try:
            with Detak(lapor):
                try:
                    hasil = fungsi_untuk(t.jenis, app)(t.argumen, lapor)
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
                    _akhiri(app, lapor, status, pesan_selesai(t.jenis), hasil_id=hasil)
        except BaseException:  # the worker is being stopped (SystemExit, Ctrl+C): give the job back to the queue
            _lepaskan(app, lapor)
            raise
        antrean(app).beri_tahu(tugas_id, status)
        return status


def _akhiri(app: Flask, lapor: Laporan, status: str, pesan: str, *, hasil_id: int | None = None,
            fields: dict[str, str] | None = None) -> None:
    """Record this attempt's outcome (nothing when the job function already did, or it was taken over)."""
    with engine(app).begin() as conn:
        conn.execute(update(T).where(lapor.milik()).values(
            status=status, pesan=pesan, hasil_id=hasil_id, fields=dict(fields or {}), selesai=sekarang(),
            detak=sekarang(), **({"persen": 100} if status == "selesai" else {})))


def _lepaskan(app: Flask, lapor: Laporan) -> None:
    """Put a job interrupted by a stopping worker back in the queue, for another worker."""
    try:
        with engine(app).begin() as conn:
            r = conn.execute(update(T).where(lapor.milik()).values(
                status="menunggu", pesan="Pekerja dihentikan; tugas diantrekan ulang…", detak=sekarang()))
        if r.rowcount == 1:
            antrean(app).serahkan(app, lapor.tugas_id, lapor.jenis, lapor.percobaan)
    except Exception:  # the next status poll or worker check finds it by its heartbeat
        log.warning("tugas %s tidak dapat diantrekan ulang", lapor.tugas_id, exc_info=True)


# -- the small API for services and views -------------------------------------------------------------------------


def mulai(jenis: str, argumen: dict[str, Any], *, pemilik: int, instansi_id: int, slug: str = "",
          perkiraan_detik: float = 5, app: Flask | None = None) -> Tugas:
    """Record a job of `jenis` with JSON `argumen` and hand it to the backend; return it.

    Raises DocgenError: 500 for an unknown kind, 503 when this process already runs its maximum of jobs (threads)
    or the queue (Redis) cannot be reached.
    """
    a = _app(app)
    fungsi_untuk(jenis, a)
    q = antrean(a)
    tid = uuid.uuid4().hex
    q.pesan_tempat(tid)  # the place is held until the job's thread ends
    try:
        with engine(a).begin() as conn:
            conn.execute(insert(T).values(
                id=tid, instansi_id=instansi_id, pemilik=pemilik, jenis=jenis, slug=slug or jenis, argumen=argumen,
                status="menunggu", persen=0, pesan="Menunggu giliran…", fields={}, batal=0, percobaan=0,
                perkiraan_detik=max(1, math.ceil(perkiraan_detik)), dibuat=sekarang(), detak=sekarang()))
        q.serahkan(a, tid, jenis, 0)
    except Exception as e:
        q.lepas_tempat(tid)
        if not q.jarak_jauh or isinstance(e, DocgenError):
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
    with engine(app).begin() as conn:
        conn.execute(update(T).where(T.c.id == tugas_id, T.c.status.in_(("menunggu", "berjalan"))).values(
            status=status, pesan=pesan, selesai=sekarang()))


def dapatkan(tugas_id: str, *, app: Flask | None = None) -> Tugas | None:
    """Return a job by id, or None when unknown. A job whose process died is retried or failed first."""
    a = _app(app)
    with engine(a).connect() as conn:
        b = conn.execute(select(T).where(T.c.id == tugas_id)).first()
    if b is None:
        return None
    t = Tugas.dari_baris(b)
    if t.status in ("menunggu", "berjalan") and t.detak is not None \
            and (sekarang() - t.detak).total_seconds() > _batas_detak(a):
        pulihkan(a, tugas_id=t.id)
        with engine(a).connect() as conn:
            t = Tugas.dari_baris(conn.execute(select(T).where(T.c.id == tugas_id)).one())
    return t


def batalkan(tugas_id: str, *, app: Flask | None = None) -> bool:
    """Ask a job to stop at its next check (a waiting one stops at once); False when unknown or already finished."""
    a = _app(app)
    with engine(a).begin() as conn:
        r = conn.execute(update(T).where(T.c.id == tugas_id, T.c.status.in_(("menunggu", "berjalan"))).values(
            batal=1, pesan="Membatalkan…"))
        conn.execute(update(T).where(T.c.id == tugas_id, T.c.status == "menunggu").values(
            status="dibatalkan", pesan=PESAN_BATAL, selesai=sekarang()))
    return r.rowcount == 1


def tunggu(tugas_id: str, batas: float, *, app: Flask | None = None) -> Tugas:
    """Wait up to `batas` seconds for a job to finish; return it as it is then (perhaps still running).

    Raises DocgenError (404) when the job does not exist."""
    a = _app(app)
    q = antrean(a)
    akhir = time.monotonic() + batas
    jeda = 0.02
    while True:
        t = dapatkan(tugas_id, app=a)
        if t is None:
            raise DocgenError("Tugas tidak ditemukan.", status=404)
        sisa = akhir - time.monotonic()
        if t.status in SELESAI or sisa <= 0:
            return t
        q.tunggu_kabar(tugas_id, sisa, jeda)
        jeda = min(0.5, jeda * 1.5)


# -- jobs whose process died --------------------------------------------------------------------------------------


def pulihkan(app: Flask | None = None, *, tugas_id: str | None = None) -> int:
    """Retry once, or fail with a clear message, the jobs whose process stopped; return how many were handled.

    A running job counts as stopped when its heartbeat is older than TUGAS_BATAS_DETAK; a waiting one when it has
    waited that long and its backend no longer holds it (Redis lost it, or no thread here runs it).
    """
    a = _app(app)
    q = antrean(a)
    batas = sekarang() - dt.timedelta(seconds=_batas_detak(a))
    syarat = [T.c.status.in_(("menunggu", "berjalan")), T.c.detak < batas]
    if tugas_id is not None:
        syarat.append(T.c.id == tugas_id)
    with engine(a).connect() as conn:
        baris = [Tugas.dari_baris(b) for b in conn.execute(select(T).where(*syarat))]
    jumlah = 0
    for t in baris:
        if t.status == "menunggu" and not q.hilang(t):
            continue
        sama = (T.c.id == t.id) & (T.c.status == t.status) & (T.c.percobaan == t.percobaan) & (T.c.detak == t.detak)
        ulang = not t.batal and (t.status == "menunggu" or t.percobaan < MAKS_PERCOBAAN)
        with engine(a).begin() as conn:
            if t.batal:
                nilai: dict[str, Any] = {"status": "dibatalkan", "pesan": PESAN_BATAL, "selesai": sekarang()}
            elif ulang:
                nilai = {"status": "menunggu", "persen": 0, "detak": sekarang(),
                         "pesan": "Pekerja berhenti mendadak; tugas diulang…" if t.status == "berjalan" else t.pesan}
            else:
                nilai = {"status": "gagal", "pesan": pesan_mati(t.jenis), "selesai": sekarang()}
            r = conn.execute(update(T).where(sama).values(**nilai))
        if r.rowcount != 1:  # another process handled it first
            continue
        jumlah += 1
        if ulang:
            log.warning("tugas %s (%s) kehilangan prosesnya; diantrekan ulang", t.id, t.jenis)
            try:
                q.serahkan(a, t.id, t.jenis, t.percobaan)
            except Exception:
                log.exception("tugas %s tidak dapat diantrekan ulang", t.id)
                _akhiri_paksa(a, t.id, "gagal", pesan_mati(t.jenis))
        else:
            log.warning("tugas %s (%s) kehilangan prosesnya; ditandai %s", t.id, t.jenis, nilai["status"])
    return jumlah


def rapikan(app: Flask | None = None) -> int:
    """Delete finished jobs older than TUGAS_SIMPAN_DETIK (PDF conversions after an hour); return how many."""
    a = _app(app)
    kini = sekarang()
    simpan = dt.timedelta(seconds=float(a.config.get("TUGAS_SIMPAN_DETIK", 7 * 24 * 3600)))
    with engine(a).begin() as conn:
        r1 = conn.execute(T.delete().where(T.c.status.in_(SELESAI), T.c.selesai < kini - simpan))
        r2 = conn.execute(T.delete().where(T.c.status.in_(SELESAI), T.c.jenis == "pdf",
                                           T.c.selesai < kini - dt.timedelta(hours=1)))
    return r1.rowcount + r2.rowcount


def _rapikan_kadang(app: Flask) -> None:
    """Without workers, this process checks for stopped jobs and old rows itself, at most once a minute."""
    p = pengelola(app)
    if p.antrean.jarak_jauh or time.monotonic() - p.rapi_terakhir < 60:
        return
    p.rapi_terakhir = time.monotonic()
    try:
        pulihkan(app)
        rapikan(app)
    except Exception:
        log.warning("pemeriksaan tugas gagal", exc_info=True)
