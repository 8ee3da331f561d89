"""Accounts: passwords, API tokens, signing in with throttling, and the agency admin's management of its users.

Every rule about a new account (username, role, unit, password) lives here, used alike by the users page and by
`docgen user create`; a bad value is an InputTidakValid naming its field.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
import secrets
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from docgen.errors import DocgenError, InputTidakValid
from web.inti import waktu
from web.inti.db import sesi
from web.inti.masukan import angka_id
from web.inti.models import Instansi, Pengguna, PercobaanMasuk, TokenApi, UnitKerja
from web.inti.peran import PERAN, Aksi, boleh
from web.layanan import audit

# Werkzeug's default (scrypt). The test suite lowers it for its throwaway demo users, nothing else should.
METODE_SANDI = "scrypt"
POLA_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,49}$")
SANDI_MIN = 8
SANDI_MAKS = 200
SUREL_MAKS = 254
# An e-mail address as people type it: one @, a dot in the domain, no spaces or angle brackets (the SMTP server
# decides the rest; a refused address is reported when a notice is sent).
POLA_SUREL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]{2,}$")


def hash_password(password: str) -> str:
    """The stored hash of a password."""
    return generate_password_hash(password, method=METODE_SANDI)


def buat_token(pengguna: Pengguna) -> str:
    """Create an API token for a user; return it (only its hash is stored; the caller commits)."""
    token = "dg_" + secrets.token_urlsafe(32)
    sesi().add(TokenApi(pengguna_id=pengguna.id, hash=hashlib.sha256(token.encode()).hexdigest()))
    return token


def pengguna_dari_token(token: str) -> Pengguna | None:
    """Return the active user owning a bearer token, or None."""
    h = hashlib.sha256(token.encode()).hexdigest()
    t = sesi().scalar(select(TokenApi).where(TokenApi.hash == h))
    return t.pengguna if t is not None and t.pengguna.is_active else None


# -- signing in ------------------------------------------------------------------------------------------------------


def _batas_masuk() -> tuple[int, int, dt.timedelta]:
    c = current_app.config
    return (int(c.get("MASUK_MAKS_GAGAL_NAMA", 5)), int(c.get("MASUK_MAKS_GAGAL_ALAMAT", 20)),
            dt.timedelta(seconds=int(c.get("MASUK_JENDELA_DETIK", 15 * 60))))


def _kunci_nama(username: str) -> str:
    return username.casefold()[:100]


def tertahan(username: str, alamat: str, kini: dt.datetime) -> int:
    """Seconds until this username and address may try again (0: now). Failures count within the window: 5 per
    username since its last successful login, 20 per address."""
    maks_nama, maks_alamat, jendela = _batas_masuk()
    db = sesi()
    awal = kini - jendela
    terakhir_berhasil = db.scalar(select(func.max(PercobaanMasuk.waktu)).where(
        PercobaanMasuk.username == _kunci_nama(username), PercobaanMasuk.berhasil == 1, PercobaanMasuk.waktu >= awal))
    awal_nama = max(awal, waktu.utc(terakhir_berhasil)) if terakhir_berhasil is not None else awal
    tunggu = dt.timedelta(0)
    for syarat, awal_, maks in ((PercobaanMasuk.username == _kunci_nama(username), awal_nama, maks_nama),
                                (PercobaanMasuk.alamat_ip == alamat, awal, maks_alamat)):
        gagal = db.scalars(select(PercobaanMasuk.waktu).where(syarat, PercobaanMasuk.berhasil == 0,
                                                              PercobaanMasuk.waktu > awal_)
                           .order_by(PercobaanMasuk.waktu.desc()).limit(maks)).all()
        if len(gagal) >= maks:  # free again when the oldest of the last `maks` failures leaves the window
            tunggu = max(tunggu, waktu.utc(gagal[-1]) + jendela - kini)
    return max(0, math.ceil(tunggu.total_seconds()))


def _catat_percobaan(username: str, alamat: str, kini: dt.datetime, berhasil: bool) -> None:
    """Store one attempt and drop the ones that left the window (they no longer count)."""
    _, _, jendela = _batas_masuk()
    db = sesi()
    db.execute(delete(PercobaanMasuk).where(PercobaanMasuk.waktu < kini - jendela))
    db.add(PercobaanMasuk(username=_kunci_nama(username), alamat_ip=alamat[:64], waktu=kini, berhasil=int(berhasil)))
    db.commit()


@functools.cache
def _hash_semu() -> str:
    """Checked when the username is unknown, so a wrong username takes as long as a wrong password."""
    return generate_password_hash("bukan-sandi-siapa-pun")


@dataclass(frozen=True)
class HasilMasuk:
    """The outcome of a sign-in attempt: the user, or a message (with the seconds to wait when held back)."""

    pengguna: Pengguna | None = None
    galat: str = ""
    tunggu_detik: int = 0


def masuk(username: str, password: str, alamat: str) -> HasilMasuk:
    """Check a sign-in attempt, record it (throttling, audit) and return its outcome; signs nobody in itself."""
    username = username.strip()[:100]
    kini = waktu.sekarang()
    p = sesi().scalar(select(Pengguna).where(Pengguna.username == username))
    instansi_id = p.instansi_id if p is not None else None
    detik = tertahan(username, alamat, kini)
    if detik:
        audit.catat("masuk.ditahan", "pengguna", username, {"username": username}, instansi_id=instansi_id)
        return HasilMasuk(galat=f"Terlalu banyak percobaan masuk; coba lagi dalam {math.ceil(detik / 60)} menit.",
                          tunggu_detik=detik)
    if p is None:
        check_password_hash(_hash_semu(), password)
    if p is None or not p.is_active or not check_password_hash(p.password_hash, password):
        _catat_percobaan(username, alamat, kini, berhasil=False)
        audit.catat("masuk.gagal", "pengguna", p.id if p is not None else "", {"username": username},
                    instansi_id=instansi_id)
        return HasilMasuk(galat="Nama pengguna atau kata sandi salah.")
    _catat_percobaan(username, alamat, kini, berhasil=True)
    audit.catat("masuk.berhasil", "pengguna", p.id, pengguna=p)
    return HasilMasuk(pengguna=p)


# -- the agency's users ----------------------------------------------------------------------------------------------


def periksa_sandi(sandi: str, ulang: str | None = None) -> str:
    """The problem with a new password ('' when it is fine); `ulang` is the repeated entry, when asked."""
    if len(sandi) < SANDI_MIN:
        return f"paling sedikit {SANDI_MIN} karakter"
    if len(sandi) > SANDI_MAKS:
        return f"terlalu panjang (paling banyak {SANDI_MAKS} karakter)"
    if ulang is not None and sandi != ulang:
        return "ulangan kata sandi tidak sama"
    return ""


def periksa_surel(surel: str) -> tuple[str, str]:
    """The address tidied (trimmed, domain in lower case) and its problem ('' when fine; '' is no address)."""
    surel = surel.strip()
    if not surel:
        return "", ""
    if len(surel) > SUREL_MAKS:
        return surel, f"terlalu panjang (paling banyak {SUREL_MAKS} karakter)"
    if not POLA_SUREL.match(surel):
        return surel, "bukan alamat surel yang sah (contoh: nama@instansi.go.id)"
    lokal, _, domain = surel.rpartition("@")
    return f"{lokal}@{domain.lower()}", ""


def daftar_pengguna(inst: Instansi) -> list[Pengguna]:
    """The agency's accounts by username."""
    return list(sesi().scalars(select(Pengguna).where(Pengguna.instansi_id == inst.id).order_by(Pengguna.username)))


def pengguna_instansi(inst: Instansi, pengguna_id: int) -> Pengguna:
    """An account of the agency. Raises DocgenError 404 for any other id."""
    p = sesi().get(Pengguna, pengguna_id)
    if p is None or p.instansi_id != inst.id:
        raise DocgenError("Pengguna tidak ditemukan.", status=404)
    return p


def _unit(inst: Instansi, unit: int | str | None, galat: dict[str, str]) -> int | None:
    """The id of a unit of the agency named by id or by name; notes a problem in `galat`."""
    if unit in (None, ""):
        return None
    db = sesi()
    u: UnitKerja | None
    if isinstance(unit, int) or (isinstance(unit, str) and unit.isdigit()):
        n = angka_id(str(unit))
        u = db.get(UnitKerja, n) if n is not None else None
    else:
        u = db.scalar(select(UnitKerja).where(UnitKerja.instansi_id == inst.id, UnitKerja.nama == unit))
    if u is None or u.instansi_id != inst.id:
        ada = ", ".join(x.nama for x in inst.unit_kerja) or "(belum ada)"
        galat["unit"] = f"pilih unit kerja instansi ini; yang ada: {ada}"
        return None
    return u.id


def buat_pengguna(inst: Instansi, *, username: str, peran: str, sandi: str, nama: str = "",
                  unit: int | str | None = None, sandi_ulang: str | None = None, surel: str = "",
                  pembuat: Pengguna | None = None, lewat: str = "") -> Pengguna:
    """Create an account of the agency and commit; `unit` is a unit's id or name (required for role bidang),
    `surel` its e-mail address for notices (optional).

    Raises InputTidakValid with one message per field (username, nama, peran, unit, surel, sandi)."""
    username = username.strip().lower()
    nama = " ".join(nama.split())
    galat: dict[str, str] = {}
    db = sesi()
    if not POLA_USERNAME.match(username):
        galat["username"] = "3–50 huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka"
    elif db.scalar(select(func.count()).select_from(Pengguna).where(func.lower(Pengguna.username) == username)):
        galat["username"] = f"nama pengguna '{username}' sudah dipakai"
    if len(nama) > 300:
        galat["nama"] = "terlalu panjang (paling banyak 300 karakter)"
    if peran not in PERAN:
        galat["peran"] = "pilih salah satu peran: " + ", ".join(PERAN)
    unit_id = _unit(inst, unit, galat)
    berunit = peran in PERAN and not boleh(peran, Aksi.SEMUA_UNIT)  # sees only its own unit's indicators
    if berunit and unit_id is None and "unit" not in galat:
        galat["unit"] = f"wajib diisi untuk peran {peran}"
    surel, masalah = periksa_surel(surel)
    if masalah:
        galat["surel"] = masalah
    pesan = periksa_sandi(sandi, sandi_ulang)
    if pesan:
        galat["sandi"] = pesan
    if galat:
        raise InputTidakValid(f"Pengguna belum dibuat: {len(galat)} isian perlu diperbaiki", fields=galat)
    baru = Pengguna(instansi_id=inst.id, username=username, nama=nama, peran=peran,
                    unit_kerja_id=unit_id if berunit else None, password_hash=hash_password(sandi), surel=surel)
    db.add(baru)
    db.commit()
    rincian = {"username": username, "peran": peran, **({"lewat": lewat} if lewat else {})}
    audit.catat("pengguna.buat", "pengguna", baru.id, rincian, pengguna=pembuat, instansi_id=inst.id)
    return baru


def _sesi_baru(p: Pengguna) -> None:
    """Raise the account's session version: every session opened before is void (the caller commits)."""
    p.versi_sesi = (p.versi_sesi or 0) + 1


def keluar(p: Pengguna) -> None:
    """Sign the account out everywhere: every open session of it ends (also a copied cookie); commit."""
    _sesi_baru(p)
    sesi().commit()
    audit.catat("keluar", "pengguna", p.id, pengguna=p)


def ubah_aktif(admin: Pengguna, p: Pengguna) -> Pengguna:
    """Deactivate an active account or reactivate it; either way its sessions from before end; deactivating also
    revokes its API tokens, so reactivation revives neither (a new token is made with `docgen token create`); commit.

    Raises DocgenError 409 when the admin would deactivate their own account."""
    if p.id == admin.id:
        raise DocgenError("Anda tidak dapat menonaktifkan akun Anda sendiri.", status=409)
    p.aktif = 0 if p.aktif else 1
    _sesi_baru(p)
    token = [] if p.aktif else list(sesi().scalars(select(TokenApi).where(TokenApi.pengguna_id == p.id)))
    for t in token:
        sesi().delete(t)
    dicabut = len(token)
    sesi().commit()
    audit.catat("pengguna.aktif" if p.aktif else "pengguna.nonaktif", "pengguna", p.id,
                {"username": p.username, **({"token_dicabut": dicabut} if dicabut else {})}, pengguna=admin)
    return p


def ganti_sandi(admin: Pengguna, p: Pengguna, sandi: str, ulang: str) -> None:
    """Set a new password on an account and end its open sessions; commit (an admin changing their own password
    signs the current session in again). Raises InputTidakValid on field `sandi`."""
    pesan = periksa_sandi(sandi, ulang)
    if pesan:
        raise InputTidakValid("Kata sandi belum diganti", fields={"sandi": pesan})
    p.password_hash = hash_password(sandi)
    _sesi_baru(p)
    sesi().commit()
    audit.catat("pengguna.sandi", "pengguna", p.id, {"username": p.username}, pengguna=admin)


def ubah_surel(admin: Pengguna, p: Pengguna, surel: str) -> Pengguna:
    """Set (or clear, with '') the account's e-mail address for notices; commit. Raises InputTidakValid on
    field `surel`."""
    surel, masalah = periksa_surel(surel)
    if masalah:
        raise InputTidakValid("Surel belum diubah", fields={"surel": masalah})
    lama = p.surel or ""
    p.surel = surel
    sesi().commit()
    audit.catat("pengguna.surel", "pengguna", p.id, {"username": p.username, "lama": lama, "baru": surel},
                pengguna=admin)
    return p
