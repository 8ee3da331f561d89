"""The quarterly realisasi form as an Excel workbook: write it for one unit kerja, read it back, apply it.

The Bidang fills the form offline. Only the realisasi and penjelasan cells are unlocked; a hidden sheet
`_meta` records the format version, the year, the unit and the kode of every row, so the rows are mapped
back by their Kode (never by their position). Reading reports every bad cell at once and imports nothing
when any cell is bad.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from docgen import arsip_zip, locale_id
from docgen.errors import InputTidakValid
from docgen.kinerja import TRIWULAN, DataKinerja, Indikator, format_angka, indikator_unit, unit_kerja
from docgen.teks import bersihkan
from docgen.xlsx_cetak import atur_lebar, siapkan_cetak

SHEET = "Formulir"
SHEET_META = "_meta"
PENANDA = "docgen.formulir_realisasi"
VERSI = 1
# Not a secret (it is in the source): protection only stops accidental edits of the structure and the
# locked cells. Filling the form never needs it; the input cells are unlocked.
KATA_SANDI = "docgen-sakip"
MAKS_BYTE = 10 * 1024 * 1024
MAKS_PENJELASAN = 1000  # the length Indikator.penjelasan accepts

KOLOM_REALISASI = tuple(f"Realisasi TW {tw}" for tw in TRIWULAN)
KOLOM_TARGET = tuple(f"Target TW {tw}" for tw in TRIWULAN)
KOLOM_PENJELASAN = "Penjelasan/Bukti"
KOLOM = ("No", "Kode", "Sasaran", "Indikator", "Satuan", "Target Tahun", *KOLOM_TARGET, *KOLOM_REALISASI,
         KOLOM_PENJELASAN)
LEBAR = (5, 11, 32, 42, 10, 11, 9, 9, 9, 9, 11, 11, 11, 11, 45)

PETUNJUK = (
    "Petunjuk pengisian:",
    "1. Isi hanya sel berwarna kuning: Realisasi TW I-IV dan Penjelasan/Bukti. Sel lain dikunci.",
    "2. Tulis angka saja tanpa satuan; koma untuk desimal dan titik untuk ribuan, mis. 12,5 atau 1.250.",
    "3. Kosongkan sel (atau tulis -) bila data belum ada. Angka 0 berarti realisasinya memang nol.",
    "4. Untuk indikator kumulatif, isi realisasi triwulan itu saja, bukan jumlah sejak awal tahun.",
    "5. Jangan mengubah kolom Kode dan jangan menghapus baris; formulir dibaca kembali berdasarkan Kode.",
)

_TIPIS = Side(style="thin", color="808080")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_ISIAN = PatternFill("solid", fgColor="FFF2CC")
_JUDUL_TABEL = PatternFill("solid", fgColor="D9D9D9")
_TERBUKA = Protection(locked=False)


@dataclass(frozen=True)
class RealisasiImpor:
    """The realisasi of one indicator as read from the form."""

    kode: str
    realisasi_triwulan: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]
    penjelasan: str
    baris: int


@dataclass
class HasilImpor:
    """What a filled form holds: its year and unit, and the realisasi per kode."""

    tahun: int
    unit: str | None
    indikator: dict[str, RealisasiImpor] = field(default_factory=dict)
    tidak_ada: list[str] = field(default_factory=list)  # kode in _meta whose row is no longer in the form

    def ke_json(self) -> dict[str, Any]:
        """Return the imported values as JSON-ready data (numbers as JSON numbers, exact)."""
        return {
            "tahun": self.tahun,
            "unit": self.unit,
            "indikator": [
                {"kode": r.kode, "realisasi_triwulan": [angka_json(v) for v in r.realisasi_triwulan],
                 "penjelasan": r.penjelasan}
                for r in self.indikator.values()
            ],
        }


def angka_json(nilai: Decimal | None) -> int | float | str | None:
    """Return a Decimal as a JSON number when that is exact, else as Indonesian text ('12345678901234567,5')."""
    if nilai is None:
        return None
    if nilai == nilai.to_integral_value():
        return int(nilai)
    f = float(nilai)
    if Decimal(repr(f)) == nilai:
        return f
    return format(nilai, "f").replace(".", ",")


def kinerja_json(data: DataKinerja) -> dict[str, Any]:
    """Return performance data as JSON-ready input that DataKinerja reads back unchanged."""

    def ubah(v: Any) -> Any:
        if isinstance(v, Decimal):
            return angka_json(v)
        if isinstance(v, dict):
            return {str(k): ubah(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [ubah(x) for x in v]
        return v

    return ubah(data.model_dump(exclude_defaults=True))


# ---------------------------------------------------------------------------------------------- writing


def _cari_unit(data: DataKinerja, unit: str | None) -> str | None:
    if unit is None:
        return None
    dikenal = unit_kerja(data)
    for u in dikenal:
        if u.casefold() == unit.strip().casefold():
            return u
    pilihan = ", ".join(dikenal) if dikenal else "(belum ada indikator yang menyebut unit_kerja)"
    raise InputTidakValid(f"Unit kerja '{unit}' tidak dikenal",
                          fields={"unit": f"unit kerja '{unit}' tidak ada dalam data; pilihan: {pilihan}"})


def _target_tahun(ind: Indikator) -> Decimal | str | None:
    if ind.polaritas == "rentang":
        return f"{format_angka(ind.target_bawah)} - {format_angka(ind.target_atas)}"
    return ind.target


def _judul(ws: Worksheet, baris: int, teks: str, *, tebal: bool = False, ukuran: int = 11) -> None:
    ws.cell(baris, 1, teks).font = Font(bold=tebal, size=ukuran)
    ws.merge_cells(start_row=baris, start_column=1, end_row=baris, end_column=len(KOLOM))


def tulis_formulir(data: DataKinerja, unit: str | None, *, instansi_nama: str = "") -> bytes:
    """Write the realisasi form (.xlsx) for the indicators of one unit kerja, or of all units when unit is None."""
    unit = _cari_unit(data, unit)
    pasangan = indikator_unit(data, unit)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET

    r = 1
    if instansi_nama.strip():
        _judul(ws, r, instansi_nama.strip().upper(), tebal=True, ukuran=12)
        r += 1
    _judul(ws, r, "FORMULIR PEMANTAUAN CAPAIAN KINERJA", tebal=True, ukuran=14)
    _judul(ws, r + 1, f"Unit kerja: {unit or 'Semua unit kerja'}", tebal=True)
    _judul(ws, r + 2, f"Tahun: {data.tahun}", tebal=True)
    r += 4
    for i, teks in enumerate(PETUNJUK):
        _judul(ws, r + i, teks, tebal=i == 0)
    r += len(PETUNJUK) + 1

    kepala = r
    for c, judul in enumerate(KOLOM, start=1):
        sel = ws.cell(kepala, c, judul)
        sel.font = Font(bold=True)
        sel.fill = _JUDUL_TABEL
        sel.border = _BINGKAI
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[kepala].height = 30

    pertama = kepala + 1
    for n, (s, ind) in enumerate(pasangan, start=1):
        b = kepala + n
        nilai = [n, ind.kode, s.sasaran, ind.indikator, ind.satuan, _target_tahun(ind), *ind.target_triwulan,
                 *ind.realisasi_triwulan, ind.penjelasan or None]
        for c, v in enumerate(nilai, start=1):
            sel = ws.cell(b, c, v)
            sel.border = _BINGKAI
            bungkus = c in (3, 4, len(KOLOM))
            sel.alignment = Alignment(vertical="top", wrap_text=bungkus, horizontal=None if bungkus else "center")
            if c > len(KOLOM) - 5:
                sel.protection = _TERBUKA
                sel.fill = _ISIAN
    terakhir = kepala + len(pasangan)

    # Excel's own check only warns (errorStyle "warning", not "stop"): a value typed as text, e.g. "12,5" in
    # an Excel set to English or a cell formatted as Text, is not a decimal to Excel, and "stop" would refuse
    # it although baca_formulir reads it correctly. The real check is baca_formulir, which rejects bad cells.
    dv = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorStyle="warning", errorTitle="Periksa realisasi",
        error="Realisasi harus angka 0 atau lebih, mis. 12,5 atau 1.250. Kosongkan bila data belum ada.",
        showInputMessage=True, promptTitle="Realisasi triwulan",
        prompt="Isi angka tanpa satuan, koma untuk desimal (mis. 12,5). Kosongkan bila data belum ada.",
    )
    c0 = KOLOM.index(KOLOM_REALISASI[0]) + 1
    dv.add(f"{get_column_letter(c0)}{pertama}:{get_column_letter(c0 + 3)}{terakhir}")
    ws.add_data_validation(dv)

    atur_lebar(ws, LEBAR)
    ws.freeze_panes = ws.cell(pertama, KOLOM.index("Satuan") + 1)
    siapkan_cetak(ws, kepala)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.protection.set_password(KATA_SANDI)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # False = allowed: the user may widen columns and rows to read
    ws.protection.formatRows = False

    meta = wb.create_sheet(SHEET_META)
    meta.append([PENANDA, VERSI])
    meta.append(["tahun", data.tahun])
    meta.append(["unit", unit or ""])
    meta.append(["kode", "baris"])
    for n, (_, ind) in enumerate(pasangan, start=1):
        meta.append([ind.kode, kepala + n])
    meta.sheet_state = "hidden"
    meta.protection.set_password(KATA_SANDI)
    meta.protection.sheet = True
    wb.security = WorkbookProtection(workbookPassword=KATA_SANDI, lockStructure=True)
    wb.active = 0

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------- reading


def _buka(isi: bytes) -> tuple[Any, Any]:
    """Open the workbook twice: cached values, and formulas (to spot formulas Excel never computed)."""
    bukan_xlsx = InputTidakValid(
        "Berkas bukan formulir Excel (.xlsx)",
        fields={"berkas": "bukan berkas Excel .xlsx yang dapat dibaca (mungkin .xls lama, CSV, atau rusak); "
                          "buka di Excel lalu simpan sebagai Excel Workbook (.xlsx)"},
    )
    if len(isi) > MAKS_BYTE:
        raise InputTidakValid("Berkas terlalu besar",
                              fields={"berkas": f"berkas lebih dari {MAKS_BYTE // (1024 * 1024)} MB; "
                                                "ini bukan formulir realisasi"})
    if not zipfile.is_zipfile(io.BytesIO(isi)):
        lain = arsip_zip.jenis_sebenarnya(isi)
        if lain:
            raise InputTidakValid("Berkas bukan formulir Excel (.xlsx)", fields={
                "berkas": f"isi berkas adalah {lain}, bukan berkas Excel .xlsx yang dapat dibaca; unggah formulir "
                          "yang diunduh dari halaman realisasi"})
        raise bukan_xlsx
    arsip_zip.periksa_xlsx(isi)  # entries, sizes and ratios from the ZIP directory: no bomb reaches openpyxl
    try:
        with warnings.catch_warnings():
            # Excel and LibreOffice store some features (data validation, conditional formatting) as
            # extensions that openpyxl drops with a UserWarning. Only cell values are read here, so that
            # loss does not matter; the filter is limited to this message and to this call.
            warnings.filterwarnings("ignore", message=r".* extension is not supported and will be removed",
                                    category=UserWarning)
            nilai = load_workbook(io.BytesIO(isi), data_only=True)
            rumus = load_workbook(io.BytesIO(isi), data_only=False)
    except Exception:  # any failure to parse untrusted bytes means "not an xlsx"
        raise bukan_xlsx from None
    return nilai, rumus


@dataclass(frozen=True)
class _Meta:
    tahun: int
    unit: str | None
    kode: tuple[str, ...]


def _baca_meta(wb: Any) -> _Meta:
    if SHEET_META not in wb.sheetnames:
        raise InputTidakValid(
            "Berkas ini bukan formulir realisasi docgen",
            fields={SHEET_META: "sheet _meta tidak ada: berkas bukan formulir docgen atau strukturnya diubah; "
                                "unduh formulir baru lalu salin isiannya"},
        )
    baris = [[c.value for c in r[:2]] for r in wb[SHEET_META].iter_rows(max_col=2)]
    salah = InputTidakValid("Sheet _meta rusak", fields={SHEET_META: "isi sheet _meta rusak; unduh formulir baru"})
    if len(baris) < 4 or baris[0][0] != PENANDA:
        raise salah
    if baris[0][1] != VERSI:
        raise InputTidakValid("Versi formulir tidak dikenal", fields={
            SHEET_META: f"versi formulir {baris[0][1]!r} tidak dikenal (yang dikenal: {VERSI}); unduh formulir baru"})
    kunci = {str(k): v for k, v in baris[1:3]}
    tahun, unit = kunci.get("tahun"), kunci.get("unit")
    if not isinstance(tahun, int) or isinstance(tahun, bool) or baris[3][0] != "kode":
        raise salah
    kode = tuple(str(k).strip() for k, _ in baris[4:] if k is not None and str(k).strip())
    if not kode or len(set(kode)) != len(kode):
        raise salah
    return _Meta(tahun=tahun, unit=str(unit).strip() if unit else None, kode=kode)


def _cari_kepala(ws: Worksheet) -> tuple[int, dict[str, int]] | None:
    """Find the table's header row and the column of each header (by text, so columns may move)."""
    for baris in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 60)):
        kolom = {str(c.value).strip(): c.column for c in baris if isinstance(c.value, str)}
        if "Kode" in kolom and KOLOM_REALISASI[0] in kolom:
            return baris[0].row, kolom
    return None


def _kosong(v: object) -> bool:
    return v is None or (isinstance(v, str) and v.strip() in ("", "-"))


def _baca_realisasi(sel: Cell, sel_rumus: Cell) -> Decimal | None:
    """Read one realisasi cell; raise ValueError with the Indonesian reason."""
    v = sel.value
    if sel_rumus.data_type == "f" and v is None:
        raise ValueError("berisi rumus yang belum pernah dihitung; ketik angkanya langsung")
    if sel.data_type == "e":
        raise ValueError(f"berisi galat rumus {v}")
    if _kosong(v):
        return None
    if isinstance(v, bool):
        raise ValueError(f"berisi nilai logika {'TRUE' if v else 'FALSE'}, bukan angka")
    if isinstance(v, dt.date | dt.time | dt.timedelta):
        raise ValueError("berisi tanggal/jam, bukan angka; ubah format sel menjadi Umum (General) lalu ketik "
                         "ulang angkanya")
    if isinstance(v, float):
        # Excel keeps 15 significant digits and shows no more: =0,1+0,2 is 0,3, not 0.30000000000000004.
        v = Decimal(format(v, ".15g"))
    angka = locale_id.baca_angka(v)
    if angka < 0:
        raise ValueError(f"'{v}' negatif; realisasi tidak boleh kurang dari 0")
    return angka


def _baca_penjelasan(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float | Decimal):
        teks = locale_id.angka(Decimal(str(v)))
    elif isinstance(v, dt.datetime | dt.date):
        teks = locale_id.tanggal(v)
    else:
        teks = str(v)
    teks = bersihkan(teks)[0].strip()
    if len(teks) > MAKS_PENJELASAN:
        raise ValueError(f"terlalu panjang ({len(teks)} karakter, paling banyak {MAKS_PENJELASAN})")
    return teks


def baca_formulir(isi: bytes) -> HasilImpor:
    """Read a filled realisasi form; raise InputTidakValid naming every bad cell, importing nothing."""
    wb, wb_rumus = _buka(isi)
    meta = _baca_meta(wb)
    if SHEET not in wb.sheetnames:
        raise InputTidakValid("Sheet Formulir tidak ada",
                              fields={SHEET: "sheet Formulir tidak ada; unduh formulir baru"})
    ws, ws_rumus = wb[SHEET], wb_rumus[SHEET]
    kepala = _cari_kepala(ws)
    if kepala is None:
        raise InputTidakValid("Tabel formulir tidak ditemukan",
                              fields={SHEET: "baris judul tabel (No, Kode, ..., Realisasi TW I) tidak ditemukan"})
    baris_kepala, kolom = kepala
    hilang = [k for k in ("Kode", *KOLOM_REALISASI, KOLOM_PENJELASAN) if k not in kolom]
    if hilang:
        raise InputTidakValid("Kolom formulir hilang",
                              fields={f"{SHEET}!baris {baris_kepala}": f"kolom tidak ada: {', '.join(hilang)}"})

    salah: dict[str, str] = {}
    hasil: dict[str, RealisasiImpor] = {}
    dikenal = set(meta.kode)
    for b in range(baris_kepala + 1, ws.max_row + 1):
        sel_kode = ws.cell(b, kolom["Kode"])
        kode = "" if sel_kode.value is None else str(sel_kode.value).strip()
        sel_real = [ws.cell(b, kolom[k]) for k in KOLOM_REALISASI]
        sel_penj = ws.cell(b, kolom[KOLOM_PENJELASAN])
        if not kode and all(_kosong(c.value) for c in (*sel_real, sel_penj)):
            continue  # an empty row below or inside the table
        nama = kode or f"baris {b}"

        def lapor(sel: Cell, judul: str, pesan: str, nama: str = nama) -> None:
            salah[f"{SHEET}!{sel.coordinate} ({judul}, {nama})"] = pesan

        if not kode:
            lapor(sel_kode, "Kode", "Kode kosong padahal baris ini berisi realisasi; salin kembali Kode dari "
                                    "formulir asli")
        elif kode not in dikenal:
            lapor(sel_kode, "Kode", f"kode '{kode}' tidak ada dalam formulir ini (_meta); jangan mengubah kolom "
                                    "Kode")
        elif kode in hasil:
            lapor(sel_kode, "Kode", f"kode '{kode}' muncul lebih dari sekali (juga di baris {hasil[kode].baris})")
        nilai: list[Decimal | None] = []
        for judul, sel in zip(KOLOM_REALISASI, sel_real, strict=True):
            try:
                nilai.append(_baca_realisasi(sel, ws_rumus[sel.coordinate]))
            except ValueError as exc:
                lapor(sel, judul, str(exc))
                nilai.append(None)
        try:
            penjelasan = _baca_penjelasan(sel_penj.value)
        except ValueError as exc:
            lapor(sel_penj, KOLOM_PENJELASAN, str(exc))
            penjelasan = ""
        if kode in dikenal and kode not in hasil:
            hasil[kode] = RealisasiImpor(kode, (nilai[0], nilai[1], nilai[2], nilai[3]), penjelasan, b)
    if salah:
        raise InputTidakValid(f"Formulir tidak dapat diimpor: {len(salah)} sel perlu diperbaiki", fields=salah)
    return HasilImpor(tahun=meta.tahun, unit=meta.unit, indikator=hasil,
                      tidak_ada=[k for k in meta.kode if k not in hasil])


# ---------------------------------------------------------------------------------------------- applying


def terapkan(data: DataKinerja, hasil: HasilImpor) -> DataKinerja:
    """Return a copy of the data with the imported realisasi and penjelasan set for the indicators in the form."""
    salah: dict[str, str] = {}
    if hasil.tahun != data.tahun:
        salah["tahun"] = f"formulir untuk tahun {hasil.tahun}, sedangkan data kinerja tahun {data.tahun}"
    ada = {ind.kode for s in data.sasaran for ind in s.indikator}
    asing = [k for k in hasil.indikator if k not in ada]
    if asing:
        salah["kode"] = f"kode indikator tidak ada dalam data kinerja: {', '.join(asing)}"
    if salah:
        raise InputTidakValid("Formulir tidak cocok dengan data kinerja", fields=salah)
    baru = data.model_copy(deep=True)
    for s in baru.sasaran:
        for ind in s.indikator:
            r = hasil.indikator.get(ind.kode)
            if r is not None:
                ind.realisasi_triwulan = list(r.realisasi_triwulan)
                ind.penjelasan = r.penjelasan
    return baru
