"""The form generator: JSON Schema -> fields, posted fields -> nested JSON, errors beside their fields."""

from __future__ import annotations

import json

import pytest
from werkzeug.datastructures import MultiDict

from docgen import documents
from tests.conftest import SAMPLES
from web.views.formulir_skema import label_path, pohon, ratakan, susun, urai

LEWATI = {"instansi", "kinerja"}


def _anak(m, nama):
    return next(a for a in m.anak if a.nama == nama)


def _nota():
    return pohon(documents.dapatkan("nota-dinas").schema(), lewati=LEWATI)


def test_jenis_medan_dari_skema():
    akar = _nota()
    nama = [a.nama for a in akar.anak]
    assert "instansi" not in nama and nama[:3] == ["nomor", "tanggal", "kepada"]
    assert _anak(akar, "tanggal").jenis == "tanggal"
    assert _anak(akar, "sifat").jenis == "pilihan" and _anak(akar, "sifat").pilihan[0] == "Biasa"
    assert _anak(akar, "isi").jenis == "teks_panjang"
    assert _anak(akar, "hal").jenis == "teks"
    tembusan = _anak(akar, "tembusan")
    assert tembusan.jenis == "daftar" and tembusan.butir.jenis == "teks" and tembusan.butir.judul == "Tembusan"
    ttd = _anak(akar, "penandatangan")
    assert ttd.jenis == "objek" and ttd.ref == "Pejabat" and ttd.judul == "Penanda tangan"
    nip = _anak(ttd, "nip")
    assert (nip.judul, nip.keterangan) == ("NIP", "18 digit; boleh dengan spasi")
    urut = _anak(_anak(akar, "nomor"), "urut")
    assert urut.jenis == "bulat" and urut.bisa_kosong


def test_judul_kelas_dan_docstring_inggris_tidak_dipakai():
    akar = pohon(documents.dapatkan("notulen-rapat").schema(), lewati=LEWATI)
    teks = json.dumps([(m.judul, m.keterangan) for m in _semua(akar)])
    assert "An official" not in teks and "Pejabat\"" not in teks
    assert _anak(akar, "jam_mulai").jenis == "jam"
    assert _anak(akar, "jam_selesai").jenis == "jam" and _anak(akar, "jam_selesai").bisa_kosong


def _semua(m):
    yield m
    for a in m.anak:
        yield from _semua(a)
    if m.butir is not None:
        yield from _semua(m.butir)


def test_centang_dan_objek_opsional():
    akar = pohon(documents.dapatkan("formulir-capaian").schema(), lewati=LEWATI)
    assert _anak(akar, "kosong").jenis == "centang"
    mengetahui = _anak(akar, "mengetahui")
    assert mengetahui.jenis == "objek" and mengetahui.bisa_kosong
    hasil = urai(akar, MultiDict({"triwulan": "2", "mengetahui.nama": "", "mengetahui.kedudukan": ""}))
    assert hasil.data["mengetahui"] is None and hasil.data["kosong"] is False and hasil.data["triwulan"] == 2
    assert urai(akar, MultiDict({"kosong": "1"})).data["kosong"] is True


def test_urai_jalur_bersarang_baris_dinomori_ulang():
    akar = pohon(documents.dapatkan("keputusan-sop").schema(), lewati=LEWATI)
    form = MultiDict([
        ("diktum.7.isi", "Kedua"), ("diktum.2.isi", "Pertama"), ("diktum.2.rincian.5", "b"),
        ("diktum.2.rincian.1", "a"), ("diktum.4.isi", ""),  # an empty row is dropped
        ("menimbang.0", "satu\r\ndua"), ("tidak.dikenal", "x"), ("diktum.x.isi", "bukan indeks"),
        ("nomor.urut", "1.250"),
    ])
    hasil = urai(akar, form)
    assert hasil.data["diktum"] == [{"isi": "Pertama", "rincian": ["a", "b"]}, {"isi": "Kedua"}]
    assert hasil.data["menimbang"] == ["satu\ndua"]
    assert hasil.data["nomor"]["urut"] == 1250 and hasil.mentah["nomor"]["urut"] == "1.250"
    assert "tidak" not in hasil.data and not hasil.galat


def test_angka_cara_indonesia_dan_galat_angka():
    schema = {"type": "object", "properties": {
        "nilai": {"type": "number", "title": "Nilai"}, "jumlah": {"type": "integer", "title": "Jumlah"},
        "baris": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "integer"}}}}}}
    akar = pohon(schema)
    hasil = urai(akar, MultiDict({"nilai": "12,5", "jumlah": "1.250", "baris.3.n": "12.5"}))
    assert hasil.data["nilai"] == 12.5 and hasil.data["jumlah"] == 1250
    assert "bukan angka yang sah" in hasil.galat["baris.0.n"]  # renumbered with its row
    assert hasil.mentah["baris"] == [{"n": "12.5"}]  # kept as typed
    assert urai(akar, MultiDict({"jumlah": "2,5"})).galat == {"jumlah": "harus bilangan bulat"}


def test_susun_galat_di_samping_medan_dan_sisanya():
    akar = _nota()
    galat = {"penandatangan.nip": "NIP harus 18 digit angka", "penandatangan": "pangkat salah",
             "tembusan.0": "tidak boleh kosong", "instansi": "wajib diisi"}
    tampil, sisa = susun(akar, {"tembusan": ["", "B"]}, galat)
    ttd = next(t for t in tampil.anak if t.path == "penandatangan")
    assert ttd.galat == "pangkat salah"
    assert next(t for t in ttd.anak if t.path == "penandatangan.nip").galat == "NIP harus 18 digit angka"
    tembusan = next(t for t in tampil.anak if t.path == "tembusan")
    assert [b.path for b in tembusan.baris] == ["tembusan.0", "tembusan.1"] and tembusan.baris[0].galat
    assert sisa == {"instansi": "wajib diisi"}
    assert label_path(tampil)["penandatangan.nip"] == "Penanda tangan › NIP"


def test_bawaan_dan_templat_baris_bersarang():
    akar = pohon(documents.dapatkan("keputusan-sop").schema(), lewati=LEWATI)
    tampil, _ = susun(akar, {})
    diktum = next(t for t in tampil.anak if t.path == "diktum")
    assert len(diktum.baris) == 1  # a required list starts with one blank row
    rincian = next(t for t in diktum.templat.anak if t.medan.nama == "rincian")
    assert diktum.templat.path == "diktum.__i0__" and rincian.templat.path == "diktum.__i0__.rincian.__i1__"
    nota, _ = susun(_nota(), {})
    assert next(t for t in nota.anak if t.path == "sifat").nilai == "Biasa"
    assert next(t for t in nota.anak if t.path == "lampiran").nilai == "-"


def _kirim(t, form):
    """What a browser posts for a view tree: every shown input and list marker (ticked boxes only)."""
    if t.medan.jenis == "objek":
        for a in t.anak:
            _kirim(a, form)
    elif t.medan.jenis == "daftar":
        if t.baris:
            form[t.path] = ""
        for b in t.baris:
            _kirim(b, form)
    elif t.medan.jenis == "centang":
        if t.nilai:
            form[t.path] = "1"
    else:
        form[t.path] = t.nilai
    return form


@pytest.mark.parametrize("jenis", documents.semua(), ids=lambda j: j.slug)
def test_bolak_balik_setiap_contoh(jenis):
    """Every sample, shown in the form and posted back as a browser would, validates to the same input."""
    contoh = json.loads((SAMPLES / f"{jenis.slug}.json").read_text(encoding="utf-8"))
    akar = pohon(jenis.schema(), lewati=LEWATI)
    tampil, sisa = susun(akar, contoh)
    assert set(sisa) == set()
    hasil = urai(akar, MultiDict(_kirim(tampil, {})))
    assert not hasil.galat
    lengkap = {**hasil.data, **{k: contoh[k] for k in LEWATI if k in contoh}}
    assert jenis.model.model_validate(lengkap) == jenis.model.model_validate(contoh)
    # the values as typed show the same form again
    assert _kirim(susun(akar, hasil.mentah)[0], {}) == _kirim(tampil, {})


def test_ratakan_kebalikan_urai():
    akar = _nota()
    data = {"kepada": "A & B", "tembusan": ["x", "y"], "penandatangan": {"nama": "N", "nip": "1"}}
    assert urai(akar, MultiDict(ratakan(data))).mentah["tembusan"] == ["x", "y"]
    assert ratakan(data)["penandatangan.nip"] == "1" and ratakan({"a": True, "b": None}) == {"a": "1"}
