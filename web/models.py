"""Database tables: agency profile, officials, units, letter series, users, tokens, plans, drafts, documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

PERAN = ("admin", "kepala", "sekretaris", "perencana", "tim_sakip", "bidang", "arsiparis")


def sekarang() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Instansi(Base):
    """An agency (OPD); `profil` holds the kop data as the document schemas expect it."""

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
    """An official who signs; `data` follows docgen's Pejabat schema."""

    __tablename__ = "pejabat"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
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
    __tablename__ = "pengguna"
    id: Mapped[int] = mapped_column(primary_key=True)
    instansi_id: Mapped[int] = mapped_column(ForeignKey("instansi.id"), index=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    nama: Mapped[str] = mapped_column(String(300), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    peran: Mapped[str] = mapped_column(String(30))
    unit_kerja_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), nullable=True)
    aktif: Mapped[int] = mapped_column(Integer, default=1)
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
        return str(self.id)


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
    pembuat: Mapped[Pengguna] = relationship()
    catatan: Mapped[str] = mapped_column(Text, default="")
