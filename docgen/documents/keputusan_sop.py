"""Keputusan Kepala enacting an SOP, with the SOP itself (Permen PANRB 35/2012) as its Lampiran."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator, model_validator

from docgen import durasi, locale_id
from docgen.documents import JenisDokumen
from docgen.documents.bagian import daftar_bernomor, daftar_huruf, kop, tembusan, ttd
from docgen.documents.common import (
    Baris,
    BarisOpsional,
    Instansi,
    Model,
    Nomor,
    Pejabat,
    TeksPanjang,
    path_logo,
)
from docgen.docx_tabel import atur_lebar_kolom, cari_tabel

TANDA = "\u2713"
WARNA_PELAKSANA = "D9D9D9"
LEBAR_LOGO_SOP_MM = 30


class Diktum(Model):
    isi: TeksPanjang = Field(title="Isi diktum")
    rincian: list[TeksPanjang] = Field(default_factory=list, title="Rincian (a, b, c ...)")

    @model_validator(mode="before")
    @classmethod
    def _dari_teks(cls, v: object) -> object:
        return {"isi": v} if isinstance(v, str) else v


class LangkahSOP(Model):
    kegiatan: TeksPanjang = Field(title="Kegiatan")
    pelaksana: list[Baris] = Field(min_length=1, title="Pelaksana", description="Nama kolom pelaksana yang bertindak")
    kelengkapan: BarisOpsional = Field("", title="Kelengkapan")
    waktu: str | int = Field(title="Waktu", description="mis. '15 menit', '2 jam', '3 hari'; angka = menit")
    output: BarisOpsional = Field("", title="Output")
    keterangan: BarisOpsional = Field("", title="Keterangan")
    jenis: str = Field("proses", pattern="^(proses|keputusan)$", title="Jenis langkah",
                       description="keputusan: digambar belah ketupat dengan cabang YA dan TIDAK")
    ya: int | None = Field(None, ge=1, title="Langkah berikut bila YA",
                           description="Nomor langkah; kosong: langkah sesudahnya")
    tidak: int | None = Field(None, ge=1, title="Langkah berikut bila TIDAK",
                              description="Wajib untuk langkah keputusan, mis. kembali ke langkah penyusun")
    dokumen: list[Baris] = Field(default_factory=list, title="Jenis dokumen yang dihasilkan",
                                 description="Slug jenis dokumen docgen, mis. nota-dinas")

    @field_validator("waktu")
    @classmethod
    def _waktu(cls, v: str | int) -> str | int:
        durasi.urai(v)
        return v

    @property
    def durasi(self) -> durasi.Durasi:
        return durasi.urai(self.waktu)


class IdentitasSOP(Model):
    nomor: BarisOpsional = Field("", title="Nomor SOP")
    unit: BarisOpsional = Field("", title="Unit pemilik SOP", examples=["SEKRETARIAT"])
    judul: Baris = Field(title="Nama SOP")
    tanggal_pembuatan: dt.date | None = Field(None, title="Tanggal pembuatan")
    tanggal_revisi: dt.date | None = Field(None, title="Tanggal revisi")
    tanggal_efektif: dt.date | None = Field(None, title="Tanggal efektif")
    disahkan_oleh: Pejabat | None = Field(None, title="Disahkan oleh", description="Kosong: penanda tangan keputusan")
    dasar_hukum: list[TeksPanjang] = Field(min_length=1, title="Dasar hukum")
    kualifikasi_pelaksana: list[TeksPanjang] = Field(default_factory=list, title="Kualifikasi pelaksana")
    keterkaitan: list[TeksPanjang] = Field(default_factory=list, title="Keterkaitan")
    peralatan: list[TeksPanjang] = Field(default_factory=list, title="Peralatan/perlengkapan")
    peringatan: list[TeksPanjang] = Field(default_factory=list, title="Peringatan")
    pencatatan: list[TeksPanjang] = Field(default_factory=list, title="Pencatatan dan pendataan")
    pelaksana: list[Baris] = Field(min_length=1, max_length=8, title="Pelaksana (kolom)")
    langkah: list[LangkahSOP] = Field(min_length=1, title="Langkah prosedur")
    total_waktu: BarisOpsional = Field(
        "", title="Total waktu yang dinyatakan", description="Bila diisi, dibandingkan dengan jumlah waktu langkah"
    )

    @field_validator("pelaksana")
    @classmethod
    def _pelaksana_unik(cls, v: list[str]) -> list[str]:
        if len({p.casefold() for p in v}) != len(v):
            raise ValueError("nama pelaksana tidak boleh berulang")
        return v

    @field_validator("langkah")
    @classmethod
    def _pelaksana_dikenal(cls, v: list[LangkahSOP], info: ValidationInfo) -> list[LangkahSOP]:
        if "pelaksana" not in info.data:
            return v  # the pelaksana list itself is wrong; that error is reported already
        pelaksana = info.data["pelaksana"]
        dikenal = {p.casefold() for p in pelaksana}
        for i, langkah in enumerate(v, 1):
            for nama in langkah.pelaksana:
                if nama.casefold() not in dikenal:
                    raise ValueError(
                        f"langkah ke-{i}: pelaksana '{nama}' tidak ada dalam daftar pelaksana "
                        f"({', '.join(pelaksana)})"
                    )
        return v

    @field_validator("langkah")
    @classmethod
    def _cabang(cls, v: list[LangkahSOP]) -> list[LangkahSOP]:
        n = len(v)
        for i, langkah in enumerate(v, 1):
            if langkah.jenis == "keputusan":
                if langkah.tidak is None:
                    raise ValueError(f"langkah ke-{i} adalah keputusan: isi langkah tujuan bila TIDAK")
                if i == n and langkah.ya is None:
                    raise ValueError(f"langkah ke-{i} adalah keputusan terakhir: isi langkah tujuan bila YA")
            elif langkah.tidak is not None:
                raise ValueError(f"langkah ke-{i}: cabang TIDAK hanya untuk langkah keputusan")
            for arah, tujuan in (("YA", langkah.ya), ("TIDAK", langkah.tidak)):
                if tujuan is not None and not 1 <= tujuan <= n:
                    raise ValueError(f"langkah ke-{i}: langkah tujuan bila {arah} ({tujuan}) tidak ada (1 s.d. {n})")
                if tujuan == i:
                    raise ValueError(f"langkah ke-{i}: langkah tujuan bila {arah} tidak boleh langkah itu sendiri")
        return v

    @field_validator("total_waktu")
    @classmethod
    def _total_terbaca(cls, v: str) -> str:
        if v:
            durasi.urai(v)
        return v

    def total(self) -> durasi.Durasi:
        """Sum of the steps' time standards."""
        return durasi.jumlah([langkah.durasi for langkah in self.langkah])


class KeputusanSOP(Model):
    instansi: Instansi = Field(title="Instansi")
    nomor: Nomor = Field(title="Nomor keputusan")
    tanggal: dt.date = Field(title="Tanggal penetapan")
    tempat: BarisOpsional = Field("", title="Ditetapkan di", description="Kosong: kota instansi")
    penetap: Baris = Field(title="Jabatan yang menetapkan",
                           examples=["Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"])
    tentang: Baris = Field(title="Tentang")
    menimbang: list[TeksPanjang] = Field(min_length=1, title="Menimbang")
    mengingat: list[TeksPanjang] = Field(min_length=1, title="Mengingat")
    menetapkan: TeksPanjang = Field(title="Menetapkan")
    diktum: list[Diktum] = Field(min_length=1, title="Diktum")
    penandatangan: Pejabat = Field(title="Penanda tangan")
    tembusan: list[Baris] = Field(default_factory=list, title="Tembusan")
    sop: IdentitasSOP = Field(title="SOP (lampiran)")


def _tanggal(d: dt.date | None) -> str:
    return locale_id.tanggal(d) if d else "-"


def konteks(d: KeputusanSOP, kit) -> dict:
    sop = d.sop
    total = sop.total()
    if sop.total_waktu and durasi.urai(sop.total_waktu) != total:
        kit.peringatkan(
            "sop.total_waktu",
            f"total yang dinyatakan ({sop.total_waktu}) tidak sama dengan jumlah waktu langkah ({total}); "
            f"dokumen memakai jumlah yang dihitung",
        )
    gaya = d.instansi.pengaturan.gaya_diktum
    logo = path_logo(d.instansi, kit.basis)
    pengesah = sop.disahkan_oleh or d.penandatangan
    blok_pengesah = pengesah.blok_ttd()
    blok_pengesah["jabatan"] = blok_pengesah["jabatan"].rstrip(",")
    n = len(sop.pelaksana)
    return {
        "kop": kop(d.instansi, kit),
        "penetap": d.penetap.upper(),
        "nomor": d.nomor.cetak(d.tanggal),
        "tentang": d.tentang.upper(),
        "menimbang": daftar_huruf(d.menimbang),
        "mengingat": daftar_bernomor(d.mengingat),
        "menetapkan": d.menetapkan,
        "diktum": [
            {"kata": locale_id.urutan(i, gaya), "isi": dk.isi, "rincian": daftar_huruf(dk.rincian)}
            for i, dk in enumerate(d.diktum, 1)
        ],
        "tempat": d.tempat or d.instansi.kota,
        "tanggal_penetapan": locale_id.tanggal(d.tanggal),
        "ttd": ttd(d.penandatangan),
        "tembusan": tembusan(d.tembusan),
        "jumlah_pelaksana": n,
        "kolom_jumlah": n + 3,
        "sop": {
            "logo": kit.gambar(logo, LEBAR_LOGO_SOP_MM, "instansi.logo") if logo else "",
            "nomor": sop.nomor or "-",
            "unit": sop.unit.upper(),
            "judul": sop.judul,
            "judul_kapital": sop.judul.upper(),
            "tanggal_pembuatan": _tanggal(sop.tanggal_pembuatan),
            "tanggal_revisi": _tanggal(sop.tanggal_revisi),
            "tanggal_efektif": _tanggal(sop.tanggal_efektif),
            "pengesah": blok_pengesah,
            "dasar_hukum": daftar_bernomor(sop.dasar_hukum),
            "kualifikasi_pelaksana": daftar_bernomor(sop.kualifikasi_pelaksana),
            "keterkaitan": daftar_bernomor(sop.keterkaitan),
            "peralatan": daftar_bernomor(sop.peralatan),
            "peringatan": daftar_bernomor(sop.peringatan),
            "pencatatan": daftar_bernomor(sop.pencatatan),
            "pelaksana": sop.pelaksana,
            "langkah": [
                {
                    "no": str(i),
                    "kegiatan": lk.kegiatan,
                    "tanda": [
                        {"tanda": TANDA, "warna": WARNA_PELAKSANA}
                        if pl.casefold() in {x.casefold() for x in lk.pelaksana}
                        else {"tanda": "", "warna": "FFFFFF"}
                        for pl in sop.pelaksana
                    ],
                    "kelengkapan": lk.kelengkapan,
                    "waktu": str(lk.durasi),
                    "output": lk.output,
                    "keterangan": lk.keterangan,
                }
                for i, lk in enumerate(sop.langkah, 1)
            ],
            "total_waktu": str(total),
        },
    }


# Procedure table widths (mm) on landscape F4: No, Kegiatan, [pelaksana...], Kelengkapan, Waktu, Output, Ket.
KOLOM_KIRI = [9, 56]
KOLOM_KANAN = [30, 20, 30, 22]
LEBAR_LANDSCAPE = 280


def pasca(doc, d: KeputusanSOP) -> None:
    """Share the width left by the fixed columns among the pelaksana columns."""
    tabel = cari_tabel(doc, "No", "Kegiatan", "Pelaksana")
    if tabel is None:
        return
    sisa = LEBAR_LANDSCAPE - sum(KOLOM_KIRI) - sum(KOLOM_KANAN)
    n = len(d.sop.pelaksana)
    atur_lebar_kolom(tabel, KOLOM_KIRI + [sisa / n] * n + KOLOM_KANAN)


JENIS = JenisDokumen(
    slug="keputusan-sop",
    judul="Keputusan Penetapan SOP",
    keterangan="Keputusan Kepala yang menetapkan SOP, dengan lampiran identitas SOP dan tabel prosedur.",
    model=KeputusanSOP,
    konteks=konteks,
    pasca=pasca,
)
