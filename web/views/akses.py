"""What every view needs about the visitor: the signed-in user, and a guard that applies the role table."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required

from web.inti import peran
from web.inti.models import Pengguna

F = TypeVar("F", bound=Callable[..., Any])


def pengguna() -> Pengguna:
    """The signed-in user (the view is behind login_required)."""
    return current_user._get_current_object()


def perlu(aksi: peran.Aksi) -> Callable[[F], F]:
    """Allow the view only to signed-in users whose role may perform `aksi` (web.inti.peran); 403 otherwise."""

    def dekor(fn: F) -> F:
        @functools.wraps(fn)
        @login_required
        def bungkus(*args: Any, **kwargs: Any) -> Any:
            if not peran.boleh(current_user.peran, aksi):
                abort(403)
            return fn(*args, **kwargs)

        bungkus.peran_diperlukan = peran.peran_untuk(aksi)  # type: ignore[attr-defined]
        return bungkus  # type: ignore[return-value]

    return dekor
