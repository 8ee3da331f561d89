"""The docgen command: listing, schema, render, and bad input answered in Indonesian with exit 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from docgen import documents
from docgen.cli import cli
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES


@pytest.fixture
def runner():
    return CliRunner()


def _tulis(tmp_path, data, nama="masukan.json"):
    f = tmp_path / nama
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "logo").mkdir(exist_ok=True)
    for p in (SAMPLES / "logo").iterdir():
        (tmp_path / "logo" / p.name).write_bytes(p.read_bytes())
    return f


def test_jenis_json(runner):
    r = runner.invoke(cli, ["jenis", "--json"])
    assert r.exit_code == 0
    daftar = json.loads(r.output)
    assert [d["slug"] for d in daftar][:2] == ["keputusan-sop", "nota-dinas"]
    assert all(d["judul"] for d in daftar) and len(daftar) == len(documents.semua())


def test_schema(runner):
    r = runner.invoke(cli, ["schema", "nota-dinas"])
    s = json.loads(r.output)
    assert s["properties"]["penandatangan"]["$ref"].endswith("Pejabat")
    assert "isi" in s["required"]


def test_schema_jenis_tidak_dikenal(runner):
    r = runner.invoke(cli, ["schema", "surat-cinta"])
    assert r.exit_code == 2
    assert "Jenis dokumen 'surat-cinta' tidak dikenal" in r.output
    assert "Traceback" not in r.output


def test_render_docx_dan_pdf(runner, tmp_path, contoh):
    f = _tulis(tmp_path, contoh("nota-dinas"))
    r = runner.invoke(cli, ["render", "nota-dinas", str(f), "-o", str(tmp_path / "a.docx"), "--pdf",
                            str(tmp_path / "a.pdf")])
    assert r.exit_code == 0, r.output
    assert "NOTA DINAS" in teks_docx((tmp_path / "a.docx").read_bytes())
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "ubah,baris",
    [
        (lambda d: d["penandatangan"].update(nip="1970"), "penandatangan.nip: NIP harus 18 digit angka"),
        (lambda d: d.update(tanggal="20-01-2025"),
         "tanggal: harus tanggal dengan format TTTT-BB-HH, mis. 2025-01-20"),
        (lambda d: d.update(tanggal="2025-02-30"), "tanggal: harus tanggal dengan format TTTT-BB-HH"),
        (lambda d: d.pop("hal"), "hal: wajib diisi"),
        (lambda d: d.update(hal="   "), "hal: tidak boleh kosong"),
        (lambda d: d.update(sifat="Kilat"), "sifat: harus salah satu dari: Biasa, Segera, Sangat Segera, Rahasia"),
        (lambda d: d.update(perihal="x"), "perihal: kolom tidak dikenal"),
        (lambda d: d["penandatangan"].update(golongan="V/z"),
         "penandatangan.golongan: golongan 'V/z' tidak dikenal"),
        (lambda d: d["penandatangan"].update(pangkat="Penata"),
         "penandatangan: pangkat 'Penata' tidak sesuai golongan IV/c (seharusnya Pembina Utama Muda)"),
        (lambda d: d["penandatangan"].update(kedudukan="a.n."), "penandatangan: kedudukan a.n. memerlukan"),
        (lambda d: d["instansi"].update(zona_waktu="GMT"),
         "instansi.zona_waktu: harus salah satu dari: WIB, WITA, WIT"),
        (lambda d: d["nomor"].update(pola="{kode}/{nomer}"), "nomor.pola: pola nomor memakai medan yang tidak dikenal"),
        (lambda d: d["nomor"].update(urut=0), "nomor.urut: paling kecil 1"),
        (lambda d: d["instansi"].update(logo="logo/tidak-ada.png"), "instansi.logo: berkas tidak ditemukan"),
        (lambda d: d.update(tembusan="Arsip"), "tembusan: harus berupa daftar"),
    ],
)
def test_masukan_salah_satu_baris_per_kolom(runner, tmp_path, contoh, ubah, baris):
    data = contoh("nota-dinas")
    ubah(data)
    f = _tulis(tmp_path, data)
    keluaran = tmp_path / "a.docx"
    r = runner.invoke(cli, ["render", "nota-dinas", str(f), "-o", str(keluaran)])
    assert r.exit_code == 2, r.output
    assert baris in r.output
    assert "Traceback" not in r.output
    assert not keluaran.exists()


def test_beberapa_kesalahan_dilaporkan_sekaligus(runner, tmp_path, contoh):
    data = contoh("nota-dinas")
    data["penandatangan"]["nip"] = "abc"
    data.pop("kepada")
    data["instansi"].pop("nama")
    r = runner.invoke(cli, ["render", "nota-dinas", str(_tulis(tmp_path, data)), "-o", str(tmp_path / "a.docx")])
    assert r.exit_code == 2
    for baris in ("penandatangan.nip: NIP harus 18 digit angka", "kepada: wajib diisi", "instansi.nama: wajib diisi"):
        assert baris in r.output
    assert "3 kolom perlu diperbaiki" in r.output


def test_json_rusak_dan_berkas_tidak_ada(runner, tmp_path):
    f = tmp_path / "rusak.json"
    f.write_text('{"hal": "x",', encoding="utf-8")
    r = runner.invoke(cli, ["render", "nota-dinas", str(f), "-o", str(tmp_path / "a.docx")])
    assert r.exit_code == 2 and "bukan JSON yang sah: periksa baris 1" in r.output
    r = runner.invoke(cli, ["render", "nota-dinas", str(tmp_path / "hilang.json"), "-o", str(tmp_path / "a.docx")])
    assert r.exit_code == 2 and "Berkas masukan tidak ditemukan" in r.output
    f.write_text("[1, 2]", encoding="utf-8")
    r = runner.invoke(cli, ["render", "nota-dinas", str(f), "-o", str(tmp_path / "a.docx")])
    assert r.exit_code == 2 and "harus berupa objek JSON" in r.output


def test_langkah_sop_salah(runner, tmp_path, contoh):
    data = contoh("keputusan-sop")
    data["sop"]["langkah"][2]["waktu"] = "sebentar"
    data["sop"]["langkah"][3]["pelaksana"] = ["Bupati"]
    r = runner.invoke(cli, ["render", "keputusan-sop", str(_tulis(tmp_path, data)), "-o", str(tmp_path / "a.docx")])
    assert r.exit_code == 2
    assert "sop.langkah.2.waktu: waktu 'sebentar' tidak dapat dibaca" in r.output


def test_pelaksana_langkah_tidak_dikenal(runner, tmp_path, contoh):
    data = contoh("keputusan-sop")
    data["sop"]["langkah"][3]["pelaksana"] = ["Bupati"]
    r = runner.invoke(cli, ["render", "keputusan-sop", str(_tulis(tmp_path, data)), "-o", str(tmp_path / "a.docx")])
    assert r.exit_code == 2
    assert "sop.langkah: langkah ke-4: pelaksana 'Bupati' tidak ada dalam daftar pelaksana" in r.output


def test_peringatan_total_waktu_seed_004(runner, tmp_path):
    masukan = SAMPLES / "lain" / "keputusan-sop-tanjungpinang.json"
    r = runner.invoke(cli, ["render", "keputusan-sop", str(masukan), "-o", str(tmp_path / "k.docx")])
    assert r.exit_code == 0
    assert "Peringatan: sop.total_waktu: total yang dinyatakan (8 hari 2 jam 5 menit)" in r.output


def test_contoh_tanpa_pdf(runner, tmp_path):
    r = runner.invoke(cli, ["contoh", "-o", str(tmp_path), "--tanpa-pdf"])
    assert r.exit_code == 0, r.output
    assert len(list(tmp_path.glob("*.docx"))) == len(documents.semua())
