"""The document history searched and filtered: type, number, date range, maker, combined and paged; a bad value
is an Indonesian message beside its field (422) while the other filters still apply; the saved drafts listed."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.data_uji import pengguna as _p
from web.inti.db import sesi
from web.inti.models import Dokumen
from web.layanan import dokumen, riwayat_dokumen

# perihal -> (type, maker, paper date, number, made at (UTC))
NASKAH = {
    "Satu": ("nota-dinas", "kepala", dt.date(2025, 1, 10), "000.9.2/7/BKPSDM-PS/2025", dt.datetime(2025, 1, 10, 2)),
    "Dua": ("nota-dinas", "perencana", dt.date(2025, 2, 3), "000.9.2/8/BKPSDM-PS/2025", dt.datetime(2025, 2, 3, 2)),
    "Tiga": ("undangan-rapat", "perencana", dt.date(2025, 1, 20), "005/12/Set/2025", dt.datetime(2025, 1, 20, 2)),
    # no date of its own: found by the day it was made, 15 January 00.30 WIB (14 January 17.30 UTC)
    "Empat": ("notulen-rapat", "perencana", None, "", dt.datetime(2025, 1, 14, 17, 30)),
    "Lima": ("nota-dinas", "timsakip", dt.date(2025, 1, 12), "100%/X/2025", dt.datetime(2025, 1, 12, 2)),
}


@pytest.fixture
def naskah(app):
    with app.app_context():
        ids = {}
        for perihal, (slug, u, tgl, nomor, dibuat) in NASKAH.items():
            p = _p(u)
            d = Dokumen(instansi_id=p.instansi_id, slug=slug, judul=slug, data={}, berkas_docx="", dibuat_oleh=p.id,
                        dibuat=dibuat.replace(tzinfo=dt.UTC), perihal=perihal, tanggal=tgl, nomor_surat=nomor,
                        status="final" if nomor else "konsep")
            sesi().add(d)
            sesi().flush()
            ids[perihal] = d.id
        sesi().commit()
        return ids


def _perihal(html: str) -> list[str]:
    """The subjects in the history table, in order."""
    tabel = html[html.index("<tbody>"):html.index("</tbody>")] if "<tbody>" in html else ""
    return re.findall(r"<td>(Satu|Dua|Tiga|Empat|Lima)</td>", tabel)


def test_saring_jenis_nomor_tanggal_pembuat(app, client, masuk, naskah):
    masuk("kepala")
    semua = client.get("/dokumen/riwayat").get_data(as_text=True)
    assert _perihal(semua) == ["Dua", "Tiga", "Empat", "Lima", "Satu"] and "5 dokumen." in semua
    assert _perihal(client.get("/dokumen/riwayat?jenis=nota-dinas").get_data(as_text=True)) == ["Dua", "Lima", "Satu"]
    html = client.get("/dokumen/riwayat?nomor=bkpsdm-ps/2025").get_data(as_text=True)
    assert _perihal(html) == ["Dua", "Satu"] and "2 dokumen cocok dengan saringan." in html
    assert _perihal(client.get("/dokumen/riwayat?nomor=%25").get_data(as_text=True)) == ["Lima"]  # % is literal
    assert _perihal(client.get("/dokumen/riwayat?dari=2025-01-12&sampai=2025-01-31").get_data(as_text=True)) == [
        "Tiga", "Empat", "Lima"]
    assert _perihal(client.get("/dokumen/riwayat?dari=2025-01-15&sampai=2025-01-15").get_data(as_text=True)) == [
        "Empat"]  # by the agency's day, not the UTC one
    assert _perihal(client.get("/dokumen/riwayat?dari=31/01/2025").get_data(as_text=True)) == ["Dua"]
    with app.app_context():
        perencana = _p("perencana").id
    html = client.get(f"/dokumen/riwayat?pembuat={perencana}&jenis=nota-dinas&sampai=2025-12-31").get_data(
        as_text=True)
    assert _perihal(html) == ["Dua"]
    assert f'<option value="{perencana}" selected>' in html and '<option value="nota-dinas" selected>' in html
    tidak_ada = client.get("/dokumen/riwayat?jenis=lkjip").get_data(as_text=True)
    assert "Tidak ada dokumen yang cocok dengan saringan ini." in tidak_ada


def test_masukan_salah_pesan_indonesia_bukan_500(app, client, masuk, naskah):
    masuk("kepala")
    r = client.get("/dokumen/riwayat?dari=2025-13-01&jenis=nota-dinas")
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert ('<p class="galat-medan" id="rw-dari-galat">Dari tanggal: &#39;2025-13-01&#39; bukan tanggal yang sah; '
            'tulis TTTT-BB-HH, mis. 2025-01-31</p>') in html
    assert 'value="2025-13-01"' in html and _perihal(html) == ["Dua", "Lima", "Satu"]  # the type still applies
    r = client.get("/dokumen/riwayat?dari=2025-02-01&sampai=2025-01-01")
    assert r.status_code == 422
    assert "Sampai tanggal: harus sama dengan atau sesudah Dari tanggal" in r.get_data(as_text=True)
    r = client.get("/dokumen/riwayat?sampai=kemarin&pembuat=abc&jenis=bukan-jenis&nomor=" + "9" * 101)
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "4 isian perlu diperbaiki" in html
    for pesan in ("Sampai tanggal: &#39;kemarin&#39; bukan tanggal yang sah", "pilih salah satu pembuat dari daftar",
                  "pilih salah satu jenis dokumen dari daftar", "terlalu panjang (paling banyak 100 karakter)"):
        assert pesan in html
    assert client.get("/dokumen/riwayat?dari=%00").status_code == 400  # control characters: refused earlier


def test_halaman_menjaga_saringan(app, client, masuk, naskah, monkeypatch):
    monkeypatch.setattr(riwayat_dokumen, "PER_HALAMAN", 2)
    masuk("kepala")
    html = client.get("/dokumen/riwayat?jenis=nota-dinas").get_data(as_text=True)
    assert _perihal(html) == ["Dua", "Lima"] and "Halaman 1 dari 2" in html
    assert 'href="/dokumen/riwayat?halaman=2&amp;jenis=nota-dinas"' in html
    assert _perihal(client.get("/dokumen/riwayat?halaman=2&jenis=nota-dinas").get_data(as_text=True)) == ["Satu"]


def test_peran_tanpa_semua_dokumen_hanya_miliknya(app, client, masuk, naskah):
    masuk("timsakip")
    with app.app_context():
        kepala = _p("kepala").id
    html = client.get(f"/dokumen/riwayat?pembuat={kepala}").get_data(as_text=True)
    assert _perihal(html) == ["Lima"] and 'name="pembuat"' not in html
    assert _perihal(client.get("/dokumen/riwayat?nomor=BKPSDM").get_data(as_text=True)) == []


def test_draf_tercantum_dengan_tautan_lanjutkan(app, client, masuk):
    with app.app_context():
        dokumen.simpan_draf(_p("perencana"), "undangan-rapat", {"acara": "Rapat evaluasi"})
        dokumen.simpan_draf(_p("perencana"), "nota-dinas", {"hal": "Permintaan data"})
    masuk("perencana")
    html = client.get("/dokumen/riwayat").get_data(as_text=True)
    draf = html[html.index('id="draf"'):html.index("</section>", html.index('id="draf"'))]
    assert draf.index("Nota Dinas") < draf.index("Undangan Rapat")  # the newest first
    assert '<a href="/dokumen/undangan-rapat/baru">Lanjutkan</a>' in draf
    masuk("kepala")
    assert 'id="draf"' not in client.get("/dokumen/riwayat").get_data(as_text=True)
