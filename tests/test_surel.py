"""E-mail when a cycle step waits for a role or comes back, against a real SMTP server on loopback (aiosmtpd):
recipients, subject and body; nothing sent (and nothing failing) without SMTP_HOST; a server that is down or refuses
an address never breaks the action."""

from __future__ import annotations

import email
import socket
from email.message import EmailMessage
from email.policy import default as kebijakan

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from tests.data_uji import pengguna as _p
from tests.siklus_uji import JUMAT, sampai_keputusan
from tests.siklus_uji import mulai as _mulai
from web.inti.db import sesi
from web.inti.models import Audit, Pengguna, Siklus
from web.layanan import langkah, pemberitahuan, surel

URL = "https://docgen.contoh.go.id"
JUDUL = "Pengukuran Kinerja Triwulan II Tahun 2024"


class Penampung:
    """An aiosmtpd handler that keeps every message it is given; refuses the addresses in `tolak`."""

    def __init__(self) -> None:
        self.surat: list[tuple[list[str], EmailMessage]] = []
        self.tolak: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.tolak:
            return "550 5.1.1 Kotak surat tidak ada"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        pesan = email.message_from_bytes(envelope.original_content or envelope.content, policy=kebijakan)
        self.surat.append((list(envelope.rcpt_tos), pesan))  # type: ignore[arg-type]
        return "250 Diterima"

    def untuk(self, alamat: str) -> list[EmailMessage]:
        return [m for kepada, m in self.surat if alamat in kepada]


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    """A real SMTP server on a free loopback port for the test."""
    penampung = Penampung()
    c = Controller(penampung, hostname="127.0.0.1", port=_port_bebas())
    c.start()
    penampung.port = c.port  # type: ignore[attr-defined]
    yield penampung
    c.stop()


def _alamat(app, **surel_per_user: str) -> None:
    with app.app_context():
        for username, alamat in surel_per_user.items():
            _p(username).surel = alamat
        sesi().commit()


def _subjek(m: EmailMessage) -> str:
    """The subject as a mail client shows it (Python folds a long one onto the next line after "Subject:", and its
    parser keeps that fold's leading space)."""
    return str(m["Subject"]).strip()


def _isi(m: EmailMessage) -> str:
    bagian = m.get_body(preferencelist=("plain",))
    assert bagian is not None
    return bagian.get_content().replace("\r\n", "\n")


def _audit(aksi: str) -> list[Audit]:
    return list(sesi().scalars(select(Audit).where(Audit.aksi == aksi).order_by(Audit.id)))


def test_surel_saat_langkah_menunggu_dan_dikembalikan(app_sop, smtp):
    app_sop.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port, SMTP_FROM="sakip@bkpsdm.contoh.go.id",
                          URL_VERIFIKASI=URL)
    _alamat(app_sop, kepala="kepala@bkpsdm.contoh.go.id", timsakip="tim@bkpsdm.contoh.go.id",
            sekretaris="sekretaris@bkpsdm.contoh.go.id", perencana="perencana@bkpsdm.contoh.go.id")
    with app_sop.app_context():
        s = _mulai()
        sid = s.id
        kepala = smtp.untuk("kepala@bkpsdm.contoh.go.id")
        assert len(smtp.surat) == 1 and len(kepala) == 1  # step 1 is the Kepala's: nobody else is told
        m = kepala[0]
        assert _subjek(m) == f"[docgen] Langkah 1 menunggu tindakan Anda: {JUDUL}"
        assert m["From"] == "docgen <sakip@bkpsdm.contoh.go.id>"
        assert m["To"].addresses[0].addr_spec == "kepala@bkpsdm.contoh.go.id"
        isi = _isi(m)
        assert f"Yth. {_p('kepala').nama}," in isi
        assert f'Langkah 1 siklus "{JUDUL}" menunggu tindakan Anda.' in isi
        assert "Kegiatan  : Kepala memerintahkan Sekretaris melakukan pengukuran kinerja" in isi
        assert "Mutu Baku : 10 menit, tenggat 7 Juni 2024 pukul 10.10 WIB" in isi
        assert f"Buka siklus: {URL}/siklus/{sid}#tindakan" in isi
        kirim = _audit("surel.kirim")
        assert [a.rincian["penerima"] for a in kirim] == [["kepala@bkpsdm.contoh.go.id"]]

        t = sampai_keputusan(s, JUMAT)  # steps 1-4: tim SAKIP twice, the bidang (no address) once, the sekretaris
        subjek = [(kepada, _subjek(m)) for kepada, m in smtp.surat]
        assert subjek[1:] == [
            (["tim@bkpsdm.contoh.go.id"], f"[docgen] Langkah 2 menunggu tindakan Anda: {JUDUL}"),
            (["tim@bkpsdm.contoh.go.id"], f"[docgen] Langkah 4 menunggu tindakan Anda: {JUDUL}"),
            (["sekretaris@bkpsdm.contoh.go.id"], f"[docgen] Langkah 5 menunggu tindakan Anda: {JUDUL}"),
        ]
        catatan = "Sertakan data dukung realisasi IKU 2.\nLampirkan rekap per bidang."
        h = langkah.putuskan(_p("sekretaris"), s, 5, "tidak", catatan, sekarang=t)
        assert h.peringatan == []
        kembali = smtp.untuk("tim@bkpsdm.contoh.go.id")[-1]
        assert _subjek(kembali) == f"[docgen] Langkah 2 dikembalikan: {JUDUL}"
        isi = _isi(kembali)
        assert f'Langkah 2 siklus "{JUDUL}" dikembalikan kepada Anda untuk dilengkapi (putaran ke-2).' in isi
        assert (f"Dikembalikan oleh {_p('sekretaris').nama} pada langkah 5 (7 Juni 2024 pukul 14.00 WIB) dengan "
                f"catatan:\n{catatan}\n") in isi
        assert "Kegiatan  : Tim menyusun kertas kerja pengukuran kinerja" in isi
        assert len(smtp.surat) == 5


def test_penerima_hanya_pengguna_aktif_beralamat_dan_berperan(app_sop, smtp):
    app_sop.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port, URL_VERIFIKASI="", URL_LOKAL="")
    _alamat(app_sop, kepala="kepala@contoh.go.id", sekretaris="sekretaris@contoh.go.id")
    with app_sop.app_context():
        lain = Pengguna(instansi_id=_p("kepala").instansi_id, username="kepala.lama", nama="Kepala Lama",
                        password_hash="x", peran="kepala", aktif=0, surel="lama@contoh.go.id")
        sesi().add(lain)
        sesi().commit()
        s = _mulai()
        assert [u.username for u in pemberitahuan.penerima(s, 1)] == ["kepala"]
        assert [kepada for kepada, _ in smtp.surat] == [["kepala@contoh.go.id"]]
        # Without the app's address (URL_VERIFIKASI) the message says where to look instead of a broken link.
        isi = _isi(smtp.surat[0][1])
        assert f"Buka docgen, menu Siklus, siklus #{s.id}." in isi and "http" not in isi


def test_tanpa_smtp_tidak_ada_yang_dikirim_dan_tidak_ada_yang_gagal(app_sop, smtp, client, masuk, monkeypatch):
    _alamat(app_sop, kepala="kepala@contoh.go.id", timsakip="tim@contoh.go.id")
    assert not app_sop.config["SMTP_HOST"]

    def dilarang(*a, **k):
        raise AssertionError("SMTP tidak boleh dihubungi tanpa SMTP_HOST")

    monkeypatch.setattr(surel.smtplib, "SMTP", dilarang)
    masuk("perencana")
    r = client.post("/siklus/baru", data={"sop": "pengukuran-uji", "periode_jenis": "triwulan", "triwulan": "2",
                                          "tahun": "2024"})
    assert r.status_code == 302
    masuk("kepala")
    with app_sop.app_context():
        sid = sesi().scalar(select(Siklus.id))
    r = client.post(f"/siklus/{sid}/langkah/1/selesai", data={"putaran": "1", "konfirmasi": "1"},
                    follow_redirects=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Langkah 1 selesai." in html and "surel" not in html.lower()
    assert smtp.surat == []
    with app_sop.app_context():
        assert surel.pengaturan() is None
        assert _audit("surel.kirim") == [] and _audit("surel.gagal") == []


def test_server_mati_tidak_menggagalkan_tindakan(app_sop, client, masuk):
    app_sop.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=_port_bebas(), SMTP_TIMEOUT=5)  # nothing listens
    _alamat(app_sop, kepala="kepala@contoh.go.id")
    masuk("perencana")
    r = client.post("/siklus/baru", data={"sop": "pengukuran-uji", "periode_jenis": "triwulan", "triwulan": "2",
                                          "tahun": "2024"}, follow_redirects=True)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and f"Siklus &#39;{JUDUL}&#39; dimulai. Langkah 1 sedang berjalan." in html
    assert "Pemberitahuan surel untuk langkah 1 tidak terkirim (ConnectionRefusedError" in html
    assert "langkahnya tetap tercatat" in html
    with app_sop.app_context():
        s = sesi().scalar(select(Siklus))
        assert s.status == "berjalan" and [b.status for b in s.langkah][:2] == ["berjalan", "menunggu"]
        gagal = _audit("surel.gagal")
        assert len(gagal) == 1 and gagal[0].rincian["langkah"] == 1
        assert gagal[0].rincian["galat"].startswith("ConnectionRefusedError")


def test_alamat_ditolak_server_diperingatkan(app_sop, smtp):
    app_sop.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port)
    _alamat(app_sop, sekretaris="salah@contoh.go.id", admin="admin@contoh.go.id")
    smtp.tolak.add("salah@contoh.go.id")
    with app_sop.app_context():
        s = _mulai()
        t = sampai_keputusan(s, JUMAT)
        h = langkah.putuskan(_p("sekretaris"), s, 5, "ya", "", sekarang=t)  # step 6: the sekretaris again
        assert s.status == "berjalan" and h.peringatan == [
            "Pemberitahuan surel tidak diterima server untuk salah@contoh.go.id."]
        assert smtp.surat == []
        terakhir = _audit("surel.kirim")[-1]
        assert terakhir.rincian["penerima"] == [] and "550" in terakhir.rincian["ditolak"]["salah@contoh.go.id"]


def test_pengaturan_dari_lingkungan(monkeypatch, tmp_path):
    from web.aplikasi import create_app

    for k, v in {"SMTP_HOST": "smtp.contoh.go.id", "SMTP_STARTTLS": "1", "SMTP_USER": "sakip@contoh.go.id",
                 "SMTP_PASSWORD": "rahasia"}.items():
        monkeypatch.setenv(k, v)
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}", "SECRET_KEY": "uji",
                      "PENYIMPANAN": tmp_path / "berkas"})
    atur = surel.pengaturan(app.config)
    assert atur == surel.Pengaturan(host="smtp.contoh.go.id", port=587, pengguna="sakip@contoh.go.id",
                                    sandi="rahasia", pengirim="", keamanan="starttls", batas_detik=10.0)
    assert atur.alamat_pengirim == "sakip@contoh.go.id"
    assert surel.pengaturan({"SMTP_HOST": "mail", "SMTP_SSL": True}).port == 465
    assert surel.pengaturan({"SMTP_HOST": " "}) is None
    app.extensions["docgen_engine"].dispose()
