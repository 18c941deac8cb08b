-- Imported protection zones (permanent basic farmland …) keep the key of the bureau's file (BSM), so that a newer
-- file updates them by it; demo zones have none.
ALTER TABLE protection_zone ADD COLUMN source_key text;
CREATE UNIQUE INDEX protection_zone_source_key ON protection_zone (county_code, zone_type, source_key) WHERE source_key IS NOT NULL;
