"""Formulir Pemantauan Capaian Kinerja: one quarter's targets, realisasi and capaian for one unit kerja or
all units, filled from the data or blank to be filled by hand (SOP 9.1 steps 5-7)."""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator

from docgen import kinerja as K
from docgen.documents.bagian import LEBAR_KOP_LANDSCAPE_MM, kop, tempat_tanggal, ttd
from docgen.documents.common import LABEL_TRIWULAN, BarisOpsional, Pejabat, Tanggal
from docgen.documents.jenis import JenisDokumen
from docgen.documents.pengukuran_bagian import MasukanPengukuran, nama_triwulan

BULAN_TRIWULAN = {1: "Januari - Maret", 2: "April - Juni", 3: "Juli - September", 4: "Oktober - Desember"}


class FormulirCapaian(MasukanPengukuran):
    unit_kerja: BarisOpsional = Field(
        "", title="Unit kerja", description="Kosong: seluruh unit kerja", examples=["Sekretariat"],
        json_schema_extra={"x-pilihan": {"": "Seluruh unit kerja"}, "x-pilihan-dari": "unit_kerja"},
    )
    triwulan: int = Field(ge=1, le=4, title="Triwulan",
                          json_schema_extra={"x-pilihan": {str(k): v for k, v in LABEL_TRIWULAN.items()}})
    kosong: bool = Field(
        False, title="Formulir kosong untuk diisi tangan",
        description="Bila dicentang, kolom realisasi, capaian dan penjelasan dibiarkan kosong",
    )
    tanggal: Tanggal | None = Field(
        None, title="Tanggal",
        description="Kosongkan untuk diisi tangan (tahun dicetak: tahun pengisian triwulan itu)",
    )
    penandatangan: Pejabat = Field(title="Kepala unit kerja (tanda tangan)")
    mengetahui: Pejabat | None = Field(None, title="Mengetahui (opsional)")

    @field_validator("unit_kerja")
    @classmethod
    def _unit_dikenal(cls, v: str, info: ValidationInfo) -> str:
        data = info.data.get("kinerja")
        if not v or data is None:
            return v
        dikenal = K.unit_kerja(data)
        if not K.indikator_unit(data, v):
            daftar = ", ".join(dikenal) if dikenal else "(tidak ada indikator yang mencantumkan unit kerja)"
            raise ValueError(f"unit kerja '{v}' tidak dikenal; unit kerja yang ada: {daftar}")
        return next(u for u in dikenal if u.casefold() == v.casefold())


def konteks(d: FormulirCapaian, kit) -> dict:
    data, tw = d.kinerja, d.triwulan
    desimal = data.pengaturan.desimal
    pasangan = K.indikator_unit(data, d.unit_kerja or None)
    sasaran, no = [], 0
    for s in data.sasaran:
        rows = []
        for s2, ind in pasangan:
            if s2 is not s:
                continue
            no += 1
            b = K.hitung_indikator(s, ind, data.pengaturan, tw)
            real, cap = ind.realisasi_triwulan[tw - 1], b.capaian_triwulan[tw - 1]
            penjelasan = [ind.penjelasan] if ind.penjelasan else []
            if cap is None and b.keterangan_triwulan[tw - 1]:
                penjelasan.insert(0, b.keterangan_triwulan[tw - 1])
            rows.append({
                "no": str(no), "kode": ind.kode, "indikator": ind.indikator, "satuan": ind.satuan,
                "unit": "" if d.unit_kerja else ind.unit_kerja,
                "target_tahun": K.teks_target(ind, ind.target),
                "target_tw": K.teks_target(ind, ind.target_triwulan[tw - 1]),
                "realisasi": "" if d.kosong else K.format_angka(real),
                "capaian": "" if d.kosong else K.format_persen(cap, desimal),
                "penjelasan": "" if d.kosong else "; ".join(penjelasan),
            })
        if rows:
            sasaran.append({"kode": s.kode, "sasaran": s.sasaran, "indikator": rows})
    romawi = K.TRIWULAN[tw - 1]
    return {
        "kop": kop(d.instansi, kit, LEBAR_KOP_LANDSCAPE_MM),
        "judul_periode": f"{nama_triwulan(tw).upper()} TAHUN {data.tahun}",
        "unit_kerja": d.unit_kerja or "Seluruh Unit Kerja",
        "periode": f"{nama_triwulan(tw)} ({BULAN_TRIWULAN[tw]}) Tahun {data.tahun}",
        "tw": romawi,
        "kosong": d.kosong,
        "sasaran": sasaran,
        "tempat_tanggal": tempat_tanggal(d.instansi, d.tanggal) if d.tanggal else
        f"{d.instansi.kota},            {data.tahun + 1 if tw == 4 else data.tahun}",
        "ttd": ttd(d.penandatangan),
        "ttd_mengetahui": ttd(d.mengetahui) if d.mengetahui else None,
    }


def perihal(d: FormulirCapaian) -> str:
    """Return the quarter, its year and the unit (or every unit)."""
    return f"{nama_triwulan(d.triwulan)} Tahun {d.kinerja.tahun}, {d.unit_kerja or 'Seluruh Unit Kerja'}"


JENIS = JenisDokumen(
    slug="formulir-capaian",
    judul="Formulir Pemantauan Capaian Kinerja",
    keterangan="Formulir capaian kinerja satu triwulan untuk satu unit kerja atau seluruh unit, terisi dari data "
               "atau kosong untuk diisi tangan.",
    model=FormulirCapaian,
    konteks=konteks,
    perihal=perihal,
)
