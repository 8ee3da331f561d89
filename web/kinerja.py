"""Performance data on the web: realisasi entry per quarter (form and Excel), the capaian table, and the
Renstra/PK plan per year (JSON upload, target editing)."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from typing import Any

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy import select

from docgen import formulir_xlsx, locale_id
from docgen.errors import DocgenError, InputTidakValid
from docgen.kinerja import (
    TRIWULAN,
    DataKinerja,
    Indikator,
    PengaturanCapaian,
    format_angka,
    format_persen,
    hitung,
    indikator_unit,
)
from docgen.validation import validasi
from web import audit, unggahan
from web.auth import peran_diperlukan
from web.db import sesi
from web.models import Instansi, RencanaKinerja
from web.peran import ISI_REALISASI, KELOLA_RENCANA, LIHAT_CAPAIAN

bp = Blueprint("kinerja", __name__)

MAKS_JSON = 2 * 1024 * 1024
MAKS_XLSX = 2 * 1024 * 1024  # a unit's realisasi form is a few dozen KB
MAKS_PENJELASAN = formulir_xlsx.MAKS_PENJELASAN
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.template_filter("angka_id")
    def _angka_id(nilai: Decimal | None) -> str:
        return format_angka(nilai)


# ---------------------------------------------------------------------------------------------- helpers


def _unit_pengguna() -> str | None:
    """The unit kerja whose indicators the user may see and fill: a bidang user's own unit, else None (all)."""
    if current_user.peran != "bidang":
        return None
    if current_user.unit_kerja is None:
        abort(403)
    return current_user.unit_kerja.nama


def _rencana(tahun: int, *, kunci: bool = False) -> RencanaKinerja:
    q = select(RencanaKinerja).where(RencanaKinerja.instansi_id == current_user.instansi_id,
                                     RencanaKinerja.tahun == tahun)
    rk = sesi().scalar(q.with_for_update() if kunci else q)
    if rk is None:
        abort(404)
    return rk


def _data(rk: RencanaKinerja) -> DataKinerja:
    return validasi(DataKinerja, rk.data)  # type: ignore[return-value]


def _tahun_ada() -> list[int]:
    q = select(RencanaKinerja.tahun).where(RencanaKinerja.instansi_id == current_user.instansi_id)
    return list(sesi().scalars(q.order_by(RencanaKinerja.tahun.desc())))


def _simpan(rk: RencanaKinerja, data: DataKinerja) -> None:
    """Revalidate the whole year from its JSON form, then store it; raise InputTidakValid (by path) if bad."""
    bersih = validasi(DataKinerja, formulir_xlsx.kinerja_json(data))  # also strips control characters
    rk.data = formulir_xlsx.kinerja_json(bersih)  # type: ignore[arg-type]
    sesi().commit()


def _triwulan(nilai: str | None) -> int | None:
    """The quarter asked for (1-4), None when none is given; 404 for anything else."""
    if nilai in (None, ""):
        return None
    if nilai not in ("1", "2", "3", "4"):
        abort(404)
    return int(nilai)


def _baca_nilai(teks: str, *, negatif: bool = False) -> Decimal | None:
    """Read one typed figure: empty (or '-') is no data; raise ValueError in Indonesian otherwise."""
    teks = teks.strip()
    if teks in ("", "-"):
        return None
    angka = locale_id.baca_angka(teks)
    if not negatif and angka < 0:
        raise ValueError(f"'{teks}' negatif; nilai tidak boleh kurang dari 0")
    return angka


def _teks_nilai(nilai: Decimal | None) -> str:
    """A stored figure as typed in the form: '12,5', '1.250', or '' when there is none."""
    return "" if nilai is None else locale_id.angka(nilai)


def _nama_berkas(teks: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", teks.casefold()).strip("-")


# ---------------------------------------------------------------------------------------------- realisasi


def _halaman_realisasi(rk: RencanaKinerja, data: DataKinerja, tw: int, unit: str | None, status: int = 200,
                       *, isian: dict[str, dict[str, str]] | None = None, galat: dict[str, str] | None = None,
                       galat_umum: dict[str, str] | None = None, galat_unggah: dict[str, str] | None = None,
                       pesan_unggah: str = ""):
    baris = []
    for s, ind in indikator_unit(data, unit):
        masukan = (isian or {}).get(ind.kode, {})
        baris.append({
            "sasaran": s, "ind": ind,
            "target": ind.target_triwulan[tw - 1],
            "nilai": masukan.get("nilai", _teks_nilai(ind.realisasi_triwulan[tw - 1])),
            "penjelasan": masukan.get("penjelasan", ind.penjelasan),
            "lain": [(TRIWULAN[i], ind.realisasi_triwulan[i]) for i in range(4) if i != tw - 1],
        })
    return render_template(
        "kinerja_realisasi.html", tahun=rk.tahun, tw=tw, unit=unit, baris=baris, galat=galat or {},
        galat_umum=galat_umum or {}, galat_unggah=galat_unggah or {}, pesan_unggah=pesan_unggah,
        TRIWULAN=TRIWULAN, tahun_ada=_tahun_ada(),
    ), status


@bp.route("/kinerja/<int:tahun>/realisasi", methods=["GET", "POST"])
@peran_diperlukan(*ISI_REALISASI)
def realisasi(tahun: int):
    unit = _unit_pengguna()
    tw = _triwulan(request.values.get("triwulan")) or 1
    rk = _rencana(tahun, kunci=request.method == "POST")
    data = _data(rk)
    if request.method == "GET":
        return _halaman_realisasi(rk, data, tw, unit)

    semua = {ind.kode: ind for s in data.sasaran for ind in s.indikator}
    boleh = {ind.kode for _, ind in indikator_unit(data, unit)}
    isian: dict[str, dict[str, str]] = {}
    for kunci, nilai in request.form.items(multi=True):
        jenis, _, kode = kunci.partition(":")
        if jenis not in ("r", "p") or not kode:
            continue
        if kode not in semua:
            raise InputTidakValid("Kode indikator tidak dikenal",
                                  fields={kode: f"indikator '{kode}' tidak ada dalam data kinerja {tahun}"})
        if kode not in boleh:
            abort(403)
        isian.setdefault(kode, {})["nilai" if jenis == "r" else "penjelasan"] = nilai
    if not isian:
        raise InputTidakValid("Tidak ada realisasi yang dikirim", fields={"": "formulir tidak berisi indikator"})

    galat: dict[str, str] = {}
    baru: dict[str, tuple[Decimal | None, str | None]] = {}
    for kode, masukan in isian.items():
        nilai: Decimal | None = semua[kode].realisasi_triwulan[tw - 1]
        if "nilai" in masukan:
            try:
                nilai = _baca_nilai(masukan["nilai"])
            except ValueError as exc:
                galat[f"r:{kode}"] = str(exc)
        penjelasan = masukan.get("penjelasan")
        if penjelasan is not None:
            penjelasan = penjelasan.strip()
            if len(penjelasan) > MAKS_PENJELASAN:
                galat[f"p:{kode}"] = f"penjelasan terlalu panjang ({len(penjelasan)} karakter; paling banyak " \
                                     f"{MAKS_PENJELASAN})"
        baru[kode] = (nilai, penjelasan)
    if galat:
        return _halaman_realisasi(rk, data, tw, unit, 422, isian=isian, galat=galat)

    for kode, (nilai, penjelasan) in baru.items():
        ind = semua[kode]
        ind.realisasi_triwulan[tw - 1] = nilai
        if penjelasan is not None:
            ind.penjelasan = penjelasan
    try:
        _simpan(rk, data)
    except InputTidakValid as exc:
        sesi().rollback()
        return _halaman_realisasi(rk, _data(rk), tw, unit, 422, isian=isian, galat_umum=exc.fields)
    audit.catat("realisasi.ubah", "rencana_kinerja", tahun, {
        "triwulan": tw, "nilai": {k: _teks_nilai(v[0]) for k, v in baru.items()}})
    flash(f"Realisasi TW {TRIWULAN[tw - 1]} {tahun} disimpan untuk {len(baru)} indikator.", "sukses")
    return redirect(url_for("kinerja.realisasi", tahun=tahun, triwulan=tw))


@bp.get("/kinerja/<int:tahun>/formulir.xlsx")
@peran_diperlukan(*ISI_REALISASI)
def formulir(tahun: int):
    unit = _unit_pengguna()
    data = _data(_rencana(tahun))
    inst = sesi().get(Instansi, current_user.instansi_id)
    isi = formulir_xlsx.tulis_formulir(data, unit, instansi_nama=inst.profil.get("nama", "") if inst else "")
    nama = f"formulir-realisasi-{tahun}" + (f"-{_nama_berkas(unit)}" if unit else "") + ".xlsx"
    return send_file(io.BytesIO(isi), mimetype=XLSX, as_attachment=True, download_name=nama, max_age=0)


@bp.post("/kinerja/<int:tahun>/unggah")
@peran_diperlukan(*ISI_REALISASI)
def unggah(tahun: int):
    unit = _unit_pengguna()
    tw = _triwulan(request.values.get("triwulan")) or 1
    rk = _rencana(tahun, kunci=True)
    data = _data(rk)

    def tolak(fields: dict[str, str], status: int = 422):
        sesi().rollback()
        return _halaman_realisasi(rk, data, tw, unit, status, galat_unggah=fields,
                                  pesan_unggah="Formulir tidak diimpor; tidak ada nilai yang diubah.")

    berkas = request.files.get("berkas")
    if berkas is None or not berkas.filename:
        return tolak({"berkas": "pilih berkas formulir Excel (.xlsx) terlebih dahulu"})
    if not berkas.filename.lower().endswith(".xlsx"):
        return tolak({"berkas": f"'{berkas.filename}' bukan berkas Excel .xlsx; unggah formulir yang diunduh dari "
                                "halaman ini (Excel Workbook .xlsx)"})
    try:
        hasil = formulir_xlsx.baca_formulir(unggahan.baca(berkas, MAKS_XLSX, apa="berkas formulir"))
    except DocgenError as exc:  # too large (413), not an xlsx, a zip bomb, a bad cell (422)
        return tolak(exc.fields, exc.status)
    if unit is not None:
        if (hasil.unit or "").casefold() != unit.casefold():
            return tolak({"unit": f"formulir ini untuk {hasil.unit or 'semua unit kerja'}, bukan {unit}; unduh "
                                  "formulir unit Anda"}, 403)
        boleh = {ind.kode for _, ind in indikator_unit(data, unit)}
        asing = [k for k in hasil.indikator if k not in boleh]
        if asing:
            return tolak({"kode": f"indikator {', '.join(asing)} bukan milik {unit}"}, 403)
    try:
        baru = formulir_xlsx.terapkan(data, hasil)
        _simpan(rk, baru)
    except InputTidakValid as exc:
        return tolak(exc.fields)
    audit.catat("realisasi.impor", "rencana_kinerja", tahun, {
        "berkas": berkas.filename, "indikator": sorted(hasil.indikator)})
    pesan = f"Formulir diimpor: realisasi {len(hasil.indikator)} indikator diperbarui."
    if hasil.tidak_ada:
        pesan += f" Baris {', '.join(hasil.tidak_ada)} tidak ada dalam berkas sehingga tidak diubah."
    flash(pesan, "sukses")
    return redirect(url_for("kinerja.realisasi", tahun=tahun, triwulan=tw))


# ---------------------------------------------------------------------------------------------- capaian


def _pengaturan(data: DataKinerja) -> PengaturanCapaian:
    """The year's capaian settings with the agency's own settings (predikat preset) applied over them."""
    inst = sesi().get(Instansi, current_user.instansi_id)
    agensi = inst.pengaturan_capaian if inst is not None else {}
    dasar = formulir_xlsx.kinerja_json(data).get("pengaturan", {})
    try:
        return PengaturanCapaian.model_validate({**dasar, **agensi})
    except ValueError:
        return data.pengaturan


@bp.get("/kinerja/capaian")
@peran_diperlukan(*LIHAT_CAPAIAN)
def capaian():
    unit = _unit_pengguna()
    tahun_ada = _tahun_ada()
    teks_tahun = request.args.get("tahun", "")
    if teks_tahun and not teks_tahun.isdigit():
        abort(404)
    tahun = int(teks_tahun) if teks_tahun else (tahun_ada[0] if tahun_ada else None)
    tw = _triwulan(request.args.get("triwulan"))
    if tahun not in tahun_ada:
        return render_template("kinerja_capaian.html", tahun=tahun, tahun_ada=tahun_ada, tw=tw, baris=None,
                               unit=unit, TRIWULAN=TRIWULAN)
    data = _data(_rencana(tahun))
    if tw is None:
        tw = data.triwulan
    data = data.model_copy(update={"triwulan": tw, "pengaturan": _pengaturan(data)})
    kode_unit = {ind.kode for _, ind in indikator_unit(data, unit)}
    n = tw or 4
    baris = []
    for b in hitung(data):
        if b.indikator.kode not in kode_unit:
            continue
        baris.append({
            "sasaran": b.sasaran, "kode": b.indikator.kode, "indikator": b.indikator.indikator,
            "satuan": b.indikator.satuan, "target": b.target_teks,
            "tw": [format_angka(v) if i < n else "" for i, v in enumerate(b.indikator.realisasi_triwulan)],
            "realisasi": format_angka(b.realisasi),
            "capaian": format_persen(b.capaian, data.pengaturan.desimal),
            "predikat": b.predikat, "keterangan": b.keterangan,
        })
    return render_template("kinerja_capaian.html", tahun=tahun, tahun_ada=tahun_ada, tw=tw, baris=baris,
                           unit=unit, TRIWULAN=TRIWULAN)


# ---------------------------------------------------------------------------------------------- rencana


def _halaman_rencana(tahun: int | None, status: int = 200, galat: dict[str, str] | None = None):
    tahun_ada = _tahun_ada()
    if tahun is None and tahun_ada:
        tahun = tahun_ada[0]
    indikator: list[tuple[Any, Indikator]] = []
    if tahun in tahun_ada:
        indikator = indikator_unit(_data(_rencana(tahun)), None)
    return render_template("kinerja_rencana.html", tahun=tahun, tahun_ada=tahun_ada, indikator=indikator,
                           galat=galat or {}, TRIWULAN=TRIWULAN), status


@bp.get("/kinerja/rencana")
@peran_diperlukan(*KELOLA_RENCANA)
def rencana():
    teks = request.args.get("tahun", "")
    return _halaman_rencana(int(teks) if teks.isdigit() else None)


@bp.post("/kinerja/rencana")
@peran_diperlukan(*KELOLA_RENCANA)
def unggah_rencana():
    berkas = request.files.get("berkas")
    if berkas is None or not berkas.filename:
        return _halaman_rencana(None, 422, {"berkas": "pilih berkas JSON data kinerja terlebih dahulu"})
    try:  # at most 2 MB (413), UTF-8 JSON no deeper than unggahan.KEDALAMAN_MAKS, then the schema
        mentah = unggahan.baca_json(unggahan.baca(berkas, MAKS_JSON, apa="berkas data kinerja"))
        data: DataKinerja = validasi(DataKinerja, mentah)  # type: ignore[assignment]
    except DocgenError as exc:
        return _halaman_rencana(None, exc.status, exc.fields)
    db = sesi()
    rk = db.scalar(select(RencanaKinerja).where(RencanaKinerja.instansi_id == current_user.instansi_id,
                                                RencanaKinerja.tahun == data.tahun).with_for_update())
    if rk is not None and request.form.get("ganti") != "1":
        return _halaman_rencana(data.tahun, 409, {"ganti": f"data kinerja tahun {data.tahun} sudah ada; centang "
                                                           "'Ganti data tahun ini' untuk menggantinya (realisasi "
                                                           "yang tersimpan ikut terganti)"})
    if rk is None:
        rk = RencanaKinerja(instansi_id=current_user.instansi_id, tahun=data.tahun, data={})
        db.add(rk)
    _simpan(rk, data)
    audit.catat("rencana.unggah", "rencana_kinerja", data.tahun, {
        "berkas": berkas.filename, "indikator": sum(len(s.indikator) for s in data.sasaran)})
    flash(f"Data kinerja tahun {data.tahun} disimpan ({sum(len(s.indikator) for s in data.sasaran)} indikator).",
          "sukses")
    return redirect(url_for("kinerja.rencana", tahun=data.tahun))


@bp.get("/kinerja/<int:tahun>/data.json")
@peran_diperlukan(*KELOLA_RENCANA)
def unduh_rencana(tahun: int):
    rk = _rencana(tahun)
    isi = json.dumps(formulir_xlsx.kinerja_json(_data(rk)), ensure_ascii=False, indent=1).encode()
    return send_file(io.BytesIO(isi), mimetype="application/json", as_attachment=True,
                     download_name=f"data-kinerja-{tahun}.json", max_age=0)


MEDAN_TARGET = ("target", "target_bawah", "target_atas", "tw1", "tw2", "tw3", "tw4")
MEDAN_RENTANG = ("target_bawah", "target_atas")


@bp.route("/kinerja/<int:tahun>/target/<path:kode>", methods=["GET", "POST"])
@peran_diperlukan(*KELOLA_RENCANA)
def target(tahun: int, kode: str):
    rk = _rencana(tahun, kunci=request.method == "POST")
    data = _data(rk)
    ind = next((i for s in data.sasaran for i in s.indikator if i.kode == kode), None)
    if ind is None:
        abort(404)
    isian = {
        "target": _teks_nilai(ind.target), "target_bawah": _teks_nilai(ind.target_bawah),
        "target_atas": _teks_nilai(ind.target_atas),
        **{f"tw{i + 1}": _teks_nilai(v) for i, v in enumerate(ind.target_triwulan)},
    }
    galat: dict[str, str] = {}
    if request.method == "POST":
        # Range bounds are edited only for a range indicator; other indicators keep theirs untouched.
        medan = [k for k in MEDAN_TARGET if ind.polaritas == "rentang" or k not in MEDAN_RENTANG]
        isian = {**isian, **{k: request.form.get(k, "") for k in medan}}
        nilai: dict[str, Decimal | None] = {"target_bawah": ind.target_bawah, "target_atas": ind.target_atas}
        for k in medan:
            try:
                nilai[k] = _baca_nilai(isian[k], negatif=True)
            except ValueError as exc:
                galat[k] = str(exc)
        if not galat:
            ind.target = nilai["target"]
            ind.target_bawah = nilai["target_bawah"]
            ind.target_atas = nilai["target_atas"]
            ind.target_triwulan = [nilai[f"tw{i}"] for i in range(1, 5)]
            try:
                _simpan(rk, data)
            except InputTidakValid as exc:
                sesi().rollback()
                galat = {_medan_target(p): m for p, m in exc.fields.items()}
            else:
                audit.catat("target.ubah", "rencana_kinerja", tahun, {
                    "kode": kode, **{k: _teks_nilai(nilai.get(k)) for k in MEDAN_TARGET if k in nilai}})
                flash(f"Target {kode} tahun {tahun} disimpan.", "sukses")
                return redirect(url_for("kinerja.rencana", tahun=tahun))
    return render_template("kinerja_target.html", tahun=tahun, ind=ind, isian=isian, galat=galat,
                           TRIWULAN=TRIWULAN), (422 if galat else 200)


def _medan_target(path: str) -> str:
    """Map a DataKinerja error path to the target form's field ('' for the indicator as a whole)."""
    akhir = path.rsplit(".", 2)
    if len(akhir) == 3 and akhir[1] == "target_triwulan" and akhir[2].isdigit():
        return f"tw{int(akhir[2]) + 1}"
    medan = path.rsplit(".", 1)[-1]
    return medan if medan in MEDAN_TARGET else ""
