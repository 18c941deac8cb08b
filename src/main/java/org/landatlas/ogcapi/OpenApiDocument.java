package org.landatlas.ogcapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 definition of {@code /ogc} ({@code service-desc}): every path with its parameters, per
 * collection, so that clients read the page limit (GDAL takes {@code limit}'s maximum) and the property filters.
 */
final class OpenApiDocument {

    private OpenApiDocument() {
    }

    static Map<String, Object> build(String base, List<FeatureCollectionSource> sources, int maxLimit) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "LandAtlas OGC API – Features", "version", "1.0.0",
                "description", "县域土地数据（只读）Read-only OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) and Part 2 (CRS)."));
        doc.put("servers", List.of(Map.of("url", base)));
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", op("Landing page 首页", "landing", List.of(param("f")), "application/json"));
        paths.put("/conformance", op("Conformance classes 符合性声明", "conformance", List.of(param("f")), "application/json"));
        paths.put("/api", op("This API definition 接口定义", "api", List.of(param("f")), OgcController.OPENAPI));
        paths.put("/collections", op("The collections 要素集", "collections", List.of(param("f")), "application/json"));
        for (FeatureCollectionSource s : sources) {
            String c = "/collections/" + s.id();
            paths.put(c, op("Collection 要素集 " + s.title(), "collection_" + s.id(), List.of(param("f")), "application/json"));
            List<Object> params = new ArrayList<>();
            params.add(Map.of("name", "limit", "in", "query", "required", false, "style", "form", "explode", false,
                    "description", "Features per page (at most " + maxLimit + " for this viewer; sign in for up to " + ItemsQuery.MAX_LIMIT + ").",
                    "schema", Map.of("type", "integer", "minimum", 1, "maximum", maxLimit, "default", ItemsQuery.DEFAULT_LIMIT)));
            params.add(Map.of("name", "bbox", "in", "query", "required", false, "style", "form", "explode", false,
                    "description", "minLon,minLat,maxLon,maxLat in CRS84, or in bbox-crs's axis order.",
                    "schema", Map.of("type", "array", "minItems", 4, "maxItems", 6, "items", Map.of("type", "number"))));
            params.add(param("bbox-crs"));
            params.add(param("crs"));
            params.add(Map.of("name", "datetime", "in", "query", "required", false, "style", "form", "explode", false,
                    "description", s.temporal().isPresent() ? "An RFC 3339 date or date-time, or an interval start/end with '..' for an open end."
                            : "Accepted as the standard asks; this collection has no date, so no feature is excluded by it.", "schema", Map.of("type", "string")));
            params.add(Map.of("name", "cursor", "in", "query", "required", false, "description", "Opaque position of a next link.", "schema", Map.of("type", "string")));
            s.properties().forEach((name, p) -> params.add(Map.of("name", name, "in", "query", "required", false, "style", "form", "explode", false,
                    "description", p.description() + (p.type() == FeatureCollectionSource.Type.STRING || p.type() == FeatureCollectionSource.Type.INTEGER
                            ? " (equality; several values separated by commas)" : " (equality)"),
                    "schema", Map.of("type", switch (p.type()) {
                        case STRING, DATE -> "string";
                        case INTEGER -> "integer";
                        case NUMBER -> "number";
                        case BOOLEAN -> "boolean";
                    }))));
            params.add(param("f"));
            paths.put(c + "/items", op("Features 要素 of " + s.title(), "items_" + s.id(), params, "application/geo+json"));
            List<Object> itemParams = List.of(Map.of("name", "featureId", "in", "path", "required", true, "schema",
                    Map.of("type", s.idType() == FeatureCollectionSource.IdType.LONG ? "integer" : "string")), param("crs"), param("f"));
            paths.put(c + "/items/{featureId}", op("One feature 单个要素 of " + s.title(), "item_" + s.id(), itemParams, "application/geo+json"));
        }
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> param(String name) {
        return switch (name) {
            case "f" -> Map.of("name", "f", "in", "query", "required", false, "description", "Format: json (GeoJSON for features) or html.",
                    "schema", Map.of("type", "string", "enum", List.of("json", "html")));
            case "crs" -> Map.of("name", "crs", "in", "query", "required", false, "description",
                    "CRS of the geometries, a URI of the collection's crs list (default CRS84, lon/lat; EPSG:4490 is lat/lon; Gauss-Kruger zones are northing, easting).",
                    "schema", Map.of("type", "string", "format", "uri"));
            case "bbox-crs" -> Map.of("name", "bbox-crs", "in", "query", "required", false, "description", "CRS of bbox, a URI of the collection's crs list (default CRS84).",
                    "schema", Map.of("type", "string", "format", "uri"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Map<String, Object> op(String summary, String id, List<?> parameters, String type) {
        Map<String, Object> get = new LinkedHashMap<>();
        get.put("summary", summary);
        get.put("operationId", id);
        get.put("parameters", parameters);
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "OK", "content", Map.of(type, Map.of("schema", Map.of("type", "object")), "text/html", Map.of("schema", Map.of("type", "string")))));
        responses.put("400", Map.of("description", "A parameter is wrong (problem details name it)."));
        responses.put("404", Map.of("description", "No such collection or feature."));
        get.put("responses", responses);
        return Map.of("get", get);
    }
}
