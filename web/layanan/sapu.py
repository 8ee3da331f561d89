"""Sweep the storage: files no database row points at (left by a job or a process killed between writing its files
and committing), and temporary files of interrupted writes. Only files older than a limit are touched, so work in
progress is never removed."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy import select

from web.inti.db import sesi
from web.inti.models import BerkasArsip, Dokumen, Instansi, TemplatInstansi
from web.inti.penyimpanan import PenyimpananLokal, kunci_dari, penyimpanan

# Folders whose files belong to database rows (anything else in the store is left alone).
FOLDER_TERKELOLA = ("dokumen/", "berkas/", "logo/", "templat/", "antrean/")
UMUR_BAKU_JAM = 24


@dataclass
class HasilSapu:
    """What a sweep found (and removed, unless it was a dry run)."""

    yatim: list[str] = field(default_factory=list)
    sementara: list[str] = field(default_factory=list)
    bita: int = 0


def kunci_terpakai(app: Flask) -> set[str]:
    """Every storage key a database row points at."""
    db = sesi()
    nilai: list[str | None] = []
    for d in db.execute(select(Dokumen.berkas_docx, Dokumen.berkas_pdf)):
        nilai += [d.berkas_docx, d.berkas_pdf]
    nilai += list(db.scalars(select(BerkasArsip.berkas)))
    nilai += list(db.scalars(select(Instansi.logo)))
    nilai += list(db.scalars(select(TemplatInstansi.berkas)))
    return {k for k in (kunci_dari(v, app) for v in nilai) if k}


def sapu(app: Flask, *, umur_jam: float = UMUR_BAKU_JAM, hapus: bool = False) -> HasilSapu:
    """Find (and with `hapus`, delete) unreferenced files and stale temporary files older than `umur_jam` hours."""
    store = penyimpanan(app)
    batas = umur_jam * 3600
    hasil = HasilSapu()
    terpakai = kunci_terpakai(app)
    for kunci in store.daftar():
        if not kunci.startswith(FOLDER_TERKELOLA) or kunci in terpakai or store.umur_detik(kunci) < batas:
            continue
        hasil.yatim.append(kunci)
        hasil.bita += store.ukuran(kunci)
        if hapus:
            store.hapus(kunci)
    if isinstance(store, PenyimpananLokal):
        for nama, ukuran in store.sisa_sementara(batas, hapus=hapus):
            hasil.sementara.append(nama)
            hasil.bita += ukuran
    return hasil
