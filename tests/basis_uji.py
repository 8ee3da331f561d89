"""The database of the web tests: DOCGEN_UJI_DB=sqlite (default, a fresh file per test) or postgresql (one throwaway
database on the local server per session, emptied before every test); DOCGEN_UJI_PG names the server."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest

DB_UJI = os.environ.get("DOCGEN_UJI_DB", "sqlite").strip().lower() or "sqlite"
DI_CI = os.environ.get("CI", "").strip().lower() == "true"
PG_SERVER = os.environ.get("DOCGEN_UJI_PG", "postgresql://postgres@127.0.0.1:5432").rstrip("/")


def layanan_tidak_ada(pesan: str, *, wajib: bool = False) -> NoReturn:
    """A service the test needs (PostgreSQL, Redis) is not running: skip the test on a developer's machine, fail it
    under CI=true (`make test` starts the services, so a missing one is a broken set-up, never a silent skip)."""
    if DI_CI or wajib:
        pytest.fail(f"{pesan} (CI=true: layanan yang diperlukan uji harus berjalan)", pytrace=False)
    pytest.skip(pesan)


def pg_admin():
    """An autocommit connection to the server's `postgres` database.

    When the server cannot be reached the test is skipped, or fails under CI or when the suite runs on PostgreSQL."""
    import psycopg

    try:
        return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        layanan_tidak_ada(f"server PostgreSQL {PG_SERVER} tidak dapat dihubungi: {exc}", wajib=DB_UJI == "postgresql")


@contextmanager
def pg_sementara(migrasi: bool = True) -> Iterator[str]:
    """A throwaway PostgreSQL database `docgen_uji_<hex>` (migrated unless told not to); yields its URL, dropped
    afterwards even while connections are open."""
    from web.inti.db import migrasi as migrasikan

    nama = f"docgen_uji_{secrets.token_hex(6)}"
    with pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{nama}"')
        try:
            # A test database need not wait for the disk at each commit (only a crash could lose the last ones).
            admin.execute(f'ALTER DATABASE "{nama}" SET synchronous_commit = off')
            url = f"{PG_SERVER.replace('postgresql://', 'postgresql+psycopg://', 1)}/{nama}"
            if migrasi:
                migrasikan(url)
            yield url
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


def sqlite_baru(folder: Path, nama: str = "uji.sqlite", migrasi: bool = True) -> str:
    """The URL of a fresh SQLite database file in `folder`, migrated unless told not to."""
    from web.inti.db import migrasi as migrasikan

    url = f"sqlite:///{Path(folder) / nama}"
    if migrasi:
        migrasikan(url)
    return url


@contextmanager
def basis_data_baru(folder: Path, jenis: str = DB_UJI, migrasi: bool = True) -> Iterator[str]:
    """A fresh database of its own of `jenis` (sqlite | postgresql), migrated unless told not to; yields its URL."""
    if jenis == "postgresql":
        with pg_sementara(migrasi) as url:
            yield url
    else:
        yield sqlite_baru(folder, migrasi=migrasi)


class BasisPG:
    """The session's PostgreSQL database and one kept connection that empties it between tests."""

    def __init__(self, url: str):
        import psycopg
        from sqlalchemy import MetaData

        from web.inti.db import buat_engine

        self.url = url
        engine = buat_engine(url)
        meta = MetaData()
        meta.reflect(engine)
        engine.dispose()
        # Children before parents. DELETE and RESTART take ~15 ms where TRUNCATE of every table takes ~100 ms.
        self.tabel = [f'"{t.name}"' for t in reversed(meta.sorted_tables) if t.name != "alembic_version"]
        self.conn = psycopg.connect(url.replace("+psycopg", "", 1), autocommit=True)
        self.urutan = [r[0] for r in self.conn.execute(
            "SELECT quote_ident(sequencename) FROM pg_sequences WHERE schemaname = 'public'")]

    def kosongkan(self) -> None:
        """Every table empty and every id sequence back at 1, as in a fresh database."""
        with self.conn.transaction():
            self.conn.execute("SET LOCAL lock_timeout = '10s'")
            for t in self.tabel:
                self.conn.execute(f"DELETE FROM {t}")
            for u in self.urutan:
                self.conn.execute(f"ALTER SEQUENCE {u} RESTART")

    def transaksi_menggantung(self) -> list[str]:
        """The last statement of every other connection left inside a transaction (a session nobody closed);
        those connections are ended so the next test is not blocked."""
        baris = self.conn.execute(
            "SELECT pid, left(query, 200) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'").fetchall()
        for pid, _ in baris:
            self.conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return [q for _, q in baris]

    def tutup(self) -> None:
        self.conn.close()
