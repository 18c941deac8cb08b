-- Roads, settlements and points of interest used by access and tourism searches; plan targets.
CREATE TABLE road (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    road_class      text NOT NULL CHECK (road_class IN ('national', 'provincial', 'county', 'township', 'village', 'farm')),
    name            text,
    ref             text,                                  -- G214, S226, X…
    width_m         double precision,
    surface         text CHECK (surface IN ('asphalt', 'concrete', 'gravel', 'earth')),
    length_m        double precision NOT NULL,             -- geodesic length
    synthetic       boolean NOT NULL DEFAULT true,
    geom            geometry(MultiLineString, 4490) NOT NULL
);
CREATE INDEX road_geom_gist ON road USING gist (geom);
CREATE INDEX road_county_class ON road (county_code, road_class);

CREATE TABLE settlement (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    village_code    varchar(12) REFERENCES admin_unit (code),
    name            text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('county_seat', 'township_seat', 'village', 'hamlet')),
    population      integer,
    synthetic       boolean NOT NULL DEFAULT true,
    geom            geometry(Point, 4490) NOT NULL
);
CREATE INDEX settlement_geom_gist ON settlement USING gist (geom);

CREATE TABLE poi (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    village_code    varchar(12) REFERENCES admin_unit (code),
    kind            text NOT NULL CHECK (kind IN ('scenic_spot', 'homestay', 'market', 'school', 'clinic', 'government',
                                                  'cooperative', 'processing_plant', 'bus_stop', 'service_station', 'temple')),
    name            text NOT NULL,
    synthetic       boolean NOT NULL DEFAULT true,
    geom            geometry(Point, 4490) NOT NULL
);
CREATE INDEX poi_geom_gist ON poi USING gist (geom);
CREATE INDEX poi_county_kind ON poi (county_code, kind);

-- Numeric targets from the county plans, so progress can be reported.
CREATE TABLE plan_target (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    target_year     smallint NOT NULL CHECK (target_year BETWEEN 2000 AND 2100),
    metric          text NOT NULL CHECK (metric IN (
                        'farmland_circulated_mu', 'pasture_circulated_mu', 'forest_circulated_mu',
                        'idle_homesteads_revitalized', 'high_standard_farmland_mu', 'household_pv_kw',
                        'permanent_basic_farmland_mu')),
    target_value    numeric(14, 2) NOT NULL CHECK (target_value >= 0),
    unit            text NOT NULL,
    -- Cumulative (stock by the end of the year) or flow (within the year).
    cumulative      boolean NOT NULL,
    source_document text NOT NULL,
    -- False only for targets quoted from a county's published plan.
    synthetic       boolean NOT NULL DEFAULT true,
    UNIQUE (county_code, target_year, metric)
);

-- Which data set is loaded: the demo generator records its profile, seed and version so a restart reuses
-- an identical load instead of regenerating it.
CREATE TABLE dataset_load (
    id              bigserial PRIMARY KEY,
    profile         text NOT NULL,
    seed            bigint NOT NULL,
    generator_version integer NOT NULL,
    county_codes    text[] NOT NULL,
    parcel_count    integer NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    duration_ms     bigint NOT NULL
);
