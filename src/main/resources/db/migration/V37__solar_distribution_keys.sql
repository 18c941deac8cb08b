-- Citus co-location (docs/SCALE-OUT.md): PV sites, their consents and history carry county_code, the
-- distribution column, first in their primary, unique and foreign keys, on the shard of the county's parcels,
-- homesteads and facilities. Transformers, the upstream grid and the county assumptions stay keyed by id: they
-- are small reference tables that every node holds whole. Lookups by id alone keep a plain index.

ALTER TABLE pv_site_consent ADD COLUMN county_code varchar(6);
UPDATE pv_site_consent c SET county_code = s.county_code FROM pv_site s WHERE s.id = c.site_id;
ALTER TABLE pv_site_status_history ADD COLUMN county_code varchar(6);
UPDATE pv_site_status_history c SET county_code = s.county_code FROM pv_site s WHERE s.id = c.site_id;
ALTER TABLE pv_site_consent ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE pv_site_status_history ALTER COLUMN county_code SET NOT NULL;

ALTER TABLE pv_site DROP CONSTRAINT pv_site_pkey CASCADE;
ALTER TABLE pv_site ADD CONSTRAINT pv_site_pkey PRIMARY KEY (county_code, id);
CREATE INDEX pv_site_id ON pv_site (id);
ALTER TABLE pv_site DROP CONSTRAINT pv_site_filing_no_key;
ALTER TABLE pv_site ADD CONSTRAINT pv_site_filing_no_key UNIQUE (county_code, filing_no);
ALTER TABLE pv_site_consent DROP CONSTRAINT pv_site_consent_pkey;
ALTER TABLE pv_site_consent ADD CONSTRAINT pv_site_consent_pkey PRIMARY KEY (county_code, site_id);
CREATE INDEX pv_site_consent_site ON pv_site_consent (site_id);
ALTER TABLE pv_site_status_history DROP CONSTRAINT pv_site_status_history_pkey;
ALTER TABLE pv_site_status_history ADD CONSTRAINT pv_site_status_history_pkey PRIMARY KEY (county_code, id);

ALTER TABLE pv_site ADD CONSTRAINT pv_site_parcel_id_fkey
    FOREIGN KEY (county_code, parcel_id) REFERENCES land_parcel (county_code, id);
ALTER TABLE pv_site ADD CONSTRAINT pv_site_homestead_id_fkey
    FOREIGN KEY (county_code, homestead_id) REFERENCES homestead (county_code, id);
ALTER TABLE pv_site ADD CONSTRAINT pv_site_facility_id_fkey
    FOREIGN KEY (county_code, facility_id) REFERENCES idle_facility (county_code, id);
ALTER TABLE pv_site_consent ADD CONSTRAINT pv_site_consent_site_id_fkey
    FOREIGN KEY (county_code, site_id) REFERENCES pv_site (county_code, id) ON DELETE CASCADE;
ALTER TABLE pv_site_status_history ADD CONSTRAINT pv_site_status_history_site_id_fkey
    FOREIGN KEY (county_code, site_id) REFERENCES pv_site (county_code, id) ON DELETE CASCADE;
