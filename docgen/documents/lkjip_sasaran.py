"""The LKjIP's chapter III per sasaran: the seven analyses (Permen PANRB 53/2014) as template context, with the
numbering of tables and figures and the program rows shared with the budget table."""

from __future__ import annotations

from decimal import Decimal

from docgen import capaian as C
from docgen import grafik
from docgen import lkjip_analisis as A
from docgen.documents.bagian import isi_paragraf
from docgen.kinerja import DataKinerja, format_angka, format_persen, total_program

LEBAR_GRAFIK_MM = 160
PANEL_TREN_MAKS = 6


class Penomor:
    """Numbers tables and figures per chapter: 'Tabel 3.2', 'Gambar 3.1'."""

    def __init__(self) -> None:
        self._n: dict[tuple[str, int], int] = {}

    def __call__(self, jenis: str, bab: int, judul: str) -> str:
        k = (jenis, bab)
        self._n[k] = self._n.get(k, 0) + 1
        return f"{jenis} {bab}.{self._n[k]} {judul}"



_sd = A.sd_koma


def _keluaran(nilai: Decimal | None, satuan: str) -> str:
    """An output figure with its unit: '12 dokumen', or '-'."""
    return "-" if nilai is None else f"{format_angka(nilai)} {satuan}".strip()

def sebagai_float(nilai: Decimal | None) -> float | None:
    """Return a figure as a float for the charts (None stays None)."""
    return None if nilai is None else float(nilai)


def baris_program(programs, desimal: int) -> list[dict]:
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


def analisis_sasaran(a: A.AnalisisSasaran, i: int, data: DataKinerja, nomor: Penomor, kit, *, maks_batang: int,
                     periode_renstra: str) -> dict:
    """Return the context of sasaran `i` (1-based): its seven analyses with their tables, charts and sentences."""
    des = data.pengaturan.desimal
    tahun = data.tahun
    s = a.sasaran
    maks = maks_batang
    blok: dict = {"judul": f"Sasaran {i}: {s.sasaran}", "pengantar": A.kalimat_capaian(a, des)}

    # 1. Target against realisasi this year.
    blok["tabel_capaian"] = nomor("Tabel", 3, f"Target, Realisasi dan Capaian Indikator Sasaran {i} "
                                               f"Tahun {tahun}")
    blok["capaian"] = [{
        "no": str(j), "kode": b.indikator.kode, "indikator": b.indikator.indikator, "satuan": b.indikator.satuan,
        "target": b.target_teks, "realisasi": b.realisasi_teks, "capaian": format_persen(b.capaian, des),
        "predikat": b.predikat if b.capaian is not None else (b.keterangan or "-"),
    } for j, b in enumerate(a.baris, 1)]
    tampil = a.baris[:maks]
    gambar = grafik.batang_persen(
        [f"{b.indikator.kode} {b.indikator.indikator}" for b in tampil],
        [sebagai_float(C.bulatkan(b.capaian, des)) if b.capaian is not None else None for b in tampil],
        warna=[grafik.warna_predikat(b.predikat, [amb.label for amb in data.pengaturan.skala()]) for b in tampil],
        catatan=[f"(R {format_angka(b.realisasi)}{' ' + b.sd if b.sd else ''} / T {b.target_teks})"
                 if b.capaian is not None else ""
                 for b in tampil],
    )
    sisa = f" ({maks} indikator pertama; selengkapnya pada tabel)" if len(a.baris) > maks else ""
    blok["grafik_capaian"] = {"gambar": kit.gambar_bytes(gambar, LEBAR_GRAFIK_MM),
                              "judul": nomor("Gambar", 3, f"Capaian Indikator Sasaran {i} terhadap Target "
                                                          f"Tahun {tahun}{sisa}")}

    # 2. Realisasi against the previous years: up to four before this one, five years in all.
    riwayat = {id(b): A.tahun_banding(b.indikator, tahun) for b in a.baris}
    tahun_lalu = sorted({t for r in riwayat.values() for t in r})
    blok["tahun"] = [str(t) for t in [*tahun_lalu, tahun]]
    dengan_riwayat = [b for b in a.baris if riwayat[id(b)]]
    blok["tabel_tren"] = nomor("Tabel", 3, f"Realisasi Indikator Sasaran {i} Tahun "
                                           f"{tahun_lalu[0] if tahun_lalu else tahun}-{tahun}") if tahun_lalu else ""
    blok["tren"] = []
    for j, b in enumerate(a.baris, 1):
        ind = b.indikator
        nilai = [format_angka(riwayat[id(b)].get(t)) for t in tahun_lalu] + [b.realisasi_teks]
        lalu = list(riwayat[id(b)].values())
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
            judul=f"{b.indikator.kode} {b.indikator.indikator}", satuan=b.indikator.satuan,
            tahun=[*riwayat[id(b)], tahun],
            nilai=[*(sebagai_float(v) for v in riwayat[id(b)].values()), sebagai_float(b.realisasi)],
            target=sebagai_float(b.target), target_akhir=sebagai_float(b.indikator.target_akhir_renstra),
        ) for b in dengan_riwayat[:PANEL_TREN_MAKS]]
        sisa = (f" ({PANEL_TREN_MAKS} indikator pertama)" if len(dengan_riwayat) > PANEL_TREN_MAKS else "")
        blok["grafik_tren"] = {"gambar": kit.gambar_bytes(grafik.tren(panel), LEBAR_GRAFIK_MM),
                               "judul": nomor("Gambar", 3, f"Perkembangan Realisasi Indikator Sasaran {i}{sisa}")}

    # 3. Realisasi against this year's Renstra target and the Renstra end target, as % progress.
    blok["tabel_renstra"] = nomor("Tabel", 3, f"Realisasi Indikator Sasaran {i} terhadap Target Renstra")
    blok["renstra"] = []
    kalimat = []
    for j, b in enumerate(a.baris, 1):
        ind = b.indikator
        h = A.kemajuan_renstra(b)
        th = A.banding_renstra_tahunan(b, tahun)
        blok["renstra"].append({"no": str(j), "indikator": f"{ind.kode} {ind.indikator}", "satuan": ind.satuan,
                                "baseline": format_angka(ind.baseline),
                                "target_tahun": format_angka(ind.target_renstra.get(tahun)),
                                "capaian_tahun": format_persen(th.nilai, des),
                                "target_akhir": format_angka(ind.target_akhir_renstra),
                                "realisasi": b.realisasi_teks,
                                "kemajuan": format_persen(h.nilai, des)})
        bagian = []
        if th.nilai is not None:
            bagian.append(f"{format_persen(th.nilai, des)} dari target Renstra tahun {tahun} "
                          f"({A.nilai_satuan(ind.target_renstra[tahun], ind)})")
        if h.nilai is not None:
            akhir = f" pada akhir periode Renstra {periode_renstra}" if periode_renstra else ""
            bagian.append(f"{format_persen(h.nilai, des)} dari target akhir Renstra "
                          f"({A.nilai_satuan(ind.target_akhir_renstra, ind)}){akhir}")
        if bagian and b.realisasi is not None:
            kalimat.append(f"Realisasi {ind.kode} sampai dengan tahun {tahun} "
                           f"({A.nilai_satuan(b.realisasi, ind)}{_sd(b)}) setara " + " dan ".join(bagian) + ".")
        pk = ind.target
        t_renstra = ind.target_renstra.get(tahun)
        if pk is not None and t_renstra is not None and pk != t_renstra and ind.polaritas != "rentang":
            lebih = (pk < t_renstra) == (ind.polaritas == "naik")
            kalimat.append(f"Target Perjanjian Kinerja {ind.kode} ({A.nilai_satuan(pk, ind)}) "
                           f"{'lebih rendah dari' if lebih else 'melampaui'} target Renstra tahun {tahun} "
                           f"({A.nilai_satuan(t_renstra, ind)}).")
    tanpa = [b for b in a.baris if b.indikator.target_renstra.get(tahun) is None]
    if tanpa:
        kalimat.append(f"Target Renstra tahun {tahun} untuk {A.daftar_kode(tanpa)} belum dicantumkan.")
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
                                "realisasi": b.realisasi_teks, "standar": format_angka(ind.standar_nasional),
                                "persen": format_persen(h.nilai, des), "posisi": posisi})
        if h.nilai is not None:
            kalimat.append(f"Realisasi {ind.kode} ({A.nilai_satuan(b.realisasi, ind)}{_sd(b)}) berada {posisi} "
                           "nasional "
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
    penjelasan = [f"{b.indikator.kode}: {b.indikator.penjelasan}" for b in a.baris if b.indikator.penjelasan]
    blok["penyebab"] = isi_paragraf(s.penyebab or A.draf_penyebab(a, des))
    blok["penyebab_draf"] = not s.penyebab
    blok["penjelasan"] = penjelasan  # what each unit typed with its realisasi, printed as the unit wrote it
    blok["solusi"] = isi_paragraf(s.solusi or A.draf_solusi(a))
    blok["solusi_draf"] = not s.solusi
    for medan, kosong in (("penyebab", not s.penyebab), ("solusi", not s.solusi)):
        if kosong:
            kit.peringatkan(f"kinerja.sasaran.{i - 1}.{medan}", "kosong; kalimat draf dibuat dari angka capaian, "
                                                                 "mohon diganti dengan analisis unit kerja")

    # 6. Efficiency.
    e = a.efisiensi
    blok["tabel_efisiensi"] = nomor("Tabel", 3, f"Capaian Kinerja dan Serapan Anggaran Sasaran {i}")
    blok["efisiensi"] = {"capaian": format_persen(a.rata_rata, des), "pagu": A.rupiah(a.anggaran.pagu),
                         "realisasi": A.rupiah(a.anggaran.realisasi),
                         "serapan": format_persen(a.anggaran.serapan, des),
                         "selisih": format_angka(e.selisih, des) if e.selisih is not None else "-",
                         "status": e.status.capitalize()}
    blok["teks_efisiensi"] = A.kalimat_efisiensi(a, des)
    per_kegiatan = [A.efisiensi_kegiatan(k, des) for p in a.program for k in p.kegiatan]
    blok["tabel_efisiensi_kegiatan"] = nomor("Tabel", 3, f"Capaian Keluaran dan Serapan Anggaran per Kegiatan "
                                                         f"Sasaran {i}") if per_kegiatan else ""
    blok["efisiensi_kegiatan"] = [{
        "no": str(j), "kegiatan": f"{e.kegiatan.kode} {e.kegiatan.nama}",
        "keluaran": e.kegiatan.keluaran or "-",
        "target": _keluaran(e.kegiatan.target_keluaran, e.kegiatan.satuan_keluaran),
        "realisasi": _keluaran(e.kegiatan.realisasi_keluaran, e.kegiatan.satuan_keluaran),
        "capaian": format_persen(e.capaian_keluaran, des), "serapan": format_persen(e.serapan, des),
        "selisih": format_angka(e.efisiensi.selisih, des) if e.efisiensi.selisih is not None else "-",
        "status": e.efisiensi.status.capitalize(),
    } for j, e in enumerate(per_kegiatan, 1)]
    blok["teks_efisiensi_kegiatan"] = A.kalimat_efisiensi_kegiatan(per_kegiatan)
    for kode in a.program_hilang:
        kit.peringatkan(f"kinerja.sasaran[{i - 1}].program", f"program {kode} tidak ada dalam daftar program")

    # 7. Supporting programs and kegiatan.
    blok["tabel_program"] = nomor("Tabel", 3, f"Program dan Kegiatan Pendukung Sasaran {i}") if a.program else ""
    blok["program"] = baris_program(a.program, des)
    blok["teks_program"] = (
        f"Pencapaian sasaran ini didukung oleh {len(a.program)} program dengan "
        f"{sum(len(p.kegiatan) for p in a.program)} kegiatan sebagai berikut." if a.program else
        "Belum ada program yang dicantumkan sebagai pendukung sasaran ini.")
    return blok
