"""The audit log page (admin, own agency only): filters, pages, .xlsx and .csv export."""

from __future__ import annotations

import datetime as dt
import io

from flask import Blueprint, Response, render_template, request, send_file

from web.inti import waktu
from web.inti.masukan import arg_id
from web.inti.peran import Aksi
from web.layanan import audit
from web.views.akses import pengguna, perlu

bp = Blueprint("audit", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _tanggal(nama: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.args.get(nama, ""))
    except ValueError:
        return None


def _saringan() -> audit.Saringan:
    return audit.Saringan(pengguna=arg_id("pengguna"), aksi=request.args.get("aksi", ""),
                          dari=_tanggal("dari"), sampai=_tanggal("sampai"))


@bp.get("/audit")
@perlu(Aksi.LIHAT_AUDIT)
def daftar():
    inst = pengguna().instansi
    saring = _saringan()
    h = audit.halaman(inst, saring, request.args.get("halaman", 1, type=int))
    return render_template("audit.html", baris=h.baris, orang=h.orang, nilai=saring, saring=saring.sebagai_teks(),
                           jumlah=h.jumlah, halaman=h.halaman, halaman_akhir=h.halaman_akhir, aksi_ada=h.aksi_ada,
                           label_aksi=audit.label_aksi, LABEL_OBJEK=audit.LABEL_OBJEK,
                           waktu=lambda t: waktu.cap_waktu(t, inst),
                           teks_rincian=audit.teks_rincian)


def _nama(ext: str) -> str:
    return f"audit-{waktu.hari_ini(pengguna().instansi).isoformat()}.{ext}"


@bp.get("/audit/ekspor.csv")
@perlu(Aksi.LIHAT_AUDIT)
def ekspor_csv():
    isi = audit.ekspor_csv(pengguna().instansi, _saringan())
    return Response(isi, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{_nama("csv")}"',
                                                       "Cache-Control": "no-store"})


@bp.get("/audit/ekspor.xlsx")
@perlu(Aksi.LIHAT_AUDIT)
def ekspor_xlsx():
    r = send_file(io.BytesIO(audit.ekspor_xlsx(pengguna().instansi, _saringan())), as_attachment=True,
                  download_name=_nama("xlsx"), mimetype=XLSX, max_age=0)
    r.headers["Cache-Control"] = "no-store"
    return r
