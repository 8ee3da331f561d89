"""Keputusan Kepala enacting an SOP, with the SOP itself (Permen PANRB 35/2012) as its Lampiran."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pydantic import Field, ValidationInfo, field_validator, model_validator

from docgen import bagan_alir, durasi, gambar_bagan, locale_id, ukur_teks
from docgen.documents.bagian import daftar_bernomor, daftar_huruf, kop, tembusan, ttd
from docgen.documents.common import (
    Baris,
    BarisOpsional,
    Instansi,
    Model,
    Nomor,
    Pejabat,
    Tanggal,
    TeksPanjang,
    path_logo,
)
from docgen.documents.jenis import JenisDokumen
from docgen.docx_tabel import atur_lebar_kolom

LEBAR_LOGO_SOP_MM = 30
TANPA_WAKTU = "-"
BATAS_LANGKAH = 999  # steps of one SOP (the berkas numbers them up to 999 as well)
# The longest time a step (or the stated total) may take: 10.000 working days, or 1.000.000 minutes.
BATAS_HARI, BATAS_MENIT = 10_000, 1_000_000


def _durasi_wajar(waktu: str | int) -> durasi.Durasi:
    d = durasi.urai(waktu)
    if d.hari > BATAS_HARI or d.menit > BATAS_MENIT:
        raise ValueError(f"waktu '{waktu}' terlalu lama (paling lama {locale_id.angka(BATAS_HARI)} hari, atau "
                         f"{locale_id.angka(BATAS_MENIT)} menit untuk jam dan menit)")
    return d


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
    waktu: str | int = Field(title="Waktu", description="mis. '15 menit', '2 jam', '3 hari'; angka = menit; "
                                                      "'-' bila SOP tidak menetapkannya")
    output: BarisOpsional = Field("", title="Output (keluaran)")
    keterangan: BarisOpsional = Field("", title="Keterangan")
    jenis: str = Field("proses", pattern="^(proses|keputusan)$", title="Jenis langkah",
                       description="Keputusan digambar belah ketupat dengan cabang YA dan TIDAK",
                       json_schema_extra={"x-pilihan": [["proses", "Proses"], ["keputusan", "Keputusan (YA/TIDAK)"]]})
    ya: int | None = Field(None, ge=1, le=BATAS_LANGKAH, title="Langkah berikut bila YA",
                           description="Nomor langkah; kosong: langkah sesudahnya")
    tidak: int | None = Field(None, ge=1, le=BATAS_LANGKAH, title="Langkah berikut bila TIDAK",
                              description="Wajib untuk langkah keputusan, mis. kembali ke langkah penyusun")
    dokumen: list[Baris] = Field(default_factory=list, title="Jenis dokumen yang dihasilkan",
                                 description="Kode jenis dokumen, mis. nota-dinas")

    @field_validator("waktu")
    @classmethod
    def _waktu(cls, v: str | int) -> str | int:
        if isinstance(v, str) and v.strip() == TANPA_WAKTU:
            return TANPA_WAKTU
        _durasi_wajar(v)
        return v

    @property
    def tanpa_waktu(self) -> bool:
        """True when the SOP sets no time for this step ('-'); it then adds nothing to the total."""
        return self.waktu == TANPA_WAKTU

    @property
    def durasi(self) -> durasi.Durasi:
        return durasi.Durasi() if self.tanpa_waktu else durasi.urai(self.waktu)


# The identity table's entries a reviewer expects filled in (Permen PANRB 35/2012), with their printed names.
IDENTITAS_WAJIB = {"nomor": "Nomor SOP", "kualifikasi_pelaksana": "Kualifikasi Pelaksana",
                   "peringatan": "Peringatan", "pencatatan": "Pencatatan dan Pendataan"}


class IdentitasSOP(Model):
    nomor: BarisOpsional = Field("", title="Nomor SOP")
    unit: BarisOpsional = Field("", title="Unit pemilik SOP", examples=["SEKRETARIAT"],
                                json_schema_extra={"x-saran-dari": "unit_kerja"})
    judul: Baris = Field(title="Nama SOP")
    tanggal_pembuatan: Tanggal | None = Field(None, title="Tanggal pembuatan")
    tanggal_revisi: Tanggal | None = Field(None, title="Tanggal revisi")
    tanggal_efektif: Tanggal | None = Field(None, title="Tanggal efektif")
    disahkan_oleh: Pejabat | None = Field(None, title="Disahkan oleh", description="Kosong: penanda tangan keputusan")
    dasar_hukum: list[TeksPanjang] = Field(min_length=1, title="Dasar hukum")
    kualifikasi_pelaksana: list[TeksPanjang] = Field(default_factory=list, title="Kualifikasi pelaksana")
    keterkaitan: list[TeksPanjang] = Field(default_factory=list, title="Keterkaitan")
    peralatan: list[TeksPanjang] = Field(default_factory=list, title="Peralatan/perlengkapan")
    peringatan: list[TeksPanjang] = Field(default_factory=list, title="Peringatan")
    pencatatan: list[TeksPanjang] = Field(default_factory=list, title="Pencatatan dan pendataan")
    pelaksana: list[Baris] = Field(min_length=1, max_length=8, title="Pelaksana (kolom)")
    langkah: list[LangkahSOP] = Field(min_length=1, max_length=BATAS_LANGKAH, title="Langkah prosedur")
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
            _durasi_wajar(v)
        return v

    def identitas_kosong(self) -> list[tuple[str, str]]:
        """(field, warning) for each entry of the identity table a reviewer expects filled in but is empty."""
        hasil = []
        for medan, judul in IDENTITAS_WAJIB.items():
            isi = getattr(self, medan)
            ada = isi.strip() not in ("", "-") if isinstance(isi, str) else any(x.strip() not in ("", "-") for x in isi)
            if not ada:
                hasil.append((medan, f"{judul} kosong: tabel identitas SOP mencetak “-”; isi sebelum "
                                     "ditandatangani (Permen PANRB 35/2012)"))
        return hasil

    def total(self) -> durasi.Durasi:
        """Sum of the steps' time standards."""
        return durasi.jumlah([langkah.durasi for langkah in self.langkah])


class KeputusanSOP(Model):
    instansi: Instansi = Field(title="Instansi")
    nomor: Nomor = Field(title="Nomor keputusan")
    tanggal: Tanggal = Field(title="Tanggal penetapan")
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


# ---- The procedure table: column widths, row heights, pages ---------------------------------------------------

# Landscape text area (mm) per paper: width, height (Tata Naskah Dinas margins: top 20, bottom 25, left 30, right 20).
AREA_LANDSCAPE = {"F4": (280.0, 170.0), "A4": (247.0, 165.0)}
KOLOM_KIRI = [9.0, 56.0]  # No, Kegiatan
KOLOM_KANAN = [30.0, 20.0, 30.0, 22.0]  # Kelengkapan, Waktu, Output, Keterangan
JUDUL_KANAN = ["Kelengkapan", "Waktu", "Output", "Keterangan"]
LEBAR_MIN_PELAKSANA = 12.0
MARGIN_SEL = 1.2  # left and right cell margin of the template's tables
MARGIN_NAMA = 0.6  # the same in the header cells with the pelaksana names
UKURAN_ISI, UKURAN_KEPALA, UKURAN_NAMA, UKURAN_JUMLAH, UKURAN_JUDUL = 9, 9, 8, 10, 12  # pt, as in the template
RUANG_TEKS = 2.0  # mm of air above and below a row's text
GARIS_BARIS = 0.5 * 25.4 / 72  # a row border (0.5 pt) adds to the height
BARIS_KOSONG = ukur_teks.tinggi_baris_mm(12)  # an empty paragraph keeps the 12 pt line of the Normal style
CADANGAN_HALAMAN = 6.0  # mm of every page kept free for what the measurement cannot see


@dataclass
class TabelProsedur:
    """The procedure table as laid out: all column widths, header heights, and the flowchart with its pages."""

    lebar: list[float]
    lebar_pelaksana: list[float]
    tinggi_kepala: tuple[float, float]
    ukuran_nama: float  # pt of the pelaksana names in the header: their longest word fits its column
    bagan: bagan_alir.TataLetak


def lebar_kolom(jumlah_pelaksana: int, ukuran_kertas: str = "F4") -> list[float]:
    """Widths (mm) of No, Kegiatan, each pelaksana, Kelengkapan, Waktu, Output, Keterangan on the paper.

    The fixed columns are set for F4 and shrink with a narrower paper, and further when the pelaksana columns
    would otherwise be narrower than LEBAR_MIN_PELAKSANA.
    """
    total = AREA_LANDSCAPE[ukuran_kertas][0]
    tetap = sum(KOLOM_KIRI) + sum(KOLOM_KANAN)
    skala = min(total / AREA_LANDSCAPE["F4"][0], (total - jumlah_pelaksana * LEBAR_MIN_PELAKSANA) / tetap)
    kiri = [w * skala for w in KOLOM_KIRI]
    kanan = [max(w * skala, ukur_teks.lebar_mm(judul, UKURAN_KEPALA, True) + 2 * MARGIN_SEL + 0.8)
             for w, judul in zip(KOLOM_KANAN, JUDUL_KANAN, strict=True)]  # a header word is never broken
    sisa = (total - sum(kiri) - sum(kanan)) / jumlah_pelaksana
    return kiri + [sisa] * jumlah_pelaksana + kanan


def _tinggi(teks: str, lebar: float, ukuran: float, tebal: bool = False) -> float:
    if not teks.strip():
        return BARIS_KOSONG
    return ukur_teks.tinggi_mm(teks, lebar - 2 * MARGIN_SEL, ukuran, tebal)


def ukuran_pas(teks: list[str], lebar: float, ukuran: float, terkecil: float = 5.0) -> float:
    """The largest size up to `ukuran` pt (bold, half-point steps) at which every word of `teks` fits `lebar` mm."""
    kata = max((k for t in teks for k in t.split()), key=lambda k: ukur_teks.lebar_mm(k, ukuran, True), default="")
    while ukuran > terkecil and ukur_teks.lebar_mm(kata, ukuran, True) > lebar - ukur_teks.CADANGAN_LEBAR_MM:
        ukuran -= 0.5
    return ukuran


def _teks_waktu(lk: LangkahSOP) -> str:
    return TANPA_WAKTU if lk.tanpa_waktu else str(lk.durasi)


def tinggi_ttd(pejabat: Pejabat) -> float:
    """Height (mm) of the signature block under the procedure table (template: ttd(kiri=W - 95, spasi_ttd=3))."""
    blok = pejabat.blok_ttd()
    jabatan = sum(len(ukur_teks.bungkus(b, 95, 12)) for b in blok["jabatan"].split("\n"))
    baris = 2 + jabatan + 3 + 1 + bool(blok["pangkat"]) + bool(blok["nip"])
    return baris * BARIS_KOSONG


def tabel_prosedur(sop: IdentitasSOP, ukuran_kertas: str = "F4", tinggi_sesudah: float = 0.0) -> TabelProsedur:
    """Measure the procedure table's text and lay out its flowchart and pages for the paper size.

    `tinggi_sesudah` is what must stay on the last page below the table (the signature block), so it never
    stands alone on a page.
    """
    n = len(sop.pelaksana)
    lebar = lebar_kolom(n, ukuran_kertas)
    w_no, w_keg, *_ = lebar
    w_pel = lebar[2:2 + n]
    w_kel, w_wkt, w_out, w_ket = lebar[2 + n:]
    indeks = {p.casefold(): k for k, p in enumerate(sop.pelaksana)}
    langkah = []
    for i, lk in enumerate(sop.langkah, 1):
        teks = max(_tinggi(str(i), w_no, UKURAN_ISI), _tinggi(lk.kegiatan, w_keg, UKURAN_ISI),
                   _tinggi(lk.kelengkapan, w_kel, UKURAN_ISI), _tinggi(_teks_waktu(lk), w_wkt, UKURAN_ISI),
                   _tinggi(lk.output, w_out, UKURAN_ISI), _tinggi(lk.keterangan, w_ket, UKURAN_ISI))
        kolom = tuple(sorted({indeks[p.casefold()] for p in lk.pelaksana}))
        langkah.append(bagan_alir.LangkahAlir(kolom=kolom, keputusan=lk.jenis == "keputusan", ya=lk.ya,
                                              tidak=lk.tidak, tinggi_teks=teks + 2 * RUANG_TEKS))
    kepala1 = max(_tinggi("No", w_no, UKURAN_KEPALA, True), _tinggi("Kegiatan", w_keg, UKURAN_KEPALA, True),
                  _tinggi("Mutu Baku", w_kel + w_wkt + w_out, UKURAN_KEPALA, True),
                  _tinggi("Keterangan", w_ket, UKURAN_KEPALA, True)) + 1.5
    ukuran_nama = ukuran_pas(sop.pelaksana, w_pel[0] - 2 * MARGIN_NAMA, UKURAN_NAMA)
    nama = [ukur_teks.tinggi_mm(p, w - 2 * MARGIN_NAMA, ukuran_nama, True) for p, w in zip(sop.pelaksana, w_pel,
                                                                                           strict=True)]
    kepala2 = max([BARIS_KOSONG] + nama
                  + [_tinggi(t, w, UKURAN_KEPALA, True) for t, w in (("Kelengkapan", w_kel), ("Waktu", w_wkt),
                                                                     ("Output", w_out))]) + 1.5
    lebar_jumlah = sum(lebar[:3 + n])
    penutup = max(_tinggi("Jumlah waktu penyelesaian", lebar_jumlah, UKURAN_JUMLAH, True),
                  _tinggi(str(sop.total()), w_wkt, UKURAN_JUMLAH, True), BARIS_KOSONG) + GARIS_BARIS
    judul = _tinggi(f"PROSEDUR {sop.judul.upper()}", AREA_LANDSCAPE[ukuran_kertas][0], UKURAN_JUDUL, True) + \
        6 * ukur_teks.PT_MM
    tinggi_area = AREA_LANDSCAPE[ukuran_kertas][1]
    muat = tinggi_area - CADANGAN_HALAMAN - kepala1 - kepala2 - 2 * GARIS_BARIS - 0.5
    bagan = bagan_alir.tata_letak(langkah, w_pel, muat=muat, muat_pertama=muat - judul,
                                  tinggi_penutup=penutup + tinggi_sesudah, tambahan_baris=GARIS_BARIS)
    return TabelProsedur(lebar, w_pel, (kepala1, kepala2), ukuran_nama, bagan)


def konteks(d: KeputusanSOP, kit) -> dict:
    sop = d.sop
    total = sop.total()
    if sop.total_waktu and durasi.urai(sop.total_waktu) != total:
        kit.peringatkan(
            "sop.total_waktu",
            f"total yang dinyatakan ({sop.total_waktu}) tidak sama dengan jumlah waktu langkah ({total}); "
            f"dokumen memakai jumlah yang dihitung",
        )
    for i, lk in enumerate(sop.langkah):
        if lk.tanpa_waktu:
            kit.peringatkan(f"sop.langkah.{i}.waktu", "SOP tidak menetapkan waktu langkah ini; jumlah waktu "
                                                      "penyelesaian tidak memuatnya")
    for medan, pesan in sop.identitas_kosong():
        kit.peringatkan(f"sop.{medan}", pesan)
    gaya = d.instansi.pengaturan.gaya_diktum
    logo = path_logo(d.instansi, kit.basis)
    pengesah = sop.disahkan_oleh or d.penandatangan
    blok_pengesah = pengesah.blok_ttd()
    blok_pengesah["jabatan"] = blok_pengesah["jabatan"].rstrip(",")
    n = len(sop.pelaksana)
    diktum = [{"kata": locale_id.urutan(i, gaya), "isi": dk.isi, "rincian": daftar_huruf(dk.rincian)}
              for i, dk in enumerate(d.diktum, 1)]
    tabel = tabel_prosedur(sop, d.instansi.pengaturan.ukuran_kertas, tinggi_ttd(d.penandatangan))
    bagan = tabel.bagan
    for i in bagan.terlalu_tinggi:
        kit.peringatkan(f"sop.langkah.{i - 1}", "teks langkah ini lebih panjang dari satu halaman: barisnya "
                                                "bersambung ke halaman berikutnya, bagan alirnya hanya di awal baris")
    langkah = [
        {
            "no": str(i),
            "kegiatan": lk.kegiatan,
            "bagan": kit.gambar_bytes(gambar_bagan.png_baris(bagan, i), bagan.lebar, bagan.baris[i - 1].tinggi),
            "kelengkapan": lk.kelengkapan,
            "waktu": _teks_waktu(lk),
            "output": lk.output,
            "keterangan": lk.keterangan,
        }
        for i, lk in enumerate(sop.langkah, 1)
    ]
    halaman = bagan.halaman
    return {
        "kop": kop(d.instansi, kit),
        "penetap": d.penetap.upper(),
        "nomor": d.nomor.cetak(d.tanggal),
        "tentang": d.tentang.upper(),
        "menimbang": daftar_huruf(d.menimbang),
        "mengingat": daftar_bernomor(d.mengingat),
        "menetapkan": d.menetapkan,
        # The last diktum is printed in the signature's cell (it keeps the signature company on its page).
        "diktum_awal": diktum[:-1],
        "diktum_akhir": diktum[-1],
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
            "langkah": langkah,
            "halaman": [
                {"langkah": [langkah[i - 1] for i in nomor], "terakhir": p == len(halaman) - 1}
                for p, nomor in enumerate(halaman)
            ],
            "total_waktu": str(total),
        },
    }


def _tinggi_baris(tr, tinggi_mm: float) -> None:
    """Give a table row an at-least height; rounded down so the flowchart image decides the final height."""
    trpr = tr.get_or_add_trPr()
    for lama in trpr.findall(qn("w:trHeight")):
        trpr.remove(lama)
    el = OxmlElement("w:trHeight")
    el.set(qn("w:val"), str(int(tinggi_mm * 1440 / 25.4)))
    el.set(qn("w:hRule"), "atLeast")
    trpr.append(el)


def pasca(doc, d: KeputusanSOP) -> None:
    """Drop tables a loop left without rows (the one for the diktum before the last, when there is one diktum),
    then size the procedure tables (one per page): column widths, header and flowchart row heights."""
    for t in doc.tables:
        if not t._tbl.tr_lst:
            t._tbl.getparent().remove(t._tbl)
    tabel = tabel_prosedur(d.sop, d.instansi.pengaturan.ukuran_kertas, tinggi_ttd(d.penandatangan))
    halaman = tabel.bagan.halaman
    daftar = [t for t in doc.tables if [c.text.strip() for c in t.rows[0].cells[:3]] == ["No", "Kegiatan", "Pelaksana"]]
    for t, nomor in zip(daftar, halaman, strict=False):
        atur_lebar_kolom(t, tabel.lebar)
        baris = t._tbl.tr_lst
        _tinggi_baris(baris[0], tabel.tinggi_kepala[0])
        _tinggi_baris(baris[1], tabel.tinggi_kepala[1])
        if tabel.ukuran_nama != UKURAN_NAMA:
            for tc in baris[1].findall(qn("w:tc"))[2:2 + len(d.sop.pelaksana)]:
                for sz in tc.iter(qn("w:sz")):
                    sz.set(qn("w:val"), str(round(tabel.ukuran_nama * 2)))
        for tr, no in zip(baris[2:], nomor, strict=False):
            _tinggi_baris(tr, tabel.bagan.baris[no - 1].tinggi)
            if no in tabel.bagan.terlalu_tinggi:  # taller than a page: it must break, or LibreOffice cuts it off
                for el in tr.get_or_add_trPr().findall(qn("w:cantSplit")):
                    el.getparent().remove(el)
            # Word reads a missing distance as 0, LibreOffice as 1/8 inch: the image must sit flush in its cell.
            for inline in tr.iter(qn("wp:inline")):
                for nama in ("distT", "distB", "distL", "distR"):
                    inline.set(nama, "0")


JENIS = JenisDokumen(
    slug="keputusan-sop",
    judul="Keputusan Penetapan SOP",
    keterangan="Keputusan Kepala yang menetapkan SOP, dengan lampiran identitas SOP dan tabel prosedur "
               "berbagan alir.",
    model=KeputusanSOP,
    konteks=konteks,
    pasca=pasca,
)
