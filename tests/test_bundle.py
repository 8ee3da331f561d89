"""The archive bundle of a cycle: numbered items, Daftar Isi Berkas first, stamped merged PDF with bookmarks,
ZIP with manifest and daftar arsip, regeneration from the stored inputs, errors naming the item, cancel, progress."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import threading
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter

from docgen import bundle
from docgen.bundle import Item, baca_siklus, periksa_siklus, susun_berkas, tulis_berkas
from docgen.cli import cli
from docgen.errors import BerkasDibatalkan, InputTidakValid
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES, TEMPLATES, teks_pdf

SIKLUS = SAMPLES / "siklus.json"
KODE = "BKPSDM-PS/SPEP/2025/007"
NAMA_PDF = "berkas-BKPSDM-PS-SPEP-2025-007.pdf"
WAKTU = dt.datetime(2025, 1, 27, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
URUTAN = ["nota-dinas", "undangan-rapat", "notulen-rapat", "rencana-kegiatan", "formulir-capaian",
          "kertas-kerja-pengukuran", "rekapitulasi-capaian", "laporan-hasil-pengukuran", "lembar-disposisi",
          "surat-pengantar"]
MM = 72 / 25.4


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def hasil(konverter):
    """The sample cycle bundled once, with every progress message."""
    pesan: list[tuple[int, str]] = []
    h = susun_berkas(baca_siklus(SIKLUS), templates_dir=TEMPLATES, basis=SAMPLES, konverter=konverter,
                     lapor=lambda persen, teks: pesan.append((persen, teks)), waktu=WAKTU)
    return h, pesan


@pytest.fixture(scope="module")
def arsip(hasil):
    return zipfile.ZipFile(io.BytesIO(hasil[0].zip))


@pytest.fixture(scope="module")
def manifest(arsip):
    return json.loads(arsip.read("manifest.json"))


@pytest.fixture(scope="module")
def gabungan(arsip):
    return PdfReader(io.BytesIO(arsip.read(NAMA_PDF)))


# -- ZIP and manifest --------------------------------------------------------------------------------------------


def test_anggota_zip_bernomor_dan_berurutan(arsip):
    nama = arsip.namelist()
    stem = ["00-daftar-isi-berkas"] + [f"{i:02d}-{slug}" for i, slug in enumerate(URUTAN, 1)]
    harapan = [f"{s}.{ext}" for s in stem for ext in ("docx", "pdf")]
    harapan += [NAMA_PDF, "manifest.json", "daftar-arsip.xlsx", "masukan/siklus.json"]
    harapan += [f"masukan/{s}.json" for s in stem] + ["masukan/logo/pesisir-selatan.png"]
    assert nama == harapan
    assert all(i.date_time == (2025, 1, 27, 10, 30, 0) for i in arsip.infolist())


def test_manifest_mencatat_item_dan_hash_cocok(arsip, manifest):
    assert manifest["perangkat_lunak"] == {"nama": "docgen", "versi": metadata.version("docgen")}
    assert manifest["dibuat"] == "2025-01-27T10:30:00+07:00"
    assert manifest["berkas"]["kode"] == KODE and manifest["berkas"]["periode"] == "6 s.d. 24 Januari 2025"
    assert manifest["berkas"]["instansi"] == ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten "
                                              "Pesisir Selatan")
    item = manifest["item"]
    assert [i["slug"] for i in item] == URUTAN
    assert [i["nomor"] for i in item] == [f"{n:02d}" for n in range(1, 11)]
    assert [i["langkah"] for i in item] == [1, 2, 2, 3, 5, 5, 6, 7, 8, 9]
    nd = item[0]
    assert (nd["judul"], nd["uraian"], nd["nomor_surat"], nd["tanggal"], nd["kode_klasifikasi"]) == (
        "Nota Dinas", "Pelaksanaan Pengukuran Kinerja Triwulan IV Tahun 2024", "000.1.5/3/BKPSDM-PS/I/2025",
        "2025-01-06", "000.1.5")
    assert item[9]["nomor_surat"] == "000.9.2/18/BKPSDM-PS/2025"
    assert item[2]["nomor_surat"] == "" and item[2]["kode_klasifikasi"] == "000.8.3.3"  # the berkas code

    halaman = manifest["daftar_isi"]["halaman"]
    assert manifest["daftar_isi"]["halaman_awal"] == 1
    for i in [manifest["daftar_isi"], *item]:
        docx, pdf = arsip.read(i["berkas_docx"]), arsip.read(i["berkas_pdf"])
        assert i["sha256_docx"] == _sha(docx) and i["sha256_pdf"] == _sha(pdf)
        masukan = json.loads(arsip.read(i["berkas_masukan"]))
        assert i["sha256_masukan"] == _sha(json.dumps(masukan, sort_keys=True, ensure_ascii=False,
                                                      separators=(",", ":")).encode())
        assert i["templat"] == f"{i['slug']}.docx" and i["sumber_templat"] == "bawaan"
        assert i["sha256_templat"] == _sha((TEMPLATES / i["templat"]).read_bytes())
        assert i["halaman"] == len(PdfReader(io.BytesIO(pdf)).pages)
        if i["nomor"] != "00":
            assert i["halaman_awal"] == halaman + 1  # contiguous, right after the previous item
            halaman += i["halaman"]
        assert i["halaman_akhir"] == i["halaman_awal"] + i["halaman"] - 1
    assert manifest["berkas_gabungan"] == {"nama": NAMA_PDF, "halaman": halaman, "sha256": _sha(arsip.read(NAMA_PDF))}
    assert manifest["daftar_arsip"]["sha256"] == _sha(arsip.read("daftar-arsip.xlsx"))
    assert manifest["siklus"]["sha256"] == _sha(arsip.read("masukan/siklus.json"))
    # The sample year is measured in part (IKK 1 to TW III, IKK 4 not at all): each measurement paper says so, and
    # nothing else is warned about.
    assert manifest["peringatan"] and all(
        p.split(" (")[1].split(")")[0] in ("kertas-kerja-pengukuran", "rekapitulasi-capaian",
                                          "laporan-hasil-pengukuran") and ").kinerja.sasaran." in p
        for p in manifest["peringatan"])
    assert any("IKK 1 baru terukur s.d. Triwulan III" in p for p in manifest["peringatan"])


def test_masukan_tersimpan_lengkap(arsip):
    """Items got the cycle's instansi and kinerja; the logo points into masukan/."""
    formulir = json.loads(arsip.read("masukan/05-formulir-capaian.json"))
    assert formulir["instansi"]["logo"] == "logo/pesisir-selatan.png"
    assert formulir["kinerja"] == json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8"))
    assert "kinerja" not in json.loads(arsip.read("masukan/01-nota-dinas.json"))
    assert arsip.read("masukan/logo/pesisir-selatan.png") == (SAMPLES / "logo" / "pesisir-selatan.png").read_bytes()
    siklus = json.loads(arsip.read("masukan/siklus.json"))
    assert [i["data_berkas"] for i in siklus["item"]] == [f"{n:02d}-{s}.json" for n, s in enumerate(URUTAN, 1)]


# -- merged PDF --------------------------------------------------------------------------------------------------


def test_bookmark_per_item_ke_halaman_pertamanya(gabungan, manifest):
    outline = gabungan.outline
    judul = [o.title for o in outline]
    assert judul[0] == "00 Daftar Isi Berkas"
    assert judul[1] == "01 Nota Dinas \u2013 Pelaksanaan Pengukuran Kinerja Triwulan IV Tahun 2024"
    assert judul[3] == "03 Notulen Rapat \u2013 Rapat Arahan Pengukuran Kinerja Triwulan IV Tahun 2024"
    assert len(judul) == 11
    assert [gabungan.get_destination_page_number(o) + 1 for o in outline] == (
        [1] + [i["halaman_awal"] for i in manifest["item"]])
    assert gabungan.metadata.title.startswith(f"Berkas {KODE}: Pengukuran Kinerja")


def _posisi_teks(page) -> list[tuple[float, float, str]]:
    """(x mm, y mm, text) of every text run on a page, in page coordinates."""
    hasil = []

    def lihat(teks, cm, tm, font, ukuran):
        if teks.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            hasil.append((x / MM, y / MM, teks.strip()))

    page.extract_text(visitor_text=lihat)
    return hasil


def test_cap_di_setiap_halaman_tanpa_menimpa_isi(gabungan, manifest):
    total = len(gabungan.pages)
    assert total == manifest["berkas_gabungan"]["halaman"]
    cap = []
    for it in [manifest["daftar_isi"], *manifest["item"]]:
        bagian = "Daftar Isi" if it["nomor"] == "00" else f"Item {it['nomor']}"
        cap += [f"{bagian}, hal. {i}/{it['halaman']}" for i in range(1, it["halaman"] + 1)]
    landscape = 0
    for x, (page, bagian) in enumerate(zip(gabungan.pages, cap, strict=True), 1):
        teks = " ".join(page.extract_text().split())
        assert f"Berkas {KODE} \u00b7 {bagian} \u00b7 Hal. {x} dari {total}" in teks, teks[-120:]
        posisi = _posisi_teks(page)
        stempel = [p for p in posisi if 4 <= p[1] <= 6]
        assert stempel and all("Berkas" in p[2] or "Hal." in p[2] or "Item" in p[2] or "Daftar" in p[2]
                               for p in stempel), stempel
        assert min(p[1] for p in posisi if p not in stempel) >= 9, "isi dokumen terlalu dekat dengan cap"
        lebar = float(page.mediabox.width)
        landscape += lebar > float(page.mediabox.height)
        assert all(p[0] < lebar / MM - 19 for p in stempel)  # inside the right margin
    assert landscape == 5  # formulir (1), kertas kerja (2), rekapitulasi (2)


def test_cap_mengikuti_halaman_berputar_dan_a4():
    """A page with /Rotate 90 and an A4 page: the stamp lands readable at the bottom of what the reader sees."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    def pdf(ukuran, putar=0) -> bytes:
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=ukuran)
        c.drawString(100, 400, "isi halaman")
        c.showPage()
        c.save()
        if not putar:
            return buf.getvalue()
        w = PdfWriter(clone_from=io.BytesIO(buf.getvalue()))
        w.pages[0].rotate(putar)
        out = io.BytesIO()
        w.write(out)
        return out.getvalue()

    bagian = [Item(nomor=n, langkah=None, slug="x", judul="X", uraian="u", nomor_surat="", kode_klasifikasi="",
                   tanggal=None, keterangan="", data={}, label="x", pdf=p)
              for n, p in (("00", pdf(A4)), ("01", pdf(A4, putar=90)))]
    r = PdfReader(io.BytesIO(bundle.gabung_pdf(bagian, kode="K/1", judul="J")))
    kedua = r.pages[1]
    assert kedua.rotation == 0 and float(kedua.mediabox.width) > float(kedua.mediabox.height)
    stempel = [p for p in _posisi_teks(kedua) if "Hal. 2 dari 2" in p[2]]
    assert stempel and 4 <= stempel[0][1] <= 6
    assert "Hal. 1 dari 2" in r.pages[0].extract_text()


# -- Daftar Isi Berkas and daftar arsip --------------------------------------------------------------------------


def test_daftar_isi_pertama_dan_lengkap(arsip, manifest, gabungan, tmp_path):
    teks = teks_docx(arsip.read("00-daftar-isi-berkas.docx"))
    assert "DAFTAR ISI BERKAS" in teks and f"Kode/Nomor Berkas | : | {KODE}" in teks
    assert "Kurun Waktu | : | 6 s.d. 24 Januari 2025" in teks and "Lokasi Simpan | : | Rak 2, Boks 7" in teks
    baris = teks.split("No | Kode Klasifikasi | Uraian")[1]
    for i in manifest["item"]:
        hal = (f"hal. {i['halaman_awal']}-{i['halaman_akhir']}" if i["halaman"] > 1
               else f"hal. {i['halaman_awal']}")
        assert f"{i['nomor']} | {i['kode_klasifikasi']} | {i['judul']} / {i['uraian']}" in baris
        assert f"| {i['halaman']}\n{hal} | {i['keterangan']}" in baris
        if i["nomor_surat"]:
            assert f"Nomor {i['nomor_surat']}" in baris
    jumlah = sum(i["halaman"] for i in manifest["item"])
    total = manifest["berkas_gabungan"]["halaman"]
    assert f"Jumlah halaman naskah | {jumlah}" in teks
    assert f"seluruhnya {total} (" in teks and "Berkas ini memuat 10 (sepuluh) naskah" in teks
    assert "Painan, 27 Januari 2025" in teks and "DEWI ANGGRAINI, A.Md." in teks
    # first in the merged PDF too
    pertama = " ".join(gabungan.pages[0].extract_text().split())
    assert "DAFTAR ISI BERKAS" in pertama and "6 Januari 2025" in pertama


def test_daftar_arsip_xlsx(arsip, manifest):
    wb = load_workbook(io.BytesIO(arsip.read("daftar-arsip.xlsx")))
    ws = wb["Daftar Arsip"]
    nilai = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
    assert nilai[(1, 1)] == "DAFTAR ARSIP"
    label = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(4, 14)}
    assert label["Kode/Nomor Berkas"] == KODE and label["Unit Pengolah"].startswith("Subbagian Perencanaan")
    assert label["Jumlah Item"] == 10
    kepala = next(r for r in range(1, 30) if ws.cell(r, 1).value == "No")
    assert [ws.cell(kepala, c).value for c in range(1, 8)] == [
        "No", "Kode Klasifikasi", "Uraian", "Tanggal", "Jumlah Halaman", "Nomor Surat", "Keterangan"]
    for k, i in enumerate(manifest["item"], 1):
        r = kepala + k
        assert ws.cell(r, 1).value == k and ws.cell(r, 2).value == i["kode_klasifikasi"]
        assert ws.cell(r, 3).value == f"{i['judul']}: {i['uraian']}"
        assert ws.cell(r, 4).value.date().isoformat() == i["tanggal"]
        assert ws.cell(r, 4).number_format == "DD/MM/YYYY"
        assert ws.cell(r, 5).value == i["halaman"]
        assert ws.cell(r, 6).value == (i["nomor_surat"] or "-")
        assert ws.cell(r, 9).value == i["berkas_pdf"]
    assert ws.cell(kepala + 11, 5).value == sum(i["halaman"] for i in manifest["item"])
    assert ws.freeze_panes == f"A{kepala + 1}"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.print_title_rows == f"${kepala}:${kepala}"


# -- regeneration ------------------------------------------------------------------------------------------------


def test_regenerasi_dari_masukan_tersimpan_sama(arsip, manifest, konverter, tmp_path):
    """Bundling the stored masukan/siklus.json again gives the same .docx bytes and the same PDF text."""
    arsip.extractall(tmp_path / "a")
    lagi = susun_berkas(baca_siklus(tmp_path / "a" / "masukan" / "siklus.json"), templates_dir=TEMPLATES,
                        basis=tmp_path / "a" / "masukan", konverter=konverter,
                        waktu=dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC))
    m2 = lagi.manifest
    assert m2["dibuat"] == "2026-03-01T15:00:00+07:00"
    z2 = zipfile.ZipFile(io.BytesIO(lagi.zip))
    for a, b in zip([manifest["daftar_isi"], *manifest["item"]], [m2["daftar_isi"], *m2["item"]], strict=True):
        for kunci in ("nomor", "slug", "uraian", "nomor_surat", "tanggal", "halaman", "halaman_awal",
                      "sha256_docx", "sha256_masukan", "sha256_templat"):
            assert a[kunci] == b[kunci], (a["nomor"], kunci)
        assert teks_pdf(arsip.read(a["berkas_pdf"]), tmp_path) == teks_pdf(z2.read(b["berkas_pdf"]), tmp_path)
    assert teks_pdf(arsip.read(NAMA_PDF), tmp_path) == teks_pdf(z2.read(NAMA_PDF), tmp_path)


def test_docx_tetap_tidak_bergantung_waktu():
    from docgen.render import render

    data = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    a = render("nota-dinas", data, templates_dir=TEMPLATES, basis=SAMPLES).docx
    z = zipfile.ZipFile(io.BytesIO(a))
    geser = io.BytesIO()
    with zipfile.ZipFile(geser, "w") as keluar:  # the same parts written at another time
        for info in z.infolist():
            keluar.writestr(zipfile.ZipInfo(info.filename, date_time=(2030, 5, 6, 7, 8, 10)), z.read(info))
    tanggal = dt.date(2025, 1, 20)
    satu = bundle.docx_tetap(a, tanggal=tanggal, judul="Nota Dinas: uji")
    assert satu == bundle.docx_tetap(geser.getvalue(), tanggal=tanggal, judul="Nota Dinas: uji")
    inti = zipfile.ZipFile(io.BytesIO(satu)).read("docProps/core.xml").decode()
    assert "2025-01-20T00:00:00Z" in inti and "Nota Dinas: uji" in inti
    assert teks_docx(satu) == teks_docx(a)


# -- validation, order, cancel, progress -------------------------------------------------------------------------


def _siklus() -> dict:
    return baca_siklus(SIKLUS)


def test_kesalahan_menyebut_item_sekaligus():
    s = _siklus()
    notulen = json.loads((SAMPLES / "siklus" / "notulen-rapat.json").read_text(encoding="utf-8"))
    notulen["tanggal"] = "2025-02-30"
    s["item"][2] = {"jenis": "notulen-rapat", "langkah": 2, "data": notulen}
    s["item"][1]["jenis"] = "surat-cinta"
    s["item"][3]["data_berkas"] = "siklus/tidak-ada.json"
    s["item"][4].pop("langkah")
    s["item"][5]["data"] = {"tanggal": "2025-01-17"}
    s["penandatangan"]["nip"] = "123"
    with pytest.raises(InputTidakValid) as e:
        periksa_siklus(s, basis=SAMPLES)
    f = e.value.fields
    assert f["penandatangan.nip"] == "NIP harus 18 digit angka"
    assert f["item[2] (surat-cinta).jenis"].startswith("jenis dokumen 'surat-cinta' tidak dikenal; yang tersedia:")
    assert "item[6] (kertas-kerja-pengukuran)" in f and "data_berkas" in f["item[6] (kertas-kerja-pengukuran)"]
    # the cycle is valid as a whole only after that: fix it and the item data errors come next, all at once
    s["item"][1]["jenis"] = "undangan-rapat"
    s["item"][5].pop("data")
    s["penandatangan"]["nip"] = "199304152019032001"
    with pytest.raises(InputTidakValid) as e:
        periksa_siklus(s, basis=SAMPLES)
    f = e.value.fields
    assert f["item[3] (notulen-rapat).tanggal"] == "harus tanggal dengan format TTTT-BB-HH, mis. 2025-01-20"
    assert f["item[4] (rencana-kegiatan).data_berkas"].startswith("berkas tidak ditemukan:")
    assert f["item[5] (formulir-capaian).langkah"].startswith("wajib diisi bila urutan 'langkah'")
    assert "3 kolom perlu diperbaiki" in e.value.pesan


def test_jenis_daftar_isi_bukan_item_dan_logo_hilang():
    s = _siklus()
    s["item"][0]["jenis"] = "daftar-isi-berkas"
    s["instansi"]["logo"] = "logo/hilang.png"
    with pytest.raises(InputTidakValid) as e:
        periksa_siklus(s, basis=SAMPLES)
    assert "disusun otomatis" in e.value.fields["item[1] (daftar-isi-berkas).jenis"]
    s["item"][0]["jenis"] = "nota-dinas"
    with pytest.raises(InputTidakValid) as e:
        periksa_siklus(s, basis=SAMPLES)
    assert e.value.fields["instansi.logo"].startswith("berkas tidak ditemukan:")


def test_urutan_langkah_stabil_tanggal_dan_sesuai_berkas():
    s = _siklus()
    s["item"].reverse()
    items, peringatan = periksa_siklus(s, basis=SAMPLES)
    # same step: the order written (reversed here) is kept
    assert [i.slug for i in items] == ["nota-dinas", "notulen-rapat", "undangan-rapat", "rencana-kegiatan",
                                       "kertas-kerja-pengukuran", "formulir-capaian", *URUTAN[6:]]
    assert [i.nomor for i in items] == [f"{n:02d}" for n in range(1, 11)]
    assert len(peringatan) == 2  # notulen (8 Jan) before undangan (7 Jan), kertas kerja before formulir
    assert "item[9] (undangan-rapat): item 03 (Undangan Rapat) bertanggal 7 Januari 2025, lebih awal dari item 02" \
        in peringatan[0]
    s["urutan"] = "tanggal"
    assert [i.slug for i in periksa_siklus(s, basis=SAMPLES)[0]] == URUTAN
    s["urutan"] = "sesuai_berkas"
    assert [i.slug for i in periksa_siklus(s, basis=SAMPLES)[0]] == URUTAN[::-1]


def test_progres_menyebut_item_berurutan(hasil):
    _, pesan = hasil
    item = [p for _, p in pesan if p.startswith("Item ")]
    assert item[0] == "Item 1 dari 10: Nota Dinas" and item[2] == "Item 3 dari 10: Notulen Rapat"
    assert item == [f"Item {k} dari 10: {j}" for k, j in enumerate(
        ["Nota Dinas", "Undangan Rapat", "Notulen Rapat", "Rencana Kegiatan", "Formulir Pemantauan Capaian Kinerja",
         "Kertas Kerja Pengukuran Kinerja", "Rekapitulasi Hasil Pengukuran Kinerja",
         "Laporan Hasil Pengukuran Kinerja", "Lembar Disposisi", "Surat Pengantar"], 1)]
    persen = [p for p, _ in pesan]
    assert persen == sorted(persen) and persen[0] == 0 and persen[-1] == 100
    assert "Daftar Isi Berkas" in [p for _, p in pesan]


@pytest.mark.parametrize("cara", ["fungsi", "event"])
def test_batal_tanpa_berkas_tersisa(konverter, tmp_path, cara):
    keluaran = tmp_path / "keluar" / "berkas.zip"
    pesan: list[str] = []
    event = threading.Event()

    def lapor(persen: int, teks: str) -> None:
        pesan.append(teks)
        if teks.startswith("Item 2 "):
            event.set()

    dibatalkan = event if cara == "event" else event.is_set
    with pytest.raises(BerkasDibatalkan) as e:
        tulis_berkas(SIKLUS, keluaran, templates_dir=TEMPLATES, konverter=konverter, lapor=lapor,
                     dibatalkan=dibatalkan)
    assert "dibatalkan" in e.value.pesan and e.value.status == 409
    assert pesan[-1] == "Item 2 dari 10: Undangan Rapat"  # stopped before converting item 3
    assert not keluaran.exists()
    assert not keluaran.parent.exists() or list(keluaran.parent.iterdir()) == []


def test_simpan_atomik_menimpa_tanpa_sisa(hasil, tmp_path):
    h, _ = hasil
    keluaran = tmp_path / "berkas.zip"
    keluaran.write_bytes(b"lama")
    h.simpan(keluaran)
    assert keluaran.read_bytes() == h.zip and [p.name for p in tmp_path.iterdir()] == ["berkas.zip"]


# -- command line ------------------------------------------------------------------------------------------------


def _siklus_kecil(tmp_path) -> Path:
    s = _siklus()
    s["item"] = [dict(s["item"][0], data_berkas=str(SAMPLES / "siklus" / "nota-dinas.json")),
                 dict(s["item"][8], data_berkas=str(SAMPLES / "siklus" / "lembar-disposisi.json"))]
    s["instansi"] = dict(s["instansi"], logo=str(SAMPLES / "logo" / "pesisir-selatan.png"))
    s["kinerja"] = None
    f = tmp_path / "siklus.json"
    f.write_text(json.dumps(s, ensure_ascii=False), encoding="utf-8")
    return f


def test_cli_bundle(tmp_path):
    keluaran = tmp_path / "hasil" / "berkas.zip"
    r = CliRunner().invoke(cli, ["bundle", str(_siklus_kecil(tmp_path)), "-o", str(keluaran)])
    assert r.exit_code == 0, r.output
    assert f"Berkas: {keluaran} (2 item, " in r.stdout
    assert "Item 1 dari 2: Nota Dinas" in r.stderr and "Item 2 dari 2: Lembar Disposisi" in r.stderr
    z = zipfile.ZipFile(keluaran)
    assert z.namelist()[:6] == ["00-daftar-isi-berkas.docx", "00-daftar-isi-berkas.pdf", "01-nota-dinas.docx",
                                "01-nota-dinas.pdf", "02-lembar-disposisi.docx", "02-lembar-disposisi.pdf"]


def test_cli_bundle_masukan_salah(tmp_path):
    f = _siklus_kecil(tmp_path)
    s = json.loads(f.read_text(encoding="utf-8"))
    s["item"][1] = copy.deepcopy(s["item"][1])
    s["item"][1].pop("data_berkas")
    s["item"][1]["data"] = {"hal": "x"}
    f.write_text(json.dumps(s), encoding="utf-8")
    keluaran = tmp_path / "berkas.zip"
    r = CliRunner().invoke(cli, ["bundle", str(f), "-o", str(keluaran)])
    assert r.exit_code == 2, r.output
    assert "item[2] (lembar-disposisi).surat_dari: wajib diisi" in r.output
    assert "Traceback" not in r.output and not keluaran.exists()
    r = CliRunner().invoke(cli, ["bundle", str(tmp_path / "hilang.json"), "-o", str(keluaran)])
    assert r.exit_code == 2 and "Berkas tidak ditemukan" in r.output


def test_cli_bundle_tanpa_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr("docgen.convert.cari_soffice", lambda: None)
    keluaran = tmp_path / "berkas.zip"
    r = CliRunner().invoke(cli, ["bundle", str(_siklus_kecil(tmp_path)), "-o", str(keluaran)])
    assert r.exit_code == 3, r.output
    assert "LibreOffice tidak ditemukan" in r.output and not keluaran.exists()


def test_cap_huruf_tertanam_untuk_kode_unicode(konverter, tmp_path):
    """A berkas code outside Latin-1 prints as itself (the stamp's font is embedded), not as boxes."""
    siklus = baca_siklus(SIKLUS)
    siklus["berkas"]["kode"] = "SETWAN/ŞÉ—2025/Ω1"
    siklus["item"] = siklus["item"][:1]
    h = susun_berkas(siklus, templates_dir=TEMPLATES, basis=SAMPLES, konverter=konverter, waktu=WAKTU)
    teks = teks_pdf(h.pdf, tmp_path)
    assert "Berkas SETWAN/ŞÉ—2025/Ω1" in teks
    fonts = {str(f.get_object().get("/BaseFont")) for p in PdfReader(io.BytesIO(h.pdf)).pages
             for f in (p["/Resources"].get("/Font") or {}).values()}
    assert any("LiberationSans" in f for f in fonts), fonts


def test_berkas_gabungan_tata_letak_baik_dan_huruf_tertanam(hasil, manifest):
    """The merged PDF, stamps included, embeds every font (Helvetica used to sit unembedded in each stamp), and the
    layout checker, run on it while the berkas was made, found nothing: its warnings would be in the manifest."""
    from docgen import tata_letak

    h, _ = hasil
    assert tata_letak.huruf_tidak_tertanam(h.pdf) == {}
    assert [str(t) for t in tata_letak.periksa(h.pdf)] == []
    assert not [p for p in manifest["peringatan"] if p.startswith("Tata letak")]
    pecah = PdfReader(io.BytesIO(h.pdf))
    assert len(pecah.pages) == manifest["berkas_gabungan"]["halaman"]
