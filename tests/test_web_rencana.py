"""The year's plan in the browser: a new year copied from another or started empty, the tree editor (sasaran →
indikator, program → kegiatan) with Indonesian figures, errors beside the fields, and who may do it."""

from __future__ import annotations

import copy
from decimal import Decimal
from html.parser import HTMLParser

from sqlalchemy import select

from docgen.kinerja import DataKinerja
from web.inti.db import sesi
from web.inti.models import Audit, RencanaKinerja


def _data(app, tahun: int) -> dict | None:
    with app.app_context():
        rk = sesi().scalar(select(RencanaKinerja).where(RencanaKinerja.tahun == tahun))
        return copy.deepcopy(rk.data) if rk is not None else None


def _model(app, tahun: int) -> DataKinerja:
    return DataKinerja.model_validate(_data(app, tahun))


def _semua(d: DataKinerja) -> dict:
    return {i.kode: i for s in d.sasaran for i in s.indikator}


class _Formulir(HTMLParser):
    """The fields a browser posts from the page's form: inputs and selects outside <template> rows."""

    def __init__(self) -> None:
        super().__init__()
        self.isian: list[tuple[str, str]] = []
        self._template = 0
        self._select: str | None = None
        self._pilihan: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self._template += 1
        elif self._template:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("file", "checkbox"):
            self.isian.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select, self._pilihan = a.get("name"), None
        elif tag == "option" and self._select and ("selected" in a or self._pilihan is None):
            self._pilihan = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
        elif tag == "select" and self._select and not self._template:
            self.isian.append((self._select, self._pilihan or ""))
            self._select = None


def _isian(html: str) -> dict[str, str]:
    p = _Formulir()
    p.feed(html)
    return dict(p.isian)


def _nilai(html: str, nama: str) -> str:
    return _isian(html)[nama]


def test_salin_tahun_sebelumnya(app, client, masuk):
    masuk("perencana")
    halaman = client.get("/kinerja/rencana").get_data(as_text=True)
    assert 'name="tahun" value="2025"' in halaman and '<option value="2024" selected>Salin dari tahun 2024' in halaman
    r = client.post("/kinerja/rencana/baru", data={"tahun": "2025", "sumber": "2024"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/kinerja/2025/susun")
    lama, baru = _model(app, 2024), _model(app, 2025)
    assert baru.tahun == 2025 and baru.triwulan is None
    assert list(_semua(baru)) == list(_semua(lama))  # same indicators, same order
    for kode, ind in _semua(baru).items():
        asal = _semua(lama)[kode]
        assert ind.realisasi_triwulan == [None] * 4 and ind.penjelasan == ""
        assert (ind.target, ind.target_bawah, ind.target_atas, ind.target_triwulan) == (
            asal.target, asal.target_bawah, asal.target_atas, asal.target_triwulan)
        assert (ind.satuan, ind.polaritas, ind.unit_kerja, ind.baseline) == (
            asal.satuan, asal.polaritas, asal.unit_kerja, asal.baseline)
    assert _semua(baru)["IKK 1"].target == Decimal(1250)
    # the copied year's complete realisasi becomes history; an incomplete one (IKK 1 lacks TW IV) does not
    assert _semua(baru)["IKU 1"].realisasi_tahun_lalu == {2022: Decimal("66.8"), 2023: Decimal("69.9"),
                                                           2024: Decimal("74.61")}
    assert 2024 not in _semua(baru)["IKK 1"].realisasi_tahun_lalu
    assert [(p.kode, p.realisasi) for p in baru.program] == [(p.kode, None) for p in lama.program]
    assert [(k.kode, k.pagu, k.realisasi) for p in baru.program for k in p.kegiatan] == [
        (k.kode, k.pagu, None) for p in lama.program for k in p.kegiatan]
    assert all(s.penyebab == "" and s.solusi == "" for s in baru.sasaran)
    assert _data(app, 2024)["sasaran"][0]["indikator"][0]["realisasi_triwulan"][3] == 74.61  # source untouched
    # the editor opens on the copy
    teks = client.get("/kinerja/2025/susun").get_data(as_text=True)
    assert _nilai(teks, "sasaran.0.indikator.2.target") == "1.250"
    assert _nilai(teks, "program.0.kegiatan.1.pagu") == "4.250.000.000"
    with app.app_context():
        a = sesi().scalar(select(Audit).where(Audit.aksi == "rencana.salin"))
        assert a.objek_id == "2025" and a.rincian["dari"] == 2024


def test_tahun_sudah_ada_atau_di_luar_batas(app, client, masuk):
    masuk("admin")
    r = client.post("/kinerja/rencana/baru", data={"tahun": "2024", "sumber": "2024"})
    teks = r.get_data(as_text=True)
    assert r.status_code == 409 and "rencana kinerja tahun 2024 sudah ada" in teks
    assert 'id="baru-tahun" name="tahun" value="2024"' in teks  # what was typed is kept
    for tahun, pesan in (("1999", "tahun 1999 di luar batas"), ("2101", "tahun 2101 di luar batas"),
                         ("dua ribu", "&#39;dua ribu&#39; bukan tahun")):
        r = client.post("/kinerja/rencana/baru", data={"tahun": tahun, "sumber": "2024"})
        assert r.status_code == 422 and pesan in r.get_data(as_text=True)
    r = client.post("/kinerja/rencana/baru", data={"tahun": "2026", "sumber": "2019"})
    assert r.status_code == 422 and "tahun 2019 tidak ada untuk disalin" in r.get_data(as_text=True)
    r = client.post("/kinerja/rencana/baru", data={"tahun": "2024", "sumber": "kosong"})
    assert r.status_code == 409
    assert _data(app, 2026) is None and _data(app, 2101) is None


def test_ubah_pohon_angka_indonesia(app, client, masuk):
    masuk("perencana")
    isian = _isian(client.get("/kinerja/2024/susun").get_data(as_text=True))
    assert isian["sasaran.0.indikator.0.kode"] == "IKU 1" and isian["sasaran.0.indikator.0.target"] == "72"
    isian.update({
        "sasaran.0.indikator.0.target": "85,5",
        "sasaran.0.indikator.0.target_triwulan.3": "85,5",
        "sasaran.0.indikator.2.target": "1.250.000",
        "sasaran.0.indikator.0.satuan": "indeks (skala 100)",
        "sasaran.1.indikator.3.target_bawah": "92,75",
        "program.0.kegiatan.0.pagu": "1.250.000",
        "program.0.pagu": "",
    })
    r = client.post("/kinerja/2024/susun", data=isian)
    assert r.status_code == 302, r.get_data(as_text=True)
    d = _model(app, 2024)
    iku1, ikk1, ikk3 = _semua(d)["IKU 1"], _semua(d)["IKK 1"], _semua(d)["IKK 3"]
    assert iku1.target == Decimal("85.5") and iku1.target_triwulan == [70, 70, 71, Decimal("85.5")]
    assert iku1.satuan == "indeks (skala 100)"
    assert ikk1.target == Decimal(1_250_000) and ikk3.target_bawah == Decimal("92.75")
    assert d.program[0].kegiatan[0].pagu == Decimal(1_250_000) and d.program[0].pagu is None
    # what the tree does not show is kept: realisasi, history, penjelasan, settings, budget realisasi
    assert iku1.realisasi_triwulan[3] == Decimal("74.61") and iku1.realisasi_tahun_lalu[2023] == Decimal("69.9")
    assert d.pengaturan.batas_rata_rata == 120 and d.program[0].kegiatan[0].realisasi == 176_450_000
    assert d.sasaran[0].penyebab.startswith("Pelaksanaan uji kompetensi")
    assert _nilai(client.get("/kinerja/2024/susun").get_data(as_text=True), "sasaran.0.indikator.2.target") == \
        "1.250.000"


def test_angka_salah_di_samping_isiannya(app, client, masuk):
    masuk("perencana")
    sebelum = _data(app, 2024)
    isian = _isian(client.get("/kinerja/2024/susun").get_data(as_text=True))
    isian.update({"sasaran.0.indikator.1.target_triwulan.2": "12,3,4", "sasaran.0.indikator.1.target": "81,5",
                  "sasaran.1.indikator.0.kode": "", "program.1.kegiatan.0.pagu": "-5",
                  "sasaran.1.indikator.3.target_atas": ""})
    r = client.post("/kinerja/2024/susun", data=isian)
    teks = r.get_data(as_text=True)
    assert r.status_code == 422
    assert _data(app, 2024) == sebelum  # nothing stored
    medan = ('id="rs-sasaran-0-indikator-1-target_triwulan-2" name="sasaran.0.indikator.1.target_triwulan.2" '
             'value="12,3,4"')
    assert medan + ' inputmode="decimal" class="dk-angka" aria-invalid="true"' in teks
    galat = teks.split(medan, 1)[1].split("</div>", 1)[0]  # the error right beside the field
    assert "&#39;12,3,4&#39; bukan angka yang sah" in galat
    assert "Indikator 2 (IKU 2) › Target TW III" in teks  # the summary names the place
    kembali = _isian(teks)
    assert kembali["sasaran.0.indikator.1.target"] == "81,5"  # every typed value kept
    assert kembali["sasaran.1.indikator.0.kode"] == "" and kembali["program.1.kegiatan.0.pagu"] == "-5"
    assert "tidak boleh kosong" in teks.split('name="sasaran.1.indikator.0.kode"', 1)[1].split("</div>", 1)[0]
    assert "negatif" in teks.split('name="program.1.kegiatan.0.pagu"', 1)[1].split("</div>", 1)[0]
    atas = teks.split('name="sasaran.1.indikator.3.target_atas"', 1)[1].split("</div>", 1)[0]
    assert "wajib diisi untuk indikator rentang" in atas


def test_tambah_dan_hapus_indikator(app, client, masuk):
    masuk("admin")
    isian = _isian(client.get("/kinerja/2024/susun").get_data(as_text=True))
    # remove IKU 2 (the second row of S1) and add a new indicator with a gap in the numbering, as the page does
    for k in [k for k in isian if k.startswith("sasaran.0.indikator.1.")]:
        del isian[k]
    isian.update({"sasaran.0.indikator.7.asal": "", "sasaran.0.indikator.7.kode": "IKU 9",
                  "sasaran.0.indikator.7.indikator": "Indeks kepuasan layanan kepegawaian",
                  "sasaran.0.indikator.7.satuan": "indeks", "sasaran.0.indikator.7.polaritas": "naik",
                  "sasaran.0.indikator.7.aturan_triwulan": "terakhir", "sasaran.0.indikator.7.target": "3,25",
                  "sasaran.0.indikator.7.target_triwulan.3": "3,25",
                  # an added row nobody filled in is left out
                  "sasaran.0.indikator.8.kode": "", "sasaran.0.indikator.8.polaritas": "naik",
                  # a new program with one kegiatan
                  "program.5.kode": "5.03.04", "program.5.nama": "Program Baru", "program.5.kegiatan.0.kode": "X.1",
                  "program.5.kegiatan.0.nama": "Kegiatan Baru", "program.5.kegiatan.0.pagu": "12.500.000,50"})
    r = client.post("/kinerja/2024/susun", data=isian)
    assert r.status_code == 302, r.get_data(as_text=True)
    d = _model(app, 2024)
    assert [i.kode for i in d.sasaran[0].indikator] == ["IKU 1", "IKK 1", "IKU 9"]
    baru = d.sasaran[0].indikator[2]
    assert baru.target == Decimal("3.25") and baru.target_triwulan == [None, None, None, Decimal("3.25")]
    assert baru.realisasi_triwulan == [None] * 4
    assert _semua(d)["IKK 1"].realisasi_triwulan[:3] == [280, 360, 310]  # kept across the renumbering
    assert (d.program[3].kode, d.program[3].kegiatan[0].pagu) == ("5.03.04", Decimal("12500000.5"))
    with app.app_context():
        a = sesi().scalar(select(Audit).where(Audit.aksi == "rencana.ubah"))
        assert a.rincian["indikator"] == 9 and a.rincian["program"] == 4


def test_kode_berulang_dan_sasaran_tanpa_indikator(app, client, masuk):
    masuk("perencana")
    sebelum = _data(app, 2024)
    isian = _isian(client.get("/kinerja/2024/susun").get_data(as_text=True))
    isian["sasaran.0.indikator.1.kode"] = "IKU 1"
    for k in [k for k in isian if k.startswith("sasaran.2.indikator.")]:
        del isian[k]
    r = client.post("/kinerja/2024/susun", data=isian)
    teks = r.get_data(as_text=True)
    assert r.status_code == 422 and _data(app, 2024) == sebelum
    assert teks.count("kode IKU 1 dipakai lebih dari satu indikator") == 4  # both fields and the summary twice
    daftar = teks.split('id="rs-sasaran-2-indikator"', 1)[1].split("</p>", 2)[1]
    assert "paling sedikit 1 butir" in daftar


def test_tahun_pertama_dari_kerangka_kosong(app, client, masuk):
    with app.app_context():  # an agency with no year yet
        for rk in sesi().scalars(select(RencanaKinerja)):
            sesi().delete(rk)
        sesi().commit()
    masuk("perencana")
    halaman = client.get("/kinerja/rencana").get_data(as_text=True)
    assert "Belum ada rencana kinerja. Mulai dari kerangka kosong" in halaman
    assert '<option value="kosong" selected>Kerangka kosong</option>' in halaman and "Salin dari tahun" not in halaman
    r = client.post("/kinerja/rencana/baru", data={"tahun": "2030", "sumber": "kosong"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/kinerja/2030/susun?baru=1")
    assert _data(app, 2030) is None  # nothing is stored until the tree is saved
    isian = _isian(client.get("/kinerja/2030/susun?baru=1").get_data(as_text=True))
    assert isian["baru"] == "1" and isian["sasaran.0.indikator.0.kode"] == ""
    r = client.post("/kinerja/2030/susun", data=isian)
    assert r.status_code == 422 and _data(app, 2030) is None
    isian.update({"sasaran.0.kode": "S1", "sasaran.0.sasaran": "Meningkatnya kinerja", "sasaran.0.indikator.0.kode":
                  "IKU 1", "sasaran.0.indikator.0.indikator": "Nilai SAKIP", "sasaran.0.indikator.0.satuan": "nilai",
                  "sasaran.0.indikator.0.target": "70,5"})
    r = client.post("/kinerja/2030/susun", data=isian)
    assert r.status_code == 302
    d = _model(app, 2030)
    assert d.tahun == 2030 and _semua(d)["IKU 1"].target == Decimal("70.5") and d.program == []
    assert client.get("/kinerja/2031/susun").status_code == 404  # no such year, and no frame asked for
    assert client.get("/kinerja/2101/susun?baru=1").status_code == 404
    # a second frame saved for the same year does not replace the first
    r = client.post("/kinerja/2030/susun", data={**isian, "sasaran.0.indikator.0.target": "99"})
    teks = r.get_data(as_text=True)
    assert r.status_code == 409 and "rencana kinerja tahun 2030 sudah ada" in teks
    assert _isian(teks)["sasaran.0.indikator.0.target"] == "99"
    assert _semua(_model(app, 2030))["IKU 1"].target == Decimal("70.5")
    assert "baru" not in _isian(client.get("/kinerja/2030/susun?baru=1").get_data(as_text=True))  # opens the year


def test_rencana_besar_melebihi_batas_bawaan_formulir(app, client, masuk):
    masuk("perencana")
    isian = _isian(client.get("/kinerja/2024/susun").get_data(as_text=True))
    for n in range(100, 170):  # 70 more indicators: over Flask's default of 1000 form fields
        p = f"sasaran.2.indikator.{n}"
        isian.update({f"{p}.kode": f"IKT {n}", f"{p}.indikator": f"Indikator tambahan {n}", f"{p}.satuan": "%",
                      f"{p}.polaritas": "naik", f"{p}.aturan_triwulan": "terakhir", f"{p}.target": f"{n},5",
                      **{f"{p}.target_triwulan.{q}": str(q) for q in range(4)}, f"{p}.baseline": "",
                      f"{p}.target_akhir_renstra": "", f"{p}.unit_kerja": "", f"{p}.target_bawah": "",
                      f"{p}.target_atas": "", f"{p}.asal": ""})
    assert len(isian) > 1000
    r = client.post("/kinerja/2024/susun", data=isian)
    assert r.status_code == 302, r.status_code
    assert _semua(_model(app, 2024))["IKT 169"].target == Decimal("169.5")


def test_peran_tanpa_hak(app, client, masuk):
    for nama in ("kepala", "timsakip", "bidang.kompetensi"):
        masuk(nama)
        assert client.get("/kinerja/2024/susun").status_code == 403
        assert client.post("/kinerja/2024/susun", data={"sasaran.0.kode": "X"}).status_code == 403
        assert client.post("/kinerja/rencana/baru", data={"tahun": "2025", "sumber": "2024"}).status_code == 403
    assert _data(app, 2025) is None
    assert _semua(_model(app, 2024))["IKU 1"].target == 72
