package org.landatlas.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.landatlas.platform.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The import door over HTTP: upload (multipart field {@code file}, or the raw file as the body with
 * {@code fileName=}) → a checked job with its report → commit or cancel. Staff of the county only.
 * <pre>
 * curl -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/octet-stream" --data-binary @dltb.zip "…/exchange/imports?profile=dltb&amp;county=150627&amp;fileName=dltb.zip"
 * curl -H "Authorization: Bearer $TOKEN" -X POST …/exchange/imports/7/commit
 * </pre>
 */
@RestController
class ImportController {

    private final ImportService imports;
    private final ImportMappings mappings;
    private final Exports exports;

    ImportController(ImportService imports, ImportMappings mappings, Exports exports) {
        this.imports = imports;
        this.mappings = mappings;
        this.exports = exports;
    }

    /** Saved field mappings, of one profile or all. */
    @GetMapping("/exchange/mappings")
    List<Map<String, Object>> mappings(@RequestParam(required = false) String profile) {
        return mappings.list(profile);
    }

    /** A prepared export (GraphQL's export mutations answer with this URL), written by GDAL as it is sent. */
    @GetMapping("/exchange/exports/{id}")
    void export(@PathVariable String id, jakarta.servlet.http.HttpServletResponse response) throws IOException {
        exports.download(id, org.landatlas.security.Viewer.current(), response);
    }

    @GetMapping("/exchange/profiles")
    List<Map<String, Object>> profiles() {
        return imports.profiles().values().stream().map(p -> Map.<String, Object>of("name", p.name(), "title", p.title(),
                "fields", p.fields(), "options", p.options().stream().map(o -> Map.of("name", o.name(), "description", o.description(), "values", o.values(),
                        "default", o.defaultValue())).toList(),
                "checks", p.checks().stream().map(c -> Map.of("code", c.code(), "title", c.title(), "blocking", c.blocking())).toList())).toList();
    }

    /**
     * The options are read from the query string only: a file sent as a form body (curl's --data-binary default,
     * application/x-www-form-urlencoded) would otherwise be decoded as parameters before anything could refuse it.
     */
    @PostMapping("/exchange/imports")
    ResponseEntity<Map<String, Object>> upload(HttpServletRequest request) throws IOException, jakarta.servlet.ServletException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            throw ApiException.badInput("Content-Type", "send the file as application/octet-stream (curl -H 'Content-Type: application/octet-stream' --data-binary @file)"
                    + " or as multipart/form-data with a part named 'file', not as a form");
        }
        Map<String, String> q = query(request.getQueryString());
        String profile = q.get("profile");
        String county = q.get("county");
        if (profile == null) {
            throw ApiException.badInput("profile", "required (e.g. profile=dltb; GET /exchange/profiles lists them)");
        }
        // The profile's own options (e.g. dltb's classSystem) by their names; the service checks their values.
        Map<String, String> profileOptions = new java.util.LinkedHashMap<>();
        for (ImportProfile.ImportOption o : imports.profile(profile).options()) {
            if (q.containsKey(o.name())) {
                profileOptions.put(o.name(), q.get(o.name()));
            }
        }
        ImportService.Options options = new ImportService.Options(q.get("crs"), q.get("encoding"), q.get("layer"), scope(q.get("scope")),
                mappings.resolve(profile, q.get("mapping"), q.get("map")), "true".equalsIgnoreCase(q.get("gcj02")), profileOptions);
        Map<String, Object> job;
        if (type.startsWith("multipart/")) {
            Part part = request.getPart("file");
            if (part == null) {
                throw ApiException.badInput("file", "the multipart upload has no part named 'file'");
            }
            try (InputStream in = part.getInputStream()) {
                job = imports.stage(profile, county, q.getOrDefault("fileName", part.getSubmittedFileName()), in, options);
            }
        } else {
            try (InputStream in = request.getInputStream()) {
                job = imports.stage(profile, county, q.get("fileName"), in, options);
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(job);
    }

    private static ImportProfile.Scope scope(String value) {
        if (value == null) {
            return ImportProfile.Scope.COUNTY;
        }
        try {
            return ImportProfile.Scope.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput("scope", "'" + value + "' is not county, villages or add");
        }
    }

    /** The query string's parameters (first value of each, blank as absent), UTF-8 decoded. */
    private static Map<String, String> query(String queryString) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        if (queryString == null) {
            return q;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (!v.isEmpty()) {
                q.putIfAbsent(k, v);
            }
        }
        return q;
    }

    /** The county's import jobs, newest first. */
    @GetMapping("/exchange/imports")
    List<Map<String, Object>> jobs(@RequestParam(required = false) String county, @RequestParam(defaultValue = "20") int limit) {
        return imports.jobs(county, limit);
    }

    @GetMapping("/exchange/imports/{id}")
    Map<String, Object> job(@PathVariable long id) {
        return imports.job(id);
    }

    @GetMapping("/exchange/imports/{id}/changes")
    List<Map<String, Object>> changes(@PathVariable long id, @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > 100_000) {
            throw ApiException.badInput("limit", "must be 1–100000");
        }
        return imports.changes(id, limit);
    }

    @PostMapping("/exchange/imports/{id}/commit")
    Map<String, Object> commit(@PathVariable long id) {
        return imports.commit(id);
    }

    @PostMapping("/exchange/imports/{id}/cancel")
    Map<String, Object> cancel(@PathVariable long id) {
        return imports.cancel(id);
    }
}
