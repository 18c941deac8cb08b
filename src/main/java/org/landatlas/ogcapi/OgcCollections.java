package org.landatlas.ogcapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Viewer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every {@link FeatureCollectionSource} bean by id (in {@code @Order}), and what {@code /ogc/collections} says of
 * each for a kind of viewer: the extent and the CRSs (CRS84, EPSG:4490, both codes of each served county's
 * Gauss-Kruger zone). Those need one aggregate over the rows, so they are kept for a few minutes per collection and
 * kind of viewer; item pages never wait for them unless a zone CRS is asked for.
 */
@Component
class OgcCollections {

    /** Extent (lon/lat, null without rows), the 3-degree zones of the counties and the CRSs offered. */
    record Info(double[] bbox, String[] interval, List<Integer> zones, List<Crs> crs) {

        Optional<Crs> find(String text) {
            return Crs.parse(text).filter(c -> crs.stream().anyMatch(o -> o.srid() == c.srid()));
        }
    }

    private final Map<String, FeatureCollectionSource> sources = new LinkedHashMap<>();
    private final NamedParameterJdbcTemplate jdbc;
    private final Cache<String, Info> infos = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).maximumSize(1000).build();

    OgcCollections(ObjectProvider<FeatureCollectionSource> beans, NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        beans.orderedStream().forEach(s -> {
            if (sources.putIfAbsent(s.id(), s) != null) {
                throw new IllegalStateException("two OGC API collections are named " + s.id());
            }
        });
    }

    /** The collections {@code viewer} may use (staff-only ones are not there for the public). */
    List<FeatureCollectionSource> all(Viewer viewer) {
        return sources.values().stream().filter(s -> s.audience().admits(viewer)).toList();
    }

    /** A collection by id; one the viewer may not use is as unknown as a collection that does not exist. */
    FeatureCollectionSource get(String id, Viewer viewer) {
        FeatureCollectionSource s = sources.get(id);
        if (s == null || !s.audience().admits(viewer)) {
            throw ApiException.notFound("collectionId", "no collection '" + id + "'; the collections are "
                    + String.join(", ", all(viewer).stream().map(FeatureCollectionSource::id).toList()));
        }
        return s;
    }

    Info info(FeatureCollectionSource s, Viewer viewer) {
        return infos.get(s.id() + "|" + viewer.accessKey(), k -> compute(s, viewer));
    }

    private Info compute(FeatureCollectionSource s, Viewer viewer) {
        SqlWhere w = new SqlWhere();
        s.where().ifPresent(w::and);
        s.restrict(w, viewer);
        String g = s.geometryColumn();
        // The date range too (UTC instants) when the collection has a date; NULL otherwise.
        String t = s.temporal().map(x -> "(" + x + ")::timestamptz").orElse("NULL::timestamptz");
        String utc = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
        List<double[]> counties = new ArrayList<>();
        String[] interval = new String[2];
        jdbc.query("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), " + utc.formatted("t0") + ", " + utc.formatted("t1") + " FROM (SELECT "
                + s.countyColumn() + " AS c, ST_Extent(" + g + ") AS e, min(" + t + ") AS t0, max(" + t + ") AS t1 FROM " + s.from() + " WHERE " + w.sql()
                + " GROUP BY 1) x WHERE e IS NOT NULL", w.params(), rs -> {
            counties.add(new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
            String t0 = rs.getString(5), t1 = rs.getString(6);
            if (t0 != null && (interval[0] == null || t0.compareTo(interval[0]) < 0)) {
                interval[0] = t0;
            }
            if (t1 != null && (interval[1] == null || t1.compareTo(interval[1]) > 0)) {
                interval[1] = t1;
            }
        });
        double[] bbox = null;
        TreeSet<Integer> zones = new TreeSet<>();
        for (double[] c : counties) {
            bbox = bbox == null ? c.clone() : new double[] {Math.min(bbox[0], c[0]), Math.min(bbox[1], c[1]), Math.max(bbox[2], c[2]), Math.max(bbox[3], c[3])};
            int zone = Crs.zoneOf((c[0] + c[2]) / 2);
            if (zone >= Crs.MIN_ZONE && zone <= Crs.MAX_ZONE) {
                zones.add(zone);
            }
        }
        List<Crs> crs = new ArrayList<>(List.of(Crs.CRS84, Crs.CGCS2000));
        for (int zone : zones) {
            for (int code : Crs.gaussKrugerCodes(zone)) {
                crs.add(Crs.epsg(code));
            }
        }
        return new Info(bbox, s.temporal().isPresent() && interval[0] != null ? interval : null, List.copyOf(zones), List.copyOf(crs));
    }
}
