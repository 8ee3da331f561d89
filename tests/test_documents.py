"""Every document type: golden text, schema, and the PDF (F4, key lines)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from docgen import documents
from docgen.render import render
from docgen.teks_docx import teks_docx
from tests.conftest import ROOT, SAMPLES, TEMPLATES, teks_pdf
from tests.golden_update import teks_contoh

SLUGS = [j.slug for j in documents.semua()]
MM = 72 / 25.4

# Lines a reader must find in each PDF.
BARIS_KUNCI = {
    "keputusan-sop": ["NOMOR 800/ /Kpts/BKPSDM-PS/2023", "MEMUTUSKAN:", "PERTAMA", "KEDUA", "KETIGA",
                      "NIP. 19720315 199803 1 004", "Pembina Utama Muda (IV/c)", "2 hari 5 jam 10 menit"],
    "nota-dinas": ["NOTA DINAS", "NOMOR 000.1.5/27/BKPSDM-PS/I/2025", "20 Januari 2025", "Drs. HENDRA SAPUTRA, M.Si."],
    "surat-permintaan-data": ["Tanjungpinang, 6 Januari 2025", "Jumat, 17 Januari 2025", "a.n. KEPALA BADAN"],
    "undangan-rapat": ["Senin, 20 Januari 2025", "09.00 WIB s.d. selesai", "DAFTAR UNDANGAN", "1 (satu) lembar"],
    "notulen-rapat": ["NOTULEN RAPAT", "Selasa, 21 Januari 2025", "09.00 s.d. 11.30 WIB", "DAFTAR HADIR",
                      "6 (enam) orang"],
    "rencana-kegiatan": ["TRIWULAN IV", "TAHUN 2024", "24 s.d. 28 Januari 2025", "29 Januari s.d. 3 Februari 2025",
                         "RIZKI PRATAMA, S.Kom."],
    "checklist-dokumen": ["CHECKLIST DOKUMEN", "6 dari 7 dokumen tersedia (85,71%)"],
    "lembar-disposisi": ["LEMBAR DISPOSISI", "\u2611", "Sangat Segera", "31 Januari 2025"],
    "surat-pengantar": ["SURAT PENGANTAR", "NOMOR 000.9.2/19/Set.DPRD/2025", "2 (dua) eksemplar", "Diterima tanggal"],
    "daftar-isi-berkas": ["DAFTAR ISI BERKAS", "BKPSDM-PS/SPEP/2025/007", "6 s.d. 24 Januari 2025",
                          "Jumlah halaman naskah", "seluruhnya 17 (tujuh belas) halaman", "NIP. 19930415 201903 2 001"],
}


def test_setiap_jenis_punya_templat_contoh_golden_dan_baris_kunci():
    for slug in SLUGS:
        assert (TEMPLATES / f"{slug}.docx").exists(), slug
        assert (SAMPLES / f"{slug}.json").exists(), slug
        assert (ROOT / "tests" / "golden" / f"{slug}.txt").exists(), slug
    assert SLUGS[:9] == ["keputusan-sop", "nota-dinas", "surat-permintaan-data", "undangan-rapat", "notulen-rapat",
                         "rencana-kegiatan", "checklist-dokumen", "lembar-disposisi", "surat-pengantar"]


@pytest.mark.parametrize("slug", SLUGS)
def test_teks_sama_dengan_golden(slug):
    golden = (ROOT / "tests" / "golden" / f"{slug}.txt").read_text(encoding="utf-8")
    assert teks_contoh(slug) == golden, f"teks {slug} berubah: jalankan `make golden` lalu tinjau diff-nya"


@pytest.mark.parametrize("slug", SLUGS)
def test_schema_menjelaskan_masukan(slug):
    s = documents.dapatkan(slug).schema()
    assert s["title"] and s["description"]
    assert "instansi" in s["properties"]
    assert s["additionalProperties"] is False


@pytest.mark.parametrize("slug", list(BARIS_KUNCI))
def test_pdf_f4_dan_baris_kunci(slug, contoh, konverter, tmp_path):
    hasil = render(slug, contoh(slug), templates_dir=TEMPLATES, basis=SAMPLES)
    pdf = konverter.ke_pdf(hasil.docx)
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        w, h = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert (round(w / MM), round(h / MM)) == (215, 330), f"{slug}: halaman bukan F4"
    teks = " ".join(teks_pdf(pdf, tmp_path).split())
    for baris in BARIS_KUNCI[slug]:
        assert baris in teks, f"{slug}: '{baris}' tidak ada di PDF"


def test_a4_sebagai_pengaturan(contoh, konverter):
    data = contoh("nota-dinas")
    data["instansi"]["pengaturan"] = {"ukuran_kertas": "A4"}
    pdf = konverter.ke_pdf(render("nota-dinas", data, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (210, 297)


def test_gaya_diktum_kesatu(contoh):
    data = contoh("keputusan-sop")
    data["instansi"]["pengaturan"]["gaya_diktum"] = "KESATU"
    teks = teks_docx(render("keputusan-sop", data, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    assert "KESATU | : |" in teks and "PERTAMA" not in teks


def test_nomor_dari_pola_dengan_bulan_romawi_dan_sisipan(contoh):
    data = contoh("nota-dinas")
    data["nomor"] = {"pola": "{kode_klasifikasi}/{urut}/{kode_unit}/{bulan}/{tahun}", "kode_klasifikasi": "067",
                     "urut": 13, "sisipan": "a", "kode_unit": "Set.DPRD"}
    data["tanggal"] = "2025-02-03"
    teks = teks_docx(render("nota-dinas", data, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    assert "NOMOR 067/13a/Set.DPRD/II/2025" in teks


def test_keputusan_sop_menghitung_total_dan_memperingatkan_seed_004():
    import json

    masukan = SAMPLES / "lain" / "keputusan-sop-tanjungpinang.json"
    hasil = render("keputusan-sop", json.loads(masukan.read_text()), templates_dir=TEMPLATES, basis=masukan.parent)
    assert any("sop.total_waktu" in p and "8 hari 2 jam 5 menit" in p and "(8 hari 2 jam)" in p
               for p in hasil.peringatan)
    teks = teks_docx(hasil.docx)
    assert "Jumlah waktu penyelesaian | 8 hari 2 jam" in teks


def test_pelaksana_digambar_di_bagan_alir(contoh):
    teks = teks_docx(render("keputusan-sop", contoh("keputusan-sop"), templates_dir=TEMPLATES, basis=SAMPLES).docx)
    # The pelaksana columns of a step row are one cell holding the flowchart picture (tests/test_bagan_alir.py):
    # no tick marks; the names stay in the header, repeated on the table of each page.
    baris = next(b for b in teks.splitlines() if b.startswith("6 | Sekretariat dan Bidang"))
    assert baris.split(" | ")[2:4] == ["", "Blanko formulir pemantauan capaian kinerja"]
    assert "\u2713" not in teks
    kepala = " |  | Kepala | Sekretariat | Bidang | Tim Pemantauan | Staf | Kelengkapan | Waktu | Output |"
    assert teks.count(kepala) == 2  # one table per page, header repeated


def test_undangan_pendek_tanpa_lampiran(contoh):
    data = contoh("undangan-rapat")
    data["undangan"] = data["undangan"][:2]
    teks = teks_docx(render("undangan-rapat", data, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    assert "DAFTAR UNDANGAN" not in teks
    assert "Yth. 1. Kepala Bagian Umum dan Keuangan\n2. Kepala Bagian Persidangan" in teks
    assert "Lampiran | : | -" in teks


def test_tanda_tangan_an_plt(contoh):
    data = contoh("nota-dinas")
    data["penandatangan"] = {"jabatan": "Kepala Badan", "nama": "BUDI", "kedudukan": "Plt.", "golongan": "IV/a"}
    teks = teks_docx(render("nota-dinas", data, templates_dir=TEMPLATES, basis=SAMPLES).docx)
    assert "Plt. KEPALA BADAN," in teks and "Pembina (IV/a)" in teks and "NIP." not in teks
