package org.landatlas.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * The GeoJSON scalar. Output is GeoJSON text made by PostGIS ({@link Text}), passed through to the response
 * as raw JSON: a page of 500 parcels is never parsed into objects and written again. Input is an RFC 7946
 * geometry in lon/lat (CGCS2000 or WGS 84, which differ by centimetres), checked for shape and coordinate
 * ranges; geometries come out of it as JTS with SRID 4490.
 */
public final class GeoJson {

    public static final GeometryFactory CGCS2000 = new GeometryFactory(new PrecisionModel(), 4490);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** GeoJSON text produced by the database. */
    public record Text(String json) {
    }

    private GeoJson() {
    }

    public static final GraphQLScalarType SCALAR = GraphQLScalarType.newScalar()
            .name("GeoJSON")
            .description("RFC 7946 GeoJSON geometry in CGCS2000 (EPSG:4490) longitude/latitude; outer rings counter-clockwise.")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, java.util.Locale locale) {
                    if (value instanceof Text t) {
                        return new RawValue(t.json());
                    }
                    if (value instanceof Geometry g) {
                        GeoJsonWriter w = new GeoJsonWriter(7);
                        w.setEncodeCRS(false);
                        return new RawValue(w.write(g));
                    }
                    if (value instanceof String s) {
                        return new RawValue(s);
                    }
                    throw new CoercingSerializeException("not a geometry: " + value.getClass().getSimpleName());
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, java.util.Locale locale) {
                    try {
                        return read(input instanceof String s ? s : JSON.writeValueAsString(input));
                    } catch (IllegalArgumentException e) {
                        throw new CoercingParseValueException(e.getMessage());
                    }
                }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, java.util.Locale locale) {
                    try {
                        Object plain = input instanceof StringValue s ? s.getValue() : plain(input);
                        return read(plain instanceof String s ? s : JSON.writeValueAsString(plain));
                    } catch (IllegalArgumentException e) {
                        throw new CoercingParseLiteralException(e.getMessage());
                    }
                }
            })
            .build();

    private static Object plain(Value<?> v) {
        if (v instanceof ObjectValue o) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (ObjectField f : o.getObjectFields()) {
                m.put(f.getName(), plain(f.getValue()));
            }
            return m;
        }
        if (v instanceof ArrayValue a) {
            List<Object> l = new ArrayList<>();
            for (Value<?> x : a.getValues()) {
                l.add(plain(x));
            }
            return l;
        }
        if (v instanceof FloatValue f) {
            return f.getValue();
        }
        if (v instanceof IntValue i) {
            return i.getValue();
        }
        if (v instanceof StringValue s) {
            return s.getValue();
        }
        if (v instanceof BooleanValue b) {
            return b.isValue();
        }
        if (v instanceof NullValue) {
            return null;
        }
        throw new IllegalArgumentException("GeoJSON must be an object, got " + v.getClass().getSimpleName());
    }

    /** Parses GeoJSON text into a JTS geometry with SRID 4490; the message of a failure says what is wrong. */
    public static Geometry read(String json) {
        Map<?, ?> root;
        try {
            root = JSON.readValue(json, Map.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("GeoJSON is not valid JSON");
        }
        if (root == null || !(root.get("type") instanceof String type)) {
            throw new IllegalArgumentException("GeoJSON needs a \"type\" member");
        }
        if (type.equals("Feature") || type.equals("FeatureCollection")) {
            throw new IllegalArgumentException("expected a GeoJSON geometry, got a " + type + " (pass its \"geometry\")");
        }
        if (root.get("crs") instanceof Map<?, ?> crs && crs.get("properties") instanceof Map<?, ?> props) {
            String name = String.valueOf(props.get("name"));
            if (!name.matches("(?i).*(4490|4326|CRS84)$")) {
                throw new IllegalArgumentException("GeoJSON crs " + name + " is not supported: send CGCS2000 (EPSG:4490) or WGS 84 longitude/latitude");
            }
        }
        Geometry g;
        try {
            g = new GeoJsonReader(CGCS2000).read(json);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("malformed GeoJSON " + type + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
                boolean swapped = Double.isFinite(c.x) && Double.isFinite(c.y) && Math.abs(c.x) <= 90 && Math.abs(c.y) <= 180;
                throw new IllegalArgumentException("coordinate (" + c.x + ", " + c.y + ") is not a longitude/latitude; " + (swapped
                        ? "longitude and latitude look swapped: GeoJSON positions are [lon, lat]"
                        : "projected (e.g. Gauss-Krüger) coordinates must be converted to CGCS2000 lon/lat first"));
            }
        }
        g.setSRID(4490);
        return g;
    }

    /** Rejects invalid polygons (self-intersections, unclosed or degenerate rings) with the place of the problem. */
    public static Geometry requireValid(Geometry g, String argument) {
        if (g.isEmpty()) {
            throw ApiException.badInput(argument, "geometry is empty");
        }
        IsValidOp op = new IsValidOp(g);
        if (!op.isValid()) {
            TopologyValidationError e = op.getValidationError();
            Coordinate c = e.getCoordinate();
            throw ApiException.badInput(argument, "invalid geometry: " + e.getMessage().toLowerCase(java.util.Locale.ROOT)
                    + (c == null ? "" : " at (" + c.x + ", " + c.y + ")"));
        }
        return g;
    }
}
