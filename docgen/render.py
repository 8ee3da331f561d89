"""Fill a .docx template: sandboxed, autoescaped Jinja within time and size limits; user line breaks kept; paper
size applied."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import DictLoader, StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SecurityError
from markupsafe import Markup, escape

from docgen import locale_id, pegawai
from docgen.batas_render import LingkunganBatas, TemplatTerlaluBerat, batas_bawaan
from docgen.documents import JenisDokumen, dapatkan
from docgen.errors import DocgenError, InputTidakValid
from docgen.hari_kerja import Kalender
from docgen.spasi_tetap import lekatkan_docx
from docgen.validation import validasi

UKURAN_KERTAS = {"F4": (Mm(215), Mm(330)), "A4": (Mm(210), Mm(297))}
_BR = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def _nip(v: str) -> str:
    return pegawai.format_nip(v) if v else ""


FILTERS: dict[str, Callable[..., Any]] = {
    "tanggal": locale_id.tanggal,
    "tanggal_hari": locale_id.tanggal_hari,
    "hari": locale_id.hari,
    "angka": locale_id.angka,
    "rupiah": locale_id.rupiah,
    "terbilang": locale_id.terbilang,
    "terbilang_rupiah": locale_id.terbilang_rupiah,
    "romawi": locale_id.romawi,
    "nip": _nip,
}


# Jinja globals no template needs; an uploaded template could use them to probe or to burn CPU (lipsum(10**6)).
_GLOBAL_DIBUANG = ("lipsum", "cycler", "joiner", "namespace")


def jinja_env(batas_detik: float | None = None, batas_teks: int | None = None) -> LingkunganBatas:
    """Return the sandboxed, autoescaping Jinja environment one document is rendered in (one per render).

    It keeps the limits of docgen.batas_render (a deadline of `batas_detik` seconds, at most `batas_teks`
    characters of XML, each by default from batas_bawaan(); no huge value built in one step), has no template
    loader (include/import/extends find nothing) and none of the globals lipsum, cycler, joiner and namespace."""
    bawaan_detik, bawaan_teks = batas_bawaan()
    batas_detik = bawaan_detik if batas_detik is None else batas_detik
    batas_teks = bawaan_teks if batas_teks is None else batas_teks
    env = LingkunganBatas(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                          loader=DictLoader({}), batas_detik=batas_detik, batas_teks=batas_teks, filters=FILTERS)
    for nama in _GLOBAL_DIBUANG:
        env.globals.pop(nama, None)
    return env


def teks_docx(teks: str) -> Markup:
    """Escape text for WordprocessingML, turning newlines into line breaks and tabs into tabs."""
    aman = str(escape(teks))
    return Markup(aman.replace("\n", _BR).replace("\t", _TAB))


def siapkan(nilai: Any) -> Any:
    """Walk a context and make every string with a newline or tab keep it in the document."""
    if isinstance(nilai, Markup) or not isinstance(nilai, (str, dict, list, tuple)):
        return nilai
    if isinstance(nilai, str):
        return teks_docx(nilai) if ("\n" in nilai or "\t" in nilai) else nilai
    if isinstance(nilai, dict):
        return {k: siapkan(v) for k, v in nilai.items()}
    return [siapkan(v) for v in nilai]


@dataclass
class Kit:
    """What a context builder may use: images, warnings, the input file's folder and the agency's working-day
    calendar (national holidays and cuti bersama only, unless the caller hands in the agency's)."""

    tpl: DocxTemplate
    basis: Path | None = None
    peringatan: list[str] = field(default_factory=list)
    kalender: Kalender = field(default_factory=Kalender)

    def gambar(self, path: Path, lebar_mm: float, medan: str) -> InlineImage:
        """Return an image for the template; a missing or unreadable file is an input error on `medan`."""
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as im:
                im.verify()
        except FileNotFoundError:
            raise InputTidakValid(
                "Berkas gambar tidak ditemukan", fields={medan: f"berkas tidak ditemukan: {path}"}
            ) from None
        except (UnidentifiedImageError, OSError):
            raise InputTidakValid(
                "Berkas gambar tidak dapat dibaca", fields={medan: f"bukan gambar PNG/JPEG: {path}"}
            ) from None
        return InlineImage(self.tpl, str(path), width=Mm(lebar_mm))

    def gambar_bytes(self, data: bytes, lebar_mm: float, tinggi_mm: float | None = None) -> InlineImage:
        """Return an image made by the program (PNG bytes, e.g. a chart) for the template; height: by aspect."""
        return InlineImage(self.tpl, io.BytesIO(data), width=Mm(lebar_mm),
                           height=Mm(tinggi_mm) if tinggi_mm is not None else None)

    def peringatkan(self, medan: str, pesan: str) -> None:
        """Record a warning to show the user; the document is still produced."""
        self.peringatan.append(f"{medan}: {pesan}" if medan else pesan)

    def periksa_hari_kerja(self, medan: str, tanggal: dt.date) -> None:
        """Warn when a deadline falls on a day that is not a working day (weekend, holiday, cuti bersama)."""
        if not self.kalender.hari_kerja(tanggal):
            sebab = ", ".join(h.keterangan for h in self.kalender.libur(tanggal)) or "akhir pekan"
            self.peringatkan(medan, f"{locale_id.tanggal_hari(tanggal)} bukan hari kerja ({sebab})")


@dataclass
class Hasil:
    """A rendered document: .docx bytes and the warnings raised while making it."""

    slug: str
    docx: bytes
    peringatan: list[str]
    data: Any = None


def render(
    jenis: JenisDokumen | str,
    data: dict[str, Any],
    *,
    templates_dir: Path,
    basis: Path | None = None,
    templat: bytes | None = None,
    batas_detik: float | None = None,
    batas_teks: int | None = None,
    kalender: Kalender | None = None,
) -> Hasil:
    """Validate `data` for a document type and return the filled .docx.

    `templat`: the .docx bytes of an agency's own template for this type (checked when it was uploaded); when
    None, `templates_dir/<slug>.docx` is used. Either way the template runs in the sandbox.
    Raises InputTidakValid (bad input, with every field), TidakDitemukan (unknown type or template),
    DocgenError (a template that cannot be rendered: 500 for a built-in one, 422 for an agency's own, and 422 for
    any template that tries to reach what the sandbox forbids), TemplatTerlaluBerat (422: filling took longer than
    `batas_detik` seconds or made more than `batas_teks` characters of XML; unnamed, the limits come from
    docgen.batas_render.batas_bawaan(): DOCGEN_BATAS_RENDER_DETIK, DOCGEN_BATAS_RENDER_MB, else 20 s and 20 MB).
    `kalender`: the agency's working days for deadline warnings (default: national holidays and cuti bersama).
    """
    jenis = dapatkan(jenis) if isinstance(jenis, str) else jenis
    if templat is not None:
        nama, status = f"instansi untuk {jenis.judul}", 422
        tpl = DocxTemplate(io.BytesIO(templat))
    else:
        template_path = templates_dir / f"{jenis.slug}.docx"
        if not template_path.exists():
            raise DocgenError(f"Templat {template_path.name} tidak ada di {templates_dir}", status=500)
        nama, status = template_path.name, 500
        tpl = DocxTemplate(str(template_path))
    model, konteks, peringatan = bangun_konteks(jenis, data, tpl, basis, kalender)
    env = jinja_env(batas_detik, batas_teks)
    try:
        tpl.render(konteks, env, autoescape=True)
    except TemplatTerlaluBerat as exc:
        raise exc.bernama(nama) from None
    except SecurityError as exc:
        raise DocgenError(f"Templat {nama} memuat ekspresi yang tidak diizinkan dan tidak dijalankan: {exc}. "
                          "Perbaiki templat itu atau kembalikan ke templat bawaan.", status=422) from None
    except UndefinedError as exc:
        raise DocgenError(f"Templat {nama} memakai variabel yang tidak disediakan: {exc}", status=status) from None
    except TemplateError as exc:
        raise DocgenError(f"Templat {nama} rusak: {exc}", status=status) from None
    except Exception as exc:  # an agency template's own mistake ({{ 1/0 }}) is not a server error
        if templat is None:
            raise
        raise DocgenError(f"Templat {nama} gagal diisi: {type(exc).__name__}: {exc}", status=422) from None
    try:
        if jenis.pasca is not None:
            jenis.pasca(tpl.docx, model)
        lekatkan_docx(tpl.docx)  # dates, NIP, "Rp 1.250.000", "2021–2026" never break across lines
        atur_kertas(tpl, model.instansi.pengaturan.ukuran_kertas if hasattr(model, "instansi") else "F4")
        buf = io.BytesIO()
        tpl.save(buf)
    except Exception as exc:  # the layout fix-ups expect the built-in template's structure
        if templat is None:
            raise
        raise DocgenError(f"Templat {nama} tidak dapat disusun: {type(exc).__name__}: {exc}", status=422) from None
    return Hasil(slug=jenis.slug, docx=buf.getvalue(), peringatan=peringatan, data=model)


def bangun_konteks(
    jenis: JenisDokumen, data: dict[str, Any], tpl: DocxTemplate, basis: Path | None = None,
    kalender: Kalender | None = None,
) -> tuple[Any, dict[str, Any], list[str]]:
    """Validate the input and build the template context; return (model, context, warnings)."""
    peringatan: list[str] = []
    model = validasi(jenis.model, data, peringatan)
    kit = Kit(tpl=tpl, basis=basis, peringatan=peringatan, kalender=kalender or Kalender())
    return model, siapkan(jenis.konteks(model, kit)), peringatan


def atur_kertas(tpl: DocxTemplate, ukuran: str) -> None:
    """Set every section to F4 or A4, keeping each section's orientation."""
    lebar, tinggi = UKURAN_KERTAS[ukuran]
    for section in tpl.docx.sections:
        landscape = (section.page_width or 0) > (section.page_height or 0)
        section.page_width, section.page_height = (tinggi, lebar) if landscape else (lebar, tinggi)
