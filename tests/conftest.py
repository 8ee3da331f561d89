"""Shared fixtures: repository paths, sample loading, one LibreOffice for the whole session."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from docgen.convert import Konverter

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates_docx"
SAMPLES = ROOT / "samples"


@pytest.fixture
def contoh():
    """Load a sample input by slug (a fresh copy every call)."""

    def muat(slug: str) -> dict:
        return json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8"))

    return muat


@pytest.fixture(scope="session")
def konverter():
    """One warm LibreOffice shared by every PDF test."""
    with Konverter(timeout=120) as k:
        yield k


def teks_pdf(pdf: bytes, tmp_path: Path) -> str:
    """Extract text from PDF bytes with pdftotext (poppler)."""
    f = tmp_path / "x.pdf"
    f.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(f), "-"], capture_output=True, text=True,
                          check=True).stdout
