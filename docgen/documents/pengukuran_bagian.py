"""Context pieces shared by the measurement papers (SOP 9.2 steps 4-7): printed figures, formulas, the
scale, per-sasaran averages, predikat counts and the budget table. Every figure comes from docgen.kinerja
and docgen.capaian; this module only groups and prints them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from pydantic import Field

from docgen import capaian as C
from docgen import locale_id, telaah_kinerja
from docgen.documents.common import Instansi, Model
from docgen.kinerja import (
    TRIWULAN,
    BarisCapaian,
    DataKinerja,
    Indikator,
    PengaturanCapaian,
    Sasaran,
    format_angka,
    format_persen,
    hitung,
    total_program,
)

TIDAK_DAPAT_DIHITUNG = "Tidak dapat dihitung"

POLARITAS = {
    "naik": "Naik (semakin tinggi semakin baik)",
    "turun": "Turun (semakin rendah semakin baik)",
    "rentang": "Rentang (terbaik di dalam rentang target)",
}

ATURAN_TRIWULAN = {
    "kumulatif": "Kumulatif (jumlah TW)",
    "rata_rata": "Rata-rata (TW yang terisi)",
    "terakhir": "Terakhir (TW terakhir yang terisi)",
}

NAMA_SKALA = {
    "lima_tingkat": "skala lima tingkat",
    "permenpan_6_2022": "skala Peraturan Menteri PANRB Nomor 6 Tahun 2022",
    "kustom": "skala yang ditetapkan instansi",
}


class MasukanPengukuran(Model):
    """Fields every measurement paper starts with: the agency and its performance data."""

    instansi: Instansi = Field(title="Instansi")
    kinerja: DataKinerja = Field(title="Data kinerja", description="Sasaran, indikator, target, realisasi, anggaran")


def telaah(kit, data: DataKinerja, *, perencanaan: bool = False) -> None:
    """Warn on what an evaluator would question in the data (docgen.telaah_kinerja): partial or missing
    measurements, percentages summed across quarters; with `perencanaan` also targets, baseline and Renstra."""
    for c in telaah_kinerja.telaah(data, perencanaan=perencanaan):
        kit.peringatkan(c.medan, c.pesan)


def nama_triwulan(n: int) -> str:
    """Return the quarter's name: 4 -> 'Triwulan IV'."""
    return f"Triwulan {TRIWULAN[n - 1]}"


def periode(data: DataKinerja) -> str:
    """Return the period measured: 'Tahun 2024', or 's.d. Triwulan II Tahun 2024' to date."""
    if data.triwulan is None or data.triwulan == 4:
        return f"Tahun {data.tahun}"
    return f"s.d. {nama_triwulan(data.triwulan)} Tahun {data.tahun}"


class _DenganKinerja(Protocol):
    @property
    def kinerja(self) -> DataKinerja: ...


def perihal_periode(d: _DenganKinerja) -> str:
    """Return what a measurement paper is about: 'Periode Tahun 2024' (the perihal hook of those types)."""
    return f"Periode {periode(d.kinerja)}"


def nama_indikator(b: BarisCapaian) -> str:
    """Return the code with the name: 'IKU 3 (Rata-rata waktu ...)'."""
    return f"{b.indikator.kode} ({b.indikator.indikator})"


def gabung_nama(items: list[str]) -> str:
    """Join names the Indonesian way: 'a', 'a dan b', 'a, b, dan c'."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + f", dan {items[-1]}"


def teks_rumus(ind: Indikator, pengaturan: PengaturanCapaian) -> str:
    """Write out one indicator's capaian formula in Indonesian."""
    if ind.polaritas == "naik":
        rumus = "Realisasi / Target x 100"
        if ind.target == 0:
            rumus += "; target 0: capaian tidak dapat dinyatakan dalam persen"
        return rumus
    if ind.polaritas == "turun":
        rumus = "(2 x Target - Realisasi) / Target x 100"
        if ind.target == 0:
            rumus += "; target 0: capaian 100 bila realisasi 0"
        return rumus
    bawah, atas = format_angka(ind.target_bawah), format_angka(ind.target_atas)
    di_atas = (f"(2 x {atas} - Realisasi) / {atas} x 100" if pengaturan.lewat_atas_rentang == "turun"
               else f"Realisasi / {atas} x 100")
    return (f"Dalam rentang {bawah} - {atas}: 100; di bawah {bawah}: Realisasi / {bawah} x 100; "
            f"di atas {atas}: {di_atas}")


def _persen(batas: Decimal) -> str:
    return f"{locale_id.angka(batas)}%"


def teks_skala(pengaturan: PengaturanCapaian) -> str:
    """Print the predikat scale in force: 'Sangat Baik (capaian ≥ 91%); Baik (capaian ≥ 76% dan < 91%); ...'."""
    bagian = []
    atas: C.Ambang | None = None
    for a in pengaturan.skala():
        syarat = []
        if a.batas is not None:
            syarat.append(("\u2265 " if a.inklusif else "> ") + _persen(a.batas))
        if atas is not None and atas.batas is not None:
            syarat.append(("< " if atas.inklusif else "\u2264 ") + _persen(atas.batas))
        bagian.append(f"{a.label} (capaian {' dan '.join(syarat)})" if syarat else a.label)
        atas = a
    return "; ".join(bagian)


def kalimat_rata_rata(p: PengaturanCapaian) -> str:
    """Say how averages are taken: only indicators with a capaian, capped when the agency sets a cap."""
    if p.batas_rata_rata is None:
        return "Rata-rata capaian dihitung dari indikator yang memiliki capaian, tanpa batas atas."
    batas = _persen(p.batas_rata_rata)
    return f"Rata-rata capaian dihitung dari indikator yang memiliki capaian; capaian di atas {batas} dihitung {batas}."


def paragraf_metodologi(data: DataKinerja) -> list[str]:
    """Return the methodology paragraphs: formulas, quarter rules, missing data, rounding, predikat scale."""
    p = data.pengaturan
    kalimat = [
        f"Capaian setiap indikator dihitung dengan membandingkan realisasi terhadap target Perjanjian Kinerja "
        f"Tahun {data.tahun} menurut polaritasnya. Indikator naik (semakin tinggi semakin baik) memakai rumus "
        f"Realisasi / Target x 100; indikator turun (semakin rendah semakin baik) memakai rumus "
        f"(2 x Target - Realisasi) / Target x 100 sesuai Peraturan Menteri PANRB Nomor 6 Tahun 2022; indikator "
        f"rentang bernilai 100 bila realisasi berada di dalam rentang target.",
        "Realisasi tahunan diperoleh dari realisasi triwulan menurut aturan penggabungan setiap indikator: "
        "kumulatif (dijumlahkan), rata-rata, atau nilai triwulan terakhir. Realisasi yang belum dilaporkan "
        "dicatat \"belum ada data\" dan tidak dihitung sebagai 0.",
    ]
    kalimat.append(
        f"Capaian dibulatkan {p.desimal} angka desimal. {kalimat_rata_rata(p)} Predikat ditetapkan menurut "
        f"{NAMA_SKALA[p.predikat]}: {teks_skala(p)}."
    )
    return kalimat


def baris_teks(b: BarisCapaian, desimal: int, no: int) -> dict[str, str]:
    """Print one indicator's figures: '-' for a missing figure, the reason in `keterangan`."""
    ind = b.indikator
    return {
        "no": str(no),
        "kode": ind.kode,
        "indikator": ind.indikator,
        "satuan": ind.satuan,
        "unit": ind.unit_kerja,
        "target": b.target_teks,
        "realisasi": b.realisasi_teks,
        "capaian": format_persen(b.capaian, desimal),
        "predikat": b.predikat,
        "keterangan": b.keterangan,
    }


@dataclass
class Rekap:
    """Computed rows grouped per sasaran, with the averages (capped as the agency sets)."""

    data: DataKinerja
    baris: list[BarisCapaian]
    sasaran: list[tuple[Sasaran, list[BarisCapaian], Decimal | None]]
    rata_rata: Decimal | None

    @property
    def terukur(self) -> list[BarisCapaian]:
        return [b for b in self.baris if b.capaian is not None]

    @property
    def tanpa_data(self) -> list[BarisCapaian]:
        return [b for b in self.baris if b.realisasi is None]

    @property
    def tak_terhitung(self) -> list[BarisCapaian]:
        return [b for b in self.baris if b.realisasi is not None and b.capaian is None]

    def predikat(self, nilai: Decimal | None) -> str:
        return C.predikat(nilai, self.data.pengaturan.skala())


def rekap(data: DataKinerja) -> Rekap:
    """Compute every indicator and average the capaian per sasaran and overall with capaian.rata_rata."""
    semua = hitung(data)
    batas = data.pengaturan.batas_rata_rata
    per_sasaran = []
    for s in data.sasaran:
        baris = [b for b in semua if b.sasaran is s]
        per_sasaran.append((s, baris, C.rata_rata([b.capaian for b in baris], batas)))
    return Rekap(data=data, baris=semua, sasaran=per_sasaran,
                 rata_rata=C.rata_rata([b.capaian for b in semua], batas))


def konteks_sasaran(r: Rekap) -> list[dict[str, Any]]:
    """Build the sasaran groups of the result table: indicator rows, average and its predikat."""
    desimal = r.data.pengaturan.desimal
    hasil, no = [], 0
    for s, baris, rata in r.sasaran:
        rows = []
        for b in baris:
            no += 1
            rows.append(baris_teks(b, desimal, no))
        hasil.append({
            "kode": s.kode,
            "sasaran": s.sasaran,
            "indikator": rows,
            "rata_rata": format_persen(rata, desimal),
            "predikat": r.predikat(rata),
            "keterangan": "" if rata is not None else C.BELUM_ADA_DATA,
        })
    return hasil


def konteks_rata_rata(r: Rekap) -> dict[str, str]:
    """Print the overall average, its predikat and how many indicators it covers."""
    return {
        "capaian": format_persen(r.rata_rata, r.data.pengaturan.desimal),
        "predikat": r.predikat(r.rata_rata),
        "jumlah": f"{len(r.terukur)} dari {len(r.baris)} indikator",
    }


def jumlah_predikat(r: Rekap) -> list[dict[str, str]]:
    """Count indicators per predikat in scale order, then 'Belum ada data' (and not computable), then the total."""
    urutan: list[str] = []
    for a in r.data.pengaturan.skala():
        if a.label not in urutan:
            urutan.append(a.label)
    kelompok = [(label, [b for b in r.terukur if b.predikat == label]) for label in urutan]
    kelompok.append(("Belum ada data", r.tanpa_data))
    if r.tak_terhitung:
        kelompok.append((TIDAK_DAPAT_DIHITUNG, r.tak_terhitung))
    hasil = [{"no": str(i), "predikat": label, "jumlah": str(len(bs)),
              "indikator": ", ".join(b.indikator.kode for b in bs) or "-"}
             for i, (label, bs) in enumerate(kelompok, 1)]
    hasil.append({"no": "", "predikat": "Jumlah", "jumlah": str(len(r.baris)), "indikator": ""})
    return hasil


def _rupiah(nilai: Decimal | None) -> str:
    return "-" if nilai is None else locale_id.rupiah(nilai)


def _serapan(pagu: Decimal | None, realisasi: Decimal | None, desimal: int) -> str:
    return format_persen(C.serapan(pagu, realisasi).nilai, desimal)


@dataclass
class TotalAnggaran:
    """The budget total: pagu summed, realisasi summed only when every program reports one."""

    pagu: Decimal | None
    realisasi: Decimal | None

    @property
    def serapan(self) -> Decimal | None:
        return C.serapan(self.pagu, self.realisasi).nilai


def total_anggaran(data: DataKinerja) -> TotalAnggaran:
    """Sum the programs' pagu and realisasi (totals as docgen.kinerja.total_program gives them)."""
    per_program = [total_program(p) for p in data.program]
    pagu = [pg for pg, _ in per_program if pg is not None]
    real = [rl for _, rl in per_program]
    return TotalAnggaran(
        pagu=sum(pagu, Decimal(0)) if pagu else None,
        realisasi=sum((x for x in real if x is not None), Decimal(0)) if real and None not in real else None,
    )


def konteks_anggaran(data: DataKinerja) -> dict[str, Any]:
    """Build the program rows with their kegiatan (pagu, realisasi, serapan %) and the total row."""
    d = data.pengaturan.desimal
    program = []
    for p in data.program:
        pagu, real = total_program(p)
        program.append({
            "kode": p.kode, "nama": p.nama, "pagu": _rupiah(pagu), "realisasi": _rupiah(real),
            "serapan": _serapan(pagu, real, d),
            "kegiatan": [{"kode": k.kode, "nama": k.nama, "pagu": _rupiah(k.pagu), "realisasi": _rupiah(k.realisasi),
                          "serapan": _serapan(k.pagu, k.realisasi, d)} for k in p.kegiatan],
        })
    t = total_anggaran(data)
    return {"program": program, "total": {"pagu": _rupiah(t.pagu), "realisasi": _rupiah(t.realisasi),
                                          "serapan": format_persen(t.serapan, d)}}


def ringkasan_hasil(r: Rekap, nama_instansi: str) -> list[str]:
    """Write the summary paragraphs from the numbers: coverage, missing data, >= 100%, highest, lowest."""
    data, d = r.data, r.data.pengaturan.desimal
    n, terukur = len(r.baris), r.terukur

    def jumlah(k: int, benda: str = "indikator") -> str:
        return locale_id.jumlah_terbilang(k, benda)

    par = [f"Pengukuran kinerja {nama_instansi} {periode(data)} dilakukan terhadap {jumlah(n)} kinerja pada "
           f"{jumlah(len(data.sasaran), 'sasaran')} strategis. "]
    if len(terukur) == n:
        par[0] += "Seluruh indikator telah dapat diukur capaiannya."
    else:
        par[0] += f"Sebanyak {jumlah(len(terukur))} telah dapat diukur capaiannya"
        if r.tanpa_data:
            par[0] += (f", sedangkan {jumlah(len(r.tanpa_data))} belum ada data realisasi, yaitu "
                       f"{gabung_nama([nama_indikator(b) for b in r.tanpa_data])}")
        par[0] += "."
        if r.tak_terhitung:
            par[0] += (" Capaian " + gabung_nama([f"{nama_indikator(b)} ({b.keterangan})" for b in r.tak_terhitung])
                       + " tidak dapat dinyatakan dalam persen.")
    if not terukur:
        par.append("Belum ada indikator yang dapat diukur capaiannya sehingga rata-rata capaian belum dapat dihitung.")
        return par

    def cetak(b: BarisCapaian) -> str:
        return format_persen(b.capaian, d)

    def bulat(b: BarisCapaian) -> Decimal:
        assert b.capaian is not None  # terukur: only the rows with a capaian
        return C.bulatkan(b.capaian, d)

    tercapai = [b for b in terukur if bulat(b) >= C.SERATUS]
    kurang = [b for b in terukur if b not in tercapai]
    kal = f"Dari {jumlah(len(terukur))} yang terukur, "
    if not kurang:
        kal += "seluruhnya mencapai capaian 100% atau lebih."
    elif not tercapai:
        kal += "belum ada yang mencapai capaian 100%."
    else:
        kal += (f"{jumlah(len(tercapai))} mencapai capaian 100% atau lebih dan {jumlah(len(kurang))} "
                f"di bawah 100%, yaitu "
                + gabung_nama([f"{nama_indikator(b)} sebesar {cetak(b)}" for b in kurang]) + ".")
    par.append(kal)
    if len(terukur) > 1:
        tinggi = max(bulat(b) for b in terukur)
        rendah = min(bulat(b) for b in terukur)
        b_tinggi = [b for b in terukur if bulat(b) == tinggi]
        b_rendah = [b for b in terukur if bulat(b) == rendah]
        par.append(f"Capaian tertinggi dicapai oleh {gabung_nama([nama_indikator(b) for b in b_tinggi])} sebesar "
                   f"{cetak(b_tinggi[0])}, sedangkan capaian terendah pada "
                   f"{gabung_nama([nama_indikator(b) for b in b_rendah])} sebesar {cetak(b_rendah[0])}.")
    rata = konteks_rata_rata(r)
    batas = data.pengaturan.batas_rata_rata
    catatan = (f" (capaian di atas {_persen(batas)} dihitung {_persen(batas)})" if batas is not None else "")
    per_sasaran = gabung_nama([f"{s.kode} sebesar {format_persen(v, d)}" for s, _, v in r.sasaran if v is not None])
    par.append(f"Rata-rata capaian seluruh indikator yang terukur sebesar {rata['capaian']}{catatan} dengan "
               f"predikat {rata['predikat']}; rata-rata capaian per sasaran: {per_sasaran}.")
    if data.program:
        t = total_anggaran(data)
        if t.realisasi is not None:
            par.append(f"Realisasi anggaran program pendukung sebesar {_rupiah(t.realisasi)} dari pagu "
                       f"{_rupiah(t.pagu)} atau serapan {format_persen(t.serapan, d)}.")
        else:
            par.append(f"Pagu anggaran program pendukung sebesar {_rupiah(t.pagu)}; realisasi anggaran belum "
                       f"lengkap dilaporkan sehingga serapan belum dapat dihitung.")
    return par
