"""The shape of the code: no import cycles (function-level imports counted), no import hidden in a function to dodge
one, the import-linter contracts hold and can fail, and no module over 500 lines."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from tests.conftest import ROOT

PAKET = ("docgen", "web")
MAKS_BARIS = 500
# Imports of project modules that may sit inside a function, and why (anything else is a finding).
IMPOR_DALAM_FUNGSI = {
    "docgen/cli.py": "each command imports only what it runs, so `docgen jenis` does not load LibreOffice or Excel",
}
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _siklus(graf: grimp.ImportGraph, modul: set[str]) -> list[list[str]]:
    """The strongly connected components of more than one module (each is an import cycle), Tarjan's way."""
    indeks: dict[str, int] = {}
    rendah: dict[str, int] = {}
    tumpukan: list[str] = []
    di_tumpukan: set[str] = set()
    hasil: list[list[str]] = []
    berikut = 0

    def kunjungi(v: str) -> None:
        nonlocal berikut
        indeks[v] = rendah[v] = berikut
        berikut += 1
        tumpukan.append(v)
        di_tumpukan.add(v)
        for w in sorted(graf.find_modules_directly_imported_by(v) & modul):
            if w not in indeks:
                kunjungi(w)
                rendah[v] = min(rendah[v], rendah[w])
            elif w in di_tumpukan:
                rendah[v] = min(rendah[v], indeks[w])
        if rendah[v] == indeks[v]:
            komponen = []
            while True:
                w = tumpukan.pop()
                di_tumpukan.discard(w)
                komponen.append(w)
                if w == v:
                    break
            if len(komponen) > 1:
                hasil.append(sorted(komponen))

    for m in sorted(modul):
        if m not in indeks:
            kunjungi(m)
    return hasil


@pytest.fixture(scope="module")
def graf() -> grimp.ImportGraph:
    return grimp.build_graph(*PAKET, cache_dir=None)


def test_tanpa_siklus_impor(graf):
    """Every import counts, at module level or inside a function (grimp reads both)."""
    modul = {m for m in graf.modules if m.split(".")[0] in PAKET}
    assert _siklus(graf, modul) == []


def test_siklus_terdeteksi():
    """The cycle finder itself finds a cycle (so the test above can fail)."""

    class Graf:
        def __init__(self, sisi: dict[str, set[str]]):
            self.sisi = sisi

        def find_modules_directly_imported_by(self, m: str) -> set[str]:
            return self.sisi.get(m, set())

    g = Graf({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert _siklus(g, {"a", "b", "c", "d"}) == [["a", "b", "c"]]  # type: ignore[arg-type]


def _impor_dalam_fungsi(path: Path) -> list[str]:
    pohon = ast.parse(path.read_text(encoding="utf-8"))
    temuan = []
    for fungsi in ast.walk(pohon):
        if not isinstance(fungsi, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(fungsi):
            nama = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                nama = [node.module]
            elif isinstance(node, ast.Import):
                nama = [a.name for a in node.names]
            temuan += [f"{path.relative_to(ROOT)}:{node.lineno} {n}" for n in nama if n.split(".")[0] in PAKET]
    return temuan


def test_tidak_ada_impor_proyek_di_dalam_fungsi():
    """A function-level import of a project module is the sign of a cycle dodged: move the code, not the import."""
    temuan = []
    for paket in PAKET:
        for path in sorted((ROOT / paket).rglob("*.py")):
            if path.relative_to(ROOT).as_posix() not in IMPOR_DALAM_FUNGSI and "migrations" not in path.parts:
                temuan += _impor_dalam_fungsi(path)
    assert temuan == []


def test_kontrak_import_linter_terpenuhi():
    r = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


def test_kontrak_lapisan_dapat_gagal(tmp_path):
    """A service importing a view breaks the layers contract: the check is real."""
    salinan = tmp_path / "proyek"
    for paket in PAKET:
        shutil.copytree(ROOT / paket, salinan / paket, ignore=shutil.ignore_patterns("__pycache__"))
    (salinan / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    audit = salinan / "web" / "layanan" / "audit.py"
    audit.write_text(audit.read_text(encoding="utf-8") + "\nfrom web.views import dokumen  # noqa\n", encoding="utf-8")
    r = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=salinan, capture_output=True, text=True,
                       env={"PYTHONPATH": str(salinan), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 1, r.stdout + r.stderr
    assert "web.layanan.audit -> web.views.dokumen" in r.stdout


def test_tidak_ada_modul_lebih_dari_500_baris():
    panjang = {}
    for folder in ("docgen", "web", "tests", "tools", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            n = len(path.read_text(encoding="utf-8").splitlines())
            if n > MAKS_BARIS:
                panjang[path.relative_to(ROOT).as_posix()] = n
    assert panjang == {}
