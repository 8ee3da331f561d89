"""`docgen instansi`: several agencies (OPD) on one deployment, each seeing only its own data."""

from __future__ import annotations

import click

from docgen.errors import DocgenError
from web.layanan.instansi import buat_instansi, daftar_instansi
from web.perintah.dasar import aplikasi, gagal


@click.group("instansi")
def instansi() -> None:
    """Kelola instansi (OPD) pada satu pemasangan: setiap instansi melihat datanya sendiri saja."""


@instansi.command("buat")
@click.option("--nama", required=True, help="Nama instansi, mis. 'Dinas Pendidikan'.")
@click.option("--pemerintah", required=True, help="Mis. 'Pemerintah Kabupaten Pesisir Selatan'.")
@click.option("--alamat", required=True)
@click.option("--kota", required=True, help="Kota tempat surat dibuat, mis. Painan.")
@click.option("--singkatan", default="")
@click.option("--zona-waktu", "zona_waktu", type=click.Choice(["WIB", "WITA", "WIT"]), default="WIB",
              show_default=True)
def instansi_buat(nama: str, pemerintah: str, alamat: str, kota: str, singkatan: str, zona_waktu: str) -> None:
    """Tambah instansi baru; cetak nomor (ID)-nya. Lengkapi kop dan pejabatnya di halaman Profil oleh admin."""
    with aplikasi().app_context():
        try:
            inst = buat_instansi(nama=nama, pemerintah=pemerintah, alamat=alamat, kota=kota, singkatan=singkatan,
                                 zona_waktu=zona_waktu, lewat="perintah docgen instansi buat")
        except DocgenError as exc:
            gagal(exc)
        click.echo(inst.id)


@instansi.command("daftar")
def instansi_daftar() -> None:
    """Cetak setiap instansi: ID, nama, jumlah pengguna."""
    with aplikasi().app_context():
        for inst, n in daftar_instansi():
            click.echo(f"{inst.id:>4}  {inst.nama}  ({n} pengguna)")
