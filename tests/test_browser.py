"""Browser tests in headless Chromium (Debian's), driven by Playwright, against a live local server.

Screenshots are kept under test-output/screenshots/.
"""

from __future__ import annotations

import re
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
    halaman.get_by_text("Nama pengguna atau kata sandi salah.").wait_for()  # the answer page, not the one leaving
    masuk(halaman, server, "perencana")
    assert halaman.get_by_role("heading", name="Selamat datang").is_visible()
    assert "Kasubbag Perencanaan" in halaman.content()


PONSEL = {"width": 390, "height": 844}
HALAMAN_UTAMA = ["/beranda", "/dokumen", "/dokumen/nota-dinas/baru", "/dokumen/formulir-capaian/baru",
                 "/dokumen/riwayat", "/siklus", "SIKLUS", "/kinerja/rencana", "/kinerja/capaian",
                 "/kinerja/2024/realisasi?triwulan=2", "/profil", "/audit", "/sop", "/sop/pengukuran-kinerja",
                 "/nomor", "/profil/pengguna"]


def _lebar_berlebih(page) -> int:
    """How far the page reaches past the screen (0: nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_tampilan_ponsel_tanpa_gulir_menyamping(browser, server):
    ctx = browser.new_context(viewport=PONSEL, locale="id-ID")
    page = ctx.new_page()
    masuk(page, server, "admin")
    page.goto(f"{server.url}/siklus/baru")
    page.get_by_label("SOP").select_option("pengukuran-kinerja")
    page.get_by_label("Tahun").fill("2024")
    page.get_by_role("button", name="Mulai siklus").click()
    page.wait_for_url(re.compile(r"/siklus/\d+#?$"))
    siklus = page.url.split("#")[0]
    melebar = {}
    for h in HALAMAN_UTAMA:
        url = siklus if h == "SIKLUS" else f"{server.url}{h}"
        assert page.goto(url).status == 200, h
        if _lebar_berlebih(page) > 0:
            melebar[h] = _lebar_berlebih(page)
        nama = re.sub(r"[^a-z0-9]+", "-", h.lower()).strip("-")
        page.screenshot(path=str(LAYAR / f"ponsel-{nama}.png"), full_page=True)
    ctx.close()
    assert melebar == {}, "halaman melebar melewati layar ponsel (piksel)"


def test_menu_ponsel_terlipat_di_balik_tombol(browser, server):
    ctx = browser.new_context(viewport=PONSEL, locale="id-ID")
    page = ctx.new_page()
    masuk(page, server, "kepala")
    tombol = page.get_by_role("button", name="Menu")
    riwayat = page.locator("header").get_by_role("link", name="Riwayat")
    assert tombol.is_visible() and tombol.get_attribute("aria-expanded") == "false"
    assert riwayat.is_hidden() and page.get_by_role("button", name="Keluar").is_hidden()
    tombol.click()
    assert tombol.get_attribute("aria-expanded") == "true" and riwayat.is_visible()
    riwayat.click()
    page.wait_for_url(f"{server.url}/dokumen/riwayat")
    assert page.get_by_role("heading", name=re.compile("Riwayat")).is_visible()
    ctx.close()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = ctx.new_page()
    masuk(page, server, "kepala")
    assert page.get_by_role("button", name="Menu").is_hidden()  # a wide screen shows the menu itself
    assert page.locator("header").get_by_role("link", name="Riwayat").is_visible()
    ctx.close()


def test_realisasi_diisi_dari_ponsel(browser, server):
    ctx = browser.new_context(viewport=PONSEL, locale="id-ID")
    page = ctx.new_page()
    masuk(page, server, "bidang.kompetensi")
    page.goto(f"{server.url}/kinerja/2024/realisasi?triwulan=2")
    assert _lebar_berlebih(page) == 0
    isian = page.get_by_label("Realisasi IKK 1")
    isian.scroll_into_view_if_needed()
    kotak = isian.bounding_box()
    assert kotak is not None and kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 390  # on screen, not clipped
    isian.fill("360")
    page.get_by_label("Penjelasan IKK 1").fill("Daftar hadir pelatihan TW II")
    page.screenshot(path=str(LAYAR / "ponsel-realisasi-diisi.png"), full_page=True)
    page.get_by_role("button", name="Simpan realisasi TW II").click()
    assert "Realisasi TW II 2024 disimpan" in page.locator(".pesan.sukses").inner_text()
    assert page.get_by_label("Realisasi IKK 1").input_value() == "360"
    assert page.get_by_label("Penjelasan IKK 1").input_value() == "Daftar hadir pelatihan TW II"
    ctx.close()


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


def test_nota_dinas_dengan_karakter_khusus_dan_isi_berbaris(halaman, server):
    masuk(halaman, server, "kepala")
    halaman.goto(f"{server.url}/dokumen/nota-dinas/baru")
    halaman.locator("[name='kepada']").fill("Sekretaris")
    halaman.locator("[name='dari']").fill("Kepala Badan")
    halaman.locator("[name='hal']").fill('Uji A & B <c> "kutip"')
    halaman.locator("[name='isi']").fill("Paragraf pertama & <satu>.\nParagraf kedua \"dua\".")
    halaman.get_by_role("button", name="Buat dokumen").click()
    halaman.wait_for_url(re.compile(r"/dokumen/\d+$"))
    teks = unduh_docx(halaman, "Unduh Word (.docx)")
    assert 'Uji A & B <c> "kutip"' in teks
    assert "Paragraf pertama & <satu>.\nParagraf kedua \"dua\"." in teks


def test_nilai_salah_menampilkan_galat_di_samping_medan(halaman, server):
    masuk(halaman, server, "kepala")
    halaman.goto(f"{server.url}/dokumen/nota-dinas/baru")
    halaman.locator("[name='penandatangan.nip']").fill("123")
    halaman.locator("[name='hal']").fill("Nilai tetap ada")
    halaman.get_by_role("button", name="Buat dokumen").click()
    nip = halaman.locator("[name='penandatangan.nip']")
    assert nip.input_value() == "123"
    assert halaman.locator("[name='hal']").input_value() == "Nilai tetap ada"
    galat = nip.locator("xpath=following::p[contains(@class,'galat-medan')][1]")
    assert "NIP harus 18 digit angka" in galat.inner_text()


def test_bidang_mengisi_realisasi_triwulan(halaman, server):
    masuk(halaman, server, "bidang.kompetensi")
    halaman.goto(f"{server.url}/kinerja/2024/realisasi?triwulan=4")
    halaman.get_by_label("Realisasi IKK 1").fill("305")
    halaman.get_by_label("Penjelasan IKK 1").fill("Daftar hadir pelatihan TW IV")
    halaman.get_by_role("button", name="Simpan realisasi TW IV").click()
    halaman.locator(".pesan.sukses").wait_for()  # read the saved page, not the one being left
    assert "IKU 3" not in halaman.content()  # another unit's indicator is not shown
    halaman.goto(f"{server.url}/kinerja/capaian?tahun=2024")
    baris = halaman.locator("tr", has_text="IKK 1").first.inner_text()
    assert "1.255" in baris and "100,40%" in baris  # 280 + 360 + 310 + 305 of 1.250


def test_perencana_membuat_lkjip(halaman, server):
    masuk(halaman, server, "perencana")
    halaman.goto(f"{server.url}/dokumen/lkjip/baru")
    halaman.get_by_role("button", name="Buat dokumen").click()
    halaman.wait_for_url(re.compile(r"/dokumen/\d+$"), timeout=240_000)
    teks = unduh_docx(halaman, "Unduh Word (.docx)")
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in teks and "103,63%" in teks


def test_siklus_kembalikan_keputusan_dengan_catatan_dan_disposisi(halaman, server, tmp_path):
    from tests.sop_uji import pasang_bawaan

    lama = server.app.config.get("SOP_BAWAAN")
    pasang_bawaan(server.app, tmp_path / "sop")  # a fixed test SOP with a decision step (YA/TIDAK)
    try:
        _siklus_kembalikan(halaman, server)
    finally:
        server.app.config["SOP_BAWAAN"] = lama


def _siklus_kembalikan(halaman, server) -> None:
    masuk(halaman, server, "perencana")
    halaman.get_by_role("link", name="Siklus").click()
    halaman.get_by_role("link", name="+ Mulai siklus").click()
    halaman.get_by_label("SOP").select_option("pengukuran-uji")
    halaman.get_by_label("Periode").select_option("triwulan")
    halaman.get_by_label("Triwulan", exact=True).select_option("2")
    assert halaman.get_by_label("Bulan").is_hidden()
    halaman.get_by_label("Tahun").fill("2024")
    halaman.get_by_role("button", name="Mulai siklus").click()
    halaman.wait_for_url(re.compile(r"/siklus/\d+#?$"))
    url_siklus = halaman.url.split("#")[0]
    assert halaman.get_by_role("heading", name="Pengukuran Kinerja Triwulan II Tahun 2024").is_visible()
    halaman.get_by_role("button", name="Keluar").click()

    # The administrator moves steps 1-4 on (no documents made: each asks for confirmation first).
    masuk(halaman, server, "admin")
    halaman.goto(url_siklus)
    for no in range(1, 5):
        halaman.get_by_role("button", name="Selesaikan langkah").click()
        assert "Dokumen langkah ini belum dibuat" in halaman.locator(".siklus-tindak").inner_text()
        halaman.get_by_role("button", name="Tetap selesaikan langkah").click()
        halaman.wait_for_url(re.compile(rf"#langkah-{no}$"))
    halaman.get_by_role("button", name="Keluar").click()

    masuk(halaman, server, "sekretaris")
    assert "Menunggu tindakan Anda" in halaman.content()
    halaman.goto(url_siklus)
    assert "Langkah 5 sedang berjalan" in halaman.locator("#tindakan").inner_text()
    halaman.get_by_role("button", name="Kembalikan (TIDAK)").click()
    galat = halaman.locator("#catatan-galat")
    assert "wajib diisi bila dikembalikan" in galat.inner_text()
    catatan = "Lengkapi analisis capaian IKU 2 & sertakan <data dukung> realisasi anggaran."
    halaman.get_by_label("Catatan").fill(catatan)
    halaman.get_by_role("button", name="Kembalikan (TIDAK)").click()
    halaman.wait_for_url(re.compile(r"#langkah-5$"))
    assert "Langkah 5 dikembalikan." in halaman.locator(".pesan.sukses").inner_text()
    baris5 = halaman.locator("#langkah-5").inner_text()
    assert "Dikembalikan" in baris5 and catatan in baris5
    assert "Langkah 2 sedang berjalan" in halaman.locator("#tindakan").inner_text()
    assert "putaran ke-2" in halaman.locator("#tindakan").inner_text()
    halaman.screenshot(path=str(LAYAR / "siklus-dikembalikan.png"), full_page=True)

    halaman.locator("#langkah-5").get_by_role("link", name=re.compile(r"Lembar Disposisi #\d+")).click()
    halaman.wait_for_url(re.compile(r"/dokumen/\d+$"))
    teks = unduh_docx(halaman, "Unduh Word (.docx)")
    assert catatan in teks and "☑\tUntuk dilengkapi" in teks and "YULIA RAHMAWATI" in teks


def test_konfirmasi_hapus_tanpa_skrip_sebaris_dan_tanpa_pelanggaran_csp(halaman, server):
    """Deleting an official asks first (a script file, since the CSP forbids inline handlers); no CSP violation."""
    pelanggaran: list[str] = []
    halaman.on("console", lambda m: pelanggaran.append(m.text) if "Content Security Policy" in m.text else None)
    masuk(halaman, server, "admin")
    halaman.goto(f"{server.url}/profil")
    tombol = halaman.locator("form[data-konfirmasi='Hapus pejabat ini?'] button").first
    jumlah = halaman.locator("form[data-konfirmasi='Hapus pejabat ini?']").count()
    dialog: list[str] = []

    def tolak(d):
        dialog.append(d.message)
        d.dismiss()

    halaman.once("dialog", tolak)
    tombol.click()
    halaman.wait_for_timeout(300)
    assert dialog == ["Hapus pejabat ini?"]
    assert halaman.url.endswith("/profil")
    assert halaman.locator("form[data-konfirmasi='Hapus pejabat ini?']").count() == jumlah  # nothing deleted
    assert pelanggaran == []


def test_rencana_tahun_baru_disalin_lalu_disusun_sebagai_pohon(halaman, server):
    """A year copied from 2024 (2023, so the latest year the other tests read stays 2024), then edited in the tree:
    an indicator added and one removed in the page (static/formulir.js), a bad figure shown beside its field."""
    masuk(halaman, server, "perencana")
    halaman.goto(f"{server.url}/kinerja/rencana")
    halaman.get_by_label("Tahun rencana").fill("2023")
    halaman.get_by_label("Isi awal").select_option("2024")
    halaman.get_by_role("button", name="Buat rencana").click()
    halaman.wait_for_url(re.compile(r"/kinerja/2023/susun$"))
    assert "realisasi dikosongkan" in halaman.content()
    s1 = halaman.locator("#rs-sasaran-0")
    s1.get_by_role("button", name="+ Tambah indikator").click()
    baru = s1.locator(".rs-indikator").last
    assert baru.locator("input[name='sasaran.0.indikator.3.kode']").is_visible()  # rows 0-2 exist
    baru.get_by_label("Kode").fill("IKU 9")
    baru.get_by_label("Nama indikator").fill("Indeks kepuasan layanan")
    baru.get_by_label("Satuan").fill("indeks")
    baru.get_by_label("Target tahunan").fill("12,3,4")
    s1.get_by_role("button", name="Hapus indikator 2").click()  # IKU 2
    halaman.screenshot(path=str(LAYAR / "rencana-pohon-diubah.png"), full_page=True)
    halaman.get_by_role("button", name="Simpan rencana 2023").click()
    target = halaman.locator("[name='sasaran.0.indikator.2.target']")  # renumbered: IKU 1, IKK 1, IKU 9
    assert target.input_value() == "12,3,4"
    galat = target.locator("xpath=following-sibling::p[contains(@class,'galat-medan')][1]")
    assert "bukan angka yang sah" in galat.inner_text()
    halaman.screenshot(path=str(LAYAR / "rencana-pohon-galat.png"), full_page=True)
    target.fill("3,25")
    halaman.get_by_role("button", name="Simpan rencana 2023").click()
    halaman.wait_for_url(re.compile(r"/kinerja/rencana\?tahun=2023$"))
    teks = halaman.locator("table.data").inner_text()
    assert "IKU 9" in teks and "3,25" in teks and "IKU 2" not in teks and "1.250" in teks
    halaman.set_viewport_size({"width": 390, "height": 844})
    halaman.goto(f"{server.url}/kinerja/2023/susun")
    lebar = halaman.evaluate("document.documentElement.scrollWidth")
    halaman.screenshot(path=str(LAYAR / "rencana-pohon-ponsel.png"))
    assert lebar <= 390, "halaman susun rencana melebar melewati layar ponsel"
