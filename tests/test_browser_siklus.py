"""Browser tests of the facts on the paper: a TW IV cycle of a new year gives a Kertas Kerja of that year and quarter
compiled by the Ketua Tim SAKIP; finalising asks first and shows the number; a draft PDF carries the KONSEP mark and
the final does not."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from sqlalchemy import select

from tests.conftest import teks_pdf
from tests.test_browser import browser, halaman, masuk, server, unduh_docx  # noqa: F401  (fixtures)

TAHUN = 2026


def _rencana_tahun_baru(srv) -> None:
    """The new year's plan, as the planner would make it by copying the sample year."""
    from web.inti.db import sesi
    from web.inti.models import RencanaKinerja

    with srv.app.app_context():
        lama = sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.tahun == 2024))
        if sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.tahun == TAHUN)) is None:
            data = copy.deepcopy(lama.data)
            data["tahun"] = TAHUN
            sesi().add(RencanaKinerja(instansi_id=lama.instansi_id, tahun=TAHUN, data=data))
            sesi().commit()


def _unduh(page, tautan: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=tautan).click()
    return Path(info.value.path()).read_bytes()


def test_siklus_tw_iv_tahun_baru_konsep_dan_final(halaman, server, tmp_path):  # noqa: F811
    from tests.sop_uji import pasang_bawaan

    _rencana_tahun_baru(server)
    lama = server.app.config.get("SOP_BAWAAN"), server.app.config.get("URL_VERIFIKASI")
    pasang_bawaan(server.app, tmp_path / "sop")
    server.app.config["URL_VERIFIKASI"] = server.url  # where the QR codes of finals lead
    try:
        _jalan(halaman, server, tmp_path)
    finally:
        server.app.config["SOP_BAWAAN"], server.app.config["URL_VERIFIKASI"] = lama


def _jalan(page, srv, tmp_path) -> None:
    masuk(page, srv, "perencana")
    page.goto(f"{srv.url}/siklus/baru")
    page.get_by_label("SOP").select_option("pengukuran-uji")
    page.get_by_label("Periode").select_option("triwulan")
    page.get_by_label("Triwulan", exact=True).select_option("4")
    page.get_by_label("Tahun").fill(str(TAHUN))
    page.get_by_role("button", name="Mulai siklus").click()
    page.wait_for_url(re.compile(r"/siklus/\d+#?$"))
    url_siklus = page.url.split("#")[0]
    page.get_by_role("button", name="Keluar").click()

    # Step 1: the Kepala's nota dinas starts from the cycle; its draft PDF is marked KONSEP.
    masuk(page, srv, "kepala")
    page.goto(url_siklus)
    page.get_by_role("link", name="Buat Nota Dinas").click()
    assert page.locator("[name='hal']").input_value() == f"Pengukuran Kinerja Triwulan IV Tahun {TAHUN}"
    assert page.locator("[name='kepada']").input_value() == "Sekretaris"
    page.get_by_role("button", name="Buat dokumen").click()
    page.wait_for_url(re.compile(r"/dokumen/\d+$"), timeout=120_000)
    konsep = teks_pdf(_unduh(page, "Unduh PDF"), tmp_path)
    assert "KONSEP" in konsep and f"Pengukuran Kinerja Triwulan IV Tahun {TAHUN}" in konsep

    # Finalising asks first, showing the number it will take; only "Ya, finalkan" takes it.
    page.get_by_role("button", name="Finalkan dokumen…").click()
    teks = page.locator("#konfirmasi-final").inner_text()
    nomor = re.search(r"nomor (000\.1\.5/\d+/BKPSDM-PS/[IVX]+/\d{4}) dari seri nota-dinas", teks)
    assert nomor, teks
    assert "tidak dapat diubah lagi" in teks
    page.get_by_role("link", name="Batal, kembali ke konsep").click()
    page.wait_for_url(re.compile(r"/dokumen/\d+#finalkan$"))
    assert "belum final" in page.locator("#finalkan").inner_text()
    page.get_by_role("button", name="Finalkan dokumen…").click()
    page.get_by_role("button", name="Ya, finalkan").click()
    page.wait_for_url(re.compile(r"/dokumen/\d+$"), timeout=120_000)
    assert f"Dokumen difinalkan dengan nomor {nomor.group(1)}" in page.content()
    final = teks_pdf(_unduh(page, "Unduh PDF"), tmp_path)
    assert "KONSEP" not in final and nomor.group(1) in final
    page.goto(url_siklus)
    page.get_by_role("button", name="Selesaikan langkah").click()
    page.wait_for_url(re.compile(r"#langkah-1$"))
    page.get_by_role("button", name="Keluar").click()

    # Step 2: the Kertas Kerja says the cycle's year and quarter, compiled by the Ketua Tim SAKIP.
    masuk(page, srv, "timsakip")
    page.goto(url_siklus)
    page.get_by_role("link", name="Buat Kertas Kerja Pengukuran Kinerja").click()
    assert page.get_by_label("Tahun rencana kinerja").input_value() == str(TAHUN)
    assert page.get_by_label("Sampai triwulan").input_value() == "4"
    page.get_by_role("button", name="Buat dokumen").click()
    page.wait_for_url(re.compile(r"/dokumen/\d+$"), timeout=120_000)
    teks = unduh_docx(page, "Unduh Word (.docx)")
    assert f"TAHUN {TAHUN}" in teks.upper() and "2024" not in teks
    assert "Disusun oleh, / KETUA TIM SAKIP, / RIZKI PRATAMA, S.Kom." in teks


def test_catatan_pengembalian_di_kotak_masuk_peran_yang_harus_bertindak(halaman, server, tmp_path):  # noqa: F811
    """A step returned with a note reaches the inbox of the role that must act on it, note and all."""
    import datetime as dt

    from tests.data_uji import pengguna
    from tests.sop_uji import pasang_bawaan
    from web.layanan import langkah

    lama = server.app.config.get("SOP_BAWAAN")
    pasang_bawaan(server.app, tmp_path / "sop")
    catatan = "Lengkapi analisis IKU 2 & lampirkan <data dukung> realisasi."
    try:
        with server.app.test_request_context():
            t = dt.datetime.now(dt.UTC)
            s = langkah.mulai_siklus(pengguna("perencana"), kode="pengukuran-uji", periode_jenis="triwulan",
                                     periode_ke=3, tahun=TAHUN, sekarang=t)
            for no, user in ((1, "kepala"), (2, "timsakip"), (3, "bidang.kompetensi"), (4, "timsakip")):
                langkah.selesaikan_langkah(pengguna(user), s, no, konfirmasi=True, sekarang=t)
            langkah.putuskan(pengguna("sekretaris"), s, 5, "tidak", catatan, sekarang=t)
            judul = s.judul
    finally:
        server.app.config["SOP_BAWAAN"] = lama
    masuk(halaman, server, "timsakip")
    kotak = halaman.locator("#kotak-masuk").inner_text()
    assert judul in kotak and catatan in kotak and "Dikembalikan dari langkah 5" in kotak
    halaman.get_by_role("button", name="Keluar").click()
    masuk(halaman, server, "bidang.kompetensi")
    assert catatan not in halaman.locator("#kotak-masuk").inner_text()  # not the role that must act
