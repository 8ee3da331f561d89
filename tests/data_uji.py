"""Small lookups the web tests share: a demo user by username, a sample document's input without agency data."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator
from sqlalchemy import select

from tests.conftest import SAMPLES
from web.api.openapi import dokumen_openapi
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


def sesuai_openapi(nama: str, data) -> None:
    """Assert that `data` (an API answer) matches the OpenAPI component schema `nama` (no error listed)."""
    komponen = dokumen_openapi()["components"]
    v = Draft202012Validator({"$ref": f"#/components/schemas/{nama}", "components": komponen})
    galat = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(data)]
    assert not galat, galat
