-- Citus co-location (docs/SCALE-OUT.md): every county-scoped circulation table carries county_code, the
-- distribution column, and has it first in its primary key, its unique keys and its foreign keys to other
-- distributed tables, so that a county's households, listings, contracts and their children are one shard
-- group and every join and cascade along these keys stays on one node. Child tables get the column, filled from
-- their parent. Transferees (with their contacts) stay keyed by id: they are a small reference table.
-- Lookups by id alone keep a plain index (PostgreSQL 15 cannot skip the leading column of a key).

-- 1. The column, where a table lacks it, filled from the parent.
ALTER TABLE household ADD COLUMN county_code varchar(6);
UPDATE household h SET county_code = a.county_code FROM admin_unit a WHERE a.code = h.village_code;
ALTER TABLE personal.household_identity ADD COLUMN county_code varchar(6);
UPDATE personal.household_identity i SET county_code = h.county_code FROM household h WHERE h.id = i.household_id;
ALTER TABLE circulation_listing_parcel ADD COLUMN county_code varchar(6);
UPDATE circulation_listing_parcel c SET county_code = l.county_code FROM circulation_listing l WHERE l.id = c.listing_id;
ALTER TABLE circulation_contract_transferor ADD COLUMN county_code varchar(6);
UPDATE circulation_contract_transferor c SET county_code = k.county_code FROM circulation_contract k WHERE k.id = c.contract_id;
ALTER TABLE circulation_contract_parcel ADD COLUMN county_code varchar(6);
UPDATE circulation_contract_parcel c SET county_code = k.county_code FROM circulation_contract k WHERE k.id = c.contract_id;
ALTER TABLE circulation_status_history ADD COLUMN county_code varchar(6);
UPDATE circulation_status_history c SET county_code = coalesce(
    (SELECT k.county_code FROM circulation_contract k WHERE k.id = c.contract_id),
    (SELECT l.county_code FROM circulation_listing l WHERE l.id = c.listing_id));
UPDATE circulation_dispute d SET county_code = coalesce(d.county_code,
    (SELECT k.county_code FROM circulation_contract k WHERE k.id = d.contract_id),
    (SELECT p.county_code FROM land_parcel p WHERE p.id = d.parcel_id));
ALTER TABLE circulation_dispute_step ADD COLUMN county_code varchar(6);
UPDATE circulation_dispute_step s SET county_code = d.county_code FROM circulation_dispute d WHERE d.id = s.dispute_id;
ALTER TABLE circulation_parcel_adjacency ADD COLUMN county_code varchar(6);
UPDATE circulation_parcel_adjacency a SET county_code = s.county_code FROM circulation_search_parcel s WHERE s.parcel_id = a.parcel_a;
ALTER TABLE circulation_contract_payment ADD COLUMN county_code varchar(6);
UPDATE circulation_contract_payment c SET county_code = k.county_code FROM circulation_contract k WHERE k.id = c.contract_id;
ALTER TABLE circulation_contract_shareholder ADD COLUMN county_code varchar(6);
UPDATE circulation_contract_shareholder c SET county_code = k.county_code FROM circulation_contract k WHERE k.id = c.contract_id;
ALTER TABLE circulation_dividend ADD COLUMN county_code varchar(6);
UPDATE circulation_dividend c SET county_code = k.county_code FROM circulation_contract k WHERE k.id = c.contract_id;
ALTER TABLE circulation_dividend_share ADD COLUMN county_code varchar(6);
UPDATE circulation_dividend_share c SET county_code = d.county_code FROM circulation_dividend d WHERE d.id = c.dividend_id;
ALTER TABLE circulation_mortgage ADD COLUMN county_code varchar(6);
UPDATE circulation_mortgage c SET county_code = k.county_code FROM circulation_contract k WHERE k.id = c.contract_id;

ALTER TABLE household ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE personal.household_identity ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_listing_parcel ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_contract_transferor ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_contract_parcel ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_status_history ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_dispute ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_dispute_step ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_parcel_adjacency ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_contract_payment ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_contract_shareholder ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_dividend ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_dividend_share ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE circulation_mortgage ALTER COLUMN county_code SET NOT NULL;
-- A household belongs to a village of its county (as contract_plot checks for its codes).
ALTER TABLE household ADD CONSTRAINT household_county_of_village CHECK (left(village_code, 6) = county_code);

-- 2. Primary keys led by the county (CASCADE drops the foreign keys that pointed at the old ones; step 4 adds
--    them again as composite keys).
ALTER TABLE household DROP CONSTRAINT household_pkey CASCADE;
ALTER TABLE household ADD CONSTRAINT household_pkey PRIMARY KEY (county_code, id);
CREATE INDEX household_id ON household (id);
ALTER TABLE personal.household_identity DROP CONSTRAINT household_identity_pkey;
ALTER TABLE personal.household_identity ADD CONSTRAINT household_identity_pkey PRIMARY KEY (county_code, household_id);
CREATE INDEX household_identity_household ON personal.household_identity (household_id);
ALTER TABLE circulation_listing DROP CONSTRAINT circulation_listing_pkey CASCADE;
ALTER TABLE circulation_listing ADD CONSTRAINT circulation_listing_pkey PRIMARY KEY (county_code, id);
CREATE INDEX circulation_listing_id ON circulation_listing (id);
ALTER TABLE circulation_listing_parcel DROP CONSTRAINT circulation_listing_parcel_pkey;
ALTER TABLE circulation_listing_parcel ADD CONSTRAINT circulation_listing_parcel_pkey PRIMARY KEY (county_code, listing_id, parcel_id);
ALTER TABLE idle_facility DROP CONSTRAINT idle_facility_pkey CASCADE;
ALTER TABLE idle_facility ADD CONSTRAINT idle_facility_pkey PRIMARY KEY (county_code, id);
CREATE INDEX idle_facility_id ON idle_facility (id);
ALTER TABLE circulation_contract DROP CONSTRAINT circulation_contract_pkey CASCADE;
ALTER TABLE circulation_contract ADD CONSTRAINT circulation_contract_pkey PRIMARY KEY (county_code, id);
CREATE INDEX circulation_contract_id ON circulation_contract (id);
ALTER TABLE circulation_contract_transferor DROP CONSTRAINT circulation_contract_transferor_pkey;
ALTER TABLE circulation_contract_transferor ADD CONSTRAINT circulation_contract_transferor_pkey PRIMARY KEY (county_code, contract_id, household_id);
ALTER TABLE circulation_contract_parcel DROP CONSTRAINT circulation_contract_parcel_pkey;
ALTER TABLE circulation_contract_parcel ADD CONSTRAINT circulation_contract_parcel_pkey PRIMARY KEY (county_code, contract_id, parcel_id);
ALTER TABLE circulation_status_history DROP CONSTRAINT circulation_status_history_pkey;
ALTER TABLE circulation_status_history ADD CONSTRAINT circulation_status_history_pkey PRIMARY KEY (county_code, id);
ALTER TABLE circulation_dispute DROP CONSTRAINT circulation_dispute_pkey CASCADE;
ALTER TABLE circulation_dispute ADD CONSTRAINT circulation_dispute_pkey PRIMARY KEY (county_code, id);
CREATE INDEX circulation_dispute_id ON circulation_dispute (id);
ALTER TABLE circulation_dispute_step DROP CONSTRAINT circulation_dispute_step_pkey;
ALTER TABLE circulation_dispute_step ADD CONSTRAINT circulation_dispute_step_pkey PRIMARY KEY (county_code, id);
ALTER TABLE circulation_attachment DROP CONSTRAINT circulation_attachment_pkey;
ALTER TABLE circulation_attachment ADD CONSTRAINT circulation_attachment_pkey PRIMARY KEY (county_code, id);
CREATE INDEX circulation_attachment_id ON circulation_attachment (id);
ALTER TABLE contract_plot DROP CONSTRAINT contract_plot_pkey;
ALTER TABLE contract_plot ADD CONSTRAINT contract_plot_pkey PRIMARY KEY (county_code, id);
CREATE INDEX contract_plot_id ON contract_plot (id);
ALTER TABLE circulation_search_parcel DROP CONSTRAINT circulation_search_parcel_pkey CASCADE;
ALTER TABLE circulation_search_parcel ADD CONSTRAINT circulation_search_parcel_pkey PRIMARY KEY (county_code, parcel_id);
CREATE INDEX circulation_search_parcel_parcel ON circulation_search_parcel (parcel_id);
ALTER TABLE circulation_parcel_adjacency DROP CONSTRAINT circulation_parcel_adjacency_pkey;
ALTER TABLE circulation_parcel_adjacency ADD CONSTRAINT circulation_parcel_adjacency_pkey PRIMARY KEY (county_code, parcel_a, parcel_b);
ALTER TABLE circulation_contract_payment DROP CONSTRAINT circulation_contract_payment_pkey;
ALTER TABLE circulation_contract_payment ADD CONSTRAINT circulation_contract_payment_pkey PRIMARY KEY (county_code, id);
CREATE INDEX circulation_contract_payment_id ON circulation_contract_payment (id);
ALTER TABLE circulation_contract_shareholder DROP CONSTRAINT circulation_contract_shareholder_pkey CASCADE;
ALTER TABLE circulation_contract_shareholder ADD CONSTRAINT circulation_contract_shareholder_pkey PRIMARY KEY (county_code, id);
CREATE INDEX circulation_contract_shareholder_id ON circulation_contract_shareholder (id);
ALTER TABLE circulation_dividend DROP CONSTRAINT circulation_dividend_pkey CASCADE;
ALTER TABLE circulation_dividend ADD CONSTRAINT circulation_dividend_pkey PRIMARY KEY (county_code, id);
CREATE INDEX circulation_dividend_id ON circulation_dividend (id);
ALTER TABLE circulation_dividend_share DROP CONSTRAINT circulation_dividend_share_pkey;
ALTER TABLE circulation_dividend_share ADD CONSTRAINT circulation_dividend_share_pkey PRIMARY KEY (county_code, dividend_id, shareholder_id);
ALTER TABLE circulation_mortgage DROP CONSTRAINT circulation_mortgage_pkey;
ALTER TABLE circulation_mortgage ADD CONSTRAINT circulation_mortgage_pkey PRIMARY KEY (county_code, id);
CREATE INDEX circulation_mortgage_id ON circulation_mortgage (id);

-- 3. Unique keys within the county (a number is looked up by itself too: a plain index keeps that fast).
ALTER TABLE household DROP CONSTRAINT household_household_no_key;
ALTER TABLE household ADD CONSTRAINT household_household_no_key UNIQUE (county_code, household_no);
CREATE INDEX household_household_no ON household (household_no);
ALTER TABLE circulation_listing DROP CONSTRAINT circulation_listing_listing_no_key;
ALTER TABLE circulation_listing ADD CONSTRAINT circulation_listing_listing_no_key UNIQUE (county_code, listing_no);
CREATE INDEX circulation_listing_listing_no ON circulation_listing (listing_no);
ALTER TABLE circulation_contract DROP CONSTRAINT circulation_contract_contract_no_key;
ALTER TABLE circulation_contract ADD CONSTRAINT circulation_contract_contract_no_key UNIQUE (county_code, contract_no);
CREATE INDEX circulation_contract_contract_no ON circulation_contract (contract_no);
ALTER TABLE circulation_contract DROP CONSTRAINT circulation_contract_filing_no_key;
ALTER TABLE circulation_contract ADD CONSTRAINT circulation_contract_filing_no_key UNIQUE (county_code, filing_no);
ALTER TABLE contract_plot DROP CONSTRAINT contract_plot_dkbm_key;
ALTER TABLE contract_plot ADD CONSTRAINT contract_plot_dkbm_key UNIQUE (county_code, dkbm);
ALTER TABLE circulation_contract_payment DROP CONSTRAINT circulation_contract_payment_contract_id_due_on_key;
ALTER TABLE circulation_contract_payment ADD CONSTRAINT circulation_contract_payment_contract_id_due_on_key UNIQUE (county_code, contract_id, due_on);
ALTER TABLE circulation_contract_shareholder DROP CONSTRAINT circulation_contract_shareholder_contract_id_household_id_key;
ALTER TABLE circulation_contract_shareholder ADD CONSTRAINT circulation_contract_shareholder_contract_id_household_id_key UNIQUE (county_code, contract_id, household_id);
ALTER TABLE circulation_contract_shareholder DROP CONSTRAINT circulation_contract_sharehol_contract_id_collective_villag_key;
ALTER TABLE circulation_contract_shareholder ADD CONSTRAINT circulation_contract_shareholder_contract_id_collective_key UNIQUE (county_code, contract_id, collective_village_code);
ALTER TABLE circulation_dividend DROP CONSTRAINT circulation_dividend_contract_id_year_key;
ALTER TABLE circulation_dividend ADD CONSTRAINT circulation_dividend_contract_id_year_key UNIQUE (county_code, contract_id, year);

-- 4. Foreign keys between distributed tables, with the county.
ALTER TABLE personal.household_identity ADD CONSTRAINT household_identity_household_id_fkey
    FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_listing_parcel ADD CONSTRAINT circulation_listing_parcel_listing_id_fkey
    FOREIGN KEY (county_code, listing_id) REFERENCES circulation_listing (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_listing_parcel ADD CONSTRAINT circulation_listing_parcel_parcel_id_fkey
    FOREIGN KEY (county_code, parcel_id) REFERENCES land_parcel (county_code, id);
ALTER TABLE idle_facility ADD CONSTRAINT idle_facility_parcel_id_fkey
    FOREIGN KEY (county_code, parcel_id) REFERENCES land_parcel (county_code, id);
ALTER TABLE idle_facility ADD CONSTRAINT idle_facility_listing_id_fkey
    FOREIGN KEY (county_code, listing_id) REFERENCES circulation_listing (county_code, id);
ALTER TABLE circulation_contract ADD CONSTRAINT circulation_contract_listing_id_fkey
    FOREIGN KEY (county_code, listing_id) REFERENCES circulation_listing (county_code, id);
ALTER TABLE circulation_contract_transferor ADD CONSTRAINT circulation_contract_transferor_contract_id_fkey
    FOREIGN KEY (county_code, contract_id) REFERENCES circulation_contract (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_contract_transferor ADD CONSTRAINT circulation_contract_transferor_household_id_fkey
    FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id);
ALTER TABLE circulation_contract_parcel ADD CONSTRAINT circulation_contract_parcel_contract_id_fkey
    FOREIGN KEY (county_code, contract_id) REFERENCES circulation_contract (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_contract_parcel ADD CONSTRAINT circulation_contract_parcel_parcel_id_fkey
    FOREIGN KEY (county_code, parcel_id) REFERENCES land_parcel (county_code, id);
ALTER TABLE circulation_status_history ADD CONSTRAINT circulation_status_history_contract_id_fkey
    FOREIGN KEY (county_code, contract_id) REFERENCES circulation_contract (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_status_history ADD CONSTRAINT circulation_status_history_listing_id_fkey
    FOREIGN KEY (county_code, listing_id) REFERENCES circulation_listing (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_dispute ADD CONSTRAINT circulation_dispute_contract_id_fkey
    FOREIGN KEY (county_code, contract_id) REFERENCES circulation_contract (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_dispute ADD CONSTRAINT circulation_dispute_parcel_id_fkey
    FOREIGN KEY (county_code, parcel_id) REFERENCES land_parcel (county_code, id);
ALTER TABLE circulation_dispute_step ADD CONSTRAINT circulation_dispute_step_dispute_id_fkey
    FOREIGN KEY (county_code, dispute_id) REFERENCES circulation_dispute (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_attachment ADD CONSTRAINT circulation_attachment_listing_id_fkey
    FOREIGN KEY (county_code, listing_id) REFERENCES circulation_listing (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_attachment ADD CONSTRAINT circulation_attachment_dispute_id_fkey
    FOREIGN KEY (county_code, dispute_id) REFERENCES circulation_dispute (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_search_parcel ADD CONSTRAINT circulation_search_parcel_parcel_id_fkey
    FOREIGN KEY (county_code, parcel_id) REFERENCES land_parcel (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_search_parcel ADD CONSTRAINT circulation_search_parcel_listing_id_fkey
    FOREIGN KEY (county_code, listing_id) REFERENCES circulation_listing (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_parcel_adjacency ADD CONSTRAINT circulation_parcel_adjacency_parcel_a_fkey
    FOREIGN KEY (county_code, parcel_a) REFERENCES circulation_search_parcel (county_code, parcel_id) ON DELETE CASCADE;
ALTER TABLE circulation_parcel_adjacency ADD CONSTRAINT circulation_parcel_adjacency_parcel_b_fkey
    FOREIGN KEY (county_code, parcel_b) REFERENCES circulation_search_parcel (county_code, parcel_id) ON DELETE CASCADE;
ALTER TABLE circulation_contract_payment ADD CONSTRAINT circulation_contract_payment_contract_id_fkey
    FOREIGN KEY (county_code, contract_id) REFERENCES circulation_contract (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_contract_shareholder ADD CONSTRAINT circulation_contract_shareholder_contract_id_fkey
    FOREIGN KEY (county_code, contract_id) REFERENCES circulation_contract (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_contract_shareholder ADD CONSTRAINT circulation_contract_shareholder_household_id_fkey
    FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id);
ALTER TABLE circulation_dividend ADD CONSTRAINT circulation_dividend_contract_id_fkey
    FOREIGN KEY (county_code, contract_id) REFERENCES circulation_contract (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_dividend_share ADD CONSTRAINT circulation_dividend_share_dividend_id_fkey
    FOREIGN KEY (county_code, dividend_id) REFERENCES circulation_dividend (county_code, id) ON DELETE CASCADE;
ALTER TABLE circulation_dividend_share ADD CONSTRAINT circulation_dividend_share_shareholder_id_fkey
    FOREIGN KEY (county_code, shareholder_id) REFERENCES circulation_contract_shareholder (county_code, id);
ALTER TABLE circulation_mortgage ADD CONSTRAINT circulation_mortgage_contract_id_fkey
    FOREIGN KEY (county_code, contract_id) REFERENCES circulation_contract (county_code, id) ON DELETE CASCADE;
