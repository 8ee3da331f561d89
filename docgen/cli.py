"""Command line: list document types, show schemas, render documents, check templates, bundle a cycle."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any, NoReturn

import click

from docgen import documents, masukan_json
from docgen.errors import DocgenError, InputTidakValid, KonversiGagal

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DEFAULT = Path(os.environ.get("DOCGEN_TEMPLATES", ROOT / "templates_docx"))
SAMPLES_DEFAULT = Path(os.environ.get("DOCGEN_SAMPLES", ROOT / "samples"))

opsi_templat = click.option(
    "--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path), default=TEMPLATES_DEFAULT,
    show_default=True, help="Folder templat .docx.",
)


def gagal(exc: DocgenError) -> NoReturn:
    """Print an error as one Indonesian line per field and exit: 2 for bad input, 3 for PDF trouble."""
    click.echo(f"Galat: {exc.pesan}", err=True)
    for path, pesan in exc.fields.items():
        click.echo(f"{path}: {pesan}" if path else pesan, err=True)
    sys.exit(3 if isinstance(exc, KonversiGagal) else 2)


def sebab_os(exc: OSError) -> str:
    """Why a file could not be read, in Indonesian (the system's own text is English)."""
    if isinstance(exc, FileNotFoundError):
        return "berkas tidak ditemukan"
    if isinstance(exc, PermissionError):
        return "tidak ada izin membacanya"
    if isinstance(exc, IsADirectoryError):
        return "ini sebuah folder, bukan berkas"
    return f"galat sistem {exc.errno}" if exc.errno else "galat sistem"


def baca_json(path: Path) -> Any:
    """Read an input JSON file; a missing or malformed file is an input error."""
    try:
        teks = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputTidakValid(f"Berkas masukan tidak ditemukan: {path}") from None
    except UnicodeDecodeError:
        raise InputTidakValid(f"Berkas {path} bukan teks UTF-8") from None
    except OSError as exc:
        raise InputTidakValid(f"Berkas {path} tidak dapat dibaca: {sebab_os(exc)}") from None
    return masukan_json.urai(teks, f"Berkas {path}")


def tolak_json_terlalu_dalam(path: Path) -> None:
    """Refuse, in the words of baca_json, a JSON file another module reads (an SOP definition, a cycle file) when
    it nests too deep; a missing, unreadable or malformed file is left to that module to report."""
    try:
        teks = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return
    masukan_json.tolak_terlalu_dalam(teks, f"Berkas {path}")


@contextmanager
def json_terlalu_dalam() -> Iterator[None]:
    """Answer a JSON file read elsewhere (an item file a cycle names) that nests too deep for the JSON parser
    itself as an input error; a shallower one is refused by docgen.validation with its item's name."""
    try:
        yield
    except RecursionError:
        raise InputTidakValid(f"Berkas JSON {masukan_json.PESAN_TERLALU_DALAM}") from None


def tulis(path: Path, data: bytes) -> None:
    """Write a file atomically (temporary name, then rename), creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


class _GrupDocgen(click.Group):
    """The docgen group; commands other installed packages declare under 'docgen.commands' (the web app's) are
    loaded only when one of them is called or listed, so `docgen render` never loads the web app."""

    @staticmethod
    def _tambahan() -> dict[str, EntryPoint]:
        return {ep.name: ep for ep in entry_points(group="docgen.commands")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._tambahan()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        perintah = super().get_command(ctx, cmd_name)
        ep = self._tambahan().get(cmd_name) if perintah is None else None
        if ep is not None:
            perintah = ep.load()
            self.add_command(perintah, cmd_name)
        return perintah


@click.group(cls=_GrupDocgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docgen")
def cli() -> None:
    """docgen: naskah dinas dan dokumen SAKIP siap tanda tangan."""


@cli.command("jenis")
@click.option("--json", "as_json", is_flag=True, help="Keluaran JSON.")
def jenis_cmd(as_json: bool) -> None:
    """Daftar jenis dokumen."""
    daftar = documents.semua()
    if as_json:
        click.echo(json.dumps([{"slug": j.slug, "judul": j.judul, "keterangan": j.keterangan} for j in daftar],
                              ensure_ascii=False, indent=2))
        return
    lebar = max(len(j.slug) for j in daftar)
    for j in daftar:
        click.echo(f"{j.slug.ljust(lebar)}  {j.judul}")


@cli.command("schema")
@click.argument("slug")
def schema_cmd(slug: str) -> None:
    """JSON Schema masukan untuk SLUG."""
    try:
        click.echo(json.dumps(documents.dapatkan(slug).schema(), ensure_ascii=False, indent=2))
    except DocgenError as exc:
        gagal(exc)


@cli.command("render")
@click.argument("slug")
@click.argument("masukan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "keluaran", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Berkas .docx hasil.")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), help="Buat juga PDF di sini.")
@opsi_templat
def render_cmd(slug: str, masukan: Path, keluaran: Path, pdf: Path | None, templates_dir: Path) -> None:
    """Isi templat SLUG dengan data MASUKAN (JSON)."""
    from docgen import docx_halaman, tata_letak
    from docgen.render import render

    try:
        hasil = render(slug, baca_json(masukan), templates_dir=templates_dir, basis=masukan.parent)
        for p in hasil.peringatan:
            click.echo(f"Peringatan: {p}", err=True)
        tulis(keluaran, hasil.docx)
        click.echo(f"Dokumen: {keluaran}")
        if pdf:
            from docgen.convert import Konverter

            with Konverter() as k:
                isi_pdf = k.ke_pdf(hasil.docx)
            tulis(keluaran, docx_halaman.isi_halaman(hasil.docx, isi_pdf))  # the indexes' page numbers
            tulis(pdf, isi_pdf)
            for p in tata_letak.peringatan(isi_pdf):
                click.echo(f"Peringatan: {p}", err=True)
            click.echo(f"PDF: {pdf}")
    except DocgenError as exc:
        gagal(exc)


@cli.command("contoh")
@click.option("-o", "--output", "keluaran", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder hasil.")
@click.option("--samples", "samples_dir", type=click.Path(file_okay=False, path_type=Path), default=SAMPLES_DEFAULT,
              show_default=True, help="Folder contoh JSON.")
@click.option("--tanpa-pdf", is_flag=True, help="Hanya .docx.")
@opsi_templat
def contoh_cmd(keluaran: Path, samples_dir: Path, tanpa_pdf: bool, templates_dir: Path) -> None:
    """Buat setiap contoh di samples/ menjadi .docx dan .pdf (satu LibreOffice untuk semuanya)."""
    from contextlib import nullcontext

    from docgen import docx_halaman, tata_letak
    from docgen.convert import Konverter
    from docgen.render import render

    try:
        with nullcontext() if tanpa_pdf else Konverter() as k:
            for j in documents.semua():
                masukan = samples_dir / f"{j.slug}.json"
                hasil = render(j, baca_json(masukan), templates_dir=templates_dir, basis=masukan.parent)
                for p in hasil.peringatan:
                    click.echo(f"  Peringatan ({j.slug}): {p}", err=True)
                tulis(keluaran / f"{j.slug}.docx", hasil.docx)
                baris = f"{j.judul:<28} {keluaran / (j.slug + '.docx')}"
                if k is not None:
                    isi_pdf = k.ke_pdf(hasil.docx)
                    tulis(keluaran / f"{j.slug}.docx", docx_halaman.isi_halaman(hasil.docx, isi_pdf))
                    tulis(keluaran / f"{j.slug}.pdf", isi_pdf)
                    baris += f"  {keluaran / (j.slug + '.pdf')}"
                    for p in tata_letak.peringatan(isi_pdf):
                        click.echo(f"  Peringatan ({j.slug}): {p}", err=True)
                click.echo(baris)
    except DocgenError as exc:
        gagal(exc)
    click.echo(f"\nSemua dokumen contoh ada di folder {keluaran.resolve()}")


@cli.command("capaian")
@click.argument("masukan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "bentuk", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table: tabel teks; json: angka mesin; csv: untuk Excel berbahasa Indonesia (;).")
def capaian_cmd(masukan: Path, bentuk: str) -> None:
    """Hitung capaian kinerja setiap indikator dari MASUKAN (JSON data kinerja)."""
    from docgen import capaian_tabel

    try:
        data, _ = baca_kinerja(masukan)
    except DocgenError as exc:
        gagal(exc)
    if bentuk == "json":
        click.echo(json.dumps(capaian_tabel.ke_json(data), ensure_ascii=False, indent=2))
    elif bentuk == "csv":
        click.echo(capaian_tabel.ke_csv(data), nl=False)
    else:
        click.echo(capaian_tabel.ke_tabel(data), nl=False)


@cli.command("check-templates")
@click.argument("berkas", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--samples", "samples_dir", type=click.Path(file_okay=False, path_type=Path), default=SAMPLES_DEFAULT,
              show_default=True, help="Contoh JSON untuk memeriksa variabel.")
@opsi_templat
def check_templates_cmd(berkas: tuple[Path, ...], samples_dir: Path, templates_dir: Path) -> None:
    """Periksa templat: Jinja terkompilasi, tag utuh, tanpa kutip miring, variabel dikenal skema.

    Tanpa BERKAS, memeriksa templat setiap jenis dokumen. Nama berkas menentukan jenisnya
    (<slug>.docx); berkas lain hanya diperiksa tanpa pemeriksaan variabel.
    """
    from docxtpl import DocxTemplate

    from docgen.render import bangun_konteks
    from docgen.template_check import Temuan, periksa_templat

    daftar = list(berkas) or [templates_dir / f"{j.slug}.docx" for j in documents.semua()]
    slugs = {j.slug: j for j in documents.semua()}
    semua_temuan: list[Temuan] = []
    for path in daftar:
        if not path.exists():
            semua_temuan.append(Temuan(path.name, "-", "berkas tidak ditemukan"))
            continue
        konteks = None
        jenis = slugs.get(path.stem)
        contoh = samples_dir / f"{path.stem}.json"
        if jenis is not None and contoh.exists():
            try:
                _, konteks, _ = bangun_konteks(jenis, baca_json(contoh), DocxTemplate(str(path)), contoh.parent)
            except DocgenError as exc:
                semua_temuan.append(Temuan(path.name, "-", f"contoh {contoh.name} tidak sah: {exc.pesan}"))
        temuan = periksa_templat(path, konteks)
        semua_temuan += temuan
        click.echo(f"{'OK   ' if not temuan else 'GAGAL'} {path}")
    for t in semua_temuan:
        click.echo(f"  {t}", err=True)
    if semua_temuan:
        click.echo(f"{len(semua_temuan)} masalah ditemukan.", err=True)
        sys.exit(1)


@cli.command("periksa-tata-letak")
@click.argument("berkas", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def periksa_tata_letak_cmd(berkas: tuple[Path, ...]) -> None:
    """Periksa tata letak PDF: halaman kosong, halaman yang hanya memuat penutup atau tanda tangan, halaman lanjutan
    tanpa nomor, teks di luar margin, butir daftar yang terpotong sendirian, huruf yang tidak tertanam.

    Satu baris per temuan; status keluar 1 bila ada temuan, 2 bila berkas tidak dapat dibaca.
    """
    from docgen import tata_letak

    ada = False
    for path in berkas:
        try:
            isi = path.read_bytes()
        except OSError as exc:
            gagal(InputTidakValid(f"Berkas {path} tidak dapat dibaca: {sebab_os(exc)}"))
        try:
            temuan = tata_letak.periksa(isi)
        except DocgenError as exc:
            gagal(DocgenError(f"{path}: {exc.pesan}", status=exc.status))
        for t in temuan:
            click.echo(f"{path}: {t}")
        if not temuan:
            click.echo(f"{path}: tata letak baik", err=True)
        ada = ada or bool(temuan)
    if ada:
        sys.exit(1)


def baca_kinerja(path: Path) -> tuple[Any, dict]:
    """Read DataKinerja JSON (bare, or under a "kinerja" key); return the data and the raw wrapper object."""
    from docgen.kinerja import DataKinerja
    from docgen.validation import validasi

    mentah = baca_json(path)
    bungkus = mentah if isinstance(mentah, dict) else {}
    if isinstance(mentah, dict) and "kinerja" in mentah:
        mentah = mentah["kinerja"]
    peringatan: list[str] = []
    data = validasi(DataKinerja, mentah, peringatan)
    for p in peringatan:
        click.echo(f"Peringatan: {p}", err=True)
    return data, bungkus


@cli.command("formulir-xlsx")
@click.argument("masukan", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--unit", default=None, help="Unit kerja (Bidang/Bagian); tanpa opsi ini: semua unit.")
@click.option("--instansi", default=None, help="Nama instansi di kepala formulir (bawaan: instansi.nama masukan).")
@click.option("-o", "--output", "keluaran", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Berkas .xlsx hasil.")
def formulir_xlsx_cmd(masukan: Path, unit: str | None, instansi: str | None, keluaran: Path) -> None:
    """Buat formulir Excel realisasi triwulan untuk diisi unit kerja dari MASUKAN (JSON data kinerja)."""
    from docgen.formulir_xlsx import tulis_formulir
    from docgen.kinerja import indikator_unit

    try:
        data, bungkus = baca_kinerja(masukan)
        if instansi is None:
            asal = bungkus.get("instansi")
            nama = asal.get("nama") if isinstance(asal, dict) else None
            instansi = nama if isinstance(nama, str) else ""
        isi = tulis_formulir(data, unit, instansi_nama=instansi)
    except DocgenError as exc:
        gagal(exc)
    tulis(keluaran, isi)
    click.echo(f"Formulir: {keluaran} ({len(indikator_unit(data, unit))} indikator, "
               f"{unit or 'semua unit kerja'}, tahun {data.tahun})")


@cli.command("impor-realisasi")
@click.argument("formulir", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "keluaran", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas JSON hasil (tanpa opsi ini: ditulis ke layar).")
@click.option("--data", "data_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="JSON data kinerja: keluarannya data kinerja dengan realisasi dari formulir.")
def impor_realisasi_cmd(formulir: Path, keluaran: Path | None, data_path: Path | None) -> None:
    """Baca FORMULIR Excel yang sudah diisi; tulis realisasinya sebagai JSON (atau terapkan ke --data)."""
    from docgen.formulir_xlsx import baca_formulir, kinerja_json, terapkan

    try:
        try:
            isi = formulir.read_bytes()
        except FileNotFoundError:
            raise InputTidakValid(f"Berkas formulir tidak ditemukan: {formulir}") from None
        except OSError as exc:
            raise InputTidakValid(f"Berkas {formulir} tidak dapat dibaca: {sebab_os(exc)}") from None
        hasil = baca_formulir(isi)
        keluar = hasil.ke_json()
        if data_path is not None:
            data, _ = baca_kinerja(data_path)
            keluar = kinerja_json(terapkan(data, hasil))
    except DocgenError as exc:
        gagal(exc)
    for kode in hasil.tidak_ada:
        click.echo(f"Peringatan: baris {kode} tidak ada lagi di formulir; realisasinya tidak diimpor", err=True)
    teks = json.dumps(keluar, ensure_ascii=False, indent=2) + "\n"
    if keluaran is None:
        click.echo(teks, nl=False)
        return
    tulis(keluaran, teks.encode("utf-8"))
    click.echo(f"Realisasi {len(hasil.indikator)} indikator ({hasil.unit or 'semua unit kerja'}, tahun "
               f"{hasil.tahun}): {keluaran}")


@cli.command("bundle")
@click.argument("siklus", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "keluaran", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Berkas .zip hasil.")
@opsi_templat
def bundle_cmd(siklus: Path, keluaran: Path, templates_dir: Path) -> None:
    """Susun berkas arsip bernomor satu siklus SOP dari SIKLUS (JSON).

    ZIP berisi Daftar Isi Berkas dan setiap item (.docx dan .pdf, NN-jenis), satu PDF gabungan dengan
    penanda per item dan cap di setiap halaman, manifest.json, daftar-arsip.xlsx, dan masukannya.
    """
    from docgen.bundle import tulis_berkas

    def lapor(persen: int, pesan: str) -> None:
        click.echo(f"[{persen:3d}%] {pesan}", err=True)

    try:
        tolak_json_terlalu_dalam(siklus)
        with json_terlalu_dalam():
            hasil = tulis_berkas(siklus, keluaran, templates_dir=templates_dir, lapor=lapor)
    except DocgenError as exc:
        gagal(exc)
    for p in hasil.peringatan:
        click.echo(f"Peringatan: {p}", err=True)
    click.echo(f"Berkas: {keluaran} ({len(hasil.item)} item, {hasil.jumlah_halaman} halaman, PDF gabungan "
               f"{hasil.nama_pdf})")


@cli.group("sop")
def sop_grup() -> None:
    """Definisi SOP: daftar bawaan, periksa berkas definisi, buat masukan Keputusan."""


@sop_grup.command("daftar")
@click.option("--json", "as_json", is_flag=True, help="Keluaran JSON.")
def sop_daftar_cmd(as_json: bool) -> None:
    """Daftar definisi SOP bawaan: kode, judul, jumlah langkah, jumlah waktu, masalah."""
    from docgen import sop

    try:
        daftar = list(sop.bawaan().values())
    except DocgenError as exc:
        gagal(exc)
    if as_json:
        click.echo(json.dumps([{"kode": d.kode, "judul": d.judul, "langkah": len(d.langkah), "total": str(d.total()),
                                "masalah": d.masalah()} for d in daftar], ensure_ascii=False, indent=2))
        return
    lebar = max(len(d.kode) for d in daftar)
    for d in daftar:
        click.echo(f"{d.kode.ljust(lebar)}  {d.judul} ({len(d.langkah)} langkah, {d.total()})")
        for m in d.masalah():
            click.echo(f"{' ' * lebar}  ! {m}")


@sop_grup.command("periksa")
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
def sop_periksa_cmd(berkas: Path) -> None:
    """Periksa BERKAS definisi SOP (JSON): sah atau tidak, jumlah waktu, dan peringatannya."""
    from docgen import sop

    try:
        tolak_json_terlalu_dalam(berkas)
        d = sop.muat(berkas)
    except DocgenError as exc:
        gagal(exc)
    keputusan = sum(lk.jenis == "keputusan" for lk in d.langkah)
    click.echo(f"OK: {d.kode} ({d.judul}): {len(d.langkah)} langkah, {keputusan} keputusan, "
               f"jumlah waktu {d.total()}")
    for m in d.masalah():
        click.echo(f"Peringatan: {m}", err=True)


@sop_grup.command("keputusan")
@click.argument("kode")
@click.option("-o", "--output", "keluaran", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Berkas JSON hasil (tanpa opsi ini: ditulis ke layar).")
@click.option("--dari", "dari", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Masukan lain (mis. samples/keputusan-sop.json) yang instansi dan penandatangannya dipakai.")
def sop_keputusan_cmd(kode: str, keluaran: Path | None, dari: Path | None) -> None:
    """Buat masukan keputusan-sop dari SOP bawaan KODE (atau berkas definisi .json), untuk dilengkapi."""
    from docgen import sop
    from docgen.errors import TidakDitemukan

    try:
        if kode.endswith(".json"):
            tolak_json_terlalu_dalam(Path(kode))
            d = sop.muat(Path(kode))
        else:
            semua = sop.bawaan()
            if kode not in semua:
                raise TidakDitemukan(f"SOP bawaan '{kode}' tidak ada; lihat `docgen sop daftar`")
            d = semua[kode]
        asal = baca_json(dari) if dari else {}
        if not isinstance(asal, dict):
            raise InputTidakValid(f"Berkas {dari} harus berisi objek JSON")
        data = sop.keputusan(d, instansi=asal.get("instansi"), penandatangan=asal.get("penandatangan"))
    except DocgenError as exc:
        gagal(exc)
    teks = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if keluaran is None:
        click.echo(teks, nl=False)
        return
    tulis(keluaran, teks.encode("utf-8"))
    click.echo(f"Masukan keputusan-sop: {keluaran} (render: docgen render keputusan-sop {keluaran} -o ...)")


if __name__ == "__main__":
    cli()
