"""The JSON API under /api/v1: bearer tokens, statuses and error shape, documents, capaian, OpenAPI."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from sqlalchemy import select

from docgen import documents
from docgen.teks_docx import teks_docx
from tests.conftest import SAMPLES
from web.inti.db import sesi
from web.inti.models import Dokumen, Pengguna
from web.inti.penyimpanan import penyimpanan

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _contoh(slug: str) -> dict:
    return json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8"))


@pytest.fixture
def tanpa_pdf(app):
    app.config["PDF_AKTIF"] = False
    return app


def _nota_dinas() -> dict:
    data = _contoh("nota-dinas")
    data["instansi"].pop("logo")  # a logo path may not be sent through the API; the profile's is used
    return data


# -- errors ------------------------------------------------------------------------------------------------------


def test_tanpa_token_401(client):
    r = client.get("/api/v1/jenis")
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert r.get_json() == {"error": "Token API diperlukan: kirim header 'Authorization: Bearer <token>'.",
                            "fields": {}}


@pytest.mark.parametrize("header", ["Bearer dg_salah", "Basic YWRtaW46YWRtaW4=", "Bearer", "dg_tanpa_skema"])
def test_token_salah_401(client, header):
    r = client.post("/api/v1/dokumen/nota-dinas", headers={"Authorization": header}, json={})
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert set(r.get_json()) == {"error", "fields"} and r.get_json()["fields"] == {}


def test_token_pengguna_nonaktif_401(app, client, token):
    h = token("kepala")
    with app.app_context():
        sesi().scalar(select(Pengguna).where(Pengguna.username == "kepala")).aktif = False
        sesi().commit()
    r = client.get("/api/v1/jenis", headers=h)
    assert r.status_code == 401
    assert r.get_json() == {"error": "Token API tidak sah atau penggunanya tidak aktif.", "fields": {}}


def test_peran_tidak_berwenang_403(client, token, tanpa_pdf):
    r = client.post("/api/v1/dokumen/nota-dinas", headers=token("bidang.kompetensi"), json=_nota_dinas())
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang membuat Nota Dinas.", "fields": {}}


def test_capaian_403_untuk_arsiparis(client, token):
    r = client.post("/api/v1/capaian", headers=token("arsiparis"), json=_contoh("capaian"))
    assert r.status_code == 403
    assert r.get_json() == {"error": "Peran Anda tidak berwenang melihat capaian kinerja.", "fields": {}}


def test_slug_tidak_dikenal_404(client, token):
    h = token("perencana")
    daftar = ", ".join(j.slug for j in documents.semua())
    galat = {"error": f"Jenis dokumen 'tidak-ada' tidak dikenal. Yang tersedia: {daftar}",
             "fields": {"jenis": "tidak dikenal"}}
    for r in (client.post("/api/v1/dokumen/tidak-ada", headers=h, json={}),
              client.get("/api/v1/jenis/tidak-ada/schema", headers=h)):
        assert r.status_code == 404
        assert r.get_json() == galat


def test_rute_tidak_dikenal_404_json(client, token):
    r = client.get("/api/v1/tidak-ada", headers=token("perencana"))
    assert r.status_code == 404
    assert r.get_json() == {"error": "Halaman atau data tidak ditemukan.", "fields": {}}


def test_masukan_salah_422(client, token, tanpa_pdf):
    data = _nota_dinas()
    data["hal"] = ""
    r = client.post("/api/v1/dokumen/nota-dinas", headers=token("kepala"), json=data)
    assert r.status_code == 422
    assert r.get_json() == {"error": "Data masukan tidak sah: 1 kolom perlu diperbaiki",
                            "fields": {"hal": "tidak boleh kosong"}}


# Not JSON, not an object, not UTF-8, nested past the limit, nested past Python's recursion limit.
@pytest.mark.parametrize("badan", [b"bukan json", b"", b"[1, 2]", b'"teks"', b"\xff\xfe",
                                   b'{"a": ' + b"[" * 100 + b"]" * 100 + b"}", b"[" * 100_000 + b"]" * 100_000])
def test_badan_bukan_json_422(client, token, tanpa_pdf, badan):
    h = {**token("perencana"), "Content-Type": "application/json"}
    for url in ("/api/v1/dokumen/nota-dinas", "/api/v1/capaian"):
        r = client.post(url, headers=h, data=badan)
        assert r.status_code == 422, r.get_data(as_text=True)
        j = r.get_json()
        assert j["error"] == "Badan permintaan harus JSON" and set(j) == {"error", "fields"}


@pytest.mark.parametrize("badan", [
    {"instansi": "x"}, {"hal": None}, {"hal": 5, "nomor": []}, {"kinerja": {"sasaran": "x"}},
    {"instansi": {"logo": "/etc/passwd"}}, {"tidak_dikenal": 1}, {"hal": "\x00" * 10},
])
def test_masukan_aneh_tidak_500(client, token, tanpa_pdf, badan):
    h = token("perencana")
    for slug in ("nota-dinas", "lkjip", "formulir-capaian"):
        r = client.post(f"/api/v1/dokumen/{slug}", headers=h, json=badan)
        assert r.status_code == 422, (slug, r.get_data(as_text=True))
        assert set(r.get_json()) == {"error", "fields"} and r.get_json()["fields"]
    r = client.post("/api/v1/capaian", headers=h, json=badan)
    assert r.status_code == 422 and set(r.get_json()) == {"error", "fields"}


def test_logo_dari_klien_ditolak(client, token, tanpa_pdf):
    r = client.post("/api/v1/dokumen/nota-dinas", headers=token("kepala"), json=_contoh("nota-dinas"))
    assert r.status_code == 422
    assert list(r.get_json()["fields"]) == ["instansi.logo"]


def test_format_tidak_dikenal_422(client, token, tanpa_pdf):
    r = client.post("/api/v1/dokumen/nota-dinas?format=odt", headers=token("kepala"), json=_nota_dinas())
    assert r.status_code == 422
    assert r.get_json() == {"error": "Format tidak dikenal", "fields": {"format": "harus salah satu dari: docx, pdf"}}


def test_pdf_tidak_aktif_503(client, token, tanpa_pdf):
    r = client.post("/api/v1/dokumen/nota-dinas?format=pdf", headers=token("kepala"), json=_nota_dinas())
    assert r.status_code == 503 and set(r.get_json()) == {"error", "fields"}


def test_konversi_gagal_503(app, client, token, monkeypatch):
    from docgen.errors import KonversiGagal
    from web.layanan import pdf

    class Rusak:
        def ke_pdf(self, docx, **_tujuan):
            raise KonversiGagal("LibreOffice tidak menjawab.")

    monkeypatch.setitem(app.extensions, pdf.KUNCI, Rusak())
    r = client.post("/api/v1/dokumen/nota-dinas?format=pdf", headers=token("kepala"), json=_nota_dinas())
    assert r.status_code == 503
    assert r.get_json() == {"error": "LibreOffice tidak menjawab.", "fields": {}}


def test_metode_salah_405_json(client, token):
    r = client.get("/api/v1/capaian", headers=token("perencana"))
    assert r.status_code == 405 and r.headers["Allow"] == "OPTIONS, POST"
    assert r.get_json() == {"error": "Metode tidak diizinkan.", "fields": {}}


def test_tanpa_csrf(app, token):
    """The API uses bearer tokens, so it works with CSRF protection switched on."""
    app.config["WTF_CSRF_ENABLED"] = True
    app.config["PDF_AKTIF"] = False
    r = app.test_client().post("/api/v1/capaian", headers=token("perencana"), json=_contoh("capaian"))
    assert r.status_code == 200, r.get_data(as_text=True)


# -- types and schemas -------------------------------------------------------------------------------------------


def test_jenis_menurut_peran(client, token):
    r = client.get("/api/v1/jenis", headers=token("kepala"))
    assert r.status_code == 200
    jenis = r.get_json()["jenis"]
    assert [j["slug"] for j in jenis] == ["keputusan-sop", "nota-dinas", "lembar-disposisi"]
    nd = jenis[1]
    assert nd == {"slug": "nota-dinas", "judul": "Nota Dinas",
                  "keterangan": documents.dapatkan("nota-dinas").keterangan,
                  "schema": "/api/v1/jenis/nota-dinas/schema"}
    semua = client.get("/api/v1/jenis", headers=token("perencana")).get_json()["jenis"]
    assert [j["slug"] for j in semua] == [j.slug for j in documents.semua()]
    assert client.get("/api/v1/jenis", headers=token("arsiparis")).get_json() == {"jenis": []}


@pytest.mark.parametrize("slug", [j.slug for j in documents.semua()])
def test_schema_sama_dengan_docgen(client, token, slug):
    r = client.get(f"/api/v1/jenis/{slug}/schema", headers=token("bidang.mutasi"))
    assert r.status_code == 200
    assert r.get_json() == documents.dapatkan(slug).schema()


# -- documents ---------------------------------------------------------------------------------------------------


def test_nota_dinas_docx(app, client, token, tanpa_pdf):
    data = _nota_dinas()
    data["hal"] = 'Uji & <karakter> "khusus"'
    r = client.post("/api/v1/dokumen/nota-dinas", headers=token("kepala"), json=data)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.mimetype == DOCX
    dok_id = int(r.headers["X-Dokumen-Id"])
    assert r.headers["Content-Disposition"] == f"attachment; filename=nota-dinas-{dok_id}.docx"
    teks = teks_docx(r.data)
    assert 'Uji & <karakter> "khusus"' in teks and "NOTA DINAS" in teks
    with app.app_context():
        dok = sesi().get(Dokumen, dok_id)
        assert dok.slug == "nota-dinas" and dok.pembuat.username == "kepala" and dok.berkas_pdf is None
        assert penyimpanan().baca(dok.berkas_docx) == r.data


def test_instansi_dari_profil(client, token, tanpa_pdf):
    data = _nota_dinas()
    data.pop("instansi")
    r = client.post("/api/v1/dokumen/nota-dinas", headers=token("sekretaris"), json=data)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA" in teks_docx(r.data)


def test_header_peringatan(client, token, tanpa_pdf):
    data = _nota_dinas()
    data["hal"] = "Rapat\x07 evaluasi — kinerja"
    r = client.post("/api/v1/dokumen/nota-dinas", headers=token("kepala"), json=data)
    assert r.status_code == 200, r.get_data(as_text=True)
    mentah = r.headers["X-Peringatan"]
    assert mentah.isascii()
    peringatan = [unquote(p) for p in mentah.split(",")]
    assert any(p.startswith("hal:") for p in peringatan), peringatan
    assert "Rapat evaluasi — kinerja" in teks_docx(r.data)


@pytest.mark.pdf
def test_nota_dinas_pdf(app, client, token):
    r = client.post("/api/v1/dokumen/nota-dinas?format=pdf", headers=token("kepala"), json=_nota_dinas())
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.mimetype == "application/pdf" and r.data[:4] == b"%PDF"
    dok_id = r.headers["X-Dokumen-Id"]
    assert r.headers["Content-Disposition"] == f"attachment; filename=nota-dinas-{dok_id}.pdf"


# -- capaian -----------------------------------------------------------------------------------------------------


def test_capaian(client, token):
    r = client.post("/api/v1/capaian", headers=token("bidang.kompetensi"), json=_contoh("capaian"))
    assert r.status_code == 200, r.get_data(as_text=True)
    baris = {b["kode"]: b for b in r.get_json()["baris"]}
    assert baris["IKU 1"]["capaian"] == 103.63
    assert baris["IKU 1"]["realisasi"] == 74.61 and baris["IKU 1"]["target"] == 72


def test_capaian_bidang_kinerja(client, token):
    """The body may also be a document input with the data under "kinerja", as `docgen capaian` accepts."""
    r = client.post("/api/v1/capaian", headers=token("perencana"), json={"kinerja": _contoh("capaian")})
    assert r.status_code == 200
    assert r.get_json()["baris"][0]["capaian"] == 103.63


def test_capaian_masukan_salah(client, token):
    data = _contoh("capaian")
    data["sasaran"][0]["indikator"][0]["target"] = "dua belas"
    r = client.post("/api/v1/capaian", headers=token("perencana"), json=data)
    assert r.status_code == 422
    j = r.get_json()
    assert j["error"] == "Data masukan tidak sah: 1 kolom perlu diperbaiki"
    assert list(j["fields"]) == ["sasaran.0.indikator.0.target"]


# -- OpenAPI -----------------------------------------------------------------------------------------------------


def _openapi(client) -> dict:
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    return r.get_json()


def test_openapi_memuat_setiap_rute(app, client):
    doc = _openapi(client)
    assert doc["openapi"].startswith("3.1")
    rute = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            jalur = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            metode = {m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}}
            if jalur.endswith("/dokumen/{slug}"):  # described once per document type, each with its own body
                rute.update({jalur.replace("{slug}", j.slug): metode for j in documents.semua()})
            else:
                rute.setdefault(jalur, set()).update(metode)  # GET and POST of a path may be two routes
    assert rute  # the blueprint is registered
    assert {p: set(ops) for p, ops in doc["paths"].items()} == rute
    assert doc["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer", "description": "Token dari `docgen token create USERNAME`"}
    assert doc["components"]["schemas"]["Galat"]["required"] == ["error", "fields"]


def test_openapi_skema_per_slug_dan_ref_konsisten(client):
    doc = _openapi(client)
    skema = doc["components"]["schemas"]
    for j in documents.semua():
        operasi = doc["paths"][f"/dokumen/{j.slug}"]["post"]
        assert operasi["requestBody"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/Masukan.{j.slug}"}
        asli = j.schema()
        masukan = skema[f"Masukan.{j.slug}"]
        assert "$defs" not in masukan and "$id" not in masukan
        pilihan = {"tahun_kinerja", "triwulan_kinerja"} if "kinerja" in asli["properties"] else set()
        assert set(masukan["properties"]) == set(asli["properties"]) | pilihan  # the plan year of SAKIP papers
        for nama in asli.get("$defs", {}):
            assert f"{j.slug}.{nama}" in skema

    def refs(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k == "$ref":
                    yield x
                else:
                    yield from refs(x)
        elif isinstance(v, list):
            for x in v:
                yield from refs(x)

    semua = list(refs(doc))
    assert semua and not [r for r in semua if r.startswith("#/$defs/")]
    for r in semua:
        bagian = r.removeprefix("#/").split("/")
        node = doc
        for b in bagian:
            node = node[b]  # KeyError means a dangling reference


def test_openapi_sah():
    from openapi_spec_validator import validate

    from web.api.openapi import dokumen_openapi

    validate(dokumen_openapi())


# -- token command -----------------------------------------------------------------------------------------------


def test_perintah_token_create(app, client, monkeypatch):
    from click.testing import CliRunner

    from web.perintah.akun import token

    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("DOCGEN_STORAGE", str(app.config["PENYIMPANAN"]))
    hasil = CliRunner().invoke(token, ["create", "perencana"])
    assert hasil.exit_code == 0, hasil.output
    t = hasil.output.strip()
    assert t.startswith("dg_")
    r = client.get("/api/v1/jenis", headers={"Authorization": f"Bearer {t}"})
    assert r.status_code == 200 and len(r.get_json()["jenis"]) == len(documents.semua())

    gagal = CliRunner().invoke(token, ["create", "tidak.ada"])
    assert gagal.exit_code == 2 and "tidak ada" in gagal.output


# -- added: 413, the CLI's own schema output, samples against the hoisted OpenAPI schemas -------------------------


def test_badan_terlalu_besar_413(client, token, tanpa_pdf):
    besar = b'{"hal": "' + b"a" * (10 * 1024 * 1024) + b'"}'
    r = client.post("/api/v1/dokumen/nota-dinas", data=besar, content_type="application/json",
                    headers=token("kepala"))
    assert r.status_code == 413
    assert r.get_json() == {"error": "Berkas terlalu besar (paling besar 10 MB).", "fields": {}}


def test_schema_sama_dengan_perintah_docgen_schema(client, token):
    from click.testing import CliRunner

    from docgen.cli import cli

    h = token("arsiparis")
    for j in documents.semua():
        keluaran = CliRunner().invoke(cli, ["schema", j.slug])
        assert keluaran.exit_code == 0, keluaran.output
        assert client.get(f"/api/v1/jenis/{j.slug}/schema", headers=h).get_json() == json.loads(keluaran.output)


def test_openapi_skema_menerima_contoh(client):
    """The hoisted request schemas judge every sample exactly as docgen's own schema does (keputusan-sop's
    sample has plain-text diktum items, which the model accepts but its JSON Schema does not), and leaving
    out instansi/kinerja adds no error."""
    from jsonschema import Draft202012Validator

    def galat(v, data) -> set:
        return {(tuple(e.absolute_path), e.message) for e in v.iter_errors(data)}

    doc = _openapi(client)
    for j in documents.semua():
        v = Draft202012Validator({"$ref": f"#/components/schemas/Masukan.{j.slug}", "components": doc["components"]})
        data = _contoh(j.slug)
        assert galat(v, data) == galat(Draft202012Validator(j.schema()), data), j.slug
        tanpa = {k: x for k, x in data.items() if k not in ("instansi", "kinerja")}
        assert galat(v, tanpa) == galat(v, data), j.slug
    v = Draft202012Validator({"$ref": doc["paths"]["/capaian"]["post"]["requestBody"]["content"]["application/json"]
                              ["schema"]["$ref"], "components": doc["components"]})
    assert not galat(v, _contoh("capaian"))
