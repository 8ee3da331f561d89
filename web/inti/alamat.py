"""Where this app is reached from outside: the base of the /verifikasi links printed in QR codes.

Never the request's Host header: a client chooses it, and a final document's link can never change again.
"""

from __future__ import annotations

from flask import current_app


def pengembangan() -> bool:
    """Development: DOCGEN_MODE=pengembangan (`make run`), or the app is under test or in debug mode."""
    app = current_app
    return bool(app.config.get("PENGEMBANGAN")) or app.testing or app.debug


def url_dasar() -> str:
    """URL_VERIFIKASI (without a trailing slash); without it, in development only, URL_LOKAL (the loopback address
    `docgen web jalankan` serves on); '' otherwise, and then finalising is refused (web.layanan.finalisasi)."""
    tetap = str(current_app.config.get("URL_VERIFIKASI") or "").strip()
    if not tetap and pengembangan():
        tetap = str(current_app.config.get("URL_LOKAL") or "").strip()
    return tetap.rstrip("/")


def url_lokal(host: str, port: int) -> str:
    """The address a browser on this machine uses for a server listening on `host`:`port`."""
    host = host.strip()
    if host in ("", "0.0.0.0", "::", "[::]"):
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{port}"
