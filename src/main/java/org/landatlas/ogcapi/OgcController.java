package org.landatlas.ogcapi;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.landatlas.platform.ApiException;
import org.landatlas.security.Viewer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OGC API – Features under {@code /ogc}: landing page, conformance, OpenAPI 3.0 definition, collections, items and
 * single items, each as JSON (GeoJSON for features) or HTML ({@code f=json|html} or the Accept header). Item pages
 * are written row by row as PostGIS makes each feature's GeoJSON; their {@code next} links carry a keyset cursor.
 */
@RestController
class OgcController {

    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String HTML = "text/html";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final OgcCollections collections;
    private final NamedParameterJdbcTemplate jdbc;
    private final int anonymousMaxLimit;

    OgcController(OgcCollections collections, NamedParameterJdbcTemplate jdbc,
                  @Value("${landatlas.limits.anonymous.max-page-size:1000}") int anonymousMaxLimit) {
        this.collections = collections;
        this.jdbc = jdbc;
        this.anonymousMaxLimit = anonymousMaxLimit;
    }

    /** The largest page of this viewer: the anonymous page limit for the public, 10,000 for staff. */
    int maxLimit(Viewer viewer) {
        return viewer.isPublic() ? Math.min(anonymousMaxLimit, ItemsQuery.MAX_LIMIT) : ItemsQuery.MAX_LIMIT;
    }

    // ---- landing page, conformance, API definition ----

    @GetMapping({"/ogc", "/ogc/"})
    void landing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = base(request);
        boolean html = wantsHtml(request);
        if (html) {
            StringBuilder b = new StringBuilder("<p>LandAtlas 县域土地数据的 OGC API – Features 服务（只读）：地类图斑、行政区划、保护区、高标准农田、流转挂牌。"
                    + "Read-only OGC API – Features (Part 1 and Part 2) of LandAtlas county land data.</p><ul>");
            b.append("<li>").append(Html.link(base + "/collections", "要素集 Collections")).append("</li>");
            b.append("<li>").append(Html.link(base + "/conformance", "符合性声明 Conformance")).append("</li>");
            b.append("<li>").append(Html.link(base + "/api?f=html", "接口定义 API definition")).append(" (")
                    .append(Html.link(base + "/api", "OpenAPI 3.0 JSON")).append(")</li></ul>");
            b.append("<p>GDAL: <code>ogrinfo -ro -so OAPIF:").append(Html.esc(base)).append("</code>; QGIS: 数据源管理器 → WFS / OGC API – Features → ")
                    .append(Html.esc(base)).append("</p>");
            writeHtml(response, Html.page(base, "LandAtlas 要素服务 OGC API – Features", base + "?f=json", b.toString()));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "LandAtlas OGC API – Features");
        m.put("description", "县域土地数据（只读）Read-only county land data: parcels (DLTB), administrative units, protection zones, "
                + "high-standard farmland projects, circulation listings.");
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link(base + "?f=json", "self", JSON, "本页 This document"));
        links.add(link(base + "?f=html", "alternate", HTML, "本页 HTML This document as HTML"));
        links.add(link(base + "/api", "service-desc", OPENAPI, "接口定义 API definition (OpenAPI 3.0)"));
        links.add(link(base + "/api?f=html", "service-doc", HTML, "接口文档 API documentation"));
        links.add(link(base + "/conformance", "conformance", JSON, "符合性声明 Conformance classes"));
        links.add(link(base + "/conformance", "http://www.opengis.net/def/rel/ogc/1.0/conformance", JSON, "符合性声明 Conformance classes"));
        links.add(link(base + "/collections", "data", JSON, "要素集 Collections"));
        links.add(link(base + "/collections", "http://www.opengis.net/def/rel/ogc/1.0/data", JSON, "要素集 Collections"));
        m.put("links", links);
        writeJson(response, JSON, m);
    }

    @GetMapping("/ogc/conformance")
    void conformance(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = base(request);
        if (wantsHtml(request)) {
            StringBuilder b = new StringBuilder("<ul>");
            CONFORMANCE.forEach(c -> b.append("<li>").append(Html.esc(c)).append("</li>"));
            writeHtml(response, Html.page(base, "符合性声明 Conformance", base + "/conformance?f=json", b.append("</ul>").toString()));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conformsTo", CONFORMANCE);
        m.put("links", List.of(link(base + "/conformance?f=json", "self", JSON, "本页 This document"),
                link(base + "/conformance?f=html", "alternate", HTML, "本页 HTML This document as HTML")));
        writeJson(response, JSON, m);
    }

    @GetMapping("/ogc/api")
    void api(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = base(request);
        Viewer viewer = Viewer.current();
        Map<String, Object> doc = OpenApiDocument.build(base, collections.all(viewer), maxLimit(viewer));
        if (wantsHtml(request)) {
            StringBuilder b = new StringBuilder("<p>OpenAPI 3.0: ").append(Html.link(base + "/api?f=json", base + "/api")).append("</p><table><tr><th>路径 Path</th><th>说明 Summary</th></tr>");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
            paths.forEach((p, ops) -> b.append("<tr><td><code>GET ").append(Html.esc(p)).append("</code></td><td>")
                    .append(Html.esc(ops.get("get").get("summary"))).append("</td></tr>"));
            writeHtml(response, Html.page(base, "接口定义 API definition", base + "/api?f=json", b.append("</table>").toString()));
            return;
        }
        writeJson(response, OPENAPI, doc);
    }

    // ---- collections ----

    @GetMapping("/ogc/collections")
    void collections(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = base(request);
        Viewer viewer = Viewer.current();
        boolean html = wantsHtml(request);
        List<Map<String, Object>> list = new ArrayList<>();
        for (FeatureCollectionSource s : collections.all(viewer)) {
            list.add(describe(base, s, collections.info(s, viewer)));
        }
        if (html) {
            StringBuilder b = new StringBuilder("<table><tr><th>标识 id</th><th>名称 Title</th><th>说明 Description</th><th>要素 Items</th></tr>");
            for (FeatureCollectionSource s : collections.all(viewer)) {
                String c = base + "/collections/" + s.id();
                b.append("<tr><td>").append(Html.link(c + "?f=html", s.id())).append("</td><td>").append(Html.esc(s.title())).append("</td><td>")
                        .append(Html.esc(s.description())).append("</td><td>").append(Html.link(c + "/items?f=html", "浏览 Browse")).append("</td></tr>");
            }
            writeHtml(response, Html.page(base, "要素集 Collections", base + "/collections?f=json", b.append("</table>").toString()));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("links", List.of(link(base + "/collections?f=json", "self", JSON, "本页 This document"),
                link(base + "/collections?f=html", "alternate", HTML, "本页 HTML This document as HTML")));
        m.put("collections", list);
        writeJson(response, JSON, m);
    }

    @GetMapping("/ogc/collections/{collectionId}")
    void collection(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = base(request);
        Viewer viewer = Viewer.current();
        FeatureCollectionSource s = collections.get(collectionId, viewer);
        boolean html = wantsHtml(request);
        OgcCollections.Info info = collections.info(s, viewer);
        if (html) {
            String c = base + "/collections/" + s.id();
            StringBuilder b = new StringBuilder("<p>").append(Html.esc(s.description())).append("</p><p>")
                    .append(Html.link(c + "/items?f=html", "浏览要素 Browse the features")).append(" · ").append(Html.link(c + "/items?f=json", "GeoJSON")).append("</p>")
                    .append("<p>几何类型 Geometry: ").append(Html.esc(s.geometryType().geoJson())).append("</p>");
            b.append("<h2>范围 Extent</h2><p>").append(info.bbox() == null ? "无要素 no features" : Html.esc(java.util.Arrays.toString(info.bbox()))).append(" (CRS84)</p>");
            b.append("<h2>坐标参照系 CRS</h2><ul>");
            info.crs().forEach(x -> b.append("<li><code>").append(Html.esc(x.uri())).append("</code>").append(x.uri().equals(Crs.CGCS2000.uri()) ? " (storageCrs)" : "").append("</li>"));
            b.append("</ul><h2>属性 Properties</h2><table><tr><th>名称 Name</th><th>类型 Type</th><th>说明 Description</th></tr>");
            s.properties().forEach((n, p) -> b.append("<tr><td><code>").append(Html.esc(n)).append("</code></td><td>").append(Html.esc(p.type().name().toLowerCase()))
                    .append("</td><td>").append(Html.esc(p.description())).append("</td></tr>"));
            writeHtml(response, Html.page(base, s.title(), c + "?f=json", b.append("</table>").toString()));
            return;
        }
        writeJson(response, JSON, describe(base, s, info));
    }

    private Map<String, Object> describe(String base, FeatureCollectionSource s, OgcCollections.Info info) {
        String c = base + "/collections/" + s.id();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("description", s.description());
        m.put("itemType", "feature");
        m.put("links", List.of(link(c + "?f=json", "self", JSON, s.title()), link(c + "?f=html", "alternate", HTML, s.title() + " (HTML)"),
                link(c + "/items?f=json", "items", GEOJSON, "要素 Features (GeoJSON)"), link(c + "/items?f=html", "items", HTML, "要素 Features (HTML)")));
        if (info.bbox() != null) {
            Map<String, Object> spatial = new LinkedHashMap<>();
            spatial.put("bbox", List.of(info.bbox()));
            spatial.put("crs", Crs.CRS84_URI);
            Map<String, Object> extent = new LinkedHashMap<>();
            extent.put("spatial", spatial);
            if (info.interval() != null) {
                extent.put("temporal", Map.of("interval", List.of(java.util.Arrays.asList(info.interval())), "trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"));
            }
            m.put("extent", extent);
        }
        m.put("crs", info.crs().stream().map(Crs::uri).toList());
        m.put("storageCrs", Crs.CGCS2000.uri());
        return m;
    }

    // ---- items ----

    @GetMapping("/ogc/collections/{collectionId}/items")
    void items(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = base(request);
        Viewer viewer = Viewer.current();
        FeatureCollectionSource s = collections.get(collectionId, viewer);
        boolean html = wantsHtml(request);
        Map<String, String> params = params(request);
        ItemsQuery q = new ItemsQuery(s, params, viewer, maxLimit(viewer), text -> crsOf(s, viewer, text));
        // numberMatched on the first page only: a count per deep page would cost what keyset paging saves.
        Long matched = q.after == null ? jdbc.queryForObject("SELECT count(*) FROM " + s.from() + " WHERE " + q.matchedSql, q.where.params(), Long.class) : null;
        String sql = "SELECT " + featureSql(s, q.crs) + " AS f, (" + s.idColumn() + ")::text AS k FROM " + s.from() + " WHERE " + q.where.sql()
                + " ORDER BY " + s.idColumn() + " LIMIT " + (q.limit + 1);
        String items = base + "/collections/" + s.id() + "/items";
        headers(response, s, q);
        if (html) {
            List<String[]> all = jdbc.query(sql, q.where.params(), (rs, i) -> new String[] {rs.getString(1), rs.getString(2)});
            boolean more = all.size() > q.limit;
            List<String> rows = all.subList(0, Math.min(all.size(), q.limit)).stream().map(r -> r[0]).toList();
            String lastId = more ? all.get(q.limit - 1)[1] : null;
            StringBuilder b = new StringBuilder("<p>").append(Html.esc(s.description())).append("</p>");
            if (matched != null) {
                b.append("<p>共 ").append(matched).append(" 个要素 features matched; ").append(rows.size()).append(" 个在本页 on this page.</p>");
            }
            b.append("<table><tr><th>id</th>");
            s.properties().keySet().forEach(n -> b.append("<th>").append(Html.esc(n)).append("</th>"));
            b.append("</tr>");
            for (String f : rows) {
                JsonNode node = MAPPER.readTree(f);
                String id = node.path("id").asString();
                b.append("<tr><td>").append(Html.link(items + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?f=html", id)).append("</td>");
                for (String n : s.properties().keySet()) {
                    JsonNode v = node.path("properties").path(n);
                    b.append("<td>").append(v.isNull() || v.isMissingNode() ? "" : Html.esc(v.isString() ? v.asString() : v.toString())).append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</table>");
            if (more) {
                b.append("<p>").append(Html.link(pageUrl(items, params, "html", lastId), "下一页 Next page →")).append("</p>");
            }
            writeHtml(response, Html.page(base, s.title(), pageUrl(items, params, "json", null), b.toString()));
            return;
        }
        response.setContentType(GEOJSON);
        response.setCharacterEncoding("UTF-8");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        out.write("{\"type\":\"FeatureCollection\",\"features\":[");
        int[] n = {0};
        String[] last = new String[1];
        boolean[] more = {false};
        jdbc.query(sql, q.where.params(), rs -> {
            if (n[0] == q.limit) {
                more[0] = true;
                return;
            }
            try {
                if (n[0] > 0) {
                    out.write(',');
                }
                out.write(rs.getString(1));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            last[0] = rs.getString(2);
            n[0]++;
        });
        out.write("],");
        if (matched != null) {
            out.write("\"numberMatched\":" + matched + ",");
        }
        out.write("\"numberReturned\":" + n[0] + ",\"timeStamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"links\":");
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(link(pageUrl(items, params, "json", null), "self", GEOJSON, "本页 This page"));
        links.add(link(pageUrl(items, params, "html", null), "alternate", HTML, "本页 HTML This page as HTML"));
        if (more[0]) {
            links.add(link(pageUrl(items, params, "json", last[0]), "next", GEOJSON, "下一页 Next page"));
        }
        links.add(link(base + "/collections/" + s.id() + "?f=json", "collection", JSON, s.title()));
        out.write(MAPPER.writeValueAsString(links));
        out.write("}");
        out.flush();
    }

    @GetMapping("/ogc/collections/{collectionId}/items/{featureId}")
    void item(@PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = base(request);
        Viewer viewer = Viewer.current();
        FeatureCollectionSource s = collections.get(collectionId, viewer);
        boolean html = wantsHtml(request);
        Map<String, String> params = params(request);
        for (String p : params.keySet()) {
            if (!p.equals("f") && !p.equals("crs")) {
                throw ApiException.badInput(p, "unknown parameter; a single feature takes f and crs");
            }
        }
        ItemsQuery q = new ItemsQuery(s, params, viewer, 1, text -> crsOf(s, viewer, text));
        Object key = q.key(featureId);
        String itemUrl = base + "/collections/" + s.id() + "/items/" + URLEncoder.encode(featureId, StandardCharsets.UTF_8);
        List<String> found = key == null ? List.of() : jdbc.query("SELECT " + featureSql(s, q.crs) + " FROM " + s.from() + " WHERE " + q.where.sql()
                + " AND " + s.idColumn() + " = " + q.where.param(key), q.where.params(), (rs, i) -> rs.getString(1));
        if (found.isEmpty()) {
            // Rows the viewer may not see are as absent as rows that do not exist.
            throw ApiException.notFound("featureId", "no feature '" + featureId + "' in collection " + s.id());
        }
        headers(response, s, q);
        String crsParam = params.containsKey("crs") ? "crs=" + URLEncoder.encode(params.get("crs"), StandardCharsets.UTF_8) + "&" : "";
        if (html) {
            JsonNode node = MAPPER.readTree(found.get(0));
            StringBuilder b = new StringBuilder("<p>").append(Html.link(base + "/collections/" + s.id() + "/items?f=html", s.title())).append("</p><table>");
            b.append("<tr><th>id</th><td>").append(Html.esc(node.path("id").asString())).append("</td></tr>");
            for (String n : s.properties().keySet()) {
                JsonNode v = node.path("properties").path(n);
                b.append("<tr><th>").append(Html.esc(n)).append("</th><td>").append(v.isNull() || v.isMissingNode() ? "" : Html.esc(v.isString() ? v.asString() : v.toString()))
                        .append("</td></tr>");
            }
            writeHtml(response, Html.page(base, s.title() + " " + featureId, itemUrl + "?" + crsParam + "f=json", b.append("</table>").toString()));
            return;
        }
        List<Map<String, Object>> links = List.of(link(itemUrl + "?" + crsParam + "f=json", "self", GEOJSON, "本要素 This feature"),
                link(itemUrl + "?" + crsParam + "f=html", "alternate", HTML, "本要素 HTML This feature as HTML"),
                link(base + "/collections/" + s.id() + "?f=json", "collection", JSON, s.title()));
        String f = found.get(0);
        response.setContentType(GEOJSON);
        response.setCharacterEncoding("UTF-8");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write(f, 0, f.length() - 1);
        out.write(",\"links\":" + MAPPER.writeValueAsString(links) + "}");
        out.flush();
    }

    // ---- plumbing ----

    /** A CRS offered by collection {@code s} to this viewer: CRS84 and EPSG:4490 always, a zone when one of its counties lies in it. */
    private Optional<Crs> crsOf(FeatureCollectionSource s, Viewer viewer, String text) {
        Optional<Crs> c = Crs.parse(text);
        if (c.isEmpty() || c.get().srid() == 4490) {
            return c;
        }
        return collections.info(s, viewer).find(text);
    }

    /**
     * One feature's GeoJSON text, made by PostGIS: the geometry in the asked CRS and axis order (no "crs" member:
     * options 0), the properties by json_build_object. Concatenated as text so that nothing parses it again.
     */
    static String featureSql(FeatureCollectionSource s, Crs crs) {
        StringBuilder props = new StringBuilder("json_build_object(");
        boolean first = true;
        for (Map.Entry<String, FeatureCollectionSource.Property> p : s.properties().entrySet()) {
            if (!first) {
                props.append(", ");
            }
            first = false;
            props.append('\'').append(p.getKey()).append("', ").append(p.getValue().sql());
        }
        props.append(")::text");
        return "'{\"type\":\"Feature\",\"id\":' || to_json(" + s.idColumn() + ")::text || ',\"geometry\":' || coalesce(ST_AsGeoJSON("
                + crs.output(s.geometryColumn()) + ", " + crs.digits() + ", 0), 'null') || ',\"properties\":' || " + props + " || '}'";
    }

    private static void headers(HttpServletResponse response, FeatureCollectionSource s, ItemsQuery q) {
        // Part 2: the CRS exactly as it was asked for (an alias stays the alias).
        response.setHeader("Content-Crs", "<" + q.crsAsGiven + ">");
        // Rows that depend on who asks are not for shared caches.
        boolean perViewer = s.publicRows().isPresent() || s.audience() == FeatureCollectionSource.Audience.STAFF;
        response.setHeader("Cache-Control", perViewer ? "no-cache, private" : "no-cache");
        response.setHeader("Vary", perViewer ? "Accept, Accept-Encoding, Cookie, Authorization" : "Accept, Accept-Encoding");
    }

    /** The URL of this page (cursor null) or of the page after {@code lastId}, with the other parameters as they were. */
    private static String pageUrl(String items, Map<String, String> params, String format, String lastId) {
        StringBuilder b = new StringBuilder(items).append('?');
        params.forEach((k, v) -> {
            if (!k.equals("cursor") && !k.equals("f")) {
                b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        String cursor = lastId != null ? ItemsQuery.cursorOf(lastId) : params.get("cursor");
        if (cursor != null) {
            b.append("cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8)).append('&');
        }
        return b.append("f=").append(format).toString();
    }

    /** The first value of each query parameter, in the order given. */
    private static Map<String, String> params(HttpServletRequest request) {
        Map<String, String> m = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> m.put(k, v.length == 0 ? "" : v[0]));
        return m;
    }

    /** {@code f=html|json} decides; without it, a browser (text/html and no JSON in Accept) gets HTML. */
    static boolean wantsHtml(HttpServletRequest request) {
        String f = request.getParameter("f");
        if (f != null) {
            return switch (f) {
                case "html" -> true;
                case "json", "geojson" -> false;
                default -> throw ApiException.badInput("f", "'" + f + "' is not json or html");
            };
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html") && !accept.contains("json");
    }

    private static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() + "/ogc";
    }

    static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", href);
        m.put("rel", rel);
        m.put("type", type);
        m.put("title", title);
        return m;
    }

    private static void writeJson(HttpServletResponse response, String type, Object body) throws IOException {
        response.setContentType(type);
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void writeHtml(HttpServletResponse response, String page) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
