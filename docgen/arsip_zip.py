"""Check an uploaded Office file (.docx, .xlsx) before any library opens it: real ZIP by content, no zip bomb.

Only the ZIP's central directory is read (no entry is inflated): the number of entries, the sum of the declared
uncompressed sizes and each entry's compression ratio. Python's zipfile never inflates an entry past its declared
size (it stops reading there and the CRC check fails), so a directory that lies about sizes cannot get past these
limits either.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from docgen.errors import InputTidakValid

# Magic numbers of the files people upload by mistake, for a message that says what the file really is.
_JENIS_LAIN = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF8", "gambar GIF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "dokumen Office lama (.doc/.xls)"),
    (b"{\\rtf", "dokumen RTF"),
    (b"<", "teks HTML/XML"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf", "arsip 7-Zip"),
    (b"\x1f\x8b", "arsip gzip"),
)


@dataclass(frozen=True)
class BatasZip:
    """Limits for one kind of upload: entries, total uncompressed bytes, and the ratio allowed for large entries."""

    maks_entri: int = 1000
    maks_total: int = 50 * 1024 * 1024
    maks_rasio: float = 100.0
    rasio_mulai: int = 256 * 1024  # entries smaller than this may compress as well as they like


DOCX = BatasZip(maks_entri=1000, maks_total=50 * 1024 * 1024)
XLSX = BatasZip(maks_entri=1000, maks_total=50 * 1024 * 1024)


def jenis_sebenarnya(isi: bytes) -> str:
    """What the bytes look like ('PDF', 'gambar PNG', ...) or '' when unknown."""
    awal = isi[:16].lstrip() if isi[:1] in (b" ", b"\n", b"\r", b"\t") else isi[:16]
    for magic, nama in _JENIS_LAIN:
        if awal.startswith(magic):
            return nama
    return ""


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def periksa_zip(isi: bytes, *, jenis: str, wajib: Iterable[str], batas: BatasZip = DOCX,
                medan: str = "berkas") -> list[str]:
    """Check that `isi` is a ZIP package holding every `wajib` entry and is no zip bomb; return its entry names.

    `jenis` names the expected format in messages ("dokumen Word .docx"). Nothing is decompressed.
    Raises InputTidakValid on field `medan` with an Indonesian message.
    """

    def tolak(pesan: str) -> InputTidakValid:
        return InputTidakValid(f"Berkas bukan {jenis} yang dapat diterima", fields={medan: pesan})

    if not isi:
        raise tolak("berkas kosong")
    if not isi.startswith(b"PK\x03\x04"):
        lain = jenis_sebenarnya(isi)
        raise tolak(f"isi berkas adalah {lain}, bukan {jenis}" if lain else
                    f"isi berkas bukan {jenis} (bukan paket ZIP Office); simpan ulang sebagai {jenis}")
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            info = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise tolak(f"berkas ZIP rusak; buka dan simpan ulang sebagai {jenis}") from None
    if len(info) > batas.maks_entri:
        raise tolak(f"berisi {len(info)} bagian (paling banyak {batas.maks_entri}); bukan {jenis} biasa")
    total = 0
    for i in info:
        total += i.file_size
        if total > batas.maks_total:
            raise tolak(f"isi yang dimampatkan lebih dari {_mb(batas.maks_total)} bila dibuka (bom zip?); "
                        f"berkas ditolak tanpa dibuka")
        if i.file_size > batas.rasio_mulai:
            rasio = i.file_size / max(i.compress_size, 1)
            if rasio > batas.maks_rasio:
                raise tolak(f"bagian {i.filename!r} dimampatkan {rasio:.0f} kali (paling banyak "
                            f"{batas.maks_rasio:.0f} kali; bom zip?); berkas ditolak tanpa dibuka")
        if i.flag_bits & 0x1:
            raise tolak(f"bagian {i.filename!r} terenkripsi; simpan tanpa kata sandi")
    nama = [i.filename for i in info]
    hilang = [w for w in wajib if w not in nama]
    if hilang:
        raise tolak(f"paket ZIP ini tidak memuat {', '.join(hilang)}; bukan {jenis}")
    return nama


def periksa_docx(isi: bytes, *, medan: str = "berkas", batas: BatasZip = DOCX) -> list[str]:
    """periksa_zip for a Word document (.docx)."""
    return periksa_zip(isi, jenis="dokumen Word .docx", wajib=("[Content_Types].xml", "word/document.xml"),
                       batas=batas, medan=medan)


def periksa_xlsx(isi: bytes, *, medan: str = "berkas", batas: BatasZip = XLSX) -> list[str]:
    """periksa_zip for an Excel workbook (.xlsx)."""
    return periksa_zip(isi, jenis="berkas Excel .xlsx", wajib=("[Content_Types].xml", "xl/workbook.xml"),
                       batas=batas, medan=medan)
