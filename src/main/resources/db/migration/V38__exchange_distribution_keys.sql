-- Citus co-location (docs/SCALE-OUT.md): an import is of one county, so its job and its change list are
-- distributed by county_code with the county's data they stage and commit; mappings stay a reference table.
ALTER TABLE import_change ADD COLUMN county_code varchar(6);
UPDATE import_change c SET county_code = j.county_code FROM import_job j WHERE j.id = c.job_id;
ALTER TABLE import_change ALTER COLUMN county_code SET NOT NULL;

ALTER TABLE import_job DROP CONSTRAINT import_job_pkey CASCADE;
ALTER TABLE import_job ADD CONSTRAINT import_job_pkey PRIMARY KEY (county_code, id);
CREATE INDEX import_job_id ON import_job (id);
ALTER TABLE import_change DROP CONSTRAINT import_change_pkey;
ALTER TABLE import_change ADD CONSTRAINT import_change_pkey PRIMARY KEY (county_code, job_id, record_key);
ALTER TABLE import_change ADD CONSTRAINT import_change_job_id_fkey
    FOREIGN KEY (county_code, job_id) REFERENCES import_job (county_code, id) ON DELETE CASCADE;
