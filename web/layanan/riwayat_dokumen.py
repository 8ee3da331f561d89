"""The document history: the documents a user may see, searched and filtered (type, number, date range, maker) a
page at a time; and the user's saved drafts.

No request code: the view hands in the query's values; a bad value is an Indonesian message for its field, and the
other filters still apply.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, func, or_, select

from docgen import documents
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.masukan import angka_id
from web.inti.models import Dokumen, Draf, Pengguna

PER_HALAMAN = 20
BATAS_NOMOR = 100  # characters of the number searched for
_TANGGAL_ID = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", re.ASCII)
_TANGGAL_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


@dataclass(frozen=True)
class Saringan:
    """What to show: one type, a number containing some text, a date range (inclusive), one maker."""

    jenis: str = ""
    nomor: str = ""
    dari: dt.date | None = None
    sampai: dt.date | None = None
    pembuat: int | None = None

    def sebagai_teks(self) -> dict[str, str]:
        """The filter as query arguments (for the page links), without the empty ones."""
        nilai = {"jenis": self.jenis, "nomor": self.nomor, "dari": self.dari.isoformat() if self.dari else "",
                 "sampai": self.sampai.isoformat() if self.sampai else "",
                 "pembuat": str(self.pembuat) if self.pembuat else ""}
        return {k: v for k, v in nilai.items() if v}

    @property
    def aktif(self) -> bool:
        return bool(self.sebagai_teks())


@dataclass
class HasilSaring:
    """A query read into a filter, the problems by field, and what the user typed (shown back in the form)."""

    saringan: Saringan
    galat: dict[str, str] = field(default_factory=dict)
    mentah: dict[str, str] = field(default_factory=dict)


def tanggal(teks: str) -> dt.date | None:
    """A date typed as TTTT-BB-HH (the browser's date field) or HH-BB-TTTT / HH/BB/TTTT; None when empty.

    Raises ValueError with an Indonesian message."""
    teks = teks.strip()
    if not teks:
        return None
    m = _TANGGAL_ID.match(teks)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if _TANGGAL_ISO.match(teks):
            return dt.date.fromisoformat(teks)
    except ValueError:
        pass
    raise ValueError(f"'{teks[:40]}' bukan tanggal yang sah; tulis TTTT-BB-HH, mis. 2025-01-31")


def baca(args: Mapping[str, str], pengguna: Pengguna) -> HasilSaring:
    """Read the history's query (jenis, nomor, dari, sampai, pembuat) into a filter and the problems by field."""
    mentah = {k: str(args.get(k, "") or "").strip() for k in ("jenis", "nomor", "dari", "sampai", "pembuat")}
    galat: dict[str, str] = {}
    jenis = mentah["jenis"]
    if jenis and jenis not in {j.slug for j in documents.semua()}:
        galat["jenis"] = "pilih salah satu jenis dokumen dari daftar"
        jenis = ""
    nomor = mentah["nomor"]
    if len(nomor) > BATAS_NOMOR:
        galat["nomor"] = f"terlalu panjang (paling banyak {BATAS_NOMOR} karakter)"
        nomor = ""
    tgl: dict[str, dt.date | None] = {}
    for nama, label in (("dari", "Dari tanggal"), ("sampai", "Sampai tanggal")):
        try:
            tgl[nama] = tanggal(mentah[nama])
        except ValueError as e:
            galat[nama] = f"{label}: {e}"
            tgl[nama] = None
    if tgl["dari"] and tgl["sampai"] and tgl["dari"] > tgl["sampai"]:
        galat["sampai"] = "Sampai tanggal: harus sama dengan atau sesudah Dari tanggal"
        tgl["sampai"] = None
    pembuat = None
    if mentah["pembuat"] and melihat_semua(pengguna):
        pembuat = angka_id(mentah["pembuat"])
        if pembuat is None or pembuat not in {u.id for u in pembuat_ada(pengguna)}:
            galat["pembuat"] = "pilih salah satu pembuat dari daftar"
            pembuat = None
    return HasilSaring(Saringan(jenis=jenis, nomor=nomor, dari=tgl["dari"], sampai=tgl["sampai"], pembuat=pembuat),
                       galat, mentah)


def melihat_semua(pengguna: Pengguna) -> bool:
    """Whether the history holds every document of the agency (else only the user's own)."""
    return peran.boleh(pengguna.peran, peran.Aksi.LIHAT_SEMUA_DOKUMEN)


def _syarat(pengguna: Pengguna, s: Saringan) -> list[ColumnElement[bool]]:
    syarat: list[ColumnElement[bool]] = [Dokumen.instansi_id == pengguna.instansi_id]
    if not melihat_semua(pengguna):
        syarat.append(Dokumen.dibuat_oleh == pengguna.id)
    elif s.pembuat:
        syarat.append(Dokumen.dibuat_oleh == s.pembuat)
    if s.jenis:
        syarat.append(Dokumen.slug == s.jenis)
    if s.nomor:
        syarat.append(func.lower(Dokumen.nomor_surat).contains(s.nomor.lower(), autoescape=True))
    # The paper's own date; a paper without one by the day it was made (in the agency's zone).
    inst = pengguna.instansi
    if s.dari:
        syarat.append(or_(Dokumen.tanggal >= s.dari,
                          and_(Dokumen.tanggal.is_(None), Dokumen.dibuat >= waktu.awal_hari(s.dari, inst))))
    if s.sampai:
        besok = s.sampai + dt.timedelta(days=1)
        syarat.append(or_(Dokumen.tanggal <= s.sampai,
                          and_(Dokumen.tanggal.is_(None), Dokumen.dibuat < waktu.awal_hari(besok, inst))))
    return syarat


def cari(pengguna: Pengguna, saring: Saringan, halaman: int) -> tuple[list[Dokumen], int, int, int]:
    """A page of the documents the user may see that match, newest first: (rows, total, page, last page)."""
    syarat = _syarat(pengguna, saring)
    db = sesi()
    jumlah = db.scalar(select(func.count()).select_from(Dokumen).where(*syarat)) or 0
    akhir = max(1, math.ceil(jumlah / PER_HALAMAN))
    halaman = min(max(1, halaman), akhir)
    baris = db.scalars(select(Dokumen).where(*syarat).order_by(Dokumen.dibuat.desc(), Dokumen.id.desc())
                       .offset((halaman - 1) * PER_HALAMAN).limit(PER_HALAMAN)).all()
    return list(baris), jumlah, halaman, akhir


def pembuat_ada(pengguna: Pengguna) -> list[Pengguna]:
    """The agency's users who made at least one document, by name (the maker filter's choices)."""
    ada = select(Dokumen.dibuat_oleh).where(Dokumen.instansi_id == pengguna.instansi_id)
    return list(sesi().scalars(select(Pengguna).where(Pengguna.instansi_id == pengguna.instansi_id,
                                                      Pengguna.id.in_(ada)).order_by(Pengguna.username)))


def draf_pengguna(pengguna: Pengguna) -> list[Draf]:
    """The user's saved drafts, most recently changed first (one per document type)."""
    return list(sesi().scalars(select(Draf).where(Draf.pengguna_id == pengguna.id)
                               .order_by(Draf.diubah.desc(), Draf.id.desc())))
