"""Where lines must not break (docgen.spasi_tetap) and the kop's even line breaks (docgen.ukur_teks.seimbang)."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen import ukur_teks
from docgen.render import render
from docgen.spasi_tetap import PENYAMBUNG, SPASI, lekatkan
from tests.conftest import SAMPLES, TEMPLATES

S, J = SPASI, PENYAMBUNG


@pytest.mark.parametrize("teks,harap", [
    ("Painan, 21 Januari 2025", f"Painan, 21{S}Januari{S}2025"),
    ("paling lambat Jumat, 17 Januari 2025 dalam", f"paling lambat Jumat, 17{S}Januari{S}2025 dalam"),
    ("bulan Desember 2024.", f"bulan Desember{S}2024."),
    ("Triwulan I s.d. IV", f"Triwulan{S}I{S}s.d. IV"),
    ("09.00 s.d. 11.30 WIB", f"09.00{S}s.d. 11.30{S}WIB"),
    ("29 Januari s.d. 3 Februari 2025", f"29 Januari{S}s.d. 3{S}Februari{S}2025"),
    ("NIP. 19780822 200312 2 006", f"NIP.{S}19780822{S}200312{S}2{S}006"),
    ("sebesar Rp 1.250.000,00", f"sebesar Rp{S}1.250.000,00"),
    ("Renstra 2021–2026", f"Renstra 2021–{J}2026"),
    ("Renstra 2021 - 2026", f"Renstra 2021{S}-{J}{S}2026"),
    ("2 hari 5 jam 10 menit", f"2{S}hari 5{S}jam 10{S}menit"),
    ("YULIA RAHMAWATI, S.E., M.M.", f"YULIA RAHMAWATI,{S}S.E.,{S}M.M."),
    ("Drs. HENDRA SAPUTRA, M.Si.", f"Drs.{S}HENDRA SAPUTRA,{S}M.Si."),
    ("Sumatera Barat Kode Pos 25651", f"Sumatera Barat Kode{S}Pos{S}25651"),
    ("Telepon (0756) 22245, Laman bkpsdm.go.id, Pos-el a@b.go.id",
     f"Telepon{S}(0756){S}22245, Laman{S}bkpsdm.go.id, Pos-{J}el{S}a@b.go.id"),
    ("LKjIP Tahun 2024 Triwulan IV", f"LKjIP Tahun{S}2024 Triwulan{S}IV"),
    ("Rapat dimulai tepat waktu.", "Rapat dimulai tepat waktu."),
])
def test_satuan_yang_tidak_boleh_terpisah(teks, harap):
    assert lekatkan(teks) == harap


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,:-–()/aAsdNIPRpJanuriWIBhjmnt\n")), max_size=80))
def test_hanya_spasi_dan_penyambung_yang_berubah(teks):
    """Whatever the text, lekatkan only turns spaces into no-break spaces and adds word joiners after dashes: the
    text reads the same, nothing the user typed is lost, and applying it twice changes nothing more."""
    hasil = lekatkan(teks)
    assert hasil.replace(S, " ").replace(J, "") == teks
    assert lekatkan(hasil) == hasil


def _xml(slug: str, data: dict | None = None) -> str:
    import json

    masukan = data or json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8"))
    doc = Document(io.BytesIO(render(slug, masukan, templates_dir=TEMPLATES, basis=SAMPLES).docx))
    return "".join(t.text or "" for t in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))


def test_dokumen_contoh_memakai_spasi_tetap():
    teks = _xml("surat-permintaan-data")
    assert f"Jumat, 17{S}Januari{S}2025" in teks
    assert f"Tanjungpinang, 6{S}Januari{S}2025" in teks
    assert re.search(rf"NIP\.{S}\d{{8}}{S}\d{{6}}{S}\d{S}\d{{3}}", teks)
    assert f"Pos-{J}el{S}bkpsdm@tanjungpinangkota.go.id" in teks  # the kop never ends a line with "Pos-el"
    assert f"Laman{S}bkpsdm.tanjungpinangkota.go.id" in teks


def test_kop_dipatah_seimbang():
    """"SEKRETARIAT DEWAN PERWAKILAN RAKYAT / DAERAH" left one word alone; the kop's name now breaks evenly."""
    nama = "SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH"
    assert ukur_teks.bungkus(nama, 136.6, 16, True)[-1] == "DAERAH"
    assert ukur_teks.seimbang(nama, 136.6, 16, True) == "SEKRETARIAT DEWAN\nPERWAKILAN RAKYAT DAERAH"
    assert ukur_teks.seimbang("DINAS PENDIDIKAN", 136.6, 16, True) == "DINAS PENDIDIKAN"
    teks = _xml("undangan-rapat")
    assert "SEKRETARIAT DEWANPERWAKILAN RAKYAT DAERAH" in teks.replace("\n", "")  # a line break, not a space


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["BADAN", "DINAS", "PERENCANAAN", "PEMBANGUNAN", "DAERAH", "SUMBER", "DAYA",
                                 "MANUSIA", "KEPEGAWAIAN", "DAN", "PENGEMBANGAN", "SEKRETARIAT", "DPRD"]),
                min_size=1, max_size=12))
def test_seimbang_sama_kata_sama_jumlah_baris_tidak_lebih_lebar(kata):
    teks = " ".join(kata)
    hasil = ukur_teks.seimbang(teks, 136.6, 16, True)
    baris = hasil.split("\n")
    assert hasil.split() == kata
    biasa = ukur_teks.bungkus(teks, 136.6, 16, True)
    assert len(baris) == len(biasa)
    assert max(ukur_teks.lebar_mm(b, 16, True) for b in baris) <= max(ukur_teks.lebar_mm(b, 16, True)
                                                                        for b in biasa) + 0.01
