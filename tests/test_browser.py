"""Browser tests in headless Chromium (Debian's), driven by Playwright, against a live local server.

Screenshots are kept under test-output/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.teks_docx import teks_docx
from tests.browser_server import ServerUji

ROOT = Path(__file__).resolve().parent.parent
LAYAR = ROOT / "test-output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with ServerUji(tmp_path_factory.mktemp("browser")) as s:
        yield s


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def halaman(browser, request):
    LAYAR.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="id-ID")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    yield page
    page.screenshot(path=str(LAYAR / f"{request.node.name}.png"), full_page=True)
    ctx.close()


def masuk(page, server, username: str) -> None:
    page.goto(f"{server.url}/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(server.akun[username])
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{server.url}/beranda")


def test_masuk(halaman, server):
    halaman.goto(f"{server.url}/masuk")
    halaman.get_by_label("Nama pengguna").fill("perencana")
    halaman.get_by_label("Kata sandi").fill("salah")
    halaman.get_by_role("button", name="Masuk").click()
    assert "Nama pengguna atau kata sandi salah." in halaman.content()
    masuk(halaman, server, "perencana")
    assert halaman.get_by_role("heading", name="Selamat datang").is_visible()
    assert "Kasubbag Perencanaan" in halaman.content()


def test_tampilan_ponsel(browser, server):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    masuk(page, server, "kepala")
    lebar = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(LAYAR / "beranda-ponsel.png"), full_page=True)
    ctx.close()
    assert lebar <= 390, "halaman melebar melewati layar ponsel"


def test_aset_lokal_saja(halaman, server):
    luar = []
    halaman.on("request", lambda r: luar.append(r.url) if not r.url.startswith(server.url) else None)
    masuk(halaman, server, "perencana")
    halaman.goto(f"{server.url}/beranda")
    assert luar == []


def unduh_docx(page, tautan: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("link", name=tautan).click()
    return teks_docx(Path(info.value.path()).read_bytes())
