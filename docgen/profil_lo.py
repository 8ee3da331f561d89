"""The LibreOffice user profile docgen starts soffice with: settings that keep a conversion from fetching anything.

Written as `<profile>/user/registrymodifications.xcu` before soffice first starts with that profile, so they hold
from the first document on. Second line of defence: `docgen.docx_luar` refuses such documents before LibreOffice
sees them; these settings are what is left if a document gets past that check.

Keys and values are those of LibreOffice's configuration schema (officecfg/registry/schema/org/openoffice/…, in
LibreOffice/core; the installed copy is /usr/lib/libreoffice/share/registry/main.xcd):

- Office.Common/Security/Scripting/BlockUntrustedRefererLinks (Tools > Options > Security > Options: "Block any
  links from documents not among the trusted locations", since 4.2): a document outside the trusted locations
  resolves none of its references to external entities, linked graphics included (Stephan Bergmann, "Stealth mode",
  https://whatofhow.wordpress.com/2013/12/02/stealth-mode/; LibreOffice Help, Security Options and Warnings).
  Measured on LibreOffice 7.4: this is the setting that stops a linked image (`a:blip r:link`) at http://… or
  file://… from being fetched; without it soffice sent OPTIONS, HEAD and GET and opened a FIFO.
- …/Scripting/SecureURL = empty: no trusted location at all, so every document counts as untrusted.
- Office.Writer/Content/Update/Link = 2 (Writer.xcs: 0 Always, 1 On request, 2 Never; Tools > Options > Writer >
  General > "Update links when loading"): linked sections and objects are never refreshed on load. The worker also
  loads with UpdateDocMode NO_UPDATE and MacroExecutionMode NEVER_EXECUTE (com.sun.star.document.*).
- …/Scripting/MacroSecurityLevel = 3 (very high), DisableMacrosExecution = true, and Office.Writer/Filter/Import/VBA
  Load and Executable = false: no macro of a document runs or is even imported.
- …/Scripting/DisableActiveContent = true: LibreOffice 7.6 and later (OLE, DDE, macros off); older versions ignore
  an unknown key.
- Inet/Settings: ooInetProxyType = 2 (Inet.xcs: 0 none, 1 automatic, 2 manual) with HTTP and HTTPS proxies at a
  name that never resolves (`.invalid`, RFC 2606) and no exception (ooInetNoProxy empty): should some code path
  still try the web, it has nowhere to go. Measured on 7.4 with BlockUntrustedRefererLinks off: no HTTP connection
  reached the loopback server (the file:// link was still opened: only BlockUntrustedRefererLinks stops that).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

PROKSI_MATI = "proksi-tidak-ada.invalid"

# (node path, property, value): booleans and integers as LibreOffice writes them, "" for an empty string or list.
PENGATURAN: tuple[tuple[str, str, str], ...] = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "SecureURL", ""),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableActiveContent", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),
    ("/org.openoffice.Office.Writer/Filter/Import/VBA", "Load", "false"),
    ("/org.openoffice.Office.Writer/Filter/Import/VBA", "Executable", "false"),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "2"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", PROKSI_MATI),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", PROKSI_MATI),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
)


def isi_xcu() -> str:
    """Return the registrymodifications.xcu text holding PENGATURAN."""
    baris = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    ]
    for jalur, nama, nilai in PENGATURAN:
        isi = f"<value>{escape(nilai)}</value>" if nilai else "<value/>"
        baris.append(f'<item oor:path={quoteattr(jalur)}><prop oor:name={quoteattr(nama)} oor:op="fuse">{isi}'
                     "</prop></item>")
    baris.append("</oor:items>")
    return "\n".join(baris) + "\n"


def siapkan_profil(profil: Path) -> Path:
    """Create the LibreOffice profile folder `profil` with docgen's settings; return it.

    Raises OSError when it cannot be written (then no LibreOffice may start with it).
    """
    user = profil / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(isi_xcu(), encoding="utf-8")
    return profil
