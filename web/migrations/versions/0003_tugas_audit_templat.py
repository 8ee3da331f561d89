"""tugas latar, audit, percobaan masuk, templat instansi

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 03:11:02.486998
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('percobaan_masuk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('alamat_ip', sa.String(length=64), nullable=False),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.Column('berhasil', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('percobaan_masuk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_percobaan_masuk_alamat_ip'), ['alamat_ip'], unique=False)
        batch_op.create_index(batch_op.f('ix_percobaan_masuk_username'), ['username'], unique=False)
        batch_op.create_index(batch_op.f('ix_percobaan_masuk_waktu'), ['waktu'], unique=False)

    op.create_table('audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instansi_id', sa.Integer(), nullable=True),
    sa.Column('pengguna_id', sa.Integer(), nullable=True),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.Column('aksi', sa.String(length=60), nullable=False),
    sa.Column('objek', sa.String(length=60), nullable=False),
    sa.Column('objek_id', sa.String(length=60), nullable=False),
    sa.Column('rincian', sa.JSON(), nullable=False),
    sa.Column('alamat_ip', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], ),
    sa.ForeignKeyConstraint(['pengguna_id'], ['pengguna.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_aksi'), ['aksi'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_instansi_id'), ['instansi_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_pengguna_id'), ['pengguna_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_waktu'), ['waktu'], unique=False)

    op.create_table('templat_instansi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instansi_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('berkas', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('diunggah_oleh', sa.Integer(), nullable=False),
    sa.Column('diunggah', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['diunggah_oleh'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('instansi_id', 'slug')
    )
    with op.batch_alter_table('templat_instansi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_templat_instansi_instansi_id'), ['instansi_id'], unique=False)

    op.create_table('tugas',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('instansi_id', sa.Integer(), nullable=False),
    sa.Column('pemilik', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=30), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('argumen', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('persen', sa.Integer(), nullable=False),
    sa.Column('pesan', sa.Text(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('hasil_id', sa.Integer(), nullable=True),
    sa.Column('batal', sa.Integer(), nullable=False),
    sa.Column('percobaan', sa.Integer(), nullable=False),
    sa.Column('perkiraan_detik', sa.Integer(), nullable=False),
    sa.Column('dibuat', sa.DateTime(timezone=True), nullable=False),
    sa.Column('mulai', sa.DateTime(timezone=True), nullable=True),
    sa.Column('detak', sa.DateTime(timezone=True), nullable=True),
    sa.Column('selesai', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], ),
    sa.ForeignKeyConstraint(['pemilik'], ['pengguna.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('tugas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tugas_instansi_id'), ['instansi_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tugas_pemilik'), ['pemilik'], unique=False)
        batch_op.create_index(batch_op.f('ix_tugas_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('tugas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tugas_status'))
        batch_op.drop_index(batch_op.f('ix_tugas_pemilik'))
        batch_op.drop_index(batch_op.f('ix_tugas_instansi_id'))

    op.drop_table('tugas')
    with op.batch_alter_table('templat_instansi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_templat_instansi_instansi_id'))

    op.drop_table('templat_instansi')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_waktu'))
        batch_op.drop_index(batch_op.f('ix_audit_pengguna_id'))
        batch_op.drop_index(batch_op.f('ix_audit_instansi_id'))
        batch_op.drop_index(batch_op.f('ix_audit_aksi'))

    op.drop_table('audit')
    with op.batch_alter_table('percobaan_masuk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_percobaan_masuk_waktu'))
        batch_op.drop_index(batch_op.f('ix_percobaan_masuk_username'))
        batch_op.drop_index(batch_op.f('ix_percobaan_masuk_alamat_ip'))

    op.drop_table('percobaan_masuk')
