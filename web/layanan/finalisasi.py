"""Finalising a document: its number from the register, the verification QR code, the PDF and the hashes.

A document is made as "konsep". Finalising renders it again with the number and the QR code, converts it,
stores both files and their SHA-256, and marks it "final": from then on its files never change.

The number is planned first and the document rendered and converted with it; only then, in one short
transaction, is the number taken (checked to still be the planned one) together with the document's change.
So a failed render or conversion takes no number, the register's lock is never held while LibreOffice works,
and a number taken meanwhile by someone else makes the document render again with the next one.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import update

from docgen import documents, docx_halaman, tata_letak
from docgen.documents.common import Nomor
from docgen.errors import DocgenError, KonversiGagal
from docgen.render import render
from docgen.verifikasi import POSISI_BAKU, pasang_qr
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, Instansi, NomorSurat, Pengguna, SeriNomor
from web.inti.penyimpanan import BerkasBaru, kunci_dari, lepaskan, tanpa_path
from web.layanan import audit, nomor, seri_jenis, templat, verifikasi
from web.layanan import pdf as layanan_pdf
from web.layanan.dokumen import lengkapi

MAKS_RENDER = 4  # renders when other users keep taking the planned number first
PESAN_TANPA_URL = ("Alamat verifikasi untuk kode QR belum diatur di server ini (URL_VERIFIKASI), jadi dokumen "
                   "tidak dapat difinalkan; minta pengelola server menyetelnya, mis. https://docgen.instansi.go.id.")


@dataclass
class Penomoran:
    """How a document gets its number when finalised, for the page and for `finalkan`.

    `cara`: "register" (from a series of the register), "opsional" (the type's number is optional: from the
    register only when a series is chosen), "tetap" (the number typed in the input is kept), "tanpa" (the type
    has no number).
    """

    cara: str
    teks: str = ""
    seri: list[SeriNomor] = field(default_factory=list)
    seri_baku: str = ""


def _tanggal(data: dict[str, Any], inst: Instansi) -> dt.date:
    """The letter's date from the input ('tanggal'); the agency's today when it is left open (as docgen prints it)."""
    try:
        return dt.date.fromisoformat(str(data.get("tanggal")))
    except ValueError:
        return waktu.hari_ini(inst)


def penomoran(dok: Dokumen) -> Penomoran:
    """Decide how `dok` is numbered on finalisation; list the agency's series with the best match first."""
    skema = documents.dapatkan(dok.slug).schema()
    if "nomor" not in skema.get("properties", {}):
        return Penomoran("tanpa")
    n = dok.data.get("nomor")
    if isinstance(n, str) and n.strip():
        return Penomoran("tetap", teks=n.strip())
    n = n if isinstance(n, dict) else {}
    semua = nomor.daftar_seri(sesi(), dok.instansi_id)
    if str(n.get("teks") or "").strip():
        return Penomoran("tetap", teks=str(n["teks"]).strip())
    if n.get("pola") and n.get("urut"):
        try:
            teks = Nomor.model_validate(n).cetak(_tanggal(dok.data, _instansi(dok)))
        except ValueError:
            teks = ""
        return Penomoran("tetap", teks=teks)
    baku = _seri_cocok(semua, n, dok.slug, _instansi(dok))
    cara = "register" if "nomor" in skema.get("required", []) or n else "opsional"
    return Penomoran(cara, seri=semua, seri_baku=baku.kode if baku is not None else "")


def _seri_cocok(semua: list[SeriNomor], n: dict[str, Any], slug: str, inst: Instansi) -> SeriNomor | None:
    """The series matching the input's pattern and codes, else its pattern, else the type's series in the agency's
    table (web.layanan.seri_jenis); None when nothing fits (the user then picks one)."""
    pola, kk, ku = n.get("pola") or "", n.get("kode_klasifikasi") or "", n.get("kode_unit") or ""
    for uji in (lambda s: s.pola == pola and s.kode_klasifikasi == kk and s.kode_unit == ku,
                lambda s: s.pola == pola and bool(pola)):
        for s in semua:
            if uji(s):
                return s
    kode = seri_jenis.seri_untuk(inst, slug)
    return next((s for s in semua if s.kode == kode), None)


def pratinjau(pengguna: Pengguna, dok: Dokumen, *, seri_kode: str | None = None, cara: str = "otomatis") -> str:
    """What finalising `dok` will print as its number with this series and way of numbering, in words for the
    confirmation ("nomor 000.1.5/28/BKPSDM-PS/XII/2026"); nothing is taken. Raises DocgenError like `finalkan`."""
    pastikan_konsep(dok)
    pn = penomoran(dok)
    if pn.cara == "tanpa":
        return "tanpa nomor surat (jenis dokumen ini tidak bernomor)"
    if pn.cara == "tetap":
        return f"nomor {pn.teks or '(kosong)'} sebagaimana diketik pada isian"
    kode = seri_kode if seri_kode is not None and (seri_kode or pn.cara == "opsional") else pn.seri_baku
    if not kode:
        if pn.cara == "opsional":
            return "tanpa nomor surat"
        raise DocgenError("Pilih seri nomor surat terlebih dahulu.", fields={"seri": "pilih seri nomor"})
    db = sesi()
    calon = nomor.rencanakan(db, nomor.seri(db, dok.instansi_id, kode), _tanggal(dok.data, pengguna.instansi), cara,
                             tebak=True)
    db.rollback()
    teks = f"nomor {calon.cetak()} dari seri {kode}"
    return f"{teks} ({calon.keterangan})" if calon.keterangan else teks


def pastikan_konsep(dok: Dokumen) -> None:
    """Raise DocgenError 409 when the document is already final (its files may not change any more)."""
    if dok.status == "final":
        raise DocgenError(
            f"Dokumen #{dok.id} sudah final{f' dengan nomor {dok.nomor_surat}' if dok.nomor_surat else ''}; "
            "dokumen final tidak dapat difinalkan atau dibuat ulang. Buat dokumen baru bila perlu perubahan.",
            status=409)


def _instansi(dok: Dokumen) -> Instansi:
    inst = sesi().get(Instansi, dok.instansi_id)
    assert inst is not None
    return inst


def _pdf(docx: bytes, pengguna: Pengguna) -> bytes:
    if not current_app.config.get("PDF_AKTIF", True):
        raise KonversiGagal("Pembuatan PDF tidak aktif di server ini; dokumen final memerlukan PDF.")
    return layanan_pdf.ke_pdf(docx, pemilik=pengguna.id, instansi_id=pengguna.instansi_id)


def finalkan(pengguna: Pengguna, dok: Dokumen, *, url_dasar: str, seri_kode: str | None = None,
             cara: str = "otomatis") -> tuple[Dokumen, str]:
    """Finalise `dok` for `pengguna`; return it and a note for the user (an inserted number, a kept number).

    `seri_kode`: the register series (default: the best match, see `penomoran`; "" for an optional number
    means none). `cara`: otomatis | biasa | sisip (web.nomor.rencanakan). `url_dasar`: where /verifikasi lives.
    Raises DocgenError: 403 (role), 409 (already final, or no `url_dasar`), 422 (series, input), 503 (no PDF),
    PenyimpananPenuh (507, full disk); nothing is changed, no number is taken and no new file is left when it raises.
    """
    pastikan_konsep(dok)
    if not peran.boleh_finalkan(pengguna.peran, dok.slug) or pengguna.instansi_id != dok.instansi_id:
        raise DocgenError("Peran Anda tidak berwenang memfinalkan dokumen ini.", status=403)
    if not url_dasar.strip():
        raise DocgenError(PESAN_TANPA_URL, status=409)
    jenis = documents.dapatkan(dok.slug)
    dipakai = templat.pilih(dok.instansi_id, dok.slug)  # the agency's own template, read once before the loop
    db = sesi()
    pn = penomoran(dok)
    s: SeriNomor | None = None
    if pn.cara == "register" or (pn.cara == "opsional" and seri_kode):
        kode_seri = seri_kode or pn.seri_baku
        if not kode_seri:
            raise DocgenError("Instansi belum memiliki seri nomor surat; tambahkan seri di halaman Register "
                              "Nomor terlebih dahulu.", fields={"seri": "belum ada seri"})
        s = nomor.seri(db, dok.instansi_id, kode_seri)
    tanggal = _tanggal(dok.data, pengguna.instansi)
    inst = pengguna.instansi
    posisi = (inst.profil or {}).get("pengaturan", {}).get("posisi_qr", POSISI_BAKU)
    # 128 random bits in hex: no '-' for the printed link to break at (PDF text extraction drops a hyphen at a
    # line end, and a reader copying it from paper cannot tell a hyphen from a line break).
    kode = secrets.token_hex(16)
    url = f"{url_dasar.rstrip('/')}/verifikasi/{kode}"
    folder = f"dokumen/{dok.id}"
    lama = (dok.berkas_docx, dok.berkas_pdf)
    catatan = {"tetap": "Nomor surat diketik pada isian dokumen dan dipakai apa adanya (tidak diambil dari "
                        "register).", "tanpa": "Jenis dokumen ini tidak bernomor surat."}.get(pn.cara, "")

    for _ in range(MAKS_RENDER):
        data = copy.deepcopy(dok.data)
        calon = None
        if s is not None:
            calon = nomor.rencanakan(db, s, tanggal, cara, tebak=True)
            data["nomor"] = {"pola": s.pola, "kode_klasifikasi": s.kode_klasifikasi, "kode_unit": s.kode_unit,
                             "urut": calon.urut, "sisipan": calon.sisipan}
        db.rollback()  # end the read transaction: nothing is held while the document is made
        with tanpa_path():
            hasil = render(jenis, lengkapi(dok.slug, data, pengguna, siklus_id=dok.siklus_id),
                           templates_dir=Path(current_app.config["TEMPLATES_DOCX"]), templat=dipakai.isi,
                           kalender=waktu.kalender(pengguna.instansi))
        model_nomor = getattr(hasil.data, "nomor", None)
        teks_nomor = model_nomor.cetak(getattr(hasil.data, "tanggal", None)) if model_nomor is not None else ""
        if calon is not None and teks_nomor != calon.cetak():
            raise DocgenError(f"Nomor tercetak ({teks_nomor}) berbeda dengan register ({calon.cetak()}).",
                              status=500)
        ringkas = jenis.ringkasan(hasil.data)  # subject, date, addressee from the type's hooks
        docx = pasang_qr(hasil.docx, url, posisi)
        pdf = _pdf(docx, pengguna)
        docx = docx_halaman.isi_halaman(docx, pdf)  # the indexes' page numbers, as the PDF prints them
        try:
            # Both files are complete on disk before the database points at them; BerkasBaru removes them
            # again when anything below fails (a full disk, a number taken meanwhile, a failed commit).
            with BerkasBaru() as baru:
                kunci_docx = baru.simpan(f"{folder}/final-{kode[:8]}-{dok.slug}.docx", docx)
                kunci_pdf = baru.simpan(f"{folder}/final-{kode[:8]}-{dok.slug}.pdf", pdf)
                # The first write of the transaction: on SQLite it takes the database's write lock.
                diubah = db.execute(
                    update(Dokumen).where(Dokumen.id == dok.id, Dokumen.status == "konsep").values(
                        status="final", data=data, nomor_surat=teks_nomor, kode_verifikasi=kode,
                        berkas_docx=kunci_docx, berkas_pdf=kunci_pdf,
                        sha256_docx=hashlib.sha256(docx).hexdigest(), sha256_pdf=hashlib.sha256(pdf).hexdigest(),
                        peringatan=[*hasil.peringatan, *tata_letak.peringatan(pdf)], difinalkan=waktu.sekarang(),
                        difinalkan_oleh=pengguna.id, perihal=ringkas.perihal, tanggal=ringkas.tanggal,
                        templat_sumber=dipakai.sumber, templat_sha256=dipakai.sha256,
                    ).execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
                if diubah != 1:
                    raise DocgenError(f"Dokumen #{dok.id} baru saja difinalkan oleh pengguna lain.", status=409)
                if calon is not None:
                    nomor.pakai(db, calon, hal=ringkas.perihal, tujuan=ringkas.tujuan, dokumen_id=dok.id,
                                pengguna_id=pengguna.id)
                db.commit()
        except nomor.NomorBentrok:
            db.rollback()
            continue
        except BaseException:
            db.rollback()
            raise
        db.refresh(dok)
        # The draft's files are released, not deleted: a download or a backup that read the old row still finds
        # them until the sweep (web.layanan.sapu) removes them.
        for p in lama:
            k = kunci_dari(p) if p else None
            if k and k not in (kunci_docx, kunci_pdf):
                lepaskan(k)
        if calon is not None:
            catatan = calon.keterangan or f"Nomor {teks_nomor} diambil dari register seri {s.kode if s else ''}."
        audit.catat("dokumen.final", "dokumen", dok.id, {"jenis": dok.slug, "nomor": teks_nomor,
                                                         "sha256_pdf": dok.sha256_pdf}, pengguna=pengguna)
        return dok, catatan
    raise DocgenError("Register nomor sedang sibuk; dokumen belum difinalkan. Coba lagi.", status=503)


def nomor_register(dok: Dokumen) -> NomorSurat | None:
    """The register entry of a final document (to show a voided number)."""
    return nomor.untuk_dokumen(sesi(), dok.id)


def info_halaman(dok: Dokumen, pengguna: Pengguna, url_dasar: str) -> dict[str, Any]:
    """What the document page shows about finalisation: status, number, register entry, the form's choices."""
    if dok.status == "final":
        m = verifikasi.metadata(dok)
        return {"final": True, "url": f"{url_dasar.rstrip('/')}/verifikasi/{dok.kode_verifikasi}", "meta": m,
                "batal": m["batal"]}
    boleh = peran.boleh_finalkan(pengguna.peran, dok.slug) and pengguna.instansi_id == dok.instansi_id
    return {"final": False, "boleh": boleh, "penomoran": penomoran(dok) if boleh else None,
            "tanpa_url": PESAN_TANPA_URL if boleh and not url_dasar.strip() else "",
            "label_cara": {"otomatis": "Otomatis (nomor sisipan bila tanggal surat lebih awal dari nomor terakhir)",
                           "biasa": "Nomor urut berikutnya", "sisip": "Nomor sisipan (mis. 13a)"}}


def data_salinan(dok: Dokumen) -> dict[str, Any]:
    """A final document's input for a new draft: without the register's number, so it is never printed twice."""
    data = copy.deepcopy(dok.data)
    n = data.get("nomor")
    if dok.status == "final" and isinstance(n, dict) and nomor.untuk_dokumen(sesi(), dok.id) is not None:
        n.pop("urut", None)
        n.pop("sisipan", None)
    return data
