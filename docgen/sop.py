"""SOP definitions as data: the steps, pelaksana, Mutu Baku and decisions of an SOP, validated on load.

A definition is the SOP table of Permen PANRB 35/2012 (docgen.documents.keputusan_sop.IdentitasSOP) plus what
running it as a cycle needs: a kode, the periods it runs for and which application role acts for each pelaksana
column. The built-in definitions (from the four seed SOPs) are JSON files in `docgen/sop_bawaan/`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from docgen import durasi
from docgen.documents import semua
from docgen.documents.common import Baris, BarisOpsional
from docgen.documents.keputusan_sop import IdentitasSOP
from docgen.errors import InputTidakValid, TidakDitemukan
from docgen.validation import validasi

FOLDER_BAWAAN = Path(__file__).resolve().parent / "sop_bawaan"

# Application roles that can act for a pelaksana column (web.inti.peran.PERAN without admin).
PERAN_PELAKSANA = ("kepala", "sekretaris", "perencana", "tim_sakip", "bidang", "arsiparis")
Periode = Literal["bulan", "triwulan", "tahun"]
Kode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)]


class DefinisiSOP(IdentitasSOP):
    """One SOP that can be printed (Keputusan lampiran) and run as a cycle."""

    kode: Kode = Field(title="Kode SOP", description="huruf kecil, angka dan tanda hubung, mis. pengukuran-kinerja")
    sumber: BarisOpsional = Field("", title="Sumber", description="Instansi dan dokumen asal SOP ini")
    periode: list[Periode] = Field(min_length=1, title="Periode siklus", description="bulan, triwulan, tahun")
    peran: dict[str, Literal[PERAN_PELAKSANA]] = Field(  # type: ignore[valid-type]
        default_factory=dict, title="Peran aplikasi per pelaksana",
        description="Nama kolom pelaksana -> peran pengguna yang bertindak (kepala, sekretaris, ...)",
    )
    arsip_kode_klasifikasi: BarisOpsional = Field("", title="Kode klasifikasi berkas arsip", examples=["000.5.2"])

    @field_validator("periode")
    @classmethod
    def _periode_unik(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("periode tidak boleh berulang")
        return v

    @model_validator(mode="after")
    def _periksa_silang(self) -> DefinisiSOP:
        dikenal = {p.casefold(): p for p in self.pelaksana}
        for nama in self.peran:
            if nama.casefold() not in dikenal:
                raise ValueError(f"peran: pelaksana '{nama}' tidak ada dalam daftar pelaksana "
                                 f"({', '.join(self.pelaksana)})")
        slug_dikenal = {j.slug for j in semua()}
        for i, langkah in enumerate(self.langkah, 1):
            for slug in langkah.dokumen:
                if slug not in slug_dikenal:
                    raise ValueError(f"langkah ke-{i}: jenis dokumen '{slug}' tidak dikenal "
                                     f"(lihat `docgen jenis`)")
        return self

    def peran_untuk(self, pelaksana: str) -> str | None:
        """Return the application role acting for a pelaksana column, or None when not mapped."""
        for nama, peran in self.peran.items():
            if nama.casefold() == pelaksana.casefold():
                return peran
        return None

    def langkah_berikut(self, no: int, keputusan: str | None = None) -> int | None:
        """Return the step that follows step `no` (1-based), taking the YA/TIDAK branch; None after the last."""
        langkah = self.langkah[no - 1]
        if keputusan == "tidak":
            return langkah.tidak
        if langkah.ya is not None:
            return langkah.ya
        return no + 1 if no < len(self.langkah) else None

    def masalah(self) -> list[str]:
        """Return problems worth telling but not fatal, e.g. a stated total that differs from the steps' sum."""
        hasil = [pesan for _, pesan in self.identitas_kosong()]
        hasil += [f"langkah ke-{i}: SOP tidak menetapkan waktunya ('-'); jumlah waktu tidak memuatnya"
                  for i, lk in enumerate(self.langkah, 1) if lk.tanpa_waktu]
        if self.total_waktu:
            dinyatakan = durasi.urai(self.total_waktu)
            if dinyatakan != self.total():
                hasil.append(f"total waktu yang dinyatakan ({self.total_waktu}) tidak sama dengan jumlah waktu "
                             f"langkah ({self.total()})")
        return hasil

    def identitas(self) -> dict[str, Any]:
        """Return the SOP block of a keputusan-sop input (the fields cycles need are left out)."""
        return self.model_dump(mode="json", exclude={"kode", "sumber", "periode", "peran",
                                                     "arsip_kode_klasifikasi"}, exclude_defaults=False)


@dataclass(frozen=True)
class Ringkasan:
    """A definition with where it came from, for listings."""

    definisi: DefinisiSOP
    berkas: Path | None


def dari_data(data: Any, *, sumber: str = "definisi SOP") -> DefinisiSOP:
    """Validate raw data as an SOP definition.

    Raises InputTidakValid with one Indonesian message per field path.
    """
    try:
        return validasi(DefinisiSOP, data)
    except InputTidakValid as exc:
        raise InputTidakValid(f"{sumber} tidak valid", fields=exc.fields) from None


def muat(path: Path) -> DefinisiSOP:
    """Read and validate one definition file (JSON).

    Raises TidakDitemukan when it is missing, InputTidakValid when it is not valid JSON or not a valid definition.
    """
    try:
        teks = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TidakDitemukan(f"berkas definisi SOP tidak ditemukan: {path}") from None
    try:
        data = json.loads(teks)
    except json.JSONDecodeError as exc:
        raise InputTidakValid(f"{path.name}: bukan JSON yang sah (baris {exc.lineno}, kolom {exc.colno})") from None
    return dari_data(data, sumber=path.name)


def bawaan(folder: Path = FOLDER_BAWAAN) -> dict[str, DefinisiSOP]:
    """Return the built-in definitions by kode, in file-name order.

    Raises InputTidakValid when a file is invalid or two files share a kode.
    """
    hasil: dict[str, DefinisiSOP] = {}
    for path in sorted(folder.glob("*.json")):
        d = muat(path)
        if d.kode in hasil:
            raise InputTidakValid(f"{path.name}: kode SOP '{d.kode}' sudah dipakai definisi lain")
        hasil[d.kode] = d
    return hasil


def judul_langkah(d: DefinisiSOP, no: int) -> Baris:
    """Return 'Langkah 3: <kegiatan>' for messages and listings."""
    return f"Langkah {no}: {d.langkah[no - 1].kegiatan}"


def keputusan(
    d: DefinisiSOP,
    *,
    instansi: dict[str, Any] | None = None,
    penandatangan: dict[str, Any] | None = None,
    tanggal: str | None = None,
) -> dict[str, Any]:
    """Return a keputusan-sop input enacting definition `d`, to be completed and rendered.

    Without `instansi` and `penandatangan` the agency and the signer are placeholders to replace; the
    considerations, legal bases (the SOP's dasar hukum) and diktum are standard wording built from the SOP's title.
    """
    judul = d.judul
    instansi = instansi or {"pemerintah": "Pemerintah Kabupaten/Kota ...", "nama": "Nama Instansi",
                            "alamat": "Alamat instansi", "kota": "Kota"}
    penandatangan = penandatangan or {"jabatan": "Kepala ...", "nama": "NAMA KEPALA"}
    jabatan = f"{penandatangan['jabatan']} {instansi.get('pemerintah', '').replace('Pemerintah ', '')}".strip()
    tentang = f"Standar Operasional Prosedur (SOP) {judul}"
    return {
        "instansi": instansi,
        "nomor": {"pola": "{kode_klasifikasi}/{urut}/{kode_unit}/{tahun}", "kode_klasifikasi": "000.8.3.3",
                  "kode_unit": instansi.get("singkatan", "")},
        "tanggal": tanggal or dt.date.today().isoformat(),
        "penetap": jabatan,
        "tentang": tentang,
        "menimbang": [
            f"bahwa untuk menjamin kejelasan alur tata kerja, transparansi dan akuntabilitas, perlu ditetapkan "
            f"{tentang};",
            f"bahwa berdasarkan pertimbangan sebagaimana dimaksud pada huruf a, perlu menetapkan Keputusan "
            f"{jabatan} tentang {tentang};",
        ],
        "mengingat": list(d.dasar_hukum),
        "menetapkan": f"{tentang.upper()}.",
        "diktum": [
            f"{tentang} sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari "
            f"Keputusan ini.",
            "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        ],
        "penandatangan": penandatangan,
        "tembusan": [],
        "sop": d.identitas(),
    }
