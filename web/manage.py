"""Commands added to `docgen` by the web package: database, sample agency, users, tokens, server."""

from __future__ import annotations

import os
import sys

import click
from sqlalchemy import select

from web.models import PERAN


def _app():
    """The configured app; its database connections are closed when the command ends."""
    from web import create_app

    app = create_app()
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(app.extensions["docgen_engine"].dispose)
    return app


@click.group("web")
def web() -> None:
    """Aplikasi web: basis data, contoh instansi, server."""


@web.command("siapkan")
def siapkan() -> None:
    """Migrasi basis data dan muat instansi contoh (sekali) beserta pengguna demo."""
    from web.contoh import muat_contoh
    from web.db import migrasi

    app = _app()
    migrasi(app.config["DATABASE_URL"])
    with app.app_context():
        from web.db import sesi
        from web.penyimpanan import penyimpanan

        sandi = muat_contoh(sesi(), penyimpanan())
    if sandi:
        click.echo("Instansi contoh dimuat. Akun demo (hanya untuk penggunaan lokal, dicetak sekali ini saja):")
        for u, p in sandi.items():
            click.echo(f"  {u:<20} {p}")
    else:
        click.echo("Basis data sudah berisi instansi; akun tidak diubah.")


@web.command("jalankan")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=lambda: int(os.environ.get("PORT", 5000)), show_default="5000 atau $PORT", type=int)
@click.option("--server", "server", type=click.Choice(["waitress", "werkzeug"]), default="waitress",
              show_default=True, help="waitress: server WSGI produksi berutas banyak; werkzeug: server pengembangan.")
@click.option("--utas", default=16, show_default=True, type=click.IntRange(1, 256),
              help="Jumlah utas waitress (permintaan yang dilayani bersamaan).")
def jalankan(host: str, port: int, server: str, utas: int) -> None:
    """Jalankan server web."""
    app = _app()
    click.echo(f"docgen berjalan di http://{host}:{port}/  (Ctrl+C untuk berhenti)")
    if server == "waitress":
        from waitress import serve

        serve(app, host=host, port=port, threads=utas, connection_limit=max(100, 4 * utas), channel_timeout=300,
              ident="docgen")
        return
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True, use_reloader=False)


@web.command("sapu")
@click.option("--umur", "umur_jam", default=24.0, show_default=True, type=click.FloatRange(min=0),
              help="Hanya berkas yang lebih tua dari sekian jam.")
@click.option("--hapus", is_flag=True, help="Benar-benar hapus (tanpa ini: hanya tampilkan).")
def sapu_cmd(umur_jam: float, hapus: bool) -> None:
    """Cari berkas penyimpanan yang tidak dirujuk basis data (sisa proses yang terhenti) dan berkas sementara."""
    from web.sapu import sapu

    app = _app()
    with app.app_context():
        hasil = sapu(app, umur_jam=umur_jam, hapus=hapus)
        for k in hasil.yatim + hasil.sementara:
            click.echo(("dihapus: " if hapus else "yatim: ") + k)
        ringkas = f"{len(hasil.yatim)} berkas yatim, {len(hasil.sementara)} berkas sementara, {hasil.bita} bita"
        if hapus and (hasil.yatim or hasil.sementara):
            from web import audit

            audit.catat("penyimpanan.sapu", "penyimpanan", "", {"yatim": len(hasil.yatim),
                                                               "sementara": len(hasil.sementara),
                                                               "bita": hasil.bita})
        click.echo(ringkas + ("" if hapus else " (belum dihapus; ulangi dengan --hapus)"))


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
    from docgen.documents.common import Instansi as ProfilInstansi
    from docgen.errors import InputTidakValid
    from docgen.validation import validasi
    from web.db import sesi
    from web.models import Instansi

    profil = {"pemerintah": pemerintah.upper(), "nama": nama.upper(), "singkatan": singkatan, "alamat": alamat,
              "kota": kota, "zona_waktu": zona_waktu}
    try:
        profil = validasi(ProfilInstansi, profil).model_dump(mode="json", exclude_defaults=True)
    except InputTidakValid as exc:
        for baris in exc.lines():
            click.echo(f"Galat: {baris}", err=True)
        sys.exit(2)
    app = _app()
    with app.app_context():
        db = sesi()
        lengkap = f"{nama} {pemerintah.removeprefix('Pemerintah ').removeprefix('PEMERINTAH ')}"
        if db.scalar(select(Instansi).where(Instansi.nama == lengkap)) is not None:
            click.echo(f"Galat: instansi '{lengkap}' sudah ada", err=True)
            sys.exit(2)
        inst = Instansi(nama=lengkap, profil=profil, pengaturan_capaian={})
        db.add(inst)
        db.commit()
        from web import audit

        audit.catat("instansi.buat", "instansi", inst.id, {"nama": lengkap, "lewat": "perintah docgen instansi buat"},
                    instansi_id=inst.id)
        click.echo(inst.id)


@instansi.command("daftar")
def instansi_daftar() -> None:
    """Cetak setiap instansi: ID, nama, jumlah pengguna."""
    from sqlalchemy import func

    from web.db import sesi
    from web.models import Instansi, Pengguna

    app = _app()
    with app.app_context():
        db = sesi()
        for inst in db.scalars(select(Instansi).order_by(Instansi.id)):
            n = db.scalar(select(func.count()).select_from(Pengguna).where(Pengguna.instansi_id == inst.id))
            click.echo(f"{inst.id:>4}  {inst.nama}  ({n} pengguna)")


@click.group("user")
def user() -> None:
    """Kelola akun pengguna."""


@user.command("create")
@click.option("--username", required=True)
@click.option("--role", "peran", required=True, type=click.Choice(PERAN))
@click.option("--unit", default=None, help="Unit kerja (wajib untuk peran bidang).")
@click.option("--nama", default="", help="Nama lengkap.")
@click.option("--password-stdin", is_flag=True, help="Baca kata sandi dari stdin.")
@click.option("--instansi", "instansi_id", type=int, default=None,
              help="ID instansi (lihat `docgen instansi daftar`); wajib bila ada lebih dari satu.")
def user_create(username: str, peran: str, unit: str | None, nama: str, password_stdin: bool,
                instansi_id: int | None) -> None:
    """Buat akun pengguna untuk satu instansi."""
    from web.auth import hash_password
    from web.db import sesi
    from web.models import Instansi, Pengguna, UnitKerja

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Kata sandi", hide_input=True, confirmation_prompt="Ulangi kata sandi")
    if len(password) < 8:
        click.echo("Galat: kata sandi paling sedikit 8 karakter", err=True)
        sys.exit(2)
    app = _app()
    with app.app_context():
        db = sesi()
        semua = list(db.scalars(select(Instansi).order_by(Instansi.id)))
        if not semua:
            click.echo("Galat: belum ada instansi; jalankan `docgen web siapkan` atau `docgen instansi buat` dahulu",
                       err=True)
            sys.exit(2)
        if instansi_id is None and len(semua) > 1:
            daftar = "; ".join(f"{i.id} = {i.nama}" for i in semua)
            click.echo(f"Galat: ada {len(semua)} instansi; pilih dengan --instansi ({daftar})", err=True)
            sys.exit(2)
        inst = semua[0] if instansi_id is None else next((i for i in semua if i.id == instansi_id), None)
        if inst is None:
            click.echo(f"Galat: instansi dengan ID {instansi_id} tidak ada", err=True)
            sys.exit(2)
        if db.scalar(select(Pengguna).where(Pengguna.username == username)):
            click.echo(f"Galat: nama pengguna '{username}' sudah dipakai", err=True)
            sys.exit(2)
        unit_id = None
        if peran == "bidang" and not unit:
            click.echo("Galat: peran bidang memerlukan --unit", err=True)
            sys.exit(2)
        if unit:
            u = db.scalar(select(UnitKerja).where(UnitKerja.instansi_id == inst.id, UnitKerja.nama == unit))
            if u is None:
                ada = ", ".join(x.nama for x in inst.unit_kerja)
                click.echo(f"Galat: unit kerja '{unit}' tidak dikenal; yang ada: {ada}", err=True)
                sys.exit(2)
            unit_id = u.id
        baru = Pengguna(instansi_id=inst.id, username=username, nama=nama, peran=peran, unit_kerja_id=unit_id,
                        password_hash=hash_password(password))
        db.add(baru)
        db.commit()
        from web import audit

        audit.catat("pengguna.buat", "pengguna", baru.id, {"username": username, "peran": peran, "unit": unit,
                                                           "lewat": "perintah docgen user create"},
                    instansi_id=inst.id)
    click.echo(f"Pengguna {username} ({peran}) dibuat.")


@click.group("token")
def token() -> None:
    """Token API."""


@token.command("create")
@click.argument("username")
def token_create(username: str) -> None:
    """Buat token API untuk USERNAME dan cetak tokennya (hanya sekali)."""
    from web.auth import buat_token
    from web.db import sesi
    from web.models import Pengguna

    app = _app()
    with app.app_context():
        db = sesi()
        p = db.scalar(select(Pengguna).where(Pengguna.username == username))
        if p is None:
            click.echo(f"Galat: pengguna '{username}' tidak ada", err=True)
            sys.exit(2)
        t = buat_token(p)
        db.commit()
        from web import audit

        audit.catat("token.buat", "pengguna", p.id, {"username": username, "lewat": "perintah docgen token create"},
                    instansi_id=p.instansi_id)
    click.echo(t)
