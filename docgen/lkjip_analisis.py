"""The figures and sentences of an LKjIP's analysis: per sasaran and for the whole agency.

Every figure comes from docgen.kinerja and docgen.capaian; this module only groups them and writes the
Indonesian sentences (drafts the user can replace when no text of theirs is given).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from docgen import capaian as C
from docgen import locale_id
from docgen.kinerja import (
    TRIWULAN,
    BarisCapaian,
    DataKinerja,
    Indikator,
    Kegiatan,
    Program,
    Sasaran,
    format_angka,
    format_persen,
    hitung,
)
from docgen.kinerja import total_program as _total_program

DRAF = "Draf otomatis dari angka capaian; ganti dengan analisis unit kerja:"


@dataclass
class Anggaran:
    """Pagu, realisasi and serapan of a set of programs."""

    pagu: Decimal | None
    realisasi: Decimal | None
    serapan: Decimal | None
    alasan: str = ""


def anggaran(programs: list[Program]) -> Anggaran:
    """Sum pagu and realisasi of programs (via kinerja.total_program) and compute serapan with capaian.serapan."""
    if not programs:
        return Anggaran(None, None, None, "tidak ada program pendukung")
    totals = [_total_program(p) for p in programs]
    pagu = None if any(t[0] is None for t in totals) else sum((t[0] for t in totals if t[0] is not None), Decimal(0))
    real = None if any(t[1] is None for t in totals) else sum((t[1] for t in totals if t[1] is not None), Decimal(0))
    h = C.serapan(pagu, real)
    return Anggaran(pagu, real, h.nilai, h.alasan)


@dataclass
class AnalisisSasaran:
    """One sasaran: its computed indicators, the average capaian, its programs and efficiency."""

    sasaran: Sasaran
    baris: list[BarisCapaian]
    rata_rata: Decimal | None
    predikat: str
    program: list[Program]
    program_hilang: list[str]
    anggaran: Anggaran
    efisiensi: C.Efisiensi
    tercapai: list[BarisCapaian] = field(default_factory=list)
    belum: list[BarisCapaian] = field(default_factory=list)
    tanpa_data: list[BarisCapaian] = field(default_factory=list)


def tercapai(b: BarisCapaian) -> bool:
    """Whether an indicator reached its target (capaian of 100% or more)."""
    return b.capaian is not None and b.capaian >= C.SERATUS


def analisis(data: DataKinerja) -> list[AnalisisSasaran]:
    """Compute every sasaran of the year."""
    semua = hitung(data)
    skala = data.pengaturan.skala()
    des = data.pengaturan.desimal
    program = {p.kode: p for p in data.program}
    hasil = []
    for s in data.sasaran:
        baris = [b for b in semua if b.sasaran is s]
        rata = C.rata_rata([b.capaian for b in baris], data.pengaturan.batas_rata_rata)
        progs = [program[k] for k in s.program if k in program]
        agg = anggaran(progs)
        hasil.append(AnalisisSasaran(
            sasaran=s, baris=baris, rata_rata=rata, predikat=C.predikat(rata, skala), program=progs,
            program_hilang=[k for k in s.program if k not in program], anggaran=agg,
            efisiensi=C.efisiensi(*(C.bulatkan(v, des) if v is not None else None for v in (rata, agg.serapan))),
            tercapai=[b for b in baris if tercapai(b)],
            belum=[b for b in baris if b.capaian is not None and not tercapai(b)],
            tanpa_data=[b for b in baris if b.capaian is None],
        ))
    return hasil


@dataclass
class Ringkasan:
    """The headline figures of the year."""

    jumlah: int
    tercapai: int
    belum: int
    tanpa_data: int
    sebagian: list[BarisCapaian]  # measured, but only to an earlier quarter
    rata_rata: Decimal | None
    predikat: str
    anggaran: Anggaran


def ringkasan(data: DataKinerja) -> Ringkasan:
    """Count indicators, those on target, the average capaian (capped as the agency sets) and the absorption."""
    semua = hitung(data)
    rata = C.rata_rata([b.capaian for b in semua], data.pengaturan.batas_rata_rata)
    return Ringkasan(
        jumlah=len(semua),
        tercapai=sum(1 for b in semua if tercapai(b)),
        belum=sum(1 for b in semua if b.capaian is not None and not tercapai(b)),
        tanpa_data=sum(1 for b in semua if b.capaian is None),
        sebagian=[b for b in semua if b.terukur_sampai and b.capaian is not None],
        rata_rata=rata,
        predikat=C.predikat(rata, data.pengaturan.skala()),
        anggaran=anggaran(data.program),
    )


def rupiah(nilai: Decimal | None) -> str:
    """'Rp 1.250.000,00' or '-'."""
    return "-" if nilai is None else locale_id.rupiah(nilai)


def daftar_kode(baris: list[BarisCapaian]) -> str:
    """'IKU 1, IKU 2 dan IKK 1'."""
    kode = [b.indikator.kode for b in baris]
    return kode[0] if len(kode) == 1 else ", ".join(kode[:-1]) + " dan " + kode[-1]


def nilai_satuan(nilai: Decimal | None, ind: Indikator) -> str:
    """'74,61 indeks', '80 %' -> '80%'."""
    if nilai is None:
        return "-"
    teks = format_angka(nilai)
    return f"{teks}%" if ind.satuan.strip() == "%" else f"{teks} {ind.satuan}"


def kalimat_capaian(a: AnalisisSasaran, desimal: int) -> str:
    """Summarise target against realisasi for one sasaran."""
    n = len(a.baris)
    bagian = [f"Sasaran ini diukur dengan {n} indikator kinerja."]
    if a.tercapai:
        bagian.append(f"Sebanyak {len(a.tercapai)} indikator ({daftar_kode(a.tercapai)}) mencapai atau melampaui "
                      "target.")
    if a.belum:
        rinci = "; ".join(f"{b.indikator.kode} dengan capaian {format_persen(b.capaian, desimal)}"
                          + (f" {b.sd}" if b.sd else "")
                          for b in a.belum)
        bagian.append(f"Sebanyak {len(a.belum)} indikator belum mencapai target ({rinci}).")
    if a.tanpa_data:
        bagian.append(f"Capaian {daftar_kode(a.tanpa_data)} belum dapat diukur karena "
                      f"{a.tanpa_data[0].keterangan or 'data realisasi belum tersedia'}.")
    sebagian = [b for b in a.baris if b.terukur_sampai and b.capaian is not None]
    if sebagian:
        bagian.append("Capaian " + "; ".join(f"{b.indikator.kode} baru terukur s.d. Triwulan "
                                             f"{TRIWULAN[(b.terukur_sampai or 1) - 1]}" for b in sebagian)
                      + ", belum setahun penuh.")
    if a.rata_rata is not None:
        bagian.append(f"Rata-rata capaian sasaran adalah {format_persen(a.rata_rata, desimal)} dengan predikat "
                      f"{a.predikat}.")
    return " ".join(bagian)


def arah(ind: Indikator, lama: Decimal, baru: Decimal) -> str:
    """'membaik', 'menurun' or 'tetap' given the indicator's polarity."""
    if baru == lama:
        return "tetap"
    if ind.polaritas == "rentang":
        bawah, atas = ind.target_bawah, ind.target_atas
        if bawah is None or atas is None:
            return "berubah"

        def jarak(v: Decimal) -> Decimal:
            return Decimal(0) if bawah <= v <= atas else min(abs(v - bawah), abs(v - atas))

        return "membaik" if jarak(baru) < jarak(lama) else ("tetap" if jarak(baru) == jarak(lama) else "memburuk")
    naik = baru > lama
    return "membaik" if naik == (ind.polaritas == "naik") else "memburuk"


TAHUN_BANDING = 4  # previous years compared with the reported one: five years in all (53/2014)


def tahun_banding(ind: Indikator, tahun: int) -> dict[int, Decimal]:
    """The indicator's realisasi of the up to four years before `tahun` that have a figure, oldest first."""
    return {t: v for t, v in sorted(ind.realisasi_tahun_lalu.items())
            if v is not None and tahun - TAHUN_BANDING <= t < tahun}


def kalimat_tren(b: BarisCapaian, tahun: int) -> str | None:
    """Compare this year's realisasi with the latest and the earliest of the previous years compared; None without
    history."""
    ind = b.indikator
    lalu = tahun_banding(ind, tahun)
    if not lalu or b.realisasi is None:
        return None
    t_akhir = max(lalu)
    v = lalu[t_akhir]
    t_awal = min(lalu)
    teks = (f"Realisasi {ind.kode} tahun {tahun} sebesar {nilai_satuan(b.realisasi, ind)}{sd_koma(b)} "
            f"{arah(ind, v, b.realisasi)} dibandingkan tahun {t_akhir} ({nilai_satuan(v, ind)})")
    if t_awal != t_akhir:
        teks += f" dan {arah(ind, lalu[t_awal], b.realisasi)} dibandingkan tahun {t_awal} " \
                f"({nilai_satuan(lalu[t_awal], ind)})"
    return teks + "."


def sd_koma(b: BarisCapaian) -> str:
    """', s.d. TW III' after a figure measured only to that quarter, '' otherwise."""
    return f", {b.sd}" if b.sd else ""


def banding_renstra_tahunan(b: BarisCapaian, tahun: int) -> C.Hasil:
    """Realisasi against the Renstra's target for `tahun`, with the indicator's polarity (a range counts as
    'naik')."""
    ind = b.indikator
    target = ind.target_renstra.get(tahun)
    if target is None:
        return C.Hasil(None, f"target Renstra tahun {tahun} belum diisi")
    pol = "naik" if ind.polaritas == "rentang" else ind.polaritas
    return C.capaian(target, b.realisasi, pol)


@dataclass(frozen=True)
class EfisiensiKegiatan:
    """One kegiatan's output achieved against its budget absorbed."""

    kegiatan: Kegiatan
    capaian_keluaran: Decimal | None
    serapan: Decimal | None
    efisiensi: C.Efisiensi


def efisiensi_kegiatan(k: Kegiatan, desimal: int) -> EfisiensiKegiatan:
    """Compare a kegiatan's output achievement (realisasi / target keluaran) with its budget absorption; both are
    rounded as printed first, so the printed gap adds up."""
    if not k.keluaran or k.target_keluaran is None:
        hasil = C.Hasil(None, "indikator keluaran belum dicantumkan")
    else:
        hasil = C.capaian(k.target_keluaran, k.realisasi_keluaran, "naik")
    serapan = C.serapan(k.pagu, k.realisasi).nilai
    cap = C.bulatkan(hasil.nilai, desimal) if hasil.nilai is not None else None
    ser = C.bulatkan(serapan, desimal) if serapan is not None else None
    e = C.efisiensi(cap, ser)
    if hasil.nilai is None:
        e = C.Efisiensi("tidak dapat dinilai", None, hasil.alasan)
    return EfisiensiKegiatan(k, cap, ser, e)


def kemajuan_renstra(b: BarisCapaian) -> C.Hasil:
    """Realisasi to date against the Renstra end target, with the indicator's polarity (a range counts as 'naik')."""
    ind = b.indikator
    if ind.target_akhir_renstra is None:
        return C.Hasil(None, "target akhir Renstra belum diisi")
    pol = "naik" if ind.polaritas == "rentang" else ind.polaritas
    return C.capaian(ind.target_akhir_renstra, b.realisasi, pol)


def banding_standar(b: BarisCapaian) -> C.Hasil:
    """Realisasi against the national standard, with the indicator's polarity (a range counts as 'naik')."""
    ind = b.indikator
    if ind.standar_nasional is None:
        return C.Hasil(None, "tidak ada standar nasional")
    pol = "naik" if ind.polaritas == "rentang" else ind.polaritas
    return C.capaian(ind.standar_nasional, b.realisasi, pol)


def draf_penyebab(a: AnalisisSasaran, desimal: int) -> str:
    """A draft sentence on causes, made from the figures, for the user to replace."""
    bagian = []
    if a.tercapai:
        bagian.append(f"Tercapainya target {daftar_kode(a.tercapai)} didukung oleh pelaksanaan program pendukung "
                      + (f"dengan serapan anggaran {format_persen(a.anggaran.serapan, desimal)}"
                         if a.anggaran.serapan is not None else "sesuai rencana") + ".")
    if a.belum:
        unit = sorted({b.indikator.unit_kerja for b in a.belum if b.indikator.unit_kerja})
        bagian.append(f"Belum tercapainya target {daftar_kode(a.belum)} perlu ditelusuri penyebabnya bersama "
                      + (", ".join(unit) if unit else "unit kerja penanggung jawab") + ".")
    if a.tanpa_data:
        bagian.append(f"Data realisasi {daftar_kode(a.tanpa_data)} belum dilaporkan sehingga capaiannya belum "
                      "dapat dianalisis.")
    return " ".join(bagian) or "Seluruh indikator belum memiliki data realisasi."


def draf_solusi(a: AnalisisSasaran) -> str:
    """A draft sentence on solutions, made from the figures, for the user to replace."""
    bagian = []
    if a.belum:
        bagian.append(f"Menyusun rencana aksi perbaikan untuk {daftar_kode(a.belum)} dan memantau realisasinya "
                      "setiap triwulan.")
    if a.tanpa_data:
        bagian.append(f"Menetapkan batas waktu pelaporan realisasi {daftar_kode(a.tanpa_data)} kepada unit kerja "
                      "penanggung jawab.")
    if not bagian:
        bagian.append("Mempertahankan capaian dengan melanjutkan program pendukung dan meningkatkan target "
                      "secara bertahap sesuai Renstra.")
    return " ".join(bagian)


def kalimat_efisiensi(a: AnalisisSasaran, desimal: int) -> str:
    """Explain capaian against serapan for one sasaran."""
    e = a.efisiensi
    if e.selisih is None:
        sebab = ("rata-rata capaian belum dapat dihitung" if a.rata_rata is None
                 else f"serapan anggaran belum dapat dihitung ({a.anggaran.alasan})")
        return f"Efisiensi penggunaan sumber daya pada sasaran ini tidak dapat dinilai karena {sebab}."
    perbandingan = "lebih tinggi dari atau sama dengan" if e.selisih >= 0 else "lebih rendah dari"
    kalimat = (f"Rata-rata capaian kinerja sasaran sebesar {format_persen(a.rata_rata, desimal)} {perbandingan} "
               f"serapan anggaran program pendukungnya sebesar {format_persen(a.anggaran.serapan, desimal)} "
               f"(selisih {format_angka(e.selisih, desimal)} poin persentase)")
    if e.status == "belum efisien":
        return (f"{kalimat}, tetapi target sasaran belum tercapai (rata-rata capaian di bawah 100%), sehingga "
                "penggunaan anggaran pada sasaran ini dinilai belum efisien.")
    return f"{kalimat}, sehingga penggunaan anggaran pada sasaran ini dinilai {e.status}."


def kalimat_efisiensi_kegiatan(baris: list[EfisiensiKegiatan]) -> str:
    """Count the supporting kegiatan per efficiency status, naming those that are not efficient."""
    if not baris:
        return "Belum ada kegiatan pendukung yang dicantumkan, sehingga efisiensi per kegiatan belum dapat dinilai."
    dinilai = [e for e in baris if e.efisiensi.selisih is not None]
    if not dinilai:
        return (f"Indikator keluaran (output) {len(baris)} kegiatan pendukung belum dicantumkan atau realisasinya "
                "belum tersedia, sehingga efisiensi per kegiatan belum dapat dinilai.")
    urutan = ("efisien", "belum efisien", "tidak efisien")
    bagian = [f"{n} kegiatan {status}" for status in urutan
              if (n := sum(1 for e in dinilai if e.efisiensi.status == status))]
    teks = (f"Dari {len(baris)} kegiatan pendukung, {len(dinilai)} kegiatan dapat dinilai dengan membandingkan capaian "
            f"keluaran (output) dengan serapan anggarannya: {locale_id.daftar(bagian)}.")
    kurang = [e.kegiatan.nama for e in dinilai if e.efisiensi.status != "efisien"]
    if kurang:
        teks += f" Kegiatan yang perlu mendapat perhatian: {'; '.join(kurang)}."
    sisa = len(baris) - len(dinilai)
    if sisa:
        teks += f" Sebanyak {sisa} kegiatan belum dapat dinilai karena keluaran atau realisasinya belum tersedia."
    return teks


def kesimpulan(r: Ringkasan, data: DataKinerja, per_sasaran: list[AnalisisSasaran]) -> list[str]:
    """The generated conclusion paragraphs."""
    d = data.pengaturan.desimal
    par = [f"Pada tahun {data.tahun}, dari {r.jumlah} indikator kinerja yang diperjanjikan, {r.tercapai} indikator "
           f"mencapai atau melampaui target, {r.belum} indikator belum mencapai target"
           + (f", dan {r.tanpa_data} indikator belum dapat diukur karena data realisasi belum tersedia" if r.tanpa_data
              else "") + "."]
    if r.rata_rata is not None:
        par.append(f"Rata-rata capaian kinerja adalah {format_persen(r.rata_rata, d)} dengan predikat {r.predikat}.")
    if r.anggaran.serapan is not None:
        par.append(f"Realisasi anggaran sebesar {rupiah(r.anggaran.realisasi)} dari pagu {rupiah(r.anggaran.pagu)} "
                   f"atau {format_persen(r.anggaran.serapan, d)}.")
    terbaik = [a for a in per_sasaran if a.rata_rata is not None]
    if len(terbaik) > 1:
        tinggi = max(terbaik, key=lambda a: a.rata_rata or 0)
        rendah = min(terbaik, key=lambda a: a.rata_rata or 0)
        par.append(f"Capaian rata-rata tertinggi terdapat pada sasaran \u201c{tinggi.sasaran.sasaran}\u201d "
                   f"({format_persen(tinggi.rata_rata, d)}) dan terendah pada sasaran "
                   f"\u201c{rendah.sasaran.sasaran}\u201d ({format_persen(rendah.rata_rata, d)}).")
    return [" ".join(par)]
