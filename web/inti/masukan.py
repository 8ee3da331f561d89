"""What a request may carry before any view reads it: ids within the database's integer range, no control
characters in the path, the query or form fields (PostgreSQL refuses both, which would otherwise be a 500)."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter, Map

from web.inti.errors import respons_galat

INT_MAKS = 2**31 - 1  # the largest id an INTEGER column holds
# C0 control characters except tab, LF and CR (text areas send those).
KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def angka_id(teks: str) -> int | None:
    """`teks` as an id when it is 1..INT_MAKS in ASCII digits; None otherwise."""
    if not (teks.isascii() and teks.isdigit()) or len(teks) > len(str(INT_MAKS)):
        return None
    n = int(teks)
    return n if 1 <= n <= INT_MAKS else None


def arg_id(nama: str) -> int | None:
    """Query argument `nama` as an id; None when it is absent or empty; abort 404 for anything but 1..INT_MAKS."""
    teks = request.args.get(nama, "")
    if teks == "":
        return None
    n = angka_id(teks)
    if n is None:
        abort(404)
    return n


class KonverterId(IntegerConverter):
    """Flask's `<int:...>`, bounded to 1..INT_MAKS in ASCII digits: any other value matches no route (404)."""

    regex = r"[0-9]+"

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = 1, max: int | None = INT_MAKS,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _tampak(teks: str) -> str:
    """A name for the message: control characters written as \\xNN, at most 60 characters."""
    return KENDALI.sub(lambda m: f"\\x{ord(m.group()):02x}", teks)[:60]


def _kendali() -> Any:
    """Refuse (400, naming the field) a control character in the path, a query argument or a form field or file
    name; uploaded files' contents are not read. The API's bodies are JSON, read raw by the API itself (parsing
    them as a form here would consume them), and cleaned by docgen.validation."""
    pesan = "memuat karakter kendali (mis. NUL) yang tidak diizinkan"
    if KENDALI.search(request.path):
        return respons_galat(400, f"Alamat halaman {pesan}.")
    api = request.path.startswith("/api/")
    for sumber, label in ((request.args, "Parameter"), *(() if api else ((request.form, "Kolom"),))):
        for nama, nilai in sumber.items(multi=True):
            if KENDALI.search(nama) or KENDALI.search(nilai):
                return respons_galat(400, f"{label} '{_tampak(nama)}' {pesan}.", {_tampak(nama): pesan})
    for nama, berkas in () if api else request.files.items(multi=True):
        if KENDALI.search(nama) or KENDALI.search(berkas.filename or ""):
            return respons_galat(400, f"Nama berkas pada kolom '{_tampak(nama)}' {pesan}.", {_tampak(nama): pesan})
    return None


def init_app(app: Flask) -> None:
    """Bound every `<int:...>` of the routes (call before the blueprints are registered) and check each request's
    text before any view reads it."""
    app.url_map.converters["int"] = KonverterId
    app.before_request(_kendali)
