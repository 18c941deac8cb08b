-- Administrative units: county (旗/县/市) → township (镇/乡/苏木/街道) → village (村/嘎查/社区).
-- Codes are the statistical division codes: 6 digits for a county, 9 for a township, 12 for a village,
-- each starting with its parent's code.
CREATE TABLE admin_unit (
    code            varchar(12) PRIMARY KEY,
    level           text NOT NULL CHECK (level IN ('county', 'township', 'village')),
    name            text NOT NULL,
    -- 镇, 乡, 民族乡, 苏木, 街道, 村, 嘎查, 社区, 旗, 县, 市 …
    kind            text NOT NULL,
    parent_code     varchar(12) REFERENCES admin_unit (code),
    county_code     varchar(6) NOT NULL,
    province_name   text,
    city_name       text,
    population      integer CHECK (population >= 0),
    households      integer CHECK (households >= 0),
    -- Ellipsoidal area of the boundary (CGCS2000), m².
    area_m2         double precision,
    -- True where boundary and figures were synthesised: names and codes are real, but township and village
    -- lines are in no open source, and population figures of the demo are invented.
    synthetic       boolean NOT NULL DEFAULT true,
    boundary        geometry(MultiPolygon, 4490) NOT NULL,
    -- Seat or label point: the township/village government or the settlement centre.
    seat            geometry(Point, 4490) NOT NULL,
    CONSTRAINT admin_unit_code_shape CHECK (
        (level = 'county'   AND code ~ '^[0-9]{6}$'  AND parent_code IS NULL) OR
        (level = 'township' AND code ~ '^[0-9]{9}$'  AND parent_code = left(code, 6)) OR
        (level = 'village'  AND code ~ '^[0-9]{12}$' AND parent_code = left(code, 9))),
    CONSTRAINT admin_unit_county_prefix CHECK (county_code = left(code, 6)),
    CONSTRAINT admin_unit_boundary_valid CHECK (ST_IsValid(boundary))
);
CREATE INDEX admin_unit_boundary_gist ON admin_unit USING gist (boundary);
CREATE INDEX admin_unit_seat_gist ON admin_unit USING gist (seat);
CREATE INDEX admin_unit_parent ON admin_unit (parent_code);
CREATE INDEX admin_unit_county_level ON admin_unit (county_code, level);
COMMENT ON TABLE admin_unit IS '行政区划: counties, townships and villages with boundaries in CGCS2000 (EPSG:4490)';
