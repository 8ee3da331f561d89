"""Making the berkas: prepare the items, render (or take as finished) and convert each, settle the Daftar Isi
Berkas, merge and stamp the PDF, write the daftar arsip, the manifest and the ZIP. Progress is reported and
cancellation checked between steps."""

from __future__ import annotations

import copy
import datetime as dt
import re
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen import locale_id, sementara, tata_letak
from docgen.bundle.daftar_arsip import daftar_arsip_xlsx
from docgen.bundle.manifest import anggota_zip, siklus_tersimpan, susun_manifest, versi_docgen
from docgen.bundle.model import SLUG_DAFTAR, HasilBerkas, Item, Lapor, NaskahJadi, Pembatal, Siklus, TemplatDipakai
from docgen.bundle.pdf import gabung_pdf, jumlah_halaman
from docgen.bundle.siapkan import baca_siklus, siapkan
from docgen.bundle.tetap import docx_tetap, nama_aman, zip_tetap
from docgen.convert import Konverter
from docgen.documents.daftar_isi_berkas import kurun_waktu
from docgen.errors import BerkasDibatalkan, DocgenError, InputTidakValid, KonversiGagal
from docgen.render import render


def periksa_siklus(siklus: dict[str, Any], *, basis: Path | None = None) -> tuple[list[Item], list[str]]:
    """Validate a cycle and number its items without rendering anything (fast: for a preview or a form).

    Returns the items in berkas order (nomor, slug, judul, uraian, nomor_surat, tanggal...; no pages yet) and
    the warnings. Raises InputTidakValid like susun_berkas.
    """
    with tempfile.TemporaryDirectory(prefix=sementara.awalan("berkas")) as tmp:
        _, items, _, peringatan = siapkan(siklus, basis or Path.cwd(), Path(tmp))
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
    naskah_jadi: Mapping[int, NaskahJadi] | None = None,
    templat_instansi: Mapping[str, bytes] | None = None,
) -> HasilBerkas:
    """Make the berkas of a cycle in memory and return it; no file is written.

    `basis` is the folder relative paths (data_berkas, kinerja, logos) are read from. `lapor(persen, pesan)`
    hears progress, naming the current item ("Item 3 dari 10: Notulen Rapat"); `dibatalkan()` (or an Event)
    is checked before every item and step. Without `konverter` one LibreOffice is started and stopped here.
    `waktu` is the generation time written to the manifest and ZIP entries (default: now).
    `naskah_jadi` maps an item's 1-based place in the cycle's item list to a finished paper (NaskahJadi: its
    .docx, its .pdf or None to convert that .docx here, the template it was made with), e.g. a finalised,
    numbered and QR-coded paper from the web app: it is filed as it is, not rendered again.
    `templat_instansi` maps a slug to an agency's own .docx template (checked when it was uploaded): the items
    rendered here and the Daftar Isi Berkas use it for their type, else `templates_dir/<slug>.docx`.
    The manifest records, per item, the template actually used (sha256_templat, sumber_templat).

    Raises InputTidakValid (every bad field of the cycle and of every item, paths like
    `item[3] (notulen-rapat).tanggal`), KonversiGagal (LibreOffice missing or failing), BerkasDibatalkan.
    """
    cek = _pembatal(dibatalkan)
    kabar = lapor or (lambda persen, pesan: None)
    basis = basis or Path.cwd()
    kabar(0, "Memeriksa data siklus")
    with tempfile.TemporaryDirectory(prefix=sementara.awalan("berkas")) as tmp:
        staging = Path(tmp)
        model, items, instansi_data, peringatan = siapkan(siklus, basis, staging)
        waktu = _waktu_setempat(waktu or dt.datetime.now(dt.UTC), model.instansi.zona_waktu)
        _cek_batal(cek)
        milik = konverter is None
        k = Konverter() if konverter is None else konverter
        try:
            kerja = _Kerja(model=model, peringatan=peringatan, staging=staging, templates_dir=templates_dir,
                           konverter=k, templat_instansi=templat_instansi or {})
            return _susun(kerja, items, instansi_data, kabar=kabar, cek=cek, waktu=waktu, jadi=naskah_jadi or {})
        finally:
            if milik:
                k.close()


# -- making the berkas -------------------------------------------------------------------------------------------


@dataclass
class _Kerja:
    """What making one berkas needs at every step: the cycle, the templates, LibreOffice, the warnings so far."""

    model: Siklus
    peringatan: list[str]
    staging: Path
    templates_dir: Path
    konverter: Konverter
    templat_instansi: Mapping[str, bytes]
    _bawaan: dict[str, TemplatDipakai] = field(default_factory=dict)

    def templat(self, slug: str) -> TemplatDipakai:
        """The template rendering `slug` uses here: the agency's own when given, else the built-in file."""
        isi = self.templat_instansi.get(slug)
        if isi is not None:
            return TemplatDipakai.instansi(slug, isi)
        if slug not in self._bawaan:
            self._bawaan[slug] = TemplatDipakai.bawaan(self.templates_dir, slug)
        return self._bawaan[slug]

    def ke_pdf(self, docx: bytes, label: str) -> bytes:
        """Convert with LibreOffice; raise KonversiGagal naming the item."""
        try:
            return self.konverter.ke_pdf(docx)
        except KonversiGagal as exc:
            raise KonversiGagal(f"{label}: {exc.pesan}") from None

    def buat(self, slug: str, data: dict[str, Any], label: str, *, tanggal: dt.date, judul: str, pengenal: str
             ) -> tuple[bytes, bytes, TemplatDipakai]:
        """Render one paper with its template, fix its bytes (docx_tetap) and convert it; errors name the item."""
        b = self.model.berkas
        try:
            hasil = render(slug, data, templates_dir=self.templates_dir, basis=self.staging,
                           templat=self.templat_instansi.get(slug))
        except DocgenError as exc:
            raise type(exc)(f"{label}: {exc.pesan}", fields={f"{label}.{p}" if p else label: m
                                                            for p, m in exc.fields.items()},
                            status=exc.status) from None
        self.peringatan.extend(p for p in (f"{label}.{x}" for x in hasil.peringatan) if p not in self.peringatan)
        docx = docx_tetap(hasil.docx, tanggal=tanggal, judul=judul, subjek=f"{b.kode} {b.judul}",
                          pengenal=pengenal, pembuat=self.model.instansi.nama)
        return docx, self.ke_pdf(docx, label), self.templat(slug)


def _susun(kerja: _Kerja, items: list[Item], instansi_data: dict[str, Any], *, kabar: Lapor,
           cek: Callable[[], bool], waktu: dt.datetime, jadi: Mapping[int, NaskahJadi]) -> HasilBerkas:
    model, b, n = kerja.model, kerja.model.berkas, len(items)
    versi = versi_docgen()
    for k, it in enumerate(items):
        _cek_batal(cek)
        kabar(2 + 78 * k // n, f"Item {k + 1} dari {n}: {it.judul}")
        naskah = jadi.get(it.no_tulis)
        if naskah is not None:
            it.docx, it.templat, it.jadi = naskah.docx, naskah.templat, True
            it.pdf = naskah.pdf if naskah.pdf is not None else kerja.ke_pdf(it.docx, it.label)
        else:
            it.docx, it.pdf, it.templat = kerja.buat(it.slug, it.data, it.label, tanggal=it.tanggal or model.tanggal,
                                                     judul=f"{it.judul}: {it.uraian}", pengenal=f"{b.kode}/{it.nomor}")
        it.halaman = jumlah_halaman(it.pdf)

    _cek_batal(cek)
    kabar(80, "Daftar Isi Berkas")
    berkas_data = {**b.model_dump(mode="json", exclude_unset=True),
                   "periode": b.periode or kurun_waktu([it.tanggal for it in items if it.tanggal]),
                   "tahun": b.tahun or model.tanggal.year}
    daftar = _daftar_isi(kerja, items, instansi_data, berkas_data)

    _cek_batal(cek)
    kabar(88, "Menggabungkan PDF dan membubuhkan cap halaman")
    nama_pdf = f"berkas-{nama_aman(b.kode)}.pdf"
    gabungan = gabung_pdf([daftar, *items], kode=b.kode, judul=f"Berkas {b.kode}: {b.judul}",
                          pembuat=model.instansi.nama, versi=versi)
    kerja.peringatan.extend(tata_letak.peringatan(gabungan, "Tata letak PDF gabungan"))

    _cek_batal(cek)
    kabar(95, "Menyusun ZIP: manifest dan daftar arsip")
    daerah = re.sub(r"^pemerintah\s+", "", model.instansi.pemerintah, flags=re.IGNORECASE)
    identitas = {**berkas_data, "instansi": f"{model.instansi.nama} {daerah}",
                 "tanggal": model.tanggal.isoformat(), "pemberkas": model.penandatangan.nama}
    xlsx = daftar_arsip_xlsx(identitas, items, nama_pdf=nama_pdf, total=jumlah_halaman(gabungan), waktu=waktu)
    siklus_simpan = siklus_tersimpan(model, items, instansi_data)
    manifest = susun_manifest(identitas, model, daftar, items, versi=versi, waktu=waktu, nama_pdf=nama_pdf,
                              gabungan=gabungan, xlsx=xlsx, peringatan=kerja.peringatan, siklus_simpan=siklus_simpan)
    isi_zip = zip_tetap(anggota_zip(daftar, items, nama_pdf=nama_pdf, gabungan=gabungan, manifest=manifest,
                                    xlsx=xlsx, siklus_simpan=siklus_simpan, staging=kerja.staging), waktu)
    kabar(100, f"Selesai: {n} item, {manifest['berkas_gabungan']['halaman']} halaman")
    return HasilBerkas(zip=isi_zip, pdf=gabungan, nama_pdf=nama_pdf, manifest=manifest, item=items,
                       peringatan=kerja.peringatan)


def _daftar_isi(kerja: _Kerja, items: list[Item], instansi_data: dict[str, Any], berkas_data: dict[str, Any]
                ) -> Item:
    """Render the Daftar Isi Berkas until its own page count settles; set every item's first page."""
    model, b = kerja.model, kerja.model.berkas
    penandatangan = model.penandatangan.model_dump(mode="json", exclude_unset=True)
    halaman_di = 1
    for _ in range(3):  # the list's own length moves every item's first page; settle it
        _halaman_awal(items, halaman_di)
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
        docx_di, pdf_di, templat_di = kerja.buat(SLUG_DAFTAR, data_di, "daftar isi berkas", tanggal=model.tanggal,
                                                 judul=f"Daftar Isi Berkas: {b.judul}", pengenal=f"{b.kode}/00")
        h = jumlah_halaman(pdf_di)
        if h == halaman_di:
            break
        halaman_di = h
    else:  # never settled (a list that grows and shrinks by a page): keep the manifest true to the PDF
        kerja.peringatan.append("daftar isi berkas: jumlah halamannya berubah-ubah; periksa nomor halaman di daftar "
                                "isi")
        _halaman_awal(items, halaman_di)
    return Item(nomor="00", langkah=None, slug=SLUG_DAFTAR, judul="Daftar Isi Berkas", uraian=b.judul,
                nomor_surat="", kode_klasifikasi=b.kode_klasifikasi, tanggal=model.tanggal, keterangan="",
                data=data_di, label="daftar isi berkas", docx=docx_di, pdf=pdf_di, halaman=halaman_di,
                halaman_awal=1, templat=templat_di)


def _halaman_awal(items: list[Item], halaman_daftar_isi: int) -> None:
    awal = halaman_daftar_isi + 1
    for it in items:
        it.halaman_awal, awal = awal, awal + it.halaman


def _waktu_setempat(waktu: dt.datetime, zona: str) -> dt.datetime:
    """The generation time in the agency's time zone (WIB/WITA/WIT); a naive time is taken as already local."""
    tz = locale_id.zona_waktu(zona)
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
