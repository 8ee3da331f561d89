"""API routes of performance data: the years an agency has, one year's data (read, and replaced as the plan upload
does), its capaian table, and the capaian of data sent in the body."""

from __future__ import annotations

from flask import jsonify, request

from docgen import capaian_tabel, formulir_xlsx
from docgen.errors import DocgenError, InputTidakValid
from docgen.kinerja import DataKinerja
from docgen.validation import validasi
from web.api.dasar import argumen_pilihan, badan_json, bp, header_peringatan, perlu
from web.inti import peran, unggahan
from web.inti.models import Pengguna
from web.inti.peran import Aksi
from web.layanan import kinerja


def _unit(p: Pengguna) -> str | None:
    """The unit whose indicators the user sees: None (all) for roles that see every unit, else the user's own
    (403 for such a user without one), as on the pages."""
    if peran.boleh(p.peran, Aksi.SEMUA_UNIT):
        return None
    if p.unit_kerja is None:
        raise DocgenError("Akun Anda belum terhubung ke unit kerja; minta admin mengaturnya.", status=403)
    return p.unit_kerja.nama


@bp.get("/kinerja")
def daftar_kinerja():
    """The years the agency has performance data for, newest first."""
    p = perlu(Aksi.LIHAT_CAPAIAN)
    return {"tahun": kinerja.tahun_ada(p.instansi)}


# One rule for both methods: with two, an id out of range would answer 405 instead of 404 (Werkzeug notes the
# other rule's method before the converter refuses the value).
@bp.route("/kinerja/<int:tahun>", methods=["GET", "PUT"])
def kinerja_tahun(tahun: int):
    """GET: a year's data as DataKinerja JSON (what the plan page downloads, and what PUT takes back).

    PUT: store a year's data (validated as a whole, as the plan upload does), replacing what the year had; 201 when
    the year is new. The body's `tahun`, when given, must be the one in the path."""
    p = perlu(Aksi.KELOLA_RENCANA)
    if request.method == "GET":
        return formulir_xlsx.kinerja_json(kinerja.data(kinerja.rencana(p.instansi, tahun)))
    if len(request.get_data(cache=True)) > kinerja.MAKS_JSON_RENCANA:  # the upload's cap (the API's is 10 MB)
        ukuran = unggahan.teks_ukuran(kinerja.MAKS_JSON_RENCANA)
        raise unggahan.TerlaluBesar("Data kinerja terlalu besar", fields={"": f"paling besar {ukuran}"})
    mentah = badan_json()
    if "tahun" not in mentah:
        mentah["tahun"] = tahun
    elif mentah["tahun"] != tahun or isinstance(mentah["tahun"], bool):
        raise InputTidakValid("Tahun data tidak sama dengan tahun pada alamat", fields={
            "tahun": f"harus {tahun} (tahun pada alamat) atau dihilangkan"})
    baru = tahun not in kinerja.tahun_ada(p.instansi)
    d = kinerja.unggah_rencana(p.instansi, mentah, ganti=True, nama_berkas="API")
    return formulir_xlsx.kinerja_json(d), 201 if baru else 200


@bp.get("/kinerja/<int:tahun>/capaian")
def capaian_tahun(tahun: int):
    """The capaian table of a stored year (up to ?triwulan=, else the data's own quarter), figures formatted as on
    the capaian page; a bidang user gets its own unit's indicators only."""
    p = perlu(Aksi.LIHAT_CAPAIAN)
    unit = _unit(p)
    teks = argumen_pilihan("triwulan", ("1", "2", "3", "4"))
    tw, baris = kinerja.baris_capaian(p.instansi, tahun, int(teks) if teks else None, unit)
    baris = [{**b, "sasaran": b["sasaran"].sasaran, "kode_sasaran": b["sasaran"].kode} for b in baris]
    return {"tahun": tahun, "triwulan": tw, "unit": unit, "baris": baris}


@bp.post("/capaian")
def capaian():
    """The capaian table of DataKinerja JSON (bare, or under a "kinerja" key like the CLI accepts)."""
    p = perlu(Aksi.LIHAT_CAPAIAN)
    mentah = badan_json()
    if isinstance(mentah.get("kinerja"), dict):
        mentah = mentah["kinerja"]
    mentah, peringatan = kinerja.terapkan_pengaturan(p.instansi, mentah)  # rated as on the capaian page
    data = validasi(DataKinerja, mentah, peringatan)
    resp = jsonify({"baris": capaian_tabel.ke_json(data)})
    header_peringatan(resp, peringatan)
    return resp
