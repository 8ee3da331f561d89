"""docx -> PDF through LibreOffice: one soffice kept running for many documents, supervised, with a timeout."""

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
from typing import Any

from docgen import docx_luar, sementara
from docgen.errors import KonversiGagal
from docgen.profil_lo import siapkan_profil

WORKER = Path(__file__).with_name("uno_worker.py")
SYSTEM_PYTHON = os.environ.get("DOCGEN_UNO_PYTHON", "/usr/bin/python3")
PESAN_TIDAK_ADA = (
    "LibreOffice tidak ditemukan: PDF tidak dapat dibuat. Pasang paket Debian libreoffice-writer-nogui "
    "dan python3-uno (jalankan `make system`), atau buat .docx saja tanpa --pdf."
)
PESAN_MATI = (
    "LibreOffice berhenti mendadak saat mengonversi dokumen ({sebab}). Permintaan berikutnya memakai LibreOffice "
    "baru dengan profil baru; silakan ulangi."
)
MAKS_KONVERSI = 200  # documents per LibreOffice before it is started afresh
FILTER_DOCX = "MS Word 2007 XML"


def cari_soffice() -> str | None:
    """Return the soffice executable, or None when LibreOffice is not installed."""
    return os.environ.get("DOCGEN_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def uno_tersedia(python: str = SYSTEM_PYTHON) -> bool:
    """Tell whether the system Python can import LibreOffice's uno bridge."""
    if not Path(python).exists():
        return False
    r = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30)
    return r.returncode == 0


def _bunuh_grup(proc: subprocess.Popen[Any]) -> None:
    """Kill `proc` and everything in its process group (soffice runs in the group of the process that started it)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


class Konverter:
    """Convert .docx to PDF with one LibreOffice process reused across calls.

    Use as a context manager. `mode` is "warm" (a kept-running soffice through the uno worker),
    "oneshot" (a fresh `soffice --convert-to` per document), or "auto" (warm when uno is available).

    LibreOffice is supervised. Before each document the worker and soffice.bin must still run and the UNO bridge
    still answer; if not (soffice killed or crashed, bridge disposed, worker gone), the old one is killed and a new
    one starts with a new profile, and the document goes to the new one. A LibreOffice that dies during a
    conversion fails that call with KonversiGagal (PESAN_MATI) and is replaced at the next call. A conversion that
    takes longer than `timeout` seconds kills LibreOffice; the next call starts a new one. After `maks_konversi`
    documents (None or 0: never) LibreOffice is closed and started afresh, so the memory a long-running soffice
    gathers is given back.

    Every soffice gets a new profile (`-env:UserInstallation`) inside this instance's own temporary folder
    (`docgen-lo-<pid>-…`, docgen.sementara), written with docgen.profil_lo's settings before it starts; every
    document is converted in a folder of its own, removed afterwards, so a lock file left by a killed soffice never
    blocks a later output. Starting a Konverter removes the folders that killed docgen processes left behind.
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
        sementara.bersihkan_yatim()
        self._tmp = tempfile.TemporaryDirectory(prefix=sementara.awalan("lo"), ignore_cleanup_errors=True)
        self.folder = Path(self._tmp.name)
        self._proc: subprocess.Popen[str] | None = None
        self._sel: selectors.BaseSelector | None = None
        self._profil: Path | None = None
        self.jumlah_konversi = 0
        self.jumlah_mulai = 0
        self.jumlah_pulih = 0  # LibreOffices found dead or disconnected and replaced
        self.sejak_mulai = 0  # documents converted by the running LibreOffice
        self.pid_soffice: int | None = None  # soffice.bin of the running LibreOffice (warm mode)

    def __enter__(self) -> Konverter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop LibreOffice and remove the temporary folder."""
        self._stop()
        self._buang_profil()
        self._tmp.cleanup()

    # -- LibreOffice's profile -----------------------------------------------------------------------------------

    def _profil_baru(self, nama: str) -> Path:
        """A fresh profile folder with docgen's settings. Raises KonversiGagal when it cannot be written."""
        self._buang_profil()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)  # a /tmp cleaner may have removed it meanwhile
            self._profil = siapkan_profil(self.folder / nama)
        except OSError as exc:
            raise KonversiGagal(f"Profil LibreOffice tidak dapat disiapkan: {exc.strerror or exc}") from None
        return self._profil

    def _buang_profil(self) -> None:
        if self._profil is not None:
            shutil.rmtree(self._profil, ignore_errors=True)
            self._profil = None

    # -- warm worker ---------------------------------------------------------------------------

    def _start(self) -> None:
        profile = self._profil_baru(f"profil-{self.jumlah_mulai}")
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
            self._stop(segera=True)
            raise KonversiGagal(f"LibreOffice gagal dimulai: {answer.get('error', answer)}")
        self.sejak_mulai = 0
        self.pid_soffice = answer.get("pid")

    def _stop(self, segera: bool = False) -> None:
        """Close the worker; `segera` kills it at once (it hung or died) instead of letting it close soffice."""
        proc, self._proc = self._proc, None
        self.pid_soffice = None
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
        _bunuh_grup(proc)  # soffice runs in the worker's session: end the whole group, whatever is left of it
        for stream in (proc.stdin, proc.stdout):
            if stream:
                with contextlib.suppress(BrokenPipeError, OSError):
                    stream.close()
        self._buang_profil()

    def _sehat(self) -> bool:
        """Whether the running worker and its soffice.bin are still alive (checked here, without asking them)."""
        if self._proc is None or self._proc.poll() is not None:
            return False
        return self.pid_soffice is None or sementara.pid_hidup(self.pid_soffice)

    def _read(self, timeout: float, apa: str) -> dict[str, Any]:
        assert self._proc is not None and self._sel is not None and self._proc.stdout is not None
        if not self._sel.select(timeout):
            self._stop(segera=True)
            raise KonversiGagal(
                f"LibreOffice tidak menjawab dalam {timeout:g} detik saat {apa}; prosesnya dihentikan "
                "dan akan dimulai ulang pada permintaan berikutnya."
            )
        line = self._proc.stdout.readline()
        try:
            answer = json.loads(line) if line else None
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            self._stop(segera=True)
            self.jumlah_pulih += 1
            raise KonversiGagal(f"LibreOffice berhenti mendadak saat {apa}. Permintaan berikutnya memakai "
                                "LibreOffice baru dengan profil baru; silakan ulangi.")
        return answer

    def _minta(self, src: Path, dst: Path, timeout: float) -> dict[str, Any]:
        """Hand one document to the running worker and return its answer."""
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(json.dumps({"in": str(src), "out": str(dst)}) + "\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError):  # the worker ended since _sehat(): the document never reached it
            return {"ok": False, "mati": True, "sebelum": True, "error": "pekerja LibreOffice sudah berhenti"}
        self.sejak_mulai += 1
        return self._read(timeout, "mengonversi dokumen")

    def _warm(self, src: Path, dst: Path, timeout: float) -> None:
        if self._proc is not None and self.maks_konversi and self.sejak_mulai >= self.maks_konversi:
            self._stop()  # its N documents are done: close it properly, a fresh one starts below
        for percobaan in (1, 2):
            if self._proc is not None and not self._sehat():
                self._stop(segera=True)  # soffice or its worker died while idle: replace it before this document
                self.jumlah_pulih += 1
            if self._proc is None:
                self._start()
            answer = self._minta(src, dst, timeout)
            if answer.get("ok"):
                return
            if not answer.get("mati"):
                raise KonversiGagal(f"LibreOffice gagal mengonversi dokumen: {answer.get('error')}")
            self._stop(segera=True)
            self.jumlah_pulih += 1
            if not answer.get("sebelum") or percobaan == 2:
                raise KonversiGagal(PESAN_MATI.format(sebab=answer.get("error")))
            # LibreOffice was already gone before this document reached it: a fresh one takes it

    # -- one-shot ------------------------------------------------------------------------------

    def _oneshot(self, src: Path, dst: Path, timeout: float) -> None:
        if self._profil is None:
            self._profil_baru(f"profil-oneshot-{self.jumlah_mulai}")
            self.jumlah_mulai += 1
        assert self._profil is not None
        cmd = [self.soffice, "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation={self._profil.as_uri()}", f"--infilter={FILTER_DOCX}",
               "--convert-to", "pdf", "--outdir", str(dst.parent), str(src)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            kode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kode = None
        _bunuh_grup(proc)  # also what soffice.bin left running after its launcher ended
        hasil = dst.parent / (src.stem + ".pdf")
        if kode == 0 and hasil.exists():
            if hasil != dst:
                shutil.move(str(hasil), dst)
            return
        self._buang_profil()  # a profile a killed or failing soffice used is not trusted again
        if kode is None:
            raise KonversiGagal(f"LibreOffice tidak selesai dalam {timeout:g} detik.")
        raise KonversiGagal(f"LibreOffice gagal mengonversi dokumen (kode keluar {kode}).")

    # -- public --------------------------------------------------------------------------------

    def ke_pdf(self, docx: bytes, *, timeout: float | None = None) -> bytes:
        """Return the PDF bytes of a .docx given as bytes; `timeout` overrides the converter's for this document.

        A document that refers to anything outside itself (linked pictures, included files, templates) is refused
        before LibreOffice sees it (docgen.docx_luar). Raises SumberLuarDitolak (422) or KonversiGagal (503).
        """
        docx_luar.periksa(docx)
        return self._ke_pdf_tanpa_periksa(docx, timeout=timeout)

    def _ke_pdf_tanpa_periksa(self, docx: bytes, *, timeout: float | None = None) -> bytes:
        """ke_pdf without the docx_luar check, so only LibreOffice's own settings guard: for tests of those."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            kerja = Path(tempfile.mkdtemp(prefix="kerja-", dir=self.folder))
        except OSError as exc:
            raise KonversiGagal(f"Folder kerja LibreOffice tidak dapat dibuat: {exc.strerror or exc}") from None
        src, dst = kerja / "dokumen.docx", kerja / "dokumen.pdf"
        try:
            src.write_bytes(docx)
            (self._warm if self.mode == "warm" else self._oneshot)(src, dst, timeout or self.timeout)
            try:
                pdf = dst.read_bytes()
            except OSError:
                raise KonversiGagal("LibreOffice melaporkan selesai tetapi tidak menghasilkan PDF.") from None
            self.jumlah_konversi += 1
            return pdf
        finally:
            shutil.rmtree(kerja, ignore_errors=True)
