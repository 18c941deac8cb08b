package org.landatlas.ogcapi;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.landatlas.ogcapi.FeatureCollectionSource.IdType;
import org.landatlas.ogcapi.FeatureCollectionSource.Property;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Viewer;

/**
 * The query parameters of {@code /ogc/collections/{id}/items}, checked before anything is written (an error can no
 * longer be answered once the features stream), and the SQL they make. Paging is a keyset on the id column: the
 * {@code cursor} of a {@code next} link is the last id of the page, so every page costs what the first one does.
 */
final class ItemsQuery {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 10_000;

    final FeatureCollectionSource source;
    final int limit;
    final Crs crs;
    /** The {@code crs} value as the client wrote it: {@code Content-Crs} repeats it exactly. */
    final String crsAsGiven;
    final Object after;
    final SqlWhere where = new SqlWhere();
    /** The conditions without the cursor (numberMatched counts them). */
    final String matchedSql;

    /**
     * @param params     the request's parameters (first value of each)
     * @param maxLimit   the viewer's largest page (the anonymous limit for the public): a larger {@code limit} is cut to it
     * @param crsOf      the CRS of a {@code crs} / {@code bbox-crs} value offered by this collection for this viewer, or empty
     */
    ItemsQuery(FeatureCollectionSource source, Map<String, String> params, Viewer viewer, int maxLimit, Function<String, Optional<Crs>> crsOf) {
        this.source = source;
        for (String name : params.keySet()) {
            if (!TableFeatureCollection.RESERVED.contains(name) && !source.properties().containsKey(name)) {
                throw ApiException.badInput(name, "unknown parameter; collection " + source.id() + " takes f, limit, bbox, bbox-crs, crs, "
                        + "datetime, cursor and its properties " + String.join(", ", source.properties().keySet()));
            }
        }
        this.limit = Math.min(limit(params.get("limit")), maxLimit);
        String crsText = params.get("crs");
        this.crsAsGiven = crsText == null ? Crs.CRS84_URI : crsText;
        this.crs = crsText == null ? Crs.CRS84 : crsOf.apply(crsText).orElseThrow(() -> ApiException.badInput("crs",
                "'" + crsText + "' is not one of the CRSs of collection " + source.id() + " (see its crs list at /ogc/collections/" + source.id() + ")"));
        source.where().ifPresent(where::and);
        source.restrict(where, viewer);
        bbox(params.get("bbox"), params.get("bbox-crs"), crsOf);
        datetime(params.get("datetime"));
        for (Map.Entry<String, Property> p : source.properties().entrySet()) {
            String v = params.get(p.getKey());
            if (v != null) {
                filter(p.getKey(), p.getValue(), v);
            }
        }
        this.matchedSql = where.sql();
        this.after = cursor(params.get("cursor"));
        if (after != null) {
            where.and(source.idColumn() + " > " + where.param(after));
        }
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badInput("limit", "'" + text + "' is not a whole number");
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw ApiException.badInput("limit", n + " is not within 1–" + MAX_LIMIT);
        }
        return n;
    }

    private void bbox(String text, String crsText, Function<String, Optional<Crs>> crsOf) {
        if (text == null) {
            if (crsText != null) {
                throw ApiException.badInput("bbox-crs", "given without a bbox");
            }
            return;
        }
        Crs bcrs = crsText == null ? Crs.CRS84 : crsOf.apply(crsText).orElseThrow(() -> ApiException.badInput("bbox-crs",
                "'" + crsText + "' is not one of the CRSs of collection " + source.id()));
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw ApiException.badInput("bbox", "'" + text + "' is not 4 (or 6) comma-separated numbers");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw ApiException.badInput("bbox", "'" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw ApiException.badInput("bbox", "'" + parts[i] + "' is not a finite number");
            }
        }
        // Six numbers carry heights, which 2D data ignores.
        int d = parts.length / 2;
        double a1 = v[0], a2 = v[1], b1 = v[d], b2 = v[d + 1];
        // In the bbox-crs's own axis order: lat/lon (northing/easting) for EPSG:4490 and the zones.
        double minX = bcrs.latFirst() ? a2 : a1, minY = bcrs.latFirst() ? a1 : a2;
        double maxX = bcrs.latFirst() ? b2 : b1, maxY = bcrs.latFirst() ? b1 : b2;
        String axes = bcrs.latFirst() ? (bcrs.srid() == 4490 ? "minLat,minLon,maxLat,maxLon" : "minNorthing,minEasting,maxNorthing,maxEasting")
                : "minLon,minLat,maxLon,maxLat";
        if (minX > maxX || minY > maxY) {
            throw ApiException.badInput("bbox", "'" + text + "': a minimum is greater than its maximum (order " + axes + ")");
        }
        if (bcrs.srid() == 4490 && (minX < -180 || maxX > 180 || minY < -90 || maxY > 90)) {
            throw ApiException.badInput("bbox", "'" + text + "' is outside -180–180 longitude, -90–90 latitude (order " + axes + ")");
        }
        String env = "ST_MakeEnvelope(" + where.param(minX) + ", " + where.param(minY) + ", " + where.param(maxX) + ", " + where.param(maxY) + ", " + bcrs.srid() + ")";
        if (bcrs.srid() != 4490) {
            // Edges of a projected box are curves in lon/lat: densify before transforming.
            env = "ST_Transform(ST_Segmentize(" + env + ", " + where.param(Math.max(1, Math.max(maxX - minX, maxY - minY) / 16)) + "), 4490)";
        }
        String g = source.geometryColumn();
        where.and(g + " && " + env + " AND ST_Intersects(" + g + ", " + env + ")");
    }

    private void datetime(String text) {
        if (text == null) {
            return;
        }
        String[] ends = text.split("/", -1);
        if (source.temporal().isEmpty()) {
            // Part 1 has every items path take datetime; features without a date are not excluded by it (the
            // standard leaves that to the server), so the value is only checked here.
            for (String end : ends) {
                if (!end.isBlank() && !end.strip().equals("..")) {
                    instant(end.strip());
                }
            }
            if (ends.length > 2) {
                throw ApiException.badInput("datetime", "'" + text + "' is not an instant or an interval start/end");
            }
            return;
        }
        String column = source.temporal().get();
        if (ends.length > 2) {
            throw ApiException.badInput("datetime", "'" + text + "' is not an instant or an interval start/end");
        }
        if (ends.length == 1) {
            Object t = instant(text.strip());
            where.and(t instanceof LocalDate ? "(" + column + ")::date = " + where.param(t) : column + " = " + where.param(t));
            return;
        }
        String start = ends[0].strip(), end = ends[1].strip();
        boolean openStart = start.isEmpty() || start.equals(".."), openEnd = end.isEmpty() || end.equals("..");
        if (openStart && openEnd) {
            throw ApiException.badInput("datetime", "'" + text + "': an interval needs a start or an end");
        }
        Object s = openStart ? null : instant(start), e = openEnd ? null : instant(end);
        if (s != null) {
            where.and(s instanceof LocalDate ? "(" + column + ")::date >= " + where.param(s) : column + " >= " + where.param(s));
        }
        if (e != null) {
            where.and(e instanceof LocalDate ? "(" + column + ")::date <= " + where.param(e) : column + " <= " + where.param(e));
        }
    }

    /** An RFC 3339 date (2025-06-30) or date-time with offset (2025-06-30T08:00:00Z). */
    private static Object instant(String text) {
        try {
            return text.contains("T") || text.contains("t") ? OffsetDateTime.parse(text.toUpperCase(java.util.Locale.ROOT)) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badInput("datetime", "'" + text + "' is not an RFC 3339 date (2025-06-30) or date-time (2025-06-30T08:00:00Z)");
        }
    }

    private void filter(String name, Property p, String text) {
        switch (p.type()) {
            case STRING -> {
                List<String> values = new ArrayList<>();
                for (String s : text.split(",")) {
                    values.add(s.strip());
                }
                where.and(p.sql() + " IN (" + where.param(values) + ")");
            }
            case INTEGER -> {
                List<Long> values = new ArrayList<>();
                for (String s : text.split(",")) {
                    try {
                        values.add(Long.parseLong(s.strip()));
                    } catch (NumberFormatException e) {
                        throw ApiException.badInput(name, "'" + s + "' is not a whole number");
                    }
                }
                where.and(p.sql() + " IN (" + where.param(values) + ")");
            }
            case NUMBER -> {
                try {
                    where.and(p.sql() + " = " + where.param(Double.parseDouble(text.strip())));
                } catch (NumberFormatException e) {
                    throw ApiException.badInput(name, "'" + text + "' is not a number");
                }
            }
            case BOOLEAN -> {
                boolean b = switch (text.strip()) {
                    case "true", "1" -> true;
                    case "false", "0" -> false;
                    default -> throw ApiException.badInput(name, "'" + text + "' is not true or false");
                };
                where.and(p.sql() + " = " + where.param(b));
            }
            case DATE -> {
                try {
                    where.and("(" + p.sql() + ")::date = " + where.param(LocalDate.parse(text.strip())));
                } catch (DateTimeParseException e) {
                    throw ApiException.badInput(name, "'" + text + "' is not a date (2025-06-30)");
                }
            }
        }
    }

    /** The opaque cursor of a next link: the page's last id, base64url. */
    static String cursorOf(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private Object cursor(String text) {
        if (text == null) {
            return null;
        }
        String id;
        try {
            id = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput("cursor", "'" + text + "' is not a cursor of a next link");
        }
        Object key = key(id);
        if (key == null) {
            throw ApiException.badInput("cursor", "'" + text + "' is not a cursor of a next link");
        }
        return key;
    }

    /** A feature id as the id column's type, or null when it cannot be one. */
    Object key(String id) {
        if (source.idType() == IdType.STRING) {
            return id.isEmpty() ? null : id;
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
