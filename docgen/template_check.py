"""Check .docx templates like code: Jinja compiles, tags sit in one run, no curly quotes, known variables."""

from __future__ import annotations

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
_BAGIAN = re.compile(r"word/(document|header\d*|footer\d*)\.xml$")


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
        elif isinstance(cur, dict):
            return False
        else:
            return True  # not a dict (an image, a list): attribute checked at render time
    return True


def periksa_templat(path: Path, konteks: dict[str, Any] | None = None) -> list[Temuan]:
    """Return every problem in one template; `konteks` is a sample context to check variables against."""
    berkas = path.name
    temuan: list[Temuan] = []
    try:
        with zipfile.ZipFile(path) as z:
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

    tpl = DocxTemplate(str(path))
    env = jinja_env()
    tpl.init_docx()
    sumber = {"word/document.xml": tpl.patch_xml(tpl.get_xml())}
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for rel in tpl.docx._part.rels.values():
            if rel.reltype == uri:
                sumber[str(rel.target_part.partname).lstrip("/")] = tpl.patch_xml(
                    tpl.get_part_xml(rel.target_part))
    from jinja2 import meta

    for nama, src in sumber.items():
        try:
            ast = env.parse(src)
        except TemplateSyntaxError as exc:
            baris = src.splitlines()[exc.lineno - 1] if exc.lineno and src.splitlines() else ""
            teks = re.sub(r"<[^>]+>", "", baris)
            temuan.append(Temuan(berkas, nama, f"Jinja tidak dapat dikompilasi: {exc.message}",
                                 teks[:120]))
            continue
        if konteks is None:
            continue
        for var in sorted(meta.find_undeclared_variables(ast) - set(konteks) - {"loop"}):
            temuan.append(Temuan(berkas, nama, f"variabel '{var}' tidak disediakan oleh skema jenis dokumen ini"))
        for jalur in sorted(_jalur_atribut(ast)):
            if jalur[0] in konteks and not _ada(konteks, jalur):
                temuan.append(Temuan(berkas, nama, f"variabel '{'.'.join(jalur)}' tidak disediakan oleh skema "
                                     "jenis dokumen ini"))
    return temuan
