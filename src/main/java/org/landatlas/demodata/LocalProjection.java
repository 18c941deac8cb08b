package org.landatlas.demodata;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Local equirectangular metres around a county's centre. Only the synthetic layout (Voronoi cells, field grids,
 * terrain noise) is drawn in it; everything stored is converted back to CGCS2000 lon/lat, and every stored
 * area is computed on the ellipsoid ({@link Geodesy}), so the projection's distortion never reaches the data.
 */
public final class LocalProjection {

    public static final GeometryFactory LONLAT = new GeometryFactory(new PrecisionModel(), 4490);
    public static final GeometryFactory LOCAL = new GeometryFactory(new PrecisionModel(), 0);

    private static final double M_PER_DEG_LAT = 110_574.0;
    private final double lon0;
    private final double lat0;
    private final double mPerDegLon;

    LocalProjection(double lon0, double lat0) {
        this.lon0 = lon0;
        this.lat0 = lat0;
        this.mPerDegLon = 111_320.0 * Math.cos(Math.toRadians(lat0));
    }

    public double toX(double lon) {
        return (lon - lon0) * mPerDegLon;
    }

    public double toY(double lat) {
        return (lat - lat0) * M_PER_DEG_LAT;
    }

    public double toLon(double x) {
        return lon0 + x / mPerDegLon;
    }

    public double toLat(double y) {
        return lat0 + y / M_PER_DEG_LAT;
    }

    public Coordinate toLonLat(Coordinate local) {
        return new Coordinate(round7(toLon(local.x)), round7(toLat(local.y)));
    }

    public Geometry toLocal(Geometry lonLat) {
        Geometry g = LOCAL.createGeometry(lonLat);
        g.apply(new Filter(true));
        g.geometryChanged();
        return g;
    }

    public Geometry toLonLat(Geometry local) {
        Geometry g = LONLAT.createGeometry(local);
        g.apply(new Filter(false));
        g.geometryChanged();
        g.setSRID(4490);
        return g;
    }

    /** 1e-7 degree is about a centimetre: enough for parcels, and it keeps the stored text small. */
    static double round7(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    private final class Filter implements CoordinateSequenceFilter {
        private final boolean toLocal;

        Filter(boolean toLocal) {
            this.toLocal = toLocal;
        }

        @Override
        public void filter(CoordinateSequence seq, int i) {
            double x = seq.getX(i);
            double y = seq.getY(i);
            if (toLocal) {
                seq.setOrdinate(i, 0, toX(x));
                seq.setOrdinate(i, 1, toY(y));
            } else {
                seq.setOrdinate(i, 0, round7(toLon(x)));
                seq.setOrdinate(i, 1, round7(toLat(y)));
            }
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
