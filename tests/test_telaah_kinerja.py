"""The evaluator's questions as warnings: partial and missing measurements, unchallenging targets, percentages
summed across quarters, missing baseline or Renstra target; shown with the LKjIP and the measurement papers."""

from __future__ import annotations

import copy
import json

from docgen import documents, telaah_kinerja
from docgen.kinerja import DataKinerja
from docgen.render import render
from docgen.validation import validasi
from tests.conftest import SAMPLES, TEMPLATES


def _data(**ubah_indikator) -> DataKinerja:
    d = copy.deepcopy(json.loads((SAMPLES / "lkjip.json").read_text(encoding="utf-8"))["kinerja"])
    ind = d["sasaran"][0]["indikator"][0]  # IKU 1: indeks, naik, aturan terakhir, complete, with history
    ind.update(ubah_indikator)
    d["sasaran"] = [{**d["sasaran"][0], "indikator": [ind]}]
    return validasi(DataKinerja, d)


def _pesan(data: DataKinerja, **kw) -> list[str]:
    return [c.pesan for c in telaah_kinerja.telaah(data, **kw)]


def test_indikator_lengkap_tanpa_catatan():
    assert _pesan(_data()) == []


def test_terukur_sebagian_dan_belum_terukur():
    assert _pesan(_data(realisasi_triwulan=[69.5, 70.2, 72.4, None])) == [
        "IKU 1 baru terukur s.d. Triwulan III (data TW IV belum ada): realisasi dan capaiannya belum mencerminkan "
        "setahun penuh."]
    assert _pesan(_data(realisasi_triwulan=[None, None, None, None])) == [
        "IKU 1 belum terukur: belum ada realisasi triwulan; indikator ini tidak ikut dalam rata-rata capaian."]
    assert _pesan(_data(realisasi_triwulan=[69.5, None, 72.4, 74.6])) == [
        "IKU 1: data TW II belum ada; realisasinya dihitung dari triwulan yang sudah dilaporkan saja."]


def test_target_tidak_menantang_dan_rencana_tidak_lengkap():
    assert _pesan(_data(target=69.9)) == [
        "IKU 1: target 2024 (69,9) tidak lebih tinggi dari realisasi 2023 (69,9); evaluator menilai target yang tidak "
        "menantang."]
    assert _pesan(_data(target=69.9), perencanaan=False) == []  # quarterly papers: only the measurement
    turun = _data(polaritas="turun", target=8, realisasi_tahun_lalu={"2023": 7.5})
    assert "tidak lebih rendah dari realisasi 2023 (7,5)" in _pesan(turun)[0]
    assert _pesan(_data(baseline=None, target_akhir_renstra=None)) == [
        "IKU 1: baseline dan target akhir Renstra belum diisi; analisis kemajuan terhadap Renstra tidak dapat "
        "disajikan."]


def test_persen_dijumlahkan():
    (p,) = _pesan(_data(satuan="%", aturan_triwulan="kumulatif", target=80, realisasi_triwulan=[15, 22, 25, 20],
                        realisasi_tahun_lalu={}))
    assert p.startswith("IKU 1: satuan persen dijumlahkan antar-triwulan (kumulatif)")


def test_peringatan_ikut_dokumen():
    masukan = json.loads((SAMPLES / "kertas-kerja-pengukuran.json").read_text(encoding="utf-8"))
    masukan["kinerja"]["sasaran"][0]["indikator"][0]["realisasi_triwulan"][3] = None
    hasil = render(documents.dapatkan("kertas-kerja-pengukuran"), masukan, templates_dir=TEMPLATES,
                   basis=SAMPLES)
    kode = masukan["kinerja"]["sasaran"][0]["indikator"][0]["kode"]
    assert any(p.startswith(f"kinerja.sasaran.0.indikator.0: {kode} baru terukur s.d. Triwulan III")
               for p in hasil.peringatan)
    assert not any("Renstra" in p for p in hasil.peringatan)  # the plan's questions belong to the LKjIP


def test_realisasi_sebagian_ditandai():
    from docgen.kinerja import hitung

    (b,) = hitung(_data(realisasi_triwulan=[69.5, 70.2, 72.4, None]))
    assert (b.terukur_sampai, b.realisasi_teks.replace("\u00a0", " ")) == (3, "72,4 (s.d. TW III)")
    (b,) = hitung(_data(realisasi_triwulan=[69.5, None, 72.4, 74.6]))  # a gap, but measured to TW IV
    assert (b.terukur_sampai, b.realisasi_teks) == (None, "74,6")
    (b,) = hitung(_data(realisasi_triwulan=[None, None, None, None]))
    assert (b.terukur_sampai, b.realisasi_teks) == (None, "-")


def test_warna_grafik_sesuai_predikat():
    """A bar's colour follows the predikat printed beside it: a 94,64% 'Sangat Baik' sasaran is never red."""
    from docgen import grafik

    lima = ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]
    assert [grafik.warna_predikat(p, lima) for p in lima] == [
        grafik.WARNA_TERCAPAI, grafik.WARNA_TERCAPAI, grafik.WARNA_SEDANG, grafik.WARNA_BELUM, grafik.WARNA_BELUM]
    assert grafik.warna_predikat("Memuaskan", ["Memuaskan", "Kurang"]) == grafik.WARNA_TERCAPAI
    assert grafik.warna_predikat("-", lima) == grafik.WARNA_LALU  # no capaian: no verdict colour


def test_teks_pengguna_yang_bertentangan_dengan_angka():
    masukan = json.loads((SAMPLES / "lkjip.json").read_text(encoding="utf-8"))
    masukan["kesimpulan"] = "Secara umum kinerja tahun ini berada pada kategori baik."
    masukan["kinerja"]["sasaran"][2]["penyebab"] = "Capaian sasaran ini dengan predikat Sangat Kurang karena ..."
    hasil = render(documents.dapatkan("lkjip"), masukan, templates_dir=TEMPLATES, basis=SAMPLES)
    bertentangan = [p for p in hasil.peringatan if "teks menyebut predikat" in p]
    assert bertentangan == [
        "kesimpulan: teks menyebut predikat 'Baik', padahal angka capaian memberi predikat 'Sangat Baik'; sesuaikan "
        "teksnya atau periksa datanya.",
        "kinerja.sasaran.2.penyebab: teks menyebut predikat 'Sangat Kurang', padahal angka capaian memberi predikat "
        "'Sangat Baik'; sesuaikan teksnya atau periksa datanya."]
    assert telaah_kinerja.predikat_disebut("kategori sangat baik", ["Sangat Baik", "Baik"]) == ["Sangat Baik"]
