"""The SOP flowchart: layout (symbols, columns, arrows, pages, connectors), its images, and the printed result."""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from docgen import sop
from docgen.bagan_alir import LangkahAlir, Panah, tata_letak
from docgen.documents.keputusan_sop import GARIS_BARIS, KeputusanSOP, tabel_prosedur, tinggi_ttd
from docgen.gambar_bagan import DPI, png_baris, ukuran_px
from docgen.render import render
from docgen.validation import validasi
from tests.conftest import SAMPLES, TEMPLATES, teks_pdf

KOLOM = [22.6] * 5


def _masukan(kode: str, kertas: str = "F4") -> dict:
    contoh = json.loads((SAMPLES / "keputusan-sop.json").read_text(encoding="utf-8"))
    contoh["instansi"]["pengaturan"]["ukuran_kertas"] = kertas
    return sop.keputusan(sop.bawaan()[kode], instansi=contoh["instansi"], penandatangan=contoh["penandatangan"],
                         tanggal="2025-01-20")


def _tabel(data: dict):
    m = validasi(KeputusanSOP, data)
    return tabel_prosedur(m.sop, m.instansi.pengaturan.ukuran_kertas, tinggi_ttd(m.penandatangan))


def sop_panjang(n: int = 30, k: int = 8) -> dict:
    """A long SOP: n steps, k pelaksana with long names, shared steps, decisions going back (one to another page)."""
    pelaksana = ["Kepala Badan", "Sekretaris", "Kasubbag Perencanaan", "Kepala Bidang Mutasi",
                 "Kepala Bidang Pengembangan", "Ketua Tim SAKIP", "Anggota Tim SAKIP", "Arsiparis"][:k]
    langkah = []
    for i in range(1, n + 1):
        pl = [pelaksana[(i * 3) % k]]
        if i % 7 == 0:
            pl.append(pelaksana[(i * 3 + 2) % k])
        uraian = "uraian yang cukup panjang untuk dibungkus beberapa baris " * (1 + i % 3)
        lk = {"kegiatan": f"Kegiatan ke-{i} {uraian}",
              "pelaksana": pl, "kelengkapan": "Kelengkapan dokumen " * (1 + i % 2), "waktu": f"{10 + i} menit",
              "output": "Keluaran langkah " * (1 + i % 4)}
        if i % 9 == 0:
            lk.update(jenis="keputusan", tidak=i - 4)
        if i == 20:
            lk.update(jenis="keputusan", tidak=3)
        langkah.append(lk)
    return {"judul": "Prosedur Uji Panjang", "dasar_hukum": ["Peraturan Presiden Nomor 29 Tahun 2014"],
            "pelaksana": pelaksana, "langkah": langkah}


# -- layout ---------------------------------------------------------------------------------------------------


def test_bentuk_dan_kolom_setiap_langkah():
    tata = _tabel(_masukan("pengukuran-kinerja")).bagan
    bentuk = [{s.bentuk for s in tata.simbol_langkah(i)} for i in range(1, 11)]
    assert bentuk == [{"terminator"}] + [{"proses"}] * 6 + [{"keputusan"}, {"proses"}, {"terminator"}]
    kolom = [[s.kolom for s in tata.simbol_langkah(i)] for i in range(1, 11)]
    # Kepala, Sekretariat, Bidang, Tim SAKIP, Staf; step 2: Sekretariat and Tim, step 9: Kepala and Sekretariat.
    assert kolom == [[0], [1, 3], [3], [3], [3], [3], [3], [1], [0, 1], [4]]
    tepi = tata.batas_kolom()
    for s in tata.simbol:  # centred in its column
        assert s.x == pytest.approx((tepi[s.kolom] + tepi[s.kolom + 1]) / 2)
        assert tepi[s.kolom] < s.kiri and s.kanan < tepi[s.kolom + 1]
    # the two shared steps are joined by a line: step 2's in three pieces, dashed across Bidang's column
    assert len(tata.sambung) == 4 and sum(g.putus for g in tata.sambung) == 1


def test_panah_ya_tidak_dan_balik():
    tata = tata_letak([LangkahAlir((0,)), LangkahAlir((1, 3)), LangkahAlir((3,)), LangkahAlir((3,)),
                       LangkahAlir((1,), keputusan=True, tidak=3), LangkahAlir((4,))], KOLOM)
    assert tata.panah == [
        Panah(1, 2, "", "siku"), Panah(2, 3, "", "lurus"), Panah(3, 4, "", "lurus"), Panah(4, 5, "", "siku"),
        Panah(5, 6, "YA", "siku"), Panah(5, 3, "TIDAK", "lajur"),
    ]
    assert {lb.teks for lb in tata.label} == {"YA", "TIDAK"}
    # The TIDAK branch leaves the diamond's side vertex, goes up a lane and enters step 3 from its side.
    balik = tata.garis[-1].titik
    intan, tujuan = tata.simbol_langkah(5)[0], tata.simbol_langkah(3)[0]
    assert balik[0] == (intan.kanan, intan.y) and balik[-1] == (tujuan.kanan, tujuan.y)
    assert balik[1][1] == intan.y and balik[2][1] == tujuan.y and balik[1][0] == balik[2][0] > tujuan.kanan
    # The arrow to the next step leaves the bottom and enters the top.
    ke3 = next(g for g in tata.garis if g.titik[0] == (tata.simbol_langkah(2)[1].x, tata.simbol_langkah(2)[1].bawah))
    assert ke3.titik[-1] == (tujuan.x, tujuan.atas)


def test_halaman_dipecah_dengan_konektor():
    langkah = [LangkahAlir((k % 5,), tinggi_teks=20) for k in range(12)]
    langkah[9] = LangkahAlir((1,), keputusan=True, tidak=2, tinggi_teks=20)
    tata = tata_letak(langkah, KOLOM, muat=90, muat_pertama=70, tinggi_penutup=30)
    halaman = tata.halaman
    assert halaman == [[1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12]]
    for p, nomor in enumerate(halaman):  # every page fits, its last row holding the connector
        batas = 70 if p == 0 else 90
        tinggi = sum(tata.baris[i - 1].tinggi for i in nomor) + (30 if p == len(halaman) - 1 else 0)
        assert tinggi <= batas
    # One pair of connectors per page break, same letter, at the bottom of one page and the top of the next.
    for p in range(len(halaman) - 1):
        akhir, awal = halaman[p][-1], halaman[p + 1][0]
        k_bawah = [k for k in tata.konektor if k.letak == "bawah" and k.halaman == p]
        k_atas = [k for k in tata.konektor if k.letak == "atas" and k.halaman == p + 1]
        assert len(k_bawah) == len(k_atas) == 1 and k_bawah[0].huruf == k_atas[0].huruf
        assert k_bawah[0].langkah == akhir and k_atas[0].langkah == awal
        baris = tata.baris[akhir - 1]
        assert baris.konektor_bawah and k_bawah[0].ujung < baris.atas + baris.tinggi
        assert tata.baris[awal - 1].konektor_atas
    # The TIDAK branch from page 3 back to step 2 on page 1 goes through a pair of connectors beside them.
    tidak = next(p for p in tata.panah if p.label == "TIDAK")
    assert (tidak.dari, tidak.ke, tidak.jenis) == (10, 2, "halaman")
    samping = [k for k in tata.konektor if k.huruf == tidak.konektor]
    assert [(k.halaman, k.langkah, k.letak) for k in samping] == [(2, 10, "samping"), (0, 2, "samping")]
    # Letters run in reading order of where the flow leaves: A, B on pages 1-2, then C (TIDAK) and D on page 3.
    keluar = sorted((k for k in tata.konektor if k.letak != "atas" and (k.letak == "bawah" or k.langkah == 10)),
                    key=lambda k: (k.halaman, k.y))
    assert [k.huruf for k in keluar] == ["A", "B", "C", "D"] and tidak.konektor == "C"


def test_ya_yang_melompat_lewat_lajur():
    tata = tata_letak([LangkahAlir((0,)), LangkahAlir((1,), keputusan=True, ya=4, tidak=1), LangkahAlir((2,)),
                       LangkahAlir((3,))], KOLOM)
    assert Panah(2, 4, "YA", "lajur") in tata.panah and Panah(2, 1, "TIDAK", "lajur") in tata.panah
    assert not any(p.dari == 2 and p.ke == 3 for p in tata.panah)  # YA skips step 3
    keluar = [g.titik[0] for g in tata.garis if g.titik[0][1] == tata.simbol_langkah(2)[0].y]
    assert len(keluar) == 2 and keluar[0][0] != keluar[1][0]  # one branch from each side vertex


def test_ukur_teks():
    from docgen import ukur_teks

    # Arial Bold advance widths (em): K .722 e .556 l .278 e .556 n .611 g .611 k .556 a .556 p .611 a .556 n .611
    assert ukur_teks.lebar_mm("Kelengkapan", 9, tebal=True) == pytest.approx(6.224 * 9 * 25.4 / 72, abs=0.02)
    assert ukur_teks.bungkus("satu dua\ntiga", 100, 9) == ["satu dua", "tiga"]
    panjang = ukur_teks.bungkus("x" * 80, 20, 9)  # a word wider than the cell is broken, never lost
    assert len(panjang) > 1 and "".join(panjang) == "x" * 80
    assert ukur_teks.tinggi_mm("a b", 50, 9) == pytest.approx(9 * 1.15 * 25.4 / 72)


def test_kapsul_tidak_pernah_bulat():
    tata = tata_letak([LangkahAlir((0,)), LangkahAlir((1,))], [12.0, 12.0])
    for s in tata.simbol:
        assert s.lebar >= 1.6 * s.tinggi


def test_gambar_baris_ukuran_dan_resolusi():
    tata = _tabel(_masukan("pengukuran-kinerja")).bagan
    for no in (1, 8):
        im = Image.open(io.BytesIO(png_baris(tata, no)))
        baris = tata.baris[no - 1]
        assert im.size == ukuran_px(tata.lebar, baris.tinggi)
        assert im.mode == "LA" and round(im.info["dpi"][0]) == DPI == 300
        alfa = im.getchannel("A")
        x = round(tata.batas_kolom()[1] / 25.4 * DPI)  # a column line runs top to bottom
        assert min(alfa.getpixel((x + dx, 0)) for dx in (-1, 0, 1)) < 255
        assert max(alfa.getpixel((x + dx, y)) for dx in (-1, 0, 1) for y in (0, im.height - 1)) > 128
        assert alfa.getpixel((im.width // 2 + 3, 2)) == 0  # transparent ground: the table's borders show


# -- the document -----------------------------------------------------------------------------------------------


def test_docx_satu_tabel_per_halaman_dengan_gambar_bagan():
    data = _masukan("pengukuran-kinerja")
    tabel = _tabel(data)
    docx = render("keputusan-sop", data, templates_dir=TEMPLATES, basis=SAMPLES).docx
    doc = Document(io.BytesIO(docx))
    tabel_prosedur_docx = [t for t in doc.tables if t.rows[0].cells[0].text == "No"]
    assert len(tabel_prosedur_docx) == len(tabel.bagan.halaman)
    for t, nomor in zip(tabel_prosedur_docx, tabel.bagan.halaman, strict=True):
        baris = t._tbl.tr_lst[2:]
        for tr, no in zip(baris, nomor, strict=False):
            sel = tr.findall(qn("w:tc"))
            assert sel[0].xpath("string(.)") == str(no)
            assert sel[2].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == "5"
            inline = sel[2].find(f".//{qn('wp:inline')}")
            ext = inline.find(qn("wp:extent"))
            assert int(ext.get("cx")) == pytest.approx(tabel.bagan.lebar * 36000, abs=1)
            assert int(ext.get("cy")) == pytest.approx(tabel.bagan.baris[no - 1].tinggi * 36000, abs=1)
            assert inline.get("distL") == inline.get("distT") == "0"
            tinggi = tr.find(f"{qn('w:trPr')}/{qn('w:trHeight')}")
            assert tinggi.get(qn("w:hRule")) == "atLeast"
            assert int(tinggi.get(qn("w:val"))) == int(tabel.bagan.baris[no - 1].tinggi * 1440 / 25.4)
    teks = "\n".join(c.text for t in tabel_prosedur_docx for r in t.rows for c in r.cells)
    assert "\u2713" not in teks and "Jumlah waktu penyelesaian" in teks
    gambar = [n for n in zipfile.ZipFile(io.BytesIO(docx)).namelist() if n.startswith("word/media/")]
    assert len(gambar) >= 10


def batas_baris_pdf(pdf: bytes, halaman: int, tmp_path, dpi: int = 150) -> list[float]:
    """y (mm) of the horizontal rules crossing the procedure table's left edge on one PDF page."""
    f = tmp_path / "b.pdf"
    f.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(halaman), "-l", str(halaman), str(f),
                    str(tmp_path / "h")], check=True)
    im = Image.open(next(tmp_path.glob("h-*.png"))).convert("L")
    mm = dpi / 25.4
    x = round((30 - 1.2 + 0.6) * mm)  # inside the No column, left of its text (the table is outdented 1.2 mm)
    gelap = [y for y in range(im.height) if im.getpixel((x, y)) < 140]
    garis = [y for i, y in enumerate(gelap) if i == 0 or y - gelap[i - 1] > 1]
    for p in tmp_path.glob("h-*.png"):
        p.unlink()
    return [y / mm for y in garis]


def _periksa_pdf(data: dict, konverter, tmp_path) -> tuple[bytes, str]:
    """Render, convert and check: every step's text is there and every row is as tall as the layout says."""
    tabel = _tabel(data)
    pdf = konverter.ke_pdf(render("keputusan-sop", data, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    teks = teks_pdf(pdf, tmp_path)
    def rata(t: str) -> str:  # pdftotext drops the hyphen where a line breaks after one
        return " ".join(t.replace("-\n", "").replace("-", "").split())

    for lk in data["sop"]["langkah"]:
        assert rata(lk["kegiatan"]) in rata(teks), lk["kegiatan"]
    halaman = [i + 1 for i, h in enumerate(teks.split("\f")) if "Kelengkapan" in h]
    assert len(halaman) == len(tabel.bagan.halaman)
    for hp, nomor in zip(halaman, tabel.bagan.halaman, strict=True):
        batas = batas_baris_pdf(pdf, hp, tmp_path)
        # table top, header bottom, then one rule per row: a row that grew past its picture would show here.
        tinggi = [b - a for a, b in itertools.pairwise(batas[1:])][:len(nomor)]
        harap = [tabel.bagan.baris[i - 1].tinggi + GARIS_BARIS for i in nomor]
        assert tinggi == pytest.approx(harap, abs=0.4), (hp, nomor)
    return pdf, teks


@pytest.mark.pdf
def test_pdf_contoh_halaman_dan_baris(contoh, konverter, tmp_path):
    data = contoh("keputusan-sop")
    _, teks = _periksa_pdf(data, konverter, tmp_path)
    halaman = teks.split("\f")
    assert "PROSEDUR PEMANTAUAN CAPAIAN KINERJA" in halaman[3]
    assert "KEPALA BADAN KEPEGAWAIAN" in halaman[4]  # the signature stays with the last steps


@pytest.mark.pdf
@pytest.mark.parametrize("kertas", ["F4", "A4"])
def test_pdf_sop_bawaan_dengan_keputusan(kertas, konverter, tmp_path):
    _periksa_pdf(_masukan("pengukuran-kinerja", kertas), konverter, tmp_path)


@pytest.mark.pdf
def test_sop_panjang_dipaginasi_tanpa_terpotong(contoh, konverter, tmp_path):
    data = contoh("keputusan-sop")
    data["sop"] = sop_panjang()
    tabel = _tabel(data)
    halaman = tabel.bagan.halaman
    assert len(halaman) >= 5
    for p in range(len(halaman) - 1):  # a connector pair on every page break
        assert {k.letak for k in tabel.bagan.konektor if k.halaman == p and k.langkah == halaman[p][-1]} >= {"bawah"}
        assert any(k.letak == "atas" and k.langkah == halaman[p + 1][0] for k in tabel.bagan.konektor)
    jauh = next(p for p in tabel.bagan.panah if (p.dari, p.ke) == (20, 3))
    assert jauh.label == "TIDAK" and jauh.jenis == "halaman"
    _periksa_pdf(data, konverter, tmp_path)


def test_baris_lebih_tinggi_dari_halaman_berdiri_sendiri():
    langkah = [LangkahAlir((0,), tinggi_teks=20), LangkahAlir((1,), tinggi_teks=300), LangkahAlir((2,), tinggi_teks=20)]
    tata = tata_letak(langkah, KOLOM, muat=150, muat_pertama=140)
    assert tata.terlalu_tinggi == [2] and tata.halaman == [[1], [2], [3]]
    baris = tata.baris[1]
    assert baris.konektor_atas and baris.konektor_bawah and baris.tinggi < 50  # its picture: only the flowchart


@pytest.mark.pdf
def test_teks_lebih_panjang_dari_halaman_tidak_terpotong(contoh, konverter, tmp_path):
    data = contoh("keputusan-sop")
    data["sop"]["langkah"][2]["kegiatan"] = " ".join(f"kata{i}" for i in range(450)) + " AKHIR"
    hasil = render("keputusan-sop", data, templates_dir=TEMPLATES, basis=SAMPLES)
    pesan = "sop.langkah.2: teks langkah ini lebih panjang dari satu halaman"
    assert any(p.startswith(pesan) for p in hasil.peringatan)
    teks = teks_pdf(konverter.ke_pdf(hasil.docx), tmp_path)
    assert all(f"kata{i}" in teks for i in range(450)) and "AKHIR" in teks


def test_satu_awal_satu_akhir_dan_garis_putus_melewati_kolom_lain():
    """A last step with several pelaksana (the sample's "Sekretariat dan Bidang dibantu staf …") was three end
    capsules joined by a solid line across Tim Pemantauan's column: now one end capsule where the flow arrives,
    process boxes beside it, and the joining line dashed where it passes a column the step does not involve."""
    langkah = [LangkahAlir((0, 1)), LangkahAlir((2,)), LangkahAlir((1, 2, 4))]
    tata = tata_letak(langkah, KOLOM)
    bentuk = {(s.langkah, s.kolom): s.bentuk for s in tata.simbol}
    assert bentuk[(1, 1)] == "terminator" and bentuk[(1, 0)] == "proses"  # the start leaves nearest step 2
    assert bentuk[(3, 2)] == "terminator" and bentuk[(3, 1)] == bentuk[(3, 4)] == "proses"
    tepi = tata.batas_kolom()
    putus = [g for g in tata.sambung if g.putus]
    assert [(round(g.titik[0][0], 1), round(g.titik[-1][0], 1)) for g in putus] == [(round(tepi[3], 1),
                                                                                   round(tepi[4], 1))]
    assert all(not g.panah for g in tata.sambung)
