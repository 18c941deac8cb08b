package org.landatlas.platform;

import java.util.List;

/**
 * The GraphQL {@code NearInput}: a point [lon, lat] and an optional radius in metres (without one, nearest-first
 * ordering only). Bound by Spring from the input object; {@link #checked} holds its rules and messages.
 */
public record Near(List<Double> point, Double distanceM) {

    /** Largest radius accepted, metres. */
    public static final double MAX_DISTANCE_M = 200_000;

    /** The input when its point and radius are acceptable, null without one; otherwise refused naming {@code argument}.point or .distanceM. */
    public static Near checked(Near near, String argument) {
        if (near == null) {
            return null;
        }
        if (near.point == null || near.point.size() != 2) {
            throw ApiException.badInput(argument + ".point", "needs [longitude, latitude]");
        }
        if (Math.abs(near.lon()) > 180 || Math.abs(near.lat()) > 90) {
            throw ApiException.badInput(argument + ".point", "(" + near.lon() + ", " + near.lat() + ") is not a longitude/latitude");
        }
        Double m = near.distanceM;
        if (m != null && (m < 0 || m.isNaN())) {
            throw ApiException.badInput(argument + ".distanceM", "must not be negative, got " + m);
        }
        if (m != null && m > MAX_DISTANCE_M) {
            throw ApiException.badInput(argument + ".distanceM", "at most " + (int) MAX_DISTANCE_M + " m, got " + m);
        }
        return near;
    }

    public double lon() {
        return point.get(0);
    }

    public double lat() {
        return point.get(1);
    }
}
