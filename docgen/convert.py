"""docx -> PDF through LibreOffice: one soffice kept running for many documents, with a timeout."""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from docgen.errors import KonversiGagal

WORKER = Path(__file__).with_name("uno_worker.py")
SYSTEM_PYTHON = os.environ.get("DOCGEN_UNO_PYTHON", "/usr/bin/python3")
PESAN_TIDAK_ADA = (
    "LibreOffice tidak ditemukan: PDF tidak dapat dibuat. Pasang paket Debian libreoffice-writer-nogui "
    "dan python3-uno (jalankan `make system`), atau buat .docx saja tanpa --pdf."
)
MAKS_KONVERSI = 200  # documents per LibreOffice before it is started afresh


def cari_soffice() -> str | None:
    """Return the soffice executable, or None when LibreOffice is not installed."""
    return os.environ.get("DOCGEN_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def uno_tersedia(python: str = SYSTEM_PYTHON) -> bool:
    """Tell whether the system Python can import LibreOffice's uno bridge."""
    if not Path(python).exists():
        return False
    r = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30)
    return r.returncode == 0


class Konverter:
    """Convert .docx to PDF with one LibreOffice process reused across calls.

    Use as a context manager. `mode` is "warm" (a kept-running soffice through the uno worker),
    "oneshot" (a fresh `soffice --convert-to` per document), or "auto" (warm when uno is available).
    A conversion that takes longer than `timeout` seconds kills LibreOffice; the next call starts a
    new one. After `maks_konversi` documents (None or 0: never) LibreOffice is closed and started
    afresh, so the memory a long-running soffice gathers is given back. Each instance has its own
    temporary profile (`-env:UserInstallation`), so several Konverter never share one.
    """

    def __init__(self, *, timeout: float = 120, mode: str = "auto", start_timeout: float = 90,
                 maks_konversi: int | None = MAKS_KONVERSI):
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.maks_konversi = maks_konversi
        soffice = cari_soffice()
        if soffice is None:
            raise KonversiGagal(PESAN_TIDAK_ADA)
        self.soffice: str = soffice
        if mode == "auto":
            mode = "warm" if uno_tersedia() else "oneshot"
        self.mode = mode
        self._tmp = tempfile.TemporaryDirectory(prefix="docgen-lo-")
        self._proc: subprocess.Popen[str] | None = None
        self._sel: selectors.BaseSelector | None = None
        self.jumlah_konversi = 0
        self.jumlah_mulai = 0
        self.sejak_mulai = 0  # documents converted by the running LibreOffice
        self.pid_soffice: int | None = None

    def __enter__(self) -> Konverter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop LibreOffice and remove the temporary profile."""
        self._stop()
        self._tmp.cleanup()

    # -- warm worker ---------------------------------------------------------------------------

    def _start(self) -> None:
        profile = Path(self._tmp.name) / f"profil-{self.jumlah_mulai}"
        self.jumlah_mulai += 1
        self._proc = subprocess.Popen(
            [SYSTEM_PYTHON, str(WORKER), self.soffice, str(profile)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, bufsize=1, start_new_session=True,
        )
        self._sel = selectors.DefaultSelector()
        assert self._proc.stdout is not None
        self._sel.register(self._proc.stdout, selectors.EVENT_READ)
        answer = self._read(self.start_timeout, "memulai LibreOffice")
        if not answer.get("ready"):
            self._stop()
            raise KonversiGagal(f"LibreOffice gagal dimulai: {answer.get('error', answer)}")
        self.sejak_mulai = 0
        self.pid_soffice = answer.get("pid")

    def _stop(self, segera: bool = False) -> None:
        """Close the worker; `segera` kills it at once (it hung) instead of letting it close soffice."""
        proc, self._proc = self._proc, None
        if self._sel is not None:
            self._sel.close()
            self._sel = None
        if proc is None:
            return
        if not segera:
            try:
                if proc.stdin:
                    proc.stdin.close()
                proc.wait(timeout=15)
            except (subprocess.TimeoutExpired, BrokenPipeError, OSError):
                pass
        # soffice runs in the worker's session: end the whole group, whatever is left of it.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream:
                with contextlib.suppress(BrokenPipeError, OSError):
                    stream.close()

    def _read(self, timeout: float, apa: str) -> dict:
        assert self._proc is not None and self._sel is not None and self._proc.stdout is not None
        if not self._sel.select(timeout):
            self._stop(segera=True)
            raise KonversiGagal(
                f"LibreOffice tidak menjawab dalam {timeout:g} detik saat {apa}; prosesnya dihentikan "
                "dan akan dimulai ulang pada permintaan berikutnya."
            )
        line = self._proc.stdout.readline()
        if not line:
            self._stop(segera=True)
            raise KonversiGagal(f"LibreOffice berhenti mendadak saat {apa}.")
        return json.loads(line)

    def _warm(self, src: Path, dst: Path, timeout: float) -> None:
        if self._proc is not None and self.maks_konversi and self.sejak_mulai >= self.maks_konversi:
            self._stop()  # its N documents are done: close it properly, a fresh one starts below
        if self._proc is None or self._proc.poll() is not None:
            self._start()
        assert self._proc is not None and self._proc.stdin is not None
        self._proc.stdin.write(json.dumps({"in": str(src), "out": str(dst)}) + "\n")
        self._proc.stdin.flush()
        self.sejak_mulai += 1
        answer = self._read(timeout, f"mengonversi {src.name}")
        if not answer.get("ok"):
            raise KonversiGagal(f"LibreOffice gagal mengonversi {src.name}: {answer.get('error')}")

    # -- one-shot ------------------------------------------------------------------------------

    def _oneshot(self, src: Path, dst: Path, timeout: float) -> None:
        profile = Path(self._tmp.name) / "profil-oneshot"
        outdir = Path(self._tmp.name) / "oneshot-out"
        outdir.mkdir(exist_ok=True)
        cmd = [self.soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "pdf", "--outdir", str(outdir), str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise KonversiGagal(f"LibreOffice tidak selesai dalam {timeout:g} detik.") from None
        hasil = outdir / (src.stem + ".pdf")
        if not hasil.exists():
            raise KonversiGagal(f"LibreOffice gagal mengonversi {src.name}.")
        shutil.move(str(hasil), dst)

    # -- public --------------------------------------------------------------------------------

    def ke_pdf(self, docx: bytes, *, timeout: float | None = None) -> bytes:
        """Return the PDF bytes of a .docx given as bytes; `timeout` overrides the converter's for this document.

        Raises KonversiGagal.
        """
        work = Path(self._tmp.name)
        src = work / f"dok-{self.jumlah_konversi}.docx"
        dst = work / f"dok-{self.jumlah_konversi}.pdf"
        src.write_bytes(docx)
        try:
            (self._warm if self.mode == "warm" else self._oneshot)(src, dst, timeout or self.timeout)
            self.jumlah_konversi += 1
            return dst.read_bytes()
        finally:
            src.unlink(missing_ok=True)
            dst.unlink(missing_ok=True)
