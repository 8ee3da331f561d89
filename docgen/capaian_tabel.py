"""The capaian table as rows of plain values, and its JSON, CSV and text renderings (for `docgen capaian`)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from docgen.capaian import bulatkan
from docgen.kinerja import BarisCapaian, DataKinerja, format_angka, format_persen, hitung
from docgen.xlsx_cetak import aman_csv

KOLOM = ("kode", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian", "predikat", "keterangan")
_TEKS = frozenset({"kode", "sasaran", "indikator", "satuan", "predikat", "keterangan"})  # not the figures ("-5")


def _angka_json(nilai: Decimal | None, desimal: int | None = None) -> float | None:
    if nilai is None:
        return None
    return float(bulatkan(nilai, desimal) if desimal is not None else nilai)


def baris_json(b: BarisCapaian, desimal: int) -> dict:
    """One indicator as JSON-ready values (numbers as numbers, capaian rounded)."""
    ind = b.indikator
    return {
        "kode": ind.kode,
        "sasaran": b.sasaran.sasaran,
        "indikator": ind.indikator,
        "satuan": ind.satuan,
        "target": _angka_json(b.target) if ind.polaritas != "rentang" else
        [_angka_json(ind.target_bawah), _angka_json(ind.target_atas)],
        "realisasi": _angka_json(b.realisasi),
        "capaian": _angka_json(b.capaian, desimal),
        "predikat": b.predikat,
        "keterangan": b.keterangan,
        "capaian_triwulan": [_angka_json(v, desimal) for v in b.capaian_triwulan],
    }


def baris_teks(b: BarisCapaian, desimal: int) -> dict[str, str]:
    """One indicator with every figure printed Indonesian style."""
    ind = b.indikator
    return {
        "kode": ind.kode, "sasaran": b.sasaran.sasaran, "indikator": ind.indikator, "satuan": ind.satuan,
        "target": b.target_teks, "realisasi": format_angka(b.realisasi),
        "capaian": format_persen(b.capaian, desimal), "predikat": b.predikat, "keterangan": b.keterangan,
    }


def ke_json(data: DataKinerja) -> list[dict]:
    return [baris_json(b, data.pengaturan.desimal) for b in hitung(data)]


def ke_csv(data: DataKinerja) -> str:
    """CSV for spreadsheets set to Indonesian: ';' between columns, decimal comma."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=KOLOM, delimiter=";", lineterminator="\n")
    w.writeheader()
    for b in hitung(data):  # the agency's text (sasaran, indikator ...) never starts a formula in the spreadsheet
        w.writerow({k: aman_csv(v) if k in _TEKS else v for k, v in baris_teks(b, data.pengaturan.desimal).items()})
    return buf.getvalue()


def ke_tabel(data: DataKinerja, lebar_indikator: int = 44) -> str:
    """An aligned text table for the terminal."""
    rows = [baris_teks(b, data.pengaturan.desimal) for b in hitung(data)]
    for r in rows:
        if len(r["indikator"]) > lebar_indikator:
            r["indikator"] = r["indikator"][: lebar_indikator - 1] + "…"
    kolom = ("kode", "indikator", "satuan", "target", "realisasi", "capaian", "predikat", "keterangan")
    judul = {k: k.capitalize() for k in kolom}
    lebar = {k: max(len(judul[k]), *(len(r[k]) for r in rows)) for k in kolom}
    kanan = {"target", "realisasi", "capaian"}

    def fmt(r: dict[str, str]) -> str:
        return "  ".join(r[k].rjust(lebar[k]) if k in kanan else r[k].ljust(lebar[k]) for k in kolom).rstrip()

    garis = "  ".join("-" * lebar[k] for k in kolom)
    return "\n".join([fmt(judul), garis, *(fmt(r) for r in rows)]) + "\n"
