"""The letter-number register (buku agenda surat keluar): assign, insert, void and export numbers.

Numbers run per agency, series and year. A plain number comes from one atomic statement on the series-year
counter (an upsert with RETURNING, supported by SQLite >= 3.35 and PostgreSQL) in the same transaction as its
register row, so a failed transaction gives the number back: never duplicated, never skipped. An inserted
number (13a) is for a back-dated letter and never touches the counter. A voided number stays in the register.

No Flask here: every function takes the SQLAlchemy session.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as insert_pg
from sqlalchemy.dialects.sqlite import insert as insert_sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from docgen import documents, locale_id
from docgen.documents.common import Nomor, periksa_pola, uraikan_pola
from docgen.errors import DocgenError, InputTidakValid
from docgen.xlsx_cetak import atur_lebar, siapkan_cetak, tambah_baris
from web.inti import waktu
from web.inti.models import Dokumen, Instansi, NomorSurat, Pengguna, PenghitungNomor, SeriNomor

CARA = ("otomatis", "biasa", "sisip")  # how to number: insert when back-dated / always plain / always insert
MAKS_COBA = 8  # attempts when another writer took the candidate number first
MAKS_TEKS = 1000


class NomorBentrok(Exception):
    """Another transaction took the candidate number first; roll back and plan again."""


@dataclass(frozen=True)
class Calon:
    """A number planned for a series-year before it is taken; `urut` None means "whatever comes next"."""

    seri: SeriNomor
    tanggal: dt.date
    urut: int | None
    sisipan: str = ""
    keterangan: str = ""

    @property
    def tahun(self) -> int:
        return self.tanggal.year

    def cetak(self, urut: int | None = None) -> str:
        """The printed number (the series pattern filled for the letter's date)."""
        return cetak(self.seri, urut if urut is not None else (self.urut or 0), self.sisipan, self.tanggal)


def cetak(seri: SeriNomor, urut: int, sisipan: str, tanggal: dt.date) -> str:
    """Print a number with docgen's Nomor; a broken series pattern is a 422 naming the series."""
    try:
        return Nomor(pola=seri.pola, kode_klasifikasi=seri.kode_klasifikasi, kode_unit=seri.kode_unit,
                     urut=urut, sisipan=sisipan).cetak(tanggal)
    except (ValidationError, ValueError, KeyError, IndexError):
        raise DocgenError(f"Pola seri nomor '{seri.kode}' rusak: {seri.pola}",
                          fields={"seri": "pola nomor seri ini tidak dapat dipakai; perbaiki di pengaturan seri"}
                          ) from None


def teks_tanggal(d: dt.date) -> str:
    return locale_id.tanggal(d)


# -- looking things up -------------------------------------------------------------------------------------------


def daftar_seri(db: Session, instansi_id: int) -> list[SeriNomor]:
    """The agency's number series, in the order they were made."""
    return list(db.scalars(select(SeriNomor).where(SeriNomor.instansi_id == instansi_id).order_by(SeriNomor.id)))


def seri(db: Session, instansi_id: int, kode: str) -> SeriNomor:
    """Return the agency's series `kode`. Raises DocgenError 422 (field `seri`) naming the known ones."""
    s = db.scalar(select(SeriNomor).where(SeriNomor.instansi_id == instansi_id, SeriNomor.kode == kode))
    if s is None:
        ada = ", ".join(x.kode for x in daftar_seri(db, instansi_id)) or "(belum ada seri)"
        raise DocgenError(f"Seri nomor '{kode}' tidak dikenal", fields={"seri": f"seri yang ada: {ada}"})
    return s


def terakhir(db: Session, seri_: SeriNomor, tahun: int) -> NomorSurat | None:
    """The series-year entry with the latest letter date (then the highest number)."""
    return db.scalar(select(NomorSurat).where(NomorSurat.seri_id == seri_.id, NomorSurat.tahun == tahun)
                     .order_by(NomorSurat.tanggal.desc(), NomorSurat.urut.desc(), NomorSurat.sisipan.desc())
                     .limit(1))


def untuk_dokumen(db: Session, dokumen_id: int) -> NomorSurat | None:
    """The register entry given to a document, if any."""
    return db.scalar(select(NomorSurat).where(NomorSurat.dokumen_id == dokumen_id).order_by(NomorSurat.id.desc())
                     .limit(1))


# -- planning and taking a number --------------------------------------------------------------------------------


def _calon_sisip(db: Session, s: SeriNomor, tanggal: dt.date) -> Calon:
    """The inserted number after the last number dated on or before `tanggal`: 13 -> 13a, 13a -> 13b."""
    tahun = tanggal.year
    dasar = db.scalar(select(func.max(NomorSurat.urut)).where(
        NomorSurat.seri_id == s.id, NomorSurat.tahun == tahun, NomorSurat.tanggal <= tanggal))
    if dasar is None:
        raise DocgenError(
            f"Nomor sisipan tidak dapat diberikan: belum ada nomor seri '{s.kode}' tahun {tahun} bertanggal "
            f"{teks_tanggal(tanggal)} atau sebelumnya",
            fields={"tanggal": "nomor sisipan (mis. 13a) menyisip setelah nomor yang lebih awal; ambil nomor biasa"})
    huruf = [h for h in db.scalars(select(NomorSurat.sisipan).where(
        NomorSurat.seri_id == s.id, NomorSurat.tahun == tahun, NomorSurat.urut == dasar)) if h]
    if not huruf:
        berikut = "a"
    elif max(huruf) >= "z":
        raise DocgenError(f"Huruf sisipan untuk nomor {dasar} sudah habis (a sampai z)",
                          fields={"tanggal": "pilih tanggal lain atau ambil nomor biasa"})
    else:
        berikut = chr(ord(max(huruf)) + 1)
    return Calon(s, tanggal, dasar, berikut,
                 f"Nomor sisipan {dasar}{berikut} diberikan: surat bertanggal {teks_tanggal(tanggal)} disisipkan "
                 f"setelah nomor {dasar}, nomor terakhir pada tanggal itu atau sebelumnya.")


def rencanakan(db: Session, s: SeriNomor, tanggal: dt.date, cara: str = "otomatis", *,
               tebak: bool = False) -> Calon:
    """Plan the number a letter of `tanggal` would get (nothing is written).

    `cara`: "biasa" the next plain number, "sisip" an inserted number, "otomatis" an inserted number when the
    letter is dated before the series' latest number (the next plain number when nothing earlier exists).
    `tebak`: predict the plain number (for a document rendered before the number is taken); otherwise `urut`
    is None and the counter decides. Raises DocgenError 422 on an unknown `cara` or an impossible insertion.
    """
    if cara not in CARA:
        raise DocgenError(f"Cara penomoran '{cara}' tidak dikenal", fields={"cara": f"pilih: {', '.join(CARA)}"})
    if cara == "sisip":
        return _calon_sisip(db, s, tanggal)
    keterangan = ""
    if cara == "otomatis":
        akhir = terakhir(db, s, tanggal.year)
        if akhir is not None and tanggal < akhir.tanggal:
            try:
                return _calon_sisip(db, s, tanggal)
            except DocgenError:
                keterangan = (f"Tanggal surat lebih awal daripada nomor terakhir seri ini ({akhir.nomor}, "
                              f"{teks_tanggal(akhir.tanggal)}), tetapi tidak ada nomor sebelumnya untuk disisipi; "
                              f"diberikan nomor urut berikutnya.")
    urut = None
    if tebak:
        kini = db.scalar(select(PenghitungNomor.terakhir).where(
            PenghitungNomor.seri_id == s.id, PenghitungNomor.tahun == tanggal.year))
        urut = (kini or 0) + 1
    return Calon(s, tanggal, urut, "", keterangan)


def _naikkan(db: Session, seri_id: int, tahun: int) -> int:
    """Add one to the series-year counter (creating it at 1) in one statement; return the new value.

    The statement is the transaction's first write, so on SQLite it takes the write lock at once (waiting up to
    the busy timeout) instead of upgrading a read lock; on PostgreSQL it locks the counter row until commit.
    """
    dialek = db.get_bind().dialect.name
    if dialek == "postgresql" or (dialek == "sqlite" and sqlite3.sqlite_version_info >= (3, 35)):
        sisip = insert_sqlite if dialek == "sqlite" else insert_pg
        stmt = sisip(PenghitungNomor).values(seri_id=seri_id, tahun=tahun, terakhir=1)
        stmt = stmt.on_conflict_do_update(index_elements=["seri_id", "tahun"],
                                          set_={"terakhir": PenghitungNomor.terakhir + 1})
        return int(db.execute(stmt.returning(PenghitungNomor.terakhir)).scalar_one())
    # Other databases: UPDATE (row lock), create the row on first use, then read it back inside the transaction.
    for _ in range(MAKS_COBA):
        r = db.execute(update(PenghitungNomor).where(PenghitungNomor.seri_id == seri_id,
                                                     PenghitungNomor.tahun == tahun)
                       .values(terakhir=PenghitungNomor.terakhir + 1))
        if r.rowcount:  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult
            return int(db.scalar(select(PenghitungNomor.terakhir).where(
                PenghitungNomor.seri_id == seri_id, PenghitungNomor.tahun == tahun)) or 0)
        try:
            with db.begin_nested():
                db.add(PenghitungNomor(seri_id=seri_id, tahun=tahun, terakhir=1))
            return 1
        except IntegrityError:
            continue
    raise DocgenError("Register nomor sedang sibuk; coba lagi.", status=503)


def pakai(db: Session, calon: Calon, *, hal: str = "", tujuan: str = "", dokumen_id: int | None = None,
          pengguna_id: int | None = None) -> NomorSurat:
    """Take the planned number inside the caller's transaction (no commit) and add its register row.

    Raises NomorBentrok when another transaction took it first (the caller rolls back and plans again).
    """
    if calon.sisipan:
        urut = calon.urut or 0
    else:
        urut = _naikkan(db, calon.seri.id, calon.tahun)
        if calon.urut is not None and urut != calon.urut:
            raise NomorBentrok
    baris = NomorSurat(instansi_id=calon.seri.instansi_id, seri_id=calon.seri.id, tahun=calon.tahun, urut=urut,
                       sisipan=calon.sisipan, nomor=calon.cetak(urut), tanggal=calon.tanggal,
                       hal=_pendek(hal), tujuan=_pendek(tujuan), dokumen_id=dokumen_id, status="dipakai",
                       dibuat_oleh=pengguna_id, dibuat=waktu.sekarang())
    db.add(baris)
    try:
        db.flush()
    except IntegrityError:
        raise NomorBentrok from None
    return baris


def _pendek(teks: str) -> str:
    teks = " ".join((teks or "").split())
    return teks if len(teks) <= MAKS_TEKS else teks[: MAKS_TEKS - 1] + "…"


def berikan(db: Session, *, instansi_id: int, seri_kode: str, tanggal: dt.date, cara: str = "biasa",
            hal: str = "", tujuan: str = "", dokumen_id: int | None = None,
            pengguna_id: int | None = None) -> tuple[NomorSurat, str]:
    """Assign a number and commit; return the register row and a note (why an inserted number was given).

    The session must hold no uncommitted work: it is committed (or rolled back on failure).
    Raises DocgenError: 422 for an unknown series or impossible insertion, 503 when the database stays busy.
    """
    s = seri(db, instansi_id, seri_kode)
    for _ in range(MAKS_COBA):
        calon = rencanakan(db, s, tanggal, cara)
        try:
            baris = pakai(db, calon, hal=hal, tujuan=tujuan, dokumen_id=dokumen_id, pengguna_id=pengguna_id)
            db.commit()
            return baris, calon.keterangan
        except NomorBentrok:
            db.rollback()
        except OperationalError:
            db.rollback()
            raise DocgenError("Basis data sedang sibuk; nomor belum diambil. Coba lagi.", status=503) from None
        except BaseException:
            db.rollback()
            raise
    raise DocgenError("Register nomor sedang sibuk; nomor belum diambil. Coba lagi.", status=503)


class IsianAmbilSalah(InputTidakValid):
    """A number asked for by hand with a bad or missing field (before anything is looked up)."""


def periksa_ambil(*, seri_kode: str, tanggal: str, hal: str, cara: str) -> dt.date:
    """Check a number asked for by hand (the register page, the API) and return the letter's date.

    Raises IsianAmbilSalah naming every bad field: tanggal (YYYY-MM-DD), hal, seri, cara."""
    galat: dict[str, str] = {}
    tgl = None
    try:
        tgl = dt.date.fromisoformat(tanggal)
    except ValueError:
        galat["tanggal"] = "isi tanggal surat dengan format TTTT-BB-HH"
    if not hal:
        galat["hal"] = "wajib diisi"
    if not seri_kode:
        galat["seri"] = "pilih seri nomor"
    if cara not in CARA:
        galat["cara"] = f"harus salah satu dari: {', '.join(CARA)}"
    if galat or tgl is None:
        raise IsianAmbilSalah(f"Nomor belum diambil: {len(galat)} isian perlu diperbaiki", fields=galat)
    return tgl


def ambil(db: Session, *, instansi_id: int, seri_kode: str, tanggal: dt.date, hal: str = "", tujuan: str = "",
          dokumen_id: int | None = None, pengguna_id: int | None = None) -> NomorSurat:
    """Assign the next plain number of the series for `tanggal.year` and commit (see `berikan`)."""
    return berikan(db, instansi_id=instansi_id, seri_kode=seri_kode, tanggal=tanggal, cara="biasa", hal=hal,
                   tujuan=tujuan, dokumen_id=dokumen_id, pengguna_id=pengguna_id)[0]


def sisip(db: Session, *, instansi_id: int, seri_kode: str, tanggal: dt.date, hal: str = "", tujuan: str = "",
          dokumen_id: int | None = None, pengguna_id: int | None = None) -> NomorSurat:
    """Assign an inserted number (13a, 13b ...) for a back-dated letter and commit (see `berikan`)."""
    return berikan(db, instansi_id=instansi_id, seri_kode=seri_kode, tanggal=tanggal, cara="sisip", hal=hal,
                   tujuan=tujuan, dokumen_id=dokumen_id, pengguna_id=pengguna_id)[0]


def batalkan(db: Session, nomor_id: int, alasan: str, pengguna_id: int | None, *,
             instansi_id: int | None = None) -> NomorSurat:
    """Void a number: it stays in the register as used, with the reason, and is never given again; commit.

    Raises DocgenError: 404 when unknown (or of another agency), 422 without a reason, 409 when already void.
    """
    baris = db.get(NomorSurat, nomor_id)
    if baris is None or (instansi_id is not None and baris.instansi_id != instansi_id):
        raise DocgenError("Nomor surat tidak ditemukan.", status=404)
    alasan = " ".join((alasan or "").split())
    if not alasan:
        raise DocgenError("Alasan pembatalan wajib diisi", fields={"alasan": "wajib diisi"})
    if len(alasan) > MAKS_TEKS:
        raise DocgenError("Alasan pembatalan terlalu panjang",
                          fields={"alasan": f"paling banyak {MAKS_TEKS} karakter"})
    if baris.status == "batal":
        raise DocgenError(f"Nomor {baris.nomor} sudah dibatalkan.", status=409)
    baris.status = "batal"
    baris.alasan_batal = alasan
    baris.dibatalkan_oleh = pengguna_id
    baris.dibatalkan = waktu.sekarang()
    db.commit()
    return baris


# -- the book ----------------------------------------------------------------------------------------------------


def daftar(db: Session, instansi_id: int, tahun: int, seri_kode: str | None = None,
           status: str | None = None) -> list[NomorSurat]:
    """Register entries of a year (optionally one series, one status), by series, number, insertion letter."""
    syarat: list[Any] = [NomorSurat.instansi_id == instansi_id, NomorSurat.tahun == tahun]
    if seri_kode:
        syarat.append(NomorSurat.seri_id == seri(db, instansi_id, seri_kode).id)
    if status:
        syarat.append(NomorSurat.status == status)
    return list(db.scalars(select(NomorSurat).where(*syarat)
                           .order_by(NomorSurat.seri_id, NomorSurat.urut, NomorSurat.sisipan)))


def tahun_ada(db: Session, instansi_id: int) -> list[int]:
    """Years that have register entries, newest first."""
    return sorted(db.scalars(select(NomorSurat.tahun).where(NomorSurat.instansi_id == instansi_id).distinct()),
                  reverse=True)


def keterangan(baris: NomorSurat) -> str:
    """The Status/Keterangan column: 'Dipakai', or 'DIBATALKAN: <reason>'."""
    if baris.status == "batal":
        return f"DIBATALKAN: {baris.alasan_batal}"
    return "Dipakai" + (" (nomor sisipan)" if baris.sisipan else "")


def buku_agenda_xlsx(db: Session, instansi_id: int, tahun: int, seri_kode: str | None = None) -> bytes:
    """The outgoing-letter book (Buku Agenda Surat Keluar) of a year as .xlsx bytes.

    Columns: No | Nomor Surat | Tanggal | Hal | Tujuan | Jenis Naskah | Dibuat oleh | Status/Keterangan,
    per series sorted by number then insertion letter; voided numbers stay, with their reason.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    inst = db.get(Instansi, instansi_id)
    if inst is None:
        raise DocgenError("Instansi tidak ditemukan.", status=404)
    baris = daftar(db, instansi_id, tahun, seri_kode)
    seri_ = {s.id: s for s in daftar_seri(db, instansi_id)}
    pembuat = {p.id: (p.nama or p.username) for p in db.scalars(select(Pengguna).where(
        Pengguna.instansi_id == instansi_id))}
    dok = {d.id: d for d in db.scalars(select(Dokumen).where(
        Dokumen.id.in_([b.dokumen_id for b in baris if b.dokumen_id])))} if baris else {}
    judul_jenis = {j.slug: j.judul for j in documents.semua()}

    wb = Workbook()
    ws = wb.active
    ws.title = f"Agenda {tahun}"[:31]
    kolom = ["No", "Nomor Surat", "Tanggal", "Hal", "Tujuan", "Jenis Naskah", "Dibuat oleh", "Status/Keterangan"]
    lebar: list[float] = [6, 34, 18, 50, 36, 24, 26, 36]
    tebal = Font(bold=True)
    # every text below is stored as text (docgen.xlsx_cetak): a subject "=HYPERLINK(...)" never becomes a formula
    tambah_baris(ws, ["BUKU AGENDA SURAT KELUAR"])
    tambah_baris(ws, [inst.nama])
    tambah_baris(ws, [f"Tahun {tahun}" + (f" · Seri {seri_kode}" if seri_kode else "")])
    for r in (1, 2, 3):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(kolom))
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(2, 1).font = tebal
    ws.append([])
    tambah_baris(ws, kolom)
    kepala = 5
    garis = Side(style="thin", color="808080")
    bingkai = Border(left=garis, right=garis, top=garis, bottom=garis)
    for c in range(1, len(kolom) + 1):
        sel = ws.cell(kepala, c)
        sel.font = tebal
        sel.fill = PatternFill("solid", fgColor="D9E1F2")
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sel.border = bingkai
    for i, b in enumerate(baris, start=1):
        d = dok.get(b.dokumen_id) if b.dokumen_id else None
        jenis = judul_jenis.get(d.slug, d.judul) if d is not None else "Surat di luar docgen"
        if len(seri_) > 1 and not seri_kode:
            jenis = f"{jenis} (seri {seri_[b.seri_id].kode})" if b.seri_id in seri_ else jenis
        tambah_baris(ws, [i, b.nomor, teks_tanggal(b.tanggal), b.hal, b.tujuan, jenis,
                          pembuat.get(b.dibuat_oleh or 0, ""), keterangan(b)])
        for c in range(1, len(kolom) + 1):
            sel = ws.cell(kepala + i, c)
            sel.border = bingkai
            sel.alignment = Alignment(vertical="top", wrap_text=True)
            if b.status == "batal":
                sel.font = Font(color="9C0006")
    if not baris:
        tambah_baris(ws, ["", "(belum ada nomor pada tahun ini)"])
    atur_lebar(ws, lebar)
    ws.freeze_panes = ws.cell(kepala + 1, 1)
    siapkan_cetak(ws, kepala)
    ws.oddFooter.center.text = "Halaman &P dari &N"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def contoh(s: SeriNomor, tanggal: dt.date | None = None) -> str:
    """How a number of the series looks, with '…' for the sequence number (for choosing a series)."""
    tanda = 987654321
    try:
        teks = Nomor(pola=s.pola, kode_klasifikasi=s.kode_klasifikasi, kode_unit=s.kode_unit,
                     urut=tanda).cetak(tanggal or waktu.sekarang().date())
    except (ValueError, KeyError, IndexError):
        return s.pola
    return teks.replace(str(tanda), "…")


def pilihan_seri(db: Session, inst: Instansi) -> list[dict[str, Any]]:
    """The agency's series for a document form's "Seri nomor" select: the fields a choice fills (`isi`) and a label
    in words ("nota-dinas · 000.8.3.3/…/BKPSDM-PS/V/2025 (Kode klasifikasi / nomor urut / ...)")."""
    hari_ini = waktu.hari_ini(inst)
    hasil = []
    for s in daftar_seri(db, inst.id):
        uraian = uraikan_pola(s.pola)
        hasil.append({"isi": {"pola": s.pola, "kode_klasifikasi": s.kode_klasifikasi, "kode_unit": s.kode_unit,
                              "teks": ""},
                      "label": f"{s.kode} · {contoh(s, hari_ini)}" + (f" ({uraian})" if uraian else "")})
    return hasil


# -- series ------------------------------------------------------------------------------------------------------


def periksa_seri(isian: dict[str, Any], ada: list[str]) -> dict[str, str]:
    """Messages per field for a new series (empty when it is valid)."""
    galat: dict[str, str] = {}
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}", isian["kode"]):
        galat["kode"] = "huruf kecil, angka dan tanda hubung, mis. surat-keluar"
    elif isian["kode"] in ada:
        galat["kode"] = f"seri '{isian['kode']}' sudah ada"
    try:  # known fields only, bare, in balanced braces: checked before anything is numbered with it
        periksa_pola(isian["pola"])
    except ValueError as exc:
        galat["pola"] = str(exc)
    else:
        if "{urut}" not in isian["pola"]:
            galat["pola"] = "pola harus memuat {urut}, mis. {kode_klasifikasi}/{urut}/{kode_unit}/{tahun}"
    for k in ("pola", "kode_klasifikasi", "kode_unit"):
        if len(isian[k]) > 100:
            galat[k] = "terlalu panjang (paling banyak 100 karakter)"
    return galat


def tambah_seri(db: Session, instansi_id: int, isian: dict[str, str]) -> SeriNomor:
    """Add a number series (a code, a pattern with {urut}, classification and unit codes) and commit.

    Raises InputTidakValid with one message per field."""
    isian = {k: str(isian.get(k, "")).strip() for k in ("kode", "pola", "kode_klasifikasi", "kode_unit")}
    galat = periksa_seri(isian, [x.kode for x in daftar_seri(db, instansi_id)])
    if galat:
        raise InputTidakValid(f"Seri nomor belum ditambahkan: {len(galat)} isian perlu diperbaiki", fields=galat)
    baru = SeriNomor(instansi_id=instansi_id, **isian)
    db.add(baru)
    db.commit()
    return baru
