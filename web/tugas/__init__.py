"""Background jobs (PDF conversion, LKjIP, archive bundles), kept in the database table `tugas`.

`init_app(app, fungsi=...)` chooses the backend once, when the app is created: threads of the web process, or RQ
queues on Redis when REDIS_URL is set (web.tugas.antrean). Services start and watch jobs with `mulai`, `dapatkan`,
`tunggu`, `batalkan` (web.tugas.jalan); a job function reports through its `Laporan` (web.tugas.laporan).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from web.tugas.antrean import MAKS_BERJALAN, Antrean, AntreanRQ, AntreanUtas
from web.tugas.jalan import (
    KUNCI,
    Pengelola,
    antrean,
    batalkan,
    daftarkan,
    dapatkan,
    fungsi_untuk,
    jalankan,
    mulai,
    pengelola,
    pulihkan,
    rapikan,
    tunggu,
)
from web.tugas.laporan import FungsiTugas, Laporan
from web.tugas.model import APA, SELESAI, Tugas, TugasDibatalkan

__all__ = [
    "APA", "MAKS_BERJALAN", "SELESAI", "Antrean", "AntreanRQ", "AntreanUtas", "FungsiTugas", "Laporan", "Tugas",
    "TugasDibatalkan", "antrean", "batalkan", "daftarkan", "dapatkan", "fungsi_untuk", "init_app", "jalankan", "mulai",
    "pengelola", "pulihkan", "rapikan", "tunggu",
]


def init_app(app: Flask, fungsi: Mapping[str, FungsiTugas]) -> None:
    """Give the app its job backend (RQ when REDIS_URL is set, else threads here) and its job kinds."""
    url = str(app.config.get("REDIS_URL") or "")
    q: Antrean
    if url:
        q = AntreanRQ(url, nama=str(app.config.get("ANTREAN") or "docgen"),
                      batas_waktu=int(app.config.get("TUGAS_BATAS_WAKTU", 3600)))
    else:
        q = AntreanUtas(jalankan)
    app.extensions[KUNCI] = Pengelola(antrean=q, fungsi=dict(fungsi))
