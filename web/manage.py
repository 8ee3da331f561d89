"""Commands added to `docgen` by the web package: database, sample agency, users, tokens, server."""

from __future__ import annotations

import os
import sys

import click
from sqlalchemy import select

from web.models import PERAN


def _app():
    from web import create_app

    return create_app()


@click.group("web")
def web() -> None:
    """Aplikasi web: basis data, contoh instansi, server."""


@web.command("siapkan")
def siapkan() -> None:
    """Migrasi basis data dan muat instansi contoh (sekali) beserta pengguna demo."""
    from web.contoh import muat_contoh
    from web.db import migrasi

    app = _app()
    migrasi(app.config["DATABASE_URL"])
    with app.app_context():
        from web.db import sesi

        sandi = muat_contoh(sesi(), app.config["PENYIMPANAN"])
    if sandi:
        click.echo("Instansi contoh dimuat. Akun demo (hanya untuk penggunaan lokal, dicetak sekali ini saja):")
        for u, p in sandi.items():
            click.echo(f"  {u:<20} {p}")
    else:
        click.echo("Basis data sudah berisi instansi; akun tidak diubah.")


@web.command("jalankan")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=lambda: int(os.environ.get("PORT", 5000)), show_default="5000 atau $PORT", type=int)
def jalankan(host: str, port: int) -> None:
    """Jalankan server web."""
    from werkzeug.serving import run_simple

    click.echo(f"docgen berjalan di http://{host}:{port}/  (Ctrl+C untuk berhenti)")
    run_simple(host, port, _app(), threaded=True, use_reloader=False)


@click.group("user")
def user() -> None:
    """Kelola akun pengguna."""


@user.command("create")
@click.option("--username", required=True)
@click.option("--role", "peran", required=True, type=click.Choice(PERAN))
@click.option("--unit", default=None, help="Unit kerja (wajib untuk peran bidang).")
@click.option("--nama", default="", help="Nama lengkap.")
@click.option("--password-stdin", is_flag=True, help="Baca kata sandi dari stdin.")
def user_create(username: str, peran: str, unit: str | None, nama: str, password_stdin: bool) -> None:
    """Buat akun pengguna untuk instansi pertama."""
    from web.auth import hash_password
    from web.db import sesi
    from web.models import Instansi, Pengguna, UnitKerja

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Kata sandi", hide_input=True, confirmation_prompt="Ulangi kata sandi")
    if len(password) < 8:
        click.echo("Galat: kata sandi paling sedikit 8 karakter", err=True)
        sys.exit(2)
    app = _app()
    with app.app_context():
        db = sesi()
        inst = db.scalar(select(Instansi).order_by(Instansi.id))
        if inst is None:
            click.echo("Galat: belum ada instansi; jalankan `docgen web siapkan` dahulu", err=True)
            sys.exit(2)
        if db.scalar(select(Pengguna).where(Pengguna.username == username)):
            click.echo(f"Galat: nama pengguna '{username}' sudah dipakai", err=True)
            sys.exit(2)
        unit_id = None
        if peran == "bidang" and not unit:
            click.echo("Galat: peran bidang memerlukan --unit", err=True)
            sys.exit(2)
        if unit:
            u = db.scalar(select(UnitKerja).where(UnitKerja.instansi_id == inst.id, UnitKerja.nama == unit))
            if u is None:
                ada = ", ".join(x.nama for x in inst.unit_kerja)
                click.echo(f"Galat: unit kerja '{unit}' tidak dikenal; yang ada: {ada}", err=True)
                sys.exit(2)
            unit_id = u.id
        db.add(Pengguna(instansi_id=inst.id, username=username, nama=nama, peran=peran, unit_kerja_id=unit_id,
                        password_hash=hash_password(password)))
        db.commit()
    click.echo(f"Pengguna {username} ({peran}) dibuat.")


@click.group("token")
def token() -> None:
    """Token API."""


@token.command("create")
@click.argument("username")
def token_create(username: str) -> None:
    """Buat token API untuk USERNAME dan cetak tokennya (hanya sekali)."""
    from web.auth import buat_token
    from web.db import sesi
    from web.models import Pengguna

    app = _app()
    with app.app_context():
        db = sesi()
        p = db.scalar(select(Pengguna).where(Pengguna.username == username))
        if p is None:
            click.echo(f"Galat: pengguna '{username}' tidak ada", err=True)
            sys.exit(2)
        t = buat_token(p)
        db.commit()
    click.echo(t)
