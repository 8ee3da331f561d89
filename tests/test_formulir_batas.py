"""The realisasi form and user text: every text written as text, formulas never computed on import, reading
bounded (rows, columns, time, outside links), and the error naming the first cells with a count of the rest."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest

from docgen import formulir_xlsx
from docgen.errors import InputTidakValid
from docgen.formulir_xlsx import baca_formulir, terapkan, tulis_formulir
from docgen.kinerja import DataKinerja
from tests.conftest import SAMPLES
from tests.test_formulir_xlsx import PENJ, REAL, UNIT, _baris, _buka, _galat, _isi, _simpan


@pytest.fixture
def data() -> DataKinerja:
    return DataKinerja.model_validate(json.loads((SAMPLES / "capaian.json").read_text(encoding="utf-8")))


RUMUS = ['=HYPERLINK("http://x","y")', "=1+1", "@SUM(A1)"]


def _ganti_bagian(isi: bytes, nama: str, ubah) -> bytes:
    """The workbook with part `nama` rewritten by ubah(bytes) -> bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            d = zin.read(item.filename)
            zout.writestr(item, ubah(d) if item.filename == nama else d)
    return buf.getvalue()


def test_teks_pengguna_ditulis_sebagai_teks_dan_diimpor_apa_adanya(data):
    ind = {i.kode: i for s in data.sasaran for i in s.indikator}
    for kode, teks in zip(("IKU 1", "IKU 2", "IKK 1"), RUMUS, strict=True):
        ind[kode].penjelasan = teks
    ind["IKU 2"].indikator = "=1+1"
    data.sasaran[0].sasaran = "@SUM(A1)"
    isi = tulis_formulir(data, UNIT, instansi_nama='=HYPERLINK("http://x","y")')
    ws = _buka(isi)["Formulir"]
    assert ws["A1"].value == '=HYPERLINK("HTTP://X","Y")' and ws["A1"].data_type == "s"  # the name in capitals
    for kode, teks in zip(("IKU 1", "IKU 2", "IKK 1"), RUMUS, strict=True):
        sel = ws[f"{PENJ}{_baris(ws, kode)}"]
        assert (sel.value, sel.data_type) == (teks, "s")
    b = _baris(ws, "IKU 2")
    assert (ws[f"D{b}"].value, ws[f"D{b}"].data_type, ws[f"C{b}"].value, ws[f"C{b}"].data_type) == (
        "=1+1", "s", "@SUM(A1)", "s")
    # read back, the penjelasan are the texts they are (a text cell is never a formula)
    h = baca_formulir(isi)
    assert [h.indikator[k].penjelasan for k in ("IKU 1", "IKU 2", "IKK 1")] == RUMUS
    # and written again from the imported data, still text
    ws = _buka(tulis_formulir(terapkan(data, h), UNIT))["Formulir"]
    assert ws[f"{PENJ}{_baris(ws, 'IKU 1')}"].data_type == "s"


def test_sel_berisi_rumus_ditolak_dengan_nama_sel(data):
    kosong = tulis_formulir(data, UNIT)
    ws = _buka(kosong)["Formulir"]
    b1, b2 = _baris(ws, "IKU 1"), _baris(ws, "IKU 2")
    isi = _isi(kosong, {("IKU 1", REAL["I"]): "=SUM(1,2)", ("IKU 2", PENJ): "=A1&\"x\""})
    # as Excel saves it: the formula with its computed value; the value is never used
    isi = _ganti_bagian(isi, "xl/worksheets/sheet1.xml",
                        lambda d: d.replace(b"<f>SUM(1,2)</f><v></v>", b"<f>SUM(1,2)</f><v>3</v>"))
    assert b"<v>3</v>" in zipfile.ZipFile(io.BytesIO(isi)).read("xl/worksheets/sheet1.xml")
    assert _galat(isi) == {
        f"Formulir!{REAL['I']}{b1} (Realisasi TW I, IKU 1)":
            "berisi rumus (=SUM(1,2)); formulir dibaca tanpa menghitung rumus, ketik angkanya langsung",
        f"Formulir!{PENJ}{b2} (Penjelasan/Bukti, IKU 2)":
            "berisi rumus (=A1&\"x\"); tulis penjelasannya sebagai teks (awali dengan ' bila teksnya memang "
            "diawali =)",
    }


def _banyak_baris(isi: bytes, dari: int, sampai: int, sel: str = "K") -> bytes:
    """The form with rows dari..sampai appended to the sheet XML, each holding one number in column `sel`."""
    baris = b"".join(b'<row r="%d"><c r="%s%d"><v>1</v></c></row>' % (r, sel.encode(), r)
                     for r in range(dari, sampai + 1))
    return _ganti_bagian(isi, "xl/worksheets/sheet1.xml", lambda d: d.replace(b"</sheetData>", baris + b"</sheetData>"))


def test_banyak_sel_salah_disebut_20_pertama_dan_jumlahnya(data):
    wb = _buka(tulis_formulir(data, UNIT))
    ws = wb["Formulir"]
    for b in range(ws.max_row + 1, ws.max_row + 401):  # 400 rows, each without Kode and with 4 bad realisasi
        for kol in REAL.values():
            ws[f"{kol}{b}"] = "salah"
    with pytest.raises(InputTidakValid) as info:
        baca_formulir(_simpan(wb))
    e = info.value
    assert e.pesan == "Formulir tidak dapat diimpor: 2.000 sel perlu diperbaiki"
    assert len(e.fields) == 21 and e.fields[""] == "... dan 1.980 galat lainnya"
    assert e.lines()[-1] == "... dan 1.980 galat lainnya"


def test_baris_berlebih_ditolak_cepat(data):
    isi = tulis_formulir(data, UNIT)
    fields = _galat(_banyak_baris(isi, 4990, 5001))
    assert fields == {"Formulir": "sheet Formulir berisi lebih dari 5.000 baris (baris 5.001 terisi); formulir "
                                  "realisasi tidak sepanjang itu"}
    besar = _banyak_baris(isi, 100, 100_099)  # 100 000 rows, 3 elements each
    assert len(besar) < 2 * 1024 * 1024
    mulai = time.monotonic()
    fields = _galat(besar)
    print(f"100 000 baris ditolak dalam {time.monotonic() - mulai:.2f} detik: {fields}")
    assert "lebih dari 5.000 baris" in fields["Formulir"]
    # rows below the limit that are empty, and columns right of column 50, are not read
    jauh = _banyak_baris(isi, 200, 200, sel="BA")  # column 53
    assert baca_formulir(jauh) == baca_formulir(isi)


def test_hyperlink_penjelasan_boleh_tautan_luar_lain_ditolak(data):
    wb = _buka(tulis_formulir(data, UNIT))
    ws = wb["Formulir"]
    sel = ws[f"{PENJ}{_baris(ws, 'IKU 1')}"]
    sel.value = "https://drive.example.go.id/bukti"
    sel.hyperlink = "https://drive.example.go.id/bukti"  # Excel makes a typed address a link like this
    isi = _simpan(wb)
    assert baca_formulir(isi).indikator["IKU 1"].penjelasan == "https://drive.example.go.id/bukti"
    rels = "xl/worksheets/_rels/sheet1.xml.rels"
    for target in (b"file:///etc/passwd", b"\\\\server\\share\\x"):
        salah = _ganti_bagian(isi, rels, lambda d, t=target: d.replace(b"https://drive.example.go.id/bukti", t))
        assert "menunjuk ke luar berkas" in _galat(salah)["berkas"]
    luar = _ganti_bagian(isi, "xl/_rels/workbook.xml.rels", lambda d: d.replace(b"</Relationships>", (
        b"<Relationship Id='rIdX' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        b"externalLink' Target = 'externalLinks/externalLink1.xml'/></Relationships>")))
    buf = io.BytesIO(luar)
    with zipfile.ZipFile(buf, "a") as z:
        z.writestr("xl/externalLinks/externalLink1.xml",
                   '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   '<ddeLink ddeService="cmd" ddeTopic="/c calc"/></externalLink>')
    assert _galat(buf.getvalue()) == {"berkas": "bagian xl/externalLinks/externalLink1.xml: memuat tautan DDE ke "
                                                "program lain (<ddeLink>); hapus tautannya lalu simpan ulang"}


def test_pembacaan_dibatasi_waktu(data, monkeypatch):
    isi = _banyak_baris(tulis_formulir(data, UNIT), 100, 400)
    monkeypatch.setattr(formulir_xlsx, "MAKS_DETIK", 0.0)
    assert _galat(isi) == {"Formulir": "membaca sheet Formulir lebih dari 0 detik (sampai baris 256); ini bukan "
                                       "formulir realisasi biasa"}
