-- Imports: what a file replaces, and field mappings bureaus save for files whose fields have other names.

-- county: the file is the county's whole layer (imported records it lacks are removed); villages: it covers the
-- villages it touches (their imported records it lacks are removed); add: records are added or updated, none removed.
ALTER TABLE import_job ADD COLUMN scope text NOT NULL DEFAULT 'county' CHECK (scope IN ('county', 'villages', 'add'));
-- Source field → profile field renames applied to the staged rows before the checks, and GCJ-02 conversion.
ALTER TABLE import_job ADD COLUMN mapping jsonb;
ALTER TABLE import_job ADD COLUMN gcj02 boolean NOT NULL DEFAULT false;

-- A saved mapping: a bureau's own field names (e.g. 标识码, DLBM_2023) for a profile's fields, reused by name.
CREATE TABLE import_mapping (
    id              bigserial PRIMARY KEY,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    profile         text NOT NULL,
    -- {"profile_field": "source field", ...}, both lower case
    fields          jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
    created_by      text NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (profile, name)
);
COMMENT ON TABLE import_mapping IS '字段映射: saved source-field mappings for imports';
