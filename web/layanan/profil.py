"""Changing the agency profile (admin): kop data, logo, officials, unit kerja, document and capaian settings, the
agency's own days off (Instansi.profil["hari_libur"], read by web.inti.waktu.kalender).

Every change is validated with docgen's own schemas; a bad value is an InputTidakValid naming its field and changes
nothing already saved.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from typing import Any

from PIL import Image
from sqlalchemy import func, select

from docgen import hari_kerja, locale_id
from docgen.documents.common import Instansi as SkemaInstansi
from docgen.documents.common import Pejabat as SkemaPejabat
from docgen.documents.common import Pengaturan as SkemaPengaturan
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.kinerja import PengaturanCapaian
from docgen.validation import validasi
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Instansi, Pejabat, Pengguna, RencanaKinerja, UnitKerja
from web.inti.penyimpanan import BerkasBaru, kunci_isi, kunci_rujukan, lepaskan
from web.layanan import audit, pejabat, sapu

MAKS_LOGO = 2 * 1024 * 1024
MAKS_PIKSEL_LOGO = 16_000_000  # about 64 MB decoded: far more than any kop logo needs
FORMAT_LOGO = {"PNG": "png", "JPEG": "jpg"}
MEDAN_KOP = ("pemerintah", "nama", "singkatan", "alamat", "kota", "kode_pos", "telepon", "faksimile", "laman",
             "email", "zona_waktu")
MEDAN_PEJABAT = ("jabatan", "nama", "nip", "golongan", "pangkat", "kedudukan", "atas_nama")
MEDAN_PENGATURAN = ("ukuran_kertas", "gaya_diktum", "posisi_qr")
MEDAN_LIBUR = ("tanggal", "keterangan")
MAKS_LIBUR = 1000


def simpan_kop(admin: Pengguna, inst: Instansi, isian: dict[str, str]) -> None:
    """Store the kop fields; commit. Raises InputTidakValid per field."""
    model = validasi(SkemaInstansi, {**isian, "pengaturan": inst.profil.get("pengaturan", {})})
    profil = model.model_dump(mode="json", exclude={"logo"})
    lain = {k: v for k, v in (inst.profil or {}).items() if k not in SkemaInstansi.model_fields}  # app settings
    inst.profil = {**lain, **profil}
    pemerintah = re.sub(r"^pemerintah\s+", "", profil["pemerintah"], flags=re.IGNORECASE)
    inst.nama = f"{profil['nama']} {pemerintah}"[:300]
    sesi().commit()
    audit.catat("profil.kop", "instansi", inst.id, {"nama": inst.nama}, pengguna=admin)


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


def ganti_logo(admin: Pengguna, inst: Instansi, isi: bytes) -> None:
    """Store a new logo under a key of its own content and point the agency at it in one transaction.

    The old file is never changed: it is released for the sweep (web.layanan.sapu), so a document being rendered
    with it still finds it; released logos older than the grace period are swept afterwards. Raises
    InputTidakValid (`logo`) for a file that is not a usable PNG/JPEG, PenyimpananPenuh (507) on a full disk (the
    old logo stays in use)."""
    try:
        ext = periksa_logo(isi)
    except ValueError as exc:
        raise InputTidakValid("Logo tidak sah", fields={"logo": str(exc)}) from None
    lama = kunci_rujukan(inst.logo)
    try:
        with BerkasBaru() as baru:
            inst.logo = baru.simpan(kunci_isi(f"logo/instansi-{inst.id}", isi, ext), isi)
            if lama is not None and lama != inst.logo and lama.startswith("logo/"):
                lepaskan(lama)  # before the commit: the grace period has begun once nothing points at it
            sesi().commit()
    except BaseException:
        sesi().rollback()
        raise
    sapu.sapu_terlepas("logo/")
    audit.catat("profil.logo", "instansi", inst.id, {"berkas": inst.logo, "ukuran": len(isi)}, pengguna=admin)


def simpan_pengaturan(admin: Pengguna, inst: Instansi, isian: dict[str, str]) -> None:
    """Store the document settings (paper, diktum words, QR position) and the capaian predikat preset; commit.

    The predikat preset is the agency's capaian setting that every capaian page and document then uses
    (web.layanan.kinerja). Raises InputTidakValid per field."""
    isian = dict(isian)
    if not isian.get("posisi_qr"):  # a form without the field keeps the stored position
        isian["posisi_qr"] = inst.profil.get("pengaturan", {}).get("posisi_qr", "kanan_bawah")
    galat: dict[str, str] = {}
    pengaturan = None
    try:
        pengaturan = validasi(SkemaPengaturan, {k: isian.get(k, "") for k in MEDAN_PENGATURAN})
    except InputTidakValid as exc:
        galat.update(exc.fields)
    capaian = {**inst.pengaturan_capaian, "predikat": isian.get("predikat", "")}
    try:
        validasi(PengaturanCapaian, capaian)
    except InputTidakValid as exc:
        galat["predikat"] = "; ".join(exc.fields.values())
    if galat or pengaturan is None:
        raise InputTidakValid(f"Pengaturan belum disimpan: {len(galat)} isian perlu diperbaiki", fields=galat)
    inst.profil = {**inst.profil, "pengaturan": pengaturan.model_dump(mode="json")}
    inst.pengaturan_capaian = capaian
    sesi().commit()
    audit.catat("profil.pengaturan", "instansi", inst.id, {**pengaturan.model_dump(mode="json"), **capaian},
                pengguna=admin)


MAKS_INSTRUKSI = 30


def simpan_instruksi(admin: Pengguna, inst: Instansi, teks: str) -> list[str]:
    """Store the agency's disposition instructions, one per line (blank lines dropped, a repeat kept once); commit
    and return them. Raises InputTidakValid (`instruksi`) for an empty list, too many or too long lines."""
    baris = list(dict.fromkeys(" ".join(b.split()) for b in teks.splitlines() if b.strip()))
    if not baris:
        raise InputTidakValid("Instruksi disposisi belum disimpan",
                              fields={"instruksi": "tulis paling sedikit satu instruksi"})
    if len(baris) > MAKS_INSTRUKSI:
        raise InputTidakValid("Instruksi disposisi belum disimpan",
                              fields={"instruksi": f"paling banyak {MAKS_INSTRUKSI} instruksi ({len(baris)} ditulis)"})
    panjang = [b for b in baris if len(b) > 200]
    if panjang:
        raise InputTidakValid("Instruksi disposisi belum disimpan",
                              fields={"instruksi": f"instruksi paling panjang 200 huruf: '{panjang[0][:40]}…'"})
    inst.profil = {**inst.profil, "instruksi_disposisi": baris}
    sesi().commit()
    audit.catat("profil.instruksi", "instansi", inst.id, {"jumlah": len(baris)}, pengguna=admin)
    return baris


def pejabat_sah(data: dict[str, Any]) -> SkemaPejabat | None:
    """The stored official as docgen reads it, or None when the stored data no longer validates."""
    try:
        return SkemaPejabat.model_validate(data)
    except ValueError:
        return None


def periksa_peran(inst: Instansi, peran: list[str], unit_kerja_id: int | None) -> tuple[list[str], int | None]:
    """The official roles chosen (known codes, in table order) and the unit a Kepala Bidang heads. Raises
    InputTidakValid naming `peran` or `unit_kerja_id`."""
    asing = [k for k in peran if k not in pejabat.PERAN_PEJABAT]
    if asing:
        raise InputTidakValid("Peran pejabat tidak dikenal",
                              fields={"peran": f"peran tidak dikenal: {', '.join(asing)}"})
    if unit_kerja_id is not None and unit_kerja_id not in {u.id for u in inst.unit_kerja}:
        raise InputTidakValid("Unit kerja tidak dikenal", fields={"unit_kerja_id": "pilih unit kerja instansi ini"})
    if "kepala_bidang" in peran and unit_kerja_id is None:
        raise InputTidakValid("Unit kerja belum dipilih",
                              fields={"unit_kerja_id": "Kepala Bidang / Bagian memerlukan unit kerja yang dipimpinnya"})
    return [k for k in pejabat.PERAN_PEJABAT if k in peran], unit_kerja_id if "kepala_bidang" in peran else None


def tambah_pejabat(admin: Pengguna, inst: Instansi, isian: dict[str, str], *, peran: list[str] | None = None,
                   unit_kerja_id: int | None = None) -> SkemaPejabat:
    """Add an official with the official roles they hold; commit. Raises InputTidakValid per field."""
    galat: dict[str, str] = {}
    model: SkemaPejabat | None = None
    try:
        model = validasi(SkemaPejabat, isian)
    except InputTidakValid as e:
        galat.update(e.fields)
    try:
        kode, unit = periksa_peran(inst, list(peran or []), unit_kerja_id)
    except InputTidakValid as e:
        galat.update(e.fields)
    if galat or model is None:
        raise InputTidakValid(f"Pejabat belum ditambahkan: {len(galat)} isian perlu diperbaiki", fields=galat)
    sesi().add(Pejabat(instansi_id=inst.id, data=model.model_dump(mode="json"), peran=kode, unit_kerja_id=unit))
    sesi().commit()
    audit.catat("pejabat.tambah", "pejabat", "", {"nama": model.nama, "jabatan": model.jabatan, "peran": kode},
                pengguna=admin)
    return model


def atur_peran(admin: Pengguna, inst: Instansi, pejabat_id: int, peran: list[str],
               unit_kerja_id: int | None) -> str:
    """Set the official roles an official holds; commit; return their name. Raises TidakDitemukan,
    InputTidakValid."""
    p = sesi().get(Pejabat, pejabat_id)
    if p is None or p.instansi_id != inst.id:
        raise TidakDitemukan("Pejabat tidak ditemukan.")
    p.peran, p.unit_kerja_id = periksa_peran(inst, peran, unit_kerja_id)
    sesi().commit()
    audit.catat("pejabat.peran", "pejabat", pejabat_id, {"nama": p.data.get("nama", ""), "peran": p.peran},
                pengguna=admin)
    return str(p.data.get("nama", ""))


def hapus_pejabat(admin: Pengguna, inst: Instansi, pejabat_id: int) -> str:
    """Remove an official of the agency; commit; return their name. Raises TidakDitemukan."""
    p = sesi().get(Pejabat, pejabat_id)
    if p is None or p.instansi_id != inst.id:
        raise TidakDitemukan("Pejabat tidak ditemukan.")
    nama = str(p.data.get("nama", ""))
    sesi().delete(p)
    sesi().commit()
    audit.catat("pejabat.hapus", "pejabat", pejabat_id, {"nama": nama}, pengguna=admin)
    return nama


def pemakaian_unit(inst: Instansi) -> dict[int, list[str]]:
    """For each unit kerja of the agency, what still uses it (users, officials heading it, indicators in a year's
    plan)."""
    db = sesi()
    pakai: dict[int, list[str]] = {u.id: [] for u in inst.unit_kerja}
    jumlah = dict(db.execute(select(Pengguna.unit_kerja_id, func.count()).where(Pengguna.instansi_id == inst.id)
                             .group_by(Pengguna.unit_kerja_id)).all())
    rencana = db.scalars(select(RencanaKinerja).where(RencanaKinerja.instansi_id == inst.id)
                         .order_by(RencanaKinerja.tahun)).all()
    for u in inst.unit_kerja:
        if jumlah.get(u.id):
            pakai[u.id].append(f"{jumlah[u.id]} pengguna")
        kepala = [str(pj.data.get("nama", "")) for pj in inst.pejabat if pj.unit_kerja_id == u.id]
        if kepala:
            pakai[u.id].append(f"pejabat {', '.join(kepala)}")
        for rk in rencana:
            n = sum(1 for s in rk.data.get("sasaran", []) for ind in s.get("indikator", [])
                    if str(ind.get("unit_kerja", "")).strip().casefold() == u.nama.casefold())
            if n:
                pakai[u.id].append(f"{n} indikator tahun {rk.tahun}")
    return pakai


def tambah_unit(admin: Pengguna, inst: Instansi, nama: str) -> str:
    """Add a unit kerja; commit; return its name (spaces tidied). Raises InputTidakValid on `unit`."""
    nama = " ".join(nama.split())
    if not nama:
        pesan = "Nama unit kerja wajib diisi."
    elif len(nama) > 300:
        pesan = "Nama unit kerja terlalu panjang (paling banyak 300 karakter)."
    elif any(u.nama.casefold() == nama.casefold() for u in inst.unit_kerja):
        pesan = f"Unit kerja '{nama}' sudah ada."
    else:
        pesan = ""
    if pesan:
        raise InputTidakValid(pesan, fields={"unit": pesan})
    sesi().add(UnitKerja(instansi_id=inst.id, nama=nama))
    sesi().commit()
    audit.catat("unit.tambah", "unit_kerja", "", {"nama": nama}, pengguna=admin)
    return nama


def hapus_unit(admin: Pengguna, inst: Instansi, unit_id: int) -> str:
    """Remove an unused unit kerja; commit; return its name.

    Raises TidakDitemukan, DocgenError 409 (on `unit`) while users or indicators still use it."""
    u = sesi().get(UnitKerja, unit_id)
    if u is None or u.instansi_id != inst.id:
        raise TidakDitemukan("Unit kerja tidak ditemukan.")
    pakai = pemakaian_unit(inst).get(u.id, [])
    if pakai:
        pesan = f"Unit kerja {u.nama} tidak dapat dihapus karena masih dipakai: {', '.join(pakai)}."
        raise DocgenError(pesan, status=409, fields={"unit": pesan})
    nama = u.nama
    sesi().delete(u)
    sesi().commit()
    audit.catat("unit.hapus", "unit_kerja", unit_id, {"nama": nama}, pengguna=admin)
    return nama


def libur_instansi(inst: Instansi) -> dict[dt.date, str]:
    """The agency's own days off, by date."""
    return hari_kerja.libur_dari_data(inst.profil.get(waktu.KUNCI_HARI_LIBUR))


def _simpan_libur(inst: Instansi, libur: dict[dt.date, str]) -> None:
    inst.profil = {**inst.profil, waktu.KUNCI_HARI_LIBUR: hari_kerja.libur_ke_data(libur)}
    sesi().commit()


def tambah_libur(admin: Pengguna, inst: Instansi, isian: dict[str, str]) -> hari_kerja.LiburInstansi:
    """Add a day off of the agency's own (a date not yet listed, years 2000-2100, with a keterangan); commit.

    Raises InputTidakValid on `tanggal` and `keterangan`."""
    model: hari_kerja.LiburInstansi = validasi(hari_kerja.LiburInstansi, isian)
    libur = libur_instansi(inst)
    pesan = ""
    if model.tanggal in libur:
        pesan = (f"Tanggal {locale_id.tanggal(model.tanggal)} sudah ada dalam daftar libur instansi "
                 f"({libur[model.tanggal]}).")
    elif len(libur) >= MAKS_LIBUR:
        pesan = f"Daftar libur instansi sudah berisi {MAKS_LIBUR} tanggal; hapus tanggal yang sudah lewat."
    if pesan:
        raise InputTidakValid(pesan, fields={"tanggal": pesan})
    libur[model.tanggal] = model.keterangan
    _simpan_libur(inst, libur)
    audit.catat("profil.libur_tambah", "instansi", inst.id,
                {"tanggal": model.tanggal.isoformat(), "keterangan": model.keterangan}, pengguna=admin)
    return model


def hapus_libur(admin: Pengguna, inst: Instansi, tanggal: str) -> tuple[dt.date, str]:
    """Remove one of the agency's own days off; commit; return it. Raises TidakDitemukan."""
    libur = libur_instansi(inst)
    try:
        hari = dt.date.fromisoformat(tanggal)
    except ValueError:
        raise TidakDitemukan("Hari libur instansi tidak ditemukan.") from None
    if hari not in libur:
        raise TidakDitemukan("Hari libur instansi tidak ditemukan.")
    keterangan = libur.pop(hari)
    _simpan_libur(inst, libur)
    audit.catat("profil.libur_hapus", "instansi", inst.id, {"tanggal": hari.isoformat(), "keterangan": keterangan},
                pengguna=admin)
    return hari, keterangan
