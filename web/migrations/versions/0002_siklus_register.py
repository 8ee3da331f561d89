"""register nomor, siklus SOP, finalisasi dokumen, berkas arsip

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 02:37:43.142431
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('penghitung_nomor',
    sa.Column('seri_id', sa.Integer(), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('terakhir', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['seri_id'], ['seri_nomor.id'], ),
    sa.PrimaryKeyConstraint('seri_id', 'tahun')
    )
    op.create_table('definisi_sop',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instansi_id', sa.Integer(), nullable=False),
    sa.Column('kode', sa.String(length=100), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('diubah', sa.DateTime(timezone=True), nullable=False),
    sa.Column('diubah_oleh', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['diubah_oleh'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('instansi_id', 'kode')
    )
    with op.batch_alter_table('definisi_sop', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_definisi_sop_instansi_id'), ['instansi_id'], unique=False)

    op.create_table('siklus',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instansi_id', sa.Integer(), nullable=False),
    sa.Column('sop_kode', sa.String(length=100), nullable=False),
    sa.Column('definisi', sa.JSON(), nullable=False),
    sa.Column('judul', sa.String(length=500), nullable=False),
    sa.Column('periode_jenis', sa.String(length=20), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('periode_ke', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('dibuat_oleh', sa.Integer(), nullable=False),
    sa.Column('dibuat', sa.DateTime(timezone=True), nullable=False),
    sa.Column('selesai', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['dibuat_oleh'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('siklus', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_siklus_instansi_id'), ['instansi_id'], unique=False)

    op.create_table('berkas_arsip',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instansi_id', sa.Integer(), nullable=False),
    sa.Column('siklus_id', sa.Integer(), nullable=False),
    sa.Column('kode', sa.String(length=100), nullable=False),
    sa.Column('berkas', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('ukuran', sa.Integer(), nullable=False),
    sa.Column('dibuat_oleh', sa.Integer(), nullable=False),
    sa.Column('dibuat', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dibuat_oleh'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], ),
    sa.ForeignKeyConstraint(['siklus_id'], ['siklus.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('berkas_arsip', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_berkas_arsip_instansi_id'), ['instansi_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_berkas_arsip_siklus_id'), ['siklus_id'], unique=False)

    op.create_table('langkah_siklus',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('siklus_id', sa.Integer(), nullable=False),
    sa.Column('no', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('mulai', sa.DateTime(timezone=True), nullable=True),
    sa.Column('selesai', sa.DateTime(timezone=True), nullable=True),
    sa.Column('detik_terpakai', sa.Integer(), nullable=False),
    sa.Column('putaran', sa.Integer(), nullable=False),
    sa.Column('keputusan', sa.String(length=10), nullable=True),
    sa.Column('catatan', sa.Text(), nullable=False),
    sa.Column('pelaku_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['pelaku_id'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['siklus_id'], ['siklus.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('siklus_id', 'no')
    )
    with op.batch_alter_table('langkah_siklus', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_langkah_siklus_siklus_id'), ['siklus_id'], unique=False)

    op.create_table('nomor_surat',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instansi_id', sa.Integer(), nullable=False),
    sa.Column('seri_id', sa.Integer(), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('urut', sa.Integer(), nullable=False),
    sa.Column('sisipan', sa.String(length=2), nullable=False),
    sa.Column('nomor', sa.String(length=300), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('hal', sa.Text(), nullable=False),
    sa.Column('tujuan', sa.Text(), nullable=False),
    sa.Column('dokumen_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('alasan_batal', sa.Text(), nullable=False),
    sa.Column('dibatalkan_oleh', sa.Integer(), nullable=True),
    sa.Column('dibatalkan', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dibuat_oleh', sa.Integer(), nullable=True),
    sa.Column('dibuat', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dibatalkan_oleh'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['dibuat_oleh'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['dokumen_id'], ['dokumen.id'], ),
    sa.ForeignKeyConstraint(['instansi_id'], ['instansi.id'], ),
    sa.ForeignKeyConstraint(['seri_id'], ['seri_nomor.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seri_id', 'tahun', 'urut', 'sisipan')
    )
    with op.batch_alter_table('nomor_surat', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nomor_surat_dokumen_id'), ['dokumen_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nomor_surat_instansi_id'), ['instansi_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nomor_surat_seri_id'), ['seri_id'], unique=False)

    op.create_table('riwayat_siklus',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('siklus_id', sa.Integer(), nullable=False),
    sa.Column('langkah_no', sa.Integer(), nullable=True),
    sa.Column('aksi', sa.String(length=30), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=False),
    sa.Column('dokumen_id', sa.Integer(), nullable=True),
    sa.Column('pengguna_id', sa.Integer(), nullable=True),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dokumen_id'], ['dokumen.id'], ),
    sa.ForeignKeyConstraint(['pengguna_id'], ['pengguna.id'], ),
    sa.ForeignKeyConstraint(['siklus_id'], ['siklus.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('riwayat_siklus', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_riwayat_siklus_siklus_id'), ['siklus_id'], unique=False)

    with op.batch_alter_table('dokumen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('siklus_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('langkah_no', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='konsep'))
        batch_op.add_column(sa.Column('nomor_surat', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('kode_verifikasi', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('sha256_docx', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sha256_pdf', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('difinalkan', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('difinalkan_oleh', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_dokumen_siklus_id'), ['siklus_id'], unique=False)
        batch_op.create_unique_constraint('uq_dokumen_kode_verifikasi', ['kode_verifikasi'])
        batch_op.create_foreign_key('fk_dokumen_difinalkan_oleh', 'pengguna', ['difinalkan_oleh'], ['id'])
        batch_op.create_foreign_key('fk_dokumen_siklus_id', 'siklus', ['siklus_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('dokumen', schema=None) as batch_op:
        batch_op.drop_constraint('fk_dokumen_siklus_id', type_='foreignkey')
        batch_op.drop_constraint('fk_dokumen_difinalkan_oleh', type_='foreignkey')
        batch_op.drop_constraint('uq_dokumen_kode_verifikasi', type_='unique')
        batch_op.drop_index(batch_op.f('ix_dokumen_siklus_id'))
        batch_op.drop_column('difinalkan_oleh')
        batch_op.drop_column('difinalkan')
        batch_op.drop_column('sha256_pdf')
        batch_op.drop_column('sha256_docx')
        batch_op.drop_column('kode_verifikasi')
        batch_op.drop_column('nomor_surat')
        batch_op.drop_column('status')
        batch_op.drop_column('langkah_no')
        batch_op.drop_column('siklus_id')

    with op.batch_alter_table('riwayat_siklus', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_riwayat_siklus_siklus_id'))

    op.drop_table('riwayat_siklus')
    with op.batch_alter_table('nomor_surat', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nomor_surat_seri_id'))
        batch_op.drop_index(batch_op.f('ix_nomor_surat_instansi_id'))
        batch_op.drop_index(batch_op.f('ix_nomor_surat_dokumen_id'))

    op.drop_table('nomor_surat')
    with op.batch_alter_table('langkah_siklus', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_langkah_siklus_siklus_id'))

    op.drop_table('langkah_siklus')
    with op.batch_alter_table('berkas_arsip', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_berkas_arsip_siklus_id'))
        batch_op.drop_index(batch_op.f('ix_berkas_arsip_instansi_id'))

    op.drop_table('berkas_arsip')
    with op.batch_alter_table('siklus', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_siklus_instansi_id'))

    op.drop_table('siklus')
    with op.batch_alter_table('definisi_sop', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_definisi_sop_instansi_id'))

    op.drop_table('definisi_sop')
    op.drop_table('penghitung_nomor')
