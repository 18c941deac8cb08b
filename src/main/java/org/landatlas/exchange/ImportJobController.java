package org.landatlas.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.landatlas.platform.ApiException;
import org.landatlas.security.Access;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over import jobs: profiles, a job and its report, the county's jobs, commit and cancel. The upload is the
 * HTTP endpoint of {@link ImportController}; both doors run the same {@link ImportService}.
 */
@Controller
class ImportJobController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ImportService imports;
    private final ImportMappings mappings;

    ImportJobController(ImportService imports, ImportMappings mappings) {
        this.imports = imports;
        this.mappings = mappings;
    }

    @QueryMapping
    List<Map<String, Object>> importMappings(@Argument String profile) {
        return mappings.list(profile).stream().map(ImportJobController::mapping).toList();
    }

    @MutationMapping
    Map<String, Object> saveImportMapping(@Argument String name, @Argument String profile, @Argument List<Map<String, Object>> fields) {
        Map<String, String> f = new LinkedHashMap<>();
        for (Map<String, Object> m : fields) {
            if (f.put((String) m.get("field"), (String) m.get("source")) != null) {
                throw ApiException.badInput("fields", "field " + m.get("field") + " is mapped twice");
            }
        }
        return mapping(mappings.save(name, profile, f));
    }

    @MutationMapping
    boolean deleteImportMapping(@Argument String id) {
        return mappings.delete(parseId(id));
    }

    private static Map<String, Object> mapping(Map<String, Object> m) {
        Map<String, Object> g = new LinkedHashMap<>(m);
        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) m.get("fields");
        g.put("fields", fields.entrySet().stream().map(e -> Map.of("field", e.getKey(), "source", e.getValue())).toList());
        if (m.get("updatedAt") instanceof java.sql.Timestamp t) {
            g.put("updatedAt", t.toInstant().atOffset(java.time.ZoneOffset.UTC));
        }
        return g;
    }

    @QueryMapping
    List<Map<String, Object>> importProfiles() {
        Access.requireStaff("importProfiles");
        return imports.profiles().values().stream().map(p -> Map.<String, Object>of("name", p.name(), "title", p.title(), "geometryType", p.geometryType(),
                "fields", p.fields(), "options", p.options().stream().map(o -> Map.of("name", o.name(), "description", o.description(),
                        "values", o.values(), "defaultValue", o.defaultValue())).toList(), "checks", p.checks())).toList();
    }

    @QueryMapping
    Map<String, Object> importJob(@Argument String id) {
        return graphql(imports.job(parseId(id)));
    }

    @QueryMapping
    List<Map<String, Object>> importJobs(@Argument String countyCode, @Argument Integer first) {
        return imports.jobs(countyCode, first == null ? 20 : first).stream().map(ImportJobController::graphql).toList();
    }

    @MutationMapping
    Map<String, Object> commitImport(@Argument String id) {
        return graphql(imports.commit(parseId(id)));
    }

    @MutationMapping
    Map<String, Object> cancelImport(@Argument String id) {
        return graphql(imports.cancel(parseId(id)));
    }

    @SchemaMapping(typeName = "ImportJob")
    List<Map<String, Object>> changes(Map<String, Object> job, @Argument Integer first) {
        int limit = first == null ? 100 : first;
        if (limit < 1 || limit > 10_000) {
            throw ApiException.badInput("first", "must be 1–10000");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : imports.changes(((Number) job.get("id")).longValue(), limit)) {
            List<Map<String, Object>> fields = new ArrayList<>();
            if (c.get("fields") != null) {
                JSON.readTree((String) c.get("fields")).properties().forEach(e -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("field", e.getKey());
                    f.put("before", text(e.getValue().get(0)));
                    f.put("after", text(e.getValue().get(1)));
                    fields.add(f);
                });
            }
            out.add(Map.of("recordKey", c.get("key"), "change", c.get("change"), "fields", fields));
        }
        return out;
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.isString() ? v.asString() : v.toString();
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badInput("id", "'" + id + "' is not an import job id");
        }
    }

    /** The service's job with the report and result as the schema's types. */
    private static Map<String, Object> graphql(Map<String, Object> job) {
        Map<String, Object> g = new LinkedHashMap<>(job);
        g.put("status", ((String) job.get("status")).toUpperCase(Locale.ROOT));
        if (job.get("createdAt") instanceof java.sql.Timestamp t) {
            g.put("createdAt", t.toInstant().atOffset(java.time.ZoneOffset.UTC));
        }
        if (job.get("finishedAt") instanceof java.sql.Timestamp t) {
            g.put("finishedAt", t.toInstant().atOffset(java.time.ZoneOffset.UTC));
        }
        if (job.get("report") instanceof JsonNode report) {
            List<Map<String, Object>> checks = new ArrayList<>();
            for (JsonNode c : report.path("checks")) {
                List<Map<String, Object>> examples = new ArrayList<>();
                for (JsonNode e : c.path("examples")) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("rowNo", e.path("row_no").isNumber() ? e.path("row_no").asInt() : null);
                    x.put("recordKey", text(e.get("record_key")));
                    x.put("detail", text(e.get("detail")));
                    examples.add(x);
                }
                checks.add(Map.of("code", c.path("code").asString(), "title", c.path("title").asString(), "blocking", c.path("blocking").asBoolean(),
                        "count", c.path("count").asInt(), "examples", examples));
            }
            g.put("report", Map.of("rows", report.path("rows").asInt(), "blocked", report.path("blocked").asBoolean(), "checks", checks));
        }
        g.put("options", ImportService.jobOptions(job).entrySet().stream().map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList());
        if (job.get("result") instanceof JsonNode result) {
            g.put("result", Map.of("added", result.path("added").asInt(), "changed", result.path("changed").asInt(), "removed", result.path("removed").asInt()));
        }
        return g;
    }
}
