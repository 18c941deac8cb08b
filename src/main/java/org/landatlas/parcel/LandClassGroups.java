package org.landatlas.parcel;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The land-class groups, in display order, from their one source {@code gis-data/land-class-groups.json}: the jar
 * ships it, the web map's build imports it, and {@link LandClassGroupCheck} holds the GraphQL enum and the
 * {@code land_class} rows to it at start-up.
 */
public final class LandClassGroups {

    /** Where the list is, on the classpath and (under the project root) for the web map. */
    public static final String RESOURCE = "gis-data/land-class-groups.json";
    /** The group that takes whatever no other group names. */
    public static final String OTHER = "other";

    private static final Pattern CODE = Pattern.compile("[a-z]+");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
    private static final List<LandClassGroup> ALL = load();

    private LandClassGroups() {
    }

    /** Every group, in the order the map's legend and filter show them. */
    public static List<LandClassGroup> all() {
        return ALL;
    }

    /** The groups' codes, in order. */
    public static List<String> codes() {
        return ALL.stream().map(LandClassGroup::code).toList();
    }

    /**
     * SQL naming the group of the key expression {@code %s} in Chinese; the catch-all group takes every other key,
     * a missing one included.
     */
    static String chineseNameSql() {
        StringBuilder sql = new StringBuilder("CASE %s");
        String otherName = null;
        for (LandClassGroup g : ALL) {
            if (g.code().equals(OTHER)) {
                otherName = g.name();
            } else {
                sql.append(" WHEN '").append(g.code()).append("' THEN '").append(g.name()).append('\'');
            }
        }
        return sql.append(" ELSE '").append(otherName).append("' END").toString();
    }

    private static List<LandClassGroup> load() {
        try (InputStream in = LandClassGroups.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " on the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads and checks a list: codes lower-case and unique, the catch-all group present, names without quotes, colours #rrggbb. */
    static List<LandClassGroup> parse(InputStream json) {
        List<LandClassGroup> groups = JsonMapper.builder().build().readValue(json, new TypeReference<List<LandClassGroup>>() {
        });
        Set<String> seen = new HashSet<>();
        for (LandClassGroup g : groups) {
            String at = RESOURCE + ": group " + g.code();
            if (g.code() == null || !CODE.matcher(g.code()).matches() || !seen.add(g.code())) {
                throw new IllegalStateException(at + ": the code must be lower-case letters and unique");
            }
            if (g.name() == null || g.name().isBlank() || g.name().contains("'") || g.nameEn() == null || g.nameEn().isBlank()) {
                throw new IllegalStateException(at + ": needs a name and an English name, without quotes");
            }
            if (g.colour() == null || !COLOUR.matcher(g.colour()).matches()) {
                throw new IllegalStateException(at + ": the colour must be #rrggbb in lower case");
            }
        }
        if (!seen.contains(OTHER)) {
            throw new IllegalStateException(RESOURCE + ": the group '" + OTHER + "' (everything else) is missing");
        }
        return List.copyOf(groups);
    }
}
