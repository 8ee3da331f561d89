"""Signing in and out (sessions in a cookie naming the account's session version; CSRF on the form; throttled by
web.layanan.akun)."""

from __future__ import annotations

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from web.layanan import akun
from web.views.akses import pengguna

bp = Blueprint("auth", __name__)


def _tujuan_aman(tujuan: str) -> str:
    """The ?next= target when it is a path on this site; the home page otherwise (no open redirect)."""
    if not tujuan.startswith("/") or tujuan.startswith("//") or "\\" in tujuan or any(
            ord(c) < 32 for c in tujuan):
        return url_for("pages.beranda")
    return tujuan


@bp.route("/masuk", methods=["GET", "POST"])
def masuk():
    if current_user.is_authenticated:
        return redirect(url_for("pages.beranda"))
    if request.method == "GET":
        return render_template("masuk.html", galat="", username="")
    username = request.form.get("username", "").strip()[:100]
    hasil = akun.masuk(username, request.form.get("password", ""), request.remote_addr or "")
    if hasil.pengguna is not None:
        login_user(hasil.pengguna)
        return redirect(_tujuan_aman(request.args.get("next", "")))
    r = make_response(render_template("masuk.html", galat=hasil.galat, username=username),
                      429 if hasil.tunggu_detik else 401)
    if hasil.tunggu_detik:
        r.headers["Retry-After"] = str(hasil.tunggu_detik)
    return r


@bp.route("/keluar", methods=["POST"])
@login_required
def keluar():
    """Sign out: the account's session version goes up, so this and every other session of it ends."""
    akun.keluar(pengguna())
    logout_user()
    flash("Anda telah keluar.", "info")
    return redirect(url_for("auth.masuk"))
