"""The home page: what the signed-in user can do, and the cycle steps waiting for them."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from docgen import documents
from web.inti import peran, waktu
from web.layanan import siklus
from web.views.akses import pengguna

bp = Blueprint("pages", __name__)


@bp.route("/")
def akar():
    return redirect(url_for("pages.beranda") if current_user.is_authenticated else url_for("auth.masuk"))


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on their own (a PDF tab, an old bookmark): the SVG icon, without login."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)


@bp.route("/beranda")
@login_required
def beranda():
    p = pengguna()
    jenis = [documents.dapatkan(s) for s in peran.jenis_boleh(p.peran)]
    return render_template("beranda.html", jenis=jenis,
                           menunggu=siklus.menunggu_tindakan(p, sekarang=waktu.sekarang()))
