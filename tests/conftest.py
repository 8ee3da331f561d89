"""Shared fixtures: repository paths, sample loading, one LibreOffice for the whole session."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from docgen.convert import Konverter

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates_docx"
SAMPLES = ROOT / "samples"


@pytest.fixture
def contoh():
    """Load a sample input by slug (a fresh copy every call)."""

    def muat(slug: str) -> dict:
        return json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8"))

    return muat


@pytest.fixture(scope="session")
def konverter():
    """One warm LibreOffice shared by every PDF test."""
    with Konverter(timeout=120) as k:
        yield k


def teks_pdf(pdf: bytes, tmp_path: Path) -> str:
    """Extract text from PDF bytes with pdftotext (poppler)."""
    f = tmp_path / "x.pdf"
    f.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(f), "-"], capture_output=True, text=True,
                          check=True).stdout


# -- web app ---------------------------------------------------------------------------------------


@pytest.fixture
def app(tmp_path):
    """A web app on a fresh, migrated SQLite database with the sample agency and demo users."""
    from web import create_app
    from web.contoh import muat_contoh
    from web.db import migrasi, sesi

    url = f"sqlite:///{tmp_path / 'uji.sqlite'}"
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "uji", "PENYIMPANAN": tmp_path / "berkas",
                      "WTF_CSRF_ENABLED": False})
    migrasi(url)
    with app.app_context():
        app.config["AKUN_DEMO"] = muat_contoh(sesi(), app.config["PENYIMPANAN"])
    yield app
    app.extensions["docgen_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def masuk(app, client):
    """Log the test client in as a demo user: masuk("perencana")."""

    def _masuk(username: str, c=None):
        c = c or client
        r = c.post("/masuk", data={"username": username, "password": app.config["AKUN_DEMO"][username]})
        assert r.status_code == 302, r.get_data(as_text=True)
        return c

    return _masuk
