"""Performance data in the browser: realisasi entry per quarter (form and Excel), the capaian table, and the
Renstra/PK plan per year (JSON upload and download, a new year, target editing; the tree editor is
web.views.rencana). The rules are web.layanan.kinerja."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for

from docgen import formulir_xlsx
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.kinerja import TRIWULAN, DataKinerja, Indikator, indikator_unit
from web.inti import peran, unggahan, waktu
from web.inti.masukan import angka_id
from web.inti.models import RencanaKinerja
from web.inti.peran import Aksi
from web.layanan import kinerja, rencana_susun
from web.views.akses import pengguna, perlu

bp = Blueprint("kinerja", __name__)

MAKS_XLSX = 2 * 1024 * 1024  # a unit's realisasi form is a few dozen KB
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit_pengguna() -> str | None:
    """The unit kerja whose indicators the user may see and fill: None (all) for roles that see every unit, the
    user's own unit otherwise (403 for such a user without a unit)."""
    p = pengguna()
    if peran.boleh(p.peran, Aksi.SEMUA_UNIT):
        return None
    if p.unit_kerja is None:
        abort(403)
    return p.unit_kerja.nama


def _rencana(tahun: int) -> RencanaKinerja:
    try:
        return kinerja.rencana(pengguna().instansi, tahun)
    except TidakDitemukan:
        abort(404)


def _triwulan(nilai: str | None) -> int | None:
    """The quarter asked for (1-4), None when none is given; 404 for anything else."""
    if nilai in (None, ""):
        return None
    if nilai not in ("1", "2", "3", "4"):
        abort(404)
    return int(nilai)


def _nama_berkas(teks: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", teks.casefold()).strip("-")


# -- realisasi -------------------------------------------------------------------------------------------------------


def _halaman_realisasi(tahun: int, tw: int, unit: str | None, status: int = 200, *,
                       isian: dict[str, dict[str, str]] | None = None, galat: dict[str, str] | None = None,
                       galat_umum: dict[str, str] | None = None, galat_unggah: dict[str, str] | None = None,
                       pesan_unggah: str = ""):
    data = kinerja.data(_rencana(tahun))
    baris = []
    for s, ind in indikator_unit(data, unit):
        masukan = (isian or {}).get(ind.kode, {})
        baris.append({
            "sasaran": s, "ind": ind,
            "target": ind.target_triwulan[tw - 1],
            "nilai": masukan.get("nilai", kinerja.teks_nilai(ind.realisasi_triwulan[tw - 1])),
            "penjelasan": masukan.get("penjelasan", ind.penjelasan),
            "lain": [(TRIWULAN[i], ind.realisasi_triwulan[i]) for i in range(4) if i != tw - 1],
        })
    return render_template(
        "kinerja_realisasi.html", tahun=tahun, tw=tw, unit=unit, baris=baris, galat=galat or {},
        galat_umum=galat_umum or {}, galat_unggah=galat_unggah or {}, pesan_unggah=pesan_unggah,
        TRIWULAN=TRIWULAN, tahun_ada=kinerja.tahun_ada(pengguna().instansi),
    ), status


@bp.route("/kinerja/<int:tahun>/realisasi", methods=["GET", "POST"])
@perlu(Aksi.ISI_REALISASI)
def realisasi(tahun: int):
    unit = _unit_pengguna()
    tw = _triwulan(request.values.get("triwulan")) or 1
    _rencana(tahun)
    if request.method == "GET":
        return _halaman_realisasi(tahun, tw, unit)
    isian: dict[str, dict[str, str]] = {}
    for kunci, nilai in request.form.items(multi=True):
        jenis, _, kode = kunci.partition(":")
        if jenis in ("r", "p") and kode:
            isian.setdefault(kode, {})["nilai" if jenis == "r" else "penjelasan"] = nilai
    try:
        n = kinerja.isi_realisasi(pengguna().instansi, tahun, tw, isian, unit)
    except kinerja.IsianSalah as exc:
        return _halaman_realisasi(tahun, tw, unit, 422, isian=isian, galat=exc.fields)
    except kinerja.DataTidakSah as exc:
        return _halaman_realisasi(tahun, tw, unit, 422, isian=isian, galat_umum=exc.fields)
    flash(f"Realisasi TW {TRIWULAN[tw - 1]} {tahun} disimpan untuk {n} indikator.", "sukses")
    return redirect(url_for("kinerja.realisasi", tahun=tahun, triwulan=tw))


@bp.get("/kinerja/<int:tahun>/formulir.xlsx")
@perlu(Aksi.ISI_REALISASI)
def formulir(tahun: int):
    unit = _unit_pengguna()
    data = kinerja.data(_rencana(tahun))
    isi = formulir_xlsx.tulis_formulir(data, unit, instansi_nama=pengguna().instansi.profil.get("nama", ""))
    nama = f"formulir-realisasi-{tahun}" + (f"-{_nama_berkas(unit)}" if unit else "") + ".xlsx"
    return send_file(io.BytesIO(isi), mimetype=XLSX, as_attachment=True, download_name=nama, max_age=0)


@bp.post("/kinerja/<int:tahun>/unggah")
@perlu(Aksi.ISI_REALISASI)
def unggah(tahun: int):
    unit = _unit_pengguna()
    tw = _triwulan(request.values.get("triwulan")) or 1
    _rencana(tahun)
    gagal = "Formulir tidak diimpor; tidak ada nilai yang diubah."
    berkas = request.files.get("berkas")
    if berkas is None or not berkas.filename:
        return _halaman_realisasi(tahun, tw, unit, 422, pesan_unggah=gagal, galat_unggah={
            "berkas": "pilih berkas formulir Excel (.xlsx) terlebih dahulu"})
    if not berkas.filename.lower().endswith(".xlsx"):
        return _halaman_realisasi(tahun, tw, unit, 422, pesan_unggah=gagal, galat_unggah={
            "berkas": f"'{berkas.filename}' bukan berkas Excel .xlsx; unggah formulir yang diunduh dari halaman ini "
                      "(Excel Workbook .xlsx)"})
    try:
        isi = unggahan.baca(berkas, MAKS_XLSX, apa="berkas formulir")
        n, tidak_ada = kinerja.impor_formulir(pengguna().instansi, tahun, isi, berkas.filename, unit)
    except DocgenError as exc:  # too large (413), not an xlsx, a zip bomb, a bad cell (422), another unit (403)
        galat = formulir_xlsx.ringkas_galat(exc.fields or {"": exc.pesan})  # the first 20 cells and a count
        return _halaman_realisasi(tahun, tw, unit, exc.status, galat_unggah=galat,
                                  pesan_unggah=f"{exc.pesan}; tidak ada nilai yang diubah.")
    pesan = f"Formulir diimpor: realisasi {n} indikator diperbarui."
    if tidak_ada:
        pesan += f" Baris {', '.join(tidak_ada)} tidak ada dalam berkas sehingga tidak diubah."
    flash(pesan, "sukses")
    return redirect(url_for("kinerja.realisasi", tahun=tahun, triwulan=tw))


# -- capaian ---------------------------------------------------------------------------------------------------------


@bp.get("/kinerja/capaian")
@perlu(Aksi.LIHAT_CAPAIAN)
def capaian():
    unit = _unit_pengguna()
    inst = pengguna().instansi
    tahun_ada = kinerja.tahun_ada(inst)
    teks_tahun = request.args.get("tahun", "")
    if teks_tahun and angka_id(teks_tahun) is None:
        abort(404)
    tahun = int(teks_tahun) if teks_tahun else (tahun_ada[0] if tahun_ada else None)
    tw = _triwulan(request.args.get("triwulan"))
    baris = None
    if tahun is not None and tahun in tahun_ada:
        tw, baris = kinerja.baris_capaian(inst, tahun, tw, unit)
    return render_template("kinerja_capaian.html", tahun=tahun, tahun_ada=tahun_ada, tw=tw, baris=baris,
                           unit=unit, TRIWULAN=TRIWULAN)


# -- rencana ---------------------------------------------------------------------------------------------------------


def _halaman_rencana(tahun: int | None, status: int = 200, galat: dict[str, str] | None = None, *,
                     galat_baru: dict[str, str] | None = None, isian_baru: dict[str, str] | None = None,
                     tahun_baru: int | None = None):
    inst = pengguna().instansi
    tahun_ada = kinerja.tahun_ada(inst)
    if tahun is None and tahun_ada:
        tahun = tahun_ada[0]
    indikator: list[tuple[Any, Indikator]] = []
    if tahun is not None and tahun in tahun_ada:
        indikator = indikator_unit(kinerja.data(_rencana(tahun)), None)
    if tahun_baru is None or not 2000 <= tahun_baru <= 2100 or tahun_baru in tahun_ada:
        tahun_baru = max(tahun_ada) + 1 if tahun_ada else waktu.hari_ini(inst).year
    baru = {"tahun": str(tahun_baru), "sumber": str(rencana_susun.sumber_bawaan(tahun_ada, tahun_baru) or "kosong"),
            **(isian_baru or {})}
    return render_template("kinerja_rencana.html", tahun=tahun, tahun_ada=tahun_ada, indikator=indikator,
                           galat=galat or {}, galat_baru=galat_baru or {}, baru=baru, TRIWULAN=TRIWULAN), status


@bp.get("/kinerja/rencana")
@perlu(Aksi.KELOLA_RENCANA)
def rencana():
    teks = request.args.get("tahun", "")
    return _halaman_rencana(angka_id(teks), tahun_baru=angka_id(request.args.get("baru", "")))


@bp.post("/kinerja/rencana")
@perlu(Aksi.KELOLA_RENCANA)
def unggah_rencana():
    berkas = request.files.get("berkas")
    if berkas is None or not berkas.filename:
        return _halaman_rencana(None, 422, {"berkas": "pilih berkas JSON data kinerja terlebih dahulu"})
    mentah: Any = None
    try:  # at most 2 MB (413), UTF-8 JSON no deeper than unggahan.KEDALAMAN_MAKS, then the schema
        mentah = unggahan.baca_json(unggahan.baca(berkas, kinerja.MAKS_JSON_RENCANA, apa="berkas data kinerja"))
        data: DataKinerja = kinerja.unggah_rencana(pengguna().instansi, mentah, ganti=request.form.get("ganti") == "1",
                                                   nama_berkas=berkas.filename)
    except DocgenError as exc:
        tahun = mentah.get("tahun") if exc.status == 409 and isinstance(mentah, dict) else None
        return _halaman_rencana(tahun if isinstance(tahun, int) else None, exc.status, exc.fields)
    flash(f"Data kinerja tahun {data.tahun} disimpan ({sum(len(s.indikator) for s in data.sasaran)} indikator).",
          "sukses")
    return redirect(url_for("kinerja.rencana", tahun=data.tahun))


@bp.post("/kinerja/rencana/baru")
@perlu(Aksi.KELOLA_RENCANA)
def buat_rencana():
    """Create a year: a copy of the chosen year (stored at once), or an empty frame opened in the editor."""
    isian = {"tahun": request.form.get("tahun", ""), "sumber": request.form.get("sumber", "")}
    inst = pengguna().instansi
    try:
        tahun = rencana_susun.baca_tahun(isian["tahun"])
        if isian["sumber"] == "kosong":
            rencana_susun.periksa_tahun(inst, tahun)
            return redirect(url_for("rencana.susun", tahun=tahun, baru=1))
        sumber = angka_id(isian["sumber"])
        if sumber is None:
            raise InputTidakValid("Sumber tidak dipilih", fields={
                "sumber": "pilih tahun yang disalin atau kerangka kosong"})
        data = rencana_susun.salin(inst, tahun, sumber)
    except DocgenError as exc:
        return _halaman_rencana(None, exc.status, galat_baru=exc.fields, isian_baru=isian)
    flash(f"Rencana tahun {tahun} dibuat dari salinan tahun {sumber}: {sum(len(s.indikator) for s in data.sasaran)} "
          "indikator dengan targetnya, program dan pagu; realisasi dikosongkan. Periksa dan sesuaikan targetnya.",
          "sukses")
    return redirect(url_for("rencana.susun", tahun=tahun))


@bp.get("/kinerja/<int:tahun>/data.json")
@perlu(Aksi.KELOLA_RENCANA)
def unduh_rencana(tahun: int):
    isi = json.dumps(formulir_xlsx.kinerja_json(kinerja.data(_rencana(tahun))), ensure_ascii=False, indent=1)
    return send_file(io.BytesIO(isi.encode()), mimetype="application/json", as_attachment=True,
                     download_name=f"data-kinerja-{tahun}.json", max_age=0)


@bp.route("/kinerja/<int:tahun>/target/<path:kode>", methods=["GET", "POST"])
@perlu(Aksi.KELOLA_RENCANA)
def target(tahun: int, kode: str):
    inst = pengguna().instansi
    try:
        ind = kinerja.indikator(inst, tahun, kode)
    except TidakDitemukan:
        abort(404)
    isian = kinerja.isian_target(ind)
    galat: dict[str, str] = {}
    if request.method == "POST":
        isian = {**isian, **{k: request.form.get(k, "") for k in kinerja.medan_target(ind)}}
        try:
            kinerja.ubah_target(inst, tahun, kode, isian)
        except kinerja.IsianSalah as exc:
            galat = exc.fields
        else:
            flash(f"Target {kode} tahun {tahun} disimpan.", "sukses")
            return redirect(url_for("kinerja.rencana", tahun=tahun))
    return render_template("kinerja_target.html", tahun=tahun, ind=ind, isian=isian, galat=galat,
                           TRIWULAN=TRIWULAN), (422 if galat else 200)
