"""Measure the LKjIP at scale: .docx render time and peak memory for 40, 400 and 1,000 indicators, and the
PDF conversion time for 40 and 400.

Run: .venv/bin/python bench/bench_lkjip.py   (prints a table; nothing here is asserted)
"""

from __future__ import annotations

import json
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.convert import Konverter  # noqa: E402
from docgen.render import render  # noqa: E402

SATUAN = [("%", "naik", 60, 100), ("indeks", "naik", 60, 90), ("orang", "naik", 100, 2000),
          ("dokumen", "naik", 5, 40), ("hari", "turun", 3, 14), ("nilai", "naik", 55, 85)]


def data_sintetis(jumlah_indikator: int, seed: int = 2024, per_sasaran: int | None = None) -> dict:
    """Return a valid LKjIP input with the sample's agency and `jumlah_indikator` synthetic indicators."""
    rng = random.Random(seed)
    dasar = json.loads((ROOT / "samples" / "lkjip.json").read_text(encoding="utf-8"))
    per_sasaran = per_sasaran or (5 if jumlah_indikator <= 40 else 10 if jumlah_indikator <= 400 else 20)
    n_sasaran = -(-jumlah_indikator // per_sasaran)
    program, sasaran = [], []
    for p in range(1, max(3, n_sasaran // 2) + 1):
        kegiatan = []
        for k in range(1, rng.randint(2, 4) + 1):
            pagu = rng.randint(50, 2000) * 1_000_000
            kegiatan.append({"kode": f"5.03.{p:02d}.2.{k:02d}", "nama": f"Kegiatan {k} pada Program {p}",
                             "pagu": pagu, "realisasi": int(pagu * rng.uniform(0.7, 1.0))})
        program.append({"kode": f"5.03.{p:02d}", "nama": f"Program Pendukung Sasaran Strategis Nomor {p}",
                        "kegiatan": kegiatan})
    nomor = 0
    for s in range(1, n_sasaran + 1):
        indikator = []
        for _ in range(min(per_sasaran, jumlah_indikator - nomor)):
            nomor += 1
            satuan, pol, lo, hi = rng.choice(SATUAN)
            target = round(rng.uniform(lo, hi), 1)
            real = round(target * rng.uniform(0.7, 1.15), 2)
            lalu = {str(2024 - j): round(real * rng.uniform(0.8, 1.05), 2) for j in range(rng.randint(0, 3), 0, -1)}
            ind = {"kode": f"IK {nomor}", "indikator": f"Indikator kinerja sintetis nomor {nomor} untuk sasaran {s}",
                   "satuan": satuan, "polaritas": pol, "target": target,
                   "realisasi_triwulan": [None, None, None, real if rng.random() > 0.05 else None],
                   "unit_kerja": f"Bidang {rng.randint(1, 4)}", "baseline": round(target * 0.85, 1),
                   "target_akhir_renstra": round(target * (1.1 if pol == "naik" else 0.9), 1),
                   "realisasi_tahun_lalu": lalu}
            if rng.random() < 0.2:
                ind["standar_nasional"] = round(target * rng.uniform(0.9, 1.1), 1)
            indikator.append(ind)
        sasaran.append({"kode": f"S{s}", "sasaran": f"Meningkatnya kinerja bidang strategis nomor {s}",
                        "tujuan": f"Tujuan strategis {(s + 1) // 2}", "indikator": indikator,
                        "program": [program[(s - 1) % len(program)]["kode"]],
                        "penyebab": "" if s % 3 == 0 else "Pelaksanaan kegiatan sesuai rencana aksi.",
                        "solusi": "" if s % 3 == 0 else "Melanjutkan pemantauan triwulanan."})
    dasar["kinerja"] = {"tahun": 2024, "pengaturan": {"batas_rata_rata": 120}, "sasaran": sasaran,
                        "program": program}
    dasar["permasalahan_utama"] = []
    dasar["rencana_tindak_lanjut"] = []
    return dasar


def render_ukur(data: dict) -> tuple[bytes, float, float]:
    """Render the LKjIP; return (.docx bytes, seconds, peak Python heap in MiB).

    Timed without tracemalloc (it slows Python several times); the heap peak comes from a second, traced render.
    """
    t = time.perf_counter()
    hasil = render("lkjip", data, templates_dir=ROOT / "templates_docx", basis=ROOT / "samples")
    detik = time.perf_counter() - t
    tracemalloc.start()
    render("lkjip", data, templates_dir=ROOT / "templates_docx", basis=ROOT / "samples")
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return hasil.docx, detik, puncak / 2**20


def main() -> None:
    import resource

    print(f"{'indikator':>9}  {'render':>9}  {'heap puncak':>13}  {'RSS proses':>10}  {'ukuran':>9}  {'PDF':>9}  "
          f"{'halaman':>7}")
    with Konverter(timeout=900) as k:
        for n in (40, 400, 1000):
            docx, detik, mib = render_ukur(data_sintetis(n))
            pdf_teks, halaman = "-", "-"
            if n <= 400:
                from io import BytesIO

                from pypdf import PdfReader

                t = time.perf_counter()
                pdf = k.ke_pdf(docx)
                pdf_teks = f"{time.perf_counter() - t:7.1f} s"
                halaman = str(len(PdfReader(BytesIO(pdf)).pages))
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{n:>9}  {detik:7.1f} s  {mib:9.1f} MiB  {rss:6.0f} MiB  {len(docx) / 2**20:5.1f} MiB  "
                  f"{pdf_teks:>9}  {halaman:>7}", flush=True)
    print("\nheap puncak: tracemalloc selama render; RSS proses: ru_maxrss sampai baris itu (naik monoton)")


if __name__ == "__main__":
    main()
