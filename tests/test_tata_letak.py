"""The layout checker (docgen.tata_letak): each rule on pages built line by line, on real PDFs drawn with reportlab,
on the samples rendered by LibreOffice, and through `docgen periksa-tata-letak`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf.generic import NameObject
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from docgen import documents, tata_letak
from docgen.cli import cli
from docgen.render import render
from docgen.tata_letak import Baris, Halaman, periksa_halaman
from tests.conftest import SAMPLES, TEMPLATES


def _hal(nomor: int, *baris: tuple[str, float, float], lebar: float = 215, tinggi: float = 330) -> Halaman:
    """A page from (text, x, y) in mm: 5 mm tall lines, 2 mm of width per character."""
    return Halaman(nomor, lebar, tinggi, [Baris(t, x, y, x + 2 * len(t), y + 5) for t, x, y in baris])


def _isi(n: int, y: float = 30, x: float = 30) -> list[tuple[str, float, float]]:
    return [(f"Baris isi surat yang ke-{i + 1}", x, y + 6 * i) for i in range(n)]


TTD = [("Painan, 21 Januari 2025", 115, 0), ("KEPALA BADAN,", 115, 5.5), ("Drs. HENDRA SAPUTRA, M.Si.", 115, 30),
       ("Pembina Utama Muda (IV/c)", 115, 35.5), ("NIP. 19700113 199009 1 002", 115, 41)]
NOMOR_2 = ("Hal. 2", 100, 315)


def _ttd(y: float) -> list[tuple[str, float, float]]:
    return [(t, x, y + dy) for t, x, dy in TTD]


def _aturan(temuan) -> list[tuple[int, str]]:
    return [(t.halaman, t.aturan) for t in temuan]


def test_halaman_kosong_juga_bila_hanya_bernomor():
    halaman = [_hal(1, *_isi(3)), _hal(2, NOMOR_2), _hal(3)]
    temuan = periksa_halaman(halaman)
    assert _aturan(temuan) == [(2, "kosong"), (3, "kosong")]
    assert str(temuan[0]) == "hal. 2: halaman kosong: tidak ada isi selain nomor halaman"
    bergambar = _hal(2, NOMOR_2)
    bergambar.bergambar = True  # a page holding only a flowchart is not blank
    assert periksa_halaman([_hal(1, *_isi(3)), bergambar]) == []


@pytest.mark.parametrize("isi_di_atas,temuan", [(0, True), (1, True), (2, False), (5, False)])
def test_tanda_tangan_sendirian_di_halaman_lanjutan(isi_di_atas, temuan):
    y = 30 + 6 * isi_di_atas + 6
    hal2 = _hal(2, *_isi(isi_di_atas), *_ttd(y), NOMOR_2)
    hasil = periksa_halaman([_hal(1, *_isi(40)), hal2])
    assert ((2, "penutup sendiri") in _aturan(hasil)) is temuan
    if temuan:
        assert "hanya memuat penutup, tanda tangan dan/atau tembusan" in str(hasil[0])


def test_isi_selebar_halaman_di_atas_tanda_tangan_bukan_bagian_bloknya():
    """Two body lines reaching under the signature's column, 6 mm above its jabatan, are body, not the block's top
    (the checker once took them for part of the block and reported a page that carried them)."""
    hal2 = _hal(2, ("Perencanaan bidang rapat permasalahan tahun ini.", 42, 20),
                ("Tindak dokumen dilaksanakan sesuai ketentuan.", 42, 27), *_ttd(38), NOMOR_2)
    assert periksa_halaman([_hal(1, *_isi(40)), hal2]) == []
    # a table row right above a centred signature (notulen) is no part of it either
    tabel = _hal(2, ("D. Tindak Lanjut", 30, 20), ("No Tindak Lanjut Penanggung Jawab", 30, 26),
                 ("1. Menyusun rencana kegiatan", 30, 32), ("22 Januari 2025", 160, 32),
                 ("Notulis,", 148, 44), ("MEGA PUSPITA SARI, A.Md.", 133, 68), ("Pengatur (II/c)", 142, 73.5),
                 ("NIP. 19950307 202012 2 014", 130, 79), NOMOR_2)
    assert periksa_halaman([_hal(1, *_isi(40)), tabel]) == []


def test_paragraf_penutup_dan_tembusan_tidak_dihitung_sebagai_isi():
    hal2 = _hal(2, ("Demikian disampaikan, atas perhatian dan kerja samanya", 40, 30),
                ("diucapkan terima kasih.", 30, 36), *_ttd(46), ("Tembusan Yth.:", 30, 95),
                ("1. Sekretaris Daerah", 30, 101), NOMOR_2)
    assert _aturan(periksa_halaman([_hal(1, *_isi(40)), hal2])) == [(2, "penutup sendiri")]
    hanya_tembusan = _hal(2, ("Tembusan Yth.:", 30, 30), ("1. Sekretaris Daerah", 30, 36), NOMOR_2)
    assert _aturan(periksa_halaman([_hal(1, *_isi(40)), hanya_tembusan])) == [(2, "penutup sendiri")]


def test_nip_dalam_tabel_daftar_hadir_bukan_tanda_tangan():
    baris = [("DAFTAR HADIR", 95, 20), ("No", 32, 30), ("Nama / NIP", 57, 30), ("Tanda Tangan", 154, 30)]
    for i in range(6):
        baris += [(f"{i + 1}.", 32, 40 + 12 * i), (f"PEGAWAI KE-{i + 1}", 40, 40 + 12 * i),
                  ("NIP. 19780822 200312 2 006", 40, 45.5 + 12 * i)]
    assert periksa_halaman([_hal(1, *_isi(40)), _hal(2, *baris, NOMOR_2)]) == []


@pytest.mark.parametrize("nomor,ada", [("Hal. 2", True), ("2", True), ("- 2 -", True), ("ii", True),
                                       ("Lampiran Keputusan, hal. 2", True), ("Halaman 2 dari 5", True),
                                       ("Dokumen ini telah diverifikasi", False)])
def test_nomor_halaman_lanjutan(nomor, ada):
    hasil = periksa_halaman([_hal(1, *_isi(5)), _hal(2, *_isi(5), (nomor, 90, 315))])
    assert ((2, "tanpa nomor") not in _aturan(hasil)) is ada
    # the number belongs in the header or footer band: a bare "2" in the body is no page number
    assert (2, "tanpa nomor") in _aturan(periksa_halaman([_hal(1, *_isi(5)), _hal(2, *_isi(5), ("2", 90, 150))]))


def test_halaman_pertama_setiap_butir_berkas_tidak_perlu_nomor():
    stempel = ("Berkas OPD/PK/2024/001 · Item 02, hal. 1/1 · Hal. 2 dari 2", 30, 322)
    halaman = [_hal(1, *_isi(5)), _hal(2, *_isi(1), *_ttd(40), stempel)]
    assert tata_letak.awal_dokumen(halaman) == {1, 2}
    assert periksa_halaman(halaman) == []


def test_teks_di_luar_margin():
    hasil = periksa_halaman([_hal(1, ("Kolom tabel yang terlalu lebar untuk halamannya", 130, 50),
                                  ("Mulai terlalu kiri", 20, 60), ("Hal. 1", 100, 315))])
    assert [(t.aturan, t.pesan.split(" (")[0]) for t in hasil] == [
        ("di luar margin", "teks melewati margin kanan"), ("di luar margin", "teks melewati margin kiri")]
    assert "“Kolom tabel yang terlalu lebar" in str(hasil[0])


def test_butir_daftar_terpotong_sendirian():
    awal_sendiri = [_hal(1, *_isi(40), ("8. Peraturan Daerah Nomor 5 Tahun 2021 tentang", 30, 275)),
                    _hal(2, ("Pembentukan dan Susunan Perangkat Daerah;", 36, 20.5), ("9. Peraturan Bupati", 30, 26),
                         NOMOR_2)]
    assert _aturan(periksa_halaman(awal_sendiri)) == [(1, "daftar terpotong")]
    akhir_sendiri = [_hal(1, *_isi(40), ("8. Peraturan Daerah Nomor 5 Tahun 2021 tentang", 30, 269),
                          ("Pembentukan dan Susunan", 36, 275)),
                     _hal(2, ("Perangkat Daerah;", 36, 20.5), ("9. Peraturan Bupati", 30, 26), NOMOR_2)]
    hasil = periksa_halaman(akhir_sendiri)
    assert _aturan(hasil) == [(2, "daftar terpotong")]
    assert "baris terakhir butir “8. Peraturan Daerah" in str(hasil[0])
    # two lines carried over, a caption or the signature column are no stranded list line
    utuh = [_hal(1, *_isi(39), ("8. Peraturan Daerah Nomor 5", 30, 269), ("Tahun 2021 tentang", 36, 275)),
            _hal(2, ("Pembentukan dan Susunan", 36, 20.5), ("Perangkat Daerah;", 36, 26),
                 ("Tabel 3.19 Program dan Kegiatan", 80, 40), NOMOR_2)]
    assert periksa_halaman(utuh) == []


def _tertanam() -> str:
    """Liberation Sans, which reportlab embeds (the fonts package is installed by `make system`)."""
    if "UjiLiberation" not in pdfmetrics.getRegisteredFontNames():
        path = next(p for p in (Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
                                Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")) if p.exists())
        pdfmetrics.registerFont(TTFont("UjiLiberation", str(path)))
    return "UjiLiberation"


def _pdf(*halaman: list[tuple[str, float, float]], huruf: str = "Helvetica") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(215 * mm, 330 * mm), initialFontName=huruf)
    for baris in halaman:
        c.setFont(huruf, 11)
        for teks, x, y in baris:
            c.drawString(x * mm, (330 - y - 4) * mm, teks)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_butir_dengan_nomor_terpisah_tab():
    """The keputusan's Mengingat: the marker "8." and the item's text are separate pieces on one line; the item's
    last line alone above "MEMUTUSKAN:" was carried over unnoticed."""
    akhir = [(f"baris ke-{i} butir delapan", 73, 250 + 5 * i) for i in range(1, 4)]
    hal1 = _hal(1, *_isi(36), ("8.", 65, 245), ("Peraturan Bupati Pesisir Selatan Nomor 11", 73, 245), *akhir)
    hal2 = _hal(2, ("Pengembangan Sumber Daya Manusia;", 73, 20.5), ("MEMUTUSKAN:", 96, 29.5), NOMOR_2)
    hasil = periksa_halaman([hal1, hal2])
    assert _aturan(hasil) == [(2, "daftar terpotong")]
    assert "butir “8. Peraturan Bupati Pesisir Selatan" in str(hasil[0])
    # a paragraph after the list whose first line is indented (the next line starts further left) is no list line
    paragraf = _hal(2, ("Data tersebut mohon disampaikan paling lambat", 73, 20.5),
                    ("Jumat, 17 Januari 2025 dalam bentuk cetak dan", 59, 25.5), NOMOR_2)
    assert periksa_halaman([hal1, paragraf]) == []


def test_baris_rata_kanan_kiri_yang_terpecah_dibaca_satu_baris():
    """pdftotext splits a widely justified line at its large gaps; the pieces are one line again (so "Data" alone
    is not taken for a line of its own), while two signature columns 40 mm apart stay two."""
    pdf = _pdf([("Data", 71, 30), ("tersebut", 86, 30), ("mohon", 106, 30), ("disampaikan", 124, 30),
                ("YULIA RAHMAWATI", 40, 60), ("MEGA PUSPITA SARI", 130, 60)], huruf=_tertanam())
    teks = [b.teks for b in tata_letak.baca_halaman(pdf)[0].baris]
    assert teks == ["Data tersebut mohon disampaikan", "YULIA RAHMAWATI", "MEGA PUSPITA SARI"]


def test_pdf_nyata_dibaca_dengan_posisinya():
    pdf = _pdf(_isi(3), [])
    halaman = tata_letak.baca_halaman(pdf)
    assert [len(h.baris) for h in halaman] == [3, 0]
    b = halaman[0].baris[0]
    assert b.teks == "Baris isi surat yang ke-1" and abs(b.x0 - 30) < 0.5 and abs(b.y0 - 30) < 2
    temuan = tata_letak.periksa(pdf)
    assert [t.aturan for t in temuan] == ["kosong", "huruf tidak tertanam"]
    assert str(temuan[1]) == "huruf Helvetica tidak tertanam di PDF (hal. 1, 2)"


def test_halaman_kosong_walau_sumber_daya_memuat_gambar(tmp_path):
    """LibreOffice may give every page the same resources: a blank page listing the logo among them is still blank
    (samples/lain/keputusan-sop-tanjungpinang.json once had one in its Lampiran). What counts is what a page draws."""
    from PIL import Image
    from pypdf import PdfReader, PdfWriter

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), "green").save(logo)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(215 * mm, 330 * mm), initialFontName=_tertanam())
    c.setFont(_tertanam(), 11)
    c.drawImage(str(logo), 30 * mm, 290 * mm, 20 * mm, 20 * mm)
    c.drawString(30 * mm, 250 * mm, "Baris isi surat yang pertama")
    c.showPage()
    c.drawString(100 * mm, 318 * mm, "- 2 -")
    c.showPage()
    c.save()
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    writer = PdfWriter(clone_from=reader)
    writer.pages[1][NameObject("/Resources")] = writer.pages[0]["/Resources"]
    keluar = io.BytesIO()
    writer.write(keluar)
    assert [(t.halaman, t.aturan) for t in tata_letak.periksa(keluar.getvalue())] == [(2, "kosong")]


def test_bukan_pdf_ditolak_dengan_pesan():
    with pytest.raises(tata_letak.DocgenError) as e:
        tata_letak.periksa(b"bukan pdf")
    assert e.value.status == 422 and e.value.pesan == "Berkas ini bukan PDF yang dapat dibaca."


# What the checker finds on the samples today (issue 12 fixes them): a layout fixed must leave this table, so a
# sample can never gain a finding unnoticed, nor lose one without the table saying so.


_NOMOR_TND = re.compile(r"^-\s*(\d+)\s*-$")


def _nomor_di_kepala(h: Halaman) -> list[Baris]:
    return [b for b in h.baris if b.y1 <= 20 + tata_letak.TOLERANSI_MM and _NOMOR_TND.match(b.teks)]


@pytest.mark.pdf
@pytest.mark.parametrize("jenis", documents.semua(), ids=lambda j: j.slug)
def test_contoh_diperiksa(jenis, contoh, konverter):
    """Every sample passes the checker, and numbers its pages as Tata Naskah Dinas does: none on the first page (it
    carries the kop), then "- 2 -" centred over the text at the top, in the body's 12 pt; a Lampiran restarts at 1
    and numbers its first page. The LKjIP keeps its own numbering (Roman front matter, checked in test_lkjip)."""
    pdf = konverter.ke_pdf(render(jenis, contoh(jenis.slug), templates_dir=TEMPLATES, basis=SAMPLES).docx)
    assert [str(t) for t in tata_letak.periksa(pdf)] == []
    if jenis.slug == "lkjip":
        return
    halaman = tata_letak.baca_halaman(pdf)
    assert _nomor_di_kepala(halaman[0]) == []
    lampiran_mulai = next((h.nomor for h in halaman if jenis.slug == "keputusan-sop" and h.lebar > h.tinggi), None)
    for h in halaman[1:]:
        nomor = _nomor_di_kepala(h)
        assert len(nomor) == 1, (h.nomor, [b.teks for b in h.baris[:3]])
        b = nomor[0]
        harap = h.nomor - lampiran_mulai + 1 if lampiran_mulai and h.nomor >= lampiran_mulai else h.nomor
        assert int(_NOMOR_TND.match(b.teks).group(1)) == harap
        assert abs((b.x0 + b.x1) / 2 - (30 + (h.lebar - 50) / 2)) < 1.0  # centred over the text, margins 30/20
        assert 5.2 < b.tinggi < 5.8  # a 12 pt line, like the body


def test_perintah_periksa_tata_letak(tmp_path):
    baik, buruk = tmp_path / "baik.pdf", tmp_path / "buruk.pdf"
    baik.write_bytes(_pdf(_isi(3), [*_isi(3), ("Hal. 2", 100, 315)], huruf=_tertanam()))
    buruk.write_bytes(_pdf(_isi(3), []))
    r = CliRunner().invoke(cli, ["periksa-tata-letak", str(baik)])
    assert r.exit_code == 0 and r.stdout == "" and r.stderr == f"{baik}: tata letak baik\n"
    r = CliRunner().invoke(cli, ["periksa-tata-letak", str(buruk)])
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [f"{buruk}: hal. 2: halaman kosong: tidak ada isi",
                                     f"{buruk}: huruf Helvetica tidak tertanam di PDF (hal. 1, 2)"]
    r = CliRunner().invoke(cli, ["periksa-tata-letak", str(tmp_path / "tidak-ada.pdf")])
    assert r.exit_code == 2 and "tidak dapat dibaca: berkas tidak ditemukan" in r.stderr
    (tmp_path / "rusak.pdf").write_bytes(b"%PDF-rusak")
    r = CliRunner().invoke(cli, ["periksa-tata-letak", str(tmp_path / "rusak.pdf")])
    assert r.exit_code == 2 and "bukan PDF yang dapat dibaca" in r.stderr


@pytest.mark.pdf
def test_surat_pengantar_penerima_dan_pengirim_sebaris(contoh, konverter):
    """The receipt (Penerima) and the sender's signature (Pengirim) line up row by row: their greeting, name and NIP
    rows sit at the same height on the page."""
    pdf = konverter.ke_pdf(render("surat-pengantar", contoh("surat-pengantar"), templates_dir=TEMPLATES,
                                  basis=SAMPLES).docx)
    baris = [b for h in tata_letak.baca_halaman(pdf) for b in h.baris]

    def y(awal: str, kanan: bool) -> float:
        return next(b.y0 for b in baris if b.teks.startswith(awal) and (b.x0 > 110) == kanan)

    assert abs(y("Penerima,", False) - y("Pengirim,", True)) < 0.5
    nama_kiri = [b.y0 for b in baris if b.teks.startswith("....") and b.x0 < 110]
    assert any(abs(n - y("H. ANDRI MARDIANSYAH", True)) < 0.5 for n in nama_kiri)  # the name rows
    assert abs(y("NIP. ....", False) - y("Pembina Utama Muda", True)) < 0.5
