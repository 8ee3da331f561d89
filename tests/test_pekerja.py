"""Redis mode with real `docgen worker` processes on the local Redis: PDF conversion handed to a worker, a worker
killed (-9) in the middle of an archive bundle, a hung LibreOffice, the supervisor starting a dead worker again.

Skipped when Redis does not answer at DOCGEN_UJI_REDIS (default redis://127.0.0.1:6379/15)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from docgen.errors import KonversiGagal
from tests.basis_uji import layanan_tidak_ada
from tests.conftest import teks_pdf
from tests.data_uji import pengguna as _p
from tests.data_uji import sampel_dokumen as _sampel
from tests.lo_uji import PembunuhSoffice, docx_contoh
from tests.sop_uji import pasang_bawaan
from web import tugas
from web.inti.db import sesi
from web.inti.models import BerkasArsip, Dokumen, TugasLatar
from web.inti.penyimpanan import penyimpanan
from web.layanan import langkah
from web.layanan import pdf as layanan_pdf
from web.layanan.dokumen import buat_dokumen

REDIS_UJI = os.environ.get("DOCGEN_UJI_REDIS", "redis://127.0.0.1:6379/15")
DOCGEN = Path(sys.executable).with_name("docgen")
BATAS_DETAK = 3  # seconds without a heartbeat before a job counts as orphaned (60 in production)


@pytest.fixture(scope="module")
def redis_uji():
    import redis

    r = redis.Redis.from_url(REDIS_UJI, socket_connect_timeout=2)
    try:
        r.ping()
    except redis.exceptions.ConnectionError as e:
        layanan_tidak_ada(f"Redis tidak dapat dihubungi di {REDIS_UJI} ({e}); uji pekerja antrean dilewati")
    yield r
    r.close()


@pytest.fixture
def app_redis(app, redis_uji):
    """The test app in Redis mode, with its own queue names and short heartbeat limits."""
    awalan = f"docgen-uji-{uuid.uuid4().hex[:8]}"
    app.config.update(REDIS_URL=REDIS_UJI, ANTREAN=awalan, TUGAS_BATAS_DETAK=BATAS_DETAK, TUGAS_DETAK_DETIK=0.5,
                      PDF_TUNGGU=60)
    # The backends are chosen when an app is made: choose them again for the changed configuration.
    tugas.init_app(app, tugas.pengelola(app).fungsi)
    layanan_pdf.init_app(app)
    yield app
    with app.app_context():
        pekerjaan = list(sesi().scalars(select(TugasLatar.id)))
    hapus_kunci_redis(redis_uji, awalan, pekerjaan)
    tugas.antrean(app).redis.close()


def hapus_kunci_redis(r, awalan: str, pekerjaan: list[str]) -> None:
    """Remove what RQ keeps for these queues and jobs (queues, registries, workers, job hashes, executions)."""
    for kunci in r.scan_iter(f"*{awalan}*"):
        r.delete(kunci)
    for tid in pekerjaan:
        for kunci in r.scan_iter(f"rq:*{tid}*"):
            r.delete(kunci)
    for kunci in (b"rq:workers", b"rq:queues", *r.scan_iter("rq:workers:*")):
        for nama in r.smembers(kunci):
            if awalan.encode() in nama:
                r.srem(kunci, nama)


def _proses_di(folder: Path) -> list[int]:
    """PIDs of processes whose command line names `folder` (LibreOffice and its uno worker use profiles there)."""
    pid = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if str(folder).encode() in (p / "cmdline").read_bytes():
                    pid.append(int(p.name))
            except OSError:
                pass
    return pid


def _soffice_di(folder: Path) -> list[int]:
    hasil = []
    for pid in _proses_di(folder):
        try:
            if b"soffice" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]:
                hasil.append(pid)
        except OSError:
            pass
    return hasil


class Pekerja:
    """`docgen worker` processes started for one test; every one of them (and its LibreOffice) is ended after it."""

    def __init__(self, app, tmp_path: Path, redis_uji):
        self.app, self.tmp, self.redis = app, tmp_path, redis_uji
        self.proses: list[subprocess.Popen[bytes]] = []
        self.folder: list[Path] = []

    def mulai(self, *argumen: str, pdf_timeout: float = 60, tunggu_siap: int = 1) -> subprocess.Popen[bytes]:
        n = len(self.proses)
        folder = self.tmp / f"pekerja-{n}"
        folder.mkdir()
        c = self.app.config
        env = dict(os.environ, DATABASE_URL=c["DATABASE_URL"], DOCGEN_STORAGE=str(c["PENYIMPANAN"]),
                   REDIS_URL=c["REDIS_URL"], DOCGEN_ANTREAN=c["ANTREAN"], SECRET_KEY="uji", TMPDIR=str(folder),
                   DOCGEN_TUGAS_BATAS_DETAK=str(BATAS_DETAK), DOCGEN_TUGAS_DETAK_DETIK="0.5",
                   DOCGEN_PDF_TIMEOUT=str(pdf_timeout), DOCGEN_WORKER_TUNGGU_HENTI="20")
        with (folder / "pekerja.log").open("wb") as log:
            p = subprocess.Popen([str(DOCGEN), "worker", *argumen], env=env, stdout=log, stderr=subprocess.STDOUT,
                                 start_new_session=True)
        self.proses.append(p)
        self.folder.append(folder)
        self.tunggu_siap(tunggu_siap + self.jumlah_siap())
        return p

    def pekerja_rq(self) -> list:
        from rq import Queue, Worker

        q = Queue(tugas.antrean(self.app).antrean("pdf"), connection=self.redis)
        return Worker.all(queue=q)

    def jumlah_siap(self) -> int:
        return sum(1 for w in self.pekerja_rq() if _hidup(w.pid))

    def tunggu_siap(self, jumlah: int, batas: float = 30) -> None:
        akhir = time.monotonic() + batas
        while self.jumlah_siap() < jumlah:
            if time.monotonic() > akhir:
                raise AssertionError(f"pekerja tidak siap: {self.log()}")
            time.sleep(0.1)

    def log(self) -> str:
        return "\n".join((f / "pekerja.log").read_text(errors="replace")[-3000:] for f in self.folder)

    def bersihkan(self) -> None:
        for p in self.proses:
            if p.poll() is None:
                with_suppress(lambda p=p: os.killpg(p.pid, signal.SIGKILL))
                p.wait(10)
        # LibreOffice runs in its own session: its uno worker ends it when its parent dies; make sure of it
        akhir = time.monotonic() + 10
        for f in self.folder:
            while _proses_di(f) and time.monotonic() < akhir:
                time.sleep(0.2)
            for pid in _proses_di(f):
                with_suppress(lambda pid=pid: os.kill(pid, signal.SIGKILL))


def with_suppress(f) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        f()


def _hidup(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}/stat").exists() else "X"
    return status not in ("Z", "X")


@pytest.fixture
def pekerja(app_redis, tmp_path, redis_uji):
    p = Pekerja(app_redis, tmp_path, redis_uji)
    yield p
    p.bersihkan()




@pytest.fixture
def siklus(app_redis, tmp_path):
    """A cycle with three papers stored without PDF, so the bundle converts each of them."""
    pasang_bawaan(app_redis, tmp_path / "sop")
    with app_redis.app_context():
        s = langkah.mulai_siklus(_p("perencana"), kode="pengukuran-uji", periode_jenis="triwulan", periode_ke=2,
                            tahun=2024, sekarang=dt.datetime.now(dt.UTC))
        buat_dokumen(_p("kepala"), "nota-dinas", _sampel("nota-dinas"), siklus_id=s.id, langkah_no=1, pdf=False)
        buat_dokumen(_p("kepala"), "undangan-rapat", _sampel("undangan-rapat"), siklus_id=s.id, langkah_no=2,
                     pdf=False, periksa_peran=False)
        buat_dokumen(_p("timsakip"), "laporan-hasil-pengukuran", _sampel("laporan-hasil-pengukuran"),
                     siklus_id=s.id, langkah_no=4, pdf=False)
        return s.id


def _mulai_berkas(app, siklus_id: int) -> str:
    with app.app_context():
        p = _p("arsiparis")
        return tugas.mulai("berkas", {"siklus_id": siklus_id}, pemilik=p.id, instansi_id=p.instansi_id,
                           slug=f"berkas-{siklus_id}", perkiraan_detik=10).id


def _tunggu_status(app, tid: str, cocok, batas: float = 90) -> tugas.Tugas:
    akhir = time.monotonic() + batas
    while True:
        with app.app_context():
            t = tugas.dapatkan(tid)  # the status poll is also where a dead worker's job is noticed
        if cocok(t):
            return t
        if time.monotonic() > akhir:
            raise AssertionError(f"status tidak tercapai: {t}")
        time.sleep(0.1)


def _sedang_mengonversi(t: tugas.Tugas) -> bool:
    return t.status == "berjalan" and t.pesan.startswith("Item ")


def _periksa_penyimpanan_dan_basis(app) -> list[BerkasArsip]:
    """Every BerkasArsip points at a complete ZIP; no other ZIP nor temporary file is in the store; no job is left
    running or waiting."""
    with app.app_context():
        rekam = list(sesi().scalars(select(BerkasArsip)))
        tertinggal = list(sesi().scalars(select(TugasLatar).where(TugasLatar.status.in_(("menunggu", "berjalan")))))
        store = penyimpanan()
        for b in rekam:
            isi = store.baca(b.berkas)
            assert len(isi) == b.ukuran
            assert zipfile.ZipFile(io.BytesIO(isi)).testzip() is None
    assert tertinggal == []
    akar = Path(app.config["PENYIMPANAN"]) / "berkas"
    semua = sorted(p.relative_to(app.config["PENYIMPANAN"]).as_posix() for p in akar.rglob("*") if p.is_file()) \
        if akar.exists() else []
    assert semua == sorted(b.berkas for b in rekam)
    return rekam


def test_pdf_dibuat_pekerja_bukan_proses_web(app_redis, pekerja):
    pekerja.mulai()
    with app_redis.app_context():
        dok = buat_dokumen(_p("kepala"), "nota-dinas", _sampel("nota-dinas"))
        pdf = penyimpanan().baca(dok.berkas_pdf)
        t = sesi().scalar(select(TugasLatar).where(TugasLatar.jenis == "pdf"))
    assert pdf.startswith(b"%PDF")
    assert not layanan_pdf.lokal(app_redis).berjalan  # this (web) process never started LibreOffice
    assert (t.status, t.percobaan, t.pesan) == ("selesai", 1, "PDF selesai dibuat.")
    assert not list(penyimpanan(app_redis).daftar("antrean"))  # the hand-over files are gone


def test_pekerja_dibunuh_saat_berkas_diulang_lalu_selesai(app_redis, pekerja, siklus):
    pertama = pekerja.mulai()
    tid = _mulai_berkas(app_redis, siklus)
    t = _tunggu_status(app_redis, tid, _sedang_mengonversi)
    assert t.percobaan == 1
    os.kill(pertama.pid, signal.SIGKILL)  # the worker process itself: RQ's SimpleWorker runs the job in it
    pertama.wait(10)
    akhir = time.monotonic() + 5  # its LibreOffice notices that its parent died and ends itself
    while _proses_di(pekerja.folder[0]) and time.monotonic() < akhir:
        time.sleep(0.1)
    assert _proses_di(pekerja.folder[0]) == []
    # Nobody renews the heartbeat; after BATAS_DETAK seconds the next worker (at its start and every second) or
    # a status poll puts the job back in the queue, once.
    pekerja.mulai()
    t = _tunggu_status(app_redis, tid, lambda t: t.status in tugas.SELESAI)
    assert (t.status, t.percobaan, t.pesan) == ("selesai", 2, "Berkas arsip selesai disusun."), pekerja.log()
    rekam = _periksa_penyimpanan_dan_basis(app_redis)
    assert [b.id for b in rekam] == [t.hasil_id]
    nama = zipfile.ZipFile(io.BytesIO(penyimpanan(app_redis).baca(rekam[0].berkas))).namelist()
    assert "03-laporan-hasil-pengukuran.pdf" in nama and "manifest.json" in nama


def test_pekerja_mati_dua_kali_tugas_gagal_dengan_pesan(app_redis, pekerja, siklus):
    tid = _mulai_berkas(app_redis, siklus)
    for percobaan in (1, 2):
        w = pekerja.mulai()
        t = _tunggu_status(app_redis, tid, lambda t, n=percobaan: _sedang_mengonversi(t) and t.percobaan == n)
        os.kill(w.pid, signal.SIGKILL)
        w.wait(10)
    t = _tunggu_status(app_redis, tid, lambda t: t.status in tugas.SELESAI, batas=BATAS_DETAK * 5)
    assert (t.status, t.pesan) == ("gagal", "Pekerja berhenti mendadak saat menyusun berkas arsip; silakan ulangi.")
    assert _periksa_penyimpanan_dan_basis(app_redis) == []


def test_libreoffice_macet_dihentikan_dan_pekerja_pulih(app_redis, client, pekerja):
    pekerja.mulai(pdf_timeout=3)
    with app_redis.app_context():
        from web.layanan.akun import buat_token

        token = buat_token(_p("kepala"))
        sesi().commit()
    kepala = {"Authorization": f"Bearer {token}"}
    url = "/api/v1/dokumen/nota-dinas?format=pdf"
    r = client.post(url, json=_sampel("nota-dinas"), headers=kepala)
    assert r.status_code == 200 and r.data.startswith(b"%PDF")
    macet = _soffice_di(pekerja.folder[0])
    assert len(macet) == 1
    os.kill(macet[0], signal.SIGSTOP)  # LibreOffice hangs: it never answers again
    with app_redis.app_context():
        sebelum = sesi().scalar(select(func.count()).select_from(Dokumen))
    r = client.post(url, json=_sampel("nota-dinas"), headers=kepala)
    assert r.status_code == 503
    assert r.get_json()["error"].startswith("LibreOffice tidak menjawab dalam 3 detik saat mengonversi")
    with app_redis.app_context():
        assert sesi().scalar(select(func.count()).select_from(Dokumen)) == sebelum  # no document without its PDF
        t = sesi().scalars(select(TugasLatar).where(TugasLatar.jenis == "pdf").order_by(TugasLatar.dibuat)).all()[-1]
        assert t.status == "gagal" and "tidak menjawab dalam 3 detik" in t.pesan
    assert not _hidup(macet[0])  # the hung soffice was killed
    # the next conversion starts a fresh LibreOffice in the same worker
    r = client.post(url, json=_sampel("nota-dinas"), headers=kepala)
    assert r.status_code == 200 and r.data.startswith(b"%PDF")
    baru = _soffice_di(pekerja.folder[0])
    assert len(baru) == 1 and baru != macet


@pytest.mark.pdf
def test_soffice_dibunuh_saat_tugas_pdf_tugas_berikutnya_berhasil(app_redis, pekerja, tmp_path):
    """soffice.bin of a `docgen worker` killed (-9) during a "pdf" job: that job fails with an Indonesian message,
    the next one gets its PDF from a new LibreOffice in the same worker."""
    pekerja.mulai()
    folder = pekerja.folder[0]
    with app_redis.app_context():
        p = _p("kepala")
        tujuan = {"pemilik": p.id, "instansi_id": p.instansi_id}
        layanan = layanan_pdf.layanan(app_redis)
        assert isinstance(layanan, layanan_pdf.PDFPekerja)
        surat = docx_contoh("nota-dinas")
        assert "NOTA DINAS" in teks_pdf(layanan.ke_pdf(surat, **tujuan), tmp_path)
        lama = _soffice_di(folder)
        assert len(lama) == 1
        with (PembunuhSoffice(lambda: list(folder.glob("docgen-lo-*/kerja-*")),
                              lambda: next(iter(_soffice_di(folder)), None)) as pembunuh,
              pytest.raises(KonversiGagal) as e):
            layanan.ke_pdf(docx_contoh("lkjip"), **tujuan)
        assert pembunuh.terbunuh == lama[0], pekerja.log()
        assert e.value.pesan.startswith("LibreOffice berhenti mendadak saat mengonversi dokumen"), e.value.pesan
        t = sesi().scalars(select(TugasLatar).where(TugasLatar.jenis == "pdf").order_by(TugasLatar.dibuat)).all()[-1]
        assert (t.status, t.pesan) == ("gagal", e.value.pesan)
        for _ in range(2):
            assert "NOTA DINAS" in teks_pdf(layanan.ke_pdf(surat, **tujuan), tmp_path)
    baru = _soffice_di(folder)
    assert len(baru) == 1 and baru != lama and not _hidup(lama[0])
    assert pekerja.proses[0].poll() is None  # the same worker process


def test_pengawas_memulai_ulang_pekerja_yang_mati(app_redis, pekerja):
    induk = pekerja.mulai("--jumlah", "2", tunggu_siap=2)
    anak = [w.pid for w in pekerja.pekerja_rq() if _hidup(w.pid)]
    assert len(anak) == 2 and induk.pid not in anak
    os.kill(anak[0], signal.SIGKILL)
    akhir = time.monotonic() + 30
    while True:
        hidup = {w.pid for w in pekerja.pekerja_rq() if _hidup(w.pid)}
        if len(hidup) == 2 and anak[0] not in hidup:
            break
        assert time.monotonic() < akhir, pekerja.log()
        time.sleep(0.2)
    induk.send_signal(signal.SIGTERM)  # stops every worker it started
    assert induk.wait(30) == 0
    assert not any(_hidup(pid) for pid in hidup)
    assert "berhenti dengan kode -9; dimulai ulang" in pekerja.log()


def test_tanpa_pekerja_permintaan_pdf_berhenti_dengan_pesan(app_redis):
    app_redis.config["PDF_TUNGGU"] = 1
    with app_redis.app_context():
        with pytest.raises(KonversiGagal, match="Pekerja PDF belum selesai dalam 1 detik"):
            buat_dokumen(_p("kepala"), "nota-dinas", _sampel("nota-dinas"))
        t = sesi().scalar(select(TugasLatar).where(TugasLatar.jenis == "pdf"))
        assert t.status == "dibatalkan"  # withdrawn from the queue: a worker starting later skips it
        assert sesi().scalar(select(func.count()).select_from(Dokumen)) == 0


def test_worker_tanpa_redis_url():
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    r = subprocess.run([str(DOCGEN), "worker"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "REDIS_URL belum diatur" in r.stderr
