"""Changing a cycle: start it, finish a process step, decide a YA/TIDAK step (with its lembar disposisi), cancel it.

Every change is one conditional UPDATE on the step or cycle as the user saw it, so two people pressing at once
cannot both succeed (SiklusBentrok, 409). No request code: views pass the user and `sekarang`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select, update

from docgen import documents
from docgen.errors import DocgenError, InputTidakValid, TidakDitemukan
from docgen.sop import DefinisiSOP
from web.inti import peran, waktu
from web.inti.db import sesi
from web.inti.models import Dokumen, LangkahSiklus, Pengguna, RiwayatSiklus, Siklus
from web.layanan import audit, disposisi, dokumen, pemberitahuan, sop
from web.layanan.siklus import (
    LABEL_STATUS,
    Pengembalian,
    boleh_bertindak,
    definisi,
    dokumen_siklus,
    judul_siklus,
    langkah_siklus,
    peran_langkah,
)

BATAS_CATATAN = 5000


class SiklusBentrok(DocgenError):
    """The step or cycle is no longer in the state the user saw (already done, or done by someone else)."""

    status = 409


# -- changing a cycle ------------------------------------------------------------------------------------------


def mulai_siklus(pengguna: Pengguna, *, kode: str, periode_jenis: str, periode_ke: int | None, tahun: int | None,
                 sekarang: dt.datetime, peringatan: list[str] | None = None) -> Siklus:
    """Start a cycle of SOP `kode` for a period: copy the definition, one row per step, step 1 running; e-mail
    the users of step 1 (a failure to send is added to `peringatan`).

    Raises DocgenError 403 for a role that may not start cycles, InputTidakValid naming the field otherwise."""
    if not peran.boleh(pengguna.peran, peran.Aksi.MULAI_SIKLUS):
        raise DocgenError("Peran Anda tidak berwenang memulai siklus.", status=403)
    galat: dict[str, str] = {}
    d: DefinisiSOP | None = None
    try:
        tersedia = sop.dapatkan(pengguna.instansi_id, kode)
    except TidakDitemukan:
        galat["sop"] = "pilih salah satu SOP yang tersedia"
    else:
        d = tersedia.definisi
        if d is None:
            galat["sop"] = "definisi SOP ini tidak sah; perbaiki dahulu di halaman SOP"
    if d is not None and periode_jenis not in d.periode:
        galat["periode_jenis"] = f"SOP ini dijalankan per {', '.join(d.periode)}"
    elif periode_jenis == "bulan" and not (periode_ke and 1 <= periode_ke <= 12):
        galat["periode_ke"] = "pilih bulan 1 s.d. 12"
    elif periode_jenis == "triwulan" and not (periode_ke and 1 <= periode_ke <= 4):
        galat["periode_ke"] = "pilih triwulan I s.d. IV"
    elif periode_jenis not in ("bulan", "triwulan", "tahun"):
        galat["periode_jenis"] = "pilih bulan, triwulan atau tahun"
    if tahun is None or not 2000 <= tahun <= 2100:
        galat["tahun"] = "tahun harus antara 2000 dan 2100"
    if galat or d is None or tahun is None:
        raise InputTidakValid(f"Siklus belum dapat dimulai: {len(galat)} isian perlu diperbaiki", fields=galat)
    ke = periode_ke if periode_jenis in ("bulan", "triwulan") else None
    db = sesi()
    ada = db.scalar(select(Siklus).where(Siklus.instansi_id == pengguna.instansi_id, Siklus.sop_kode == d.kode,
                                         Siklus.periode_jenis == periode_jenis, Siklus.tahun == tahun,
                                         Siklus.periode_ke.is_(None) if ke is None else Siklus.periode_ke == ke,
                                         Siklus.status != "dibatalkan"))
    if ada is not None:
        raise InputTidakValid("Siklus untuk periode ini sudah ada", fields={
            "sop": f"siklus '{ada.judul}' (#{ada.id}) sudah ada; buka siklus itu atau batalkan dahulu"})
    sekarang = waktu.utc(sekarang)
    s = Siklus(instansi_id=pengguna.instansi_id, sop_kode=d.kode, definisi=d.model_dump(mode="json"),
               judul=judul_siklus(d.judul, periode_jenis, ke, tahun), periode_jenis=periode_jenis, tahun=tahun,
               periode_ke=ke, status="berjalan", dibuat_oleh=pengguna.id, dibuat=sekarang)
    for no in range(1, len(d.langkah) + 1):
        pertama = no == 1
        s.langkah.append(LangkahSiklus(no=no, status="berjalan" if pertama else "menunggu",
                                       mulai=sekarang if pertama else None, putaran=1 if pertama else 0,
                                       detik_terpakai=0, catatan=""))
    db.add(s)
    db.flush()
    db.add(RiwayatSiklus(siklus_id=s.id, langkah_no=None, aksi="dimulai", pengguna_id=pengguna.id, waktu=sekarang,
                         catatan=""))
    db.commit()
    audit.catat("siklus.mulai", "siklus", s.id, {"sop": d.kode, "judul": s.judul}, pengguna=pengguna)
    masalah = pemberitahuan.kabari_langkah(s, 1, pelaku=pengguna)
    if peringatan is not None:
        peringatan.extend(masalah)
    return s


def _catatan(teks: str | None) -> str:
    teks = (teks or "").replace("\r\n", "\n").strip()
    if len(teks) > BATAS_CATATAN:
        raise InputTidakValid("Catatan terlalu panjang",
                              fields={"catatan": f"terlalu panjang (paling banyak {BATAS_CATATAN} karakter)"})
    return teks


def _periksa_giliran(pengguna: Pengguna, s: Siklus, d: DefinisiSOP, b: LangkahSiklus, putaran: int | None) -> None:
    """Raise SiklusBentrok (409) unless the step is the running one (in the round the user saw), 403 for a role
    that does not act on it."""
    if s.status != "berjalan":
        raise SiklusBentrok(f"Siklus ini sudah {LABEL_STATUS.get(s.status, s.status).lower()}; "
                            f"langkahnya tidak dapat diproses lagi.")
    if b.status != "berjalan":
        raise SiklusBentrok(f"Langkah {b.no} tidak sedang berjalan (status: {LABEL_STATUS.get(b.status, b.status)}); "
                            f"mungkin sudah diproses. Muat ulang halaman siklus.")
    if putaran is not None and putaran != b.putaran:
        raise SiklusBentrok(f"Langkah {b.no} sudah diproses dan dijalankan ulang sejak halaman ini dibuka. "
                            f"Muat ulang halaman siklus.")
    if not boleh_bertindak(pengguna, d, b.no):
        siapa = ", ".join(peran.LABEL_PERAN.get(r, r) for r in peran_langkah(d, b.no)) or peran.LABEL_PERAN["admin"]
        raise DocgenError(f"Langkah {b.no} dikerjakan oleh {siapa}; peran Anda tidak dapat memprosesnya.", status=403)


def _klaim(b: LangkahSiklus, status_baru: str, pengguna: Pengguna, sekarang: dt.datetime, *, catatan: str,
           keputusan: str | None = None) -> None:
    """Finish the running round of step `b` in one conditional UPDATE (the step must still be running in the
    same round), so two people pressing at once cannot both succeed. Raises SiklusBentrok."""
    db = sesi()
    detik = int(max((sekarang - waktu.utc(b.mulai)).total_seconds(), 0)) if b.mulai else 0
    r = db.execute(
        update(LangkahSiklus)
        .where(LangkahSiklus.id == b.id, LangkahSiklus.status == "berjalan", LangkahSiklus.putaran == b.putaran)
        .values(status=status_baru, selesai=sekarang, keputusan=keputusan, catatan=catatan, pelaku_id=pengguna.id,
                detik_terpakai=LangkahSiklus.detik_terpakai + detik)
        .execution_options(synchronize_session=False))
    if r.rowcount != 1:  # type: ignore[attr-defined]
        db.rollback()
        raise SiklusBentrok(f"Langkah {b.no} baru saja diproses oleh pengguna lain. Muat ulang halaman siklus.")
    db.refresh(b)


def _pindah(s: Siklus, dari: int, ke: int | None, pengguna: Pengguna, sekarang: dt.datetime) -> None:
    """Move the cycle from step `dari` to step `ke` (None: the cycle is finished).

    Going back resets the steps in between to menunggu; jumping forward marks them dilewati."""
    langkah = {b.no: b for b in s.langkah}
    if ke is None:
        for b in langkah.values():
            if b.status == "menunggu":
                b.status = "dilewati"
        s.status = "selesai"
        s.selesai = sekarang
        sesi().add(RiwayatSiklus(siklus_id=s.id, langkah_no=None, aksi="siklus_selesai", pengguna_id=pengguna.id,
                                 waktu=sekarang, catatan=""))
        return
    if ke <= dari:
        for n in range(ke + 1, dari):
            b = langkah[n]
            b.status, b.mulai, b.selesai, b.keputusan = "menunggu", None, None, None
    else:
        for n in range(dari + 1, ke):
            if langkah[n].status == "menunggu":
                langkah[n].status = "dilewati"
    t = langkah[ke]
    t.status, t.mulai, t.selesai, t.keputusan, t.catatan = "berjalan", sekarang, None, None, ""
    t.putaran = (t.putaran or 0) + 1


def _kabari(s: Siklus, pelaku: Pengguna, kembali: Pengembalian | None = None) -> list[str]:
    """After the commit: e-mail the users of the step now running (web.layanan.pemberitahuan); the warnings."""
    if s.status != "berjalan":
        return []
    no = next((b.no for b in s.langkah if b.status == "berjalan"), None)
    return pemberitahuan.kabari_langkah(s, no, pelaku=pelaku, kembali=kembali)


@dataclass
class HasilAksi:
    """What an action did: whether it was recorded, documents still missing, the disposisi made, warnings."""

    tercatat: bool = True
    kurang: list[str] = field(default_factory=list)  # slugs of the step's documents not made in this round
    dokumen: Dokumen | None = None
    peringatan: list[str] = field(default_factory=list)


def dokumen_kurang(s: Siklus, d: DefinisiSOP, b: LangkahSiklus) -> list[str]:
    """The step's document types with no document made for it since this round started."""
    mulai = waktu.utc(b.mulai) if b.mulai else None
    ada = {dok.slug for dok in dokumen_siklus(s)
           if dok.langkah_no == b.no and (mulai is None or waktu.utc(dok.dibuat) >= mulai)}
    return [slug for slug in d.langkah[b.no - 1].dokumen if slug not in ada]


def judul_jenis(slug: str) -> str:
    """A document type's title (its slug when the type is unknown)."""
    try:
        return documents.dapatkan(slug).judul
    except TidakDitemukan:
        return slug


def selesaikan_langkah(pengguna: Pengguna, s: Siklus, no: int, *, catatan: str = "", putaran: int | None = None,
                       konfirmasi: bool = False, sekarang: dt.datetime) -> HasilAksi:
    """Finish a process step and start the next one (or finish the cycle).

    Without `konfirmasi`, nothing changes while the step's documents are not made yet (HasilAksi.kurang).
    Raises SiklusBentrok (409), DocgenError 403, InputTidakValid."""
    sekarang = waktu.utc(sekarang)
    d = definisi(s)
    b = langkah_siklus(s, no)
    if d.langkah[no - 1].jenis == "keputusan":
        raise InputTidakValid(f"Langkah {no} adalah langkah keputusan: pilih Setujui (YA) atau Kembalikan (TIDAK).",
                              fields={"keputusan": "pilih YA atau TIDAK"})
    _periksa_giliran(pengguna, s, d, b, putaran)
    catatan = _catatan(catatan)
    kurang = dokumen_kurang(s, d, b)
    if kurang and not konfirmasi:
        return HasilAksi(tercatat=False, kurang=kurang)
    _klaim(b, "selesai", pengguna, sekarang, catatan=catatan)
    if kurang:
        judul = ", ".join(judul_jenis(slug) for slug in kurang)
        catatan = f"{catatan}\n[Diselesaikan tanpa dokumen: {judul}]".strip()
    sesi().add(RiwayatSiklus(siklus_id=s.id, langkah_no=no, aksi="selesai", pengguna_id=pengguna.id,
                             waktu=sekarang, catatan=catatan))
    _pindah(s, no, d.langkah_berikut(no), pengguna, sekarang)
    sesi().commit()
    audit.catat("siklus.langkah", "siklus", s.id, {"langkah": no, "catatan": catatan}, pengguna=pengguna)
    return HasilAksi(kurang=kurang, peringatan=_kabari(s, pengguna))


def putuskan(pengguna: Pengguna, s: Siklus, no: int, keputusan: str, catatan: str = "", *,
             putaran: int | None = None, sekarang: dt.datetime) -> HasilAksi:
    """Record a decision step: YA moves on, TIDAK (a note is required) goes back to the step the SOP names.

    A lembar disposisi with the note is generated and linked to the step; when it cannot be made the decision is
    still recorded, with a warning. Raises SiklusBentrok (409), DocgenError 403, InputTidakValid naming the field."""
    sekarang = waktu.utc(sekarang)
    d = definisi(s)
    b = langkah_siklus(s, no)
    lk = d.langkah[no - 1]
    if lk.jenis != "keputusan":
        raise InputTidakValid(f"Langkah {no} bukan langkah keputusan; selesaikan langkahnya.",
                              fields={"keputusan": "langkah ini bukan langkah keputusan"})
    if keputusan not in ("ya", "tidak"):
        raise InputTidakValid("Pilih keputusan", fields={"keputusan": "pilih Setujui (YA) atau Kembalikan (TIDAK)"})
    _periksa_giliran(pengguna, s, d, b, putaran)
    catatan = _catatan(catatan)
    if keputusan == "tidak" and not catatan:
        raise InputTidakValid("Catatan wajib diisi bila dikembalikan", fields={
            "catatan": "wajib diisi bila dikembalikan: tulis apa yang harus dilengkapi atau diperbaiki"})
    ke = d.langkah_berikut(no, keputusan)
    _klaim(b, "selesai" if keputusan == "ya" else "dikembalikan", pengguna, sekarang, catatan=catatan,
           keputusan=keputusan)
    riwayat = RiwayatSiklus(siklus_id=s.id, langkah_no=no, aksi="disetujui" if keputusan == "ya" else "dikembalikan",
                            pengguna_id=pengguna.id, waktu=sekarang, catatan=catatan)
    sesi().add(riwayat)
    _pindah(s, no, ke, pengguna, sekarang)
    hasil = HasilAksi()
    kembali = None
    if keputusan == "tidak":
        kembali = Pengembalian(dari=no, catatan=catatan, oleh=pengguna.nama or pengguna.username, waktu=sekarang)
    data = disposisi.data_disposisi(pengguna, s, d, no, keputusan, catatan, ke, sekarang=sekarang)
    try:
        # Commits the decision together with the slip (.docx only: the PDF is made after the commit).
        dok = dokumen.buat_dokumen(pengguna, disposisi.SLUG, data, pdf=False, siklus_id=s.id, langkah_no=no,
                                   periksa_peran=False, dalam_transaksi=True)
    except DocgenError as e:
        sesi().commit()  # the decision stands without its slip
        audit.catat("siklus.keputusan", "siklus", s.id, {"langkah": no, "keputusan": keputusan, "catatan": catatan},
                    pengguna=pengguna)
        hasil.peringatan += _kabari(s, pengguna, kembali)
        hasil.peringatan.append(f"Keputusan tercatat, tetapi lembar disposisi tidak dapat dibuat: {e.pesan} "
                                f"{'; '.join(e.lines()) if e.fields else ''}".strip())
        return hasil
    riwayat.dokumen_id = dok.id
    sesi().commit()
    audit.catat("siklus.keputusan", "siklus", s.id, {"langkah": no, "keputusan": keputusan, "catatan": catatan,
                                                     "disposisi": dok.id}, pengguna=pengguna)
    hasil.dokumen = dok
    hasil.peringatan += _kabari(s, pengguna, kembali)
    masalah = disposisi.buat_pdf_susulan(dok)
    if masalah:
        hasil.peringatan.append(masalah)
    return hasil


def batalkan_siklus(pengguna: Pengguna, s: Siklus, catatan: str, *, sekarang: dt.datetime) -> None:
    """Cancel a running cycle (admin, kepala, or whoever started it); the reason is required.

    Raises DocgenError 403, SiklusBentrok (409), InputTidakValid."""
    if not peran.boleh_batalkan_siklus(pengguna, s.dibuat_oleh):
        raise DocgenError("Hanya administrator, kepala, atau yang memulai siklus yang dapat membatalkannya.",
                          status=403)
    catatan = _catatan(catatan)
    if not catatan:
        raise InputTidakValid("Alasan pembatalan wajib diisi", fields={"catatan": "wajib diisi: alasan pembatalan"})
    sekarang = waktu.utc(sekarang)
    db = sesi()
    r = db.execute(update(Siklus).where(Siklus.id == s.id, Siklus.status == "berjalan")
                   .values(status="dibatalkan", selesai=sekarang).execution_options(synchronize_session=False))
    if r.rowcount != 1:  # type: ignore[attr-defined]
        db.rollback()
        raise SiklusBentrok("Siklus ini tidak sedang berjalan; muat ulang halamannya.")
    db.refresh(s)
    for b in s.langkah:
        if b.status == "berjalan":
            if b.mulai:
                b.detik_terpakai += int(max((sekarang - waktu.utc(b.mulai)).total_seconds(), 0))
            b.status, b.selesai = "menunggu", None
    db.add(RiwayatSiklus(siklus_id=s.id, langkah_no=None, aksi="dibatalkan", pengguna_id=pengguna.id, waktu=sekarang,
                         catatan=catatan))
    db.commit()
    audit.catat("siklus.batal", "siklus", s.id, {"alasan": catatan}, pengguna=pengguna)
