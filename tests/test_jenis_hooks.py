"""What a paper is (subject, date, printed number, classification code, addressee) comes from its document type's
hooks: concrete answers for every sample, the berkas asking the same hooks, and the registry free of import cycles."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import subprocess
import sys

import pytest

from docgen import documents
from docgen.bundle import baca_siklus, periksa_siklus
from docgen.documents import nota_dinas
from docgen.documents.common import Nomor
from docgen.documents.jenis import JenisDokumen, Ringkasan, nomor_cetak, perihal_umum, tujuan_umum
from docgen.validation import validasi
from tests.conftest import ROOT, SAMPLES

UNDANGAN = ("Kepala Bagian Umum dan Keuangan; Kepala Bagian Persidangan dan Perundang-undangan; Kepala Bagian "
            "Fasilitasi Penganggaran dan Pengawasan; Kepala Bagian Keuangan dan Bina Program; Kepala Subbagian "
            "Perencanaan dan Pelaporan; Sekretaris Tim SAKIP; Anggota Tim SAKIP Sekretariat DPRD")
SEKRETARIS = "Sekretaris Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"

# slug: (perihal, tanggal, nomor, kode_klasifikasi, tujuan) of samples/<slug>.json
HARAPAN = {
    "keputusan-sop": (
        "Standar Operasional Prosedur (SOP) Pemantauan Capaian Kinerja Badan Kepegawaian dan Pengembangan Sumber "
        "Daya Manusia Kabupaten Pesisir Selatan", dt.date(2023, 2, 13), "800/ /Kpts/BKPSDM-PS/2023", "", ""),
    "nota-dinas": ("Pelaksanaan Pemantauan Capaian Kinerja Triwulan IV Tahun 2024", dt.date(2025, 1, 20),
                   "000.1.5/27/BKPSDM-PS/I/2025", "000.1.5", SEKRETARIS),
    "surat-permintaan-data": ("Permintaan Laporan Data Kinerja dan Kegiatan Tahun 2024", dt.date(2025, 1, 6),
                              "000.9.2/14/BKPSDM-SPEP/2025", "000.9.2",
                              "Kepala Bagian dan Kepala Bidang di lingkungan BKPSDM Kota Tanjungpinang"),
    "undangan-rapat": ("Undangan Rapat Pembahasan Pengukuran Kinerja", dt.date(2025, 1, 13), "005/13a/Set.DPRD/2025",
                       "", UNDANGAN),
    "notulen-rapat": ("Rapat Arahan Pemantauan Capaian Kinerja Triwulan IV Tahun 2024", dt.date(2025, 1, 21), "",
                      "", ""),
    "rencana-kegiatan": ("Rencana Kegiatan Pemantauan Capaian Kinerja Triwulan IV Tahun 2024", dt.date(2025, 1, 22),
                         "", "", ""),
    "checklist-dokumen": ("Dokumen Pemantauan Capaian Kinerja (Triwulan IV Tahun 2024)", dt.date(2025, 1, 22), "",
                          "", ""),
    "lembar-disposisi": (
        "Draf Laporan Hasil Pengukuran Kinerja Sekretariat DPRD Tahun 2024 (surat Kepala Bagian Keuangan dan Bina "
        "Program Nomor 067/21/Set.DPRD/2025)", dt.date(2025, 1, 28), "", "",
        "Kepala Bagian Keuangan dan Bina Program; Tim SAKIP"),
    "surat-pengantar": (
        "Penyampaian Dokumen Pengukuran Kinerja Sekretariat DPRD Kabupaten Pesisir Selatan Tahun 2024 dan 1 naskah "
        "lain", dt.date(2025, 2, 3), "000.9.2/19/Set.DPRD/2025", "",
        "Kepala Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah Kabupaten Pesisir Selatan"),
    "daftar-isi-berkas": ("Pengukuran Kinerja Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Triwulan IV "
                          "Tahun 2024", dt.date(2025, 1, 27), "", "", ""),
    "formulir-capaian": ("Triwulan IV Tahun 2024, Bidang Pengembangan Kompetensi", dt.date(2025, 1, 10), "", "", ""),
    "kertas-kerja-pengukuran": ("Periode Tahun 2024", dt.date(2025, 1, 17), "", "", ""),
    "rekapitulasi-capaian": ("Periode Tahun 2024", dt.date(2025, 1, 21), "", "", ""),
    "laporan-hasil-pengukuran": ("Periode Tahun 2024", dt.date(2025, 1, 23), "000.8.3.3/41/Tim SAKIP-BKPSDM/I/2025",
                                 "000.8.3.3", SEKRETARIS),
    "lkjip": ("Periode Tahun 2024", dt.date(2025, 2, 14), "", "", ""),
    "perjanjian-kinerja": ("Perjanjian Kinerja Tahun 2024", dt.date(2024, 1, 31), "", "", ""),
}


def _model(slug: str, data: dict):
    return validasi(documents.dapatkan(slug).model, data)


def test_setiap_jenis_punya_harapan():
    assert sorted(HARAPAN) == sorted(j.slug for j in documents.semua())


@pytest.mark.parametrize("slug", list(HARAPAN))
def test_kait_menjawab_untuk_setiap_contoh(slug, contoh):
    jenis = documents.dapatkan(slug)
    m = _model(slug, contoh(slug))
    perihal, tanggal, nomor, kode, tujuan = HARAPAN[slug]
    assert jenis.perihal(m) == perihal
    assert jenis.tanggal(m) == tanggal
    assert jenis.nomor(m) == nomor
    assert jenis.kode_klasifikasi(m) == kode
    assert jenis.tujuan(m) == tujuan
    assert jenis.ringkasan(m) == Ringkasan(perihal=perihal, tanggal=tanggal, nomor=nomor, kode_klasifikasi=kode,
                                           tujuan=tujuan)


def test_kait_mengikuti_isian(contoh):
    """The hooks read the model, not a copy: change a field and the answer follows."""
    lhp = contoh("laporan-hasil-pengukuran")
    lhp["hal"] = "Laporan Hasil Pengukuran Kinerja Triwulan IV"
    lhp["kinerja"]["triwulan"] = 2
    jenis = documents.dapatkan("laporan-hasil-pengukuran")
    assert jenis.perihal(_model("laporan-hasil-pengukuran", lhp)) == "Laporan Hasil Pengukuran Kinerja Triwulan IV"
    lhp["hal"] = ""
    assert jenis.perihal(_model("laporan-hasil-pengukuran", lhp)) == "Periode s.d. Triwulan II Tahun 2024"

    sp = contoh("surat-pengantar")
    sp["naskah"] = sp["naskah"][:1]
    assert documents.dapatkan("surat-pengantar").perihal(_model("surat-pengantar", sp)) == (
        "Penyampaian Dokumen Pengukuran Kinerja Sekretariat DPRD Kabupaten Pesisir Selatan Tahun 2024")

    fc = contoh("formulir-capaian")
    fc["unit_kerja"], fc["tanggal"] = "", None
    m = _model("formulir-capaian", fc)
    jenis = documents.dapatkan("formulir-capaian")
    assert (jenis.perihal(m), jenis.tanggal(m)) == ("Triwulan IV Tahun 2024, Seluruh Unit Kerja", None)

    nd = contoh("nota-dinas")
    nd["tanggal"] = "2025-03-04"
    assert documents.dapatkan("nota-dinas").nomor(_model("nota-dinas", nd)) == "000.1.5/27/BKPSDM-PS/III/2025"


def test_nomor_teks_pola_dan_tanpa_tanggal():
    pola = Nomor(pola="{kode_klasifikasi}/{urut}/{kode_unit}/{bulan}/{tahun}", kode_klasifikasi="000.1.5", urut=3,
                 kode_unit="BKPSDM-PS")
    assert nomor_cetak(pola, dt.date(2025, 1, 6)) == "000.1.5/3/BKPSDM-PS/I/2025"
    assert nomor_cetak(pola, None) == ""  # never today's date on a paper that has none
    assert nomor_cetak(Nomor(teks="067/13a/Set.DPRD/2025", pola="{urut}"), None) == "067/13a/Set.DPRD/2025"
    assert nomor_cetak(Nomor(), dt.date(2025, 1, 6)) == ""
    assert nomor_cetak(None, dt.date(2025, 1, 6)) == "" and nomor_cetak("005/1/2025", None) == ""


def test_bawaan_dari_medan_umum():
    @dataclasses.dataclass
    class Kertas:
        judul: str = ""
        acara: str = ""
        kepada: object = None

    assert perihal_umum(Kertas(acara="Rapat koordinasi")) == "Rapat koordinasi"
    assert perihal_umum(Kertas(judul="Judul", acara="Acara")) == "Judul" and perihal_umum(Kertas()) == ""
    assert tujuan_umum(Kertas(kepada="Sekretaris")) == "Sekretaris"
    assert tujuan_umum(Kertas(kepada=["Sekretaris", "Kepala Bidang"])) == "Sekretaris; Kepala Bidang"
    assert tujuan_umum(Kertas()) == ""


def test_ringkasan_menolak_model_jenis_lain(contoh):
    m = _model("nota-dinas", contoh("nota-dinas"))
    with pytest.raises(TypeError, match="notulen-rapat: ringkasan memerlukan NotulenRapat, bukan NotaDinas"):
        documents.dapatkan("notulen-rapat").ringkasan(m)


def test_berkas_memakai_kait_jenis(monkeypatch):
    """The Daftar Isi Berkas uraian, letter number and date of every item are the type's hook answers."""
    siklus = baca_siklus(SAMPLES / "siklus.json")
    items, _ = periksa_siklus(siklus, basis=SAMPLES)
    for it in items:
        jenis = documents.dapatkan(it.slug)
        m = validasi(jenis.model, it.data)
        assert (it.uraian, it.nomor_surat, it.tanggal) == (jenis.perihal(m), jenis.nomor(m), jenis.tanggal(m))
    assert [it.uraian for it in items[:3]] == [
        "Pelaksanaan Pengukuran Kinerja Triwulan IV Tahun 2024",
        "Undangan Rapat Arahan Pengukuran Kinerja Triwulan IV Tahun 2024",
        "Rapat Arahan Pengukuran Kinerja Triwulan IV Tahun 2024"]
    assert items[8].uraian == ("Laporan Hasil Pengukuran Kinerja Tahun 2024 (surat Ketua Tim SAKIP Nomor "
                               "000.8.3.3/12/Tim SAKIP-BKPSDM/I/2025)")
    # a type whose hook answers otherwise: the berkas follows it
    ganti = dataclasses.replace(nota_dinas.JENIS, perihal=lambda m: f"Perintah: {m.hal}", nomor=lambda m: "ND/1")
    monkeypatch.setattr(nota_dinas, "JENIS", ganti)
    pertama = periksa_siklus(siklus, basis=SAMPLES)[0][0]
    assert (pertama.uraian, pertama.nomor_surat) == ("Perintah: Pelaksanaan Pengukuran Kinerja Triwulan IV Tahun 2024",
                                                     "ND/1")
    # an uraian written in the cycle file still wins
    siklus["item"][0]["uraian"] = "Nota Dinas perintah pengukuran"
    assert periksa_siklus(siklus, basis=SAMPLES)[0][0].uraian == "Nota Dinas perintah pengukuran"


def test_jenis_dokumen_dari_modul_jenis():
    assert documents.JenisDokumen is JenisDokumen and documents.Ringkasan is Ringkasan
    assert all(type(j) is JenisDokumen for j in documents.semua())


# -- imports -----------------------------------------------------------------------------------------------------


def _modul_docgen(nama: str):
    path = ROOT.joinpath(*nama.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _impor(nama: str) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in a docgen module, function-level ones included."""
    pohon = ast.parse(_modul_docgen(nama).read_text(encoding="utf-8"))
    hasil = []
    for node in ast.walk(pohon):
        if isinstance(node, ast.Import):
            hasil += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            hasil.append((node.module, [a.name for a in node.names]))
    return hasil


def test_modul_jenis_tidak_mengimpor_paket_documents():
    """No module the registry imports (its type modules and everything they import) imports the package itself."""
    from docgen.documents import _MODUL

    antre = ["docgen.documents.jenis", *(f"docgen.documents.{m}" for m in _MODUL)]
    dilihat: set[str] = set()
    pelanggar = []
    while antre:
        nama = antre.pop()
        if nama in dilihat:
            continue
        dilihat.add(nama)
        for modul, nama_nama in _impor(nama):
            if not modul.startswith("docgen"):
                continue
            sub = [f"{modul}.{n}" for n in nama_nama if _modul_docgen(f"{modul}.{n}").exists()]
            paket = modul == "docgen.documents" and (not nama_nama or len(sub) < len(nama_nama))
            if paket or "docgen.documents" in sub:
                pelanggar.append(nama)
            antre += sub if sub else [modul]
    assert "docgen.documents.lkjip" in dilihat and "docgen.kinerja" in dilihat
    assert pelanggar == []


def test_registri_memuat_modul_saat_diminta():
    """Importing the registry, or asking for a letter type, loads no chart library (matplotlib)."""
    kode = ("import sys; from docgen import documents; documents.dapatkan('nota-dinas'); "
            "print(sorted(m for m in sys.modules if m.startswith('docgen.documents.')), 'matplotlib' in sys.modules);"
            "documents.dapatkan('lkjip'); print('matplotlib' in sys.modules)")
    keluar = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True, cwd=ROOT)
    baris = keluar.stdout.splitlines()
    assert baris == ["['docgen.documents.bagian', 'docgen.documents.common', 'docgen.documents.jenis', "
                     "'docgen.documents.nota_dinas'] False", "True"]
