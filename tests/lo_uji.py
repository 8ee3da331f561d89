"""Test helpers around LibreOffice: a long document, a thread that kills soffice.bin in the middle of a conversion."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from docgen.render import render
from tests.conftest import SAMPLES, TEMPLATES


def docx_contoh(slug: str) -> bytes:
    """The rendered .docx of a sample (the LKjIP takes LibreOffice 1.5-3 s here: long enough to be killed in)."""
    data = json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8"))
    return render(slug, data, templates_dir=TEMPLATES, basis=SAMPLES).docx


class PembunuhSoffice(threading.Thread):
    """Kill soffice.bin with SIGKILL while it converts: as soon as a conversion folder (`kerja-*`, made by the
    Konverter for each document and removed after it) matches `folder_kerja()`, wait `jeda` seconds, then kill the
    pid `pid()` gives. `terbunuh` is the pid killed, or None when no conversion showed within `batas` seconds."""

    def __init__(self, folder_kerja: Callable[[], list[Path]], pid: Callable[[], int | None], *,
                 jeda: float = 0.3, batas: float = 60):
        super().__init__(daemon=True)
        self.folder_kerja, self.pid, self.jeda, self.batas = folder_kerja, pid, jeda, batas
        self.terbunuh: int | None = None
        self._henti = threading.Event()

    def run(self) -> None:
        akhir = time.monotonic() + self.batas
        while not self.folder_kerja():
            if self._henti.is_set() or time.monotonic() > akhir:
                return
            time.sleep(0.005)
        time.sleep(self.jeda)
        pid = self.pid()
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
                self.terbunuh = pid

    def __enter__(self) -> PembunuhSoffice:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._henti.set()
        self.join(10)
