"""The OpenAPI operations and schemas of the agency's work: cycles and their steps, stored documents, performance
data by year, the number register and archive bundles (web.api.openapi assembles the whole document)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from docgen import documents

R = "#/components/schemas/"
Galat = Callable[..., dict[str, Any]]

S = {"type": "string"}
S_NULL = {"type": ["string", "null"]}
N = {"type": "integer"}
N_NULL = {"type": ["integer", "null"]}
WAKTU = {"type": ["string", "null"], "format": "date-time"}
DAFTAR_S = {"type": "array", "items": S}


def _ref(nama: str) -> dict[str, Any]:
    return {"$ref": R + nama}


def _obj(props: dict[str, Any], wajib: list[str] | None = None, **lain: Any) -> dict[str, Any]:
    return {"type": "object", "required": wajib if wajib is not None else list(props), "properties": props, **lain}


def _json(skema: dict[str, Any], keterangan: str, **lain: Any) -> dict[str, Any]:
    return {"description": keterangan, "content": {"application/json": {"schema": skema}}, **lain}


def _badan(skema: dict[str, Any], wajib: bool = True) -> dict[str, Any]:
    return {"required": wajib, "content": {"application/json": {"schema": skema}}}


def _id(nama: str, keterangan: str) -> dict[str, Any]:
    return {"name": nama, "in": "path", "required": True, "description": keterangan, "schema": N}


def _q(nama: str, skema: dict[str, Any], keterangan: str) -> dict[str, Any]:
    return {"name": nama, "in": "query", "required": False, "description": keterangan, "schema": skema}


P_SIKLUS = _id("siklus_id", "Id siklus instansi token")
P_NO = _id("no", "Nomor langkah (1, 2, ...)")
LOKASI = {"Location": {"description": "Alamat API objek yang dibuat", "schema": S}}


def komponen() -> dict[str, Any]:
    """The component schemas of these operations."""
    berjalan_ringkas = {"oneOf": [{"type": "null"}, _obj({
        "no": N, "kegiatan": S, "peran": DAFTAR_S, "mulai": WAKTU, "tenggat": WAKTU, "terlambat_detik": N_NULL})]}
    dasar_siklus = {
        "id": N, "judul": S, "sop": S, "periode_jenis": {"type": "string", "enum": ["bulan", "triwulan", "tahun"]},
        "periode_ke": N_NULL, "tahun": N, "periode": S,
        "status": {"type": "string", "enum": ["berjalan", "selesai", "dibatalkan"]},
        "dibuat": WAKTU, "selesai": WAKTU, "url": S, "jumlah_langkah": N, "langkah_selesai": N}
    return {
        "Dokumen": _obj({
            "id": N, "slug": S, "judul": S, "status": {"type": "string", "enum": ["konsep", "final"]},
            "perihal": S, "nomor_surat": S_NULL, "siklus_id": N_NULL, "langkah_no": N_NULL, "dibuat": WAKTU,
            "peringatan": DAFTAR_S, "pdf": {"type": "boolean"},
            "url": {"type": "string", "description": "GET: keterangan dokumen ini"},
            "unduh": {"type": "string", "description": "GET: berkas .docx (atau PDF dengan ?format=pdf)"}}),
        "SiklusRingkas": _obj({**dasar_siklus, "berjalan": berjalan_ringkas, "galat": S}),
        "LangkahSiklus": _obj({
            "no": N, "kegiatan": S, "jenis": {"type": "string", "enum": ["proses", "keputusan"]},
            "pelaksana": DAFTAR_S, "peran": DAFTAR_S, "kelengkapan": S, "output": S,
            "mutu_baku": {**S_NULL, "description": "Waktu Mutu Baku, mis. '2 jam'; null bila SOP tidak menetapkan"},
            "status": {"type": "string", "enum": ["menunggu", "berjalan", "selesai", "dikembalikan", "dilewati"]},
            "putaran": N, "mulai": WAKTU, "selesai": WAKTU, "tenggat": WAKTU, "terpakai_detik": N_NULL,
            "total_detik": N_NULL, "terlambat_detik": N_NULL,
            "keputusan": {"type": ["string", "null"], "enum": ["ya", "tidak", None]}, "catatan": S,
            "pelaku": S_NULL, "dokumen_wajib": DAFTAR_S, "dokumen": {"type": "array", "items": _ref("Dokumen")}}),
        "Siklus": _obj({
            **dasar_siklus, "sop_judul": S, "dibuat_oleh": S_NULL,
            "langkah": {"type": "array", "items": _ref("LangkahSiklus")},
            "berjalan": {"oneOf": [{"type": "null"}, _obj({
                "no": N, "jenis": S, "putaran": N, "boleh_tindak": {"type": "boolean"},
                "tujuan": {"type": "object", "additionalProperties": N_NULL,
                           "description": "{ya, tidak} untuk langkah keputusan, {lanjut} lainnya; null: akhir"},
                "dokumen_kurang": DAFTAR_S, "boleh_buat": DAFTAR_S})]},
            "riwayat": {"type": "array", "items": _obj({
                "waktu": WAKTU, "aksi": S, "label": S, "langkah_no": N_NULL, "pengguna": S_NULL, "catatan": S,
                "dokumen_id": N_NULL})},
            "berkas": {"type": "array", "items": _ref("BerkasArsip")},
            "boleh_batal": {"type": "boolean"}, "boleh_berkas": {"type": "boolean"}}),
        "SiklusBaru": _obj({
            "sop": {"type": "string", "description": "Kode SOP"},
            "periode_jenis": {"type": "string", "enum": ["bulan", "triwulan", "tahun"]},
            "periode_ke": {"type": ["integer", "null"], "description": "Bulan 1-12 atau triwulan 1-4"},
            "tahun": {"type": "integer", "minimum": 2000, "maximum": 2100}},
            ["sop", "periode_jenis", "tahun"], additionalProperties=False),
        "HasilLangkah": _obj({
            "siklus": _ref("Siklus"),
            "dokumen": {"oneOf": [{"type": "null"}, _ref("Dokumen")], "description": "Lembar disposisi keputusan"},
            "tanpa_dokumen": {**DAFTAR_S, "description": "Dokumen langkah yang tidak dibuat (dikonfirmasi)"},
            "peringatan": DAFTAR_S}),
        "BerkasArsip": _obj({"id": N, "siklus_id": N, "kode": S, "sha256": S, "ukuran": N, "dibuat": WAKTU,
                             "peringatan": DAFTAR_S, "unduh": S}),
        "TugasBerkas": _obj({
            "id": S, "siklus_id": N,
            "status": {"type": "string", "enum": ["menunggu", "berjalan", "selesai", "gagal", "dibatalkan"]},
            "persen": N, "pesan": S, "fields": {"type": "object", "additionalProperties": S},
            "berkas": {"oneOf": [{"type": "null"}, _ref("BerkasArsip")]}, "url": S}),
        "SeriNomor": _obj({"kode": S, "pola": S, "kode_klasifikasi": S, "kode_unit": S, "contoh": S}),
        "NomorSurat": _obj({
            "id": N, "nomor": S, "seri": S_NULL, "tahun": N, "urut": N, "sisipan": S,
            "tanggal": {"type": "string", "format": "date"}, "hal": S, "tujuan": S,
            "status": {"type": "string", "enum": ["dipakai", "batal"]}, "keterangan": S, "alasan_batal": S,
            "dokumen_id": N_NULL, "dibuat_oleh": S_NULL, "dibuat": WAKTU, "dibatalkan": WAKTU,
            "catatan": {"type": "string", "description": "Hanya saat diambil: mengapa nomor sisipan diberikan"}},
            ["id", "nomor", "seri", "tahun", "urut", "sisipan", "tanggal", "hal", "tujuan", "status", "keterangan",
             "alasan_batal", "dokumen_id", "dibuat_oleh", "dibuat", "dibatalkan"]),
    }


def _langkah_dokumen(jenis: documents.JenisDokumen, galat: Galat) -> dict[str, Any]:
    return {
        "operationId": "buatLangkah" + "".join(b.capitalize() for b in jenis.slug.split("-")),
        "summary": f"Buat {jenis.judul} untuk langkah siklus; kembalikan keterangan dokumennya",
        "description": "Badannya sama dengan `POST /dokumen/{slug}`; isian yang dapat diambil dari siklus dan "
                       "instansi boleh dihilangkan (422 menyebut yang masih harus diisi). PDF dibuat bila server "
                       "mengaktifkannya.",
        "tags": ["siklus"], "parameters": [P_SIKLUS, P_NO],
        "requestBody": _badan(_ref(f"MasukanLangkah.{jenis.slug}")),
        "responses": {"201": _json(_ref("Dokumen"), "Dokumen tersimpan, tertaut ke langkah", headers=LOKASI),
                      **galat("401", "403", "404", "405", "413", "422", "503", "507")},
    }


def masukan_langkah(komponen_: dict[str, Any]) -> None:
    """`MasukanLangkah.<slug>`: a type's input for a cycle step, nothing required (the cycle fills what it knows)."""
    for j in documents.semua():
        s = copy.deepcopy(komponen_[f"Masukan.{j.slug}"])
        s.pop("required", None)
        komponen_[f"MasukanLangkah.{j.slug}"] = s


def jalur(galat: Galat, nama_kinerja: str) -> dict[str, Any]:
    """The paths of these operations."""
    siklus_aksi = {"200": _json(_ref("HasilLangkah"), "Tercatat; siklus sesudahnya"),
                   **galat("401", "403", "404", "405", "409", "413", "422")}
    langkah_dokumen = {f"/siklus/{{siklus_id}}/langkah/{{no}}/dokumen/{j.slug}": {"post": _langkah_dokumen(j, galat)}
                       for j in documents.semua()}
    p_dokumen = _id("dokumen_id", "Id dokumen")
    p_tahun = _id("tahun", "Tahun data kinerja")
    p_format = _q("format", {"type": "string", "enum": ["docx", "pdf"], "default": "docx"}, "Bentuk berkas")
    biner = {"schema": {"type": "string", "format": "binary"}}
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return {
        "/dokumen/{dokumen_id}": {"get": {
            "operationId": "lihatDokumen", "summary": "Keterangan dokumen tersimpan", "tags": ["dokumen"],
            "parameters": [p_dokumen],
            "responses": {"200": _json(_ref("Dokumen"), "Dokumen"), **galat("401", "404", "405")}}},
        "/dokumen/{dokumen_id}/unduh": {"get": {
            "operationId": "unduhDokumen", "summary": "Berkas dokumen tersimpan (.docx, atau PDF)", "tags": ["dokumen"],
            "parameters": [p_dokumen, p_format],
            "responses": {"200": {"description": "Berkas sebagai lampiran", "content": {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": biner,
                "application/pdf": biner}}, **galat("400", "401", "404", "405", "422")}}},
        "/siklus": {
            "get": {"operationId": "daftarSiklus", "summary": "Siklus instansi, terbaru dahulu", "tags": ["siklus"],
                    "parameters": [_q("status", {"type": "string", "enum": ["berjalan", "selesai", "dibatalkan"]},
                                      "Hanya siklus berstatus ini"),
                                   _q("tahun", {"type": "integer", "minimum": 1}, "Hanya siklus tahun ini")],
                    "responses": {"200": _json(_obj({"siklus": {"type": "array", "items": _ref("SiklusRingkas")}}),
                                               "Daftar siklus"), **galat("400", "401", "405", "422")}},
            "post": {"operationId": "mulaiSiklus", "summary": "Mulai siklus SOP untuk satu periode",
                     "tags": ["siklus"], "requestBody": _badan(_ref("SiklusBaru")),
                     "responses": {"201": _json(_ref("Siklus"), "Siklus dimulai; langkah 1 berjalan", headers=LOKASI),
                                   **galat("401", "403", "405", "413", "422")}}},
        "/siklus/{siklus_id}": {"get": {
            "operationId": "lihatSiklus", "summary": "Siklus dengan langkah, tenggat, dokumen, riwayat dan berkasnya",
            "tags": ["siklus"], "parameters": [P_SIKLUS],
            "responses": {"200": _json(_ref("Siklus"), "Siklus"), **galat("401", "404", "405", "422")}}},
        **langkah_dokumen,
        "/siklus/{siklus_id}/langkah/{no}/selesai": {"post": {
            "operationId": "selesaikanLangkah", "summary": "Selesaikan langkah proses yang berjalan",
            "description": "409 bila langkah tidak lagi berjalan atau sudah dijalankan ulang sejak `putaran`. "
                           "Selama dokumen langkah belum dibuat tidak ada yang berubah (422 pada `konfirmasi`), "
                           "kecuali `konfirmasi` true.",
            "tags": ["siklus"], "parameters": [P_SIKLUS, P_NO],
            "requestBody": _badan(_obj({"catatan": S, "putaran": N_NULL, "konfirmasi": {"type": "boolean"}}, [],
                                       additionalProperties=False), wajib=False),
            "responses": siklus_aksi}},
        "/siklus/{siklus_id}/langkah/{no}/keputusan": {"post": {
            "operationId": "putuskanLangkah", "summary": "Putuskan langkah keputusan: YA lanjut, TIDAK kembali",
            "description": "Catatan wajib bila TIDAK. Lembar disposisi dibuat dan dikembalikan sebagai `dokumen`.",
            "tags": ["siklus"], "parameters": [P_SIKLUS, P_NO],
            "requestBody": _badan(_obj({"keputusan": {"type": "string", "enum": ["ya", "tidak", "YA", "TIDAK"]},
                                        "catatan": S, "putaran": N_NULL}, ["keputusan"],
                                       additionalProperties=False)),
            "responses": siklus_aksi}},
        "/siklus/{siklus_id}/batal": {"post": {
            "operationId": "batalkanSiklus", "summary": "Batalkan siklus yang berjalan dengan alasannya",
            "tags": ["siklus"], "parameters": [P_SIKLUS],
            "requestBody": _badan(_obj({"alasan": S}, ["alasan"], additionalProperties=False)),
            "responses": {"200": _json(_ref("Siklus"), "Siklus dibatalkan"),
                          **galat("401", "403", "404", "405", "409", "413", "422")}}},
        "/siklus/{siklus_id}/berkas": {"post": {
            "operationId": "susunBerkas", "summary": "Susun berkas arsip siklus (tugas latar)", "tags": ["berkas"],
            "parameters": [P_SIKLUS],
            "responses": {"202": _json(_ref("TugasBerkas"), "Tugas dimulai; ikuti `url`", headers=LOKASI),
                          **galat("401", "403", "404", "405", "422", "503")}}},
        "/berkas": {"get": {
            "operationId": "daftarBerkas", "summary": "Berkas arsip instansi, terbaru dahulu", "tags": ["berkas"],
            "parameters": [_q("siklus", {"type": "integer", "minimum": 1}, "Hanya berkas siklus ini")],
            "responses": {"200": _json(_obj({"berkas": {"type": "array", "items": _ref("BerkasArsip")}}),
                                       "Daftar berkas"), **galat("400", "401", "404", "405", "422")}}},
        "/berkas/tugas/{tugas_id}": {"get": {
            "operationId": "statusTugasBerkas", "summary": "Kemajuan tugas penyusunan berkas (hanya pemulainya)",
            "tags": ["berkas"], "parameters": [{"name": "tugas_id", "in": "path", "required": True, "schema": S}],
            "responses": {"200": _json(_ref("TugasBerkas"), "Tugas"), **galat("400", "401", "404", "405")}}},
        "/berkas/tugas/{tugas_id}/batal": {"post": {
            "operationId": "batalkanTugasBerkas", "summary": "Minta tugas penyusunan berkas berhenti",
            "tags": ["berkas"], "parameters": [{"name": "tugas_id", "in": "path", "required": True, "schema": S}],
            "responses": {"200": _json(_ref("TugasBerkas"), "Tugas sesudah permintaan"),
                          **galat("400", "401", "404", "405")}}},
        "/berkas/{berkas_id}/unduh": {"get": {
            "operationId": "unduhBerkas", "summary": "ZIP berkas arsip", "tags": ["berkas"],
            "parameters": [_id("berkas_id", "Id berkas arsip")],
            "responses": {"200": {"description": "ZIP", "content": {"application/zip": biner}},
                          **galat("401", "404", "405")}}},
        "/kinerja": {"get": {
            "operationId": "daftarTahunKinerja", "summary": "Tahun yang punya data kinerja, terbaru dahulu",
            "tags": ["kinerja"],
            "responses": {"200": _json(_obj({"tahun": {"type": "array", "items": N}}), "Tahun"),
                          **galat("401", "403", "405")}}},
        "/kinerja/{tahun}": {
            "get": {"operationId": "lihatKinerja", "summary": "Data kinerja satu tahun (DataKinerja)",
                    "tags": ["kinerja"], "parameters": [p_tahun],
                    "responses": {"200": _json(_ref(nama_kinerja), "DataKinerja"),
                                  **galat("401", "403", "404", "405")}},
            "put": {"operationId": "gantiKinerja", "summary": "Simpan data kinerja satu tahun (mengganti isinya)",
                    "description": "Diperiksa utuh seperti unggahan di halaman Rencana; paling besar 2 MB. `tahun` "
                                   "badan boleh dihilangkan, bila ada harus sama dengan alamat.",
                    "tags": ["kinerja"], "parameters": [p_tahun], "requestBody": _badan(_ref(nama_kinerja)),
                    "responses": {"200": _json(_ref(nama_kinerja), "Tahun diganti"),
                                  "201": _json(_ref(nama_kinerja), "Tahun baru disimpan"),
                                  **galat("401", "403", "404", "405", "413", "422")}}},
        "/kinerja/{tahun}/capaian": {"get": {
            "operationId": "capaianTahun", "summary": "Tabel capaian data tersimpan (seperti halaman Capaian)",
            "tags": ["kinerja"],
            "parameters": [p_tahun, _q("triwulan", {"type": "string", "enum": ["1", "2", "3", "4"]},
                                       "Sampai triwulan ini (bawaan: triwulan data)")],
            "responses": {"200": _json(_obj({
                "tahun": N, "triwulan": N_NULL, "unit": S_NULL,
                "baris": {"type": "array", "items": _obj({
                    "kode_sasaran": S, "sasaran": S, "kode": S, "indikator": S, "satuan": S, "target": S,
                    "tw": DAFTAR_S, "realisasi": S, "capaian": S, "predikat": S, "keterangan": S})}}),
                "Baris per indikator"),
                **galat("400", "401", "403", "404", "405", "422")}}},
        "/nomor": {
            "get": {"operationId": "daftarNomor", "summary": "Register nomor surat satu tahun", "tags": ["nomor"],
                    "parameters": [_q("tahun", {"type": "integer", "minimum": 1}, "Bawaan: tahun terakhir"),
                                   _q("seri", S, "Kode seri"),
                                   _q("status", {"type": "string", "enum": ["dipakai", "batal"]}, "Status")],
                    "responses": {"200": _json(_obj({
                        "tahun": N, "tahun_ada": {"type": "array", "items": N},
                        "seri": {"type": "array", "items": _ref("SeriNomor")},
                        "nomor": {"type": "array", "items": _ref("NomorSurat")}}), "Register"),
                        **galat("400", "401", "403", "405", "422")}},
            "post": {"operationId": "ambilNomor", "summary": "Ambil nomor untuk surat yang dibuat di luar docgen",
                     "tags": ["nomor"],
                     "requestBody": _badan(_obj({
                         "seri": S, "tanggal": {"type": "string", "format": "date"}, "hal": S, "tujuan": S,
                         "cara": {"type": "string", "enum": ["otomatis", "biasa", "sisip"], "default": "otomatis"}},
                         ["seri", "tanggal", "hal"], additionalProperties=False)),
                     "responses": {"201": _json(_ref("NomorSurat"), "Nomor diberikan"),
                                   **galat("401", "403", "405", "413", "422", "503")}}},
        "/nomor/{nomor_id}/batal": {"post": {
            "operationId": "batalkanNomor", "summary": "Batalkan nomor dengan alasannya (tetap tercatat)",
            "tags": ["nomor"], "parameters": [_id("nomor_id", "Id baris register")],
            "requestBody": _badan(_obj({"alasan": S}, ["alasan"], additionalProperties=False)),
            "responses": {"200": _json(_ref("NomorSurat"), "Nomor dibatalkan"),
                          **galat("401", "403", "404", "405", "409", "413", "422")}}},
        "/nomor/ekspor": {"get": {
            "operationId": "eksporNomor", "summary": "Buku agenda surat keluar satu tahun (.xlsx)", "tags": ["nomor"],
            "parameters": [_q("tahun", {"type": "integer", "minimum": 1}, "Bawaan: tahun terakhir"),
                           _q("seri", S, "Kode seri")],
            "responses": {"200": {"description": "Lembar kerja", "content": {xlsx: biner}},
                          **galat("400", "401", "403", "404", "405", "422")}}},
        "/nomor/seri": {"post": {
            "operationId": "tambahSeri", "summary": "Tambah seri nomor (admin)", "tags": ["nomor"],
            "requestBody": _badan(_obj({"kode": S, "pola": S, "kode_klasifikasi": S, "kode_unit": S},
                                       ["kode", "pola"], additionalProperties=False)),
            "responses": {"201": _json(_ref("SeriNomor"), "Seri ditambahkan"),
                          **galat("401", "403", "405", "413", "422")}}},
    }
