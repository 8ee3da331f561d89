"""Regenerate tests/golden/<slug>.txt from samples/ (run `make golden`, then review `git diff`)."""

from __future__ import annotations

import json
from pathlib import Path

from docgen import documents
from docgen.render import render
from docgen.teks_docx import teks_docx

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def teks_contoh(slug: str) -> str:
    """Render samples/<slug>.json and return the document text."""
    masukan = ROOT / "samples" / f"{slug}.json"
    hasil = render(slug, json.loads(masukan.read_text(encoding="utf-8")), templates_dir=ROOT / "templates_docx",
                   basis=masukan.parent)
    return teks_docx(hasil.docx)


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for j in documents.semua():
        (GOLDEN / f"{j.slug}.txt").write_text(teks_contoh(j.slug), encoding="utf-8")
        print(f"ditulis: tests/golden/{j.slug}.txt")


if __name__ == "__main__":
    main()
