"""Accounts: login with hashed passwords, session cookies, CSRF on every form, role checks."""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Callable

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from web.db import sesi
from web.models import Pengguna, TokenApi

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.masuk"
    login_manager.login_message = "Silakan masuk terlebih dahulu."
    csrf.init_app(app)
    app.register_blueprint(bp)


@login_manager.user_loader
def _muat(user_id: str) -> Pengguna | None:
    return sesi().get(Pengguna, int(user_id))


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def buat_token(pengguna: Pengguna) -> str:
    """Create an API token for a user; return it (only its hash is stored)."""
    token = "dg_" + secrets.token_urlsafe(32)
    sesi().add(TokenApi(pengguna_id=pengguna.id, hash=hashlib.sha256(token.encode()).hexdigest()))
    return token


def pengguna_dari_token(token: str) -> Pengguna | None:
    """Return the active user owning a bearer token, or None."""
    h = hashlib.sha256(token.encode()).hexdigest()
    t = sesi().scalar(select(TokenApi).where(TokenApi.hash == h))
    return t.pengguna if t is not None and t.pengguna.is_active else None


def peran_diperlukan(*peran: str) -> Callable:
    """Allow the view only to logged-in users with one of the roles (403 otherwise)."""

    def dekor(fn: Callable) -> Callable:
        @functools.wraps(fn)
        @login_required
        def bungkus(*args, **kwargs):
            if current_user.peran not in peran:
                abort(403)
            return fn(*args, **kwargs)

        bungkus.peran_diperlukan = set(peran)  # type: ignore[attr-defined]
        return bungkus

    return dekor


@bp.route("/masuk", methods=["GET", "POST"])
def masuk():
    if current_user.is_authenticated:
        return redirect(url_for("pages.beranda"))
    galat = ""
    username = ""
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        p = sesi().scalar(select(Pengguna).where(Pengguna.username == username))
        if p is None or not p.is_active or not check_password_hash(p.password_hash, password):
            galat = "Nama pengguna atau kata sandi salah."
        else:
            login_user(p)
            tujuan = request.args.get("next", "")
            if not tujuan.startswith("/") or tujuan.startswith("//"):
                tujuan = url_for("pages.beranda")
            return redirect(tujuan)
    return render_template("masuk.html", galat=galat, username=username), (401 if galat else 200)


@bp.route("/keluar", methods=["POST"])
@login_required
def keluar():
    logout_user()
    flash("Anda telah keluar.", "info")
    return redirect(url_for("auth.masuk"))
