"""pengguna.versi_sesi: the session version; raising it ends every open session of the account

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-09 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pengguna', schema=None) as batch_op:
        batch_op.add_column(sa.Column('versi_sesi', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('pengguna', schema=None) as batch_op:
        batch_op.drop_column('versi_sesi')
