-- Listings as work (挂牌 / 预流转) and disputes (纠纷调处), issue #11.
--
-- Listings: a listing that led to a contract is now "contracted" (was "closed"), and a listing past its
-- closing date is "expired". Staff create and edit listings through the API, so each row gets a version for
-- optimistic locking (two officers editing one listing: the second is refused instead of overwriting), the
-- minimum term (term_years stays the maximum), every mode accepted, the uses allowed and the conditions for the
-- transferee.
ALTER TABLE circulation_listing DROP CONSTRAINT circulation_listing_status_check;
UPDATE circulation_listing SET status = 'contracted' WHERE status = 'closed';
UPDATE circulation_status_history SET to_status = 'contracted' WHERE listing_id IS NOT NULL AND to_status = 'closed';
UPDATE circulation_status_history SET from_status = 'contracted' WHERE listing_id IS NOT NULL AND from_status = 'closed';
ALTER TABLE circulation_listing
    ADD CONSTRAINT circulation_listing_status_check
        CHECK (status IN ('draft', 'listed', 'negotiating', 'contracted', 'withdrawn', 'expired')),
    ADD COLUMN version integer NOT NULL DEFAULT 0,
    ADD COLUMN min_term_years smallint,
    ADD COLUMN modes text[] NOT NULL DEFAULT '{}',
    ADD COLUMN allowed_uses text[] NOT NULL DEFAULT '{}',
    ADD COLUMN transferee_conditions text,
    ADD COLUMN created_by text,
    ADD COLUMN updated_by text,
    ADD CONSTRAINT circulation_listing_min_term CHECK (min_term_years IS NULL OR min_term_years BETWEEN 1 AND term_years),
    -- Legacy modes (互换, 转让) transfer the contract right, not the management right: never offered.
    ADD CONSTRAINT circulation_listing_modes CHECK (modes <@ ARRAY['lease', 'equity', 'other']::text[]);
UPDATE circulation_listing SET modes = ARRAY[mode];
-- The expiry job looks for listings on offer past their date.
CREATE INDEX circulation_listing_expiry ON circulation_listing (expires_on) WHERE status IN ('listed', 'negotiating');

-- Photos and documents of listings and disputes: JPEG, PNG or PDF (checked by their first bytes), size-limited
-- by the service (landatlas.circulation.max-attachment-mb), kept in the database so a backup holds them.
CREATE TABLE circulation_attachment (
    id              bigserial PRIMARY KEY,
    listing_id      bigint REFERENCES circulation_listing (id) ON DELETE CASCADE,
    dispute_id      bigint REFERENCES circulation_dispute (id) ON DELETE CASCADE,
    -- No foreign key to admin_unit: the demo loader truncates admin_unit with its own tables, and the county
    -- follows from the listing or dispute (checked when the file is uploaded).
    county_code     varchar(6) NOT NULL,
    file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type    text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size_bytes      integer NOT NULL CHECK (size_bytes > 0),
    sha256          char(64) NOT NULL,
    content         bytea NOT NULL,
    uploaded_by     text NOT NULL,
    uploaded_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(listing_id, dispute_id) = 1)
);
CREATE INDEX circulation_attachment_listing ON circulation_attachment (listing_id);
CREATE INDEX circulation_attachment_dispute ON circulation_attachment (dispute_id);

-- Disputes: over a contract or over a parcel (a boundary quarrel needs no contract). The county is stored so
-- scope checks need no join; the contract's status before the dispute is restored when it is resolved.
ALTER TABLE circulation_dispute
    ALTER COLUMN contract_id DROP NOT NULL,
    ADD COLUMN parcel_id bigint REFERENCES land_parcel (id),
    ADD COLUMN county_code varchar(6) REFERENCES admin_unit (code),
    ADD COLUMN version integer NOT NULL DEFAULT 0,
    ADD COLUMN outcome text,
    ADD COLUMN contract_status_before text,
    ADD COLUMN opened_by text,
    ADD COLUMN resolved_by text,
    ADD CONSTRAINT circulation_dispute_subject CHECK (num_nonnulls(contract_id, parcel_id) = 1),
    ADD CONSTRAINT circulation_dispute_resolved CHECK ((stage = 'resolved') = (resolved_on IS NOT NULL));
UPDATE circulation_dispute d SET county_code = c.county_code FROM circulation_contract c WHERE c.id = d.contract_id;
ALTER TABLE circulation_dispute ALTER COLUMN county_code SET NOT NULL;
CREATE INDEX circulation_dispute_parcel ON circulation_dispute (parcel_id);
CREATE INDEX circulation_dispute_open ON circulation_dispute (county_code, opened_on) WHERE resolved_on IS NULL;

-- The steps of a dispute: negotiation → village / township mediation → arbitration → court, each with its
-- dates and outcome (documents are attachments of the dispute).
CREATE TABLE circulation_dispute_step (
    id              bigserial PRIMARY KEY,
    dispute_id      bigint NOT NULL REFERENCES circulation_dispute (id) ON DELETE CASCADE,
    stage           text NOT NULL CHECK (stage IN ('negotiation', 'village_mediation', 'township_mediation', 'arbitration', 'court')),
    started_on      date NOT NULL,
    ended_on        date,
    outcome         text,
    recorded_by     text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX circulation_dispute_step_dispute ON circulation_dispute_step (dispute_id, started_on);
-- The demo's disputes reached their stage in one step.
INSERT INTO circulation_dispute_step (dispute_id, stage, started_on, ended_on, recorded_by)
SELECT id, CASE WHEN stage = 'resolved' THEN 'negotiation' ELSE stage END, opened_on, resolved_on, 'migration'
FROM circulation_dispute;
