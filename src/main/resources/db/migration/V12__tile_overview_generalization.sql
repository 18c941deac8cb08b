-- Low-zoom parcel tiles were too heavy: dissolved village × class-group polygons keep every single-parcel part and
-- every hole. Generalize each zoom band like a cartographer: simplify, then drop parts and holes smaller than
-- about a pixel or two at that zoom.
SET LOCAL statement_timeout = 0;

CREATE FUNCTION generalize_polygons(g geometry, tolerance float8, min_area float8) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Collect(p)), 3))
    FROM (
        SELECT ST_MakePolygon(ST_ExteriorRing(d.geom), ARRAY(
                   SELECT ST_ExteriorRing(h.geom) FROM ST_DumpRings(d.geom) h
                   WHERE h.path[1] > 0 AND ST_Area(h.geom) > min_area)) AS p
        FROM ST_Dump(ST_SimplifyPreserveTopology(g, tolerance)) d
        WHERE ST_Area(d.geom) > min_area
    ) s
$$;

-- Pixel sizes (256-pixel tiles): zoom 8 ≈ 0.0055°, zoom 10 ≈ 0.0014°, zoom 11 ≈ 0.0007°.
CREATE OR REPLACE FUNCTION refresh_parcel_overview(villages text[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM parcel_overview WHERE villages IS NULL OR village_code = ANY (villages);
    INSERT INTO parcel_overview (county_code, village_code, class_group, parcel_count, area_mu, geom, geom_z11, geom_z9, geom_z7)
    SELECT county_code, village_code, class_group, parcel_count, area_mu, g,
           generalize_polygons(g, 0.00035, 4.7e-7),
           generalize_polygons(g, 0.0007, 4.2e-6),
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

SELECT refresh_parcel_overview(NULL);

-- "Is any parcel real (imported)?" is asked often and must not scan every synthetic parcel.
CREATE INDEX land_parcel_real ON land_parcel (id) WHERE NOT synthetic;
