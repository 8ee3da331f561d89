"""`docgen user` and `docgen token`: accounts and API tokens from the command line (same rules as the web)."""

from __future__ import annotations

import sys

import click
from sqlalchemy import select

from docgen.errors import DocgenError
from web.inti.db import sesi
from web.inti.models import Pengguna
from web.inti.peran import PERAN
from web.layanan import akun, audit
from web.layanan.instansi import instansi_dipilih
from web.perintah.dasar import aplikasi, gagal, galat


@click.group("user")
def user() -> None:
    """Kelola akun pengguna."""


@user.command("create")
@click.option("--username", required=True)
@click.option("--role", "peran", required=True, type=click.Choice(PERAN))
@click.option("--unit", default=None, help="Unit kerja (wajib untuk peran bidang).")
@click.option("--nama", default="", help="Nama lengkap.")
@click.option("--surel", default="", help="Alamat surel untuk pemberitahuan langkah siklus (opsional).")
@click.option("--password-stdin", is_flag=True, help="Baca kata sandi dari stdin.")
@click.option("--instansi", "instansi_id", type=int, default=None,
              help="ID instansi (lihat `docgen instansi daftar`); wajib bila ada lebih dari satu.")
def user_create(username: str, peran: str, unit: str | None, nama: str, surel: str, password_stdin: bool,
                instansi_id: int | None) -> None:
    """Buat akun pengguna untuk satu instansi."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Kata sandi", hide_input=True, confirmation_prompt="Ulangi kata sandi")
    pesan = akun.periksa_sandi(password)
    if pesan:
        galat(f"kata sandi {pesan}")
    with aplikasi().app_context():
        try:
            inst = instansi_dipilih(instansi_id)
            akun.buat_pengguna(inst, username=username, peran=peran, sandi=password, nama=nama, unit=unit,
                               surel=surel, lewat="perintah docgen user create")
        except DocgenError as exc:
            gagal(exc)
    click.echo(f"Pengguna {username} ({peran}) dibuat.")


@click.group("token")
def token() -> None:
    """Token API."""


@token.command("create")
@click.argument("username")
def token_create(username: str) -> None:
    """Buat token API untuk USERNAME dan cetak tokennya (hanya sekali)."""
    with aplikasi().app_context():
        db = sesi()
        p = db.scalar(select(Pengguna).where(Pengguna.username == username))
        if p is None:
            galat(f"pengguna '{username}' tidak ada")
        t = akun.buat_token(p)
        db.commit()
        audit.catat("token.buat", "pengguna", p.id, {"username": username, "lewat": "perintah docgen token create"},
                    instansi_id=p.instansi_id)
    click.echo(t)
