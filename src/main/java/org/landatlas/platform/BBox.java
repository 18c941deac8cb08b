package org.landatlas.platform;

import java.util.List;
import java.util.Optional;

/**
 * A longitude/latitude box [minLon, minLat, maxLon, maxLat] in degrees (CGCS2000), as the GraphQL {@code bbox}
 * arguments give it. A BBox is always valid: finite, within [-180, 180] × [-90, 90] and not inverted. The rules
 * and their messages are here only; the GraphQL filters ({@link #of}) and the anonymous area limit
 * ({@link #ifValid}, which runs on raw arguments before binding) both read boxes through them.
 */
public record BBox(double minLon, double minLat, double maxLon, double maxLat) {

    /** Mean earth radius (IUGG), km: a sphere is precise enough for an area limit. */
    private static final double EARTH_RADIUS_KM = 6371.0088;

    public BBox {
        String problem = problem(minLon, minLat, maxLon, maxLat);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The box of a GraphQL value, null without one; a value that is not a valid box is refused naming {@code argument}. */
    public static BBox of(Object value, String argument) {
        if (value == null) {
            return null;
        }
        String problem = problem(value);
        if (problem != null) {
            throw ApiException.badInput(argument, problem);
        }
        return from((List<?>) value);
    }

    /** The box of a raw GraphQL value when it is a valid one; empty otherwise (the filter's own check names the problem). */
    public static Optional<BBox> ifValid(Object value) {
        return value == null || problem(value) != null ? Optional.empty() : Optional.of(from((List<?>) value));
    }

    /** The box when the corners make a valid one; empty otherwise. */
    public static Optional<BBox> ifValid(double minLon, double minLat, double maxLon, double maxLat) {
        return problem(minLon, minLat, maxLon, maxLat) != null ? Optional.empty() : Optional.of(new BBox(minLon, minLat, maxLon, maxLat));
    }

    /** Area on the sphere, km². */
    public double areaKm2() {
        return EARTH_RADIUS_KM * EARTH_RADIUS_KM * Math.toRadians(maxLon - minLon)
                * Math.abs(Math.sin(Math.toRadians(maxLat)) - Math.sin(Math.toRadians(minLat)));
    }

    private static BBox from(List<?> v) {
        return new BBox(number(v, 0), number(v, 1), number(v, 2), number(v, 3));
    }

    private static double number(List<?> v, int i) {
        return ((Number) v.get(i)).doubleValue();
    }

    /** Why a raw value is not a box, or null when it is one. */
    private static String problem(Object value) {
        if (!(value instanceof List<?> v) || v.size() != 4 || !v.stream().allMatch(x -> x instanceof Number)) {
            return "needs 4 numbers [minLon, minLat, maxLon, maxLat], got " + (value instanceof List<?> v ? v.size() : "a " + value.getClass().getSimpleName());
        }
        return problem(number(v, 0), number(v, 1), number(v, 2), number(v, 3));
    }

    private static String problem(double minLon, double minLat, double maxLon, double maxLat) {
        if (!Double.isFinite(minLon) || !Double.isFinite(minLat) || !Double.isFinite(maxLon) || !Double.isFinite(maxLat)) {
            return "coordinates must be finite numbers";
        }
        if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
            return "longitudes must lie in [-180, 180] and latitudes in [-90, 90]";
        }
        if (minLon > maxLon) {
            return "minLon " + minLon + " is greater than maxLon " + maxLon + " (inverted box)";
        }
        if (minLat > maxLat) {
            return "minLat " + minLat + " is greater than maxLat " + maxLat + " (inverted box)";
        }
        return null;
    }
}
