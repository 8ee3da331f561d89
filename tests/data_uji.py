"""Small lookups the web tests share: a demo user by username, a sample document's input without agency data."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.conftest import SAMPLES
from web.inti.db import sesi
from web.inti.models import Pengguna


def pengguna(username: str) -> Pengguna:
    """The user with this username (inside an app context)."""
    return sesi().scalar(select(Pengguna).where(Pengguna.username == username))


def sampel_dokumen(slug: str) -> dict:
    """samples/<slug>.json without instansi and kinerja, which the web app fills in from the agency."""
    data = json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8"))
    data.pop("instansi", None)
    data.pop("kinerja", None)
    return data
