"""The agency profile page (admin only): kop data, logo, officials, unit kerja, document/capaian settings and the
agency's own days off (beside the national holidays and cuti bersama the working-day calendar already knows).

A bad input re-shows the page with the message beside the field; the rules are web.layanan.profil.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from pydantic import BaseModel

from docgen import hari_kerja, locale_id
from docgen.documents.common import Instansi as SkemaInstansi
from docgen.documents.common import Pejabat as SkemaPejabat
from docgen.documents.common import Pengaturan as SkemaPengaturan
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.verifikasi import POSISI_QR
from web.inti import waktu
from web.inti.models import Instansi
from web.inti.penyimpanan import penyimpanan
from web.inti.peran import Aksi
from web.layanan import profil, seri_jenis
from web.layanan.instansi import instruksi_disposisi, kunci_logo
from web.layanan.pejabat import PERAN_PEJABAT
from web.layanan.pejabat import peran as peran_pejabat_
from web.views.akses import pengguna, perlu

bp = Blueprint("profil", __name__)

PILIHAN_PREDIKAT = {
    "lima_tingkat": "Lima tingkat (≥91 Sangat Baik, ≥76 Baik, ≥66 Cukup, >50 Kurang, ≤50 Sangat Kurang)",
    "permenpan_6_2022": "PermenPAN-RB 6/2022 (>110 Sangat Baik, ≥100 Baik, ≥80 Cukup, ...)",
}
LABEL_PREDIKAT = {**PILIHAN_PREDIKAT, "kustom": "Kustom (ambang ditetapkan dalam data pengaturan)"}


def _instansi() -> Instansi:
    return pengguna().instansi


def _medan(skema: type[BaseModel], nama: tuple[str, ...]) -> list[dict[str, Any]]:
    """Label, help text and choices of the named schema fields, for the template."""
    hasil = []
    for n in nama:
        f = skema.model_fields[n]
        pilihan = list(getattr(f.annotation, "__args__", ())) if n in ("zona_waktu", "kedudukan") else []
        hasil.append({"nama": n, "label": f.title or n, "bantuan": f.description or "",
                      "wajib": f.is_required(), "pilihan": pilihan,
                      "contoh": f.examples[0] if f.examples else ""})
    return hasil


def _tampilkan(inst: Instansi, status: int = 200, *, nilai: dict[str, Any] | None = None,
               galat: dict[str, Any] | None = None):
    """Render the profile page; `nilai` overrides what the forms show, `galat` holds messages per section."""
    tersimpan = dict(inst.profil)
    isi: dict[str, Any] = {
        "kop": {k: tersimpan.get(k, "") for k in profil.MEDAN_KOP},
        "pengaturan": {**SkemaPengaturan().model_dump(), **tersimpan.get("pengaturan", {}),
                       "predikat": inst.pengaturan_capaian.get("predikat", "lima_tingkat")},
        "pejabat": dict.fromkeys(profil.MEDAN_PEJABAT, ""),
        "unit": "",
        "libur": dict.fromkeys(profil.MEDAN_LIBUR, ""),
        "instruksi": "\n".join(instruksi_disposisi(inst)),
    }
    for bagian, v in (nilai or {}).items():
        isi[bagian] = {**isi[bagian], **v} if isinstance(v, dict) else v
    predikat = dict(PILIHAN_PREDIKAT)
    kini = isi["pengaturan"]["predikat"]
    if kini not in predikat:
        predikat[kini] = LABEL_PREDIKAT.get(kini, kini)
    tahun = request.args.get("tahun", type=int) or waktu.hari_ini(inst).year
    tahun = min(max(tahun, hari_kerja.TAHUN_AWAL), hari_kerja.TAHUN_AKHIR)
    return render_template(
        "profil_lihat.html", inst=inst, nilai=isi,
        galat={"kop": {}, "logo": "", "pejabat": {}, "unit": "", "pengaturan": {}, "peran_pejabat": {},
               "seri_jenis": {}, "libur": {}, "instruksi": "", **(galat or {})},
        medan_kop=_medan(SkemaInstansi, profil.MEDAN_KOP), medan_pejabat=_medan(SkemaPejabat, profil.MEDAN_PEJABAT),
        pejabat=[(p, profil.pejabat_sah(p.data)) for p in inst.pejabat], pemakaian=profil.pemakaian_unit(inst),
        seri_jenis=[(j, kode) for j in seri_jenis.jenis_bernomor() for kode in [seri_jenis.tabel(inst).get(j.slug)]],
        seri_ada=seri_jenis.daftar(inst), seri_pilihan=(inst.profil or {}).get(seri_jenis.KUNCI) or {},
        peran_pejabat=PERAN_PEJABAT, peran_dipegang=lambda pj: peran_pejabat_(pj), unit_kerja=inst.unit_kerja,
        pilihan_predikat=predikat, ada_logo=kunci_logo(inst) is not None, posisi_qr=POSISI_QR,
        libur_instansi=[(t.isoformat(), locale_id.tanggal_hari(t), k)
                        for t, k in sorted(profil.libur_instansi(inst).items())],
        tahun_libur=tahun, cuti_bersama_diketahui=hari_kerja.cuti_bersama_diketahui(tahun),
        libur_nasional=[(locale_id.tanggal_hari(h.tanggal), h) for h in hari_kerja.libur_nasional(tahun)],
        tahun_batas=(hari_kerja.TAHUN_AWAL, hari_kerja.TAHUN_AKHIR),
    ), status


def _form(nama: tuple[str, ...]) -> dict[str, str]:
    return {k: request.form.get(k, "").strip() for k in nama}


def _kembali(bagian: str):
    return redirect(url_for("profil.lihat") + f"#{bagian}")


@bp.get("/profil")
@perlu(Aksi.KELOLA_PROFIL)
def lihat():
    return _tampilkan(_instansi())


@bp.post("/profil/kop")
@perlu(Aksi.KELOLA_PROFIL)
def simpan_kop():
    inst = _instansi()
    isian = _form(profil.MEDAN_KOP)
    try:
        profil.simpan_kop(pengguna(), inst, isian)
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, nilai={"kop": isian}, galat={"kop": exc.fields})
    flash("Data kop instansi disimpan.", "sukses")
    return _kembali("kop")


@bp.post("/profil/logo")
@perlu(Aksi.KELOLA_PROFIL)
def unggah_logo():
    berkas = request.files.get("logo")
    isi = berkas.stream.read(profil.MAKS_LOGO + 1) if berkas is not None and berkas.filename else b""
    try:
        profil.ganti_logo(pengguna(), _instansi(), isi)
    except DocgenError as exc:  # not a usable image (422), a full disk (507): the old logo stays
        return _tampilkan(_instansi(), exc.status, galat={"logo": exc.fields.get("logo", exc.pesan)})
    flash("Logo instansi diganti.", "sukses")
    return _kembali("logo")


@bp.get("/profil/logo")
@perlu(Aksi.KELOLA_PROFIL)
def logo():
    kunci = kunci_logo(_instansi())
    if kunci is None:
        abort(404)
    # Served from memory (a logo is at most 2 MB), so no file handle outlives the request.
    jenis = "image/png" if kunci.lower().endswith(".png") else "image/jpeg"
    return send_file(io.BytesIO(penyimpanan().baca(kunci)), mimetype=jenis, max_age=0)


@bp.post("/profil/pengaturan")
@perlu(Aksi.KELOLA_PROFIL)
def simpan_pengaturan():
    inst = _instansi()
    isian = _form((*profil.MEDAN_PENGATURAN, "predikat"))
    try:
        profil.simpan_pengaturan(pengguna(), inst, isian)
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, nilai={"pengaturan": isian}, galat={"pengaturan": exc.fields})
    flash("Pengaturan disimpan.", "sukses")
    return _kembali("pengaturan")


@bp.post("/profil/instruksi")
@perlu(Aksi.KELOLA_PROFIL)
def simpan_instruksi():
    inst = _instansi()
    teks = request.form.get("instruksi", "")
    try:
        baris = profil.simpan_instruksi(pengguna(), inst, teks)
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, nilai={"instruksi": teks}, galat={"instruksi": exc.fields["instruksi"]})
    flash(f"Daftar instruksi disposisi disimpan ({len(baris)} instruksi).", "sukses")
    return _kembali("instruksi")


@bp.post("/profil/pejabat")
@perlu(Aksi.KELOLA_PROFIL)
def tambah_pejabat():
    inst = _instansi()
    isian = _form(profil.MEDAN_PEJABAT)
    peran_, unit = request.form.getlist("peran"), _unit_dipilih()
    try:
        model = profil.tambah_pejabat(pengguna(), inst, isian, peran=peran_, unit_kerja_id=unit)
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, nilai={"pejabat": {**isian, "peran": peran_, "unit_kerja_id": unit}},
                          galat={"pejabat": exc.fields})
    flash(f"Pejabat {model.nama} ditambahkan.", "sukses")
    return _kembali("pejabat")


def _unit_dipilih() -> int | None:
    """The unit kerja chosen in the form (empty or not a number: none)."""
    v = request.form.get("unit_kerja_id", "").strip()
    return int(v) if v.isdecimal() and len(v) < 10 else None


@bp.post("/profil/seri-jenis")
@perlu(Aksi.KELOLA_PROFIL)
def simpan_seri_jenis():
    inst = _instansi()
    isian = {j.slug: request.form.get(f"seri-{j.slug}", "").strip() for j in seri_jenis.jenis_bernomor()}
    try:
        seri_jenis.simpan(pengguna(), inst, isian)
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, galat={"seri_jenis": exc.fields})
    flash("Seri nomor per jenis dokumen disimpan.", "sukses")
    return _kembali("seri-jenis")


@bp.post("/profil/pejabat/<int:pejabat_id>/peran")
@perlu(Aksi.KELOLA_PROFIL)
def peran_pejabat(pejabat_id: int):
    inst = _instansi()
    try:
        nama = profil.atur_peran(pengguna(), inst, pejabat_id, request.form.getlist("peran"), _unit_dipilih())
    except TidakDitemukan:
        abort(404)
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, galat={"peran_pejabat": {pejabat_id: " ".join(exc.fields.values())}})
    flash(f"Peran pejabat {nama} disimpan.", "sukses")
    return _kembali("pejabat")


@bp.post("/profil/pejabat/<int:pejabat_id>/hapus")
@perlu(Aksi.KELOLA_PROFIL)
def hapus_pejabat(pejabat_id: int):
    try:
        nama = profil.hapus_pejabat(pengguna(), _instansi(), pejabat_id)
    except TidakDitemukan:
        abort(404)
    flash(f"Pejabat {nama} dihapus.", "sukses")
    return _kembali("pejabat")


@bp.post("/profil/unit")
@perlu(Aksi.KELOLA_PROFIL)
def tambah_unit():
    inst = _instansi()
    nama = request.form.get("nama", "")
    try:
        nama = profil.tambah_unit(pengguna(), inst, nama)
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, nilai={"unit": " ".join(nama.split())}, galat={"unit": exc.fields["unit"]})
    flash(f"Unit kerja {nama} ditambahkan.", "sukses")
    return _kembali("unit")


@bp.post("/profil/unit/<int:unit_id>/hapus")
@perlu(Aksi.KELOLA_PROFIL)
def hapus_unit(unit_id: int):
    inst = _instansi()
    try:
        nama = profil.hapus_unit(pengguna(), inst, unit_id)
    except TidakDitemukan:
        abort(404)
    except DocgenError as exc:
        return _tampilkan(inst, exc.status, galat={"unit": exc.pesan})
    flash(f"Unit kerja {nama} dihapus.", "sukses")
    return _kembali("unit")


@bp.post("/profil/libur")
@perlu(Aksi.KELOLA_PROFIL)
def tambah_libur():
    inst = _instansi()
    isian = _form(profil.MEDAN_LIBUR)
    try:
        model = profil.tambah_libur(pengguna(), inst, isian)
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, nilai={"libur": isian}, galat={"libur": exc.fields})
    lain = [h.keterangan for h in hari_kerja.libur_nasional(model.tanggal.year) if h.tanggal == model.tanggal]
    catatan = f" Tanggal itu juga {', '.join(lain)}." if lain else ""
    flash(f"Hari libur instansi {locale_id.tanggal(model.tanggal)} ({model.keterangan}) ditambahkan.{catatan}",
          "sukses")
    return _kembali("libur")


@bp.post("/profil/libur/<tanggal>/hapus")
@perlu(Aksi.KELOLA_PROFIL)
def hapus_libur(tanggal: str):
    try:
        hari, keterangan = profil.hapus_libur(pengguna(), _instansi(), tanggal)
    except TidakDitemukan:
        abort(404)
    flash(f"Hari libur instansi {locale_id.tanggal(hari)} ({keterangan}) dihapus.", "sukses")
    return _kembali("libur")
