"""The Flask extensions every layer shares: sign-in sessions (Flask-Login) and CSRF protection (Flask-WTF)."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from web.inti.db import sesi
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
    """The session's user; None (signed out) once the account is deactivated, so an open session ends too."""
    p = sesi().get(Pengguna, int(user_id))
    return p if p is not None and p.is_active else None
