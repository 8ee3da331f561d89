"""Measure render time per document type and PDF conversion cost (one-shot vs a kept-running LibreOffice).

Run: make bench   (prints a table; nothing here is asserted)
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from docgen import documents
from docgen.convert import Konverter
from docgen.render import render

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def median_ms(fn, runs: int = RUNS) -> float:
    waktu = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        waktu.append((time.perf_counter() - t) * 1000)
    return statistics.median(waktu)


def main() -> None:
    docx = {}
    print(f"Render .docx (median dari {RUNS} kali)")
    for j in documents.semua():
        masukan = ROOT / "samples" / f"{j.slug}.json"
        data = json.loads(masukan.read_text(encoding="utf-8"))

        def satu(j=j, data=data, masukan=masukan):
            docx[j.slug] = render(j, data, templates_dir=ROOT / "templates_docx", basis=masukan.parent).docx

        print(f"  {j.slug:<24} {median_ms(satu):8.1f} ms")

    print("\nKonversi PDF (median per dokumen)")
    with Konverter(mode="warm") as k:
        t = time.perf_counter()
        k.ke_pdf(docx["nota-dinas"])
        print(f"  LibreOffice hangat: mulai + dokumen pertama {1000 * (time.perf_counter() - t):8.1f} ms")
        for slug in ("nota-dinas", "keputusan-sop", "notulen-rapat"):
            print(f"  hangat    {slug:<20} {median_ms(lambda s=slug: k.ke_pdf(docx[s])):8.1f} ms")
    with Konverter(mode="oneshot") as k:
        for slug in ("nota-dinas", "keputusan-sop"):
            print(f"  sekali-jalan {slug:<17} {median_ms(lambda s=slug: k.ke_pdf(docx[s]), runs=3):8.1f} ms")


if __name__ == "__main__":
    main()
