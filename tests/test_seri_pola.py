"""A number series' pattern is checked when the series is saved on the register page: what would print a
million-character year, fail at numbering time or number nothing is named in Indonesian, and nothing is saved."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from web.inti.db import sesi
from web.inti.models import SeriNomor


@pytest.mark.parametrize("pola,pesan", [
    ("{urut}/{tahun:>1000000}", "medan {tahun:&gt;1000000} tidak boleh memakai format"),
    ("{urut:x}/SE", "medan {urut:x} tidak boleh memakai format"),
    ("{urut}/{tahun:{x}}", "tidak boleh memakai format"),
    ("{urut!r}/SE", "tidak boleh memakai format atau konversi"),
    ("{urut}/{tahun", "pola nomor rusak: periksa pasangan kurung kurawal"),
    ("{urut}/{}", "tanpa nama medan"),
    ("{tahun}/SE", "pola harus memuat {urut}"),
    ("{urut}/" + "X" * 101, "paling banyak 100 karakter"),
])
def test_pola_seri_salah_ditolak_saat_disimpan(app, client, masuk, pola, pesan):
    masuk("admin")
    r = client.post("/nomor/seri", data={"kode": "surat-edaran", "pola": pola, "kode_klasifikasi": "",
                                         "kode_unit": ""})
    assert r.status_code == 422
    assert pesan in r.get_data(as_text=True)
    with app.app_context():
        assert sesi().scalar(select(SeriNomor).where(SeriNomor.kode == "surat-edaran")) is None
