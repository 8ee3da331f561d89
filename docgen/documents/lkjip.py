"""Laporan Kinerja Instansi Pemerintah (LKjIP, Permen PANRB 53/2014): the year-end performance report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from docgen import capaian as C
from docgen import grafik, locale_id
from docgen import lkjip_analisis as A
from docgen.documents import JenisDokumen
from docgen.documents.bagian import daftar_bernomor, isi_paragraf, tempat_tanggal, ttd
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, Pejabat, TeksPanjang, path_logo
from docgen.docx_indeks import isi_daftar
from docgen.docx_tabel import atur_lebar_kolom
from docgen.kinerja import DataKinerja, format_angka, format_persen, teks_target, total_program

LEBAR_LOGO_SAMPUL_MM = 45
LEBAR_GRAFIK_MM = 160
PANEL_TREN_MAKS = 6
DASAR_HUKUM_BAKU = [
    "Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggaraan Negara yang Bersih dan Bebas dari Korupsi, "
    "Kolusi, dan Nepotisme",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk "
    "Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 tentang Evaluasi "
    "Akuntabilitas Kinerja Instansi Pemerintah",
]


class UnitOrganisasi(Model):
    nama: Baris = Field(title="Nama unit", examples=["Sekretariat"])
    sub: list[Baris] = Field(default_factory=list, title="Unit di bawahnya")


class Grafik(Model):
    maks_batang: int = Field(15, ge=3, le=40, title="Batang paling banyak per grafik",
                             description="Indikator selebihnya tetap ada di tabel")


class LKjIP(Model):
    instansi: Instansi = Field(title="Instansi")
    kinerja: DataKinerja = Field(title="Data kinerja (sasaran, indikator, program)")
    penandatangan: Pejabat = Field(title="Kepala (penanda tangan)")
    tanggal: dt.date | None = Field(None, title="Tanggal kata pengantar", description="Kosong: diisi tangan")
    tempat: BarisOpsional = Field("", title="Tempat", description="Kosong: kota instansi")
    periode_renstra: BarisOpsional = Field("", title="Periode Renstra", examples=["2021-2026"])
    visi: BarisOpsional = Field("", title="Visi")
    misi: list[Baris] = Field(default_factory=list, title="Misi")
    kata_pengantar: TeksPanjang | None = Field(None, title="Kata pengantar", description="Kosong: teks baku")
    latar_belakang: TeksPanjang | None = Field(None, title="Latar belakang", description="Kosong: teks baku")
    tugas: TeksPanjang | None = Field(None, title="Tugas pokok")
    fungsi: list[TeksPanjang] = Field(default_factory=list, title="Fungsi")
    struktur_organisasi: list[UnitOrganisasi] = Field(
        default_factory=list, title="Struktur organisasi", description="Kosong: dari unit kerja indikator")
    aspek_strategis: TeksPanjang | None = Field(None, title="Aspek strategis")
    permasalahan_utama: list[TeksPanjang] = Field(
        default_factory=list, title="Permasalahan utama", description="Kosong: dari indikator yang belum tercapai")
    dasar_hukum: list[Baris] = Field(default_factory=list, title="Dasar hukum", description="Kosong: daftar baku")
    kesimpulan: TeksPanjang | None = Field(None, title="Kesimpulan tambahan",
                                           description="Ditambahkan setelah kesimpulan dari angka")
    rencana_tindak_lanjut: list[TeksPanjang] = Field(
        default_factory=list, title="Rencana tindak lanjut", description="Kosong: dari solusi tiap sasaran")
    pihak_kedua: Pejabat | None = Field(None, title="Pihak kedua Perjanjian Kinerja", examples=["Bupati"])
    tanggal_perjanjian: dt.date | None = Field(None, title="Tanggal Perjanjian Kinerja")
    grafik: Grafik = Field(default_factory=Grafik, title="Pengaturan grafik")


class Penomor:
    """Numbers tables and figures per chapter: 'Tabel 3.2', 'Gambar 3.1'."""

    def __init__(self) -> None:
        self._n: dict[tuple[str, int], int] = {}

    def __call__(self, jenis: str, bab: int, judul: str) -> str:
        k = (jenis, bab)
        self._n[k] = self._n.get(k, 0) + 1
        return f"{jenis} {bab}.{self._n[k]} {judul}"


def _pendek(teks: str, n: int = 60) -> str:
    return teks if len(teks) <= n else teks[: n - 1].rstrip() + "…"


def _f(nilai: Decimal | None) -> float | None:
    return None if nilai is None else float(nilai)


def _kata_pengantar(d: LKjIP) -> str:
    nama = d.instansi.nama
    return (
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat dan karunia-Nya Laporan "
        f"Kinerja Instansi Pemerintah (LKjIP) {nama} Tahun {d.kinerja.tahun} dapat diselesaikan.\n"
        "Laporan ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi serta pencapaian "
        f"sasaran strategis sebagaimana ditetapkan dalam Perjanjian Kinerja Tahun {d.kinerja.tahun}, sesuai dengan "
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah dan "
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014.\n"
        "Kami menyadari bahwa laporan ini masih memiliki kekurangan. Kami berharap laporan ini menjadi bahan "
        "evaluasi dan perbaikan kinerja pada tahun berikutnya, serta memberi informasi yang bermanfaat bagi para "
        "pemangku kepentingan."
    )


def _latar_belakang(d: LKjIP) -> str:
    return (
        "Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) mewajibkan setiap instansi pemerintah "
        "merencanakan, mengukur, melaporkan dan mengevaluasi kinerjanya. Laporan Kinerja Instansi Pemerintah "
        "merupakan bentuk pertanggungjawaban atas pencapaian sasaran strategis yang telah ditetapkan.\n"
        f"Laporan Kinerja {d.instansi.nama} Tahun {d.kinerja.tahun} menyajikan capaian kinerja yang diperjanjikan "
        "dalam Perjanjian Kinerja, analisis atas capaian tersebut, serta realisasi anggaran yang digunakan untuk "
        "mencapainya, sebagai bahan perbaikan perencanaan dan pelaksanaan program pada tahun berikutnya."
    )


def _sistematika(tahun: int) -> list[str]:
    return [
        "Ikhtisar Eksekutif, menyajikan ringkasan capaian kinerja dan realisasi anggaran.",
        "Bab I Pendahuluan, menjelaskan latar belakang, tugas, fungsi dan struktur organisasi, aspek strategis "
        "dan permasalahan utama, dasar hukum, serta sistematika penyajian.",
        f"Bab II Perencanaan Kinerja, menguraikan ringkasan Rencana Strategis dan Perjanjian Kinerja Tahun {tahun}.",
        "Bab III Akuntabilitas Kinerja, menyajikan capaian kinerja organisasi untuk setiap sasaran strategis "
        "beserta analisisnya, serta realisasi anggaran.",
        "Bab IV Penutup, menyajikan kesimpulan dan rencana tindak lanjut.",
        f"Lampiran, memuat Perjanjian Kinerja Tahun {tahun}.",
    ]


def _baris_program(programs, desimal: int) -> list[dict]:
    """Program rows (bold in the template) followed by their kegiatan."""
    rows = []
    for p in programs:
        pagu, real = total_program(p)
        rows.append({"kode": p.kode, "nama": p.nama, "pagu": A.rupiah(pagu), "realisasi": A.rupiah(real),
                     "persen": format_persen(C.serapan(pagu, real).nilai, desimal), "program": True})
        for k in p.kegiatan:
            rows.append({"kode": k.kode, "nama": k.nama, "pagu": A.rupiah(k.pagu), "realisasi": A.rupiah(k.realisasi),
                         "persen": format_persen(C.serapan(k.pagu, k.realisasi).nilai, desimal), "program": False})
    return rows


def _sasaran(a: A.AnalisisSasaran, i: int, d: LKjIP, nomor: Penomor, kit) -> dict:
    """The seven analyses of one sasaran."""
    data = d.kinerja
    des = data.pengaturan.desimal
    tahun = data.tahun
    s = a.sasaran
    maks = d.grafik.maks_batang
    blok: dict = {"judul": f"Sasaran {i}: {s.sasaran}", "pengantar": A.kalimat_capaian(a, des)}

    # 1. Target against realisasi this year.
    blok["tabel_capaian"] = nomor("Tabel", 3, f"Target, Realisasi dan Capaian Indikator Sasaran {i} "
                                               f"Tahun {tahun}")
    blok["capaian"] = [{
        "no": str(j), "kode": b.indikator.kode, "indikator": b.indikator.indikator, "satuan": b.indikator.satuan,
        "target": b.target_teks, "realisasi": format_angka(b.realisasi), "capaian": format_persen(b.capaian, des),
        "predikat": b.predikat if b.capaian is not None else (b.keterangan or "-"),
    } for j, b in enumerate(a.baris, 1)]
    tampil = a.baris[:maks]
    gambar = grafik.batang_persen(
        [f"{b.indikator.kode} {_pendek(b.indikator.indikator, 50)}" for b in tampil],
        [_f(C.bulatkan(b.capaian, des)) if b.capaian is not None else None for b in tampil],
        catatan=[f"(R {format_angka(b.realisasi)} / T {b.target_teks})" if b.capaian is not None else ""
                 for b in tampil],
    )
    sisa = f" ({maks} indikator pertama; selengkapnya pada tabel)" if len(a.baris) > maks else ""
    blok["grafik_capaian"] = {"gambar": kit.gambar_bytes(gambar, LEBAR_GRAFIK_MM),
                              "judul": nomor("Gambar", 3, f"Capaian Indikator Sasaran {i} terhadap Target "
                                                          f"Tahun {tahun}{sisa}")}

    # 2. Realisasi against the previous years.
    tahun_lalu = sorted({t for b in a.baris for t, v in b.indikator.realisasi_tahun_lalu.items()
                         if v is not None and t < tahun})
    blok["tahun"] = [str(t) for t in tahun_lalu + [tahun]]
    dengan_riwayat = [b for b in a.baris if any(t in tahun_lalu for t in b.indikator.realisasi_tahun_lalu)]
    blok["tabel_tren"] = nomor("Tabel", 3, f"Realisasi Indikator Sasaran {i} Tahun "
                                           f"{tahun_lalu[0] if tahun_lalu else tahun}-{tahun}") if tahun_lalu else ""
    blok["tren"] = []
    for j, b in enumerate(a.baris, 1):
        ind = b.indikator
        nilai = [format_angka(ind.realisasi_tahun_lalu.get(t)) for t in tahun_lalu] + [format_angka(b.realisasi)]
        lalu = [ind.realisasi_tahun_lalu[t] for t in tahun_lalu if ind.realisasi_tahun_lalu.get(t) is not None]
        arah = A.arah(ind, lalu[-1], b.realisasi) if lalu and b.realisasi is not None else "-"
        blok["tren"].append({"no": str(j), "indikator": f"{ind.kode} {ind.indikator}", "satuan": ind.satuan,
                             "nilai": nilai, "arah": arah})
    kalimat = [k for k in (A.kalimat_tren(b, tahun) for b in a.baris) if k]
    tanpa = [b for b in a.baris if b not in dengan_riwayat]
    if tanpa and tahun_lalu:
        kalimat.append(f"Indikator {A.daftar_kode(tanpa)} belum memiliki data realisasi tahun sebelumnya.")
    if not tahun_lalu:
        kalimat = ["Data realisasi tahun-tahun sebelumnya belum tersedia untuk indikator pada sasaran ini, sehingga "
                   "perbandingan antartahun belum dapat dilakukan."]
    blok["teks_tren"] = kalimat
    blok["grafik_tren"] = None
    if dengan_riwayat:
        panel = [grafik.PanelTren(
            judul=f"{b.indikator.kode} {_pendek(b.indikator.indikator, 80)}", satuan=b.indikator.satuan,
            tahun=[t for t in tahun_lalu if b.indikator.realisasi_tahun_lalu.get(t) is not None] + [tahun],
            nilai=[_f(b.indikator.realisasi_tahun_lalu[t]) for t in tahun_lalu
                   if b.indikator.realisasi_tahun_lalu.get(t) is not None] + [_f(b.realisasi)],
            target=_f(b.target), target_akhir=_f(b.indikator.target_akhir_renstra),
        ) for b in dengan_riwayat[:PANEL_TREN_MAKS]]
        sisa = (f" ({PANEL_TREN_MAKS} indikator pertama)" if len(dengan_riwayat) > PANEL_TREN_MAKS else "")
        blok["grafik_tren"] = {"gambar": kit.gambar_bytes(grafik.tren(panel), LEBAR_GRAFIK_MM),
                               "judul": nomor("Gambar", 3, f"Perkembangan Realisasi Indikator Sasaran {i}{sisa}")}

    # 3. Realisasi to date against the Renstra end target.
    blok["tabel_renstra"] = nomor("Tabel", 3, f"Realisasi Indikator Sasaran {i} terhadap Target Akhir Renstra")
    blok["renstra"] = []
    kalimat = []
    for j, b in enumerate(a.baris, 1):
        ind = b.indikator
        h = A.kemajuan_renstra(b)
        blok["renstra"].append({"no": str(j), "indikator": f"{ind.kode} {ind.indikator}", "satuan": ind.satuan,
                                "baseline": format_angka(ind.baseline),
                                "target_akhir": format_angka(ind.target_akhir_renstra),
                                "realisasi": format_angka(b.realisasi),
                                "kemajuan": format_persen(h.nilai, des)})
        if h.nilai is not None:
            akhir = f" pada akhir periode Renstra {d.periode_renstra}" if d.periode_renstra else ""
            kalimat.append(f"Realisasi {ind.kode} sampai dengan tahun {tahun} ({A.nilai_satuan(b.realisasi, ind)}) "
                           f"setara {format_persen(h.nilai, des)} dari target akhir Renstra "
                           f"({A.nilai_satuan(ind.target_akhir_renstra, ind)}){akhir}.")
    tanpa = [b for b in a.baris if b.indikator.target_akhir_renstra is None]
    if tanpa:
        kalimat.append(f"Target akhir Renstra untuk {A.daftar_kode(tanpa)} belum dicantumkan, sehingga kemajuannya "
                       "belum dapat dihitung.")
    blok["teks_renstra"] = kalimat

    # 4. National standard.
    ada = [b for b in a.baris if b.indikator.standar_nasional is not None]
    blok["tabel_standar"] = nomor("Tabel", 3, f"Realisasi Indikator Sasaran {i} terhadap Standar Nasional") \
        if ada else ""
    blok["standar"] = []
    kalimat = []
    for j, b in enumerate(ada, 1):
        ind = b.indikator
        h = A.banding_standar(b)
        if h.nilai is None:
            posisi = h.alasan
        elif h.nilai >= C.SERATUS:
            posisi = "di atas standar" if h.nilai > C.SERATUS else "sama dengan standar"
        else:
            posisi = "di bawah standar"
        blok["standar"].append({"no": str(j), "indikator": f"{ind.kode} {ind.indikator}", "satuan": ind.satuan,
                                "realisasi": format_angka(b.realisasi), "standar": format_angka(ind.standar_nasional),
                                "persen": format_persen(h.nilai, des), "posisi": posisi})
        if h.nilai is not None:
            kalimat.append(f"Realisasi {ind.kode} ({A.nilai_satuan(b.realisasi, ind)}) berada {posisi} nasional "
                           f"({A.nilai_satuan(ind.standar_nasional, ind)}), atau {format_persen(h.nilai, des)} dari "
                           "standar nasional.")
    tanpa = [b for b in a.baris if b.indikator.standar_nasional is None]
    if not ada:
        kalimat.append("Tidak ada indikator pada sasaran ini yang memiliki standar nasional, sehingga perbandingan "
                       "dengan standar nasional tidak dilakukan.")
    elif tanpa:
        kalimat.append(f"Indikator {A.daftar_kode(tanpa)} tidak memiliki standar nasional, sehingga tidak "
                       "dibandingkan.")
    blok["teks_standar"] = kalimat

    # 5. Causes and solutions: the user's text, or a draft from the figures.
    blok["penyebab"] = isi_paragraf(s.penyebab or A.draf_penyebab(a, des))
    blok["penyebab_draf"] = not s.penyebab
    blok["solusi"] = isi_paragraf(s.solusi or A.draf_solusi(a))
    blok["solusi_draf"] = not s.solusi
    for medan, kosong in (("penyebab", not s.penyebab), ("solusi", not s.solusi)):
        if kosong:
            kit.peringatkan(f"kinerja.sasaran[{i - 1}].{medan}", "kosong; kalimat draf dibuat dari angka capaian, "
                                                                 "mohon diganti dengan analisis unit kerja")

    # 6. Efficiency.
    e = a.efisiensi
    blok["tabel_efisiensi"] = nomor("Tabel", 3, f"Capaian Kinerja dan Serapan Anggaran Sasaran {i}")
    blok["efisiensi"] = {"capaian": format_persen(a.rata_rata, des), "pagu": A.rupiah(a.anggaran.pagu),
                         "realisasi": A.rupiah(a.anggaran.realisasi),
                         "serapan": format_persen(a.anggaran.serapan, des),
                         "selisih": format_angka(C.bulatkan(e.selisih, des), des) if e.selisih is not None else "-",
                         "status": e.status.capitalize()}
    blok["teks_efisiensi"] = A.kalimat_efisiensi(a, des)
    for kode in a.program_hilang:
        kit.peringatkan(f"kinerja.sasaran[{i - 1}].program", f"program {kode} tidak ada dalam daftar program")

    # 7. Supporting programs and kegiatan.
    blok["tabel_program"] = nomor("Tabel", 3, f"Program dan Kegiatan Pendukung Sasaran {i}") if a.program else ""
    blok["program"] = _baris_program(a.program, des)
    blok["teks_program"] = (
        f"Pencapaian sasaran ini didukung oleh {len(a.program)} program dengan "
        f"{sum(len(p.kegiatan) for p in a.program)} kegiatan sebagai berikut." if a.program else
        "Belum ada program yang dicantumkan sebagai pendukung sasaran ini.")
    return blok


def konteks(d: LKjIP, kit) -> dict:
    data = d.kinerja
    des = data.pengaturan.desimal
    tahun = data.tahun
    nomor = Penomor()
    r = A.ringkasan(data)
    per_sasaran = A.analisis(data)
    semua = [b for a in per_sasaran for b in a.baris]
    ins = d.instansi
    logo = path_logo(ins, kit.basis)
    nama_pendek = f"{ins.singkatan} {ins.pemerintah.title().removeprefix('Pemerintah ')}" if ins.singkatan \
        else ins.nama

    pengantar = isi_paragraf(d.kata_pengantar or _kata_pengantar(d))
    angka_kunci = [
        ("Jumlah indikator kinerja", f"{r.jumlah} indikator"),
        ("Indikator mencapai/melampaui target", f"{r.tercapai} indikator"),
        ("Indikator belum mencapai target", f"{r.belum} indikator"),
        ("Indikator belum dapat diukur", f"{r.tanpa_data} indikator"),
        ("Rata-rata capaian kinerja", f"{format_persen(r.rata_rata, des)} ({r.predikat})"),
        ("Pagu anggaran", A.rupiah(r.anggaran.pagu)),
        ("Realisasi anggaran", A.rupiah(r.anggaran.realisasi)),
        ("Serapan anggaran", format_persen(r.anggaran.serapan, des)),
    ]
    batas = data.pengaturan.batas_rata_rata
    ikhtisar = [
        f"Laporan Kinerja {ins.nama} Tahun {tahun} menyajikan capaian {r.jumlah} indikator kinerja dari "
        f"{len(data.sasaran)} sasaran strategis yang ditetapkan dalam Perjanjian Kinerja Tahun {tahun}.",
        f"Dari {r.jumlah} indikator, {r.tercapai} indikator mencapai atau melampaui target, {r.belum} indikator belum "
        f"mencapai target dan {r.tanpa_data} indikator belum dapat diukur. Rata-rata capaian kinerja adalah "
        f"{format_persen(r.rata_rata, des)} dengan predikat {r.predikat}"
        + (f" (capaian di atas {format_angka(batas)}% dihitung {format_angka(batas)}% dalam rata-rata)"
           if batas is not None else "") + ".",
        f"Dari sisi anggaran, realisasi mencapai {A.rupiah(r.anggaran.realisasi)} dari pagu "
        f"{A.rupiah(r.anggaran.pagu)}, atau serapan {format_persen(r.anggaran.serapan, des)}.",
    ]

    # BAB I.
    unit = [{"no": f"{i}.", "isi": u.nama, "sub": [{"no": f"{locale_id.huruf(j)}.", "isi": x}
                                                      for j, x in enumerate(u.sub, 1)]}
            for i, u in enumerate(d.struktur_organisasi, 1)]
    if not unit:
        from docgen.kinerja import unit_kerja

        nama_unit = [f"Kepala {ins.singkatan or 'Instansi'}", *unit_kerja(data)]
        unit = [{"no": f"{i}.", "isi": n, "sub": []} for i, n in enumerate(nama_unit, 1)]
    belum = [b for a in per_sasaran for b in a.belum + a.tanpa_data]
    permasalahan = d.permasalahan_utama or [
        f"{b.indikator.kode} {b.indikator.indikator}: "
        + (f"capaian {format_persen(b.capaian, des)} belum mencapai target" if b.capaian is not None
           else f"capaian belum dapat diukur ({b.keterangan})")
        for b in belum
    ] or ["Seluruh indikator kinerja mencapai target; tantangan utama adalah mempertahankan capaian."]

    # BAB II.
    tabel_renstra = nomor("Tabel", 2, "Tujuan, Sasaran, Indikator dan Target Akhir Renstra"
                          + (f" {d.periode_renstra}" if d.periode_renstra else ""))
    renstra = []
    for a in per_sasaran:
        for j, b in enumerate(a.baris):
            ind = b.indikator
            renstra.append({"tujuan": a.sasaran.tujuan if j == 0 else "",
                            "sasaran": a.sasaran.sasaran if j == 0 else "",
                            "indikator": f"{ind.kode} {ind.indikator}", "satuan": ind.satuan,
                            "baseline": format_angka(ind.baseline),
                            "target_akhir": format_angka(ind.target_akhir_renstra)})
    tabel_pk = nomor("Tabel", 2, f"Perjanjian Kinerja Tahun {tahun}")
    pk = []
    for i, a in enumerate(per_sasaran, 1):
        for j, b in enumerate(a.baris):
            pk.append({"no": str(i) if j == 0 else "", "sasaran": a.sasaran.sasaran if j == 0 else "",
                       "indikator": f"{b.indikator.kode} {b.indikator.indikator}",
                       "target": f"{teks_target(b.indikator, b.indikator.target)} {b.indikator.satuan}"})
    tabel_pk_program = nomor("Tabel", 2, f"Program dan Anggaran Perjanjian Kinerja Tahun {tahun}")
    pk_program = [{"no": str(i), "program": p.nama, "anggaran": A.rupiah(total_program(p)[0])}
                  for i, p in enumerate(data.program, 1)]

    # BAB III.
    skala = data.pengaturan.skala()
    tabel_skala = nomor("Tabel", 3, "Skala Predikat Capaian Kinerja")
    skala_rows = []
    atas = None
    for amb in skala:
        if amb.batas is None:
            rentang = f"kurang dari {format_angka(atas)}%" if atas is not None else "semua"
        else:
            tanda = "\u2265" if amb.inklusif else ">"
            rentang = f"{tanda} {format_angka(amb.batas)}%" + (f" dan < {format_angka(atas)}%" if atas else "")
        skala_rows.append({"rentang": rentang, "predikat": amb.label})
        atas = amb.batas
    tabel_ringkas = nomor("Tabel", 3, f"Ringkasan Capaian per Sasaran Strategis Tahun {tahun}")
    ringkas = [{"no": str(i), "sasaran": a.sasaran.sasaran, "jumlah": str(len(a.baris)),
                "tercapai": str(len(a.tercapai)), "rata": format_persen(a.rata_rata, des), "predikat": a.predikat}
               for i, a in enumerate(per_sasaran, 1)]
    maks = d.grafik.maks_batang
    tampil = per_sasaran[:maks]
    sisa = f" ({maks} sasaran pertama; selengkapnya pada tabel)" if len(per_sasaran) > maks else ""
    grafik_ringkas = {
        "gambar": kit.gambar_bytes(grafik.batang_persen(
            [f"Sasaran {i}: {_pendek(a.sasaran.sasaran, 48)}" for i, a in enumerate(tampil, 1)],
            [_f(C.bulatkan(a.rata_rata, des)) if a.rata_rata is not None else None for a in tampil],
            judul_sumbu="Rata-rata capaian (%)"), LEBAR_GRAFIK_MM),
        "judul": nomor("Gambar", 3, f"Rata-rata Capaian per Sasaran Strategis Tahun {tahun}{sisa}"),
    }
    sasaran = [_sasaran(a, i, d, nomor, kit) for i, a in enumerate(per_sasaran, 1)]

    tabel_anggaran = nomor("Tabel", 3, f"Realisasi Anggaran per Program dan Kegiatan Tahun {tahun}")
    anggaran = _baris_program(data.program, des)
    total_anggaran = {"pagu": A.rupiah(r.anggaran.pagu), "realisasi": A.rupiah(r.anggaran.realisasi),
                      "persen": format_persen(r.anggaran.serapan, des)}
    grafik_anggaran = None
    if data.program:
        progs = data.program[:maks]
        sisa = f" ({maks} program pertama)" if len(data.program) > maks else ""
        nilai = [C.serapan(*total_program(p)).nilai for p in progs]
        grafik_anggaran = {
            "gambar": kit.gambar_bytes(grafik.batang_persen(
                [_pendek(p.nama, 60) for p in progs],
                [_f(C.bulatkan(v, des)) if v is not None else None for v in nilai],
                label_ambang="Pagu (100%)", judul_sumbu="Serapan anggaran (%)", warna_tunggal=grafik.WARNA_NETRAL),
                LEBAR_GRAFIK_MM),
            "judul": nomor("Gambar", 3, f"Serapan Anggaran per Program Tahun {tahun}{sisa}"),
        }
    teks_anggaran = (f"Pada tahun {tahun}, {ins.singkatan or ins.nama} mengelola {len(data.program)} program "
                     f"dengan {sum(len(p.kegiatan) for p in data.program)} kegiatan. Realisasi anggaran sebesar "
                     f"{A.rupiah(r.anggaran.realisasi)} dari pagu {A.rupiah(r.anggaran.pagu)} atau "
                     f"{format_persen(r.anggaran.serapan, des)}.")

    # BAB IV.
    kesimpulan = A.kesimpulan(r, data, per_sasaran) + (isi_paragraf(d.kesimpulan) if d.kesimpulan else [])
    tindak = d.rencana_tindak_lanjut or [f"Sasaran {i} ({a.sasaran.sasaran}): {a.sasaran.solusi or A.draf_solusi(a)}"
                                         for i, a in enumerate(per_sasaran, 1)]

    return {
        "tahun": str(tahun),
        "logo": kit.gambar(logo, LEBAR_LOGO_SAMPUL_MM, "instansi.logo") if logo else "",
        "instansi": {"nama": ins.nama.upper(), "pemerintah": ins.pemerintah.upper(), "nama_biasa": ins.nama,
                     "kota_kapital": ins.kota.upper()},
        "tahun_terbit": str(d.tanggal.year if d.tanggal else tahun + 1),
        "nomor_struktur": "3" if d.fungsi else "2",
        "judul_kepala": f"LKjIP {nama_pendek} Tahun {tahun}",
        "kata_pengantar": pengantar,
        "tempat_tanggal": tempat_tanggal(ins, d.tanggal) if not d.tempat else
        f"{d.tempat}, {locale_id.tanggal(d.tanggal) if d.tanggal else '            ' + str(tahun + 1)}",
        "ttd": ttd(d.penandatangan),
        "ikhtisar": ikhtisar,
        "angka_kunci": [{"label": k, "nilai": v} for k, v in angka_kunci],
        "latar_belakang": isi_paragraf(d.latar_belakang or _latar_belakang(d)),
        "tugas": isi_paragraf(d.tugas or f"{ins.nama} mempunyai tugas membantu kepala daerah dalam melaksanakan "
                                          "urusan pemerintahan yang menjadi kewenangan daerah sesuai bidangnya."),
        "fungsi": daftar_bernomor(d.fungsi),
        "struktur": unit,
        "aspek_strategis": isi_paragraf(d.aspek_strategis or (
            f"{ins.nama} memegang peran strategis dalam mendukung pencapaian visi dan misi daerah melalui "
            f"{len(data.sasaran)} sasaran strategis yang diukur dengan {r.jumlah} indikator kinerja.")),
        "permasalahan": daftar_bernomor(permasalahan),
        "dasar_hukum": daftar_bernomor(d.dasar_hukum or DASAR_HUKUM_BAKU),
        "sistematika": daftar_bernomor(_sistematika(tahun)),
        "periode_renstra": d.periode_renstra or "-",
        "visi": d.visi,
        "misi": daftar_bernomor(d.misi),
        "tabel_renstra": tabel_renstra,
        "renstra": renstra,
        "tabel_pk": tabel_pk,
        "pk": pk,
        "tabel_pk_program": tabel_pk_program,
        "pk_program": pk_program,
        "tabel_skala": tabel_skala,
        "skala": skala_rows,
        "tabel_ringkas": tabel_ringkas,
        "ringkas": ringkas,
        "grafik_ringkas": grafik_ringkas,
        "sasaran": sasaran,
        "tabel_anggaran": tabel_anggaran,
        "anggaran": anggaran,
        "total_anggaran": total_anggaran,
        "grafik_anggaran": grafik_anggaran,
        "teks_anggaran": teks_anggaran,
        "kesimpulan": kesimpulan,
        "tindak_lanjut": daftar_bernomor(tindak),
        "jumlah_indikator": str(len(semua)),
        "ttd_pihak_kedua": ttd(d.pihak_kedua) if d.pihak_kedua else None,
        "tanggal_perjanjian": (f"{ins.kota}, {locale_id.tanggal(d.tanggal_perjanjian)}" if d.tanggal_perjanjian
                               else ""),
    }


# Column widths (mm) of the year table: No, Indikator, Satuan, [years...], Arah.
_TREN_KIRI = [9, 60, 20]
_TREN_KANAN = [22]
LEBAR_TEKS_MM = 165


def pasca(doc, d: LKjIP) -> None:
    """Size the year tables' columns, then fill the indexes with their entries."""
    for t in doc.tables:
        kepala = [c.text.strip() for c in t.rows[0].cells]
        if kepala[:3] == ["No", "Indikator Kinerja", "Satuan"] and kepala[-1] == "Arah" and len(kepala) > 4:
            n = len(kepala) - 4
            sisa = LEBAR_TEKS_MM - sum(_TREN_KIRI) - sum(_TREN_KANAN)
            atur_lebar_kolom(t, _TREN_KIRI + [sisa / n] * n + _TREN_KANAN)
    isi_daftar(doc)


JENIS = JenisDokumen(
    slug="lkjip",
    judul="Laporan Kinerja Instansi Pemerintah (LKjIP)",
    keterangan="Laporan kinerja tahunan (Permen PANRB 53/2014): capaian setiap sasaran dengan tujuh analisis, "
               "realisasi anggaran, grafik, daftar isi, daftar tabel dan daftar gambar.",
    model=LKjIP,
    konteks=konteks,
    pasca=pasca,
)
