"""Temporary folders carry their process's PID; the leftovers of a killed process are removed, nothing else."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from docgen import convert, sementara


def _pid_mati() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_awalan_membawa_pid():
    assert sementara.awalan("lo") == f"docgen-lo-{os.getpid()}-"
    assert sementara.awalan("berkas") == f"docgen-berkas-{os.getpid()}-"
    with pytest.raises(ValueError):
        sementara.awalan("lain")


def test_hanya_folder_docgen_yang_pidnya_mati_dihapus(tmp_path, monkeypatch):
    mati = _pid_mati()
    hidup = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        luar = tmp_path / "luar"
        luar.mkdir()
        (luar / "penting.txt").write_text("jangan dihapus")
        yatim = [tmp_path / f"docgen-lo-{mati}-ab_c1", tmp_path / f"docgen-berkas-{mati}-x9"]
        tetap = [tmp_path / f"docgen-lo-{os.getpid()}-milikku", tmp_path / f"docgen-lo-{hidup.pid}-berjalan",
                 tmp_path / f"docgen-lain-{mati}-x", tmp_path / "docgen-lo-bukanpid-x", tmp_path / f"lo-{mati}-x"]
        for d in yatim + tetap:
            (d / "user").mkdir(parents=True)
        berkas = tmp_path / f"docgen-lo-{mati}-berkas"
        berkas.write_text("bukan folder")
        tautan = tmp_path / f"docgen-lo-{mati}-tautan"
        tautan.symlink_to(luar)
        # the UNO pipe sockets of LibreOffice: one of a dead worker, one of this process (a short folder: a socket's
        # path has at most 107 bytes)
        pendek = Path(tempfile.mkdtemp(prefix="uji-pipa-", dir="/tmp"))
        monkeypatch.setattr(sementara, "FOLDER_PIPA", pendek)
        pipa_mati = pendek / f"OSL_PIPE_{os.getuid()}_docgen_{mati}_{'a' * 32}"
        pipa_hidup = pendek / f"OSL_PIPE_{os.getuid()}_docgen_{os.getpid()}_{'b' * 32}"
        soket = []
        for p in (pipa_mati, pipa_hidup):
            s = socket.socket(socket.AF_UNIX)
            s.bind(str(p))
            soket.append(s)

        dihapus = sementara.bersihkan_yatim(tmp_path)

        assert sorted(dihapus) == sorted([*yatim, pipa_mati])
        assert not any(d.exists() for d in yatim) and all(d.exists() for d in tetap)
        assert berkas.exists() and tautan.is_symlink() and (luar / "penting.txt").exists()
        assert not pipa_mati.exists() and pipa_hidup.exists()
        for s in soket:
            s.close()
        shutil.rmtree(pendek)
    finally:
        hidup.kill()
        hidup.wait()


def test_sisa_proses_yang_dibunuh_dihapus_saat_konverter_dimulai(tmp_path, monkeypatch):
    """A process killed with -9 leaves its Konverter profile folder and its bundle staging folder; the next Konverter
    removes them."""
    kode = ("import tempfile, time\n"
            "from docgen import convert, sementara\n"
            "k = convert.Konverter(mode='oneshot')\n"
            "b = tempfile.mkdtemp(prefix=sementara.awalan('berkas'))\n"
            "print(k.folder, b, flush=True)\n"
            "time.sleep(60)\n")
    anak = subprocess.Popen([sys.executable, "-c", kode], stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, TMPDIR=str(tmp_path)))
    assert anak.stdout is not None
    folder = [Path(p) for p in anak.stdout.readline().split()]
    os.kill(anak.pid, signal.SIGKILL)
    anak.wait(10)
    anak.stdout.close()
    assert len(folder) == 2 and all(f.is_dir() and f.parent == tmp_path for f in folder)
    assert folder[0].name.startswith(f"docgen-lo-{anak.pid}-")
    assert folder[1].name.startswith(f"docgen-berkas-{anak.pid}-")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with convert.Konverter(mode="oneshot") as k:
        assert not any(f.exists() for f in folder)
        assert k.folder.parent == tmp_path and k.folder.exists()
    assert not k.folder.exists()
