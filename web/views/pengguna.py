"""The agency's user accounts, managed by its admin: add, deactivate or reactivate, set a new password."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import login_user

from docgen.errors import DocgenError, InputTidakValid
from web.inti.peran import PERAN, Aksi
from web.layanan import akun
from web.views.akses import pengguna, perlu

bp = Blueprint("pengguna", __name__, url_prefix="/profil/pengguna")


def _tampilkan(status: int = 200, *, nilai: dict[str, str] | None = None, galat: dict[str, str] | None = None,
               galat_sandi: dict[int, str] | None = None, galat_surel: dict[int, tuple[str, str]] | None = None):
    inst = pengguna().instansi
    unit = sorted(inst.unit_kerja, key=lambda u: u.nama)
    return render_template("pengguna.html", daftar=akun.daftar_pengguna(inst), unit=unit, PERAN=PERAN,
                           nilai=nilai or {}, galat=galat or {}, galat_sandi=galat_sandi or {},
                           galat_surel=galat_surel or {}, SANDI_MIN=akun.SANDI_MIN, SUREL_MAKS=akun.SUREL_MAKS), status


def _milik(pengguna_id: int):
    try:
        return akun.pengguna_instansi(pengguna().instansi, pengguna_id)
    except DocgenError:
        abort(404)


@bp.get("")
@perlu(Aksi.KELOLA_PROFIL)
def daftar():
    return _tampilkan()


@bp.post("")
@perlu(Aksi.KELOLA_PROFIL)
def tambah():
    f = request.form
    nilai = {k: " ".join(f.get(k, "").split()) for k in ("username", "nama", "peran", "unit", "surel")}
    try:
        baru = akun.buat_pengguna(pengguna().instansi, username=nilai["username"], nama=nilai["nama"],
                                  peran=nilai["peran"], unit=nilai["unit"], sandi=f.get("sandi", ""),
                                  sandi_ulang=f.get("sandi_ulang", ""), surel=nilai["surel"], pembuat=pengguna())
    except InputTidakValid as exc:
        return _tampilkan(422, nilai=nilai, galat=exc.fields)
    flash(f"Pengguna {baru.username} dibuat. Sampaikan kata sandinya secara langsung kepada yang bersangkutan.",
          "sukses")
    return redirect(url_for("pengguna.daftar"))


@bp.post("/<int:pengguna_id>/aktif")
@perlu(Aksi.KELOLA_PROFIL)
def ubah_aktif(pengguna_id: int):
    try:
        p = akun.ubah_aktif(pengguna(), _milik(pengguna_id))
    except DocgenError as exc:
        flash(exc.pesan, "galat")
        return redirect(url_for("pengguna.daftar"))
    flash(f"Akun {p.username} {'diaktifkan kembali' if p.aktif else 'dinonaktifkan; sesinya yang terbuka berakhir'}.",
          "sukses")
    return redirect(url_for("pengguna.daftar"))


@bp.post("/<int:pengguna_id>/sandi")
@perlu(Aksi.KELOLA_PROFIL)
def ganti_sandi(pengguna_id: int):
    p = _milik(pengguna_id)
    try:
        akun.ganti_sandi(pengguna(), p, request.form.get("sandi", ""), request.form.get("sandi_ulang", ""))
    except InputTidakValid as exc:
        return _tampilkan(422, galat_sandi={p.id: f"Kata sandi baru: {exc.fields['sandi']}"})
    if p.id == pengguna().id:
        login_user(p)  # the admin's own new password: this session goes on, every other one has ended
        flash("Kata sandi Anda diganti; sesi Anda di perangkat lain berakhir.", "sukses")
        return redirect(url_for("pengguna.daftar"))
    flash(f"Kata sandi {p.username} diganti; sesinya yang terbuka berakhir.", "sukses")
    return redirect(url_for("pengguna.daftar"))


@bp.post("/<int:pengguna_id>/surel")
@perlu(Aksi.KELOLA_PROFIL)
def ubah_surel(pengguna_id: int):
    p = _milik(pengguna_id)
    teks = request.form.get("surel", "")
    try:
        akun.ubah_surel(pengguna(), p, teks)
    except InputTidakValid as exc:
        return _tampilkan(422, galat_surel={p.id: (teks, f"Surel: {exc.fields['surel']}")})
    flash(f"Surel {p.username} {'diubah menjadi ' + p.surel if p.surel else 'dikosongkan'}.", "sukses")
    return redirect(url_for("pengguna.daftar"))
