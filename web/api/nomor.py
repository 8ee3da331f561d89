"""API routes of the letter-number register (buku agenda surat keluar): the book of a year, a number taken by hand
for a letter made outside docgen, voiding a number with its reason, the .xlsx export, the number series."""

from __future__ import annotations

import io
from typing import Any

from flask import request, send_file

from web.api.dasar import Isian, argumen_bulat, argumen_pilihan, badan_json, bp, iso, perlu
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Instansi, NomorSurat, SeriNomor
from web.inti.peran import Aksi
from web.layanan import audit, nomor, siklus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _seri_json(s: SeriNomor) -> dict[str, Any]:
    return {"kode": s.kode, "pola": s.pola, "kode_klasifikasi": s.kode_klasifikasi, "kode_unit": s.kode_unit,
            "contoh": nomor.contoh(s)}


def _nomor_json(b: NomorSurat, seri: dict[int, SeriNomor], nama: dict[int, str]) -> dict[str, Any]:
    s = seri.get(b.seri_id)
    return {"id": b.id, "nomor": b.nomor, "seri": s.kode if s is not None else None, "tahun": b.tahun,
            "urut": b.urut, "sisipan": b.sisipan or "", "tanggal": iso(b.tanggal), "hal": b.hal or "",
            "tujuan": b.tujuan or "", "status": b.status, "keterangan": nomor.keterangan(b),
            "alasan_batal": b.alasan_batal or "", "dokumen_id": b.dokumen_id,
            "dibuat_oleh": nama.get(b.dibuat_oleh or 0), "dibuat": iso(b.dibuat), "dibatalkan": iso(b.dibatalkan)}


def _satu(b: NomorSurat, instansi_id: int) -> dict[str, Any]:
    nama = {i: u.nama or u.username for i, u in siklus.orang_instansi(instansi_id).items()}
    return _nomor_json(b, {s.id: s for s in nomor.daftar_seri(sesi(), instansi_id)}, nama)


def _seri() -> str | None:
    """?seri= (an unknown code is a 422 naming the known ones, from the register)."""
    return request.args.get("seri", "").strip() or None


def _tahun(instansi_id: int, inst: Instansi) -> int:
    """?tahun=, else the latest year with entries, else this year (as the register page)."""
    t = argumen_bulat("tahun")
    if t is not None:
        return t
    ada = nomor.tahun_ada(sesi(), instansi_id)
    return ada[0] if ada else waktu.hari_ini(inst).year


@bp.get("/nomor")
def daftar_nomor():
    """The register of a year (?tahun=), optionally of one series (?seri=) and status (?status=dipakai|batal)."""
    p = perlu(Aksi.LIHAT_REGISTER)
    db = sesi()
    tahun = _tahun(p.instansi_id, p.instansi)
    status = argumen_pilihan("status", ("dipakai", "batal"))
    semua_seri = nomor.daftar_seri(db, p.instansi_id)
    baris = nomor.daftar(db, p.instansi_id, tahun, _seri(), status or None)
    nama = {i: u.nama or u.username for i, u in siklus.orang_instansi(p.instansi_id).items()}
    seri_id = {s.id: s for s in semua_seri}
    return {"tahun": tahun, "tahun_ada": nomor.tahun_ada(db, p.instansi_id),
            "seri": [_seri_json(s) for s in semua_seri], "nomor": [_nomor_json(b, seri_id, nama) for b in baris]}


@bp.post("/nomor")
def ambil_nomor():
    """Take a number by hand for a letter made outside docgen: 201 with its register entry and, as `catatan`, why
    an inserted number (13a) was given."""
    p = perlu(Aksi.LIHAT_REGISTER)
    isian = Isian(badan_json(), ("seri", "tanggal", "hal", "tujuan", "cara"))
    kode, tanggal, hal = isian.teks("seri"), isian.teks("tanggal"), isian.teks("hal")
    tujuan, cara = isian.teks("tujuan"), isian.teks("cara", "otomatis")
    isian.periksa()
    tgl = nomor.periksa_ambil(seri_kode=kode, tanggal=tanggal, hal=hal, cara=cara)
    baris, ket = nomor.berikan(sesi(), instansi_id=p.instansi_id, seri_kode=kode, tanggal=tgl, cara=cara, hal=hal,
                               tujuan=tujuan, pengguna_id=p.id)
    audit.catat("nomor.ambil", "nomor_surat", baris.id, {"nomor": baris.nomor, "seri": kode, "hal": hal})
    return {**_satu(baris, p.instansi_id), "catatan": ket}, 201


@bp.post("/nomor/<int:nomor_id>/batal")
def batal_nomor(nomor_id: int):
    """Void a number with its reason (`alasan`); it stays in the book and is never given again."""
    p = perlu(Aksi.BATALKAN_NOMOR)
    isian = Isian(badan_json(boleh_kosong=True), ("alasan",))
    alasan = isian.teks("alasan")
    isian.periksa()
    baris = nomor.batalkan(sesi(), nomor_id, alasan, p.id, instansi_id=p.instansi_id)
    audit.catat("nomor.batal", "nomor_surat", baris.id, {"nomor": baris.nomor, "alasan": baris.alasan_batal})
    return _satu(baris, p.instansi_id)


@bp.get("/nomor/ekspor")
def ekspor_nomor():
    """The outgoing-letter book of a year (?tahun=, ?seri=) as .xlsx."""
    p = perlu(Aksi.LIHAT_REGISTER)
    tahun = _tahun(p.instansi_id, p.instansi)
    kode = _seri()
    isi = nomor.buku_agenda_xlsx(sesi(), p.instansi_id, tahun, kode)
    return send_file(io.BytesIO(isi), mimetype=XLSX, as_attachment=True,
                     download_name=f"buku-agenda-surat-keluar-{tahun}.xlsx")


@bp.post("/nomor/seri")
def tambah_seri():
    """Add a number series (admin): `kode`, `pola` with {urut}, `kode_klasifikasi`, `kode_unit`."""
    p = perlu(Aksi.KELOLA_SERI)
    medan = ("kode", "pola", "kode_klasifikasi", "kode_unit")
    isian = Isian(badan_json(), medan)
    nilai = {k: isian.teks(k) for k in medan}
    isian.periksa()
    baru = nomor.tambah_seri(sesi(), p.instansi_id, nilai)
    audit.catat("seri.tambah", "seri_nomor", baru.kode, nilai)
    return _seri_json(baru), 201
