"""The home page: what the signed-in user can do."""

from __future__ import annotations

from flask import Blueprint, Flask, redirect, render_template, url_for
from flask_login import current_user, login_required

from docgen import documents
from web import nomor, peran

bp = Blueprint("pages", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.context_processor
    def _umum():
        endpoints = {r.endpoint for r in app.url_map.iter_rules()}
        return {"LABEL_PERAN": peran.LABEL_PERAN, "peran_mod": peran, "url_map_endpoints": endpoints,
                "contoh_nomor": nomor.contoh}


@bp.route("/")
def akar():
    return redirect(url_for("pages.beranda") if current_user.is_authenticated else url_for("auth.masuk"))


@bp.route("/beranda")
@login_required
def beranda():
    jenis = [documents.dapatkan(s) for s in peran.jenis_boleh(current_user.peran)]
    return render_template("beranda.html", jenis=jenis, menunggu=_menunggu_tindakan())


def _menunggu_tindakan() -> list:
    """Running cycle steps the user's role must act on (empty when the cycle module is not installed)."""
    import datetime as dt
    import importlib.util

    if importlib.util.find_spec("web.siklus_layanan") is None:
        return []
    from web.siklus_layanan import menunggu_tindakan

    return menunggu_tindakan(current_user._get_current_object(), sekarang=dt.datetime.now(dt.UTC))
