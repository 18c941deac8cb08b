package org.landatlas.circulation;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Ids;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Viewer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Photos and documents of listings and disputes, uploaded over HTTP (GraphQL has no file upload; the listing's
 * and dispute's {@code attachments} fields list them): {@code POST /circulation/attachments?listing=ID&fileName=…}
 * or {@code ?dispute=ID}, the file as the body. Only JPEG, PNG and PDF are kept, recognised by their first bytes
 * (not by the name or the declared type), up to landatlas.circulation.max-attachment-mb. A listing's files are
 * public while the listing is; a dispute's only for staff of its county.
 */
@RestController
class CirculationAttachments {

    private final NamedParameterJdbcTemplate jdbc;
    private final AuditLog audit;
    private final long maxBytes;

    CirculationAttachments(NamedParameterJdbcTemplate jdbc, AuditLog audit, @Value("${landatlas.circulation.max-attachment-mb:10}") long maxMb) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.maxBytes = maxMb * 1024 * 1024;
    }

    /** The type of a file by its magic bytes: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, PDF "%PDF-"; null for anything else. */
    static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return "image/png";
        }
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        return null;
    }

    @PostMapping("/circulation/attachments")
    @Transactional
    ResponseEntity<Map<String, Object>> upload(@RequestParam(required = false) String listing, @RequestParam(required = false) String dispute,
            @RequestParam(required = false) String fileName, HttpServletRequest request) throws IOException {
        Viewer v = Access.requireStaff(listing != null ? "addListingAttachment" : "addDisputeDocument");
        if ((listing == null) == (dispute == null)) {
            throw ApiException.badInput("listing", "give listing=ID or dispute=ID, one of the two");
        }
        String name = fileName == null ? "" : fileName.strip().replaceAll("[\\\\/]+", "_");
        if (name.isEmpty() || name.length() > 200) {
            throw ApiException.badInput("fileName", "give the file's name (1–200 characters)");
        }
        String table = listing != null ? "circulation_listing" : "circulation_dispute";
        long owner = Ids.parse(listing != null ? "listing" : "dispute", listing != null ? listing : dispute);
        List<String> county = jdbc.queryForList("SELECT county_code FROM " + table + " WHERE id = :id FOR UPDATE", Map.of("id", owner), String.class);
        if (county.isEmpty()) {
            throw ApiException.notFound(listing != null ? "listing" : "dispute", "no " + table.replace('_', ' ') + " with id " + owner);
        }
        if (!v.isStaffIn(county.get(0))) {
            throw new ApiException(ApiException.Code.FORBIDDEN, listing != null ? "listing" : "dispute", table.replace('_', ' ') + " " + owner + " is in county "
                    + county.get(0) + ", outside the counties of account " + v.username());
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(request.getContentLengthLong());
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            // Read one byte past the limit, so a body without a length is refused as surely as one that declares it.
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (body.length > maxBytes) {
            throw tooLarge(body.length);
        }
        if (body.length == 0) {
            throw ApiException.badInput("file", "the file is empty");
        }
        String type = sniff(body);
        if (type == null) {
            throw ApiException.badInput("file", name + " is not a JPEG, PNG or PDF file (judged by its content, not its name)");
        }
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long id = jdbc.queryForObject("""
                INSERT INTO circulation_attachment (listing_id, dispute_id, county_code, file_name, content_type, size_bytes, sha256, content, uploaded_by)
                VALUES (:l, :d, :county, :name, :type, :size, :sha, :content, :by) RETURNING id""",
                new MapSqlParameterSource("l", listing != null ? owner : null).addValue("d", dispute != null ? owner : null)
                        .addValue("county", county.get(0)).addValue("name", name).addValue("type", type).addValue("size", body.length)
                        .addValue("sha", sha).addValue("content", body).addValue("by", v.username()), Long.class);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", String.valueOf(id));
        out.put("fileName", name);
        out.put("contentType", type);
        out.put("sizeBytes", body.length);
        out.put("sha256", sha);
        out.put("url", "/circulation/attachments/" + id);
        audit.record(listing != null ? "addListingAttachment" : "addDisputeDocument", "circulation_attachment", id, county.get(0), null,
                Map.of("owner", table + " " + owner, "fileName", name, "contentType", type, "sizeBytes", body.length));
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    private ApiException tooLarge(long size) {
        return ApiException.badInput("file", "the file has " + size + " bytes, more than the limit of " + maxBytes / (1024 * 1024)
                + " MB (landatlas.circulation.max-attachment-mb)");
    }

    @GetMapping("/circulation/attachments/{id}")
    ResponseEntity<byte[]> download(@PathVariable String id) {
        long aid = Ids.parse("id", id);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT a.file_name, a.content_type, a.content, a.county_code, a.listing_id, l.status AS listing_status
                FROM circulation_attachment a LEFT JOIN circulation_listing l ON l.id = a.listing_id WHERE a.id = :id""", Map.of("id", aid));
        Viewer v = Viewer.current();
        if (rows.isEmpty() || !visible(v, rows.get(0))) {
            // Not found and not visible answer the same, so the public cannot probe for staff documents.
            throw ApiException.notFound("id", "no attachment " + aid);
        }
        Map<String, Object> r = rows.get(0);
        String encoded = java.net.URLEncoder.encode((String) r.get("file_name"), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType((String) r.get("content_type")))
                .header("Content-Disposition", "inline; filename*=UTF-8''" + encoded)
                .header("X-Content-Type-Options", "nosniff")
                .body((byte[]) r.get("content"));
    }

    private static boolean visible(Viewer v, Map<String, Object> r) {
        if (v.isStaffIn((String) r.get("county_code"))) {
            return true;
        }
        return r.get("listing_id") != null && ListingStatus.ON_OFFER.contains((String) r.get("listing_status"));
    }
}
