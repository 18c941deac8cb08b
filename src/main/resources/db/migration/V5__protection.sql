-- High-standard farmland projects (高标准农田) and protection / zoning overlays.
CREATE TABLE high_standard_farmland_project (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    township_code   varchar(9) REFERENCES admin_unit (code),
    project_no      text NOT NULL UNIQUE,
    name            text NOT NULL,
    project_year    smallint NOT NULL CHECK (project_year BETWEEN 2000 AND 2100),
    status          text NOT NULL CHECK (status IN ('planned', 'building', 'completed', 'accepted')),
    investment_wan_yuan numeric(12, 2) CHECK (investment_wan_yuan >= 0),  -- 万元
    planned_area_mu numeric(12, 2) NOT NULL CHECK (planned_area_mu > 0),
    area_m2         double precision NOT NULL,              -- ellipsoidal area of geom
    synthetic       boolean NOT NULL DEFAULT true,
    geom            geometry(MultiPolygon, 4490) NOT NULL
);
CREATE INDEX hsf_project_geom_gist ON high_standard_farmland_project USING gist (geom);
CREATE INDEX hsf_project_county ON high_standard_farmland_project (county_code, project_year);

ALTER TABLE land_parcel ADD COLUMN hsf_project_id bigint REFERENCES high_standard_farmland_project (id);
CREATE INDEX land_parcel_hsf_project ON land_parcel (hsf_project_id) WHERE hsf_project_id IS NOT NULL;

CREATE TABLE protection_zone (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    zone_type       text NOT NULL CHECK (zone_type IN (
                        'permanent_basic_farmland',   -- 永久基本农田保护区
                        'ecological_red_line',        -- 生态保护红线
                        'grazing_ban',                -- 禁牧区
                        'rest_grazing',               -- 休牧区
                        'grass_livestock_balance',    -- 草畜平衡区
                        'livestock_suitable',         -- 畜禽养殖适养区
                        'livestock_restricted',       -- 畜禽养殖限养区
                        'livestock_prohibited')),     -- 畜禽养殖禁养区
    name            text NOT NULL,
    designated_year smallint,
    authority       text,
    -- Seasonal rules such as rest-grazing months.
    rules           text,
    area_m2         double precision NOT NULL,
    synthetic       boolean NOT NULL DEFAULT true,
    geom            geometry(MultiPolygon, 4490) NOT NULL
);
CREATE INDEX protection_zone_geom_gist ON protection_zone USING gist (geom);
CREATE INDEX protection_zone_county_type ON protection_zone (county_code, zone_type);
