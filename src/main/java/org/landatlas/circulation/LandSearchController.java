package org.landatlas.circulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.exchange.Exports;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Connections;
import org.landatlas.platform.GeoJson;
import org.landatlas.platform.PageConnection;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.RecordArgument;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Controller;

/**
 * GraphQL: landSearch (contiguous clusters of available land, best fit first; the public may search, as on a
 * property-rights exchange, within the anonymous limits) and exportLandSearch (the same clusters as a GIS file,
 * staff only like every export). Clusters carry no personal data: the search table holds none.
 */
@Controller
class LandSearchController {

    /** Most clusters one export writes. */
    static final int EXPORT_MAX = 10_000;

    private final InvestorSearch search;
    private final AdminUnitQueries units;
    private final CirculationQueries queries;
    private final Exports exports;

    LandSearchController(InvestorSearch search, AdminUnitQueries units, CirculationQueries queries, Exports exports) {
        this.search = search;
        this.units = units;
        this.queries = queries;
        this.exports = exports;
    }

    private InvestorSearch.Result run(String county, LandSearchCriteria criteria) {
        if (county == null || !county.matches("[0-9]{6}")) {
            throw ApiException.badInput("county", "a 6-digit county code is needed, got " + county);
        }
        units.requireExisting("county", county);
        LandSearchCriteria c = criteria == null ? LandSearchCriteria.NONE : criteria;
        if (c.adminCode() != null) {
            units.requireExisting(LandSearchCriteria.ARG + ".adminCode", c.adminCode());
            InvestorSearch.requireWithin(county, c.adminCode());
        }
        return search.search(county, c, c.belts() == null ? List.of() : search.beltCodes(county));
    }

    @QueryMapping
    Object landSearch(@Argument String county, @RecordArgument LandSearchCriteria criteria, @Argument Integer first, @Argument String after,
                      DataFetchingFieldSelectionSet selection) {
        PageRequest page = PageRequest.of(first, after, null, null);
        LandSearchCriteria c = criteria == null ? LandSearchCriteria.NONE : criteria;
        InvestorSearch.Result r = run(county, c);
        List<InvestorSearch.Cluster> all = r.clusters();
        int from = Math.min(page.offset(), all.size());
        int to = Math.min(all.size(), from + page.limit());
        List<InvestorSearch.Cluster> slice = all.subList(from, to);
        slice.forEach(k -> search.explain(k, c));
        List<Map<String, Object>> nodes = nodes(slice, from, c.gap(), selection.contains("edges/node/outline") || selection.contains("edges/node/labelPoint")
                || selection.contains("edges/node/bbox"), selection.contains("edges/node/listings"), selection.contains("edges/node/villages"));
        PageConnection connection = Connections.of(nodes, page, to < all.size());
        connection.put("totalCount", all.size());
        connection.put("totalAreaMu", all.stream().mapToDouble(k -> k.areaMu).sum());
        connection.put("qualifyingParcelCount", r.qualifyingParcels());
        return connection;
    }

    private List<Map<String, Object>> nodes(List<InvestorSearch.Cluster> slice, int offset, double gapM, boolean shapes, boolean listings, boolean villages) {
        Map<Long, Map<String, Object>> geo = shapes ? search.shapes(slice, gapM, null) : Map.of();
        Map<Long, Map<String, Object>> listingRows = new HashMap<>();
        if (listings) {
            List<Long> ids = slice.stream().flatMap(k -> k.listings.stream()).distinct().toList();
            if (!ids.isEmpty()) {
                List<Map<String, Object>> rows = queries.byIds(CirculationQueries.LISTING, "circulation_listing", ids);
                for (int i = 0; i < ids.size(); i++) {
                    listingRows.put(ids.get(i), rows.get(i));
                }
            }
        }
        Map<String, Map<String, Object>> villageRows = new HashMap<>();
        if (villages) {
            List<String> codes = List.copyOf(InvestorSearch.villageCodes(slice));
            List<Map<String, Object>> rows = units.byCodes(codes);
            for (int i = 0; i < codes.size(); i++) {
                villageRows.put(codes.get(i), rows.get(i));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(slice.size());
        for (int i = 0; i < slice.size(); i++) {
            InvestorSearch.Cluster k = slice.get(i);
            Map<String, Object> n = new HashMap<>();
            n.put("id", "C" + k.key);
            n.put("rank", offset + i + 1);
            n.put("score", k.score);
            n.put("reasons", k.reasons);
            n.put("areaMu", round(k.areaMu));
            n.put("usableAreaMu", round(k.netAreaMu));
            n.put("parcelCount", k.parcelIds.size());
            n.put("parcelIds", k.parcelIds.stream().map(String::valueOf).toList());
            n.put("listingCount", k.listings.size());
            n.put("listings", k.listings.stream().map(listingRows::get).filter(java.util.Objects::nonNull).toList());
            n.put("priceMinYuanPerMuYear", k.priceMin);
            n.put("priceMaxYuanPerMuYear", k.priceMax);
            Double mean = search.meanPrice(k);
            n.put("priceMeanYuanPerMuYear", mean == null ? null : round(mean));
            n.put("negotiableAreaMu", round(k.negotiableAreaMu));
            n.put("termMinYears", k.termMin);
            n.put("termMaxYears", k.termMax);
            n.put("modes", List.copyOf(k.modes));
            n.put("pooled", k.pooled);
            n.put("villages", k.villages.stream().map(villageRows::get).filter(java.util.Objects::nonNull).toList());
            n.put("villageCodes", List.copyOf(k.villages));
            List<Map<String, Object>> belts = new ArrayList<>();
            k.belts.forEach((code, mu) -> belts.add(Map.of("code", code, "name", k.beltNames.getOrDefault(code, code), "areaMu", round(mu[0]))));
            n.put("belts", belts);
            n.put("elevationMinM", k.elevMin);
            n.put("elevationMaxM", k.elevMax);
            n.put("roadDistanceM", k.roadM == null ? null : round(k.roadM));
            n.put("townDistanceM", k.townM == null ? null : round(k.townM));
            n.put("permanentBasicFarmlandMu", round(k.pbfMu));
            n.put("highStandardFarmlandMu", round(k.hsfMu));
            n.put("ecologicalRedLineMu", round(k.redLineMu));
            Map<String, Object> g = geo.get(k.key);
            if (g != null) {
                n.put("outline", new GeoJson.Text((String) g.get("outline")));
                n.put("labelPoint", new GeoJson.Text((String) g.get("point")));
                n.put("bbox", g.get("bbox"));
            }
            out.add(n);
        }
        return out;
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    @MutationMapping
    Map<String, Object> exportLandSearch(@Argument String county, @RecordArgument LandSearchCriteria criteria, @Argument Integer limit,
                                         @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportLandSearch");
        int max = limit == null ? EXPORT_MAX : limit;
        if (max < 1 || max > EXPORT_MAX) {
            throw ApiException.badInput("limit", "must be between 1 and " + EXPORT_MAX + ", got " + limit);
        }
        LandSearchCriteria c = criteria == null ? LandSearchCriteria.NONE : criteria;
        InvestorSearch.Result r = run(county, c);
        List<InvestorSearch.Cluster> clusters = r.clusters().subList(0, Math.min(max, r.clusters().size()));
        clusters.forEach(k -> search.explain(k, c));
        List<Map<String, Object>> nodes = nodes(clusters, 0, c.gap(), false, false, true);
        // The clusters travel to the database as one JSON parameter; PostGIS draws each outline as the page does.
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            InvestorSearch.Cluster k = clusters.get(i);
            Map<String, Object> n = nodes.get(i);
            Map<String, Object> row = new HashMap<>();
            row.put("rank", i + 1);
            row.put("cluster", n.get("id"));
            row.put("score", k.score);
            row.put("area_mu", n.get("areaMu"));
            row.put("usable_mu", n.get("usableAreaMu"));
            row.put("parcels", k.parcelIds.size());
            row.put("listings", k.listings.size());
            row.put("price_min", k.priceMin);
            row.put("price_max", k.priceMax);
            row.put("term_min", k.termMin);
            row.put("modes", String.join(",", k.modes));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> vs = (List<Map<String, Object>>) n.get("villages");
            row.put("villages", String.join("、", vs.stream().map(v -> String.valueOf(v.get("name"))).toList()));
            row.put("belts", String.join("、", k.beltNames.values()));
            row.put("road_m", n.get("roadDistanceM"));
            row.put("town_m", n.get("townDistanceM"));
            row.put("pbf_mu", n.get("permanentBasicFarmlandMu"));
            row.put("reasons", String.join("；", k.reasons));
            row.put("ids", k.parcelIds);
            rows.add(row);
        }
        MapSqlParameterSource p = new MapSqlParameterSource("clusters", json.writeValueAsString(rows)).addValue("half", c.gap() / 2 + 0.05);
        return exports.exportMutation(viewer, "exportLandSearch", "circulation_search_parcel", "land_search_" + county,
                format, shapefileEncoding, """
                SELECT c.rank AS "RANK", c.cluster AS "CLUSTER", c.score AS "SCORE", c.area_mu AS "AREA_MU", c.usable_mu AS "USABLE_MU",
                       c.parcels AS "PARCELS", c.listings AS "LISTINGS", c.price_min AS "PRICE_MIN", c.price_max AS "PRICE_MAX",
                       c.term_min AS "TERM_MIN", c.modes AS "MODES", c.villages AS "VILLAGES", c.belts AS "BELTS", c.road_m AS "ROAD_M",
                       c.town_m AS "TOWN_M", c.pbf_mu AS "PBF_MU", c.reasons AS "REASONS",
                       (SELECT ST_Multi(ST_CollectionExtract(ST_Transform(ST_Buffer(ST_Buffer(ST_Union(t.geom_gk), :half, 'quad_segs=2'), -:half, 'quad_segs=2'), 4490), 3))
                        FROM circulation_search_parcel t WHERE t.parcel_id = ANY (c.ids)) AS geom
                FROM json_to_recordset(CAST(:clusters AS json)) AS c(rank int, cluster text, score float8, area_mu float8, usable_mu float8,
                     parcels int, listings int, price_min float8, price_max float8, term_min int, modes text, villages text, belts text,
                     road_m float8, town_m float8, pbf_mu float8, reasons text, ids bigint[])
                ORDER BY c.rank""", p);
    }
}
