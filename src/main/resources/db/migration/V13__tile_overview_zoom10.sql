-- Zoom 10 tiles of a 200,000-parcel county still reached 60 KB: generalize its band at two pixels instead of 1.5.
SET LOCAL statement_timeout = 0;
UPDATE parcel_overview SET geom_z9 = generalize_polygons(geom, 0.0009, 7.5e-6);

CREATE OR REPLACE FUNCTION refresh_parcel_overview(villages text[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM parcel_overview WHERE villages IS NULL OR village_code = ANY (villages);
    INSERT INTO parcel_overview (county_code, village_code, class_group, parcel_count, area_mu, geom, geom_z11, geom_z9, geom_z7)
    SELECT county_code, village_code, class_group, parcel_count, area_mu, g,
           generalize_polygons(g, 0.00035, 4.7e-7),
           generalize_polygons(g, 0.0009, 7.5e-6),
           generalize_polygons(g, 0.0027, 6.7e-5)
    FROM (
        SELECT p.county_code, p.village_code, c.class_group, count(*) AS parcel_count, sum(p.area_mu) AS area_mu,
               ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(p.geom)), 3)) AS g
        FROM land_parcel p
        JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
        WHERE villages IS NULL OR p.village_code = ANY (villages)
        GROUP BY p.county_code, p.village_code, c.class_group
    ) d;
    GET DIAGNOSTICS n = ROW_COUNT;
    DELETE FROM parcel_overview_dirty WHERE villages IS NULL OR village_code = ANY (villages);
    RETURN n;
END $$;
