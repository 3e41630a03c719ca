"""Create the store: reference tables, documents, sources, deals and what derives from them.

Revision ID: 0001
Revises:
Create Date: 2026-11-27

Why: the first schema of the store. Reference tables (states, organisations, systems)
hold the catalogue; documents and their sources record what each text reported;
deals, deal_lines, deal_values, status_history and deal_keys are derived by merging
sources; evidence points every field back at its document span. Indexes serve the
aggregate queries by supplier, buyer, category, year and status.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=500), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_documents_content_hash')),
    sa.UniqueConstraint('external_id', name=op.f('uq_documents_external_id'))
    )
    op.create_table('states',
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_states'))
    )
    op.create_table('deals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supplier', sa.String(length=3), nullable=True),
    sa.Column('buyer', sa.String(length=3), nullable=True),
    sa.Column('status', sa.Enum('reported', 'planned', 'proposed', 'approved', 'signed', 'delivered', 'alleged', 'considered', 'cancelled', name='status', native_enum=False, create_constraint=False, length=18), nullable=False),
    sa.Column('kind', sa.Enum('sale', 'licence production', 'technology transfer', 'aid or donation', 'lease', 'other', name='kind', native_enum=False, create_constraint=False, length=27), nullable=False),
    sa.Column('deal_date', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.Enum('day', 'month', 'year', name='date_precision', native_enum=False, create_constraint=False, length=13), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('source_count', sa.Integer(), nullable=False),
    sa.CheckConstraint('source_count >= 1', name=op.f('ck_deals_has_sources')),
    sa.ForeignKeyConstraint(['buyer'], ['states.code'], name=op.f('fk_deals_buyer_states')),
    sa.ForeignKeyConstraint(['supplier'], ['states.code'], name=op.f('fk_deals_supplier_states')),
    sa.CheckConstraint("status = 'reported' OR status = 'planned' OR status = 'proposed' OR status = 'approved' OR status = 'signed' OR status = 'delivered' OR status = 'alleged' OR status = 'considered' OR status = 'cancelled'", name=op.f('ck_deals_status')),
    sa.CheckConstraint("kind = 'sale' OR kind = 'licence production' OR kind = 'technology transfer' OR kind = 'aid or donation' OR kind = 'lease' OR kind = 'other'", name=op.f('ck_deals_kind')),
    sa.CheckConstraint("date_precision = 'day' OR date_precision = 'month' OR date_precision = 'year'", name=op.f('ck_deals_date_precision')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deals'))
    )
    with op.batch_alter_table('deals', schema=None) as batch_op:
        batch_op.create_index('ix_deals_buyer_year', ['buyer', 'year'], unique=False)
        batch_op.create_index('ix_deals_status_year', ['status', 'year'], unique=False)
        batch_op.create_index('ix_deals_supplier_buyer_year', ['supplier', 'buyer', 'year'], unique=False)
        batch_op.create_index('ix_deals_year_status', ['year', 'status'], unique=False)

    op.create_table('organisations',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('state', sa.String(length=3), nullable=True),
    sa.Column('kind', sa.Enum('company', 'procurement agency', 'ministry', 'armed force', 'other', name='kind', native_enum=False, create_constraint=False, length=26), nullable=False),
    sa.Column('multinational', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['state'], ['states.code'], name=op.f('fk_organisations_state_states')),
    sa.CheckConstraint("kind = 'company' OR kind = 'procurement agency' OR kind = 'ministry' OR kind = 'armed force' OR kind = 'other'", name=op.f('ck_organisations_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations'))
    )
    op.create_table('systems',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('designation', sa.String(length=300), nullable=True),
    sa.Column('category', sa.Enum('aircraft', 'air defence systems', 'anti-submarine warfare', 'armoured vehicles', 'artillery', 'engines', 'missiles', 'naval weapons', 'satellites', 'sensors', 'ships', 'other', 'unspecified', name='category', native_enum=False, create_constraint=False, length=30), nullable=False),
    sa.Column('origin', sa.String(length=3), nullable=True),
    sa.Column('family_id', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['family_id'], ['systems.id'], name=op.f('fk_systems_family_id_systems')),
    sa.ForeignKeyConstraint(['origin'], ['states.code'], name=op.f('fk_systems_origin_states')),
    sa.CheckConstraint("category = 'aircraft' OR category = 'air defence systems' OR category = 'anti-submarine warfare' OR category = 'armoured vehicles' OR category = 'artillery' OR category = 'engines' OR category = 'missiles' OR category = 'naval weapons' OR category = 'satellites' OR category = 'sensors' OR category = 'ships' OR category = 'other' OR category = 'unspecified'", name=op.f('ck_systems_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_systems'))
    )
    op.create_table('deal_keys',
    sa.Column('deal_id', sa.Integer(), nullable=False),
    sa.Column('match_key', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['deal_id'], ['deals.id'], name=op.f('fk_deal_keys_deal_id_deals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('deal_id', 'match_key', name=op.f('pk_deal_keys'))
    )
    with op.batch_alter_table('deal_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deal_keys_match_key'), ['match_key'], unique=False)

    op.create_table('deal_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deal_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_key', sa.Text(), nullable=False),
    sa.Column('system_id', sa.String(length=100), nullable=True),
    sa.Column('family_id', sa.String(length=100), nullable=True),
    sa.Column('category', sa.Enum('aircraft', 'air defence systems', 'anti-submarine warfare', 'armoured vehicles', 'artillery', 'engines', 'missiles', 'naval weapons', 'satellites', 'sensors', 'ships', 'other', 'unspecified', name='category', native_enum=False, create_constraint=False, length=30), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.CheckConstraint('quantity >= 0', name=op.f('ck_deal_lines_quantity_not_negative')),
    sa.ForeignKeyConstraint(['deal_id'], ['deals.id'], name=op.f('fk_deal_lines_deal_id_deals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['family_id'], ['systems.id'], name=op.f('fk_deal_lines_family_id_systems')),
    sa.ForeignKeyConstraint(['system_id'], ['systems.id'], name=op.f('fk_deal_lines_system_id_systems')),
    sa.CheckConstraint("category = 'aircraft' OR category = 'air defence systems' OR category = 'anti-submarine warfare' OR category = 'armoured vehicles' OR category = 'artillery' OR category = 'engines' OR category = 'missiles' OR category = 'naval weapons' OR category = 'satellites' OR category = 'sensors' OR category = 'ships' OR category = 'other' OR category = 'unspecified'", name=op.f('ck_deal_lines_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deal_lines')),
    sa.UniqueConstraint('deal_id', 'position', name=op.f('uq_deal_lines_deal_id_position'))
    )
    with op.batch_alter_table('deal_lines', schema=None) as batch_op:
        batch_op.create_index('ix_deal_lines_category_deal_id_quantity', ['category', 'deal_id', 'quantity'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_lines_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deal_lines_system_id'), ['system_id'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deal_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('reported', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['deal_id'], ['deals.id'], name=op.f('fk_sources_deal_id_deals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_sources_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('document_id', 'position', name=op.f('uq_sources_document_id_position'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_deal_id'), ['deal_id'], unique=False)

    op.create_table('deal_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deal_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=28, scale=6), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('approximate', sa.Boolean(), nullable=False),
    sa.Column('upper', sa.Numeric(precision=28, scale=6), nullable=True),
    sa.Column('chosen', sa.Boolean(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_deal_values_amount_not_negative')),
    sa.CheckConstraint('upper IS NULL OR upper >= amount', name=op.f('ck_deal_values_upper_not_below_amount')),
    sa.ForeignKeyConstraint(['deal_id'], ['deals.id'], name=op.f('fk_deal_values_deal_id_deals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_deal_values_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deal_values')),
    sa.UniqueConstraint('source_id', name=op.f('uq_deal_values_source_id'))
    )
    with op.batch_alter_table('deal_values', schema=None) as batch_op:
        batch_op.create_index('ix_deal_values_deal_id_chosen', ['deal_id', 'chosen', 'currency', 'amount'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('rule', sa.String(length=200), nullable=False),
    sa.CheckConstraint('span_end >= span_start', name=op.f('ck_evidence_span_ordered')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_evidence_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_source_id'), ['source_id'], unique=False)

    op.create_table('status_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deal_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('reported', 'planned', 'proposed', 'approved', 'signed', 'delivered', 'alleged', 'considered', 'cancelled', name='status', native_enum=False, create_constraint=False, length=18), nullable=False),
    sa.Column('observed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['deal_id'], ['deals.id'], name=op.f('fk_status_history_deal_id_deals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_status_history_source_id_sources'), ondelete='CASCADE'),
    sa.CheckConstraint("status = 'reported' OR status = 'planned' OR status = 'proposed' OR status = 'approved' OR status = 'signed' OR status = 'delivered' OR status = 'alleged' OR status = 'considered' OR status = 'cancelled'", name=op.f('ck_status_history_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_history')),
    sa.UniqueConstraint('source_id', name=op.f('uq_status_history_source_id'))
    )
    with op.batch_alter_table('status_history', schema=None) as batch_op:
        batch_op.create_index('ix_status_history_deal_id_observed_on', ['deal_id', 'observed_on'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('status_history', schema=None) as batch_op:
        batch_op.drop_index('ix_status_history_deal_id_observed_on')

    op.drop_table('status_history')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_source_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('deal_values', schema=None) as batch_op:
        batch_op.drop_index('ix_deal_values_deal_id_chosen')

    op.drop_table('deal_values')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_deal_id'))

    op.drop_table('sources')
    with op.batch_alter_table('deal_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deal_lines_system_id'))
        batch_op.drop_index(batch_op.f('ix_deal_lines_family_id'))
        batch_op.drop_index('ix_deal_lines_category_deal_id_quantity')

    op.drop_table('deal_lines')
    with op.batch_alter_table('deal_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deal_keys_match_key'))

    op.drop_table('deal_keys')
    op.drop_table('systems')
    op.drop_table('organisations')
    with op.batch_alter_table('deals', schema=None) as batch_op:
        batch_op.drop_index('ix_deals_year_status')
        batch_op.drop_index('ix_deals_supplier_buyer_year')
        batch_op.drop_index('ix_deals_status_year')
        batch_op.drop_index('ix_deals_buyer_year')

    op.drop_table('deals')
    op.drop_table('states')
    op.drop_table('documents')
