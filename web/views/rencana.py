"""The year's plan edited as one tree in the browser: sasaran → indikator (targets, TW I-IV), program → kegiatan
(pagu). The whole tree is posted at once; rows are added and removed in the page (static/formulir.js). The rules
are web.layanan.rencana_susun."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.kinerja import TRIWULAN
from web.inti.peran import Aksi
from web.layanan import kinerja, rencana_susun
from web.views.akses import pengguna, perlu

bp = Blueprint("rencana", __name__)

# The tree is one form of ~16 fields per indicator and 4 per kegiatan: a large plan passes Flask's 1000 fields.
MAKS_ISIAN = 20_000
MAKS_UKURAN_ISIAN = 5 * 1024 * 1024
LABEL_POLARITAS = {"naik": "naik (makin tinggi makin baik)", "turun": "turun (makin rendah makin baik)",
                   "rentang": "rentang (target batas bawah-atas)"}
LABEL_ATURAN = {"terakhir": "nilai TW terakhir", "kumulatif": "kumulatif (jumlah TW)", "rata_rata": "rata-rata TW"}
LABEL_BARIS = {"sasaran": "Sasaran", "indikator": "Indikator", "program": "Program", "kegiatan": "Kegiatan"}
LABEL_MEDAN = {"kode": "Kode", "sasaran": "Sasaran strategis", "tujuan": "Tujuan", "program": "Program pendukung",
               "indikator": "Nama indikator", "satuan": "Satuan", "unit_kerja": "Unit kerja", "polaritas": "Polaritas",
               "aturan_triwulan": "Penggabungan TW", "target": "Target tahunan", "target_bawah": "Batas bawah",
               "target_atas": "Batas atas", "baseline": "Baseline", "target_akhir_renstra": "Target akhir Renstra",
               "nama": "Nama", "pagu": "Pagu (Rp)", "kegiatan": "Kegiatan"}


@bp.url_value_preprocessor
def _batas_isian(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Raise the form limits for the tree's POST. This runs before every before_request function, and the
    request check of web.inti.masukan reads the form there, before any view could set them."""
    if endpoint == "rencana.susun" and request.method == "POST":
        request.max_form_parts = MAKS_ISIAN
        request.max_form_memory_size = MAKS_UKURAN_ISIAN


def _nama_letak(pohon: dict[str, Any], jalur: str) -> str:
    """Where an error is, in words: 'Sasaran 1 (S1) › Indikator 2 (IKU 2) › Target TW III'."""
    bagian = jalur.split(".") if jalur else []
    kata: list[str] = []
    wadah: Any = pohon
    i = 0
    while i < len(bagian):
        nama = bagian[i]
        nomor = int(bagian[i + 1]) if i + 1 < len(bagian) and bagian[i + 1].isdigit() else None
        i += 1 if nomor is None else 2
        if nomor is None:
            isi = wadah.get(nama) if isinstance(wadah, dict) else None
            kata.append(f"Daftar {LABEL_BARIS[nama].lower()}" if isinstance(isi, list) and nama in LABEL_BARIS
                        else LABEL_MEDAN.get(nama, nama))
        elif nama == "target_triwulan":
            kata.append(f"Target TW {TRIWULAN[nomor]}" if nomor < 4 else nama)
        else:
            daftar = wadah.get(nama, []) if isinstance(wadah, dict) else []
            wadah = daftar[nomor] if nomor < len(daftar) else {}
            kode = wadah.get("kode", "") if isinstance(wadah, dict) else ""
            kata.append(f"{LABEL_BARIS.get(nama, nama)} {nomor + 1}" + (f" ({kode})" if kode else ""))
    return " › ".join(kata) or "Rencana"


def _halaman(tahun: int, pohon: dict[str, Any], *, baru: bool, galat: dict[str, str] | None = None,
             status: int = 200):
    inst = pengguna().instansi
    galat = galat or {}
    unit = sorted({u.nama for u in inst.unit_kerja} | {i["unit_kerja"] for s in pohon["sasaran"]
                                                        for i in s["indikator"] if i["unit_kerja"]})
    return render_template(
        "kinerja_susun.html", tahun=tahun, pohon=pohon, baru=baru, galat=galat, unit=unit, L=LABEL_MEDAN,
        label_galat={k: _nama_letak(pohon, k) for k in galat}, TRIWULAN=TRIWULAN,
        POLARITAS=[(p, LABEL_POLARITAS.get(p, p)) for p in rencana_susun.POLARITAS],
        ATURAN=[(a, LABEL_ATURAN.get(a, a)) for a in rencana_susun.ATURAN_TRIWULAN],
        kosong={"sasaran": rencana_susun.sasaran_kosong(), "indikator": rencana_susun.indikator_kosong(),
                "program": rencana_susun.program_kosong(), "kegiatan": rencana_susun.kegiatan_kosong()},
    ), status


@bp.route("/kinerja/<int:tahun>/susun", methods=["GET", "POST"])
@perlu(Aksi.KELOLA_RENCANA)
def susun(tahun: int):
    """Edit a year's plan; with `baru=1` a year that does not exist yet is started from an empty frame (saving it
    never replaces a year created meanwhile)."""
    inst = pengguna().instansi
    ada = tahun in kinerja.tahun_ada(inst)
    baru = request.values.get("baru") == "1"
    if not ada and not baru:
        abort(404)
    if baru and not ada:
        try:
            rencana_susun.baca_tahun(str(tahun))
        except InputTidakValid:
            abort(404)
    if request.method == "GET":  # a frame asked for a year that exists opens that year
        pohon = rencana_susun.isian(kinerja.data(kinerja.rencana(inst, tahun))) if ada else rencana_susun.kerangka()
        return _halaman(tahun, pohon, baru=not ada)
    pohon = rencana_susun.baca_form(request.form.items(multi=True))
    try:
        data = rencana_susun.simpan(inst, tahun, pohon, baru=baru)
    except rencana_susun.IsianSalah as exc:
        return _halaman(tahun, pohon, baru=baru, galat=exc.fields, status=422)
    except TidakDitemukan:
        abort(404)
    except DocgenError as exc:  # a new year that was created meanwhile (409): the typed tree stays
        return _halaman(tahun, pohon, baru=baru, galat={"": "; ".join(exc.fields.values()) or exc.pesan},
                        status=exc.status)
    flash(f"Rencana tahun {tahun} disimpan: {sum(len(s.indikator) for s in data.sasaran)} indikator, "
          f"{len(data.program)} program, {sum(len(p.kegiatan) for p in data.program)} kegiatan.", "sukses")
    return redirect(url_for("kinerja.rencana", tahun=tahun))
