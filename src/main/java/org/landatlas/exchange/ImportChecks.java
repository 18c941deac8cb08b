package org.landatlas.exchange;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.landatlas.exchange.ImportProfile.ImportCheck;
import org.landatlas.exchange.ImportProfile.ImportField;

/**
 * SQL pieces the import profiles share: staged values, number tests and the checks every layer has (required
 * values, duplicate keys, missing, invalid and unrepairable geometries, features outside the county). They speak of
 * the staged row {@code s} only, never of a feature's table.
 */
public final class ImportChecks {

    private ImportChecks() {
    }

    /** The staged text of a field, trimmed, empty as NULL. */
    public static String v(String field) {
        return "nullif(btrim(s." + field + "), '')";
    }

    /** Whether a staged field holds a decimal number. */
    public static String isNumber(String field) {
        return v(field) + " ~ '^-?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?$'";
    }

    /** {@code expr IN ('a', 'b', …)}. */
    public static String listed(String expr, String... values) {
        return expr + " IN (" + Arrays.stream(values).map(x -> "'" + x.replace("'", "''") + "'").collect(Collectors.joining(", ")) + ")";
    }

    /** The staged polygon, repaired where invalid (what a merge writes when repairs are allowed). */
    public static String repairedGeometry(int dimension) {
        return "CASE WHEN ST_IsValid(s.geom) THEN s.geom ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(s.geom), " + dimension + ")) END";
    }

    /** A condition over the staged row {@code s} and the SQL text saying what is wrong when it holds. */
    public record Rule(String condition, String message) {
    }

    /** A blocking check listing the rows where any rule holds, with the messages of all that hold. */
    public static ImportCheck anyOf(String code, String title, String key, List<Rule> rules) {
        String detail = rules.stream().map(r -> "CASE WHEN " + r.condition() + " THEN " + r.message() + " END").collect(Collectors.joining(", "));
        String any = rules.stream().map(r -> "(" + r.condition() + ")").collect(Collectors.joining(" OR "));
        return new ImportCheck(code, title, true, "SELECT row_no, " + key + " AS record_key, concat_ws('; ', " + detail + ") AS detail FROM {staged} s WHERE " + any);
    }

    /** Rows where a required field of the profile is empty, naming the fields. */
    public static ImportCheck requiredValues(List<ImportField> fields, String key) {
        List<String> required = fields.stream().filter(ImportField::required).map(ImportField::name).toList();
        String empties = required.stream().map(f -> "CASE WHEN " + v(f) + " IS NULL THEN '" + f.toUpperCase(Locale.ROOT) + "' END").collect(Collectors.joining(", "));
        String anyEmpty = required.stream().map(f -> v(f) + " IS NULL").collect(Collectors.joining(" OR "));
        return new ImportCheck("required_value", "必填字段为空 Required fields are empty", true,
                "SELECT row_no, " + key + " AS record_key, 'empty: ' || concat_ws(', ', " + empties + ") AS detail FROM {staged} s WHERE " + anyEmpty);
    }

    /** Rows where number fields hold something else. */
    public static ImportCheck numbers(List<String> fields, String key) {
        String bad = fields.stream().map(f -> "CASE WHEN " + v(f) + " IS NOT NULL AND NOT (" + isNumber(f) + ") THEN '" + f.toUpperCase(Locale.ROOT) + " = ' || " + v(f) + " END")
                .collect(Collectors.joining(", "));
        String any = fields.stream().map(f -> "(" + v(f) + " IS NOT NULL AND NOT (" + isNumber(f) + "))").collect(Collectors.joining(" OR "));
        return new ImportCheck("not_a_number", "数值字段不是数字 Number fields hold something else", true,
                "SELECT row_no, " + key + " AS record_key, concat_ws('; ', " + bad + ") AS detail FROM {staged} s WHERE " + any);
    }

    /** Keys that appear on more than one feature. */
    public static ImportCheck duplicateKey(String code, String title, String key) {
        return new ImportCheck(code, title, true,
                "SELECT min(row_no) AS row_no, " + key + " AS record_key, count(*) || ' features share this key (rows ' || string_agg(row_no::text, ', ' ORDER BY row_no) || ')' AS detail"
                        + " FROM {staged} s WHERE " + key + " IS NOT NULL AND " + key + " <> '' GROUP BY " + key + " HAVING count(*) > 1");
    }

    /** The geometry checks: none, invalid (repaired on commit: a warning showing the repair), unrepairable. */
    public static List<ImportCheck> geometry(String key, int dimension) {
        String kind = dimension == 3 ? "polygon" : dimension == 2 ? "line" : "point";
        return List.of(
                new ImportCheck("no_geometry", "没有图形 A feature has no " + kind, true,
                        "SELECT row_no, " + key + " AS record_key, 'no " + kind + "' AS detail FROM {staged} s WHERE s.geom IS NULL OR ST_IsEmpty(s.geom)"),
                new ImportCheck("invalid_geometry", "图形无效，提交时修复 Invalid " + kind + ", repaired on commit (ST_MakeValid)", false,
                        "SELECT row_no, " + key + " AS record_key, ST_IsValidReason(s.geom)" + (dimension == 3
                                ? " || '; repaired area ' || round(ST_Area(s.geom::geography)::numeric, 2) || ' → ' || round(ST_Area(ST_CollectionExtract(ST_MakeValid(s.geom), 3)::geography)::numeric, 2) || ' m²'"
                                : "") + " AS detail FROM {staged} s WHERE s.geom IS NOT NULL AND NOT ST_IsValid(s.geom)"),
                new ImportCheck("unrepairable_geometry", "图形无法修复 A " + kind + " cannot be repaired", true,
                        "SELECT row_no, " + key + " AS record_key, ST_IsValidReason(s.geom) || '; nothing of it is left after repair' AS detail"
                                + " FROM {staged} s WHERE s.geom IS NOT NULL AND NOT ST_IsValid(s.geom) AND ST_IsEmpty(ST_CollectionExtract(ST_MakeValid(s.geom), " + dimension + "))"));
    }

    /** Features whose point on surface is outside the county ({@code :boundary}, WKB in EPSG:4490): usually a wrong CRS. */
    public static ImportCheck outsideCounty(String key, String what) {
        return new ImportCheck("outside_county", what + "不在本县范围内（坐标系是否正确？）A feature lies outside the county (is the CRS right?)", true,
                "SELECT row_no, " + key + " AS record_key, 'at ' || round(ST_X(ST_PointOnSurface(s.geom))::numeric, 6) || ', ' || round(ST_Y(ST_PointOnSurface(s.geom))::numeric, 6)"
                        + " || ' (lon, lat), outside county ' || :county AS detail FROM {staged} s"
                        + " WHERE s.geom IS NOT NULL AND NOT ST_IsEmpty(s.geom) AND NOT ST_Intersects(ST_PointOnSurface(s.geom), ST_GeomFromWKB(:boundary, 4490))");
    }
}
