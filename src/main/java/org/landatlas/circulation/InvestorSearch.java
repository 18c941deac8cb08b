package org.landatlas.circulation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.SqlWhere;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The investor's land search (issue #11): contiguous clusters of available land — parcels of listings on offer
 * ({@link ListingStatus#ON_OFFER}, pooled 预流转 listings included) not under a contract in force — that meet the
 * criteria, scored and sorted by fit.
 * <p>
 * Kept current incrementally: {@link #refresh} re-derives the search rows and adjacency edges of the parcels whose
 * availability may have changed (call it after a listing's status or parcels change, in the same transaction), and
 * {@link #rebuild} redoes a county township by township. Every row of the search table is land on offer, i.e. a row
 * {@code CirculationPublicRows.LISTINGS} shows the public, so the public may search too (with the anonymous limits);
 * nothing of a household is in the table or the answer.
 */
@Component
public class InvestorSearch {

    private static final Logger LOG = LoggerFactory.getLogger(InvestorSearch.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final double maxGapM;
    private final double minSharedM;

    InvestorSearch(NamedParameterJdbcTemplate jdbc, @Value("${landatlas.search.max-gap-m:10}") double maxGapM,
                   @Value("${landatlas.search.min-shared-m:10}") double minSharedM) {
        if (!(maxGapM >= 0 && maxGapM <= 50)) {
            throw new IllegalArgumentException("landatlas.search.max-gap-m must be between 0 and 50 metres, got " + maxGapM);
        }
        if (!(minSharedM > 0 && minSharedM <= 500)) {
            throw new IllegalArgumentException("landatlas.search.min-shared-m must be above 0 and at most 500 metres, got " + minSharedM);
        }
        this.jdbc = jdbc;
        this.maxGapM = maxGapM;
        this.minSharedM = minSharedM;
    }

    /** The widest gap the adjacency edges hold; searches may tolerate up to this. */
    double maxGapM() {
        return maxGapM;
    }

    private MapSqlParameterSource statusParams() {
        return new MapSqlParameterSource("onOffer", ListingStatus.ON_OFFER.toArray(String[]::new))
                .addValue("inForce", ActiveContracts.STATUSES.toArray(String[]::new))
                .addValue("gap", maxGapM).addValue("shared", minSharedM);
    }

    /** Re-derives the search rows and edges of these parcels (available or not any more); returns the rows written. */
    public int refresh(Collection<Long> parcelIds) {
        if (parcelIds.isEmpty()) {
            return 0;
        }
        Integer n = jdbc.queryForObject("SELECT circulation_search_refresh(CAST(:ids AS bigint[]), CAST(:onOffer AS text[]), CAST(:inForce AS text[]), :gap, :shared)",
                statusParams().addValue("ids", parcelIds.toArray(Long[]::new)), Integer.class);
        return n == null ? 0 : n;
    }

    /** {@link #refresh} for every parcel of these listings. */
    public int refreshListings(Collection<Long> listingIds) {
        if (listingIds.isEmpty()) {
            return 0;
        }
        List<Long> parcels = jdbc.queryForList("SELECT parcel_id FROM circulation_listing_parcel WHERE listing_id IN (:ids)", Map.of("ids", listingIds), Long.class);
        return refresh(parcels);
    }

    /** Rebuilds a county's search rows and edges, township by township; returns the rows written. */
    public int rebuild(String countyCode) {
        Integer n = jdbc.queryForObject("SELECT circulation_search_rebuild(:county, CAST(:onOffer AS text[]), CAST(:inForce AS text[]), :gap, :shared)",
                statusParams().addValue("county", countyCode), Integer.class);
        return n == null ? 0 : n;
    }

    /**
     * At start (after any demo load): builds the index of each county that has land on offer but no search rows, as
     * a database loaded before the land search existed has. Later changes keep it current through {@link #refresh}.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void buildMissing() {
        List<String> counties = jdbc.queryForList("SELECT DISTINCT l.county_code FROM circulation_listing l WHERE l.status IN (:onOffer)"
                + " AND NOT EXISTS (SELECT 1 FROM circulation_search_parcel s WHERE s.county_code = l.county_code) ORDER BY 1",
                Map.of("onOffer", ListingStatus.ON_OFFER), String.class);
        for (String county : counties) {
            long t0 = System.nanoTime();
            int rows = rebuild(county);
            LOG.info("Land search index of county {} built: {} available parcels in {} ms", county, rows, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** The SQL that rebuilds every county (the demo load runs it after copying its rows). */
    public static String rebuildAllSql(double maxGapM, double minSharedM) {
        return "SELECT circulation_search_rebuild(c.county_code, " + array(ListingStatus.ON_OFFER) + ", " + array(ActiveContracts.STATUSES) + ", "
                + maxGapM + ", " + minSharedM + ") FROM (SELECT DISTINCT county_code FROM circulation_listing) c";
    }

    private static String array(List<String> values) {
        return "ARRAY[" + String.join(", ", values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList()) + "]::text[]";
    }

    /** One available parcel that meets the criteria. */
    private record Parcel(long id, long listingId, String villageCode, double areaMu, double netAreaMu, Double price, int termYears, String mode,
                          boolean pooled, String beltCode, String beltName, Double elevation, boolean pbf, boolean hsf, boolean redLine, Double roadM, Double townM) {
    }

    /** A contiguous cluster with its figures; {@code members} index into the qualifying parcels. */
    static final class Cluster {
        final List<Integer> members = new ArrayList<>();
        long key = Long.MAX_VALUE;
        double areaMu;
        double netAreaMu;
        double pricedAreaMu;
        double priceAreaSum;
        Double priceMin;
        Double priceMax;
        double negotiableAreaMu;
        int termMin = Integer.MAX_VALUE;
        int termMax;
        final Set<String> modes = new TreeSet<>();
        final Set<Long> listings = new TreeSet<>();
        final Set<String> villages = new TreeSet<>();
        final Map<String, double[]> belts = new TreeMap<>();
        final Map<String, String> beltNames = new HashMap<>();
        boolean pooled;
        Double elevMin;
        Double elevMax;
        Double roadM;
        Double townM;
        double pbfMu;
        double hsfMu;
        double redLineMu;
        double score;
        final List<String> reasons = new ArrayList<>();
        List<Long> parcelIds = new ArrayList<>();
    }

    /** The clusters of a search, sorted by fit, and how many qualifying parcels they came from. */
    record Result(List<Cluster> clusters, int qualifyingParcels, int edges) {
    }

    /**
     * Clusters of the county's available land meeting the criteria, best fit first. Two statements: the qualifying
     * parcels (one indexed SELECT over the search table) and the edges among them; the components are then walked
     * here with a union-find. Why in Java: the walk is linear in the edges, whereas a recursive CTE over the edges
     * revisits every path (quadratic on a large pool) and ST_ClusterIntersecting needs every geometry of the county
     * in one aggregate — the edges already hold what the geometries would tell.
     */
    Result search(String county, LandSearchCriteria c, List<String> countyBelts) {
        SqlWhere w = new SqlWhere();
        w.and("t.county_code = " + w.param(county));
        c.restrict(w, maxGapM, countyBelts);
        List<Parcel> ps = new ArrayList<>();
        jdbc.query("""
                SELECT t.parcel_id, t.listing_id, t.village_code, t.area_mu, t.net_area_mu, t.price_yuan_per_mu_year, t.term_years, t.mode, t.pooled,
                       t.belt_code, t.belt_name, t.elevation_mean_m, t.is_permanent_basic_farmland, t.is_high_standard_farmland,
                       t.in_ecological_red_line, t.road_m, t.town_m
                FROM circulation_search_parcel t WHERE\s""" + w.sql() + " ORDER BY t.parcel_id", w.params(), rs -> {
            BigDecimal price = rs.getBigDecimal(6);
            ps.add(new Parcel(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5), price == null ? null : price.doubleValue(),
                    rs.getInt(7), rs.getString(8), rs.getBoolean(9), rs.getString(10), rs.getString(11), (Double) rs.getObject(12),
                    rs.getBoolean(13), rs.getBoolean(14), rs.getBoolean(15), (Double) rs.getObject(16), (Double) rs.getObject(17)));
        });
        Map<Long, Integer> index = new HashMap<>(ps.size() * 2);
        for (int i = 0; i < ps.size(); i++) {
            index.put(ps.get(i).id(), i);
        }
        int[] parent = new int[ps.size()];
        Arrays.setAll(parent, i -> i);
        int[] edges = {0};
        if (ps.size() > 1) {
            MapSqlParameterSource p = w.params();
            p.addValue("tolerance", c.gap());
            // The same WHERE picks both ends, so only edges between qualifying parcels come back.
            jdbc.query("WITH q AS MATERIALIZED (SELECT t.parcel_id FROM circulation_search_parcel t WHERE " + w.sql() + ")"
                    + " SELECT e.parcel_a, e.parcel_b FROM circulation_parcel_adjacency e JOIN q a ON a.parcel_id = e.parcel_a"
                    + " JOIN q b ON b.parcel_id = e.parcel_b WHERE e.tolerance_m <= :tolerance", p, rs -> {
                Integer a = index.get(rs.getLong(1));
                Integer b = index.get(rs.getLong(2));
                if (a != null && b != null) {
                    union(parent, a, b);
                    edges[0]++;
                }
            });
        }
        Map<Integer, Cluster> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < ps.size(); i++) {
            Cluster k = byRoot.computeIfAbsent(find(parent, i), r -> new Cluster());
            add(k, i, ps.get(i));
        }
        List<Cluster> out = new ArrayList<>();
        for (Cluster k : byRoot.values()) {
            if (k.areaMu + 1e-9 >= c.minArea()) {
                k.parcelIds = k.members.stream().map(i -> ps.get(i).id()).toList();
                score(k, c, ps);
                out.add(k);
            }
        }
        out.sort(Comparator.comparingDouble((Cluster k) -> -k.score).thenComparingDouble(k -> -k.areaMu).thenComparingLong(k -> k.key));
        return new Result(out, ps.size(), edges[0]);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];   // path halving keeps the trees flat
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    private static void add(Cluster k, int i, Parcel p) {
        k.members.add(i);
        k.key = Math.min(k.key, p.id());
        k.areaMu += p.areaMu();
        k.netAreaMu += p.netAreaMu();
        if (p.price() == null) {
            k.negotiableAreaMu += p.areaMu();
        } else {
            k.pricedAreaMu += p.areaMu();
            k.priceAreaSum += p.price() * p.areaMu();
            k.priceMin = k.priceMin == null ? p.price() : Math.min(k.priceMin, p.price());
            k.priceMax = k.priceMax == null ? p.price() : Math.max(k.priceMax, p.price());
        }
        k.termMin = Math.min(k.termMin, p.termYears());
        k.termMax = Math.max(k.termMax, p.termYears());
        k.modes.add(p.mode().toUpperCase(Locale.ROOT));
        k.listings.add(p.listingId());
        k.villages.add(p.villageCode());
        if (p.beltCode() != null) {
            k.belts.computeIfAbsent(p.beltCode(), b -> new double[1])[0] += p.areaMu();
            k.beltNames.put(p.beltCode(), p.beltName());
        }
        k.pooled |= p.pooled();
        if (p.elevation() != null) {
            k.elevMin = k.elevMin == null ? p.elevation() : Math.min(k.elevMin, p.elevation());
            k.elevMax = k.elevMax == null ? p.elevation() : Math.max(k.elevMax, p.elevation());
        }
        if (p.roadM() != null) {
            k.roadM = k.roadM == null ? p.roadM() : Math.min(k.roadM, p.roadM());
        }
        if (p.townM() != null) {
            k.townM = k.townM == null ? p.townM() : Math.min(k.townM, p.townM());
        }
        if (p.pbf()) {
            k.pbfMu += p.areaMu();
        }
        if (p.hsf()) {
            k.hsfMu += p.areaMu();
        }
        if (p.redLine()) {
            k.redLineMu += p.areaMu();
        }
    }

    Double meanPrice(Cluster k) {
        return k.pricedAreaMu > 0 ? k.priceAreaSum / k.pricedAreaMu : null;
    }

    /**
     * Fit, 0–100: area 30, rent 25, road 15, town 10, few listings to negotiate 10, term 10; protected land the
     * use needs supervision on, or red line, costs points. Numbers only: the reasons are written for the clusters
     * returned ({@link #explain}), as formatting them for every cluster of a county costs more than the scoring.
     */
    private void score(Cluster k, LandSearchCriteria c, List<Parcel> ps) {
        double ref = Math.max(c.minArea(), 50);
        double area = 1 - Math.exp(-k.areaMu / ref);
        Double mean = meanPrice(k);
        double refPrice = c.maxPriceYuanPerMuYear() != null && c.maxPriceYuanPerMuYear() > 0 ? c.maxPriceYuanPerMuYear() : 1000;
        double price = mean == null ? 0.5 : Math.max(0, Math.min(1, 1 - 0.7 * mean / refPrice));
        double road = k.roadM == null ? 0 : Math.exp(-k.roadM / 1000);
        double town = k.townM == null ? 0 : Math.exp(-k.townM / 8000);
        double deal = 1 / Math.sqrt(k.listings.size());
        double term = Math.min(1, k.termMin / 20.0);
        double s = 30 * area + 25 * price + 15 * road + 10 * town + 10 * deal + 10 * term;
        LandSearchCriteria.IntendedUse use = c.use();
        if (k.pbfMu > 0 && use != null && use.nonGrain()) {
            s -= 10 * k.pbfMu / k.areaMu;
        }
        if (k.hsfMu > 0 && use != null && use != LandSearchCriteria.IntendedUse.GRAIN) {
            s -= 5 * k.hsfMu / k.areaMu;
        }
        if (k.redLineMu > 0) {
            s -= 20 * k.redLineMu / k.areaMu;
        }
        k.score = Math.round(Math.max(0, Math.min(100, s)) * 10) / 10.0;
    }

    /** The reasons of a cluster's score, each Chinese then English (written once per cluster). */
    void explain(Cluster k, LandSearchCriteria c) {
        if (!k.reasons.isEmpty()) {
            return;
        }
        k.reasons.add(String.format(Locale.ROOT, "连片 %.1f 亩（可用 %.1f 亩）%s Contiguous %.1f mu (%.1f usable)%s", k.areaMu, k.netAreaMu,
                c.minContiguousAreaMu() == null ? "" : "，满足 ≥ " + LandSearchCriteria.fmt(c.minArea()) + " 亩", k.areaMu, k.netAreaMu,
                c.minContiguousAreaMu() == null ? "" : ", meets ≥ " + LandSearchCriteria.fmt(c.minArea()) + " mu"));
        Double mean = meanPrice(k);
        if (mean == null) {
            k.reasons.add("租金面议 Rent negotiable");
        } else {
            k.reasons.add(String.format(Locale.ROOT, "租金 %.0f–%.0f 元/亩/年（均 %.0f）%s Rent %.0f–%.0f yuan/mu/year (mean %.0f)%s", k.priceMin, k.priceMax, mean,
                    k.negotiableAreaMu > 0 ? "，部分面议" : "", k.priceMin, k.priceMax, mean, k.negotiableAreaMu > 0 ? ", part negotiable" : ""));
        }
        if (k.roadM != null) {
            k.reasons.add(String.format(Locale.ROOT, "距道路 %.0f 米 Road %.0f m away", k.roadM, k.roadM));
        }
        if (k.townM != null) {
            k.reasons.add(String.format(Locale.ROOT, "距乡镇 %.1f 公里 Town %.1f km away", k.townM / 1000, k.townM / 1000));
        }
        k.reasons.add(String.format(Locale.ROOT, "%d 个挂牌、%d 个村%s %d listing(s) in %d village(s)%s", k.listings.size(), k.villages.size(),
                k.pooled ? "，含村集体预流转" : "", k.listings.size(), k.villages.size(), k.pooled ? ", with pooled collective land" : ""));
        k.reasons.add(String.format(Locale.ROOT, "年限 %d–%d 年 Term %d–%d years", k.termMin, k.termMax, k.termMin, k.termMax));
        LandSearchCriteria.IntendedUse use = c.use();
        if (k.pbfMu > 0) {
            if (use != null && use.nonGrain()) {
                k.reasons.add(String.format(Locale.ROOT, "含永久基本农田 %.1f 亩：种植%s需用途监管 %.1f mu permanent basic farmland: %s only under use supervision",
                        k.pbfMu, use.zh, k.pbfMu, use.en));
            } else {
                k.reasons.add(String.format(Locale.ROOT, "含永久基本农田 %.1f 亩，宜粮食生产 %.1f mu permanent basic farmland, for grain", k.pbfMu, k.pbfMu));
            }
        }
        if (k.hsfMu > 0 && use != null && use != LandSearchCriteria.IntendedUse.GRAIN) {
            k.reasons.add(String.format(Locale.ROOT, "含高标准农田 %.1f 亩，原则上用于粮食生产 %.1f mu high-standard farmland, for grain in principle", k.hsfMu, k.hsfMu));
        }
        if (k.redLineMu > 0) {
            k.reasons.add(String.format(Locale.ROOT, "含生态保护红线 %.1f 亩，不得新增开发 %.1f mu in the ecological red line: no new development", k.redLineMu, k.redLineMu));
        }
    }

    /**
     * Outline, label point and box of each cluster, for a page only: the parcels' union closed across the tolerated
     * gaps (buffered out by half the gap and back in), in metres of the county's Gauss-Krüger zone, back to EPSG:4490.
     */
    Map<Long, Map<String, Object>> shapes(List<Cluster> page, double gapM, Integer precision) {
        if (page.isEmpty()) {
            return Map.of();
        }
        StringBuilder json = new StringBuilder("[");
        for (Cluster k : page) {
            json.append(json.length() > 1 ? "," : "").append("{\"k\":").append(k.key).append(",\"ids\":").append(k.parcelIds).append('}');
        }
        json.append(']');
        Map<Long, Map<String, Object>> out = new HashMap<>();
        int digits = precision == null ? 6 : Math.max(0, Math.min(9, precision));
        jdbc.query("""
                SELECT c.k, ST_AsGeoJSON(ST_Transform(o.g, 4490), :digits) AS outline, ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(o.g), 4490), 7) AS pt,
                       ST_XMin(e.b), ST_YMin(e.b), ST_XMax(e.b), ST_YMax(e.b)
                FROM json_to_recordset(CAST(:clusters AS json)) AS c(k bigint, ids bigint[])
                CROSS JOIN LATERAL (SELECT ST_Buffer(ST_Buffer(ST_Union(t.geom_gk), :half, 'quad_segs=2'), -:half, 'quad_segs=2') AS g,
                                           ST_Extent(t.geom)::geometry AS b
                                    FROM circulation_search_parcel t WHERE t.parcel_id = ANY (c.ids)) o
                CROSS JOIN LATERAL (SELECT o.b) e""",
                new MapSqlParameterSource("clusters", json.toString()).addValue("half", gapM / 2 + 0.05).addValue("digits", digits), rs -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("outline", rs.getString(2));
                    m.put("point", rs.getString(3));
                    m.put("bbox", List.of(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)));
                    out.put(rs.getLong(1), m);
                });
        return out;
    }

    /** The county's belt codes (of its default scheme), for checking criteria.belts. */
    List<String> beltCodes(String county) {
        return jdbc.queryForList("SELECT b.code FROM belt b JOIN belt_scheme s ON s.id = b.scheme_id WHERE s.county_code = :c AND s.is_default ORDER BY b.min_elevation_m",
                Map.of("c", county), String.class);
    }

    /** Refuses an adminCode outside the county (it may name a township or village of it). */
    static void requireWithin(String county, String adminCode) {
        if (adminCode != null && !adminCode.startsWith(county)) {
            throw ApiException.badInput(LandSearchCriteria.ARG + ".adminCode", adminCode + " is not in county " + county);
        }
    }

    static Set<String> villageCodes(List<Cluster> clusters) {
        Set<String> s = new LinkedHashSet<>();
        clusters.forEach(k -> s.addAll(k.villages));
        return s;
    }
}
