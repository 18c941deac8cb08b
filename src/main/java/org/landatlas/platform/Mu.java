package org.landatlas.platform;

/**
 * The 亩 (mu), the unit Chinese land records state areas in: 1 mu = 2000/3 m² exactly. Every conversion from m²
 * goes through here, in SQL and in Java, with the same arithmetic (multiply by 3, then divide by 2000, in double
 * precision) so that the API's figures agree to the last bit with the generated {@code area_mu} columns.
 */
public final class Mu {

    /** m² in one mu, for code that divides (the demo generator draws areas this way). */
    public static final double M2_PER_MU = 2000.0 / 3.0;

    private Mu() {
    }

    /**
     * SQL for the mu of an m² expression: {@code (m2) * 3 / 2000}, the definition the generated columns use. The
     * arithmetic keeps the argument's type (double precision stays double, numeric stays exact), so replacing a
     * written-out {@code x * 3 / 2000} by this changes no answer; the parentheses only keep a compound argument whole.
     */
    public static String fromM2Sql(String m2) {
        return "(" + m2 + ") * 3 / 2000";
    }

    /** The mu of an area in m², computed as {@link #fromM2Sql} computes it in SQL. */
    public static double fromM2(double m2) {
        return m2 * 3 / 2000;
    }
}
