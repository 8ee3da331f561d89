"""Render limits (docgen.batas_render): a template that loops too long or prints too much stops with an Indonesian
422 naming what was exceeded, long before its loops could finish; a value too large to build is refused before it
is built; normal templates render as before; the limits can be set from the environment; in the web app a hostile
agency template answers 422 and other users can still sign in while it runs."""

from __future__ import annotations

import copy
import io
import json
import threading
import time

import pytest
from click.testing import CliRunner
from docx import Document
from jinja2 import DictLoader, StrictUndefined, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from docgen.batas_render import BATAS_DETIK, BATAS_TEKS, MAKS_PANJANG, TemplatBatas, TemplatTerlaluBerat, batas_bawaan
from docgen.cli import cli
from docgen.errors import DocgenError
from docgen.render import FILTERS, jinja_env, render
from tests.conftest import SAMPLES, TEMPLATES
from web.layanan import dokumen as layanan_dokumen

TIGA_LAPIS = ("{% for a in range(100000) %}{% for b in range(100000) %}{% for c in range(100000) %}"
              "{% endfor %}{% endfor %}{% endfor %}")  # 10**15 rounds, printing nothing
TIGA_LAPIS_VARIABEL = ("{% set r = range(100000) %}{% for a in r %}{% for b in r %}{% for c in r %}"
                       "{% endfor %}{% endfor %}{% endfor %}")  # the same, with no call or lookup inside the loops
PARAGRAF_1KB = "{% for a in range(100000) %}{% for b in range(100000) %}" + "P" * 1024 + "{% endfor %}{% endfor %}"
# Loops over the paragraphs of `isi` past the third: the sample (three paragraphs) passes the trial render at upload.
BERAT_BILA_DATA = ("{% for p in isi[3:] %}{% for a in range(100000) %}{% for b in range(100000) %}"
                   "{% endfor %}{% endfor %}{% endfor %}")
NOTA = "Templat instansi untuk Nota Dinas"


def _nota() -> dict:
    return json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))


def _docx(*paragraf: str) -> bytes:
    """The built-in nota dinas template with paragraphs added, each in one run."""
    doc = Document(str(TEMPLATES / "nota-dinas.docx"))
    for p in paragraf:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _teks(isi: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(isi)).paragraphs)


def _isi(templat: str, data: dict | None = None, *, detik: float = 1.0, teks: int | None = None):
    return render("nota-dinas", data or _nota(), templates_dir=TEMPLATES, basis=SAMPLES, templat=_docx(templat),
                  batas_detik=detik, batas_teks=teks)


def _data_berat() -> dict:
    """The sample with five paragraphs in `isi` (two past the third) and no `instansi` (the web app fills it)."""
    data = _nota()
    data.pop("instansi")
    data["isi"] += "\nParagraf keempat.\nParagraf kelima."
    return data


def _gagal(templat: str, data: dict | None = None, **batas) -> TemplatTerlaluBerat:
    with pytest.raises(TemplatTerlaluBerat) as info:
        _isi(templat, data, **batas)
    exc = info.value
    assert isinstance(exc, DocgenError) and exc.status == 422 and exc.to_dict()["error"] == exc.pesan
    assert exc.pesan.startswith(NOTA)
    return exc


# -- time ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("templat", [TIGA_LAPIS, TIGA_LAPIS_VARIABEL], ids=["range", "variabel"])
def test_perulangan_bersarang_tanpa_cetak_dihentikan(templat):
    exc = _gagal(templat, detik=1.0)
    assert exc.pesan == (f"{NOTA} terlalu berat: pengisian dihentikan setelah 1 detik. Periksa perulangan {{% for %}} "
                         "di templat (perulangan bersarang, range() yang besar) atau kurangi data yang diulang.")
    # stopped after a sliver of its 10**15 rounds (each round takes at least one step)
    assert 0 < exc.langkah < 10**15 // 10**6


def test_perulangan_atas_data_dokumen_dihentikan():
    data = {**_data_berat(), "instansi": _nota()["instansi"]}
    exc = _gagal(BERAT_BILA_DATA, data, detik=0.5)
    assert "pengisian dihentikan setelah 0,5 detik" in exc.pesan and "kurangi data yang diulang" in exc.pesan
    assert exc.langkah < 2 * 10**10 // 10**3
    # the sample itself (three paragraphs: nothing to loop over) renders
    assert "Dalam rangka penyusunan" in _teks(_isi(BERAT_BILA_DATA).docx)


# -- output size --------------------------------------------------------------------------------------------------


def test_paragraf_1kb_berulang_berhenti_pada_batas_teks():
    exc = _gagal(PARAGRAF_1KB, detik=60, teks=1024 * 1024)
    assert exc.pesan == (f"{NOTA} menghasilkan lebih dari 1 MB teks: pengisian dihentikan. Periksa perulangan "
                         "{% for %} dan teks yang diulang di templat, atau kurangi data yang diulang.")
    assert exc.langkah < 10_000  # about 1 000 paragraphs of its 10**10


def test_batas_teks_bawaan_20_mb():
    exc = _gagal(PARAGRAF_1KB, detik=60)
    assert "menghasilkan lebih dari 20 MB teks" in exc.pesan
    assert exc.langkah < 100_000


def test_teks_yang_ditampung_makro_dan_set_ikut_dihitung():
    blok = "{% set x %}" + PARAGRAF_1KB + "{% endset %}"
    makro = "{% macro m() %}" + PARAGRAF_1KB + "{% endmacro %}{{ m() }}"
    for templat in (blok, makro):
        assert "menghasilkan lebih dari 1 MB teks" in _gagal(templat, detik=60, teks=1024 * 1024).pesan


def test_templat_bawaan_dengan_batas_kecil_422_menyebut_berkasnya():
    with pytest.raises(TemplatTerlaluBerat) as info:
        render("nota-dinas", _nota(), templates_dir=TEMPLATES, basis=SAMPLES, batas_teks=10 * 1024)
    assert info.value.status == 422
    assert info.value.pesan.startswith("Templat nota-dinas.docx menghasilkan lebih dari 10 KB teks")


# -- values too large to build ------------------------------------------------------------------------------------

DITOLAK = [
    ("{{ 'x' * 10**9 }}", "perkalian (*) akan membuat teks atau daftar sepanjang 1.000.000.000"),
    ("{{ 9 ** (9 ** 9) }}", "pangkat (**) 387.420.489 terlalu besar (paling besar 100)"),
    ("{{ ((10 ** 100) ** 100) ** 100 }}", "pangkat (**) akan membuat bilangan lebih dari 100.000 bit"),
    ("{% set s = 'x' * 600000 %}{{ s + s }}", "penjumlahan (+)"),
    ("{% set a = 'x' * 600000 %}{% set b = a ~ a %}{{ b|length }}", "penggabungan (~)"),
    ("{% macro m(s, n) %}{{ m(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ m('x', 60) }}", "penggabungan (~)"),
    ("{{ '%0999999999d' % 1 }}", "format (%)"),
    ("{{ 'x'|center(999999999) }}", "filter center"),
    ("{{ '%0999999999d'|format(1) }}", "filter format"),
    ("{% set s = 'x' * 100000 %}{{ s|replace('x', s) }}", "filter replace"),
    ("{% set s = 'x' * 100000 %}{{ s.replace('', s) }}", "metode replace()"),
    ("{% set s = 'x' * 600000 %}{{ [s, s]|join }}", "filter join"),
    ("{% set s = 'x' * 600000 %}{{ [s, s] }}", "mencetak daftar"),
    ("{% set l = [1] %}{% for i in range(60) %}{{ l.extend(l) }}{% endfor %}", "metode extend()"),
    ("{{ [1]|batch(10**8)|list }}", "filter batch"),
]


@pytest.mark.parametrize("templat,uraian", DITOLAK, ids=[u for _, u in DITOLAK])
def test_nilai_raksasa_ditolak_sebelum_dibuat(templat, uraian):
    exc = _gagal(templat, detik=60)
    assert exc.pesan.startswith(f"{NOTA} terlalu berat: {uraian}")
    assert exc.pesan.endswith("; ekspresi itu tidak dijalankan. Perbaiki templatnya atau kurangi datanya.")
    assert exc.langkah < 1000  # refused at once, not after building anything


def test_pangkat_jinja_dari_kiri_tetap_kecil():
    """Jinja reads `9 ** 9 ** 9` as (9 ** 9) ** 9, a 78-digit number: computed at once, not refused."""
    assert str((9**9) ** 9) in _teks(_isi("Hasil {{ 9 ** 9 ** 9 }}").docx)
    assert "x" * MAKS_PANJANG in _teks(_isi("{{ 'x' * 1000000 }}").docx)  # the limit itself is allowed


# -- normal templates -----------------------------------------------------------------------------------------------

BIASA = [
    "{% for x in xs %}{{ loop.index }}/{{ loop.length }}/{{ loop.revindex }}{{ '|' if not loop.last }}"
    "{% else %}kosong{% endfor %}",
    "{% for x in xs|select('odd') %}{{ x }}{{ loop.length }}{{ loop.last }}{% endfor %}{% for x in [] %}a{% else %}-"
    "{% endfor %}",
    "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}{% for x in xs if x > 1 %}{{ x }}{% endfor %}",
    "{% for n in pohon recursive %}[{{ n.nama }}{% if n.anak %}{{ loop(n.anak) }}{% endif %}]{% endfor %}",
    "{% macro m(a, b='B') %}<{{ a }}{{ b }}{{ caller() }}>{% endmacro %}{% call m(1) %}isi &{% endcall %}",
    "{% set blok %}A&{{ s }}{% endset %}{{ blok }}|{{ blok|length }}{% filter upper %}halo {{ s }}{% endfilter %}",
    "{{ s ~ '-' ~ 3 ~ xs }}{{ '%s/%03d' % (s, 7) }}{{ s + '!' }}{{ xs + [9] }}{{ 'ab' * 3 }}{{ 2 ** 10 }}{{ 7 % 3 }}",
    "{{ xs|join(', ') }}{{ s|replace('&', 'dan') }}{{ s|center(20) }}{{ '%s-%s'|format(1, s) }}{{ s|indent(2) }}",
    "{{ s|wordwrap(3) }}{{ xs|batch(2)|list }}{{ xs|slice(2)|list }}{{ d|tojson }}{{ d|pprint }}{{ xs|sum }}",
    "{{ s.upper() }}{{ s.replace('a', 'b') }}{{ '{}:{:>5}'.format(s, 1) }}{{ ', '.join(['a', 'b']) }}{{ s.zfill(9) }}",
    "{{ angka|angka }}{{ angka|rupiah }}{{ 12|romawi }}{{ xs }}{{ d }}{{ kosong }}",
    "{% set l = [] %}{% for x in xs %}{{ l.append(x * 2) or '' }}{% endfor %}{{ l }}",
]
KONTEKS = {"xs": [1, 2, 3], "d": {"a": 1, "b": "<x>"}, "s": "Satu & <dua>", "angka": 1234567, "kosong": None,
           "pohon": [{"nama": "a", "anak": [{"nama": "b", "anak": []}]}]}


def _sandbox_biasa() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                               loader=DictLoader({}))
    env.filters.update(FILTERS)
    return env


@pytest.mark.parametrize("sumber", BIASA)
def test_templat_biasa_sama_seperti_sandbox_jinja(sumber):
    env = jinja_env()
    tpl = env.from_string(sumber)
    assert isinstance(tpl, TemplatBatas)  # the class docxtpl's from_string(...).render(...) goes through
    assert tpl.render(copy.deepcopy(KONTEKS)) == _sandbox_biasa().from_string(sumber).render(copy.deepcopy(KONTEKS))


@pytest.mark.parametrize("sumber", ["{% for x in tidak_ada %}{% endfor %}", "{{ tidak_ada ~ 'x' }}",
                                    "{{ tidak_ada|upper }}", "{{ tidak_ada.x }}"])
def test_variabel_tidak_ada_tetap_undefined_error(sumber):
    with pytest.raises(UndefinedError):
        jinja_env().from_string(sumber).render({})


def test_cli_templat_berat_pesan_tanpa_traceback(tmp_path):
    folder = tmp_path / "templat"
    folder.mkdir()
    (folder / "nota-dinas.docx").write_bytes(_docx(PARAGRAF_1KB))
    masukan = tmp_path / "nota.json"
    data = _nota()
    data["instansi"].pop("logo")
    masukan.write_text(json.dumps(data), encoding="utf-8")
    r = CliRunner().invoke(cli, ["render", "nota-dinas", str(masukan), "-o", str(tmp_path / "a.docx"),
                                 "--templates", str(folder)])
    assert r.exit_code == 2
    assert "Galat: Templat nota-dinas.docx menghasilkan lebih dari 20 MB teks" in r.output
    assert "Traceback" not in r.output and not (tmp_path / "a.docx").exists()


def test_batas_dari_lingkungan(monkeypatch):
    monkeypatch.delenv("DOCGEN_BATAS_RENDER_DETIK", raising=False)
    monkeypatch.delenv("DOCGEN_BATAS_RENDER_MB", raising=False)
    assert batas_bawaan() == (BATAS_DETIK, BATAS_TEKS) == (20.0, 20 * 1024 * 1024)
    monkeypatch.setenv("DOCGEN_BATAS_RENDER_DETIK", "2,5")
    monkeypatch.setenv("DOCGEN_BATAS_RENDER_MB", "0.5")
    assert batas_bawaan() == (2.5, 512 * 1024)
    assert "menghasilkan lebih dari 512 KB teks" in _gagal(PARAGRAF_1KB, detik=60).pesan  # read at each render
    monkeypatch.setenv("DOCGEN_BATAS_RENDER_DETIK", "nol")
    with pytest.raises(DocgenError) as info:
        batas_bawaan()
    assert info.value.status == 500
    assert info.value.pesan == "DOCGEN_BATAS_RENDER_DETIK harus bilangan lebih dari 0 (mis. 20), bukan 'nol'."


# -- the web app --------------------------------------------------------------------------------------------------


@pytest.fixture
def app_berat(app, client, masuk, monkeypatch):
    """The app with a 2-second render deadline (DOCGEN_BATAS_RENDER_DETIK) and, uploaded by the agency admin, a
    template that passes the trial render of the sample but loops without end over any paragraph of `isi` past the
    third."""
    monkeypatch.setenv("DOCGEN_BATAS_RENDER_DETIK", "2")
    app.config["PDF_AKTIF"] = False
    masuk("admin")
    r = client.post("/profil/templat/nota-dinas", data={"berkas": (io.BytesIO(_docx(BERAT_BILA_DATA)), "berat.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)
    client.post("/keluar")
    return app


def test_web_templat_berat_422_dengan_pesan(app_berat, client, token):
    r = client.post("/api/v1/dokumen/nota-dinas", json=_data_berat(), headers=token("perencana"))
    assert r.status_code == 422, r.get_data(as_text=True)
    assert r.get_json()["error"].startswith(f"{NOTA} terlalu berat: pengisian dihentikan setelah 2 detik")
    data = {**_data_berat(), "isi": _nota()["isi"]}
    assert client.post("/api/v1/dokumen/nota-dinas", json=data, headers=token("perencana")).status_code == 200


def test_web_masuk_selesai_selagi_templat_berat_diisi(app_berat, token, monkeypatch):
    asli = layanan_dokumen.render
    mulai, waktu = threading.Event(), {}

    def render_diamati(*args, **kwargs):
        mulai.set()
        try:
            return asli(*args, **kwargs)
        finally:
            waktu["render_selesai"] = time.monotonic()

    monkeypatch.setattr(layanan_dokumen, "render", render_diamati)
    kepala, jawaban = token("perencana"), {}

    def berat() -> None:
        jawaban["r"] = app_berat.test_client().post("/api/v1/dokumen/nota-dinas", json=_data_berat(), headers=kepala)

    t = threading.Thread(target=berat)
    t.start()
    try:
        assert mulai.wait(30)
        lain = app_berat.test_client()
        r = lain.post("/masuk", data={"username": "kepala", "password": app_berat.config["AKUN_DEMO"]["kepala"]})
        waktu["masuk_selesai"] = time.monotonic()
        assert r.status_code == 302, r.get_data(as_text=True)
    finally:
        t.join(60)
    assert not t.is_alive() and jawaban["r"].status_code == 422
    assert "render_selesai" in waktu and waktu["masuk_selesai"] < waktu["render_selesai"]
    assert lain.get("/beranda").status_code == 200  # signed in


def test_web_unggahan_yang_selalu_berat_ditolak_dengan_pesan(app, client, masuk, monkeypatch):
    monkeypatch.setenv("DOCGEN_BATAS_RENDER_DETIK", "1")
    masuk("admin")
    r = client.post("/profil/templat/nota-dinas", data={"berkas": (io.BytesIO(_docx(TIGA_LAPIS)), "berat.docx")},
                    content_type="multipart/form-data")
    teks = r.get_data(as_text=True)
    assert r.status_code == 422
    assert f"percobaan mengisi templat dengan data contoh gagal: {NOTA} terlalu berat: pengisian dihentikan " \
           "setelah 1 detik" in teks
