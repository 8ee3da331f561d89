"""Making documents for the web and the API: prefill from agency data, render, convert, store, record; drafts.

No request code here: views hand in the user and the input; errors are DocgenError with an Indonesian message.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from docgen import documents, docx_halaman, locale_id, tanda_konsep, tata_letak
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.render import render
from web import tugas
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, Draf, Instansi, Pengguna, Siklus
from web.inti.penyimpanan import BerkasBaru, kunci_rujukan, tanpa_path
from web.layanan import audit, isian, kinerja, pejabat, siklus, templat
from web.layanan import pdf as layanan_pdf
from web.layanan.instansi import kunci_logo, path_logo, profil_instansi

# Sections the agency profile and plan fill in; the form does not ask for them.
DARI_INSTANSI = frozenset({"instansi", "kinerja"})
# Document types made in the background by default, with the expected seconds (for the progress estimate).
LATAR = {"lkjip": 8.0}
PANJANG_PERIHAL = 90  # characters of the subject shown in lists


def perihal_pendek(dok: Dokumen) -> str:
    """What a document is about (recorded from its type's hook when it was rendered), shortened for a list."""
    v = " ".join((dok.perihal or "").split())
    return v if len(v) <= PANJANG_PERIHAL else v[:PANJANG_PERIHAL - 1].rstrip() + "…"


def catat_ringkasan(dok: Dokumen, jenis: documents.JenisDokumen, model: Any, templat_: templat.TemplatTerpilih
                    ) -> documents.Ringkasan:
    """Record on the row what the rendered paper is (its type's hooks: subject, date) and its template."""
    r = jenis.ringkasan(model)
    dok.perihal, dok.tanggal = r.perihal, r.tanggal
    dok.templat_sumber, dok.templat_sha256 = templat_.sumber, templat_.sha256
    return r


def _pilihan_kinerja(data: dict[str, Any]) -> tuple[int | None, int | None, bool]:
    """Take `tahun_kinerja` and `triwulan_kinerja` out of the input: the plan year, the quarter and whether a
    quarter was given at all (empty: the data's own). Raises InputTidakValid naming the field."""
    galat: dict[str, str] = {}
    nilai: dict[str, int | None] = {}
    for medan, bawah, atas, pesan in ((isian.TAHUN_KINERJA, 2000, 2100, "tahun harus antara 2000 dan 2100"),
                                      (isian.TRIWULAN_KINERJA, 1, 4, "pilih triwulan I s.d. IV")):
        v = data.pop(medan, None)
        if v in (None, ""):
            nilai[medan] = None
            continue
        try:
            n = int(str(v).strip()) if not isinstance(v, bool) else None
        except ValueError:
            n = None
        if n is None or not bawah <= n <= atas:
            galat[medan] = pesan
        nilai[medan] = n
    if galat:
        raise InputTidakValid(f"Data masukan tidak sah: {len(galat)} isian perlu diperbaiki", fields=galat)
    return nilai[isian.TAHUN_KINERJA], nilai[isian.TRIWULAN_KINERJA], isian.TRIWULAN_KINERJA in data


def _kinerja_tahun(inst: Instansi, tahun: int | None, tw: int | None, peringatan: list[str] | None
                   ) -> dict[str, Any]:
    """The stored plan of `tahun`, rated the agency's way, reported up to quarter `tw` (None: the data's own).
    Raises InputTidakValid on `tahun_kinerja` when that year has no plan."""
    if tahun is None:
        raise InputTidakValid("Instansi belum memiliki data kinerja", fields={
            isian.TAHUN_KINERJA: "instansi belum memiliki rencana kinerja; buat rencananya di halaman Kinerja"})
    try:
        rk = kinerja.rencana(inst, tahun)
    except TidakDitemukan:
        raise InputTidakValid(f"Data kinerja tahun {tahun} belum ada", fields={
            isian.TAHUN_KINERJA: f"belum ada data kinerja tahun {tahun}; buat rencana tahun {tahun} di halaman "
                                 "Kinerja, atau pilih tahun lain"}) from None
    data, _ = kinerja.terapkan_pengaturan(inst, copy.deepcopy(rk.data))
    if tw is not None and isinstance(data, dict):
        data["triwulan"] = tw
        kosong = [str(ind.get("kode", "")) for s in data.get("sasaran", []) for ind in s.get("indikator", [])
                  if not isinstance(ind.get("realisasi_triwulan"), list) or len(ind["realisasi_triwulan"]) < tw
                  or ind["realisasi_triwulan"][tw - 1] in (None, "")]
        if kosong and peringatan is not None:
            peringatan.append(f"kinerja: realisasi Triwulan {locale_id.romawi(tw)} tahun {tahun} belum diisi untuk "
                              f"{len(kosong)} indikator ({', '.join(kosong[:6])}{', …' if len(kosong) > 6 else ''}); "
                              "isi realisasinya di halaman Kinerja → Realisasi.")
    return data


def lengkapi(slug: str, data: dict[str, Any], pengguna: Pengguna,
             peringatan: list[str] | None = None, *, siklus_id: int | None = None) -> dict[str, Any]:
    """Fill what the agency already knows when the input leaves it out: instansi, and kinerja for SAKIP papers.

    The agency's stored logo is always the one used (a logo path is never taken from the input); kinerja is the
    plan of `tahun_kinerja` (default: the cycle's year, see web.layanan.isian), reported up to
    `triwulan_kinerja` (default: the cycle's quarter) and rated with the agency's capaian settings. A replaced
    setting, a quarter without realisasi, a recorded logo missing from the store and facts contradicting the cycle
    are added to `peringatan`. Raises InputTidakValid (`tahun_kinerja`) when the year has no plan."""
    data = copy.deepcopy(data)
    tahun_pilih, tw_pilih, tw_diberikan = _pilihan_kinerja(data)
    props = documents.dapatkan(slug).schema().get("properties", {})
    inst = pengguna.instansi
    s = sesi().get(Siklus, siklus_id) if siklus_id is not None else None
    per = isian.periode(s) if s is not None and s.instansi_id == inst.id else None
    if per is not None and peringatan is not None:
        peringatan.extend(isian.bertentangan(per, data, tahun_pilih if "kinerja" not in data else None))
    if "instansi" in props and inst.logo and kunci_logo(inst) is None and peringatan is not None:
        peringatan.append(f"instansi.logo: berkas logo instansi ({kunci_rujukan(inst.logo) or 'tidak sah'}) tidak ada "
                          "di penyimpanan; dokumen dibuat tanpa logo. Admin dapat mengunggah logo lagi di Profil.")
    if "instansi" in props and "instansi" not in data:
        data["instansi"] = profil_instansi(inst)
    elif isinstance(data.get("instansi"), dict):
        data["instansi"].pop("logo", None)
        logo = path_logo(inst)
        if logo:
            data["instansi"]["logo"] = logo
    if "kinerja" in props:
        if "kinerja" not in data:
            tw = tw_pilih if tw_diberikan else (per.triwulan if per is not None and slug != "lkjip" else None)
            data["kinerja"] = _kinerja_tahun(inst, tahun_pilih or isian.tahun_bawaan(inst, per), tw, peringatan)
        elif isinstance(data["kinerja"], dict):
            data["kinerja"], ganti = kinerja.terapkan_pengaturan(inst, data["kinerja"])
            if peringatan is not None:
                peringatan.extend(ganti)
    return data


def jenis_boleh(pengguna: Pengguna, slug: str) -> documents.JenisDokumen:
    """The type `slug` when the user's role may make it. Raises TidakDitemukan (404), DocgenError 403."""
    jenis = documents.dapatkan(slug)
    if not peran.boleh_membuat(pengguna.peran, slug):
        raise DocgenError(f"Peran Anda tidak berwenang membuat {jenis.judul}.", status=403)
    return jenis


def buat_dokumen(pengguna: Pengguna, slug: str, data: dict[str, Any], *, pdf: bool = True,
                 siklus_id: int | None = None, langkah_no: int | None = None, periksa_peran: bool = True,
                 dalam_transaksi: bool = False, isi_bawaan: bool = False) -> Dokumen:
    """Validate, render and store one document for `pengguna`; record who made it and when, and the cycle step
    that produced it (`siklus_id`, `langkah_no`). `periksa_peran=False` is for documents the app makes itself
    (the lembar disposisi of a cycle decision).

    Raises DocgenError: 403 when the role may not make this type, 404 for a cycle step not of the user's agency,
    422 with the fields on bad input, 503 when the PDF cannot be made, PenyimpananPenuh (507) on a full disk.
    `isi_bawaan=True` (the API): fields the input leaves out start as a new form would (web.layanan.isian), so
    `{}` gives a complete document or a 422 naming only what a person must supply; the stored input includes them.
    The files are stored before the commit; when anything fails no file is left and the session is rolled back.
    `dalam_transaksi=True`: the caller's uncommitted changes are committed with the document; on failure only the
    new row is withdrawn (the caller then commits or rolls back: a document is never stored without its files).
    """
    jenis = jenis_boleh(pengguna, slug) if periksa_peran else documents.dapatkan(slug)
    s = None
    if siklus_id is not None or langkah_no is not None:
        s, _ = siklus.tautan_langkah(pengguna, siklus_id, langkah_no)
    if isi_bawaan:
        medan = {k: str(v.get("format", v.get("type", ""))) for k, v in jenis.schema().get("properties", {}).items()}
        awal = isian.isian_awal(pengguna, slug, {k: "tanggal" if v == "date" else v for k, v in medan.items()},
                                siklus=s, langkah_no=langkah_no)
        data = {**awal, **data}
    if "kinerja" in jenis.schema().get("properties", {}) and "kinerja" not in data:
        # The plan year is recorded with the input, so that finalising (or a bundle) renders the same year later.
        per = isian.periode(s) if s is not None else None
        if data.get(isian.TAHUN_KINERJA) in (None, ""):
            data = {**data, isian.TAHUN_KINERJA: isian.tahun_bawaan(pengguna.instansi, per)}
        if isian.TRIWULAN_KINERJA not in data and per is not None and per.triwulan is not None and slug != "lkjip":
            data = {**data, isian.TRIWULAN_KINERJA: per.triwulan}
    peringatan: list[str] = []
    with tanpa_path():  # a message about the logo names its key, not where the store keeps it
        lengkap = lengkapi(slug, data, pengguna, peringatan, siklus_id=siklus_id)
        dipakai = templat.pilih(pengguna.instansi_id, slug)  # the agency's own template, if any
        hasil = render(jenis, lengkap, templates_dir=Path(current_app.config["TEMPLATES_DOCX"]), templat=dipakai.isi,
                       kalender=waktu.kalender(pengguna.instansi))
    peringatan.extend(pejabat.bukan_pejabat(pengguna.instansi, slug, lengkap))
    # Converted before the row is written: no database lock is held while LibreOffice (or a worker) works.
    isi_pdf = None
    if pdf and current_app.config.get("PDF_AKTIF", True):
        isi_pdf = layanan_pdf.ke_pdf(hasil.docx, pemilik=pengguna.id, instansi_id=pengguna.instansi_id)
    isi_docx = docx_halaman.isi_halaman(hasil.docx, isi_pdf) if isi_pdf else hasil.docx  # index page numbers
    tata = tata_letak.peringatan(isi_pdf) if isi_pdf else []
    if isi_pdf is not None:
        isi_pdf = tanda_konsep.pasang(isi_pdf)  # a draft: marked on every page; the final is rendered afresh
    db = sesi()
    dok = Dokumen(instansi_id=pengguna.instansi_id, slug=slug, judul=jenis.judul, data=data,
                  berkas_docx="", dibuat_oleh=pengguna.id, peringatan=[*peringatan, *hasil.peringatan, *tata],
                  dibuat=waktu.sekarang(), siklus_id=siklus_id, langkah_no=langkah_no)
    catat_ringkasan(dok, jenis, hasil.data, dipakai)
    db.add(dok)
    db.flush()
    try:
        with BerkasBaru() as baru:
            dok.berkas_docx = baru.simpan(f"dokumen/{dok.id}/{slug}.docx", isi_docx)
            if isi_pdf is not None:
                dok.berkas_pdf = baru.simpan(f"dokumen/{dok.id}/{slug}.pdf", isi_pdf)
            db.commit()
    except BaseException:
        if dalam_transaksi:
            _tarik(dok)
        else:
            db.rollback()  # ends the write transaction at once (a job records its failure on another connection)
        raise
    audit.catat("dokumen.buat", "dokumen", dok.id, {"jenis": slug, "siklus": siklus_id, "langkah": langkah_no},
                pengguna=pengguna)
    return dok


def _tarik(dok: Dokumen) -> None:
    """Take a document row that never got its files out of the open transaction (best effort)."""
    db = sesi()
    try:
        if dok in db:
            db.delete(dok)
            db.flush()
    except Exception:  # the transaction is already broken: the caller's rollback discards the row anyway
        pass


def dokumen_boleh(pengguna: Pengguna, dokumen_id: int) -> Dokumen:
    """A document the user may see (web.inti.peran.boleh_lihat_dokumen). Raises TidakDitemukan (404) otherwise, so
    nobody learns which ids exist."""
    dok = sesi().get(Dokumen, dokumen_id)
    if dok is None or not peran.boleh_lihat_dokumen(pengguna, dok):
        raise TidakDitemukan("Dokumen tidak ditemukan.")
    return dok


# -- drafts and prefill --------------------------------------------------------------------------------------------


def draf(pengguna: Pengguna, slug: str) -> Draf | None:
    """The user's saved draft of a type."""
    return sesi().scalar(select(Draf).where(Draf.pengguna_id == pengguna.id, Draf.slug == slug))


def daftar_draf(pengguna: Pengguna) -> set[str]:
    """Slugs of the types the user has a draft of."""
    return set(sesi().scalars(select(Draf.slug).where(Draf.pengguna_id == pengguna.id)))


def simpan_draf(pengguna: Pengguna, slug: str, mentah: dict[str, Any]) -> None:
    """Store the form as typed (one draft per user and type; no validation) and commit."""
    d = draf(pengguna, slug)
    if d is None:
        sesi().add(Draf(pengguna_id=pengguna.id, slug=slug, data=mentah, diubah=waktu.sekarang()))
    else:
        d.data = mentah
        d.diubah = waktu.sekarang()
    sesi().commit()


def hapus_draf(pengguna: Pengguna, slug: str) -> None:
    """Drop the user's draft of a type (if any) and commit."""
    d = draf(pengguna, slug)
    if d is not None:
        sesi().delete(d)
        sesi().commit()


def isian_awal(pengguna: Pengguna, slug: str, medan: dict[str, str], *, siklus_id: int | None = None,
               langkah_no: int | None = None) -> dict[str, Any]:
    """Prefill a new form (web.layanan.isian.isian_awal), for the cycle step when one is named."""
    s = sesi().get(Siklus, siklus_id) if siklus_id is not None else None
    if s is not None and s.instansi_id != pengguna.instansi_id:
        s = None
    return isian.isian_awal(pengguna, slug, medan, siklus=s, langkah_no=langkah_no)


# -- in the background ---------------------------------------------------------------------------------------------


def mulai_latar(pengguna: Pengguna, slug: str, data: dict[str, Any], tautan: dict[str, int] | None = None
                ) -> tugas.Tugas:
    """Start making the document in the background (a thread here, or a `docgen worker` with Redis)."""
    return tugas.mulai("dokumen", {"slug": slug, "data": data, "tautan": dict(tautan or {})}, pemilik=pengguna.id,
                       instansi_id=pengguna.instansi_id, slug=slug, perkiraan_detik=LATAR.get(slug, 3.0))


def kerjakan(argumen: dict[str, Any], lapor: tugas.Laporan) -> int:
    """Job kind "dokumen": make `argumen["slug"]` from `argumen["data"]` for the user who started the job; the
    job is marked done in the transaction that stores the document, then the user's draft is dropped."""
    slug = argumen["slug"]
    lapor.tahap(10, "Menyusun dokumen: tabel, grafik dan analisis…")
    pengguna = sesi().get(Pengguna, lapor.pemilik)
    if pengguna is None or not pengguna.is_active:
        raise DocgenError("Akun tidak aktif.", status=403)
    with lapor.selesai_bersama(sesi(), Dokumen):
        dok = buat_dokumen(pengguna, slug, argumen["data"], **argumen.get("tautan", {}))
    hapus_draf(pengguna, slug)
    return dok.id


def tugas_milik(pengguna: Pengguna, tugas_id: str, *, awalan: str = "") -> tugas.Tugas:
    """A job the user started (its slug starting with `awalan`). Raises TidakDitemukan for any other."""
    t = tugas.dapatkan(tugas_id)
    if t is None or t.pemilik != pengguna.id or not t.slug.startswith(awalan):
        raise TidakDitemukan("Tugas tidak ditemukan (mungkin sudah kedaluwarsa).")
    return t

