-- Citus co-location (docs/SCALE-OUT.md): roads, settlements and points of interest are distributed by county_code
-- with the parcels; administrative units stay a reference table (every node has all of them).
ALTER TABLE road DROP CONSTRAINT road_pkey CASCADE;
ALTER TABLE road ADD CONSTRAINT road_pkey PRIMARY KEY (county_code, id);
CREATE INDEX road_id ON road (id);

ALTER TABLE settlement DROP CONSTRAINT settlement_pkey CASCADE;
ALTER TABLE settlement ADD CONSTRAINT settlement_pkey PRIMARY KEY (county_code, id);
CREATE INDEX settlement_id ON settlement (id);

ALTER TABLE poi DROP CONSTRAINT poi_pkey CASCADE;
ALTER TABLE poi ADD CONSTRAINT poi_pkey PRIMARY KEY (county_code, id);
CREATE INDEX poi_id ON poi (id);
