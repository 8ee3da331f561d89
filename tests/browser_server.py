"""A live docgen server on loopback for browser tests (a thread; stops with the test session)."""

from __future__ import annotations

import threading
from contextlib import ExitStack
from pathlib import Path

from werkzeug.serving import make_server

from web.layanan import pdf


class ServerUji:
    """Run the web app on 127.0.0.1 with a fresh database and the sample agency."""

    def __init__(self, folder: Path):
        from tests.basis_uji import basis_data_baru
        from web.aplikasi import create_app
        from web.inti.db import sesi
        from web.layanan.contoh import muat_contoh

        self._tumpukan = ExitStack()
        url = self._tumpukan.enter_context(basis_data_baru(folder))  # the database of the suite (DOCGEN_UJI_DB)
        try:
            self.app = create_app({"DATABASE_URL": url, "SECRET_KEY": "uji-browser",
                                   "PENYIMPANAN": folder / "berkas"})
            with self.app.app_context():
                self.akun = muat_contoh(sesi(), self.app.config["PENYIMPANAN"])
        except BaseException:
            self._tumpukan.close()
            raise
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> ServerUji:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
        self.app.extensions["docgen_engine"].dispose()
        pdf.lokal(self.app).tutup()
        self._tumpukan.close()
