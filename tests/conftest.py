"""Shared fixtures: repository paths, sample loading, one LibreOffice for the whole session."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from docgen.convert import Konverter
from tests.basis_uji import DB_UJI, PG_SERVER, BasisPG, pg_sementara, sqlite_baru
from tests.sop_uji import pasang_bawaan
from web.inti.db import sesi
from web.inti.models import Pengguna
from web.layanan import akun as auth_web
from web.layanan.akun import buat_token

# The demo users of every test app are throwaway: hash their passwords cheaply (scrypt costs ~0.1 s each,
# 8 users per test app). Real users keep werkzeug's scrypt.
auth_web.METODE_SANDI = "pbkdf2:sha256:1000"

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
    teks = subprocess.run(["pdftotext", "-enc", "UTF-8", str(f), "-"], capture_output=True, text=True,
                          check=True).stdout
    return teks.replace("\u00a0", " ").replace("\u2060", "")  # no-break spaces read as spaces


# -- web app ---------------------------------------------------------------------------------------


def pytest_configure(config):
    if DB_UJI not in ("sqlite", "postgresql"):
        raise pytest.UsageError(f"DOCGEN_UJI_DB harus sqlite atau postgresql, bukan {DB_UJI!r}")


def pytest_report_header(config):
    return f"basis data uji: {DB_UJI}" + (f" ({PG_SERVER})" if DB_UJI == "postgresql" else "")


@pytest.fixture(scope="session")
def basis_pg():
    """The session's throwaway PostgreSQL database (DOCGEN_UJI_DB=postgresql), migrated once."""
    with pg_sementara() as url:
        basis = BasisPG(url)
        yield basis
        basis.tutup()


@pytest.fixture
def app(tmp_path, request):
    """A web app on a fresh, migrated database (DOCGEN_UJI_DB, see tests/basis_uji.py) with the sample agency and
    demo users."""
    from web.aplikasi import create_app
    from web.inti.db import sesi
    from web.layanan.contoh import muat_contoh

    basis = request.getfixturevalue("basis_pg") if DB_UJI == "postgresql" else None
    if basis is not None:
        basis.kosongkan()
        url = basis.url
    else:
        url = sqlite_baru(tmp_path)
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "uji", "PENYIMPANAN": tmp_path / "berkas",
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        app.config["AKUN_DEMO"] = muat_contoh(sesi(), app.config["PENYIMPANAN"])
    yield app
    app.extensions["docgen_engine"].dispose()
    if basis is not None:
        menggantung = basis.transaksi_menggantung()
        assert not menggantung, f"koneksi tertinggal di dalam transaksi (idle in transaction): {menggantung}"


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def masuk(app, client):
    """Log the test client in as a demo user, logging out whoever was signed in before: masuk("perencana")."""

    def _masuk(username: str, c=None):
        c = c or client
        c.post("/keluar")
        r = c.post("/masuk", data={"username": username, "password": app.config["AKUN_DEMO"][username]})
        assert r.status_code == 302, r.get_data(as_text=True)
        return c

    return _masuk


@pytest.fixture
def app_sop(app, tmp_path):
    """The web app with the test SOP (tests/sop_uji.py) installed and no PDF conversion."""
    app.config["PDF_AKTIF"] = False
    pasang_bawaan(app, tmp_path / "sop")
    return app


@pytest.fixture
def token(app):
    """Create an API token for a demo user: token("kepala") -> headers for the test client."""
    def _token(username: str) -> dict[str, str]:
        with app.app_context():
            p = sesi().scalar(select(Pengguna).where(Pengguna.username == username))
            t = buat_token(p)
            sesi().commit()
        return {"Authorization": f"Bearer {t}"}

    return _token
