"""SOP definitions in the browser: list (built-in and the agency's own), view, copy a built-in to change it, edit
and create with the schema-generated form, JSON download and upload, and "Cetak Keputusan SOP"."""

from __future__ import annotations

import copy
import json
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from docgen import documents
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.sop import PERAN_PELAKSANA, DefinisiSOP
from web.inti import peran, unggahan
from web.inti.db import sesi
from web.inti.peran import Aksi
from web.layanan import keputusan_sop, sop
from web.layanan.siklus import LABEL_PERIODE
from web.views.akses import pengguna, perlu
from web.views.formulir_skema import id_html, label_path, pohon, susun, urai

bp = Blueprint("sop", __name__, url_prefix="/sop")

PERIODE = ("bulan", "triwulan", "tahun")
# Form order: what a cycle needs first, then the identity table of Permen PANRB 35/2012.
URUTAN = ["kode", "judul", "nomor", "unit", "sumber", "periode", "pelaksana", "peran", "langkah", "total_waktu",
          "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "disahkan_oleh", "dasar_hukum",
          "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan", "arsip_kode_klasifikasi"]
BATAS_UNGGAH = 2 * 1024 * 1024


# -- the form: DefinisiSOP's schema with friendlier controls ---------------------------------------------------


def skema_formulir() -> dict[str, Any]:
    """DefinisiSOP's JSON Schema reshaped for the form: periode as three ticks, peran as rows of pelaksana and
    role, a step's jenis as a choice; properties in form order."""
    s = copy.deepcopy(DefinisiSOP.model_json_schema())
    props = s["properties"]
    props["periode"] = {
        "type": "object", "title": "Periode siklus", "description": "Siklus SOP ini dapat dijalankan per:",
        "properties": {p: {"type": "boolean", "title": LABEL_PERIODE[p]} for p in PERIODE}}
    props["peran"] = {
        "type": "array", "title": "Peran aplikasi per pelaksana",
        "description": "Pengguna dengan peran ini yang memproses langkah pelaksana tersebut; pelaksana tanpa peran "
                       "hanya dapat diproses administrator.",
        "items": {"type": "object", "title": "Pemetaan", "required": ["pelaksana"], "properties": {
            "pelaksana": {"type": "string", "title": "Pelaksana", "maxLength": 1000},
            "peran": {"type": "string", "title": "Peran pengguna", "enum": ["", *PERAN_PELAKSANA],
                      "x-pilihan": {"": "Belum dipetakan (hanya administrator)",
                                    **{r: peran.LABEL_PERAN[r] for r in PERAN_PELAKSANA}}}}}}
    langkah = s["$defs"]["LangkahSOP"]["properties"]
    langkah["jenis"] = {**{k: v for k, v in langkah["jenis"].items() if k != "pattern"},
                        "enum": ["proses", "keputusan"]}  # its labels ("x-pilihan") come from the schema
    langkah["dokumen"]["description"] = "Kode jenis dokumen, mis. nota-dinas (daftar kodenya ada di bawah formulir)"
    s["properties"] = {k: props[k] for k in URUTAN if k in props} | {k: v for k, v in props.items() if k not in URUTAN}
    return s


def ke_formulir(data: dict[str, Any]) -> dict[str, Any]:
    """A definition (stored JSON) as form values."""
    v = copy.deepcopy(data)
    if isinstance(v.get("periode"), list):
        v["periode"] = {p: p in v["periode"] for p in PERIODE}
    if isinstance(v.get("peran"), dict):
        v["peran"] = [{"pelaksana": k, "peran": r} for k, r in v["peran"].items()]
    return v


def dari_formulir(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Form values back to a definition; return it with the form errors found on the way (a pelaksana twice)."""
    v = dict(data)
    galat: dict[str, str] = {}
    if isinstance(v.get("periode"), dict):
        v["periode"] = [p for p in PERIODE if v["periode"].get(p)]
    if isinstance(v.get("peran"), list):
        peta: dict[str, str] = {}
        dilihat: set[str] = set()
        for i, baris in enumerate(v["peran"]):
            if not isinstance(baris, dict) or not str(baris.get("pelaksana") or "").strip():
                continue
            nama = str(baris["pelaksana"]).strip()
            if nama.casefold() in dilihat:
                galat[f"peran.{i}.pelaksana"] = f"pelaksana '{nama}' sudah dipetakan di baris lain"
            dilihat.add(nama.casefold())
            if baris.get("peran"):
                peta[nama] = baris["peran"]
        v["peran"] = peta
    return v, galat


def galat_formulir(fields: dict[str, str], mentah: dict[str, Any]) -> dict[str, str]:
    """Definition error paths as form paths: a role error goes to its row, periode errors to the ticks."""
    baris_peran: list[Any] = mentah["peran"] if isinstance(mentah.get("peran"), list) else []
    indeks = {str(b.get("pelaksana", "")).strip().casefold(): i for i, b in enumerate(baris_peran)
              if isinstance(b, dict)}
    keluar: dict[str, str] = {}
    for path, pesan in fields.items():
        baru = path
        if path.startswith("peran."):
            i = indeks.get(path.split(".", 1)[1].casefold())
            baru = f"peran.{i}.peran" if i is not None else "peran"
        elif path == "peran" and "'" in pesan:
            i = indeks.get(pesan.split("'")[1].casefold())
            baru = f"peran.{i}.pelaksana" if i is not None else "peran"
        elif path.startswith("periode"):
            baru = "periode"
        keluar[baru] = f"{keluar[baru]}; {pesan}" if baru in keluar else pesan
    return keluar


def _akar():
    return pohon(skema_formulir())


def _tampilkan_formulir(nilai: dict[str, Any], galat: dict[str, str] | None = None, *, judul: str, aksi_url: str,
                        pesan: str = "", pesan_galat: str = "", status: int = 200, galat_unggah: str = "",
                        kembali: str = ""):
    galat = dict(galat or {})
    tampil, sisa = susun(_akar(), nilai, galat)
    p = pengguna()
    return render_template(
        "sop_formulir.html", tampil=tampil, galat=galat, galat_lain=sisa, label=label_path(tampil), id_html=id_html,
        judul=judul, aksi_url=aksi_url, pesan=pesan, pesan_galat=pesan_galat, galat_unggah=galat_unggah,
        pejabat=[pj.data for pj in p.instansi.pejabat], jenis=documents.semua(), kembali=kembali,
    ), status


def _baca_unggahan() -> dict[str, Any]:
    """The uploaded JSON definition (2 MB, UTF-8, not too deep). Raises InputTidakValid naming the upload field."""
    isi = unggahan.baca(request.files.get("berkas"), BATAS_UNGGAH, apa="berkas definisi SOP")
    if not isi:
        raise InputTidakValid("Pilih berkas JSON", fields={"berkas": "pilih berkas definisi SOP (.json)"})
    data = unggahan.baca_json(isi)
    if not isinstance(data, dict):
        raise InputTidakValid("Berkas bukan definisi SOP", fields={"berkas": "isi berkas harus objek JSON { ... }"})
    return data


def _proses_formulir(baris, *, judul: str, aksi_url: str, kembali: str):
    """Handle a POST of the create/edit form: save, or read an uploaded JSON into the form (never saved as is)."""
    p = pengguna()
    akar = _akar()
    if request.form.get("aksi") == "unggah":
        try:
            data = _baca_unggahan()
        except DocgenError as e:  # too large (413), not JSON, too deep, not an object (422)
            nilai = ke_formulir(baris.data) if baris is not None else {}
            return _tampilkan_formulir(nilai, judul=judul, aksi_url=aksi_url, status=e.status, kembali=kembali,
                                       galat_unggah=e.fields.get("berkas", e.pesan))
        nilai = ke_formulir(data)
        try:
            sop.periksa(data, instansi_id=p.instansi_id, kecuali_id=baris.id if baris else None)
        except InputTidakValid as e:
            return _tampilkan_formulir(nilai, galat_formulir(e.fields, nilai), judul=judul, aksi_url=aksi_url,
                                       status=422, kembali=kembali,
                                       pesan_galat=f"Berkas dibaca, tetapi {len(e.fields)} isian perlu diperbaiki. "
                                                   f"Belum ada yang disimpan.")
        return _tampilkan_formulir(nilai, judul=judul, aksi_url=aksi_url, kembali=kembali,
                                   pesan="Berkas dibaca dan sah. Periksa isinya, lalu tekan Simpan SOP.")
    hasil = urai(akar, request.form)
    data, galat = dari_formulir(hasil.data)
    galat.update(hasil.galat)  # already form paths
    try:
        if galat:  # report the form's own problems together with the definition's
            sop.periksa(data, instansi_id=p.instansi_id, kecuali_id=baris.id if baris else None)
        else:
            baris = sop.simpan(p, data, baris)
    except InputTidakValid as e:
        galat = {**galat_formulir(e.fields, hasil.mentah), **galat}
    if galat:
        sesi().rollback()
        return _tampilkan_formulir(hasil.mentah, galat, judul=judul, aksi_url=aksi_url, status=422, kembali=kembali,
                                   pesan_galat=f"Definisi SOP tidak sah: {len(galat)} isian perlu diperbaiki. "
                                               f"Belum ada yang disimpan.")
    assert baris is not None
    flash(f"SOP {baris.data.get('judul', baris.kode)} disimpan.", "sukses")
    return redirect(url_for("sop.lihat", kode=baris.kode))


def _milik_instansi(kode: str):
    """The agency's own stored definition `kode`; abort 404 when it has none."""
    try:
        t = sop.dapatkan(pengguna().instansi_id, kode)
    except TidakDitemukan:
        abort(404)
    if t.baris is None:
        abort(404)
    return t


# -- views -----------------------------------------------------------------------------------------------------


@bp.route("")
@login_required
def daftar():
    p = pengguna()
    _, masalah = sop.bawaan()
    return render_template("sop_daftar.html", daftar=sop.daftar(p.instansi_id), masalah=masalah,
                           boleh_kelola=peran.boleh(p.peran, Aksi.KELOLA_SOP), LABEL_PERIODE=LABEL_PERIODE)


@bp.route("/<kode>")
@login_required
def lihat(kode: str):
    p = pengguna()
    asli = request.args.get("asli") == "1"
    try:
        t = sop.dapatkan(p.instansi_id, kode, asli=asli)
    except TidakDitemukan:
        abort(404)
    d = t.definisi
    judul_jenis = {j.slug: j.judul for j in documents.semua()}
    return render_template(
        "sop_lihat.html", t=t, d=d, asli=asli, masalah=d.masalah() if d else [], judul_jenis=judul_jenis,
        boleh_kelola=peran.boleh(p.peran, Aksi.KELOLA_SOP), LABEL_PERIODE=LABEL_PERIODE,
        boleh_cetak=peran.boleh_membuat(p.peran, keputusan_sop.SLUG),
        boleh_mulai=peran.boleh(p.peran, Aksi.MULAI_SIKLUS),
    )


@bp.route("/baru", methods=["GET", "POST"])
@perlu(Aksi.KELOLA_SOP)
def baru():
    p = pengguna()
    dari = request.args.get("dari", "")
    kembali = url_for("sop.daftar")
    if request.method == "POST":
        return _proses_formulir(None, judul="SOP baru", aksi_url=request.full_path.rstrip("?"), kembali=kembali)
    if dari:
        try:
            t = sop.dapatkan(p.instansi_id, dari, asli=request.args.get("asli") == "1")
        except TidakDitemukan:
            abort(404)
        if t.definisi is None:
            abort(404)
        pesan = ("Salinan SOP bawaan. Simpan dengan kode yang sama untuk menggantikan SOP bawaan bagi instansi ini, "
                 "atau ganti kodenya untuk membuat SOP baru." if t.sumber == "bawaan" else
                 "Salinan SOP instansi. Ganti kodenya untuk menyimpannya sebagai SOP baru.")
        return _tampilkan_formulir(ke_formulir(t.definisi.model_dump(mode="json")), judul=f"Salin SOP {t.judul}",
                                   aksi_url=request.full_path.rstrip("?"), pesan=pesan, kembali=kembali)
    awal = {"periode": {"triwulan": True}, "pelaksana": [], "langkah": [None]}
    return _tampilkan_formulir(awal, judul="SOP baru", aksi_url=url_for("sop.baru"), kembali=kembali)


@bp.route("/<kode>/ubah", methods=["GET", "POST"])
@perlu(Aksi.KELOLA_SOP)
def ubah(kode: str):
    p = pengguna()
    try:
        t = sop.dapatkan(p.instansi_id, kode)
    except TidakDitemukan:
        abort(404)
    if t.baris is None:  # a built-in definition is changed through a copy
        return redirect(url_for("sop.baru", dari=kode))
    judul = f"Ubah SOP {t.judul}"
    kembali = url_for("sop.lihat", kode=kode)
    if request.method == "POST":
        return _proses_formulir(t.baris, judul=judul, aksi_url=url_for("sop.ubah", kode=kode), kembali=kembali)
    galat = {}
    if t.definisi is None:  # stored before a rule changed: show why it no longer validates
        try:
            sop.periksa(t.baris.data, instansi_id=p.instansi_id, kecuali_id=t.baris.id)
        except InputTidakValid as e:
            galat = galat_formulir(e.fields, ke_formulir(t.baris.data))
    return _tampilkan_formulir(ke_formulir(t.baris.data), galat, judul=judul, aksi_url=url_for("sop.ubah", kode=kode),
                               kembali=kembali, status=200)


@bp.route("/<kode>/hapus", methods=["POST"])
@perlu(Aksi.KELOLA_SOP)
def hapus(kode: str):
    t = _milik_instansi(kode)
    assert t.baris is not None
    sop.hapus(pengguna(), t.baris)
    if t.bawaan is not None:
        flash(f"SOP instansi '{t.judul}' dihapus; SOP bawaan dengan kode yang sama berlaku lagi.", "sukses")
        return redirect(url_for("sop.lihat", kode=kode))
    flash(f"SOP instansi '{t.judul}' dihapus. Siklus yang sudah berjalan menyimpan salinannya sendiri.", "sukses")
    return redirect(url_for("sop.daftar"))


@bp.route("/<kode>/json")
@login_required
def unduh_json(kode: str):
    try:
        t = sop.dapatkan(pengguna().instansi_id, kode, asli=request.args.get("asli") == "1")
    except TidakDitemukan:
        abort(404)
    data = t.definisi.model_dump(mode="json") if t.definisi else (t.baris.data if t.baris else {})
    isi = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Response(isi, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="sop-{kode}.json"'})


@bp.route("/<kode>/cetak", methods=["POST"])
@login_required
def cetak(kode: str):
    """Open the keputusan-sop form filled from this definition (kept as the user's draft of that form)."""
    try:
        t = keputusan_sop.cetak(pengguna(), kode, asli=request.form.get("asli") == "1")
    except TidakDitemukan:
        abort(404)
    except DocgenError as e:
        if e.status == 403:
            abort(403)
        raise
    flash(f"Formulir Keputusan diisi dari SOP {t.judul}. Periksa nomor, tanggal dan penanda tangan, lalu buat "
          f"dokumennya.", "info")
    return redirect(url_for("dokumen.formulir", slug=keputusan_sop.SLUG))
