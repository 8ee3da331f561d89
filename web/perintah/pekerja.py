"""`docgen worker`: RQ worker processes running the background jobs of web.tugas (PDF, LKjIP, archive bundles).

Each worker process builds the Flask app from the environment (DATABASE_URL, DOCGEN_STORAGE, REDIS_URL, ...), so it
may run on another machine sharing the database and the file storage. It is an RQ SimpleWorker: jobs run in the
worker process itself (no fork per job), so its LibreOffice (web.layanan.pdf.PDFLokal: own profile, timeout, restart
after a hang or after PDF_MAKS_KONVERSI documents) stays warm from one job to the next. `--jumlah N` starts N such
processes and starts again any that dies. Every worker also checks, at start and every few seconds, for jobs whose
process died (web.tugas.pulihkan) and removes old finished jobs.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import click
from flask import Flask

from web import tugas
from web.aplikasi import create_app
from web.layanan import pdf

log = logging.getLogger(__name__)


_app_pekerja: Flask | None = None


def kerjakan_rq(tugas_id: str) -> str | None:
    """The RQ job (web.tugas.antrean.FUNGSI_RQ): run one job by its id with this worker's app.

    A plain `rq worker` (not `docgen worker`) builds the worker app from the environment on its first job."""
    global _app_pekerja
    if _app_pekerja is None:
        _app_pekerja = create_app({"DOCGEN_PEKERJA": True})
    return tugas.jalankan(_app_pekerja, tugas_id)


def _pengawas(app: Flask, henti: threading.Event) -> None:
    """Look for jobs whose process died, and old finished jobs, every TUGAS_BATAS_DETAK / 3 seconds."""
    jeda = max(1.0, float(app.config.get("TUGAS_BATAS_DETAK", 60)) / 3)
    while True:
        try:
            with app.app_context():
                tugas.pulihkan(app)
                tugas.rapikan(app)
        except Exception:
            log.warning("pemeriksaan tugas gagal", exc_info=True)
        if henti.wait(jeda):
            return


def jalankan_satu(antrian: list[str] | None = None, *, burst: bool = False) -> None:
    """Run one RQ worker in this process until it is stopped (SIGTERM/SIGINT: after the current job)."""
    from rq import SimpleWorker

    global _app_pekerja
    app = create_app({"DOCGEN_PEKERJA": True})  # conversions here use this process's own LibreOffice
    _app_pekerja = app
    antrean = tugas.antrean(app)
    if not isinstance(antrean, tugas.AntreanRQ):
        raise click.UsageError("REDIS_URL belum diatur; pekerja memerlukan antrean Redis.")
    antrian = antrian or antrean.semua_antrean()
    henti = threading.Event()
    threading.Thread(target=_pengawas, args=(app, henti), name="docgen-pengawas", daemon=True).start()
    nama = f"{app.config.get('ANTREAN', 'docgen')}-{socket.gethostname()}-{os.getpid()}"
    w = SimpleWorker(antrian, connection=antrean.redis, name=nama)
    try:
        w.work(burst=burst, logging_level=os.environ.get("DOCGEN_LOG", "INFO"), with_scheduler=False)
    finally:
        henti.set()
        pdf.lokal(app).tutup()


def _awasi(jumlah: int, antrian: str) -> None:
    """Start `jumlah` worker processes, start again any that stops, stop them all on SIGTERM/SIGINT."""
    perintah = [sys.executable, "-m", "docgen.cli", "worker", "--jumlah", "1"] + (
        ["--antrian", antrian] if antrian else [])
    anak: list[subprocess.Popen[bytes] | None] = [None] * jumlah
    mulai_ulang: list[float] = []
    berhenti = threading.Event()
    sinyal: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        sinyal.append(signum)
        berhenti.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while not berhenti.is_set():
            for i, p in enumerate(anak):
                if p is not None and p.poll() is None:
                    continue
                if p is not None:
                    click.echo(f"docgen worker: pekerja {i + 1} (PID {p.pid}) berhenti dengan kode {p.returncode}; "
                               "dimulai ulang", err=True)
                    mulai_ulang.append(time.monotonic())
                mulai_ulang[:] = [t for t in mulai_ulang if time.monotonic() - t < 60]
                if len(mulai_ulang) > 5 * jumlah:  # something is wrong (database, Redis): do not spin
                    berhenti.wait(10)
                anak[i] = subprocess.Popen(perintah)
            berhenti.wait(1)
    finally:
        hidup = [p for p in anak if p is not None and p.poll() is None]
        if sinyal[:1] != [signal.SIGINT]:  # Ctrl+C already reached the workers (same process group): a second
            for p in hidup:                # signal would make RQ stop at once instead of after the running job
                p.send_signal(signal.SIGTERM)  # RQ: warm shutdown, the running job is finished first
        batas = time.monotonic() + float(os.environ.get("DOCGEN_WORKER_TUNGGU_HENTI", 120))
        for p in hidup:
            try:
                p.wait(timeout=max(0.1, batas - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()  # its job is found by its stale heartbeat and run again by another worker
                p.wait()


@click.command("worker")
@click.option("--jumlah", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Jumlah proses pekerja (masing-masing dengan LibreOffice sendiri).")
@click.option("--antrian", default="", help="Nama antrean dipisah koma, berurutan menurut prioritas "
                                            "(bawaan: <DOCGEN_ANTREAN>-pdf,<DOCGEN_ANTREAN>-latar).")
@click.option("--burst", is_flag=True, help="Berhenti setelah antrean kosong (untuk uji).")
def worker(jumlah: int, antrian: str, burst: bool) -> None:
    """Jalankan pekerja antrean (PDF, LKjIP, berkas arsip); memerlukan REDIS_URL."""
    if not os.environ.get("REDIS_URL"):
        click.echo("Galat: REDIS_URL belum diatur (mis. redis://127.0.0.1:6379/0). Tanpa Redis, tugas latar "
                   "dijalankan oleh server web sendiri dan pekerja tidak diperlukan.", err=True)
        sys.exit(2)
    daftar = [a.strip() for a in antrian.split(",") if a.strip()] or None
    if jumlah == 1 or burst:
        jalankan_satu(daftar, burst=burst)
    else:
        _awasi(jumlah, ",".join(daftar or []))
