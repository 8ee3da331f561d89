"""Sweep the storage: files no database row points at (left by a job or a process killed between writing its files
and committing, or released when a logo or template was replaced), and temporary files of interrupted writes. Only
files older than a limit are touched, so work in progress is never removed; a released logo or template waits at
least TENGGANG_JAM whatever the limit, so a render that read the old row still finds its file."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from docgen.errors import DocgenError
from web.inti.db import sesi
from web.inti.models import Base
from web.inti.penyimpanan import RUJUKAN_BERKAS, PenyimpananLokal, kunci_rujukan, penyimpanan

# Folders whose files belong to database rows (anything else in the store is left alone).
FOLDER_TERKELOLA = ("dokumen/", "berkas/", "logo/", "templat/", "antrean/")
# Folders of immutable files that replacing a logo or template releases: never swept before TENGGANG_JAM.
FOLDER_TETAP = ("logo/", "templat/")
UMUR_BAKU_JAM = 24
TENGGANG_JAM = 1.0

log = logging.getLogger(__name__)


@dataclass
class HasilSapu:
    """What a sweep found (and removed, unless it was a dry run)."""

    yatim: list[str] = field(default_factory=list)
    sementara: list[str] = field(default_factory=list)
    bita: int = 0


def kunci_terpakai(app: Flask) -> set[str]:
    """Every storage key a database row points at (the columns of RUJUKAN_BERKAS)."""
    db = sesi()
    nilai: list[str | None] = []
    for tabel, kolom in RUJUKAN_BERKAS.items():
        t = Base.metadata.tables[tabel]
        for baris in db.execute(select(*(t.c[k] for k in kolom))):
            nilai += list(baris)
    return {k for k in (kunci_rujukan(v, app) for v in nilai) if k}


def sapu(app: Flask, *, umur_jam: float = UMUR_BAKU_JAM, hapus: bool = False,
         folder: tuple[str, ...] = FOLDER_TERKELOLA) -> HasilSapu:
    """Find (and with `hapus`, delete) unreferenced files under `folder` (some of FOLDER_TERKELOLA) older than
    `umur_jam` hours, TENGGANG_JAM at least under FOLDER_TETAP; a sweep of every folder also takes stale temporary
    files."""
    store = penyimpanan(app)
    batas = umur_jam * 3600
    hasil = HasilSapu()
    terpakai = kunci_terpakai(app)
    for f in sorted(set(folder) & set(FOLDER_TERKELOLA)):
        for kunci in store.daftar(f.rstrip("/")):
            if kunci in terpakai:
                continue
            minimal = max(batas, TENGGANG_JAM * 3600) if kunci.startswith(FOLDER_TETAP) else batas
            try:
                if store.umur_detik(kunci) < minimal:
                    continue
                ukuran = store.ukuran(kunci)
                if hapus:
                    store.hapus(kunci)
            except FileNotFoundError:  # removed meanwhile (another sweep)
                continue
            hasil.yatim.append(kunci)
            hasil.bita += ukuran
    if isinstance(store, PenyimpananLokal) and set(FOLDER_TERKELOLA) <= set(folder):
        for nama, ukuran in store.sisa_sementara(batas, hapus=hapus):
            hasil.sementara.append(nama)
            hasil.bita += ukuran
    return hasil


def sapu_terlepas(folder: str) -> None:
    """After a logo or template was replaced or removed: delete the files under `folder` released more than
    TENGGANG_JAM ago that no row refers to. Best effort: a failure leaves them for the next sweep."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        hasil = sapu(app, umur_jam=TENGGANG_JAM, hapus=True, folder=(folder,))
    except (OSError, SQLAlchemyError, DocgenError) as exc:
        sesi().rollback()
        log.warning("penyapuan %s gagal: %s", folder, exc)
        return
    if hasil.yatim:
        log.info("penyapuan %s: %d berkas terlepas dihapus", folder, len(hasil.yatim))
