package org.landatlas.demodata;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Areas and lengths on the CGCS2000 ellipsoid (GRS80: a = 6378137 m, 1/f = 298.257222101), the way land
 * surveys state parcel areas. Never Web Mercator, never a plane.
 */
public final class Geodesy {

    public static final Geodesic CGCS2000 = new Geodesic(6_378_137.0, 1 / 298.257222101);

    private Geodesy() {
    }

    /** Ellipsoidal area in m² of a (multi)polygon in lon/lat; holes are subtracted. */
    public static double area(Geometry lonLat) {
        double sum = 0;
        for (int i = 0; i < lonLat.getNumGeometries(); i++) {
            Geometry part = lonLat.getGeometryN(i);
            if (part instanceof Polygon p) {
                sum += Math.abs(ringArea(p.getExteriorRing()));
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    sum -= Math.abs(ringArea(p.getInteriorRingN(h)));
                }
            }
        }
        return sum;
    }

    private static double ringArea(LineString ring) {
        PolygonArea pa = new PolygonArea(CGCS2000, false);
        Coordinate[] cs = ring.getCoordinates();
        // The ring is closed; GeographicLib closes it itself.
        for (int i = 0; i < cs.length - 1; i++) {
            pa.AddPoint(cs[i].y, cs[i].x);
        }
        PolygonResult r = pa.Compute(false, true);
        return r.area;
    }

    /** Geodesic length in metres of the lines of a geometry in lon/lat. */
    public static double length(Geometry lonLat) {
        double sum = 0;
        for (int i = 0; i < lonLat.getNumGeometries(); i++) {
            Coordinate[] cs = lonLat.getGeometryN(i).getCoordinates();
            for (int k = 1; k < cs.length; k++) {
                sum += CGCS2000.Inverse(cs[k - 1].y, cs[k - 1].x, cs[k].y, cs[k].x).s12;
            }
        }
        return sum;
    }
}
