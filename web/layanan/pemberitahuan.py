"""Work finds its people: e-mail to the users whose role acts on a cycle step that starts waiting (a cycle
started, the next step after a finish or a YA) or that comes back (a TIDAK decision, with its note).

Called after the action's commit. Sending never undoes or breaks the action: a failure is logged, recorded in the
audit log (surel.gagal) and returned as a warning for the page. Off when SMTP_HOST is unset (web.layanan.surel).
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from docgen.errors import DocgenError
from web.inti import alamat, peran, waktu
from web.inti.db import sesi
from web.inti.models import Instansi, Pengguna, Siklus
from web.layanan import audit, surel
from web.layanan.siklus import Pengembalian, baku, definisi, langkah_siklus, peran_langkah, tenggat

log = logging.getLogger(__name__)


def penerima(s: Siklus, no: int) -> list[Pengguna]:
    """The agency's active users with an e-mail address whose role acts on step `no` (a step mapped to no role:
    the roles that act on every step)."""
    d = definisi(s)
    roles = peran_langkah(d, no) or sorted(peran.peran_untuk(peran.Aksi.TINDAK_SEMUA_LANGKAH))
    return list(sesi().scalars(select(Pengguna).where(
        Pengguna.instansi_id == s.instansi_id, Pengguna.aktif == 1, Pengguna.surel != "",
        Pengguna.peran.in_(roles)).order_by(Pengguna.username)))


def tautan_siklus(s: Siklus) -> str:
    """The address of the cycle's page (the app's public base, URL_VERIFIKASI), or '' when none is set."""
    dasar = alamat.url_dasar()
    return f"{dasar}/siklus/{s.id}#tindakan" if dasar else ""


def surat_langkah(s: Siklus, no: int, tujuan: Pengguna, kembali: Pengembalian | None = None) -> surel.Surat:
    """The message telling `tujuan` that step `no` waits for them (or came back to them, with the note)."""
    d = definisi(s)
    lk = d.langkah[no - 1]
    b = langkah_siklus(s, no)
    inst = sesi().get(Instansi, s.instansi_id)
    nama = tujuan.nama or tujuan.username
    if kembali is not None:
        judul = f"[docgen] Langkah {no} dikembalikan: {s.judul}"
        pembuka = (f"Langkah {no} siklus \"{s.judul}\" dikembalikan kepada Anda untuk dilengkapi "
                   f"(putaran ke-{b.putaran}).")
    else:
        judul = f"[docgen] Langkah {no} menunggu tindakan Anda: {s.judul}"
        pembuka = f"Langkah {no} siklus \"{s.judul}\" menunggu tindakan Anda."
    baris = [f"Yth. {nama},", "", pembuka, "", f"Kegiatan  : {lk.kegiatan}",
             f"Pelaksana : {', '.join(lk.pelaksana)}"]
    mb = baku(lk)
    if b.mulai is not None:
        baris.append(f"Mulai     : {waktu.teks_waktu(b.mulai, inst)}")
        if mb is not None:
            batas = tenggat(b.mulai, mb, waktu.zona(inst), waktu.kalender(inst))
            baris.append(f"Mutu Baku : {mb}, tenggat {waktu.teks_waktu(batas, inst)}")
    if kembali is not None:
        oleh = f" oleh {kembali.oleh}" if kembali.oleh else ""
        baris += ["", f"Dikembalikan{oleh} pada langkah {kembali.dari} ({waktu.teks_waktu(kembali.waktu, inst)}) "
                      "dengan catatan:", kembali.catatan]
    url = tautan_siklus(s)
    baris += ["", f"Buka siklus: {url}" if url else f"Buka docgen, menu Siklus, siklus #{s.id}."]
    baris += ["", "--", f"Surel ini dikirim otomatis oleh docgen{f' {inst.nama}' if inst else ''}; "
                        "tidak perlu dibalas."]
    return surel.Surat(kepada=tujuan.surel, nama=nama, judul=judul, isi="\n".join(baris) + "\n")


def kabari_langkah(s: Siklus, no: int | None, *, pelaku: Pengguna | None = None,
                   kembali: Pengembalian | None = None) -> list[str]:
    """E-mail the users who act on step `no` that it waits for them (or came back, `kembali`); call after the
    commit. Return warnings for the page ([] when sent, when there is nobody to tell, or when e-mail is off)."""
    atur = surel.pengaturan()
    if atur is None or no is None or s.status != "berjalan":
        return []
    rincian = {"siklus": s.id, "langkah": no, "dikembalikan": kembali is not None}
    try:
        daftar = [surat_langkah(s, no, u, kembali) for u in penerima(s, no)]
        if not daftar:
            return []
        ditolak = surel.kirim(daftar, atur)
    except Exception as e:  # whatever the server or the network does, the action already happened
        sesi().rollback()
        log.exception("surel pemberitahuan siklus %s langkah %s gagal dikirim", s.id, no)
        pesan = e.pesan if isinstance(e, DocgenError) else f"{type(e).__name__}: {e}"
        audit.catat("surel.gagal", "siklus", s.id, {**rincian, "galat": pesan[:500]}, pengguna=pelaku,
                    instansi_id=s.instansi_id)
        return [f"Pemberitahuan surel untuk langkah {no} tidak terkirim ({pesan[:200]}); langkahnya tetap tercatat."]
    terkirim = [x.kepada for x in daftar if x.kepada not in ditolak]
    audit.catat("surel.kirim", "siklus", s.id, {**rincian, "penerima": terkirim,
                                                **({"ditolak": ditolak} if ditolak else {})},
                pengguna=pelaku, instansi_id=s.instansi_id)
    if ditolak:
        return [f"Pemberitahuan surel tidak diterima server untuk {', '.join(sorted(ditolak))}."]
    return []
