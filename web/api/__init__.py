"""The JSON API under /api/v1: bearer tokens (web.api.dasar), document types and documents, cycles, performance
data, the number register, archive bundles, and the OpenAPI document."""

from __future__ import annotations

from flask import Flask, make_response
from werkzeug.exceptions import MethodNotAllowed

from web.api import berkas, dokumen, kinerja, nomor, siklus
from web.api.dasar import bp
from web.inti import errors
from web.inti.ekstensi import csrf

MODUL_RUTE = (berkas, dokumen, kinerja, nomor, siklus)  # imported for their routes on `bp`


def init_app(app: Flask) -> None:
    csrf.exempt(bp)  # bearer tokens, never cookies: nothing for a cross-site form to ride on
    app.register_blueprint(bp)
    # Keep the Allow header on 405 answers (the generic handler builds a fresh response without it).
    app.register_error_handler(MethodNotAllowed, _metode_tidak_diizinkan)


def _metode_tidak_diizinkan(exc: MethodNotAllowed):
    resp = make_response(errors.respons_galat(405, errors.PESAN_HTTP[405]))
    if exc.valid_methods:
        resp.headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    return resp
