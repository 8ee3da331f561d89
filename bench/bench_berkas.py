"""Measure the archive bundle: the sample cycle (10 items) and the same cycle repeated to 40 items, with one warm
LibreOffice; wall time per stage and the process's peak memory.

Run: make bench   (prints a table; nothing here is asserted)
"""

from __future__ import annotations

import copy
import resource
import time
from pathlib import Path

from docgen.bundle import baca_siklus, susun_berkas
from docgen.convert import Konverter

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def ukur(siklus: dict, k: Konverter) -> tuple[float, float, int, int]:
    """Return (seconds until the last item was rendered, total seconds, pages, ZIP bytes)."""
    tahap: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    hasil = susun_berkas(siklus, templates_dir=ROOT / "templates_docx", basis=SAMPLES, konverter=k,
                         lapor=lambda persen, pesan: tahap.append((time.perf_counter() - t0, pesan)))
    total = time.perf_counter() - t0
    item_selesai = next(t for t, pesan in tahap if pesan == "Daftar Isi Berkas")
    return item_selesai, total, hasil.jumlah_halaman, len(hasil.zip)


def main() -> None:
    dasar = baca_siklus(SAMPLES / "siklus.json")
    besar = copy.deepcopy(dasar)
    besar["item"] = [copy.deepcopy(it) for _ in range(4) for it in dasar["item"]]
    k = Konverter()
    try:
        print("Berkas arsip (LibreOffice tetap berjalan; putaran pertama termasuk menyalakannya)")
        print(f"  {'item':>5} {'render+PDF item':>16} {'total':>8} {'halaman':>8} {'ZIP':>9}")
        for nama, siklus in (("10 (dingin)", dasar), ("10", dasar), ("40", besar)):
            item, total, halaman, ukuran = ukur(siklus, k)
            print(f"  {nama:>5} {item:14.1f} s {total:6.1f} s {halaman:8d} {ukuran / 1024:7.0f} KB")
    finally:
        k.close()
    print(f"  RSS puncak proses Python: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
