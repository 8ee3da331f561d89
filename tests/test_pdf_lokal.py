"""The web app's own LibreOffice (web.layanan.pdf.PDFLokal) survives a crash: soffice.bin killed during a conversion
fails that one request with 503 and an Indonesian message, the next requests get PDFs again; a document linking
outside content is refused with 422 before LibreOffice sees it."""

from __future__ import annotations

import pytest

from docgen.errors import KonversiGagal
from tests.conftest import teks_pdf
from tests.data_uji import sampel_dokumen
from tests.lo_uji import PembunuhSoffice, docx_contoh
from tests.test_docx_luar import _rel, _relasi, _ubah
from web.layanan import pdf as layanan_pdf


@pytest.mark.pdf
def test_soffice_dibunuh_permintaan_berikutnya_berhasil(app, client, token, tmp_path):
    lokal = layanan_pdf.lokal(app)
    assert layanan_pdf.layanan(app) is lokal  # no Redis: this process converts
    surat = docx_contoh("nota-dinas")
    assert "NOTA DINAS" in teks_pdf(lokal.ke_pdf(surat), tmp_path)
    k = lokal.konverter
    assert k is not None and k.pid_soffice
    lama = k.pid_soffice

    with (PembunuhSoffice(lambda: list(k.folder.glob("kerja-*")), lambda: k.pid_soffice) as pembunuh,
          pytest.raises(KonversiGagal) as e):
        lokal.ke_pdf(docx_contoh("lkjip"))
    assert pembunuh.terbunuh == lama
    assert e.value.status == 503 and e.value.pesan.startswith("LibreOffice berhenti mendadak saat mengonversi")

    for _ in range(3):
        assert "NOTA DINAS" in teks_pdf(lokal.ke_pdf(surat), tmp_path)
    assert lokal.konverter is k and k.pid_soffice not in (None, lama)
    # and through the API, as a user asks for it
    r = client.post("/api/v1/dokumen/nota-dinas?format=pdf", headers=token("kepala"),
                    json=sampel_dokumen("nota-dinas"))
    assert r.status_code == 200, r.get_data(as_text=True)
    assert "NOTA DINAS" in teks_pdf(r.data, tmp_path)


def test_dokumen_bertautan_luar_ditolak_422(app):
    isi = _ubah(docx_contoh("nota-dinas"), {"word/_rels/document.xml.rels": _relasi(
        _rel("rIdX", "image", "file:///srv/instansi-lain/logo.png"))})
    with pytest.raises(KonversiGagal) as e:
        layanan_pdf.lokal(app).ke_pdf(isi)
    assert e.value.status == 422 and "“file:///srv/instansi-lain/logo.png”" in e.value.pesan
