"""A year's plan built in the browser: a new year copied from another (targets and pagu kept, realisasi cleared)
or started from an empty frame, and the plan edited as one tree (sasaran → indikator, program → kegiatan).

The tree is the form's: nested dicts and lists of typed text under DataKinerja's own field names, so a path of
DataKinerja (`sasaran.0.indikator.1.target`) is the name of the form field it belongs to. Whatever the tree does
not show (realisasi, penjelasan, history, the capaian settings) is carried over from the stored row each tree row
came from (its `asal`: the kode it had when the form was drawn).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, get_args

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from docgen import capaian as C
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.kinerja import DataKinerja, Indikator, Kegiatan, salin_ke_tahun
from docgen.validation import validasi
from web.inti.db import sesi
from web.inti.models import Instansi, RencanaKinerja
from web.layanan import audit, kinerja

TAHUN_MIN, TAHUN_MAKS = 2000, 2100  # DataKinerja.tahun
POLARITAS: tuple[str, ...] = get_args(C.Polaritas)
ATURAN_TRIWULAN: tuple[str, ...] = get_args(C.AturanTriwulan)
TEKS_SASARAN = ("kode", "sasaran", "tujuan", "program")
TEKS_INDIKATOR = ("kode", "indikator", "satuan", "unit_kerja")
PILIHAN_INDIKATOR = {"polaritas": POLARITAS, "aturan_triwulan": ATURAN_TRIWULAN}
ANGKA_INDIKATOR = ("target", "target_bawah", "target_atas", "baseline", "target_akhir_renstra")
MEDAN_ANGGARAN = ("kode", "nama", "pagu")  # of a program and of a kegiatan
_ANAK = {"sasaran": "indikator", "program": "kegiatan"}
_NAMA = re.compile(r"(sasaran|program)\.(\d{1,5})\.(?:(indikator|kegiatan)\.(\d{1,5})\.)?([a-z_]+)(?:\.([0-3]))?")


class IsianSalah(InputTidakValid):
    """Typed values of the tree that cannot be stored (fields are form names / DataKinerja paths); nothing
    stored."""


# -- the tree -----------------------------------------------------------------------------------------------------


def indikator_kosong() -> dict[str, Any]:
    return {"asal": "", **dict.fromkeys(TEKS_INDIKATOR, ""), "polaritas": "naik", "aturan_triwulan": "terakhir",
            **dict.fromkeys(ANGKA_INDIKATOR, ""), "target_triwulan": ["", "", "", ""]}


def sasaran_kosong() -> dict[str, Any]:
    return {"asal": "", **dict.fromkeys(TEKS_SASARAN, ""), "indikator": [indikator_kosong()]}


def program_kosong() -> dict[str, Any]:
    return {"asal": "", **dict.fromkeys(MEDAN_ANGGARAN, ""), "kegiatan": []}


def kegiatan_kosong() -> dict[str, Any]:
    return {"asal": "", **dict.fromkeys(MEDAN_ANGGARAN, "")}


def kerangka() -> dict[str, Any]:
    """The tree of a first year: one empty sasaran with one empty indikator, no programs."""
    return {"sasaran": [sasaran_kosong()], "program": []}


def isian(d: DataKinerja) -> dict[str, Any]:
    """A stored year as the tree the form shows (figures typed the Indonesian way)."""
    t = kinerja.teks_nilai
    return {
        "sasaran": [{
            "asal": s.kode, "kode": s.kode, "sasaran": s.sasaran, "tujuan": s.tujuan, "program": ", ".join(s.program),
            "indikator": [{
                "asal": i.kode, **{k: getattr(i, k) for k in TEKS_INDIKATOR}, "polaritas": i.polaritas,
                "aturan_triwulan": i.aturan_triwulan, **{k: t(getattr(i, k)) for k in ANGKA_INDIKATOR},
                "target_triwulan": [t(v) for v in i.target_triwulan],
            } for i in s.indikator],
        } for s in d.sasaran],
        "program": [{
            "asal": p.kode, "kode": p.kode, "nama": p.nama, "pagu": t(p.pagu),
            "kegiatan": [{"asal": k.kode, "kode": k.kode, "nama": k.nama, "pagu": t(k.pagu)} for k in p.kegiatan],
        } for p in d.program],
    }


def _medan_sah(daftar: str, anak: str | None, medan: str, tw: str | None) -> bool:
    if daftar == "sasaran":
        kosong = indikator_kosong() if anak == "indikator" else sasaran_kosong() if anak is None else None
    else:
        kosong = kegiatan_kosong() if anak == "kegiatan" else program_kosong() if anak is None else None
    if kosong is None or medan not in kosong or (anak is None and medan == _ANAK[daftar]):
        return False
    return (tw is not None) == (medan == "target_triwulan")


def baca_form(pasangan: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The tree posted by the form (names `sasaran.<i>.indikator.<j>.target`, `program.<i>.kegiatan.<j>.pagu`,
    `...target_triwulan.<0-3>`; other names are ignored), in the order of the posted indices, numbered afresh.
    New rows left wholly empty are dropped (an added row nobody filled in)."""
    mentah: dict[str, dict[int, dict[str, Any]]] = {"sasaran": {}, "program": {}}
    for nama, nilai in pasangan:
        m = _NAMA.fullmatch(nama)
        if m is None:
            continue
        daftar, i, anak, j, medan, tw = m.groups()
        if not _medan_sah(daftar, anak, medan, tw):
            continue
        baris = mentah[daftar].setdefault(int(i), {"_anak": {}})
        if anak is not None:
            baris = baris["_anak"].setdefault(int(j), {"_anak": {}})
        if tw is not None:
            baris.setdefault("target_triwulan", {})[int(tw)] = nilai
        else:
            baris[medan] = nilai
    pohon: dict[str, Any] = {}
    for daftar, baris_daftar in mentah.items():
        kosong_induk = sasaran_kosong if daftar == "sasaran" else program_kosong
        kosong_anak = indikator_kosong if daftar == "sasaran" else kegiatan_kosong
        hasil = []
        for _, b in sorted(baris_daftar.items()):
            induk = _isi(b, kosong_induk())
            induk[_ANAK[daftar]] = [a for a in (_isi(x, kosong_anak()) for _, x in sorted(b["_anak"].items()))
                                    if not _kosong(a)]
            if not _kosong(induk):
                hasil.append(induk)
        pohon[daftar] = hasil
    return pohon


def _isi(b: dict[str, Any], kosong: dict[str, Any]) -> dict[str, Any]:
    """A posted row over its empty form (missing fields empty, the four quarters in order)."""
    hasil = dict(kosong)
    for k, v in b.items():
        if k == "target_triwulan":
            hasil[k] = [v.get(q, "") for q in range(4)]
        elif k != "_anak":
            hasil[k] = v
    return hasil


def _kosong(baris: dict[str, Any]) -> bool:
    """A new row with nothing typed (its choices and its emptied child rows do not count)."""
    for k, v in baris.items():
        if k in PILIHAN_INDIKATOR:
            continue
        if isinstance(v, list):
            if any((not _kosong(x)) if isinstance(x, dict) else x.strip() for x in v):
                return False
        elif v.strip():
            return False
    return True


def letak(pohon: dict[str, Any]) -> set[str]:
    """Every name an error can be shown at: each field, each row and each list of the tree ('' is the page)."""
    hasil = {"", "sasaran", "program"}
    for daftar, anak in _ANAK.items():
        for i, b in enumerate(pohon[daftar]):
            jalur = f"{daftar}.{i}"
            hasil |= {jalur, f"{jalur}.{anak}", *(f"{jalur}.{k}" for k in b if k not in (anak, "asal"))}
            for j, a in enumerate(b[anak]):
                hasil |= {f"{jalur}.{anak}.{j}", *(f"{jalur}.{anak}.{j}.{k}" for k in a if k != "asal")}
                if "target_triwulan" in a:
                    hasil |= {f"{jalur}.{anak}.{j}.target_triwulan.{q}" for q in range(4)}
    return hasil


# -- storing the tree -----------------------------------------------------------------------------------------


def _angka(teks: str, jalur: str, galat: dict[str, str], *, negatif: bool) -> Decimal | None:
    try:
        return kinerja.baca_nilai(teks, negatif=negatif)
    except ValueError as exc:
        galat[jalur] = str(exc)
        return None


def _susun(pohon: dict[str, Any], lama: DataKinerja | None, tahun: int) -> tuple[dict[str, Any], dict[str, str]]:
    """The DataKinerja input the tree makes over the stored year `lama`, and the errors of its typed figures."""
    galat: dict[str, str] = {}
    sasaran = _susun_sasaran(pohon["sasaran"], lama, galat)
    program = _susun_program(pohon["program"], lama, galat)
    kode = [(f"sasaran.{si}.indikator.{ii}.kode", i["kode"].strip()) for si, s in enumerate(sasaran)
            for ii, i in enumerate(s["indikator"])]
    semua = [k for _, k in kode]
    for jalur, k in kode:
        if k and semua.count(k) > 1:
            galat[jalur] = f"kode {k} dipakai lebih dari satu indikator; kode indikator harus unik"
    dasar = lama.model_dump(exclude={"sasaran", "program", "tahun"}) if lama else {}
    return {**dasar, "tahun": tahun, "sasaran": sasaran, "program": program}, galat


def _susun_sasaran(baris: list[dict[str, Any]], lama: DataKinerja | None,
                   galat: dict[str, str]) -> list[dict[str, Any]]:
    sas_lama = {s.kode: s for s in (lama.sasaran if lama else [])}
    ind_lama: dict[str, Indikator] = {i.kode: i for s in sas_lama.values() for i in s.indikator}
    hasil = []
    for si, s in enumerate(baris):
        dasar = sas_lama[s["asal"]].model_dump(exclude={"indikator"}) if s["asal"] in sas_lama else {}
        program = [k.strip() for k in s["program"].split(",") if k.strip()]
        isi_s = {**dasar, **{k: s[k] for k in TEKS_SASARAN}, "program": program, "indikator": []}
        for ii, ind in enumerate(s["indikator"]):
            jalur = f"sasaran.{si}.indikator.{ii}"
            isi = ind_lama[ind["asal"]].model_dump() if ind["asal"] in ind_lama else {}
            isi.update({k: ind[k] for k in (*TEKS_INDIKATOR, *PILIHAN_INDIKATOR)})
            for k in ANGKA_INDIKATOR:
                isi[k] = _angka(ind[k], f"{jalur}.{k}", galat, negatif=True)
            isi["target_triwulan"] = [_angka(v, f"{jalur}.target_triwulan.{q}", galat, negatif=True)
                                      for q, v in enumerate(ind["target_triwulan"])]
            if ind["polaritas"] == "rentang":
                for k in ("target_bawah", "target_atas"):
                    if isi[k] is None and f"{jalur}.{k}" not in galat:
                        galat[f"{jalur}.{k}"] = "wajib diisi untuk indikator rentang"
            isi_s["indikator"].append(isi)
        hasil.append(isi_s)
    return hasil


def _susun_program(baris: list[dict[str, Any]], lama: DataKinerja | None,
                   galat: dict[str, str]) -> list[dict[str, Any]]:
    prog_lama = {p.kode: p for p in (lama.program if lama else [])}
    keg_lama: dict[str, Kegiatan] = {}
    for lp in prog_lama.values():
        for lk in lp.kegiatan:
            keg_lama.setdefault(lk.kode, lk)
    hasil = []
    for pi, p in enumerate(baris):
        lama_p = prog_lama.get(p["asal"])
        isi_p = {**(lama_p.model_dump(exclude={"kegiatan"}) if lama_p else {}), "kode": p["kode"], "nama": p["nama"],
                 "pagu": _angka(p["pagu"], f"program.{pi}.pagu", galat, negatif=False), "kegiatan": []}
        sendiri = {k.kode: k for k in lama_p.kegiatan} if lama_p else {}
        for ki, k in enumerate(p["kegiatan"]):
            lama_k = sendiri.get(k["asal"]) or keg_lama.get(k["asal"])
            isi_p["kegiatan"].append({
                **(lama_k.model_dump() if lama_k else {}), "kode": k["kode"], "nama": k["nama"],
                "pagu": _angka(k["pagu"], f"program.{pi}.kegiatan.{ki}.pagu", galat, negatif=False)})
        hasil.append(isi_p)
    return hasil


def _gabung_galat(galat: dict[str, str], model: dict[str, str], tempat: set[str]) -> dict[str, str]:
    """The figure errors and the model's, each at the nearest field, row or list of the form; a model error over
    a row or list already marked by a figure error (a range lacking a bound typed wrong) is left out."""
    hasil = dict(galat)
    for jalur, pesan in model.items():
        if any(k == jalur or k.startswith(jalur + ".") for k in galat):
            continue
        kunci = jalur
        while kunci not in tempat:
            kunci = kunci.rpartition(".")[0]
        if kunci != jalur and kunci == "":
            pesan = f"{jalur}: {pesan}"
        hasil[kunci] = f"{hasil[kunci]}; {pesan}" if kunci in hasil else pesan
    return hasil


def _sudah_ada(tahun: int) -> DocgenError:
    return DocgenError(f"Rencana tahun {tahun} sudah ada", status=409, fields={
        "tahun": f"rencana kinerja tahun {tahun} sudah ada; buka tahun itu untuk mengubahnya, atau pilih tahun lain"})


def simpan(inst: Instansi, tahun: int, pohon: dict[str, Any], *, baru: bool) -> DataKinerja:
    """Store the edited tree as the year's plan (`baru`: create the year, which must not exist yet), validated
    whole as DataKinerja; commit and record it.

    Raises IsianSalah (every error by form name; nothing stored), DocgenError 409 for `baru` when the year exists,
    TidakDitemukan when an existing year is edited and it is gone."""
    lama: DataKinerja | None = None
    if baru:
        periksa_tahun(inst, tahun)
        rk = RencanaKinerja(instansi_id=inst.id, tahun=tahun, data={})
    else:
        rk = kinerja.rencana(inst, tahun, kunci=True)
        lama = kinerja.data(rk)
    mentah, galat = _susun(pohon, lama, tahun)
    d: DataKinerja | None = None
    try:
        d = validasi(DataKinerja, mentah)
    except InputTidakValid as exc:
        galat = _gabung_galat(galat, exc.fields, letak(pohon))
    if galat or d is None:
        sesi().rollback()
        raise IsianSalah(f"Rencana belum disimpan: {len(galat)} isian perlu diperbaiki", fields=galat)
    if baru:
        sesi().add(rk)
    _simpan(rk, d, tahun)
    n = sum(len(s.indikator) for s in d.sasaran)
    audit.catat("rencana.buat" if baru else "rencana.ubah", "rencana_kinerja", tahun, {
        "indikator": n, "program": len(d.program), "kegiatan": sum(len(p.kegiatan) for p in d.program)})
    return d


def _simpan(rk: RencanaKinerja, d: DataKinerja, tahun: int) -> None:
    try:
        kinerja.simpan(rk, d)
    except kinerja.DataTidakSah as exc:
        raise IsianSalah(exc.pesan, fields={"": "; ".join(f"{k}: {v}" for k, v in exc.fields.items())}) from None
    except IntegrityError:  # created meanwhile by someone else
        sesi().rollback()
        raise _sudah_ada(tahun) from None


# -- a new year -------------------------------------------------------------------------------------------------


def baca_tahun(teks: str) -> int:
    """A typed year of a plan. Raises InputTidakValid (field `tahun`) outside TAHUN_MIN..TAHUN_MAKS."""
    teks = teks.strip()
    if not (teks.isascii() and teks.isdigit()) or len(teks) > 4:
        raise InputTidakValid("Tahun tidak sah", fields={"tahun": f"'{teks[:20]}' bukan tahun; tulis 4 angka, "
                                                                  "mis. 2026"})
    tahun = int(teks)
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise InputTidakValid("Tahun di luar batas", fields={
            "tahun": f"tahun {tahun} di luar batas; rencana kinerja dibuat untuk tahun {TAHUN_MIN} sampai "
                     f"{TAHUN_MAKS}"})
    return tahun


def periksa_tahun(inst: Instansi, tahun: int) -> None:
    """Refuse a year outside the bounds (InputTidakValid) or one the agency already has (DocgenError 409)."""
    baca_tahun(str(tahun))
    ada = sesi().scalar(select(RencanaKinerja.id).where(RencanaKinerja.instansi_id == inst.id,
                                                          RencanaKinerja.tahun == tahun))
    if ada is not None:
        raise _sudah_ada(tahun)


def salin(inst: Instansi, tahun: int, sumber: int) -> DataKinerja:
    """Create year `tahun` from a copy of year `sumber` (docgen.kinerja.salin_ke_tahun); commit and record it.

    Raises InputTidakValid / DocgenError 409 for the year (field `tahun`), InputTidakValid (field `sumber`) when
    the year to copy does not exist."""
    periksa_tahun(inst, tahun)
    try:
        asal = kinerja.data(kinerja.rencana(inst, sumber))
    except TidakDitemukan:
        raise InputTidakValid("Tahun sumber tidak ada", fields={
            "sumber": f"rencana kinerja tahun {sumber} tidak ada untuk disalin"}) from None
    d = salin_ke_tahun(asal, tahun)
    rk = RencanaKinerja(instansi_id=inst.id, tahun=tahun, data={})
    sesi().add(rk)
    _simpan(rk, d, tahun)
    audit.catat("rencana.salin", "rencana_kinerja", tahun, {
        "dari": sumber, "indikator": sum(len(s.indikator) for s in d.sasaran), "program": len(d.program)})
    return d


def sumber_bawaan(tahun_ada: list[int], tahun: int) -> int | None:
    """The year a new `tahun` is copied from unless another is chosen: the latest before it, else the latest."""
    sebelum = [t for t in tahun_ada if t < tahun]
    return max(sebelum) if sebelum else (max(tahun_ada) if tahun_ada else None)
