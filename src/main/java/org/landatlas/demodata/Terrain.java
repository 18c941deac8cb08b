package org.landatlas.demodata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * A synthetic but plausible relief for one county, in local metres: a regional tilt, fractal hills, and river
 * valleys carved along random meandering courses, rescaled so that its range matches the county's real one
 * (e.g. Shangri-La 1,503–5,545 m). Deterministic for a given seed.
 */
public final class Terrain {

    private final CountyCharacter character;
    private final Envelope extent;
    private final int[] perm = new int[512];
    private final List<Coordinate[]> rivers = new ArrayList<>();
    private final double wavelength;
    private final double tiltX;
    private final double tiltY;
    private double scale = 1;
    private double offset = 0;

    Terrain(CountyCharacter character, Envelope extent, long seed) {
        this.character = character;
        this.extent = extent;
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] p = new int[256];
        for (int i = 0; i < 256; i++) {
            p[i] = i;
        }
        for (int i = 255; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        for (int i = 0; i < 512; i++) {
            perm[i] = p[i & 255];
        }
        wavelength = Math.max(extent.getWidth(), extent.getHeight()) / character.reliefWaves();
        double angle = Math.toRadians(character.lowSideBearingDeg());
        // Elevation rises away from the low side.
        tiltX = -Math.sin(angle);
        tiltY = -Math.cos(angle);
        for (int r = 0; r < character.rivers(); r++) {
            rivers.add(meander(rnd, r));
        }
        calibrate();
    }

    /** A river that enters on one side and leaves on the opposite one, meandering, sampled every ~1/60 of the extent. */
    private Coordinate[] meander(SplittableRandom rnd, int index) {
        boolean westEast = (index % 2 == 0) == (extent.getWidth() >= extent.getHeight());
        int n = 60;
        Coordinate[] cs = new Coordinate[n + 1];
        double w = extent.getWidth();
        double h = extent.getHeight();
        double across = 0.2 + 0.6 * rnd.nextDouble();
        double drift = (rnd.nextDouble() - 0.5) * 0.4;
        double phase = rnd.nextDouble() * Math.PI * 2;
        double amp = 0.04 + 0.05 * rnd.nextDouble();
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n;
            double wobble = amp * Math.sin(phase + t * 9) + 0.02 * Math.sin(phase * 2 + t * 23);
            double a = across + drift * t + wobble;
            cs[i] = westEast
                    ? new Coordinate(extent.getMinX() + t * w, extent.getMinY() + a * h)
                    : new Coordinate(extent.getMinX() + a * w, extent.getMinY() + t * h);
        }
        return cs;
    }

    /** Maps the raw field linearly so its 0.5th–99.5th percentiles land on the county's real elevation range. */
    private void calibrate() {
        int n = 120;
        double[] samples = new double[n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = extent.getMinX() + (i + 0.5) * extent.getWidth() / n;
                double y = extent.getMinY() + (j + 0.5) * extent.getHeight() / n;
                samples[k++] = raw(x, y);
            }
        }
        Arrays.sort(samples);
        double lo = samples[(int) (samples.length * 0.005)];
        double hi = samples[(int) (samples.length * 0.995)];
        scale = (character.maxElevation() - character.minElevation()) / (hi - lo);
        offset = character.minElevation() - lo * scale;
    }

    public double elevation(double x, double y) {
        double e = raw(x, y) * scale + offset;
        // Soft clamp: tails beyond the calibrated range compress instead of overshooting the real extremes.
        double min = character.minElevation();
        double max = character.maxElevation();
        if (e < min) {
            e = min - (min - e) * 0.05;
        } else if (e > max) {
            e = max + (e - max) * 0.05;
        }
        return Math.max(min - 15, Math.min(max + 15, e));
    }

    /** Slope in degrees from a central difference over 30 m. */
    public double slopeDeg(double x, double y) {
        double d = 30;
        double dx = (elevation(x + d, y) - elevation(x - d, y)) / (2 * d);
        double dy = (elevation(x, y + d) - elevation(x, y - d)) / (2 * d);
        return Math.toDegrees(Math.atan(Math.hypot(dx, dy)));
    }

    public double riverDistance(double x, double y) {
        double best = Double.MAX_VALUE;
        for (Coordinate[] river : rivers) {
            for (int i = 1; i < river.length; i++) {
                best = Math.min(best, segmentDistance(x, y, river[i - 1], river[i]));
            }
        }
        return best;
    }

    public List<Coordinate[]> rivers() {
        return rivers;
    }

    private double raw(double x, double y) {
        double nx = (x - extent.getMinX()) / Math.max(extent.getWidth(), 1);
        double ny = (y - extent.getMinY()) / Math.max(extent.getHeight(), 1);
        double tilt = (tiltX * (nx - 0.5) + tiltY * (ny - 0.5)) * character.tiltWeight();
        double hills = fbm(x / wavelength, y / wavelength, 6);
        double ridges = 1 - Math.abs(fbm(x / wavelength * 1.7 + 17.3, y / wavelength * 1.7 - 4.1, 4));
        double h = tilt + hills * character.hillWeight() + ridges * ridges * character.ridgeWeight();
        double d = riverDistance(x, y);
        double valley = Math.exp(-(d * d) / (2 * character.valleyWidthM() * character.valleyWidthM()));
        return h - valley * character.valleyDepth();
    }

    private double fbm(double x, double y, int octaves) {
        double sum = 0;
        double amp = 0.5;
        double freq = 1;
        for (int o = 0; o < octaves; o++) {
            sum += amp * noise(x * freq + o * 31.7, y * freq - o * 12.9);
            amp *= 0.5;
            freq *= 2.03;
        }
        return sum;
    }

    /** Value noise with smooth interpolation, in [-1, 1]. */
    private double noise(double x, double y) {
        int xi = (int) Math.floor(x);
        int yi = (int) Math.floor(y);
        double xf = x - xi;
        double yf = y - yi;
        double u = xf * xf * (3 - 2 * xf);
        double v = yf * yf * (3 - 2 * yf);
        double a = lattice(xi, yi);
        double b = lattice(xi + 1, yi);
        double c = lattice(xi, yi + 1);
        double d = lattice(xi + 1, yi + 1);
        return (a + (b - a) * u) + ((c + (d - c) * u) - (a + (b - a) * u)) * v;
    }

    private double lattice(int x, int y) {
        int h = perm[(perm[x & 255] + y) & 511];
        return h / 127.5 - 1;
    }

    private static double segmentDistance(double px, double py, Coordinate a, Coordinate b) {
        double dx = b.x - a.x;
        double dy = b.y - a.y;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((px - a.x) * dx + (py - a.y) * dy) / len2;
        t = Math.max(0, Math.min(1, t));
        double cx = a.x + t * dx - px;
        double cy = a.y + t * dy - py;
        return Math.sqrt(cx * cx + cy * cy);
    }
}
