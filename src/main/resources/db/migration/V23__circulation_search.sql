-- The investor's land search (issue #11): the parcels of listings on offer with the facts a search filters on,
-- and the adjacency edges between them. Both are kept by org.landatlas.circulation.InvestorSearch: refreshed for
-- the parcels whose listings changed, rebuilt township by township. Searching reads only these two tables; the
-- contiguous clusters are the connected components of the edges among the parcels that qualify.

-- One row per parcel that is available: in a listing on offer (listed, negotiating; pooled 预流转 pools included)
-- and not under a contract in force. The listing's terms are copied so one indexed statement selects a search.
CREATE TABLE circulation_search_parcel (
    parcel_id       bigint PRIMARY KEY REFERENCES land_parcel (id) ON DELETE CASCADE,
    listing_id      bigint NOT NULL REFERENCES circulation_listing (id) ON DELETE CASCADE,
    county_code     varchar(6) NOT NULL,
    township_code   varchar(9) NOT NULL,
    village_code    varchar(12) NOT NULL,
    class_group     text NOT NULL,
    area_mu         double precision NOT NULL,             -- ellipsoidal (land_parcel.area_mu)
    net_area_mu     double precision NOT NULL,             -- usable: TBDLMJ, ridges (田坎) deducted
    price_yuan_per_mu_year numeric(10, 2),                 -- NULL = negotiable (面议)
    term_years      smallint NOT NULL,
    mode            text NOT NULL,
    pooled          boolean NOT NULL,
    belt_code       text,
    belt_name       text,
    elevation_mean_m double precision,
    slope_mean_deg  double precision,
    is_permanent_basic_farmland boolean NOT NULL,
    is_high_standard_farmland   boolean NOT NULL,
    in_ecological_red_line      boolean NOT NULL,
    in_grazing_ban              boolean NOT NULL,
    in_livestock_prohibited     boolean NOT NULL,
    road_m          double precision,                      -- nearest road of the county, metres (ellipsoidal)
    town_m          double precision,                      -- nearest county or township seat, metres
    gk_srid         integer NOT NULL,                      -- the county's 3° Gauss-Krüger zone (EPSG:4534–4554)
    geom            geometry(MultiPolygon, 4490) NOT NULL,
    geom_gk         geometry NOT NULL                      -- geom in gk_srid, metres: gaps, shared lengths, outlines
);
CREATE INDEX circulation_search_parcel_county ON circulation_search_parcel (county_code, class_group);
CREATE INDEX circulation_search_parcel_township ON circulation_search_parcel (township_code);
CREATE INDEX circulation_search_parcel_listing ON circulation_search_parcel (listing_id);
CREATE INDEX circulation_search_parcel_geom_gk ON circulation_search_parcel USING gist (geom_gk);

-- An edge between two available parcels (parcel_a < parcel_b) that share a boundary or face each other across a
-- gap of at most the index's tolerance (landatlas.search.max-gap-m) along a real length. For a tolerance t the
-- contact is the length of a's boundary within t of b; at a corner-only contact it is about 2t (the two edges
-- leaving the corner), so a pair is contiguous at t when the contact exceeds 2t by landatlas.search.min-shared-m.
-- tolerance_m is the smallest t of a ladder (0.5, 1, 1.5, 2, 3 … the maximum) at which it is: a search with
-- tolerance t uses the edges with tolerance_m <= t. (The least distance gap_m is not enough: two parcels touching at
-- a corner and facing each other across an 8 m strip have gap 0 but are contiguous only from t = 8.)
CREATE TABLE circulation_parcel_adjacency (
    parcel_a        bigint NOT NULL REFERENCES circulation_search_parcel (parcel_id) ON DELETE CASCADE,
    parcel_b        bigint NOT NULL REFERENCES circulation_search_parcel (parcel_id) ON DELETE CASCADE,
    gap_m           double precision NOT NULL,             -- least distance
    tolerance_m     double precision NOT NULL,             -- smallest tolerance at which the pair is contiguous
    shared_m        double precision NOT NULL,             -- the contact length at tolerance_m
    PRIMARY KEY (parcel_a, parcel_b),
    CHECK (parcel_a < parcel_b)
);
CREATE INDEX circulation_parcel_adjacency_b ON circulation_parcel_adjacency (parcel_b);
