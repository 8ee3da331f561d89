"""LKjIP: figures from the capaian engine, the seven analyses, charts, and index page numbers in the PDF."""

from __future__ import annotations

import io
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from bench.bench_lkjip import data_sintetis
from docgen import capaian as C
from docgen import grafik
from docgen import lkjip_analisis as A
from docgen.kinerja import DataKinerja, format_persen
from docgen.render import render
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES, TEMPLATES

ROMAWI = re.compile(r"^[ivxlc]+$")
ENTRI = re.compile(r"^(.*?)\s*\.{3,}\s*([ivxlc]+|\d+)$")


def _render(data: dict):
    return render("lkjip", data, templates_dir=TEMPLATES, basis=SAMPLES)


class Halaman(str):
    """A PDF page's text, with the page number printed in its footer (None when it has none)."""

    label: str | None


def _pdftotext(f: Path, i: int, *potong: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(i), "-l", str(i), *potong, str(f), "-"],
                          capture_output=True, text=True, check=True).stdout


def _halaman(pdf: bytes, tmp_path: Path) -> list[Halaman]:
    """Text of each PDF page, and the number in its footer strip (the bottom 20 mm)."""
    f = tmp_path / "lkjip.pdf"
    f.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    tinggi = float(re.search(r"Page size:\s+[\d.]+ x ([\d.]+)", info).group(1))
    hasil = []
    for i in range(1, n + 1):
        h = Halaman(_pdftotext(f, i))
        kaki = _pdftotext(f, i, "-x", "0", "-y", str(int(tinggi - 57)), "-W", "1000", "-H", "57").strip()
        h.label = kaki if kaki.isdigit() or ROMAWI.match(kaki) else None
        hasil.append(h)
    return hasil


def _label(teks: Halaman) -> str | None:
    return teks.label


def _satu(teks: str) -> str:
    return " ".join(teks.split())


def _entri_daftar(halaman: list[str], judul: str, berikut: str | None) -> list[tuple[str, str]]:
    """Entries (text, page label) of the index titled `judul`, which runs until the page titled `berikut`."""
    mulai = next(i for i, t in enumerate(halaman) if t.lstrip().startswith(judul))
    hasil, awalan = [], ""
    for i in range(mulai, len(halaman)):
        if i > mulai and berikut and halaman[i].lstrip().startswith(berikut):
            break
        for baris in halaman[i].splitlines()[1:]:
            baris = baris.strip()
            if not baris or baris == "Halaman" or baris == _label(halaman[i]):
                continue
            m = ENTRI.match(baris)
            if m:
                hasil.append((_satu(f"{awalan} {m.group(1)}"), m.group(2)))
                awalan = ""
            else:
                awalan = f"{awalan} {baris}"
    return hasil


def _periksa_daftar(halaman: list[str], entri: list[tuple[str, str]]) -> None:
    """Every entry's text must be on the page whose printed number the index gives."""
    posisi = {}
    for i, t in enumerate(halaman):
        lbl = _label(t)
        if lbl is not None:
            assert lbl not in posisi, f"nomor halaman {lbl} tercetak dua kali"
            posisi[lbl] = i
    for teks, lbl in entri:
        assert lbl in posisi, f"'{teks}': halaman {lbl} tidak ada"
        assert teks in _satu(halaman[posisi[lbl]]), f"'{teks}' tidak ada di halaman {lbl}"


@pytest.fixture(scope="module")
def pdf_contoh(konverter):
    import json

    data = json.loads((SAMPLES / "lkjip.json").read_text(encoding="utf-8"))
    hasil = _render(data)
    return hasil, konverter.ke_pdf(hasil.docx, timeout=300)


def test_daftar_isi_tabel_dan_gambar_menunjuk_halaman_yang_benar(pdf_contoh, tmp_path):
    _, pdf = pdf_contoh
    halaman = _halaman(pdf, tmp_path)
    isi = _entri_daftar(halaman, "DAFTAR ISI", "DAFTAR TABEL")
    tabel = _entri_daftar(halaman, "DAFTAR TABEL", "DAFTAR GAMBAR")
    gambar = _entri_daftar(halaman, "DAFTAR GAMBAR", "BAB I PENDAHULUAN")
    judul_isi = [t for t, _ in isi]
    for wajib in ("KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR",
                  "BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA",
                  "B. Realisasi Anggaran", "BAB IV PENUTUP", "LAMPIRAN: PERJANJIAN KINERJA TAHUN 2024",
                  "Sasaran 2: Meningkatnya kualitas pelayanan administrasi kepegawaian"):
        assert wajib in judul_isi, wajib
    assert len(tabel) == 26 and tabel[0][0].startswith("Tabel 2.1 Tujuan, Sasaran")
    assert tabel[-1][0] == "Tabel 3.23 Realisasi Anggaran per Program dan Kegiatan Tahun 2024"
    assert len(gambar) == 8 and gambar[-1][0] == "Gambar 3.8 Serapan Anggaran per Program Tahun 2024"
    _periksa_daftar(halaman, isi + tabel + gambar)
    # Front matter in Roman numerals, the body from 1; a chapter heading opens its page.
    assert dict(isi)["KATA PENGANTAR"] == "i" and dict(isi)["BAB I PENDAHULUAN"] == "1"
    for teks, lbl in isi:
        if teks.startswith(("BAB ", "DAFTAR ", "LAMPIRAN")):
            halaman_bab = next(t for t in halaman if _label(t) == lbl)
            baris = [b.strip() for b in halaman_bab.splitlines() if b.strip()]
            assert teks in baris[:3], f"{teks} tidak membuka halaman {lbl}"


def test_pdf_memuat_sampul_ikhtisar_dan_angka_indonesia(pdf_contoh, tmp_path):
    _, pdf = pdf_contoh
    teks = _satu(" ".join(_halaman(pdf, tmp_path)))
    for baris in ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2024",
                  "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", "PEMERINTAH KABUPATEN PESISIR SELATAN",
                  "Drs. HENDRA SAPUTRA, M.Si.", "NIP. 19720315 199803 1 004", "Pembina Utama Muda (IV/c)",
                  "Sebanyak 8 dari 9 indikator terukur (IKK 1 baru s.d. Triwulan III): 6 indikator mencapai",
                  "950 (s.d. TW III)", "98,37%", "93,12%",
                  "Rp 6.755.000.000,00", "Rp 6.290.275.500,00"):
        assert baris in teks, baris


def test_angka_ikhtisar_dari_mesin_capaian(contoh):
    data = contoh("lkjip")
    kin = DataKinerja.model_validate(data["kinerja"])
    r = A.ringkasan(kin)
    assert (r.jumlah, r.tercapai, r.belum, r.tanpa_data) == (9, 6, 2, 1)
    assert format_persen(r.rata_rata) == "98,37%"
    assert format_persen(r.anggaran.serapan) == "93,12%"
    teks = teks_docx(_render(data).docx)
    assert "Jumlah indikator kinerja | 9 indikator" in teks
    assert "Indikator mencapai/melampaui target | 6 indikator" in teks
    assert "Rata-rata capaian kinerja | 98,37% (Sangat Baik)" in teks
    assert "Serapan anggaran | 93,12%" in teks
    # IKU 1: 74,61 / 72 -> 103,63%; IKU 3 (lower is better): (14 - 6,5) / 7 -> 107,14%.
    assert "1 | IKU 1 Indeks Profesionalitas ASN | indeks | 72 | 74,61 | 103,63% | Sangat Baik" in teks
    assert "1 | IKU 3 Rata-rata waktu penyelesaian layanan kenaikan pangkat | hari | 7 | 6,5 | 107,14% | Sangat Baik" \
        in teks


def test_tujuh_analisis_untuk_setiap_sasaran(contoh):
    teks = teks_docx(_render(contoh("lkjip")).docx)
    for judul in ("1. Perbandingan Target dan Realisasi Kinerja Tahun 2024",
                  "2. Perbandingan Realisasi dengan Tahun-Tahun Sebelumnya",
                  "3. Perbandingan Realisasi dengan Target Renstra",
                  "4. Perbandingan dengan Standar Nasional",
                  "5. Analisis Penyebab Keberhasilan/Kegagalan dan Solusi",
                  "6. Analisis Efisiensi Penggunaan Sumber Daya",
                  "7. Program dan Kegiatan Pendukung"):
        assert teks.count(judul + "\n") == 3, judul
    # 2: every year given, as columns; 3: against this year's Renstra target and the end target, with the polarity.
    assert "No | Indikator Kinerja | Satuan | 2021 | 2022 | 2023 | 2024 | Arah" in teks
    assert "1 | IKU 5 Nilai SAKIP BKPSDM | nilai | 60,1 | 62,4 | 64,8 | 66,25 | membaik" in teks
    kemajuan = C.capaian(Decimal(5), Decimal("6.5"), "turun").nilai  # IKU 3: end target 5 days, 6,5 reached
    assert f"| hari | 7 | 107,14% | 5 | 6,5 | {format_persen(kemajuan)}" in teks and format_persen(kemajuan) == "70,00%"
    # 4: national standard where given, said plainly where not.
    assert "1 | IKU 1 Indeks Profesionalitas ASN | indeks | 74,61 | 71 | 105,08% | di atas standar" in teks
    assert "Tidak ada indikator pada sasaran ini yang memiliki standar nasional" in teks
    # 6: capaian.efisiensi on the supporting programs: S1 94,42% against 88,12% absorption.
    # A sasaran below its target is never called efisien; the gap is the difference of the printed figures.
    e = C.efisiensi(Decimal("94.42"), Decimal("88.12"))
    assert e.status == "belum efisien"
    assert "94,42% | Rp 1.250.000.000,00 | Rp 1.101.500.000,00 | 88,12% | 6,30 | Belum efisien" in teks
    assert "102,27% | Rp 1.070.000.000,00 | Rp 999.550.000,00 | 93,42% | 8,85 | Efisien" in teks
    # 7 and B: programs with kegiatan, the total row.
    assert "5.03.03.2.01 | Pengembangan Kompetensi Teknis | Rp 900.000.000,00 | Rp 812.500.000,00 | 90,28%" in teks
    assert "JUMLAH | Rp 6.755.000.000,00 | Rp 6.290.275.500,00 | 93,12%" in teks
    assert "Tabel 3.23 Realisasi Anggaran per Program dan Kegiatan Tahun 2024" in teks


def test_penyebab_kosong_menjadi_draf_yang_ditandai(contoh):
    data = contoh("lkjip")
    data["kinerja"]["sasaran"][2]["penyebab"] = ""
    data["kinerja"]["sasaran"][2]["solusi"] = ""
    hasil = _render(data)
    teks = teks_docx(hasil.docx)
    assert teks.count("[DRAF \u2013 dihasilkan otomatis dari angka capaian") == 2
    assert "Belum tercapainya target IKU 5 perlu ditelusuri penyebabnya bersama Sekretariat." in teks
    assert "Data realisasi IKK 4 belum dilaporkan" in teks
    assert any(p.startswith("kinerja.sasaran.2.penyebab: kosong") for p in hasil.peringatan)
    doc = Document(io.BytesIO(hasil.docx))
    draf = [p for p in doc.paragraphs if p.text.startswith("Belum tercapainya target IKU 5")]
    assert draf and all(r.italic for r in draf[0].runs if r.text.strip())


def test_kesimpulan_dari_angka_dan_teks_pengguna(contoh):
    teks = teks_docx(_render(contoh("lkjip")).docx)
    assert ("Pada tahun 2024, dari 9 indikator kinerja yang diperjanjikan, 6 indikator mencapai atau melampaui "
            "target, 2 indikator belum mencapai target, dan 1 indikator belum dapat diukur") in teks
    assert "Secara umum kinerja BKPSDM Kabupaten Pesisir Selatan Tahun 2024 berada pada kategori sangat baik." in teks


def test_judul_memakai_gaya_heading_dan_tabel_mengulang_kepala(contoh):
    doc = Document(io.BytesIO(_render(contoh("lkjip")).docx))
    gaya = {p.text.replace("\u00a0", " "): p.style.name for p in doc.paragraphs}  # no-break spaces read as spaces
    assert gaya["BAB III AKUNTABILITAS KINERJA"] == "Heading 1"
    assert gaya["A. Capaian Kinerja Organisasi"] == "Heading 2"
    assert gaya["Sasaran 1: Meningkatnya profesionalitas ASN"] == "Heading 3"
    assert gaya["Gambar 3.1 Rata-rata Capaian per Sasaran Strategis Tahun 2024"] == "Judul Gambar"
    xml = doc.element.xml
    assert 'TOC \\o "1-3"' in xml and 'TOC \\h \\z \\t "Judul Tabel,1"' in xml
    assert xml.count("w:tblHeader") >= 20
    assert len(doc.inline_shapes) == 9  # logo and eight charts
    assert doc.settings.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}updateFields") is not None


def test_grafik_png_200_dpi_dengan_koma_desimal():
    png = grafik.batang_persen(["IKU 1", "IKU 2", "IKK 1"], [103.63, 76.0, None])
    im = Image.open(io.BytesIO(png))
    assert im.format == "PNG" and round(im.info["dpi"][0]) == grafik.DPI
    assert grafik.angka(1250.5) == "1.250,5" and grafik.angka(72.0) == "72" and grafik.persen(103.634) == "103,63%"
    tren = grafik.tren([grafik.PanelTren("IKU 1", "indeks", [2022, 2023, 2024], [66.8, 69.9, 74.61], 72, 75)])
    assert tren.startswith(b"\x89PNG")


def test_banyak_indikator_grafik_dibatasi_dan_tabel_lengkap():
    hasil = _render(data_sintetis(40, per_sasaran=20))
    teks = teks_docx(hasil.docx)
    assert "Gambar 3.2 Capaian Indikator Sasaran 1 terhadap Target Tahun 2024 (15 indikator pertama; selengkapnya " \
           "pada tabel)" in teks
    assert "20 | IK 20 Indikator kinerja sintetis nomor 20 untuk sasaran 1" in teks


@pytest.mark.pdf
def test_empat_puluh_indikator_daftar_isi_benar(konverter, tmp_path):
    hasil = _render(data_sintetis(40))
    halaman = _halaman(konverter.ke_pdf(hasil.docx, timeout=300), tmp_path)
    isi = _entri_daftar(halaman, "DAFTAR ISI", "DAFTAR TABEL")
    tabel = _entri_daftar(halaman, "DAFTAR TABEL", "DAFTAR GAMBAR")
    gambar = _entri_daftar(halaman, "DAFTAR GAMBAR", "BAB I PENDAHULUAN")
    assert sum(t.startswith("Sasaran ") for t, _ in isi) == 8
    assert len(gambar) == 1 + 8 * 2 + 1
    _periksa_daftar(halaman, isi + tabel + gambar)


def test_docx_memuat_nomor_halaman_daftar_seperti_pdf(pdf_contoh, tmp_path):
    """The .docx carries the Daftar Isi/Tabel/Gambar page numbers the PDF prints, without a field update."""
    from docgen.docx_halaman import isi_halaman

    hasil, pdf = pdf_contoh
    halaman = _halaman(pdf, tmp_path)
    di_pdf = (_entri_daftar(halaman, "DAFTAR ISI", "DAFTAR TABEL")
              + _entri_daftar(halaman, "DAFTAR TABEL", "DAFTAR GAMBAR")
              + _entri_daftar(halaman, "DAFTAR GAMBAR", "BAB I PENDAHULUAN"))
    docx = isi_halaman(hasil.docx, pdf)
    doc = Document(io.BytesIO(docx))
    gaya_toc = {s.style_id for s in doc.styles if s.name.lower().startswith("toc ")}
    di_docx = [(_satu(p.text.split("\t")[0]).replace("\u2060", ""), p.text.split("\t")[-1]) for p in doc.paragraphs
               if p.style is not None and p.style.style_id in gaya_toc]
    assert len(di_docx) == len(di_pdf) > 50
    assert di_docx == [(t.replace("\u2060", ""), n) for t, n in di_pdf]
    assert ("BAB III AKUNTABILITAS KINERJA", "5") in di_docx and ("KATA PENGANTAR", "i") in di_docx
    assert doc.settings.element.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}updateFields") \
        is None
