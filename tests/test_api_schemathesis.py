"""Schemathesis over the API's own OpenAPI document: generated requests for every operation (valid bodies from each
document type's schema, and broken ones) never get a 500, and every answer matches what the document promises
(status codes, content types, response schemas).

Bounded: a few examples per operation (DOCGEN_UJI_SCHEMATHESIS raises it); PDF conversion is off, so `format=pdf`
answers the documented 503.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from web.api.openapi import dokumen_openapi

BANYAK = int(os.environ.get("DOCGEN_UJI_SCHEMATHESIS") or 10)
# Checks of what the server answers. Not used: positive_data_acceptance (a body valid by JSON Schema can still be
# refused for what a schema cannot say, e.g. a NIP's birth date or a rapat ending before it starts) and
# negative_data_rejection (text is trimmed before its length is checked, so 501 spaces are a valid 500-char field).
def bukan_galat_server(ctx, response, case) -> None:
    """No 500 or other unplanned server error; 503 (PDF off or LibreOffice away) and 507 (disk full) are documented
    answers, and come as the JSON error shape without a traceback."""
    status = response.status_code
    if status < 500:
        return
    assert status in (503, 507), f"galat server {status}: {response.text[:300]}"
    assert "Traceback" not in response.text, response.text[:300]


PERIKSA = [bukan_galat_server, status_code_conformance, content_type_conformance, response_schema_conformance]


# The document is built without an app (it is the same for every agency); the calls go to each test's app.
SKEMA = schemathesis.openapi.from_dict(dokumen_openapi())
OPERASI = [hasil.ok() for hasil in SKEMA.get_all_operations()]


@pytest.mark.parametrize("operasi", OPERASI, ids=[o.label for o in OPERASI])
def test_api_sesuai_openapi(app, token, operasi):
    app.config["PDF_AKTIF"] = False
    header = token("perencana")  # the planner may make every type

    @settings(max_examples=BANYAK, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operasi.as_strategy())
    def uji(case):
        case.call_and_validate(app=app, headers=header, checks=PERIKSA)

    uji()
