"""Random JSON to every POST route of the API: whatever the body, the answer is a documented status with the JSON
error shape, never a 500 or a traceback. Bounded: a few examples per route (DOCGEN_UJI_ACAK raises it)."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen import documents
from tests.data_uji import sampel_dokumen

BANYAK = int(os.environ.get("DOCGEN_UJI_ACAK") or 8)
STATUS_SAH = {200, 201, 400, 404, 409, 413, 422, 503}

ANGKA_EKSTREM = [10**25, -(10**25), 1e308, -1e-308, 2**31, 2**63, 0.1, -0.0]
TEKS_EKSTREM = ["", " ", "\u0000", "a\u0000b", "\u202e", "=1+1", "{{ 7*7 }}", "{tahun:>1000000}", "9999-12-31",
                "1900-01-01", "x" * 5000, "\ud83d\ude00", "../../etc/passwd", "<w:t>", "12.5", "1.250,5"]
skalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                   st.sampled_from(ANGKA_EKSTREM), st.sampled_from(TEKS_EKSTREM))
kunci = st.one_of(st.sampled_from(["instansi", "nomor", "tanggal", "kinerja", "sasaran", "indikator", "target",
                                   "penandatangan", "nip", "pola", "urut", "seri", "cara", "logo", "item", "diktum"]),
                  st.text(max_size=10))
json_acak = st.recursive(skalar, lambda anak: st.one_of(st.lists(anak, max_size=4),
                                                        st.dictionaries(kunci, anak, max_size=5)), max_leaves=12)


def _bersarang(n: int) -> str:
    return "[" * n + "]" * n


badan = st.one_of(
    json_acak.map(json.dumps),
    st.dictionaries(kunci, json_acak, max_size=6).map(json.dumps),
    st.integers(10, 5000).map(_bersarang),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
    st.sampled_from(["", "{", "null", "[]", '{"a": NaN}', '{"a": 1e999}', "\ufeff{}", '{"a": "\\u0000"}']),
)
RUTE = [f"/api/v1/dokumen/{j.slug}" for j in documents.semua()] + [
    "/api/v1/dokumen/{id}/final", "/api/v1/capaian", "/api/v1/dokumen/{id}/final?x=1", "/api/v1/siklus",
    "/api/v1/nomor"]


@pytest.mark.parametrize("rute", RUTE)
def test_badan_acak_tidak_pernah_500(app, client, token, rute):
    app.config["PDF_AKTIF"] = False
    header = {**token("perencana"), "Content-Type": "application/json"}
    # a stored draft to finalise, so the final route reads its body instead of stopping at 404
    r = client.post("/api/v1/dokumen/nota-dinas", headers=header, json=sampel_dokumen("nota-dinas"))
    assert r.status_code == 200, r.get_data(as_text=True)
    dok_id = r.headers["X-Dokumen-Id"]
    url = rute.replace("{id}", dok_id)

    @settings(max_examples=BANYAK, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(isi=badan, format_=st.sampled_from(["", "?format=docx", "?format=pdf", "?format=%00", "?format=x"]))
    def uji(isi, format_):
        jawab = client.post(url + ("" if "?" in url else format_), headers=header, data=isi.encode("utf-8",
                                                                                                   "surrogatepass"))
        teks = jawab.get_data(as_text=True)
        assert jawab.status_code in STATUS_SAH, (jawab.status_code, teks[:300])
        assert "Traceback" not in teks
        if jawab.status_code >= 400:
            galat = jawab.get_json()
            assert set(galat) == {"error", "fields"} and galat["error"], teks[:300]

    uji()
