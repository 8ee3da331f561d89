"""Indonesian formatting: dates, times, numbers, Rupiah, terbilang and Roman months.

Everything goes through Babel (CLDR locale data) and num2words; nothing is a hand-written table.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from zoneinfo import ZoneInfo

import roman
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal
from num2words import num2words

LOCALE = "id"
# Indonesia's three time zones by the name printed after a time, with their IANA zone (no daylight saving).
ZONA_WAKTU = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


def zona_waktu(nama: str) -> ZoneInfo:
    """Return the time zone named WIB, WITA or WIT; any other name gives WIB (Asia/Jakarta)."""
    return ZoneInfo(ZONA_WAKTU.get(nama, ZONA_WAKTU["WIB"]))


def tanggal(d: dt.date) -> str:
    """Format a date as '20 Januari 2025'."""
    return format_date(d, "d MMMM y", locale=LOCALE)


def tanggal_hari(d: dt.date) -> str:
    """Format a date with its weekday: 'Senin, 20 Januari 2025'."""
    return format_date(d, "EEEE, d MMMM y", locale=LOCALE)


def hari(d: dt.date) -> str:
    """Return the Indonesian weekday name: 'Senin'."""
    return format_date(d, "EEEE", locale=LOCALE)


def rentang_tanggal(mulai: dt.date, selesai: dt.date) -> str:
    """Format a date range: '24 s.d. 28 Januari 2025', '29 Januari s.d. 3 Februari 2025'."""
    if mulai == selesai:
        return tanggal(mulai)
    if mulai.year != selesai.year:
        return f"{tanggal(mulai)} s.d. {tanggal(selesai)}"
    if mulai.month != selesai.month:
        return f"{format_date(mulai, 'd MMMM', locale=LOCALE)} s.d. {tanggal(selesai)}"
    return f"{mulai.day} s.d. {tanggal(selesai)}"


def bulan_tahun(d: dt.date) -> str:
    """Format as 'Februari 2023' (used when the day is left open for the signature)."""
    return format_date(d, "MMMM y", locale=LOCALE)


def nama_bulan(bulan: int) -> str:
    """Return the month name for 1..12: 'Januari'."""
    return format_date(dt.date(2000, bulan, 1), "MMMM", locale=LOCALE)


def jam(t: dt.time, zona: str = "WIB") -> str:
    """Format a clock time as '09.00 WIB'."""
    return f"{format_time(t, 'HH.mm', locale=LOCALE)} {zona}"


def rentang_waktu(mulai: dt.time, selesai: dt.time | None, zona: str = "WIB") -> str:
    """Format a meeting time: '09.00 WIB s.d. selesai' or '09.00 s.d. 12.00 WIB'."""
    if selesai is None:
        return f"{jam(mulai, zona)} s.d. selesai"
    return f"{format_time(mulai, 'HH.mm', locale=LOCALE)} s.d. {jam(selesai, zona)}"


def _konteks(nilai: Decimal, desimal: int) -> Context:
    """A decimal context precise enough to round `nilai` to `desimal` places (Babel rounds in the current one,
    whose 28 digits a figure of 10^25 with three decimals already exceeds); rounding stays the default."""
    return Context(prec=max(28, nilai.adjusted() + desimal + 2) if nilai.is_finite() else 28)


def angka(nilai: Decimal | int | float, desimal: int | None = None) -> str:
    """Format a number Indonesian style: 1.250.000,5 ; with `desimal` fixed places: 1.250.000,50."""
    nilai = Decimal(nilai) if isinstance(nilai, int) else Decimal(str(nilai))
    with localcontext(_konteks(nilai, 3 if desimal is None else desimal)):
        if desimal is None:
            return format_decimal(nilai, format="#,##0.###", locale=LOCALE)
        nilai = nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
        pola = "#,##0" + ("." + "0" * desimal if desimal else "")
        return format_decimal(nilai, format=pola, locale=LOCALE, decimal_quantization=True)


def rupiah(nilai: Decimal | int | float) -> str:
    """Format money: 'Rp 1.250.000,00'."""
    nilai = Decimal(nilai) if isinstance(nilai, int) else Decimal(str(nilai))
    with localcontext(_konteks(nilai, 2)):
        nilai = nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return format_currency(nilai, "IDR", format="¤ #,##0.00", currency_digits=False, locale=LOCALE)


def terbilang(nilai: Decimal | int) -> str:
    """Spell a whole number in Indonesian words: 'satu juta dua ratus lima puluh ribu'."""
    return num2words(int(nilai), lang=LOCALE)


def terbilang_rupiah(nilai: Decimal | int | float) -> str:
    """Spell an amount of money: 'satu juta rupiah lima puluh sen' (sen only when not zero)."""
    nilai = Decimal(str(nilai)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    utuh = int(nilai)
    sen = int((nilai - utuh) * 100)
    kata = f"{terbilang(utuh)} rupiah"
    if sen:
        kata += f" {terbilang(sen)} sen"
    return kata


def jumlah_terbilang(n: int, benda: str = "") -> str:
    """Write a count the way letters do: '1 (satu) berkas'."""
    return f"{n} ({terbilang(n)}){(' ' + benda) if benda else ''}"


def daftar(bagian: list[str]) -> str:
    """Join items as a sentence does: 'a, b, dan c'."""
    return format_list(bagian, locale=LOCALE) if bagian else ""


def romawi(n: int) -> str:
    """Return the Roman numeral, e.g. for the month in a letter number: 2 -> 'II'."""
    return roman.toRoman(n)


def urutan(n: int, gaya: str = "KESATU") -> str:
    """Return the diktum word for position n (1-based): KESATU/PERTAMA, KEDUA, KETIGA ..."""
    kata = num2words(n, lang=LOCALE, to="ordinal").upper()
    if n == 1:
        return "PERTAMA" if gaya == "PERTAMA" else "KESATU"
    return kata


def huruf(n: int) -> str:
    """Return the list letter for position n (1-based): a, b, ..., z, aa, ab ..."""
    s = ""
    n -= 1
    while True:
        s = chr(ord("a") + n % 26) + s
        n = n // 26 - 1
        if n < 0:
            return s


def baca_angka(nilai: object) -> Decimal:
    """Read a number typed the Indonesian way ('12,5', '1.250', '1.250.000,50') or given as a JSON number.

    Raises ValueError in Indonesian for anything else, including the ambiguous '12.5'.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    if isinstance(nilai, bool):
        raise ValueError("harus berupa angka")
    if isinstance(nilai, int | float | Decimal):
        d = Decimal(str(nilai))
        if not d.is_finite():
            raise ValueError("harus berupa angka yang terhingga")
        return d
    if not isinstance(nilai, str):
        raise ValueError("harus berupa angka")
    teks = nilai.strip().removesuffix("%").strip().replace("\u00a0", "").replace(" ", "")
    if not teks:
        raise ValueError("harus berupa angka")
    try:
        # strict parsing formats the number back to compare the grouping: give Babel the digits that takes
        with localcontext(Context(prec=max(28, len(teks) + 2))):
            return parse_decimal(teks, locale=LOCALE, strict=True)
    except NumberFormatError:
        raise ValueError(
            f"'{nilai}' bukan angka yang sah; pakai koma untuk desimal dan titik untuk ribuan, mis. 12,5 atau 1.250"
        ) from None
