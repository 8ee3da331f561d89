"""One error shape: JSON {"error", "fields"} under /api/, an Indonesian page elsewhere."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from docgen.errors import DocgenError

PESAN_HTTP = {
    400: "Permintaan tidak sah.",
    401: "Silakan masuk terlebih dahulu.",
    403: "Anda tidak berwenang membuka halaman ini.",
    404: "Halaman atau data tidak ditemukan.",
    405: "Metode tidak diizinkan.",
    413: "Berkas terlalu besar (paling besar 10 MB).",
    422: "Data tidak sah.",
    500: "Terjadi kesalahan pada server.",
    503: "Layanan sedang tidak tersedia.",
}


def respons_galat(status: int, pesan: str, fields: dict[str, str] | None = None):
    """Return the error as JSON for the API, as a page otherwise."""
    if request.path.startswith("/api/"):
        return {"error": pesan, "fields": fields or {}}, status
    return render_template("galat.html", status=status, pesan=pesan, fields=fields or {}), status


def init_app(app: Flask) -> None:
    @app.errorhandler(DocgenError)
    def _docgen(exc: DocgenError):
        return respons_galat(exc.status, exc.pesan, exc.fields)

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError):
        return respons_galat(
            400, "Formulir kedaluwarsa atau tidak sah (token CSRF). Muat ulang halaman lalu coba lagi.")

    @app.errorhandler(SecurityError)
    def _host(_exc: SecurityError):
        """A Host header outside TRUSTED_HOSTS (DOCGEN_HOST): no URL can be built for it, so no page either."""
        pesan = "Nama host pada permintaan ini tidak dilayani server ini."
        if request.path.startswith("/api/"):
            return {"error": pesan, "fields": {}}, 400
        return pesan, 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        return respons_galat(status, PESAN_HTTP.get(status, exc.description or "Terjadi kesalahan."))
