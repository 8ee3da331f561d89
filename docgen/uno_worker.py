"""LibreOffice worker, run by the system Python that has the `uno` bridge (not the project venv).

Starts one headless soffice with its own profile, then converts documents on request:
one JSON object per line on stdin ({"in": ".docx path", "out": ".pdf path"}), one JSON answer
per line on stdout ({"ok": true, "pages": N} or {"ok": false, "error": "..."}). Indexes (tables of
contents) are refreshed before export. Exits, closing soffice, when stdin closes.
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

import uno  # provided by Debian's python3-uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_office(soffice, profile):
    pipe = "docgen_" + uuid.uuid4().hex
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
    return proc, desktop


def convert(desktop, src, dst):
    doc = desktop.loadComponentFromURL(
        # os.path.abspath, not Path.resolve(): the path as given, symlinks not followed.
        uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,  # noqa: PTH100
        (prop("Hidden", True), prop("ReadOnly", True), prop("UpdateDocMode", 0)),
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
        doc.close(True)


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


def main():
    soffice, profile = sys.argv[1], sys.argv[2]
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    proc, desktop = start_office(soffice, profile)
    out = sys.stdout
    try:
        out.write(json.dumps({"ready": True, "pid": proc.pid}) + "\n")
        out.flush()
        for line in sys.stdin:
            req = json.loads(line)
            try:
                pages = convert(desktop, req["in"], req["out"])
                answer = {"ok": True, "pages": pages}
            except Exception as exc:  # report every failure to the parent, keep serving
                answer = {"ok": False, "error": "%s: %s" % (type(exc).__name__, exc)}
            out.write(json.dumps(answer) + "\n")
            out.flush()
    finally:
        with contextlib.suppress(Exception):
            desktop.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
