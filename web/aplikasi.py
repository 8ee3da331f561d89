"""The app factory: create_app() wires the configuration, the extensions, the job and PDF backends and every
blueprint, listed explicitly. Importing a module of web/ does nothing by itself; this is where it is put together."""

from __future__ import annotations

import os
import secrets
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import Flask, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from docgen.documents.common import uraikan_pola
from docgen.kinerja import format_angka
from web import api, tugas
from web.inti import alamat, db, ekstensi, errors, konteks, masukan, penyimpanan, peran, waktu
from web.layanan import berkas, dokumen, nomor, pdf
from web.views import (
    agenda,
    audit,
    auth,
    beranda,
    profil,
    siklus,
    sop,
    templat,
    verifikasi,
)
from web.views import berkas as berkas_view
from web.views import dokumen as dokumen_view
from web.views import kinerja as kinerja_view
from web.views import pengguna as pengguna_view
from web.views import rencana as rencana_view

ROOT = Path(__file__).resolve().parent.parent
# Pages load only this site's scripts, styles and frames (progress bars set inline widths: style 'unsafe-inline').
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
BLUEPRINT = (auth.bp, beranda.bp, profil.bp, pengguna_view.bp, templat.bp, kinerja_view.bp, rencana_view.bp,
             dokumen_view.bp, sop.bp, siklus.bp, berkas_view.bp, agenda.bp, verifikasi.bp, audit.bp)
# Background job kinds and the service function that runs each (web.tugas).
JENIS_TUGAS: dict[str, tugas.FungsiTugas] = {
    "dokumen": dokumen.kerjakan,
    "berkas": berkas.kerjakan,
    "pdf": pdf.kerjakan_pdf,
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app; `test_config` overrides the configuration (tests pass a temporary database)."""
    app = Flask("web", instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(_konfigurasi(Path(app.instance_path)))
    if test_config:
        app.config.update(test_config)
    Path(app.config["PENYIMPANAN"]).mkdir(parents=True, exist_ok=True)

    db.init_app(app)
    penyimpanan.init_app(app)
    ekstensi.init_app(app)
    errors.init_app(app)
    masukan.init_app(app)  # bounded <int:...> ids: before any blueprint adds its routes
    tugas.init_app(app, JENIS_TUGAS)  # threads here, or RQ on Redis when REDIS_URL is set
    pdf.init_app(app)  # LibreOffice here, or the workers through the queue
    for bp in BLUEPRINT:
        app.register_blueprint(bp)
    api.init_app(app)
    _halaman(app)
    _keamanan(app)
    return app


def _konfigurasi(instance: Path) -> dict[str, Any]:
    """The configuration from the environment, with embedded defaults (SQLite and files in the instance folder)."""
    env = os.environ.get
    cookie_aman = env("DOCGEN_COOKIE_AMAN", "").strip() == "1"
    return {
        "SECRET_KEY": env("SECRET_KEY") or _kunci_rahasia(instance),
        "DATABASE_URL": env("DATABASE_URL") or f"sqlite:///{instance / 'docgen.sqlite'}",
        "TEMPLATES_DOCX": ROOT / "templates_docx",
        "PENYIMPANAN": Path(env("DOCGEN_STORAGE") or instance / "berkas"),
        "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        # Behind HTTPS: DOCGEN_COOKIE_AMAN=1 sends the session cookies over HTTPS only.
        "SESSION_COOKIE_SECURE": cookie_aman,
        "REMEMBER_COOKIE_SECURE": cookie_aman,
        # DOCGEN_HOST=docgen.example.go.id,... : any other Host header is answered 400 (None: every host).
        "TRUSTED_HOSTS": [h.strip() for h in env("DOCGEN_HOST", "").split(",") if h.strip()] or None,
        "WTF_CSRF_TIME_LIMIT": None,
        "PDF_AKTIF": True,
        # Base of the /verifikasi links in QR codes (web.inti.alamat); required to finalise outside development.
        "URL_VERIFIKASI": env("URL_VERIFIKASI", ""),
        "PENGEMBANGAN": env("DOCGEN_MODE", "").strip().lower() == "pengembangan",
        # Development only, without URL_VERIFIKASI: `docgen web jalankan` sets it from its --host and --port.
        "URL_LOKAL": alamat.url_lokal("127.0.0.1", int(env("PORT") or 5000)),
        # Background jobs (web.tugas): without REDIS_URL a thread of the web process runs them, else `docgen worker`.
        "REDIS_URL": env("REDIS_URL", ""),
        "ANTREAN": env("DOCGEN_ANTREAN", "docgen"),  # RQ queue names: <ANTREAN>-pdf, <ANTREAN>-latar
        "PDF_TIMEOUT": float(env("DOCGEN_PDF_TIMEOUT") or 300),  # seconds one conversion may take
        "PDF_MAKS_KONVERSI": int(env("DOCGEN_PDF_MAKS_KONVERSI") or 200),  # then LibreOffice starts afresh
        "PDF_TUNGGU": float(env("DOCGEN_PDF_TUNGGU") or 0),  # web waits for a worker's PDF; 0 = PDF_TIMEOUT+60
        "TUGAS_DETAK_DETIK": float(env("DOCGEN_TUGAS_DETAK_DETIK") or 5),  # heartbeat of a running job
        "TUGAS_BATAS_DETAK": float(env("DOCGEN_TUGAS_BATAS_DETAK") or 60),  # no heartbeat this long: died
        "PROXY_TEPERCAYA": int(env("DOCGEN_PROXY") or 0),  # reverse proxies in front (their X-Forwarded-For)
        # E-mail for the steps waiting for a role (web.layanan.surel, pemberitahuan); off without SMTP_HOST.
        "SMTP_HOST": env("SMTP_HOST", ""),
        "SMTP_PORT": int(env("SMTP_PORT") or 0),  # 0: 465 with SMTP_SSL, 587 with SMTP_STARTTLS, else 25
        "SMTP_USER": env("SMTP_USER", ""),
        "SMTP_PASSWORD": env("SMTP_PASSWORD", ""),
        "SMTP_FROM": env("SMTP_FROM", ""),  # the sender address; default SMTP_USER
        "SMTP_STARTTLS": env("SMTP_STARTTLS", "").strip() == "1",
        "SMTP_SSL": env("SMTP_SSL", "").strip() == "1",
        "SMTP_TIMEOUT": float(env("SMTP_TIMEOUT") or 10),  # seconds per connection and reply
    }


def _halaman(app: Flask) -> None:
    """What every page template may use, and who acts in each request (web.inti.konteks)."""

    @app.before_request
    def _pelaku() -> None:
        konteks.atur(lambda: current_user._get_current_object() if current_user.is_authenticated else None,
                     request.remote_addr or "")

    @app.context_processor
    def _umum() -> dict[str, Any]:
        endpoints = {r.endpoint for r in app.url_map.iter_rules()}
        return {"LABEL_PERAN": peran.LABEL_PERAN, "peran_mod": peran, "Aksi": peran.Aksi,
                "boleh": lambda aksi: current_user.is_authenticated and peran.boleh(current_user.peran, aksi),
                "url_map_endpoints": endpoints, "contoh_nomor": _contoh_nomor,
                "uraian_pola": uraikan_pola}

    def _contoh_nomor(seri: Any) -> str:
        """How a number of the series looks today where the user's agency is."""
        return nomor.contoh(seri, waktu.hari_ini(current_user.instansi) if current_user.is_authenticated else None)

    @app.template_filter("angka_id")
    def _angka_id(nilai: Decimal | None) -> str:
        return format_angka(nilai)


def _keamanan(app: Flask) -> None:
    """Headers against framing and MIME sniffing on every answer; the client address from a trusted proxy when
    DOCGEN_PROXY (number of proxies in front) is set, so login throttling and the audit log see real addresses."""
    proksi = int(app.config.get("PROXY_TEPERCAYA") or 0)
    if proksi:
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


def _kunci_rahasia(instance: Path) -> str:
    """Return the instance's secret key, creating it (random, private file) on first use."""
    f = instance / "secret_key"
    if not f.exists():
        f.write_text(secrets.token_hex(32))
        f.chmod(0o600)
    return f.read_text().strip()
