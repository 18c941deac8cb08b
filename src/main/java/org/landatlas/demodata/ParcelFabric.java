package org.landatlas.demodata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The field pattern of one village: a rotated grid of fields whose corners are jittered (shared corners move
 * together, so neighbouring fields meet without gaps or overlaps), some fields split in two, and around the
 * village seat a settlement core cut into small homestead plots. Fields are taken outwards from the seat until
 * the village's quota is met, and clipped to the village boundary.
 */
public final class ParcelFabric {

    /** One generated plot in local metres. {@code i, j} is its field cell, for finding neighbours. */
    public record Plot(Geometry local, int i, int j, boolean core, double seatDistance) {
    }

    private final long seed;
    private final Coordinate origin;
    private final double spacing;
    private final double cos;
    private final double sin;

    public ParcelFabric(long seed, Coordinate origin, double spacing, double angleRad) {
        this.seed = seed;
        this.origin = origin;
        this.spacing = spacing;
        this.cos = Math.cos(angleRad);
        this.sin = Math.sin(angleRad);
    }

    /**
     * Up to {@code quota} plots inside {@code village}; {@code homesteadQuota} of them are settlement plots of
     * {@code coreDivisions}² per core cell.
     */
    public List<Plot> plots(Geometry village, int quota, int homesteadQuota, int coreDivisions) {
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(village);
        Envelope env = village.getEnvelopeInternal();
        double reach = Math.hypot(Math.max(env.getMaxX() - origin.x, origin.x - env.getMinX()),
                Math.max(env.getMaxY() - origin.y, origin.y - env.getMinY()));
        int maxRing = (int) Math.ceil(reach / (spacing * 0.7)) + 2;
        List<int[]> cells = new ArrayList<>();
        int wanted = (int) (quota * 1.25) + 12;
        for (int r = 0; r <= maxRing && cells.size() < wanted; r++) {
            for (int i = -r; i <= r; i++) {
                for (int j = -r; j <= r; j++) {
                    if (Math.max(Math.abs(i), Math.abs(j)) != r) {
                        continue;
                    }
                    Coordinate c = cellCentre(i, j);
                    if (prepared.contains(LocalProjection.LOCAL.createPoint(c))) {
                        cells.add(new int[] {i, j});
                    }
                }
            }
        }
        cells.sort(Comparator.comparingDouble((int[] c) -> cellCentre(c[0], c[1]).distance(origin))
                .thenComparingInt(c -> c[0]).thenComparingInt(c -> c[1]));

        List<Plot> plots = new ArrayList<>(quota);
        int homesteads = 0;
        for (int[] c : cells) {
            if (plots.size() >= quota) {
                break;
            }
            int i = c[0];
            int j = c[1];
            double dist = cellCentre(i, j).distance(origin);
            List<Coordinate[]> parts = new ArrayList<>();
            boolean core = homesteads < homesteadQuota;
            if (core) {
                int m = coreDivisions;
                // Plots fill the core cell from its middle outwards so a partly used cell still looks like a hamlet.
                List<int[]> order = new ArrayList<>();
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        order.add(new int[] {a, b});
                    }
                }
                double mid = (m - 1) / 2.0;
                order.sort(Comparator.comparingDouble((int[] ab) -> Math.hypot(ab[0] - mid, ab[1] - mid))
                        .thenComparingInt(ab -> ab[0]).thenComparingInt(ab -> ab[1]));
                for (int[] ab : order) {
                    if (homesteads + parts.size() >= homesteadQuota) {
                        break;
                    }
                    parts.add(subQuad(i, j, (double) ab[0] / m, (double) (ab[0] + 1) / m, (double) ab[1] / m, (double) (ab[1] + 1) / m));
                }
            } else {
                long h = hash(i, j, 1);
                if ((h & 1023) < 300) {
                    double t = 0.35 + 0.3 * ((h >>> 10) & 1023) / 1023.0;
                    if (((h >>> 20) & 1) == 0) {
                        parts.add(subQuad(i, j, 0, t, 0, 1));
                        parts.add(subQuad(i, j, t, 1, 0, 1));
                    } else {
                        parts.add(subQuad(i, j, 0, 1, 0, t));
                        parts.add(subQuad(i, j, 0, 1, t, 1));
                    }
                } else {
                    parts.add(subQuad(i, j, 0, 1, 0, 1));
                }
            }
            for (Coordinate[] ring : parts) {
                if (plots.size() >= quota) {
                    break;
                }
                Polygon quad = LocalProjection.LOCAL.createPolygon(ring);
                Geometry g = quad;
                if (!prepared.containsProperly(quad)) {
                    g = AdminLayout.polygonal(quad.intersection(village));
                    if (g.isEmpty() || g.getArea() < quad.getArea() * 0.15) {
                        continue;
                    }
                }
                plots.add(new Plot(g, i, j, core, dist));
                if (core) {
                    homesteads++;
                }
            }
        }
        return plots;
    }

    private Coordinate cellCentre(int i, int j) {
        return bilinear(i, j, 0.5, 0.5);
    }

    private Coordinate[] subQuad(int i, int j, double u0, double u1, double v0, double v1) {
        Coordinate a = bilinear(i, j, u0, v0);
        return new Coordinate[] {a, bilinear(i, j, u1, v0), bilinear(i, j, u1, v1), bilinear(i, j, u0, v1), a.copy()};
    }

    private Coordinate bilinear(int i, int j, double u, double v) {
        Coordinate a = vertex(i, j);
        Coordinate b = vertex(i + 1, j);
        Coordinate c = vertex(i + 1, j + 1);
        Coordinate d = vertex(i, j + 1);
        double x = (1 - u) * (1 - v) * a.x + u * (1 - v) * b.x + u * v * c.x + (1 - u) * v * d.x;
        double y = (1 - u) * (1 - v) * a.y + u * (1 - v) * b.y + u * v * c.y + (1 - u) * v * d.y;
        return new Coordinate(x, y);
    }

    /** Grid corner (i, j), jittered by up to a quarter cell, the same for every field that shares it. */
    private Coordinate vertex(int i, int j) {
        long h = hash(i, j, 0);
        double jx = (((h & 0xFFFF) / 65535.0) - 0.5) * 0.5;
        double jy = ((((h >>> 16) & 0xFFFF) / 65535.0) - 0.5) * 0.5;
        double gx = (i - 0.5 + jx) * spacing;
        double gy = (j - 0.5 + jy) * spacing;
        return new Coordinate(origin.x + gx * cos - gy * sin, origin.y + gx * sin + gy * cos);
    }

    private long hash(int i, int j, int salt) {
        long h = seed ^ (i * 0x9E3779B97F4A7C15L) ^ (j * 0xC2B2AE3D27D4EB4FL) ^ (salt * 0x165667B19E3779F9L);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    public static List<Polygon> polygons(Geometry g) {
        List<Polygon> out = new ArrayList<>();
        for (int k = 0; k < g.getNumGeometries(); k++) {
            if (g.getGeometryN(k) instanceof Polygon p) {
                out.add(p);
            }
        }
        return out;
    }
}
