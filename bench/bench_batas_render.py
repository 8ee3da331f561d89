"""What the render limits cost: each sample rendered with docgen's limited environment (docgen.batas_render) and,
as the baseline in the same run, with a plain Jinja SandboxedEnvironment carrying the same filters.

Run: .venv/bin/python bench/bench_batas_render.py   (prints a table of ratios; nothing here is asserted)
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from unittest import mock

from bench_render import RUNS, median_ms  # run as a script: bench/ is on the path
from jinja2 import DictLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from docgen import documents
from docgen import render as R

ROOT = Path(__file__).resolve().parent.parent


def sandbox_biasa(batas_detik: float | None = None, batas_teks: int | None = None) -> SandboxedEnvironment:
    """The baseline: Jinja's own sandbox, no deadline, no budget, no checked loops."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                               loader=DictLoader({}))
    env.filters.update(R.FILTERS)
    return env


def main() -> None:
    print(f"Render .docx dengan batas vs sandbox biasa (median dari {RUNS} kali, satu proses)")
    print(f"  {'jenis':<26}{'biasa ms':>10}{'batas ms':>10}{'rasio':>8}")
    rasio = []
    for j in documents.semua():
        masukan = ROOT / "samples" / f"{j.slug}.json"
        data = json.loads(masukan.read_text(encoding="utf-8"))

        def satu(j=j, data=data, masukan=masukan) -> None:
            R.render(j, data, templates_dir=ROOT / "templates_docx", basis=masukan.parent)

        satu()  # warm caches (fonts, charts) before either is timed
        with mock.patch.object(R, "jinja_env", sandbox_biasa):
            biasa = median_ms(satu)
        batas = median_ms(satu)
        rasio.append(batas / biasa)
        print(f"  {j.slug:<26}{biasa:10.1f}{batas:10.1f}{batas / biasa:8.2f}")
    print(f"  median rasio {statistics.median(rasio):.2f}, terbesar {max(rasio):.2f}")


if __name__ == "__main__":
    main()
