package org.landatlas.demodata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Synthetic township and village boundaries: no open source has them, so a county is split into Voronoi cells
 * around well-spread seats (best-candidate sampling), townships first and then villages inside each township.
 * Every village therefore lies inside its township and every township inside the county by construction.
 */
final class AdminLayout {

    private AdminLayout() {
    }

    record Cell(Geometry area, Coordinate seat) {
    }

    /** Splits {@code area} (local metres) into {@code n} cells around well-spread seats. */
    static List<Cell> split(Geometry area, int n, SplittableRandom rnd) {
        List<Coordinate> seats = spreadPoints(area, n, rnd);
        if (n == 1) {
            return List.of(new Cell(area, seats.get(0)));
        }
        Envelope env = new Envelope(area.getEnvelopeInternal());
        double pad = Math.max(env.getWidth(), env.getHeight()) * 4;
        List<Coordinate> sites = new ArrayList<>(seats);
        // Far-away guard sites keep the diagram well defined for one or two real seats.
        sites.add(new Coordinate(env.getMinX() - pad, env.getMinY() - pad));
        sites.add(new Coordinate(env.getMaxX() + pad, env.getMinY() - pad * 1.1));
        sites.add(new Coordinate(env.getMaxX() + pad * 1.2, env.getMaxY() + pad));
        sites.add(new Coordinate(env.getMinX() - pad * 0.9, env.getMaxY() + pad * 1.3));
        VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
        builder.setSites(sites);
        env.expandBy(pad * 0.5);
        builder.setClipEnvelope(env);
        Geometry diagram = builder.getDiagram(LocalProjection.LOCAL);
        Map<Coordinate, Geometry> cellBySeat = new HashMap<>();
        for (int i = 0; i < diagram.getNumGeometries(); i++) {
            Geometry cell = diagram.getGeometryN(i);
            cellBySeat.put((Coordinate) cell.getUserData(), cell);
        }
        List<Cell> cells = new ArrayList<>(n);
        for (Coordinate seat : seats) {
            Geometry clipped = polygonal(cellBySeat.get(seat).intersection(area));
            cells.add(new Cell(clipped, seat));
        }
        return cells;
    }

    /** Only the polygons of an overlay result, as a Polygon or MultiPolygon. */
    static Geometry polygonal(Geometry g) {
        if (g instanceof Polygon) {
            return g;
        }
        List<Polygon> polys = new ArrayList<>();
        PolygonExtracter.getPolygons(g, polys);
        if (polys.size() == 1) {
            return polys.get(0);
        }
        return LocalProjection.LOCAL.createMultiPolygon(polys.toArray(Polygon[]::new));
    }

    /** Mitchell's best-candidate sampling: each new point is the farthest of k random candidates inside the area. */
    static List<Coordinate> spreadPoints(Geometry area, int n, SplittableRandom rnd) {
        IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(area);
        Envelope env = area.getEnvelopeInternal();
        List<Coordinate> points = new ArrayList<>(n);
        int candidates = 12;
        for (int i = 0; i < n; i++) {
            Coordinate best = null;
            double bestDist = -1;
            for (int c = 0; c < candidates; c++) {
                Coordinate p = randomInside(area, inside, env, rnd);
                double d = Double.MAX_VALUE;
                for (Coordinate q : points) {
                    double dx = p.x - q.x;
                    double dy = p.y - q.y;
                    d = Math.min(d, dx * dx + dy * dy);
                }
                // Keep seats off the boundary so every village has a usable core around its seat.
                d = Math.min(d, Math.pow(area.getBoundary().distance(LocalProjection.LOCAL.createPoint(p)) * 2.5, 2));
                if (d > bestDist) {
                    bestDist = d;
                    best = p;
                }
            }
            points.add(best);
        }
        return points;
    }

    private static Coordinate randomInside(Geometry area, IndexedPointInAreaLocator inside, Envelope env, SplittableRandom rnd) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Coordinate p = new Coordinate(env.getMinX() + rnd.nextDouble() * env.getWidth(),
                    env.getMinY() + rnd.nextDouble() * env.getHeight());
            if (inside.locate(p) == Location.INTERIOR) {
                return p;
            }
        }
        return area.getInteriorPoint().getCoordinate();
    }
}
