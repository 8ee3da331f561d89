"""API routes of archive bundles: the agency's bundles, making a cycle's bundle (a background job: 202 with the
job's URL), following and cancelling that job, downloading the ZIP."""

from __future__ import annotations

from typing import Any

from flask import send_file, url_for

from docgen import bundle
from docgen.errors import TidakDitemukan
from web import tugas
from web.api.dasar import argumen_bulat, bp, iso, pengguna
from web.inti.db import sesi
from web.inti.models import BerkasArsip
from web.inti.penyimpanan import kunci_berkas, penyimpanan
from web.layanan import audit, berkas
from web.layanan.dokumen import tugas_milik


def berkas_json(b: BerkasArsip) -> dict[str, Any]:
    """A bundle as the API describes it (its ZIP at `unduh`)."""
    return {"id": b.id, "siklus_id": b.siklus_id, "kode": b.kode, "sha256": b.sha256, "ukuran": b.ukuran,
            "dibuat": iso(b.dibuat), "peringatan": [str(p) for p in b.peringatan or []],
            "unduh": url_for("api.unduh_berkas", berkas_id=b.id)}


def _tugas_json(t: tugas.Tugas) -> dict[str, Any]:
    siklus_id = int(t.slug.removeprefix("berkas-"))
    hasil: dict[str, Any] = {"id": t.id, "siklus_id": siklus_id, "status": t.status, "persen": t.persen_kini(),
                             "pesan": t.pesan, "fields": dict(t.fields), "berkas": None,
                             "url": url_for("api.tugas_berkas", tugas_id=t.id)}
    if t.status == "selesai" and t.hasil_id is not None:
        b = sesi().get(BerkasArsip, t.hasil_id)
        if b is not None:
            hasil["berkas"] = berkas_json(b)
    return hasil


def _tugas(tugas_id: str) -> tugas.Tugas:
    return tugas_milik(pengguna(), tugas_id, awalan="berkas-")


@bp.get("/berkas")
def daftar_berkas():
    """The agency's bundles, newest first (?siklus= for one cycle's)."""
    return {"berkas": [berkas_json(b) for b in berkas.daftar_berkas_instansi(pengguna(), argumen_bulat("siklus"))]}


@bp.post("/siklus/<int:siklus_id>/berkas")
def buat_berkas(siklus_id: int):
    """Start a cycle's archive bundle in the background: 202 with the job, whose URL is also `Location`."""
    t = berkas.mulai(pengguna(), siklus_id)
    return _tugas_json(t), 202, {"Location": url_for("api.tugas_berkas", tugas_id=t.id)}


@bp.get("/berkas/tugas/<tugas_id>")
def tugas_berkas(tugas_id: str):
    """How far a bundle job is (only for the user who started it); the bundle once it is done."""
    return _tugas_json(_tugas(tugas_id))


@bp.post("/berkas/tugas/<tugas_id>/batal")
def batal_tugas_berkas(tugas_id: str):
    """Ask a bundle job to stop before its next item (nothing is kept); a finished job is left as it is."""
    t = _tugas(tugas_id)
    tugas.batalkan(t.id)
    return _tugas_json(_tugas(tugas_id))


@bp.get("/berkas/<int:berkas_id>/unduh")
def unduh_berkas(berkas_id: int):
    """A bundle's ZIP."""
    b = berkas.berkas_instansi(pengguna(), berkas_id)
    kunci = kunci_berkas(b.berkas)
    if kunci is None:
        raise TidakDitemukan("Berkas arsip tidak ditemukan.")
    audit.catat("berkas.unduh", "berkas_arsip", b.id, {"kode": b.kode})
    return send_file(penyimpanan().path_lokal(kunci), as_attachment=True, mimetype="application/zip",
                     download_name=f"berkas-{bundle.nama_aman(b.kode)}.zip")
