-- Every geometry column gets a GiST index, the generalized overview bands too (a few thousand rows: cheap).
SET LOCAL statement_timeout = 0;
CREATE INDEX parcel_overview_geom_z11_gist ON parcel_overview USING gist (geom_z11);
CREATE INDEX parcel_overview_geom_z9_gist ON parcel_overview USING gist (geom_z9);
CREATE INDEX parcel_overview_geom_z7_gist ON parcel_overview USING gist (geom_z7);
