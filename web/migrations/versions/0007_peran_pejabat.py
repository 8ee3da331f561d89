"""pejabat.peran and pejabat.unit_kerja_id: the official roles an official holds, and the unit a Kepala Bidang heads

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pejabat', schema=None) as batch_op:
        batch_op.add_column(sa.Column('peran', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('unit_kerja_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_pejabat_unit_kerja', 'unit_kerja', ['unit_kerja_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('pejabat', schema=None) as batch_op:
        batch_op.drop_constraint('fk_pejabat_unit_kerja', type_='foreignkey')
        batch_op.drop_column('unit_kerja_id')
        batch_op.drop_column('peran')
