"""Where this app is reached from outside: the base of the /verifikasi links printed in QR codes."""

from __future__ import annotations

from flask import current_app, has_request_context, request


def url_dasar() -> str:
    """Config URL_VERIFIKASI, else this request's host (without a trailing slash); '' outside a request."""
    tetap = str(current_app.config.get("URL_VERIFIKASI") or "")
    if tetap or not has_request_context():
        return tetap.rstrip("/")
    return request.host_url.rstrip("/")
