"""dokumen: perihal and tanggal from the document type's hooks, the template a document was made with

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 14:00:00
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# Older rows get what their input names (the hooks of docgen's document types fill new rows).
_MEDAN_PERIHAL = ("hal", "tentang", "judul", "acara", "perihal", "nama_kegiatan")


def _perihal(data: object) -> str:
    if isinstance(data, dict):
        for k in _MEDAN_PERIHAL:
            v = data.get(k)
            if isinstance(v, str) and v.strip():
                return " ".join(v.split())[:2000]
    return ""


def _tanggal(data: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(data.get("tanggal"))) if isinstance(data, dict) else None
    except ValueError:
        return None


def upgrade() -> None:
    with op.batch_alter_table('dokumen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('perihal', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('tanggal', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('templat_sumber', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('templat_sha256', sa.String(length=64), nullable=False, server_default=''))
    dokumen = sa.table('dokumen', sa.column('id', sa.Integer()), sa.column('data', sa.JSON()),
                       sa.column('perihal', sa.Text()), sa.column('tanggal', sa.Date()))
    conn = op.get_bind()
    for baris in conn.execute(sa.select(dokumen.c.id, dokumen.c.data)).all():
        conn.execute(dokumen.update().where(dokumen.c.id == baris.id).values(
            perihal=_perihal(baris.data), tanggal=_tanggal(baris.data)))


def downgrade() -> None:
    with op.batch_alter_table('dokumen', schema=None) as batch_op:
        batch_op.drop_column('templat_sha256')
        batch_op.drop_column('templat_sumber')
        batch_op.drop_column('tanggal')
        batch_op.drop_column('perihal')
