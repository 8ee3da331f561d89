"""The inbox (kotak masuk) of a user: the running cycle steps their role acts on, overdue first, then by deadline,
each with the note of the return that made it run again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from web.inti import peran
from web.inti.models import Pengguna, Siklus
from web.layanan import siklus
from web.layanan.siklus import KeadaanLangkah, Pengembalian

MAKS_SIKLUS = 1000  # running cycles read for one inbox


@dataclass(frozen=True)
class ButirKotak:
    """One step waiting for the user: its cycle, its state and time, and why it runs again (if it does)."""

    siklus: Siklus
    langkah: KeadaanLangkah
    kembali: Pengembalian | None = None

    @property
    def putaran(self) -> int:
        return self.langkah.baris.putaran or 1


def _urutan(b: ButirKotak) -> tuple[bool, bool, dt.datetime, int]:
    """Overdue first, then the nearest deadline; steps without a Mutu Baku last; older cycles first."""
    k = b.langkah
    return (k.terlambat is None, k.tenggat is None, k.tenggat or dt.datetime.max.replace(tzinfo=dt.UTC),
            b.siklus.id)


def kotak_masuk(pengguna: Pengguna, *, sekarang: dt.datetime) -> list[ButirKotak]:
    """The running steps of the agency's cycles that the user's role acts on (web.inti.peran.boleh_tindak_langkah;
    admin: every one), overdue first, then by deadline."""
    ringkas = siklus.daftar_siklus(pengguna, sekarang=sekarang, status="berjalan", batas=MAKS_SIKLUS)
    milik = [r for r in ringkas
             if r.berjalan is not None and peran.boleh_tindak_langkah(pengguna.peran, r.berjalan.peran)]
    kembali = siklus.pengembalian([r.siklus for r in milik])
    butir = [ButirKotak(siklus=r.siklus, langkah=r.berjalan, kembali=kembali.get(r.siklus.id))
             for r in milik if r.berjalan is not None]
    return sorted(butir, key=_urutan)


def jumlah_terlambat(butir: list[ButirKotak]) -> int:
    """How many of the inbox's steps are overdue."""
    return sum(b.langkah.terlambat is not None for b in butir)

