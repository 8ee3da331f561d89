"""The questions a SAKIP evaluator (Permen PANRB 88/2021, pelaporan kinerja) asks of a year's data, as warnings.

Each finding names the indicator's path in the input and says in Indonesian what to check: an indicator measured
only part of the year (its annual figure is not the year's), an indicator with no realisasi, a target at or below
last year's realisasi, a percentage summed across quarters, a missing baseline or Renstra end target, and a text of the
user's that names another predikat than the figures give. The document is still made; the warnings are shown with it
(CLI and web).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from docgen.kinerja import TRIWULAN, DataKinerja, Indikator, format_angka, triwulan_hilang

_SATUAN_PERSEN = ("%", "persen")


@dataclass(frozen=True)
class Catatan:
    """One finding: the input path it is about and the message."""

    medan: str
    pesan: str


def terukur_sampai(ind: Indikator, sampai: int) -> int | None:
    """The last quarter (up to `sampai`) with a realisasi; None when the indicator has none."""
    isi = [i + 1 for i in range(sampai) if ind.realisasi_triwulan[i] is not None]
    return isi[-1] if isi else None


def _naik_tidak_naik(ind: Indikator, lalu: Decimal) -> bool:
    if ind.target is None or ind.polaritas == "rentang":
        return False
    return ind.target <= lalu if ind.polaritas == "naik" else ind.target >= lalu


def telaah(data: DataKinerja, *, perencanaan: bool = True) -> list[Catatan]:
    """Every finding on `data`, in the order of the sasaran and indicators; without `perencanaan` only those about
    the measurement (for the quarterly papers), not the plan's targets, baseline and Renstra."""
    sampai = data.triwulan or 4
    hasil: list[Catatan] = []
    for i, s in enumerate(data.sasaran):
        for j, ind in enumerate(s.indikator):
            medan = f"kinerja.sasaran.{i}.indikator.{j}"
            akhir = terukur_sampai(ind, sampai)
            hilang = triwulan_hilang(ind, sampai)
            if akhir is None:
                hasil.append(Catatan(medan, f"{ind.kode} belum terukur: belum ada realisasi triwulan; indikator ini "
                                            "tidak ikut dalam rata-rata capaian."))
            elif hilang and akhir == sampai:
                tw = ", ".join(TRIWULAN[n - 1] for n in hilang)
                hasil.append(Catatan(medan, f"{ind.kode}: data TW {tw} belum ada; realisasinya dihitung dari triwulan "
                                            "yang sudah dilaporkan saja."))
            elif hilang:
                tw = ", ".join(TRIWULAN[n - 1] for n in hilang)
                rentang = "setahun penuh" if sampai == 4 else f"sampai Triwulan {TRIWULAN[sampai - 1]}"
                hasil.append(Catatan(medan, f"{ind.kode} baru terukur s.d. Triwulan {TRIWULAN[akhir - 1]} (data TW "
                                            f"{tw} belum ada): realisasi dan capaiannya belum mencerminkan "
                                            f"{rentang}."))
            lalu = ind.realisasi_tahun_lalu.get(data.tahun - 1)
            if perencanaan and lalu is not None and _naik_tidak_naik(ind, lalu):
                arah = "tidak lebih tinggi" if ind.polaritas == "naik" else "tidak lebih rendah"
                hasil.append(Catatan(f"{medan}.target",
                                     f"{ind.kode}: target {data.tahun} ({format_angka(ind.target)}) {arah} dari "
                                     f"realisasi {data.tahun - 1} ({format_angka(lalu)}); evaluator menilai target "
                                     "yang tidak menantang."))
            if ind.aturan_triwulan == "kumulatif" and any(p in ind.satuan.casefold() for p in _SATUAN_PERSEN):
                hasil.append(Catatan(f"{medan}.aturan_triwulan",
                                     f"{ind.kode}: satuan persen dijumlahkan antar-triwulan (kumulatif); pastikan "
                                     "realisasi triwulan adalah tambahan, bukan persentase sampai triwulan itu "
                                     "(pakai aturan 'terakhir' bila demikian)."))
            kurang = [nama for nama, v in (("baseline", ind.baseline), ("target akhir Renstra",
                                                                        ind.target_akhir_renstra)) if v is None]
            if perencanaan and kurang:
                hasil.append(Catatan(medan, f"{ind.kode}: {' dan '.join(kurang)} belum diisi; analisis kemajuan "
                                            "terhadap Renstra tidak dapat disajikan."))
    return hasil


def predikat_disebut(teks: str, label: Sequence[str]) -> list[str]:
    """The predikat labels a text names after 'predikat' or 'kategori' ('kategori baik' -> ['Baik']), the longest
    label first so that 'sangat baik' is never read as 'baik'."""
    urut = sorted(label, key=len, reverse=True)
    pola = re.compile(r"\b(?:predikat|kategori)\s+(" + "|".join(re.escape(x) for x in urut) + r")\b", re.IGNORECASE)
    bentuk = {x.casefold(): x for x in label}
    return [bentuk[m.group(1).casefold()] for m in pola.finditer(teks or "")]


def teks_bertentangan(teks: dict[str, tuple[str, str]], label: Sequence[str]) -> list[Catatan]:
    """A finding for every text (input path -> (text, the predikat the figures give)) that names another predikat."""
    hasil = []
    for medan, (isi, benar) in teks.items():
        for disebut in predikat_disebut(isi, label):
            if benar not in ("", "-") and disebut != benar:
                hasil.append(Catatan(medan, f"teks menyebut predikat '{disebut}', padahal angka capaian memberi "
                                            f"predikat '{benar}'; sesuaikan teksnya atau periksa datanya."))
    return hasil
