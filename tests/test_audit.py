"""The audit log: who generated or changed what, for a representative set of actions; the admin's page with its
filters and paging; the CSV and Excel exports; nobody else may see it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import SAMPLES
from tests.data_uji import pengguna as _p
from tests.sop_uji import definisi_uji, pasang_bawaan
from web.inti.db import sesi
from web.inti.models import Audit, Instansi, Pengguna
from web.layanan import audit, langkah
from web.layanan import sop as sop_layanan


def _baris(app, aksi: str) -> list[Audit]:
    with app.app_context():
        return list(sesi().scalars(select(Audit).where(Audit.aksi == aksi).order_by(Audit.id)))


def _oleh(app, a: Audit) -> str:
    with app.app_context():
        return sesi().get(Pengguna, a.pengguna_id).username if a.pengguna_id else ""


def test_tindakan_tercatat_dengan_pengguna_dan_objek(app, client, masuk, tmp_path, monkeypatch):
    app.config["PDF_AKTIF"] = False
    masuk("admin")
    [m] = _baris(app, "masuk.berhasil")
    assert _oleh(app, m) == "admin" and m.alamat_ip == "127.0.0.1" and m.instansi_id == 1

    with app.app_context():
        kop = dict(sesi().get(Instansi, 1).profil)
    kop["alamat"] = "Jalan Baru No. 1, Painan"
    r = client.post("/profil/kop", data={k: v for k, v in kop.items() if isinstance(v, str)})
    assert r.status_code == 302, r.get_data(as_text=True)
    [a] = _baris(app, "profil.kop")
    assert _oleh(app, a) == "admin" and (a.objek, a.objek_id) == ("instansi", "1")

    r = client.post("/profil/pejabat", data={"jabatan": "Kepala Bidang Uji", "nama": "SITI AUDIT, S.E.",
                                             "nip": "198501012010012003", "golongan": "III/c"})
    assert r.status_code == 302
    assert _baris(app, "pejabat.tambah")[0].rincian == {"nama": "SITI AUDIT, S.E.", "jabatan": "Kepala Bidang Uji",
                                                        "peran": []}
    assert client.post("/profil/unit", data={"nama": "Bidang Audit"}).status_code == 302
    assert _baris(app, "unit.tambah")[0].rincian == {"nama": "Bidang Audit"}

    assert client.post("/nomor/seri", data={"kode": "uji-audit", "pola": "{urut}/UJI/{tahun}"}).status_code == 302
    assert _baris(app, "seri.tambah")[0].objek_id == "uji-audit"
    r = client.post("/nomor/ambil", data={"seri": "uji-audit", "tanggal": "2025-02-03", "hal": "Surat audit",
                                          "cara": "biasa"})
    assert r.status_code == 302
    [n] = _baris(app, "nomor.ambil")
    assert n.rincian["nomor"] == "1/UJI/2025" and n.rincian["hal"] == "Surat audit" and n.objek == "nomor_surat"
    assert client.post(f"/nomor/{n.objek_id}/batal", data={"alasan": "Salah alamat"}).status_code == 302
    assert _baris(app, "nomor.batal")[0].rincian == {"nomor": "1/UJI/2025", "alasan": "Salah alamat"}

    # realisasi by a bidang user; a target by the planner; a document through the API
    client.post("/keluar")
    assert _oleh(app, _baris(app, "keluar")[0]) == "admin"
    masuk("bidang.kompetensi")
    assert client.post("/kinerja/2024/realisasi?triwulan=1", data={"r:IKU 1": "70,5"}).status_code == 302
    [rl] = _baris(app, "realisasi.ubah")
    assert _oleh(app, rl) == "bidang.kompetensi" and rl.objek_id == "2024"
    assert rl.rincian == {"triwulan": 1, "nilai": {"IKU 1": "70,5"}}
    client.post("/keluar")
    masuk("perencana")
    r = client.post("/kinerja/2024/target/IKU 1", data={"target": "75", "tw1": "", "tw2": "", "tw3": "", "tw4": ""})
    assert r.status_code == 302
    [t] = _baris(app, "target.ubah")
    assert _oleh(app, t) == "perencana" and t.rincian["kode"] == "IKU 1" and t.rincian["target"] == "75"

    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("DOCGEN_STORAGE", str(app.config["PENYIMPANAN"]))
    from web.perintah.akun import token, user

    hasil = CliRunner().invoke(token, ["create", "perencana"])
    assert hasil.exit_code == 0, hasil.output
    [tk] = _baris(app, "token.buat")[:1]
    assert tk.pengguna_id is None and tk.instansi_id == 1 and tk.rincian["username"] == "perencana"
    hasil = CliRunner().invoke(user, ["create", "--username", "baru.audit", "--role", "kepala",
                                      "--password-stdin"], input="sandi-panjang-sekali\n")
    assert hasil.exit_code == 0, hasil.output
    assert _baris(app, "pengguna.buat")[0].rincian["username"] == "baru.audit"

    nota = json.loads((SAMPLES / "nota-dinas.json").read_text(encoding="utf-8"))
    nota.pop("instansi")
    r = app.test_client().post("/api/v1/dokumen/nota-dinas", json=nota,
                               headers={"Authorization": f"Bearer {_token_cli()}"})
    assert r.status_code == 200
    [d] = _baris(app, "dokumen.buat")
    assert _oleh(app, d) == "perencana" and d.objek_id == r.headers["X-Dokumen-Id"]
    assert d.rincian["jenis"] == "nota-dinas"
    assert d.alamat_ip == "127.0.0.1"

    # SOP definitions and cycles (the services the pages call)
    pasang_bawaan(app, tmp_path / "sop")
    with app.app_context():
        b = sop_layanan.simpan(_p("perencana"), definisi_uji(kode="audit-uji"))
        sop_layanan.simpan(_p("admin"), definisi_uji(kode="audit-uji", judul="Diubah"), b)
        s = langkah.mulai_siklus(_p("perencana"), kode="audit-uji", periode_jenis="triwulan", periode_ke=1, tahun=2025,
                            sekarang=dt.datetime.now(dt.UTC))
        langkah.selesaikan_langkah(_p("kepala"), s, 1, konfirmasi=True, sekarang=dt.datetime.now(dt.UTC))
        langkah.batalkan_siklus(_p("kepala"), s, "Periode salah", sekarang=dt.datetime.now(dt.UTC))
        sop_layanan.hapus(_p("admin"), sesi().get(type(b), b.id))
    simpan = _baris(app, "sop.simpan")
    assert [(_oleh(app, x), x.rincian["baru"]) for x in simpan] == [("perencana", True), ("admin", False)]
    assert _oleh(app, _baris(app, "sop.hapus")[0]) == "admin"
    assert [_oleh(app, x) for x in _baris(app, "siklus.mulai") + _baris(app, "siklus.langkah")
            + _baris(app, "siklus.batal")] == ["perencana", "kepala", "kepala"]
    assert _baris(app, "siklus.batal")[0].rincian == {"alasan": "Periode salah"}


def _token_cli() -> str:
    from web.perintah.akun import token

    return CliRunner().invoke(token, ["create", "perencana"]).output.strip()


def _isi(app, n: int) -> None:
    """n audit rows by admin, one minute apart, the newest now."""
    with app.app_context():
        admin = _p("admin")
        kini = dt.datetime.now(dt.UTC)
        for i in range(n):
            sesi().add(Audit(instansi_id=1, pengguna_id=admin.id, waktu=kini - dt.timedelta(minutes=n - i),
                             aksi="dokumen.unduh", objek="dokumen", objek_id=str(i), rincian={"urut": i},
                             alamat_ip="10.1.1.1"))
        sesi().commit()


def test_halaman_audit_saring_dan_halaman(app, client, masuk):
    _isi(app, 120)
    masuk("admin")
    html = client.get("/audit").get_data(as_text=True)
    assert "Log audit" in html and "121 catatan" in html  # and the admin's own login
    assert html.index("<td>Masuk</td>") < html.index("urut: 119") < html.index("urut: 118")  # newest first
    assert "masuk.berhasil</" not in html and "dokumen.unduh</" not in html  # labels, never the raw codes
    assert "Halaman 1 dari 3" in html
    html = client.get("/audit?halaman=3").get_data(as_text=True)
    assert "urut: 0" in html and "urut: 50" not in html
    html = client.get("/audit?aksi=masuk.berhasil").get_data(as_text=True)
    assert "1 catatan" in html and "urut:" not in html
    with app.app_context():
        kepala = _p("kepala").id
    assert "0 catatan" in client.get(f"/audit?pengguna={kepala}").get_data(as_text=True)
    besok = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    kemarin = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    assert "0 catatan" in client.get(f"/audit?dari={besok}").get_data(as_text=True)
    assert "0 catatan" in client.get(f"/audit?sampai={kemarin}").get_data(as_text=True)
    assert "121 catatan" in client.get(f"/audit?dari={kemarin}&sampai={besok}&tanggal=rusak").get_data(as_text=True)
    assert 'href="/audit"' in client.get("/beranda").get_data(as_text=True)  # the nav link


def test_rincian_kosong_tidak_tampil_sebagai_none(app, client, masuk):
    with app.app_context():
        audit.catat("dokumen.buat", "dokumen", 7, {"jenis": "nota-dinas", "siklus": None, "langkah": None},
                    pengguna=_p("admin"))
        audit.catat("templat.unggah", "templat", "nota-dinas", {"berkas": "nd.docx", "sha256": "ab12", "ukuran": 9},
                    pengguna=_p("admin"))
        audit.catat("aksi.baru_sekali", "berkas_arsip", "", {"baru": True}, pengguna=_p("admin"))
    masuk("admin")
    html = client.get("/audit").get_data(as_text=True)
    baris = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    teks = " ".join(re.sub(r"<[^>]+>", " ", b) for b in baris)
    assert "None" not in teks and "sidik" not in teks
    assert "Dokumen dibuat" in teks and "jenis: nota-dinas" in teks and "siklus:" not in teks
    assert "kode pengaman berkas (SHA-256): ab12; ukuran (bita): 9" in teks
    assert "Aksi baru sekali" in teks and "definisi baru: ya" in teks and "berkas arsip" in teks


def test_ekspor_csv_dan_xlsx(app, client, masuk):
    _isi(app, 3)
    with app.app_context():
        audit.catat("unit.tambah", "unit_kerja", "=1+1", {"nama": "@SUM(A1)"}, pengguna=_p("admin"))
    masuk("admin")
    r = client.get("/audit/ekspor.csv?aksi=dokumen.unduh")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.headers["Content-Disposition"].startswith("attachment; filename=\"audit-")
    teks = r.get_data(as_text=True)
    assert teks.startswith("\ufeffWaktu;Pengguna;Peran;Aksi;Objek;ID objek;Rincian;Alamat IP\r\n")
    baris = list(csv.reader(io.StringIO(teks.lstrip("\ufeff")), delimiter=";"))
    assert len(baris) == 4
    assert baris[1][1:] == ["admin", "admin", "dokumen.unduh", "dokumen", "2", "urut: 2", "10.1.1.1"]
    assert baris[3][5] == "0"
    r = client.get("/audit/ekspor.xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data)).active
    nilai = [[c.value for c in row] for row in ws.iter_rows()]
    assert nilai[0] == ["Waktu", "Pengguna", "Peran", "Aksi", "Objek", "ID objek", "Rincian", "Alamat IP"]
    unit = next(v for v in nilai if v[3] == "unit.tambah")
    assert unit[5] == "=1+1" and unit[6] == "nama: @SUM(A1)"  # the text as recorded, stored as text (below)
    assert any(v[3] == "masuk.berhasil" and v[1] == "admin" for v in nilai)


RUMUS = ['=HYPERLINK("http://x","y")', "=1+1", "@SUM(A1)", "+62-21", "-1", "\t=1", "#N/A"]


def test_ekspor_teks_pengguna_tidak_menjadi_rumus(app, client, masuk):
    with app.app_context():
        for i, teks in enumerate(RUMUS):
            audit.catat("unit.tambah", teks, teks, {"nama": teks} if i % 2 else {}, pengguna=_p("admin"))
    masuk("admin")
    ws = load_workbook(io.BytesIO(client.get("/audit/ekspor.xlsx?aksi=unit.tambah").data)).active
    sel = {c.value: c for row in ws.iter_rows(min_row=2) for c in row[4:6]}  # Objek, ID objek
    for teks in RUMUS:
        assert sel[teks].data_type == "s", teks  # stored as text: Excel shows it, never runs it
    rincian = [row[6] for row in ws.iter_rows(min_row=2) if row[6].value]
    assert {c.value for c in rincian} == {f"nama: {t}" for t in RUMUS[1::2]}
    teks = client.get("/audit/ekspor.csv?aksi=unit.tambah").get_data(as_text=True).lstrip("\ufeff")
    baris = list(csv.reader(io.StringIO(teks), delimiter=";"))[1:]
    assert sorted(b[4] for b in baris) == sorted(("'" + t) if t[0] in "=+-@\t" else t for t in RUMUS)
    assert all(b[4] == b[5] for b in baris)


def test_selain_admin_tidak_boleh(client, masuk):
    masuk("kepala")
    for url in ("/audit", "/audit/ekspor.csv", "/audit/ekspor.xlsx"):
        r = client.get(url)
        assert r.status_code == 403 and "tidak berwenang" in r.get_data(as_text=True)
    assert 'href="/audit"' not in client.get("/beranda").get_data(as_text=True)
