"""SOP time standards (Mutu Baku: Waktu): parse '1 jam 30 menit', add steps up, print them back.

Days are working days and stay days: hours are never folded into days, because the length of a
working day differs between agencies (the seeds add '3 hari' and '45 menit' as separate units). Which days are
working days is docgen.hari_kerja.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_TOKEN = re.compile(r"(\d+(?:[.,]\d+)?)\s*(hari|jam|menit|mnt|hr)\b", re.IGNORECASE)
_SATUAN = {"hari": "hari", "hr": "hari", "jam": "jam", "menit": "menit", "mnt": "menit"}


@dataclass(frozen=True, order=True)
class Durasi:
    """A duration as whole working days plus minutes."""

    hari: int = 0
    menit: int = 0

    def __add__(self, other: Durasi) -> Durasi:
        return Durasi(self.hari + other.hari, self.menit + other.menit)

    def __str__(self) -> str:
        jam, menit = divmod(self.menit, 60)
        bagian = [f"{n} {s}" for n, s in ((self.hari, "hari"), (jam, "jam"), (menit, "menit")) if n]
        return " ".join(bagian) if bagian else "0 menit"


def urai(teks: str | int) -> Durasi:
    """Parse '15 menit', '3 hari', '1 jam 30 menit', '1,5 jam' or a bare number of minutes.

    Raises ValueError with an Indonesian message.
    """
    if isinstance(teks, bool):
        raise ValueError("waktu harus berupa teks seperti '15 menit' atau angka menit")
    if isinstance(teks, int):
        if teks < 0:
            raise ValueError("waktu tidak boleh negatif")
        return Durasi(0, teks)
    s = teks.strip()
    if re.fullmatch(r"\d+", s):
        return Durasi(0, int(s))
    hari = 0
    menit = Decimal(0)
    posisi = 0
    for m in _TOKEN.finditer(s):
        if s[posisi:m.start()].strip(" ,dan"):
            break
        posisi = m.end()
        try:
            n = Decimal(m.group(1).replace(",", "."))
        except InvalidOperation:
            break
        satuan = _SATUAN[m.group(2).lower()]
        if satuan == "hari":
            if n != n.to_integral_value():
                raise ValueError(f"'{teks}': jumlah hari harus bilangan bulat (tulis sisa waktunya dalam jam)")
            hari += int(n)
        else:
            menit += n * (60 if satuan == "jam" else 1)
    if posisi == 0 or s[posisi:].strip():
        raise ValueError(f"waktu '{teks}' tidak dapat dibaca; tulis seperti '15 menit', '2 jam', '3 hari'")
    if menit != menit.to_integral_value():
        raise ValueError(f"'{teks}': waktu harus genap dalam menit")
    return Durasi(hari, int(menit))


def jumlah(daftar: list[Durasi]) -> Durasi:
    """Add durations up."""
    total = Durasi()
    for d in daftar:
        total = total + d
    return total
