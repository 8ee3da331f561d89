"""Agencies: the kop documents print (with the stored logo), the officials who sign by role, adding agencies."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import func, select

from docgen.documents import lembar_disposisi
from docgen.documents.common import Instansi as SkemaInstansi
from docgen.errors import DocgenError
from docgen.validation import validasi
from web.inti.db import sesi
from web.inti.models import Instansi, Pengguna
from web.inti.penyimpanan import kunci_berkas, penyimpanan
from web.inti.peran import LABEL_PERAN, PIMPINAN
from web.layanan import audit, pejabat


def kunci_logo(inst: Instansi) -> str | None:
    """The store key of the agency's logo; None without one (or when the record names a file outside logo/)."""
    kunci = kunci_berkas(inst.logo)
    return kunci if kunci is not None and kunci.startswith("logo/") else None


def path_logo(inst: Instansi) -> str | None:
    """The agency's stored logo as a file path for docgen (which reads it from disk); None without a logo."""
    kunci = kunci_logo(inst)
    return str(penyimpanan().path_lokal(kunci)) if kunci is not None else None


def profil_instansi(inst: Instansi) -> dict[str, Any]:
    """The agency block as the document schemas expect it (with the stored logo's path; without the app's settings
    kept in the profile, such as the days off, the series table and the disposition instructions)."""
    profil = {k: copy.deepcopy(v) for k, v in (inst.profil or {}).items()
              if k in SkemaInstansi.model_fields and k != "logo"}
    logo = path_logo(inst)
    if logo:
        profil["logo"] = logo
    return profil


def instruksi_disposisi(inst: Instansi) -> list[str]:
    """The agency's list of disposition instructions (Profil), or docgen's standard list when none is set."""
    v = (inst.profil or {}).get("instruksi_disposisi")
    if isinstance(v, list) and v:
        return [str(x) for x in v]
    return list(lembar_disposisi.INSTRUKSI_BAKU)


def pilihan_formulir(inst: Instansi) -> dict[str, list[tuple[str, str]]]:
    """The agency's lists a document form offers, by the name a schema's "x-pilihan-dari"/"x-saran-dari" uses:
    unit kerja names, the officials' positions, the disposition instructions; each entry is (value, label)."""
    jabatan = list(dict.fromkeys(str(pj.data.get("jabatan") or "") for pj in inst.pejabat))
    return {
        "unit_kerja": [(u.nama, u.nama) for u in inst.unit_kerja],
        "jabatan": [(j, j) for j in jabatan if j],
        "instruksi_disposisi": [(x, x) for x in instruksi_disposisi(inst)],
    }


def pejabat_untuk(inst: Instansi, peran: str, pengguna: Pengguna) -> dict[str, Any]:
    """The agency's official who signs for a user role (by the official role it maps to; kepala falls back to the
    first official), or the acting user's name under the role's label when nobody holds it."""
    kode = pejabat.PERAN_PENGGUNA.get(peran, peran)
    pj = pejabat.cari(inst, kode, unit_kerja_id=pengguna.unit_kerja_id if kode == "kepala_bidang" else None)
    if pj is not None:
        return pejabat.blok(pj, kode)
    if peran == PIMPINAN and inst.pejabat:
        return dict(inst.pejabat[0].data)
    return {"jabatan": LABEL_PERAN.get(peran, peran), "nama": pengguna.nama or pengguna.username}


def buat_instansi(*, nama: str, pemerintah: str, alamat: str, kota: str, singkatan: str = "",
                  zona_waktu: str = "WIB", lewat: str = "") -> Instansi:
    """Add an agency (its kop in capitals as Tata Naskah Dinas prints it) and commit.

    Raises InputTidakValid per kop field, DocgenError 409 when an agency of that name exists."""
    profil = {"pemerintah": pemerintah.upper(), "nama": nama.upper(), "singkatan": singkatan, "alamat": alamat,
              "kota": kota, "zona_waktu": zona_waktu}
    profil = validasi(SkemaInstansi, profil).model_dump(mode="json", exclude_defaults=True)
    db = sesi()
    lengkap = f"{nama} {pemerintah.removeprefix('Pemerintah ').removeprefix('PEMERINTAH ')}"
    if db.scalar(select(Instansi).where(Instansi.nama == lengkap)) is not None:
        raise DocgenError(f"instansi '{lengkap}' sudah ada", status=409, fields={"nama": "sudah ada"})
    inst = Instansi(nama=lengkap, profil=profil, pengaturan_capaian={})
    db.add(inst)
    db.commit()
    audit.catat("instansi.buat", "instansi", inst.id, {"nama": lengkap, **({"lewat": lewat} if lewat else {})},
                instansi_id=inst.id)
    return inst


def daftar_instansi() -> list[tuple[Instansi, int]]:
    """Every agency with its number of users, by id."""
    db = sesi()
    jumlah = dict(db.execute(select(Pengguna.instansi_id, func.count()).group_by(Pengguna.instansi_id)).all())
    return [(i, int(jumlah.get(i.id, 0))) for i in db.scalars(select(Instansi).order_by(Instansi.id))]


def instansi_dipilih(instansi_id: int | None) -> Instansi:
    """The agency asked for, or the only one. Raises DocgenError (422) naming the agencies when it is ambiguous,
    unknown or there is none yet."""
    semua = [i for i, _ in daftar_instansi()]
    if not semua:
        raise DocgenError("belum ada instansi; jalankan `docgen web siapkan` atau `docgen instansi buat` dahulu")
    if instansi_id is None:
        if len(semua) > 1:
            daftar = "; ".join(f"{i.id} = {i.nama}" for i in semua)
            raise DocgenError(f"ada {len(semua)} instansi; pilih dengan --instansi ({daftar})")
        return semua[0]
    for i in semua:
        if i.id == instansi_id:
            return i
    raise DocgenError(f"instansi dengan ID {instansi_id} tidak ada; yang ada: "
                      + ", ".join(f"{i.id} ({i.nama})" for i in semua))
