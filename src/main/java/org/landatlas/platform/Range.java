package org.landatlas.platform;

/**
 * The GraphQL {@code FloatRange}: {min, max}, each end optional and inclusive. Bound by Spring from the input
 * object; {@link #checked} holds its rules and messages (the accepted bounds depend on the field).
 */
public record Range(Double min, Double max) {

    /** The range when both ends lie in [lowest, highest] and min ≤ max, null without one; otherwise refused naming {@code argument}. */
    public static Range checked(Range range, String argument, double lowest, double highest) {
        if (range == null) {
            return null;
        }
        if (range.min != null && range.max != null && range.min > range.max) {
            throw ApiException.badInput(argument, "min " + range.min + " is greater than max " + range.max);
        }
        for (Double x : new Double[] {range.min, range.max}) {
            if (x != null && (x.isNaN() || x < lowest || x > highest)) {
                throw ApiException.badInput(argument, x + " is outside [" + lowest + ", " + (highest == Double.MAX_VALUE ? "∞" : highest) + "]");
            }
        }
        return range;
    }
}
