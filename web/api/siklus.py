"""API routes of cycles (one run of an SOP for a period): list, start, read with its steps, make a step's document,
finish a step, decide a YA/TIDAK step, cancel. The rules are web.layanan.siklus and web.layanan.langkah."""

from __future__ import annotations

from typing import Any

from flask import url_for

from docgen.errors import InputTidakValid
from web.api.berkas import berkas_json
from web.api.dasar import (
    Isian,
    argumen_bulat,
    argumen_pilihan,
    badan_json,
    bp,
    detik,
    dokumen_json,
    iso,
    logo_dari_profil,
    pengguna,
    perlu,
)
from web.inti import peran, waktu
from web.inti.models import Pengguna, Siklus
from web.inti.peran import Aksi
from web.layanan import berkas, langkah
from web.layanan import dokumen as layanan_dokumen
from web.layanan import siklus as sl

STATUS = ("berjalan", "selesai", "dibatalkan")


def _nama(orang: dict[int, Pengguna], pengguna_id: int | None) -> str | None:
    u = orang.get(pengguna_id) if pengguna_id is not None else None
    return (u.nama or u.username) if u is not None else None


def _dasar(s: Siklus) -> dict[str, Any]:
    return {"id": s.id, "judul": s.judul, "sop": s.sop_kode, "periode_jenis": s.periode_jenis,
            "periode_ke": s.periode_ke, "tahun": s.tahun, "periode": sl.label_periode(s), "status": s.status,
            "dibuat": iso(s.dibuat), "selesai": iso(s.selesai), "url": url_for("api.lihat_siklus", siklus_id=s.id)}


def _ringkasan(r: sl.Ringkasan) -> dict[str, Any]:
    k = r.berjalan
    berjalan = None if k is None else {
        "no": k.no, "kegiatan": k.langkah.kegiatan, "peran": k.peran, "mulai": iso(k.baris.mulai),
        "tenggat": iso(k.tenggat), "terlambat_detik": detik(k.terlambat)}
    return {**_dasar(r.siklus), "jumlah_langkah": r.jumlah, "langkah_selesai": r.selesai, "berjalan": berjalan,
            "galat": r.galat}


def _langkah(k: sl.KeadaanLangkah, orang: dict[int, Pengguna]) -> dict[str, Any]:
    lk, b = k.langkah, k.baris
    return {"no": k.no, "kegiatan": lk.kegiatan, "jenis": lk.jenis, "pelaksana": list(lk.pelaksana),
            "peran": k.peran, "kelengkapan": lk.kelengkapan, "output": lk.output,
            "mutu_baku": str(k.baku) if k.baku is not None else None,
            "status": k.status, "putaran": b.putaran, "mulai": iso(b.mulai), "selesai": iso(b.selesai),
            "tenggat": iso(k.tenggat), "terpakai_detik": detik(k.terpakai), "total_detik": detik(k.total),
            "terlambat_detik": detik(k.terlambat), "keputusan": b.keputusan, "catatan": b.catatan or "",
            "pelaku": _nama(orang, b.pelaku_id), "dokumen_wajib": list(lk.dokumen),
            "dokumen": [dokumen_json(d) for d in k.dokumen]}


def rinci(s: Siklus, p: Pengguna) -> dict[str, Any]:
    """A cycle as its page shows it: every step with its state, time and documents, the running step and what may
    be done on it, the history and the bundles."""
    d = sl.definisi(s)
    semua = sl.keadaan(s, d, sekarang=waktu.sekarang(), zona=waktu.zona(p.instansi),
                       kalender=waktu.kalender(p.instansi), dokumen=sl.dokumen_siklus(s))
    orang = sl.orang_instansi(s.instansi_id)
    k = next((x for x in semua if x.status == "berjalan"), None) if s.status == "berjalan" else None
    berjalan = None if k is None else {
        "no": k.no, "jenis": k.langkah.jenis, "putaran": k.baris.putaran,
        "boleh_tindak": sl.boleh_bertindak(p, d, k.no), "tujuan": sl.tujuan_berjalan(d, k),
        "dokumen_kurang": langkah.dokumen_kurang(s, d, k.baris),
        "boleh_buat": [slug for slug in k.langkah.dokumen if peran.boleh_membuat(p.peran, slug)]}
    riwayat = [{"waktu": iso(r.waktu), "aksi": r.aksi, "label": sl.LABEL_AKSI.get(r.aksi, r.aksi),
                "langkah_no": r.langkah_no, "pengguna": _nama(orang, r.pengguna_id), "catatan": r.catatan or "",
                "dokumen_id": r.dokumen_id} for r in sl.riwayat(s)]
    return {**_dasar(s), "sop_judul": d.judul, "dibuat_oleh": _nama(orang, s.dibuat_oleh),
            "jumlah_langkah": len(semua), "langkah_selesai": sum(x.status in ("selesai", "dilewati") for x in semua),
            "langkah": [_langkah(x, orang) for x in semua], "berjalan": berjalan, "riwayat": riwayat,
            "berkas": [berkas_json(b) for b in berkas.daftar_berkas(s)],
            "boleh_batal": s.status == "berjalan" and peran.boleh_batalkan_siklus(p, s.dibuat_oleh),
            "boleh_berkas": berkas.boleh_memberkas(p)}


def _hasil(s: Siklus, p: Pengguna, h: langkah.HasilAksi) -> dict[str, Any]:
    return {"siklus": rinci(s, p), "dokumen": dokumen_json(h.dokumen) if h.dokumen is not None else None,
            "tanpa_dokumen": list(h.kurang), "peringatan": list(h.peringatan)}


@bp.get("/siklus")
def daftar_siklus():
    """The agency's cycles, newest first (?status=berjalan|selesai|dibatalkan, ?tahun=)."""
    status = argumen_pilihan("status", STATUS)
    tahun = argumen_bulat("tahun")
    isi = sl.daftar_siklus(pengguna(), sekarang=waktu.sekarang(), status=status, tahun=tahun)
    return {"siklus": [_ringkasan(r) for r in isi]}


@bp.post("/siklus")
def mulai_siklus():
    """Start a cycle of an SOP for a period: 201 with the cycle, step 1 running."""
    p = perlu(Aksi.MULAI_SIKLUS)
    isian = Isian(badan_json(), ("sop", "periode_jenis", "periode_ke", "tahun"))
    kode, jenis = isian.teks("sop"), isian.teks("periode_jenis")
    ke, tahun = isian.bulat("periode_ke"), isian.bulat("tahun")
    isian.periksa()
    s = langkah.mulai_siklus(p, kode=kode, periode_jenis=jenis, periode_ke=ke, tahun=tahun,
                             sekarang=waktu.sekarang())
    return rinci(s, p), 201, {"Location": url_for("api.lihat_siklus", siklus_id=s.id)}


@bp.get("/siklus/<int:siklus_id>")
def lihat_siklus(siklus_id: int):
    """One cycle of the agency with its steps, history and bundles."""
    p = pengguna()
    return rinci(sl.siklus_instansi(p, siklus_id), p)


@bp.post("/siklus/<int:siklus_id>/langkah/<int:no>/dokumen/<slug>")
def dokumen_langkah(siklus_id: int, no: int, slug: str):
    """Make a document of type `slug` for step `no` from the JSON body, what it leaves out filled as the step's form
    would be (web.layanan.isian: `{}` gives a complete document or a 422 naming only what a person must supply)."""
    p = pengguna()
    s = sl.siklus_instansi(p, siklus_id)  # 404 for another agency's cycle or a step it does not have, then 403
    sl.langkah_siklus(s, no)
    layanan_dokumen.jenis_boleh(p, slug)
    data = logo_dari_profil(badan_json(), p)
    dok = layanan_dokumen.buat_dokumen(p, slug, data, pdf=True, siklus_id=s.id, langkah_no=no, isi_bawaan=True)
    return dokumen_json(dok), 201, {"Location": url_for("api.lihat_dokumen", dokumen_id=dok.id)}


@bp.post("/siklus/<int:siklus_id>/langkah/<int:no>/selesai")
def selesai_langkah(siklus_id: int, no: int):
    """Finish the running process step (409 when it is no longer running, or was run again since `putaran`).
    While the step's documents are not made, nothing changes (422 on `konfirmasi`) unless `konfirmasi` is true."""
    p = pengguna()
    s = sl.siklus_instansi(p, siklus_id)
    sl.langkah_siklus(s, no)
    isian = Isian(badan_json(boleh_kosong=True), ("catatan", "putaran", "konfirmasi"))
    catatan, putaran, konfirmasi = isian.teks("catatan"), isian.bulat("putaran"), isian.benar_salah("konfirmasi")
    isian.periksa()
    h = langkah.selesaikan_langkah(p, s, no, catatan=catatan, putaran=putaran, konfirmasi=konfirmasi,
                                   sekarang=waktu.sekarang())
    if not h.tercatat:
        judul = ", ".join(langkah.judul_jenis(slug) for slug in h.kurang)
        raise InputTidakValid(f"Langkah {no} belum diselesaikan: dokumennya belum dibuat pada putaran ini", fields={
            "konfirmasi": f"dokumen belum dibuat: {judul}; buat dahulu, atau kirim \"konfirmasi\": true untuk tetap "
                          "menyelesaikan langkah"})
    return _hasil(s, p, h)


@bp.post("/siklus/<int:siklus_id>/langkah/<int:no>/keputusan")
def keputusan_langkah(siklus_id: int, no: int):
    """Decide the running decision step: YA moves on, TIDAK (with a `catatan`) goes back; a lembar disposisi is
    made and returned as `dokumen`."""
    p = pengguna()
    s = sl.siklus_instansi(p, siklus_id)
    sl.langkah_siklus(s, no)
    isian = Isian(badan_json(), ("keputusan", "catatan", "putaran"))
    pilihan, catatan, putaran = isian.teks("keputusan").lower(), isian.teks("catatan"), isian.bulat("putaran")
    isian.periksa()
    h = langkah.putuskan(p, s, no, pilihan, catatan, putaran=putaran, sekarang=waktu.sekarang())
    return _hasil(s, p, h)


@bp.post("/siklus/<int:siklus_id>/batal")
def batal_siklus(siklus_id: int):
    """Cancel a running cycle with its reason (`alasan`): admin, kepala, or whoever started it."""
    p = pengguna()
    s = sl.siklus_instansi(p, siklus_id)
    isian = Isian(badan_json(boleh_kosong=True), ("alasan",))
    alasan = isian.teks("alasan")
    isian.periksa()
    try:
        langkah.batalkan_siklus(p, s, alasan, sekarang=waktu.sekarang())
    except InputTidakValid as e:
        raise InputTidakValid(e.pesan, fields={"alasan" if k == "catatan" else k: v
                                               for k, v in e.fields.items()}) from None
    return rinci(s, p)
