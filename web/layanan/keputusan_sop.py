"""Printing an SOP: a Keputusan Kepala (keputusan-sop) draft prefilled from an SOP definition."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from docgen.errors import DocgenError
from docgen.sop import DefinisiSOP
from web.inti import waktu
from web.inti.db import sesi
from web.inti.models import Pengguna, SeriNomor
from web.layanan import dokumen, sop

SLUG = "keputusan-sop"


def isian_keputusan(p: Pengguna, d: DefinisiSOP, lama: dict[str, Any] | None) -> dict[str, Any]:
    """A keputusan-sop form prefilled from the definition: its SOP block, tentang and menetapkan always; the rest
    (signer, number, considerations, diktum) only where the user's draft `lama` has nothing yet."""
    inst = p.instansi
    pejabat = [pj.data for pj in inst.pejabat]
    kepala = pejabat[0] if pejabat else {}
    penetap = str(kepala.get("jabatan") or "Kepala")
    nama_instansi = str((inst.profil or {}).get("nama") or inst.nama)
    sop_teks = f"Standar Operasional Prosedur (SOP) {d.judul}"
    awal: dict[str, Any] = {
        "tanggal": waktu.hari_ini(inst).isoformat(),
        "penetap": penetap,
        "menimbang": [
            f"bahwa untuk kejelasan alur tata kerja dan tertib pelaksanaan {d.judul} pada {nama_instansi}, "
            f"perlu disusun {sop_teks};",
            f"bahwa berdasarkan pertimbangan sebagaimana dimaksud pada huruf a, perlu menetapkan Keputusan "
            f"{penetap} tentang {sop_teks};",
        ],
        "mengingat": list(d.dasar_hukum),
        "diktum": [
            {"isi": f"Menetapkan {sop_teks} {nama_instansi} sebagaimana tercantum dalam Lampiran yang merupakan "
                    f"bagian tidak terpisahkan dari Keputusan ini.", "rincian": []},
            {"isi": "Keputusan ini mulai berlaku pada tanggal ditetapkan.", "rincian": []},
        ],
        "tembusan": [],
    }
    if kepala:
        awal["penandatangan"] = dict(kepala)
    seri = sesi().scalar(select(SeriNomor).where(SeriNomor.instansi_id == inst.id,
                                                 SeriNomor.kode.in_(("keputusan-sop", "keputusan")))
                         .order_by(SeriNomor.kode.desc()))
    if seri is not None:
        awal["nomor"] = {"pola": seri.pola, "kode_klasifikasi": seri.kode_klasifikasi, "kode_unit": seri.kode_unit}
    isian = dict(lama or {})
    for k, v in awal.items():
        if not _ada_isi(isian.get(k)):
            isian[k] = v
    isian["tentang"] = f"{sop_teks} {nama_instansi}"
    isian["menetapkan"] = f"{sop_teks} {nama_instansi}.".upper()
    isian["sop"] = d.identitas()
    return isian


def _ada_isi(v: Any) -> bool:
    if isinstance(v, dict):
        return any(_ada_isi(x) for x in v.values())
    if isinstance(v, list):
        return any(_ada_isi(x) for x in v)
    return v not in (None, "", False)


def cetak(pengguna: Pengguna, kode: str, *, asli: bool = False) -> sop.SOPTersedia:
    """Fill the user's keputusan-sop draft from SOP `kode` (the built-in one with `asli`); return the SOP.

    Raises TidakDitemukan (404), DocgenError 403 (the role may not make the type), 422 (the definition is not valid)."""
    dokumen.jenis_boleh(pengguna, SLUG)
    t = sop.dapatkan(pengguna.instansi_id, kode, asli=asli)
    if t.definisi is None:
        raise DocgenError("Definisi SOP ini tidak sah; perbaiki dahulu sebelum dicetak.", status=422)
    lama = dokumen.draf(pengguna, SLUG)
    dokumen.simpan_draf(pengguna, SLUG, isian_keputusan(pengguna, t.definisi, lama.data if lama else None))
    return t
