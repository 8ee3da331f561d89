"""pengguna.surel: the account's e-mail address, where the app sends the steps waiting for the user's role

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pengguna', schema=None) as batch_op:
        batch_op.add_column(sa.Column('surel', sa.String(length=254), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('pengguna', schema=None) as batch_op:
        batch_op.drop_column('surel')
