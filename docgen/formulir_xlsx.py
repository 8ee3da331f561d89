"""The quarterly realisasi form as an Excel workbook: write it for one unit kerja, read it back, apply it.

The Bidang fills the form offline. Only the realisasi and penjelasan cells are unlocked; a hidden sheet
`_meta` records the format version, the year, the unit and the kode of every row, so the rows are mapped
back by their Kode (never by their position). Every text is written as text (docgen.xlsx_cetak), never as a
formula. Reading is bounded (docgen.paket_office on the package, then openpyxl read-only: MAKS_BARIS rows,
MAKS_KOLOM columns, MAKS_DETIK seconds), never computes a formula (a cell holding one is refused), names the
first MAKS_GALAT bad cells with the count of the rest, and imports nothing when any cell is bad.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import warnings
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from docgen import arsip_zip, locale_id, paket_office
from docgen.errors import InputTidakValid
from docgen.kinerja import TRIWULAN, DataKinerja, Indikator, format_angka, indikator_unit, unit_kerja
from docgen.teks import bersihkan
from docgen.xlsx_cetak import atur_lebar, isi_sel, siapkan_cetak, tambah_baris

SHEET = "Formulir"
SHEET_META = "_meta"
PENANDA = "docgen.formulir_realisasi"
VERSI = 1
# Not a secret (it is in the source): protection only stops accidental edits of the structure and the
# locked cells. Filling the form never needs it; the input cells are unlocked.
KATA_SANDI = "docgen-sakip"
MAKS_BYTE = 10 * 1024 * 1024
MAKS_PENJELASAN = 1000  # the length Indikator.penjelasan accepts
# Reading bounds, far above any agency's form (a few dozen indicators, 15 columns) and below what costs seconds:
MAKS_BARIS = 5000  # rows read per sheet; a row further down that holds anything refuses the file
MAKS_KOLOM = 50  # columns read per row (the form has 15; columns further right are not read)
MAKS_DETIK = 5.0  # reading the cells, after docgen.paket_office has bounded the XML
MAKS_GALAT = 20  # bad cells named in the error; the rest are counted

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
    isi_sel(ws, baris, 1, teks).font = Font(bold=tebal, size=ukuran)
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
        sel = isi_sel(ws, kepala, c, judul)
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
            sel = isi_sel(ws, b, c, v)  # sasaran, indikator, penjelasan ... are the agency's text: never a formula
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
    for isi in ([PENANDA, VERSI], ["tahun", data.tahun], ["unit", unit or ""], ["kode", "baris"]):
        tambah_baris(meta, isi)
    for n, (_, ind) in enumerate(pasangan, start=1):
        tambah_baris(meta, [ind.kode, kepala + n])
    meta.sheet_state = "hidden"
    meta.protection.set_password(KATA_SANDI)
    meta.protection.sheet = True
    wb.security = WorkbookProtection(workbookPassword=KATA_SANDI, lockStructure=True)
    wb.active = 0

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------- reading


def _buka(isi: bytes) -> Any:
    """Open the workbook read-only, formulas as written (never computed), after the package checks."""
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
    paket_office.periksa_paket(isi, paket_office.FORMULIR)  # parsed: no outside links, bounded XML
    try:
        return load_workbook(io.BytesIO(isi), read_only=True, data_only=False)
    except Exception:  # any failure to parse untrusted bytes means "not an xlsx"
        raise bukan_xlsx from None


def _baca_sheet(ws: Any, maks_kolom: int, batas_waktu: float) -> list[tuple[Any, ...]]:
    """The rows of a sheet (at most MAKS_BARIS, each `maks_kolom` cells wide); raise when a row further down holds
    anything or the reading takes longer than MAKS_DETIK."""
    ws.reset_dimensions()  # the size the file declares is not trusted: every row is looked at
    hasil: list[tuple[Any, ...]] = []
    with warnings.catch_warnings():
        # Excel and LibreOffice store some features (data validation, conditional formatting) as extensions that
        # openpyxl drops with a UserWarning while it reads the sheet. Only cell values are read here, so that loss
        # does not matter; the filter is limited to this message and to this loop.
        warnings.filterwarnings("ignore", message=r".* extension is not supported and will be removed",
                                category=UserWarning)
        for n, baris in enumerate(ws.iter_rows(max_col=maks_kolom), start=1):
            if n % 256 == 0 and time.monotonic() > batas_waktu:
                raise InputTidakValid("Formulir terlalu lama dibaca", fields={
                    ws.title: f"membaca sheet {ws.title} lebih dari {MAKS_DETIK:.0f} detik (sampai baris "
                              f"{locale_id.angka(n)}); ini bukan formulir realisasi biasa"})
            if n > MAKS_BARIS:
                if any(c.value is not None for c in baris):
                    raise InputTidakValid("Formulir terlalu besar", fields={
                        ws.title: f"sheet {ws.title} berisi lebih dari {locale_id.angka(MAKS_BARIS)} baris (baris "
                                  f"{locale_id.angka(n)} terisi); formulir realisasi tidak sepanjang itu"})
                continue
            hasil.append(baris)
    return hasil


@dataclass(frozen=True)
class _Meta:
    tahun: int
    unit: str | None
    kode: tuple[str, ...]


def _baca_meta(baris: list[tuple[Any, ...]]) -> _Meta:
    salah = InputTidakValid("Sheet _meta rusak", fields={SHEET_META: "isi sheet _meta rusak; unduh formulir baru"})
    nilai = [[c.value for c in r[:2]] for r in baris]
    if len(nilai) < 4 or nilai[0][0] != PENANDA:
        raise salah
    if nilai[0][1] != VERSI:
        raise InputTidakValid("Versi formulir tidak dikenal", fields={
            SHEET_META: f"versi formulir {nilai[0][1]!r} tidak dikenal (yang dikenal: {VERSI}); unduh formulir baru"})
    kunci = {str(k): v for k, v in nilai[1:3]}
    tahun, unit = kunci.get("tahun"), kunci.get("unit")
    if not isinstance(tahun, int) or isinstance(tahun, bool) or nilai[3][0] != "kode":
        raise salah
    kode = tuple(str(k).strip() for k, _ in nilai[4:] if k is not None and str(k).strip())
    if not kode or len(set(kode)) != len(kode):
        raise salah
    return _Meta(tahun=tahun, unit=str(unit).strip() if unit else None, kode=kode)


def _cari_kepala(baris: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    """Find the table's header row and the column of each header (by text, so columns may move); 1-based."""
    for b, isi in enumerate(baris[:60], start=1):
        kolom = {str(c.value).strip(): k for k, c in enumerate(isi, start=1) if isinstance(c.value, str)}
        if "Kode" in kolom and KOLOM_REALISASI[0] in kolom:
            return b, kolom
    return None


def _kosong(v: object) -> bool:
    return v is None or (isinstance(v, str) and v.strip() in ("", "-"))


def _rumus(sel: Any) -> str:
    """The formula a cell holds ('' for none), shortened for a message."""
    if sel.data_type != "f":
        return ""
    teks = str(sel.value or "=")
    return teks if len(teks) <= 40 else teks[:39] + "…"


def _baca_realisasi(sel: Any) -> Decimal | None:
    """Read one realisasi cell; raise ValueError with the Indonesian reason."""
    v = sel.value
    rumus = _rumus(sel)
    if rumus:
        raise ValueError(f"berisi rumus ({rumus}); formulir dibaca tanpa menghitung rumus, ketik angkanya langsung")
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
        # Excel keeps 15 significant digits and shows no more: 0,1+0,2 typed as 0.30000000000000004 reads 0,3.
        v = Decimal(format(v, ".15g"))
    angka = locale_id.baca_angka(v)
    if angka < 0:
        raise ValueError(f"'{v}' negatif; realisasi tidak boleh kurang dari 0")
    return angka


def _baca_penjelasan(sel: Any) -> str:
    """Read the penjelasan cell as the text it holds (a text starting with '=' stays that text)."""
    v = sel.value
    rumus = _rumus(sel)
    if rumus:
        raise ValueError(f"berisi rumus ({rumus}); tulis penjelasannya sebagai teks (awali dengan ' bila teksnya "
                         "memang diawali =)")
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


def ringkas_galat(salah: dict[str, str], maks: int = MAKS_GALAT) -> dict[str, str]:
    """The first `maks` problems, then one line (key '') saying how many more there are; a dict already cut this
    way comes back unchanged."""
    if len(salah) <= maks or (len(salah) == maks + 1 and "" in salah):
        return dict(salah)
    hasil = dict(list(salah.items())[:maks])
    hasil[""] = f"... dan {locale_id.angka(len(salah) - maks)} galat lainnya"
    return hasil


def _sel(baris: tuple[Any, ...], kolom: int) -> Any:
    return baris[kolom - 1] if kolom <= len(baris) else EMPTY_CELL


def baca_formulir(isi: bytes) -> HasilImpor:
    """Read a filled realisasi form; raise InputTidakValid naming the bad cells (the first MAKS_GALAT, and how many
    more), importing nothing. Bounded: MAKS_BARIS rows of MAKS_KOLOM columns, MAKS_DETIK seconds."""
    batas_waktu = time.monotonic() + MAKS_DETIK
    wb = _buka(isi)
    try:
        if SHEET_META not in wb.sheetnames:
            raise InputTidakValid(
                "Berkas ini bukan formulir realisasi docgen",
                fields={SHEET_META: "sheet _meta tidak ada: berkas bukan formulir docgen atau strukturnya diubah; "
                                    "unduh formulir baru lalu salin isiannya"},
            )
        meta = _baca_meta(_baca_sheet(wb[SHEET_META], 2, batas_waktu))
        if SHEET not in wb.sheetnames:
            raise InputTidakValid("Sheet Formulir tidak ada",
                                  fields={SHEET: "sheet Formulir tidak ada; unduh formulir baru"})
        semua = _baca_sheet(wb[SHEET], MAKS_KOLOM, batas_waktu)
    finally:
        wb.close()
    kepala = _cari_kepala(semua)
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
    k_kode, k_penj = kolom["Kode"], kolom[KOLOM_PENJELASAN]
    k_real = [kolom[k] for k in KOLOM_REALISASI]
    for b, isi_baris in enumerate(semua[baris_kepala:], start=baris_kepala + 1):
        sel_kode = _sel(isi_baris, k_kode)
        kode = "" if sel_kode.value is None else str(sel_kode.value).strip()
        sel_real = [_sel(isi_baris, k) for k in k_real]
        sel_penj = _sel(isi_baris, k_penj)
        if not kode and all(_kosong(c.value) for c in (*sel_real, sel_penj)):
            continue  # an empty row below or inside the table
        nama = kode or f"baris {b}"

        def lapor(k: int, judul: str, pesan: str, nama: str = nama, b: int = b) -> None:
            salah[f"{SHEET}!{get_column_letter(k)}{b} ({judul}, {nama})"] = pesan

        if not kode:
            lapor(k_kode, "Kode", "Kode kosong padahal baris ini berisi realisasi; salin kembali Kode dari "
                                  "formulir asli")
        elif kode not in dikenal:
            lapor(k_kode, "Kode", f"kode '{kode[:40]}' tidak ada dalam formulir ini (_meta); jangan mengubah kolom "
                                  "Kode")
        elif kode in hasil:
            lapor(k_kode, "Kode", f"kode '{kode}' muncul lebih dari sekali (juga di baris {hasil[kode].baris})")
        nilai: list[Decimal | None] = []
        for judul, k, sel in zip(KOLOM_REALISASI, k_real, sel_real, strict=True):
            try:
                nilai.append(_baca_realisasi(sel))
            except ValueError as exc:
                lapor(k, judul, str(exc))
                nilai.append(None)
        try:
            penjelasan = _baca_penjelasan(sel_penj)
        except ValueError as exc:
            lapor(k_penj, KOLOM_PENJELASAN, str(exc))
            penjelasan = ""
        if kode in dikenal and kode not in hasil:
            hasil[kode] = RealisasiImpor(kode, (nilai[0], nilai[1], nilai[2], nilai[3]), penjelasan, b)
    if salah:
        raise InputTidakValid(f"Formulir tidak dapat diimpor: {locale_id.angka(len(salah))} sel perlu diperbaiki",
                              fields=ringkas_galat(salah))
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
