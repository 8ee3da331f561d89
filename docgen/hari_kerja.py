"""Working days (hari kerja) in Indonesia: Monday to Friday, less the days off.

Days off are the national holidays and the cuti bersama of the `holidays` package (country ID, categories
"public" and "government", names in Indonesian) plus the agency's own days off. The package knows cuti bersama
only for the years whose joint decree (SKB) it carries, and dates of later years' lunar holidays are estimates
marked "(perkiraan)": a day the package does not know is added as the agency's own day off.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import holidays
from pydantic import AfterValidator, Field, StringConstraints

from docgen.documents.common import Model

TAHUN_AWAL, TAHUN_AKHIR = 2000, 2100  # the years an agency's own day off may fall in
MAKS_KETERANGAN = 200
LABEL_JENIS = {"nasional": "Libur nasional", "cuti_bersama": "Cuti bersama", "instansi": "Libur instansi"}
_KATEGORI = (("public", "nasional"), ("government", "cuti_bersama"))


@dataclass(frozen=True, order=True)
class HariLibur:
    """One day off: its date, its name and where it comes from (nasional, cuti_bersama, instansi)."""

    tanggal: dt.date
    keterangan: str
    jenis: str = "instansi"

    @property
    def label_jenis(self) -> str:
        return LABEL_JENIS.get(self.jenis, self.jenis)


@functools.lru_cache(maxsize=256)
def libur_nasional(tahun: int) -> tuple[HariLibur, ...]:
    """The national holidays and cuti bersama of a year, by date (empty outside the package's years)."""
    hasil: list[HariLibur] = []
    for kategori, jenis in _KATEGORI:
        kalender = holidays.country_holidays("ID", years=tahun, categories=(kategori,), language="id")
        for tanggal in kalender:
            hasil.extend(HariLibur(tanggal, nama, jenis) for nama in kalender.get_list(tanggal))
    return tuple(sorted(hasil))


@functools.lru_cache(maxsize=256)
def _per_tanggal(tahun: int) -> dict[dt.date, tuple[HariLibur, ...]]:
    hasil: dict[dt.date, tuple[HariLibur, ...]] = {}
    for h in libur_nasional(tahun):
        hasil[h.tanggal] = (*hasil.get(h.tanggal, ()), h)
    return hasil


def cuti_bersama_diketahui(tahun: int) -> bool:
    """Whether the package knows the cuti bersama of `tahun` (else the agency lists them itself)."""
    return any(h.jenis == "cuti_bersama" for h in libur_nasional(tahun))


def libur_dari_data(data: Any) -> dict[dt.date, str]:
    """Read stored agency days off ([{"tanggal": "2025-04-09", "keterangan": "..."}]); unreadable rows are left
    out (they were checked when they were added)."""
    hasil: dict[dt.date, str] = {}
    for baris in data if isinstance(data, list) else []:
        if not isinstance(baris, dict):
            continue
        try:
            tanggal = dt.date.fromisoformat(str(baris.get("tanggal", "")))
        except ValueError:
            continue
        keterangan = str(baris.get("keterangan") or "").strip()
        if keterangan:
            hasil[tanggal] = keterangan
    return hasil


def libur_ke_data(libur: Mapping[dt.date, str]) -> list[dict[str, str]]:
    """Agency days off as stored: a list by date."""
    return [{"tanggal": t.isoformat(), "keterangan": k} for t, k in sorted(libur.items())]


class Kalender:
    """The working-day calendar of one agency: weekends, national holidays, cuti bersama, its own days off."""

    def __init__(self, libur_instansi: Mapping[dt.date, str] | None = None):
        self.libur_instansi = dict(libur_instansi or {})

    def libur(self, tanggal: dt.date) -> list[HariLibur]:
        """Every day off falling on `tanggal` (national first, then the agency's); empty on an ordinary day."""
        hasil = list(_per_tanggal(tanggal.year).get(tanggal, ()))
        if tanggal in self.libur_instansi:
            hasil.append(HariLibur(tanggal, self.libur_instansi[tanggal], "instansi"))
        return hasil

    def hari_kerja(self, tanggal: dt.date) -> bool:
        """Whether `tanggal` is a working day: Monday to Friday and no day off."""
        return (tanggal.weekday() < 5 and tanggal not in self.libur_instansi
                and tanggal not in _per_tanggal(tanggal.year))

    def tambah(self, tanggal: dt.date, n: int) -> dt.date:
        """The n-th working day after `tanggal` (`tanggal` itself for n = 0; it need not be a working day)."""
        if n < 0:
            raise ValueError("jumlah hari kerja tidak boleh negatif")
        while n > 0:
            tanggal += dt.timedelta(days=1)
            if self.hari_kerja(tanggal):
                n -= 1
        return tanggal

    def daftar_libur(self, awal: dt.date, akhir: dt.date) -> list[HariLibur]:
        """The days off from `awal` to `akhir` inclusive (weekends only when a day off falls on them), by date."""
        hasil: list[HariLibur] = []
        for tahun in range(awal.year, akhir.year + 1):
            hasil.extend(h for h in libur_nasional(tahun) if awal <= h.tanggal <= akhir)
        hasil.extend(HariLibur(t, k, "instansi") for t, k in self.libur_instansi.items() if awal <= t <= akhir)
        return sorted(hasil, key=lambda h: (h.tanggal, list(LABEL_JENIS).index(h.jenis)))


def _tahun_libur(v: dt.date) -> dt.date:
    if not TAHUN_AWAL <= v.year <= TAHUN_AKHIR:
        raise ValueError(f"tahun {v.year} di luar rentang {TAHUN_AWAL} sampai {TAHUN_AKHIR}")
    return v


class LiburInstansi(Model):
    """An agency's own day off as the profile form adds it."""

    tanggal: Annotated[dt.date, AfterValidator(_tahun_libur)] = Field(title="Tanggal")
    keterangan: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAKS_KETERANGAN)] \
        = Field(title="Keterangan", examples=["Hari Jadi Kabupaten Pesisir Selatan"])
