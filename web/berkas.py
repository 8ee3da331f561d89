"""The archive bundle of a cycle in the browser: start it as a cancellable background job, follow its progress,
download the finished ZIP. The bundle itself is docgen.bundle; this module gathers the cycle's papers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import select

from docgen import bundle
from docgen.errors import DocgenError, TidakDitemukan
from web import siklus_layanan as sl
from web import templat as templat_web
from web import tugas
from web.db import sesi
from web.layanan import konverter, lengkapi
from web.models import BerkasArsip, Dokumen, Instansi, Pengguna, Siklus
from web.penyimpanan import BerkasBaru, kunci_berkas, penyimpanan

bp = Blueprint("berkas", __name__)

# Roles that may file a cycle's papers as a berkas (the archivist and those who run the cycle).
PERAN_BERKAS = frozenset({"admin", "arsiparis", "perencana", "sekretaris", "kepala"})
KLASIFIKASI_BAWAAN = "000.8.3.3"
PERKIRAAN_DETIK_PER_ITEM = 0.6


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


def _pengguna() -> Pengguna:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def boleh_memberkas(pengguna: Pengguna) -> bool:
    return pengguna.peran in PERAN_BERKAS


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

    Raises DocgenError (422) when the cycle has no papers yet.
    """
    d = sl.definisi(s)
    dokumen = pilih_dokumen(sl.dokumen_siklus(s))
    if not dokumen:
        raise DocgenError("Siklus ini belum punya naskah untuk diberkaskan. Buat naskah dari langkah-langkahnya "
                          "terlebih dahulu.", fields={"siklus": "belum ada naskah"})
    inst = pengguna.instansi
    zona = sl.zona_instansi(inst)
    item: list[dict[str, Any]] = []
    jadi: dict[int, bundle.NaskahJadi] = {}
    templat: dict[str, bundle.TemplatDipakai] = {}
    for dok in dokumen:
        data = lengkapi(dok.slug, dok.data, dok.pembuat)
        keterangan = "Asli" if dok.status == "final" else "Konsep (belum difinalkan)"
        item.append({"jenis": dok.slug, "langkah": dok.langkah_no or 1, "data": data, "keterangan": keterangan})
        docx, pdf = kunci_berkas(dok.berkas_docx), kunci_berkas(dok.berkas_pdf)
        if docx is not None:  # the paper as made (agency template, QR code); its PDF made now if missing
            if dok.slug not in templat:
                templat[dok.slug] = _templat_sekarang(s.instansi_id, dok.slug)
            jadi[len(item)] = bundle.NaskahJadi(docx=penyimpanan().baca(docx),
                                                pdf=penyimpanan().baca(pdf) if pdf is not None else None,
                                                templat=templat[dok.slug])
    hari_ini = sl.utc(sekarang).astimezone(zona).date()
    siklus = {
        "berkas": {
            "kode": kode_berkas(s),
            "judul": s.judul,
            "unit_pengolah": d.unit or inst.nama,
            "kode_klasifikasi": d.arsip_kode_klasifikasi or KLASIFIKASI_BAWAAN,
            "tahun": s.tahun,
        },
        "instansi": lengkapi("daftar-isi-berkas", {}, pengguna)["instansi"],
        "tanggal": hari_ini.isoformat(),
        "penandatangan": sl.pejabat_untuk(inst, "arsiparis", pengguna),
        "urutan": "langkah",
        "item": item,
    }
    return siklus, jadi


def _templat_sekarang(instansi_id: int, slug: str) -> bundle.TemplatDipakai:
    """The template on record now for `slug`: the agency's own, else the built-in file.

    For now: a stored paper may have been made before the agency template changed; the web app is to record the
    template per document and hand that in instead. Raises DocgenError 422 when the agency template was changed
    outside the app (see web.templat.untuk).
    """
    isi = templat_web.untuk(instansi_id, slug)
    if isi is not None:
        return bundle.TemplatDipakai.instansi(slug, isi)
    return bundle.TemplatDipakai.bawaan(Path(current_app.config["TEMPLATES_DOCX"]), slug)


class _KonverterBergiliran:
    """The web process's LibreOffice, taken in turn with the other users' conversions (one call at a time)."""

    def __init__(self, app: Flask):
        self._k, self._kunci = konverter(app)

    def ke_pdf(self, docx: bytes) -> bytes:
        with self._kunci:
            return self._k.ke_pdf(docx)


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
        sekarang = dt.datetime.now(dt.UTC)
        data, jadi = data_siklus(s, pengguna, sekarang=sekarang)
        k = _KonverterBergiliran(app) if app.config.get("PDF_AKTIF", True) else None
        hasil = bundle.susun_berkas(
            data, templates_dir=Path(app.config["TEMPLATES_DOCX"]), konverter=k,  # type: ignore[arg-type]
            lapor=lapor.tahap, dibatalkan=lapor.dibatalkan, naskah_jadi=jadi, waktu=sekarang,
        )
        lapor.periksa_batal()
        nama = f"{bundle.nama_aman(data['berkas']['kode'])}-{sekarang:%Y%m%d%H%M%S}.zip"
        with BerkasBaru(penyimpanan(app)) as baru:
            kunci = baru.simpan(f"berkas/{s.id}/{nama}", hasil.zip)
            rekam = BerkasArsip(instansi_id=s.instansi_id, siklus_id=s.id, kode=data["berkas"]["kode"],
                                berkas=kunci, sha256=bundle.sha256(hasil.zip), ukuran=len(hasil.zip),
                                dibuat_oleh=pengguna.id, dibuat=sekarang)
            db.add(rekam)
            db.flush()
            lapor.selesai(db, rekam.id)  # the job is done in the same transaction that records the berkas
            db.commit()
        from web import audit

        audit.catat("berkas.buat", "berkas_arsip", rekam.id, {"siklus": s.id, "kode": rekam.kode,
                                                              "sha256": rekam.sha256}, pengguna=pengguna)
        return rekam.id


def kerjakan(argumen: dict[str, Any], lapor: tugas.Laporan) -> int:
    """Job kind "berkas": the archive bundle of cycle `argumen["siklus_id"]` for the user who started the job."""
    return _buat(current_app._get_current_object(), int(argumen["siklus_id"]), lapor.pemilik,  # type: ignore[attr-defined]
                 lapor)


def daftar_berkas(s: Siklus) -> list[BerkasArsip]:
    """The bundles made for a cycle, newest first."""
    return list(sesi().scalars(select(BerkasArsip).where(BerkasArsip.siklus_id == s.id)
                               .order_by(BerkasArsip.id.desc())))


# -- views -------------------------------------------------------------------------------------------------------

@bp.route("/siklus/<int:siklus_id>/berkas", methods=["POST"])
@login_required
def mulai(siklus_id: int):
    p = _pengguna()
    try:
        s = sl.siklus_instansi(p, siklus_id)
    except TidakDitemukan:
        abort(404)
    if not boleh_memberkas(p):
        abort(403)
    try:
        data, _ = data_siklus(s, p, sekarang=dt.datetime.now(dt.UTC))
        t = tugas.mulai("berkas", {"siklus_id": s.id}, pemilik=p.id, instansi_id=p.instansi_id,
                        slug=f"berkas-{s.id}", perkiraan_detik=2 + PERKIRAAN_DETIK_PER_ITEM * len(data["item"]))
    except DocgenError as e:
        flash(e.pesan, "galat")
        return redirect(url_for("siklus.lihat", siklus_id=siklus_id))
    return redirect(url_for("berkas.status", tugas_id=t.id))


def _tugas_milik(tugas_id: str) -> tugas.Tugas:
    t = tugas.dapatkan(tugas_id)
    if t is None or t.pemilik != _pengguna().id or not t.slug.startswith("berkas-"):
        abort(404)
    return t


@bp.route("/berkas/tugas/<tugas_id>")
@login_required
def status(tugas_id: str):
    t = _tugas_milik(tugas_id)
    siklus_id = int(t.slug.removeprefix("berkas-"))
    if request.accept_mimetypes.best == "application/json":
        r = t.ringkas()
        if t.status == "selesai" and t.dokumen_id is not None:
            r["url"] = url_for("siklus.lihat", siklus_id=siklus_id, _anchor="berkas")
        return jsonify(r)
    return render_template("berkas_tugas.html", tugas=t, siklus_id=siklus_id)


@bp.route("/berkas/tugas/<tugas_id>/batal", methods=["POST"])
@login_required
def batal(tugas_id: str):
    t = _tugas_milik(tugas_id)
    if tugas.batalkan(t.id):
        flash("Permintaan pembatalan dikirim; penyusunan berhenti sebelum item berikutnya.", "info")
    return redirect(url_for("berkas.status", tugas_id=t.id))


@bp.route("/berkas/<int:berkas_id>/unduh")
@login_required
def unduh(berkas_id: int):
    b = sesi().get(BerkasArsip, berkas_id)
    if b is None or b.instansi_id != _pengguna().instansi_id:
        abort(404)
    kunci = kunci_berkas(b.berkas)
    if kunci is None:
        abort(404)
    from web import audit

    audit.catat("berkas.unduh", "berkas_arsip", b.id, {"kode": b.kode})
    return send_file(penyimpanan().path_lokal(kunci), as_attachment=True,
                     download_name=f"berkas-{bundle.nama_aman(b.kode)}.zip", mimetype="application/zip")
