"""Every route against an explicit table of who may use it; CSRF on every state-changing form.

A route missing from TABEL fails the test: add it with the roles that should reach it. For each route and each demo
role the test sends a request (GET, or POST with minimal data) with ids of the user's own agency's objects and
checks: anonymous -> redirect to /masuk (pages) or 401 (API), a role not listed -> 403 (404 where the app hides
that the object exists), a listed role -> neither 401 nor 403.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from tests.keamanan_uji import PENGGUNA_A, Data, masuk_sebagai, siapkan
from web.inti import peran

SEMUA = frozenset(PENGGUNA_A)


@dataclass(frozen=True)
class Akses:
    """Who may use a route: `jenis` publik | masuk (any signed-in user) | peran (the listed roles) | api (bearer
    token of the listed roles). `sembunyi`: roles answered 404 (the object's existence is not revealed)."""

    jenis: str
    peran: frozenset[str] = SEMUA
    sembunyi: frozenset[str] = frozenset()
    catatan: str = ""


def PERAN(*r: str | set[str] | frozenset[str], sembunyi: set[str] | frozenset[str] = frozenset(),
          catatan: str = "") -> Akses:
    roles: set[str] = set()
    for x in r:
        roles |= {x} if isinstance(x, str) else set(x)
    return Akses("peran", frozenset(roles), frozenset(sembunyi), catatan)


PUBLIK = Akses("publik")
MASUK = Akses("masuk")


def API(*r: str | set[str] | frozenset[str], sembunyi: set[str] | frozenset[str] = frozenset()) -> Akses:
    a = PERAN(*r, sembunyi=sembunyi) if r else Akses("peran")
    return Akses("api", a.peran, a.sembunyi)


@dataclass(frozen=True)
class Uji:
    """A route's expected access and how to call it: method -> (url from the agency's ids, form or JSON data)."""

    akses: Akses
    panggil: dict[str, tuple[Callable[[Data], str], dict]] = field(default_factory=dict)
    merusak: bool = False  # deletes what other routes use: tested after all the others
    sesi_sendiri: bool = False  # ends the session (keluar): each role gets a fresh client


def G(url: Callable[[Data], str] | str) -> dict:
    return {"GET": (url if callable(url) else (lambda _d, u=url: u), {})}


def P(url: Callable[[Data], str] | str, data: dict | None = None) -> dict:
    return {"POST": (url if callable(url) else (lambda _d, u=url: u), data or {})}


# Roles of the agency's seed data used below: the document is made by perencana; cycle step 1 is done by Kepala,
# step 5 (a decision) by Sekretaris; the cycle was started by perencana; jobs belong to perencana.
PEMBUAT_NOTA = {r for r in SEMUA if "nota-dinas" in peran.jenis_boleh(r)}
LIHAT_DOKUMEN = peran.peran_untuk(peran.Aksi.LIHAT_SEMUA_DOKUMEN) | {"perencana"}
SEMBUNYI_DOKUMEN = SEMUA - LIHAT_DOKUMEN
FINAL_NOTA = {r for r in LIHAT_DOKUMEN if peran.boleh_finalkan(r, "nota-dinas")}
PEMILIK_TUGAS = PERAN("perencana", sembunyi=SEMUA - {"perencana"}, catatan="hanya pemilik tugas")
PROFIL = peran.peran_untuk(peran.Aksi.KELOLA_PROFIL)
BERKAS = {"admin", "arsiparis", "perencana", "sekretaris", "kepala"}
CETAK_SOP = {r for r in SEMUA if "keputusan-sop" in peran.jenis_boleh(r)}

TABEL: dict[str, Uji] = {
    # public
    "static": Uji(PUBLIK, G("/static/app.css")),
    "pages.akar": Uji(PUBLIK, G("/")),
    "pages.favicon": Uji(PUBLIK, G("/favicon.ico")),
    "auth.masuk": Uji(PUBLIK, {**G("/masuk"), **P("/masuk", {"username": "tidak-ada", "password": "x"})}),
    "verifikasi.lihat": Uji(PUBLIK, {**G(lambda d: f"/verifikasi/{d.kode_verifikasi}"),
                                     **P(lambda d: f"/verifikasi/{d.kode_verifikasi}")}),
    "api.openapi": Uji(Akses("publik"), G("/api/v1/openapi.json")),
    # any signed-in user
    "auth.keluar": Uji(MASUK, P("/keluar"), sesi_sendiri=True),
    "pages.beranda": Uji(MASUK, G("/beranda")),
    "pages.kotak_masuk": Uji(MASUK, G("/kotak")),
    "dokumen.daftar": Uji(MASUK, G("/dokumen")),
    "dokumen.riwayat": Uji(MASUK, G("/dokumen/riwayat")),
    "siklus.daftar": Uji(MASUK, G("/siklus")),
    "siklus.lihat": Uji(MASUK, G(lambda d: f"/siklus/{d.siklus}")),
    "sop.daftar": Uji(MASUK, G("/sop")),
    "sop.lihat": Uji(MASUK, G(lambda d: f"/sop/{d.sop}")),
    "sop.unduh_json": Uji(MASUK, G(lambda d: f"/sop/{d.sop}/json")),
    "berkas.unduh": Uji(MASUK, G(lambda d: f"/berkas/{d.berkas}/unduh")),
    # documents: the type's roles; a document only for its maker and the roles that see every document
    "dokumen.formulir": Uji(PERAN(PEMBUAT_NOTA), {**G("/dokumen/nota-dinas/baru"),
                                                  **P("/dokumen/nota-dinas/baru", {"aksi": "draf"})}),
    "dokumen.lihat": Uji(PERAN(LIHAT_DOKUMEN, sembunyi=SEMBUNYI_DOKUMEN), G(lambda d: f"/dokumen/{d.dokumen}")),
    "dokumen.pdf": Uji(PERAN(LIHAT_DOKUMEN, sembunyi=SEMBUNYI_DOKUMEN), G(lambda d: f"/dokumen/{d.dokumen}/pdf")),
    "dokumen.unduh": Uji(PERAN(LIHAT_DOKUMEN, sembunyi=SEMBUNYI_DOKUMEN),
                         G(lambda d: f"/dokumen/{d.dokumen}/unduh/docx")),
    "dokumen.final": Uji(PERAN(FINAL_NOTA, sembunyi=SEMBUNYI_DOKUMEN),
                         {**G(lambda d: f"/dokumen/{d.dokumen}/final?seri=nota-dinas"),
                          **P(lambda d: f"/dokumen/{d.dokumen}/final")}),
    "dokumen.status_tugas": Uji(PEMILIK_TUGAS, G(lambda d: f"/dokumen/tugas/{d.tugas_dokumen}")),
    # performance data
    "kinerja.realisasi": Uji(PERAN(peran.peran_untuk(peran.Aksi.ISI_REALISASI)),
                             {**G("/kinerja/2024/realisasi"),
                              **P("/kinerja/2024/realisasi?triwulan=1", {"r:IKU 1": "70"})}),
    "kinerja.formulir": Uji(PERAN(peran.peran_untuk(peran.Aksi.ISI_REALISASI)), G("/kinerja/2024/formulir.xlsx")),
    "kinerja.unggah": Uji(PERAN(peran.peran_untuk(peran.Aksi.ISI_REALISASI)), P("/kinerja/2024/unggah")),
    "kinerja.capaian": Uji(PERAN(peran.peran_untuk(peran.Aksi.LIHAT_CAPAIAN)), G("/kinerja/capaian?tahun=2024")),
    "kinerja.rencana": Uji(PERAN(peran.peran_untuk(peran.Aksi.KELOLA_RENCANA)), G("/kinerja/rencana")),
    "kinerja.unggah_rencana": Uji(PERAN(peran.peran_untuk(peran.Aksi.KELOLA_RENCANA)), P("/kinerja/rencana")),
    "kinerja.unduh_rencana": Uji(PERAN(peran.peran_untuk(peran.Aksi.KELOLA_RENCANA)), G("/kinerja/2024/data.json")),
    "kinerja.target": Uji(PERAN(peran.peran_untuk(peran.Aksi.KELOLA_RENCANA)), {**G("/kinerja/2024/target/IKU 1"),
                                                        **P("/kinerja/2024/target/IKU 1", {"target": "x"})}),
    "kinerja.buat_rencana": Uji(PERAN(peran.peran_untuk(peran.Aksi.KELOLA_RENCANA)),
                                P("/kinerja/rencana/baru", {"tahun": "2024", "sumber": "2024"})),  # exists: 409
    "rencana.susun": Uji(PERAN(peran.peran_untuk(peran.Aksi.KELOLA_RENCANA)), {
        **G("/kinerja/2024/susun"), **P("/kinerja/2024/susun", {"sasaran.0.kode": ""})}),  # 422, nothing stored
    # register
    "agenda.daftar": Uji(PERAN(peran.peran_untuk(peran.Aksi.LIHAT_REGISTER)), G("/nomor?tahun=2024")),
    "agenda.ambil": Uji(PERAN(peran.peran_untuk(peran.Aksi.LIHAT_REGISTER)), P("/nomor/ambil")),
    "agenda.ekspor": Uji(PERAN(peran.peran_untuk(peran.Aksi.LIHAT_REGISTER)), G("/nomor/ekspor?tahun=2024")),
    "agenda.batal": Uji(PERAN(peran.peran_untuk(peran.Aksi.BATALKAN_NOMOR)), P(lambda d: f"/nomor/{d.nomor}/batal")),
    "agenda.tambah_seri": Uji(PERAN("admin"), P("/nomor/seri")),
    # agency profile, templates, audit: admin
    "profil.lihat": Uji(PERAN(PROFIL), G("/profil")),
    "pengguna.daftar": Uji(PERAN(PROFIL), G("/profil/pengguna")),
    "pengguna.tambah": Uji(PERAN(PROFIL), P("/profil/pengguna")),
    "pengguna.ubah_aktif": Uji(PERAN(PROFIL), P(lambda d: f"/profil/pengguna/{d.pengguna_lain}/aktif"),
                               merusak=True),
    "pengguna.ganti_sandi": Uji(PERAN(PROFIL), P(lambda d: f"/profil/pengguna/{d.pengguna_lain}/sandi")),
    "pengguna.ubah_surel": Uji(PERAN(PROFIL), P(lambda d: f"/profil/pengguna/{d.pengguna_lain}/surel",
                                                 {"surel": "lain@contoh.go.id"})),
    "profil.simpan_kop": Uji(PERAN(PROFIL), P("/profil/kop")),
    "profil.unggah_logo": Uji(PERAN(PROFIL), P("/profil/logo")),
    "profil.logo": Uji(PERAN(PROFIL), G("/profil/logo")),
    "profil.simpan_pengaturan": Uji(PERAN(PROFIL), P("/profil/pengaturan")),
    "profil.tambah_pejabat": Uji(PERAN(PROFIL), P("/profil/pejabat")),
    "profil.hapus_pejabat": Uji(PERAN(PROFIL), P(lambda d: f"/profil/pejabat/{d.pejabat}/hapus"),
                                merusak=True),
    "profil.peran_pejabat": Uji(PERAN(PROFIL), P(lambda d: f"/profil/pejabat/{d.pejabat}/peran")),
    "profil.simpan_seri_jenis": Uji(PERAN(PROFIL), P("/profil/seri-jenis")),
    "profil.tambah_unit": Uji(PERAN(PROFIL), P("/profil/unit")),
    "profil.simpan_instruksi": Uji(PERAN(PROFIL), P("/profil/instruksi")),
    "profil.hapus_unit": Uji(PERAN(PROFIL), P(lambda d: f"/profil/unit/{d.unit}/hapus"), merusak=True),
    "profil.tambah_libur": Uji(PERAN(PROFIL), P("/profil/libur")),
    "profil.hapus_libur": Uji(PERAN(PROFIL), P("/profil/libur/2025-04-09/hapus")),
    "templat.daftar": Uji(PERAN(PROFIL), G("/profil/templat")),
    "templat.unggah": Uji(PERAN(PROFIL), P("/profil/templat/nota-dinas")),
    "templat.hapus": Uji(PERAN(PROFIL), P("/profil/templat/nota-dinas/hapus"), merusak=True),
    "templat.bawaan": Uji(PERAN(PROFIL), G("/profil/templat/nota-dinas/bawaan")),
    "templat.unduh": Uji(PERAN(PROFIL), G("/profil/templat/nota-dinas/unduh")),
    "audit.daftar": Uji(PERAN("admin"), G("/audit")),
    "audit.ekspor_csv": Uji(PERAN("admin"), G("/audit/ekspor.csv")),
    "audit.ekspor_xlsx": Uji(PERAN("admin"), G("/audit/ekspor.xlsx")),
    # SOP definitions
    "sop.baru": Uji(PERAN(peran.peran_untuk(peran.Aksi.KELOLA_SOP)), {**G("/sop/baru"), **P("/sop/baru")}),
    "sop.ubah": Uji(PERAN(peran.peran_untuk(peran.Aksi.KELOLA_SOP)),
                    {**G(lambda d: f"/sop/{d.sop}/ubah"), **P(lambda d: f"/sop/{d.sop}/ubah")}),
    "sop.hapus": Uji(PERAN(peran.peran_untuk(peran.Aksi.KELOLA_SOP)), P(lambda d: f"/sop/{d.sop}/hapus"), merusak=True),
    "sop.cetak": Uji(PERAN(CETAK_SOP), P(lambda d: f"/sop/{d.sop}/cetak")),
    # cycles: starting by role; a step by the roles its pelaksana map to (and admin); cancelling by admin, kepala
    # or whoever started the cycle
    "siklus.baru": Uji(PERAN(peran.peran_untuk(peran.Aksi.MULAI_SIKLUS)), {**G("/siklus/baru"), **P("/siklus/baru")}),
    "siklus.selesai": Uji(PERAN("admin", "kepala", catatan="peran pelaksana langkah 1"),
                          P(lambda d: f"/siklus/{d.siklus}/langkah/1/selesai", {"putaran": "1"})),
    "siklus.keputusan": Uji(PERAN("admin", "sekretaris", catatan="peran pelaksana langkah 5"),
                            P(lambda d: f"/siklus/{d.siklus_keputusan}/langkah/5/keputusan",
                              {"keputusan": "tidak", "catatan": "", "putaran": "1"})),
    "siklus.batal": Uji(PERAN("admin", "kepala", "perencana", catatan="perencana memulai siklus"),
                        P(lambda d: f"/siklus/{d.siklus}/batal", {"alasan": ""})),
    "berkas.mulai": Uji(PERAN(BERKAS), P(lambda d: f"/siklus/{d.siklus}/berkas")),
    "berkas.status": Uji(PEMILIK_TUGAS, G(lambda d: f"/berkas/tugas/{d.tugas_berkas}")),
    "berkas.batal": Uji(PEMILIK_TUGAS, P(lambda d: f"/berkas/tugas/{d.tugas_berkas}/batal")),
    # JSON API: bearer token of the role; cookies are never enough
    "api.jenis": Uji(API(), G("/api/v1/jenis")),
    "api.schema": Uji(API(), G("/api/v1/jenis/nota-dinas/schema")),
    "api.dokumen": Uji(API(PEMBUAT_NOTA), P("/api/v1/dokumen/nota-dinas")),
    "api.final": Uji(API(FINAL_NOTA, sembunyi=SEMBUNYI_DOKUMEN), P(lambda d: f"/api/v1/dokumen/{d.dokumen}/final")),
    "api.capaian": Uji(API(peran.peran_untuk(peran.Aksi.LIHAT_CAPAIAN)), P("/api/v1/capaian")),
    "api.lihat_dokumen": Uji(API(LIHAT_DOKUMEN, sembunyi=SEMBUNYI_DOKUMEN),
                             G(lambda d: f"/api/v1/dokumen/{d.dokumen}")),
    "api.unduh_dokumen": Uji(API(LIHAT_DOKUMEN, sembunyi=SEMBUNYI_DOKUMEN),
                             G(lambda d: f"/api/v1/dokumen/{d.dokumen}/unduh")),
    "api.daftar_siklus": Uji(API(), G("/api/v1/siklus")),
    "api.mulai_siklus": Uji(API(peran.peran_untuk(peran.Aksi.MULAI_SIKLUS)), P("/api/v1/siklus")),
    "api.lihat_siklus": Uji(API(), G(lambda d: f"/api/v1/siklus/{d.siklus}")),
    # a paper for step 1 of the cycle at its decision (not the one whose step 1 is finished below)
    "api.dokumen_langkah": Uji(API(PEMBUAT_NOTA),
                               P(lambda d: f"/api/v1/siklus/{d.siklus_keputusan}/langkah/1/dokumen/nota-dinas")),
    "api.selesai_langkah": Uji(API("admin", "kepala"),
                               P(lambda d: f"/api/v1/siklus/{d.siklus}/langkah/1/selesai", {"putaran": 1})),
    "api.keputusan_langkah": Uji(API("admin", "sekretaris"),
                                 P(lambda d: f"/api/v1/siklus/{d.siklus_keputusan}/langkah/5/keputusan",
                                   {"keputusan": "tidak", "catatan": "", "putaran": 1})),
    "api.batal_siklus": Uji(API("admin", "kepala", "perencana"),
                            P(lambda d: f"/api/v1/siklus/{d.siklus}/batal", {"alasan": ""})),
    "api.buat_berkas": Uji(API(BERKAS), P(lambda d: f"/api/v1/siklus/{d.siklus}/berkas")),
    "api.daftar_berkas": Uji(API(), G("/api/v1/berkas")),
    "api.tugas_berkas": Uji(API("perencana", sembunyi=SEMUA - {"perencana"}),
                            G(lambda d: f"/api/v1/berkas/tugas/{d.tugas_berkas}")),
    "api.batal_tugas_berkas": Uji(API("perencana", sembunyi=SEMUA - {"perencana"}),
                                  P(lambda d: f"/api/v1/berkas/tugas/{d.tugas_berkas}/batal")),
    "api.unduh_berkas": Uji(API(), G(lambda d: f"/api/v1/berkas/{d.berkas}/unduh")),
    "api.daftar_kinerja": Uji(API(peran.peran_untuk(peran.Aksi.LIHAT_CAPAIAN)), G("/api/v1/kinerja")),
    "api.kinerja_tahun": Uji(API(peran.peran_untuk(peran.Aksi.KELOLA_RENCANA)),
                             {**G("/api/v1/kinerja/2024"), "PUT": (lambda _d: "/api/v1/kinerja/2024", {})}),
    "api.capaian_tahun": Uji(API(peran.peran_untuk(peran.Aksi.LIHAT_CAPAIAN)), G("/api/v1/kinerja/2024/capaian")),
    "api.daftar_nomor": Uji(API(peran.peran_untuk(peran.Aksi.LIHAT_REGISTER)), G("/api/v1/nomor?tahun=2024")),
    "api.ambil_nomor": Uji(API(peran.peran_untuk(peran.Aksi.LIHAT_REGISTER)), P("/api/v1/nomor")),
    "api.batal_nomor": Uji(API(peran.peran_untuk(peran.Aksi.BATALKAN_NOMOR)),
                           P(lambda d: f"/api/v1/nomor/{d.nomor}/batal")),
    "api.ekspor_nomor": Uji(API(peran.peran_untuk(peran.Aksi.LIHAT_REGISTER)), G("/api/v1/nomor/ekspor?tahun=2024")),
    "api.tambah_seri": Uji(API("admin"), P("/api/v1/nomor/seri")),
}


def test_setiap_rute_ada_di_tabel(app):
    endpoints = {r.endpoint: r.rule for r in app.url_map.iter_rules()}
    baru = sorted(set(endpoints) - set(TABEL))
    assert not baru, ("Rute tanpa aturan akses: " + ", ".join(f"{e} ({endpoints[e]})" for e in baru)
                      + ". Tambahkan ke TABEL di tests/test_keamanan_rute.py dengan peran yang boleh membukanya.")
    usang = sorted(set(TABEL) - set(endpoints))
    assert not usang, f"TABEL menyebut rute yang tidak ada lagi: {', '.join(usang)}"
    for r in app.url_map.iter_rules():
        metode = set(r.methods or ()) - {"HEAD", "OPTIONS"}
        assert metode == set(TABEL[r.endpoint].panggil), f"{r.endpoint}: uji metode {sorted(metode)}"


def _kirim(c, metode: str, url: str, data: dict, token: str | None = None):
    """Send one request; the body is read and the response closed (files sent from disk are released)."""
    if url.startswith("/api/"):
        h = {"Authorization": f"Bearer {token}"} if token else {}
        r = c.open(url, method=metode, json=data if metode == "POST" else None, headers=h)
    else:
        r = c.open(url, method=metode, data=data if metode == "POST" else None)
    r.get_data()
    r.close()
    return r


def _ke_masuk(r) -> bool:
    return r.status_code == 302 and "/masuk" in r.headers.get("Location", "")


def test_setiap_rute_menegakkan_peran(app, tmp_path):
    a, _ = siapkan(app, tmp_path, dengan_b=False)
    klien = {peran_: masuk_sebagai(app, u) for peran_, u in PENGGUNA_A.items()}
    anonim = app.test_client()
    salah: list[str] = []
    # Signing out ends every session of the account (also the shared clients'): those routes come last.
    urutan = sorted(TABEL.items(), key=lambda kv: (kv[1].sesi_sendiri, kv[1].merusak, kv[0]))
    for endpoint, uji in urutan:
        akses = uji.akses
        api = akses.jenis == "api" or endpoint.startswith("api.")
        for metode, (url_fn, data) in uji.panggil.items():
            url = url_fn(a)
            nama = f"{endpoint} {metode} {url}"
            r = _kirim(anonim, metode, url, data)
            if akses.jenis == "publik":
                if r.status_code == 403 or (r.status_code == 401 and endpoint != "auth.masuk") or (
                        _ke_masuk(r) and endpoint != "pages.akar"):
                    salah.append(f"{nama}: publik, tetapi tanpa masuk {r.status_code}")
            elif api:
                if r.status_code != 401:
                    salah.append(f"{nama}: tanpa token harus 401, dapat {r.status_code}")
            elif not _ke_masuk(r):
                salah.append(f"{nama}: tanpa masuk harus dialihkan ke /masuk, dapat {r.status_code}")
            if akses.jenis == "publik":
                continue
            for peran_ in sorted(SEMUA):
                c = masuk_sebagai(app, PENGGUNA_A[peran_]) if uji.sesi_sendiri else klien[peran_]
                r = _kirim(c, metode, url, data, a.token[peran_] if api else None)
                kode = r.status_code
                if peran_ in akses.sembunyi:
                    if kode != 404:
                        salah.append(f"{nama} [{peran_}]: harus 404 (tersembunyi), dapat {kode}")
                elif akses.jenis == "masuk" or peran_ in akses.peran:
                    if kode in (401, 403) or (_ke_masuk(r) and endpoint != "auth.keluar"):
                        salah.append(f"{nama} [{peran_}]: peran ini berhak, tetapi dapat {kode}")
                elif kode != 403:
                    salah.append(f"{nama} [{peran_}]: peran ini tidak berhak, harus 403, dapat {kode}")
                elif not api and (not re.search(r"berwenang|tidak dapat|Hanya", r.get_data(as_text=True))
                                  or "Forbidden" in r.get_data(as_text=True)):
                    salah.append(f"{nama} [{peran_}]: halaman 403 tanpa pesan Indonesia")
                if kode >= 500 and kode != 503:  # 503: no PDF converter in these tests
                    salah.append(f"{nama} [{peran_}]: galat server {kode}")
    assert not salah, "\n".join(salah)


# -- CSRF ------------------------------------------------------------------------------------------------------


def _token_csrf(c) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', c.get("/masuk").get_data(as_text=True)).group(1)


def _masuk_csrf(app, username: str):
    c = app.test_client()
    r = c.post("/masuk", data={"username": username, "password": app.config["AKUN_DEMO"][username],
                               "csrf_token": _token_csrf(c)})
    assert r.status_code == 302
    return c


def test_csrf_setiap_post_halaman(app, tmp_path):
    """Every state-changing form refuses a POST without a token (400, Indonesian page) and accepts a valid one."""
    a, _ = siapkan(app, tmp_path, dengan_b=False)
    app.config["WTF_CSRF_ENABLED"] = True
    c = _masuk_csrf(app, "admin")
    with c.session_transaction() as s:
        assert "csrf_token" in s  # the token the pages embed, bound to this session
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/profil").get_data(as_text=True)).group(1)
    salah = []
    post = [(e, u) for e, u in sorted(TABEL.items(), key=lambda kv: (kv[1].merusak, kv[0]))
            if "POST" in u.panggil and not e.startswith("api.")]
    assert len(post) > 30
    for endpoint, uji in post:
        url_fn, data = uji.panggil["POST"]
        url = url_fn(a)
        r = c.post(url, data=data)
        if r.status_code != 400 or "token CSRF" not in r.get_data(as_text=True):
            salah.append(f"{endpoint} {url}: tanpa token CSRF dapat {r.status_code}")
        if uji.sesi_sendiri:
            continue
        r = c.post(url, data={**data, "csrf_token": token})
        if "token CSRF" in r.get_data(as_text=True):
            salah.append(f"{endpoint} {url}: token CSRF yang sah ditolak")
    assert not salah, "\n".join(salah)
    # logging out needs the token too (a page elsewhere cannot sign the user out)
    assert c.post("/keluar").status_code == 400
    assert c.post("/keluar", data={"csrf_token": token}).status_code == 302


def test_csrf_api_token_bebas_cookie_tidak_cukup(app, tmp_path):
    """The JSON API is exempt from CSRF because it never reads the session cookie: a signed-in browser's POST
    without a bearer token is refused (401), so a cross-site form cannot use it."""
    a, _ = siapkan(app, tmp_path, dengan_b=False)
    app.config["WTF_CSRF_ENABLED"] = True
    c = _masuk_csrf(app, "perencana")
    for url in ("/api/v1/dokumen/nota-dinas", f"/api/v1/dokumen/{a.dokumen}/final", "/api/v1/capaian"):
        r = c.post(url, json={})
        assert r.status_code == 401, url
        assert r.get_json()["error"].startswith("Token API diperlukan")
        r = c.post(url, data={"hal": "x"}, content_type="application/x-www-form-urlencoded")
        assert r.status_code == 401, url
    r = c.post("/api/v1/capaian", json={"tahun": "x"}, headers={"Authorization": f"Bearer {a.token['perencana']}"})
    assert r.status_code == 422  # with the token: no CSRF token needed, the body is checked


@pytest.mark.parametrize("tujuan", ["//jahat.example/", "/\\jahat.example/", "https://jahat.example/",
                                    "/\t/jahat.example"])
def test_masuk_tidak_mengalihkan_ke_situs_lain(app, client, tujuan):
    r = client.post(f"/masuk?next={tujuan}", data={"username": "kepala",
                                                   "password": app.config["AKUN_DEMO"]["kepala"]})
    assert r.status_code == 302 and r.headers["Location"] == "/beranda"


def test_header_keamanan(client):
    r = client.get("/masuk")
    assert r.headers["X-Frame-Options"] == "SAMEORIGIN"  # the document page frames its own PDF
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
