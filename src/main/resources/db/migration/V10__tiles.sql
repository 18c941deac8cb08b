-- Vector-tile support: a generalized parcel layer for low zooms, and change notifications for tile caches.

-- Parcels dissolved by village and land-class group, pre-simplified for low zooms: a whole county of 200,000
-- parcels cannot be drawn parcel by parcel in one tile at zoom 8-11.
CREATE TABLE parcel_overview (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL,
    village_code    varchar(12) NOT NULL,
    class_group     text NOT NULL,
    parcel_count    integer NOT NULL,
    area_mu         double precision NOT NULL,
    geom            geometry(MultiPolygon, 4490) NOT NULL,
    geom_z11        geometry(MultiPolygon, 4490),           -- simplified ~8 m (zoom 11)
    geom_z9         geometry(MultiPolygon, 4490),           -- simplified ~30 m (zooms 9-10)
    geom_z7         geometry(MultiPolygon, 4490),           -- simplified ~120 m (zooms 0-8)
    UNIQUE (village_code, class_group)
);
CREATE INDEX parcel_overview_geom_gist ON parcel_overview USING gist (geom);

-- Villages whose parcels changed since the overview was built.
CREATE TABLE parcel_overview_dirty (
    village_code    varchar(12) PRIMARY KEY
);

-- Rebuilds the overview of the given villages (all when NULL).
CREATE FUNCTION refresh_parcel_overview(villages text[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM parcel_overview WHERE villages IS NULL OR village_code = ANY (villages);
    INSERT INTO parcel_overview (county_code, village_code, class_group, parcel_count, area_mu, geom, geom_z11, geom_z9, geom_z7)
    SELECT county_code, village_code, class_group, parcel_count, area_mu, g,
           ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SimplifyPreserveTopology(g, 0.00007)), 3)),
           ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SimplifyPreserveTopology(g, 0.00027)), 3)),
           ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SimplifyPreserveTopology(g, 0.0011)), 3))
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

-- After any change to a tile source, notify listeners with the layer and the bounding box of the rows that
-- changed (before and after), so caches evict exactly the tiles that show them.
CREATE FUNCTION notify_tile_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
            INSERT INTO parcel_overview_dirty SELECT DISTINCT village_code FROM new_rows ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO parcel_overview_dirty SELECT DISTINCT village_code FROM old_rows ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    IF box IS NOT NULL THEN
        PERFORM pg_notify('landatlas_tiles', json_build_object('layer', TG_ARGV[0],
            'bbox', json_build_array(ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)))::text);
    END IF;
    RETURN NULL;
END $$;

-- One trigger per event: transition tables need that.
CREATE PROCEDURE watch_tile_source(tab regclass, layer text, col text) LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_tile_change(%L, %L)',
                   'tiles_ins_' || layer, tab, layer, col);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_tile_change(%L, %L)',
                   'tiles_upd_' || layer, tab, layer, col);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_tile_change(%L, %L)',
                   'tiles_del_' || layer, tab, layer, col);
END $$;

CALL watch_tile_source('land_parcel', 'land_parcel', 'geom');
CALL watch_tile_source('admin_unit', 'admin_unit', 'boundary');
CALL watch_tile_source('high_standard_farmland_project', 'high_standard_farmland_project', 'geom');
CALL watch_tile_source('protection_zone', 'protection_zone', 'geom');
CALL watch_tile_source('belt', 'belt', 'geom');
CALL watch_tile_source('circulation_listing', 'circulation_listing', 'geom');
CALL watch_tile_source('pv_site', 'pv_site', 'geom');
CALL watch_tile_source('distribution_transformer', 'distribution_transformer', 'geom');
CALL watch_tile_source('homestead', 'homestead', 'geom');
CALL watch_tile_source('road', 'road', 'geom');
CALL watch_tile_source('poi', 'poi', 'geom');
