"""`docgen web`: prepare the database with the sample agency, serve the app, sweep unreferenced files."""

from __future__ import annotations

import os

import click

from web.inti.alamat import url_lokal
from web.inti.db import migrasi, sesi
from web.inti.penyimpanan import penyimpanan
from web.layanan import audit
from web.layanan.contoh import muat_contoh
from web.layanan.sapu import sapu
from web.perintah.dasar import aplikasi


@click.group("web")
def web() -> None:
    """Aplikasi web: basis data, contoh instansi, server."""


@web.command("siapkan")
def siapkan() -> None:
    """Migrasi basis data dan muat instansi contoh (sekali) beserta pengguna demo."""
    app = aplikasi()
    migrasi(app.config["DATABASE_URL"])
    with app.app_context():
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
    app = aplikasi()
    app.config["URL_LOKAL"] = url_lokal(host, port)  # the verification links' base in development only
    click.echo(f"docgen berjalan di http://{host}:{port}/  (Ctrl+C untuk berhenti)")
    if not app.config["URL_VERIFIKASI"] and not app.config["PENGEMBANGAN"]:
        click.echo("Peringatan: URL_VERIFIKASI belum disetel; dokumen tidak dapat difinalkan sampai disetel "
                   "(atau DOCGEN_MODE=pengembangan untuk mencoba di komputer ini).", err=True)
    if server == "waitress":
        from waitress import serve  # the production server, loaded only to serve

        serve(app, host=host, port=port, threads=utas, connection_limit=max(100, 4 * utas), channel_timeout=300,
              ident="docgen")
        return
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True, use_reloader=False)


@web.command("sapu")
@click.option("--umur", "umur_jam", default=24.0, show_default=True, type=click.FloatRange(min=0),
              help="Hanya berkas yang lebih tua dari sekian jam (logo dan templat yang diganti: paling cepat 1 jam).")
@click.option("--hapus", is_flag=True, help="Benar-benar hapus (tanpa ini: hanya tampilkan).")
def sapu_cmd(umur_jam: float, hapus: bool) -> None:
    """Cari berkas penyimpanan yang tidak dirujuk basis data (sisa proses yang terhenti) dan berkas sementara."""
    app = aplikasi()
    with app.app_context():
        hasil = sapu(app, umur_jam=umur_jam, hapus=hapus)
        for k in hasil.yatim + hasil.sementara:
            click.echo(("dihapus: " if hapus else "yatim: ") + k)
        ringkas = f"{len(hasil.yatim)} berkas yatim, {len(hasil.sementara)} berkas sementara, {hasil.bita} bita"
        if hapus and (hasil.yatim or hasil.sementara):
            audit.catat("penyimpanan.sapu", "penyimpanan", "", {"yatim": len(hasil.yatim),
                                                               "sementara": len(hasil.sementara),
                                                               "bita": hasil.bita})
        click.echo(ringkas + ("" if hapus else " (belum dihapus; ulangi dengan --hapus)"))
