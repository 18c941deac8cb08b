-- Functions that keep the investor's land search current (tables: V23__circulation_search.sql). Repeatable: a
-- changed body is re-created by Flyway. Called by org.landatlas.circulation.InvestorSearch, which passes the
-- status sets (ListingStatus.ON_OFFER, ActiveContracts.STATUSES) and the index's tolerances, so they are stated
-- once in Java.
--
-- Why edges and not ST_ClusterIntersecting: clustering a county's available land in one aggregate holds every
-- geometry of the county in one memory context and fails at 200,000 parcels; edges are computed per changed
-- parcel against its few neighbours (GiST), and connected components are walked at search time over the
-- qualifying parcels only.

-- Re-derives the search rows and edges of the given parcels: rows for those still available, none for the rest.
-- Returns the number of search rows written.
CREATE OR REPLACE FUNCTION circulation_search_refresh(ids bigint[], on_offer text[], in_force text[],
                                                      max_gap_m double precision, min_shared_m double precision)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    n integer;
    ladder double precision[];
BEGIN
    -- Tolerances tried for each pair: half-metre steps to 2 m, then metres, up to and including the maximum.
    SELECT array_agg(x ORDER BY x) INTO ladder FROM (SELECT unnest(ARRAY[0.5, 1, 1.5, 2]) AS x
        UNION SELECT generate_series(3, floor(max_gap_m)::int) UNION SELECT max_gap_m) s WHERE x <= max_gap_m;
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN 0;
    END IF;
    -- One refresh at a time: two transactions refreshing neighbouring parcels would each miss the other's
    -- uncommitted row and so the edge between them. Refreshes are short (a listing's parcels).
    PERFORM pg_advisory_xact_lock(hashtext('landatlas.circulation_search'));
    DELETE FROM circulation_search_parcel WHERE parcel_id = ANY (ids);   -- edges go with them (cascade)

    INSERT INTO circulation_search_parcel (parcel_id, listing_id, county_code, township_code, village_code, class_group, area_mu,
                                           net_area_mu, price_yuan_per_mu_year, term_years, mode, pooled, belt_code, belt_name,
                                           elevation_mean_m, slope_mean_deg, is_permanent_basic_farmland, is_high_standard_farmland,
                                           in_ecological_red_line, in_grazing_ban, in_livestock_prohibited, road_m, town_m, gk_srid,
                                           geom, geom_gk)
    -- A parcel in two listings on offer counts once, with the cheaper asking price (negotiable last).
    SELECT DISTINCT ON (p.id)
           p.id, l.id, p.county_code, left(p.village_code, 9), p.village_code, c.class_group, p.area_mu,
           p.tbdlmj::float8 * 3 / 2000, l.price_yuan_per_mu_year, l.term_years, l.mode, l.pooled, b.code, b.name,
           p.elevation_mean_m, p.slope_mean_deg, p.is_permanent_basic_farmland, p.is_high_standard_farmland,
           -- A zone applies when it holds the parcel's interior point (a zone edge grazing a parcel does not).
           EXISTS (SELECT 1 FROM protection_zone z WHERE z.zone_type = 'ecological_red_line' AND z.geom && s.pt AND ST_Intersects(z.geom, s.pt)),
           EXISTS (SELECT 1 FROM protection_zone z WHERE z.zone_type = 'grazing_ban' AND z.geom && s.pt AND ST_Intersects(z.geom, s.pt)),
           EXISTS (SELECT 1 FROM protection_zone z WHERE z.zone_type = 'livestock_prohibited' AND z.geom && s.pt AND ST_Intersects(z.geom, s.pt)),
           -- Nearest by the index (degrees), then exact on the ellipsoid among the three nearest.
           (SELECT min(ST_Distance(r.geom::geography, p.geom::geography))
              FROM (SELECT r.geom FROM road r WHERE r.county_code = p.county_code ORDER BY r.geom <-> p.geom LIMIT 3) r),
           (SELECT min(ST_Distance(x.geom::geography, p.geom::geography))
              FROM (SELECT x.geom FROM settlement x WHERE x.county_code = p.county_code AND x.kind IN ('county_seat', 'township_seat')
                    ORDER BY x.geom <-> p.geom LIMIT 3) x),
           g.srid, p.geom, ST_Transform(p.geom, g.srid)
    FROM land_parcel p
    JOIN circulation_listing_parcel lp ON lp.parcel_id = p.id
    JOIN circulation_listing l ON l.id = lp.listing_id
    JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
    LEFT JOIN belt b ON b.id = p.belt_id
    CROSS JOIN LATERAL (SELECT ST_PointOnSurface(p.geom) AS pt) s
    -- The county's one Gauss-Krüger zone (by its seat), so that all its parcels share a metric frame.
    CROSS JOIN LATERAL (SELECT 4534 + round((ST_X(u.seat) - 75) / 3)::integer AS srid FROM admin_unit u WHERE u.code = p.county_code) g
    WHERE p.id = ANY (ids)
      AND l.status = ANY (on_offer)
      AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp JOIN circulation_contract k ON k.id = cp.contract_id
                      WHERE cp.parcel_id = p.id AND k.status = ANY (in_force))
    ORDER BY p.id, l.price_yuan_per_mu_year NULLS LAST, l.id;
    GET DIAGNOSTICS n = ROW_COUNT;

    -- Edges of the refreshed parcels to every available parcel near them, with the smallest tolerance of the ladder
    -- at which the pair is contiguous (see V23): the ladder is walked from the pair's least distance up and stops at
    -- the first step that holds (LIMIT 1 over the array in order), so a pair with a shared edge costs one buffer.
    -- Edges stay within a county (a cluster is searched in one county; Citus co-locates them with their parcels).
    INSERT INTO circulation_parcel_adjacency (county_code, parcel_a, parcel_b, gap_m, tolerance_m, shared_m)
    SELECT a.county_code, least(a.parcel_id, b.parcel_id), greatest(a.parcel_id, b.parcel_id), d.gap, c.t, c.shared
    FROM circulation_search_parcel a
    JOIN circulation_search_parcel b
      ON b.geom_gk && ST_Expand(a.geom_gk, max_gap_m) AND b.gk_srid = a.gk_srid AND b.parcel_id <> a.parcel_id AND b.county_code = a.county_code
    CROSS JOIN LATERAL (SELECT ST_Distance(a.geom_gk, b.geom_gk) AS gap) d
    CROSS JOIN LATERAL (
        SELECT s.t, s.shared FROM (
            SELECT x.t, ST_Length(ST_Intersection(ST_Boundary(a.geom_gk), ST_Buffer(b.geom_gk, x.t, 'quad_segs=4'))) AS shared
            FROM unnest(ladder) WITH ORDINALITY AS x(t, i) WHERE x.t >= d.gap OFFSET 0) s
        WHERE s.shared >= 2 * s.t + min_shared_m LIMIT 1) c
    WHERE a.parcel_id = ANY (ids)
      AND (a.parcel_id < b.parcel_id OR NOT b.parcel_id = ANY (ids))   -- a pair of two refreshed parcels once
      AND d.gap <= max_gap_m
    ON CONFLICT DO NOTHING;
    RETURN n;
END $$;

-- Rebuilds a county's search rows and edges township by township (the partition keeps each statement to a
-- township's parcels and their neighbours). Edges across a township line are made when the second township is
-- refreshed. Returns the number of search rows written.
CREATE OR REPLACE FUNCTION circulation_search_rebuild(county text, on_offer text[], in_force text[],
                                                      max_gap_m double precision, min_shared_m double precision)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    t text;
    ids bigint[];
    n integer := 0;
BEGIN
    FOR t IN SELECT left(l.village_code, 9) FROM circulation_listing l WHERE l.county_code = county AND l.status = ANY (on_offer)
             UNION SELECT s.township_code FROM circulation_search_parcel s WHERE s.county_code = county
             ORDER BY 1
    LOOP
        SELECT array_agg(DISTINCT x.id) INTO ids FROM (
            SELECT lp.parcel_id AS id FROM circulation_listing l JOIN circulation_listing_parcel lp ON lp.listing_id = l.id
            WHERE l.county_code = county AND left(l.village_code, 9) = t AND l.status = ANY (on_offer)
            UNION ALL
            SELECT s.parcel_id FROM circulation_search_parcel s WHERE s.township_code = t) x;
        n := n + circulation_search_refresh(ids, on_offer, in_force, max_gap_m, min_shared_m);
    END LOOP;
    RETURN n;
END $$;
