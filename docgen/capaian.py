"""The achievement engine: capaian, quarter aggregation, predikat, budget absorption, efficiency.

Pure functions on Decimal (no floats, no I/O). Every figure that cannot be computed comes back as
`None` with the reason in Indonesian. Rules (domain.md section 3):

- naik (higher is better): R / T x 100.
- turun (lower is better, Permen PANRB 6/2022): (2T - R) / T x 100.  T=7, R=6.5 -> 107,14.
- rentang [bawah, atas]: inside -> 100; below -> R / bawah x 100; above -> R / atas x 100
  (`lewat_atas="rasio"`, the default) or the lower-is-better form against `atas` (`lewat_atas="turun"`).
- Target 0 (no official rule; ours): turun with R = 0 -> 100 (the zero target is met); turun with R > 0,
  and naik with any R, cannot be expressed as a percentage -> None, with the reason. A negative target,
  or a range whose bound is 0 or below, is likewise not computed.
- Missing realisasi is 'belum ada data', never 0.
- Raw capaian is kept (above 100 allowed); capping is only applied when averaging, if the agency sets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

Polaritas = Literal["naik", "turun", "rentang"]
AturanTriwulan = Literal["kumulatif", "rata_rata", "terakhir"]
SERATUS = Decimal(100)
BELUM_ADA_DATA = "belum ada data"


@dataclass(frozen=True)
class Hasil:
    """A computed percentage, or None with the reason it could not be computed."""

    nilai: Decimal | None
    alasan: str = ""

    @property
    def ada(self) -> bool:
        return self.nilai is not None


def bulatkan(nilai: Decimal, desimal: int = 2) -> Decimal:
    """Round half up to `desimal` places (the way figures are printed), with the precision a large figure needs."""
    presisi = max(28, nilai.adjusted() + desimal + 2) if nilai.is_finite() else 28
    return nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP, context=Context(prec=presisi))


def _turun(target: Decimal, realisasi: Decimal) -> Decimal:
    return (2 * target - realisasi) / target * SERATUS


def capaian(
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas = "naik",
    *,
    bawah: Decimal | None = None,
    atas: Decimal | None = None,
    lewat_atas: Literal["rasio", "turun"] = "rasio",
) -> Hasil:
    """Return the capaian (percent) of `realisasi` against `target` (or the range bawah..atas)."""
    if realisasi is None:
        return Hasil(None, BELUM_ADA_DATA)
    if polaritas == "rentang":
        if bawah is None or atas is None:
            return Hasil(None, "target rentang memerlukan batas bawah dan batas atas")
        if bawah > atas:
            return Hasil(None, "batas bawah target lebih besar dari batas atas")
        if bawah <= 0:
            return Hasil(None, "batas bawah target rentang harus lebih besar dari 0")
        if bawah <= realisasi <= atas:
            return Hasil(SERATUS)
        if realisasi < bawah:
            return Hasil(realisasi / bawah * SERATUS)
        return Hasil(_turun(atas, realisasi) if lewat_atas == "turun" else realisasi / atas * SERATUS)
    if target is None:
        return Hasil(None, "target belum ditetapkan")
    if target < 0:
        return Hasil(None, "target negatif tidak dapat dihitung sebagai persentase")
    if target == 0:
        if polaritas == "turun" and realisasi == 0:
            return Hasil(SERATUS, "target 0 tercapai")
        if polaritas == "turun":
            return Hasil(None, "target 0 tidak tercapai (realisasi lebih dari 0); tidak dapat dinyatakan dalam persen")
        return Hasil(None, "target 0: capaian tidak dapat dihitung sebagai persentase")
    if polaritas == "turun":
        return Hasil(_turun(target, realisasi))
    return Hasil(realisasi / target * SERATUS)


def gabung_triwulan(nilai: Sequence[Decimal | None], aturan: AturanTriwulan) -> tuple[Decimal | None, list[int]]:
    """Combine quarterly values: sum (kumulatif), mean of the reported ones (rata_rata) or the last one
    reported (terakhir). Return (value or None when nothing is reported, 1-based quarters missing).

    Quarters after the last reported one are not counted as missing (the year is still running).
    """
    terisi = [i for i, v in enumerate(nilai) if v is not None]
    if not terisi:
        return None, []
    hilang = [i + 1 for i in range(terisi[-1]) if nilai[i] is None]
    ada = [v for v in nilai if v is not None]
    if aturan == "kumulatif":
        return sum(ada, Decimal(0)), hilang
    if aturan == "rata_rata":
        return sum(ada, Decimal(0)) / len(ada), hilang
    return nilai[terisi[-1]], hilang


@dataclass(frozen=True)
class Ambang:
    """One step of a predikat scale: capaian >= batas (or > batas when not inklusif) earns `label`."""

    batas: Decimal | None  # None: everything below the previous step
    label: str
    inklusif: bool = True

    def terpenuhi(self, nilai: Decimal) -> bool:
        if self.batas is None:
            return True
        return nilai >= self.batas if self.inklusif else nilai > self.batas


# Predikat scales, highest step first.
SKALA_PREDIKAT: dict[str, list[Ambang]] = {
    # Five levels used in LKjIPs and evaluation practice: >= 91, 76-90, 66-75, 51-65, <= 50.
    "lima_tingkat": [
        Ambang(Decimal(91), "Sangat Baik"),
        Ambang(Decimal(76), "Baik"),
        Ambang(Decimal(66), "Cukup"),
        Ambang(Decimal(51), "Kurang"),
        Ambang(None, "Sangat Kurang"),
    ],
    # Permen PANRB 6/2022 (individual scoring): > 110 (nilai 120), 100-110, 80-99, 60-79, <= 59.
    "permenpan_6_2022": [
        Ambang(Decimal(110), "Sangat Baik", inklusif=False),
        Ambang(Decimal(100), "Baik"),
        Ambang(Decimal(80), "Cukup"),
        Ambang(Decimal(60), "Kurang"),
        Ambang(None, "Sangat Kurang"),
    ],
}


def skala(preset: str, kustom: Sequence[tuple[Decimal, str]] | None = None) -> list[Ambang]:
    """Return a predikat scale: a preset name, or 'kustom' with (lower bound inclusive, label) pairs;
    the lowest pair's label also covers everything below it."""
    if preset == "kustom":
        if not kustom:
            raise ValueError("skala kustom memerlukan paling sedikit satu ambang")
        urut = sorted(kustom, key=lambda x: x[0], reverse=True)
        return [Ambang(b, label) for b, label in urut[:-1]] + [Ambang(None, urut[-1][1])]
    if preset not in SKALA_PREDIKAT:
        raise ValueError(f"skala predikat '{preset}' tidak dikenal ({', '.join(SKALA_PREDIKAT)}, kustom)")
    return SKALA_PREDIKAT[preset]


def predikat(nilai: Decimal | None, skala_predikat: Sequence[Ambang]) -> str:
    """Return the predikat label for a capaian, or '-' when there is none."""
    if nilai is None:
        return "-"
    for ambang in skala_predikat:
        if ambang.terpenuhi(nilai):
            return ambang.label
    return skala_predikat[-1].label


def serapan(pagu: Decimal | None, realisasi: Decimal | None) -> Hasil:
    """Budget absorption: realisasi / pagu x 100."""
    if realisasi is None:
        return Hasil(None, BELUM_ADA_DATA)
    if pagu is None or pagu <= 0:
        return Hasil(None, "pagu 0 atau belum ditetapkan")
    return Hasil(realisasi / pagu * SERATUS)


@dataclass(frozen=True)
class Efisiensi:
    """Capaian kinerja against serapan anggaran (no official formula; ours): efficient when the target is reached
    (capaian >= 100) with no more of the budget than that (capaian >= serapan); "belum efisien" when capaian keeps
    pace with serapan but the target is not reached; "tidak efisien" when capaian falls behind serapan."""

    status: str  # 'efisien', 'belum efisien', 'tidak efisien' or 'tidak dapat dinilai'
    selisih: Decimal | None  # capaian - serapan, in percentage points
    alasan: str = ""


def efisiensi(capaian_kinerja: Decimal | None, serapan_anggaran: Decimal | None) -> Efisiensi:
    """Compare achievement with absorption (pass the figures as printed, so the gap adds up on paper)."""
    if capaian_kinerja is None or serapan_anggaran is None:
        return Efisiensi("tidak dapat dinilai", None, "capaian atau serapan belum tersedia")
    selisih = capaian_kinerja - serapan_anggaran
    if selisih < 0:
        return Efisiensi("tidak efisien", selisih)
    if capaian_kinerja < SERATUS:
        return Efisiensi("belum efisien", selisih, "target belum tercapai")
    return Efisiensi("efisien", selisih)


def rata_rata(nilai: Sequence[Decimal | None], batas_atas: Decimal | None = None) -> Decimal | None:
    """Mean of the available figures, each capped at `batas_atas` when the agency caps averages."""
    ada = [min(v, batas_atas) if batas_atas is not None else v for v in nilai if v is not None]
    if not ada:
        return None
    return sum(ada, Decimal(0)) / len(ada)
