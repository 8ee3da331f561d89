"""The Flask extensions every layer shares: sign-in sessions (Flask-Login) and CSRF protection (Flask-WTF)."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from web.inti.db import sesi
from web.inti.masukan import angka_id
from web.inti.models import Pengguna

login_manager = LoginManager()
csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    """Attach sign-in and CSRF to the app; pages that need a session send the visitor to /masuk."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.masuk"
    login_manager.login_message = "Silakan masuk terlebih dahulu."
    csrf.init_app(app)


@login_manager.user_loader
def _muat(user_id: str) -> Pengguna | None:
    """The session's user from its "id:versi" (Pengguna.get_id); None (signed out) when the account is deactivated
    or its session version has moved on since (logout, new password, (de)activation), or the value is malformed."""
    id_, _, versi = user_id.partition(":")
    if angka_id(id_) is None or not (versi.isascii() and versi.isdigit()) or len(versi) > 10:
        return None
    p = sesi().get(Pengguna, int(id_))
    if p is None or not p.is_active or (p.versi_sesi or 0) != int(versi):
        return None
    return p
