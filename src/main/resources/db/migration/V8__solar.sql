-- Household photovoltaics (户用光伏) on roofs of homesteads, livestock sheds and greenhouses, or in yards,
-- and the distribution transformers (台区) they connect to.
CREATE TABLE distribution_transformer (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    village_code    varchar(12) NOT NULL REFERENCES admin_unit (code),
    name            text NOT NULL,                         -- 台区名称
    asset_no        text NOT NULL UNIQUE,
    rated_kva       integer NOT NULL CHECK (rated_kva > 0),
    voltage_kv      numeric(5, 2) NOT NULL DEFAULT 10,
    -- Share of rated capacity that household PV may take (grid company rule of thumb 25-30 %).
    pv_hosting_ratio numeric(4, 3) NOT NULL DEFAULT 0.25 CHECK (pv_hosting_ratio > 0 AND pv_hosting_ratio <= 1),
    synthetic       boolean NOT NULL DEFAULT true,
    geom            geometry(Point, 4490) NOT NULL
);
CREATE INDEX distribution_transformer_geom_gist ON distribution_transformer USING gist (geom);
CREATE INDEX distribution_transformer_village ON distribution_transformer (village_code);

CREATE TABLE pv_site (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    village_code    varchar(12) NOT NULL REFERENCES admin_unit (code),
    site_kind       text NOT NULL CHECK (site_kind IN ('homestead_roof', 'livestock_shed', 'greenhouse', 'yard')),
    homestead_id    bigint REFERENCES homestead (id),
    facility_id     bigint REFERENCES idle_facility (id),
    parcel_id       bigint REFERENCES land_parcel (id),
    roof_type       text CHECK (roof_type IN ('concrete_flat', 'color_steel', 'tile', 'film', 'ground')),
    roof_area_m2    double precision NOT NULL CHECK (roof_area_m2 > 0),
    usable_area_m2  double precision NOT NULL CHECK (usable_area_m2 > 0),
    capacity_kw     double precision NOT NULL CHECK (capacity_kw > 0),
    annual_hours    double precision NOT NULL CHECK (annual_hours BETWEEN 500 AND 2500),
    grid_mode       text NOT NULL CHECK (grid_mode IN ('full_export', 'self_use_surplus_export', 'full_self_use')), -- 全额上网/自发自用余电上网/全部自用
    owner_type      text NOT NULL CHECK (owner_type IN ('natural_person', 'non_natural_person')),
    status          text NOT NULL CHECK (status IN ('candidate', 'surveyed', 'filed', 'approved', 'building', 'connected', 'rejected')),
    filing_no       text UNIQUE,
    transformer_id  bigint REFERENCES distribution_transformer (id),
    queue_position  integer,
    connected_on    date,
    synthetic       boolean NOT NULL DEFAULT true,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    geom            geometry(Polygon, 4490) NOT NULL,      -- roof outline / array footprint
    CHECK (usable_area_m2 <= roof_area_m2),
    CHECK (status <> 'connected' OR transformer_id IS NOT NULL)
);
CREATE INDEX pv_site_geom_gist ON pv_site USING gist (geom);
CREATE INDEX pv_site_transformer ON pv_site (transformer_id, status);
CREATE INDEX pv_site_village ON pv_site (village_code);

-- Connected and pending PV per transformer is derived, never stored, so it cannot drift from the sites.
CREATE VIEW distribution_transformer_load AS
SELECT t.id AS transformer_id,
       t.rated_kva,
       t.rated_kva * t.pv_hosting_ratio AS pv_hosting_kw,
       coalesce(sum(s.capacity_kw) FILTER (WHERE s.status = 'connected'), 0) AS connected_pv_kw,
       coalesce(sum(s.capacity_kw) FILTER (WHERE s.status IN ('filed', 'approved', 'building')), 0) AS pending_pv_kw,
       t.rated_kva * t.pv_hosting_ratio
         - coalesce(sum(s.capacity_kw) FILTER (WHERE s.status IN ('connected', 'filed', 'approved', 'building')), 0) AS open_capacity_kw
FROM distribution_transformer t
LEFT JOIN pv_site s ON s.transformer_id = t.id
GROUP BY t.id;
