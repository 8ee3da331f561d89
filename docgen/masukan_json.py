"""Input JSON kept within bounds: nesting depth is limited, so no reader, cleaner or validator recurses without end.

`urai` parses text (the command line reads every input file through it); `terlalu_dalam` checks data already
parsed (docgen.validation asks it before anything walks the data).
"""

from __future__ import annotations

import json
from typing import Any

from docgen.errors import InputTidakValid

KEDALAMAN_MAKS = 64  # lists and objects inside one another; real inputs use fewer than 10
PESAN_TERLALU_DALAM = f"bertingkat terlalu dalam (paling banyak {KEDALAMAN_MAKS} tingkat)"


def terlalu_dalam(data: object, batas: int = KEDALAMAN_MAKS) -> bool:
    """Return True when lists and objects nest more than `batas` levels in `data` (walked without recursion)."""
    tumpukan: list[tuple[object, int]] = [(data, 1)]
    while tumpukan:
        nilai, tingkat = tumpukan.pop()
        if isinstance(nilai, dict):
            anak: Any = nilai.values()
        elif isinstance(nilai, list | tuple):
            anak = nilai
        else:
            continue
        if tingkat > batas:
            return True
        tumpukan.extend((a, tingkat + 1) for a in anak)
    return False


def tolak_terlalu_dalam(teks: str, sumber: str) -> None:
    """Raise InputTidakValid naming `sumber` when JSON text nests too deep; leave every other fault to the reader
    that parses it for use (docgen.sop, docgen.bundle)."""
    try:
        data = json.loads(teks)
    except RecursionError:
        raise InputTidakValid(f"{sumber} {PESAN_TERLALU_DALAM}") from None
    except ValueError:
        return
    if terlalu_dalam(data):
        raise InputTidakValid(f"{sumber} {PESAN_TERLALU_DALAM}")


def urai(teks: str, sumber: str) -> Any:
    """Parse JSON text; raise InputTidakValid naming `sumber` (e.g. 'Berkas a.json') when it is not valid JSON,
    nests too deep or holds an integer too long to read."""
    try:
        data = json.loads(teks)
    except json.JSONDecodeError as exc:
        raise InputTidakValid(f"{sumber} bukan JSON yang sah: periksa baris {exc.lineno}, kolom {exc.colno}") from None
    except RecursionError:
        raise InputTidakValid(f"{sumber} {PESAN_TERLALU_DALAM}") from None
    except ValueError:  # an integer of more than 4300 digits (sys.get_int_max_str_digits)
        raise InputTidakValid(f"{sumber} memuat bilangan bulat yang terlalu panjang") from None
    if terlalu_dalam(data):
        raise InputTidakValid(f"{sumber} {PESAN_TERLALU_DALAM}")
    return data
