"""Turn a document's JSON Schema into an HTML form description, and a submitted form back into nested JSON.

One source of truth: the schema the CLI validates against. This module knows nothing of Flask; the page template
(`_medan.html`, autoescaped) draws the view tree built here.

- `pohon(schema)` reads the schema into a tree of `Medan` (objects, arrays, scalars).
- `susun(medan, nilai, galat)` pairs that tree with values and error messages: a `Tampil` tree for the template.
- `urai(medan, form)` reads a submitted form (names are JSON paths: `penandatangan.nip`, `tembusan.0`) back into
  the values as typed (`mentah`, what a re-rendered form and a draft show) and the data to validate (`data`).
- `ratakan(data)` does the reverse of `urai`: nested data to form names (tests, scripts).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from docgen import locale_id
from docgen.documents.common import uraikan_pola

# Property names whose text is long enough for a textarea even when the schema sets no large maxLength.
NAMA_TEKS_PANJANG = {"isi", "pembuka", "penutup", "catatan", "acara", "uraian"}
BATAS_BARIS = 500  # rows read per array; more is reported, never allocated
_INDEKS = re.compile(r"\d{1,6}")
# How a value named by a schema's "x-uraian" is put into words beside its field.
PENGURAI: dict[str, Callable[[str], str]] = {"pola_nomor": uraikan_pola}


@dataclass
class Medan:
    """One field of the schema. `jenis` is objek, daftar, teks, teks_panjang, pilihan, tanggal, jam, bulat,
    angka, centang or json (anything the form cannot draw field by field, edited as JSON text)."""

    nama: str
    jenis: str
    judul: str
    keterangan: str = ""
    wajib: bool = False
    bisa_kosong: bool = False
    bawaan: Any = None
    ada_bawaan: bool = False
    pilihan: list[Any] = field(default_factory=list)
    anak: list[Medan] = field(default_factory=list)
    butir: Medan | None = None
    ref: str = ""
    min_butir: int = 0
    maks_butir: int | None = None
    minimum: float | None = None
    maksimum: float | None = None
    contoh: str = ""
    label_pilihan: dict[str, str] = field(default_factory=dict)  # a choice's label on the form ("x-pilihan")
    sumber: str = ""  # the agency list whose entries are the choices ("x-pilihan-dari": unit_kerja, ...)
    saran: str = ""  # the agency list offered as suggestions while typing ("x-saran-dari")
    lanjutan: bool = False  # drawn folded under "Pengaturan lanjutan" ("x-lanjutan")
    uraian: str = ""  # how the value is explained beside it ("x-uraian": pola_nomor)


def _judul_dari_nama(nama: str) -> str:
    return nama.replace("_", " ").strip().capitalize()


def teks_contoh(v: Any) -> str:
    """An example value as a reader would write it: a list as "a, b", yes/no for a boolean; "" for an object."""
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, list):
        return ", ".join(t for t in (teks_contoh(x) for x in v) if t)
    if isinstance(v, dict) or v is None:
        return ""
    return str(v)


def _ekstra(m: Medan, s: dict[str, Any]) -> None:
    """Read the form hints a schema may carry (keys starting with x-; validators ignore them)."""
    label = s.get("x-pilihan")  # {value: label}, or [[value, label], ...] where the order matters
    pasangan = label.items() if isinstance(label, dict) else label if isinstance(label, list) else []
    m.label_pilihan = {str(p[0]): str(p[1]) for p in pasangan if isinstance(p, list | tuple) and len(p) == 2}
    m.sumber = str(s.get("x-pilihan-dari") or "")
    m.saran = str(s.get("x-saran-dari") or "")
    m.lanjutan = bool(s.get("x-lanjutan"))
    m.uraian = str(s.get("x-uraian") or "")


def _ikuti(s: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Resolve a $ref: the definition's keys overlaid with the referring site's (title, description, default).

    A definition's own title and description are the Python class name and docstring (English), so only the
    site's are kept."""
    if "$ref" not in s:
        return s, ""
    nama = s["$ref"].rsplit("/", 1)[-1]
    dasar = {k: v for k, v in defs.get(nama, {}).items() if k not in ("title", "description")}
    return {**dasar, **{k: v for k, v in s.items() if k != "$ref"}}, nama


def _buka_null(s: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], bool, str]:
    """Unwrap `anyOf: [X, null]`; return the schema of X, whether null is allowed, and X's $def name."""
    s, ref = _ikuti(s, defs)
    pilihan = s.get("anyOf") or s.get("oneOf")
    if not pilihan:
        return s, False, ref
    bukan_null = [p for p in pilihan if p.get("type") != "null"]
    bisa_kosong = len(bukan_null) < len(pilihan)
    situs = {k: v for k, v in s.items() if k not in ("anyOf", "oneOf")}
    if len(bukan_null) == 1:
        inti, ref = _ikuti(bukan_null[0], defs)
    else:
        # A union of several types (e.g. string | integer): the form offers text; validation decides.
        jenis = [p.get("type") for p in bukan_null]
        inti = {"type": "string"} if "string" in jenis else {"type": "json"}
    return {**inti, **situs}, bisa_kosong, ref


def pohon(schema: dict[str, Any], *, lewati: set[str] | frozenset[str] = frozenset()) -> Medan:
    """Read a JSON Schema (an object) into a Medan tree; top-level properties in `lewati` are left out."""
    defs = schema.get("$defs", {})
    akar = _medan("", schema, defs, wajib=True, tumpukan=())
    akar.anak = [m for m in akar.anak if m.nama not in lewati]
    return akar


def _medan(nama: str, s: dict[str, Any], defs: dict[str, Any], *, wajib: bool, tumpukan: tuple[str, ...]) -> Medan:
    s, bisa_kosong, ref = _buka_null(s, defs)
    judul = s.get("title") or _judul_dari_nama(nama)
    m = Medan(nama=nama, jenis="teks", judul=judul, keterangan=s.get("description", ""), wajib=wajib,
              bisa_kosong=bisa_kosong, ref=ref, ada_bawaan="default" in s, bawaan=s.get("default"))
    if s.get("examples"):
        m.contoh = teks_contoh(s["examples"][0])
    _ekstra(m, s)
    t = s.get("type")
    if ref and ref in tumpukan:  # a recursive definition: edit the deeper level as JSON
        m.jenis = "json"
    elif t == "object" and "properties" in s:
        m.jenis = "objek"
        perlu = set(s.get("required", []))
        m.anak = [_medan(n, p, defs, wajib=n in perlu, tumpukan=(*tumpukan, ref) if ref else tumpukan)
                  for n, p in s["properties"].items()]
    elif t == "array" and isinstance(s.get("items"), dict) and "prefixItems" not in s:
        m.jenis = "daftar"
        m.min_butir = s.get("minItems", 0)
        m.maks_butir = s.get("maxItems")
        m.butir = _medan("", s["items"], defs, wajib=True, tumpukan=tumpukan)
        if not m.butir.judul:
            m.butir.judul = judul  # rows are named after their list: "Tembusan 2"
    elif "enum" in s or "const" in s:
        m.jenis = "pilihan"
        m.pilihan = list(s.get("enum", [s.get("const")]))
    elif m.label_pilihan or m.sumber:
        m.contoh = ""  # a choice needs no example
        # Choices named by the schema (a quarter 1-4, a step kind) or taken from the agency (its units).
        m.jenis = "pilihan"
        m.pilihan = [int(k) if t == "integer" else k for k in m.label_pilihan]
    elif t == "string":
        fmt = s.get("format")
        if fmt == "date":
            m.jenis = "tanggal"
        elif fmt == "time":
            m.jenis = "jam"
        elif s.get("maxLength", 0) > 1000 or nama in NAMA_TEKS_PANJANG:
            m.jenis = "teks_panjang"
    elif t in ("integer", "number"):
        m.jenis = "bulat" if t == "integer" else "angka"
        m.minimum = s.get("minimum", s.get("exclusiveMinimum"))
        m.maksimum = s.get("maximum", s.get("exclusiveMaximum"))
    elif t == "boolean":
        m.jenis = "centang"
    else:
        m.jenis = "json"
    return m


# -- the view tree ---------------------------------------------------------------------------------------------


def id_html(path: str) -> str:
    """The element id of the input named `path`."""
    return "f-" + (path.replace(".", "-") or "akar")


@dataclass
class Tampil:
    """A field with its path, shown value and error, ready for the template."""

    medan: Medan
    path: str
    nilai: Any = ""
    galat: str = ""
    anak: list[Tampil] = field(default_factory=list)
    baris: list[Tampil] = field(default_factory=list)
    templat: Tampil | None = None  # a blank row for the Tambah button (paths hold `tanda`)
    tanda: str = ""  # index placeholder in the template row's names, e.g. __i0__
    nomor: str = ""  # the row's number as shown, e.g. "2"
    uraian: str = ""  # the value explained in words (a number pattern as its parts)

    @property
    def id(self) -> str:
        return id_html(self.path)

    @property
    def judul(self) -> str:
        return f"{self.medan.judul} {self.nomor}".strip()


def _nilai_tampil(m: Medan, v: Any) -> Any:
    if m.jenis == "centang":
        return v is True or (isinstance(v, str) and v.lower() in ("1", "on", "true", "ya"))
    if v is None:
        return ""
    if m.jenis == "json":
        return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, indent=2)
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, float | Decimal):
        return locale_id.angka(Decimal(str(v)))
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def susun(m: Medan, nilai: Any, galat: Mapping[str, str] | None = None) -> tuple[Tampil, dict[str, str]]:
    """Pair the tree with values and errors; return the view tree and the errors no field showed.

    `nilai` may be what `urai` returned as `mentah` (strings as typed) or stored data (numbers, None).
    A field without a value shows its schema default; a required list shows one blank row.
    """
    galat = dict(galat or {})
    dipakai: set[str] = set()
    t = _susun(m, nilai, galat, dipakai, "", 0, False, ada=nilai is not None)
    return t, {k: v for k, v in galat.items() if k not in dipakai}


def _gabung(path: str, nama: str) -> str:
    return f"{path}.{nama}" if path else nama


def _susun(m: Medan, nilai: Any, galat: dict[str, str], dipakai: set[str], path: str, kedalaman: int,
           kosong: bool, *, ada: bool) -> Tampil:
    t = Tampil(medan=m, path=path)
    if path in galat:
        t.galat = galat[path]
        dipakai.add(path)
    if m.jenis == "objek":
        if not isinstance(nilai, dict):
            # A plain value for an object (e.g. a ready letter number as text) fills its first field.
            nilai = {m.anak[0].nama: nilai} if (nilai not in (None, "") and m.anak) else {}
        for a in m.anak:
            t.anak.append(_susun(a, nilai.get(a.nama), galat, dipakai, _gabung(path, a.nama), kedalaman, kosong,
                                 ada=a.nama in nilai))
        return t
    if m.jenis == "daftar":
        assert m.butir is not None
        isi = nilai if isinstance(nilai, list) else []
        if not isi and not ada and not kosong and m.ada_bawaan and isinstance(m.bawaan, list):
            isi = m.bawaan
        if not isi and not kosong and (m.min_butir > 0 or (m.wajib and not ada)):
            isi = [None]  # one blank row to show what a row holds
        for i, v in enumerate(isi):
            b = _susun(m.butir, v, galat, dipakai, _gabung(path, str(i)), kedalaman + 1, kosong, ada=v is not None)
            b.nomor = str(i + 1)
            t.baris.append(b)
        t.tanda = f"__i{kedalaman}__"
        t.templat = _susun(m.butir, None, {}, set(), _gabung(path, t.tanda), kedalaman + 1, True, ada=False)
        t.templat.nomor = f"__n{kedalaman}__"
        return t
    if not ada and not kosong and m.ada_bawaan:
        nilai = m.bawaan
    t.nilai = _nilai_tampil(m, nilai)
    pengurai = PENGURAI.get(m.uraian)
    if pengurai is not None and t.nilai:
        t.uraian = pengurai(str(t.nilai))
    return t


def label_path(t: Tampil, induk: str = "") -> dict[str, str]:
    """Map every path in a view tree to a readable label ("Penanda tangan › NIP"), for error summaries."""
    nama = f"{induk} › {t.judul}" if induk and t.judul else (t.judul or induk)
    keluar = {t.path: nama or "Formulir"}
    if not t.path:
        nama = ""
    for a in [*t.anak, *t.baris]:
        keluar.update(label_path(a, nama))
    return keluar


# -- reading a submitted form ----------------------------------------------------------------------------------


@dataclass
class HasilUrai:
    """A parsed form: values as typed (to show again or keep as a draft), data to validate, parse errors."""

    mentah: dict[str, Any]
    data: dict[str, Any]
    galat: dict[str, str]


_HILANG = object()  # "leave this key out": the schema's default applies, or validation reports it missing


def urai(m: Medan, form: Mapping[str, Any]) -> HasilUrai:
    """Read a submitted form into nested values; names not in the schema are ignored.

    Array rows are read in index order and renumbered from 0; a row with no text typed is dropped. A list shown
    with rows also posts an empty marker named by its own path: deleting every row then gives [], while a list
    that never had rows is left out, so its default (often set in Python, absent from the schema) applies.
    Numbers may be typed the Indonesian way ("12,5", "1.250"). Textarea line ends become "\\n".
    """
    kunci = [k for k in form if isinstance(k, str)]
    galat: dict[str, str] = {}
    mentah, data = _baca(m, form, kunci, "", galat)
    return HasilUrai(mentah=mentah if isinstance(mentah, dict) else {},
                     data=data if isinstance(data, dict) else {}, galat=galat)


def _ambil(form: Mapping[str, Any], path: str) -> str | None:
    v = form.get(path)
    if v is None:
        return None
    return str(v).replace("\r\n", "\n").replace("\r", "\n")


def _indeks(kunci: list[str], path: str) -> list[str]:
    """The row indices present under `path` (as written in the names), in numeric order."""
    awal = f"{path}." if path else ""
    ada: dict[int, str] = {}
    for k in kunci:
        if not k.startswith(awal):
            continue
        seg = k[len(awal):].split(".", 1)[0]
        if _INDEKS.fullmatch(seg):
            ada.setdefault(int(seg), seg)
    return [ada[i] for i in sorted(ada)]


def _kosong(mentah: Any) -> bool:
    """True when nothing was typed: text empty everywhere (choices and ticks do not count as typing)."""
    if isinstance(mentah, dict):
        return all(_kosong(v) for v in mentah.values())
    if isinstance(mentah, list):
        return all(_kosong(v) for v in mentah)
    return not (isinstance(mentah, str) and mentah.strip())


def _baca(m: Medan, form: Mapping[str, Any], kunci: list[str], path: str, galat: dict[str, str]) -> tuple[Any, Any]:
    if m.jenis == "objek":
        mentah: dict[str, Any] = {}
        data: dict[str, Any] = {}
        for a in m.anak:
            mt, dt_ = _baca(a, form, kunci, _gabung(path, a.nama), galat)
            mentah[a.nama] = mt
            if dt_ is not _HILANG:
                data[a.nama] = dt_
        if path and m.bisa_kosong and _kosong(mentah):
            return mentah, None
        if path and not m.wajib and not data:
            return mentah, _HILANG  # nothing sent: the schema's default applies
        return mentah, data
    if m.jenis == "daftar":
        assert m.butir is not None
        indeks = _indeks(kunci, path)
        if not indeks and path not in form:
            return [], _HILANG  # the list was not on the form (its marker input is missing): default applies
        if len(indeks) > BATAS_BARIS:
            galat[path] = f"terlalu banyak baris (paling banyak {BATAS_BARIS} dibaca)"
            indeks = indeks[:BATAS_BARIS]
        baris_mentah: list[Any] = []
        baris_data: list[Any] = []
        for seg in indeks:
            sementara: dict[str, str] = {}
            mt, dt_ = _baca(m.butir, form, kunci, _gabung(path, seg), sementara)
            if _kosong(mt):
                continue
            baru = _gabung(path, str(len(baris_data)))
            lama = _gabung(path, seg)
            for k, v in sementara.items():  # renumber the row's parse errors with the row
                galat[baru + k[len(lama):]] = v
            baris_mentah.append(mt)
            baris_data.append(None if dt_ is _HILANG else dt_)
        return baris_mentah, baris_data
    if m.jenis == "centang":
        centang = _ambil(form, path)
        nyala = centang is not None and centang.lower() in ("1", "on", "true", "ya")
        return nyala, nyala
    teks = _ambil(form, path)
    if teks is None:
        return "", _HILANG
    if not teks.strip() and m.jenis != "pilihan":
        if m.bisa_kosong:
            return teks, None
        if m.jenis in ("teks", "teks_panjang") and m.wajib:
            return teks, teks  # validation says "tidak boleh kosong"
        return teks, _HILANG
    if m.jenis == "pilihan":
        return teks, next((p for p in m.pilihan if str(p) == teks), teks)  # 1 stays a number for a quarter
    if m.jenis in ("bulat", "angka"):
        try:
            d = locale_id.baca_angka(teks)
        except ValueError as e:
            galat[path] = str(e)
            return teks, teks
        if d == d.to_integral_value():
            return teks, int(d)
        if m.jenis == "bulat":
            galat[path] = "harus bilangan bulat"
            return teks, teks
        return teks, float(d)
    if m.jenis == "json":
        try:
            return teks, json.loads(teks)
        except ValueError:
            galat[path] = "bukan JSON yang sah"
            return teks, _HILANG
    return teks, teks


def ratakan(data: Any, path: str = "") -> dict[str, str]:
    """Nested data to form fields named by JSON path (True becomes "1"; False and None are left out)."""
    keluar: dict[str, str] = {}
    if isinstance(data, dict):
        for k, v in data.items():
            keluar.update(ratakan(v, _gabung(path, str(k))))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            keluar.update(ratakan(v, _gabung(path, str(i))))
    elif data is True:
        keluar[path] = "1"
    elif data is not None and data is not False:
        keluar[path] = str(data)
    return keluar
