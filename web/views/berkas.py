"""The archive bundle of a cycle in the browser: start it, follow its progress, cancel it, download the ZIP."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_login import login_required

from docgen import bundle
from docgen.errors import DocgenError, TidakDitemukan
from web import tugas
from web.inti.penyimpanan import kunci_berkas, penyimpanan
from web.layanan import audit, berkas
from web.layanan.dokumen import tugas_milik
from web.views.akses import pengguna

bp = Blueprint("berkas", __name__)


@bp.route("/siklus/<int:siklus_id>/berkas", methods=["POST"])
@login_required
def mulai(siklus_id: int):
    try:
        t = berkas.mulai(pengguna(), siklus_id)
    except TidakDitemukan:
        abort(404)
    except DocgenError as e:
        if e.status == 403:
            abort(403)
        flash(e.pesan, "galat")
        return redirect(url_for("siklus.lihat", siklus_id=siklus_id))
    return redirect(url_for("berkas.status", tugas_id=t.id))


def _tugas(tugas_id: str) -> tugas.Tugas:
    try:
        return tugas_milik(pengguna(), tugas_id, awalan="berkas-")
    except TidakDitemukan:
        abort(404)


@bp.route("/berkas/tugas/<tugas_id>")
@login_required
def status(tugas_id: str):
    t = _tugas(tugas_id)
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
    t = _tugas(tugas_id)
    if tugas.batalkan(t.id):
        flash("Permintaan pembatalan dikirim; penyusunan berhenti sebelum item berikutnya.", "info")
    return redirect(url_for("berkas.status", tugas_id=t.id))


@bp.route("/berkas/<int:berkas_id>/unduh")
@login_required
def unduh(berkas_id: int):
    try:
        b = berkas.berkas_instansi(pengguna(), berkas_id)
    except TidakDitemukan:
        abort(404)
    kunci = kunci_berkas(b.berkas)
    if kunci is None:
        abort(404)
    audit.catat("berkas.unduh", "berkas_arsip", b.id, {"kode": b.kode})
    return send_file(penyimpanan().path_lokal(kunci), as_attachment=True,
                     download_name=f"berkas-{bundle.nama_aman(b.kode)}.zip", mimetype="application/zip")
