"""Backup and restore of a whole installation: every database row and every stored file in one archive.

The archive (.zip, or .tar.gz / .tgz) holds

- `basis-data/NN-<tabel>.json`, one per table in foreign-key order (parents first): `{"tabel", "kolom": [{"nama",
  "jenis"}], "baris": [[...], ...]}`, rows ordered by primary key. Values are plain JSON: `waktu` as ISO 8601 in UTC
  with its offset, `tanggal` as TTTT-BB-HH, `json` as the JSON itself, `biner` as base64, `desimal` as text. The
  same file restores into SQLite and PostgreSQL.
- `berkas/<kunci>`: every stored file (web.inti.penyimpanan) the snapshot's rows refer to (the columns of
  RUJUKAN_BERKAS: logos, agency templates, documents, bundles), under its key; unreferenced files are left out.
- `manifest.json` (written last): format, docgen version, Alembic revision, time made, source dialect, the store's
  folder, per table its file, row count and SHA-256, per file its key, size and SHA-256; `berkas_hilang` and
  `peringatan`: referenced files that were missing when copied.

A backup reads the database in one transaction (PostgreSQL: REPEATABLE READ, read only; SQLite: one BEGIN holding
its read lock), so the rows are one consistent snapshot, and collects the keys they name; those files are copied
afterwards. That is consistent because a referenced file never changes under its key: a replaced logo or template
gets a new key and the old file stays until the sweep (web.layanan.sapu) removes it after a grace period. A file
missing anyway is a warning, never silent. The archive is written to a temporary file beside the target and renamed
when complete.

A restore checks everything before it writes anything: the manifest, that its revision is one this code knows, the
target (empty unless `timpa`), every table's and every file's SHA-256 and size, every key. Then it brings the database
to the backup's revision, writes the files (each atomically), inserts every row in one transaction (deleting the old
rows in that same transaction when `timpa`), sets PostgreSQL's id sequences to the largest id, removes stored files the
backup does not have (`timpa`) and migrates to the newest revision.
"""

from web.cadangan.basis import revisi_terbaru
from web.cadangan.buat import buat_cadangan
from web.cadangan.format import CadanganTidakSah, Ringkasan, TujuanTidakKosong
from web.cadangan.pulih import periksa_cadangan, pulihkan

__all__ = ["CadanganTidakSah", "Ringkasan", "TujuanTidakKosong", "buat_cadangan", "periksa_cadangan", "pulihkan",
           "revisi_terbaru"]
