import pytest

from docgen import durasi


def test_jumlah_waktu_seed_004_tidak_sama_dengan_yang_dinyatakan():
    langkah = ["15 Menit", "3 hari", "5 hari", "45 menit", "45 Menit", "15 Menit"]
    total = durasi.jumlah([durasi.urai(x) for x in langkah])
    assert str(total) == "8 hari 2 jam"
    assert total != durasi.urai("8 hari 2 jam 5 menit")


@pytest.mark.parametrize("teks,hasil", [("15 menit", "15 menit"), ("120", "2 jam"), (90, "1 jam 30 menit"),
                                        ("1,5 jam", "1 jam 30 menit"), ("1 hari", "1 hari"),
                                        ("2 hari 3 jam 5 menit", "2 hari 3 jam 5 menit")])
def test_urai(teks, hasil):
    assert str(durasi.urai(teks)) == hasil


@pytest.mark.parametrize("teks,pesan", [("sebentar", "tidak dapat dibaca"), ("1,5 hari", "bilangan bulat"),
                                        ("3 hari lagi", "tidak dapat dibaca"), (-5, "negatif")])
def test_waktu_salah(teks, pesan):
    with pytest.raises(ValueError, match=pesan):
        durasi.urai(teks)
