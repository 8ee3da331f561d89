"""Database tables: agency profile, officials, units, letter series and register, users, tokens, plans, drafts,
documents, SOP definitions, cycles and archive bundles."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def sekarang() -> dt.datetime:
    """Default for time columns: now, in UTC (web.inti.waktu reads them back in the agency's zone)."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Instansi(Base):
    """An agency (OPD); `profil` holds the kop data as the document schemas expect it, and its own days off under
    "hari_libur" (web.inti.waktu.kalender; left out of the kop by web.layanan.instansi.profil_instansi)."""

    __tablename__ = "instansi"
    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(300))
    profil: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    pengaturan_capaian: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    logo: Mapped[str | None] = mapped_column(String(500), nullable=True)
    unit_kerja: Mapped[list[UnitKerja]] = relationship(back_populates="instansi", order_by="UnitKerja.id")
    pejabat: Mapped[list[Pejabat]] = relationship(back_populates="instansi", order_by="Pejabat.id")


class UnitKerja(Base):
    __tablename__ = "unit_kerja"
    __table_args__ = (UniqueConstraint("instansi_id", "nama"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    nama: Mapped[str] = mapped_column(String(300))
    instansi: Mapped[Instansi] = relationship(back_populates="unit_kerja")


class Pejabat(Base):
    """An official who signs; `data` follows docgen's Pejabat schema; `peran` are the official roles they hold
    (web.layanan.pejabat.PERAN_PEJABAT: kepala, sekretaris, ketua_tim_sakip, ...), `unit_kerja_id` the unit a
    kepala_bidang heads."""

    __tablename__ = "pejabat"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    peran: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    unit_kerja_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), nullable=True)
    instansi: Mapped[Instansi] = relationship(back_populates="pejabat")


class SeriNomor(Base):
    """A letter-number series of an agency: a pattern for docgen's Nomor."""

    __tablename__ = "seri_nomor"
    __table_args__ = (UniqueConstraint("instansi_id", "kode"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    kode: Mapped[str] = mapped_column(String(100))
    pola: Mapped[str] = mapped_column(String(300))
    kode_klasifikasi: Mapped[str] = mapped_column(String(100), default="")
    kode_unit: Mapped[str] = mapped_column(String(100), default="")


class Pengguna(Base):
    """An account. `versi_sesi` goes up whenever its sessions must end (logout, new password, (de)activation):
    a session names the version it was opened with (get_id "id:versi") and is void once they differ."""

    __tablename__ = "pengguna"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    nama: Mapped[str] = mapped_column(String(300), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    peran: Mapped[str] = mapped_column(String(30))
    unit_kerja_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), nullable=True)
    aktif: Mapped[int] = mapped_column(Integer, default=1)
    versi_sesi: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # E-mail address for the notices of steps waiting for the user's role ('' = none; web.layanan.pemberitahuan).
    surel: Mapped[str] = mapped_column(String(254), default="", server_default="")
    instansi: Mapped[Instansi] = relationship()
    unit_kerja: Mapped[UnitKerja | None] = relationship()

    # Flask-Login
    @property
    def is_active(self) -> bool:
        return bool(self.aktif)

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """What the session (and a remember cookie) stores: the id and the session version."""
        return f"{self.id}:{self.versi_sesi or 0}"


class TokenApi(Base):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "token_api"
    id: Mapped[int] = mapped_column(primary_key=True)
    pengguna_id: Mapped[int] = mapped_column(ForeignKey("pengguna.id"), index=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang)
    pengguna: Mapped[Pengguna] = relationship()


class RencanaKinerja(Base):
    """One year's Renstra/PK targets, realisasi and budget: docgen's DataKinerja as JSON."""

    __tablename__ = "rencana_kinerja"
    __table_args__ = (UniqueConstraint("instansi_id", "tahun"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    tahun: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    diubah: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang, onupdate=sekarang)


class Draf(Base):
    """A user's unfinished form for one document type."""

    __tablename__ = "draf"
    __table_args__ = (UniqueConstraint("pengguna_id", "slug"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pengguna_id: Mapped[int] = mapped_column(ForeignKey("pengguna.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    diubah: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang, onupdate=sekarang)


class Dokumen(Base):
    """A generated document: its input, files, who made it and when."""

    __tablename__ = "dokumen"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100), index=True)
    judul: Mapped[str] = mapped_column(String(500))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    berkas_docx: Mapped[str] = mapped_column(String(500))
    berkas_pdf: Mapped[str | None] = mapped_column(String(500), nullable=True)
    peringatan: Mapped[list[Any]] = mapped_column(JSON, default=list)
    dibuat_oleh: Mapped[int] = mapped_column(ForeignKey("pengguna.id"))
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang, index=True)
    pembuat: Mapped[Pengguna] = relationship(foreign_keys=[dibuat_oleh])
    catatan: Mapped[str] = mapped_column(Text, default="")
    # What the paper is about and its date, from its document type's hooks (docgen.documents.jenis), as rendered.
    perihal: Mapped[str] = mapped_column(Text, default="", server_default="")
    tanggal: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # The template it was made with: "bawaan" (built-in) or "instansi" (the agency's own), and that file's SHA-256.
    templat_sumber: Mapped[str] = mapped_column(String(20), default="", server_default="")
    templat_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # A cycle step that produced it (both None for a document made outside a cycle).
    siklus_id: Mapped[int | None] = mapped_column(ForeignKey("siklus.id"), nullable=True, index=True)
    langkah_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Finalisation: "konsep" until finalised; then the number is taken from the register, the files are
    # regenerated with the verification QR code, hashed and never changed again.
    status: Mapped[str] = mapped_column(String(20), default="konsep")
    nomor_surat: Mapped[str] = mapped_column(String(300), default="")
    kode_verifikasi: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    sha256_docx: Mapped[str] = mapped_column(String(64), default="")
    sha256_pdf: Mapped[str] = mapped_column(String(64), default="")
    difinalkan: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    difinalkan_oleh: Mapped[int | None] = mapped_column(ForeignKey("pengguna.id"), nullable=True)


# -- letter-number register ------------------------------------------------------------------------------------


class PenghitungNomor(Base):
    """The last plain number given in a series for a year; incremented atomically in one UPDATE."""

    __tablename__ = "penghitung_nomor"
    seri_id: Mapped[int] = mapped_column(ForeignKey("seri_nomor.id"), primary_key=True)
    tahun: Mapped[int] = mapped_column(Integer, primary_key=True)
    terakhir: Mapped[int] = mapped_column(Integer, default=0)


class NomorSurat(Base):
    """One entry of the outgoing-letter book: a number given (or voided, which keeps it used)."""

    __tablename__ = "nomor_surat"
    __table_args__ = (UniqueConstraint("seri_id", "tahun", "urut", "sisipan"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    seri_id: Mapped[int] = mapped_column(ForeignKey("seri_nomor.id"), index=True)
    tahun: Mapped[int] = mapped_column(Integer)
    urut: Mapped[int] = mapped_column(Integer)
    sisipan: Mapped[str] = mapped_column(String(2), default="")
    nomor: Mapped[str] = mapped_column(String(300))
    tanggal: Mapped[dt.date] = mapped_column(Date)
    hal: Mapped[str] = mapped_column(Text, default="")
    tujuan: Mapped[str] = mapped_column(Text, default="")
    dokumen_id: Mapped[int | None] = mapped_column(ForeignKey("dokumen.id"), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), default="dipakai")  # dipakai | batal
    alasan_batal: Mapped[str] = mapped_column(Text, default="")
    dibatalkan_oleh: Mapped[int | None] = mapped_column(ForeignKey("pengguna.id"), nullable=True)
    dibatalkan: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    dibuat_oleh: Mapped[int | None] = mapped_column(ForeignKey("pengguna.id"), nullable=True)
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang)
    seri: Mapped[SeriNomor] = relationship()


# -- SOP definitions and cycles --------------------------------------------------------------------------------


class DefinisiSOPAgensi(Base):
    """An agency's own SOP definition (docgen.sop.DefinisiSOP as JSON); overrides a built-in one of the same kode."""

    __tablename__ = "definisi_sop"
    __table_args__ = (UniqueConstraint("instansi_id", "kode"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    kode: Mapped[str] = mapped_column(String(100))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    diubah: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang, onupdate=sekarang)
    diubah_oleh: Mapped[int | None] = mapped_column(ForeignKey("pengguna.id"), nullable=True)


class Siklus(Base):
    """One run of an SOP for a period; `definisi` is the SOP as it was when the cycle started."""

    __tablename__ = "siklus"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    sop_kode: Mapped[str] = mapped_column(String(100))
    definisi: Mapped[dict[str, Any]] = mapped_column(JSON)
    judul: Mapped[str] = mapped_column(String(500))
    periode_jenis: Mapped[str] = mapped_column(String(20))  # bulan | triwulan | tahun
    tahun: Mapped[int] = mapped_column(Integer)
    periode_ke: Mapped[int | None] = mapped_column(Integer, nullable=True)  # month 1-12 or quarter 1-4
    status: Mapped[str] = mapped_column(String(20), default="berjalan")  # berjalan | selesai | dibatalkan
    dibuat_oleh: Mapped[int] = mapped_column(ForeignKey("pengguna.id"))
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang)
    selesai: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    langkah: Mapped[list[LangkahSiklus]] = relationship(back_populates="siklus", order_by="LangkahSiklus.no",
                                                        cascade="all, delete-orphan")


class LangkahSiklus(Base):
    """The state of one SOP step in a cycle."""

    __tablename__ = "langkah_siklus"
    __table_args__ = (UniqueConstraint("siklus_id", "no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    siklus_id: Mapped[int] = mapped_column(ForeignKey("siklus.id"), index=True)
    no: Mapped[int] = mapped_column(Integer)  # 1-based step number in the definition
    status: Mapped[str] = mapped_column(String(20), default="menunggu")  # menunggu | berjalan | selesai
    mulai: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    selesai: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    detik_terpakai: Mapped[int] = mapped_column(Integer, default=0)  # summed over every round of the step
    putaran: Mapped[int] = mapped_column(Integer, default=0)  # how many times the step was started
    keputusan: Mapped[str | None] = mapped_column(String(10), nullable=True)  # ya | tidak (decision steps)
    catatan: Mapped[str] = mapped_column(Text, default="")
    pelaku_id: Mapped[int | None] = mapped_column(ForeignKey("pengguna.id"), nullable=True)
    siklus: Mapped[Siklus] = relationship(back_populates="langkah")


class RiwayatSiklus(Base):
    """What happened in a cycle, in order: a step started or finished, a decision with its note."""

    __tablename__ = "riwayat_siklus"
    id: Mapped[int] = mapped_column(primary_key=True)
    siklus_id: Mapped[int] = mapped_column(ForeignKey("siklus.id"), index=True)
    langkah_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    aksi: Mapped[str] = mapped_column(String(30))
    catatan: Mapped[str] = mapped_column(Text, default="")
    dokumen_id: Mapped[int | None] = mapped_column(ForeignKey("dokumen.id"), nullable=True)
    pengguna_id: Mapped[int | None] = mapped_column(ForeignKey("pengguna.id"), nullable=True)
    waktu: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang)


class BerkasArsip(Base):
    """A finished archive bundle (ZIP) of a cycle."""

    __tablename__ = "berkas_arsip"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    siklus_id: Mapped[int] = mapped_column(ForeignKey("siklus.id"), index=True)
    kode: Mapped[str] = mapped_column(String(100))
    berkas: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    ukuran: Mapped[int] = mapped_column(Integer)
    dibuat_oleh: Mapped[int] = mapped_column(ForeignKey("pengguna.id"))
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang)
    # warnings raised while it was made (input, the layout checker on its merged PDF), shown with it
    peringatan: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")


# -- jobs, audit, login throttling, agency templates -----------------------------------------------------------


class TugasLatar(Base):
    """A background job (PDF, LKjIP, bundle) shared by every web and worker process: progress, outcome, cancel."""

    __tablename__ = "tugas"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    pemilik: Mapped[int] = mapped_column(ForeignKey("pengguna.id"), index=True)
    jenis: Mapped[str] = mapped_column(String(30))  # what runs it: dokumen | berkas | pdf
    slug: Mapped[str] = mapped_column(String(100))
    argumen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="menunggu", index=True)
    persen: Mapped[int] = mapped_column(Integer, default=0)
    pesan: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    hasil_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    batal: Mapped[int] = mapped_column(Integer, default=0)
    percobaan: Mapped[int] = mapped_column(Integer, default=0)
    perkiraan_detik: Mapped[int] = mapped_column(Integer, default=5)
    dibuat: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang)
    mulai: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    detak: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)  # last heartbeat
    selesai: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Audit(Base):
    """Who generated or changed what, when and from where."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int | None] = mapped_column(ForeignKey("instansi.id"), nullable=True, index=True)
    pengguna_id: Mapped[int | None] = mapped_column(ForeignKey("pengguna.id"), nullable=True, index=True)
    waktu: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang, index=True)
    aksi: Mapped[str] = mapped_column(String(60), index=True)
    objek: Mapped[str] = mapped_column(String(60), default="")
    objek_id: Mapped[str] = mapped_column(String(60), default="")
    rincian: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    alamat_ip: Mapped[str] = mapped_column(String(64), default="")


class PercobaanMasuk(Base):
    """One login attempt, for throttling guessed passwords per username and per address."""

    __tablename__ = "percobaan_masuk"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    alamat_ip: Mapped[str] = mapped_column(String(64), index=True)
    waktu: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang, index=True)
    berhasil: Mapped[int] = mapped_column(Integer, default=0)


class TemplatInstansi(Base):
    """An agency's own .docx template for a document type, checked when uploaded; `berkas` is a storage key."""

    __tablename__ = "templat_instansi"
    __table_args__ = (UniqueConstraint("instansi_id", "slug"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    berkas: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    diunggah_oleh: Mapped[int] = mapped_column(ForeignKey("pengguna.id"))
    diunggah: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=sekarang)
