"""The limits of one render: a deadline and a budget of rendered text, kept inside Jinja (no subprocess).

docgen.render fills every document in a fresh LingkunganBatas. Its clock starts with the first part rendered and is
read wherever Jinja passes: each chunk of output (TemplatBatas.render consumes generate()), each call, attribute
and item lookup, filter, operator `*` `**` `+` `%` `~`, printed value and each item a {% for %} takes (PenyusunKode
wraps the loop's iterable), so a loop that prints nothing still meets it. The text counted is what the parts render
plus what macros, {% set %} blocks and filter blocks buffer. An operation that would build a huge value in one step
of C code (`'x' * 10**9`, `9 ** (9 ** 9)`, `|center(10**9)`, `s.replace('', s)`) is refused before it runs.
Past a limit the render raises TemplatTerlaluBerat (422): the template or the data is too heavy.
"""

from __future__ import annotations

import copy
import functools
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import Template, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.runtime import Macro
from jinja2.sandbox import SandboxedEnvironment

from docgen import locale_id
from docgen.errors import DocgenError

# Seconds Jinja may spend filling one document, every part together. The built-in samples need well under a second
# (a large LKJiP a few), so only a runaway loop meets it. Environment: DOCGEN_BATAS_RENDER_DETIK.
BATAS_DETIK = 20.0
# Characters of XML one document may render (about bytes), every part summed. The samples render under 1 MB.
# Environment: DOCGEN_BATAS_RENDER_MB.
BATAS_TEKS = 20 * 1024 * 1024
# The longest text or list, counted deep, one operation may take or build (`*`, `+`, `~`, `%`, a filter, a method).
MAKS_PANJANG = 1_000_000
MAKS_PANGKAT = 100  # largest exponent `**` may take
MAKS_BIT = 100_000  # largest integer (in bits, about 30 000 digits) `*` and `**` may take or build
# range() in a template keeps the sandbox's own cap, jinja2.sandbox.MAX_RANGE (100 000 numbers).


class TemplatTerlaluBerat(DocgenError):
    """A render went past a limit; `alasan` says which (Indonesian), `langkah` how many steps were taken (loop
    items, lookups, calls) before it stopped."""

    status = 422

    def __init__(self, alasan: str, *, nama: str = "", langkah: int = 0):
        self.alasan, self.langkah = alasan, langkah
        super().__init__(f"Templat {nama} {alasan}" if nama else f"Templat {alasan}", status=422)

    def bernama(self, nama: str) -> TemplatTerlaluBerat:
        """The same error naming the template ("instansi untuk Nota Dinas", "nota-dinas.docx")."""
        return TemplatTerlaluBerat(self.alasan, nama=nama, langkah=self.langkah)


def _dari_lingkungan(nama: str, bawaan: float) -> float:
    nilai = os.environ.get(nama, "").strip()
    if not nilai:
        return bawaan
    try:
        angka = float(nilai.replace(",", "."))
    except ValueError:
        angka = 0.0
    if not 0 < angka < float("inf"):
        raise DocgenError(f"{nama} harus bilangan lebih dari 0 (mis. 20), bukan {nilai!r}.", status=500)
    return angka


def batas_bawaan() -> tuple[float, int]:
    """The limits of a render whose caller names none: (seconds, characters) from DOCGEN_BATAS_RENDER_DETIK and
    DOCGEN_BATAS_RENDER_MB when set (one setting for the web app, its workers and the CLI), else BATAS_DETIK and
    BATAS_TEKS. Raises DocgenError 500 for a value that is not a positive number."""
    detik = _dari_lingkungan("DOCGEN_BATAS_RENDER_DETIK", BATAS_DETIK)
    mb = _dari_lingkungan("DOCGEN_BATAS_RENDER_MB", BATAS_TEKS / 1024 / 1024)
    return detik, int(mb * 1024 * 1024)


def _desimal(x: float) -> str:
    return locale_id.angka(round(x, 1))


def _teks_ukuran(karakter: int) -> str:
    if karakter >= 1024 * 1024:
        return f"{_desimal(karakter / 1024 / 1024)} MB"
    return f"{_desimal(karakter / 1024)} KB"


def _alasan_waktu(detik: float) -> str:
    return (f"terlalu berat: pengisian dihentikan setelah {_desimal(detik)} detik. Periksa perulangan {{% for %}} "
            "di templat (perulangan bersarang, range() yang besar) atau kurangi data yang diulang.")


def _alasan_teks(karakter: int) -> str:
    return (f"menghasilkan lebih dari {_teks_ukuran(karakter)} teks: pengisian dihentikan. Periksa perulangan "
            "{% for %} dan teks yang diulang di templat, atau kurangi data yang diulang.")


def _alasan_operasi(uraian: str) -> str:
    return f"terlalu berat: {uraian}; ekspresi itu tidak dijalankan. Perbaiki templatnya atau kurangi datanya."


def _terlalu_panjang(apa: str, ukuran: int) -> str:
    return _alasan_operasi(f"{apa} akan membuat teks atau daftar sepanjang {locale_id.angka(ukuran)} "
                           f"(paling panjang {locale_id.angka(MAKS_PANJANG)})")


# -- sizes, measured before an operation runs -----------------------------------------------------------------


def ukuran(nilai: Any, batas: int = MAKS_PANJANG) -> int:
    """Roughly how long a value is as text: the characters of its strings plus one per item, walked into lists,
    tuples, sets and dicts (a list holding one long text many times counts it each time); stops past `batas`."""
    total, tumpukan = 0, [nilai]
    while tumpukan and total <= batas:
        v = tumpukan.pop()
        if isinstance(v, (str, bytes)):
            total += len(v)
        elif isinstance(v, (list, tuple, set, frozenset, dict)):
            total += len(v) + 1
            if total <= batas:
                tumpukan.extend(v.items() if isinstance(v, dict) else v)
        elif isinstance(v, int) and not isinstance(v, bool):
            total += v.bit_length() // 3 + 1
        else:
            total += 1
    return total


def _bilangan(v: Any) -> int:
    """An argument used as a width or a count: its value (a text counts its length), else 0."""
    if isinstance(v, bool):
        return 0
    if isinstance(v, int):
        return abs(v)
    if isinstance(v, float):
        return abs(int(v)) if v == v and abs(v) != float("inf") else 0
    return len(v) if isinstance(v, str) else 0


_SPEK_PERSEN = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_SPEK_KURUNG = re.compile(r"\{[^{}]*?:[^{}\d]*(\d*)(?:\.(\d+))?[^{}]*\}")
_KURUNG_BERSARANG = re.compile(r"\{[^{}]*\{")


def _lebar(angka: str) -> int:
    return int(angka) if len(angka) <= 9 else 10**9


def ukuran_format(pola: str, args: Iterable[Any], kurung: bool) -> int:
    """Roughly how long `pola % args` (kurung=False) or `pola.format(*args)` comes out: its text, each field as
    long as the longest argument plus the widest width or precision written (or passed, for `*` and `{:{}}`)."""
    isi = list(args)
    terbesar = max((ukuran(a) for a in isi), default=0)
    if kurung:
        medan, spek = pola.count("{"), _SPEK_KURUNG.findall(pola)
        dinamis = _KURUNG_BERSARANG.search(pola) is not None
    else:
        medan, spek = pola.count("%"), _SPEK_PERSEN.findall(pola)
        dinamis = "*" in pola
    lebar = max((_lebar(a) for pasangan in spek for a in pasangan if a.isdigit()), default=0)
    if dinamis:
        lebar = max(lebar, *(_bilangan(a) for a in isi if isinstance(a, int)), 0)
    return len(pola) + medan * (terbesar + lebar)


def _ukuran_ganti(s: str, lama: str, baru: str, kali: Any = -1) -> int:
    n = s.count(lama) if lama else len(s) + 1
    if isinstance(kali, int) and kali >= 0:
        n = min(n, kali)
    return len(s) + n * max(len(baru) - len(lama), 0)


def _ukuran_gabung(isi: Any, pemisah: Any) -> int:
    n = len(isi) if isinstance(isi, (list, tuple, set, frozenset, dict, str, range)) else 0
    return ukuran(isi) + n * ukuran(pemisah)


def _ukuran_persen(pola: str, kanan: Any) -> int:
    if isinstance(kanan, dict):
        return ukuran_format(pola, kanan.values(), kurung=False)
    return ukuran_format(pola, kanan if isinstance(kanan, tuple) else (kanan,), kurung=False)


# What the builtin filters that can make much out of little would make, from their arguments as the filter takes
# them (after the environment or context Jinja passes first). Every other filter is bounded by the size of its value.
_PERKIRAAN_FILTER: dict[str, Callable[..., int]] = {
    "center": lambda v, width=80: max(ukuran(v), _bilangan(width)),
    "indent": lambda s, width=4, first=False, blank=False: ukuran(s) + (str(s).count("\n") + 1) * _bilangan(width),
    "format": lambda v, *a, **k: ukuran_format(str(v), [*a, *k.values()], kurung=False),
    "join": lambda v, d="", attribute=None: _ukuran_gabung(v, d),
    "replace": lambda s, old, new, count=None: _ukuran_ganti(str(s), str(old), str(new), count),
    "wordwrap": lambda s, width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True: (
        ukuran(s) + (ukuran(s) // max(_bilangan(width), 1) + 1) * ukuran(wrapstring or "\n")),
    "batch": lambda v, linecount, fill_with=None: _bilangan(linecount) * (1 + ukuran(fill_with)),
    "slice": lambda v, slices, fill_with=None: _bilangan(slices) * (1 + ukuran(fill_with)),
    "tojson": lambda v, indent=None: ukuran(v) * (2 + _bilangan(indent)),
    "pprint": lambda v: ukuran(v) * 2,
}

# The same for methods of a text a template may call.
_PERKIRAAN_METODE_TEKS: dict[str, Callable[..., int]] = {
    "replace": lambda s, old, new, count=-1: _ukuran_ganti(s, old, new, count),
    "center": lambda s, width, fillchar=" ": max(len(s), _bilangan(width)),
    "ljust": lambda s, width, fillchar=" ": max(len(s), _bilangan(width)),
    "rjust": lambda s, width, fillchar=" ": max(len(s), _bilangan(width)),
    "zfill": lambda s, width: max(len(s), _bilangan(width)),
    "expandtabs": lambda s, tabsize=8: len(s) + s.count("\t") * _bilangan(tabsize),
    "join": lambda s, iterable: _ukuran_gabung(iterable, s),
    "format": lambda s, *a, **k: ukuran_format(s, [*a, *k.values()], kurung=True),
    "format_map": lambda s, m: ukuran_format(s, list(m.values()), kurung=True),
}
_MENAMBAH = frozenset({"append", "insert", "extend", "update", "add", "setdefault"})


def _perkiraan(fungsi: Callable[..., int] | None, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """What an estimator says, or 0 when it does not apply (the operation itself then reports a wrong call)."""
    if fungsi is None:
        return 0
    try:
        return fungsi(*args, **kwargs)
    except Exception:
        return 0


def _perkiraan_metode(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """How long the result of calling a method of a text, or a list/dict/set the method grows, would be."""
    asal = getattr(obj, "__wrapped__", obj)  # str.format comes wrapped by the sandbox
    pemilik, nama = getattr(asal, "__self__", None), getattr(asal, "__name__", "")
    if isinstance(pemilik, str):
        return _perkiraan(_PERKIRAAN_METODE_TEKS.get(nama), (pemilik, *args), kwargs)
    if isinstance(pemilik, (list, dict, set)) and nama in _MENAMBAH:
        tambah = sum(len(a) if isinstance(a, (list, tuple, set, dict, str, range)) else 1 for a in args)
        return len(pemilik) + tambah + len(kwargs)
    return 0


# -- the environment ------------------------------------------------------------------------------------------


class LingkunganBatas(SandboxedEnvironment):
    """Jinja's sandbox with a deadline (`batas_detik`) and a text budget (`batas_teks`) for one document.

    Use one per render: the clock and the count are shared by every part rendered in it. `filters` are added to
    the builtin ones; every filter is wrapped to read the clock and refuse a value or result over MAKS_PANJANG.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, batas_detik: float = BATAS_DETIK, batas_teks: int = BATAS_TEKS,
                 filters: Mapping[str, Callable[..., Any]] | None = None, **kwargs: Any):
        kwargs.setdefault("finalize", self._periksa_cetak)
        super().__init__(*args, **kwargs)
        self.batas_detik, self.batas_teks = batas_detik, batas_teks
        self.langkah = 0  # loop items, lookups, calls, filters and operators passed so far
        self.teks = 0  # characters rendered or buffered so far
        self._tenggat: float | None = None
        self.filters.update(filters or {})
        self.filters = {nama: self._bungkus_filter(nama, f) for nama, f in self.filters.items()}

    # the clock and the count

    def mulai(self) -> None:
        """Start the clock (once: later parts of the same document share it)."""
        if self._tenggat is None:
            self._tenggat = time.monotonic() + self.batas_detik

    def periksa_waktu(self) -> None:
        """Count one step; raise TemplatTerlaluBerat once the deadline has passed."""
        self.langkah += 1
        if self._tenggat is None:
            self.mulai()
        elif time.monotonic() > self._tenggat:
            raise TemplatTerlaluBerat(_alasan_waktu(self.batas_detik), langkah=self.langkah)

    def hitung_teks(self, karakter: int) -> None:
        """Count rendered or buffered text; raise TemplatTerlaluBerat past the budget (or the deadline)."""
        self.teks += karakter
        if self.teks > self.batas_teks:
            raise TemplatTerlaluBerat(_alasan_teks(self.batas_teks), langkah=self.langkah)
        self.periksa_waktu()

    def _tolak_panjang(self, apa: str, perkiraan: int) -> None:
        if perkiraan > MAKS_PANJANG:
            raise TemplatTerlaluBerat(_terlalu_panjang(apa, perkiraan), langkah=self.langkah)

    # what the generated code calls (see PenyusunKode)

    def ulangi(self, isi: Any) -> _Ulangan:
        """The iterable of a {% for %}, reading the clock at every item."""
        return _Ulangan(self, isi)

    def penampung(self) -> _Penampung:
        """A buffer for a macro, a {% set %} block or a filter block: what goes in is counted as text."""
        return _Penampung(self)

    def sambung(self, bagian: tuple[Any, ...]) -> tuple[Any, ...]:
        """The operands of `~`, after checking what joining them would make."""
        self.periksa_waktu()
        self._tolak_panjang("penggabungan (~)", sum(ukuran(b) for b in bagian))
        return bagian

    def _periksa_cetak(self, nilai: Any) -> Any:
        """Jinja's finalize: a printed list or dict would become text as long as its contents."""
        self.periksa_waktu()
        if isinstance(nilai, (list, tuple, set, frozenset, dict)):
            self._tolak_panjang("mencetak daftar", ukuran(nilai))
        return nilai

    # the sandbox's hooks

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Call from a template: clock, the size of what a text method or a growing list would make, and of what
        a call returned (a macro's text is counted as it is buffered)."""
        self.periksa_waktu()
        nama = getattr(getattr(obj, "__wrapped__", obj), "__name__", "pemanggilan")
        self._tolak_panjang(f"metode {nama}()", _perkiraan_metode(obj, args, kwargs))
        hasil = super().call(context, obj, *args, **kwargs)
        if isinstance(hasil, (str, list, tuple)) and not isinstance(obj, Macro):
            self._tolak_panjang(f"metode {nama}()", len(hasil))
        return hasil

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.periksa_waktu()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.periksa_waktu()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*`, `**`, `+` and `%`, refused when the result would be too large to build (checked on the operands)."""
        self.periksa_waktu()
        if operator == "**":
            self._periksa_pangkat(left, right)
        elif operator == "*":
            self._periksa_kali(left, right)
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            self._tolak_panjang("penjumlahan (+)", ukuran(left) + ukuran(right))
        elif operator == "%" and isinstance(left, str):
            self._tolak_panjang("format (%)", _ukuran_persen(left, right))
        return super().call_binop(context, operator, left, right)

    def _periksa_pangkat(self, dasar: Any, pangkat: Any) -> None:
        if isinstance(pangkat, bool) or not isinstance(pangkat, (int, float)):
            return
        if abs(pangkat) > MAKS_PANGKAT:
            teks = locale_id.angka(int(pangkat)) if abs(pangkat) < 10**15 else "yang sangat besar"
            uraian = f"pangkat (**) {teks} terlalu besar (paling besar {MAKS_PANGKAT})"
            raise TemplatTerlaluBerat(_alasan_operasi(uraian), langkah=self.langkah)
        if isinstance(dasar, int) and isinstance(pangkat, int) and dasar.bit_length() * pangkat > MAKS_BIT:
            self._tolak_bilangan("pangkat (**)")

    def _periksa_kali(self, kiri: Any, kanan: Any) -> None:
        for urutan, kali in ((kiri, kanan), (kanan, kiri)):
            if isinstance(urutan, (str, list, tuple)) and isinstance(kali, int):
                self._tolak_panjang("perkalian (*)", ukuran(urutan) * max(kali, 0))
        if isinstance(kiri, int) and isinstance(kanan, int) and kiri.bit_length() + kanan.bit_length() > MAKS_BIT:
            self._tolak_bilangan("perkalian (*)")

    def _tolak_bilangan(self, apa: str) -> None:
        batas = locale_id.angka(MAKS_BIT)
        raise TemplatTerlaluBerat(_alasan_operasi(f"{apa} akan membuat bilangan lebih dari {batas} bit"),
                                  langkah=self.langkah)

    def _bungkus_filter(self, nama: str, filter_: Callable[..., Any]) -> Callable[..., Any]:
        lewati = 1 if getattr(filter_, "jinja_pass_arg", None) is not None else 0
        perkiraan = _PERKIRAAN_FILTER.get(nama)
        apa = f"filter {nama}"

        @functools.wraps(filter_)  # keeps jinja_pass_arg: Jinja still passes the environment or context first
        def dibatasi(*args: Any, **kwargs: Any) -> Any:
            self.periksa_waktu()
            sendiri = args[lewati:]
            if sendiri:
                self._tolak_panjang(apa, ukuran(sendiri[0]))
            self._tolak_panjang(apa, _perkiraan(perkiraan, sendiri, kwargs))
            hasil = filter_(*args, **kwargs)
            if isinstance(hasil, (str, list, tuple)):
                self._tolak_panjang(apa, len(hasil))
            return hasil

        return dibatasi


class _Ulangan:
    """The items of one {% for %}, reading the render's clock at each; sized when what it walks is sized (Jinja's
    loop.length and loop.revindex then stay as they were)."""

    __slots__ = ("_env", "_isi", "_iter")

    def __init__(self, env: LingkunganBatas, isi: Any):
        self._env, self._isi, self._iter = env, isi, iter(isi)

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        self._env.periksa_waktu()
        return next(self._iter)

    def __len__(self) -> int:
        return len(self._isi)


class _Penampung(list[str]):
    """Jinja's buffer list, counting what goes in toward the text budget."""

    __slots__ = ("_env",)

    def __init__(self, env: LingkunganBatas):
        super().__init__()
        self._env = env

    def append(self, teks: str) -> None:
        self._env.hitung_teks(len(teks) if isinstance(teks, str) else 0)
        super().append(teks)

    def extend(self, bagian: Iterable[str]) -> None:
        bagian = tuple(bagian)
        self._env.hitung_teks(sum(len(t) for t in bagian if isinstance(t, str)))
        super().extend(bagian)


class TemplatBatas(Template):
    """A template whose render() takes generate()'s output chunk by chunk, counting it and reading the clock
    (docxtpl calls `env.from_string(xml).render(context)` for every part)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        env = self.environment
        if not isinstance(env, LingkunganBatas):
            return super().render(*args, **kwargs)
        env.mulai()
        potongan: list[str] = []
        for p in self.generate(*args, **kwargs):
            env.hitung_teks(len(p))
            potongan.append(p)
        return "".join(potongan)


class PenyusunKode(CodeGenerator):
    """Jinja's code generator, writing three hooks into a template: every {% for %} walks `environment.ulangi(...)`,
    buffers are `environment.penampung()`, and `~` checks its operands with `environment.sambung(...)`."""

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.penampung()")

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        node = copy.copy(node)  # the caller's tree stays as parsed
        node.iter = nodes.Call(nodes.EnvironmentAttribute("ulangi", lineno=node.lineno), [node.iter], [], None, None,
                               lineno=node.lineno)
        super().visit_For(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # As Jinja 3.1 writes it, with the operands passed through environment.sambung first.
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"{func_name}(environment.sambung((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


LingkunganBatas.template_class = TemplatBatas
LingkunganBatas.code_generator_class = PenyusunKode
