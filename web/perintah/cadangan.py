"""`docgen backup` and `docgen restore`: the whole database and every stored file in one archive (web.cadangan)."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.errors import DocgenError
from web.cadangan import buat_cadangan, pulihkan
from web.inti import waktu
from web.perintah.dasar import aplikasi, galat


def _gagal(exc: DocgenError) -> None:
    galat(exc.pesan, 3 if exc.status >= 500 else 2)


def _ukuran(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _peringatan(daftar: list[str], catatan: str) -> None:
    """Warnings on stderr, also with --diam (a missing file must never pass unnoticed)."""
    if daftar:
        click.echo(f"PERINGATAN: {len(daftar)} berkas yang dirujuk basis data tidak ada ({catatan}):", err=True)
        for p in daftar:
            click.echo(f"  - {p}", err=True)


@click.command("backup")
@click.option("-o", "--output", "keluaran", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas arsip .zip, .tar.gz atau .tgz (bawaan: cadangan-TTTTBBHH-JJMMDD.zip).")
@click.option("-q", "--diam", is_flag=True, help="Jangan cetak kemajuan.")
def backup(keluaran: Path | None, diam: bool) -> None:
    """Cadangkan basis data (JSON per tabel) dan semua berkas penyimpanan ke satu arsip."""
    keluaran = keluaran or Path(f"cadangan-{waktu.sekarang().astimezone():%Y%m%d-%H%M%S}.zip")
    try:
        r = buat_cadangan(aplikasi(), keluaran, lapor=None if diam else lambda p: click.echo(f"  {p}", err=True))
    except DocgenError as exc:
        _gagal(exc)
    click.echo(f"Cadangan ditulis: {r.path} (revisi {r.revisi}; {r.tabel} tabel, {r.baris} baris; {r.berkas} berkas, "
               f"{_ukuran(r.ukuran_berkas)})")
    _peringatan(r.peringatan, "cadangan ini tidak memuat berkas tersebut")


@click.command("restore")
@click.argument("arsip", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--timpa", is_flag=True, help="Hapus isi basis data dan penyimpanan tujuan lebih dulu.")
@click.option("-q", "--diam", is_flag=True, help="Jangan cetak kemajuan.")
def restore(arsip: Path, timpa: bool, diam: bool) -> None:
    """Pulihkan cadangan ARSIP ke basis data dan penyimpanan yang dikonfigurasi (harus kosong, kecuali --timpa)."""
    try:
        r = pulihkan(aplikasi(), arsip, timpa=timpa, lapor=None if diam else lambda p: click.echo(f"  {p}", err=True))
    except DocgenError as exc:
        _gagal(exc)
    click.echo(f"Cadangan dipulihkan: {r.path} (revisi {r.revisi}; {r.tabel} tabel, {r.baris} baris; {r.berkas} "
               f"berkas, {_ukuran(r.ukuran_berkas)})")
    _peringatan(r.peringatan, "dicatat saat pencadangan; berkas tersebut tidak dipulihkan")
