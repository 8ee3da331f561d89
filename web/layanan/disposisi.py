"""The lembar disposisi a cycle decision produces: filled from the cycle, its papers and the agency's officials."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app

from docgen import tanda_konsep, tata_letak
from docgen.errors import DocgenError
from docgen.sop import DefinisiSOP
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, Pengguna, Siklus
from web.inti.penyimpanan import BerkasBaru, kunci_berkas, penyimpanan
from web.layanan import pdf as layanan_pdf
from web.layanan.instansi import instruksi_disposisi, pejabat_untuk
from web.layanan.siklus import baku, dokumen_siklus, langkah_siklus, peran_langkah, tenggat

SLUG = "lembar-disposisi"
INSTRUKSI_SETUJU = ["Setuju", "Proses lebih lanjut"]
INSTRUKSI_KEMBALI = ["Untuk dilengkapi"]


def _perihal(dok: Dokumen) -> str:
    return " ".join((dok.perihal or "").split()) or dok.judul


def _tanggal_dokumen(dok: Dokumen, zona: ZoneInfo) -> dt.date:
    """The paper's own date (its type's hook), else the day it was made."""
    return dok.tanggal or waktu.utc(dok.dibuat).astimezone(zona).date()


def data_disposisi(pengguna: Pengguna, s: Siklus, d: DefinisiSOP, no: int, keputusan: str, catatan: str,
                   ke: int | None, *, sekarang: dt.datetime) -> dict[str, Any]:
    """The lembar disposisi input for a decision on step `no`, from the cycle: the paper decided on (the newest
    document of an earlier step, if any), who sent it, who it goes to next, the ticked instruction and the note."""
    inst = pengguna.instansi
    zona = waktu.zona(inst)
    lk = d.langkah[no - 1]
    b = langkah_siklus(s, no)
    hari_ini = waktu.utc(sekarang).astimezone(zona).date()
    diterima = waktu.utc(b.mulai).astimezone(zona).date() if b.mulai else hari_ini
    sebelum = d.langkah[no - 2] if no > 1 else lk
    calon = [x for x in dokumen_siklus(s)
             if x.langkah_no is not None and x.langkah_no < no and x.slug != SLUG]
    dasar = max(calon, key=lambda x: (x.langkah_no or 0, x.id)) if calon else None
    if dasar is not None:
        dari = ", ".join(d.langkah[(dasar.langkah_no or 1) - 1].pelaksana)
        nomor = dasar.nomor_surat or (dasar.data.get("nomor") if isinstance(dasar.data.get("nomor"), str) else "")
        tanggal_surat = _tanggal_dokumen(dasar, zona)
        hal = f"{_perihal(dasar)} ({s.judul})"
    else:
        dari = ", ".join(sebelum.pelaksana)
        nomor = ""
        tanggal_surat = diterima
        benda = lk.kelengkapan or sebelum.output
        hal = f"{benda} ({s.judul})" if benda else s.judul
    tujuan = d.langkah[ke - 1].pelaksana if ke else ["Arsip"]
    batas = None
    baku_tujuan = baku(d.langkah[ke - 1]) if ke else None
    if baku_tujuan is not None:
        batas = tenggat(sekarang, baku_tujuan, zona, waktu.kalender(inst)).astimezone(zona).date()
    peran_putus = (peran_langkah(d, no) or [pengguna.peran])[0]
    data: dict[str, Any] = {
        "surat_dari": dari,
        "nomor_surat": nomor or "-",
        "tanggal_surat": tanggal_surat.isoformat(),
        "diterima_tanggal": max(diterima, tanggal_surat).isoformat(),
        "sifat": "Biasa",
        "hal": hal,
        "pilihan_tujuan": list(d.pelaksana),
        "diteruskan_kepada": list(tujuan),
        "pilihan_instruksi": ["Setuju", *instruksi_disposisi(inst)],
        "instruksi": list(INSTRUKSI_SETUJU if keputusan == "ya" else INSTRUKSI_KEMBALI),
        "catatan": catatan,
        "tanggal": hari_ini.isoformat(),
        "penandatangan": pejabat_untuk(inst, peran_putus, pengguna),
    }
    if batas is not None:
        data["batas_waktu"] = max(batas, hari_ini).isoformat()
    return data


def buat_pdf_susulan(dok: Dokumen) -> str | None:
    """Make the PDF of a stored document after its record is committed; return a warning when it cannot be made
    (LibreOffice, a full disk: the .docx stays available, the committed decision is not rolled back)."""
    if not current_app.config.get("PDF_AKTIF", True):
        return None
    kunci_docx = kunci_berkas(dok.berkas_docx)
    if kunci_docx is None:
        return "PDF lembar disposisi belum dapat dibuat: berkas Word-nya tidak ditemukan di penyimpanan."
    try:
        isi = layanan_pdf.ke_pdf(penyimpanan().baca(kunci_docx), pemilik=dok.dibuat_oleh, instansi_id=dok.instansi_id)
        tata = tata_letak.peringatan(isi)
        with BerkasBaru() as baru:
            dok.berkas_pdf = baru.simpan(str(PurePosixPath(kunci_docx).with_suffix(".pdf")), tanda_konsep.pasang(isi))
            dok.peringatan = [*(dok.peringatan or []), *tata]
            sesi().commit()
    except DocgenError as e:  # KonversiGagal, PenyimpananPenuh
        sesi().rollback()
        return f"PDF lembar disposisi belum dapat dibuat ({e.pesan}); berkas Word-nya tersedia."
    return None
