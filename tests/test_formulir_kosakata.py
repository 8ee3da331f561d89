"""Every form of every document type speaks the user's language: no pattern syntax, no Python reprs, no English.

Walked twice: the Medan tree built from each schema (labels, help, examples, choice labels) and the form page the
browser gets (every label, legend, help line, option and summary)."""

from __future__ import annotations

import re

import lxml.html
import pytest

from docgen import documents
from docgen.documents.common import uraikan_pola
from web.inti.db import sesi
from web.inti.models import Instansi
from web.layanan.dokumen import DARI_INSTANSI
from web.layanan.instansi import profil_instansi
from web.layanan.profil import MEDAN_KOP
from web.views.formulir_skema import Medan, pohon, teks_contoh

# Marks of code shown to a user, and English words Indonesian has its own word for.
TANDA = ("{", "}", "[", "]", "None", "true", "false")
INGGRIS = {"draft", "true", "false", "none", "null", "submit", "upload", "click", "field", "item", "default",
           "pattern", "slug", "checklist", "select", "optional", "required", "example"}
BOLEH = ("Checklist Dokumen",)  # the seed SOP's own name for the paper


def masalah(teks: str) -> list[str]:
    """What in one label or help text a user should not see."""
    hasil = [f"memuat {t!r}" for t in TANDA if t in teks]
    bersih = teks
    for b in BOLEH:
        bersih = bersih.replace(b, "")
    hasil += [f"kata Inggris {k!r}" for k in re.findall(r"[A-Za-z]+", bersih) if k.lower() in INGGRIS]
    return hasil


def _semua(m: Medan, path: str = ""):
    yield path, m
    for a in m.anak:
        yield from _semua(a, f"{path}.{a.nama}" if path else a.nama)
    if m.butir is not None:
        yield from _semua(m.butir, f"{path}[]")


def test_penyaring_menangkap_yang_dilihat_penguji():
    assert masalah("Contoh: ['Sekretaris', 'Kepala Bidang']")
    assert masalah("Contoh: {kode_klasifikasi}/{urut}/{kode_unit}/{bulan}/{tahun}")
    assert masalah("true: kolom realisasi dibiarkan kosong") and masalah("Draft laporan") and masalah("None")
    assert masalah("Checklist") and not masalah("Checklist Dokumen")
    assert not masalah("Kode klasifikasi / nomor urut / kode unit / bulan (angka Romawi) / tahun")


def test_contoh_dan_pola_ditulis_sebagai_kata():
    assert teks_contoh(["Sekretaris", "Kepala Bidang Mutasi"]) == "Sekretaris, Kepala Bidang Mutasi"
    assert (teks_contoh(True), teks_contoh({"a": 1}), teks_contoh(12)) == ("ya", "", "12")
    assert uraikan_pola("{kode_klasifikasi}/{urut}/{kode_unit}/{bulan}/{tahun}") == (
        "Kode klasifikasi / nomor urut / kode unit / bulan (angka Romawi) / tahun")
    assert uraikan_pola("800/{urut}/Kpts/{kode_unit}/{tahun}") == "800 / nomor urut / Kpts / kode unit / tahun"
    assert uraikan_pola("{asing}") == "" and uraikan_pola("{urut") == ""


@pytest.mark.parametrize("slug", [j.slug for j in documents.semua()])
def test_pohon_formulir_tanpa_kode_dan_inggris(slug):
    akar = pohon(documents.dapatkan(slug).schema(), lewati=DARI_INSTANSI)
    salah = []
    for path, m in _semua(akar):
        # A value put into words (the number pattern) shows its words instead of the schema's help and example.
        teks = [m.judul, *([] if m.uraian else [m.keterangan, m.contoh]), *m.label_pilihan.values()]
        salah += [f"{path}: {t!r} {ms}" for t in teks if t for ms in masalah(t)]
    assert salah == []


def test_pilihan_bahasa_indonesia():
    akar = pohon(documents.dapatkan("formulir-capaian").schema(), lewati=DARI_INSTANSI)
    anak = {m.nama: m for m in akar.anak}
    assert anak["triwulan"].jenis == "pilihan" and anak["triwulan"].pilihan == [1, 2, 3, 4]
    assert anak["triwulan"].label_pilihan["4"] == "Triwulan IV"
    assert (anak["unit_kerja"].jenis, anak["unit_kerja"].sumber) == ("pilihan", "unit_kerja")
    assert anak["kosong"].jenis == "centang" and anak["kosong"].judul == "Formulir kosong untuk diisi tangan"
    ttd = {m.nama: m for m in anak["penandatangan"].anak}
    assert ttd["kedudukan"].label_pilihan == {"": "Definitif", "a.n.": "a.n. (atas nama)",
                                              "Plt.": "Plt. (pelaksana tugas)", "Plh.": "Plh. (pelaksana harian)"}


def _teks_terlihat(html: str) -> list[str]:
    """Every label, legend, help line, option, summary and button a user reads on the form."""
    pohon_html = lxml.html.fromstring(html)
    hasil = []
    for el in pohon_html.xpath("//form[contains(@class, 'dk-formulir')]//*[self::label or self::legend or "
                               "self::option or self::summary or self::button or contains(@class, 'bantuan')]"):
        teks = " ".join(el.text_content().split())
        if teks:
            hasil.append(teks)
    return hasil


def test_setiap_halaman_formulir_tanpa_kode_dan_inggris(client, masuk):
    masuk("admin")
    salah = {}
    for j in documents.semua():
        r = client.get(f"/dokumen/{j.slug}/baru")
        assert r.status_code == 200, j.slug
        teks = _teks_terlihat(r.get_data(as_text=True))
        assert len(teks) > 5, j.slug
        buruk = [f"{t!r}: {', '.join(masalah(t))}" for t in teks if masalah(t)]
        if buruk:
            salah[j.slug] = buruk
    assert salah == {}


def test_formulir_definisi_sop_tanpa_kode_dan_inggris(client, masuk):
    masuk("admin")
    teks = _teks_terlihat(client.get("/sop/baru").get_data(as_text=True))
    assert "Belum dipetakan (hanya administrator)" in teks and "Keputusan (YA/TIDAK)" in teks
    assert [f"{t!r}: {', '.join(masalah(t))}" for t in teks if masalah(t)] == []


def test_nomor_dipilih_dari_seri_dengan_susunan_dalam_kata(client, masuk):
    masuk("admin")
    html = client.get("/dokumen/nota-dinas/baru").get_data(as_text=True)
    halaman = lxml.html.fromstring(html)
    seri = halaman.get_element_by_id("f-nomor-seri")
    label = [" ".join(o.text_content().split()) for o in seri.xpath(".//option")]
    assert label[0] == "— pilih seri nomor instansi —"
    nota = next(x for x in label if x.startswith("nota-dinas · "))
    assert "/…/" in nota and "(Kode klasifikasi / nomor urut / kode unit / bulan (angka Romawi) / tahun)" in nota
    assert seri.xpath(".//option[@selected]")[0].text_content().startswith("nota-dinas · ")  # the prefilled series
    lanjutan = halaman.xpath("//details[@class='dk-lanjutan']")[0]
    assert lanjutan.xpath("./summary")[0].text_content() == "Pengaturan lanjutan"
    assert [i.get("name") for i in lanjutan.xpath(".//input")] == [
        "nomor.pola", "nomor.kode_klasifikasi", "nomor.kode_unit", "nomor.urut", "nomor.sisipan"]
    bantu = halaman.get_element_by_id("f-nomor-pola-bantuan").text_content()
    assert bantu == "Kode klasifikasi / nomor urut / kode unit / bulan (angka Romawi) / tahun"


def test_triwulan_unit_dan_pejabat_dipilih(client, masuk):
    masuk("admin")
    halaman = lxml.html.fromstring(client.get("/dokumen/formulir-capaian/baru").get_data(as_text=True))
    tw = [o.text_content() for o in halaman.get_element_by_id("f-triwulan").xpath(".//option")]
    assert tw == ["— pilih —", "Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
    unit = [o.text_content() for o in halaman.get_element_by_id("f-unit_kerja").xpath(".//option")]
    assert unit[0] == "Seluruh unit kerja" and "Sekretariat" in unit and len(unit) > 2
    pejabat = halaman.xpath("//select[contains(@class, 'dk-pilih-isi')][@data-awalan='penandatangan']//option")
    assert len(pejabat) > 2 and " · " in pejabat[1].text_content()


def test_instruksi_disposisi_dari_daftar_instansi(app, client, masuk):
    masuk("admin")
    r = client.post("/profil/instruksi", data={"instruksi": "Untuk diketahui\n\nUntuk ditindaklanjuti\n"
                                                             "Untuk diketahui\nArsipkan"})
    assert r.status_code == 302
    profil = client.get("/profil").get_data(as_text=True)
    assert "Untuk diketahui\nUntuk ditindaklanjuti\nArsipkan</textarea>" in profil
    halaman = lxml.html.fromstring(client.get("/dokumen/lembar-disposisi/baru").get_data(as_text=True))
    pilihan = [i.get("value") for i in halaman.xpath("//input[starts-with(@name, 'pilihan_instruksi.')]")
               if re.fullmatch(r"pilihan_instruksi\.\d+", i.get("name"))]  # not the blank row of Tambah
    assert pilihan == ["Untuk diketahui", "Untuk ditindaklanjuti", "Arsipkan"]
    saran = [o.get("value") for o in halaman.get_element_by_id("saran-instruksi_disposisi").xpath(".//option")]
    assert saran == pilihan
    assert halaman.xpath("//input[@name='instruksi.0']")[0].get("list") == "saran-instruksi_disposisi"
    galat = client.post("/profil/instruksi", data={"instruksi": "  \n "})
    assert galat.status_code == 422 and "tulis paling sedikit satu instruksi" in galat.get_data(as_text=True)
    # The kop saved afterwards keeps the list, and no document's instansi block carries it.
    with app.app_context():
        kop = {k: v for k, v in sesi().get(Instansi, 1).profil.items() if k in MEDAN_KOP}
    assert client.post("/profil/kop", data=kop).status_code == 302
    with app.app_context():
        inst = sesi().get(Instansi, 1)
        assert inst.profil["instruksi_disposisi"] == ["Untuk diketahui", "Untuk ditindaklanjuti", "Arsipkan"]
        assert "instruksi_disposisi" not in profil_instansi(inst)


def test_favicon_tanpa_masuk(client):
    r = client.get("/static/favicon.svg")
    assert r.status_code == 200 and r.mimetype == "image/svg+xml" and b"<svg" in r.data
    r.close()
    r = client.get("/favicon.ico")
    assert r.status_code == 301 and r.headers["Location"].endswith("/static/favicon.svg")
    assert 'rel="icon" type="image/svg+xml" href="/static/favicon.svg"' in client.get("/masuk").get_data(as_text=True)
