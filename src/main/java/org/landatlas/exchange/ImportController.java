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
 * curl -H "Authorization: Bearer $TOKEN" --data-binary @dltb.zip "…/exchange/imports?profile=dltb&amp;county=150627&amp;fileName=dltb.zip"
 * curl -H "Authorization: Bearer $TOKEN" -X POST …/exchange/imports/7/commit
 * </pre>
 */
@RestController
class ImportController {

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @GetMapping("/exchange/profiles")
    List<Map<String, Object>> profiles() {
        return imports.profiles().values().stream().map(p -> Map.<String, Object>of("name", p.name(), "title", p.title(),
                "fields", p.fields(), "checks", p.checks().stream().map(c -> Map.of("code", c.code(), "title", c.title(), "blocking", c.blocking())).toList())).toList();
    }

    @PostMapping("/exchange/imports")
    ResponseEntity<Map<String, Object>> upload(@RequestParam String profile, @RequestParam String county,
                                               @RequestParam(required = false) String fileName, @RequestParam(required = false) String crs,
                                               @RequestParam(required = false) String encoding, @RequestParam(required = false) String layer,
                                               HttpServletRequest request) throws IOException, jakarta.servlet.ServletException {
        ImportService.Options options = new ImportService.Options(blankToNull(crs), blankToNull(encoding), blankToNull(layer));
        String type = request.getContentType() == null ? "" : request.getContentType();
        Map<String, Object> job;
        if (type.startsWith("multipart/")) {
            Part part = request.getPart("file");
            if (part == null) {
                throw ApiException.badInput("file", "the multipart upload has no part named 'file'");
            }
            try (InputStream in = part.getInputStream()) {
                job = imports.stage(profile, county, fileName != null ? fileName : part.getSubmittedFileName(), in, options);
            }
        } else {
            try (InputStream in = request.getInputStream()) {
                job = imports.stage(profile, county, fileName, in, options);
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(job);
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
