"""Kertas Kerja Pengukuran Kinerja (SOP 9.2 steps 4-5): per indicator the polarity, the formula, the quarter
rule, target and realisasi for each quarter, the annual figures, capaian and predikat."""

from __future__ import annotations

from pydantic import Field

from docgen import kinerja as K
from docgen.documents.bagian import LEBAR_KOP_LANDSCAPE_MM, isi_paragraf, kop, tempat_tanggal, ttd
from docgen.documents.common import BarisOpsional, Pejabat, Tanggal
from docgen.documents.jenis import JenisDokumen
from docgen.documents.pengukuran_bagian import (
    ATURAN_TRIWULAN,
    NAMA_SKALA,
    POLARITAS,
    MasukanPengukuran,
    paragraf_metodologi,
    perihal_periode,
    periode,
    rekap,
    teks_rumus,
    telaah,
)


class KertasKerjaPengukuran(MasukanPengukuran):
    sumber_data: BarisOpsional = Field(
        "", title="Sumber data", examples=["Formulir pemantauan capaian kinerja Sekretariat dan Bidang"]
    )
    catatan: BarisOpsional = Field("", title="Catatan tambahan")
    tanggal: Tanggal = Field(title="Tanggal")
    penandatangan: Pejabat = Field(title="Penyusun (Ketua Tim SAKIP)")
    mengetahui: Pejabat | None = Field(None, title="Mengetahui (opsional)")


def konteks(d: KertasKerjaPengukuran, kit) -> dict:
    data = d.kinerja
    p = data.pengaturan
    r = rekap(data)
    telaah(kit, data)
    n = data.triwulan or 4
    sasaran, no = [], 0
    for s, baris, _ in r.sasaran:
        rows = []
        for b in baris:
            no += 1
            ind = b.indikator
            target_tw = [K.teks_target(ind, t) if (t is not None or ind.polaritas == "rentang") else "-"
                         for t in ind.target_triwulan]
            real_tw = [K.format_angka(v) if i < n else "" for i, v in enumerate(ind.realisasi_triwulan)]
            cap_tw = [K.format_persen(v, p.desimal) if i < n else "" for i, v in enumerate(b.capaian_triwulan)]
            rows.append({
                "no": str(no), "kode": ind.kode, "indikator": ind.indikator, "satuan": ind.satuan,
                "polaritas_rumus": f"{POLARITAS[ind.polaritas]}:\n{teks_rumus(ind, p)}",
                "aturan": ATURAN_TRIWULAN[ind.aturan_triwulan],
                "predikat": b.predikat, "keterangan": b.keterangan,
                "target": {"tw": target_tw, "tahun": b.target_teks},
                "realisasi": {"tw": real_tw, "tahun": b.realisasi_teks},
                "capaian": {"tw": cap_tw, "tahun": K.format_persen(b.capaian, p.desimal)},
            })
        sasaran.append({"kode": s.kode, "sasaran": s.sasaran, "indikator": rows})
    return {
        "kop": kop(d.instansi, kit, LEBAR_KOP_LANDSCAPE_MM),
        "periode": periode(data).upper(),
        "instansi": d.instansi.nama,
        "skala": f"{NAMA_SKALA[p.predikat][0].upper()}{NAMA_SKALA[p.predikat][1:]}",
        "sumber_data": d.sumber_data or "Formulir pemantauan capaian kinerja unit kerja",
        "metodologi": paragraf_metodologi(data),
        "kolom_tahun": "Tahunan" if n == 4 else f"s.d. TW {K.TRIWULAN[n - 1]}",
        "sasaran": sasaran,
        "catatan": isi_paragraf(d.catatan) if d.catatan else [],
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal),
        "ttd": ttd(d.penandatangan),
        "ttd_mengetahui": ttd(d.mengetahui) if d.mengetahui else None,
    }


JENIS = JenisDokumen(
    slug="kertas-kerja-pengukuran",
    judul="Kertas Kerja Pengukuran Kinerja",
    keterangan="Metodologi dan perhitungan capaian setiap indikator: polaritas, rumus, aturan triwulan, target dan "
               "realisasi per triwulan, capaian dan predikat.",
    model=KertasKerjaPengukuran,
    konteks=konteks,
    perihal=perihal_periode,
)
