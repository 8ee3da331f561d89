"""`docgen nomor`: take, void and export letter numbers from the register on the command line.

The database is the web app's (DATABASE_URL, else the instance folder's SQLite file), as for `docgen user`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from sqlalchemy import select

from docgen.bundle import tulis_atomik
from docgen.errors import DocgenError
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Instansi, NomorSurat
from web.layanan import nomor as register
from web.layanan.instansi import instansi_dipilih
from web.perintah.dasar import basis_data, gagal, galat


def _instansi_id(instansi: int | None) -> int:
    """The agency asked for, or the only one; exit 2 with the list when it is ambiguous or unknown."""
    try:
        return instansi_dipilih(instansi).id
    except DocgenError as exc:
        galat(exc.pesan)


def _tanggal(teks: str | None, db_inst: int) -> dt.date:
    if not teks:
        inst = sesi().get(Instansi, db_inst)
        return waktu.hari_ini(inst)
    try:
        return dt.date.fromisoformat(teks)
    except ValueError:
        galat(f"--tanggal '{teks}' tidak sah; gunakan format TTTT-BB-HH, mis. 2025-01-20")


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
    with basis_data() as db:
        inst = _instansi_id(instansi)
        tgl = _tanggal(tanggal, inst)
        try:
            baris, ket = register.berikan(db, instansi_id=inst, seri_kode=seri, tanggal=tgl,
                                          cara="sisip" if sisip else "biasa", hal=hal, tujuan=tujuan)
        except DocgenError as exc:
            gagal(exc)
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
    with basis_data() as db:
        inst = _instansi_id(instansi)
        syarat = [NomorSurat.instansi_id == inst, NomorSurat.nomor == nomor_surat.strip()]
        if tahun is not None:
            syarat.append(NomorSurat.tahun == tahun)
        cocok = list(db.scalars(select(NomorSurat).where(*syarat)))
        if not cocok:
            galat(f"nomor '{nomor_surat}' tidak ada di register")
        if len(cocok) > 1:
            galat(f"nomor '{nomor_surat}' ada {len(cocok)} kali (tahun/seri berbeda); pilih dengan --tahun")
        try:
            baris = register.batalkan(db, cocok[0].id, alasan, None, instansi_id=inst)
        except DocgenError as exc:
            gagal(exc)
        click.echo(f"Nomor {baris.nomor} dibatalkan: {baris.alasan_batal}")


@nomor.command("ekspor")
@click.option("--tahun", type=int, default=None, help="Tahun (bawaan: tahun ini).")
@click.option("--seri", default=None, help="Hanya satu seri.")
@click.option("--instansi", type=int, default=None, help="Id instansi (bawaan: satu-satunya instansi).")
@click.option("-o", "--output", "keluaran", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Berkas .xlsx hasil.")
def ekspor(tahun: int | None, seri: str | None, instansi: int | None, keluaran: Path) -> None:
    """Tulis buku agenda surat keluar satu tahun sebagai .xlsx."""
    with basis_data() as db:
        inst = _instansi_id(instansi)
        try:
            isi = register.buku_agenda_xlsx(db, inst, tahun or _tanggal(None, inst).year, seri)
        except DocgenError as exc:
            gagal(exc)
    tulis_atomik(keluaran, isi)
    click.echo(f"Buku agenda: {keluaran}")
