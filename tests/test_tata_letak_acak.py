"""Layout holds for any length: the letter types rendered with body texts, lists and tables of generated lengths
(one line to about three pages), converted by LibreOffice and read by the layout checker, which finds nothing.

Bounded in examples (DOCGEN_ACAK_TATA_LETAK per type, 4 by default) and derandomized, so CI runs the same cases
every time; raise the number locally to search wider (`DOCGEN_ACAK_TATA_LETAK=40 pytest tests/test_tata_letak_acak.py`).
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen import tata_letak
from docgen.render import render
from tests.conftest import SAMPLES, TEMPLATES

CONTOH = int(os.environ.get("DOCGEN_ACAK_TATA_LETAK", "4"))
BATAS_TEKS = 1000  # characters: the longest one list item or a catatan may be
KATA = ("kinerja", "capaian", "indikator", "sasaran", "program", "kegiatan", "laporan", "data", "realisasi",
        "target", "triwulan", "pengukuran", "pemantauan", "evaluasi", "perencanaan", "anggaran", "serapan", "bidang",
        "sekretariat", "subbagian", "rapat", "tindak", "lanjut", "permasalahan", "dokumen", "pendukung",
        "disampaikan", "dilaksanakan", "berdasarkan", "sesuai", "ketentuan", "peraturan", "Badan", "Kepegawaian",
        "Daerah", "Kabupaten", "Pesisir", "Selatan", "tahun", "2024", "2025", "yang", "dan", "dengan", "untuk",
        "dalam", "pada")


def _teks(panjang: int, mulai: int = 0) -> str:
    """A sentence of `panjang` words (deterministic, so a failing case reads back the same)."""
    kata = [KATA[(mulai * 7 + i * 3) % len(KATA)] for i in range(max(panjang, 1))]
    return (" ".join(kata) + ".").capitalize()


def _daftar(panjang: list[int]) -> list[str]:
    return [_potong(_teks(n, i)) for i, n in enumerate(panjang)]


def _potong(teks: str, maks: int = BATAS_TEKS) -> str:
    """`teks` within a field's limit, cut at a word (the input's limits are checked elsewhere)."""
    return teks if len(teks) <= maks else teks[:maks].rsplit(" ", 1)[0] + "."


panjang_butir = st.lists(st.integers(min_value=3, max_value=70), min_size=1, max_size=22)
panjang_paragraf = st.lists(st.integers(min_value=4, max_value=160), min_size=1, max_size=9)


def _nota_dinas(d: dict, acak: dict) -> None:
    d["isi"] = "\n".join(_daftar(acak["paragraf"]))


def _surat_permintaan_data(d: dict, acak: dict) -> None:
    d["pembuka"] = "\n".join(_daftar(acak["paragraf"][:3]))
    d["data"] = [{"uraian": t, "keterangan": _teks(3, i)} for i, t in enumerate(_daftar(acak["butir"]))]


def _undangan_rapat(d: dict, acak: dict) -> None:
    d["catatan"] = _potong("\n".join(_daftar(acak["paragraf"][:4])))
    d["undangan"] = [_teks(min(n, 12), i) for i, n in enumerate(acak["butir"])]


def _notulen_rapat(d: dict, acak: dict) -> None:
    d["pembahasan"] = _daftar(acak["butir"])
    d["kesimpulan"] = _daftar(acak["paragraf"][:6])
    if acak["tabel"] == 0:
        d["tindak_lanjut"] = []
    else:
        contoh = d["tindak_lanjut"][0]
        d["tindak_lanjut"] = [{**contoh, "uraian": _teks(n, i)} for i, n in enumerate(acak["butir"][:acak["tabel"]])]


def _surat_pengantar(d: dict, acak: dict) -> None:
    contoh = d["naskah"][0]
    d["naskah"] = [{**contoh, "naskah": t} for t in _daftar(acak["butir"])]


def _laporan_hasil_pengukuran(d: dict, acak: dict) -> None:
    d["permasalahan"] = _daftar(acak["butir"])
    d["tindak_lanjut"] = _daftar(acak["paragraf"])


def _keputusan_sop(d: dict, acak: dict) -> None:
    d["menimbang"] = [f"bahwa {_teks(n, i).lower()}" for i, n in enumerate(acak["paragraf"][:4])]
    d["mengingat"] = _daftar(acak["butir"])
    d["diktum"] = _daftar([min(n, 60) for n in acak["paragraf"][:4]])


UBAH: dict[str, Callable[[dict, dict], None]] = {
    "nota-dinas": _nota_dinas,
    "surat-permintaan-data": _surat_permintaan_data,
    "undangan-rapat": _undangan_rapat,
    "notulen-rapat": _notulen_rapat,
    "surat-pengantar": _surat_pengantar,
    "laporan-hasil-pengukuran": _laporan_hasil_pengukuran,
    "keputusan-sop": _keputusan_sop,
}


@pytest.fixture(scope="module")
def contoh_asli() -> dict[str, Any]:
    return {slug: json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8")) for slug in UBAH}


@pytest.mark.pdf
@pytest.mark.parametrize("slug", list(UBAH))
def test_tata_letak_bertahan_untuk_panjang_apa_pun(slug, contoh_asli, konverter):
    @settings(max_examples=CONTOH, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(acak=st.fixed_dictionaries({"paragraf": panjang_paragraf, "butir": panjang_butir,
                                       "tabel": st.integers(min_value=0, max_value=12)}))
    def periksa(acak: dict) -> None:
        data = copy.deepcopy(contoh_asli[slug])
        UBAH[slug](data, acak)
        pdf = konverter.ke_pdf(render(slug, data, templates_dir=TEMPLATES, basis=SAMPLES).docx)
        temuan = [str(t) for t in tata_letak.periksa(pdf)]
        assert temuan == [], f"{slug} dengan panjang {acak}: {temuan}"

    periksa()
