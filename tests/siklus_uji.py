"""What the cycle tests share: the test SOP installed, a frozen Friday, starting a cycle, reading its steps."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tests.data_uji import pengguna as _p
from web.inti.db import sesi
from web.inti.models import Siklus
from web.layanan import langkah

WIB = ZoneInfo("Asia/Jakarta")
# Friday 7 June 2024, 10.00 WIB
JUMAT = dt.datetime(2024, 6, 7, 10, 0, tzinfo=WIB).astimezone(dt.UTC)






def mulai(sekarang=JUMAT, **kw) -> Siklus:
    arg = {"kode": "pengukuran-uji", "periode_jenis": "triwulan", "periode_ke": 2, "tahun": 2024} | kw
    return langkah.mulai_siklus(_p("perencana"), sekarang=sekarang, **arg)


def status(s: Siklus) -> list[tuple[int, str, int]]:
    sesi().refresh(s)
    return [(b.no, b.status, b.putaran) for b in s.langkah]


def sampai_keputusan(s: Siklus, mulai: dt.datetime) -> dt.datetime:
    """Finish steps 1-4 (without their documents), one hour apart; return the time of the last action."""
    t = mulai
    for no, user in ((1, "kepala"), (2, "timsakip"), (3, "bidang.kompetensi"), (4, "timsakip")):
        t += dt.timedelta(hours=1)
        b = next(x for x in s.langkah if x.no == no)
        if b.status == "berjalan":
            h = langkah.selesaikan_langkah(_p(user), s, no, konfirmasi=True, sekarang=t)
            assert h.tercatat
    return t
