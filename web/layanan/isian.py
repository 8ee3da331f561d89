"""What a new document starts with, and the period it speaks of.

A document made for a cycle step takes its context from the cycle: the period (month, quarter or year) gives the
plan year and the quarter reported, the SOP and step give the subject, and the cycle's earlier papers give what was
already typed (the undangan takes hal and acara from the nota dinas, the notulen the meeting from the undangan,
the surat pengantar lists the finished papers). The agency gives the officials by role, today's date and the
number series. A document made outside a cycle reports the last complete year (the calendar year before today's)
when the agency has its plan, else the newest year stored.

Two input keys that are not part of any document schema choose the performance data of a SAKIP paper:
`tahun_kinerja` (the plan year) and `triwulan_kinerja` (reported up to that quarter; empty: the data's own).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from docgen import documents, locale_id
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, Instansi, Pengguna, RencanaKinerja, SeriNomor, Siklus
from web.layanan import pejabat, seri_jenis
from web.layanan.instansi import instruksi_disposisi
from web.layanan.siklus import definisi, dokumen_siklus, label_periode

TAHUN_KINERJA = "tahun_kinerja"
TRIWULAN_KINERJA = "triwulan_kinerja"
MEDAN_KONTEKS = (TAHUN_KINERJA, TRIWULAN_KINERJA)


@dataclass(frozen=True)
class Periode:
    """A cycle's period: its year, the quarter its SAKIP papers report (None: the whole year), its first and last
    day, and how it is named ('Triwulan IV 2026')."""

    tahun: int
    triwulan: int | None
    mulai: dt.date
    akhir: dt.date
    label: str


def periode(s: Siklus) -> Periode:
    """The period of cycle `s`."""
    if s.periode_jenis == "bulan" and s.periode_ke:
        bulan = s.periode_ke
        return Periode(s.tahun, (bulan + 2) // 3, dt.date(s.tahun, bulan, 1),
                       dt.date(s.tahun, bulan, calendar.monthrange(s.tahun, bulan)[1]), label_periode(s))
    if s.periode_jenis == "triwulan" and s.periode_ke:
        akhir = s.periode_ke * 3
        return Periode(s.tahun, s.periode_ke, dt.date(s.tahun, akhir - 2, 1),
                       dt.date(s.tahun, akhir, calendar.monthrange(s.tahun, akhir)[1]), label_periode(s))
    return Periode(s.tahun, None, dt.date(s.tahun, 1, 1), dt.date(s.tahun, 12, 31), label_periode(s))


def tahun_tersimpan(inst: Instansi) -> list[int]:
    """The years the agency has a plan for, newest first."""
    q = select(RencanaKinerja.tahun).where(RencanaKinerja.instansi_id == inst.id)
    return list(sesi().scalars(q.order_by(RencanaKinerja.tahun.desc())))


def tahun_bawaan(inst: Instansi, per: Periode | None = None) -> int | None:
    """The plan year a SAKIP paper reports by default: the cycle's; else the last complete year when stored; else
    the newest stored year (None when the agency has no plan at all)."""
    if per is not None:
        return per.tahun
    ada = tahun_tersimpan(inst)
    lalu = waktu.hari_ini(inst).year - 1
    if lalu in ada:
        return lalu
    return ada[0] if ada else None


def tanpa_rencana(s: Siklus) -> list[str]:
    """The SAKIP paper types of cycle `s` that cannot be made because the agency has no plan for the cycle's year
    (empty when the plan exists or no step needs it)."""
    dikenal = {j.slug: j for j in documents.semua()}
    slugs = [slug for lk in definisi(s).langkah for slug in lk.dokumen if slug in dikenal]
    perlu = [slug for slug in dict.fromkeys(slugs) if "kinerja" in dikenal[slug].schema().get("properties", {})]
    if not perlu:
        return []
    ada = sesi().scalar(select(RencanaKinerja.id).where(RencanaKinerja.instansi_id == s.instansi_id,
                                                        RencanaKinerja.tahun == s.tahun))
    return [] if ada is not None else perlu


# -- warnings: a paper that contradicts its cycle ----------------------------------------------------------------


def _tanggal(v: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(v)) if v else None
    except ValueError:
        return None


def bertentangan(per: Periode, data: dict[str, Any], tahun_kinerja: int | None) -> list[str]:
    """A warning for each fact of the input that contradicts the cycle's period: a document date before the period
    starts or more than a year after it ends, a year field or a plan year not the cycle's."""
    hasil = []
    tanggal = _tanggal(data.get("tanggal"))
    if tanggal is not None and tanggal < per.mulai:
        hasil.append(f"tanggal: {locale_id.tanggal(tanggal)} sebelum periode siklus ({per.label}, mulai "
                     f"{locale_id.tanggal(per.mulai)}); periksa tanggal naskah.")
    elif tanggal is not None and tanggal.year > per.akhir.year + 1:
        hasil.append(f"tanggal: {locale_id.tanggal(tanggal)} lebih dari setahun sesudah periode siklus "
                     f"({per.label}); periksa tanggal naskah.")
    for medan in ("tahun",):
        if isinstance(data.get(medan), int) and data[medan] != per.tahun:
            hasil.append(f"{medan}: {data[medan]} berbeda dengan tahun siklus ({per.label}).")
    if tahun_kinerja is not None and tahun_kinerja != per.tahun:
        hasil.append(f"{TAHUN_KINERJA}: data kinerja tahun {tahun_kinerja} dipakai, padahal siklus ini untuk "
                     f"{per.label}.")
    kinerja = data.get("kinerja")
    if isinstance(kinerja, dict) and isinstance(kinerja.get("tahun"), int) and kinerja["tahun"] != per.tahun:
        hasil.append(f"kinerja.tahun: data kinerja tahun {kinerja['tahun']} dipakai, padahal siklus ini untuk "
                     f"{per.label}.")
    return hasil


# -- what a new form starts with -------------------------------------------------------------------------------


def _nomor_bawaan(inst: Instansi, slug: str) -> dict[str, Any] | None:
    kode = seri_jenis.seri_untuk(inst, slug)
    if kode is None:
        return None
    s = sesi().scalar(select(SeriNomor).where(SeriNomor.instansi_id == inst.id, SeriNomor.kode == kode))
    if s is None:
        return None
    return {"pola": s.pola, "kode_klasifikasi": s.kode_klasifikasi, "kode_unit": s.kode_unit}


def _terbaru(dok: list[Dokumen], slug: str) -> dict[str, Any] | None:
    """The input of the cycle's newest paper of type `slug` (finals before drafts of the same age)."""
    pilih = [d for d in dok if d.slug == slug]
    if not pilih:
        return None
    return max(pilih, key=lambda d: (d.dibuat, d.status == "final", d.id)).data


def _nama_pejabat(inst: Instansi, jabatan: str) -> str:
    for pj in inst.pejabat:
        if " ".join(str(pj.data.get("jabatan", "")).casefold().split()) == " ".join(jabatan.casefold().split()):
            return str(pj.data.get("nama", ""))
    return ""


def _dari_siklus(inst: Instansi, slug: str, s: Siklus, no: int, per: Periode) -> dict[str, Any]:
    """Fields of a new `slug` taken from cycle `s` (step `no`) and its earlier papers."""
    d = definisi(s)
    lk = d.langkah[no - 1] if 0 < no <= len(d.langkah) else None
    dok = dokumen_siklus(s)
    awal: dict[str, Any] = {}
    if slug == "nota-dinas":
        berikut = d.langkah[no].kegiatan if lk is not None and no < len(d.langkah) else (lk.kegiatan if lk else "")
        awal["hal"] = s.judul
        awal["isi"] = (f"Dalam rangka pelaksanaan {s.judul} sesuai {d.judul}, Saudara diminta melaksanakan "
                       f"{berikut[:1].lower()}{berikut[1:].rstrip('.')} dan melaporkan hasilnya.\n"
                       "Demikian untuk dilaksanakan dengan penuh tanggung jawab.")
    elif slug == "undangan-rapat":
        nota = _terbaru(dok, "nota-dinas")
        if nota and nota.get("hal"):
            awal["hal"] = f"Undangan Rapat {nota['hal']}"
            awal["acara"] = f"Pembahasan {nota['hal']}"
        else:
            awal["hal"] = f"Undangan Rapat {s.judul}"
            awal["acara"] = f"Pembahasan {s.judul}"
    elif slug == "notulen-rapat":
        und = _terbaru(dok, "undangan-rapat")
        if und:
            hal = str(und.get("hal", "")).removeprefix("Undangan ").strip()
            awal.update({k: und[k] for k in ("jam_mulai", "jam_selesai", "tempat", "acara") if und.get(k)})
            if und.get("tanggal_rapat"):
                awal["tanggal"] = und["tanggal_rapat"]
            awal["judul"] = hal[:1].upper() + hal[1:] if hal else s.judul
            awal["peserta"] = [{"nama": _nama_pejabat(inst, str(u)) or str(u), "jabatan": str(u)}
                               for u in und.get("undangan", []) if str(u).strip()]
        else:
            awal["judul"] = f"Rapat {s.judul}"
    elif slug == "surat-pengantar":
        awal["naskah"] = [{"naskah": _nama_naskah(x), "jumlah": 1, "satuan": "berkas"}
                          for x in sorted(dok, key=lambda x: (x.langkah_no or 0, x.id))
                          if x.status == "final" and x.slug != "surat-pengantar"]
        if not awal["naskah"]:
            del awal["naskah"]
    elif slug == "surat-permintaan-data":
        awal["hal"] = f"Permintaan Data Capaian Kinerja {per.label}"
    elif slug == "checklist-dokumen":
        awal.update({"judul": f"Checklist Dokumen {d.judul}", "kegiatan": s.judul,
                     "periode": per.label if per.triwulan is None else f"Triwulan {locale_id.romawi(per.triwulan)} "
                                                                        f"Tahun {per.tahun}"})
    elif slug == "rencana-kegiatan":
        awal.update({"judul": f"Rencana Kegiatan {s.judul}", "tahun": per.tahun})
    elif slug == "formulir-capaian" and per.triwulan is not None:
        awal["triwulan"] = per.triwulan
    elif slug == "daftar-isi-berkas":
        awal["tahun"] = per.tahun
    return awal


def _nama_naskah(d: Dokumen) -> str:
    """A finished paper as the surat pengantar lists it: its type, subject and number."""
    hal = " ".join((d.perihal or "").split())
    teks = d.judul if not hal or hal.casefold() == d.judul.casefold() else f"{d.judul} {hal}"
    return f"{teks} Nomor {d.nomor_surat}" if d.nomor_surat else teks


def isian_awal(pengguna: Pengguna, slug: str, medan: dict[str, str], *, siklus: Siklus | None = None,
               langkah_no: int | None = None) -> dict[str, Any]:
    """A new `slug`'s fields as far as they are known: officials by role, today's date, the type's number series,
    and, for a cycle step, the period, the plan year and what its earlier papers say.

    `medan` maps the form's top-level fields to their kind ('tanggal', 'objek', ...); keys that are not fields
    of the type are left out."""
    inst = pengguna.instansi
    awal: dict[str, Any] = pejabat.isian_dokumen(inst, slug, set(medan), unit_kerja_id=pengguna.unit_kerja_id)
    if medan.get("tanggal") == "tanggal":
        awal["tanggal"] = waktu.hari_ini(inst).isoformat()
    if "nomor" in medan:
        nomor = _nomor_bawaan(inst, slug)
        if nomor is not None:
            awal["nomor"] = nomor
    if "pilihan_instruksi" in medan:
        awal["pilihan_instruksi"] = instruksi_disposisi(inst)
    if "unit_kerja" in medan and pengguna.unit_kerja_id is not None:
        unit = next((u.nama for u in inst.unit_kerja if u.id == pengguna.unit_kerja_id), "")
        if unit:
            awal["unit_kerja"] = unit
    per = periode(siklus) if siklus is not None else None
    if siklus is not None and per is not None:
        awal.update({k: v for k, v in _dari_siklus(inst, slug, siklus, langkah_no or 0, per).items() if k in medan})
    if "kinerja" in medan:
        tahun = tahun_bawaan(inst, per)
        if tahun is not None:
            awal[TAHUN_KINERJA] = tahun
        if per is not None and per.triwulan is not None and slug != "lkjip":
            awal[TRIWULAN_KINERJA] = per.triwulan
    return awal

