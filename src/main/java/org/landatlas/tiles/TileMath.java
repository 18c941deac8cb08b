package org.landatlas.tiles;

/** Web Mercator tile arithmetic (XYZ scheme, y down). */
final class TileMath {

    static final int MAX_ZOOM = 22;

    private TileMath() {
    }

    static double lon(int x, int z) {
        return x / Math.pow(2, z) * 360.0 - 180.0;
    }

    static double lat(int y, int z) {
        double n = Math.PI - 2.0 * Math.PI * y / Math.pow(2, z);
        return Math.toDegrees(Math.atan(Math.sinh(n)));
    }

    /** Whether tile z/x/y, widened by its buffer (1/16 of a tile), overlaps the lon/lat box. */
    static boolean overlaps(int z, int x, int y, double[] box) {
        double pad = 1.0 / 16;
        double west = lon(x, z) - pad * 360.0 / Math.pow(2, z);
        double east = lon(x + 1, z) + pad * 360.0 / Math.pow(2, z);
        double north = Math.min(90, lat(y, z) + (lat(y, z) - lat(y + 1, z)) * pad);
        double south = Math.max(-90, lat(y + 1, z) - (lat(y, z) - lat(y + 1, z)) * pad);
        return box[0] <= east && box[2] >= west && box[1] <= north && box[3] >= south;
    }
}
