-- Citus co-location (docs/SCALE-OUT.md): the parcel module's county-scoped tables carry county_code, the
-- distribution column, in their primary and unique keys, so each county's rows can live on one shard and the
-- foreign keys of other modules' tables to them (re-added by those modules' own migrations, as composite keys)
-- stay shard-local. Lookups by id alone keep a plain index: PostgreSQL 15 cannot skip the leading column.
-- Dropping a primary key CASCADE drops the foreign keys that point at it, without this module naming them.

ALTER TABLE land_parcel DROP CONSTRAINT land_parcel_pkey CASCADE;
ALTER TABLE land_parcel ADD CONSTRAINT land_parcel_pkey PRIMARY KEY (county_code, id);
CREATE INDEX land_parcel_id ON land_parcel (id);
ALTER TABLE land_parcel DROP CONSTRAINT land_parcel_bsm_key;
ALTER TABLE land_parcel ADD CONSTRAINT land_parcel_bsm_key UNIQUE (county_code, bsm);
-- The DLTB import refuses a BSM another county already uses (parcel.DltbImportProfile): that check asks by BSM alone.
CREATE INDEX land_parcel_bsm ON land_parcel (bsm);

ALTER TABLE protection_zone DROP CONSTRAINT protection_zone_pkey CASCADE;
ALTER TABLE protection_zone ADD CONSTRAINT protection_zone_pkey PRIMARY KEY (county_code, id);
CREATE INDEX protection_zone_id ON protection_zone (id);

ALTER TABLE parcel_overview DROP CONSTRAINT parcel_overview_pkey;
ALTER TABLE parcel_overview ADD CONSTRAINT parcel_overview_pkey PRIMARY KEY (county_code, id);
ALTER TABLE parcel_overview DROP CONSTRAINT parcel_overview_village_code_class_group_key;
ALTER TABLE parcel_overview ADD CONSTRAINT parcel_overview_village_code_class_group_key UNIQUE (county_code, village_code, class_group);
CREATE INDEX parcel_overview_id ON parcel_overview (id);

-- The queue of villages whose overview is stale: a parcel write adds to it in the parcel's own shard.
ALTER TABLE parcel_overview_dirty ADD COLUMN county_code varchar(6);
UPDATE parcel_overview_dirty d SET county_code = (SELECT p.county_code FROM land_parcel p WHERE p.village_code = d.village_code LIMIT 1);
-- A queued village without parcels has nothing to redraw.
DELETE FROM parcel_overview_dirty WHERE county_code IS NULL;
ALTER TABLE parcel_overview_dirty ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE parcel_overview_dirty DROP CONSTRAINT parcel_overview_dirty_pkey;
ALTER TABLE parcel_overview_dirty ADD CONSTRAINT parcel_overview_dirty_pkey PRIMARY KEY (county_code, village_code);

CREATE OR REPLACE FUNCTION notify_tile_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    col text := TG_ARGV[1];
    box box2d;
    box_old box2d;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE format('SELECT ST_Extent(%I) FROM new_rows', col) INTO box;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE format('SELECT ST_Extent(%I) FROM old_rows', col) INTO box_old;
        box := CASE WHEN box IS NULL THEN box_old WHEN box_old IS NULL THEN box ELSE ST_Extent(ST_Collect(box::geometry, box_old::geometry)) END;
    END IF;
    IF TG_TABLE_NAME = 'land_parcel' THEN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO parcel_overview_dirty (county_code, village_code) SELECT DISTINCT county_code, village_code FROM new_rows ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO parcel_overview_dirty (county_code, village_code) SELECT DISTINCT county_code, village_code FROM old_rows ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    IF box IS NOT NULL THEN
        PERFORM pg_notify('landatlas_tiles', json_build_object('layer', TG_ARGV[0],
            'bbox', json_build_array(ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)))::text);
    END IF;
    RETURN NULL;
END $$;

-- 图斑编号 is unique within its 坐落单位, which lies in the county: the key names the county for Citus.
DROP INDEX land_parcel_tbbh_in_unit;
CREATE UNIQUE INDEX land_parcel_tbbh_in_unit ON land_parcel (county_code, zldwdm, tbbh);
