"""What every `docgen` command of the web app shares: the configured app, its database session, clear exits."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import click
from flask import Flask
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from docgen.errors import DocgenError
from web.aplikasi import create_app
from web.inti.db import sesi


def aplikasi() -> Flask:
    """The configured app (DATABASE_URL, DOCGEN_STORAGE, ...); its connections are closed when the command ends."""
    app = create_app()
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(app.extensions["docgen_engine"].dispose)
    return app


def galat(pesan: str, kode: int = 2) -> NoReturn:
    """Print 'Galat: ...' to stderr and exit (2: bad input, 3: the server side failed)."""
    click.echo(f"Galat: {pesan}", err=True)
    sys.exit(kode)


def gagal(exc: DocgenError) -> NoReturn:
    """Print a DocgenError (its message, then one line per field) and exit 2, or 3 for a server-side failure."""
    click.echo(f"Galat: {exc.pesan}", err=True)
    for path, pesan in exc.fields.items():
        click.echo(f"{path}: {pesan}" if path else pesan, err=True)
    sys.exit(3 if exc.status >= 500 else 2)


@contextmanager
def basis_data() -> Iterator[Session]:
    """An app context and its session; a database not set up yet or unreachable becomes a clear message."""
    app = create_app()
    try:
        with app.app_context():
            yield sesi()
    except (OperationalError, ProgrammingError) as exc:
        teks = str(exc).lower()
        if "no such table" in teks or "does not exist" in teks:
            galat("basis data belum disiapkan; jalankan `docgen web siapkan` dahulu")
        if isinstance(exc, OperationalError):
            galat(f"basis data tidak dapat dipakai: {str(exc.orig)[:200]}", 3)
        raise
    finally:
        app.extensions["docgen_engine"].dispose()
