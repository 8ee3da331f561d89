"""The archive format of a backup: its name and version, the manifest, the errors, how values are written."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import types as sqltypes

from docgen.errors import DocgenError

FORMAT = "docgen-cadangan"
VERSI_FORMAT = 1
MANIFEST = "manifest.json"
BLOK = 1024 * 1024
PER_INSERT = 500
GALAT_ARSIP = (zipfile.BadZipFile, tarfile.TarError, zlib.error, EOFError, OSError, KeyError, ValueError)

Lapor = Callable[[str], None]


class CadanganTidakSah(DocgenError):
    """The archive is not a docgen backup, is damaged, or comes from a newer schema; nothing was changed."""

    status = 422


class TujuanTidakKosong(DocgenError):
    """The target database or store already holds data and `timpa` was not given; nothing was changed."""

    status = 409


@dataclass
class Ringkasan:
    """What a backup holds or a restore wrote; `peringatan`: files the rows refer to that were missing."""

    path: Path
    revisi: str
    tabel: int
    baris: int
    berkas: int
    ukuran_berkas: int
    peringatan: list[str] = field(default_factory=list)


# -- values ----------------------------------------------------------------------------------------------------------


def jenis_kolom(tipe: sqltypes.TypeEngine) -> str:
    """The portable kind of a column type: how its values are written in the archive."""
    urutan = ((sqltypes.JSON, "json"), (sqltypes.DateTime, "waktu"), (sqltypes.Date, "tanggal"),
              (sqltypes.Time, "jam"), (sqltypes.Boolean, "boolean"), (sqltypes.Integer, "bilangan"),
              (sqltypes.Float, "pecahan"), (sqltypes.Numeric, "desimal"), (sqltypes._Binary, "biner"),
              (sqltypes.String, "teks"))
    for kelas, jenis in urutan:
        if isinstance(tipe, kelas):
            return jenis
    return "lain"


def ke_json(nilai: Any, jenis: str) -> Any:
    """A database value as plain JSON."""
    if nilai is None:
        return None
    if jenis == "waktu":
        # Aware values are given in UTC; naive ones (SQLite keeps no offset) are UTC already in this app.
        return (nilai.astimezone(dt.UTC) if nilai.tzinfo else nilai.replace(tzinfo=dt.UTC)).isoformat()
    if jenis in ("tanggal", "jam"):
        return nilai.isoformat()
    if jenis == "biner":
        return base64.b64encode(bytes(nilai)).decode("ascii")
    if jenis == "desimal":
        return str(nilai)
    if jenis == "boolean":
        return bool(nilai)
    return nilai


def dari_json(nilai: Any, jenis: str) -> Any:
    """A value from the archive as Python; raises ValueError/TypeError for a value of the wrong shape."""
    if nilai is None:
        return None
    if jenis == "waktu":
        w = dt.datetime.fromisoformat(nilai)
        return w.astimezone(dt.UTC) if w.tzinfo else w.replace(tzinfo=dt.UTC)
    if jenis == "tanggal":
        return dt.date.fromisoformat(nilai)
    if jenis == "jam":
        return dt.time.fromisoformat(nilai)
    if jenis == "biner":
        return base64.b64decode(nilai, validate=True)
    if jenis == "desimal":
        return decimal.Decimal(nilai)
    if jenis == "bilangan" and (isinstance(nilai, bool) or not isinstance(nilai, int)):
        raise ValueError(f"bukan bilangan bulat: {nilai!r}")
    if jenis == "teks" and not isinstance(nilai, str):
        raise ValueError(f"bukan teks: {nilai!r}")
    return nilai


def ganti_akar(nilai: Any, lama: str, baru: str) -> Any:
    """`nilai` with every string naming a file under the old store folder moved to the new one (absolute paths
    kept by older records; store keys are left as they are), inside JSON too."""
    if isinstance(nilai, str):
        return baru + nilai[len(lama):] if nilai.startswith(lama + "/") else nilai
    if isinstance(nilai, list):
        return [ganti_akar(v, lama, baru) for v in nilai]
    if isinstance(nilai, dict):
        return {k: ganti_akar(v, lama, baru) for k, v in nilai.items()}
    return nilai


def akar_penyimpanan(app: Flask) -> str:
    """The store's folder as an absolute path (what such legacy path values start with)."""
    return str(Path(app.config["PENYIMPANAN"]).resolve())


def ringkas_galat(exc: BaseException) -> str:
    """The first line of a database error's own message."""
    teks = str(getattr(exc, "orig", None) or exc).strip()
    return (teks.splitlines() or [type(exc).__name__])[0][:300]
