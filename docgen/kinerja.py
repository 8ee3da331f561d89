"""Performance data (Renstra, Perjanjian Kinerja, targets and realisasi per triwulan, budget) and the
computed capaian table built from it with docgen.capaian."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from docgen import capaian as C
from docgen import locale_id
from docgen.documents.common import TAHUN_AKHIR, TAHUN_AWAL, Baris, BarisOpsional, Model

TRIWULAN = ("I", "II", "III", "IV")


# Bounds per kind of figure: a target or realisasi (any unit), rupiah, and a percentage set by the agency.
BATAS_ANGKA = 10**15
BATAS_RUPIAH = 10**15
BATAS_PERSEN = 10_000
# Figures keep at most this many decimals (rounded half up): more than any paper prints, and it keeps every
# capaian (R / T x 100, at most 10^15 / 10^-6 x 100) well inside the precision of Decimal arithmetic.
DESIMAL_MAKS = 6
_PANJANG_TEKS_MAKS = 100  # characters of a figure typed as text


def _angka(v: object) -> object:
    if v is None or v == "":
        return None
    if isinstance(v, int) and not isinstance(v, bool):
        return Decimal(v)  # exact at any size; the bound below answers a huge one
    if isinstance(v, str) and len(v) > _PANJANG_TEKS_MAKS:
        raise ValueError(f"terlalu panjang untuk sebuah angka (paling banyak {_PANJANG_TEKS_MAKS} karakter)")
    d = locale_id.baca_angka(v)
    if not d.is_finite():  # 'NaN' and 'Infinity' typed as text
        raise ValueError("harus berupa angka yang terhingga")
    return d


def _bulatkan_masukan(v: Decimal | None) -> Decimal | None:
    eksponen = v.as_tuple().exponent if v is not None else 0
    if v is None or not isinstance(eksponen, int) or eksponen >= -DESIMAL_MAKS:
        return v
    bulat = v.quantize(Decimal(1).scaleb(-DESIMAL_MAKS), rounding=ROUND_HALF_UP)
    return bulat.copy_abs() if bulat == 0 else bulat  # -0,0000001 is 0, not '-0'


# Every figure is a JSON number or Indonesian text ('12,5', '1.250'); empty or null means no figure.
# A target, realisasi, baseline or standard in the indicator's own unit (orang, dokumen, indeks, %, ...).
Angka = Annotated[Annotated[Decimal, Field(ge=-BATAS_ANGKA, le=BATAS_ANGKA)] | None, BeforeValidator(_angka),
                  AfterValidator(_bulatkan_masukan)]
# A budget amount: pagu or realisasi anggaran.
Rupiah = Annotated[Annotated[Decimal, Field(ge=0, le=BATAS_RUPIAH)] | None, BeforeValidator(_angka),
                   AfterValidator(_bulatkan_masukan)]
# A capaian percentage the agency sets: a predikat threshold, the cap used when averaging.
Persen = Annotated[Annotated[Decimal, Field(ge=-BATAS_PERSEN, le=BATAS_PERSEN)] | None, BeforeValidator(_angka),
                   AfterValidator(_bulatkan_masukan)]
Tahun = Annotated[int, Field(ge=TAHUN_AWAL, le=TAHUN_AKHIR)]
EmpatTriwulan = Annotated[list[Angka], Field(min_length=4, max_length=4)]


def _kosong4() -> list[Decimal | None]:
    return [None, None, None, None]


class PengaturanCapaian(Model):
    """How an agency computes and labels achievement."""

    predikat: Literal["lima_tingkat", "permenpan_6_2022", "kustom"] = Field(
        "lima_tingkat", title="Skala predikat",
        description="lima_tingkat (>=91 Sangat Baik ... <=50 Sangat Kurang), permenpan_6_2022, atau kustom",
    )
    ambang_kustom: list[tuple[Persen, Baris]] = Field(
        default_factory=list, title="Ambang kustom", description="Pasangan [batas bawah, predikat]"
    )
    batas_rata_rata: Persen = Field(None, title="Batas capaian saat dirata-rata", examples=[100])
    lewat_atas_rentang: Literal["rasio", "turun"] = Field(
        "rasio", title="Realisasi di atas target rentang",
        description="rasio: R/batas atas x 100; turun: rumus semakin kecil semakin baik",
    )
    desimal: int = Field(2, ge=0, le=4, title="Jumlah desimal capaian")

    @model_validator(mode="after")
    def _kustom(self) -> PengaturanCapaian:
        if self.predikat == "kustom" and not self.ambang_kustom:
            raise ValueError("predikat kustom memerlukan ambang_kustom, mis. [[90, \"Sangat Baik\"], [0, \"Kurang\"]]")
        return self

    def skala(self) -> list[C.Ambang]:
        """The predikat scale in force."""
        return C.skala(self.predikat, [(b, label) for b, label in self.ambang_kustom if b is not None])


class Indikator(Model):
    """One performance indicator with its targets and realisasi."""

    kode: Baris = Field(title="Kode", examples=["IKU 1"])
    indikator: Baris = Field(title="Indikator kinerja")
    satuan: Baris = Field(title="Satuan", examples=["%", "orang", "dokumen", "indeks"])
    polaritas: C.Polaritas = Field("naik", title="Polaritas",
                                   description="naik (makin tinggi makin baik), turun, atau rentang")
    aturan_triwulan: C.AturanTriwulan = Field(
        "terakhir", title="Penggabungan triwulan", description="kumulatif (jumlah), rata_rata, atau terakhir"
    )
    target: Angka = Field(None, title="Target tahunan")
    target_bawah: Angka = Field(None, title="Batas bawah target (rentang)")
    target_atas: Angka = Field(None, title="Batas atas target (rentang)")
    target_triwulan: EmpatTriwulan = Field(default_factory=_kosong4, title="Target TW I-IV")
    realisasi_triwulan: EmpatTriwulan = Field(default_factory=_kosong4, title="Realisasi TW I-IV")
    unit_kerja: BarisOpsional = Field("", title="Unit kerja penanggung jawab")
    baseline: Angka = Field(None, title="Kondisi awal (baseline)")
    target_akhir_renstra: Angka = Field(None, title="Target akhir Renstra")
    realisasi_tahun_lalu: dict[Tahun, Angka] = Field(default_factory=dict, title="Realisasi tahun-tahun sebelumnya")
    standar_nasional: Angka = Field(None, title="Standar / capaian nasional")
    penjelasan: BarisOpsional = Field("", title="Penjelasan / bukti dukung")
    target_renstra: dict[Tahun, Angka] = Field(
        default_factory=dict, title="Target Renstra per tahun", description="Target tahunan menurut Renstra")
    definisi: BarisOpsional = Field("", title="Definisi operasional (IKU)")
    formula: BarisOpsional = Field("", title="Formula / cara perhitungan (IKU)")
    sumber_data: BarisOpsional = Field("", title="Sumber data (IKU)")
    alasan: BarisOpsional = Field("", title="Alasan pemilihan indikator (IKU)")
    aksi_triwulan: list[BarisOpsional] = Field(
        default_factory=lambda: ["", "", "", ""], min_length=4, max_length=4, title="Rencana aksi TW I-IV")

    @model_validator(mode="after")
    def _target(self) -> Indikator:
        if self.polaritas == "rentang" and (self.target_bawah is None or self.target_atas is None):
            raise ValueError("indikator rentang memerlukan target_bawah dan target_atas")
        return self


class Sasaran(Model):
    """A strategic objective with its indicators."""

    kode: Baris = Field(title="Kode sasaran", examples=["S1"])
    sasaran: Baris = Field(title="Sasaran strategis")
    tujuan: BarisOpsional = Field("", title="Tujuan")
    indikator: list[Indikator] = Field(min_length=1, title="Indikator")
    penyebab: BarisOpsional = Field("", title="Penyebab keberhasilan/kegagalan")
    solusi: BarisOpsional = Field("", title="Solusi / rencana tindak lanjut")
    program: list[Baris] = Field(default_factory=list, title="Kode program pendukung")


class Kegiatan(Model):
    kode: Baris = Field(title="Kode kegiatan")
    nama: Baris = Field(title="Nama kegiatan")
    pagu: Rupiah = Field(title="Pagu anggaran (Rp)")
    realisasi: Rupiah = Field(None, title="Realisasi anggaran (Rp)")
    keluaran: BarisOpsional = Field("", title="Indikator keluaran (output)", examples=["Dokumen LKjIP tersusun"])
    satuan_keluaran: BarisOpsional = Field("", title="Satuan keluaran", examples=["dokumen"])
    target_keluaran: Angka = Field(None, title="Target keluaran")
    realisasi_keluaran: Angka = Field(None, title="Realisasi keluaran")


class Program(Model):
    kode: Baris = Field(title="Kode program")
    nama: Baris = Field(title="Nama program")
    kegiatan: list[Kegiatan] = Field(default_factory=list, title="Kegiatan")
    pagu: Rupiah = Field(None, title="Pagu (kosong: jumlah kegiatan)")
    realisasi: Rupiah = Field(None, title="Realisasi (kosong: jumlah kegiatan)")


class DataKinerja(Model):
    """Everything the capaian table needs for one year."""

    tahun: int = Field(ge=2000, le=2100, title="Tahun")
    triwulan: int | None = Field(None, ge=1, le=4, title="Sampai triwulan", description="Kosong: setahun penuh")
    pengaturan: PengaturanCapaian = Field(default_factory=PengaturanCapaian, title="Pengaturan capaian")
    sasaran: list[Sasaran] = Field(min_length=1, title="Sasaran dan indikator")
    program: list[Program] = Field(default_factory=list, title="Program dan kegiatan")

    @field_validator("sasaran")
    @classmethod
    def _kode_unik(cls, v: list[Sasaran]) -> list[Sasaran]:
        kode = [i.kode for s in v for i in s.indikator]
        ganda = sorted({k for k in kode if kode.count(k) > 1})
        if ganda:
            raise ValueError(f"kode indikator berulang: {', '.join(ganda)}")
        return v


def teks_target(ind: Indikator, target: Decimal | None) -> str:
    """The target as printed: '72', '1.250' or a range '95 - 100'."""
    if ind.polaritas == "rentang":
        return f"{format_angka(ind.target_bawah)} - {format_angka(ind.target_atas)}"
    return format_angka(target)


@dataclass
class BarisCapaian:
    """The computed figures of one indicator."""

    sasaran: Sasaran
    indikator: Indikator
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    predikat: str
    keterangan: str
    capaian_triwulan: list[Decimal | None] = field(default_factory=list)
    keterangan_triwulan: list[str] = field(default_factory=list)
    # The last quarter measured when later expected quarters are still missing: the figure is only to date.
    terukur_sampai: int | None = None

    @property
    def target_teks(self) -> str:
        return teks_target(self.indikator, self.target)

    @property
    def sd(self) -> str:
        """'s.d. TW III' for an indicator measured only to that quarter, '' otherwise ("TW III" is kept on one
        line: a narrow cell breaks after "s.d.", never inside the numeral)."""
        return f"s.d. TW\u00a0{TRIWULAN[self.terukur_sampai - 1]}" if self.terukur_sampai else ""

    @property
    def sebagian(self) -> str:
        """' (s.d. TW III)' for an indicator measured only to that quarter, '' otherwise."""
        return f" ({self.sd})" if self.sd else ""

    @property
    def realisasi_teks(self) -> str:
        """The realisasi as printed, marked when it is only to date: '950 (s.d. TW III)'."""
        return format_angka(self.realisasi) + (self.sebagian if self.realisasi is not None else "")


def triwulan_hilang(ind: Indikator, sampai: int) -> list[int]:
    """The quarters 1..`sampai` the indicator should have reported but has not (a quarter is expected when it has a
    target, or every quarter when none has)."""
    ada_target = any(t is not None for t in ind.target_triwulan)
    return [i + 1 for i in range(sampai) if ind.realisasi_triwulan[i] is None
            and (not ada_target or ind.target_triwulan[i] is not None or ind.polaritas == "rentang")]


def hitung_indikator(s: Sasaran, ind: Indikator, pengaturan: PengaturanCapaian,
                     sampai_triwulan: int | None = None) -> BarisCapaian:
    """Compute one indicator's year (or to-date) capaian and its per-quarter capaian."""
    skala_predikat = pengaturan.skala()
    n = sampai_triwulan or 4
    realisasi_tw = list(ind.realisasi_triwulan[:n]) + [None] * (4 - n)
    realisasi, _ = C.gabung_triwulan(realisasi_tw, ind.aturan_triwulan)
    hilang = triwulan_hilang(ind, n)
    if realisasi is None:
        hilang = []
    target = ind.target
    if sampai_triwulan is not None and sampai_triwulan < 4:
        # To-date measurement: compare with the quarter targets combined by the same rule.
        target, _ = C.gabung_triwulan(ind.target_triwulan[:n], ind.aturan_triwulan)
    hasil = C.capaian(target, realisasi, ind.polaritas, bawah=ind.target_bawah, atas=ind.target_atas,
                      lewat_atas=pengaturan.lewat_atas_rentang)
    keterangan = [hasil.alasan] if hasil.alasan else []
    if hilang:
        keterangan.append("data TW " + ", ".join(TRIWULAN[i - 1] for i in hilang) + " belum ada")
    per_tw, ket_tw = [], []
    for t, r in zip(ind.target_triwulan, ind.realisasi_triwulan, strict=True):
        if ind.polaritas != "rentang" and t is None:
            h = C.Hasil(None, C.BELUM_ADA_DATA if r is None else "target triwulan belum ditetapkan")
        else:
            h = C.capaian(t, r, ind.polaritas, bawah=ind.target_bawah, atas=ind.target_atas,
                          lewat_atas=pengaturan.lewat_atas_rentang)
        per_tw.append(h.nilai)
        ket_tw.append(h.alasan)
    terukur = [i + 1 for i in range(n) if realisasi_tw[i] is not None]
    sampai = terukur[-1] if terukur and hilang and max(hilang) > terukur[-1] else None
    return BarisCapaian(
        sasaran=s, indikator=ind, target=target, realisasi=realisasi, capaian=hasil.nilai,
        predikat=C.predikat(hasil.nilai, skala_predikat), keterangan="; ".join(keterangan),
        capaian_triwulan=per_tw, keterangan_triwulan=ket_tw, terukur_sampai=sampai,
    )


def unit_kerja(data: DataKinerja) -> list[str]:
    """The unit kerja named by the indicators, in first-seen order."""
    hasil: list[str] = []
    for s in data.sasaran:
        for ind in s.indikator:
            if ind.unit_kerja and ind.unit_kerja not in hasil:
                hasil.append(ind.unit_kerja)
    return hasil


def indikator_unit(data: DataKinerja, unit: str | None) -> list[tuple[Sasaran, Indikator]]:
    """(sasaran, indikator) pairs of one unit kerja (case-insensitive), or of all units when unit is None."""
    return [(s, ind) for s in data.sasaran for ind in s.indikator
            if unit is None or ind.unit_kerja.casefold() == unit.casefold()]


def hitung(data: DataKinerja) -> list[BarisCapaian]:
    """Compute every indicator, in the order of the sasaran."""
    return [hitung_indikator(s, ind, data.pengaturan, data.triwulan) for s in data.sasaran for ind in s.indikator]


def format_angka(nilai: Decimal | None, desimal: int | None = None) -> str:
    """Print a figure Indonesian style, or '-' when there is none."""
    if nilai is None:
        return "-"
    return locale_id.angka(nilai, desimal)


def format_persen(nilai: Decimal | None, desimal: int = 2) -> str:
    """'103,64%' or '-'."""
    return "-" if nilai is None else f"{locale_id.angka(C.bulatkan(nilai, desimal), desimal)}%"


def total_program(p: Program) -> tuple[Decimal | None, Decimal | None]:
    """(pagu, realisasi) of a program: as given, or summed from its kegiatan."""
    pagu = p.pagu if p.pagu is not None else (sum((k.pagu or Decimal(0) for k in p.kegiatan), Decimal(0))
                                               if p.kegiatan else None)
    if p.realisasi is not None:
        real = p.realisasi
    elif p.kegiatan and all(k.realisasi is not None for k in p.kegiatan):
        real = sum((k.realisasi for k in p.kegiatan if k.realisasi is not None), Decimal(0))
    else:
        real = None
    return pagu, real


def realisasi_setahun(ind: Indikator) -> Decimal | None:
    """The year's realisasi once every expected quarter is reported (those with a target, or all four when there
    are no quarter targets or for a range), combined by the indicator's quarter rule; None while one is missing."""
    ada_target_tw = any(t is not None for t in ind.target_triwulan)
    diharap = [i for i in range(4) if not ada_target_tw or ind.polaritas == "rentang"
               or ind.target_triwulan[i] is not None]
    if any(ind.realisasi_triwulan[i] is None for i in diharap):
        return None
    return C.gabung_triwulan(ind.realisasi_triwulan, ind.aturan_triwulan)[0]


def salin_ke_tahun(data: DataKinerja, tahun: int) -> DataKinerja:
    """The plan of `data` for another year: sasaran, indikator, targets, programs and pagu kept; realisasi,
    penjelasan and the year's analysis (penyebab, solusi) cleared; the measured-to quarter reset. A complete
    realisasi of the copied year joins `realisasi_tahun_lalu` (history from `tahun` on is dropped)."""
    baru = data.model_copy(deep=True, update={"tahun": tahun, "triwulan": None})
    for s in baru.sasaran:
        s.penyebab = ""
        s.solusi = ""
        for ind in s.indikator:
            riwayat = {t: v for t, v in ind.realisasi_tahun_lalu.items() if t < tahun}
            setahun = realisasi_setahun(ind)
            if data.tahun < tahun and data.tahun not in riwayat and setahun is not None:
                riwayat[data.tahun] = setahun
            ind.realisasi_tahun_lalu = dict(sorted(riwayat.items()))
            ind.realisasi_triwulan = _kosong4()
            ind.penjelasan = ""
    for p in baru.program:
        p.realisasi = None
        for k in p.kegiatan:
            k.realisasi = None
            k.realisasi_keluaran = None
    return baru
