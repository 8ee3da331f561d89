"""What a stored document records when it is rendered: its subject and date from its type's hooks, and the template
it was made with, which the archive bundle files in its manifest (not whatever template is on record later)."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select

from tests.conftest import TEMPLATES
from tests.data_uji import pengguna as _p
from tests.data_uji import sampel_dokumen as _sampel
from tests.test_bundle_templat import _templat_ubahan
from web.inti.db import sesi
from web.inti.models import Dokumen, NomorSurat
from web.layanan import berkas, langkah, templat
from web.layanan.dokumen import buat_dokumen, perihal_pendek


def _sha(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def test_perihal_tanggal_dan_templat_tercatat(app_sop):
    with app_sop.app_context():
        dok = buat_dokumen(_p("kepala"), "nota-dinas", _sampel("nota-dinas"), pdf=False)
        assert dok.perihal == "Pelaksanaan Pemantauan Capaian Kinerja Triwulan IV Tahun 2024"
        assert dok.tanggal == dt.date(2025, 1, 20)
        assert (dok.templat_sumber, dok.templat_sha256) == ("bawaan", _sha((TEMPLATES / "nota-dinas.docx")
                                                                           .read_bytes()))
        panjang = buat_dokumen(_p("kepala"), "nota-dinas", dict(_sampel("nota-dinas"), hal="Rapat " * 40), pdf=False)
        pendek = perihal_pendek(panjang)
        assert len(pendek) <= 90 and pendek.endswith("…") and panjang.perihal.startswith(pendek[:-1])
        # the disposisi's Lembar asks its own hook: "hal (surat dari ... Nomor ...)"
        lembar = buat_dokumen(_p("kepala"), "lembar-disposisi", _sampel("lembar-disposisi"), pdf=False)
        assert lembar.perihal.startswith(_sampel("lembar-disposisi")["hal"]) and "(surat " in lembar.perihal


def test_berkas_mencatat_templat_saat_dokumen_dibuat(app_sop):
    with app_sop.app_context():
        admin = _p("admin")
        milik = _templat_ubahan("nota-dinas", "NOTA DINAS", "NOTA DINAS INSTANSI")
        templat.pasang(admin, "nota-dinas", milik, "nota-dinas-instansi.docx")
        s = langkah.mulai_siklus(_p("perencana"), kode="pengukuran-uji", periode_jenis="triwulan", periode_ke=2,
                                 tahun=2024, sekarang=dt.datetime.now(dt.UTC))
        dok = buat_dokumen(_p("kepala"), "nota-dinas", _sampel("nota-dinas"), siklus_id=s.id, langkah_no=1,
                           pdf=False)
        assert (dok.templat_sumber, dok.templat_sha256) == ("instansi", _sha(milik))
        # the agency goes back to the built-in template afterwards: the paper was still made with its own
        templat.hapus(admin, "nota-dinas")
        _, jadi = berkas.data_siklus(s, _p("arsiparis"), sekarang=dt.datetime.now(dt.UTC))
        assert [(j.templat.sumber, j.templat.sha256) for j in jadi.values()] == [("instansi", _sha(milik))]


def test_dokumen_lama_tanpa_catatan_memakai_templat_sekarang(app_sop):
    with app_sop.app_context():
        dok = buat_dokumen(_p("kepala"), "nota-dinas", _sampel("nota-dinas"), pdf=False)
        dok.templat_sumber, dok.templat_sha256 = "", ""  # a row from before docgen recorded it
        sesi().commit()
        t = berkas.templat_dokumen(sesi().scalar(select(Dokumen).where(Dokumen.id == dok.id)))
        assert (t.sumber, t.sha256) == ("bawaan", _sha((TEMPLATES / "nota-dinas.docx").read_bytes()))
        assert sesi().scalar(select(NomorSurat)) is None
