"""Check .docx templates like code: Jinja compiles, tags sit in one run, no curly quotes, known variables."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from lxml import etree

from docgen.render import jinja_env

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_KUTIP_MIRING = "\u201c\u201d\u2018\u2019\u201e\u201a"
_BAGIAN = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml$")


@dataclass
class Temuan:
    """One problem found in a template, with where it is and the text around it."""

    berkas: str
    bagian: str
    pesan: str
    konteks: str = ""

    def __str__(self) -> str:
        sekitar = f' — di sekitar: "{self.konteks}"' if self.konteks else ""
        return f"{self.berkas} [{self.bagian}]: {self.pesan}{sekitar}"


def _sekitar(teks: str, mulai: int, akhir: int, lebar: int = 35) -> str:
    a, b = max(0, mulai - lebar), min(len(teks), akhir + lebar)
    return ("…" if a else "") + teks[a:b].replace("\n", " ") + ("…" if b < len(teks) else "")


def _periksa_paragraf(berkas: str, bagian: str, root: etree._Element) -> list[Temuan]:
    temuan = []
    for par in root.iter(f"{W}p"):
        potongan = [t.text or "" for t in par.iter(f"{W}t")]
        teks = "".join(potongan)
        if "{" not in teks and "}" not in teks:
            continue
        batas, pos = [], 0
        for s in potongan:
            batas.append((pos, pos + len(s)))
            pos += len(s)
        for m in _TAG.finditer(teks):
            tag = m.group(0)
            if not any(a <= m.start() and m.end() <= b for a, b in batas):
                pesan = (f"tag {tag!r} terpecah ke beberapa run (ketik ulang tag itu sekaligus tanpa mengubah "
                         "format di tengahnya)")
                temuan.append(Temuan(berkas, bagian, pesan, _sekitar(teks, m.start(), m.end())))
            miring = [c for c in tag if c in _KUTIP_MIRING]
            if miring:
                temuan.append(Temuan(berkas, bagian, f"tanda kutip miring {''.join(miring)!r} di dalam tag {tag!r}; "
                                     "ganti dengan kutip lurus ' atau \"", _sekitar(teks, m.start(), m.end())))
        sisa = _TAG.sub("", teks)
        for pembuka in ("{{", "{%", "}}", "%}"):
            i = sisa.find(pembuka)
            if i >= 0:
                temuan.append(Temuan(berkas, bagian, f"'{pembuka}' tanpa pasangan dalam satu paragraf",
                                     _sekitar(sisa, i, i + 2)))
                break
    return temuan


def _jalur_atribut(ast: nodes.Template) -> set[tuple[str, ...]]:
    """Collect dotted paths (name.attr.attr) read from top-level names in a template AST."""
    jalur: set[tuple[str, ...]] = set()
    for node in ast.find_all(nodes.Getattr):
        rantai: list[str] = []
        cur: Any = node
        while isinstance(cur, nodes.Getattr):
            rantai.append(cur.attr)
            cur = cur.node
        if isinstance(cur, nodes.Name):
            jalur.add((cur.name, *reversed(rantai)))
    return jalur


def _ada(konteks: dict[str, Any], jalur: tuple[str, ...]) -> bool:
    cur: Any = konteks
    for k in jalur:
        if isinstance(cur, dict) and k in cur:
            cur = cur[k]
        else:  # a key missing from a dict; not a dict (an image, a list): attribute checked at render time
            return not isinstance(cur, dict)
    return True


# What an uploaded template may not touch. The sandbox refuses these at render time anyway; refusing them at upload
# tells the admin at once, with the offending text, instead of failing on the first document.
NAMA_TERLARANG = frozenset({
    "self", "cycler", "joiner", "namespace", "lipsum", "config", "request", "session", "g", "url_for",
    "get_flashed_messages", "environment", "context", "os", "sys", "builtins", "eval", "exec", "open", "getattr",
    "setattr", "globals", "locals", "vars", "importlib", "subprocess", "caller", "varargs", "kwargs",
})
ATRIBUT_TERLARANG = frozenset({
    "mro", "globals", "builtins", "import", "subclasses", "bases", "func_globals", "func_code", "gi_frame",
    "gi_code", "f_globals", "f_locals", "f_back", "f_builtins", "cr_frame", "cr_code", "ag_frame", "ag_code",
    "tb_frame", "tb_next", "im_func", "im_self", "co_code", "format", "format_map", "environment", "application",
    "jinja_env", "namespace", "popen", "system", "eval", "exec", "modules", "loader", "getattr", "setattr",
})
FILTER_TERLARANG = frozenset({"attr"})
_PERINTAH_TERLARANG = ((nodes.Include, "{% include %}"), (nodes.Import, "{% import %}"),
                       (nodes.FromImport, "{% from ... import %}"), (nodes.Extends, "{% extends %}"))
_TEKS_CURIGA = re.compile(r"^\s*_|__[A-Za-z]")  # '_x', '__class__', 'a__init__' (not a '______' blank)


def _pelanggaran(ast: nodes.Template) -> list[tuple[int, str, str]]:
    """(line, message, offending word) for every forbidden construct in a parsed template."""
    hasil: list[tuple[int, str, str]] = []
    for jenis, kata in _PERINTAH_TERLARANG:
        for perintah in ast.find_all(jenis):
            hasil.append((perintah.lineno, f"perintah {kata} tidak diizinkan dalam templat", kata.split()[1]))
    for nama in ast.find_all(nodes.Name):
        if nama.name.startswith("_") or nama.name in NAMA_TERLARANG:
            hasil.append((nama.lineno, f"nama '{nama.name}' tidak diizinkan dalam templat", nama.name))
    for atribut in ast.find_all(nodes.Getattr):
        if atribut.attr.startswith("_") or atribut.attr in ATRIBUT_TERLARANG:
            hasil.append((atribut.lineno, f"atribut '.{atribut.attr}' tidak diizinkan dalam templat", atribut.attr))
    for akses in ast.find_all(nodes.Getitem):
        arg = akses.arg
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str) and (
                arg.value.startswith("_") or arg.value in ATRIBUT_TERLARANG):
            hasil.append((akses.lineno, f"akses ['{arg.value}'] tidak diizinkan dalam templat", arg.value))
    for saring in ast.find_all((nodes.Filter, nodes.Test)):
        if saring.name in FILTER_TERLARANG:
            hasil.append((saring.lineno, f"filter '{saring.name}' tidak diizinkan dalam templat", saring.name))
    for teks in ast.find_all(nodes.Const):
        if isinstance(teks.value, str) and _TEKS_CURIGA.search(teks.value):
            hasil.append((teks.lineno, f"teks '{teks.value[:40]}' menyerupai nama internal Python dan tidak "
                                       "diizinkan dalam templat", teks.value[:40]))
    return sorted(set(hasil))


def _teks_tag(baris: str, kata: str) -> str:
    """The Jinja tag of a source line (XML removed) that holds `kata`, else the line's text, shortened."""
    teks = re.sub(r"<[^>]+>", "", baris)
    for m in _TAG.finditer(teks):
        if kata in m.group(0):
            return m.group(0)[:160]
    return teks.strip()[:160]


def sumber_jinja(tpl: DocxTemplate) -> dict[str, str]:
    """Every text of a template that docxtpl renders through Jinja, as it compiles it: the body, headers, footers,
    footnotes, and the document properties (title, subject, author ...)."""
    tpl.init_docx()
    sumber = {"word/document.xml": tpl.patch_xml(tpl.get_xml())}
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for rel in tpl.docx._part.rels.values():
            if rel.reltype == uri:
                sumber[str(rel.target_part.partname).lstrip("/")] = tpl.patch_xml(
                    tpl.get_part_xml(rel.target_part))
    for part in tpl.docx.part.package.parts:
        if part.content_type.endswith(".wordprocessingml.footnotes+xml"):
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            sumber[str(part.partname).lstrip("/")] = tpl.patch_xml(blob)
    for prop in ("author", "comments", "identifier", "language", "subject", "title"):
        nilai = getattr(tpl.docx.core_properties, prop) or ""
        if "{" in nilai:
            sumber[f"docProps/core.xml ({prop})"] = nilai
    return sumber


def periksa_templat(path: Path | bytes, konteks: dict[str, Any] | None = None, *,
                    nama_berkas: str = "templat.docx") -> list[Temuan]:
    """Return every problem in one template (a path, or the bytes of an upload named `nama_berkas`).

    Checks: a .docx, XML well formed, tags in one run, no curly quotes in tags, Jinja compiles, nothing the
    sandbox forbids (names and attributes starting with "_", include/import/extends, self, lipsum, ...), and
    with `konteks` (a sample context) every variable known.
    """
    sumber_zip: Path | io.BytesIO
    if isinstance(path, bytes):
        berkas, sumber_zip = nama_berkas, io.BytesIO(path)
    else:
        berkas, sumber_zip = path.name, path
    temuan: list[Temuan] = []
    try:
        with zipfile.ZipFile(sumber_zip) as z:
            bagian = {n: z.read(n) for n in z.namelist() if _BAGIAN.search(n)}
    except (zipfile.BadZipFile, OSError) as exc:
        return [Temuan(berkas, "-", f"bukan berkas .docx yang sah ({exc})")]
    if "word/document.xml" not in bagian:
        return [Temuan(berkas, "-", "berkas .docx tidak memiliki word/document.xml")]
    for nama, xml in bagian.items():
        try:
            root = etree.fromstring(xml)
        except etree.XMLSyntaxError as exc:
            temuan.append(Temuan(berkas, nama, f"XML rusak: {exc}"))
            continue
        temuan += _periksa_paragraf(berkas, nama, root)
    if temuan and any(t.pesan.startswith("XML rusak") for t in temuan):
        return temuan

    try:
        tpl = DocxTemplate(io.BytesIO(path) if isinstance(path, bytes) else str(path))
        sumber = sumber_jinja(tpl)
    except Exception as exc:  # python-docx could not open the package: not a usable .docx
        return [*temuan, Temuan(berkas, "-", f"berkas .docx tidak dapat dibuka ({type(exc).__name__}: {exc})")]
    env = jinja_env()
    from jinja2 import meta

    for nama, src in sumber.items():
        src = re.sub(r"<w:p([ >])", r"\n<w:p\1", src)  # one paragraph per line, as docxtpl renders it
        try:
            ast = env.parse(src)
            env.compile(ast)  # unknown filters and tests are found here
        except TemplateSyntaxError as exc:
            baris = src.splitlines()[exc.lineno - 1] if exc.lineno and src.splitlines() else ""
            teks = re.sub(r"<[^>]+>", "", baris)
            temuan.append(Temuan(berkas, nama, f"Jinja tidak dapat dikompilasi: {exc.message}",
                                 teks[:120]))
            continue
        baris_src = src.splitlines()
        for no, pesan, kata in _pelanggaran(ast):
            baris = baris_src[no - 1] if 0 < no <= len(baris_src) else ""
            temuan.append(Temuan(berkas, nama, pesan, _teks_tag(baris, kata)))
        if konteks is None:
            continue
        for var in sorted(meta.find_undeclared_variables(ast) - set(konteks) - {"loop"}):
            if var.startswith("_") or var in NAMA_TERLARANG:
                continue  # already reported as forbidden
            temuan.append(Temuan(berkas, nama, f"variabel '{var}' tidak disediakan oleh skema jenis dokumen ini"))
        for jalur in sorted(_jalur_atribut(ast)):
            if jalur[0] in konteks and not _ada(konteks, jalur):
                temuan.append(Temuan(berkas, nama, f"variabel '{'.'.join(jalur)}' tidak disediakan oleh skema "
                                     "jenis dokumen ini"))
    return temuan
