-- Household PV as a workflow (candidate → surveyed → filed → built → connected, or rejected) with estimates whose
-- assumptions are stored per county, and grid hosting capacity per distribution transformer (台区) by a configurable
-- rule with C1/C2 and green/yellow/red grading (the 可开放容量 publications), a filing-order queue and an upstream
-- 10 kV line / main transformer that can turn its transformers red.

-- Estimate assumptions and the hosting rule of a county. Counties without a row use the defaults of the views below
-- (150 W/m², share rule 25 %); figures are visible through GraphQL (PvAssumptions) and set by setPvAssumptions.
CREATE TABLE pv_county_assumption (
    county_code            varchar(6) PRIMARY KEY REFERENCES admin_unit (code),
    grid_region            text NOT NULL,                                   -- 浙江, 云南, 蒙东, 蒙西 …
    watts_per_m2           double precision NOT NULL DEFAULT 150 CHECK (watts_per_m2 BETWEEN 50 AND 300),
    annual_hours           double precision NOT NULL CHECK (annual_hours BETWEEN 500 AND 2500),
    -- Altitude adjustment where configured: hours × (1 + gain × max(0, site altitude − reference) / 1000 m).
    reference_altitude_m   double precision,
    hours_gain_per_1000m   double precision NOT NULL DEFAULT 0 CHECK (hours_gain_per_1000m BETWEEN 0 AND 0.5),
    benchmark_price        numeric(6, 4) NOT NULL CHECK (benchmark_price > 0 AND benchmark_price < 2),   -- 燃煤发电基准价, 元/kWh
    benchmark_verified     boolean NOT NULL DEFAULT true,                  -- false: a configured figure not found in a published source
    retail_price           numeric(6, 4) NOT NULL CHECK (retail_price > 0 AND retail_price < 3),         -- 居民电价, 元/kWh
    self_use_share         double precision NOT NULL DEFAULT 0.3 CHECK (self_use_share BETWEEN 0 AND 1),  -- 自发自用比例
    investment_yuan_per_kw double precision NOT NULL DEFAULT 3500 CHECK (investment_yuan_per_kw > 0),
    collective_share       double precision NOT NULL DEFAULT 0.3 CHECK (collective_share BETWEEN 0 AND 1), -- where the village collective invests
    hosting_rule           text NOT NULL DEFAULT 'share' CHECK (hosting_rule IN ('share', 'dlt2041')),
    hosting_share          double precision NOT NULL DEFAULT 0.25 CHECK (hosting_share > 0 AND hosting_share <= 1),
    -- DL/T 2041-2025: S = (P_min − P_G + P_storage + β·S_rated·cosθ) / τ; β for one transformer, (n−1)/n × loading limit for n in parallel.
    dlt_beta_single        double precision NOT NULL DEFAULT 0.8 CHECK (dlt_beta_single > 0 AND dlt_beta_single <= 1.5),
    dlt_loading_limit      double precision NOT NULL DEFAULT 1.0 CHECK (dlt_loading_limit > 0 AND dlt_loading_limit <= 1.5),
    dlt_cos_phi            double precision NOT NULL DEFAULT 0.95 CHECK (dlt_cos_phi > 0 AND dlt_cos_phi <= 1),
    dlt_tau                double precision NOT NULL DEFAULT 1.0 CHECK (dlt_tau > 0 AND dlt_tau <= 1.5),
    assignment_rule        text NOT NULL DEFAULT 'nearest' CHECK (assignment_rule IN ('nearest', 'service_area')),
    source                 text NOT NULL,
    synthetic              boolean NOT NULL DEFAULT true,
    version                integer NOT NULL DEFAULT 0,
    updated_at             timestamptz NOT NULL DEFAULT now(),
    updated_by             text
);

-- The 10 kV lines and main (substation) transformers above the distribution transformers, with their published open capacity.
CREATE TABLE grid_upstream (
    id               bigserial PRIMARY KEY,
    county_code      varchar(6) NOT NULL REFERENCES admin_unit (code),
    kind             text NOT NULL CHECK (kind IN ('line_10kv', 'main_transformer')),
    name             text NOT NULL,
    parent_id        bigint REFERENCES grid_upstream (id),
    open_capacity_kw double precision NOT NULL,                          -- 可开放容量 as published; ≤ 0 makes it red
    published_on     date,
    synthetic        boolean NOT NULL DEFAULT true
);
CREATE INDEX grid_upstream_county ON grid_upstream (county_code);

ALTER TABLE distribution_transformer
    ALTER COLUMN pv_hosting_ratio DROP NOT NULL,
    ALTER COLUMN pv_hosting_ratio DROP DEFAULT,
    ADD COLUMN min_noon_load_kw    double precision NOT NULL DEFAULT 0 CHECK (min_noon_load_kw >= 0),
    ADD COLUMN other_generation_kw double precision NOT NULL DEFAULT 0 CHECK (other_generation_kw >= 0),
    ADD COLUMN storage_charge_kw   double precision NOT NULL DEFAULT 0 CHECK (storage_charge_kw >= 0),
    ADD COLUMN parallel_count      integer NOT NULL DEFAULT 1 CHECK (parallel_count BETWEEN 1 AND 8),
    ADD COLUMN upstream_id         bigint REFERENCES grid_upstream (id),
    ADD COLUMN service_area        geometry(MultiPolygon, 4490),
    ADD COLUMN version             integer NOT NULL DEFAULT 0;
-- pv_hosting_ratio is now a per-transformer override of the county's share rule.
UPDATE distribution_transformer SET pv_hosting_ratio = NULL WHERE pv_hosting_ratio = 0.25;
CREATE INDEX distribution_transformer_service_area_gist ON distribution_transformer USING gist (service_area);
CREATE INDEX distribution_transformer_county ON distribution_transformer (county_code);

DROP VIEW distribution_transformer_load;
ALTER TABLE pv_site DROP CONSTRAINT pv_site_status_check;
ALTER TABLE pv_site DROP CONSTRAINT pv_site_site_kind_check;
UPDATE pv_site SET status = 'filed' WHERE status IN ('approved', 'building');
ALTER TABLE pv_site
    ADD CONSTRAINT pv_site_status_check CHECK (status IN ('candidate', 'surveyed', 'filed', 'built', 'connected', 'rejected')),
    ADD CONSTRAINT pv_site_site_kind_check CHECK (site_kind IN ('homestead_roof', 'livestock_shed', 'greenhouse', 'yard', 'other_roof')),
    DROP COLUMN queue_position,                                       -- derived now (pv_site_queue)
    ADD COLUMN tilt_deg           double precision CHECK (tilt_deg BETWEEN 0 AND 90),
    ADD COLUMN azimuth_deg        double precision CHECK (azimuth_deg >= 0 AND azimuth_deg < 360),  -- 0 north, 180 south
    ADD COLUMN altitude_m         double precision,
    ADD COLUMN collective_invested boolean NOT NULL DEFAULT false,    -- 村集体投资 (庆元: PV for village collectives)
    ADD COLUMN filed_at           timestamptz,                        -- filing order of the queue
    ADD COLUMN reject_reason      text,
    ADD COLUMN version            integer NOT NULL DEFAULT 0,
    ADD COLUMN updated_by         text;
UPDATE pv_site SET filed_at = updated_at WHERE status IN ('filed', 'built', 'connected');
UPDATE pv_site SET reject_reason = '不予接入 (demo)' WHERE status = 'rejected';
ALTER TABLE pv_site
    ADD CONSTRAINT pv_site_filed_check CHECK (status NOT IN ('filed', 'built', 'connected') OR (filing_no IS NOT NULL AND filed_at IS NOT NULL
        AND transformer_id IS NOT NULL)),
    ADD CONSTRAINT pv_site_rejected_check CHECK (status <> 'rejected' OR reject_reason IS NOT NULL),
    ADD CONSTRAINT pv_site_connected_on_check CHECK ((status = 'connected') = (connected_on IS NOT NULL));
CREATE INDEX pv_site_county_status ON pv_site (county_code, status);

-- The household's consent (书面同意) to survey and install; the signer's name is personal data (masked, never public).
CREATE TABLE pv_site_consent (
    site_id       bigint PRIMARY KEY REFERENCES pv_site (id) ON DELETE CASCADE,
    consent_on    date NOT NULL,
    signed_by     text NOT NULL,
    document_ref  text,
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pv_site_status_history (
    id           bigserial PRIMARY KEY,
    site_id      bigint NOT NULL REFERENCES pv_site (id) ON DELETE CASCADE,
    from_status  text,
    to_status    text NOT NULL,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    changed_by   text NOT NULL,
    reason       text
);
CREATE INDEX pv_site_status_history_site ON pv_site_status_history (site_id, changed_at);

-- Hosting capacity and load per transformer, derived (never stored): C1 = hosting − connected, C2 = C1 − filed or built
-- but not connected; RED when C1 ≤ 0 or the 10 kV line / main transformer above has no open capacity, YELLOW when
-- C2 ≤ 0 < C1, GREEN when C2 > 0. open_capacity_kw is C2.
CREATE VIEW distribution_transformer_load AS
WITH s AS (
    SELECT transformer_id,
           sum(capacity_kw) FILTER (WHERE status = 'connected') AS connected,
           sum(capacity_kw) FILTER (WHERE status IN ('filed', 'built')) AS pending
    FROM pv_site WHERE transformer_id IS NOT NULL GROUP BY transformer_id
), h AS (
    SELECT t.id, t.county_code, t.rated_kva, coalesce(a.hosting_rule, 'share') AS hosting_rule,
           CASE WHEN a.hosting_rule = 'dlt2041' THEN
               greatest(0, (t.min_noon_load_kw - t.other_generation_kw + t.storage_charge_kw
                   + CASE WHEN t.parallel_count > 1 THEN (t.parallel_count - 1)::float8 / t.parallel_count * a.dlt_loading_limit ELSE a.dlt_beta_single END
                     * t.rated_kva * a.dlt_cos_phi) / a.dlt_tau)
           ELSE t.rated_kva * coalesce(t.pv_hosting_ratio::float8, a.hosting_share, 0.25) END AS hosting,
           coalesce(s.connected, 0) AS connected, coalesce(s.pending, 0) AS pending,
           coalesce(u.open_capacity_kw <= 0, false) OR coalesce(m.open_capacity_kw <= 0, false) AS upstream_red
    FROM distribution_transformer t
    LEFT JOIN pv_county_assumption a ON a.county_code = t.county_code
    LEFT JOIN s ON s.transformer_id = t.id
    LEFT JOIN grid_upstream u ON u.id = t.upstream_id
    LEFT JOIN grid_upstream m ON m.id = u.parent_id
)
SELECT id AS transformer_id, county_code, rated_kva, hosting_rule,
       hosting AS pv_hosting_kw,
       connected AS connected_pv_kw,
       pending AS pending_pv_kw,
       hosting - connected AS c1_kw,
       hosting - connected - pending AS c2_kw,
       hosting - connected - pending AS open_capacity_kw,
       upstream_red,
       CASE WHEN upstream_red OR hosting - connected <= 0 THEN 'red' WHEN hosting - connected - pending <= 0 THEN 'yellow' ELSE 'green' END AS grade
FROM h;

-- The filing-order queue of each transformer: sites filed or built and not yet connected, by filing time. A site is
-- within capacity while the connected PV plus every earlier filing and its own fits the hosting capacity; the others
-- wait, queue_position 1 being next.
CREATE VIEW pv_site_queue AS
WITH q AS (
    SELECT s.id AS site_id, s.transformer_id, s.capacity_kw,
           row_number() OVER w AS filing_rank,
           sum(s.capacity_kw) OVER w AS cumulative_kw
    FROM pv_site s
    WHERE s.status IN ('filed', 'built') AND s.transformer_id IS NOT NULL
    WINDOW w AS (PARTITION BY s.transformer_id ORDER BY s.filed_at, s.id)
), f AS (
    SELECT q.*, l.connected_pv_kw + q.cumulative_kw <= l.pv_hosting_kw + 1e-6 AND NOT l.upstream_red AS within_capacity
    FROM q JOIN distribution_transformer_load l ON l.transformer_id = q.transformer_id
)
SELECT site_id, transformer_id, filing_rank, cumulative_kw, within_capacity,
       CASE WHEN within_capacity THEN NULL
            ELSE sum(CASE WHEN within_capacity THEN 0 ELSE 1 END) OVER (PARTITION BY transformer_id ORDER BY filing_rank)::int END AS queue_position
FROM f;

-- The estimate of a site from its county's assumptions (defaults where the county has none):
-- kWp = usable m² × W/m² / 1000; hours = county hours × altitude factor; kWh = capacity × hours;
-- price: full export at the coal benchmark, self-use with surplus export at share × retail + (1 − share) × benchmark,
-- full self-use at retail (the bill saved); investment = capacity × 元/kW; payback = investment / income.
CREATE VIEW pv_site_estimate AS
WITH e AS (
    SELECT s.id AS site_id, s.county_code, s.capacity_kw, s.grid_mode, s.collective_invested,
           coalesce(a.watts_per_m2, 150) AS watts_per_m2,
           s.usable_area_m2 * coalesce(a.watts_per_m2, 150) / 1000 AS estimated_kwp,
           coalesce(a.annual_hours, s.annual_hours)
             * (1 + CASE WHEN a.reference_altitude_m IS NOT NULL AND s.altitude_m IS NOT NULL
                         THEN a.hours_gain_per_1000m * greatest(0, s.altitude_m - a.reference_altitude_m) / 1000 ELSE 0 END) AS hours,
           CASE s.grid_mode WHEN 'full_export' THEN a.benchmark_price::float8
                            WHEN 'self_use_surplus_export' THEN a.self_use_share * a.retail_price::float8 + (1 - a.self_use_share) * a.benchmark_price::float8
                            ELSE a.retail_price::float8 END AS price,
           coalesce(a.investment_yuan_per_kw, 3500) AS yuan_per_kw,
           CASE WHEN s.collective_invested THEN coalesce(a.collective_share, 0) ELSE 0 END AS collective_share
    FROM pv_site s LEFT JOIN pv_county_assumption a ON a.county_code = s.county_code
)
SELECT site_id, county_code, watts_per_m2, estimated_kwp, hours AS annual_hours,
       capacity_kw * hours AS annual_kwh,
       price AS yuan_per_kwh,
       capacity_kw * hours * price AS annual_income_yuan,
       capacity_kw * yuan_per_kw AS investment_yuan,
       CASE WHEN capacity_kw * hours * price > 0 THEN capacity_kw * yuan_per_kw / (capacity_kw * hours * price) END AS payback_years,
       capacity_kw * hours * price * collective_share AS collective_income_yuan,
       capacity_kw * hours * price * (1 - collective_share) AS household_income_yuan
FROM e;
