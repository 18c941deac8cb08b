-- Data exchange: imports of a bureau's own files. A file is loaded by GDAL's ogr2ogr into a table of its own in
-- the exchange_staging schema, checked there in SQL, and merged into the feature's tables in one transaction;
-- nothing outside exchange_staging changes until the commit, and a failed or killed import leaves only its
-- staging table (dropped on cancel, on commit, and when stale).
CREATE SCHEMA exchange_staging;

CREATE TABLE import_job (
    id              bigserial PRIMARY KEY,
    profile         text NOT NULL,                      -- ImportProfile.name(), e.g. dltb
    -- No foreign key to admin_unit: the profile checks the county through region's API, and the demo loader
    -- rebuilds the units of its counties without touching imports.
    county_code     varchar(6) NOT NULL CHECK (county_code ~ '^[0-9]{6}$'),
    file_name       text NOT NULL,
    file_bytes      bigint NOT NULL CHECK (file_bytes >= 0),
    layer_name      text,                               -- the layer read from the file
    source_crs      text,                               -- as GDAL read it (or as the user overrode it)
    encoding        text,                               -- text encoding used for a Shapefile's .dbf
    status          text NOT NULL CHECK (status IN ('checked', 'rejected', 'committed', 'cancelled', 'failed')),
    feature_count   integer,
    report          jsonb NOT NULL DEFAULT '{}',        -- the validation report shown before a commit
    result          jsonb,                              -- what the commit changed (added / changed / removed)
    error           text,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
CREATE INDEX import_job_county ON import_job (county_code, created_at DESC);
COMMENT ON TABLE import_job IS '数据导入: imports of survey files, their validation reports and what their commits changed';

-- What a commit changed, per record: added, changed (with the fields before and after) or removed.
CREATE TABLE import_change (
    job_id          bigint NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    record_key      text NOT NULL,                      -- the profile's key, e.g. the parcel's BSM
    change          text NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
    fields          jsonb,                              -- changed: {field: [before, after]}
    PRIMARY KEY (job_id, record_key)
);
