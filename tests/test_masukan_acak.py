"""Random input never crashes rendering: every document type answers random JSON objects, and its sample with
random changes, with a document or a DocgenError, never another exception.

The sample changes are mostly values of the same kind at their edges (so the paper often stays valid and its
figures, dates and numbers reach the formatting and arithmetic), sometimes any JSON value (deep nesting
included) or a deleted field. Bounded (hypothesis): DOCGEN_UJI_ACAK examples per type and test (25 unless
set; the LKjIP, whose charts take seconds, gets half of them). DOCGEN_UJI_ACAK=500 searches longer.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import os
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen import documents
from docgen.errors import DocgenError
from docgen.render import render
from tests.conftest import SAMPLES, TEMPLATES

JENIS = documents.semua()
CONTOH = {j.slug: json.loads((SAMPLES / f"{j.slug}.json").read_text(encoding="utf-8")) for j in JENIS}
BANYAK = int(os.environ.get("DOCGEN_UJI_ACAK", "25"))
LAMBAT = {"lkjip": 2}  # divisor of BANYAK for the types that take seconds per document

# Figures at the edges a valid input may reach (10^15, a millionth, zero) and beyond them.
ANGKA_WAJAR = [0, -0.0, 1, -1, 4, 5, 1945, 2100, 10**6, 2**53, 10**15, -10**15, 999999999999999.9, 0.000001,
               1e-7, -1e-7, 0.1 + 0.2, 123456.789012, 72.5]
TEKS_ANGKA = ["1.000.000.000.000.000", "-1.000.000.000.000.000", "0,000001", "-0,0000001", "999.999.999.999.999,99",
              "12,5", "1.250", "0", "12.5", "NaN", "Infinity", "sNaN", "1e400", "1E-999999", "9" * 5000,
              "0," + "0" * 90 + "1", "99999999999999999999,999999", "", "-", "12,5%"]
ANGKA_EKSTREM = [*ANGKA_WAJAR, 10**6 + 1, 10**15 + 1, -10**15 - 1, 10**25, -10**30, 2**63, 10**400, 1e25, -1e25,
                 1e308, -1e308, 5e-324, 1e-30, float("nan"), float("inf"), float("-inf"), *TEKS_ANGKA]
TANGGAL_EKSTREM = ["0001-01-01", "1899-12-31", "1944-12-31", "1945-01-01", "2100-12-31", "2101-01-01",
                   "9999-12-31", "2025-02-30", "2025-01-20T10:00:00", "2025-01-20T10:00:00+07:00", "20-01-2025"]
TEKS_EKSTREM = [
    "", " ", "-", "{tahun:>1000000}", "{urut!r}", "{tahun:{x}}", "{", "}", "{}", "{0}", "{kode_unit.__class__}",
    "\x00\x01\x1b\x7f\x85\ufffe\u2028", "\ud800", "\u202eterbalik", "<w:p>&amp;", "{{ 7*7 }}", "{%p if x %}",
    "24:00", "23:59", "x" * 1001, "kata " * 2000, "IV/z", "iv / C", "19700113 199009 1 002",
    "199001132030011002", "000000000000000000", "a.n.", "Plt.", "999999999999 hari", "1,5 jam", "10000 hari",
    "\U0001d54f" * 10, "naik", "turun", "rentang", "kumulatif", "rata_rata", "terakhir", "kustom", "A4", "F4",
    "PERTAMA", "keputusan", "proses", "ada", "tidak ada", "Segera", "WIT", "logo/pesisir-selatan.png",
    "/etc/passwd", ".", *TANGGAL_EKSTREM,
]
POTONGAN_POLA = ["{urut}", "{tahun}", "{kode_unit}", "{bulan}", "{", "}", "{{", "}}", ":", "/", "{tahun:",
                 "{urut:x}", "{tahun:{x}}", "{bulan:d}", "{tahun:>99}", "{urut!r}", "{kode_klasifikasi[0]}",
                 "{bulan.real}", "{}"]


def _kunci(data: Any, hasil: set[str]) -> set[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            hasil.add(k)
            _kunci(v, hasil)
    elif isinstance(data, list):
        for v in data:
            _kunci(v, hasil)
    return hasil


def _jalur(data: Any, awal: tuple = ()) -> list[tuple]:
    """Every path into a JSON value (dict keys and list indexes), the value itself first."""
    hasil = [awal]
    anak = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for k, v in anak:
        hasil += _jalur(v, (*awal, k))
    return hasil


def jenis_nilai(v: Any) -> str:
    """The kind of a sample value a change is aimed at: angka, teks_angka (digits as text: a figure, a NIP, a
    postcode), tanggal, jam, pola, teks, daftar, objek or lain."""
    if isinstance(v, bool) or v is None:
        return "lain"
    if isinstance(v, int | float):
        return "angka"
    if isinstance(v, str):
        for jenis, pola in (("tanggal", r"\d{4}-\d{2}-\d{2}"), ("jam", r"\d{2}:\d{2}"),
                            ("teks_angka", r"[\d.,\s-]+")):
            if re.fullmatch(pola, v):
                return jenis
        return "pola" if "{" in v else "teks"
    return "daftar" if isinstance(v, list) else "objek"


def _kelompok(data: Any) -> dict[str, dict[int, list[tuple]]]:
    """A sample's paths by the kind of their value, then by depth: a change picks a kind, a depth, then a path,
    so the one pattern and the few dates or top-level lists (diktum) are hit about as often as the many texts
    and the deep figures of the plan."""
    hasil: dict[str, dict[int, list[tuple]]] = {}
    for jalur in _jalur(data)[1:]:
        nilai = data
        for k in jalur:
            nilai = nilai[k]
        hasil.setdefault(jenis_nilai(nilai), {}).setdefault(len(jalur), []).append(jalur)
    return hasil


KUNCI = sorted(set().union(*(_kunci(c, set()) for c in CONTOH.values())))
JALUR = {slug: _kelompok(c) for slug, c in CONTOH.items()}


def jalur_acak(slug: str) -> st.SearchStrategy:
    kelompok = JALUR[slug]
    return st.sampled_from(sorted(kelompok)).flatmap(
        lambda jenis: st.sampled_from(sorted(kelompok[jenis])).flatmap(
            lambda n: st.sampled_from(kelompok[jenis][n])))


def _bersarang(n: int) -> Any:
    """Lists and objects nested n levels deep, built without recursion."""
    nilai: Any = "dalam"
    for i in range(n):
        nilai = [nilai] if i % 2 else {"isi": nilai}
    return nilai


skalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40),
    st.sampled_from(ANGKA_EKSTREM), st.sampled_from(TEKS_EKSTREM),
)
kunci = st.one_of(st.sampled_from(KUNCI), st.text(max_size=12))
json_acak = st.recursive(
    skalar, lambda anak: st.one_of(st.lists(anak, max_size=5), st.dictionaries(kunci, anak, max_size=5)),
    max_leaves=15,
)
nilai_acak = st.one_of(json_acak, json_acak, json_acak, json_acak, json_acak, st.integers(20, 3000).map(_bersarang))


def sejenis(asli: Any) -> st.SearchStrategy:
    """Values of the same JSON kind as `asli`, at its edges: numbers huge, tiny or not finite; dates of any year;
    patterns with stray braces and format specs; long, empty or odd text; a list cut to one item, none, or many."""
    jenis = jenis_nilai(asli)
    if isinstance(asli, bool):
        return st.booleans()
    if jenis == "angka":
        return st.one_of(st.sampled_from(ANGKA_WAJAR), st.sampled_from(ANGKA_WAJAR), st.sampled_from(ANGKA_EKSTREM),
                         st.integers(), st.floats(), st.floats(-1e16, 1e16).map(lambda x: f"{x:.7f}".replace(".", ",")))
    if jenis == "teks_angka":
        return st.one_of(st.sampled_from(TEKS_ANGKA), st.from_regex(r"\A[\d.,]{0,20}\Z"), st.just(asli * 3))
    if jenis == "tanggal":
        return st.one_of(st.dates().map(dt.date.isoformat), st.sampled_from(TANGGAL_EKSTREM))
    if jenis == "jam":
        return st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), st.text(max_size=6))
    if jenis == "pola":
        return st.lists(st.sampled_from(POTONGAN_POLA), max_size=12).map("".join)
    if jenis == "teks":
        return st.one_of(st.sampled_from(TEKS_EKSTREM), st.text(max_size=60), st.just(asli * 40), st.just(""))
    if jenis == "daftar":
        return st.sampled_from([asli[:1], asli[:1], [], asli * 8])
    if jenis == "objek":
        return st.sampled_from([asli, {}])
    return skalar


def _ambil(data: Any, jalur: tuple) -> tuple[Any, bool]:
    for k in jalur:
        try:
            data = data[k]
        except (KeyError, IndexError, TypeError):
            return None, False
    return data, True


def _coba(jenis: documents.JenisDokumen, data: Any) -> None:
    with contextlib.suppress(DocgenError):  # any other exception fails the test
        render(jenis, data, templates_dir=TEMPLATES, basis=SAMPLES)


def _pengaturan(slug: str):
    return settings(max_examples=max(1, BANYAK // LAMBAT.get(slug, 1)), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("jenis", JENIS, ids=[j.slug for j in JENIS])
def test_objek_acak(jenis):
    @_pengaturan(jenis.slug)
    @given(data=st.dictionaries(st.one_of(st.sampled_from(sorted(CONTOH[jenis.slug])), kunci), nilai_acak,
                                max_size=8))
    def uji(data):
        _coba(jenis, data)

    uji()


@pytest.mark.parametrize("jenis", JENIS, ids=[j.slug for j in JENIS])
def test_contoh_diubah_acak(jenis):
    @_pengaturan(jenis.slug)
    @given(st.data())
    def uji(acak):
        data = copy.deepcopy(CONTOH[jenis.slug])
        for _ in range(acak.draw(st.integers(1, 2), label="banyak ubahan")):
            jalur = acak.draw(jalur_acak(jenis.slug), label="jalur")
            asli, ada = _ambil(data, jalur)
            induk, _ = _ambil(data, jalur[:-1])
            if not ada or not isinstance(induk, dict | list):  # an earlier change removed or replaced it
                continue
            cara = acak.draw(st.sampled_from(["sejenis"] * 6 + ["acak", "hapus"]), label="cara")
            if cara == "hapus":
                del induk[jalur[-1]]
            else:
                induk[jalur[-1]] = acak.draw(sejenis(asli) if cara == "sejenis" else nilai_acak, label="nilai")
        _coba(jenis, data)

    uji()
