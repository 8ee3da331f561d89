"""SOP definitions of an agency: the built-in ones (docgen/sop_bawaan) overlaid with the agency's own.

An agency definition with the same kode as a built-in one replaces it for that agency. No request code here.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from docgen import sop
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.sop import DefinisiSOP
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.models import DefinisiSOPAgensi, Pengguna
from web.layanan import audit

_kunci = threading.Lock()
_simpanan: dict[str, tuple[tuple[Any, ...], dict[str, DefinisiSOP], dict[str, str]]] = {}


@dataclass
class SOPTersedia:
    """One SOP an agency can run: where it comes from and, for the agency's own, its table row."""

    kode: str
    definisi: DefinisiSOP | None  # None: the agency's stored definition no longer validates (see `galat`)
    sumber: str  # "bawaan" | "instansi"
    baris: DefinisiSOPAgensi | None = None
    bawaan: DefinisiSOP | None = None  # the built-in definition of the same kode, when the agency replaced it
    galat: str = ""

    @property
    def judul(self) -> str:
        if self.definisi is not None:
            return self.definisi.judul
        return str((self.baris.data if self.baris else {}).get("judul") or self.kode)


def folder_bawaan() -> Path:
    """The folder of built-in definitions (config SOP_BAWAAN, default docgen/sop_bawaan)."""
    return Path(current_app.config.get("SOP_BAWAAN") or sop.FOLDER_BAWAAN)


def bawaan(folder: Path | None = None) -> tuple[dict[str, DefinisiSOP], dict[str, str]]:
    """Return the valid built-in definitions by kode and the problems of the files that are not valid.

    Read again only when a file changes; one bad file does not hide the others."""
    folder = folder or folder_bawaan()
    berkas = sorted(folder.glob("*.json")) if folder.is_dir() else []
    tanda = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in berkas)
    with _kunci:
        ada = _simpanan.get(str(folder))
        if ada is not None and ada[0] == tanda:
            return ada[1], ada[2]
    hasil: dict[str, DefinisiSOP] = {}
    masalah: dict[str, str] = {}
    for f in berkas:
        try:
            d = sop.muat(f)
        except DocgenError as e:
            masalah[f.name] = "; ".join(e.lines()) if e.fields else e.pesan
            continue
        if d.kode in hasil:
            masalah[f.name] = f"kode SOP '{d.kode}' sudah dipakai definisi bawaan lain"
            continue
        hasil[d.kode] = d
    with _kunci:
        _simpanan[str(folder)] = (tanda, hasil, masalah)
    return hasil, masalah


def _baris_instansi(instansi_id: int) -> list[DefinisiSOPAgensi]:
    return list(sesi().scalars(select(DefinisiSOPAgensi).where(DefinisiSOPAgensi.instansi_id == instansi_id)
                               .order_by(DefinisiSOPAgensi.kode)))


def _dari_baris(b: DefinisiSOPAgensi) -> tuple[DefinisiSOP | None, str]:
    try:
        return sop.dari_data(b.data, sumber=f"SOP {b.kode}"), ""
    except DocgenError as e:
        return None, "; ".join(e.lines())


def daftar(instansi_id: int) -> list[SOPTersedia]:
    """Every SOP of the agency: built-ins in file order (replaced by the agency's own of the same kode), then the
    agency's other definitions by kode."""
    asli, _ = bawaan()
    milik = {b.kode: b for b in _baris_instansi(instansi_id)}
    hasil = []
    for kode, d in asli.items():
        b = milik.pop(kode, None)
        if b is None:
            hasil.append(SOPTersedia(kode=kode, definisi=d, sumber="bawaan"))
        else:
            d_inst, galat = _dari_baris(b)
            hasil.append(SOPTersedia(kode=kode, definisi=d_inst, sumber="instansi", baris=b, bawaan=d, galat=galat))
    for kode, b in milik.items():
        d_inst, galat = _dari_baris(b)
        hasil.append(SOPTersedia(kode=kode, definisi=d_inst, sumber="instansi", baris=b, galat=galat))
    return hasil


def dapatkan(instansi_id: int, kode: str, *, asli: bool = False) -> SOPTersedia:
    """Return the agency's SOP `kode` (its own when it has one; the built-in one with `asli`).

    Raises TidakDitemukan (404)."""
    if asli:
        d = bawaan()[0].get(kode)
        if d is not None:
            return SOPTersedia(kode=kode, definisi=d, sumber="bawaan")
    else:
        for s in daftar(instansi_id):
            if s.kode == kode:
                return s
    raise TidakDitemukan(f"SOP dengan kode '{kode}' tidak ditemukan.")


# -- validating and saving -------------------------------------------------------------------------------------

_LANGKAH_KE = re.compile(r"^langkah ke-(\d+)\b")


def _medan_langkah(pesan: str) -> str | None:
    """Which field of a step a whole-list message is about."""
    if "jenis dokumen" in pesan:
        return "dokumen"
    if "pelaksana '" in pesan:
        return "pelaksana"
    if "bila TIDAK" in pesan or "cabang TIDAK" in pesan:
        return "tidak"
    if "bila YA" in pesan:
        return "ya"
    return None


def rapikan_galat(fields: dict[str, str]) -> dict[str, str]:
    """Move messages about one step ("langkah ke-3: ...", reported on the whole list) to that step's field."""
    keluar: dict[str, str] = {}
    for path, pesan in fields.items():
        baru = path
        m = _LANGKAH_KE.match(pesan)
        if m and path in ("", "langkah"):
            medan = _medan_langkah(pesan)
            if medan:
                baru = f"langkah.{int(m.group(1)) - 1}.{medan}"
        elif path == "" and pesan.startswith("peran:"):
            baru = "peran"
        keluar[baru] = f"{keluar[baru]}; {pesan}" if baru in keluar else pesan
    return keluar


def periksa(data: Any, *, instansi_id: int, kecuali_id: int | None = None) -> DefinisiSOP:
    """Validate a definition for an agency (its kode must not be taken by another of its own definitions).

    Raises InputTidakValid with one Indonesian message per field path."""
    if not isinstance(data, dict):
        raise InputTidakValid("Definisi SOP harus berupa objek JSON.", fields={"": "harus berupa objek JSON"})
    try:
        d = sop.dari_data(data)
    except InputTidakValid as e:
        raise InputTidakValid(f"Definisi SOP tidak sah: {len(e.fields) or 1} isian perlu diperbaiki",
                              fields=rapikan_galat(e.fields)) from None
    lain = sesi().scalar(select(DefinisiSOPAgensi).where(DefinisiSOPAgensi.instansi_id == instansi_id,
                                                         DefinisiSOPAgensi.kode == d.kode))
    if lain is not None and lain.id != kecuali_id:
        raise InputTidakValid("Definisi SOP tidak sah: 1 isian perlu diperbaiki", fields={
            "kode": f"kode '{d.kode}' sudah dipakai SOP instansi lain; ubah SOP itu atau pakai kode lain"})
    return d


def _boleh_kelola(pengguna: Pengguna) -> None:
    if not peran.boleh(pengguna.peran, peran.Aksi.KELOLA_SOP):
        raise DocgenError("Peran Anda tidak berwenang mengubah definisi SOP.", status=403)


def simpan(pengguna: Pengguna, data: Any, baris: DefinisiSOPAgensi | None = None) -> DefinisiSOPAgensi:
    """Validate and store an agency definition (new, or `baris` changed); nothing is stored on error.

    Raises DocgenError 403 for a role that may not edit SOPs, InputTidakValid on bad input."""
    _boleh_kelola(pengguna)
    d = periksa(data, instansi_id=pengguna.instansi_id, kecuali_id=baris.id if baris else None)
    db = sesi()
    baru = baris is None
    if baris is None:
        baris = DefinisiSOPAgensi(instansi_id=pengguna.instansi_id, kode=d.kode, data={})
        db.add(baris)
    kode_lama = baris.kode
    baris.kode = d.kode
    baris.data = d.model_dump(mode="json")
    baris.diubah = waktu.sekarang()
    baris.diubah_oleh = pengguna.id
    db.commit()
    audit.catat("sop.simpan", "definisi_sop", baris.kode, {"baru": baru, "judul": d.judul, "kode_lama": kode_lama},
                pengguna=pengguna)
    return baris


def hapus(pengguna: Pengguna, baris: DefinisiSOPAgensi) -> None:
    """Delete an agency definition (the built-in of the same kode, if any, applies again); cycles keep their copy."""
    _boleh_kelola(pengguna)
    kode, judul = baris.kode, baris.data.get("judul", "")
    sesi().delete(baris)
    sesi().commit()
    audit.catat("sop.hapus", "definisi_sop", kode, {"judul": judul}, pengguna=pengguna)
