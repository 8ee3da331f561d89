"""Index page numbers are read from the PDF's own index lines: text, leader dots and the page label."""

from __future__ import annotations

import io

from docx import Document

from docgen.docx_halaman import isi_halaman, nomor_halaman


def test_nomor_dari_baris_daftar_termasuk_yang_terlipat():
    baris = ["DAFTAR ISI", "Halaman", "KATA PENGANTAR ........ i", "BAB I PENDAHULUAN ........ 1",
             "Tabel 3.8 Capaian Keluaran dan Serapan Anggaran", "per Kegiatan Sasaran 1 ........ 12",
             "BAB I PENDAHULUAN", "A. Latar Belakang"]
    entri = ["KATA PENGANTAR", "BAB I PENDAHULUAN",
             "Tabel 3.8 Capaian Keluaran dan Serapan Anggaran per Kegiatan Sasaran 1"]
    assert nomor_halaman(entri, baris) == ["i", "1", "12"]


def test_judul_di_badan_tanpa_titik_pemandu_tidak_dipakai():
    """A heading in the body (no leader dots) is no index line: its number stays unknown rather than guessed."""
    assert nomor_halaman(["A. Latar Belakang"], ["A. Latar Belakang", "1"]) == [None]


def test_entri_yang_hilang_tidak_menggeser_berikutnya():
    baris = ["KATA PENGANTAR ..... i", "DAFTAR ISI ..... iii"]
    assert nomor_halaman(["KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR ISI"], baris) == ["i", None, "iii"]


def test_dokumen_tanpa_daftar_tidak_diubah():
    doc = Document()
    doc.add_paragraph("Nota dinas tanpa daftar isi")
    keluar = io.BytesIO()
    doc.save(keluar)
    assert isi_halaman(keluar.getvalue(), b"%PDF-1.4 tidak dibaca") == keluar.getvalue()
