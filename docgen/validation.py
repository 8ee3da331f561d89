"""Validate raw input against a document schema; every problem becomes one Indonesian line with its path."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from docgen import locale_id
from docgen.errors import InputTidakValid
from docgen.masukan_json import PESAN_TERLALU_DALAM, terlalu_dalam
from docgen.teks import bersihkan_data

M = TypeVar("M", bound=BaseModel)

# Pydantic error types -> Indonesian message templates (ctx values are filled in with str.format).
_PESAN = {
    "missing": "wajib diisi",
    "extra_forbidden": "kolom tidak dikenal (periksa ejaan nama kolom)",
    "string_type": "harus berupa teks",
    "string_too_short": "tidak boleh kosong",
    "string_too_long": "terlalu panjang (paling banyak {max_length} karakter)",
    "string_pattern_mismatch": "bentuknya tidak sesuai (pola {pattern})",
    "int_type": "harus bilangan bulat",
    "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "int_parsing_size": "bilangan bulat terlalu besar",
    "float_type": "harus berupa angka",
    "float_parsing": "harus berupa angka",
    "decimal_type": "harus berupa angka",
    "decimal_parsing": "harus berupa angka",
    "bool_type": "harus true atau false",
    "bool_parsing": "harus true atau false",
    "date_type": "harus tanggal dengan format TTTT-BB-HH, mis. 2025-01-20",
    "date_parsing": "harus tanggal dengan format TTTT-BB-HH, mis. 2025-01-20",
    "date_from_datetime_parsing": "harus tanggal dengan format TTTT-BB-HH, mis. 2025-01-20",
    "date_from_datetime_inexact": "harus tanggal tanpa jam, format TTTT-BB-HH",
    "time_type": "harus jam dengan format JJ:MM, mis. 09:00",
    "time_parsing": "harus jam dengan format JJ:MM, mis. 09:00",
    "literal_error": "harus salah satu dari: {expected}",
    "enum": "harus salah satu dari: {expected}",
    "list_type": "harus berupa daftar",
    "too_short": "paling sedikit {min_length} butir",
    "too_long": "paling banyak {max_length} butir",
    "dict_type": "harus berupa objek",
    "model_type": "harus berupa objek",
    "model_attributes_type": "harus berupa objek",
    "greater_than": "harus lebih besar dari {gt}",
    "greater_than_equal": "paling kecil {ge}",
    "less_than": "harus lebih kecil dari {lt}",
    "less_than_equal": "paling besar {le}",
    "finite_number": "harus angka yang terhingga",
}


def _path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def _batas(v: Any) -> Any:
    """A limit as the message prints it: large numbers Indonesian style (1.000.000), small ones and years as is."""
    if isinstance(v, bool) or not isinstance(v, int | Decimal):
        return v
    return locale_id.angka(v) if Decimal(v).copy_abs() >= 100_000 else v


def _pesan(err: ErrorDetails) -> str:
    if err["type"] in ("value_error", "assertion_error"):
        return str(err.get("ctx", {}).get("error", err["msg"]))
    template = _PESAN.get(err["type"])
    if template is None:
        return f"nilai tidak sah ({err['msg']})"
    ctx: dict[str, Any] = {k: (str(v).replace("''", "(kosong)").replace("'", "") if k == "expected" else _batas(v))
                           for k, v in err.get("ctx", {}).items()}
    ctx["expected"] = ctx.get("expected", "").replace(" or ", ", ")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def validasi(model: type[M], data: Any, peringatan: list[str] | None = None) -> M:
    """Clean and validate `data`; raise InputTidakValid listing every bad field by path.

    Control characters are removed from every string and reported through `peringatan`, and so is what a
    valid model still finds doubtful (its `peringatan_masukan()`, e.g. a signer not yet appointed on the date).
    Data nested deeper than docgen.masukan_json.KEDALAMAN_MAKS is refused before anything walks it.
    """
    if not isinstance(data, dict):
        raise InputTidakValid("Data masukan harus berupa objek JSON", fields={"": "harus berupa objek JSON"})
    if terlalu_dalam(data):
        raise InputTidakValid(f"Data masukan {PESAN_TERLALU_DALAM}", fields={"": PESAN_TERLALU_DALAM})
    sink = peringatan if peringatan is not None else []
    bersih = bersihkan_data(data, lambda path, msg: sink.append(f"{path}: {msg}"))
    try:
        hasil = model.model_validate(bersih)
    except ValidationError as exc:
        fields: dict[str, str] = {}
        for err in exc.errors(include_url=False):
            path = _path(err["loc"])
            fields.setdefault(path, _pesan(err))
        jumlah = len(fields)
        raise InputTidakValid(f"Data masukan tidak sah: {jumlah} kolom perlu diperbaiki", fields=fields) from None
    periksa = getattr(hasil, "peringatan_masukan", None)
    if callable(periksa):
        sink.extend(periksa())
    return hasil
