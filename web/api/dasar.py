"""What every API route shares: the blueprint, bearer-token sign-in, reading a JSON body and its fields, role
guards, and the JSON forms of times and documents."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import quote

from flask import Blueprint, g, jsonify, request, url_for

from docgen.errors import DocgenError, InputTidakValid
from web.inti import konteks, peran, unggahan, waktu
from web.inti.masukan import KENDALI
from web.inti.models import Dokumen, Pengguna
from web.layanan import akun
from web.layanan.instansi import profil_instansi

bp = Blueprint("api", __name__, url_prefix="/api/v1")

KEDALAMAN_MAKS = unggahan.KEDALAMAN_MAKS  # nesting levels a request body may have (the schemas need far fewer)
_TERLALU_DALAM = f"bertingkat terlalu dalam (paling banyak {KEDALAMAN_MAKS} tingkat)"
PUBLIK = {"api.openapi"}  # endpoints that need no token
_PESAN_KENDALI = "memuat karakter kendali (mis. NUL) yang tidak diizinkan"

# What a role guard says when the role may not (as the services word it).
APA_AKSI = {
    peran.Aksi.MULAI_SIKLUS: "memulai siklus",
    peran.Aksi.KELOLA_RENCANA: "mengelola rencana kinerja",
    peran.Aksi.LIHAT_CAPAIAN: "melihat capaian kinerja",
    peran.Aksi.LIHAT_REGISTER: "membuka register nomor surat",
    peran.Aksi.BATALKAN_NOMOR: "membatalkan nomor surat",
    peran.Aksi.KELOLA_SERI: "menambah seri nomor",
    peran.Aksi.SUSUN_BERKAS: "menyusun berkas arsip",
}


def _tanpa_izin(pesan: str, tantangan: str):
    resp = jsonify({"error": pesan, "fields": {}})
    resp.status_code = 401
    resp.headers["WWW-Authenticate"] = tantangan
    return resp


@bp.before_request
def _autentikasi():
    if request.endpoint in PUBLIK:
        return None
    skema, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    token = token.strip()
    if skema.lower() != "bearer" or not token:
        return _tanpa_izin("Token API diperlukan: kirim header 'Authorization: Bearer <token>'.",
                           'Bearer realm="docgen"')
    pengguna = akun.pengguna_dari_token(token)
    if pengguna is None:
        return _tanpa_izin("Token API tidak sah atau penggunanya tidak aktif.",
                           'Bearer realm="docgen", error="invalid_token"')
    g.pengguna_api = pengguna
    konteks.atur(lambda: pengguna, request.remote_addr or "")
    return None


@bp.after_request
def _jangan_simpan(resp):
    resp.headers["Cache-Control"] = "no-store"  # answers depend on the token; documents are personal
    return resp


def pengguna() -> Pengguna:
    """The user of the request's token."""
    return g.pengguna_api


def perlu(aksi: peran.Aksi) -> Pengguna:
    """The token's user when its role may perform `aksi` (checked before the body is read, as the pages' guard
    does); DocgenError 403 otherwise."""
    p = pengguna()
    if not peran.boleh(p.peran, aksi):
        raise DocgenError(f"Peran Anda tidak berwenang {APA_AKSI.get(aksi, 'melakukan ini')}.", status=403)
    return p


# -- reading the body --------------------------------------------------------------------------------------------


def badan_json(*, boleh_kosong: bool = False) -> dict[str, Any]:
    """The request body as a JSON object; 422 for anything else, 413 (from Werkzeug) when too large.
    `boleh_kosong`: an empty body is the empty object."""
    mentah = request.get_data(cache=True)
    if boleh_kosong and not mentah.strip():
        return {}
    try:
        data = json.loads(mentah)
    except json.JSONDecodeError as exc:
        raise InputTidakValid("Badan permintaan harus JSON",
                              fields={"": f"JSON tidak sah di baris {exc.lineno}, kolom {exc.colno}"}) from None
    except ValueError:  # UnicodeDecodeError, or bytes json.loads cannot detect the encoding of
        raise InputTidakValid("Badan permintaan harus JSON", fields={"": "bukan JSON UTF-8 yang sah"}) from None
    except RecursionError:
        raise InputTidakValid("Badan permintaan harus JSON", fields={"": _TERLALU_DALAM}) from None
    if not isinstance(data, dict):
        raise InputTidakValid("Badan permintaan harus JSON", fields={"": "harus berupa objek JSON ({...})"})
    if unggahan.kedalaman(data) > KEDALAMAN_MAKS:
        raise InputTidakValid("Badan permintaan harus JSON", fields={"": _TERLALU_DALAM})
    return data


class Isian:
    """The fields of a JSON body read one by one; every wrong type or unknown field is collected, then `periksa`
    raises one InputTidakValid naming them all."""

    def __init__(self, badan: dict[str, Any], dikenal: tuple[str, ...]):
        self.badan = badan
        self.galat: dict[str, str] = {k: "kolom tidak dikenal" for k in badan if k not in dikenal}

    def teks(self, nama: str, bawaan: str = "", *, wajib: bool = False) -> str:
        """A text field (trimmed); no control characters (PostgreSQL refuses NUL)."""
        v = self.badan.get(nama)
        if v is None:
            if wajib:
                self.galat[nama] = "wajib diisi"
            return bawaan
        if not isinstance(v, str):
            self.galat[nama] = "harus teks"
            return bawaan
        if KENDALI.search(v):
            self.galat[nama] = _PESAN_KENDALI
            return bawaan
        v = v.strip()
        if wajib and not v:
            self.galat[nama] = "wajib diisi"
        return v

    def bulat(self, nama: str, *, wajib: bool = False) -> int | None:
        """A whole-number field (JSON integer; null or absent is None)."""
        v = self.badan.get(nama)
        if v is None:
            if wajib:
                self.galat[nama] = "wajib diisi"
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            self.galat[nama] = "harus bilangan bulat"
            return None
        if not -(2**31) <= v < 2**31:
            self.galat[nama] = "di luar batas"
            return None
        return v

    def benar_salah(self, nama: str, bawaan: bool = False) -> bool:
        v = self.badan.get(nama)
        if v is None:
            return bawaan
        if not isinstance(v, bool):
            self.galat[nama] = "harus true atau false"
            return bawaan
        return v

    def periksa(self) -> None:
        if self.galat:
            raise InputTidakValid(f"Data masukan tidak sah: {len(self.galat)} kolom perlu diperbaiki",
                                  fields=dict(self.galat))


def argumen_bulat(nama: str) -> int | None:
    """Query argument `nama` as a whole number (None when absent or empty); 422 naming it otherwise."""
    teks = request.args.get(nama, "").strip()
    if not teks:
        return None
    if not (teks.isascii() and teks.isdigit()) or len(teks) > 9:
        raise InputTidakValid("Parameter tidak sah", fields={nama: "harus bilangan bulat positif"})
    return int(teks)


def argumen_pilihan(nama: str, pilihan: tuple[str, ...]) -> str:
    """Query argument `nama`, '' or one of `pilihan`; 422 naming it otherwise."""
    teks = request.args.get(nama, "")
    if teks and teks not in pilihan:
        raise InputTidakValid("Parameter tidak sah", fields={nama: f"harus salah satu dari: {', '.join(pilihan)}"})
    return teks


def header_peringatan(resp, peringatan: list[str]) -> None:
    """Warnings as a comma-separated list of percent-encoded UTF-8 strings (headers must be latin-1)."""
    if peringatan:
        resp.headers["X-Peringatan"] = ",".join(quote(str(p), safe="") for p in peringatan)


def logo_dari_profil(data: dict[str, Any], pengguna: Pengguna) -> dict[str, Any]:
    """The logo always comes from the agency profile: a path sent by the client would let it read or probe
    any file on the server. Missing -> the agency's logo; "" -> no logo; anything else -> 422."""
    inst = data.get("instansi")
    if not isinstance(inst, dict):
        return data
    logo = inst.get("logo")
    if logo not in (None, ""):
        raise InputTidakValid("Data masukan tidak sah: 1 kolom perlu diperbaiki", fields={
            "instansi.logo": "tidak dapat diisi lewat API; hapus kolom ini agar logo dari profil instansi dipakai"})
    if "logo" not in inst:
        data = {**data, "instansi": {**inst}}
        logo_profil = profil_instansi(pengguna.instansi).get("logo")
        if logo_profil:
            data["instansi"]["logo"] = logo_profil
    return data


# -- answers -----------------------------------------------------------------------------------------------------


def iso(t: dt.datetime | dt.date | None) -> str | None:
    """A time as ISO 8601 in UTC (a date as YYYY-MM-DD); None stays None."""
    if t is None:
        return None
    if isinstance(t, dt.datetime):
        return waktu.utc(t).isoformat()
    return t.isoformat()


def detik(td: dt.timedelta | None) -> int | None:
    return None if td is None else int(td.total_seconds())


def dokumen_json(dok: Dokumen) -> dict[str, Any]:
    """A stored document as the API describes it (its files at `unduh`)."""
    return {"id": dok.id, "slug": dok.slug, "judul": dok.judul, "status": dok.status or "konsep",
            "perihal": dok.perihal or "", "nomor_surat": dok.nomor_surat, "siklus_id": dok.siklus_id,
            "langkah_no": dok.langkah_no, "dibuat": iso(dok.dibuat),
            "peringatan": [str(p) for p in dok.peringatan or []],
            "pdf": bool(dok.berkas_pdf), "url": url_for("api.lihat_dokumen", dokumen_id=dok.id),
            "unduh": url_for("api.unduh_dokumen", dokumen_id=dok.id)}
