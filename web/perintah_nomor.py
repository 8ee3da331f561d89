"""`docgen nomor`: take, void and export letter numbers from the register on the command line.

The database is the web app's (DATABASE_URL, else the instance folder's SQLite file), as for `docgen user`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.exc import OperationalError, ProgrammingError

from docgen.errors import DocgenError


def _galat(pesan: str, kode: int = 2) -> None:
    click.echo(f"Galat: {pesan}", err=True)
    sys.exit(kode)


def _gagal(exc: DocgenError) -> None:
    click.echo(f"Galat: {exc.pesan}", err=True)
    for path, pesan in exc.fields.items():
        click.echo(f"{path}: {pesan}" if path else pesan, err=True)
    sys.exit(3 if exc.status >= 500 else 2)


def _instansi_id(db, instansi: int | None) -> int:  # noqa: ANN001
    """The agency asked for, or the only one; exit 2 with the list when it is ambiguous or unknown."""
    from web.models import Instansi

    semua = list(db.scalars(select(Instansi).order_by(Instansi.id)))
    if instansi is not None:
        if not any(i.id == instansi for i in semua):
            _galat(f"instansi {instansi} tidak ada; yang ada: "
                   + (", ".join(f"{i.id} ({i.nama})" for i in semua) or "(belum ada)"))
        return instansi
    if not semua:
        _galat("belum ada instansi; jalankan `docgen web siapkan` dahulu")
    if len(semua) > 1:
        _galat("ada beberapa instansi; pilih dengan --instansi ID: "
               + ", ".join(f"{i.id} ({i.nama})" for i in semua))
    return semua[0].id


def _tanggal(teks: str | None) -> dt.date:
    if not teks:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(teks)
    except ValueError:
        _galat(f"--tanggal '{teks}' tidak sah; gunakan format TTTT-BB-HH, mis. 2025-01-20")
        raise  # unreachable


class _Konteks:
    """An app context and its session; a missing schema becomes a clear message."""

    def __enter__(self):
        from web import create_app
        from web.db import sesi

        self.app = create_app()
        self.ctx = self.app.app_context()
        self.ctx.push()
        return sesi()

    def __exit__(self, jenis, exc, tb) -> bool:
        self.ctx.pop()
        self.app.extensions["docgen_engine"].dispose()
        teks = str(exc).lower() if exc is not None else ""
        if isinstance(exc, (OperationalError, ProgrammingError)) and ("no such table" in teks
                                                                      or "does not exist" in teks):
            _galat("basis data belum disiapkan; jalankan `docgen web siapkan` dahulu")
        if isinstance(exc, OperationalError):
            _galat(f"basis data tidak dapat dipakai: {str(exc.orig)[:200]}", 3)
        return False


@click.group("nomor")
def nomor() -> None:
    """Register nomor surat (buku agenda surat keluar): ambil, batalkan, ekspor."""


@nomor.command("ambil")
@click.option("--seri", required=True, help="Kode seri nomor, mis. surat-keluar.")
@click.option("--instansi", type=int, default=None, help="Id instansi (bawaan: satu-satunya instansi).")
@click.option("--tanggal", default=None, help="Tanggal surat TTTT-BB-HH (bawaan: hari ini).")
@click.option("--hal", default="", help="Hal/perihal surat.")
@click.option("--tujuan", default="", help="Tujuan surat.")
@click.option("--sisip", is_flag=True, help="Nomor sisipan (mis. 13a) untuk surat bertanggal mundur.")
def ambil(seri: str, instansi: int | None, tanggal: str | None, hal: str, tujuan: str, sisip: bool) -> None:
    """Ambil nomor berikutnya dari register dan cetak nomornya (hanya nomor itu, di stdout)."""
    from web import nomor as register

    tgl = _tanggal(tanggal)
    with _Konteks() as db:
        inst = _instansi_id(db, instansi)
        try:
            baris, ket = register.berikan(db, instansi_id=inst, seri_kode=seri, tanggal=tgl,
                                          cara="sisip" if sisip else "biasa", hal=hal, tujuan=tujuan)
        except DocgenError as exc:
            _gagal(exc)
    if ket:
        click.echo(ket, err=True)
    click.echo(baris.nomor)


@nomor.command("batal")
@click.argument("nomor_surat")
@click.option("--alasan", required=True, help="Alasan pembatalan (wajib).")
@click.option("--instansi", type=int, default=None, help="Id instansi (bawaan: satu-satunya instansi).")
@click.option("--tahun", type=int, default=None, help="Tahun register, bila nomor yang sama ada di beberapa tahun.")
def batal(nomor_surat: str, alasan: str, instansi: int | None, tahun: int | None) -> None:
    """Batalkan NOMOR_SURAT (seperti tercetak); nomor tetap tercatat terpakai dan tidak diberikan lagi."""
    from web import nomor as register
    from web.models import NomorSurat

    with _Konteks() as db:
        inst = _instansi_id(db, instansi)
        syarat = [NomorSurat.instansi_id == inst, NomorSurat.nomor == nomor_surat.strip()]
        if tahun is not None:
            syarat.append(NomorSurat.tahun == tahun)
        cocok = list(db.scalars(select(NomorSurat).where(*syarat)))
        if not cocok:
            _galat(f"nomor '{nomor_surat}' tidak ada di register")
        if len(cocok) > 1:
            _galat(f"nomor '{nomor_surat}' ada {len(cocok)} kali (tahun/seri berbeda); pilih dengan --tahun")
        try:
            baris = register.batalkan(db, cocok[0].id, alasan, None, instansi_id=inst)
        except DocgenError as exc:
            _gagal(exc)
        click.echo(f"Nomor {baris.nomor} dibatalkan: {baris.alasan_batal}")


@nomor.command("ekspor")
@click.option("--tahun", type=int, default=None, help="Tahun (bawaan: tahun ini).")
@click.option("--seri", default=None, help="Hanya satu seri.")
@click.option("--instansi", type=int, default=None, help="Id instansi (bawaan: satu-satunya instansi).")
@click.option("-o", "--output", "keluaran", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Berkas .xlsx hasil.")
def ekspor(tahun: int | None, seri: str | None, instansi: int | None, keluaran: Path) -> None:
    """Tulis buku agenda surat keluar satu tahun sebagai .xlsx."""
    from docgen.cli import tulis
    from web import nomor as register

    with _Konteks() as db:
        inst = _instansi_id(db, instansi)
        try:
            isi = register.buku_agenda_xlsx(db, inst, tahun or dt.date.today().year, seri)
        except DocgenError as exc:
            _gagal(exc)
    tulis(keluaran, isi)
    click.echo(f"Buku agenda: {keluaran}")
