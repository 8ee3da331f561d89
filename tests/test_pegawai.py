import datetime as dt

import pytest

from docgen import pegawai


def test_nip_diformat_seperti_dicetak():
    assert pegawai.format_nip(pegawai.validasi_nip("19700113 199009 1 002")) == "19700113 199009 1 002"
    assert pegawai.validasi_nip("197001131990091002") == "197001131990091002"


@pytest.mark.parametrize(
    "nip,pesan",
    [
        ("12345", "NIP harus 18 digit angka"),
        ("19700113199009100A", "NIP harus 18 digit angka"),
        ("197013131990091002", "tanggal lahir"),
        ("197001131990131002", "bulan TMT CPNS"),
        ("197001131990093002", "jenis kelamin"),
        ("197001131960091002", "tidak cocok dengan tahun lahir"),
        ("197001131990091000", "nomor urut"),
    ],
)
def test_nip_salah_diberi_alasan(nip, pesan):
    with pytest.raises(ValueError, match=pesan):
        pegawai.validasi_nip(nip)


def test_tmt_di_masa_depan_ditolak():
    with pytest.raises(ValueError, match="masa depan"):
        pegawai.validasi_nip("200001012030011001", hari_ini=dt.date(2026, 1, 1))


def test_pangkat_dari_golongan():
    assert pegawai.pangkat_dari_golongan("IV/c") == "Pembina Utama Muda"
    assert pegawai.pangkat_dari_golongan("iii / b") == "Penata Muda Tingkat I"
    assert pegawai.pangkat_dari_golongan("II/a") == "Pengatur Muda"
    assert len(pegawai.PANGKAT) == 17
    with pytest.raises(ValueError, match="golongan"):
        pegawai.pangkat_dari_golongan("V/a")


def test_baris_jabatan_an_plt_plh():
    assert pegawai.baris_jabatan("Kepala Badan") == ["KEPALA BADAN,"]
    assert pegawai.baris_jabatan("Sekretaris", "a.n.", "Kepala Badan") == ["a.n. KEPALA BADAN", "SEKRETARIS,"]
    assert pegawai.baris_jabatan("Kepala Badan", "Plt.") == ["Plt. KEPALA BADAN,"]
    assert pegawai.baris_jabatan("Kepala Badan", "Plh.") == ["Plh. KEPALA BADAN,"]
