"""What a request may carry before any view reads it: ids within the database's integer range, no control
characters in the path, the query or form fields."""

from __future__ import annotations

INT_MAKS = 2**31 - 1  # the largest id an INTEGER column holds (PostgreSQL refuses more)


def angka_id(teks: str) -> int | None:
    """`teks` as an id when it is 1..INT_MAKS in ASCII digits; None otherwise."""
    if not (teks.isascii() and teks.isdigit()) or len(teks) > len(str(INT_MAKS)):
        return None
    n = int(teks)
    return n if 1 <= n <= INT_MAKS else None
