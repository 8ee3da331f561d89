"""The daftar arsip workbook of a berkas: its identity above, one row per item, A4 landscape print setup."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docgen.bundle.model import Item
from docgen.xlsx_cetak import isi_sel, siapkan_cetak

KOLOM_XLSX = ("No", "Kode Klasifikasi", "Uraian", "Tanggal", "Jumlah Halaman", "Nomor Surat", "Keterangan",
              "Halaman dalam Berkas", "Nama Berkas")
LEBAR_XLSX = (6, 17, 58, 13, 11, 30, 16, 13, 30)


def daftar_arsip_xlsx(identitas: dict[str, Any], items: list[Item], *, nama_pdf: str, total: int,
                      waktu: dt.datetime) -> bytes:
    """The archive list as a workbook: berkas identity above, one row per item, A4 landscape print setup."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    tipis = Side(style="thin", color="808080")
    bingkai = Border(left=tipis, right=tipis, top=tipis, bottom=tipis)
    wb = Workbook()
    ws = wb.active
    ws.title = "Daftar Arsip"
    akhir = get_column_letter(len(KOLOM_XLSX))
    # every text (the berkas identity, uraian, nomor surat, keterangan, names) goes in through isi_sel: stored as
    # text, so "=HYPERLINK(...)" typed by a user is never a formula in Excel
    isi_sel(ws, 1, 1, "DAFTAR ARSIP").font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{akhir}1")
    isi_sel(ws, 2, 1, identitas["instansi"])
    ws.merge_cells(f"A2:{akhir}2")
    baris_identitas = [
        ("Kode/Nomor Berkas", identitas["kode"]),
        ("Judul Berkas", identitas["judul"]),
        ("Unit Pengolah", identitas["unit_pengolah"]),
        ("Kode Klasifikasi", identitas.get("kode_klasifikasi") or "-"),
        ("Kurun Waktu", identitas["periode"]),
        ("Tahun", identitas["tahun"]),
        ("Jumlah Item", len(items)),
        ("Jumlah Halaman", f"{total} halaman termasuk daftar isi ({nama_pdf})"),
    ]
    if identitas.get("lokasi"):
        baris_identitas.append(("Lokasi Simpan", identitas["lokasi"]))
    r = 4
    for label, nilai in baris_identitas:
        isi_sel(ws, r, 1, label).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        isi_sel(ws, r, 3, nilai).alignment = Alignment(horizontal="left")
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=len(KOLOM_XLSX))
        r += 1
    kepala = r + 1
    for c, (judul, lebar) in enumerate(zip(KOLOM_XLSX, LEBAR_XLSX, strict=True), 1):
        sel = isi_sel(ws, kepala, c, judul)
        sel.font = Font(bold=True)
        sel.fill = PatternFill("solid", fgColor="D9D9D9")
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sel.border = bingkai
        ws.column_dimensions[get_column_letter(c)].width = lebar
    for k, it in enumerate(items, 1):
        akhir_hal = it.halaman_awal + it.halaman - 1
        nilai = (k, it.kode_klasifikasi or "-", f"{it.judul}: {it.uraian}", it.tanggal, it.halaman,
                 it.nomor_surat or "-", it.keterangan or "-",
                 f"{it.halaman_awal}-{akhir_hal}" if akhir_hal > it.halaman_awal else str(it.halaman_awal),
                 f"{it.nama}.pdf")
        for c, v in enumerate(nilai, 1):
            sel = isi_sel(ws, kepala + k, c, v)
            sel.border = bingkai
            sel.alignment = Alignment(vertical="top", wrap_text=c in (3, 6, 7, 9),
                                      horizontal="center" if c in (1, 2, 4, 5, 8) else "left")
            if c == 4 and v is not None:
                sel.number_format = "DD/MM/YYYY"
    jumlah = kepala + len(items) + 1
    isi_sel(ws, jumlah, 1, "Jumlah halaman naskah").font = Font(bold=True)
    ws.merge_cells(start_row=jumlah, start_column=1, end_row=jumlah, end_column=4)
    ws.cell(jumlah, 1).alignment = Alignment(horizontal="right")
    ws.cell(jumlah, 5, sum(it.halaman for it in items)).font = Font(bold=True)
    ws.cell(jumlah, 5).alignment = Alignment(horizontal="center")
    for c in range(1, len(KOLOM_XLSX) + 1):
        ws.cell(jumlah, c).border = bingkai
    ws.freeze_panes = ws.cell(kepala + 1, 1)
    siapkan_cetak(ws, kepala)
    polos = waktu.astimezone(dt.UTC).replace(tzinfo=None)
    wb.properties.creator = "docgen"
    wb.properties.title = f"Daftar Arsip {identitas['kode']}"
    wb.properties.created = polos
    wb.properties.modified = polos
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
