"""The database side of backup and restore: engines, snapshot connections, Alembic revisions."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import MetaData, Table, func, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from docgen.errors import DocgenError
from web.cadangan.format import ringkas_galat
from web.inti.db import MIGRASI, buat_engine

# -- database and migrations -----------------------------------------------------------------------------------------


def tabel_aplikasi(meta: MetaData) -> list[Table]:
    """The app's tables in foreign-key order (parents first), without Alembic's own."""
    return [t for t in meta.sorted_tables if t.name != "alembic_version"]


def revisi_basis_data(conn: Connection) -> str | None:
    """The database's Alembic revision; None when it was never migrated."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _skrip():
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRASI))


def revisi_terbaru() -> str:
    """The newest schema revision this code knows."""
    return _skrip().get_current_head()


def revisi_dikenal(revisi: str) -> bool:
    from alembic.util import CommandError

    try:
        return _skrip().get_revision(revisi) is not None
    except (CommandError, KeyError, ValueError):
        return False


def leluhur(revisi: str) -> set[str]:
    """`revisi` and every revision before it."""
    return {r.revision for r in _skrip().iterate_revisions(revisi, "base")}


def jalankan_alembic(url: str, perintah: str, revisi: str) -> None:
    """Run `alembic upgrade|downgrade <revisi>` on the database at `url`."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRASI))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    try:
        getattr(command, perintah)(cfg, revisi)
    except SQLAlchemyError as exc:
        raise DocgenError(f"Migrasi basis data ke revisi {revisi} gagal: {ringkas_galat(exc)}", status=500) from exc


@contextmanager
def buka_engine(url: str):
    try:
        engine = buat_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise DocgenError(f"Alamat basis data tidak dapat dipakai: {ringkas_galat(exc)}", status=503) from None
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def koneksi(engine: Engine, *, potret: bool = False):
    """A connection; with `potret` its reads form one consistent snapshot until it is closed."""
    try:
        conn = engine.connect()
    except SQLAlchemyError as exc:
        raise DocgenError(f"Basis data tidak dapat dihubungi: {ringkas_galat(exc)}", status=503) from None
    try:
        if potret:
            if engine.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            elif engine.dialect.name == "sqlite":
                # pysqlite opens no transaction for SELECTs; an explicit one keeps the read lock for every table.
                conn.exec_driver_sql("BEGIN")
        yield conn
    finally:
        try:
            conn.rollback()
        finally:
            conn.close()


def isi_basis_data(conn: Connection) -> dict[str, int]:
    """The app's tables that hold rows, with their counts."""
    meta = MetaData()
    meta.reflect(conn)
    jumlah = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tabel_aplikasi(meta)}
    return {k: v for k, v in jumlah.items() if v}
