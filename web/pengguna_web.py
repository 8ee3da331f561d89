"""The agency's user accounts, managed by its admin: add, deactivate or reactivate, set a new password."""

from __future__ import annotations

import re

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from web import audit
from web.auth import hash_password, peran_diperlukan
from web.db import sesi
from web.models import PERAN, Pengguna, UnitKerja
from web.peran import KELOLA_PROFIL

bp = Blueprint("pengguna", __name__, url_prefix="/profil/pengguna")

POLA_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,49}$")
SANDI_MIN = 8


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


def _milik(pengguna_id: int) -> Pengguna:
    """A user of the admin's own agency; 404 for any other id."""
    p = sesi().get(Pengguna, pengguna_id)
    if p is None or p.instansi_id != current_user.instansi_id:
        abort(404)
    return p


def _tampilkan(status: int = 200, *, nilai: dict[str, str] | None = None, galat: dict[str, str] | None = None,
               galat_sandi: dict[int, str] | None = None):
    db = sesi()
    daftar = db.scalars(select(Pengguna).where(Pengguna.instansi_id == current_user.instansi_id)
                        .order_by(Pengguna.username)).all()
    unit = db.scalars(select(UnitKerja).where(UnitKerja.instansi_id == current_user.instansi_id)
                      .order_by(UnitKerja.nama)).all()
    return render_template("pengguna.html", daftar=daftar, unit=unit, PERAN=PERAN, nilai=nilai or {},
                           galat=galat or {}, galat_sandi=galat_sandi or {}, SANDI_MIN=SANDI_MIN), status


def _periksa_sandi(sandi: str, ulang: str) -> str:
    if len(sandi) < SANDI_MIN:
        return f"paling sedikit {SANDI_MIN} karakter"
    if len(sandi) > 200:
        return "terlalu panjang (paling banyak 200 karakter)"
    if sandi != ulang:
        return "ulangan kata sandi tidak sama"
    return ""


@bp.get("")
@peran_diperlukan(*KELOLA_PROFIL)
def daftar():
    return _tampilkan()


@bp.post("")
@peran_diperlukan(*KELOLA_PROFIL)
def tambah():
    f = request.form
    nilai = {k: " ".join(f.get(k, "").split()) for k in ("username", "nama", "peran", "unit")}
    nilai["username"] = nilai["username"].lower()
    galat: dict[str, str] = {}
    db = sesi()
    if not POLA_USERNAME.match(nilai["username"]):
        galat["username"] = "3–50 huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka"
    elif db.scalar(select(func.count()).select_from(Pengguna)
                   .where(func.lower(Pengguna.username) == nilai["username"])):
        galat["username"] = f"nama pengguna '{nilai['username']}' sudah dipakai"
    if len(nilai["nama"]) > 300:
        galat["nama"] = "terlalu panjang (paling banyak 300 karakter)"
    if nilai["peran"] not in PERAN:
        galat["peran"] = "pilih salah satu peran"
    unit_id = None
    if nilai["unit"]:
        u = db.get(UnitKerja, int(nilai["unit"])) if nilai["unit"].isdigit() else None
        if u is None or u.instansi_id != current_user.instansi_id:
            galat["unit"] = "pilih unit kerja instansi ini"
        else:
            unit_id = u.id
    if nilai["peran"] == "bidang" and unit_id is None and "unit" not in galat:
        galat["unit"] = "wajib diisi untuk peran bidang"
    pesan_sandi = _periksa_sandi(f.get("sandi", ""), f.get("sandi_ulang", ""))
    if pesan_sandi:
        galat["sandi"] = pesan_sandi
    if galat:
        return _tampilkan(422, nilai=nilai, galat=galat)
    baru = Pengguna(instansi_id=current_user.instansi_id, username=nilai["username"], nama=nilai["nama"],
                    peran=nilai["peran"], unit_kerja_id=unit_id if nilai["peran"] == "bidang" else None,
                    password_hash=hash_password(f["sandi"]))
    db.add(baru)
    db.commit()
    audit.catat("pengguna.buat", "pengguna", baru.id, {"username": baru.username, "peran": baru.peran})
    flash(f"Pengguna {baru.username} dibuat. Sampaikan kata sandinya secara langsung kepada yang bersangkutan.",
          "sukses")
    return redirect(url_for("pengguna.daftar"))


@bp.post("/<int:pengguna_id>/aktif")
@peran_diperlukan(*KELOLA_PROFIL)
def ubah_aktif(pengguna_id: int):
    p = _milik(pengguna_id)
    if p.id == current_user.id:
        flash("Anda tidak dapat menonaktifkan akun Anda sendiri.", "galat")
        return redirect(url_for("pengguna.daftar"))
    p.aktif = 0 if p.aktif else 1
    sesi().commit()
    audit.catat("pengguna.aktif" if p.aktif else "pengguna.nonaktif", "pengguna", p.id, {"username": p.username})
    flash(f"Akun {p.username} {'diaktifkan kembali' if p.aktif else 'dinonaktifkan; sesinya yang terbuka berakhir'}.",
          "sukses")
    return redirect(url_for("pengguna.daftar"))


@bp.post("/<int:pengguna_id>/sandi")
@peran_diperlukan(*KELOLA_PROFIL)
def ganti_sandi(pengguna_id: int):
    p = _milik(pengguna_id)
    pesan = _periksa_sandi(request.form.get("sandi", ""), request.form.get("sandi_ulang", ""))
    if pesan:
        return _tampilkan(422, galat_sandi={p.id: f"Kata sandi baru: {pesan}"})
    p.password_hash = hash_password(request.form["sandi"])
    sesi().commit()
    audit.catat("pengguna.sandi", "pengguna", p.id, {"username": p.username})
    flash(f"Kata sandi {p.username} diganti.", "sukses")
    return redirect(url_for("pengguna.daftar"))
