"""Preparing a cycle's items: read and validate the cycle file and every item (all errors at once), give items
the cycle's instansi and kinerja, stage the logos in one folder, number the items in berkas order and warn when
their dates run backwards. Nothing is rendered here."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from docgen import documents, locale_id
from docgen.bundle.model import Item, Siklus
from docgen.bundle.tetap import sha256
from docgen.errors import InputTidakValid
from docgen.validation import validasi


def baca_siklus(path: Path) -> dict[str, Any]:
    """Read a cycle file (JSON object). Raises InputTidakValid when missing, unreadable or not JSON."""
    data = baca_json(path, "")
    if not isinstance(data, dict):
        raise InputTidakValid("Berkas siklus harus berupa objek JSON", fields={"": "harus berupa objek JSON"})
    return data


def baca_json(path: Path, medan: str) -> Any:
    """Read a JSON file; raise InputTidakValid naming `medan` (the field that pointed at it) when it cannot be."""
    try:
        teks = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputTidakValid(f"Berkas tidak ditemukan: {path}", fields={medan: f"berkas tidak ditemukan: {path}"}
                              if medan else None) from None
    except UnicodeDecodeError:
        raise InputTidakValid(f"Berkas {path} bukan teks UTF-8", fields={medan: "bukan teks UTF-8"}
                              if medan else None) from None
    except OSError as exc:
        raise InputTidakValid(f"Berkas {path} tidak dapat dibaca: {exc.strerror}",
                              fields={medan: f"tidak dapat dibaca: {exc.strerror}"} if medan else None) from None
    try:
        return json.loads(teks)
    except json.JSONDecodeError as exc:
        pesan = f"bukan JSON yang sah: periksa baris {exc.lineno}, kolom {exc.colno}"
        raise InputTidakValid(f"Berkas {path} {pesan}", fields={medan: f"{path.name} {pesan}"}
                              if medan else None) from None


def label(no_tulis: int, slug: object) -> str:
    """Where an item is in the cycle file: 'item[3] (notulen-rapat)'."""
    return f"item[{no_tulis}] ({slug})" if isinstance(slug, str) and slug else f"item[{no_tulis}]"


def _label_path(path: str, mentah: list[Any]) -> str:
    """'item.2.jenis' (pydantic, 0-based) -> 'item[3] (slug).jenis' (the n-th item of the file)."""
    m = re.match(r"^item\.(\d+)(?:\.(.*))?$", path)
    if not m:
        return path
    i = int(m.group(1))
    slug = mentah[i].get("jenis") if i < len(mentah) and isinstance(mentah[i], dict) else None
    nama = label(i + 1, slug)
    return f"{nama}.{m.group(2)}" if m.group(2) else nama


class _Logo:
    """Copies every logo into the staging folder under `logo/`, so inputs point into one folder."""

    def __init__(self, staging: Path):
        self.staging = staging
        self.sudah: dict[str, bytes] = {}

    def pindah(self, instansi: dict[str, Any], asal: Path, medan: str, galat: dict[str, str]) -> None:
        logo = instansi.get("logo")
        if not isinstance(logo, str) or not logo.strip():
            return
        sumber = Path(logo.strip())
        sumber = sumber if sumber.is_absolute() else asal / sumber
        try:
            isi = sumber.read_bytes()
        except OSError:
            galat[medan] = f"berkas tidak ditemukan: {sumber}"
            return
        nama = f"logo/{sumber.name}"
        if self.sudah.get(nama, isi) != isi:
            nama = f"logo/{sha256(isi)[:8]}-{sumber.name}"
        if nama not in self.sudah:
            self.sudah[nama] = isi
            (self.staging / "logo").mkdir(exist_ok=True)
            (self.staging / nama).write_bytes(isi)
        instansi["logo"] = nama


def siapkan(siklus: dict[str, Any], basis: Path, staging: Path
            ) -> tuple[Siklus, list[Item], dict[str, Any], list[str]]:
    """Validate the cycle and every item (all errors at once); return the items in berkas order.

    Returns the cycle model, the numbered items, the cycle's instansi as stored (logo staged) and the warnings.
    Raises InputTidakValid with every bad field, paths like `item[3] (notulen-rapat).tanggal`.
    """
    peringatan: list[str] = []
    mentah = siklus.get("item") if isinstance(siklus, dict) else None
    mentah = mentah if isinstance(mentah, list) else []
    try:
        model = validasi(Siklus, siklus, peringatan)
    except InputTidakValid as exc:
        raise InputTidakValid(exc.pesan, fields={_label_path(p, mentah): m for p, m in exc.fields.items()}) from None
    assert isinstance(model, Siklus)
    peringatan = [_label_path(p.split(": ", 1)[0], mentah) + ": " + p.split(": ", 1)[1] if ": " in p else p
                  for p in peringatan]
    galat: dict[str, str] = {}
    logo = _Logo(staging)

    instansi_data = model.instansi.model_dump(mode="json", exclude_unset=True)
    logo.pindah(instansi_data, basis, "instansi.logo", galat)
    kinerja: Any = model.kinerja
    if isinstance(kinerja, str):
        try:
            kinerja = baca_json(basis / kinerja, "kinerja")
        except InputTidakValid as exc:
            galat.update(exc.fields)
            kinerja = None
        if isinstance(kinerja, dict) and isinstance(kinerja.get("kinerja"), dict):
            kinerja = kinerja["kinerja"]

    items: list[Item] = []
    for no_tulis, butir in enumerate(model.item, 1):
        jenis = documents.dapatkan(butir.jenis)
        nama = label(no_tulis, butir.jenis)
        asal = basis
        if butir.data is not None:
            data = copy.deepcopy(butir.data)
        else:
            path = basis / butir.data_berkas
            try:
                data = baca_json(path, f"{nama}.data_berkas")
            except InputTidakValid as exc:
                galat.update(exc.fields)
                continue
            if not isinstance(data, dict):
                galat[f"{nama}.data_berkas"] = f"{path.name} harus berupa objek JSON"
                continue
            asal = path.parent
        if "instansi" not in data:
            data["instansi"] = copy.deepcopy(instansi_data)
        elif isinstance(data["instansi"], dict):
            data["instansi"] = dict(data["instansi"])
            logo.pindah(data["instansi"], asal, f"{nama}.instansi.logo", galat)
        if "kinerja" in jenis.model.model_fields and "kinerja" not in data and kinerja is not None:
            data["kinerja"] = copy.deepcopy(kinerja)
        if model.urutan == "langkah" and butir.langkah is None:
            galat[f"{nama}.langkah"] = "wajib diisi bila urutan 'langkah' (atau pakai urutan 'sesuai_berkas')"
        try:
            m = validasi(jenis.model, data)  # warnings are collected when rendering
        except InputTidakValid as exc:
            galat.update({f"{nama}.{p}" if p else nama: pesan for p, pesan in exc.fields.items()})
            continue
        ringkas = jenis.ringkasan(m)
        items.append(Item(
            nomor="", langkah=butir.langkah, slug=jenis.slug, judul=jenis.judul,
            uraian=butir.uraian or ringkas.perihal or jenis.judul,
            nomor_surat=ringkas.nomor,
            kode_klasifikasi=butir.kode_klasifikasi or ringkas.kode_klasifikasi or model.berkas.kode_klasifikasi,
            tanggal=ringkas.tanggal, keterangan=butir.keterangan, data=data, label=nama, no_tulis=no_tulis,
        ))
    if galat:
        raise InputTidakValid(f"Data siklus tidak sah: {len(galat)} kolom perlu diperbaiki", fields=galat)
    items = urutkan(items, model.urutan)
    peringatan += peringatan_tanggal(items)
    return model, items, instansi_data, peringatan


def urutkan(items: list[Item], urutan: str) -> list[Item]:
    """Put items in berkas order and number them '01', '02'...; equal places keep the order written."""
    kunci = {"langkah": lambda ix: (items[ix].langkah or 0, ix),
             "tanggal": lambda ix: (items[ix].tanggal or dt.date.max, ix),
             "sesuai_berkas": lambda ix: ix}[urutan]
    hasil = [items[ix] for ix in sorted(range(len(items)), key=kunci)]
    for no, it in enumerate(hasil, 1):
        it.nomor = f"{no:02d}"
    return hasil


def peringatan_tanggal(items: list[Item]) -> list[str]:
    """Warn for every dated item dated before the dated item above it."""
    peringatan: list[str] = []
    terakhir: Item | None = None
    for it in items:
        if it.tanggal is None:
            continue
        if terakhir is not None and terakhir.tanggal is not None and it.tanggal < terakhir.tanggal:
            peringatan.append(
                f"{it.label}: item {it.nomor} ({it.judul}) bertanggal {locale_id.tanggal(it.tanggal)}, lebih awal "
                f"dari item {terakhir.nomor} ({terakhir.judul}, {locale_id.tanggal(terakhir.tanggal)}); periksa "
                "urutan atau tanggalnya")
        terakhir = it
    return peringatan
