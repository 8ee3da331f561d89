"""Bytes and names that do not change between runs: hashes, canonical JSON, ZIP entries with fixed times, .docx
core properties pinned to the paper's date, file-name-safe codes, atomic writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def json_kanonik(data: Any) -> bytes:
    """The canonical JSON of input data whose SHA-256 the manifest records."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_cantik(data: Any) -> bytes:
    """JSON as stored in the ZIP: indented, keys in their order, UTF-8, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def nama_aman(teks: str) -> str:
    """A file-name-safe form of a berkas code: '000.8.3.3/PK-TW4/2024' -> '000.8.3.3-PK-TW4-2024'."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", teks).strip("-.") or "berkas"


def tulis_atomik(path: Path, data: bytes) -> None:
    """Write a file through a temporary file in the same folder and a rename; no partial file on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def zip_tetap(anggota: list[tuple[str, bytes]], waktu: dt.datetime) -> bytes:
    """Return a ZIP of (name, bytes) in that order, every entry stamped with `waktu` and mode 0644."""
    stempel = (max(waktu.year, 1980), waktu.month, waktu.day, waktu.hour, waktu.minute, waktu.second)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for nama, isi in anggota:
            zi = zipfile.ZipInfo(nama, date_time=stempel)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, isi)
    return buf.getvalue()


def docx_tetap(docx: bytes, *, tanggal: dt.date, judul: str = "", subjek: str = "", pengenal: str = "",
               pembuat: str = "") -> bytes:
    """Return the .docx with fixed ZIP entry times and core properties, so equal input gives equal bytes."""
    stempel = (max(tanggal.year, 1980), tanggal.month, tanggal.day, 0, 0, 0)
    masuk = zipfile.ZipFile(io.BytesIO(docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as keluar:
        for info in masuk.infolist():
            isi = masuk.read(info)
            if info.filename == "docProps/core.xml":
                isi = _properti_inti(isi, tanggal=tanggal, judul=judul, subjek=subjek, pengenal=pengenal,
                                     pembuat=pembuat)
            zi = zipfile.ZipInfo(info.filename, date_time=stempel)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            keluar.writestr(zi, isi)
    return buf.getvalue()


def _properti_inti(xml: bytes, *, tanggal: dt.date, judul: str, subjek: str, pengenal: str, pembuat: str) -> bytes:
    ns = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
          "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
    root = etree.fromstring(xml)
    stempel = f"{tanggal.isoformat()}T00:00:00Z"
    nilai = {"dc:title": judul, "dc:subject": subjek, "dc:identifier": pengenal, "dc:creator": pembuat,
             "dc:description": "", "cp:lastModifiedBy": pembuat, "cp:revision": "1",
             "dcterms:created": stempel, "dcterms:modified": stempel}
    for nama, isi in nilai.items():
        awalan, lokal = nama.split(":")
        el = root.find(f"{awalan}:{lokal}", ns)
        if el is None:
            el = etree.SubElement(root, f"{{{ns[awalan]}}}{lokal}")
            if awalan == "dcterms":
                el.set("{http://www.w3.org/2001/XMLSchema-instance}type", "dcterms:W3CDTF")
        el.text = isi
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
