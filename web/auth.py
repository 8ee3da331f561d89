"""Accounts: login with hashed passwords, session cookies, CSRF on every form, role checks."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import secrets
from collections.abc import Callable

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from web.db import sesi
from web.models import Pengguna, PercobaanMasuk, TokenApi

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
    """The session's user; None (signed out) once the account is deactivated, so an open session ends too."""
    p = sesi().get(Pengguna, int(user_id))
    return p if p is not None and p.is_active else None


# Werkzeug's default (scrypt). The test suite lowers it for its throwaway demo users, nothing else should.
METODE_SANDI = "scrypt"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=METODE_SANDI)


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


def sekarang() -> dt.datetime:
    """The time login attempts are stamped and judged with (tests replace it)."""
    return dt.datetime.now(dt.UTC)


def _utc(t: dt.datetime) -> dt.datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)


def _batas_masuk() -> tuple[int, int, dt.timedelta]:
    c = current_app.config
    return (int(c.get("MASUK_MAKS_GAGAL_NAMA", 5)), int(c.get("MASUK_MAKS_GAGAL_ALAMAT", 20)),
            dt.timedelta(seconds=int(c.get("MASUK_JENDELA_DETIK", 15 * 60))))


def _kunci_nama(username: str) -> str:
    return username.casefold()[:100]


def tertahan(username: str, alamat: str, kini: dt.datetime) -> int:
    """Seconds until this username and address may try again (0: now). Failures count within the window: 5 per
    username since its last successful login, 20 per address."""
    maks_nama, maks_alamat, jendela = _batas_masuk()
    db = sesi()
    awal = kini - jendela
    terakhir_berhasil = db.scalar(select(func.max(PercobaanMasuk.waktu)).where(
        PercobaanMasuk.username == _kunci_nama(username), PercobaanMasuk.berhasil == 1, PercobaanMasuk.waktu >= awal))
    awal_nama = max(awal, _utc(terakhir_berhasil)) if terakhir_berhasil is not None else awal
    tunggu = dt.timedelta(0)
    for syarat, awal_, maks in ((PercobaanMasuk.username == _kunci_nama(username), awal_nama, maks_nama),
                                (PercobaanMasuk.alamat_ip == alamat, awal, maks_alamat)):
        waktu = db.scalars(select(PercobaanMasuk.waktu).where(syarat, PercobaanMasuk.berhasil == 0,
                                                              PercobaanMasuk.waktu > awal_)
                           .order_by(PercobaanMasuk.waktu.desc()).limit(maks)).all()
        if len(waktu) >= maks:  # free again when the oldest of the last `maks` failures leaves the window
            tunggu = max(tunggu, _utc(waktu[-1]) + jendela - kini)
    return max(0, math.ceil(tunggu.total_seconds()))


def _catat_percobaan(username: str, alamat: str, kini: dt.datetime, berhasil: bool) -> None:
    """Store one attempt and drop the ones that left the window (they no longer count)."""
    _, _, jendela = _batas_masuk()
    db = sesi()
    db.execute(delete(PercobaanMasuk).where(PercobaanMasuk.waktu < kini - jendela))
    db.add(PercobaanMasuk(username=_kunci_nama(username), alamat_ip=alamat[:64], waktu=kini, berhasil=int(berhasil)))
    db.commit()


@functools.cache
def _hash_semu() -> str:
    """Checked when the username is unknown, so a wrong username takes as long as a wrong password."""
    return generate_password_hash("bukan-sandi-siapa-pun")


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
    galat = ""
    username = ""
    if request.method == "POST":
        from web import audit

        username = request.form.get("username", "").strip()[:100]
        password = request.form.get("password", "")
        alamat = request.remote_addr or ""
        kini = sekarang()
        p = sesi().scalar(select(Pengguna).where(Pengguna.username == username))
        detik = tertahan(username, alamat, kini)
        if detik:
            menit = math.ceil(detik / 60)
            audit.catat("masuk.ditahan", "pengguna", username, {"username": username},
                        instansi_id=p.instansi_id if p is not None else None)
            galat = f"Terlalu banyak percobaan masuk; coba lagi dalam {menit} menit."
            r = make_response(render_template("masuk.html", galat=galat, username=username), 429)
            r.headers["Retry-After"] = str(detik)
            return r
        if p is None:
            check_password_hash(_hash_semu(), password)
        if p is None or not p.is_active or not check_password_hash(p.password_hash, password):
            _catat_percobaan(username, alamat, kini, berhasil=False)
            audit.catat("masuk.gagal", "pengguna", p.id if p is not None else "", {"username": username},
                        instansi_id=p.instansi_id if p is not None else None)
            galat = "Nama pengguna atau kata sandi salah."
        else:
            _catat_percobaan(username, alamat, kini, berhasil=True)
            login_user(p)
            audit.catat("masuk.berhasil", "pengguna", p.id, pengguna=p)
            return redirect(_tujuan_aman(request.args.get("next", "")))
    return render_template("masuk.html", galat=galat, username=username), (401 if galat else 200)


@bp.route("/keluar", methods=["POST"])
@login_required
def keluar():
    from web import audit

    audit.catat("keluar", "pengguna", current_user.id)
    logout_user()
    flash("Anda telah keluar.", "info")
    return redirect(url_for("auth.masuk"))
