-- Terrain: one DEM raster per county and the altitude industry belts planned on it.
CREATE TABLE dem (
    county_code     varchar(6) PRIMARY KEY REFERENCES admin_unit (code),
    rast            raster NOT NULL,
    resolution_m    double precision NOT NULL,
    min_elevation_m double precision NOT NULL,
    max_elevation_m double precision NOT NULL,
    source          text NOT NULL,
    synthetic       boolean NOT NULL DEFAULT true
);
CREATE INDEX dem_rast_gist ON dem USING gist (ST_ConvexHull(rast));
COMMENT ON TABLE dem IS '数字高程模型: a digital elevation model per county, metres above sea level';

-- A belt scheme divides a county by altitude (e.g. 河谷 / 半山 / 高原 in Shangri-La); a county may keep
-- several schemes (the plan's and an alternative) with one marked default.
CREATE TABLE belt_scheme (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    name            text NOT NULL,
    description     text,
    is_default      boolean NOT NULL DEFAULT false,
    UNIQUE (county_code, name)
);
CREATE UNIQUE INDEX belt_scheme_one_default ON belt_scheme (county_code) WHERE is_default;

CREATE TABLE belt (
    id              bigserial PRIMARY KEY,
    scheme_id       bigint NOT NULL REFERENCES belt_scheme (id) ON DELETE CASCADE,
    -- Stable key used by the API enum: valley, half_mountain, plateau, alpine, plain, hill, mountain …
    code            text NOT NULL,
    name            text NOT NULL,
    min_elevation_m double precision NOT NULL,
    max_elevation_m double precision NOT NULL,
    recommended_industries text[] NOT NULL DEFAULT '{}',
    colour          varchar(7) NOT NULL DEFAULT '#888888',
    -- The area of the county whose DEM elevation falls in [min, max).
    geom            geometry(MultiPolygon, 4490),
    UNIQUE (scheme_id, code),
    CHECK (max_elevation_m > min_elevation_m)
);
CREATE INDEX belt_geom_gist ON belt USING gist (geom);
COMMENT ON TABLE belt IS '产业带: an altitude band with the industries recommended in it';
