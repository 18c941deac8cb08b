package org.landatlas.security;

/**
 * Masks personal data the way Chinese registries print it: 张*三 (every character but the first and last),
 * 138****1234 (the middle four digits of a mobile number), 110105********123X (an ID number's birth date and
 * sequence). Applied in the query layer, so GraphQL, exports and anything built on them get masked values.
 */
public final class Masking {

    private Masking() {
    }

    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int[] cp = name.codePoints().toArray();
        if (cp.length == 1) {
            return name;
        }
        if (cp.length == 2) {
            return new String(cp, 0, 1) + "*";
        }
        return new String(cp, 0, 1) + "*".repeat(cp.length - 2) + new String(cp, cp.length - 1, 1);
    }

    public static String phone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone == null ? null : "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    public static String idNumber(String id) {
        if (id == null || id.length() < 10) {
            return id == null ? null : "*".repeat(id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    /**
     * A person's identifying fields as the viewer may see them in that county: {@code nameKey} (e.g. name or
     * headName), idNumber and phone, masked unless permitted, and {@code masked} saying which.
     */
    public static java.util.Map<String, Object> person(Viewer viewer, String county, String nameKey, String name, String idNumber, String phone) {
        java.util.Map<String, Object> m = new java.util.HashMap<>();
        m.put(nameKey, name(viewer, county, name));
        m.put("idNumber", idNumber(viewer, county, idNumber));
        m.put("phone", phone(viewer, county, phone));
        m.put("masked", !viewer.seesPersonalDataIn(county));
        return m;
    }

    /** The value as the viewer may see it in that county. */
    public static String name(Viewer viewer, String county, String value) {
        return viewer.seesPersonalDataIn(county) ? value : name(value);
    }

    public static String phone(Viewer viewer, String county, String value) {
        return viewer.seesPersonalDataIn(county) ? value : phone(value);
    }

    public static String idNumber(Viewer viewer, String county, String value) {
        return viewer.seesPersonalDataIn(county) ? value : idNumber(value);
    }

    /** Kinds of personal value, each with its mask. */
    public enum Kind { NAME, PHONE, ID_NUMBER }

    /**
     * SQL of a personal value as the viewer may see it in the row's county, for exports and other set-based reads
     * that never pass the values through Java: the value itself with the personal-data permission, masked exactly
     * like {@link #name(String)}, {@link #phone(String)} and {@link #idNumber(String)} without it, NULL outside the
     * viewer's counties and for the public. County codes are bound as parameters of {@code params}.
     */
    public static String sql(Viewer viewer, Kind kind, String valueSql, String countySql, org.landatlas.platform.SqlWhere params) {
        if (viewer.isPublic()) {
            return "NULL::text";
        }
        String value = viewer.personalData() ? valueSql : maskSql(kind, valueSql);
        String staff = staffSql(viewer, countySql, params);
        return staff.equals("TRUE") ? value : "CASE WHEN " + staff + " THEN " + value + " END";
    }

    /** SQL that holds for rows whose county the viewer has staff rights in ("TRUE" for administrators). */
    public static String staffSql(Viewer viewer, String countySql, org.landatlas.platform.SqlWhere params) {
        java.util.Collection<String> counties = viewer.staffCounties();
        if (counties == null) {
            return "TRUE";
        }
        return counties.isEmpty() ? "FALSE" : countySql + " IN (" + params.param(counties) + ")";
    }

    /** SQL of whether a row's personal values are masked for the viewer (null where they are not given at all). */
    public static String maskedSql(Viewer viewer, String countySql, org.landatlas.platform.SqlWhere params) {
        if (viewer.isPublic()) {
            return "NULL::boolean";
        }
        String staff = staffSql(viewer, countySql, params);
        return "CASE WHEN " + staff + " THEN " + !viewer.personalData() + " END";
    }

    /** The SQL twin of the Java masks (characters, not bytes: PostgreSQL's left/right/char_length count characters). */
    static String maskSql(Kind kind, String v) {
        return switch (kind) {
            case NAME -> "(CASE WHEN char_length(" + v + ") <= 1 THEN " + v + " WHEN char_length(" + v + ") = 2 THEN left(" + v + ", 1) || '*'"
                    + " ELSE left(" + v + ", 1) || repeat('*', char_length(" + v + ") - 2) || right(" + v + ", 1) END)";
            case PHONE -> "(CASE WHEN char_length(" + v + ") < 7 THEN repeat('*', char_length(" + v + "))"
                    + " ELSE left(" + v + ", 3) || '****' || right(" + v + ", 4) END)";
            case ID_NUMBER -> "(CASE WHEN char_length(" + v + ") < 10 THEN repeat('*', char_length(" + v + "))"
                    + " ELSE left(" + v + ", 6) || repeat('*', char_length(" + v + ") - 10) || right(" + v + ", 4) END)";
        };
    }
}
