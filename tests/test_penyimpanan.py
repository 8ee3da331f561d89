"""The file store: keys cannot escape the folder, writes are atomic, a full disk is a clear error that keeps the
previous file."""

from __future__ import annotations

import errno
import os

import pytest

from docgen.errors import DocgenError
from web.inti.penyimpanan import PenyimpananLokal, PenyimpananPenuh, kunci_aman


@pytest.mark.parametrize("kunci", ["../rahasia", "a/../../b", "/etc/passwd", "", "C:/x", "..\\..\\x"])
def test_kunci_yang_keluar_folder_ditolak(kunci):
    with pytest.raises(DocgenError) as e:
        kunci_aman(kunci)
    assert e.value.status == 400


def test_simpan_baca_daftar_hapus(tmp_path):
    s = PenyimpananLokal(tmp_path)
    assert s.simpan("dokumen/1/./a.pdf", b"%PDF-1") == "dokumen/1/a.pdf"
    s.simpan("dokumen/2/b.docx", b"PK")
    assert s.baca("dokumen/1/a.pdf") == b"%PDF-1" and s.ukuran("dokumen/2/b.docx") == 2
    assert list(s.daftar()) == ["dokumen/1/a.pdf", "dokumen/2/b.docx"]
    assert list(s.daftar("dokumen/2")) == ["dokumen/2/b.docx"]
    s.hapus("dokumen/1/a.pdf")
    assert not s.ada("dokumen/1/a.pdf") and not s.ada("../x")


def test_tautan_simbolik_keluar_folder_ditolak(tmp_path):
    luar = tmp_path / "luar"
    luar.mkdir()
    (luar / "rahasia.txt").write_text("x")
    s = PenyimpananLokal(tmp_path / "akar")
    (tmp_path / "akar" / "tautan").symlink_to(luar)
    with pytest.raises(DocgenError):
        s.baca("tautan/rahasia.txt")


def test_disk_penuh_pesan_jelas_dan_berkas_lama_utuh(tmp_path, monkeypatch):
    s = PenyimpananLokal(tmp_path)
    s.simpan("dokumen/1/a.pdf", b"versi lama")
    asli = os.fsync

    def penuh(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", penuh)
    with pytest.raises(PenyimpananPenuh) as e:
        s.simpan("dokumen/1/a.pdf", b"versi baru yang tidak muat")
    monkeypatch.setattr(os, "fsync", asli)
    assert e.value.status == 507 and "penuh" in e.value.pesan
    assert s.baca("dokumen/1/a.pdf") == b"versi lama"
    assert list(s.daftar()) == ["dokumen/1/a.pdf"]  # no temporary file left behind
