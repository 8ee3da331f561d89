"""berkas_arsip.peringatan: what making the berkas warned about (input, layout of its merged PDF), shown with it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('berkas_arsip', schema=None) as batch_op:
        batch_op.add_column(sa.Column('peringatan', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('berkas_arsip', schema=None) as batch_op:
        batch_op.drop_column('peringatan')
