"""The font reportlab overlays draw with: Liberation Sans, embedded, so that any Unicode text prints and an archive
PDF never carries an unembedded Helvetica; Helvetica only where Liberation is not installed."""

from __future__ import annotations

from pathlib import Path

FOLDER = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")


def huruf(tebal: bool = False) -> str:
    """The registered name of Liberation Sans (Bold with `tebal`), registering it on first use."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    nama = "LiberationSans-Bold" if tebal else "LiberationSans"
    if nama in pdfmetrics.getRegisteredFontNames():
        return nama
    for folder in FOLDER:
        path = Path(folder) / f"{'LiberationSans-Bold' if tebal else 'LiberationSans-Regular'}.ttf"
        if path.exists():
            pdfmetrics.registerFont(TTFont(nama, str(path)))
            return nama
    return "Helvetica-Bold" if tebal else "Helvetica"
