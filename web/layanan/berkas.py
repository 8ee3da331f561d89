"""The archive bundle of a cycle: gather the cycle's papers, make the berkas in a cancellable background job,
store the ZIP and record it. The bundle itself is docgen.bundle."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select

from docgen import bundle
from docgen.errors import DocgenError, TidakDitemukan
from web import tugas
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.models import BerkasArsip, Dokumen, Instansi, Pengguna, Siklus
from web.inti.penyimpanan import BerkasBaru, kunci_berkas, penyimpanan, tanpa_path
from web.layanan import audit, siklus, templat
from web.layanan import pdf as layanan_pdf
from web.layanan.dokumen import lengkapi
from web.layanan.instansi import pejabat_untuk

KLASIFIKASI_BAWAAN = "000.8.3.3"
PERKIRAAN_DETIK_PER_ITEM = 0.6


# -- gathering the cycle's papers --------------------------------------------------------------------------------


def kode_berkas(s: Siklus) -> str:
    """The berkas code printed on every page: agency abbreviation, SOP code, year and cycle number."""
    inst = sesi().get(Instansi, s.instansi_id)
    profil = inst.profil if inst is not None else {}
    singkatan = re.sub(r"[^A-Za-z0-9.-]+", "-", str(profil.get("singkatan") or "")).strip("-") or "OPD"
    return f"{singkatan}/{s.sop_kode.upper()}/{s.tahun}/{s.id:03d}"[:80]


def pilih_dokumen(dokumen: list[Dokumen]) -> list[Dokumen]:
    """The papers to file: every finalised one, and for a step and type with none final, its newest draft."""
    ada_final = {(d.langkah_no, d.slug) for d in dokumen if d.status == "final"}
    terbaru: dict[tuple[int | None, str], Dokumen] = {}
    for d in dokumen:
        if d.status != "final" and (d.langkah_no, d.slug) not in ada_final:
            lama = terbaru.get((d.langkah_no, d.slug))
            if lama is None or d.id > lama.id:
                terbaru[(d.langkah_no, d.slug)] = d
    pilih = [d for d in dokumen if d.status == "final" or terbaru.get((d.langkah_no, d.slug)) is d]
    return sorted(pilih, key=lambda d: (d.langkah_no or 0, d.id))


def data_siklus(s: Siklus, pengguna: Pengguna, *, sekarang: dt.datetime
                ) -> tuple[dict[str, Any], dict[int, bundle.NaskahJadi]]:
    """The cycle as a docgen.bundle cycle file, and the stored files of its papers by item place.

    Raises DocgenError (422) when the cycle has no papers yet, or more than a bundle holds.
    """
    d = siklus.definisi(s)
    dokumen = pilih_dokumen(siklus.dokumen_siklus(s))
    if not dokumen:
        raise DocgenError("Siklus ini belum punya naskah untuk diberkaskan. Buat naskah dari langkah-langkahnya "
                          "terlebih dahulu.", fields={"siklus": "belum ada naskah"})
    if len(dokumen) > bundle.MAKS_ITEM:  # refused before a job starts or a file is read
        raise DocgenError(
            f"Siklus ini punya {len(dokumen)} naskah untuk diberkaskan, sedangkan satu berkas arsip memuat paling "
            f"banyak {bundle.MAKS_ITEM} naskah (nomor butir dua angka). Kurangi naskahnya: konsep yang tidak perlu "
            "diarsipkan tidak usah disimpan di siklus ini.",
            fields={"siklus": f"lebih dari {bundle.MAKS_ITEM} naskah"})
    inst = pengguna.instansi
    item: list[dict[str, Any]] = []
    jadi: dict[int, bundle.NaskahJadi] = {}
    for dok in dokumen:
        data = lengkapi(dok.slug, dok.data, dok.pembuat, siklus_id=dok.siklus_id)
        keterangan = "Asli" if dok.status == "final" else "Konsep (belum difinalkan)"
        item.append({"jenis": dok.slug, "langkah": dok.langkah_no or 1, "data": data, "keterangan": keterangan})
        docx, pdf = kunci_berkas(dok.berkas_docx), kunci_berkas(dok.berkas_pdf)
        if docx is not None:  # the paper as made (agency template, QR code); its PDF made now if missing
            jadi[len(item)] = bundle.NaskahJadi(docx=penyimpanan().baca(docx),
                                                pdf=penyimpanan().baca(pdf) if pdf is not None else None,
                                                templat=templat_dokumen(dok))
    hari_ini = waktu.hari_ini(inst, sekarang)
    masukan = {
        "berkas": {
            "kode": kode_berkas(s),
            "judul": s.judul,
            "unit_pengolah": d.unit or inst.nama,
            "kode_klasifikasi": d.arsip_kode_klasifikasi or KLASIFIKASI_BAWAAN,
            "tahun": s.tahun,
        },
        "instansi": lengkapi("daftar-isi-berkas", {}, pengguna)["instansi"],
        "tanggal": hari_ini.isoformat(),
        "penandatangan": pejabat_untuk(inst, "arsiparis", pengguna),
        "urutan": "langkah",
        "item": item,
    }
    return masukan, jadi


def templat_dokumen(dok: Dokumen) -> bundle.TemplatDipakai:
    """The template a stored paper was made with, as recorded on it when it was rendered. A paper made before docgen
    recorded it gets the template on record now (the agency's own, else the built-in one)."""
    if dok.templat_sha256 and dok.templat_sumber in ("bawaan", "instansi"):
        return bundle.TemplatDipakai(nama=f"{dok.slug}.docx", sha256=dok.templat_sha256,
                                     sumber=dok.templat_sumber)  # type: ignore[arg-type]
    kini = templat.pilih(dok.instansi_id, dok.slug)
    return bundle.TemplatDipakai(nama=f"{dok.slug}.docx", sha256=kini.sha256,
                                 sumber=kini.sumber)  # type: ignore[arg-type]


def templat_instansi(inst: Instansi, slugs: set[str]) -> dict[str, bytes]:
    """The agency's own templates of these types, for the papers the bundle renders itself (the Daftar Isi Berkas
    and papers without a stored .docx). Raises DocgenError 422 when one was changed outside the app."""
    milik = templat.milik(inst)
    return {slug: isi for slug in sorted(slugs & set(milik)) if (isi := templat.untuk(inst.id, slug)) is not None}


class _KonverterBergiliran:
    """This process's LibreOffice, taken in turn with the other conversions here (one call at a time)."""

    def __init__(self, app: Flask):
        self._lokal = layanan_pdf.lokal(app)

    def ke_pdf(self, docx: bytes) -> bytes:
        return self._lokal.ke_pdf(docx)


def _buat(app: Flask, siklus_id: int, pengguna_id: int, lapor: tugas.Laporan) -> int:
    """The job: make the berkas, store the ZIP, record it; return the BerkasArsip id.

    The ZIP is complete in the store before the record points at it; a full disk (PenyimpananPenuh) or a failed
    commit leaves neither the file nor the record, and the job fails with the message."""
    with app.app_context():
        db = sesi()
        pengguna = db.get(Pengguna, pengguna_id)
        s = db.get(Siklus, siklus_id)
        if pengguna is None or s is None:
            raise TidakDitemukan("Siklus tidak ditemukan.")
        sekarang = waktu.sekarang()
        data, jadi = data_siklus(s, pengguna, sekarang=sekarang)
        k = _KonverterBergiliran(app) if app.config.get("PDF_AKTIF", True) else None
        jenis = {bundle.SLUG_DAFTAR, *(i["jenis"] for i in data["item"])}
        with tanpa_path(app):
            hasil = bundle.susun_berkas(
                data, templates_dir=Path(app.config["TEMPLATES_DOCX"]), konverter=k,  # type: ignore[arg-type]
                lapor=lapor.tahap, dibatalkan=lapor.dibatalkan, naskah_jadi=jadi,
                templat_instansi=templat_instansi(pengguna.instansi, jenis), waktu=sekarang,
            )
        lapor.periksa_batal()
        nama = f"{bundle.nama_aman(data['berkas']['kode'])}-{sekarang:%Y%m%d%H%M%S}.zip"
        with BerkasBaru(penyimpanan(app)) as baru:
            kunci = baru.simpan(f"berkas/{s.id}/{nama}", hasil.zip)
            rekam = BerkasArsip(instansi_id=s.instansi_id, siklus_id=s.id, kode=data["berkas"]["kode"],
                                berkas=kunci, sha256=bundle.sha256(hasil.zip), ukuran=len(hasil.zip),
                                dibuat_oleh=pengguna.id, dibuat=sekarang, peringatan=list(hasil.peringatan))
            db.add(rekam)
            db.flush()
            lapor.selesai(db, rekam.id)  # the job is done in the same transaction that records the berkas
            db.commit()
        audit.catat("berkas.buat", "berkas_arsip", rekam.id, {"siklus": s.id, "kode": rekam.kode,
                                                              "sha256": rekam.sha256}, pengguna=pengguna)
        return rekam.id


def kerjakan(argumen: dict[str, Any], lapor: tugas.Laporan) -> int:
    """Job kind "berkas": the archive bundle of cycle `argumen["siklus_id"]` for the user who started the job."""
    return _buat(current_app._get_current_object(), int(argumen["siklus_id"]), lapor.pemilik,  # type: ignore[attr-defined]
                 lapor)


def boleh_memberkas(pengguna: Pengguna) -> bool:
    """Whether the user may file a cycle's papers (web.inti.peran, SUSUN_BERKAS)."""
    return peran.boleh(pengguna.peran, peran.Aksi.SUSUN_BERKAS)


def mulai(pengguna: Pengguna, siklus_id: int) -> tugas.Tugas:
    """Start the archive bundle of a cycle of the user's agency as a background job.

    Raises TidakDitemukan (404), DocgenError 403 (role), 422 (no papers yet), 503 (the queue is full)."""
    s = siklus.siklus_instansi(pengguna, siklus_id)
    if not boleh_memberkas(pengguna):
        raise DocgenError("Peran Anda tidak berwenang menyusun berkas arsip.", status=403)
    data, _ = data_siklus(s, pengguna, sekarang=waktu.sekarang())
    return tugas.mulai("berkas", {"siklus_id": s.id}, pemilik=pengguna.id, instansi_id=pengguna.instansi_id,
                       slug=f"berkas-{s.id}", perkiraan_detik=2 + PERKIRAAN_DETIK_PER_ITEM * len(data["item"]))


def berkas_instansi(pengguna: Pengguna, berkas_id: int) -> BerkasArsip:
    """A bundle of the user's agency whose ZIP is in the store. Raises TidakDitemukan otherwise."""
    b = sesi().get(BerkasArsip, berkas_id)
    if b is None or b.instansi_id != pengguna.instansi_id or kunci_berkas(b.berkas) is None:
        raise TidakDitemukan("Berkas arsip tidak ditemukan.")
    return b


def daftar_berkas(s: Siklus) -> list[BerkasArsip]:
    """The bundles made for a cycle, newest first."""
    return list(sesi().scalars(select(BerkasArsip).where(BerkasArsip.siklus_id == s.id)
                               .order_by(BerkasArsip.id.desc())))


def daftar_berkas_instansi(pengguna: Pengguna, siklus_id: int | None = None, *, batas: int = 200
                           ) -> list[BerkasArsip]:
    """The agency's bundles, newest first; of one cycle of the agency with `siklus_id` (TidakDitemukan for
    another's)."""
    if siklus_id is not None:
        return daftar_berkas(siklus.siklus_instansi(pengguna, siklus_id))
    return list(sesi().scalars(select(BerkasArsip).where(BerkasArsip.instansi_id == pengguna.instansi_id)
                               .order_by(BerkasArsip.id.desc()).limit(batas)))


# -- the filer's home page ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiapDiberkas:
    """A finished cycle with no archive bundle yet, and how many of its papers would be filed."""

    siklus: Siklus
    naskah: int


def siap_diberkas(pengguna: Pengguna, *, batas: int = 50) -> list[SiapDiberkas]:
    """The agency's finished cycles that have no bundle yet, most recently finished first."""
    db = sesi()
    ada = select(BerkasArsip.siklus_id).where(BerkasArsip.instansi_id == pengguna.instansi_id)
    baris = db.scalars(select(Siklus).where(Siklus.instansi_id == pengguna.instansi_id, Siklus.status == "selesai",
                                            Siklus.id.not_in(ada))
                       .order_by(Siklus.selesai.desc(), Siklus.id.desc()).limit(batas)).all()
    per_siklus: dict[int, list[Dokumen]] = {}
    if baris:
        for d in db.scalars(select(Dokumen).where(Dokumen.siklus_id.in_([s.id for s in baris])).order_by(Dokumen.id)):
            per_siklus.setdefault(d.siklus_id or 0, []).append(d)
    return [SiapDiberkas(siklus=s, naskah=len(pilih_dokumen(per_siklus.get(s.id, [])))) for s in baris]


def berkas_terbaru(pengguna: Pengguna, *, batas: int = 20) -> list[tuple[BerkasArsip, Siklus]]:
    """The agency's bundles, newest first, with their cycles."""
    return [(b, s) for b, s in sesi().execute(
        select(BerkasArsip, Siklus).join(Siklus, Siklus.id == BerkasArsip.siklus_id)
        .where(BerkasArsip.instansi_id == pengguna.instansi_id)
        .order_by(BerkasArsip.dibuat.desc(), BerkasArsip.id.desc()).limit(batas))]
