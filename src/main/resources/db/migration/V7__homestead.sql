-- Homesteads (宅基地) and rural houses (农房), their idleness and revitalization (闲置宅基地盘活).
CREATE TABLE homestead (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    village_code    varchar(12) NOT NULL REFERENCES admin_unit (code),
    parcel_id       bigint REFERENCES land_parcel (id),
    household_id    bigint REFERENCES household (id),
    certificate_no  text UNIQUE,                           -- 宅基地使用权证 / 不动产权证号
    site_area_m2    double precision NOT NULL CHECK (site_area_m2 > 0),
    approved_area_m2 double precision CHECK (approved_area_m2 > 0),
    occupancy       text NOT NULL CHECK (occupancy IN ('occupied', 'seasonal', 'idle')),
    idle_since      date,
    surveyed_on     date,
    revitalization_status text NOT NULL DEFAULT 'none'
                    CHECK (revitalization_status IN ('none', 'offered', 'negotiating', 'revitalized', 'withdrawn')),
    synthetic       boolean NOT NULL DEFAULT true,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    geom            geometry(MultiPolygon, 4490) NOT NULL,
    CHECK (occupancy <> 'idle' OR idle_since IS NOT NULL)
);
CREATE INDEX homestead_geom_gist ON homestead USING gist (geom);
CREATE INDEX homestead_village_status ON homestead (village_code, occupancy, revitalization_status);

CREATE TABLE rural_house (
    id              bigserial PRIMARY KEY,
    homestead_id    bigint NOT NULL REFERENCES homestead (id) ON DELETE CASCADE,
    floor_area_m2   double precision NOT NULL CHECK (floor_area_m2 > 0),
    floors          smallint NOT NULL CHECK (floors BETWEEN 1 AND 6),
    structure       text NOT NULL CHECK (structure IN ('brick_concrete', 'brick_wood', 'wood', 'earth', 'steel', 'stone', 'other')),
    built_year      smallint,
    condition       text NOT NULL CHECK (condition IN ('good', 'fair', 'poor', 'dangerous')),
    footprint       geometry(Polygon, 4490) NOT NULL
);
CREATE INDEX rural_house_footprint_gist ON rural_house USING gist (footprint);
CREATE INDEX rural_house_homestead ON rural_house (homestead_id);

-- A revitalization: how an idle homestead is put back to use, by whom, for what and how long.
CREATE TABLE homestead_revitalization (
    id              bigserial PRIMARY KEY,
    homestead_id    bigint NOT NULL REFERENCES homestead (id) ON DELETE CASCADE,
    mode            text NOT NULL CHECK (mode IN ('self_operated', 'lease', 'equity', 'cooperation')), -- 自营/出租/入股/合作
    counterparty_kind text NOT NULL CHECK (counterparty_kind IN ('village_collective', 'returnee', 'urban_resident', 'business', 'household')),
    counterparty_name text,
    new_use         text NOT NULL CHECK (new_use IN ('homestay', 'catering', 'culture', 'office', 'ecommerce', 'storage_cold_chain', 'processing', 'elderly_care', 'other')),
    term_start      date NOT NULL,
    term_end        date,
    annual_rent_yuan numeric(12, 2) CHECK (annual_rent_yuan >= 0),
    investment_wan_yuan numeric(12, 2) CHECK (investment_wan_yuan >= 0),
    status          text NOT NULL CHECK (status IN ('proposed', 'approved', 'active', 'ended')),
    approved_on     date,
    synthetic       boolean NOT NULL DEFAULT true,
    CHECK (term_end IS NULL OR term_end > term_start),
    -- Leases of rural houses are capped at 20 years (Civil Code Art. 705).
    CHECK (mode <> 'lease' OR (term_end IS NOT NULL AND term_end <= term_start + interval '20 years'))
);
CREATE INDEX homestead_revitalization_homestead ON homestead_revitalization (homestead_id);
