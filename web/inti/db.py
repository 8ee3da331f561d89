"""Database engine and session per app; migrations through Alembic."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRASI = Path(__file__).resolve().parent.parent / "migrations"


def buat_engine(url: str) -> Engine:
    """Create an engine; SQLite gets foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragma(conn, _record) -> None:
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def init_app(app: Flask) -> None:
    """Attach an engine and a session factory to the app; close the request's session afterwards."""
    engine = buat_engine(app.config["DATABASE_URL"])
    app.extensions["docgen_engine"] = engine
    app.extensions["docgen_session"] = sessionmaker(bind=engine, expire_on_commit=False)

    @app.teardown_appcontext
    def _tutup(_exc: BaseException | None) -> None:
        sesi = g.pop("db", None)
        if sesi is not None:
            sesi.close()


def sesi() -> Session:
    """Return this request's database session."""
    if "db" not in g:
        g.db = current_app.extensions["docgen_session"]()
    return g.db


def migrasi(url: str) -> None:
    """Bring the database at `url` to the newest schema (alembic upgrade head)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRASI))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(cfg, "head")
