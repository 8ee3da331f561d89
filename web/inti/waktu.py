"""Time in the app: stored times are UTC; everything shown or dated is in the agency's zone (WIB, WITA, WIT).

One home for "now", "today", the agency's zone and its working-day calendar, so pages, documents and the audit log
never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from docgen import hari_kerja, locale_id

KUNCI_HARI_LIBUR = "hari_libur"  # the agency's own days off in Instansi.profil (not part of the kop schema)


class _Instansi(Protocol):
    profil: dict[str, Any]


def sekarang() -> dt.datetime:
    """Now, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def utc(t: dt.datetime) -> dt.datetime:
    """A stored time as aware UTC (SQLite gives stored times back without a zone; they are UTC)."""
    return t.replace(tzinfo=dt.UTC) if t.tzinfo is None else t.astimezone(dt.UTC)


def nama_zona(inst: _Instansi | None) -> str:
    """The agency's zone name from its profile: 'WIB', 'WITA' or 'WIT' (WIB when unset or unknown)."""
    z = str(((inst.profil if inst is not None else None) or {}).get("zona_waktu") or "WIB")
    return z if z in locale_id.ZONA_WAKTU else "WIB"


def zona(inst: _Instansi | None) -> ZoneInfo:
    """The agency's time zone."""
    return locale_id.zona_waktu(nama_zona(inst))


def kalender(inst: _Instansi | None) -> hari_kerja.Kalender:
    """The agency's working-day calendar: national holidays, cuti bersama and its own days off (profile)."""
    profil = (inst.profil if inst is not None else None) or {}
    return hari_kerja.Kalender(hari_kerja.libur_dari_data(profil.get(KUNCI_HARI_LIBUR)))


def setempat(t: dt.datetime, inst: _Instansi | None) -> dt.datetime:
    """A stored time in the agency's zone."""
    return utc(t).astimezone(zona(inst))


def hari_ini(inst: _Instansi | None, kini: dt.datetime | None = None) -> dt.date:
    """Today's date where the agency is (not the server's date: near midnight they differ)."""
    return setempat(kini or sekarang(), inst).date()


def awal_hari(tanggal: dt.date, inst: _Instansi | None) -> dt.datetime:
    """Midnight at the start of `tanggal` in the agency's zone, as UTC (for filtering stored times by day)."""
    return dt.datetime.combine(tanggal, dt.time(), zona(inst)).astimezone(dt.UTC)


def teks_waktu(t: dt.datetime, inst: _Instansi | None) -> str:
    """'20 Januari 2025 pukul 14.05 WIB' in the agency's zone."""
    z = nama_zona(inst)
    teks = format_datetime(utc(t), "d MMMM y 'pukul' HH.mm", tzinfo=locale_id.zona_waktu(z), locale="id")
    return f"{teks} {z}"


def cap_waktu(t: dt.datetime, inst: _Instansi | None) -> str:
    """'2025-01-20 14:05:09' in the agency's zone (tables and exports)."""
    return setempat(t, inst).strftime("%Y-%m-%d %H:%M:%S")
