"""LibreOffice worker, run by the system Python that has the `uno` bridge (not the project venv).

Starts one headless soffice with the profile it is given (docgen.convert has written its settings there), then
converts documents on request: one JSON object per line on stdin ({"in": ".docx path", "out": ".pdf path"}), one
JSON answer per line on stdout ({"ok": true, "pages": N} or {"ok": false, "error": "..."}). Indexes (tables of
contents) are refreshed before export. Exits, closing soffice, when stdin closes.

Before each document and after each failure it checks that soffice still runs and still answers through the UNO
bridge. When it does not (soffice killed or crashed, bridge disposed), the answer carries "mati": true ("sebelum":
true when the document never reached LibreOffice) and this worker exits: the parent starts a fresh one.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import uno  # provided by Debian's python3-uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

FILTER_DOCX = "MS Word 2007 XML"  # the import filter is fixed: the bytes are never sniffed as HTML, RTF, ...
NO_UPDATE = 0  # com.sun.star.document.UpdateDocMode.NO_UPDATE: links are not updated on load
NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _stat(pid):
    """(state, ppid, name) of a process from /proc, or None when it is gone."""
    try:
        teks = Path("/proc/%d/stat" % pid).read_text()
    except OSError:
        return None
    nama = teks[teks.find("(") + 1:teks.rfind(")")]
    rest = teks[teks.rfind(")") + 2:].split()
    return rest[0], int(rest[1]), nama


def hidup(pid):
    s = _stat(pid)
    return s is not None and s[0] not in ("Z", "X")


def cari_soffice_bin(akar):
    """The pid of soffice.bin among `akar` and its descendants (the soffice script runs oosplash, which runs
    soffice.bin); `akar` itself when none is found."""
    anak: dict[int, list[tuple[int, str]]] = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            s = _stat(int(p.name))
            if s is not None:
                anak.setdefault(s[1], []).append((int(p.name), s[2]))
    antre = [akar]
    while antre:
        pid = antre.pop(0)
        for c, nama in anak.get(pid, []):
            if nama == "soffice.bin":
                return c
            antre.append(c)
    return akar


def start_office(soffice, profile):
    # The pipe's socket (/tmp/OSL_PIPE_<uid>_<name>) carries this worker's pid, so docgen.sementara can remove it
    # when a killed soffice leaves it behind.
    pipe = "docgen_%d_%s" % (os.getpid(), uuid.uuid4().hex)
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("soffice tidak dapat dimulai (kode keluar %s)" % proc.poll())
            time.sleep(0.1)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop, cari_soffice_bin(proc.pid)


def masalah(proc, desktop, pid):
    """Why this LibreOffice can no longer convert (soffice gone, bridge disposed), or None when it is fine."""
    if not hidup(pid):
        return "proses soffice.bin (pid %d) sudah tidak berjalan" % pid
    if proc.poll() is not None:
        return "soffice berhenti dengan kode %s" % proc.returncode
    try:
        desktop.getFrames().getCount()  # one call through the bridge: raises when it is disposed
    except Exception as exc:
        return "jembatan UNO ke LibreOffice terputus (%s: %s)" % (type(exc).__name__, exc)
    return None


def convert(desktop, src, dst):
    doc = desktop.loadComponentFromURL(
        # os.path.abspath, not Path.resolve(): the path as given, symlinks not followed.
        uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,  # noqa: PTH100
        (prop("Hidden", True), prop("ReadOnly", True), prop("FilterName", FILTER_DOCX),
         prop("UpdateDocMode", NO_UPDATE), prop("MacroExecutionMode", NEVER_EXECUTE)),
    )
    if doc is None:
        raise RuntimeError("dokumen tidak dapat dibuka oleh LibreOffice")
    try:
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.refresh()
        try:
            pages = doc.getCurrentController().PageCount
        except Exception:
            pages = None
        pdf = uno.systemPathToFileUrl(os.path.abspath(dst))  # noqa: PTH100 (as above)
        doc.storeToURL(pdf, (prop("FilterName", "writer_pdf_Export"),))
        return pages
    finally:
        try:
            doc.close(True)
        except Exception:  # a dead soffice cannot close it (the error above is what counts); a live one disposes it
            with contextlib.suppress(Exception):
                doc.dispose()


def watch_parent(parent):
    """End soffice and this worker when the parent process dies (killed -9 while LibreOffice starts or hangs,
    nobody would close our stdin): they all share the process group the parent gave this worker."""
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            try:
                if os.getpgrp() == os.getpid():  # our own group (docgen.convert starts us in a new session)
                    os.killpg(os.getpgrp(), signal.SIGKILL)
            finally:
                os._exit(1)


def tulis(out, answer):
    out.write(json.dumps(answer) + "\n")
    out.flush()


def main():
    soffice, profile = sys.argv[1], sys.argv[2]
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    out = sys.stdout
    try:
        proc, desktop, pid = start_office(soffice, profile)
    except Exception as exc:
        tulis(out, {"ready": False, "error": "%s: %s" % (type(exc).__name__, exc)})
        return
    try:
        tulis(out, {"ready": True, "pid": pid})
        for line in sys.stdin:
            req = json.loads(line)
            sebab = masalah(proc, desktop, pid)
            if sebab is not None:
                tulis(out, {"ok": False, "mati": True, "sebelum": True, "error": sebab})
                return
            try:
                pages = convert(desktop, req["in"], req["out"])
                tulis(out, {"ok": True, "pages": pages})
            except Exception as exc:  # report every failure to the parent, keep serving while LibreOffice lives
                galat = "%s: %s" % (type(exc).__name__, exc)
                sebab = masalah(proc, desktop, pid)
                if sebab is not None:
                    tulis(out, {"ok": False, "mati": True, "error": sebab, "detail": galat})
                    return
                tulis(out, {"ok": False, "error": galat})
    finally:
        with contextlib.suppress(Exception):
            desktop.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
