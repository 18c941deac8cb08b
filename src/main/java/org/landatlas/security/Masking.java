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
}
