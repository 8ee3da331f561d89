"""The numbered archive bundle (berkas) of one SOP cycle.

Every item is validated, rendered and converted; a Daftar Isi Berkas listing them (with their page counts)
comes first; one merged PDF has a bookmark per item and every page stamped with the berkas code, the item
number and "Hal. x dari y"; a ZIP holds the numbered .docx and .pdf files, the merged PDF, `manifest.json`
(SHA-256 of every file, input and template), `daftar-arsip.xlsx` and the inputs under `masukan/`, from which
`docgen bundle masukan/siklus.json` makes the same documents again.

The caller hands in the paths (templates, the cycle file's folder) and may pass a progress callback
`lapor(persen, pesan)` and a cancellation check `dibatalkan()` (or a `threading.Event`), looked at between items.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
import threading
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

from lxml import etree
from pydantic import Field, field_validator, model_validator
from pypdf import PdfReader, PdfWriter, Transformation

from docgen import documents, locale_id
from docgen.convert import Konverter
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, Nomor, Pejabat
from docgen.documents.daftar_isi_berkas import IdentitasBerkas, kurun_waktu
from docgen.errors import BerkasDibatalkan, DocgenError, InputTidakValid, KonversiGagal
from docgen.render import render
from docgen.validation import validasi
from docgen.xlsx_cetak import siapkan_cetak

SLUG_DAFTAR = "daftar-isi-berkas"
FORMAT = "docgen.berkas"
VERSI_FORMAT = 1
MAKS_ITEM = 99  # item numbers have two digits
MAKS_URAIAN_BOOKMARK = 90
CATATAN_HASH = ("SHA-256. sha256_masukan: JSON kanonik data masukan (sort_keys, ensure_ascii=False, "
                "separators=(',', ':')), sama dengan isi berkas masukan/NN-slug.json setelah diurai; "
                "sha256_templat: berkas templat .docx yang dipakai.")

Lapor = Callable[[int, str], None]
Pembatal = Callable[[], bool] | threading.Event


# -- the cycle file ----------------------------------------------------------------------------------------------


class ButirSiklus(Model):
    """One document of the cycle: its type and its input (inline or in a JSON file)."""

    jenis: Baris = Field(title="Jenis dokumen (slug)", examples=["nota-dinas"])
    langkah: int | None = Field(None, ge=1, le=999, title="Langkah SOP",
                                description="Nomor langkah SOP yang menghasilkan naskah ini (urutan 'langkah')")
    data: dict[str, Any] | None = Field(None, title="Data masukan", description="Seperti `docgen schema <jenis>`")
    data_berkas: BarisOpsional = Field("", title="Berkas data masukan",
                                       description="Path JSON, relatif terhadap berkas siklus")
    uraian: BarisOpsional = Field("", title="Uraian", description="Kosong: hal/tentang/judul naskah")
    kode_klasifikasi: BarisOpsional = Field("", title="Kode klasifikasi",
                                            description="Kosong: kode dari pola nomor naskah, atau kode berkas")
    keterangan: BarisOpsional = Field("", title="Keterangan", examples=["Asli", "Salinan"])

    @field_validator("jenis")
    @classmethod
    def _jenis(cls, v: str) -> str:
        if v == SLUG_DAFTAR:
            raise ValueError("Daftar Isi Berkas disusun otomatis; jangan dicantumkan sebagai item")
        dikenal = [j.slug for j in documents.semua() if j.slug != SLUG_DAFTAR]
        if v not in dikenal:
            raise ValueError(f"jenis dokumen '{v}' tidak dikenal; yang tersedia: {', '.join(dikenal)}")
        return v

    @model_validator(mode="after")
    def _satu_sumber(self) -> ButirSiklus:
        if (self.data is None) == (not self.data_berkas):
            raise ValueError("isi salah satu: data (di dalam berkas siklus) atau data_berkas (path JSON)")
        return self


class Siklus(Model):
    """A cycle to file: the berkas identity, what every item shares, and the items."""

    berkas: IdentitasBerkas = Field(title="Identitas berkas")
    instansi: Instansi = Field(title="Instansi", description="Dipakai setiap item yang tidak punya instansi sendiri")
    kinerja: dict[str, Any] | str | None = Field(
        None, title="Data kinerja bersama",
        description="Objek data kinerja, atau path berkas JSON-nya; dipakai item pengukuran tanpa kinerja sendiri",
    )
    tanggal: dt.date = Field(title="Tanggal daftar isi berkas")
    tempat: BarisOpsional = Field("", title="Tempat", description="Kosong: kota instansi")
    penandatangan: Pejabat = Field(title="Pemberkas (arsiparis atau pejabat pengolah)")
    urutan: Literal["langkah", "tanggal", "sesuai_berkas"] = Field(
        "langkah", title="Urutan item",
        description="langkah: menurut nomor langkah SOP; tanggal: menurut tanggal naskah; sesuai_berkas: "
                    "seperti ditulis. Item yang sama kedudukannya tetap dalam urutan tulisnya.",
    )
    item: list[ButirSiklus] = Field(min_length=1, max_length=MAKS_ITEM, title="Item berkas")


# -- results -----------------------------------------------------------------------------------------------------


@dataclass
class Item:
    """One numbered item of the berkas, as rendered."""

    nomor: str  # "01"
    langkah: int | None
    slug: str
    judul: str
    uraian: str
    nomor_surat: str
    kode_klasifikasi: str
    tanggal: dt.date | None
    keterangan: str
    data: dict[str, Any]
    label: str  # "item[3] (notulen-rapat)": where the item is in the cycle file
    no_tulis: int = 0  # 1-based place in the cycle file's item list
    jadi: bool = False  # filed from finished files (berkas_jadi), not rendered here
    docx: bytes = b""
    pdf: bytes = b""
    halaman: int = 0
    halaman_awal: int = 0

    @property
    def nama(self) -> str:
        """File name stem in the ZIP: '03-notulen-rapat'."""
        return f"{self.nomor}-{self.slug}"


@dataclass
class HasilBerkas:
    """A finished berkas: the ZIP bytes, the merged PDF and the manifest, with the warnings raised."""

    zip: bytes
    pdf: bytes
    nama_pdf: str
    manifest: dict[str, Any]
    item: list[Item]
    peringatan: list[str] = field(default_factory=list)

    @property
    def jumlah_halaman(self) -> int:
        """Pages of the merged PDF, the Daftar Isi Berkas included."""
        return int(self.manifest["berkas_gabungan"]["halaman"])

    def simpan(self, path: Path) -> None:
        """Write the ZIP atomically: a temporary file in the same folder, then a rename."""
        tulis_atomik(path, self.zip)


# -- public API --------------------------------------------------------------------------------------------------


def baca_siklus(path: Path) -> dict[str, Any]:
    """Read a cycle file (JSON object). Raises InputTidakValid when missing, unreadable or not JSON."""
    data = _baca_json(path, "")
    if not isinstance(data, dict):
        raise InputTidakValid("Berkas siklus harus berupa objek JSON", fields={"": "harus berupa objek JSON"})
    return data


def periksa_siklus(siklus: dict[str, Any], *, basis: Path | None = None) -> tuple[list[Item], list[str]]:
    """Validate a cycle and number its items without rendering anything (fast: for a preview or a form).

    Returns the items in berkas order (nomor, slug, judul, uraian, nomor_surat, tanggal...; no pages yet) and
    the warnings. Raises InputTidakValid like susun_berkas.
    """
    with tempfile.TemporaryDirectory(prefix="docgen-berkas-") as tmp:
        _, items, _, peringatan = _siapkan(siklus, basis or Path.cwd(), Path(tmp))
    return items, peringatan


def tulis_berkas(
    siklus_path: Path,
    keluaran: Path,
    *,
    templates_dir: Path,
    konverter: Konverter | None = None,
    lapor: Lapor | None = None,
    dibatalkan: Pembatal | None = None,
    waktu: dt.datetime | None = None,
) -> HasilBerkas:
    """Read a cycle file, make its berkas and write the ZIP to `keluaran` (atomically; nothing on failure).

    Raises InputTidakValid (also when `keluaran` cannot be written), KonversiGagal, BerkasDibatalkan
    (see susun_berkas).
    """
    siklus = baca_siklus(siklus_path)
    hasil = susun_berkas(siklus, templates_dir=templates_dir, basis=siklus_path.parent, konverter=konverter,
                         lapor=lapor, dibatalkan=dibatalkan, waktu=waktu)
    _cek_batal(_pembatal(dibatalkan))
    try:
        hasil.simpan(keluaran)
    except OSError as exc:
        raise InputTidakValid(f"Berkas {keluaran} tidak dapat ditulis: {exc.strerror or exc}",
                              fields={"keluaran": f"tidak dapat ditulis: {exc.strerror or exc}"}) from None
    return hasil


def susun_berkas(
    siklus: dict[str, Any],
    *,
    templates_dir: Path,
    basis: Path | None = None,
    konverter: Konverter | None = None,
    lapor: Lapor | None = None,
    dibatalkan: Pembatal | None = None,
    waktu: dt.datetime | None = None,
    berkas_jadi: Mapping[int, tuple[bytes, bytes | None]] | None = None,
) -> HasilBerkas:
    """Make the berkas of a cycle in memory and return it; no file is written.

    `basis` is the folder relative paths (data_berkas, kinerja, logos) are read from. `lapor(persen, pesan)`
    hears progress, naming the current item ("Item 3 dari 10: Notulen Rapat"); `dibatalkan()` (or an Event)
    is checked before every item and step. Without `konverter` one LibreOffice is started and stopped here.
    `waktu` is the generation time written to the manifest and ZIP entries (default: now).
    `berkas_jadi` maps an item's 1-based place in the cycle's item list to its finished (.docx, .pdf or None: then
    that .docx is converted here), e.g. a
    finalised, numbered and QR-coded paper from the web app: it is filed as it is, not rendered again.

    Raises InputTidakValid (every bad field of the cycle and of every item, paths like
    `item[3] (notulen-rapat).tanggal`), KonversiGagal (LibreOffice missing or failing), BerkasDibatalkan.
    """
    cek = _pembatal(dibatalkan)
    kabar = lapor or (lambda persen, pesan: None)
    basis = basis or Path.cwd()
    kabar(0, "Memeriksa data siklus")
    with tempfile.TemporaryDirectory(prefix="docgen-berkas-") as tmp:
        staging = Path(tmp)
        model, items, instansi_data, peringatan = _siapkan(siklus, basis, staging)
        waktu = _waktu_setempat(waktu or dt.datetime.now(dt.UTC), model.instansi.zona_waktu)
        _cek_batal(cek)
        milik = konverter is None
        k = Konverter() if konverter is None else konverter
        try:
            return _susun(model, items, instansi_data, peringatan, staging=staging, templates_dir=templates_dir,
                          konverter=k, kabar=kabar, cek=cek, waktu=waktu, jadi=berkas_jadi or {})
        finally:
            if milik:
                k.close()


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


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def json_kanonik(data: Any) -> bytes:
    """The canonical JSON of input data whose SHA-256 the manifest records."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def tulis_atomik(path: Path, data: bytes) -> None:
    """Write a file through a temporary file in the same folder and a rename; no partial file on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def versi_docgen() -> str:
    """The installed docgen version (package metadata), or the module's when not installed."""
    try:
        return metadata.version("docgen")
    except metadata.PackageNotFoundError:
        import docgen

        return docgen.__version__


# -- preparing the items -----------------------------------------------------------------------------------------


ZONA = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


def _waktu_setempat(waktu: dt.datetime, zona: str) -> dt.datetime:
    """The generation time in the agency's time zone (WIB/WITA/WIT); a naive time is taken as already local."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        tz: dt.tzinfo = ZoneInfo(ZONA[zona])
    except (KeyError, ZoneInfoNotFoundError):
        tz = dt.timezone(dt.timedelta(hours={"WIB": 7, "WITA": 8, "WIT": 9}.get(zona, 7)))
    return waktu.replace(tzinfo=tz) if waktu.tzinfo is None else waktu.astimezone(tz)


def _pembatal(dibatalkan: Pembatal | None) -> Callable[[], bool]:
    if dibatalkan is None:
        return lambda: False
    if isinstance(dibatalkan, threading.Event):
        return dibatalkan.is_set
    return dibatalkan


def _cek_batal(cek: Callable[[], bool]) -> None:
    if cek():
        raise BerkasDibatalkan("Penyusunan berkas dibatalkan; tidak ada berkas yang ditulis.")


def _label(no_tulis: int, slug: object) -> str:
    return f"item[{no_tulis}] ({slug})" if isinstance(slug, str) and slug else f"item[{no_tulis}]"


def _label_path(path: str, mentah: list[Any]) -> str:
    """'item.2.jenis' (pydantic, 0-based) -> 'item[3] (slug).jenis' (the n-th item of the file)."""
    m = re.match(r"^item\.(\d+)(?:\.(.*))?$", path)
    if not m:
        return path
    i = int(m.group(1))
    slug = mentah[i].get("jenis") if i < len(mentah) and isinstance(mentah[i], dict) else None
    label = _label(i + 1, slug)
    return f"{label}.{m.group(2)}" if m.group(2) else label


def _baca_json(path: Path, medan: str) -> Any:
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


def _siapkan(siklus: dict[str, Any], basis: Path, staging: Path
             ) -> tuple[Siklus, list[Item], dict[str, Any], list[str]]:
    """Validate the cycle and every item (all errors at once); return the items in berkas order."""
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
            kinerja = _baca_json(basis / kinerja, "kinerja")
        except InputTidakValid as exc:
            galat.update(exc.fields)
            kinerja = None
        if isinstance(kinerja, dict) and isinstance(kinerja.get("kinerja"), dict):
            kinerja = kinerja["kinerja"]

    items: list[Item] = []
    for no_tulis, butir in enumerate(model.item, 1):
        jenis = documents.dapatkan(butir.jenis)
        label = _label(no_tulis, butir.jenis)
        asal = basis
        if butir.data is not None:
            data = copy.deepcopy(butir.data)
        else:
            path = basis / butir.data_berkas
            try:
                data = _baca_json(path, f"{label}.data_berkas")
            except InputTidakValid as exc:
                galat.update(exc.fields)
                continue
            if not isinstance(data, dict):
                galat[f"{label}.data_berkas"] = f"{path.name} harus berupa objek JSON"
                continue
            asal = path.parent
        if "instansi" not in data:
            data["instansi"] = copy.deepcopy(instansi_data)
        elif isinstance(data["instansi"], dict):
            data["instansi"] = dict(data["instansi"])
            logo.pindah(data["instansi"], asal, f"{label}.instansi.logo", galat)
        if "kinerja" in jenis.model.model_fields and "kinerja" not in data and kinerja is not None:
            data["kinerja"] = copy.deepcopy(kinerja)
        if model.urutan == "langkah" and butir.langkah is None:
            galat[f"{label}.langkah"] = "wajib diisi bila urutan 'langkah' (atau pakai urutan 'sesuai_berkas')"
        try:
            m = validasi(jenis.model, data)  # warnings are collected when rendering
        except InputTidakValid as exc:
            galat.update({f"{label}.{p}" if p else label: pesan for p, pesan in exc.fields.items()})
            continue
        tanggal = _tanggal(m)
        items.append(Item(
            nomor="", langkah=butir.langkah, slug=jenis.slug, judul=jenis.judul,
            uraian=butir.uraian or _uraian(jenis.slug, m) or jenis.judul,
            nomor_surat=_nomor_surat(m, tanggal),
            kode_klasifikasi=butir.kode_klasifikasi or _kode(m) or model.berkas.kode_klasifikasi,
            tanggal=tanggal, keterangan=butir.keterangan, data=data, label=label, no_tulis=no_tulis,
        ))
    if galat:
        raise InputTidakValid(f"Data siklus tidak sah: {len(galat)} kolom perlu diperbaiki", fields=galat)

    urut = {"langkah": lambda ix: (items[ix].langkah or 0, ix),
            "tanggal": lambda ix: (items[ix].tanggal or dt.date.max, ix),
            "sesuai_berkas": lambda ix: ix}[model.urutan]
    items = [items[ix] for ix in sorted(range(len(items)), key=urut)]
    terakhir: Item | None = None
    for no, it in enumerate(items, 1):
        it.nomor = f"{no:02d}"
        if it.tanggal is None:
            continue
        if terakhir is not None and terakhir.tanggal is not None and it.tanggal < terakhir.tanggal:
            peringatan.append(
                f"{it.label}: item {it.nomor} ({it.judul}) bertanggal {locale_id.tanggal(it.tanggal)}, lebih awal "
                f"dari item {terakhir.nomor} ({terakhir.judul}, {locale_id.tanggal(terakhir.tanggal)}); periksa "
                "urutan atau tanggalnya")
        terakhir = it
    return model, items, instansi_data, peringatan


def _tanggal(m: Any) -> dt.date | None:
    t = getattr(m, "tanggal", None)
    return t if isinstance(t, dt.date) else None


def _nomor_surat(m: Any, tanggal: dt.date | None) -> str:
    nomor = getattr(m, "nomor", None)
    if not isinstance(nomor, Nomor):
        return ""
    if nomor.teks or not nomor.pola:
        return nomor.teks
    return nomor.cetak(tanggal).strip() if tanggal else ""  # a pattern without a date would take today's


def _kode(m: Any) -> str:
    nomor = getattr(m, "nomor", None)
    return nomor.kode_klasifikasi if isinstance(nomor, Nomor) else ""


def _uraian(slug: str, m: Any) -> str:
    """What the document is about, for the Daftar Isi (the type's name is printed above it)."""
    from docgen.documents.pengukuran_bagian import nama_triwulan, periode

    if slug == "notulen-rapat":
        return m.judul
    if slug == "rencana-kegiatan":
        return f"{m.judul} Tahun {m.tahun}"
    if slug == "checklist-dokumen":
        return f"{m.judul} ({m.periode})"
    if slug == "lembar-disposisi":
        return f"{m.hal} (surat {m.surat_dari} Nomor {m.nomor_surat})"
    if slug == "surat-pengantar":
        lain = f" dan {len(m.naskah) - 1} naskah lain" if len(m.naskah) > 1 else ""
        return f"Penyampaian {m.naskah[0].naskah}{lain}"
    if slug == "formulir-capaian":
        unit = m.unit_kerja or "Seluruh Unit Kerja"
        return f"{nama_triwulan(m.triwulan)} Tahun {m.kinerja.tahun}, {unit}"
    if slug in ("kertas-kerja-pengukuran", "rekapitulasi-capaian", "lkjip"):
        return f"Periode {periode(m.kinerja)}"
    if slug == "laporan-hasil-pengukuran":
        return m.hal or f"Periode {periode(m.kinerja)}"
    for nama in ("hal", "tentang", "judul", "acara"):
        nilai = getattr(m, nama, None)
        if isinstance(nilai, str) and nilai:
            return nilai
    return ""


# -- making the berkas -------------------------------------------------------------------------------------------


def _susun(model: Siklus, items: list[Item], instansi_data: dict[str, Any], peringatan: list[str], *,
           staging: Path, templates_dir: Path, konverter: Konverter, kabar: Lapor, cek: Callable[[], bool],
           waktu: dt.datetime, jadi: Mapping[int, tuple[bytes, bytes | None]]) -> HasilBerkas:
    n = len(items)
    versi = versi_docgen()
    b = model.berkas
    periode = b.periode or kurun_waktu([it.tanggal for it in items if it.tanggal])
    tahun = b.tahun or model.tanggal.year
    pembuat = model.instansi.nama

    def buat(slug: str, data: dict[str, Any], label: str, tanggal: dt.date, judul: str, pengenal: str
             ) -> tuple[bytes, bytes, int]:
        try:
            hasil = render(slug, data, templates_dir=templates_dir, basis=staging)
        except DocgenError as exc:
            raise type(exc)(f"{label}: {exc.pesan}", fields={f"{label}.{p}" if p else label: m
                                                            for p, m in exc.fields.items()},
                            status=exc.status) from None
        peringatan.extend(p for p in (f"{label}.{x}" for x in hasil.peringatan) if p not in peringatan)
        docx = docx_tetap(hasil.docx, tanggal=tanggal, judul=judul, subjek=f"{b.kode} {b.judul}",
                          pengenal=pengenal, pembuat=pembuat)
        try:
            pdf = konverter.ke_pdf(docx)
        except KonversiGagal as exc:
            raise KonversiGagal(f"{label}: {exc.pesan}") from None
        return docx, pdf, len(PdfReader(io.BytesIO(pdf)).pages)

    for k, it in enumerate(items):
        _cek_batal(cek)
        kabar(2 + 78 * k // n, f"Item {k + 1} dari {n}: {it.judul}")
        if it.no_tulis in jadi:
            it.docx, pdf_jadi = jadi[it.no_tulis]
            try:
                it.pdf = pdf_jadi if pdf_jadi is not None else konverter.ke_pdf(it.docx)
            except KonversiGagal as exc:
                raise KonversiGagal(f"{it.label}: {exc.pesan}") from None
            it.halaman = len(PdfReader(io.BytesIO(it.pdf)).pages)
            it.jadi = True
            continue
        it.docx, it.pdf, it.halaman = buat(it.slug, it.data, it.label, it.tanggal or model.tanggal,
                                           f"{it.judul}: {it.uraian}", f"{b.kode}/{it.nomor}")

    _cek_batal(cek)
    kabar(80, "Daftar Isi Berkas")
    penandatangan = model.penandatangan.model_dump(mode="json", exclude_unset=True)
    berkas_data = {**b.model_dump(mode="json", exclude_unset=True), "periode": periode, "tahun": tahun}
    halaman_di = 1
    for _ in range(3):  # the list's own length moves every item's first page; settle it
        awal = halaman_di + 1
        for it in items:
            it.halaman_awal, awal = awal, awal + it.halaman
        data_di = {
            "instansi": copy.deepcopy(instansi_data),
            "berkas": berkas_data,
            "item": [{"jenis": it.judul, "uraian": it.uraian, "nomor_surat": it.nomor_surat,
                      "kode_klasifikasi": it.kode_klasifikasi,
                      "tanggal": it.tanggal.isoformat() if it.tanggal else None, "halaman": it.halaman,
                      "halaman_awal": it.halaman_awal, "keterangan": it.keterangan} for it in items],
            "halaman_daftar_isi": halaman_di,
            "tanggal": model.tanggal.isoformat(),
            "tempat": model.tempat,
            "penandatangan": penandatangan,
        }
        docx_di, pdf_di, h = buat(SLUG_DAFTAR, data_di, "daftar isi berkas", model.tanggal,
                                  f"Daftar Isi Berkas: {b.judul}", f"{b.kode}/00")
        if h == halaman_di:
            break
        halaman_di = h
    else:  # never settled (a list that grows and shrinks by a page): keep the manifest true to the PDF
        peringatan.append("daftar isi berkas: jumlah halamannya berubah-ubah; periksa nomor halaman di daftar isi")
        awal = halaman_di + 1
        for it in items:
            it.halaman_awal, awal = awal, awal + it.halaman
    daftar = Item(nomor="00", langkah=None, slug=SLUG_DAFTAR, judul="Daftar Isi Berkas", uraian=b.judul,
                  nomor_surat="", kode_klasifikasi=b.kode_klasifikasi, tanggal=model.tanggal, keterangan="",
                  data=data_di, label="daftar isi berkas", docx=docx_di, pdf=pdf_di, halaman=halaman_di,
                  halaman_awal=1)

    _cek_batal(cek)
    kabar(88, "Menggabungkan PDF dan membubuhkan cap halaman")
    nama_pdf = f"berkas-{nama_aman(b.kode)}.pdf"
    gabungan = gabung_pdf([daftar, *items], kode=b.kode, judul=f"Berkas {b.kode}: {b.judul}", pembuat=pembuat,
                          versi=versi)

    _cek_batal(cek)
    kabar(95, "Menyusun ZIP: manifest dan daftar arsip")
    daerah = re.sub(r"^pemerintah\s+", "", model.instansi.pemerintah, flags=re.IGNORECASE)
    identitas = {**berkas_data, "instansi": f"{model.instansi.nama} {daerah}",
                 "tanggal": model.tanggal.isoformat(), "pemberkas": model.penandatangan.nama}
    xlsx = daftar_arsip_xlsx(identitas, items, nama_pdf=nama_pdf, total=len(PdfReader(io.BytesIO(gabungan)).pages),
                             waktu=waktu)
    siklus_simpan = _siklus_tersimpan(model, items, instansi_data)
    manifest = _manifest(identitas, model, daftar, items, templates_dir, versi=versi, waktu=waktu,
                         nama_pdf=nama_pdf, gabungan=gabungan, xlsx=xlsx, peringatan=peringatan,
                         siklus_simpan=siklus_simpan)
    anggota: list[tuple[str, bytes]] = []
    for it in (daftar, *items):
        anggota += [(f"{it.nama}.docx", it.docx), (f"{it.nama}.pdf", it.pdf)]
    anggota += [(nama_pdf, gabungan), ("manifest.json", _json_cantik(manifest)), ("daftar-arsip.xlsx", xlsx),
                ("masukan/siklus.json", _json_cantik(siklus_simpan))]
    anggota += [(f"masukan/{it.nama}.json", _json_cantik(it.data)) for it in (daftar, *items)]
    anggota += [(f"masukan/{p.relative_to(staging).as_posix()}", p.read_bytes())
                for p in sorted((staging / "logo").glob("*")) if p.is_file()]
    isi_zip = _zip(anggota, waktu)
    kabar(100, f"Selesai: {n} item, {manifest['berkas_gabungan']['halaman']} halaman")
    return HasilBerkas(zip=isi_zip, pdf=gabungan, nama_pdf=nama_pdf, manifest=manifest, item=items,
                       peringatan=peringatan)


def nama_aman(teks: str) -> str:
    """A file-name-safe form of a berkas code: '000.8.3.3/PK-TW4/2024' -> '000.8.3.3-PK-TW4-2024'."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", teks).strip("-.") or "berkas"


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


# -- merged PDF --------------------------------------------------------------------------------------------------


def teks_cap(kode: str, nomor: str, i: int, n: int, x: int, y: int) -> str:
    """The stamp on page x of y: berkas code, item number (00 = the Daftar Isi) with its own page, and x of y."""
    bagian = "Daftar Isi" if nomor == "00" else f"Item {nomor}"
    return f"Berkas {kode}  \u00b7  {bagian}, hal. {i}/{n}  \u00b7  Hal. {x} dari {y}"


def judul_bookmark(it: Item) -> str:
    """'03 Notulen Rapat \u2013 <uraian>' (shortened), or '00 Daftar Isi Berkas'."""
    if it.nomor == "00":
        return f"00 {it.judul}"
    uraian = it.uraian if len(it.uraian) <= MAKS_URAIAN_BOOKMARK else it.uraian[:MAKS_URAIAN_BOOKMARK - 1] + "\u2026"
    return f"{it.nomor} {it.judul} \u2013 {uraian}"


def gabung_pdf(bagian: list[Item], *, kode: str, judul: str, pembuat: str = "", versi: str = "") -> bytes:
    """Merge the items' PDFs in order: one bookmark per item, every page stamped (see teks_cap)."""
    writer = PdfWriter()
    awal: list[int] = []
    cap: list[tuple[float, float, str]] = []
    readers = [PdfReader(io.BytesIO(it.pdf)) for it in bagian]
    total = sum(len(r.pages) for r in readers)
    for it, reader in zip(bagian, readers, strict=True):
        awal.append(len(writer.pages))
        jumlah = len(reader.pages)
        for i, page in enumerate(reader.pages, 1):
            halaman = writer.add_page(page)
            if halaman.rotation % 360:
                halaman.transfer_rotation_to_content()
            kotak = halaman.mediabox
            cap.append((float(kotak.width), float(kotak.height),
                        teks_cap(kode, it.nomor, i, jumlah, len(writer.pages), total)))
    stempel = PdfReader(io.BytesIO(_halaman_cap(cap)))
    for halaman, lapis in zip(writer.pages, stempel.pages, strict=True):
        kotak = halaman.mediabox
        halaman.merge_transformed_page(lapis, Transformation().translate(float(kotak.left), float(kotak.bottom)))
    for it, mulai in zip(bagian, awal, strict=True):
        writer.add_outline_item(title=judul_bookmark(it), page_number=mulai)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": judul, "/Author": pembuat, "/Creator": f"docgen {versi}".strip(),
                         "/Subject": f"Berkas {kode}"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _huruf_cap() -> str:
    """The stamp's font: Liberation Sans embedded (any Unicode text of a berkas code prints), else Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "LiberationSans" in pdfmetrics.getRegisteredFontNames():
        return "LiberationSans"
    for folder in ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation"):
        path = Path(folder) / "LiberationSans-Regular.ttf"
        if path.exists():
            pdfmetrics.registerFont(TTFont("LiberationSans", str(path)))
            return "LiberationSans"
    return "Helvetica"


def _halaman_cap(cap: list[tuple[float, float, str]]) -> bytes:
    """One overlay page per stamp, each the size of its page: small grey text in the bottom-right margin."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    huruf = _huruf_cap()
    buf = io.BytesIO()
    c = Canvas(buf, invariant=True)
    for lebar, tinggi, teks in cap:
        c.setPageSize((lebar, tinggi))
        c.setFont(huruf, 7.5)
        c.setFillGray(0.3)
        c.drawRightString(lebar - 20 * mm, 6 * mm, teks)
        c.showPage()
    c.save()
    return buf.getvalue()


# -- ZIP, manifest, daftar arsip ---------------------------------------------------------------------------------


def _json_cantik(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _zip(anggota: list[tuple[str, bytes]], waktu: dt.datetime) -> bytes:
    stempel = (max(waktu.year, 1980), waktu.month, waktu.day, waktu.hour, waktu.minute, waktu.second)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for nama, isi in anggota:
            zi = zipfile.ZipInfo(nama, date_time=stempel)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, isi)
    return buf.getvalue()


def _siklus_tersimpan(model: Siklus, items: list[Item], instansi_data: dict[str, Any]) -> dict[str, Any]:
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


def _templat(templates_dir: Path, slug: str) -> tuple[str, str]:
    path = templates_dir / f"{slug}.docx"
    return path.name, sha256(path.read_bytes())


def _manifest(identitas: dict[str, Any], model: Siklus, daftar: Item, items: list[Item], templates_dir: Path, *,
              versi: str, waktu: dt.datetime, nama_pdf: str, gabungan: bytes, xlsx: bytes, peringatan: list[str],
              siklus_simpan: dict[str, Any]) -> dict[str, Any]:
    def butir(it: Item) -> dict[str, Any]:
        templat, hash_templat = _templat(templates_dir, it.slug)
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
            "templat": templat,
            "sha256_docx": sha256(it.docx),
            "sha256_pdf": sha256(it.pdf),
            "sha256_masukan": sha256(json_kanonik(it.data)),
            "sha256_templat": hash_templat,
            "sumber": "naskah jadi (diarsipkan apa adanya)" if it.jadi else "disusun dari masukan",
        }

    return {
        "format": FORMAT,
        "versi_format": VERSI_FORMAT,
        "perangkat_lunak": {"nama": "docgen", "versi": versi},
        "dibuat": waktu.isoformat(timespec="seconds"),
        "berkas": identitas,
        "urutan": model.urutan,
        "jumlah_item": len(items),
        "catatan_hash": CATATAN_HASH,
        "daftar_isi": butir(daftar),
        "item": [butir(it) for it in items],
        "berkas_gabungan": {"nama": nama_pdf, "halaman": len(PdfReader(io.BytesIO(gabungan)).pages),
                            "sha256": sha256(gabungan)},
        "daftar_arsip": {"nama": "daftar-arsip.xlsx", "sha256": sha256(xlsx)},
        "siklus": {"nama": "masukan/siklus.json", "sha256": sha256(_json_cantik(siklus_simpan))},
        "peringatan": list(peringatan),
    }


KOLOM_XLSX = ("No", "Kode Klasifikasi", "Uraian", "Tanggal", "Jumlah Halaman", "Nomor Surat", "Keterangan",
              "Halaman dalam Berkas", "Nama Berkas")
LEBAR_XLSX = (6, 17, 58, 13, 11, 30, 16, 13, 30)


def daftar_arsip_xlsx(identitas: dict[str, Any], items: list[Item], *, nama_pdf: str, total: int,
                      waktu: dt.datetime) -> bytes:
    """The archive list as a workbook: berkas identity above, one row per item, A4 landscape print setup."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    tipis = Side(style="thin", color="808080")
    bingkai = Border(left=tipis, right=tipis, top=tipis, bottom=tipis)
    wb = Workbook()
    ws = wb.active
    ws.title = "Daftar Arsip"
    akhir = get_column_letter(len(KOLOM_XLSX))
    ws["A1"] = "DAFTAR ARSIP"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{akhir}1")
    ws["A2"] = identitas["instansi"]
    ws.merge_cells(f"A2:{akhir}2")
    baris_identitas = [
        ("Kode/Nomor Berkas", identitas["kode"]),
        ("Judul Berkas", identitas["judul"]),
        ("Unit Pengolah", identitas["unit_pengolah"]),
        ("Kode Klasifikasi", identitas.get("kode_klasifikasi") or "-"),
        ("Kurun Waktu", identitas["periode"]),
        ("Tahun", identitas["tahun"]),
        ("Jumlah Item", len(items)),
        ("Jumlah Halaman", f"{total} halaman termasuk daftar isi ({nama_pdf})"),
    ]
    if identitas.get("lokasi"):
        baris_identitas.append(("Lokasi Simpan", identitas["lokasi"]))
    r = 4
    for label, nilai in baris_identitas:
        ws.cell(r, 1, label).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.cell(r, 3, nilai).alignment = Alignment(horizontal="left")
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=len(KOLOM_XLSX))
        r += 1
    kepala = r + 1
    for c, (judul, lebar) in enumerate(zip(KOLOM_XLSX, LEBAR_XLSX, strict=True), 1):
        sel = ws.cell(kepala, c, judul)
        sel.font = Font(bold=True)
        sel.fill = PatternFill("solid", fgColor="D9D9D9")
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sel.border = bingkai
        ws.column_dimensions[get_column_letter(c)].width = lebar
    for k, it in enumerate(items, 1):
        akhir_hal = it.halaman_awal + it.halaman - 1
        nilai = (k, it.kode_klasifikasi or "-", f"{it.judul}: {it.uraian}", it.tanggal, it.halaman,
                 it.nomor_surat or "-", it.keterangan or "-",
                 f"{it.halaman_awal}-{akhir_hal}" if akhir_hal > it.halaman_awal else str(it.halaman_awal),
                 f"{it.nama}.pdf")
        for c, v in enumerate(nilai, 1):
            sel = ws.cell(kepala + k, c, v)
            sel.border = bingkai
            sel.alignment = Alignment(vertical="top", wrap_text=c in (3, 6, 7, 9),
                                      horizontal="center" if c in (1, 2, 4, 5, 8) else "left")
            if c == 4 and v is not None:
                sel.number_format = "DD/MM/YYYY"
    jumlah = kepala + len(items) + 1
    ws.cell(jumlah, 1, "Jumlah halaman naskah").font = Font(bold=True)
    ws.merge_cells(start_row=jumlah, start_column=1, end_row=jumlah, end_column=4)
    ws.cell(jumlah, 1).alignment = Alignment(horizontal="right")
    ws.cell(jumlah, 5, sum(it.halaman for it in items)).font = Font(bold=True)
    ws.cell(jumlah, 5).alignment = Alignment(horizontal="center")
    for c in range(1, len(KOLOM_XLSX) + 1):
        ws.cell(jumlah, c).border = bingkai
    ws.freeze_panes = ws.cell(kepala + 1, 1)
    siapkan_cetak(ws, kepala)
    polos = waktu.astimezone(dt.UTC).replace(tzinfo=None)
    wb.properties.creator = "docgen"
    wb.properties.title = f"Daftar Arsip {identitas['kode']}"
    wb.properties.created = polos
    wb.properties.modified = polos
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
