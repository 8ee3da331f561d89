"""Clean user text before it reaches a template: drop characters XML cannot hold, keep everything else."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# XML 1.0 allows tab, newline and carriage return among the C0 controls; lxml drops the rest (and
# text around them).  C1 controls and the non-characters U+FFFE/U+FFFF are removed as well.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def bersihkan(teks: str) -> tuple[str, int]:
    """Return the text with CRLF/CR made LF, form feeds and vertical tabs made line breaks,
    other control characters removed, and the count of characters removed."""
    teks = teks.replace("\r\n", "\n").replace("\r", "\n")
    teks = teks.replace("\x0b", "\n").replace("\x0c", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    teks = unicodedata.normalize("NFC", teks)
    bersih, jumlah = _ILLEGAL.subn("", teks)
    return bersih, jumlah


def bersihkan_data(data: object, lapor: Callable[[str, str], None], path: str = "") -> object:
    """Clean every string in a JSON-like structure; report each field that lost characters."""
    if isinstance(data, str):
        bersih, jumlah = bersihkan(data)
        if jumlah:
            lapor(path, f"{jumlah} karakter kontrol dihapus (biasanya terbawa saat menyalin dari PDF)")
        return bersih
    if isinstance(data, dict):
        return {k: bersihkan_data(v, lapor, f"{path}.{k}" if path else str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [bersihkan_data(v, lapor, f"{path}.{i}" if path else str(i)) for i, v in enumerate(data)]
    return data


def paragraf(teks: str) -> list[str]:
    """Split a long text into paragraphs at blank lines or single newlines; keep no empty ones."""
    return [p.strip() for p in re.split(r"\n\s*\n|\n", teks) if p.strip()]
