"""Context of the Perjanjian Kinerja (Permen PANRB 53/2014): the statement, its two tables and the two signatures.

Shared by the perjanjian-kinerja type and the LKjIP's Lampiran, so both print the same agreement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from docgen import lkjip_analisis as A
from docgen.documents.bagian import tempat_tanggal, ttd
from docgen.documents.common import Instansi, Pejabat
from docgen.kinerja import DataKinerja, teks_target, total_program

PEMBUKA = ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
           "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:")
JANJI_PERTAMA = ("Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian "
                 "ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam "
                 "dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi "
                 "tanggung jawab kami.")
JANJI_KEDUA = ("Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
               "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian "
               "penghargaan dan sanksi.")


def baris_pk(data: DataKinerja) -> list[dict[str, str]]:
    """Rows No | Sasaran Strategis | Indikator Kinerja | Target (with satuan); sasaran printed on its first row."""
    rows = []
    for i, s in enumerate(data.sasaran, 1):
        for j, ind in enumerate(s.indikator):
            rows.append({"no": str(i) if j == 0 else "", "sasaran": s.sasaran if j == 0 else "",
                         "indikator": f"{ind.kode} {ind.indikator}".strip(),
                         "target": f"{teks_target(ind, ind.target)} {ind.satuan}".strip()})
    return rows


def baris_program(data: DataKinerja) -> tuple[list[dict[str, str]], str]:
    """Rows No | Program | Anggaran (Rp), and the total pagu as 'Rp ...'."""
    pagu = [total_program(p)[0] for p in data.program]
    rows = [{"no": str(i), "program": p.nama, "anggaran": A.rupiah(x)}
            for i, (p, x) in enumerate(zip(data.program, pagu, strict=True), 1)]
    return rows, A.rupiah(sum((x or Decimal(0) for x in pagu), Decimal(0)))


def konteks_perjanjian(instansi: Instansi, data: DataKinerja, pihak_pertama: Pejabat, pihak_kedua: Pejabat,
                       tanggal: dt.date | None, tempat: str | None = None) -> dict[str, Any]:
    """Everything the PK statement page and its lampiran print (keys under `pk` in the template)."""
    program, total = baris_program(data)
    tempat_tgl = tempat_tanggal(instansi, tanggal)
    if tempat:
        tempat_tgl = f"{tempat}, {tempat_tgl.split(', ', 1)[1]}"
    return {
        "tahun": str(data.tahun),
        "instansi": instansi.nama.upper(),
        "pembuka": PEMBUKA,
        "janji_pertama": JANJI_PERTAMA,
        "janji_kedua": JANJI_KEDUA,
        "pertama": ttd(pihak_pertama),
        "identitas": {"pertama": {"nama": pihak_pertama.nama, "jabatan": pihak_pertama.jabatan},
                      "kedua": {"nama": pihak_kedua.nama, "jabatan": pihak_kedua.jabatan}},
        "kedua": ttd(pihak_kedua),
        "tempat_tanggal": tempat_tgl,
        "sasaran": baris_pk(data),
        "program": program,
        "total_anggaran": total,
    }
