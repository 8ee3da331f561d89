"""The agency profile (admin only): kop data, logo, officials, unit kerja and document/capaian settings.

Every form is validated with docgen's own schemas; a bad input re-shows the page with the message beside the
field and changes nothing already saved.
"""

from __future__ import annotations

import io
import re
import secrets
import warnings
from typing import Any

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from PIL import Image
from sqlalchemy import func, select

from docgen.documents.common import Instansi as SkemaInstansi
from docgen.documents.common import Pejabat as SkemaPejabat
from docgen.documents.common import Pengaturan as SkemaPengaturan
from docgen.errors import InputTidakValid
from docgen.kinerja import PengaturanCapaian
from docgen.validation import validasi
from docgen.verifikasi import POSISI_QR
from web import audit
from web.auth import peran_diperlukan
from web.db import sesi
from web.layanan import kunci_logo
from web.models import Instansi, Pejabat, Pengguna, RencanaKinerja, UnitKerja
from web.penyimpanan import BerkasBaru, PenyimpananPenuh, hapus_berkas, kunci_berkas, penyimpanan
from web.peran import KELOLA_PROFIL

bp = Blueprint("profil", __name__)

MAKS_LOGO = 2 * 1024 * 1024
MAKS_PIKSEL_LOGO = 16_000_000  # about 64 MB decoded: far more than any kop logo needs
FORMAT_LOGO = {"PNG": "png", "JPEG": "jpg"}

# Fields edited on the page, in the order shown; labels and help come from docgen's schemas.
MEDAN_KOP = ("pemerintah", "nama", "singkatan", "alamat", "kota", "kode_pos", "telepon", "faksimile", "laman",
             "email", "zona_waktu")
MEDAN_PEJABAT = ("jabatan", "nama", "nip", "golongan", "pangkat", "kedudukan", "atas_nama")
PILIHAN_PREDIKAT = {
    "lima_tingkat": "Lima tingkat (≥91 Sangat Baik, ≥76 Baik, ≥66 Cukup, >50 Kurang, ≤50 Sangat Kurang)",
    "permenpan_6_2022": "PermenPAN-RB 6/2022 (>110 Sangat Baik, ≥100 Baik, ≥80 Cukup, ...)",
}
LABEL_PREDIKAT = {**PILIHAN_PREDIKAT, "kustom": "Kustom (ambang ditetapkan dalam data pengaturan)"}


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


def _instansi() -> Instansi:
    inst = sesi().get(Instansi, current_user.instansi_id)
    if inst is None:
        abort(404)
    return inst


def _medan(skema: type, nama: tuple[str, ...]) -> list[dict[str, Any]]:
    """Label, help text and choices of the named schema fields, for the template."""
    hasil = []
    for n in nama:
        f = skema.model_fields[n]
        pilihan = list(getattr(f.annotation, "__args__", ())) if n in ("zona_waktu", "kedudukan") else []
        hasil.append({"nama": n, "label": f.title or n, "bantuan": f.description or "",
                      "wajib": f.is_required(), "pilihan": pilihan,
                      "contoh": f.examples[0] if f.examples else ""})
    return hasil


def _pemakaian_unit(inst: Instansi) -> dict[int, list[str]]:
    """For each unit kerja of the agency, what still uses it (users, indicators in a year's plan)."""
    db = sesi()
    pakai: dict[int, list[str]] = {u.id: [] for u in inst.unit_kerja}
    jumlah = dict(db.execute(select(Pengguna.unit_kerja_id, func.count()).where(Pengguna.instansi_id == inst.id)
                             .group_by(Pengguna.unit_kerja_id)).all())
    rencana = db.scalars(select(RencanaKinerja).where(RencanaKinerja.instansi_id == inst.id)
                         .order_by(RencanaKinerja.tahun)).all()
    for u in inst.unit_kerja:
        if jumlah.get(u.id):
            pakai[u.id].append(f"{jumlah[u.id]} pengguna")
        for rk in rencana:
            n = sum(1 for s in rk.data.get("sasaran", []) for ind in s.get("indikator", [])
                    if str(ind.get("unit_kerja", "")).strip().casefold() == u.nama.casefold())
            if n:
                pakai[u.id].append(f"{n} indikator tahun {rk.tahun}")
    return pakai


def _pejabat_sah(data: dict[str, Any]) -> SkemaPejabat | None:
    """The stored official as docgen reads it, or None when the stored data no longer validates."""
    try:
        return SkemaPejabat.model_validate(data)
    except ValueError:
        return None


def _tampilkan(inst: Instansi, status: int = 200, *, nilai: dict[str, Any] | None = None,
               galat: dict[str, Any] | None = None):
    """Render the profile page; `nilai` overrides what the forms show, `galat` holds messages per section."""
    profil = dict(inst.profil)
    isi: dict[str, Any] = {
        "kop": {k: profil.get(k, "") for k in MEDAN_KOP},
        "pengaturan": {**SkemaPengaturan().model_dump(), **profil.get("pengaturan", {}),
                       "predikat": inst.pengaturan_capaian.get("predikat", "lima_tingkat")},
        "pejabat": {k: "" for k in MEDAN_PEJABAT},
        "unit": "",
    }
    for bagian, v in (nilai or {}).items():
        isi[bagian] = {**isi[bagian], **v} if isinstance(v, dict) else v
    predikat = dict(PILIHAN_PREDIKAT)
    kini = isi["pengaturan"]["predikat"]
    if kini not in predikat:
        predikat[kini] = LABEL_PREDIKAT.get(kini, kini)
    return render_template(
        "profil_lihat.html", inst=inst, nilai=isi,
        galat={"kop": {}, "logo": "", "pejabat": {}, "unit": "", "pengaturan": {}, **(galat or {})},
        medan_kop=_medan(SkemaInstansi, MEDAN_KOP), medan_pejabat=_medan(SkemaPejabat, MEDAN_PEJABAT),
        pejabat=[(p, _pejabat_sah(p.data)) for p in inst.pejabat], pemakaian=_pemakaian_unit(inst),
        pilihan_predikat=predikat, ada_logo=kunci_logo(inst) is not None, posisi_qr=POSISI_QR,
    ), status


def _form(nama: tuple[str, ...]) -> dict[str, str]:
    return {k: request.form.get(k, "").strip() for k in nama}


@bp.get("/profil")
@peran_diperlukan(*KELOLA_PROFIL)
def lihat():
    return _tampilkan(_instansi())


@bp.post("/profil/kop")
@peran_diperlukan(*KELOLA_PROFIL)
def simpan_kop():
    inst = _instansi()
    isian = _form(MEDAN_KOP)
    try:
        model = validasi(SkemaInstansi, {**isian, "pengaturan": inst.profil.get("pengaturan", {})})
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, nilai={"kop": isian}, galat={"kop": exc.fields})
    profil = model.model_dump(mode="json", exclude={"logo"})
    inst.profil = profil
    pemerintah = re.sub(r"^pemerintah\s+", "", profil["pemerintah"], flags=re.IGNORECASE)
    inst.nama = f"{profil['nama']} {pemerintah}"[:300]
    sesi().commit()
    audit.catat("profil.kop", "instansi", inst.id, {"nama": inst.nama})
    flash("Data kop instansi disimpan.", "sukses")
    return redirect(url_for("profil.lihat") + "#kop")


def periksa_logo(isi: bytes) -> str:
    """Return the file extension ('png' or 'jpg') of a valid logo; raise ValueError in Indonesian otherwise."""
    if not isi:
        raise ValueError("Pilih berkas logo terlebih dahulu.")
    if len(isi) > MAKS_LOGO:
        raise ValueError("Berkas logo lebih dari 2 MB; perkecil gambarnya lalu unggah lagi.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(isi)) as img:
                fmt = img.format
                lebar, tinggi = img.size
                img.verify()
            if lebar * tinggi <= MAKS_PIKSEL_LOGO:  # decoded only when its pixels fit in memory
                with Image.open(io.BytesIO(isi)) as img:
                    img.load()
    except Exception:  # any failure to decode untrusted bytes means "not an image we accept"
        raise ValueError("Berkas bukan gambar PNG atau JPEG yang dapat dibaca. Unggah logo berformat PNG atau "
                         "JPEG.") from None
    if lebar * tinggi > MAKS_PIKSEL_LOGO:
        raise ValueError(f"Gambar logo {lebar} x {tinggi} piksel terlalu besar (paling banyak "
                         f"{MAKS_PIKSEL_LOGO // 1_000_000} juta piksel); perkecil gambarnya lalu unggah lagi.")
    if fmt not in FORMAT_LOGO:
        raise ValueError(f"Format gambar {fmt} tidak didukung; logo harus PNG atau JPEG.")
    return FORMAT_LOGO[fmt]


@bp.post("/profil/logo")
@peran_diperlukan(*KELOLA_PROFIL)
def unggah_logo():
    inst = _instansi()
    berkas = request.files.get("logo")
    isi = berkas.stream.read(MAKS_LOGO + 1) if berkas is not None and berkas.filename else b""
    try:
        ext = periksa_logo(isi)
    except ValueError as exc:
        return _tampilkan(inst, 422, galat={"logo": str(exc)})
    lama = inst.logo
    try:
        # A new key per upload: the old logo stays whole and in use until the commit points at the new one.
        with BerkasBaru() as baru:
            inst.logo = baru.simpan(f"logo/instansi-{inst.id}-{secrets.token_hex(4)}.{ext}", isi)
            sesi().commit()
    except PenyimpananPenuh as exc:
        sesi().rollback()
        return _tampilkan(_instansi(), exc.status, galat={"logo": exc.pesan})
    kunci_lama = kunci_berkas(lama)
    if kunci_lama is not None and kunci_lama != inst.logo and kunci_lama.startswith("logo/"):
        hapus_berkas(kunci_lama)  # only after the commit: until then the old logo is the one in use
    audit.catat("profil.logo", "instansi", inst.id, {"berkas": inst.logo, "ukuran": len(isi)})
    flash("Logo instansi diganti.", "sukses")
    return redirect(url_for("profil.lihat") + "#logo")


@bp.get("/profil/logo")
@peran_diperlukan(*KELOLA_PROFIL)
def logo():
    inst = _instansi()
    kunci = kunci_logo(inst)
    if kunci is None:
        abort(404)
    # Served from memory (a logo is at most 2 MB), so no file handle outlives the request.
    jenis = "image/png" if kunci.lower().endswith(".png") else "image/jpeg"
    return send_file(io.BytesIO(penyimpanan().baca(kunci)), mimetype=jenis, max_age=0)


@bp.post("/profil/pengaturan")
@peran_diperlukan(*KELOLA_PROFIL)
def simpan_pengaturan():
    inst = _instansi()
    isian = _form(("ukuran_kertas", "gaya_diktum", "posisi_qr", "predikat"))
    if not isian["posisi_qr"]:  # a form without the field keeps the stored position
        isian["posisi_qr"] = inst.profil.get("pengaturan", {}).get("posisi_qr", "kanan_bawah")
    galat: dict[str, str] = {}
    pengaturan = None
    try:
        pengaturan = validasi(SkemaPengaturan, {k: isian[k] for k in ("ukuran_kertas", "gaya_diktum", "posisi_qr")})
    except InputTidakValid as exc:
        galat.update(exc.fields)
    capaian = {**inst.pengaturan_capaian, "predikat": isian["predikat"]}
    try:
        validasi(PengaturanCapaian, capaian)
    except InputTidakValid as exc:
        galat["predikat"] = "; ".join(exc.fields.values())
    if galat or pengaturan is None:
        return _tampilkan(inst, 422, nilai={"pengaturan": isian}, galat={"pengaturan": galat})
    inst.profil = {**inst.profil, "pengaturan": pengaturan.model_dump(mode="json")}
    inst.pengaturan_capaian = capaian
    sesi().commit()
    audit.catat("profil.pengaturan", "instansi", inst.id, {**pengaturan.model_dump(mode="json"), **capaian})
    flash("Pengaturan disimpan.", "sukses")
    return redirect(url_for("profil.lihat") + "#pengaturan")


@bp.post("/profil/pejabat")
@peran_diperlukan(*KELOLA_PROFIL)
def tambah_pejabat():
    inst = _instansi()
    isian = _form(MEDAN_PEJABAT)
    try:
        model = validasi(SkemaPejabat, isian)
    except InputTidakValid as exc:
        return _tampilkan(inst, 422, nilai={"pejabat": isian}, galat={"pejabat": exc.fields})
    sesi().add(Pejabat(instansi_id=inst.id, data=model.model_dump(mode="json")))
    sesi().commit()
    audit.catat("pejabat.tambah", "pejabat", "", {"nama": model.nama, "jabatan": model.jabatan})
    flash(f"Pejabat {model.nama} ditambahkan.", "sukses")
    return redirect(url_for("profil.lihat") + "#pejabat")


@bp.post("/profil/pejabat/<int:pejabat_id>/hapus")
@peran_diperlukan(*KELOLA_PROFIL)
def hapus_pejabat(pejabat_id: int):
    p = sesi().get(Pejabat, pejabat_id)
    if p is None or p.instansi_id != current_user.instansi_id:
        abort(404)
    nama = p.data.get("nama", "")
    sesi().delete(p)
    sesi().commit()
    audit.catat("pejabat.hapus", "pejabat", pejabat_id, {"nama": nama})
    flash(f"Pejabat {nama} dihapus.", "sukses")
    return redirect(url_for("profil.lihat") + "#pejabat")


@bp.post("/profil/unit")
@peran_diperlukan(*KELOLA_PROFIL)
def tambah_unit():
    inst = _instansi()
    nama = " ".join(request.form.get("nama", "").split())
    if not nama:
        pesan = "Nama unit kerja wajib diisi."
    elif len(nama) > 300:
        pesan = "Nama unit kerja terlalu panjang (paling banyak 300 karakter)."
    elif any(u.nama.casefold() == nama.casefold() for u in inst.unit_kerja):
        pesan = f"Unit kerja '{nama}' sudah ada."
    else:
        pesan = ""
    if pesan:
        return _tampilkan(inst, 422, nilai={"unit": nama}, galat={"unit": pesan})
    sesi().add(UnitKerja(instansi_id=inst.id, nama=nama))
    sesi().commit()
    audit.catat("unit.tambah", "unit_kerja", "", {"nama": nama})
    flash(f"Unit kerja {nama} ditambahkan.", "sukses")
    return redirect(url_for("profil.lihat") + "#unit")


@bp.post("/profil/unit/<int:unit_id>/hapus")
@peran_diperlukan(*KELOLA_PROFIL)
def hapus_unit(unit_id: int):
    inst = _instansi()
    u = sesi().get(UnitKerja, unit_id)
    if u is None or u.instansi_id != inst.id:
        abort(404)
    pakai = _pemakaian_unit(inst).get(u.id, [])
    if pakai:
        return _tampilkan(inst, 409, galat={"unit": f"Unit kerja {u.nama} tidak dapat dihapus karena masih dipakai: "
                                                   f"{', '.join(pakai)}."})
    nama = u.nama
    sesi().delete(u)
    sesi().commit()
    audit.catat("unit.hapus", "unit_kerja", unit_id, {"nama": nama})
    flash(f"Unit kerja {nama} dihapus.", "sukses")
    return redirect(url_for("profil.lihat") + "#unit")
