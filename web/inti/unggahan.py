"""Reading uploads safely: a size cap per kind of file (413), JSON that cannot exhaust the parser, Office files
checked for zip bombs before they are opened (docgen.arsip_zip)."""

from __future__ import annotations

import json
from typing import Any

from werkzeug.datastructures import FileStorage

from docgen.errors import DocgenError, InputTidakValid

KEDALAMAN_MAKS = 64  # nesting levels an uploaded JSON may have (the schemas need far fewer)


class TerlaluBesar(DocgenError):
    """An upload over its cap; nothing was read past the cap."""

    status = 413


def teks_ukuran(n: int) -> str:
    """'2 MB', '512 KB'."""
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 and n % (1024 * 1024) == 0 else f"{n // 1024} KB"


def baca(berkas: FileStorage | None, maks: int, *, medan: str = "berkas", apa: str = "berkas") -> bytes:
    """Read an uploaded file, at most `maks` bytes; return b"" when no file was chosen.

    Raises TerlaluBesar (413, on field `medan`) when the file is larger; only `maks` + 1 bytes are read.
    """
    if berkas is None or not berkas.filename:
        return b""
    isi = berkas.stream.read(maks + 1)
    if len(isi) > maks:
        raise TerlaluBesar(f"{apa[:1].upper()}{apa[1:]} terlalu besar", fields={
            medan: f"{apa} lebih dari {teks_ukuran(maks)}; paling besar {teks_ukuran(maks)}"})
    return isi


def kedalaman(nilai: Any) -> int:
    """Nesting depth of a parsed JSON value (iterative)."""
    terdalam, tumpukan = 0, [(nilai, 1)]
    while tumpukan:
        v, d = tumpukan.pop()
        if isinstance(v, (dict, list)):
            terdalam = max(terdalam, d)
            tumpukan.extend((x, d + 1) for x in (v.values() if isinstance(v, dict) else v))
    return terdalam


def baca_json(isi: bytes, *, medan: str = "berkas") -> Any:
    """Parse uploaded JSON (UTF-8, a BOM allowed). Raises InputTidakValid on `medan`: not UTF-8, not JSON (with
    line and column), or nested deeper than KEDALAMAN_MAKS (a deeply nested file would exhaust Python's stack)."""
    terlalu_dalam = InputTidakValid("Berkas JSON bertingkat terlalu dalam", fields={
        medan: f"JSON bertingkat terlalu dalam (paling banyak {KEDALAMAN_MAKS} tingkat)"})
    try:
        data = json.loads(isi.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputTidakValid("Berkas bukan teks UTF-8", fields={
            medan: "berkas bukan teks UTF-8; simpan sebagai JSON (UTF-8)"}) from None
    except json.JSONDecodeError as exc:
        raise InputTidakValid("Berkas bukan JSON yang sah", fields={
            medan: f"bukan JSON yang sah (baris {exc.lineno}, kolom {exc.colno})"}) from None
    except RecursionError:
        raise terlalu_dalam from None
    if kedalaman(data) > KEDALAMAN_MAKS:
        raise terlalu_dalam
    return data
