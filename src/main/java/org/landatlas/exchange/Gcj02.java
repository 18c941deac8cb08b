package org.landatlas.exchange;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * GCJ-02 ("Mars coordinates", the offset lon/lat of AMap, Tencent and other maps licensed in China) back to
 * WGS 84. No library on our registry does it and PROJ has no such transformation, so the published reconstruction
 * of the forward offset (the formula of the open-source eviltransform/coordtransform projects) is inverted here by
 * fixed-point iteration until the forward offset of the result reproduces the input within 1e-9° (0.1 mm).
 * Outside China's rough bounding box the offset is zero, as in the forward formula.
 *
 * <p>Accuracy is that of the reconstruction, not of the official algorithm, which is not published: the offsets
 * are hundreds of metres and the formula is known to reproduce map providers' own conversions closely, but not to
 * a stated centimetre level. WGS 84 and CGCS2000 differ by centimetres, which is below that, so the result is
 * stored as CGCS2000 as it is.
 */
final class Gcj02 {

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;

    private Gcj02() {
    }

    static boolean outOfChina(double lon, double lat) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    /** WGS 84 → GCJ-02: {lon, lat}. */
    static double[] fromWgs84(double lon, double lat) {
        if (outOfChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double[] d = delta(lon, lat);
        return new double[] {lon + d[0], lat + d[1]};
    }

    /** GCJ-02 → WGS 84: {lon, lat}. */
    static double[] toWgs84(double lon, double lat) {
        if (outOfChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < 30; i++) {
            double[] g = fromWgs84(wLon, wLat);
            double eLon = g[0] - lon;
            double eLat = g[1] - lat;
            if (Math.abs(eLon) < 1e-9 && Math.abs(eLat) < 1e-9) {
                break;
            }
            wLon -= eLon;
            wLat -= eLat;
        }
        return new double[] {wLon, wLat};
    }

    /** Converts every vertex of a lon/lat geometry in place from GCJ-02 to WGS 84. */
    static void toWgs84(Geometry g) {
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double[] w = toWgs84(seq.getX(i), seq.getY(i));
                seq.setOrdinate(i, 0, w[0]);
                seq.setOrdinate(i, 1, w[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        g.geometryChanged();
    }

    private static double[] delta(double lon, double lat) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
                + (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0
                + (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
                + (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        double dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
                + (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0
                + (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
                + (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        double radLat = lat / 180.0 * Math.PI;
        double magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {dLon, dLat};
    }
}
