package org.landatlas.exchange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.landatlas.platform.ApiException;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved field mappings: a bureau's own field names (标识码, DLBM_2023 …) for a profile's fields, kept by name and
 * given on an upload as {@code mapping=NAME}, or inline as {@code map=bsm:标识码,dlbm:地类编码}.
 */
@Service
class ImportMappings {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NamedParameterJdbcTemplate jdbc;
    private final ImportService imports;
    private final AuditLog audit;

    ImportMappings(NamedParameterJdbcTemplate jdbc, ImportService imports, AuditLog audit) {
        this.jdbc = jdbc;
        this.imports = imports;
        this.audit = audit;
    }

    /** The mapping an upload asks for: a saved one by name, or an inline one ({@code field:source,…}); empty for none. */
    Map<String, String> resolve(String profile, String savedName, String inline) {
        if (savedName != null && inline != null) {
            throw ApiException.badInput("map", "give a saved mapping (mapping=) or an inline one (map=), not both");
        }
        if (savedName != null) {
            Access.requireStaff("mapping");
            List<String> found = jdbc.queryForList("SELECT fields::text FROM import_mapping WHERE profile = :profile AND name = :name",
                    Map.of("profile", profile == null ? "" : profile, "name", savedName), String.class);
            if (found.isEmpty()) {
                throw ApiException.badInput("mapping", "no saved mapping '" + savedName + "' for profile " + profile);
            }
            @SuppressWarnings("unchecked")
            Map<String, String> fields = JSON.readValue(found.get(0), LinkedHashMap.class);
            return fields;
        }
        if (inline == null) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : inline.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw ApiException.badInput("map", "'" + pair + "' is not field:source (e.g. map=bsm:标识码,dlbm:地类编码)");
            }
            fields.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return checked(profile, fields, "map");
    }

    /** A mapping's fields, checked against the profile: known target fields, distinct sources, plain names. */
    private Map<String, String> checked(String profile, Map<String, String> fields, String argument) {
        ImportProfile p = imports.profile(profile);
        Set<String> known = p.fields().stream().map(ImportProfile.ImportField::name).collect(Collectors.toSet());
        if (fields.isEmpty()) {
            throw ApiException.badInput(argument, "a mapping needs at least one field");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String target = e.getKey().toLowerCase(Locale.ROOT);
            String source = e.getValue() == null ? "" : e.getValue().trim().toLowerCase(Locale.ROOT);
            if (!known.contains(target)) {
                throw ApiException.badInput(argument, "'" + e.getKey() + "' is not a field of profile " + profile + " (fields: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
            if (source.isEmpty() || source.length() > 63 || source.chars().anyMatch(c -> c < 0x20 || c == '"')) {
                throw ApiException.badInput(argument, "the source field for " + target.toUpperCase(Locale.ROOT) + " is empty, longer than 63 characters or holds a quote");
            }
            if (out.containsValue(source)) {
                throw ApiException.badInput(argument, "source field '" + source + "' is mapped twice");
            }
            out.put(target, source);
        }
        return out;
    }

    List<Map<String, Object>> list(String profile) {
        Access.requireStaff("importMappings");
        MapSqlParameterSource p = new MapSqlParameterSource("profile", profile);
        return jdbc.queryForList("SELECT id, name, profile, fields::text AS fields, created_by AS \"createdBy\", updated_at AS \"updatedAt\" FROM import_mapping"
                + " WHERE (CAST(:profile AS text) IS NULL OR profile = :profile) ORDER BY profile, name", p).stream().map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>(r);
                    m.put("fields", JSON.readValue((String) r.get("fields"), LinkedHashMap.class));
                    return m;
                }).toList();
    }

    /** Saves (or replaces) a mapping by profile and name. */
    Map<String, Object> save(String name, String profile, Map<String, String> fields) {
        Viewer viewer = Access.requireStaff("saveImportMapping");
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ApiException.badInput("name", "1–100 characters");
        }
        Map<String, String> checked = checked(profile, fields, "fields");
        Long id = jdbc.queryForObject("""
                INSERT INTO import_mapping (name, profile, fields, created_by) VALUES (:name, :profile, :fields::jsonb, :by)
                ON CONFLICT (profile, name) DO UPDATE SET fields = EXCLUDED.fields, created_by = EXCLUDED.created_by, updated_at = now() RETURNING id""",
                new MapSqlParameterSource().addValue("name", name.trim()).addValue("profile", profile).addValue("fields", JSON.writeValueAsString(checked))
                        .addValue("by", viewer.username()), Long.class);
        audit.record("saveImportMapping", "import_mapping", id, null, null, Map.of("name", name.trim(), "profile", profile, "fields", checked));
        return list(profile).stream().filter(m -> ((Number) m.get("id")).longValue() == id).findFirst().orElseThrow();
    }

    boolean delete(long id) {
        Access.requireStaff("deleteImportMapping");
        int n = jdbc.update("DELETE FROM import_mapping WHERE id = :id", Map.of("id", id));
        if (n == 0) {
            throw ApiException.notFound("id", "no saved mapping " + id);
        }
        audit.record("deleteImportMapping", "import_mapping", id, null, null, null);
        return true;
    }
}
