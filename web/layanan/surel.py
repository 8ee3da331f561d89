"""E-mail through SMTP (the standard library's smtplib): the SMTP_* settings, one connection per batch.

Off when SMTP_HOST is unset: `pengaturan()` is then None and nothing is sent. What to send and to whom is
web.layanan.pemberitahuan; this module only delivers.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid
from typing import Any

from flask import current_app

PORT_BAWAAN = {"ssl": 465, "starttls": 587, "": 25}


@dataclass(frozen=True)
class Pengaturan:
    """How to reach the SMTP server: SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_STARTTLS,
    SMTP_SSL, SMTP_TIMEOUT."""

    host: str
    port: int
    pengguna: str = ""
    sandi: str = ""
    pengirim: str = ""
    keamanan: str = ""  # "" (plain, for a relay on the same machine or network) | starttls | ssl
    batas_detik: float = 10.0

    @property
    def alamat_pengirim(self) -> str:
        return self.pengirim or self.pengguna or "docgen@localhost"


def pengaturan(config: Mapping[str, Any] | None = None) -> Pengaturan | None:
    """The SMTP settings of the app (default: the current app's), or None when SMTP_HOST is unset (e-mail off)."""
    c = config if config is not None else current_app.config
    host = str(c.get("SMTP_HOST") or "").strip()
    if not host:
        return None
    keamanan = "ssl" if c.get("SMTP_SSL") else "starttls" if c.get("SMTP_STARTTLS") else ""
    return Pengaturan(host=host, port=int(c.get("SMTP_PORT") or PORT_BAWAAN[keamanan]),
                      pengguna=str(c.get("SMTP_USER") or ""), sandi=str(c.get("SMTP_PASSWORD") or ""),
                      pengirim=str(c.get("SMTP_FROM") or ""), keamanan=keamanan,
                      batas_detik=float(c.get("SMTP_TIMEOUT") or 10))


@dataclass(frozen=True)
class Surat:
    """One message to one recipient (plain text)."""

    kepada: str
    nama: str
    judul: str
    isi: str


def susun(surat: Surat, atur: Pengaturan) -> EmailMessage:
    """The message with its headers (UTF-8 subject and body)."""
    m = EmailMessage()
    m["From"] = formataddr(("docgen", atur.alamat_pengirim))
    m["To"] = formataddr((surat.nama, surat.kepada)) if surat.nama else surat.kepada
    m["Subject"] = surat.judul
    m["Date"] = formatdate(localtime=False, usegmt=True)
    m["Message-ID"] = make_msgid(domain=atur.alamat_pengirim.rpartition("@")[2] or "localhost")
    m["Auto-Submitted"] = "auto-generated"  # RFC 3834: out-of-office replies should not answer it
    m.set_content(surat.isi)
    return m


def kirim(daftar: list[Surat], atur: Pengaturan) -> dict[str, str]:
    """Send every message over one connection; return the refused recipients with the server's reason.

    Raises smtplib.SMTPException or OSError when the server cannot be reached, refuses the login or the sender."""
    if not daftar:
        return {}
    ditolak: dict[str, str] = {}
    konteks = ssl.create_default_context()
    smtp: smtplib.SMTP
    if atur.keamanan == "ssl":
        smtp = smtplib.SMTP_SSL(atur.host, atur.port, timeout=atur.batas_detik, context=konteks)
    else:
        smtp = smtplib.SMTP(atur.host, atur.port, timeout=atur.batas_detik)
    with smtp:
        if atur.keamanan == "starttls":
            smtp.starttls(context=konteks)
        if atur.pengguna:
            smtp.login(atur.pengguna, atur.sandi)
        for s in daftar:
            try:
                tolak = smtp.send_message(susun(s, atur), from_addr=atur.alamat_pengirim, to_addrs=[s.kepada])
            except smtplib.SMTPRecipientsRefused as e:
                tolak = dict(e.recipients)
            for alamat, (kode, pesan) in tolak.items():
                ditolak[alamat] = f"{kode} {pesan.decode(errors='replace') if isinstance(pesan, bytes) else pesan}"
    return ditolak
