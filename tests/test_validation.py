"""Field paths and Indonesian messages for nested and list fields."""

from __future__ import annotations

import pytest

from docgen.documents import dapatkan
from docgen.errors import InputTidakValid
from docgen.validation import validasi


def _galat(slug, data) -> dict[str, str]:
    with pytest.raises(InputTidakValid) as e:
        validasi(dapatkan(slug).model, data)
    assert e.value.status == 422
    return e.value.fields


def test_nip_peserta_dengan_path_daftar(contoh):
    data = contoh("notulen-rapat")
    data["peserta"][2]["nip"] = "197006051996131003"
    assert _galat("notulen-rapat", data) == {"peserta.2.nip": "NIP: bulan TMT CPNS '13' harus 01 sampai 12"}


def test_nip_penerima_surat_pengantar(contoh):
    data = contoh("surat-pengantar")
    data["penerima"] = {"nip": "1234"}
    assert _galat("surat-pengantar", data) == {"penerima.nip": "NIP harus 18 digit angka"}


def test_jam_rapat_terbalik(contoh):
    data = contoh("undangan-rapat")
    data["jam_selesai"] = "08:00"
    assert _galat("undangan-rapat", data) == {"jam_selesai": "jam selesai harus sesudah jam mulai"}
    data["jam_mulai"] = "25:00"
    assert _galat("undangan-rapat", data)["jam_mulai"] == "harus jam dengan format JJ:MM, mis. 09:00"


def test_daftar_wajib_tidak_boleh_kosong(contoh):
    data = contoh("checklist-dokumen")
    data["dokumen"] = []
    assert _galat("checklist-dokumen", data) == {"dokumen": "paling sedikit 1 butir"}


def test_status_checklist(contoh):
    data = contoh("checklist-dokumen")
    data["dokumen"][0]["status"] = "lengkap"
    assert _galat("checklist-dokumen", data) == {"dokumen.0.status": "harus salah satu dari: ada, tidak ada, (kosong)"}


def test_jadwal_terbalik(contoh):
    data = contoh("rencana-kegiatan")
    data["kegiatan"][1]["selesai"] = "2025-01-01"
    assert _galat("rencana-kegiatan", data) == {"kegiatan.1.selesai": "tanggal selesai lebih awal dari tanggal mulai"}


def test_teks_terlalu_panjang(contoh):
    data = contoh("nota-dinas")
    data["hal"] = "x" * 1001
    assert _galat("nota-dinas", data) == {"hal": "terlalu panjang (paling banyak 1000 karakter)"}


def test_bukan_objek():
    with pytest.raises(InputTidakValid, match="harus berupa objek JSON"):
        validasi(dapatkan("nota-dinas").model, ["bukan", "objek"])
