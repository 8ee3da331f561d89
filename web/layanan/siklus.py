"""Reading a cycle (siklus, one run of an SOP for a period): its steps, their state and time against the Mutu Baku.

State of a step: menunggu (not reached), berjalan (the one step that must be acted on), selesai, dikembalikan
(a decision step that answered TIDAK), dilewati (jumped over by a YA branch to a later step).

Time rule (Mutu Baku: Waktu): a standard in minutes or hours is wall-clock time from the moment the step started
(no office-hours calendar); a standard with days counts working days in the agency's time zone (docgen.hari_kerja:
Monday to Friday less national holidays, cuti bersama and the agency's own days off from its profile), and then adds
its minutes. A step of "3 hari" started on Friday 10.00 is overdue after Wednesday 10.00 of an ordinary week; one
started Thursday 27 March 2025 10.00 (Nyepi and Idul Fitri with their cuti bersama follow) after Thursday 10 April
10.00; "90 menit" started at 15.00 is overdue after 16.30, evening or not. Each round of a step
(it runs again after a return) gets its full Mutu Baku; the total over all rounds is shown beside it.
Changing a cycle is web.layanan.langkah.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import select

from docgen import durasi, locale_id, sop
from docgen.documents.keputusan_sop import LangkahSOP
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.hari_kerja import Kalender
from docgen.sop import DefinisiSOP
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, LangkahSiklus, Pengguna, RiwayatSiklus, Siklus

LABEL_STATUS = {"menunggu": "Menunggu", "berjalan": "Berjalan", "selesai": "Selesai",
                "dikembalikan": "Dikembalikan", "dilewati": "Dilewati", "dibatalkan": "Dibatalkan"}
LABEL_AKSI = {"dimulai": "memulai siklus", "selesai": "menyelesaikan", "disetujui": "menyetujui (YA)",
              "dikembalikan": "mengembalikan (TIDAK)", "siklus_selesai": "menyelesaikan siklus",
              "dibatalkan": "membatalkan siklus"}
LABEL_PERIODE = {"bulan": "Bulanan", "triwulan": "Triwulanan", "tahun": "Tahunan"}


# -- time ------------------------------------------------------------------------------------------------------


def tenggat(mulai: dt.datetime, baku: durasi.Durasi, zona: ZoneInfo, kalender: Kalender) -> dt.datetime:
    """When a step started at `mulai` is overdue: `baku.hari` working days of `kalender` later (same time of day
    in `zona`), plus its minutes."""
    t = waktu.utc(mulai).astimezone(zona)
    t = dt.datetime.combine(kalender.tambah(t.date(), baku.hari), t.timetz())
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
    """Whether the user acts on step `no` (web.inti.peran.boleh_tindak_langkah with the step's roles)."""
    return peran.boleh_tindak_langkah(pengguna.peran, peran_langkah(d, no))


def langkah_siklus(s: Siklus, no: int) -> LangkahSiklus:
    """The row of step `no` of a cycle. Raises TidakDitemukan."""
    for b in s.langkah:
        if b.no == no:
            return b
    raise TidakDitemukan(f"Langkah {no} tidak ada dalam siklus ini.")


def baku(lk: LangkahSOP) -> durasi.Durasi | None:
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


def keadaan(s: Siklus, d: DefinisiSOP, *, sekarang: dt.datetime, zona: ZoneInfo, kalender: Kalender,
            dokumen: list[Dokumen] | None = None) -> list[KeadaanLangkah]:
    """Every step with its status, time used against its Mutu Baku, overdue span and documents."""
    sekarang = waktu.utc(sekarang)
    per_langkah: dict[int, list[Dokumen]] = {}
    for dok in dokumen or []:
        if dok.langkah_no is not None:
            per_langkah.setdefault(dok.langkah_no, []).append(dok)
    hasil = []
    for b in s.langkah:
        if not 1 <= b.no <= len(d.langkah):
            continue
        lk = d.langkah[b.no - 1]
        k = KeadaanLangkah(no=b.no, langkah=lk, baris=b, peran=peran_langkah(d, b.no), baku=baku(lk),
                           total=dt.timedelta(seconds=b.detik_terpakai), dokumen=per_langkah.get(b.no, []))
        if b.mulai is not None:
            mulai = waktu.utc(b.mulai)
            k.tenggat = tenggat(mulai, k.baku, zona, kalender) if k.baku is not None else None
            if b.status == "berjalan" and s.status == "berjalan":
                akhir = sekarang
                k.total += max(sekarang - mulai, dt.timedelta())
            elif b.selesai is not None:
                akhir = waktu.utc(b.selesai)
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


def riwayat(s: Siklus) -> list[RiwayatSiklus]:
    """What was done in the cycle, oldest first."""
    return list(sesi().scalars(select(RiwayatSiklus).where(RiwayatSiklus.siklus_id == s.id)
                               .order_by(RiwayatSiklus.waktu, RiwayatSiklus.id)))


def orang_instansi(instansi_id: int) -> dict[int, Pengguna]:
    """The agency's accounts by id (to name who did what)."""
    return {u.id: u for u in sesi().scalars(select(Pengguna).where(Pengguna.instansi_id == instansi_id))}


def tujuan_berjalan(d: DefinisiSOP, k: KeadaanLangkah) -> dict[str, int | None]:
    """Where the running step leads: {"ya", "tidak"} for a decision, {"lanjut"} otherwise (None: the end)."""
    if k.langkah.jenis == "keputusan":
        return {"ya": d.langkah_berikut(k.no, "ya"), "tidak": d.langkah_berikut(k.no, "tidak")}
    return {"lanjut": d.langkah_berikut(k.no)}


@dataclass
class Ringkasan:
    """A cycle for the dashboard: progress, the running step and whether it is overdue."""

    siklus: Siklus
    jumlah: int
    selesai: int
    berjalan: KeadaanLangkah | None
    galat: str = ""


def ringkas(s: Siklus, *, sekarang: dt.datetime, zona: ZoneInfo, kalender: Kalender) -> Ringkasan:
    """Summarise one cycle (progress counts finished and skipped steps)."""
    try:
        d = definisi(s)
    except DocgenError as e:
        return Ringkasan(siklus=s, jumlah=len(s.langkah), selesai=0, berjalan=None, galat=e.pesan)
    semua = keadaan(s, d, sekarang=sekarang, zona=zona, kalender=kalender)
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
    zona, kalender = waktu.zona(pengguna.instansi), waktu.kalender(pengguna.instansi)
    baris = sesi().scalars(q.order_by(Siklus.dibuat.desc(), Siklus.id.desc()).limit(batas)).all()
    return [ringkas(s, sekarang=sekarang, zona=zona, kalender=kalender) for s in baris]


# -- why a step runs again ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pengembalian:
    """The TIDAK decision that sent the cycle back, so that a step runs again: from which step, by whom, the note."""

    dari: int  # the decision step that returned it
    catatan: str
    oleh: str  # the deciding user's name ('' when the account is gone)
    waktu: dt.datetime


def pengembalian(daftar: list[Siklus]) -> dict[int, Pengembalian]:
    """For each running cycle of `daftar` whose running step runs again (putaran > 1) because of a return, that
    return (by cycle id): the newest TIDAK decision, at or before the step started, of a step at or after it
    that sent the cycle back to it or before it. Steps between the target and the decision count too."""
    berjalan = {s.id: b for s in daftar if s.status == "berjalan"
                for b in s.langkah if b.status == "berjalan" and (b.putaran or 0) > 1 and b.mulai is not None}
    if not berjalan:
        return {}
    db = sesi()
    baris = db.scalars(select(RiwayatSiklus).where(RiwayatSiklus.siklus_id.in_(list(berjalan)),
                                                   RiwayatSiklus.aksi == "dikembalikan")
                       .order_by(RiwayatSiklus.waktu.desc(), RiwayatSiklus.id.desc())).all()
    ids = {r.pengguna_id for r in baris if r.pengguna_id is not None}
    nama = {u.id: u.nama or u.username for u in db.scalars(select(Pengguna).where(Pengguna.id.in_(ids)))} if ids else {}
    per_siklus = {s.id: s for s in daftar}
    defs: dict[int, DefinisiSOP | None] = {}
    hasil: dict[int, Pengembalian] = {}
    for r in baris:
        b = berjalan.get(r.siklus_id)
        if b is None or r.siklus_id in hasil or r.langkah_no is None or b.mulai is None:
            continue
        if waktu.utc(r.waktu) > waktu.utc(b.mulai) or r.langkah_no < b.no:
            continue
        if r.siklus_id not in defs:
            try:
                defs[r.siklus_id] = definisi(per_siklus[r.siklus_id])
            except DocgenError:
                defs[r.siklus_id] = None
        d = defs[r.siklus_id]
        ke = d.langkah_berikut(r.langkah_no, "tidak") if d is not None and r.langkah_no <= len(d.langkah) else None
        if ke is not None and ke <= b.no:
            hasil[r.siklus_id] = Pengembalian(dari=r.langkah_no, catatan=r.catatan,
                                              oleh=nama.get(r.pengguna_id or 0, ""), waktu=waktu.utc(r.waktu))
    return hasil
