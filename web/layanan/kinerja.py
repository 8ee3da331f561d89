"""An agency's performance data: one DataKinerja per year (plan, targets, realisasi, budget) and its capaian.

One rule decides how capaian is rated: the agency's own capaian settings (Profil → Pengaturan: the predikat
preset and the like, `Instansi.pengaturan_capaian`) apply over the year's stored settings. `terapkan_pengaturan`
is that rule; the capaian page, every document made from the data and the API all go through it.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from docgen import formulir_xlsx, locale_id
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.kinerja import (
    DataKinerja,
    Indikator,
    PengaturanCapaian,
    format_angka,
    format_persen,
    hitung,
    indikator_unit,
)
from docgen.validation import validasi
from web.inti.db import sesi
from web.inti.models import Instansi, RencanaKinerja
from web.layanan import audit

MAKS_PENJELASAN = formulir_xlsx.MAKS_PENJELASAN
MAKS_JSON_RENCANA = 2 * 1024 * 1024  # an uploaded (or PUT) year of data


class IsianSalah(InputTidakValid):
    """Typed values that cannot be read (fields are the form's: `r:<kode>`, `p:<kode>`, `tw1`...); nothing stored."""


class DataTidakSah(InputTidakValid):
    """The changed year no longer validates as a whole (fields are DataKinerja paths); nothing stored."""
MEDAN_TARGET = ("target", "target_bawah", "target_atas", "tw1", "tw2", "tw3", "tw4")
MEDAN_RENTANG = ("target_bawah", "target_atas")


# -- the one rule for capaian settings -------------------------------------------------------------------------------


def terapkan_pengaturan(inst: Instansi, data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return DataKinerja JSON with the agency's capaian settings over its own, and a warning for every setting of
    the data that the agency's replaced (so nothing typed is changed silently)."""
    agensi = dict(inst.pengaturan_capaian or {})
    if not agensi or not isinstance(data, dict):
        return data, []
    hasil = copy.deepcopy(data)
    asli: dict[str, Any] = hasil["pengaturan"] if isinstance(hasil.get("pengaturan"), dict) else {}
    peringatan = [f"kinerja.pengaturan.{k}: '{asli[k]}' diganti dengan pengaturan capaian instansi '{v}'"
                  for k, v in agensi.items() if k in asli and asli[k] != v]
    hasil["pengaturan"] = {**asli, **agensi}
    return hasil, peringatan


def pengaturan(inst: Instansi, data: DataKinerja) -> PengaturanCapaian:
    """The settings capaian of `data` is rated with for this agency."""
    json_data = formulir_xlsx.kinerja_json(data)
    return validasi(PengaturanCapaian, terapkan_pengaturan(inst, json_data)[0]["pengaturan"])


# -- reading -----------------------------------------------------------------------------------------------------------


def tahun_ada(inst: Instansi) -> list[int]:
    """Years the agency has data for, newest first."""
    q = select(RencanaKinerja.tahun).where(RencanaKinerja.instansi_id == inst.id)
    return list(sesi().scalars(q.order_by(RencanaKinerja.tahun.desc())))


def rencana(inst: Instansi, tahun: int, *, kunci: bool = False) -> RencanaKinerja:
    """The agency's data of `tahun` (locked for update with `kunci`). Raises TidakDitemukan (404)."""
    q = select(RencanaKinerja).where(RencanaKinerja.instansi_id == inst.id, RencanaKinerja.tahun == tahun)
    rk = sesi().scalar(q.with_for_update() if kunci else q)
    if rk is None:
        raise TidakDitemukan(f"Data kinerja tahun {tahun} belum ada.", fields={"tahun": "belum ada data"})
    return rk


def rencana_terbaru(inst: Instansi) -> RencanaKinerja | None:
    """The agency's most recent year of plan and realisasi."""
    return sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.instansi_id == inst.id)
                         .order_by(RencanaKinerja.tahun.desc()))


def data(rk: RencanaKinerja) -> DataKinerja:
    """The stored year as a validated model."""
    return validasi(DataKinerja, rk.data)


def baris_capaian(inst: Instansi, tahun: int, tw: int | None, unit: str | None) -> tuple[int | None, list[dict]]:
    """The capaian table of a year up to quarter `tw` (None: the data's own), for one unit or all; returns the
    quarter shown and one row per indicator with figures formatted the Indonesian way."""
    d = data(rencana(inst, tahun))
    if tw is None:
        tw = d.triwulan
    d = d.model_copy(update={"triwulan": tw, "pengaturan": pengaturan(inst, d)})
    kode_unit = {ind.kode for _, ind in indikator_unit(d, unit)}
    n = tw or 4
    baris = []
    for b in hitung(d):
        if b.indikator.kode not in kode_unit:
            continue
        baris.append({
            "sasaran": b.sasaran, "kode": b.indikator.kode, "indikator": b.indikator.indikator,
            "satuan": b.indikator.satuan, "target": b.target_teks,
            "tw": [format_angka(v) if i < n else "" for i, v in enumerate(b.indikator.realisasi_triwulan)],
            "realisasi": format_angka(b.realisasi),
            "capaian": format_persen(b.capaian, d.pengaturan.desimal),
            "predikat": b.predikat, "keterangan": b.keterangan,
        })
    return tw, baris


# -- figures typed in forms ----------------------------------------------------------------------------------------


def baca_nilai(teks: str, *, negatif: bool = False) -> Decimal | None:
    """Read one typed figure: empty (or '-') is no data. Raises ValueError in Indonesian otherwise."""
    teks = teks.strip()
    if teks in ("", "-"):
        return None
    angka = locale_id.baca_angka(teks)
    if not negatif and angka < 0:
        raise ValueError(f"'{teks}' negatif; nilai tidak boleh kurang dari 0")
    return angka


def teks_nilai(nilai: Decimal | None) -> str:
    """A stored figure as typed in the form, every stored decimal kept: '12,5', '1.250', '0,1234', or ''."""
    if nilai is None:
        return ""
    eksponen = nilai.normalize().as_tuple().exponent
    return locale_id.angka(nilai, -eksponen if isinstance(eksponen, int) and eksponen < 0 else 0)


# -- changing ------------------------------------------------------------------------------------------------------


def simpan(rk: RencanaKinerja, d: DataKinerja) -> None:
    """Revalidate the whole year from its JSON form, then store it and commit.

    Raises DataTidakSah (by path, after a rollback) when the changed year no longer validates."""
    try:
        bersih = validasi(DataKinerja, formulir_xlsx.kinerja_json(d))  # also strips control characters
    except InputTidakValid as exc:
        sesi().rollback()
        raise DataTidakSah(exc.pesan, fields=exc.fields) from None
    rk.data = formulir_xlsx.kinerja_json(bersih)
    sesi().commit()


def isi_realisasi(inst: Instansi, tahun: int, tw: int, isian: dict[str, dict[str, str]],
                  unit: str | None) -> int:
    """Store the typed realisasi (and penjelasan) of quarter `tw` for the indicators in `isian` ({kode: {"nilai",
    "penjelasan"}}); return how many. `unit`: the only unit whose indicators may be changed (None: all).

    Raises IsianSalah with fields `r:<kode>` / `p:<kode>` per bad value, DataTidakSah when the year no longer
    validates, InputTidakValid for an unknown indicator, TidakDitemukan for an unknown year, DocgenError 403 for an
    indicator of another unit; nothing is stored then."""
    rk = rencana(inst, tahun, kunci=True)
    d = data(rk)
    semua = {ind.kode: ind for s in d.sasaran for ind in s.indikator}
    boleh = {ind.kode for _, ind in indikator_unit(d, unit)}
    if not isian:
        raise InputTidakValid("Tidak ada realisasi yang dikirim", fields={"": "formulir tidak berisi indikator"})
    for kode in isian:
        if kode not in semua:
            raise InputTidakValid("Kode indikator tidak dikenal",
                                  fields={kode: f"indikator '{kode}' tidak ada dalam data kinerja {tahun}"})
        if kode not in boleh:
            raise DocgenError(f"Indikator {kode} bukan milik {unit}.", status=403)
    galat: dict[str, str] = {}
    baru: dict[str, tuple[Decimal | None, str | None]] = {}
    for kode, masukan in isian.items():
        nilai: Decimal | None = semua[kode].realisasi_triwulan[tw - 1]
        if "nilai" in masukan:
            try:
                nilai = baca_nilai(masukan["nilai"])
            except ValueError as exc:
                galat[f"r:{kode}"] = str(exc)
        penjelasan = masukan.get("penjelasan")
        if penjelasan is not None:
            penjelasan = penjelasan.strip()
            if len(penjelasan) > MAKS_PENJELASAN:
                galat[f"p:{kode}"] = (f"penjelasan terlalu panjang ({len(penjelasan)} karakter; paling banyak "
                                      f"{MAKS_PENJELASAN})")
        baru[kode] = (nilai, penjelasan)
    if galat:
        raise IsianSalah(f"Realisasi belum disimpan: {len(galat)} isian perlu diperbaiki", fields=galat)
    for kode, (nilai, penjelasan) in baru.items():
        semua[kode].realisasi_triwulan[tw - 1] = nilai
        if penjelasan is not None:
            semua[kode].penjelasan = penjelasan
    simpan(rk, d)
    audit.catat("realisasi.ubah", "rencana_kinerja", tahun, {
        "triwulan": tw, "nilai": {k: teks_nilai(v[0]) for k, v in baru.items()}})
    return len(baru)


def impor_formulir(inst: Instansi, tahun: int, isi: bytes, nama_berkas: str, unit: str | None) -> tuple[int, list]:
    """Import a filled realisasi workbook (docgen.formulir_xlsx); return the number of indicators updated and the
    rows the file did not have. Everything or nothing is stored.

    Raises DocgenError: 422 for a bad cell or file (the first cells named, the rest counted), 413 too large, 403 for
    another unit's form or rows. The file is read (bounded: docgen.formulir_xlsx) before the year's row is locked."""
    hasil = formulir_xlsx.baca_formulir(isi)
    rk = rencana(inst, tahun, kunci=True)
    d = data(rk)
    if unit is not None:
        if (hasil.unit or "").casefold() != unit.casefold():
            raise DocgenError("Formulir unit lain", status=403, fields={
                "unit": f"formulir ini untuk {hasil.unit or 'semua unit kerja'}, bukan {unit}; unduh formulir unit "
                        "Anda"})
        boleh = {ind.kode for _, ind in indikator_unit(d, unit)}
        asing = [k for k in hasil.indikator if k not in boleh]
        if asing:
            raise DocgenError("Indikator unit lain", status=403,
                              fields={"kode": f"indikator {', '.join(asing)} bukan milik {unit}"})
    simpan(rk, formulir_xlsx.terapkan(d, hasil))
    audit.catat("realisasi.impor", "rencana_kinerja", tahun, {"berkas": nama_berkas,
                                                              "indikator": sorted(hasil.indikator)})
    return len(hasil.indikator), list(hasil.tidak_ada)


def unggah_rencana(inst: Instansi, mentah: Any, *, ganti: bool, nama_berkas: str) -> DataKinerja:
    """Store an uploaded year of data (validated); an existing year is replaced only with `ganti`.

    Raises InputTidakValid (by path), DocgenError 409 when the year exists and `ganti` is not set."""
    d: DataKinerja = validasi(DataKinerja, mentah)
    db = sesi()
    rk = db.scalar(select(RencanaKinerja).where(RencanaKinerja.instansi_id == inst.id,
                                                RencanaKinerja.tahun == d.tahun).with_for_update())
    if rk is not None and not ganti:
        raise DocgenError("Tahun sudah ada", status=409, fields={
            "ganti": f"data kinerja tahun {d.tahun} sudah ada; centang 'Ganti data tahun ini' untuk menggantinya "
                     "(realisasi yang tersimpan ikut terganti)"})
    if rk is None:
        rk = RencanaKinerja(instansi_id=inst.id, tahun=d.tahun, data={})
        db.add(rk)
    simpan(rk, d)
    audit.catat("rencana.unggah", "rencana_kinerja", d.tahun, {
        "berkas": nama_berkas, "indikator": sum(len(s.indikator) for s in d.sasaran)})
    return d


def indikator(inst: Instansi, tahun: int, kode: str) -> Indikator:
    """One indicator of a year. Raises TidakDitemukan."""
    ind = next((i for s in data(rencana(inst, tahun)).sasaran for i in s.indikator if i.kode == kode), None)
    if ind is None:
        raise TidakDitemukan(f"Indikator {kode} tidak ada dalam data kinerja {tahun}.")
    return ind


def isian_target(ind: Indikator) -> dict[str, str]:
    """An indicator's targets as the target form shows them."""
    return {"target": teks_nilai(ind.target), "target_bawah": teks_nilai(ind.target_bawah),
            "target_atas": teks_nilai(ind.target_atas),
            **{f"tw{i + 1}": teks_nilai(v) for i, v in enumerate(ind.target_triwulan)}}


def medan_target(ind: Indikator) -> list[str]:
    """The target fields edited for an indicator: range bounds only for a range indicator."""
    return [k for k in MEDAN_TARGET if ind.polaritas == "rentang" or k not in MEDAN_RENTANG]


def ubah_target(inst: Instansi, tahun: int, kode: str, isian: dict[str, str]) -> None:
    """Store an indicator's typed targets (its medan_target fields) and commit.

    Raises IsianSalah with one message per target field ('' for the indicator as a whole)."""
    rk = rencana(inst, tahun, kunci=True)
    d = data(rk)
    ind = next((i for s in d.sasaran for i in s.indikator if i.kode == kode), None)
    if ind is None:
        raise TidakDitemukan(f"Indikator {kode} tidak ada dalam data kinerja {tahun}.")
    nilai: dict[str, Decimal | None] = {"target_bawah": ind.target_bawah, "target_atas": ind.target_atas}
    galat: dict[str, str] = {}
    for k in medan_target(ind):
        try:
            nilai[k] = baca_nilai(isian.get(k, ""), negatif=True)
        except ValueError as exc:
            galat[k] = str(exc)
    if galat:
        raise IsianSalah(f"Target belum disimpan: {len(galat)} isian perlu diperbaiki", fields=galat)
    ind.target = nilai["target"]
    ind.target_bawah = nilai["target_bawah"]
    ind.target_atas = nilai["target_atas"]
    ind.target_triwulan = [nilai[f"tw{i}"] for i in range(1, 5)]
    try:
        simpan(rk, d)
    except DataTidakSah as exc:
        raise IsianSalah(exc.pesan, fields={_medan_target(p): m for p, m in exc.fields.items()}) from None
    audit.catat("target.ubah", "rencana_kinerja", tahun, {
        "kode": kode, **{k: teks_nilai(nilai.get(k)) for k in MEDAN_TARGET if k in nilai}})


def _medan_target(path: str) -> str:
    """Map a DataKinerja error path to the target form's field ('' for the indicator as a whole)."""
    akhir = path.rsplit(".", 2)
    if len(akhir) == 3 and akhir[1] == "target_triwulan" and akhir[2].isdigit():
        return f"tw{int(akhir[2]) + 1}"
    medan = path.rsplit(".", 1)[-1]
    return medan if medan in MEDAN_TARGET else ""
