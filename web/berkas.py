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
from web import tugas
from web.db import sesi
from web.layanan import konverter, lengkapi
from web.models import BerkasArsip, Dokumen, Instansi, Pengguna, Siklus

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
                ) -> tuple[dict[str, Any], dict[int, tuple[bytes, bytes]]]:
    """The cycle as a docgen.bundle cycle file, and the finished files of its papers by item place.

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
    jadi: dict[int, tuple[bytes, bytes]] = {}
    for dok in dokumen:
        data = lengkapi(dok.slug, dok.data, dok.pembuat)
        keterangan = "Asli" if dok.status == "final" else "Konsep (belum difinalkan)"
        item.append({"jenis": dok.slug, "langkah": dok.langkah_no or 1, "data": data, "keterangan": keterangan})
        docx = Path(dok.berkas_docx) if dok.berkas_docx else None
        pdf = Path(dok.berkas_pdf) if dok.berkas_pdf else None
        if docx is not None and pdf is not None and docx.is_file() and pdf.is_file():
            jadi[len(item)] = (docx.read_bytes(), pdf.read_bytes())
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


class _KonverterBergiliran:
    """The web process's LibreOffice, taken in turn with the other users' conversions (one call at a time)."""

    def __init__(self, app: Flask):
        self._k, self._kunci = konverter(app)

    def ke_pdf(self, docx: bytes) -> bytes:
        with self._kunci:
            return self._k.ke_pdf(docx)


def _buat(app: Flask, siklus_id: int, pengguna_id: int, lapor: tugas.Laporan) -> int:
    """The job: make the berkas, store the ZIP, record it; return the BerkasArsip id."""
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
            lapor=lapor.tahap, dibatalkan=lapor.dibatalkan, berkas_jadi=jadi, waktu=sekarang,
        )
        lapor.periksa_batal()
        folder = Path(app.config["PENYIMPANAN"]) / "berkas" / str(s.id)
        folder.mkdir(parents=True, exist_ok=True)
        nama = f"{bundle.nama_aman(data['berkas']['kode'])}-{sekarang:%Y%m%d%H%M%S}.zip"
        path = folder / nama
        hasil.simpan(path)
        rekam = BerkasArsip(instansi_id=s.instansi_id, siklus_id=s.id, kode=data["berkas"]["kode"],
                            berkas=str(path), sha256=bundle.sha256(hasil.zip), ukuran=len(hasil.zip),
                            dibuat_oleh=pengguna.id, dibuat=sekarang)
        db.add(rekam)
        db.commit()
        return rekam.id


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
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        t = tugas.mulai(lambda lapor: _buat(app, s.id, p.id, lapor), pemilik=p.id, slug=f"berkas-{s.id}",
                        perkiraan_detik=2 + PERKIRAAN_DETIK_PER_ITEM * len(data["item"]))
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
    path = Path(b.berkas)
    if not path.is_file():
        abort(404)
    return send_file(path, as_attachment=True, download_name=f"berkas-{bundle.nama_aman(b.kode)}.zip",
                     mimetype="application/zip")
