package org.landatlas.demodata;

import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/** Geometry and number helpers the demo-data parts share, so that all of them store shapes and values alike. */
public final class DemoGeometry {

    private DemoGeometry() {
    }

    /** As a MultiPolygon with SRID 4490 (the stored type of every areal column). */
    public static MultiPolygon multi(Geometry g) {
        MultiPolygon m = g instanceof MultiPolygon mp ? mp
                : LocalProjection.LONLAT.createMultiPolygon(ParcelFabric.polygons(g).toArray(Polygon[]::new));
        m.setSRID(4490);
        return m;
    }

    /** The union of lon/lat shapes as one MultiPolygon. */
    public static Geometry union(List<Geometry> gs) {
        Geometry u = gs.size() == 1 ? gs.get(0) : UnaryUnionOp.union(gs);
        Geometry m = multi(polygonal(u));
        m.setSRID(4490);
        return m;
    }

    /** Only the polygons of an overlay result, as a Polygon or MultiPolygon. */
    public static Geometry polygonal(Geometry g) {
        return AdminLayout.polygonal(g);
    }

    /** The largest polygon of a shape scaled by {@code factor} about its interior point: a building on its plot. */
    public static Polygon shrink(Geometry g, double factor) {
        Polygon p = ParcelFabric.polygons(g).stream().max(Comparator.comparingDouble(Geometry::getArea)).orElseThrow();
        Point c = p.getInteriorPoint();
        Polygon s = (Polygon) AffineTransformation.scaleInstance(factor, factor, c.getX(), c.getY()).transform(p);
        s.setSRID(4490);
        return s;
    }

    /** Rounded to two decimals, as stored areas, lengths and prices are. */
    public static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
