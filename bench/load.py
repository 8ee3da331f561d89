"""Load test of Redis mode on loopback: 50 users making documents (PDF) through the JSON API while 10 archive bundles
run, against one waitress web process and 1, 2 and 4 `docgen worker` processes. Prints, per configuration, the
document throughput, p50/p95 latency and errors (which must be 0), and the bundles' times and errors.

Bounded: each configuration makes documents for --detik seconds (30), then waits at most --batas-berkas seconds
(180) for its bundles. Everything it starts (web server, workers, their LibreOffice) is ended in `finally`; its
database (a fresh PostgreSQL database, or SQLite with --db sqlite), files and Redis keys are removed at the end.

Run: make bench-load   (needs Redis at 127.0.0.1:6379; about 4 minutes)
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DOCGEN = Path(sys.executable).with_name("docgen")
PG_SERVER = os.environ.get("DOCGEN_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
# (user, slug) pairs the 50 users cycle through: roles that may make these types
PEMBUAT = [("kepala", "nota-dinas"), ("sekretaris", "undangan-rapat"), ("perencana", "nota-dinas"),
           ("timsakip", "undangan-rapat"), ("admin", "nota-dinas"), ("sekretaris", "nota-dinas")]
NASKAH_SIKLUS = [(1, "nota-dinas"), (2, "notulen-rapat"), (3, "rencana-kegiatan")]


def sampel(slug: str) -> dict:
    data = json.loads((SAMPLES / f"{slug}.json").read_text(encoding="utf-8"))
    data.pop("instansi", None)
    data.pop("kinerja", None)
    return data


# -- HTTP ----------------------------------------------------------------------------------------------------------


class Klien:
    """One keep-alive HTTP connection to the server (one per client thread)."""

    def __init__(self, port: int, header: dict[str, str] | None = None):
        self.port = port
        self.header = dict(header or {})
        self.conn: http.client.HTTPConnection | None = None

    def minta(self, metode: str, path: str, badan: bytes | None = None,
              header: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        for percobaan in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
            try:
                self.conn.request(metode, path, body=badan, headers={**self.header, **(header or {})})
                r = self.conn.getresponse()
                isi = r.read()
                h: dict[str, str] = {}
                for k, v in r.getheaders():  # several Set-Cookie lines are kept, one per line
                    h[k.lower()] = f"{h[k.lower()]}\n{v}" if k.lower() in h else v
                return r.status, h, isi
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if percobaan == 2:
                    raise
        raise AssertionError("tidak tercapai")

    def tutup(self) -> None:
        if self.conn is not None:
            self.conn.close()


def csrf(html: bytes) -> str:
    m = re.search(rb'name="csrf_token" value="([^"]+)"', html)
    if m is None:
        raise RuntimeError("csrf_token tidak ditemukan")
    return m.group(1).decode()


def kue_sesi(h: dict[str, str]) -> str:
    """The `session=...` cookie from a response's Set-Cookie lines."""
    for baris in h.get("set-cookie", "").splitlines():
        if baris.startswith("session="):
            return baris.split(";")[0]
    raise RuntimeError("server tidak mengirim cookie sesi")


def masuk(port: int, username: str, sandi: str) -> str:
    """Log in through the form; return the session cookie."""
    k = Klien(port)
    try:
        _, h, html = k.minta("GET", "/masuk")
        kue = kue_sesi(h)
        badan = urllib.parse.urlencode({"username": username, "password": sandi, "csrf_token": csrf(html)}).encode()
        status, h, _ = k.minta("POST", "/masuk", badan, {"Content-Type": "application/x-www-form-urlencoded",
                                                          "Cookie": kue})
        if status != 302:
            raise RuntimeError(f"gagal masuk sebagai {username}: HTTP {status}")
        return kue_sesi(h)
    finally:
        k.tutup()


# -- processes -----------------------------------------------------------------------------------------------------


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proses_di(folder: Path) -> list[int]:
    """PIDs of processes whose command line names `folder` (the workers' LibreOffice profiles live there)."""
    hasil = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if str(folder).encode() in (p / "cmdline").read_bytes():
                    hasil.append(int(p.name))
            except OSError:
                pass
    return hasil


def hentikan(p: subprocess.Popen[bytes], tunggu: float = 30) -> None:
    """SIGTERM the process group, then SIGKILL what is left."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(tunggu)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(p.pid, signal.SIGKILL)
    p.wait()


def jumlah_pekerja(redis_url: str, antrean: str) -> int:
    import redis
    from rq import Queue, Worker

    with redis.Redis.from_url(redis_url) as r:
        return len(Worker.all(queue=Queue(antrean, connection=r)))


# -- database ------------------------------------------------------------------------------------------------------


def buat_basis(jenis: str, tmp: Path) -> tuple[str, str]:
    """Return (URL, description) of a fresh database: PostgreSQL when reachable (or asked), else SQLite."""
    if jenis in ("auto", "postgresql"):
        try:
            import psycopg

            nama = f"docgen_bench_{secrets.token_hex(4)}"
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as c:
                c.execute(f'CREATE DATABASE "{nama}"')
            return f"{PG_SERVER.replace('postgresql://', 'postgresql+psycopg://', 1)}/{nama}", f"PostgreSQL {nama}"
        except Exception as e:
            if jenis == "postgresql":
                raise
            print(f"PostgreSQL tidak tersedia ({e}); memakai SQLite", file=sys.stderr)
    return f"sqlite:///{tmp / 'bench.sqlite'}", "SQLite"


def daftar_tugas(url: str) -> list[str]:
    """Ids of every job the run made (their RQ keys are removed at the end)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return [b[0] for b in c.execute(text("SELECT id FROM tugas"))]
    except Exception:
        return []
    finally:
        engine.dispose()


def hapus_basis(url: str) -> None:
    if "postgresql" not in url:
        return
    import psycopg

    nama = url.rsplit("/", 1)[1]
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')


def siapkan(url: str, storage: Path, jumlah_siklus: int) -> tuple[dict[str, str], dict[str, str], list[int]]:
    """Migrate, load the sample agency; return (passwords, tokens by user, cycle ids with three papers each)."""
    from sqlalchemy import select

    from web.aplikasi import create_app
    from web.inti.db import migrasi, sesi
    from web.inti.models import Pengguna
    from web.layanan import langkah
    from web.layanan.akun import buat_token
    from web.layanan.contoh import muat_contoh
    from web.layanan.dokumen import buat_dokumen

    migrasi(url)
    app = create_app({"DATABASE_URL": url, "PENYIMPANAN": storage, "SECRET_KEY": "bench", "REDIS_URL": ""})
    with app.app_context():
        db = sesi()
        sandi = muat_contoh(db, storage) or {}

        def p(u: str) -> Pengguna:
            return db.scalar(select(Pengguna).where(Pengguna.username == u))

        token = {u: buat_token(p(u)) for u in {u for u, _ in PEMBUAT}}
        db.commit()
        siklus = []
        for i in range(jumlah_siklus):
            s = langkah.mulai_siklus(p("perencana"), kode="pengukuran-kinerja", periode_jenis="bulan", periode_ke=i + 1,
                                tahun=2025, sekarang=dt.datetime.now(dt.UTC))
            for no, slug in NASKAH_SIKLUS:
                buat_dokumen(p("perencana"), slug, sampel(slug), siklus_id=s.id, langkah_no=no, pdf=False)
            siklus.append(s.id)
    app.extensions["docgen_engine"].dispose()
    return sandi, token, siklus


# -- one configuration ---------------------------------------------------------------------------------------------


@dataclass
class Hasil:
    pekerja: int
    latensi: list[float] = field(default_factory=list)
    galat_dok: list[str] = field(default_factory=list)
    durasi: float = 0.0
    berkas: list[float] = field(default_factory=list)
    galat_berkas: list[str] = field(default_factory=list)

    def dok_per_detik(self) -> float:
        return len(self.latensi) / self.durasi if self.durasi else 0.0


def persentil(nilai: list[float], p: float) -> float:
    if not nilai:
        return float("nan")
    if len(nilai) == 1:
        return nilai[0]
    return statistics.quantiles(nilai, n=100, method="inclusive")[int(p) - 1]


def jalankan(n: int, args: argparse.Namespace, env: dict[str, str], tmp: Path, sandi: dict[str, str],
             token: dict[str, str], siklus: list[int]) -> Hasil:
    antrean = f"{env['DOCGEN_ANTREAN_DASAR']}-{n}"
    env = dict(env, DOCGEN_ANTREAN=antrean)
    port = port_bebas()
    log = tmp / f"log-{n}"
    log.mkdir()
    proses: list[subprocess.Popen[bytes]] = []
    hasil = Hasil(n)
    try:
        with (log / "web.log").open("wb") as f:
            proses.append(subprocess.Popen([str(DOCGEN), "web", "jalankan", "--port", str(port), "--utas", "80"],
                                           env=env, stdout=f, stderr=subprocess.STDOUT, start_new_session=True))
        with (log / "pekerja.log").open("wb") as f:
            proses.append(subprocess.Popen([str(DOCGEN), "worker", "--jumlah", str(n)], env=env, stdout=f,
                                           stderr=subprocess.STDOUT, start_new_session=True))
        akhir = time.monotonic() + 60
        while True:
            try:
                if Klien(port).minta("GET", "/api/v1/openapi.json")[0] == 200 and \
                        jumlah_pekerja(args.redis, f"{antrean}-pdf") >= n:
                    break
            except OSError:
                pass
            if time.monotonic() > akhir or any(p.poll() is not None for p in proses):
                raise RuntimeError(f"server atau pekerja tidak siap; lihat {log}")
            time.sleep(0.2)

        def dok(i: int, k: Klien) -> tuple[int, bytes]:
            user, slug = PEMBUAT[i % len(PEMBUAT)]
            badan = json.dumps(sampel(slug)).encode()
            status, _, isi = k.minta("POST", f"/api/v1/dokumen/{slug}?format=pdf", badan,
                                     {"Authorization": f"Bearer {token[user]}", "Content-Type": "application/json"})
            return status, isi

        # warm-up: every worker starts its LibreOffice (not measured)
        pemanasan = [threading.Thread(target=lambda i=i: dok(i, Klien(port))) for i in range(3 * n)]
        for t in pemanasan:
            t.start()
        for t in pemanasan:
            t.join()

        kunci = threading.Lock()
        mulai = time.monotonic()
        batas = mulai + args.detik
        selesai_terakhir = [mulai]

        def pengguna(i: int) -> None:
            k = Klien(port)
            try:
                while time.monotonic() < batas:
                    t0 = time.monotonic()
                    try:
                        status, isi = dok(i, k)
                        galat = "" if status == 200 and isi.startswith(b"%PDF") else \
                            f"HTTP {status}: {isi[:200].decode(errors='replace')}"
                    except Exception as e:  # a broken connection is an error too
                        galat = f"{type(e).__name__}: {e}"
                    t1 = time.monotonic()
                    with kunci:
                        if galat:
                            hasil.galat_dok.append(galat)
                        else:
                            hasil.latensi.append(t1 - t0)
                        selesai_terakhir[0] = max(selesai_terakhir[0], t1)
            finally:
                k.tutup()

        kue = masuk(port, "arsiparis", sandi["arsiparis"])

        def berkas(sid: int) -> None:
            k = Klien(port, {"Cookie": kue})
            t0 = time.monotonic()
            try:
                _, _, html = k.minta("GET", f"/siklus/{sid}")
                badan = urllib.parse.urlencode({"csrf_token": csrf(html)}).encode()
                status, h, _ = k.minta("POST", f"/siklus/{sid}/berkas", badan,
                                       {"Content-Type": "application/x-www-form-urlencoded"})
                if status != 302 or "/berkas/tugas/" not in h.get("location", ""):
                    raise RuntimeError(f"HTTP {status} {h.get('location')}")
                url = urllib.parse.urlsplit(h["location"]).path
                while True:
                    _, _, isi = k.minta("GET", url, header={"Accept": "application/json"})
                    s = json.loads(isi)
                    if s["status"] in ("selesai", "gagal", "dibatalkan"):
                        break
                    if time.monotonic() > batas + args.batas_berkas:
                        raise RuntimeError(f"belum selesai setelah {time.monotonic() - t0:.0f} s: {s['pesan']}")
                    time.sleep(0.5)
                if s["status"] != "selesai":
                    raise RuntimeError(f"{s['status']}: {s['pesan']}")
                with kunci:
                    hasil.berkas.append(time.monotonic() - t0)
            except Exception as e:
                with kunci:
                    hasil.galat_berkas.append(f"siklus {sid}: {e}")
            finally:
                k.tutup()

        utas = [threading.Thread(target=pengguna, args=(i,)) for i in range(args.pengguna)]
        utas += [threading.Thread(target=berkas, args=(sid,)) for sid in siklus]
        for t in utas:
            t.start()
        for t in utas:
            t.join()
        hasil.durasi = selesai_terakhir[0] - mulai
        return hasil
    finally:
        for p in reversed(proses):
            hentikan(p)
        akhir = time.monotonic() + 10
        while proses_di(Path(env["TMPDIR"])) and time.monotonic() < akhir:
            time.sleep(0.2)
        for pid in proses_di(Path(env["TMPDIR"])):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--detik", type=float, default=30, help="how long the 50 users make documents, per configuration")
    ap.add_argument("--pengguna", type=int, default=50)
    ap.add_argument("--berkas", type=int, default=10, help="archive bundles started at once")
    ap.add_argument("--batas-berkas", type=float, default=180, help="longest wait for the bundles after --detik")
    ap.add_argument("--pekerja", default="1,2,4", help="worker counts to measure")
    ap.add_argument("--db", choices=["auto", "postgresql", "sqlite"], default="auto")
    ap.add_argument("--redis", default=os.environ.get("DOCGEN_BENCH_REDIS", "redis://127.0.0.1:6379/14"))
    args = ap.parse_args()
    if args.detik > 120 or args.pengguna > 200 or args.berkas > 50:
        ap.error("dibatasi: --detik <= 120, --pengguna <= 200, --berkas <= 50")
    urlsplit = urllib.parse.urlsplit(args.redis)
    if urlsplit.hostname not in ("127.0.0.1", "localhost", "::1"):
        ap.error("hanya Redis di loopback")
    import redis

    r = redis.Redis.from_url(args.redis, socket_connect_timeout=2)
    try:
        r.ping()
    except redis.exceptions.ConnectionError as e:
        sys.exit(f"Redis tidak dapat dihubungi di {args.redis}: {e}")

    tmp = Path(tempfile.mkdtemp(prefix="docgen-bench-load-"))
    (tmp / "tmp").mkdir()
    awalan = f"docgen-bench-{secrets.token_hex(4)}"
    url, uraian = buat_basis(args.db, tmp)
    hasil: list[Hasil] = []
    t_awal = time.monotonic()
    try:
        sandi, token, siklus = siapkan(url, tmp / "berkas", args.berkas)
        env = dict(os.environ, DATABASE_URL=url, DOCGEN_STORAGE=str(tmp / "berkas"), REDIS_URL=args.redis,
                   SECRET_KEY="bench", TMPDIR=str(tmp / "tmp"), DOCGEN_LOG="WARNING", DOCGEN_ANTREAN_DASAR=awalan,
                   DOCGEN_PDF_TUNGGU="120")
        print(f"Beban: {args.pengguna} pengguna membuat PDF (API) selama {args.detik:g} s + {args.berkas} berkas "
              f"arsip sekaligus; {uraian}, Redis, waitress 80 utas, {os.cpu_count()} CPU", flush=True)
        for n in [int(x) for x in args.pekerja.split(",")]:
            h = jalankan(n, args, env, tmp, sandi, token, siklus)
            hasil.append(h)
            print(f"  {n} pekerja: {len(h.latensi)} dokumen, {len(h.berkas)} berkas, "
                  f"{len(h.galat_dok) + len(h.galat_berkas)} galat", flush=True)
    finally:
        try:
            pekerjaan = daftar_tugas(url)
            hapus_basis(url)
        finally:
            for kunci in r.scan_iter(f"*{awalan}*"):
                r.delete(kunci)
            for tid in pekerjaan:  # job hashes and executions are named by job id, not by queue
                for kunci in r.scan_iter(f"rq:*{tid}*"):
                    r.delete(kunci)
            for kunci in (b"rq:workers", b"rq:queues", *r.scan_iter("rq:workers:*")):
                for nama in r.smembers(kunci):
                    if awalan.encode() in nama:
                        r.srem(kunci, nama)
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(f"  {'pekerja':>7} {'dokumen':>8} {'dok/s':>6} {'x1':>5} {'p50':>7} {'p95':>7} {'maks':>7} {'galat':>5}"
          f" | {'berkas':>6} {'p50':>7} {'p95':>7} {'galat':>5}")
    dasar = hasil[0].dok_per_detik() if hasil else 0
    for h in hasil:
        lat = sorted(h.latensi)
        kali = h.dok_per_detik() / dasar if dasar else 0
        print(f"  {h.pekerja:>7} {len(lat):>8} {h.dok_per_detik():>6.1f} "
              f"{kali:>5.2f} {persentil(lat, 50):>6.2f}s {persentil(lat, 95):>6.2f}s"
              f" {max(lat, default=float('nan')):>6.2f}s {len(h.galat_dok):>5} | {len(h.berkas):>6} "
              f"{persentil(sorted(h.berkas), 50):>6.1f}s {persentil(sorted(h.berkas), 95):>6.1f}s "
              f"{len(h.galat_berkas):>5}")
    for h in hasil:
        for g in (h.galat_dok + h.galat_berkas)[:5]:
            print(f"  galat ({h.pekerja} pekerja): {g}")
    print(f"  waktu total {time.monotonic() - t_awal:.0f} s")
    if any(h.galat_dok or h.galat_berkas for h in hasil):
        sys.exit(1)


if __name__ == "__main__":
    main()
