"""What the berkas ZIP holds and says about itself: `manifest.json` (every file's SHA-256, each item's input and
the template it was actually made with), the stored cycle file `masukan/siklus.json`, and the list of entries."""

from __future__ import annotations

import datetime as dt
from importlib import metadata
from pathlib import Path
from typing import Any

import docgen
from docgen.bundle.model import Item, Siklus
from docgen.bundle.pdf import jumlah_halaman
from docgen.bundle.tetap import json_cantik, json_kanonik, sha256

FORMAT = "docgen.berkas"
VERSI_FORMAT = 1
CATATAN_HASH = ("SHA-256. sha256_masukan: JSON kanonik data masukan (sort_keys, ensure_ascii=False, "
                "separators=(',', ':')), sama dengan isi berkas masukan/NN-slug.json setelah diurai; "
                "sha256_templat: berkas templat .docx yang dipakai (sumber_templat: bawaan atau instansi).")
SUMBER_NASKAH = {True: "naskah jadi (diarsipkan apa adanya)", False: "disusun dari masukan"}


def versi_docgen() -> str:
    """The installed docgen version (package metadata), or the module's when not installed."""
    try:
        return metadata.version("docgen")
    except metadata.PackageNotFoundError:
        return docgen.__version__


def siklus_tersimpan(model: Siklus, items: list[Item], instansi_data: dict[str, Any]) -> dict[str, Any]:
    """The cycle file stored in the ZIP: every item's full input beside it, in berkas order."""
    hasil: dict[str, Any] = {
        "berkas": model.berkas.model_dump(mode="json", exclude_unset=True),
        "instansi": instansi_data,
        "tanggal": model.tanggal.isoformat(),
        "tempat": model.tempat,
        "penandatangan": model.penandatangan.model_dump(mode="json", exclude_unset=True),
        "urutan": model.urutan,
        "item": [],
    }
    for it in items:
        butir: dict[str, Any] = {"jenis": it.slug}
        if it.langkah is not None:
            butir["langkah"] = it.langkah
        butir["data_berkas"] = f"{it.nama}.json"
        butir.update({"uraian": it.uraian, "kode_klasifikasi": it.kode_klasifikasi, "keterangan": it.keterangan})
        hasil["item"].append(butir)
    return hasil


def butir_manifest(it: Item) -> dict[str, Any]:
    """One item's entry: its place, pages, files with their hashes, and the template it was made with."""
    if it.templat is None:
        raise ValueError(f"{it.label}: templat naskah belum tercatat")
    return {
        "nomor": it.nomor,
        "langkah": it.langkah,
        "slug": it.slug,
        "judul": it.judul,
        "uraian": it.uraian,
        "nomor_surat": it.nomor_surat,
        "kode_klasifikasi": it.kode_klasifikasi,
        "tanggal": it.tanggal.isoformat() if it.tanggal else None,
        "halaman": it.halaman,
        "halaman_awal": it.halaman_awal,
        "halaman_akhir": it.halaman_awal + it.halaman - 1,
        "keterangan": it.keterangan,
        "berkas_docx": f"{it.nama}.docx",
        "berkas_pdf": f"{it.nama}.pdf",
        "berkas_masukan": f"masukan/{it.nama}.json",
        "templat": it.templat.nama,
        "sha256_docx": sha256(it.docx),
        "sha256_pdf": sha256(it.pdf),
        "sha256_masukan": sha256(json_kanonik(it.data)),
        "sha256_templat": it.templat.sha256,
        "sumber_templat": it.templat.sumber,
        "sumber": SUMBER_NASKAH[it.jadi],
    }


def susun_manifest(identitas: dict[str, Any], model: Siklus, daftar: Item, items: list[Item], *, versi: str,
                   waktu: dt.datetime, nama_pdf: str, gabungan: bytes, xlsx: bytes, peringatan: list[str],
                   siklus_simpan: dict[str, Any]) -> dict[str, Any]:
    """The manifest: format, software, time, berkas identity, the Daftar Isi and every item, the other files."""
    return {
        "format": FORMAT,
        "versi_format": VERSI_FORMAT,
        "perangkat_lunak": {"nama": "docgen", "versi": versi},
        "dibuat": waktu.isoformat(timespec="seconds"),
        "berkas": identitas,
        "urutan": model.urutan,
        "jumlah_item": len(items),
        "catatan_hash": CATATAN_HASH,
        "daftar_isi": butir_manifest(daftar),
        "item": [butir_manifest(it) for it in items],
        "berkas_gabungan": {"nama": nama_pdf, "halaman": jumlah_halaman(gabungan), "sha256": sha256(gabungan)},
        "daftar_arsip": {"nama": "daftar-arsip.xlsx", "sha256": sha256(xlsx)},
        "siklus": {"nama": "masukan/siklus.json", "sha256": sha256(json_cantik(siklus_simpan))},
        "peringatan": list(peringatan),
    }


def anggota_zip(daftar: Item, items: list[Item], *, nama_pdf: str, gabungan: bytes, manifest: dict[str, Any],
                xlsx: bytes, siklus_simpan: dict[str, Any], staging: Path) -> list[tuple[str, bytes]]:
    """The ZIP's entries in order: numbered .docx/.pdf pairs, merged PDF, manifest, daftar arsip, then masukan/."""
    anggota: list[tuple[str, bytes]] = []
    for it in (daftar, *items):
        anggota += [(f"{it.nama}.docx", it.docx), (f"{it.nama}.pdf", it.pdf)]
    anggota += [(nama_pdf, gabungan), ("manifest.json", json_cantik(manifest)), ("daftar-arsip.xlsx", xlsx),
                ("masukan/siklus.json", json_cantik(siklus_simpan))]
    anggota += [(f"masukan/{it.nama}.json", json_cantik(it.data)) for it in (daftar, *items)]
    anggota += [(f"masukan/{p.relative_to(staging).as_posix()}", p.read_bytes())
                for p in sorted((staging / "logo").glob("*")) if p.is_file()]
    return anggota
