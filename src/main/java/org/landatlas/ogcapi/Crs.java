package org.landatlas.ogcapi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coordinate reference system the API can answer in, by its OGC URI. Storage is CGCS2000 lon/lat (EPSG:4490).
 * Axis order follows the CRS's definition, which is what clients of Part 2 expect: CRS84 is lon/lat, EPSG:4490 is
 * lat/lon, and the Gauss-Kruger zones (EPSG:4513–4554) are northing, easting. CRS84 is served from the CGCS2000
 * coordinates as they are (the two frames differ by centimetres; no transformation is defined between them).
 *
 * @param uri       the canonical URI (listed in {@code crs} and {@code storageCrs})
 * @param srid      the PostGIS SRID the coordinates are computed in
 * @param latFirst  whether the first axis is latitude / northing (the output and bbox axes are swapped)
 * @param digits    decimal places written (7 for degrees: about a centimetre; 3 for metres)
 */
record Crs(String uri, int srid, boolean latFirst, int digits) {

    static final String CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final Crs CRS84 = new Crs(CRS84_URI, 4490, false, 7);
    static final Crs CGCS2000 = new Crs("http://www.opengis.net/def/crs/EPSG/0/4490", 4490, true, 7);

    /** 3-degree Gauss-Kruger zones of CGCS2000 that EPSG defines (25–45, central meridians 75°E–135°E). */
    static final int MIN_ZONE = 25;
    static final int MAX_ZONE = 45;

    private static final Pattern EPSG = Pattern.compile("(?:https?://www\\.opengis\\.net/def/crs/EPSG/0/|\\[?EPSG:)(\\d+)\\]?");
    private static final Pattern CRS84_ALIAS = Pattern.compile("https?://www\\.opengis\\.net/def/crs/OGC/1\\.3/CRS84|\\[?OGC:CRS84\\]?");

    static Crs epsg(int code) {
        if (code == 4490) {
            return CGCS2000;
        }
        if (code >= 4513 && code <= 4554) {
            return new Crs("http://www.opengis.net/def/crs/EPSG/0/" + code, code, true, 3);
        }
        throw new IllegalArgumentException("EPSG:" + code + " is not served");
    }

    /** The EPSG codes of 3-degree zone {@code zone}: with the zone prefixed to the easting, and without. */
    static int[] gaussKrugerCodes(int zone) {
        return new int[] {4513 + zone - MIN_ZONE, 4534 + zone - MIN_ZONE};
    }

    /** The 3-degree zone of a longitude (central meridian 3 × zone). */
    static int zoneOf(double lon) {
        return (int) Math.round(lon / 3);
    }

    /**
     * The CRS a {@code crs} or {@code bbox-crs} value names: an OGC URI (http or https), or a safe CURIE
     * {@code [EPSG:4490]} / {@code [OGC:CRS84]} (brackets optional). Empty when the text names no CRS served at all.
     */
    static Optional<Crs> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (CRS84_ALIAS.matcher(s).matches()) {
            return Optional.of(CRS84);
        }
        Matcher m = EPSG.matcher(s);
        if (m.matches() && s.startsWith("[") == s.endsWith("]")) {
            try {
                int code = Integer.parseInt(m.group(1));
                if (code == 4490 || (code >= 4513 && code <= 4554)) {
                    return Optional.of(epsg(code));
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** SQL of {@code geometry} (SRID 4490) in this CRS with this CRS's axis order. */
    String output(String geometry) {
        String g = srid == 4490 ? geometry : "ST_Transform(" + geometry + ", " + srid + ")";
        return latFirst ? "ST_FlipCoordinates(" + g + ")" : g;
    }
}
