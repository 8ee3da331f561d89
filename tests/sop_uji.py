"""A small SOP definition for the cycle and SOP tests (the built-in ones in docgen/sop_bawaan may change)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

DEFINISI_UJI = {
    "kode": "pengukuran-uji",
    "judul": "Pengukuran Kinerja",
    "sumber": "Uji, disusun dari SOP Pengumpulan Data dan Pengukuran Kinerja BKPSDM",
    "periode": ["bulan", "triwulan"],
    "unit": "Sekretariat",
    "dasar_hukum": ["Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah"],
    "pelaksana": ["Kepala", "Sekretaris", "Tim SAKIP", "Bidang", "Arsiparis"],
    "peran": {"Kepala": "kepala", "Sekretaris": "sekretaris", "Tim SAKIP": "tim_sakip", "Bidang": "bidang",
              "Arsiparis": "arsiparis"},
    "langkah": [
        {"kegiatan": "Kepala memerintahkan Sekretaris melakukan pengukuran kinerja", "pelaksana": ["Kepala"],
         "kelengkapan": "Blanko nota dinas", "waktu": "10 menit", "output": "Nota Dinas", "dokumen": ["nota-dinas"]},
        {"kegiatan": "Tim menyusun kertas kerja pengukuran kinerja", "pelaksana": ["Tim SAKIP"],
         "kelengkapan": "Nota Dinas", "waktu": "2 jam", "output": "Kertas Kerja Pengukuran Kinerja",
         "dokumen": ["kertas-kerja-pengukuran"]},
        {"kegiatan": "Bidang mengisi formulir capaian kinerja", "pelaksana": ["Bidang"],
         "kelengkapan": "Formulir", "waktu": "1 hari", "output": "Formulir terisi", "dokumen": ["formulir-capaian"]},
        {"kegiatan": "Tim melaporkan hasil pengukuran kepada Sekretaris", "pelaksana": ["Tim SAKIP"],
         "kelengkapan": "Rekapitulasi", "waktu": "30 menit", "output": "Konsep Laporan Hasil Pengukuran Kinerja",
         "dokumen": ["laporan-hasil-pengukuran"]},
        {"kegiatan": "Sekretaris menganalisa laporan; bila tidak setuju dikembalikan untuk dilengkapi",
         "pelaksana": ["Sekretaris"], "kelengkapan": "Konsep Laporan Hasil Pengukuran Kinerja", "waktu": "90 menit",
         "output": "Lembar Disposisi", "jenis": "keputusan", "tidak": 2},
        {"kegiatan": "Sekretaris melaporkan hasil pengukuran kepada Kepala", "pelaksana": ["Sekretaris"],
         "kelengkapan": "Laporan", "waktu": "30 menit", "output": "Nota Dinas"},
        {"kegiatan": "Arsiparis menyimpan berkas pengukuran", "pelaksana": ["Arsiparis"], "waktu": "10 menit",
         "output": "Arsip"},
    ],
}


def definisi_uji(**ubah) -> dict:
    """A fresh copy of the test definition with top-level fields replaced."""
    d = copy.deepcopy(DEFINISI_UJI)
    d.update(ubah)
    return d


def pasang_bawaan(app, folder: Path, *definisi: dict) -> Path:
    """Point the app's built-in SOP folder at `folder` holding these definitions (default: the test one)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, d in enumerate(definisi or (DEFINISI_UJI,), 1):
        (folder / f"{i:02d}-{d['kode']}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    app.config["SOP_BAWAAN"] = folder
    return folder
