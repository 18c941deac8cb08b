-- Land-management-right circulation (土地经营权流转): households, transferees, listings, contracts, disputes,
-- and idle productive facilities that can be listed like land.
-- Personal data (names, ID numbers, phones) lives only in schema "personal" so it can be protected separately.
CREATE SCHEMA personal;

-- 承包农户: a contracting household of a village collective.
CREATE TABLE household (
    id              bigserial PRIMARY KEY,
    village_code    varchar(12) NOT NULL REFERENCES admin_unit (code),
    household_no    varchar(22) NOT NULL UNIQUE,           -- 承包方编码 (village code + serial)
    members         smallint NOT NULL CHECK (members BETWEEN 1 AND 30),
    contracted_area_mu numeric(10, 2) NOT NULL DEFAULT 0 CHECK (contracted_area_mu >= 0),
    synthetic       boolean NOT NULL DEFAULT true
);
CREATE INDEX household_village ON household (village_code);

CREATE TABLE personal.household_identity (
    household_id    bigint PRIMARY KEY REFERENCES household (id) ON DELETE CASCADE,
    head_name       text NOT NULL,
    id_number       varchar(18) NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
    phone           varchar(11) CHECK (phone ~ '^1[3-9][0-9]{9}$'),
    address         text
);

-- 受让方: the party taking circulated land.
CREATE TABLE transferee (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    kind            text NOT NULL CHECK (kind IN ('enterprise', 'cooperative', 'family_farm', 'large_grower', 'village_collective', 'other')),
    name            text NOT NULL,
    credit_code     varchar(18),                           -- 统一社会信用代码 (organisations only)
    established_year smallint,
    main_business   text,
    synthetic       boolean NOT NULL DEFAULT true,
    UNIQUE (county_code, name)
);

-- Contact persons of transferees are natural persons: personal data.
CREATE TABLE personal.transferee_contact (
    transferee_id   bigint PRIMARY KEY REFERENCES transferee (id) ON DELETE CASCADE,
    contact_name    text NOT NULL,
    phone           varchar(11) CHECK (phone ~ '^1[3-9][0-9]{9}$'),
    id_number       varchar(18) CHECK (id_number ~ '^[0-9]{17}[0-9X]$')
);

-- 挂牌: land (single parcels or pooled land of many households) offered for circulation.
CREATE TABLE circulation_listing (
    id              bigserial PRIMARY KEY,
    listing_no      text NOT NULL UNIQUE,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    village_code    varchar(12) NOT NULL REFERENCES admin_unit (code),
    title           text NOT NULL,
    land_kind       text NOT NULL CHECK (land_kind IN ('farmland', 'pasture', 'forest', 'garden', 'facility', 'mixed')),
    pooled          boolean NOT NULL DEFAULT false,        -- 连片/整村流转 pooled from several households
    area_mu         numeric(12, 2) NOT NULL CHECK (area_mu > 0),
    price_yuan_per_mu_year numeric(10, 2) CHECK (price_yuan_per_mu_year >= 0), -- NULL = 面议 negotiable
    term_years      smallint NOT NULL CHECK (term_years BETWEEN 1 AND 70),
    mode            text NOT NULL CHECK (mode IN ('lease', 'equity', 'other')),
    intended_use    text,
    listed_on       date NOT NULL,
    expires_on      date,
    status          text NOT NULL CHECK (status IN ('draft', 'listed', 'negotiating', 'closed', 'withdrawn')),
    road_access_m   double precision,                      -- distance to the nearest road
    contact_office  text,                                  -- the township service office, not a person
    synthetic       boolean NOT NULL DEFAULT true,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    geom            geometry(MultiPolygon, 4490) NOT NULL,
    CHECK (expires_on IS NULL OR expires_on >= listed_on)
);
CREATE INDEX circulation_listing_geom_gist ON circulation_listing USING gist (geom);
CREATE INDEX circulation_listing_county_status ON circulation_listing (county_code, status);

CREATE TABLE circulation_listing_parcel (
    listing_id      bigint NOT NULL REFERENCES circulation_listing (id) ON DELETE CASCADE,
    parcel_id       bigint NOT NULL REFERENCES land_parcel (id),
    PRIMARY KEY (listing_id, parcel_id)
);
CREATE INDEX circulation_listing_parcel_parcel ON circulation_listing_parcel (parcel_id);

-- 闲置生产设施: idle greenhouses, livestock sheds, water works … listable like land.
CREATE TABLE idle_facility (
    id              bigserial PRIMARY KEY,
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    village_code    varchar(12) NOT NULL REFERENCES admin_unit (code),
    parcel_id       bigint REFERENCES land_parcel (id),
    kind            text NOT NULL CHECK (kind IN ('greenhouse', 'livestock_shed', 'water_works', 'drying_yard', 'cold_storage', 'warehouse', 'other')),
    name            text NOT NULL,
    built_year      smallint,
    floor_area_m2   double precision NOT NULL CHECK (floor_area_m2 > 0),
    condition       text NOT NULL CHECK (condition IN ('good', 'fair', 'poor', 'unusable')),
    status          text NOT NULL CHECK (status IN ('in_use', 'idle', 'listed', 'circulated')),
    listing_id      bigint REFERENCES circulation_listing (id),
    synthetic       boolean NOT NULL DEFAULT true,
    geom            geometry(MultiPolygon, 4490) NOT NULL
);
CREATE INDEX idle_facility_geom_gist ON idle_facility USING gist (geom);

-- 流转合同.
CREATE TABLE circulation_contract (
    id              bigserial PRIMARY KEY,
    contract_no     text NOT NULL UNIQUE,
    filing_no       text UNIQUE,                           -- 备案号 with the 发包方 / township
    county_code     varchar(6) NOT NULL REFERENCES admin_unit (code),
    village_code    varchar(12) NOT NULL REFERENCES admin_unit (code),
    listing_id      bigint REFERENCES circulation_listing (id),
    transferee_id   bigint NOT NULL REFERENCES transferee (id),
    -- lease 出租/转包, equity 入股, other (托管/代耕/合作); swap 互换 and transfer 转让 are legacy records.
    mode            text NOT NULL CHECK (mode IN ('lease', 'equity', 'other', 'swap', 'transfer')),
    land_kind       text NOT NULL CHECK (land_kind IN ('farmland', 'pasture', 'forest', 'garden', 'facility', 'mixed')),
    area_mu         numeric(12, 2) NOT NULL CHECK (area_mu > 0),
    price_yuan_per_mu_year numeric(10, 2) CHECK (price_yuan_per_mu_year >= 0),
    dividend_terms  text,                                  -- for equity: 保底 + 分红
    term_start      date NOT NULL,
    term_end        date NOT NULL,
    intended_use    text NOT NULL,
    status          text NOT NULL CHECK (status IN ('draft', 'signed', 'filed', 'active', 'expired', 'terminated', 'disputed')),
    signed_on       date,
    filed_on        date,
    -- A management right of 5 years or more may be registered (Civil Code Art. 341).
    registered      boolean NOT NULL DEFAULT false,
    synthetic       boolean NOT NULL DEFAULT true,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    geom            geometry(MultiPolygon, 4490) NOT NULL,
    CHECK (term_end > term_start),
    CHECK (NOT registered OR term_end >= term_start + interval '5 years')
);
CREATE INDEX circulation_contract_geom_gist ON circulation_contract USING gist (geom);
CREATE INDEX circulation_contract_county_status ON circulation_contract (county_code, status);
CREATE INDEX circulation_contract_transferee ON circulation_contract (transferee_id);

-- 流出方: the households whose management rights a contract circulates.
CREATE TABLE circulation_contract_transferor (
    contract_id     bigint NOT NULL REFERENCES circulation_contract (id) ON DELETE CASCADE,
    household_id    bigint NOT NULL REFERENCES household (id),
    area_mu         numeric(10, 2) NOT NULL CHECK (area_mu > 0),
    PRIMARY KEY (contract_id, household_id)
);
CREATE INDEX circulation_contract_transferor_household ON circulation_contract_transferor (household_id);

CREATE TABLE circulation_contract_parcel (
    contract_id     bigint NOT NULL REFERENCES circulation_contract (id) ON DELETE CASCADE,
    parcel_id       bigint NOT NULL REFERENCES land_parcel (id),
    PRIMARY KEY (contract_id, parcel_id)
);
CREATE INDEX circulation_contract_parcel_parcel ON circulation_contract_parcel (parcel_id);

CREATE TABLE circulation_status_history (
    id              bigserial PRIMARY KEY,
    contract_id     bigint REFERENCES circulation_contract (id) ON DELETE CASCADE,
    listing_id      bigint REFERENCES circulation_listing (id) ON DELETE CASCADE,
    from_status     text,
    to_status       text NOT NULL,
    changed_at      timestamptz NOT NULL,
    changed_by      text NOT NULL,
    reason          text,
    CHECK ((contract_id IS NULL) <> (listing_id IS NULL))
);
CREATE INDEX circulation_status_history_contract ON circulation_status_history (contract_id, changed_at);
CREATE INDEX circulation_status_history_listing ON circulation_status_history (listing_id, changed_at);

-- Disputes go negotiation → village / township mediation → arbitration or court.
CREATE TABLE circulation_dispute (
    id              bigserial PRIMARY KEY,
    contract_id     bigint NOT NULL REFERENCES circulation_contract (id) ON DELETE CASCADE,
    opened_on       date NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('rent_arrears', 'use_change', 'boundary', 'abandonment', 'early_termination', 'other')),
    stage           text NOT NULL CHECK (stage IN ('negotiation', 'village_mediation', 'township_mediation', 'arbitration', 'court', 'resolved')),
    summary         text NOT NULL,
    resolved_on     date,
    CHECK (resolved_on IS NULL OR resolved_on >= opened_on)
);
CREATE INDEX circulation_dispute_contract ON circulation_dispute (contract_id);
