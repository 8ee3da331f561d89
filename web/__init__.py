"""The docgen web app: create_app() wires config, database, login, CSRF and one blueprint per concern."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
# Pages load only this site's scripts, styles and frames (progress bars set inline widths: style 'unsafe-inline').
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app; `test_config` overrides the configuration (tests pass a temporary database)."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY") or _kunci_rahasia(Path(app.instance_path)),
        DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{Path(app.instance_path) / 'docgen.sqlite'}",
        TEMPLATES_DOCX=ROOT / "templates_docx",
        PENYIMPANAN=Path(os.environ.get("DOCGEN_STORAGE", Path(app.instance_path) / "berkas")),
        MAX_CONTENT_LENGTH=10 * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        WTF_CSRF_TIME_LIMIT=None,
        PDF_AKTIF=True,
        URL_VERIFIKASI=os.environ.get("URL_VERIFIKASI", ""),  # base of /verifikasi links in QR codes; "" = request host
        # Background jobs (web.tugas): without REDIS_URL a thread of the web process runs them, else `docgen worker`.
        REDIS_URL=os.environ.get("REDIS_URL", ""),
        ANTREAN=os.environ.get("DOCGEN_ANTREAN", "docgen"),  # RQ queue names: <ANTREAN>-pdf, <ANTREAN>-latar
        PDF_TIMEOUT=float(os.environ.get("DOCGEN_PDF_TIMEOUT", 300)),  # seconds one conversion may take
        PDF_MAKS_KONVERSI=int(os.environ.get("DOCGEN_PDF_MAKS_KONVERSI", 200)),  # then LibreOffice starts afresh
        PDF_TUNGGU=float(os.environ.get("DOCGEN_PDF_TUNGGU", 0)),  # web waits for a worker's PDF; 0 = PDF_TIMEOUT+60
        TUGAS_DETAK_DETIK=float(os.environ.get("DOCGEN_TUGAS_DETAK_DETIK", 5)),  # heartbeat of a running job
        TUGAS_BATAS_DETAK=float(os.environ.get("DOCGEN_TUGAS_BATAS_DETAK", 60)),  # no heartbeat this long: died
    )
    if test_config:
        app.config.update(test_config)
    Path(app.config["PENYIMPANAN"]).mkdir(parents=True, exist_ok=True)

    from web import auth, db, errors, pages, penyimpanan

    db.init_app(app)
    penyimpanan.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    pages.init_app(app)
    for modul in ("profil", "kinerja", "dokumen", "api", "sop_web", "siklus", "berkas", "agenda", "verifikasi",
                  "templat", "audit", "pengguna_web"):
        _daftar_opsional(app, modul)
    _keamanan(app)
    return app


def _keamanan(app: Flask) -> None:
    """Headers against framing and MIME sniffing on every answer; the client address from a trusted proxy when
    DOCGEN_PROXY (number of proxies in front) is set, so login throttling and the audit log see real addresses."""
    proksi = int(app.config.get("PROXY_TEPERCAYA") or os.environ.get("DOCGEN_PROXY") or 0)
    if proksi:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proksi, x_proto=proksi)  # type: ignore[method-assign]

    @app.after_request
    def _header(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        # SAMEORIGIN, not DENY: the document page shows its own PDF in a frame; other sites may not frame us.
        resp.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        if resp.mimetype == "text/html":
            resp.headers.setdefault("Content-Security-Policy", CSP)
        return resp


def _daftar_opsional(app: Flask, modul: str) -> None:
    """Register web.<modul>.bp when that module exists (blueprints are added one concern at a time)."""
    import importlib
    import importlib.util

    if importlib.util.find_spec(f"web.{modul}") is not None:
        importlib.import_module(f"web.{modul}").init_app(app)


def _kunci_rahasia(instance: Path) -> str:
    """Return the instance's secret key, creating it (random, private file) on first use."""
    import secrets

    f = instance / "secret_key"
    if not f.exists():
        f.write_text(secrets.token_hex(32))
        f.chmod(0o600)
    return f.read_text().strip()
