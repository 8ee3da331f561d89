"""Write templates_docx/<slug>.docx from code: this builder is the source of truth of every template.

`python tools/build_templates.py [FOLDER]` writes them into FOLDER (default templates_docx/); `make templates`
rebuilds the committed ones. tests/test_templat_sumber.py fails when the committed files and the builder drift.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

if not __package__:  # run as a script: the tools package sits in the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx.document import Document

from tools import (
    templates_berkas,
    templates_lkjip,
    templates_naskah,
    templates_pengukuran,
    templates_perjanjian,
    templates_sop,
)

TEMPLAT_DOCX = Path(__file__).resolve().parent.parent / "templates_docx"

# Slug -> the function that builds its template; one module per group of document types.
TEMPLAT: dict[str, Callable[[], Document]] = {
    **templates_sop.TEMPLAT,
    **templates_naskah.TEMPLAT,
    **templates_berkas.TEMPLAT,
    **templates_lkjip.TEMPLAT,
    **templates_pengukuran.TEMPLAT,
    **templates_perjanjian.TEMPLAT,
}


def _bagian(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {nama: z.read(nama) for nama in z.namelist()}


def bangun(slug: str, keluaran: Path) -> bool:
    """Write the template of `slug` as `keluaran/<slug>.docx`; return False when the file there already held it.

    A file whose parts are all equal is left alone: the zip's own timestamps would otherwise change every .docx on
    each rebuild, and the diff would no longer show which templates a builder change touched.
    """
    path = keluaran / f"{slug}.docx"
    isi = io.BytesIO()
    TEMPLAT[slug]().save(isi)
    if path.exists() and _bagian(path.read_bytes()) == _bagian(isi.getvalue()):
        return False
    path.write_bytes(isi.getvalue())
    return True


def bangun_semua(keluaran: Path) -> list[Path]:
    """Write every template into `keluaran` (created when missing) and return their paths."""
    keluaran.mkdir(parents=True, exist_ok=True)
    for slug in TEMPLAT:
        bangun(slug, keluaran)
    return [keluaran / f"{slug}.docx" for slug in TEMPLAT]


def main(argv: list[str] | None = None) -> None:
    """Write every template into the folder named on the command line, templates_docx/ by default."""
    parser = argparse.ArgumentParser(description="Tulis ulang semua templat .docx dari kode.")
    parser.add_argument("folder", nargs="?", type=Path, default=TEMPLAT_DOCX,
                        help="folder tujuan (bawaan: templates_docx/)")
    keluaran = parser.parse_args(argv).folder
    keluaran.mkdir(parents=True, exist_ok=True)
    for slug in TEMPLAT:
        status = "ditulis" if bangun(slug, keluaran) else "tidak berubah"
        print(f"{status}: {keluaran / slug}.docx")


if __name__ == "__main__":
    main()
