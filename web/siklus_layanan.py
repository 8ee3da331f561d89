"""Running an SOP as a cycle (siklus): start it, finish steps, decide YA/TIDAK with a lembar disposisi, cancel it,
and measure each step's time against its Mutu Baku. No request code: views pass the user and `sekarang`.

State of a step: menunggu (not reached), berjalan (the one step that must be acted on), selesai, dikembalikan
(a decision step that answered TIDAK), dilewati (jumped over by a YA branch to a later step).

Time rule (Mutu Baku: Waktu): a standard in minutes or hours is wall-clock time from the moment the step started
(no office-hours calendar); a standard with days counts working days, Monday to Friday in the agency's time zone
(public holidays are not known), and then adds its minutes. A step of "3 hari" started on Friday 10.00 is overdue
after Wednesday 10.00; "90 menit" started at 15.00 is overdue after 16.30, evening or not. Each round of a step
(it runs again after a return) gets its full Mutu Baku; the total over all rounds is shown beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select, update

from docgen import documents, durasi, locale_id, sop
from docgen.documents import lembar_disposisi
from docgen.documents.keputusan_sop import LangkahSOP
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.sop import DefinisiSOP
from web import audit, layanan, peran, sop_layanan
from web.db import sesi
from web.models import Dokumen, Instansi, LangkahSiklus, Pengguna, RiwayatSiklus, Siklus
from web.penyimpanan import BerkasBaru, kunci_berkas, penyimpanan

LABEL_STATUS = {"menunggu": "Menunggu", "berjalan": "Berjalan", "selesai": "Selesai",
                "dikembalikan": "Dikembalikan", "dilewati": "Dilewati", "dibatalkan": "Dibatalkan"}
LABEL_AKSI = {"dimulai": "memulai siklus", "selesai": "menyelesaikan", "disetujui": "menyetujui (YA)",
              "dikembalikan": "mengembalikan (TIDAK)", "siklus_selesai": "menyelesaikan siklus",
              "dibatalkan": "membatalkan siklus"}
LABEL_PERIODE = {"bulan": "Bulanan", "triwulan": "Triwulanan", "tahun": "Tahunan"}
ZONA = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
BATAS_CATATAN = 5000
SLUG_DISPOSISI = "lembar-disposisi"
INSTRUKSI_SETUJU = ["Setuju", "Proses lebih lanjut"]
INSTRUKSI_KEMBALI = ["Untuk dilengkapi"]


class SiklusBentrok(DocgenError):
    """The step or cycle is no longer in the state the user saw (already done, or done by someone else)."""

    status = 409


# -- time ------------------------------------------------------------------------------------------------------


def utc(t: dt.datetime) -> dt.datetime:
    """A stored time as aware UTC (SQLite returns naive values)."""
    return t.replace(tzinfo=dt.UTC) if t.tzinfo is None else t.astimezone(dt.UTC)


def zona_instansi(inst: Instansi) -> ZoneInfo:
    """The agency's time zone (profile zona_waktu: WIB, WITA or WIT)."""
    return ZoneInfo(ZONA.get((inst.profil or {}).get("zona_waktu", "WIB"), "Asia/Jakarta"))


def tenggat(mulai: dt.datetime, baku: durasi.Durasi, zona: ZoneInfo) -> dt.datetime:
    """When a step started at `mulai` is overdue: `baku.hari` working days (Mon-Fri) later, plus its minutes."""
    t = utc(mulai).astimezone(zona)
    sisa = baku.hari
    while sisa > 0:
        t += dt.timedelta(days=1)
        if t.weekday() < 5:
            sisa -= 1
    return (t + dt.timedelta(minutes=baku.menit)).astimezone(dt.UTC)


def teks_lama(td: dt.timedelta) -> str:
    """A span in words, two largest units: '2 hari 3 jam', '1 jam 5 menit', '45 menit'."""
    menit = int(td.total_seconds()) // 60
    if menit < 1:
        return "kurang dari 1 menit"
    hari, sisa = divmod(menit, 1440)
    jam, menit = divmod(sisa, 60)
    bagian = [f"{n} {s}" for n, s in ((hari, "hari"), (jam, "jam"), (menit, "menit")) if n]
    return " ".join(bagian[:2])


def judul_siklus(judul_sop: str, jenis: str, ke: int | None, tahun: int) -> str:
    """'Pengukuran Kinerja Triwulan II Tahun 2024', '... Bulan Maret Tahun 2024', '... Tahun 2024'."""
    if jenis == "bulan" and ke:
        return f"{judul_sop} Bulan {locale_id.nama_bulan(ke)} Tahun {tahun}"
    if jenis == "triwulan" and ke:
        return f"{judul_sop} Triwulan {locale_id.romawi(ke)} Tahun {tahun}"
    return f"{judul_sop} Tahun {tahun}"


def label_periode(s: Siklus) -> str:
    """'Triwulan II 2024', 'Maret 2024', 'Tahun 2024'."""
    if s.periode_jenis == "bulan" and s.periode_ke:
        return f"{locale_id.nama_bulan(s.periode_ke)} {s.tahun}"
    if s.periode_jenis == "triwulan" and s.periode_ke:
        return f"Triwulan {locale_id.romawi(s.periode_ke)} {s.tahun}"
    return f"Tahun {s.tahun}"


# -- reading a cycle -------------------------------------------------------------------------------------------


def definisi(s: Siklus) -> DefinisiSOP:
    """The SOP as it was when the cycle started (its stored copy)."""
    return sop.dari_data(s.definisi, sumber=f"definisi siklus #{s.id}")


def siklus_instansi(pengguna: Pengguna, siklus_id: int | None) -> Siklus:
    """Return a cycle of the user's agency. Raises TidakDitemukan (404) for any other id."""
    s = sesi().get(Siklus, siklus_id) if siklus_id is not None else None
    if s is None or s.instansi_id != pengguna.instansi_id:
        raise TidakDitemukan("Siklus tidak ditemukan.")
    return s


def tautan_langkah(pengguna: Pengguna, siklus_id: int | None, langkah_no: int | None) -> tuple[Siklus, LangkahSOP]:
    """Check that a document may be linked to step `langkah_no` of cycle `siklus_id` (the user's agency).

    Raises TidakDitemukan (404) for another agency's or an unknown cycle, InputTidakValid for a bad step."""
    s = siklus_instansi(pengguna, siklus_id)
    d = definisi(s)
    if langkah_no is None or not 1 <= langkah_no <= len(d.langkah):
        raise InputTidakValid("Langkah siklus tidak ada.",
                              fields={"langkah": f"harus nomor langkah 1 s.d. {len(d.langkah)}"})
    return s, d.langkah[langkah_no - 1]


def peran_langkah(d: DefinisiSOP, no: int) -> list[str]:
    """The application roles that act for step `no` (from the definition's pelaksana -> peran mapping)."""
    hasil: list[str] = []
    for p in d.langkah[no - 1].pelaksana:
        r = d.peran_untuk(p)
        if r and r not in hasil:
            hasil.append(r)
    return hasil


def boleh_bertindak(pengguna: Pengguna, d: DefinisiSOP, no: int) -> bool:
    """A step is acted on by a role mapped to its pelaksana; admin may act on any step (absent or unmapped)."""
    return pengguna.peran == "admin" or pengguna.peran in peran_langkah(d, no)


def _baku(lk: LangkahSOP) -> durasi.Durasi | None:
    """A step's Mutu Baku time, or None when the SOP sets none ('-')."""
    return None if getattr(lk, "tanpa_waktu", False) else lk.durasi


@dataclass
class KeadaanLangkah:
    """One step of a cycle as the pages show it."""

    no: int
    langkah: LangkahSOP
    baris: LangkahSiklus
    peran: list[str]
    baku: durasi.Durasi | None  # None: the SOP sets no time for this step ('-'), so it is never overdue
    terpakai: dt.timedelta | None = None  # this round: start to finish (or to now while running)
    total: dt.timedelta = dt.timedelta()  # every round together
    tenggat: dt.datetime | None = None
    terlambat: dt.timedelta | None = None  # past the deadline by this much (running, or finished late)
    dokumen: list[Dokumen] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.baris.status


def keadaan(s: Siklus, d: DefinisiSOP, *, sekarang: dt.datetime, zona: ZoneInfo,
            dokumen: list[Dokumen] | None = None) -> list[KeadaanLangkah]:
    """Every step with its status, time used against its Mutu Baku, overdue span and documents."""
    sekarang = utc(sekarang)
    per_langkah: dict[int, list[Dokumen]] = {}
    for dok in dokumen or []:
        if dok.langkah_no is not None:
            per_langkah.setdefault(dok.langkah_no, []).append(dok)
    hasil = []
    for b in s.langkah:
        if not 1 <= b.no <= len(d.langkah):
            continue
        lk = d.langkah[b.no - 1]
        k = KeadaanLangkah(no=b.no, langkah=lk, baris=b, peran=peran_langkah(d, b.no), baku=_baku(lk),
                           total=dt.timedelta(seconds=b.detik_terpakai), dokumen=per_langkah.get(b.no, []))
        if b.mulai is not None:
            mulai = utc(b.mulai)
            k.tenggat = tenggat(mulai, k.baku, zona) if k.baku is not None else None
            if b.status == "berjalan" and s.status == "berjalan":
                akhir = sekarang
                k.total += max(sekarang - mulai, dt.timedelta())
            elif b.selesai is not None:
                akhir = utc(b.selesai)
            else:
                akhir = None
            if akhir is not None:
                k.terpakai = max(akhir - mulai, dt.timedelta())
                if k.tenggat is not None and akhir > k.tenggat:
                    k.terlambat = akhir - k.tenggat
        hasil.append(k)
    return hasil


def dokumen_siklus(s: Siklus) -> list[Dokumen]:
    """The documents made for the cycle's steps, oldest first."""
    return list(sesi().scalars(select(Dokumen).where(Dokumen.siklus_id == s.id).order_by(Dokumen.id)))


@dataclass
class Ringkasan:
    """A cycle for the dashboard: progress, the running step and whether it is overdue."""

    siklus: Siklus
    jumlah: int
    selesai: int
    berjalan: KeadaanLangkah | None
    galat: str = ""


def ringkas(s: Siklus, *, sekarang: dt.datetime, zona: ZoneInfo) -> Ringkasan:
    """Summarise one cycle (progress counts finished and skipped steps)."""
    try:
        d = definisi(s)
    except DocgenError as e:
        return Ringkasan(siklus=s, jumlah=len(s.langkah), selesai=0, berjalan=None, galat=e.pesan)
    semua = keadaan(s, d, sekarang=sekarang, zona=zona)
    berjalan = next((k for k in semua if k.status == "berjalan"), None) if s.status == "berjalan" else None
    return Ringkasan(siklus=s, jumlah=len(semua), selesai=sum(k.status in ("selesai", "dilewati") for k in semua),
                     berjalan=berjalan)


def daftar_siklus(pengguna: Pengguna, *, sekarang: dt.datetime, status: str = "", tahun: int | None = None,
                  batas: int = 200) -> list[Ringkasan]:
    """The agency's cycles, newest first, optionally of one status and year."""
    q = select(Siklus).where(Siklus.instansi_id == pengguna.instansi_id)
    if status:
        q = q.where(Siklus.status == status)
    if tahun:
        q = q.where(Siklus.tahun == tahun)
    zona = zona_instansi(pengguna.instansi)
    baris = sesi().scalars(q.order_by(Siklus.dibuat.desc(), Siklus.id.desc()).limit(batas)).all()
    return [ringkas(s, sekarang=sekarang, zona=zona) for s in baris]


def menunggu_tindakan(pengguna: Pengguna, *, sekarang: dt.datetime, batas: int = 10) -> list[Ringkasan]:
    """Running cycles whose current step the user's role must act on (admin: every running step)."""
    hasil = []
    for r in daftar_siklus(pengguna, sekarang=sekarang, status="berjalan"):
        if r.berjalan is not None and (pengguna.peran == "admin" or pengguna.peran in r.berjalan.peran):
            hasil.append(r)
    return hasil[:batas]


# -- changing a cycle ------------------------------------------------------------------------------------------


def mulai_siklus(pengguna: Pengguna, *, kode: str, periode_jenis: str, periode_ke: int | None, tahun: int | None,
                 sekarang: dt.datetime) -> Siklus:
    """Start a cycle of SOP `kode` for a period: copy the definition, one row per step, step 1 running.

    Raises DocgenError 403 for a role that may not start cycles, InputTidakValid naming the field otherwise."""
    if pengguna.peran not in peran.MULAI_SIKLUS:
        raise DocgenError("Peran Anda tidak berwenang memulai siklus.", status=403)
    galat: dict[str, str] = {}
    d: DefinisiSOP | None = None
    try:
        tersedia = sop_layanan.dapatkan(pengguna.instansi_id, kode)
    except TidakDitemukan:
        galat["sop"] = "pilih salah satu SOP yang tersedia"
    else:
        d = tersedia.definisi
        if d is None:
            galat["sop"] = "definisi SOP ini tidak sah; perbaiki dahulu di halaman SOP"
    if d is not None and periode_jenis not in d.periode:
        galat["periode_jenis"] = f"SOP ini dijalankan per {', '.join(d.periode)}"
    elif periode_jenis == "bulan" and not (periode_ke and 1 <= periode_ke <= 12):
        galat["periode_ke"] = "pilih bulan 1 s.d. 12"
    elif periode_jenis == "triwulan" and not (periode_ke and 1 <= periode_ke <= 4):
        galat["periode_ke"] = "pilih triwulan I s.d. IV"
    elif periode_jenis not in ("bulan", "triwulan", "tahun"):
        galat["periode_jenis"] = "pilih bulan, triwulan atau tahun"
    if tahun is None or not 2000 <= tahun <= 2100:
        galat["tahun"] = "tahun harus antara 2000 dan 2100"
    if galat or d is None or tahun is None:
        raise InputTidakValid(f"Siklus belum dapat dimulai: {len(galat)} isian perlu diperbaiki", fields=galat)
    ke = periode_ke if periode_jenis in ("bulan", "triwulan") else None
    db = sesi()
    ada = db.scalar(select(Siklus).where(Siklus.instansi_id == pengguna.instansi_id, Siklus.sop_kode == d.kode,
                                         Siklus.periode_jenis == periode_jenis, Siklus.tahun == tahun,
                                         Siklus.periode_ke.is_(None) if ke is None else Siklus.periode_ke == ke,
                                         Siklus.status != "dibatalkan"))
    if ada is not None:
        raise InputTidakValid("Siklus untuk periode ini sudah ada", fields={
            "sop": f"siklus '{ada.judul}' (#{ada.id}) sudah ada; buka siklus itu atau batalkan dahulu"})
    sekarang = utc(sekarang)
    s = Siklus(instansi_id=pengguna.instansi_id, sop_kode=d.kode, definisi=d.model_dump(mode="json"),
               judul=judul_siklus(d.judul, periode_jenis, ke, tahun), periode_jenis=periode_jenis, tahun=tahun,
               periode_ke=ke, status="berjalan", dibuat_oleh=pengguna.id, dibuat=sekarang)
    for no in range(1, len(d.langkah) + 1):
        pertama = no == 1
        s.langkah.append(LangkahSiklus(no=no, status="berjalan" if pertama else "menunggu",
                                       mulai=sekarang if pertama else None, putaran=1 if pertama else 0,
                                       detik_terpakai=0, catatan=""))
    db.add(s)
    db.flush()
    db.add(RiwayatSiklus(siklus_id=s.id, langkah_no=None, aksi="dimulai", pengguna_id=pengguna.id, waktu=sekarang,
                         catatan=""))
    db.commit()
    audit.catat("siklus.mulai", "siklus", s.id, {"sop": d.kode, "judul": s.judul}, pengguna=pengguna)
    return s


def _langkah(s: Siklus, no: int) -> LangkahSiklus:
    for b in s.langkah:
        if b.no == no:
            return b
    raise TidakDitemukan(f"Langkah {no} tidak ada dalam siklus ini.")


def _catatan(teks: str | None) -> str:
    teks = (teks or "").replace("\r\n", "\n").strip()
    if len(teks) > BATAS_CATATAN:
        raise InputTidakValid("Catatan terlalu panjang",
                              fields={"catatan": f"terlalu panjang (paling banyak {BATAS_CATATAN} karakter)"})
    return teks


def _periksa_giliran(pengguna: Pengguna, s: Siklus, d: DefinisiSOP, b: LangkahSiklus, putaran: int | None) -> None:
    """Raise SiklusBentrok (409) unless the step is the running one (in the round the user saw), 403 for a role
    that does not act on it."""
    if s.status != "berjalan":
        raise SiklusBentrok(f"Siklus ini sudah {LABEL_STATUS.get(s.status, s.status).lower()}; "
                            f"langkahnya tidak dapat diproses lagi.")
    if b.status != "berjalan":
        raise SiklusBentrok(f"Langkah {b.no} tidak sedang berjalan (status: {LABEL_STATUS.get(b.status, b.status)}); "
                            f"mungkin sudah diproses. Muat ulang halaman siklus.")
    if putaran is not None and putaran != b.putaran:
        raise SiklusBentrok(f"Langkah {b.no} sudah diproses dan dijalankan ulang sejak halaman ini dibuka. "
                            f"Muat ulang halaman siklus.")
    if not boleh_bertindak(pengguna, d, b.no):
        siapa = ", ".join(peran.LABEL_PERAN.get(r, r) for r in peran_langkah(d, b.no)) or "Administrator"
        raise DocgenError(f"Langkah {b.no} dikerjakan oleh {siapa}; peran Anda tidak dapat memprosesnya.", status=403)


def _klaim(b: LangkahSiklus, status_baru: str, pengguna: Pengguna, sekarang: dt.datetime, *, catatan: str,
           keputusan: str | None = None) -> None:
    """Finish the running round of step `b` in one conditional UPDATE (the step must still be running in the
    same round), so two people pressing at once cannot both succeed. Raises SiklusBentrok."""
    db = sesi()
    detik = int(max((sekarang - utc(b.mulai)).total_seconds(), 0)) if b.mulai else 0
    r = db.execute(
        update(LangkahSiklus)
        .where(LangkahSiklus.id == b.id, LangkahSiklus.status == "berjalan", LangkahSiklus.putaran == b.putaran)
        .values(status=status_baru, selesai=sekarang, keputusan=keputusan, catatan=catatan, pelaku_id=pengguna.id,
                detik_terpakai=LangkahSiklus.detik_terpakai + detik)
        .execution_options(synchronize_session=False))
    if r.rowcount != 1:  # type: ignore[attr-defined]
        db.rollback()
        raise SiklusBentrok(f"Langkah {b.no} baru saja diproses oleh pengguna lain. Muat ulang halaman siklus.")
    db.refresh(b)


def _pindah(s: Siklus, dari: int, ke: int | None, pengguna: Pengguna, sekarang: dt.datetime) -> None:
    """Move the cycle from step `dari` to step `ke` (None: the cycle is finished).

    Going back resets the steps in between to menunggu; jumping forward marks them dilewati."""
    langkah = {b.no: b for b in s.langkah}
    if ke is None:
        for b in langkah.values():
            if b.status == "menunggu":
                b.status = "dilewati"
        s.status = "selesai"
        s.selesai = sekarang
        sesi().add(RiwayatSiklus(siklus_id=s.id, langkah_no=None, aksi="siklus_selesai", pengguna_id=pengguna.id,
                                 waktu=sekarang, catatan=""))
        return
    if ke <= dari:
        for n in range(ke + 1, dari):
            b = langkah[n]
            b.status, b.mulai, b.selesai, b.keputusan = "menunggu", None, None, None
    else:
        for n in range(dari + 1, ke):
            if langkah[n].status == "menunggu":
                langkah[n].status = "dilewati"
    t = langkah[ke]
    t.status, t.mulai, t.selesai, t.keputusan, t.catatan = "berjalan", sekarang, None, None, ""
    t.putaran = (t.putaran or 0) + 1


@dataclass
class HasilAksi:
    """What an action did: whether it was recorded, documents still missing, the disposisi made, warnings."""

    tercatat: bool = True
    kurang: list[str] = field(default_factory=list)  # slugs of the step's documents not made in this round
    dokumen: Dokumen | None = None
    peringatan: list[str] = field(default_factory=list)


def dokumen_kurang(s: Siklus, d: DefinisiSOP, b: LangkahSiklus) -> list[str]:
    """The step's document types with no document made for it since this round started."""
    mulai = utc(b.mulai) if b.mulai else None
    ada = {dok.slug for dok in dokumen_siklus(s)
           if dok.langkah_no == b.no and (mulai is None or utc(dok.dibuat) >= mulai)}
    return [slug for slug in d.langkah[b.no - 1].dokumen if slug not in ada]


def _judul_jenis(slug: str) -> str:
    try:
        return documents.dapatkan(slug).judul
    except TidakDitemukan:
        return slug


def selesaikan_langkah(pengguna: Pengguna, s: Siklus, no: int, *, catatan: str = "", putaran: int | None = None,
                       konfirmasi: bool = False, sekarang: dt.datetime) -> HasilAksi:
    """Finish a process step and start the next one (or finish the cycle).

    Without `konfirmasi`, nothing changes while the step's documents are not made yet (HasilAksi.kurang).
    Raises SiklusBentrok (409), DocgenError 403, InputTidakValid."""
    sekarang = utc(sekarang)
    d = definisi(s)
    b = _langkah(s, no)
    if d.langkah[no - 1].jenis == "keputusan":
        raise InputTidakValid(f"Langkah {no} adalah langkah keputusan: pilih Setujui (YA) atau Kembalikan (TIDAK).",
                              fields={"keputusan": "pilih YA atau TIDAK"})
    _periksa_giliran(pengguna, s, d, b, putaran)
    catatan = _catatan(catatan)
    kurang = dokumen_kurang(s, d, b)
    if kurang and not konfirmasi:
        return HasilAksi(tercatat=False, kurang=kurang)
    _klaim(b, "selesai", pengguna, sekarang, catatan=catatan)
    if kurang:
        judul = ", ".join(_judul_jenis(slug) for slug in kurang)
        catatan = f"{catatan}\n[Diselesaikan tanpa dokumen: {judul}]".strip()
    sesi().add(RiwayatSiklus(siklus_id=s.id, langkah_no=no, aksi="selesai", pengguna_id=pengguna.id,
                             waktu=sekarang, catatan=catatan))
    _pindah(s, no, d.langkah_berikut(no), pengguna, sekarang)
    sesi().commit()
    audit.catat("siklus.langkah", "siklus", s.id, {"langkah": no, "catatan": catatan}, pengguna=pengguna)
    return HasilAksi(kurang=kurang)


def putuskan(pengguna: Pengguna, s: Siklus, no: int, keputusan: str, catatan: str = "", *,
             putaran: int | None = None, sekarang: dt.datetime) -> HasilAksi:
    """Record a decision step: YA moves on, TIDAK (a note is required) goes back to the step the SOP names.

    A lembar disposisi with the note is generated and linked to the step; when it cannot be made the decision is
    still recorded, with a warning. Raises SiklusBentrok (409), DocgenError 403, InputTidakValid naming the field."""
    sekarang = utc(sekarang)
    d = definisi(s)
    b = _langkah(s, no)
    lk = d.langkah[no - 1]
    if lk.jenis != "keputusan":
        raise InputTidakValid(f"Langkah {no} bukan langkah keputusan; selesaikan langkahnya.",
                              fields={"keputusan": "langkah ini bukan langkah keputusan"})
    if keputusan not in ("ya", "tidak"):
        raise InputTidakValid("Pilih keputusan", fields={"keputusan": "pilih Setujui (YA) atau Kembalikan (TIDAK)"})
    _periksa_giliran(pengguna, s, d, b, putaran)
    catatan = _catatan(catatan)
    if keputusan == "tidak" and not catatan:
        raise InputTidakValid("Catatan wajib diisi bila dikembalikan", fields={
            "catatan": "wajib diisi bila dikembalikan: tulis apa yang harus dilengkapi atau diperbaiki"})
    ke = d.langkah_berikut(no, keputusan)
    _klaim(b, "selesai" if keputusan == "ya" else "dikembalikan", pengguna, sekarang, catatan=catatan,
           keputusan=keputusan)
    riwayat = RiwayatSiklus(siklus_id=s.id, langkah_no=no, aksi="disetujui" if keputusan == "ya" else "dikembalikan",
                            pengguna_id=pengguna.id, waktu=sekarang, catatan=catatan)
    sesi().add(riwayat)
    _pindah(s, no, ke, pengguna, sekarang)
    hasil = HasilAksi()
    data = data_disposisi(pengguna, s, d, no, keputusan, catatan, ke, sekarang=sekarang)
    try:
        # Commits the decision together with the slip (.docx only: the PDF is made after the commit).
        dok = layanan.buat_dokumen(pengguna, SLUG_DISPOSISI, data, pdf=False, siklus_id=s.id, langkah_no=no,
                                   periksa_peran=False, dalam_transaksi=True)
    except DocgenError as e:
        sesi().commit()  # the decision stands without its slip
        audit.catat("siklus.keputusan", "siklus", s.id, {"langkah": no, "keputusan": keputusan, "catatan": catatan},
                    pengguna=pengguna)
        hasil.peringatan.append(f"Keputusan tercatat, tetapi lembar disposisi tidak dapat dibuat: {e.pesan} "
                                f"{'; '.join(e.lines()) if e.fields else ''}".strip())
        return hasil
    riwayat.dokumen_id = dok.id
    sesi().commit()
    audit.catat("siklus.keputusan", "siklus", s.id, {"langkah": no, "keputusan": keputusan, "catatan": catatan,
                                                     "disposisi": dok.id}, pengguna=pengguna)
    hasil.dokumen = dok
    masalah = buat_pdf_susulan(dok)
    if masalah:
        hasil.peringatan.append(masalah)
    return hasil


def batalkan_siklus(pengguna: Pengguna, s: Siklus, catatan: str, *, sekarang: dt.datetime) -> None:
    """Cancel a running cycle (admin, kepala, or whoever started it); the reason is required.

    Raises DocgenError 403, SiklusBentrok (409), InputTidakValid."""
    if pengguna.peran not in ("admin", "kepala") and pengguna.id != s.dibuat_oleh:
        raise DocgenError("Hanya administrator, kepala, atau yang memulai siklus yang dapat membatalkannya.",
                          status=403)
    catatan = _catatan(catatan)
    if not catatan:
        raise InputTidakValid("Alasan pembatalan wajib diisi", fields={"catatan": "wajib diisi: alasan pembatalan"})
    sekarang = utc(sekarang)
    db = sesi()
    r = db.execute(update(Siklus).where(Siklus.id == s.id, Siklus.status == "berjalan")
                   .values(status="dibatalkan", selesai=sekarang).execution_options(synchronize_session=False))
    if r.rowcount != 1:  # type: ignore[attr-defined]
        db.rollback()
        raise SiklusBentrok("Siklus ini tidak sedang berjalan; muat ulang halamannya.")
    db.refresh(s)
    for b in s.langkah:
        if b.status == "berjalan":
            if b.mulai:
                b.detik_terpakai += int(max((sekarang - utc(b.mulai)).total_seconds(), 0))
            b.status, b.selesai = "menunggu", None
    db.add(RiwayatSiklus(siklus_id=s.id, langkah_no=None, aksi="dibatalkan", pengguna_id=pengguna.id, waktu=sekarang,
                         catatan=catatan))
    db.commit()
    audit.catat("siklus.batal", "siklus", s.id, {"alasan": catatan}, pengguna=pengguna)


# -- the lembar disposisi of a decision ------------------------------------------------------------------------

_BUKAN_KEPALA_INSTANSI = {"bidang", "bagian", "subbagian", "sub", "seksi", "subbidang", "sekretaris", "tim", "uptd"}


def _cocok(peran_: str, jabatan: str) -> bool:
    j = jabatan.casefold()
    kata = set(j.replace(",", " ").split())
    if peran_ == "kepala":
        return j.startswith("kepala") and not kata & _BUKAN_KEPALA_INSTANSI
    return {"sekretaris": "sekretaris" in kata, "perencana": "perencanaan" in j or "program" in j,
            "tim_sakip": "tim" in kata, "bidang": "bidang" in kata, "arsiparis": "arsip" in j}.get(peran_, False)


def pejabat_untuk(inst: Instansi, peran_: str, pengguna: Pengguna) -> dict[str, Any]:
    """The agency's official who signs for a role (matched on the jabatan; kepala falls back to the first official),
    or the acting user's name under the role's label when none matches."""
    for pj in inst.pejabat:
        if _cocok(peran_, str(pj.data.get("jabatan", ""))):
            return dict(pj.data)
    if peran_ == "kepala" and inst.pejabat:
        return dict(inst.pejabat[0].data)
    return {"jabatan": peran.LABEL_PERAN.get(peran_, peran_), "nama": pengguna.nama or pengguna.username}


def _perihal(dok: Dokumen) -> str:
    data = dok.data if isinstance(dok.data, dict) else {}
    for k in ("hal", "tentang", "judul", "perihal"):
        v = data.get(k)
        if isinstance(v, str) and v.strip():
            return " ".join(v.split())
    return dok.judul


def _tanggal_dokumen(dok: Dokumen, zona: ZoneInfo) -> dt.date:
    v = dok.data.get("tanggal") if isinstance(dok.data, dict) else None
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            pass
    return utc(dok.dibuat).astimezone(zona).date()


def data_disposisi(pengguna: Pengguna, s: Siklus, d: DefinisiSOP, no: int, keputusan: str, catatan: str,
                   ke: int | None, *, sekarang: dt.datetime) -> dict[str, Any]:
    """The lembar disposisi input for a decision on step `no`, from the cycle: the paper decided on (the newest
    document of an earlier step, if any), who sent it, who it goes to next, the ticked instruction and the note."""
    inst = pengguna.instansi
    zona = zona_instansi(inst)
    lk = d.langkah[no - 1]
    b = _langkah(s, no)
    hari_ini = utc(sekarang).astimezone(zona).date()
    diterima = utc(b.mulai).astimezone(zona).date() if b.mulai else hari_ini
    sebelum = d.langkah[no - 2] if no > 1 else lk
    calon = [x for x in dokumen_siklus(s)
             if x.langkah_no is not None and x.langkah_no < no and x.slug != SLUG_DISPOSISI]
    dasar = max(calon, key=lambda x: (x.langkah_no or 0, x.id)) if calon else None
    if dasar is not None:
        dari = ", ".join(d.langkah[(dasar.langkah_no or 1) - 1].pelaksana)
        nomor = dasar.nomor_surat or (dasar.data.get("nomor") if isinstance(dasar.data.get("nomor"), str) else "")
        tanggal_surat = _tanggal_dokumen(dasar, zona)
        hal = f"{_perihal(dasar)} ({s.judul})"
    else:
        dari = ", ".join(sebelum.pelaksana)
        nomor = ""
        tanggal_surat = diterima
        benda = lk.kelengkapan or sebelum.output
        hal = f"{benda} ({s.judul})" if benda else s.judul
    tujuan = d.langkah[ke - 1].pelaksana if ke else ["Arsip"]
    batas = None
    baku_tujuan = _baku(d.langkah[ke - 1]) if ke else None
    if baku_tujuan is not None:
        batas = tenggat(sekarang, baku_tujuan, zona).astimezone(zona).date()
    peran_putus = (peran_langkah(d, no) or [pengguna.peran])[0]
    data: dict[str, Any] = {
        "surat_dari": dari,
        "nomor_surat": nomor or "-",
        "tanggal_surat": tanggal_surat.isoformat(),
        "diterima_tanggal": max(diterima, tanggal_surat).isoformat(),
        "sifat": "Biasa",
        "hal": hal,
        "pilihan_tujuan": list(d.pelaksana),
        "diteruskan_kepada": list(tujuan),
        "pilihan_instruksi": ["Setuju", *lembar_disposisi.INSTRUKSI_BAKU],
        "instruksi": list(INSTRUKSI_SETUJU if keputusan == "ya" else INSTRUKSI_KEMBALI),
        "catatan": catatan,
        "tanggal": hari_ini.isoformat(),
        "penandatangan": pejabat_untuk(inst, peran_putus, pengguna),
    }
    if batas is not None:
        data["batas_waktu"] = max(batas, hari_ini).isoformat()
    return data


def buat_pdf_susulan(dok: Dokumen) -> str | None:
    """Make the PDF of a stored document after its record is committed; return a warning when it cannot be made
    (LibreOffice, a full disk: the .docx stays available, the committed decision is not rolled back)."""
    if not current_app.config.get("PDF_AKTIF", True):
        return None
    kunci_docx = kunci_berkas(dok.berkas_docx)
    if kunci_docx is None:
        return "PDF lembar disposisi belum dapat dibuat: berkas Word-nya tidak ditemukan di penyimpanan."
    try:
        isi = layanan.ke_pdf(penyimpanan().baca(kunci_docx), pemilik=dok.dibuat_oleh, instansi_id=dok.instansi_id)
        with BerkasBaru() as baru:
            dok.berkas_pdf = baru.simpan(str(PurePosixPath(kunci_docx).with_suffix(".pdf")), isi)
            sesi().commit()
    except DocgenError as e:  # KonversiGagal, PenyimpananPenuh
        sesi().rollback()
        return f"PDF lembar disposisi belum dapat dibuat ({e.pesan}); berkas Word-nya tersedia."
    return None
