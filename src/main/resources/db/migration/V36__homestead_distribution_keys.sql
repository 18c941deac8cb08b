-- Citus co-location (docs/SCALE-OUT.md): homesteads, their houses, revitalizations, history and safety checks
-- carry county_code, the distribution column, first in their primary, unique and foreign keys, so that a
-- county's homesteads sit on the shard of its parcels and households. Child tables get the column from their
-- homestead. Lookups by id alone keep a plain index (PostgreSQL 15 cannot skip the leading column of a key).

ALTER TABLE rural_house ADD COLUMN county_code varchar(6);
UPDATE rural_house c SET county_code = h.county_code FROM homestead h WHERE h.id = c.homestead_id;
ALTER TABLE homestead_revitalization ADD COLUMN county_code varchar(6);
UPDATE homestead_revitalization c SET county_code = h.county_code FROM homestead h WHERE h.id = c.homestead_id;
ALTER TABLE homestead_status_history ADD COLUMN county_code varchar(6);
UPDATE homestead_status_history c SET county_code = h.county_code FROM homestead h WHERE h.id = c.homestead_id;
ALTER TABLE homestead_safety_check ADD COLUMN county_code varchar(6);
UPDATE homestead_safety_check c SET county_code = h.county_code FROM homestead h WHERE h.id = c.homestead_id;
ALTER TABLE rural_house ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE homestead_revitalization ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE homestead_status_history ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE homestead_safety_check ALTER COLUMN county_code SET NOT NULL;

ALTER TABLE homestead DROP CONSTRAINT homestead_pkey CASCADE;
ALTER TABLE homestead ADD CONSTRAINT homestead_pkey PRIMARY KEY (county_code, id);
CREATE INDEX homestead_id ON homestead (id);
ALTER TABLE homestead DROP CONSTRAINT homestead_certificate_no_key;
ALTER TABLE homestead ADD CONSTRAINT homestead_certificate_no_key UNIQUE (county_code, certificate_no);
ALTER TABLE rural_house DROP CONSTRAINT rural_house_pkey CASCADE;
ALTER TABLE rural_house ADD CONSTRAINT rural_house_pkey PRIMARY KEY (county_code, id);
CREATE INDEX rural_house_id ON rural_house (id);
ALTER TABLE homestead_revitalization DROP CONSTRAINT homestead_revitalization_pkey;
ALTER TABLE homestead_revitalization ADD CONSTRAINT homestead_revitalization_pkey PRIMARY KEY (county_code, id);
CREATE INDEX homestead_revitalization_id ON homestead_revitalization (id);
DROP INDEX homestead_revitalization_open;
CREATE UNIQUE INDEX homestead_revitalization_open ON homestead_revitalization (county_code, homestead_id) WHERE status IN ('proposed', 'approved', 'active');
ALTER TABLE homestead_status_history DROP CONSTRAINT homestead_status_history_pkey;
ALTER TABLE homestead_status_history ADD CONSTRAINT homestead_status_history_pkey PRIMARY KEY (county_code, id);
ALTER TABLE homestead_safety_check DROP CONSTRAINT homestead_safety_check_pkey;
ALTER TABLE homestead_safety_check ADD CONSTRAINT homestead_safety_check_pkey PRIMARY KEY (county_code, id);
CREATE INDEX homestead_safety_check_id ON homestead_safety_check (id);

ALTER TABLE homestead ADD CONSTRAINT homestead_parcel_id_fkey
    FOREIGN KEY (county_code, parcel_id) REFERENCES land_parcel (county_code, id);
ALTER TABLE homestead ADD CONSTRAINT homestead_household_id_fkey
    FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id);
ALTER TABLE rural_house ADD CONSTRAINT rural_house_homestead_id_fkey
    FOREIGN KEY (county_code, homestead_id) REFERENCES homestead (county_code, id) ON DELETE CASCADE;
ALTER TABLE homestead_revitalization ADD CONSTRAINT homestead_revitalization_homestead_id_fkey
    FOREIGN KEY (county_code, homestead_id) REFERENCES homestead (county_code, id) ON DELETE CASCADE;
ALTER TABLE homestead_status_history ADD CONSTRAINT homestead_status_history_homestead_id_fkey
    FOREIGN KEY (county_code, homestead_id) REFERENCES homestead (county_code, id) ON DELETE CASCADE;
ALTER TABLE homestead_safety_check ADD CONSTRAINT homestead_safety_check_homestead_id_fkey
    FOREIGN KEY (county_code, homestead_id) REFERENCES homestead (county_code, id) ON DELETE CASCADE;
ALTER TABLE homestead_safety_check ADD CONSTRAINT homestead_safety_check_house_id_fkey
    FOREIGN KEY (county_code, house_id) REFERENCES rural_house (county_code, id) ON DELETE CASCADE;
