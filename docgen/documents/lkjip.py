"""Laporan Kinerja Instansi Pemerintah (LKjIP, Permen PANRB 53/2014): the year-end performance report."""

from __future__ import annotations

from pydantic import Field

from docgen import capaian as C
from docgen import grafik, locale_id, telaah_kinerja
from docgen import lkjip_analisis as A
from docgen.documents.bagian import daftar_bernomor, isi_paragraf, tempat_tanggal, ttd
from docgen.documents.common import Baris, BarisOpsional, Instansi, Model, Pejabat, Tanggal, TeksPanjang, path_logo
from docgen.documents.jenis import JenisDokumen
from docgen.documents.lkjip_sasaran import (
    LEBAR_GRAFIK_MM,
    Penomor,
    analisis_sasaran,
    baris_program,
    sebagai_float,
)
from docgen.documents.pengukuran_bagian import perihal_periode, telaah
from docgen.docx_indeks import isi_daftar
from docgen.docx_tabel import atur_lebar_kolom
from docgen.kinerja import TRIWULAN, DataKinerja, format_angka, format_persen, teks_target, total_program, unit_kerja

LEBAR_LOGO_SAMPUL_MM = 45
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
    nama: Baris = Field(title="Nama unit", examples=["Sekretariat"], json_schema_extra={"x-saran-dari": "unit_kerja"})
    sub: list[Baris] = Field(default_factory=list, title="Unit di bawahnya")


class Grafik(Model):
    maks_batang: int = Field(15, ge=3, le=40, title="Batang paling banyak per grafik",
                             description="Indikator selebihnya tetap ada di tabel")


class LKjIP(Model):
    instansi: Instansi = Field(title="Instansi")
    kinerja: DataKinerja = Field(title="Data kinerja (sasaran, indikator, program)")
    penandatangan: Pejabat = Field(title="Kepala (penanda tangan)")
    tanggal: Tanggal | None = Field(None, title="Tanggal kata pengantar", description="Kosong: diisi tangan")
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
    tanggal_perjanjian: Tanggal | None = Field(None, title="Tanggal Perjanjian Kinerja")
    grafik: Grafik = Field(default_factory=Grafik, title="Pengaturan grafik")


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


def _ikhtisar_kendala(d: LKjIP, per_sasaran: list[A.AnalisisSasaran], des: int) -> list[str]:
    """The Ikhtisar's paragraphs on what fell short (53/2014): the indicators that missed their target or could not
    be measured, the kendala, and the steps taken and planned; from the input, else drafted from the figures and
    marked [DRAF]."""
    gagal = [b for a in per_sasaran for b in a.belum]
    tanpa = [b for a in per_sasaran for b in a.tanpa_data]
    if not gagal and not tanpa:
        return ["Seluruh indikator kinerja mencapai atau melampaui target."]
    hasil = []
    if gagal:
        hasil.append("Indikator yang belum mencapai target: " + "; ".join(
            f"{b.indikator.kode} {b.indikator.indikator} ({format_persen(b.capaian, des)}"
            f"{' ' + b.sd if b.sd else ''})" for b in gagal) + ".")
    if tanpa:
        hasil.append(f"Indikator yang belum dapat diukur: {A.daftar_kode(tanpa)} (data realisasi belum tersedia).")
    bermasalah = [a for a in per_sasaran if a.belum or a.tanpa_data]
    if d.permasalahan_utama:
        hasil.append("Kendala yang dihadapi: " + " ".join(d.permasalahan_utama))
    else:
        draf = any(not a.sasaran.penyebab for a in bermasalah)
        hasil.append(("[DRAF] " if draf else "") + "Kendala yang dihadapi: "
                     + " ".join(a.sasaran.penyebab or A.draf_penyebab(a, des) for a in bermasalah))
    ditempuh = [a.sasaran.solusi for a in bermasalah if a.sasaran.solusi]
    if ditempuh:
        hasil.append("Langkah yang telah ditempuh: " + " ".join(ditempuh))
    if d.rencana_tindak_lanjut:
        hasil.append("Langkah yang akan ditempuh: " + " ".join(d.rencana_tindak_lanjut))
    else:
        hasil.append("[DRAF] Langkah yang akan ditempuh: " + " ".join(A.draf_solusi(a) for a in bermasalah))
    return hasil


def _sebagian(r: A.Ringkasan) -> str:
    """'IKK 1 baru s.d. Triwulan III' for the indicators measured only part of the year."""
    return "; ".join(f"{b.indikator.kode} baru s.d. Triwulan {TRIWULAN[(b.terukur_sampai or 1) - 1]}"
                     for b in r.sebagian)


def konteks(d: LKjIP, kit) -> dict:
    data = d.kinerja
    des = data.pengaturan.desimal
    tahun = data.tahun
    telaah(kit, data, perencanaan=True)
    nomor = Penomor()
    r = A.ringkasan(data)
    per_sasaran = A.analisis(data)
    label = [amb.label for amb in data.pengaturan.skala()]
    teks = {"kesimpulan": (d.kesimpulan or "", r.predikat), "kata_pengantar": (d.kata_pengantar or "", r.predikat)}
    for i, a in enumerate(per_sasaran):
        for medan in ("penyebab", "solusi"):
            teks[f"kinerja.sasaran.{i}.{medan}"] = (getattr(a.sasaran, medan), a.predikat)
    for c in telaah_kinerja.teks_bertentangan(teks, label):
        kit.peringatkan(c.medan, c.pesan)
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
        ("Indikator terukur", f"{r.jumlah - r.tanpa_data} dari {r.jumlah} indikator"),
        *([("Terukur sebagian tahun", "; ".join(f"{b.indikator.kode} ({b.sd})" for b in r.sebagian))]
          if r.sebagian else []),
        ("Rata-rata capaian kinerja", f"{format_persen(r.rata_rata, des)} ({r.predikat})"),
        ("Pagu anggaran", A.rupiah(r.anggaran.pagu)),
        ("Realisasi anggaran", A.rupiah(r.anggaran.realisasi)),
        ("Serapan anggaran", format_persen(r.anggaran.serapan, des)),
    ]
    batas = data.pengaturan.batas_rata_rata
    ikhtisar = [
        f"Laporan Kinerja {ins.nama} Tahun {tahun} menyajikan capaian {r.jumlah} indikator kinerja dari "
        f"{len(data.sasaran)} sasaran strategis yang ditetapkan dalam Perjanjian Kinerja Tahun {tahun}.",
        f"Sebanyak {r.jumlah - r.tanpa_data} dari {r.jumlah} indikator terukur"
        + (f" ({_sebagian(r)})" if r.sebagian else "")
        + f": {r.tercapai} indikator mencapai atau melampaui target, {r.belum} indikator belum mencapai target dan "
        f"{r.tanpa_data} indikator belum dapat diukur. Rata-rata capaian kinerja atas {r.jumlah - r.tanpa_data} "
        f"indikator terukur adalah {format_persen(r.rata_rata, des)} dengan predikat {r.predikat}"
        + (f" (capaian di atas {format_angka(batas)}% dihitung {format_angka(batas)}% dalam rata-rata)"
           if batas is not None else "") + ".",
        f"Dari sisi anggaran, realisasi mencapai {A.rupiah(r.anggaran.realisasi)} dari pagu "
        f"{A.rupiah(r.anggaran.pagu)}, atau serapan {format_persen(r.anggaran.serapan, des)}.",
    ]

    ikhtisar += _ikhtisar_kendala(d, per_sasaran, des)

    # BAB I.
    unit = [{"no": f"{i}.", "isi": u.nama, "sub": [{"no": f"{locale_id.huruf(j)}.", "isi": x}
                                                      for j, x in enumerate(u.sub, 1)]}
            for i, u in enumerate(d.struktur_organisasi, 1)]
    if not unit:
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
    urutan_predikat = [amb.label for amb in data.pengaturan.skala()]
    sisa = f" ({maks} sasaran pertama; selengkapnya pada tabel)" if len(per_sasaran) > maks else ""
    grafik_ringkas = {
        "gambar": kit.gambar_bytes(grafik.batang_persen(
            [f"Sasaran {i}: {a.sasaran.sasaran}" for i, a in enumerate(tampil, 1)],
            [sebagai_float(C.bulatkan(a.rata_rata, des)) if a.rata_rata is not None else None for a in tampil],
            judul_sumbu="Rata-rata capaian (%)",
            catatan=[a.predikat if a.rata_rata is not None else "" for a in tampil],
            warna=[grafik.warna_predikat(a.predikat, urutan_predikat) for a in tampil]), LEBAR_GRAFIK_MM),
        "judul": nomor("Gambar", 3, f"Rata-rata Capaian per Sasaran Strategis Tahun {tahun}{sisa}"),
    }
    sasaran = [analisis_sasaran(a, i, data, nomor, kit, maks_batang=maks, periode_renstra=d.periode_renstra)
               for i, a in enumerate(per_sasaran, 1)]

    tabel_anggaran = nomor("Tabel", 3, f"Realisasi Anggaran per Program dan Kegiatan Tahun {tahun}")
    anggaran = baris_program(data.program, des)
    total_anggaran = {"pagu": A.rupiah(r.anggaran.pagu), "realisasi": A.rupiah(r.anggaran.realisasi),
                      "persen": format_persen(r.anggaran.serapan, des)}
    grafik_anggaran = None
    if data.program:
        progs = data.program[:maks]
        sisa = f" ({maks} program pertama)" if len(data.program) > maks else ""
        nilai = [C.serapan(*total_program(p)).nilai for p in progs]
        grafik_anggaran = {
            "gambar": kit.gambar_bytes(grafik.batang_persen(
                [p.nama for p in progs],
                [sebagai_float(C.bulatkan(v, des)) if v is not None else None for v in nilai],
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
_TREN_KIRI: list[float] = [9, 60, 20]
_TREN_KANAN: list[float] = [22]
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
    perihal=perihal_periode,
)
