"""Who is acting in this request, for the layers below the views: the signed-in user and the client address.

The app sets them at the start of every request (`atur`); services read them with `pelaku()` and `alamat_klien()`,
so no service looks at Flask's request object. Outside a request (commands, background jobs) both are empty.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import g, has_app_context

from web.inti.models import Pengguna


def atur(pelaku: Callable[[], Pengguna | None], alamat: str) -> None:
    """Remember how to get the request's user (read only when needed) and its client address."""
    g.docgen_pelaku = pelaku
    g.docgen_alamat = alamat[:64]


def pelaku() -> Pengguna | None:
    """The user acting in this request, or None (signed out, a command, a background job)."""
    baca = g.get("docgen_pelaku") if has_app_context() else None
    return baca() if baca is not None else None


def alamat_klien() -> str:
    """The client address of this request ('' outside a request)."""
    return str(g.get("docgen_alamat", "")) if has_app_context() else ""
