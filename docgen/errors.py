"""One error type for the whole library: an Indonesian message, the field paths, an HTTP status."""

from __future__ import annotations


class DocgenError(Exception):
    """An error a user can act on; `pesan` is Indonesian, `fields` maps a field path to its message."""

    status = 422

    def __init__(self, pesan: str, *, fields: dict[str, str] | None = None, status: int | None = None):
        super().__init__(pesan)
        self.pesan = pesan
        self.fields = dict(fields or {})
        if status is not None:
            self.status = status

    def lines(self) -> list[str]:
        """Return one line per bad field (`path: pesan`), or the message when no field is named."""
        if not self.fields:
            return [self.pesan]
        return [f"{path}: {msg}" if path else msg for path, msg in self.fields.items()]

    def to_dict(self) -> dict:
        """Return the canonical response shape `{"error": ..., "fields": {...}}`."""
        return {"error": self.pesan, "fields": self.fields}


class InputTidakValid(DocgenError):
    """The input data does not satisfy the document's schema."""

    status = 422


class TidakDitemukan(DocgenError):
    """A document type, template or file that does not exist."""

    status = 404


class KonversiGagal(DocgenError):
    """LibreOffice is missing, failed, or did not answer in time."""

    status = 503


class BerkasDibatalkan(DocgenError):
    """The user cancelled a bundle (docgen.bundle) while it was being made; nothing was written."""

    status = 409
