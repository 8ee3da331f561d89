"""Civil servants: NIP validation and format, pangkat from golongan, signature-block lines."""

from __future__ import annotations

import datetime as dt
import re

# Pangkat per golongan ruang (PP 99/2000 jo. PP 12/2002): domain data, not formatting.
PANGKAT = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

KEDUDUKAN = ("", "a.n.", "Plt.", "Plh.")

_GOLONGAN_RE = re.compile(r"^\s*(IV|III|II|I)\s*/\s*([a-e])\s*$", re.IGNORECASE)


def normalisasi_golongan(teks: str) -> str:
    """Return the canonical golongan ('IV/c') or raise ValueError with an Indonesian message."""
    m = _GOLONGAN_RE.match(teks or "")
    kanonik = f"{m.group(1).upper()}/{m.group(2).lower()}" if m else ""
    if kanonik not in PANGKAT:
        raise ValueError(f"golongan '{teks}' tidak dikenal; contoh yang benar: III/a, IV/c")
    return kanonik


def pangkat_dari_golongan(golongan: str) -> str:
    """Return the pangkat for a golongan: 'IV/c' -> 'Pembina Utama Muda'."""
    return PANGKAT[normalisasi_golongan(golongan)]


def validasi_nip(teks: str, *, hari_ini: dt.date | None = None) -> str:
    """Return the 18 NIP digits, or raise ValueError saying in Indonesian what is wrong.

    A NIP is birth date (8) + TMT CPNS year and month (6) + sex 1/2 (1) + sequence (3).
    """
    digits = re.sub(r"[\s.]", "", teks or "")
    if not re.fullmatch(r"\d{18}", digits):
        raise ValueError("NIP harus 18 digit angka")
    try:
        lahir = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValueError(f"NIP: tanggal lahir '{digits[0:8]}' bukan tanggal yang sah") from None
    tmt_tahun, tmt_bulan = tmt_cpns(digits)
    if not 1 <= tmt_bulan <= 12:
        raise ValueError(f"NIP: bulan TMT CPNS '{digits[12:14]}' harus 01 sampai 12")
    hari_ini = hari_ini or dt.date.today()
    if lahir.year < 1940 or lahir > hari_ini:
        raise ValueError(f"NIP: tahun lahir {lahir.year} tidak masuk akal")
    umur_saat_tmt = tmt_tahun - lahir.year
    if not 17 <= umur_saat_tmt <= 50:
        raise ValueError(
            f"NIP: TMT CPNS {digits[8:12]}-{digits[12:14]} tidak cocok dengan tahun lahir {lahir.year}"
            " (umur saat diangkat harus 17 sampai 50 tahun)"
        )
    if (tmt_tahun, tmt_bulan) > (hari_ini.year + 1, hari_ini.month):
        raise ValueError(f"NIP: TMT CPNS {digits[8:12]}-{digits[12:14]} masih di masa depan")
    if digits[14] not in "12":
        raise ValueError("NIP: digit ke-15 (jenis kelamin) harus 1 atau 2")
    if digits[15:] == "000":
        raise ValueError("NIP: nomor urut (3 digit terakhir) tidak boleh 000")
    return digits


def tmt_cpns(digits: str) -> tuple[int, int]:
    """Return (year, month) of the TMT CPNS a valid NIP carries in digits 9-14: '199009' -> (1990, 9)."""
    return int(digits[8:12]), int(digits[12:14])


def format_nip(digits: str) -> str:
    """Group NIP digits as printed: '19700113 199009 1 002'."""
    return f"{digits[0:8]} {digits[8:14]} {digits[14]} {digits[15:18]}"


def baris_jabatan(jabatan: str, kedudukan: str = "", atas_nama: str = "") -> list[str]:
    """Return the jabatan lines above a signature, in capitals, each ending as Tata Naskah Dinas shows.

    '' -> ['KEPALA BADAN,'] ; 'a.n.' -> ['a.n. KEPALA BADAN', 'SEKRETARIS,'] ;
    'Plt.'/'Plh.' -> ['Plt. KEPALA BADAN,'].
    """
    jabatan = jabatan.strip().rstrip(",").upper()
    if kedudukan == "a.n.":
        return [f"a.n. {atas_nama.strip().rstrip(',').upper()}", f"{jabatan},"]
    if kedudukan in ("Plt.", "Plh."):
        return [f"{kedudukan} {jabatan},"]
    return [f"{jabatan},"]
